package aws

import (
	"fmt"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-NET-002",
		Title: "Network ACLs allow no ingress from anywhere (0.0.0.0/0 or ::/0), except on the hub egress VPC",
		Description: "A network ACL allow rule for 0.0.0.0/0 or ::/0 lets every network reach the subnets behind " +
			"it (as far as security groups allow). Tier subnets accept only declared ranges. The one exception is " +
			"the foundation's hub egress VPC: network ACLs are stateless, so the NAT gateway subnets must admit " +
			"the internet's return traffic; those ACLs are marked with the tag Role=hub-egress. Entries are read " +
			"as AWS evaluates them: in rule number order, a deny numbered first takes its range out of later " +
			"allows, and the allows' ranges are taken together per protocol and port.",
		Pack:        policy.PackIsolation,
		Severity:    policy.SeverityHigh,
		Enforcement: policy.Mandatory,
		Principles:  []string{"11", "3"},
		ResourceTypes: []string{
			typeEC2NetworkAcl,
			typeEC2NetworkAclRule,
			typeEC2DefaultNetworkAcl,
		},
		Reads: netReads(netReadsACL("ingress"), policy.Reads(typeEC2NetworkAcl, "tags"), policy.Reads(typeEC2DefaultNetworkAcl, "tags")),
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
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		const required = "network ACLs must not allow ingress from anywhere (0.0.0.0/0, ::/0, or ranges that " +
			"together cover every public address; only the foundation's hub egress network ACLs, tagged " +
			"Role=hub-egress, may)"
		var entries []netACLEntry
		if r.Type == typeEC2NetworkAclRule {
			e := netACLRule(r)
			switch {
			case e.unknown == "egress":
				return policy.Undecided("egress is computed; %s", required)
			case e.egress:
				return policy.NotApplicable("egress rule; this rule checks ingress rules")
			}
			e.where = "ingress"
			entries = []netACLEntry{e}
		} else {
			es, known := netInlineACL(r, "ingress")
			if !known {
				return policy.Undecided("ingress is computed; %s", required)
			}
			entries = es
		}
		open, unknown := netACLOpen(entries)
		switch {
		case len(open) > 0:
			hub, k := netTagIs(r, netTagRole, netHubEgress)
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
	},
})

// netACLOpen decides which allow entries of a network ACL admit traffic from anywhere, as AWS evaluates
// them: in rule number order, the first entry that matches decides, so a deny numbered before an allow
// takes its range out; and by the union of the allows' ranges. unknown lists the entries that cannot be
// read.
func netACLOpen(entries []netACLEntry) (open, unknown []string) {
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
	}
	for _, x := range undecided {
		if e := entries[x.Entry]; e.unknown == "" {
			unknown = append(unknown, fmt.Sprintf("%s (%s)", e.where, x.Why))
		}
	}
	return open, unknown
}
