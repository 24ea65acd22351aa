package awslz

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// The security decisions of the AWS components, as pure functions of the tier profile, the address plan
// and the declared flows. Each returns plain values (no Pulumi types); the resource code only copies
// them into resource arguments. plan_test.go pins each decision in a table across the tiers.

// objectLockMode is the S3 Object Lock mode of every locked bucket (audit archive, evidence): in
// COMPLIANCE mode nobody, not even the account root, can shorten the retention or delete a locked
// object version before it ends. GOVERNANCE mode, which privileged users can bypass, is never used.
const objectLockMode = "COMPLIANCE"

// objectLock is a bucket's S3 Object Lock default retention.
type objectLock struct {
	// Enabled is false for a bucket without a lock.
	Enabled bool
	// Mode is objectLockMode.
	Mode string
	// Days or Years is the default retention (exactly one is set).
	Days, Years int
}

// objectLockPlan decides a bucket's Object Lock from its retention in days or years (years win);
// both zero: no lock.
func objectLockPlan(days, years int) objectLock {
	switch {
	case years > 0:
		return objectLock{Enabled: true, Mode: objectLockMode, Years: years}
	case days > 0:
		return objectLock{Enabled: true, Mode: objectLockMode, Days: days}
	}
	return objectLock{}
}

// cloudWatchRetentionDays are the retention periods CloudWatch Logs accepts.
var cloudWatchRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// logRetentionDays decides how long a log group (flow logs, firewall alerts, the trail's copy) keeps
// its events: the profile's LogRetentionDays rounded up to a period CloudWatch Logs accepts, so never
// less than the profile asks.
func logRetentionDays(p tier.Profile) (int, error) {
	for _, d := range cloudWatchRetentionDays {
		if d >= p.LogRetentionDays && p.LogRetentionDays > 0 {
			return d, nil
		}
	}
	return 0, &netplan.FieldError{Path: "Profile.LogRetentionDays", Value: strconv.Itoa(p.LogRetentionDays), Msg: "is not allowed",
		Allowed: fmt.Sprintf("1 to %d (CloudWatch Logs rounds up to %v)", cloudWatchRetentionDays[len(cloudWatchRetentionDays)-1], cloudWatchRetentionDays)}
}

// backupSchedules maps a profile's backup frequency to an AWS Backup schedule (UTC).
var backupSchedules = map[tier.BackupFrequency]string{
	tier.BackupEvery4Hours: "cron(0 */4 * * ? *)",
	tier.BackupDaily:       "cron(0 1 * * ? *)",
	tier.BackupWeekly:      "cron(0 1 ? * SUN *)",
}

// changeableForDays is the cooling-off period before a compliance-mode vault lock becomes immutable.
const changeableForDays = 3

// backupPlan is a tier's AWS Backup vault lock and plan rule.
type backupPlan struct {
	// RuleName and Schedule are the plan rule's name and cron schedule.
	RuleName, Schedule string
	// DeleteAfterDays is the recovery points' retention; ColdStorageAfterDays moves them to cold
	// storage (0: never).
	DeleteAfterDays, ColdStorageAfterDays int
	// LockMinRetentionDays and LockMaxRetentionDays bound the retention any rule may set on the vault.
	LockMinRetentionDays, LockMaxRetentionDays int
	// LockChangeableForDays is the cooling-off period of a compliance-mode lock; 0 is governance mode.
	LockChangeableForDays int
	// CopyDeleteAfterDays is the second copy's retention, and its vault lock's minimum.
	CopyDeleteAfterDays int
}

// backupPlanFor decides a tier's backup from its profile.
func backupPlanFor(p tier.Profile) (backupPlan, error) {
	b := p.Backup
	schedule, ok := backupSchedules[b.Frequency]
	if !ok {
		return backupPlan{}, &netplan.FieldError{Path: "Profile.Backup.Frequency", Value: string(b.Frequency), Msg: "has no schedule",
			Allowed: fmt.Sprint([]tier.BackupFrequency{tier.BackupEvery4Hours, tier.BackupDaily, tier.BackupWeekly})}
	}
	if b.RetentionDays < 1 {
		return backupPlan{}, &netplan.FieldError{Path: "Profile.Backup.RetentionDays", Value: strconv.Itoa(b.RetentionDays), Msg: "is not allowed", Allowed: "1 or more"}
	}
	if c := b.SecondCopy.RetentionDays; c < 1 {
		return backupPlan{}, &netplan.FieldError{Path: "Profile.Backup.SecondCopy.RetentionDays", Value: strconv.Itoa(c), Msg: "is not allowed", Allowed: "1 or more"}
	}
	// The vault lock holds every recovery point for the tier's full retention: nobody can delete one
	// earlier, and no rule can keep one shorter.
	plan := backupPlan{
		RuleName: string(b.Frequency), Schedule: schedule,
		DeleteAfterDays: b.RetentionDays, ColdStorageAfterDays: max(b.ArchiveAfterDays, 0),
		LockMinRetentionDays: b.RetentionDays, LockMaxRetentionDays: max(b.RetentionDays, b.SecondCopy.RetentionDays) * 2,
		CopyDeleteAfterDays: b.SecondCopy.RetentionDays,
	}
	if b.VaultLock == tier.VaultLockCompliance {
		plan.LockChangeableForDays = changeableForDays
	}
	return plan, nil
}

