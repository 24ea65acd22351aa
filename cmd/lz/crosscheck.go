package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/netplan"
)

// loadedStack is a valid stack and the file it came from.
type loadedStack struct {
	path string
	s    *config.Stack
}

func countLandingZones(stacks []loadedStack) int {
	seen := map[string]bool{}
	for _, st := range stacks {
		seen[st.s.LandingZone] = true
	}
	return len(seen)
}

// crossCheck checks valid stacks against each other and returns one line per problem, prefixed with the
// file it is about (dir for a problem of a whole landing zone):
//
//   - the stacks of a landing zone agree on cloud, region, supernet, external ranges and flows (each is
//     compared with the landing zone's foundation, or its first stack when it has none);
//   - a landing zone has exactly one foundation, at most one stack per tier, and its tier stacks'
//     foundationStack names that foundation;
//   - the supernets of different landing zones do not overlap, and an external range of kind landingzone
//     named after a landing zone holds exactly that landing zone's supernet.
func crossCheck(dir string, stacks []loadedStack) []string {
	byLZ := map[string][]loadedStack{}
	var names []string
	for _, st := range stacks {
		lz := st.s.LandingZone
		if _, ok := byLZ[lz]; !ok {
			names = append(names, lz)
		}
		byLZ[lz] = append(byLZ[lz], st)
	}
	slices.Sort(names)

	var out []string
	problem := func(path, key, value, msg string) {
		e := &config.FieldError{Path: key, Value: value, Msg: msg}
		out = append(out, path+": "+e.Error())
	}
	refs := map[string]loadedStack{}
	for _, lz := range names {
		group := byLZ[lz]
		var foundations []loadedStack
		for _, st := range group {
			if st.s.Role == config.RoleFoundation {
				foundations = append(foundations, st)
			}
		}
		ref := group[0]
		switch len(foundations) {
		case 0:
			out = append(out, fmt.Sprintf("%s: landing zone %q has no foundation stack: allowed exactly one stack with %s:%s foundation",
				dir, lz, config.Namespace, config.KeyRole))
		default:
			ref = foundations[0]
			for _, extra := range foundations[1:] {
				problem(extra.path, qualify(config.KeyRole), string(config.RoleFoundation),
					fmt.Sprintf("is a second foundation of landing zone %s (the first is %s): allowed exactly one foundation per landing zone", lz, ref.path))
			}
		}
		refs[lz] = ref
		sameMsg := fmt.Sprintf("in %s: allowed the same value in every stack of landing zone %s", ref.path, lz)
		tiers := map[string]string{}
		for _, st := range group {
			if st.s.Role == config.RoleTier {
				if first, dup := tiers[string(st.s.Tier)]; dup {
					problem(st.path, qualify(config.KeyTier), string(st.s.Tier),
						fmt.Sprintf("is already deployed by %s: allowed one stack per tier in landing zone %s", first, lz))
				} else {
					tiers[string(st.s.Tier)] = st.path
				}
				if len(foundations) > 0 {
					want := foundations[0].s.Name
					if parts := strings.Split(st.s.FoundationStack, "/"); parts[len(parts)-1] != want {
						problem(st.path, qualify(config.KeyFoundationStack), st.s.FoundationStack,
							fmt.Sprintf("does not name the foundation of landing zone %s (%s): allowed organization/project/%s", lz, foundations[0].path, want))
					}
				}
			}
			if st.path == ref.path {
				continue
			}
			for _, c := range []struct {
				key         string
				here, there string
			}{
				{config.KeyCloud, string(st.s.Cloud), string(ref.s.Cloud)},
				{config.KeyRegion, st.s.Region, ref.s.Region},
				{config.KeySupernet, st.s.Supernet.String(), ref.s.Supernet.String()},
			} {
				if c.here != c.there {
					problem(st.path, qualify(c.key), c.here, fmt.Sprintf("differs from %q %s", c.there, sameMsg))
				}
			}
			out = append(out, compareLists(st.path, config.KeyExternalRanges, externalElems(st.s), externalElems(ref.s), ref.path, lz)...)
			out = append(out, compareLists(st.path, config.KeyFlows, flowElems(st.s), flowElems(ref.s), ref.path, lz)...)
		}
	}
	for _, lz := range names {
		ref := refs[lz]
		for i, x := range ref.s.ExternalRanges {
			other, ok := refs[x.Name]
			if x.Kind != netplan.ExternalLandingZone || !ok || x.Name == lz || x.CIDR == other.s.Supernet {
				continue
			}
			problem(ref.path, fmt.Sprintf("%s[%d].cidr", qualify(config.KeyExternalRanges), i), x.CIDR.String(),
				fmt.Sprintf("is not the supernet of landing zone %s (%s): allowed %s", x.Name, other.path, other.s.Supernet))
		}
	}
	for i, a := range names {
		for _, b := range names[i+1:] {
			ra, rb := refs[a], refs[b]
			if netplan.Overlaps(ra.s.Supernet, rb.s.Supernet) {
				problem(ra.path, qualify(config.KeySupernet), ra.s.Supernet.String(),
					fmt.Sprintf("overlaps the supernet %s of landing zone %s (%s): allowed supernets that do not overlap", rb.s.Supernet, b, rb.path))
			}
		}
	}
	return out
}

func qualify(key string) string { return config.Namespace + ":" + key }

// elem is one element of a structured value, as compared across stacks: its summary and, for flows, its
// reason (compared separately so that messages stay short).
type elem struct{ summary, reason string }

// compareLists reports the first difference between two lists of elements, keyed to the element.
func compareLists(path, key string, here, there []elem, refPath, lz string) []string {
	msg := fmt.Sprintf("in %s: allowed the same %s in every stack of landing zone %s", refPath, key, lz)
	line := func(k, value, m string) []string {
		e := &config.FieldError{Path: k, Value: value, Msg: m}
		return []string{path + ": " + e.Error()}
	}
	for i := range min(len(here), len(there)) {
		k := fmt.Sprintf("%s[%d]", qualify(key), i)
		switch {
		case here[i].summary != there[i].summary:
			return line(k, here[i].summary, fmt.Sprintf("differs from %q %s", there[i].summary, msg))
		case here[i].reason != there[i].reason:
			return line(k+".reason", here[i].reason, fmt.Sprintf("differs from %q %s", there[i].reason, msg))
		}
	}
	switch {
	case len(here) > len(there):
		return line(fmt.Sprintf("%s[%d]", qualify(key), len(there)), here[len(there)].summary, "is not declared "+msg)
	case len(here) < len(there):
		return line(fmt.Sprintf("%s[%d]", qualify(key), len(here)), "", fmt.Sprintf("missing: %q is declared %s", there[len(here)].summary, msg))
	}
	return nil
}

func externalElems(s *config.Stack) []elem {
	out := make([]elem, len(s.ExternalRanges))
	for i, x := range s.ExternalRanges {
		out[i] = elem{summary: fmt.Sprintf("%s %s %s", x.Name, x.Kind, x.CIDR)}
	}
	return out
}

func flowElems(s *config.Stack) []elem {
	out := make([]elem, len(s.Flows))
	for i, f := range s.Flows {
		out[i] = elem{summary: f.String(), reason: f.Reason}
	}
	return out
}
