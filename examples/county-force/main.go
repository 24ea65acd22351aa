// Command county-force is the Pulumi program a county force writes to build its own AWS landing zone
// from the policecloud components: its own supernet, external ranges and flows, a foundation, a Gold
// and a Bronze tier with their backups' second copy in the force's backup account, a records service in
// Gold, and a separate evidence store for body-worn video.
//
// One program, three stacks: county-foundation, county-gold and county-bronze. The stack name picks
// what to build.
package main

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/awslz"
	"github.com/policecloud/landingzones/components/config"
)

func main() { pulumi.Run(program) }

// landingZone is the force's landing zone, in the same typed configuration the policecloud stacks use.
// config.Load validates it (address plan, flows against each tier's profile) and reports every problem.
func landingZone(stack string) (*config.Stack, error) {
	raw := map[string]string{
		"cloud":          "aws",
		"force":          "CTY",
		"landingZone":    "county",
		"region":         "eu-west-2",
		"classification": "OFFICIAL",
		"owner":          "cloud@county.police.uk",
		"costCentre":     "CTY-IT-200",
		"supernet":       "10.40.0.0/16",
		"externalRanges": `[{"name":"psn","kind":"psn","cidr":"10.128.0.0/10"},` +
			`{"name":"force-dc","kind":"onprem","cidr":"172.24.0.0/16"}]`,
		"flows": `[{"from":"gold","to":"bronze","protocol":"tcp","ports":"1521","reason":"Records system reads the legacy intelligence database"},` +
			`{"from":"bronze","to":"force-dc","protocol":"tcp","ports":"1521","reason":"Legacy database replicates to the force data centre"},` +
			`{"from":"gold","to":"internet","protocol":"tcp","ports":"443","reason":"Patching through the hub allow-list"}]`,
	}
	switch role := strings.TrimPrefix(stack, "county-"); role {
	case "foundation":
		raw["role"] = "foundation"
		raw["egressDomains"] = `["*.ubuntu.com","*.amazonaws.com"]`
		raw["psnPeerAddress"] = "198.51.100.20"
		raw["psnPeerAsn"] = "65020"
	case "gold", "bronze":
		raw["role"] = "tier"
		raw["tier"] = role
		raw["foundationStack"] = "organization/county-force-landing-zone/county-foundation"
		// The second copy of the tier's backups goes to the force's backup account, through this role.
		raw["backupCopyRoleArn"] = "arn:aws:iam::" + BackupAccount + ":role/county-backup-deployer"
	default:
		return nil, fmt.Errorf("stack %q: allowed county-foundation, county-gold, county-bronze", stack)
	}
	return config.Load(stack, raw)
}

// BackupAccount is the force's backup account, which keeps the second copy of every tier's backups.
const BackupAccount = "555566667777"

// AccountRoleConfig is the config key naming the role to deploy the stack's account through
// (`pulumi config set county:accountRoleArn arn:aws:iam::<account>:role/<role>`): each stack then
// deploys into its own member account through an assume-role provider, the components' children all
// through it. Unset, the components build their own providers from the ambient credentials.
const AccountRoleConfig = "county:accountRoleArn"

// accountProvider returns the resource options that hand the components the stack account's provider,
// none when AccountRoleConfig is unset.
func accountProvider(ctx *pulumi.Context, st *config.Stack) ([]pulumi.ResourceOption, error) {
	role, ok := ctx.GetConfig(AccountRoleConfig)
	if !ok || role == "" {
		return nil, nil
	}
	p, err := aws.NewProvider(ctx, "account", &aws.ProviderArgs{
		Region:      pulumi.String(st.Region),
		AssumeRole:  &aws.ProviderAssumeRoleArgs{RoleArn: pulumi.String(role), SessionName: pulumi.String("county-landing-zone")},
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(st.Tags())},
	})
	if err != nil {
		return nil, err
	}
	return []pulumi.ResourceOption{pulumi.Provider(p)}, nil
}