// restoreTest is a tier's AWS Backup restore testing plan.
type restoreTest struct {
	// Name is the plan's name (letters, digits and underscores); its selections add "_<type>".
	Name string
	// Schedule is the plan's cron expression (UTC), at least as often as the profile's RestoreTestDays.
	Schedule string
	// SelectionWindowDays is how recent a recovery point the test restores must be.
	SelectionWindowDays int
	// StartWindowHours and ValidationWindowHours bound when a test starts and how long the restored
	// resource is kept for validation before it is deleted.
	StartWindowHours, ValidationWindowHours int
	// ResourceTypes are the protected resource types tested: the tier's instances and databases.
	ResourceTypes []string
}

// restoreTestFor decides a tier's restore testing from Backup.RestoreTestDays: on the 1st every whole
// number of months whose longest gap (31 days a month) fits in it (90 days: every 2 months, 180: every 5),
// weekly on Mondays below 31 days (Platinum's 30: a month can be 31 days long), of a recovery point no
// older than the gap. name (the tier environment's) names the plan.
func restoreTestFor(p tier.Profile, name string) (restoreTest, error) {
	days := p.Backup.RestoreTestDays
	rt := restoreTest{
		Name:                strings.NewReplacer("-", "_", ".", "_").Replace(name) + "_restore_test",
		SelectionWindowDays: min(days, 365),
		StartWindowHours:    24, ValidationWindowHours: 24,
		ResourceTypes: []string{"EC2", "RDS"},
	}
	switch {
	case days < 7:
		return restoreTest{}, &netplan.FieldError{Path: "Profile.Backup.RestoreTestDays", Value: strconv.Itoa(days), Msg: "is too short for a restore test",
			Allowed: "7 or more (weekly tests at most)"}
	case days < 31:
		rt.Schedule = "cron(0 3 ? * MON *)"
	default:
		rt.Schedule = fmt.Sprintf("cron(0 3 1 1/%d ? *)", min(days/31, 12))
	}
	return rt, nil
}

// sgRule is one rule of a security group. CIDR "" with Self: the group's own members.
type sgRule struct {
	Description string
	// Protocol is "tcp", "udp", "icmp" or "-1" (all).
	Protocol string
	From, To int
	CIDR     string
	Self     bool
}

// workloadRules decides the workload security group of a tier: egress HTTPS to the tier's own
// endpoints, each declared flow that touches the tier in its direction, anything between members of
// the group, and public HTTPS ingress only when allowPublicIngress (validate refuses it for an isolated
// tier).
func workloadRules(own netip.Prefix, flows []netplan.TierFlow, allowPublicIngress bool) (ingress, egress []sgRule) {
	egress = append(egress, sgRule{Description: "HTTPS to the tier's private endpoints", Protocol: "tcp", From: 443, To: 443, CIDR: own.String()})
	for _, f := range flows {
		for _, r := range portRanges(f.Flow) {
			from, to := int(r.From), int(r.To)
			if f.Flow.Protocol == netplan.ProtocolICMP {
				from, to = icmpAll, icmpAll
			}
			rule := sgRule{Protocol: string(f.Flow.Protocol), From: from, To: to, CIDR: f.FarCIDR.String()}
			if f.Outbound {
				rule.Description = "declared flow to " + f.Far.String()
				egress = append(egress, rule)
			} else {
				rule.Description = "declared flow from " + f.Far.String()
				ingress = append(ingress, rule)
			}
		}
	}
	ingress = append(ingress, sgRule{Description: "members of this group", Protocol: "-1", Self: true})
	if allowPublicIngress {
		ingress = append(ingress, sgRule{Description: "public HTTPS (AllowPublicIngress)", Protocol: "tcp", From: 443, To: 443, CIDR: anywhere})
	}
	return ingress, egress
}

// vpcRoutes decides the destinations a tier's VPC route table sends to the Transit Gateway: everything
// beyond its range for a tier with internet egress; for an isolated tier only its peers in the intent
// (the far ends of its declared flows it may reach), never the internet or PSN.
func vpcRoutes(in netplan.Intent, p tier.Profile) []string {
	if !p.Isolated {
		return []string{anywhere}
	}
	var out []string
	for _, peer := range in.Peers(p.Tier) {
		out = append(out, peer.String())
	}
	return out
}

