package catalog

import (
	"fmt"
	"slices"
	"strings"
)

// Timing records when the Pulumi engine can refuse a stack rule's faults. The engine runs a resource
// policy just before it creates (or updates) that resource, but a stack policy only after every step of
// the update: a fault only a stack rule judges is refused after the resource exists. Where part of a
// stack rule's verdict is about one resource's own settings, a resource-level twin (a resource rule with
// its own ID) judges that part before create and the stack rule leaves it to the twin, so that one fault
// gives one finding; the rest (absence, relations between resources) stays with the stack rule.
type Timing struct {
	// StackRule is the stack rule's ID.
	StackRule string
	// Twins are the resource rules that judge its per-resource faults before create; empty when none.
	Twins []string
	// After says what only the stack rule judges, once the update's steps are done, and why no resource
	// rule can judge it alone.
	After string
}

// Rewritten are former stack rules now written as resource rules, since nothing in their verdict needs
// another resource: they refuse every fault before create. The value says why.
var Rewritten = map[string]string{
	"PCLZ-AWS-IAM-004": "an IAM access key is the fault by itself, whatever else the stack holds",
	"PCLZ-AWS-RES-005": "each backup plan's rules are held to the stack's tier profile on their own",
	"PCLZ-AZR-IAM-002": "a vault's RBAC flag and inline access policies are its own settings, and an AccessPolicy resource is the fault by itself",
}

const (
	auditBucket = "which buckets are audit buckets is decided by the bucket's Purpose tag or a trail naming it, which a " +
		"configuration resource does not carry; the same setting is sound on other buckets"
)

