package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// enabledLogs reads a diagnostic setting's logs[]: the enabled categories and category groups, folded to
// lower case. k is Unknown when the list or an entry is computed.
func enabledLogs(r *policy.Resource) (cats, groups map[string]bool, k policy.Known) {
	cats, groups = map[string]bool{}, map[string]bool{}
	logs, lk := list(r.Get("logs"))
	if lk == policy.Unknown {
		return cats, groups, policy.Unknown
	}
	k = policy.Present
	for _, l := range logs {
		on, ek := policy.Bool(at(l, "enabled"))
		c, ck := str(l, "category")
		g, gk := str(l, "categoryGroup")
		if l.IsComputed() || ek == policy.Unknown || ck == policy.Unknown || gk == policy.Unknown {
			k = policy.Unknown
			continue
		}
		if !on {
			continue
		}
		if ck == policy.Present && c != "" {
			cats[strings.ToLower(c)] = true
		}
		if gk == policy.Present && g != "" {
			groups[strings.ToLower(g)] = true
		}
	}
	return cats, groups, k
}

// missingLogs returns the required categories a setting does not enable, unless one of the accepted
// category groups is enabled.
func missingLogs(cats, groups map[string]bool, required []string, acceptGroups ...string) []string {
	for _, g := range acceptGroups {
		if groups[strings.ToLower(g)] {
			return nil
		}
	}
	var out []string
	for _, c := range required {
		if !cats[strings.ToLower(c)] {
			out = append(out, c)
		}
	}
	return out
}

// hasWorkspace checks a diagnostic setting's workspaceId: a computed value comes from the workspace
// resource and counts as set.
func hasWorkspace(r *policy.Resource) bool {
	v := r.Get("workspaceId")
	if v.IsComputed() {
		return true
	}
	s, k := policy.Str(v)
	return k == policy.Present && s != ""
}
