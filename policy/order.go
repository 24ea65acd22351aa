package policy

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
)

// ordering deduplicates and sorts one evaluation's findings by (rule ID, URN, message, status, resource
// name) without moving the findings more than once or comparing strings in the common case: each finding
// gets a small key holding the rank of its rule's ID among the rules and of its URN among the resources'
// URNs, so the keys sort on integers, and strings are compared only between findings of one rule on one
// URN (a stack rule's several results on one resource) or on a URN no resource has.
type ordering struct {
	// rule[i] ranks the ID of rule i: the resource rules first, then the stack rules.
	rule []int32
	// res[i] ranks the URN of live resource i.
	res []int32
	// ranks ranks every resource URN; byURN is the resources by URN (the last of a repeated URN, as a map
	// built in order would hold).
	ranks map[string]int32
	byURN map[string]*Resource
	keys  []orderKey
}

// orderKey is one finding's place: its rule's rank, its URN's rank (noRank: not a resource URN, compare
// the strings) and its index among the findings.
type orderKey struct{ rule, urn, idx int32 }

const noRank = -1

func newOrdering(live []*Resource, rules []Rule, stackRules []StackRule, findings int) *ordering {
	o := &ordering{keys: make([]orderKey, 0, findings+len(stackRules))}
	ids := make([]string, 0, len(rules)+len(stackRules))
	for i := range rules {
		ids = append(ids, rules[i].ID)
	}
	for i := range stackRules {
		ids = append(ids, stackRules[i].ID)
	}
	o.rule = rankStrings(ids)
	urns := make([]string, len(live))
	o.byURN = make(map[string]*Resource, len(live))
	for i, r := range live {
		urns[i] = r.URN
		o.byURN[r.URN] = r
	}
	o.res = rankStrings(urns)
	o.ranks = make(map[string]int32, len(o.byURN))
	for i, r := range live {
		o.ranks[r.URN] = o.res[i]
	}
	return o
}

// rankStrings returns, for each string, its rank among the distinct strings in order.
func rankStrings(ss []string) []int32 {
	idx := make([]int32, len(ss))
	for i := range idx {
		idx[i] = int32(i) //nolint:gosec // a slice of findings or resources is far below 2^31
	}
	slices.SortFunc(idx, func(a, b int32) int { return strings.Compare(ss[a], ss[b]) })
	out := make([]int32, len(ss))
	var rank int32 = -1
	for k, i := range idx {
		if k == 0 || ss[i] != ss[idx[k-1]] {
			rank++
		}
		out[i] = rank
	}
	return out
}

func (o *ordering) urnRank(urn string) int32 {
	if r, ok := o.ranks[urn]; ok {
		return r
	}
	return noRank
}

// add records the key of the next finding.
func (o *ordering) add(rule, urn int32) {
	o.keys = append(o.keys, orderKey{rule: rule, urn: urn, idx: int32(len(o.keys))}) //nolint:gosec // see rankStrings
}

// compareRuleURN orders two keys by rule ID, then URN.
func compareRuleURN(fs []Finding, a, b orderKey) int {
	if c := cmp.Compare(a.rule, b.rule); c != 0 {
		return c
	}
	if a.urn != noRank && b.urn != noRank {
		return cmp.Compare(a.urn, b.urn)
	}
	return strings.Compare(fs[a.idx].URN, fs[b.idx].URN)
}

// sortKeys sorts the keys by rule, URN, message, status and index, a total order. The keys on resource
// URNs (nearly all) are sorted by rule and URN rank in linear time, two stable counting passes, and only
// runs of one rule on one URN are compared further; the keys on other URNs (the stack as a whole, a URN no
// resource has) are sorted by comparison and merged in.
func (o *ordering) sortKeys(fs []Finding) {
	full := func(a, b orderKey) int {
		if c := compareRuleURN(fs, a, b); c != 0 {
			return c
		}
		fa, fb := &fs[a.idx], &fs[b.idx]
		return cmp.Or(strings.Compare(fa.Message, fb.Message), cmp.Compare(fa.Status, fb.Status), cmp.Compare(a.idx, b.idx))
	}
	ranked := make([]orderKey, 0, len(o.keys))
	var unranked []orderKey
	var maxRule, maxURN int32
	for _, k := range o.keys {
		if k.urn == noRank {
			unranked = append(unranked, k)
			continue
		}
		ranked = append(ranked, k)
		maxRule, maxURN = max(maxRule, k.rule), max(maxURN, k.urn)
	}
	tmp := make([]orderKey, len(ranked))
	countingSort(tmp, ranked, maxURN, func(k orderKey) int32 { return k.urn })
	countingSort(ranked, tmp, maxRule, func(k orderKey) int32 { return k.rule })
	for start := 0; start < len(ranked); {
		end := start + 1
		for end < len(ranked) && ranked[end].rule == ranked[start].rule && ranked[end].urn == ranked[start].urn {
			end++
		}
		if end-start > 1 {
			slices.SortFunc(ranked[start:end], full)
		}
		start = end
	}
	slices.SortFunc(unranked, full)
	out := o.keys[:0]
	i, j := 0, 0
	for i < len(ranked) && j < len(unranked) {
		if full(ranked[i], unranked[j]) < 0 {
			out = append(out, ranked[i])
			i++
		} else {
			out = append(out, unranked[j])
			j++
		}
	}
	out = append(out, ranked[i:]...)
	out = append(out, unranked[j:]...)
	o.keys = out
}

