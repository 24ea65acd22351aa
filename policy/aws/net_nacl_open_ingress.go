package aws

import (
	"fmt"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-002",
		Title: "Network ACLs allow no ingress from anywhere (0.0.0.0/0 or ::/0), except on the hub egress VPC",
		Description: "A network ACL allow rule for 0.0.0.0/0 or ::/0 lets every network reach the subnets behind " +
			"it (as far as security groups allow). Tier subnets accept only declared ranges. The one exception is " +
			"the foundation's hub egress VPC: network ACLs are stateless, so the NAT gateway subnets must admit " +
			"the internet's return traffic; those ACLs are marked with the tag Role=hub-egress. Entries are read " +
			"as AWS evaluates them: in rule number order, a deny numbered first takes its range out of later " +
			"allows, and the allows' ranges are taken together per protocol and port. An ACL is judged with the " +
			"aws:ec2/networkAclRule resources that name it.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityHigh,
		Enforcement: policy.Mandatory,
		Principles:  []string{"11", "3"},
		ResourceTypes: []string{
			typeEC2NetworkACL,
			typeEC2NetworkACLRule,
			typeEC2DefaultNetworkACL,
		},
		Reads: netReads(netReadsACL("ingress"), policy.Reads(typeEC2NetworkACLRule, "networkAclId"), policy.Reads(typeEC2NetworkACL, "tags"), policy.Reads(typeEC2DefaultNetworkACL, "tags")),
		Remediation: "In aws:ec2/networkAcl:NetworkAcl and aws:ec2/defaultNetworkAcl:DefaultNetworkAcl `ingress[]` " +
			"entries with `action: allow`, and in aws:ec2/networkAclRule:NetworkAclRule with `egress: false` and " +
			"`ruleAction: allow`, set `cidrBlock` / `ipv6CidrBlock` to declared ranges, never 0.0.0.0/0 or ::/0 " +
			"(deny entries for them are fine). Only in the foundation stack may a network ACL tagged " +
			"`Role=hub-egress` (the egress VPC's public subnets) admit 0.0.0.0/0; put those entries inline on " +
			"the tagged NetworkAcl, since a NetworkAclRule has no tags of its own.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "nacl-no-unrestricted-ssh-rdp"},
			{Source: "Security Hub", ID: "EC2.21"},
		},
		Waivable: true,
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		claimed := map[*policy.Resource]bool{}
		for _, acl := range netOfType(rs, typeEC2NetworkACL, typeEC2DefaultNetworkACL) {
			members := policy.Referrers(rs, typeEC2NetworkACLRule, "networkAclId", acl)
			for _, m := range members {
				claimed[m] = true
			}
			out = append(out, netCheckOpenACL(ctx, acl, members)...)
		}
		for _, r := range netOfType(rs, typeEC2NetworkACLRule) {
			if !claimed[r] {
				out = append(out, netCheckOpenACL(ctx, r, nil)...)
			}
		}
		return out
	},
})

// netOpenACLRequired completes PCLZ-AWS-NET-002's messages.
const netOpenACLRequired = "network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that " +
	"together cover every public address; only the foundation's hub egress network ACLs, tagged " +
	"Role=hub-egress, may)"

