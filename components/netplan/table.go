package netplan

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"text/tabwriter"
)

// Table renders the plan as an aligned text table, one line per range, role block, subnet and reserved
// block, for reviewers and for `lz validate`. Columns are RANGE, ROLE, AZ, CIDR and ADDRESSES. The AZ
// column holds "-" for a whole range or reserved block, "block" for a per-AZ role's whole block (its
// allocated subnets plus spare AZ slots), the zero-based AZ index for a per-AZ subnet, and "regional" for
// a single regional subnet. The output is deterministic and ends with a newline.
func (p Plan) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "supernet %s (%s addresses)", p.Supernet, addresses(p.Supernet))
	var azs []string
	for _, r := range p.Ranges() {
		azs = append(azs, fmt.Sprintf("%s %d", r.Name, r.AZs))
	}
	fmt.Fprintf(&b, "; availability zones: %s\n\n", strings.Join(azs, ", "))

	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	row := func(cols ...string) { fmt.Fprintln(w, strings.Join(cols, "\t")) }
	row("RANGE", "ROLE", "AZ", "CIDR", "ADDRESSES")
	for _, r := range p.Ranges() {
		row(r.Name, "(range)", "-", r.CIDR.String(), addresses(r.CIDR))
		for _, role := range rangeRoles(r) {
			subnets := r.SubnetsFor(role)
			block, hasBlock := r.Blocks[role]
			regional := len(subnets) == 1 && subnets[0].CIDR == block && !role.PerAZ()
			if hasBlock && !regional {
				row(r.Name, string(role), "block", block.String(), addresses(block))
			}
			for _, s := range subnets {
				az := fmt.Sprint(s.AZ)
				if regional {
					az = "regional"
				}
				row(r.Name, string(role), az, s.CIDR.String(), addresses(s.CIDR))
			}
		}
		if r.Reserved.IsValid() {
			row(r.Name, "reserved", "-", r.Reserved.String(), addresses(r.Reserved))
		}
	}
	_ = w.Flush()
	return b.String()
}

// rangeRoles returns the roles of a range: those of its subnets in order of first appearance, then any
// block without subnets, sorted.
func rangeRoles(r Range) []Role {
	var roles []Role
	for _, s := range r.Subnets {
		if !slices.Contains(roles, s.Role) {
			roles = append(roles, s.Role)
		}
	}
	var extra []Role
	for role := range r.Blocks {
		if !slices.Contains(roles, role) {
			extra = append(extra, role)
		}
	}
	slices.Sort(extra)
	return append(roles, extra...)
}

// addresses returns how many addresses an IPv4 prefix holds, or "-" for anything else.
func addresses(p netip.Prefix) string {
	if !p.IsValid() || !p.Addr().Is4() {
		return "-"
	}
	return fmt.Sprint(uint64(1) << (32 - p.Bits()))
}
