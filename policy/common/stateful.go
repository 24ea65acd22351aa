package common

import (
	"github.com/policecloud/landingzones/policy"
)

// comStatefulTypes are the resource types whose deletion loses data or keys: the types COM-RES-001 and
// COM-RES-002 hold to the tier profile's ProtectStateful and RetainStatefulOnDelete. pulumi-aws v6.83.2
// and azure-native v2.90.0 type tokens.
var comStatefulTypes = []string{
	"aws:backup/vault:Vault",
	"aws:cloudwatch/logGroup:LogGroup",
	"aws:dynamodb/table:Table",
	"aws:efs/fileSystem:FileSystem",
	"aws:kms/key:Key",
	"aws:rds/cluster:Cluster",
	"aws:rds/instance:Instance",
	"aws:s3/bucketV2:BucketV2",
	"azure-native:compute:Disk",
	"azure-native:keyvault:Key",
	"azure-native:keyvault:Vault",
	"azure-native:operationalinsights:Workspace",
	"azure-native:recoveryservices:Vault",
	"azure-native:storage:StorageAccount",
}

// comStatefulCheck decides a stateful-resource option: set says whether the resource has it, required
// whether the profile asks for it (read only when the tier is known), option names it ("protect"), field
// the profile field and goOption the resource option that sets it.
func comStatefulCheck(ctx *policy.Context, set, required bool, option, field, goOption string) policy.Result {
	if !ctx.HasTier() {
		return policy.Undecided("the stack's tier is not known, so whether stateful resources need %s is not known", option)
	}
	prof := "the " + string(ctx.Tier) + " profile"
	switch {
	case !required:
		return policy.Pass("%s does not require %s on stateful resources (%s is false)", prof, option, field)
	case set:
		return policy.Pass("stateful resource has %s set", option)
	default:
		return policy.Fail("stateful resource does not have %s set; %s requires it (%s)", option, prof, goOption)
	}
}
