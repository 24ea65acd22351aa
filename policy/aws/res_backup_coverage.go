package aws

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

// resStateful are the stateful types every tier backs up, with the ARN service and resource prefix a
// backup selection's resources pattern names them by, and the input that holds the resource's own name
// in its ARN.
var resStateful = map[string]struct{ service, prefix, nameInput string }{
	typeRDSInstance:          {"rds", "db:", "identifier"},
	typeRDSCluster:           {"rds", "cluster:", "clusterIdentifier"},
	typeEBSVolume:            {"ec2", "volume/", ""},
	typeEC2Instance:          {"ec2", "instance/", ""},
	typeEFSFileSystem:        {"elasticfilesystem", "file-system/", ""},
	typeDynamodbTable:        {"dynamodb", "table/", "name"},
	typeFSxWindowsFileSystem: {"fsx", "file-system/", ""},
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-RES-009",
		Title: "Every stateful resource is selected by a backup selection",
		Description: "A backup plan protects only what a selection assigns to it, so a database or volume added " +
			"without the tier's tags is silently left out. Where the tier profile sets Backup.CoverAllStateful " +
			"(every tier), every RDS instance and cluster, EC2 instance, EBS volume, EFS and FSx for Windows file " +
			"system and DynamoDB table in a tier stack must be selected by an aws:backup/selection:Selection, as " +
			"AWS Backup evaluates one: by ARN in `resources` (a reference to the resource, \"*\", or an ARN " +
			"pattern covering its type), or by tag (any `selectionTags` condition, STRINGEQUALS on the resource's " +
			"effective tags, provider default tags included); `conditions` must then all hold and `notResources` " +
			"must not exclude it. A stack that holds no backup selection at all is not known (the tier's selection " +
			"may be in another stack); one whose selections all leave the resource out fails, naming it. " +
			"Foundation stacks are not covered.",
		Pack:          policy.PackResilience,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.6"},
		ResourceTypes: append(slices.Sorted(maps.Keys(resStateful)), typeBackupSelection),
		Remediation: "Tag the resource for the tier's backup selection (the landing zone's components tag " +
			"every resource Tier=<tier>, which the tier's selection matches), or add its ARN to a backup " +
			"selection's `resources`; do not exclude it through `notResources`.",
		References: []policy.Reference{
			{Source: "AWS Config", ID: "resources-protected-by-backup-plan"},
			{Source: "AWS Config", ID: "rds-in-backup-plan"},
			{Source: "AWS Config", ID: "ebs-in-backup-plan"},
			{Source: "AWS Config", ID: "efs-in-backup-plan"},
			{Source: "AWS Config", ID: "dynamodb-in-backup-plan"},
			{Source: "AWS Config", ID: "ec2-resources-protected-by-backup-plan"},
			{Source: "Security Hub", ID: "RDS.26"},
			{Source: "Security Hub", ID: "EC2.28"},
			{Source: "Security Hub", ID: "DynamoDB.4"},
			{Source: "Security Hub", ID: "EFS.2"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeBackupSelection, "resources", "notResources", "selectionTags", "conditions"),
	},
	Check: resCheckBackupCoverage,
})

func resCheckBackupCoverage(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
	var targets []*policy.Resource
	for _, r := range rs {
		if _, ok := resStateful[r.Type]; ok {
			targets = append(targets, r)
		}
	}
	one := func(r policy.Result) []policy.Result { return []policy.Result{r} }
	switch {
	case len(targets) == 0:
		return one(policy.NotApplicable("no stateful resource (database, instance, volume, file system, table) in the stack"))
	case resIsFoundation(ctx):
		return one(policy.NotApplicable("foundation stack; the rule covers tier stacks"))
	case !ctx.HasTier():
		return one(resTierUnknown("whether the tier backs up every stateful resource"))
	case !ctx.Profile.Backup.CoverAllStateful:
		return one(policy.NotApplicable("%s does not require every stateful resource to be backed up", resProfileName(ctx)))
	}
	sels := resOfType(rs, typeBackupSelection)
	var out []policy.Result
	for _, t := range targets {
		res := resCovered(ctx, sels, t)
		res.URN = t.URN
		out = append(out, res)
	}
	return out
}

// resCovered decides whether any of sels selects t.
func resCovered(ctx *policy.Context, sels []*policy.Resource, t *policy.Resource) policy.Result {
	var unknown []string
	for _, s := range sels {
		how, k := resSelects(s, t)
		switch k {
		case policy.Present:
			return policy.Pass("selected by backup selection %s (%s)", s.Name, how)
		case policy.Unknown:
			unknown = append(unknown, fmt.Sprintf("%s (%s)", s.Name, how))
		}
	}
	if len(unknown) > 0 {
		return policy.Undecided("whether backup selection %s selects this resource is not known", strings.Join(unknown, ", "))
	}
	if len(sels) == 0 {
		return policy.Undecided("no backup selection (aws:backup/selection:Selection) in the stack; one in another stack (the tier environment's, by tag) may select this resource, which this stack cannot show")
	}
	return policy.Fail("no backup selection selects this resource, by ARN (resources) or by tag (selectionTags, conditions), so it is not backed up; %s backs up every stateful resource", resProfileName(ctx))
}