// timings is the record, one entry per stack rule; TestTimingsCoverEveryStackRule keeps it complete.
var timings = []Timing{
	{StackRule: "PCLZ-AWS-AUD-002", After: "object lock on audit buckets: " + auditBucket + " (GOVERNANCE mode or a short retention)"},
	{StackRule: "PCLZ-AWS-AUD-003", After: "versioning on audit buckets: " + auditBucket + " (a Suspended configuration)"},
	{StackRule: "PCLZ-AWS-AUD-004", After: "an audit bucket logs its access to another bucket: a relation between two buckets and a logging configuration"},
	{StackRule: "PCLZ-AWS-AUD-006", Twins: []string{"PCLZ-AWS-AUD-008"}, After: "presence in the foundation of GuardDuty, Security Hub and its standards, AWS Config (recorder, delivery channel, status) and Access Analyzer"},
	{StackRule: "PCLZ-AWS-AUD-007", After: "some flow log of each VPC captures ALL traffic: a REJECT-only flow log beside an ALL one is sound, so no flow log is a fault alone"},
	{StackRule: "PCLZ-AWS-ENC-001", Twins: []string{"PCLZ-AWS-ENC-018"}, After: "a bucket with no encryption configuration, the inline configuration on a bucket, and AES256 (allowed only on a server access log target, which only the stack shows)"},
	{StackRule: "PCLZ-AWS-ENC-002", After: "a Deny of insecure transport covering the bucket's ARN in the bucket's policy: the policy, the bucket and the inline policy together"},
	{StackRule: "PCLZ-AWS-ENC-003", Twins: []string{"PCLZ-AWS-ENC-019"}, After: "presence of both EBS account defaults in the foundation"},
	{StackRule: "PCLZ-AWS-ENC-015", Twins: []string{"PCLZ-AWS-ENC-020"}, After: "a listener with no protocol (HTTP on an ALB, not checked on a Gateway Load Balancer: its load balancer decides) and the listener rules on an HTTP listener"},
	{StackRule: "PCLZ-AWS-IAM-001", After: "who holds a grant: attachments of managed policies to roles, users and groups, and the break-glass exemption (a role tagged BreakGlass=true) for policies attached to it"},
	{StackRule: "PCLZ-AWS-IAM-012", After: "which permission set an Identity Center assignment gives and what is attached to that set (inline policy, managed attachments): relations between the assignment, the set and its attachments; the attachments' own documents are refused before create by no rule (PCLZ-AWS-IAM-001 judges them with the stack)"},
	{StackRule: "PCLZ-AWS-IAM-013", After: "a break-glass role's alert is other resources: a metric filter matching its use, an alarm on the filter's metric with actions, or an EventBridge rule with a target"},
	{StackRule: "PCLZ-AWS-IAM-014", After: "what a permission set or role holds is read together (inline policy, managed attachments, role policies), an explicit Deny in one cancelling an Allow in another, against the audit bucket and keys the stack's trails name"},
	{StackRule: "PCLZ-AWS-IAM-003", After: "a login profile is allowed for the break-glass user only, which the user's tag decides"},
	{StackRule: "PCLZ-AWS-IAM-006", After: "presence of the account password policy in the foundation (its settings are PCLZ-AWS-IAM-005's, a resource rule)"},
	{StackRule: "PCLZ-AWS-NET-001", After: "sources are read by their union across a group's inline rules and every rule resource naming it, with prefix lists the stack holds (0.0.0.0/1 and 128.0.0.0/1 in two resources are anywhere together); a rule resource that admits anywhere by itself could be judged alone (not yet a twin: the union's findings would first have to leave it out)"},
	{StackRule: "PCLZ-AWS-NET-002", After: "entries are read in rule-number order across an ACL and its rule resources (a deny takes its range out of later allows), and the hub egress exception is the ACL's tag, which a rule resource does not carry"},
	{StackRule: "PCLZ-AWS-NET-005", Twins: []string{"PCLZ-AWS-NET-015"}, After: "a bucket with no public access block"},
	{StackRule: "PCLZ-AWS-NET-006", Twins: []string{"PCLZ-AWS-NET-015"}, After: "presence of the account public access block in the foundation"},
	{StackRule: "PCLZ-AWS-NET-007", Twins: []string{"PCLZ-AWS-NET-016"}, After: "a VPC whose default security group is not adopted"},
	{StackRule: "PCLZ-AWS-NET-010", After: "which network ACLs guard Bronze subnets (associations) and entries in rule-number order across an ACL and its rule resources"},
	{StackRule: "PCLZ-AWS-NET-012", After: "Bronze's attachment is associated with Bronze's own route table: a relation between attachment, association and route table"},
	{StackRule: "PCLZ-AWS-NET-013", After: "the Bronze route table's routes taken together, and the presence of blackhole routes for Platinum and Gold"},
	{StackRule: "PCLZ-AWS-NET-014", After: "a path through route tables, Transit Gateway, peering, security groups and ACLs; a Bronze route's own destination and target are refused before create by PCLZ-AWS-NET-009, a resource rule of its own"},
	{StackRule: "PCLZ-AWS-REG-003", After: "a replication destination must be a bucket this stack creates, on a provider in an allowed region: a relation between buckets"},
	{StackRule: "PCLZ-AWS-REG-004", Twins: []string{"PCLZ-AWS-REG-008"}, After: "a copy destination computed at preview, decided from the vaults of this stack the plan depends on"},
	{StackRule: "PCLZ-AWS-REG-005", Twins: []string{"PCLZ-AWS-REG-007"}, After: "the replica keys of a multi-region key under a wider allow-list, found through the stack's keys and aliases, and each replica key's provider"},
	{StackRule: "PCLZ-AWS-REG-006", After: "a partner's region is read from the resource of this stack a computed value comes from; literal regions in a resource's own inputs could be judged alone (not yet a twin)"},
	{StackRule: "PCLZ-AWS-RES-001", After: "subnets of a VPC counted across availability zones"},
	{StackRule: "PCLZ-AWS-AUD-009", After: "which maintenance window targets a workload (by instance ID or a tag its instances carry), whether that window runs AWS-RunPatchBaseline on the tier's cadence, and the patch groups the stack registers: relations between instances, targets, tasks and windows"},
	{StackRule: "PCLZ-AWS-AUD-010", After: "whether an Inspector enabler (account or organisation auto-enable) covers the workload's resource type: a relation between the workload and another resource, often in another stack"},
	{StackRule: "PCLZ-AWS-ENC-021", After: "the parameter group a database names is another resource (its rds.force_ssl or require_secure_transport parameter), or the engine's default group when none is named"},
	{StackRule: "PCLZ-AWS-RES-009", After: "which backup selection picks a stateful resource (by reference, ARN pattern, tag, conditions and notResources): a relation between the resource and every selection of the stack"},
	{StackRule: "PCLZ-AWS-RES-010", After: "a vault lock's minimum retention is held to the tier's retention for the vault it locks: the relation between the lock and its vault"},
	{StackRule: "PCLZ-AWS-RES-011", After: "a backup plan's copy action names a vault in another account, which must be locked and under its own key: relations between plan, vault, lock and key"},
	{StackRule: "PCLZ-AWS-RES-012", After: "a backup plan's vault must be included by a restore testing plan on the tier's cadence that has a selection: relations between plan, vault, restore testing plan and selection"},
	{StackRule: "PCLZ-AWS-RES-004", After: "some backup plan of the stack meets the tier's frequency: a second, less frequent plan (an archive) beside it is sound"},
	{StackRule: "PCLZ-AWS-RES-006", After: "every backup plan is referred to by a selection: a relation between plan and selection"},
	{StackRule: "PCLZ-AWS-RES-007", Twins: []string{"PCLZ-AWS-RES-008"}, After: "a vault with no vault lock configuration"},
	{StackRule: "PCLZ-AZR-AUD-001", After: "presence of the subscription's activity log setting in the foundation, with its categories and workspace"},
	{StackRule: "PCLZ-AZR-AUD-003", After: "every Key Vault and storage account has a diagnostic setting to Log Analytics: a relation between each resource and its settings"},
	{StackRule: "PCLZ-AZR-AUD-007", After: "whether a Defender for Servers or SQL pricing on the Standard tier covers the workload: a relation between the workload and a subscription-level pricing, often in the foundation"},
	{StackRule: "PCLZ-AZR-IAM-014", After: "a break-glass account's sign-in alert is another resource: a relation between the documented break-glass role assignment and a scheduled query rule over SigninLogs naming its principal"},
	{StackRule: "PCLZ-AZR-IAM-016", After: "which accounts are break-glass is decided by the role assignments' descriptions, another resource than the conditional access policy that must exclude them"},
	{StackRule: "PCLZ-AZR-AUD-009", After: "the path a data collection rule's logs take: relations between the rule, its data collection endpoint, the private link scope holding the endpoint and that scope's private endpoint; the endpoint's and the scope's own access settings are judged with them, since only that relation makes them the isolated tier's path"},
	{StackRule: "PCLZ-AZR-AUD-008", After: "which maintenance configuration a machine is assigned to (by name or a dynamic scope on its tags) and that configuration's recurrence: relations between machine, assignment and configuration; the machine's own patch settings are judged with them"},
	{StackRule: "PCLZ-AZR-AUD-004", After: "some flow log covering each tier network or NSG (itself or its network) is enabled and kept long enough: a second, disabled flow log beside a good one is not a fault, so no flow log is a fault alone"},
	{StackRule: "PCLZ-AZR-AUD-005", Twins: []string{"PCLZ-AZR-AUD-006"}, After: "presence of a Pricing for each required Defender plan in the foundation"},
	{StackRule: "PCLZ-AZR-NET-001", After: "sources are read by their union across an NSG's inline rules and every security rule resource naming it, in priority order"},
	{StackRule: "PCLZ-AZR-NET-008", After: "a spoke peers only with the foundation's hub: the remote network is compared with the hub the stack's foundation declares"},
	{StackRule: "PCLZ-AZR-NET-010", After: "the drop of the default route in each Bronze route table, across its inline routes and route resources; a route whose own destination or next hop is forbidden could be judged alone (not yet a twin: the table's findings would first have to leave it out)"},
	{StackRule: "PCLZ-AZR-NET-011", After: "presence of explicit deny rules for Platinum and Gold in Bronze's NSGs, across inline and separate rules in priority order"},
	{StackRule: "PCLZ-AZR-NET-012", After: "a path through subnets, route tables, peerings and network interfaces"},
	{StackRule: "PCLZ-AZR-REG-004", After: "a failover group's partner server location is read from the partner server resource"},
	{StackRule: "PCLZ-AZR-REG-006", After: "a partner named by reference is located through the resource of this stack it names"},
	{StackRule: "PCLZ-AZR-RES-007", After: "which Recovery Services protected item names a virtual machine as its source: a relation between the machine and every protected item of the stack"},
	{StackRule: "PCLZ-AZR-RES-004", After: "every stateful resource carries a CanNotDelete lock: a relation between the resource and a lock at its scope"},
}

