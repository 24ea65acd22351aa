//go:build lz_sdk

package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

const rootStackType = "pulumi:pulumi:Stack"

// printTree prints the resources as a tree under their components, in registration order: each line is
// the resource's type and name. Resources whose parent was not registered (or is the stack) are roots.
func printTree(w io.Writer, rs []*policy.Resource) {
	byURN := map[string]bool{}
	children := map[string][]*policy.Resource{}
	for _, r := range rs {
		byURN[r.URN] = true
	}
	var roots []*policy.Resource
	for _, r := range rs {
		switch {
		case r.Type == rootStackType:
			continue
		case r.Parent != "" && byURN[r.Parent] && !strings.Contains(r.Parent, "::"+rootStackType+"::"):
			children[r.Parent] = append(children[r.Parent], r)
		default:
			roots = append(roots, r)
		}
	}
	var walk func(r *policy.Resource, prefix string, last bool)
	walk = func(r *policy.Resource, prefix string, last bool) {
		branch, next := "├─ ", "│  "
		if last {
			branch, next = "└─ ", "   "
		}
		line := r.Type + "  " + r.Name
		if n := countBelow(r.URN, children); n > 0 {
			line += fmt.Sprintf("  (%d resources)", n)
		}
		fmt.Fprintln(w, prefix+branch+line)
		kids := children[r.URN]
		for i, k := range kids {
			walk(k, prefix+next, i == len(kids)-1)
		}
	}
	for i, r := range roots {
		walk(r, "", i == len(roots)-1)
	}
}

func countBelow(urn string, children map[string][]*policy.Resource) int {
	n := 0
	for _, k := range children[urn] {
		n += 1 + countBelow(k.URN, children)
	}
	return n
}