// countingSort writes src to dst ordered by field (0..maxValue), keeping the order of equal keys.
func countingSort(dst, src []orderKey, maxValue int32, field func(orderKey) int32) {
	at := make([]int, maxValue+2)
	for _, k := range src {
		at[field(k)+1]++
	}
	for v := 1; v < len(at); v++ {
		at[v] += at[v-1]
	}
	for _, k := range src {
		dst[at[field(k)]] = k
		at[field(k)]++
	}
}

// dedupe drops repeated findings (the same rule, resource, status and message), which tier groups give
// for the resources they share, keeping the first of each and the others' order.
func (o *ordering) dedupe(fs []Finding) []Finding {
	o.sortKeys(fs)
	var drop []bool
	for k := 1; k < len(o.keys); k++ {
		a, b := o.keys[k-1], o.keys[k]
		if compareRuleURN(fs, a, b) == 0 && fs[a.idx].Message == fs[b.idx].Message && fs[a.idx].Status == fs[b.idx].Status {
			if drop == nil {
				drop = make([]bool, len(fs))
			}
			drop[b.idx] = true
			// The key of the first of a run stays at k-1; compare the rest of the run with it.
			o.keys[k] = a
		}
	}
	if drop == nil {
		return fs
	}
	newIdx := make([]int32, len(fs))
	out := fs[:0]
	for i := range fs {
		newIdx[i] = int32(len(out)) //nolint:gosec // see rankStrings
		if !drop[i] {
			out = append(out, fs[i])
		}
	}
	keys := o.keys[:0]
	prev := orderKey{idx: -1}
	for _, key := range o.keys {
		// A dropped finding's slot holds a copy of the kept key; keep each kept index once.
		if key == prev {
			continue
		}
		prev = key
		key.idx = newIdx[key.idx]
		keys = append(keys, key)
	}
	o.keys = keys
	return out
}

// sorted puts fs (deduplicated, waivers applied) in order: rule ID, URN, message, status, resource name,
// a total order once repeats are gone. The keys are in order by rule and URN already; only runs of one
// rule on one URN are sorted again, since applying waivers may have changed their messages.
func (o *ordering) sorted(fs []Finding) []Finding {
	keys := o.keys
	for start := 0; start < len(keys); {
		end := start + 1
		for end < len(keys) && compareRuleURN(fs, keys[start], keys[end]) == 0 {
			end++
		}
		if end-start > 1 {
			slices.SortFunc(keys[start:end], func(a, b orderKey) int {
				fa, fb := &fs[a.idx], &fs[b.idx]
				return cmp.Or(strings.Compare(fa.Message, fb.Message), cmp.Compare(fa.Status, fb.Status),
					strings.Compare(fa.ResourceName, fb.ResourceName))
			})
		}
		start = end
	}
	// Permute in place, one cycle at a time: position i takes the finding at keys[i].idx.
	for i := range keys {
		if keys[i].idx < 0 {
			continue
		}
		tmp := fs[i]
		j := int32(i) //nolint:gosec // see rankStrings
		for {
			k := keys[j].idx
			keys[j].idx = -1
			if k == int32(i) { //nolint:gosec // see rankStrings
				fs[j] = tmp
				break
			}
			fs[j] = fs[k]
			j = k
		}
	}
	return fs
}

// notApplicableMessages holds, per rule and tier, the message of a rule that does not apply to a tier,
// so each is written once per evaluation rather than once per resource.
type notApplicableMessages map[naKey]string

type naKey struct {
	m *Meta
	t tier.Tier
}

func (na notApplicableMessages) message(m *Meta, t tier.Tier) string {
	k := naKey{m, t}
	s, ok := na[k]
	if !ok {
		s = notApplicableTiers(m, t)
		na[k] = s
	}
	return s
}

func notApplicableTiers(m *Meta, t tier.Tier) string {
	return fmt.Sprintf("rule applies to tiers %v, not %s", m.Tiers, t)
}