// Timings returns the record, sorted by stack rule ID.
func Timings() []Timing {
	out := slices.Clone(timings)
	slices.SortFunc(out, func(a, b Timing) int { return strings.Compare(a.StackRule, b.StackRule) })
	return out
}

// TimingStart and TimingEnd mark the generated table of Timings inside a Markdown document.
const (
	TimingStart = "<!-- before-create:start (generated from policy/catalog Timings; do not edit by hand) -->"
	TimingEnd   = "<!-- before-create:end -->"
)

// TimingMarkdown renders Timings and Rewritten as Markdown tables.
func TimingMarkdown() string {
	var b strings.Builder
	b.WriteString("\n| stack rule | refused before create by | judged only after the update's steps |\n|---|---|---|\n")
	for _, t := range Timings() {
		twins := "none"
		if len(t.Twins) > 0 {
			twins = "`" + strings.Join(t.Twins, "`, `") + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", t.StackRule, twins, escapePipes(t.After))
	}
	b.WriteString("\nFormer stack rules now written as resource rules (every fault refused before create):\n\n")
	b.WriteString("| rule | why no stack is needed |\n|---|---|\n")
	ids := make([]string, 0, len(Rewritten))
	for id := range Rewritten {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		fmt.Fprintf(&b, "| `%s` | %s |\n", id, escapePipes(Rewritten[id]))
	}
	return b.String()
}

// ReplaceTimings returns doc with the text between TimingStart and TimingEnd replaced by TimingMarkdown.
func ReplaceTimings(doc string) (string, error) {
	return replaceBetween(doc, TimingStart, TimingEnd, TimingMarkdown())
}

// replaceBetween returns doc with the text between the start and end markers replaced by body.
func replaceBetween(doc, start, end, body string) (string, error) {
	i := strings.Index(doc, start)
	j := strings.Index(doc, end)
	if i < 0 || j < 0 || j < i {
		return "", fmt.Errorf("markers %q ... %q not found in order", start, end)
	}
	return doc[:i+len(start)] + "\n" + body + "\n" + doc[j:], nil
}