func program(ctx *pulumi.Context) error {
	st, err := landingZone(ctx.Stack())
	if err != nil {
		return err
	}
	opts, err := accountProvider(ctx, st)
	if err != nil {
		return err
	}
	if st.Role == config.RoleFoundation {
		args := &awslz.FoundationArgs{
			Region: st.Region, Profile: st.Profile, Plan: st.Plan, Externals: st.ExternalRanges, Flows: st.Flows,
			EgressDomains: st.EgressDomains, Tags: st.Tags(),
		}
		if st.PSNEdge != nil {
			args.PSNEdge = &awslz.PSNEdge{PeerAddress: st.PSNEdge.PeerAddress.String(), ASN: st.PSNEdge.ASN}
		}
		f, err := awslz.NewFoundation(ctx, "county", args, opts...)
		if err != nil {
			return err
		}
		return export(ctx, f.Outputs)
	}
	ref, err := pulumi.NewStackReference(ctx, "foundation", &pulumi.StackReferenceArgs{Name: pulumi.String(st.FoundationStack)})
	if err != nil {
		return err
	}
	tables := ref.GetOutput(pulumi.String("tierRouteTableIds")).AsStringMapOutput()
	backupAccount, err := aws.NewProvider(ctx, "backup-account", &aws.ProviderArgs{
		Region:      pulumi.String(st.Profile.Backup.SecondCopy.AWSRegion),
		AssumeRole:  &aws.ProviderAssumeRoleArgs{RoleArn: pulumi.String(st.BackupCopyRoleARN), SessionName: pulumi.String("county-landing-zone")},
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(st.Tags())},
	})
	if err != nil {
		return err
	}
	env, err := awslz.NewTierEnvironment(ctx, "county-"+string(st.Tier), &awslz.TierEnvironmentArgs{
		Region: st.Region, Profile: st.Profile, Plan: st.Plan, Externals: st.ExternalRanges, Flows: st.Flows,
		Foundation: awslz.FoundationRef{
			TransitGatewayID:       ref.GetStringOutput(pulumi.String("transitGatewayId")),
			RouteTableID:           tables.MapIndex(pulumi.String(string(st.Tier))),
			InspectionRouteTableID: ref.GetStringOutput(pulumi.String("inspectionRouteTableId")),
		},
		BackupCopy: &awslz.BackupCopy{Provider: backupAccount},
		Tags:       st.Tags(),
	}, opts...)
	if err != nil {
		return err
	}
	if err := export(ctx, env.Outputs); err != nil {
		return err
	}
	if st.Tier == "gold" {
		// Body-worn video: its own store, ten years, on the tier's provider and data key.
		bwv, err := awslz.NewEvidenceStore(ctx, "county-bwv", &awslz.EvidenceStoreArgs{
			Provider: env.Provider, Region: st.Region, Profile: st.Profile, RetentionYears: 10, KeyARN: env.DataKeyARN,
		})
		if err != nil {
			return err
		}
		ctx.Export("bodyWornVideoBucket", bwv.Bucket)
		// The records service: two instances across the tier's zones and its database, scanned by Amazon
		// Inspector, patched at the tier's reboot window and backed up (with the second copy) by the tier.
		records, err := awslz.NewWorkload(ctx, "county-records", &awslz.WorkloadArgs{
			Region: st.Region, Profile: st.Profile,
			Environment: awslz.TierEnvironmentRef{VpcID: env.VpcID, WorkloadSubnetIDs: env.WorkloadSubnetIDs,
				WorkloadSecurityGroupID: env.WorkloadSecurityGroupID, DataKeyARN: env.DataKeyARN},
			OperatingSystem: awslz.OSAmazonLinux2023, InstanceType: "m7i.large", ImageID: "ami-0c0c0c0c0c0c0c0c5",
			MinSize: 2, MaxSize: 4,
			Database: &awslz.Database{Engine: "postgres", EngineVersion: "16.4", InstanceClass: "db.m7g.large", AllocatedStorage: 100},
			Tags:     st.Tags(),
		}, pulumi.Provider(env.Provider))
		if err != nil {
			return err
		}
		ctx.Export("recordsPatchGroup", records.PatchGroup)
	}
	return nil
}

// export exports every output a component declares.
func export(ctx *pulumi.Context, outputs func() (pulumi.Map, error)) error {
	m, err := outputs()
	if err != nil {
		return err
	}
	for k, v := range m {
		ctx.Export(k, v)
	}
	return nil
}
