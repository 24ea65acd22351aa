package aws

import (
	"fmt"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

const netBronzeNACLRequired = "bronze network ACLs must be associated with subnets, allow only bronze's own range " +
	"and the ranges of its declared flows, and deny all traffic to and from the Platinum and Gold ranges"

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-010",
		Title: "Bronze network ACLs allow only declared flow ranges and explicitly deny Platinum and Gold",
		Description: "Network ACLs are Bronze's stateless subnet firewall, independent of routes and security " +
			"groups. Every allow entry must stay inside Bronze's range or the far end of a declared flow (either " +
			"direction, since return traffic needs its own entry), and explicit deny-all entries for the " +
			"Platinum and Gold ranges, inbound and outbound, show the firewalling from Gold and Platinum in the " +
			"configuration itself. Each Bronze VPC needs such an ACL, associated with its subnets.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"3", "11"},
		Tiers:       tier.IsolatedTiers(),
		ResourceTypes: []string{
			typeEC2Vpc,
			typeEC2NetworkACL,
			typeEC2NetworkACLRule,
			typeEC2NetworkACLAssociation,
		},
		Reads: netReads(netReadsOnly(typeEC2NetworkACL, netReadsACL("ingress", "egress")), policy.Reads(typeEC2NetworkACL, "vpcId", "subnetIds"), policy.Reads(typeEC2NetworkACLRule, "networkAclId"), policy.Reads(typeEC2NetworkACLAssociation, "networkAclId")),
		Remediation: "In the Bronze stack give each aws:ec2/vpc:Vpc an aws:ec2/networkAcl:NetworkAcl (`vpcId` = the VPC's " +
			"ID) with `subnetIds` set (or aws:ec2/networkAclAssociation:NetworkAclAssociation resources). Its " +
			"allow entries (inline `ingress[]` / `egress[]` with `action: allow`, or " +
			"aws:ec2/networkAclRule:NetworkAclRule with `ruleAction: allow` and `networkAclId` = the ACL's ID) " +
			"may name only `cidrBlock`s inside Bronze's range or a declared flow's far end. Add deny entries " +
			"with `protocol: \"-1\"` whose `cidrBlock` covers the whole Platinum range and the whole Gold range, " +
			"in both `ingress` and `egress`, numbered after the declared flows' allow entries.",
		Waivable: false,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		acls := []string{typeEC2NetworkACL}
		switch {
		case ctx.Tier == "" && netStackRole(ctx) == netRoleFoundation:
			return netEach(rs, policy.NotApplicable("foundation stack; bronze's network ACLs live in the bronze tier stack"), acls...)
		case !tier.IsIsolated(ctx.Tier):
			return netEach(rs, policy.Undecided("the stack's tier is not known; %s", netBronzeNACLRequired), acls...)
		}
		// Without the address plan, a VPC without its own ACL, an ACL on no subnet and an allow for
		// anywhere are still decided; the ranges of the other entries stay open.
		n := ctx.Network
		var out []policy.Result
		linked := map[string]bool{}
		for _, acl := range netOfType(rs, typeEC2NetworkACL) {
			rules := policy.Referrers(rs, typeEC2NetworkACLRule, "networkAclId", acl)
			for _, r := range rules {
				linked[r.URN] = true
			}
			out = append(out, netWithURN(netCheckBronzeACL(n, rs, acl, rules), acl.URN))
		}
		for _, r := range netOfType(rs, typeEC2NetworkACLRule) {
			if !linked[r.URN] {
				out = append(out, netWithURN(netCheckBronzeACLRule(n, r), r.URN))
			}
		}
		for _, vpc := range netOfType(rs, typeEC2Vpc) {
			if len(policy.Referrers(rs, typeEC2NetworkACL, "vpcId", vpc)) > 0 {
				continue
			}
			if unlinked := netUnlinked(rs, typeEC2NetworkACL, "vpcId"); len(unlinked) > 0 {
				out = append(out, netWithURN(policy.Undecided("no network ACL is linked to this VPC and the vpcId of %s "+
					"is computed; %s", netNames(unlinked), netBronzeNACLRequired), vpc.URN))
				continue
			}
			out = append(out, netWithURN(policy.Fail("bronze VPC has no network ACL of its own, so its subnets use the "+
				"default ACL that allows everything; %s", netBronzeNACLRequired), vpc.URN))
		}
		return out
	},
})

