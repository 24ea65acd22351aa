// Command evidence-store is the smallest program that uses a policecloud component on its own: one
// digital evidence store in London, under S3 Object Lock in compliance mode for seven years.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/awslz"
	"github.com/policecloud/landingzones/components/tier"
)

func main() { pulumi.Run(program) }

func program(ctx *pulumi.Context) error {
	store, err := awslz.NewEvidenceStore(ctx, "evidence", &awslz.EvidenceStoreArgs{
		Region:         "eu-west-2",
		Profile:        tier.MustProfile(tier.Gold),
		RetentionYears: 7,
		Tags: map[string]string{
			"Force": "CTY", "Tier": "Gold", "Classification": "OFFICIAL-SENSITIVE",
			"Owner": "digital-evidence@county.police.uk", "ManagedBy": "pulumi",
		},
	})
	if err != nil {
		return err
	}
	ctx.Export("bucket", store.Bucket)
	ctx.Export("keyArn", store.KeyARN)
	return nil
}
