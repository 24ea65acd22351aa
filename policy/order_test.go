package policy

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// referenceOrder is how Evaluate ordered findings before the integer keys: drop repeats of (rule, URN,
// message, status), keeping the first, then sort by rule, URN, message, status and resource name.
func referenceOrder(fs []Finding) []Finding {
	type key struct {
		rule, urn, msg string
		status         Status
	}
	seen := map[key]bool{}
	var out []Finding
	for _, f := range fs {
		k := key{f.RuleID, f.URN, f.Message, f.Status}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.RuleID, b.RuleID), cmp.Compare(a.URN, b.URN), cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Status, b.Status), cmp.Compare(a.ResourceName, b.ResourceName))
	})
	return out
}

// The ordering's dedupe and sort give what the reference gives, with repeated URNs among the resources,
// findings on URNs no resource has (and the stack as a whole), several findings of one rule on one URN,
// repeats, and messages changed between dedupe and sort (as an expired waiver's note changes them).
func TestOrderingMatchesReference(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(1, 17))
	for round := range 200 {
		var live []*Resource
		for i := range 1 + rnd.IntN(20) {
			live = append(live, &Resource{URN: fmt.Sprintf("urn:%02d", rnd.IntN(15)), Name: fmt.Sprintf("n%d", i)})
		}
		rules := make([]Rule, 1+rnd.IntN(5))
		for i := range rules {
			rules[i].ID = fmt.Sprintf("R-%d", rnd.IntN(6))
		}
		stackRules := make([]StackRule, rnd.IntN(4))
		for i := range stackRules {
			stackRules[i].ID = fmt.Sprintf("S-%d", rnd.IntN(3))
		}
		o := newOrdering(live, rules, stackRules, 0)
		var fs []Finding
		for range rnd.IntN(120) {
			f := Finding{Status: Statuses()[rnd.IntN(3)], Message: fmt.Sprintf("m%d", rnd.IntN(3))}
			var ruleRank int32
			if len(stackRules) > 0 && rnd.IntN(3) == 0 {
				i := rnd.IntN(len(stackRules))
				f.RuleID, ruleRank = stackRules[i].ID, o.rule[len(rules)+i]
				switch rnd.IntN(3) {
				case 0:
					f.URN = ""
				case 1:
					f.URN = fmt.Sprintf("urn:x%d", rnd.IntN(3))
				default:
					f.URN = live[rnd.IntN(len(live))].URN
				}
				f.ResourceName = fmt.Sprintf("n%d", rnd.IntN(3))
				fs = append(fs, f)
				o.add(ruleRank, o.urnRank(f.URN))
				continue
			}
			i, li := rnd.IntN(len(rules)), rnd.IntN(len(live))
			f.RuleID, f.URN, f.ResourceName = rules[i].ID, live[li].URN, live[li].Name
			fs = append(fs, f)
			o.add(o.rule[i], o.res[li])
		}
		deduped := o.dedupe(slices.Clone(fs))
		want := referenceOrder(fs)
		// Change some messages after dedupe, as applying waivers does, in both.
		wantMsgs := map[string]string{}
		for i := range deduped {
			if rnd.IntN(4) == 0 {
				old := deduped[i].Message
				deduped[i].Message += " (waiver expired)"
				wantMsgs[deduped[i].RuleID+"|"+deduped[i].URN+"|"+old+"|"+string(deduped[i].Status)] = deduped[i].Message
			}
		}
		for i := range want {
			if m, ok := wantMsgs[want[i].RuleID+"|"+want[i].URN+"|"+want[i].Message+"|"+string(want[i].Status)]; ok {
				want[i].Message = m
			}
		}
		want = referenceOrder(want)
		require.Equal(t, want, o.sorted(deduped), "round %d", round)
	}
}
