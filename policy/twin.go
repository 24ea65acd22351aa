package policy

import "strings"

// JudgedByTwin is a stack rule's verdict on resources whose faults its resource-level twin (the rule with
// ID twin) reports: not applicable here, naming the resources and the twin. The engine runs resource rules
// before it creates a resource and stack rules only after every step of an update, so the part of a stack
// rule's verdict that is about one resource's own settings lives in the twin; the stack rule leaves it
// there, so that one fault gives one finding and that finding names the resource to change. what names
// the kind of resource ("public access block").
func JudgedByTwin(what, twin string, rs []*Resource) Result {
	names := make([]string, 0, len(rs))
	for _, r := range rs {
		names = append(names, r.Name)
	}
	return NotApplicable("%s %s is judged before create by %s, which names it", what, strings.Join(names, ", "), twin)
}

// SplitByTwin splits rs into those the twin's check passes or leaves to the stack rule (pass or not
// applicable) and those it reports (fail, unknown or error), for JudgedByTwin.
func SplitByTwin(rs []*Resource, check func(r *Resource) Result) (mine, twin []*Resource) {
	for _, r := range rs {
		switch check(r).Status {
		case StatusPass, StatusNotApplicable:
			mine = append(mine, r)
		default:
			twin = append(twin, r)
		}
	}
	return mine, twin
}