// aclEntry is one network ACL entry.
type aclEntry struct {
	RuleNo int
	// Action is "allow" or "deny".
	Action string
	// Protocol is "tcp", "udp", "icmp" or "-1" (all).
	Protocol string
	CIDR     string
	From, To int
}

// isolationACL decides an isolated tier's network ACL: its own range and its declared flows (with
// their return traffic on ephemeral ports) allowed, numbered from 100, then every other tier's range
// denied outright, numbered from 30000. Flows to a range the tier may not reach (the internet, PSN) get
// no entry.
func isolationACL(intent netplan.Intent, t tier.Tier, own netip.Prefix) (ingress, egress []aclEntry) {
	in := []aclEntry{{Protocol: "-1", CIDR: own.String()}}
	out := []aclEntry{{Protocol: "-1", CIDR: own.String()}}
	for _, f := range intent.FlowsOf(t) {
		if !intent.MayReach(t, f.FarCIDR) {
			continue
		}
		proto := string(f.Flow.Protocol)
		for _, r := range portRanges(f.Flow) {
			service := aclEntry{Protocol: proto, CIDR: f.FarCIDR.String(), From: int(r.From), To: int(r.To)}
			ret := aclEntry{Protocol: proto, CIDR: f.FarCIDR.String(), From: ephemeralFrom, To: ephemeralTo}
			if f.Flow.Protocol == netplan.ProtocolICMP {
				service.From, service.To = icmpAll, icmpAll
				ret = service
			}
			if f.Outbound {
				out, in = append(out, service), append(in, ret)
			} else {
				in, out = append(in, service), append(out, ret)
			}
		}
	}
	number := func(es []aclEntry) []aclEntry {
		for i := range es {
			es[i].RuleNo, es[i].Action = 100+10*i, "allow"
		}
		return es
	}
	ingress, egress = number(in), number(out)
	i := 0
	for _, r := range intent.Plan.Tiers {
		if r.Tier == t {
			continue
		}
		deny := aclEntry{RuleNo: 30000 + 10*i, Action: "deny", Protocol: "-1", CIDR: r.CIDR.String()}
		ingress, egress = append(ingress, deny), append(egress, deny)
		i++
	}
	return ingress, egress
}

// firewallRule is one stateful rule of the hub firewall, in AWS Network Firewall's structured form
// (a 5-tuple header and options) rather than a Suricata string.
type firewallRule struct {
	// Action is "PASS" or "DROP".
	Action string
	// Protocol is "TCP", "UDP", "ICMP" or "IP".
	Protocol string
	// Source and Destination are CIDRs or "ANY"; SourcePort and DestinationPort a port, a range
	// "from:to", or "ANY".
	Source, SourcePort, Destination, DestinationPort string
	// SID is the rule's signature ID; Msg the message alerts carry.
	SID int
	Msg string
	// ToServer matches only the client-to-server direction of a connection (Suricata flow:to_server).
	ToServer bool
}

// firewallPlan is the hub firewall's rules.
type firewallPlan struct {
	// Flows pass the declared flows between the landing zone's ranges (one rule per port range).
	Flows []firewallRule
	// EgressDomains is the allow-list of the domain rule group ("*.ubuntu.com" becomes ".ubuntu.com",
	// the domain's subdomains); HomeNet the ranges of the tiers with internet egress it applies to.
	EgressDomains, HomeNet []string
}

// firewallPlanFor decides the hub firewall's rules: a pass rule per declared flow and port range
// between ranges of the plan (flows to or from the internet are governed by the domain allow-list); with
// strict order and drop-established, nothing else passes. With no such flow the group holds one rule
// that drops everything, as the default action does, since a rule group needs at least one rule.
func firewallPlanFor(intent netplan.Intent, egressDomains []string) firewallPlan {
	var fp firewallPlan
	sid := 1000
	for _, f := range intent.Flows {
		if f.To.Kind == netplan.EndpointInternet || f.From.Kind == netplan.EndpointInternet {
			continue
		}
		src, ok1 := intent.Resolve(f.From)
		dst, ok2 := intent.Resolve(f.To)
		if !ok1 || !ok2 {
			continue
		}
		ports := []string{"ANY"}
		if f.Protocol != netplan.ProtocolICMP && len(f.Ports) > 0 {
			ports = ports[:0]
			for _, r := range f.Ports {
				if r.From == r.To {
					ports = append(ports, strconv.Itoa(int(r.From)))
				} else {
					ports = append(ports, fmt.Sprintf("%d:%d", r.From, r.To))
				}
			}
		}
		for _, p := range ports {
			sid++
			fp.Flows = append(fp.Flows, firewallRule{
				Action: "PASS", Protocol: firewallProtocol(f.Protocol),
				Source: src.String(), SourcePort: "ANY", Destination: dst.String(), DestinationPort: p,
				SID: sid, Msg: "declared flow " + f.From.String() + " to " + f.To.String(), ToServer: true,
			})
		}
	}
	if len(fp.Flows) == 0 {
		fp.Flows = []firewallRule{{Action: "DROP", Protocol: "IP", Source: "ANY", SourcePort: "ANY", Destination: "ANY",
			DestinationPort: "ANY", SID: 1000, Msg: "no declared flows"}}
	}
	for _, d := range egressDomains {
		fp.EgressDomains = append(fp.EgressDomains, strings.TrimPrefix(d, "*"))
	}
	for _, r := range intent.Plan.Tiers {
		if p, err := tier.ProfileFor(r.Tier); err == nil && p.InternetEgress != tier.EgressNone {
			fp.HomeNet = append(fp.HomeNet, r.CIDR.String())
		}
	}
	return fp
}

