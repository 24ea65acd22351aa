package aws

import (
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/semantic"
)

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AWS-REG-005",
		Title: "KMS keys are not replicated outside the allowed UK regions",
		Description: "A multi-region KMS key can be replicated to any AWS region, and its replicas decrypt anything the " +
			"primary encrypted. With London as the only allowed region, any replica would be outside UK " +
			"jurisdiction, so multi-region primary keys fail. Only when the allow-list holds more than one region " +
			"may a key be multi-region, and then every replica key of this stack must be on a provider in an " +
			"allowed region. Every replica key's own provider must be in an allowed region too. Judged before " +
			"create by the twin PCLZ-AWS-REG-007 (a primary key's own multiRegion flag under a one-region " +
			"allow-list); judged here, only after the resources exist: the replica keys of a multi-region key " +
			"under a wider allow-list, and each replica key's provider. A key the twin reports is not " +
			"applicable here, so one fault gives one finding.",
		Pack:        policy.PackRegion,
		Severity:    policy.SeverityCritical,
		Enforcement: policy.Mandatory,
		Principles:  []string{"2.1"},
		ResourceTypes: []string{
			typeKMSKey, typeKMSExternalKey, typeKMSReplicaKey, typeKMSReplicaExternalKey,
		},
		Remediation: "Leave `multiRegion` unset (or false) on `aws:kms/key:Key` and `aws:kms/externalKey:ExternalKey`; create " +
			"one regional key per allowed region instead of replicas. Create any `aws:kms/replicaKey:ReplicaKey` only on " +
			"a provider whose region is on the allow-list.",
		Waivable: false,
		Reads: slices.Concat(policy.Reads(typeKMSKey, "multiRegion"), policy.Reads(typeKMSExternalKey, "multiRegion"),
			policy.Reads(typeKMSReplicaKey, "primaryKeyArn"), policy.Reads(typeKMSReplicaExternalKey, "primaryKeyArn")),
	},
	Check: func(ctx *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range rs {
			if r == nil {
				continue
			}
			switch r.Type {
			case typeKMSKey, typeKMSExternalKey:
				out = append(out, regWithURN(regKMSPrimary(ctx, rs, r), r))
			case typeKMSReplicaKey, typeKMSReplicaExternalKey:
				out = append(out, regWithURN(regProviderRegion(ctx, r, "replica key"), r))
			}
		}
		return out
	},
})

// regRefersKey reports whether r's input prop points at KMS key: through property dependencies or the
// key's ID (policy.Resource.Refers), through an alias of the stack or by key ARN, alias name or alias ARN
// (semantic.FindStackKey), or because its known value is the ARN of the key's ID
// ("arn:aws:kms:<region>:<account>:key/<id>", as exported state holds it).
func regRefersKey(rs []*policy.Resource, r *policy.Resource, prop string, key *policy.Resource) bool {
	if r.Refers(prop, key) {
		return true
	}
	if found, ok := semantic.FindStackKey(rs, r, prop); ok && found.Key == key {
		return true
	}
	s, k := policy.Str(r.Get(prop))
	return key.ID != "" && k == policy.Present && strings.HasPrefix(s, "arn:") && strings.HasSuffix(s, ":key/"+key.ID)
}

// regKMSTwin is the ID of PCLZ-AWS-REG-005's resource-level twin.
const regKMSTwin = "PCLZ-AWS-REG-007"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    regKMSTwin,
		Title: "KMS keys are single-region while one region is allowed",
		Description: "The resource-level half of PCLZ-AWS-REG-005, judged on each KMS key alone so that `pulumi up` " +
			"refuses a multi-region primary key before it is created (the engine runs stack rules only after " +
			"every step): with one allowed region, any replica of a multi-region key would be outside it. Under " +
			"a wider allow-list a multi-region key is not applicable here: its replicas are judged by " +
			"PCLZ-AWS-REG-005 once the stack's replica keys are known.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: []string{typeKMSKey, typeKMSExternalKey},
		Remediation: "Leave `multiRegion` unset (or false) on `aws:kms/key:Key` and `aws:kms/externalKey:ExternalKey`; create " +
			"one regional key per allowed region instead of replicas.",
		Waivable: false,
		Reads:    slices.Concat(policy.Reads(typeKMSKey, "multiRegion"), policy.Reads(typeKMSExternalKey, "multiRegion")),
	},
	Check: regKMSMultiRegionOwn,
})

// regKMSMultiRegionOwn judges a key's own multiRegion flag against the allow-list (PCLZ-AWS-REG-007).
func regKMSMultiRegionOwn(ctx *policy.Context, key *policy.Resource) policy.Result {
	multi, k := policy.Bool(key.Get("multiRegion"))
	switch {
	case k == policy.Unknown:
		return policy.Undecided("multiRegion is computed; keys must be single-region unless every replica is in %s",
			regAllowedText(ctx))
	case !multi:
		return policy.Pass("key is single-region")
	case len(regAllowed(ctx)) < 2:
		return policy.Fail("key is multi-region, but the only allowed region is %s, so any replica would be outside it; "+
			"set multiRegion false", regAllowedText(ctx))
	}
	return policy.NotApplicable("key is multi-region and the allow-list has %s; PCLZ-AWS-REG-005 judges its replicas",
		regAllowedText(ctx))
}

// regKMSPrimary decides a key that may be a multi-region primary: its replicas, once the twin has judged
// the key's own flag.
func regKMSPrimary(ctx *policy.Context, rs []*policy.Resource, key *policy.Resource) policy.Result {
	switch own := regKMSMultiRegionOwn(ctx, key); own.Status {
	case policy.StatusPass:
		return own
	case policy.StatusFail, policy.StatusUnknown:
		return policy.JudgedByTwin("key", regKMSTwin, []*policy.Resource{key})
	}
	replicaType := typeKMSReplicaKey
	if key.Type == typeKMSExternalKey {
		replicaType = typeKMSReplicaExternalKey
	}
	var replicas []*policy.Resource
	for _, r := range rs {
		if r != nil && r.Type == replicaType && regRefersKey(rs, r, "primaryKeyArn", key) {
			replicas = append(replicas, r)
		}
	}
	var results []policy.Result
	for _, r := range replicas {
		results = append(results, regProviderRegion(ctx, r, "replica "+r.Name))
	}
	if worst, ok := regWorst(results); !ok {
		return worst
	}
	if len(replicas) == 0 {
		return policy.Pass("key is multi-region with no replica in this stack; the allow-list has %s", regAllowedText(ctx))
	}
	return policy.Pass("key is multi-region and its replicas are in allowed regions (%s)", regNames(replicas))
}