// netCheckOpenACL judges one network ACL with its separate NetworkAclRule entries (members), or one
// NetworkAclRule whose ACL is not in the stack (owner the rule, members nil). The first result is the
// owner's; on failure each member that admits anywhere gets its own failing result.
func netCheckOpenACL(ctx *policy.Context, owner *policy.Resource, members []*policy.Resource) []policy.Result {
	const required = netOpenACLRequired
	var entries []netACLEntry
	var from []*policy.Resource
	if owner.Type == typeEC2NetworkACLRule {
		e := netACLRule(owner)
		switch {
		case e.unknown == "egress":
			return []policy.Result{netWithURN(policy.Undecided("egress is computed; %s", required), owner.URN)}
		case e.egress:
			return []policy.Result{netWithURN(policy.NotApplicable("egress rule; this rule checks ingress rules"), owner.URN)}
		}
		e.where = "ingress"
		entries, from = []netACLEntry{e}, []*policy.Resource{nil}
	} else {
		es, known := netInlineACL(owner, "ingress")
		if !known {
			return []policy.Result{netWithURN(policy.Undecided("ingress is computed; %s", required), owner.URN)}
		}
		entries, from = es, make([]*policy.Resource, len(es))
		for _, m := range members {
			e := netACLRule(m)
			if e.egress && e.unknown != "egress" {
				continue
			}
			e.where = "rule " + m.Name
			entries, from = append(entries, e), append(from, m)
		}
	}
	open, openIdx, unknown := netACLOpen(entries)
	res := netOpenACLVerdict(ctx, owner, entries, open, unknown)
	out := []policy.Result{netWithURN(res, owner.URN)}
	if res.Status == policy.StatusFail {
		for _, i := range openIdx {
			if m := from[i]; m != nil {
				out = append(out, netWithURN(res, m.URN))
			}
		}
	}
	return out
}

// netOpenACLVerdict decides a network ACL from the entries that admit anywhere (open) and those that
// cannot be read, with the foundation's hub egress exception.
func netOpenACLVerdict(ctx *policy.Context, owner *policy.Resource, entries []netACLEntry, open, unknown []string) policy.Result {
	const required = netOpenACLRequired
	switch {
	case len(open) > 0:
		hub, k := netTagIs(owner, netTagRole, netHubEgress)
		role := netStackRole(ctx)
		switch {
		case role == netRoleTier:
			return policy.Fail("%s; %s", netJoin(open), required)
		case k == policy.Unknown:
			return policy.Undecided("%s and the Role tag is computed; %s", netJoin(open), required)
		case !hub:
			return policy.Fail("%s; %s", netJoin(open), required)
		case role == "":
			return policy.Undecided("%s on a Role=hub-egress network ACL, but the stack's role is not known; %s",
				netJoin(open), required)
		default:
			return policy.Pass("%s on the foundation's hub egress network ACL (Role=hub-egress), which must admit "+
				"the internet's return traffic to its NAT gateways", netJoin(open))
		}
	case len(unknown) > 0:
		return policy.Undecided("%s is computed; %s", netJoin(unknown), required)
	default:
		return policy.Pass("%s checked; none allows ingress from anywhere",
			netPlural(len(entries), "ingress entry", "ingress entries"))
	}
}

// netACLOpen decides which allow entries of a network ACL admit traffic from anywhere, as AWS evaluates
// them: in rule number order, the first entry that matches decides, so a deny numbered before an allow
// takes its range out; and by the union of the allows' ranges. unknown lists the entries that cannot be
// read.
func netACLOpen(entries []netACLEntry) (open []string, openIdx []int, unknown []string) {
	fs := make([]semantic.Entry, len(entries))
	for i, e := range entries {
		var src semantic.AddrSet
		src.Add(e.cidr)
		proto, ports := e.proto, semantic.FromTo(e.proto, e.from, e.to)
		if e.protoUnknown {
			proto, ports = semantic.ProtoAll, semantic.AllPorts
		}
		deny := e.action != "allow"
		if e.unknown != "" {
			// A computed action or range: it may be a deny that shadows later allows.
			src.AddComputed()
			deny = true
			unknown = append(unknown, fmt.Sprintf("%s %s", e.where, e.unknown))
		}
		fs[i] = semantic.Entry{Order: e.order, Deny: deny, Proto: proto, Ports: semantic.PortSet{ports}, Sources: src}
	}
	exposed, undecided := semantic.Exposed(fs)
	for _, x := range exposed {
		e := entries[x.Entry]
		open = append(open, fmt.Sprintf("%s allows %s", e.where,
			netFrom([]string{e.cidr}, x, func(i int) string { return entries[i].where })))
		openIdx = append(openIdx, x.Entry)
	}
	for _, x := range undecided {
		if e := entries[x.Entry]; e.unknown == "" {
			unknown = append(unknown, fmt.Sprintf("%s (%s)", e.where, x.Why))
		}
	}
	return open, openIdx, unknown
}
