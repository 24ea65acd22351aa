//go:build lz_sdk

package main

import (
	"fmt"

	"github.com/policecloud/landingzones/components/config"
)

// scopedFiles maps the scopes of the accreditor's files of one kind (waiver files, attestation files) to
// the files, so that each stack gets the one file scoped to it or to its landing zone.
type scopedFiles struct {
	// kind names the files in messages ("waiver file").
	kind    string
	byScope map[string]string
	used    map[string]bool
}

func newScopedFiles(kind string) *scopedFiles {
	return &scopedFiles{kind: kind, byScope: map[string]string{}, used: map[string]bool{}}
}

// add records file as the file of scope; a second file for the same scope is a problem.
func (s *scopedFiles) add(scope, file string) (problem string) {
	if first, dup := s.byScope[scope]; dup {
		return fmt.Sprintf("%s: scope: %q is already the scope of %s: allowed one %s per stack or landing zone", file, scope, first, s.kind)
	}
	s.byScope[scope] = file
	return ""
}

// forStack returns the file for st: the one scoped to the stack or to its landing zone (both is a
// problem), or "" for none. It records the stack and landing zone as seen.
func (s *scopedFiles) forStack(st *config.Stack) (file, problem string) {
	s.used[st.Name], s.used[st.LandingZone] = true, true
	file = s.byScope[st.Name]
	if lzf, ok := s.byScope[st.LandingZone]; ok {
		if file != "" {
			return "", fmt.Sprintf("%s: scope: stack %s is also covered by %s (landing zone %s): allowed one %s per stack", file, st.Name, lzf, st.LandingZone, s.kind)
		}
		file = lzf
	}
	return file, ""
}

// unused returns a problem for every file whose scope is neither a stack nor a landing zone seen.
func (s *scopedFiles) unused(dir string) []string {
	var out []string
	for scope, f := range s.byScope {
		if !s.used[scope] {
			out = append(out, fmt.Sprintf("%s: scope: %q is neither a stack nor a landing zone in %s", f, scope, dir))
		}
	}
	return out
}
