package awslz

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/caller"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// partition is the AWS partition of every allowed region.
const partition = "aws"

// allowedRegions are the AWS regions a landing zone may use: London only.
var allowedRegions = []string{"eu-west-2"}

// requiredTags are the tags every resource carries through the provider's default tags.
var requiredTags = []string{"Force", "Tier", "Classification", "Owner", "ManagedBy"}

// azNames returns the first n availability zone names of a region ("eu-west-2a", ...).
func azNames(region string, n int) []string {
	out := make([]string, n)
	for i := range n {
		out[i] = region + string(rune('a'+i))
	}
	return out
}

// checkRegion validates a region field.
func checkRegion(field, region string) error {
	if !slices.Contains(allowedRegions, region) {
		return &netplan.FieldError{Path: field, Value: region, Msg: "is not an allowed region", Allowed: strings.Join(allowedRegions, ", ") + " (London)"}
	}
	return nil
}

// checkTags validates a Tags field: the required keys with non-empty values.
func checkTags(field string, tags map[string]string) []error {
	var errs []error
	for _, k := range requiredTags {
		if tags[k] == "" {
			errs = append(errs, &netplan.FieldError{Path: field, Value: k, Msg: "is missing or empty",
				Allowed: "a non-empty value (every resource carries " + strings.Join(requiredTags, ", ") + ")"})
		}
	}
	return errs
}

// child carries what every child resource of a component is created with: its parent and the
// component's explicit provider.
type child struct {
	parent   pulumi.Resource
	provider pulumi.ProviderResource
	profile  tier.Profile
	// tags are set on every resource's own tags: the component's Tags when the children use the
	// caller's provider, whose default tags the component does not set; nil when they use the
	// component's own provider, whose default tags carry them.
	tags map[string]string
	// accountID is the account the children live in ("" where not looked up); service roles trust their
	// service only on behalf of it.
	accountID string
}

// logRetentionDays is how long the component's log groups keep events (logRetentionDays of the
// profile). The constructors' validate refused a profile it fails for, before anything was registered.
func (c child) logRetentionDays() int {
	d, _ := logRetentionDays(c.profile)
	return d
}

// opts returns the parent and provider options plus extra.
func (c child) opts(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append([]pulumi.ResourceOption{pulumi.Parent(c.parent), pulumi.Provider(c.provider)}, extra...)
}

// stateful returns opts for a resource whose deletion loses data or keys: protected and retained on
// delete as the tier profile says.
func (c child) stateful(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return c.opts(append([]pulumi.ResourceOption{
		pulumi.Protect(c.profile.ProtectStateful),
		pulumi.RetainOnDelete(c.profile.RetainStatefulOnDelete),
	}, extra...)...)
}

// newProvider creates the component's explicit AWS provider: the region and the default tags every
// resource of the component carries.
func newProvider(ctx *pulumi.Context, name, region string, tags map[string]string, parent pulumi.Resource) (*aws.Provider, error) {
	return aws.NewProvider(ctx, name+"-aws", &aws.ProviderArgs{
		Region:      pulumi.String(region),
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(tags)},
	}, pulumi.Parent(parent))
}

// provider returns the AWS provider a component's children use, and the tags each child must carry
// itself: explicit (an argument), else the caller's (caller.Provider over the component's options),
// with the component's Tags on every resource; else a provider of the component's own for region, whose
// default tags carry Tags.
func provider(ctx *pulumi.Context, name string, explicit pulumi.ProviderResource, opts []pulumi.ResourceOption,
	region string, tags map[string]string, parent pulumi.Resource,
) (pulumi.ProviderResource, map[string]string, error) {
	if explicit == nil {
		explicit = caller.Provider("aws", opts...)
	}
	if explicit != nil {
		return explicit, tags, nil
	}
	p, err := newProvider(ctx, name, region, tags, parent)
	return p, nil, err
}

// tagged returns the resource's own tags: the child's tags (see child.tags), a Name and any extra
// key/value pairs. With the component's own provider the required tags come from its default tags.
func (c child) tagged(name string, kv ...string) pulumi.StringMap {
	m := pulumi.StringMap{}
	for k, v := range c.tags {
		m[k] = pulumi.String(v)
	}
	m["Name"] = pulumi.String(name)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = pulumi.String(kv[i+1])
	}
	return m
}

// policyJSON renders an IAM policy document.
func policyJSON(statements ...map[string]any) string {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	if err != nil { // unreachable: the documents are maps of strings and slices
		panic(err)
	}
	return string(b)
}

// policyOutput renders an IAM policy document whose statements depend on outputs (ARNs).
func policyOutput(build func(args []any) []map[string]any, inputs ...any) pulumi.StringOutput {
	return pulumi.All(inputs...).ApplyT(func(args []any) string {
		return policyJSON(build(args)...)
	}).(pulumi.StringOutput)
}
