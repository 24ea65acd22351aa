package corpus

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Versions are the provider package versions the corpus is written against; every registration asks
// for them, as the generated SDKs do, so default providers are named as the engine names them.
var Versions = map[string]string{
	"aws":          "6.83.2",
	"azure-native": "2.90.0",
}

// Outputs are the outputs a case may interpolate (${name.output}): those the mock cloud and the
// providers return for the types that have them.
var Outputs = []string{
	"id", "urn", "arn", "name", "keyId", "bucket", "keyUri", "keyUriWithVersion", "principalId",
	"clientId", "tenantId", "customerId", "defaultSecurityGroupId", "defaultNetworkAclId",
	"defaultRouteTableId", "targetKeyArn",
}

// genericResource receives the outputs of any custom resource a case registers.
type genericResource struct {
	pulumi.CustomResourceState

	Arn                    pulumi.StringOutput `pulumi:"arn"`
	Name                   pulumi.StringOutput `pulumi:"name"`
	KeyID                  pulumi.StringOutput `pulumi:"keyId"`
	Bucket                 pulumi.StringOutput `pulumi:"bucket"`
	KeyURI                 pulumi.StringOutput `pulumi:"keyUri"`
	KeyURIWithVersion      pulumi.StringOutput `pulumi:"keyUriWithVersion"`
	PrincipalID            pulumi.StringOutput `pulumi:"principalId"`
	ClientID               pulumi.StringOutput `pulumi:"clientId"`
	TenantID               pulumi.StringOutput `pulumi:"tenantId"`
	CustomerID             pulumi.StringOutput `pulumi:"customerId"`
	DefaultSecurityGroupID pulumi.StringOutput `pulumi:"defaultSecurityGroupId"`
	DefaultNetworkACLID    pulumi.StringOutput `pulumi:"defaultNetworkAclId"`
	DefaultRouteTableID    pulumi.StringOutput `pulumi:"defaultRouteTableId"`
	TargetKeyArn           pulumi.StringOutput `pulumi:"targetKeyArn"`
}

func (g *genericResource) output(name string) pulumi.StringOutput {
	switch name {
	case "id":
		return g.ID().ToStringOutput()
	case "urn":
		return g.URN().ToStringOutput()
	case "arn":
		return g.Arn
	case "name":
		return g.Name
	case "keyId":
		return g.KeyID
	case "bucket":
		return g.Bucket
	case "keyUri":
		return g.KeyURI
	case "keyUriWithVersion":
		return g.KeyURIWithVersion
	case "principalId":
		return g.PrincipalID
	case "clientId":
		return g.ClientID
	case "tenantId":
		return g.TenantID
	case "customerId":
		return g.CustomerID
	case "defaultSecurityGroupId":
		return g.DefaultSecurityGroupID
	case "defaultNetworkAclId":
		return g.DefaultNetworkACLID
	case "defaultRouteTableId":
		return g.DefaultRouteTableID
	case "targetKeyArn":
		return g.TargetKeyArn
	}
	return pulumi.String("").ToStringOutput()
}

type providerResource struct {
	pulumi.ProviderResourceState
}

// registered is a resource the program has registered, for references from later resources.
type registered struct {
	res      pulumi.Resource
	generic  *genericResource  // custom resources
	provider *providerResource // providers
}

func (r *registered) output(name string) pulumi.StringOutput {
	if r.generic != nil {
		return r.generic.output(name)
	}
	switch name {
	case "id":
		return r.provider.ID().ToStringOutput()
	case "urn":
		return r.provider.URN().ToStringOutput()
	}
	return pulumi.String("").ToStringOutput()
}

// Program returns the case as a Pulumi program: every resource registered generically with its type
// token, inputs (interpolations become outputs of the resources they name, so the engine records
// property dependencies as a real program's would) and options.
func Program(c *Case) pulumi.RunFunc {
	run := Register(c, "")
	return func(ctx *pulumi.Context) error { return run(ctx) }
}

