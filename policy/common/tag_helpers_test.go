package common

import (
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// comProviderResource is the fixtures' AWS provider as a resource of its own.
func comProviderResource() *policy.Resource {
	p := policytest.AWSProvider("eu-west-2")
	return &policy.Resource{Type: p.Type, Name: p.Name, URN: p.URN, Inputs: p.Inputs}
}

// comAzureStorage is a compliant Azure storage account of the given tier.
func comAzureStorage(t tier.Tier) *policy.Resource {
	return policytest.Azure("azure-native:storage:StorageAccount", "evidence", map[string]any{
		"resourceGroupName": "met-platinum-data",
		"kind":              "StorageV2",
		"sku":               map[string]any{"name": "Standard_ZRS"},
		"tags":              policytest.Tags(t),
	})
}

// comAWSBucket is an AWS bucket on the fixtures' provider with one tag of its own.
func comAWSBucket() *policy.Resource {
	return policytest.AWS("aws:s3/bucketV2:BucketV2", "evidence", map[string]any{
		"bucket": "pos-evidence",
		"tags":   map[string]any{"Name": "pos-evidence"},
	})
}

// comWithResource replaces the fixture's subject.
func comWithResource(r func() *policy.Resource) func([]*policy.Resource, *policy.Context) {
	return func(rs []*policy.Resource, _ *policy.Context) { rs[0] = r() }
}

// comAWSRoute is an AWS route: a type that takes no tags.
func comAWSRoute() *policy.Resource {
	return policytest.AWS("aws:ec2/route:Route", "default", map[string]any{"routeTableId": "rtb-0abc", "destinationCidrBlock": "10.0.0.0/8"})
}