// firewallProtocol is AWS Network Firewall's name for a flow's protocol.
func firewallProtocol(p netplan.Protocol) string {
	switch p {
	case netplan.ProtocolTCP:
		return "TCP"
	case netplan.ProtocolUDP:
		return "UDP"
	case netplan.ProtocolICMP:
		return "ICMP"
	}
	return "IP"
}

// Targets of a Transit Gateway route.
const (
	// viaInspection sends the range to the inspection VPC's attachment (the hub firewall).
	viaInspection = "inspection"
	// viaPSN sends the range to the PSN edge VPN.
	viaPSN = "psn"
	// blackhole drops traffic to the range.
	blackhole = ""
)

// tgwRoute is one static route of a Transit Gateway route table.
type tgwRoute struct {
	// Table is the route table: a tier's name, "inspection" or "psn".
	Table string
	// Name is the route's logical name after the component's name ("tgw-gold-default").
	Name string
	CIDR string
	// Via is viaInspection, viaPSN or blackhole.
	Via string
}

// tierTransitRoutes decides the routes of each tier's Transit Gateway route table: a tier with internet
// egress sends everything to inspection; an isolated tier routes only the far ends of its declared
// flows it may reach to inspection (never the internet or PSN) and blackholes every other tier's range.
func tierTransitRoutes(intent netplan.Intent) ([]tgwRoute, error) {
	var out []tgwRoute
	for _, r := range intent.Plan.Tiers {
		prof, err := tier.ProfileFor(r.Tier)
		if err != nil {
			return nil, err
		}
		prefix := "tgw-" + string(r.Tier)
		if !prof.Isolated {
			out = append(out, tgwRoute{Table: string(r.Tier), Name: prefix + "-default", CIDR: anywhere, Via: viaInspection})
			continue
		}
		needed := map[netip.Prefix]bool{}
		for _, f := range intent.FlowsOf(r.Tier) {
			if needed[f.FarCIDR] || !intent.MayReach(r.Tier, f.FarCIDR) {
				continue
			}
			needed[f.FarCIDR] = true
			out = append(out, tgwRoute{Table: string(r.Tier), Name: prefix + "-flow-" + f.Far.String(), CIDR: f.FarCIDR.String(), Via: viaInspection})
		}
		for _, other := range intent.Plan.Tiers {
			if other.Tier == r.Tier || needed[other.CIDR] {
				continue
			}
			out = append(out, tgwRoute{Table: string(r.Tier), Name: prefix + "-blackhole-" + string(other.Tier), CIDR: other.CIDR.String(), Via: blackhole})
		}
	}
	return out, nil
}

// psnTransitRoutes decides the routes of the PSN edge: inspected traffic bound for each PSN range leaves
// through the VPN; in the VPN's own table, PSN reaches a tier with PSN access through inspection and
// every other tier's range is blackholed.
func psnTransitRoutes(intent netplan.Intent) ([]tgwRoute, error) {
	var out []tgwRoute
	for _, x := range intent.ExternalsOf(netplan.ExternalPSN) {
		out = append(out, tgwRoute{Table: "inspection", Name: "tgw-inspection-" + x.Name, CIDR: x.CIDR.String(), Via: viaPSN})
	}
	for _, r := range intent.Plan.Tiers {
		prof, err := tier.ProfileFor(r.Tier)
		if err != nil {
			return nil, err
		}
		via := blackhole
		if prof.PSNAccess {
			via = viaInspection
		}
		out = append(out, tgwRoute{Table: "psn", Name: "tgw-psn-" + string(r.Tier), CIDR: r.CIDR.String(), Via: via})
	}
	return out, nil
}
