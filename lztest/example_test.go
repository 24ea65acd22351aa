package lztest_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

type awsProvider struct{ pulumi.ProviderResourceState }

type bucket struct{ pulumi.CustomResourceState }

// A program that creates a bare S3 bucket, run under the mock cloud and held to every mandatory rule:
// the rules that would block `pulumi preview --policy-pack policy/pack` are listed.
func ExampleCloud_Blocking() {
	program := func(ctx *pulumi.Context) error {
		var p awsProvider
		if err := ctx.RegisterResource("pulumi:providers:aws", "uk", pulumi.Map{
			"region":      pulumi.String("eu-west-2"),
			"defaultTags": pulumi.String(`{"tags":{"Force":"CTY","Tier":"Gold","Classification":"OFFICIAL","Owner":"cloud@county.police.uk","ManagedBy":"pulumi"}}`),
		}, &p); err != nil {
			return err
		}
		var b bucket
		return ctx.RegisterResource("aws:s3/bucketV2:BucketV2", "evidence", pulumi.Map{}, &b, pulumi.Provider(&p))
	}
	cloud := lztest.New(lztest.Options{Stack: "dev"})
	if err := cloud.Run(program); err != nil {
		fmt.Println(err)
		return
	}
	pctx := policy.NewContext("dev", "") // not a landing zone stack: resource-level rules decide
	pctx.Cloud = "aws"
	for _, f := range cloud.Blocking(pctx) {
		fmt.Println(f.RuleID, f.ResourceName)
	}
	// Output:
	// PCLZ-AWS-ENC-001 evidence
	// PCLZ-AWS-ENC-002 evidence
	// PCLZ-AWS-NET-005 evidence
	// PCLZ-COM-RES-001 evidence
	// PCLZ-COM-RES-002 evidence
}