// resSelects reports whether selection s selects t: Present (how says by what), Absent, or Unknown (how
// says what is computed).
func resSelects(s, t *policy.Resource) (how string, k policy.Known) {
	tags, unknownTags, tagsComputed := t.Tags()
	tagKnown := func(key string) bool { return !tagsComputed && !slices.Contains(unknownTags, key) }

	byARN, ak := resSelectsByARN(s, t, "resources")
	if ak == policy.Unknown {
		return "resources is computed", policy.Unknown
	}
	var byTag string
	items, tk := policy.List(s.Get("selectionTags"))
	if tk == policy.Unknown {
		return "selectionTags is computed", policy.Unknown
	}
	for _, it := range items {
		key, kk := policy.Str(resAt(it, "key"))
		val, vk := policy.Str(resAt(it, "value"))
		typ, yk := policy.Str(resAt(it, "type"))
		switch {
		case kk == policy.Unknown || vk == policy.Unknown || yk == policy.Unknown:
			return "a selectionTags condition is computed", policy.Unknown
		case !strings.EqualFold(typ, "STRINGEQUALS"):
			continue
		case !tagKnown(key):
			return fmt.Sprintf("the resource's tag %s is computed", key), policy.Unknown
		case tags[key] == val:
			byTag = fmt.Sprintf("tag %s=%s", key, val)
		}
	}
	if byARN == "" && byTag == "" {
		return "", policy.Absent
	}
	how = byARN
	if how == "" {
		how = byTag
	}
	// conditions: every condition must hold (AND).
	conds, ck := policy.List(s.Get("conditions"))
	if ck == policy.Unknown {
		return "conditions is computed", policy.Unknown
	}
	for _, c := range conds {
		for kind, negate := range map[string]bool{"stringEquals": false, "stringLikes": false, "stringNotEquals": true, "stringNotLikes": true} {
			list, lk := policy.List(resAt(c, kind))
			if lk == policy.Unknown {
				return "conditions." + kind + " is computed", policy.Unknown
			}
			for _, it := range list {
				key, kk := policy.Str(resAt(it, "key"))
				val, vk := policy.Str(resAt(it, "value"))
				if kk == policy.Unknown || vk == policy.Unknown {
					return "conditions." + kind + " is computed", policy.Unknown
				}
				tag := strings.TrimPrefix(key, "aws:ResourceTag/")
				if !tagKnown(tag) {
					return fmt.Sprintf("the resource's tag %s is computed", tag), policy.Unknown
				}
				got, has := tags[tag]
				match := has && got == val
				if strings.HasSuffix(kind, "Likes") {
					match = has && semantic.GlobMatch(val, got, false)
				}
				if match == negate {
					return "", policy.Absent
				}
			}
		}
	}
	excluded, xk := resSelectsByARN(s, t, "notResources")
	switch {
	case xk == policy.Unknown:
		return "notResources is computed", policy.Unknown
	case excluded != "":
		return "", policy.Absent
	}
	return how, policy.Present
}

// resSelectsByARN reports whether the ARN list prop of selection s names t: by a reference to t, "*", an
// ARN pattern covering t's type, or t's known name.
func resSelectsByARN(s, t *policy.Resource, prop string) (string, policy.Known) {
	if s.Refers(prop, t) {
		return "by reference in " + prop, policy.Present
	}
	arns, k := policy.Strings(s.Get(prop))
	if k == policy.Unknown {
		if len(s.PropertyDependencies[prop]) > 0 {
			// The computed ARNs come from other resources, not from t.
			return "", policy.Absent
		}
		return "", policy.Unknown
	}
	kind := resStateful[t.Type]
	name, _ := policy.Str(t.Get(kind.nameInput))
	for _, a := range arns {
		if a == "*" {
			return prop + ` "*"`, policy.Present
		}
		p := strings.SplitN(a, ":", 6)
		if len(p) != 6 || !semantic.GlobMatch(p[2], kind.service, false) {
			continue
		}
		if semantic.GlobMatch(p[5], kind.prefix+"x", false) && semantic.GlobMatch(p[5], kind.prefix+"y", false) {
			return fmt.Sprintf("%s pattern %s", prop, a), policy.Present
		}
		if name != "" && semantic.GlobMatch(p[5], kind.prefix+name, false) {
			return fmt.Sprintf("%s %s", prop, a), policy.Present
		}
	}
	return "", policy.Absent
}
