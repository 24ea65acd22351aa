// Package caller finds the provider a component's caller gave it, so the landing zone components create
// their children through the caller's provider (an assume-role provider into a member account, a
// provider for one subscription) and build their own only when none was given.
package caller

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Provider returns the provider of package pkg ("aws", "azure-native") that the caller gave a component
// through its resource options, as the engine would hand it to the component's children: the
// pulumi.Provider or pulumi.Providers option, else the provider the component's parent holds for pkg.
// It returns nil when the caller gave none.
func Provider(pkg string, opts ...pulumi.ResourceOption) pulumi.ProviderResource {
	o, err := pulumi.NewResourceOptions(opts...)
	if err != nil {
		return nil
	}
	typ := "pulumi:providers:" + pkg
	if o.Provider != nil && o.Provider.PulumiResourceType() == typ {
		return o.Provider
	}
	for _, p := range o.Providers {
		if p != nil && p.PulumiResourceType() == typ {
			return p
		}
	}
	if parent, ok := o.Parent.(interface {
		GetProvider(token string) pulumi.ProviderResource
	}); ok {
		// GetProvider takes a type token ("aws:s3/bucketV2:BucketV2") and looks its package up.
		return parent.GetProvider(pkg + "::")
	}
	return nil
}