// netCheckBronzeACL decides one Bronze NetworkAcl with its separate NetworkAclRule entries.
func netCheckBronzeACL(n *policy.Network, rs []*policy.Resource, acl *policy.Resource, rules []*policy.Resource) policy.Result {
	var entries []netACLEntry
	for _, dir := range []string{"ingress", "egress"} {
		es, known := netInlineACL(acl, dir)
		if !known {
			return policy.Undecided("%s is computed; %s", dir, netBronzeNACLRequired)
		}
		entries = append(entries, es...)
	}
	for _, r := range rules {
		e := netACLRule(r)
		dir := "ingress"
		if e.egress {
			dir = "egress"
		}
		e.where = fmt.Sprintf("%s rule %s", dir, r.Name)
		entries = append(entries, e)
	}
	bad, unknown := netBronzeACLAllows(n, entries)
	allows := 0
	for _, e := range entries {
		if e.action == "allow" {
			allows++
		}
	}
	// Explicit deny-all entries for Platinum and Gold, both directions.
	var covered []string
	for _, name := range netPlanTiers(n) {
		rng, ok := n.RangeCIDR(string(name))
		if !ok {
			continue
		}
		covered = append(covered, fmt.Sprintf("%s %s", name.Title(), rng))
		for _, egress := range []bool{false, true} {
			found, maybe := false, false
			for _, e := range entries {
				if e.action == "allow" || (e.egress != egress && e.unknown != "egress") {
					continue
				}
				p, ok := netParsePrefix(e.cidr)
				switch {
				case e.unknown != "" || (e.action == "deny" && e.protoUnknown):
					maybe = true
				case e.action == "deny" && ok && policy.PrefixWithin(rng, p) && e.proto == "all":
					found = true
				}
			}
			dir := "ingress"
			if egress {
				dir = "egress"
			}
			switch {
			case found:
			case maybe:
				unknown = append(unknown, fmt.Sprintf("whether an %s deny-all entry covers %s %s is not yet known", dir, name.Title(), rng))
			default:
				bad = append(bad, fmt.Sprintf("no %s deny-all entry covers %s %s", dir, name.Title(), rng))
			}
		}
	}
	switch assoc, k := netACLAssociated(rs, acl); {
	case k == policy.Unknown:
		unknown = append(unknown, "its subnetIds are computed")
	case !assoc:
		bad = append(bad, "it is associated with no subnet")
	}
	switch {
	case len(bad) > 0:
		return policy.Fail("network ACL %s: %s; %s", acl.Name, netJoin(bad), netBronzeNACLRequired)
	case len(unknown) > 0:
		return policy.Undecided("network ACL %s: %s; %s", acl.Name, netJoin(unknown), netBronzeNACLRequired)
	case n == nil:
		return netNoNetwork(netBronzeNACLRequired)
	}
	return policy.Pass("network ACL %s: %s stay inside bronze and its declared flows, and deny-all entries cover %s "+
		"in both directions", acl.Name, netPlural(allows, "allow entry", "allow entries"), netAnd(covered))
}

// netCheckBronzeACLRule decides a NetworkAclRule whose ACL is not in the stack (its allow range only).
func netCheckBronzeACLRule(n *policy.Network, r *policy.Resource) policy.Result {
	e := netACLRule(r)
	e.where = "rule"
	bad, unknown := netBronzeACLAllows(n, []netACLEntry{e})
	switch {
	case len(bad) > 0:
		return policy.Fail("%s; %s", netJoin(bad), netBronzeNACLRequired)
	case len(unknown) > 0:
		return policy.Undecided("%s; %s", netJoin(unknown), netBronzeNACLRequired)
	case n == nil:
		return netNoNetwork(netBronzeNACLRequired)
	}
	return policy.Pass("rule stays inside bronze and its declared flows (its network ACL is not in this stack)")
}

// netBronzeACLAllows judges the allow entries of a Bronze ACL.
func netBronzeACLAllows(n *policy.Network, entries []netACLEntry) (bad, unknown []string) {
	for _, e := range entries {
		switch {
		case e.action == "deny":
		case e.unknown != "":
			unknown = append(unknown, fmt.Sprintf("%s %s is computed", e.where, e.unknown))
		case e.action == "allow":
			p, ok := netParsePrefix(e.cidr)
			if !ok {
				unknown = append(unknown, fmt.Sprintf("%s has no readable CIDR", e.where))
				continue
			}
			if n == nil {
				if semantic.IsAnywhere(e.cidr) {
					bad = append(bad, fmt.Sprintf("%s allows %s (anywhere)", e.where, e.cidr))
				}
				continue
			}
			if !netBronzeMayReach(n, p) {
				bad = append(bad, fmt.Sprintf("%s allows %s (%s)", e.where, e.cidr, netZone(n, p, "anywhere")))
			}
		}
	}
	return bad, unknown
}

// netACLAssociated reports whether a NetworkAcl is associated with at least one subnet, through its
// subnetIds or an aws:ec2/networkAclAssociation.
func netACLAssociated(rs []*policy.Resource, acl *policy.Resource) (bool, policy.Known) {
	if len(policy.Referrers(rs, typeEC2NetworkACLAssociation, "networkAclId", acl)) > 0 {
		return true, policy.Present
	}
	ids, k := policy.Strings(acl.Get("subnetIds"))
	switch {
	case k == policy.Present && len(ids) > 0:
		return true, policy.Present
	case k == policy.Unknown && len(acl.PropertyDependencies["subnetIds"]) > 0:
		return true, policy.Present
	case k == policy.Unknown:
		return false, policy.Unknown
	default:
		return false, policy.Present
	}
}

// netAnd joins "a", "a and b", "a, b and c".
func netAnd(items []string) string {
	switch len(items) {
	case 0:
		return "nothing"
	case 1:
		return items[0]
	}
	out := ""
	for i, s := range items[:len(items)-1] {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out + " and " + items[len(items)-1]
}

// netPlanTiers returns the tiers whose ranges a bronze network ACL must deny: Platinum and Gold, or none
// when the address plan is not known.
func netPlanTiers(n *policy.Network) []tier.Tier {
	if n == nil {
		return nil
	}
	return []tier.Tier{tier.Platinum, tier.Gold}
}
