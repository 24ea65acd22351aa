package awslz

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
)

// The component tests build their arguments from the repository's stack files. The stack program's
// own mapping (internal/program.AWSFoundationArgs, AWSTierEnvironmentArgs) imports this package, so
// these in-package tests cannot call it without an import cycle and repeat it here: keep the two in step.

// foundationArgs returns the foundation arguments a foundation stack file describes.
func foundationArgs(st *config.Stack) *FoundationArgs {
	args := &FoundationArgs{
		Region: st.Region, Profile: st.Profile, Plan: st.Plan, Externals: st.ExternalRanges, Flows: st.Flows,
		EgressDomains: st.EgressDomains, Tags: st.Tags(),
	}
	if st.PSNEdge != nil {
		args.PSNEdge = &PSNEdge{PeerAddress: st.PSNEdge.PeerAddress.String(), ASN: st.PSNEdge.ASN}
	}
	return args
}

// tierArgs returns the tier environment arguments a tier stack file describes, with ref as the
// foundation.
func tierArgs(st *config.Stack, ref FoundationRef) *TierEnvironmentArgs {
	return &TierEnvironmentArgs{
		Region: st.Region, Profile: st.Profile, Plan: st.Plan, Externals: st.ExternalRanges, Flows: st.Flows,
		Foundation: ref, Tags: st.Tags(),
	}
}

// testFoundation stands in for the foundation's outputs.
func testFoundation() FoundationRef {
	return FoundationRef{
		TransitGatewayID:       pulumi.String("tgw-0a1b2c3d4e5f60718"),
		RouteTableID:           pulumi.String("tgw-rtb-0a1b2c3d4e5f60719"),
		InspectionRouteTableID: pulumi.String("tgw-rtb-0a1b2c3d4e5f6071a"),
	}
}

// backupAccount is the account of the tier environments' second-copy vaults in the tests.
const backupAccount = "444455556666"

// withBackupCopy gives tier environment arguments a second copy in the backup account, through a
// provider that assumes a deployer role there (as the stack program does with
// landingzone:backupCopyRoleArn).
func withBackupCopy(ctx *pulumi.Context, a *TierEnvironmentArgs) error {
	p, err := aws.NewProvider(ctx, "backup-account", &aws.ProviderArgs{
		Region:     pulumi.String("eu-west-2"),
		AssumeRole: &aws.ProviderAssumeRoleArgs{RoleArn: pulumi.String("arn:aws:iam::" + backupAccount + ":role/landing-zone-deployer")},
	})
	if err != nil {
		return err
	}
	a.BackupCopy = &BackupCopy{Provider: p}
	return nil
}
