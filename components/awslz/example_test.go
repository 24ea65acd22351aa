package awslz_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/awslz"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
)

// An evidence store for body-worn video, kept for seven years under S3 Object Lock in compliance mode.
func ExampleNewEvidenceStore() {
	program := func(ctx *pulumi.Context) error {
		store, err := awslz.NewEvidenceStore(ctx, "bwv", &awslz.EvidenceStoreArgs{
			Region:         "eu-west-2",
			Profile:        tier.MustProfile(tier.Gold),
			RetentionYears: 7,
			Tags: map[string]string{
				"Force": "KENT", "Tier": "Gold", "Classification": "OFFICIAL-SENSITIVE",
				"Owner": "digital-evidence@kent.police.uk", "ManagedBy": "pulumi",
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("evidenceBucket", store.Bucket)
		return nil
	}
	// Run it offline under the mock engine and look at what it would create.
	cloud := mockcloud.New(mockcloud.Options{})
	if err := cloud.Run(program); err != nil {
		fmt.Println(err)
		return
	}
	lock := cloud.Find("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2")[0]
	fmt.Println("buckets:", cloud.Types()["aws:s3/bucketV2:BucketV2"])
	fmt.Println("lock:", lock.Get("rule", "defaultRetention", "mode").AsString(), lock.Get("rule", "defaultRetention", "years").AsNumber(), "years")
	// Output:
	// buckets: 2
	// lock: COMPLIANCE 7 years
}
