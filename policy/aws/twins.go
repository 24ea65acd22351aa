package aws

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// twinJudged is a stack rule's verdict on what its resource-level twin (rule ID twin) reports: not
// applicable here, naming the resources, so that one fault gives one finding and the finding names the
// resource to change. what names the kind of resource ("public access block").
func twinJudged(what, twin string, rs []*policy.Resource) policy.Result {
	names := make([]string, 0, len(rs))
	for _, r := range rs {
		names = append(names, r.Name)
	}
	return policy.NotApplicable("%s %s is judged before create by %s, which names it", what, strings.Join(names, ", "), twin)
}

// twinSplit splits rs into those the twin check passes or leaves to the stack rule (status pass or not
// applicable) and those it reports (fail, unknown, error).
func twinSplit(rs []*policy.Resource, check func(r *policy.Resource) policy.Result) (mine, twin []*policy.Resource) {
	for _, r := range rs {
		switch check(r).Status {
		case policy.StatusPass, policy.StatusNotApplicable:
			mine = append(mine, r)
		default:
			twin = append(twin, r)
		}
	}
	return mine, twin
}