// Register registers the case's resources in ctx, each named prefix+name: several cases can then share
// one program (a batch), and SplitExport recovers each case's own export.
func Register(c *Case, prefix string) func(ctx *pulumi.Context) error {
	return func(ctx *pulumi.Context) error {
		order, err := c.Order()
		if err != nil {
			return err
		}
		done := map[string]*registered{}
		for _, r := range order {
			props, err := toInput(r.Properties, done)
			if err != nil {
				return fmt.Errorf("%s: resources.%s: %w", c.ID, r.Name, err)
			}
			inputs, _ := props.(pulumi.Map)
			if inputs == nil {
				inputs = pulumi.Map{}
			}
			opts := []pulumi.ResourceOption{}
			if v := Versions[packageOf(strings.TrimPrefix(r.Type, "pulumi:providers:"))]; v != "" {
				opts = append(opts, pulumi.Version(v))
			}
			if r.Provider != "" {
				opts = append(opts, pulumi.Provider(done[r.Provider].provider))
			}
			if r.Options.Parent != "" {
				opts = append(opts, pulumi.Parent(done[r.Options.Parent].res))
			}
			if r.Options.Protect {
				opts = append(opts, pulumi.Protect(true))
			}
			if r.Options.RetainOnDelete {
				opts = append(opts, pulumi.RetainOnDelete(true))
			}
			if len(r.Options.DependsOn) > 0 {
				var ds []pulumi.Resource
				for _, d := range r.Options.DependsOn {
					ds = append(ds, done[d].res)
				}
				opts = append(opts, pulumi.DependsOn(ds))
			}
			reg := &registered{}
			if strings.HasPrefix(r.Type, "pulumi:providers:") {
				reg.provider = &providerResource{}
				reg.res = reg.provider
				err = ctx.RegisterResource(r.Type, prefix+r.Name, inputs, reg.provider, opts...)
			} else {
				reg.generic = &genericResource{}
				reg.res = reg.generic
				err = ctx.RegisterResource(r.Type, prefix+r.Name, inputs, reg.generic, opts...)
			}
			if err != nil {
				return fmt.Errorf("%s: resources.%s: %w", c.ID, r.Name, err)
			}
			done[r.Name] = reg
		}
		return nil
	}
}

// toInput converts a YAML value into a Pulumi input.
func toInput(v any, done map[string]*registered) (pulumi.Input, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		return stringInput(x, done)
	case bool:
		return pulumi.Bool(x), nil
	case int:
		return pulumi.Int(x), nil
	case float64:
		return pulumi.Float64(x), nil
	case []any:
		arr := pulumi.Array{}
		for i, e := range x {
			in, err := toInput(e, done)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			arr = append(arr, in)
		}
		return arr, nil
	case map[string]any:
		if j, ok := x["fn::toJSON"]; ok && len(x) == 1 {
			in, err := toInput(j, done)
			if err != nil {
				return nil, fmt.Errorf("fn::toJSON: %w", err)
			}
			return pulumi.ToOutput(in).ApplyT(func(v any) (string, error) {
				b, err := json.Marshal(v)
				return string(b), err
			}).(pulumi.StringOutput), nil
		}
		m := pulumi.Map{}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			in, err := toInput(x[k], done)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			if in != nil {
				m[k] = in
			}
		}
		return m, nil
	}
	return nil, fmt.Errorf("value %v of type %T: allowed strings, numbers, booleans, lists and maps", v, v)
}

// stringInput is a string, or the output an interpolation names, or a string built from several.
func stringInput(s string, done map[string]*registered) (pulumi.Input, error) {
	locs := interpolation.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 {
		return pulumi.String(s), nil
	}
	var (
		parts   []string
		outputs []any
	)
	last := 0
	for _, l := range locs {
		m := refPattern.FindStringSubmatch(s[l[2]:l[3]])
		if m == nil || done[m[1]] == nil {
			return nil, fmt.Errorf("%s: allowed ${<resource registered earlier>.<output>}", s[l[0]:l[1]])
		}
		parts = append(parts, s[last:l[0]])
		outputs = append(outputs, done[m[1]].output(m[2]))
		last = l[1]
	}
	parts = append(parts, s[last:])
	if len(outputs) == 1 && parts[0] == "" && parts[1] == "" {
		return outputs[0].(pulumi.StringOutput), nil
	}
	return pulumi.All(outputs...).ApplyT(func(vals []any) string {
		var b strings.Builder
		for i, p := range parts {
			b.WriteString(p)
			if i < len(vals) {
				fmt.Fprint(&b, vals[i])
			}
		}
		return b.String()
	}).(pulumi.StringOutput), nil
}
