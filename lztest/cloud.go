package lztest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"

	"github.com/policecloud/landingzones/policy"
)

// Defaults for Options.
const (
	DefaultProject           = "police-landing-zones"
	DefaultStack             = "test"
	DefaultAWSAccount        = "123456789012"
	DefaultAWSRegion         = "eu-west-2"
	DefaultAzureSubscription = "00000000-0000-4000-8000-000000000001"
	DefaultAzureTenant       = "00000000-0000-4000-8000-000000000002"
	DefaultAzureObjectID     = "00000000-0000-4000-8000-000000000003"
)

// Options configure a Cloud. The zero value is usable.
type Options struct {
	// Project and Stack name the program run (DefaultProject, DefaultStack).
	Project, Stack string
	// Config is the stack configuration with fully qualified keys ("landingzone:tier").
	Config map[string]string
	// AWSAccount is the account ID in ARNs (DefaultAWSAccount).
	AWSAccount string
	// AzureSubscription is the subscription ID in Azure resource IDs (DefaultAzureSubscription).
	AzureSubscription string
	// StackOutputs are the outputs of other stacks, by the name a StackReference uses
	// ("organization/police-landing-zones/pos-foundation"). A reference to a stack not listed fails.
	StackOutputs map[string]map[string]any
	// Preview runs the program as a preview (dry run): outputs the mocks leave out are unknown.
	Preview bool
}

// Cloud is a mock engine and cloud for one program run. Use a new Cloud per run.
type Cloud struct {
	opts Options

	mu       sync.Mutex
	recorded []*policy.Resource
	byURN    map[string]*policy.Resource
	provRef  map[*policy.Resource]string // provider reference "urn::id" per resource
	ids      map[string]string           // provider reference -> provider URN
	// accounts maps an AWS provider reference to the account it acts in, an azure-native provider
	// reference to its subscription (see providerAccount).
	accounts map[string]string
	extra    map[*policy.Resource]*registration
}

// registration is what a stack export holds of a resource beyond the rules' view.
type registration struct {
	custom  bool
	version string // the package version the resource asked for ("" when none)
	inputs  resource.PropertyMap
	outputs resource.PropertyMap
}

// New returns a mock cloud.
func New(opts Options) *Cloud {
	if opts.Project == "" {
		opts.Project = DefaultProject
	}
	if opts.Stack == "" {
		opts.Stack = DefaultStack
	}
	if opts.AWSAccount == "" {
		opts.AWSAccount = DefaultAWSAccount
	}
	if opts.AzureSubscription == "" {
		opts.AzureSubscription = DefaultAzureSubscription
	}
	return &Cloud{
		opts:     opts,
		byURN:    map[string]*policy.Resource{},
		provRef:  map[*policy.Resource]string{},
		ids:      map[string]string{},
		accounts: map[string]string{},
		extra:    map[*policy.Resource]*registration{},
	}
}

// Run runs a Pulumi program against the mock cloud and waits for every registration.
func (c *Cloud) Run(program pulumi.RunFunc) error {
	return pulumi.RunErr(program, pulumi.WithMocks(c.opts.Project, c.opts.Stack, c), func(info *pulumi.RunInfo) {
		info.Config = c.opts.Config
		info.DryRun = c.opts.Preview
	})
}

// RunContext runs body with a pulumi.Context bound to the mock cloud, for tests that construct one
// component directly.
func (c *Cloud) RunContext(body func(ctx *pulumi.Context) error) error { return c.Run(body) }

// Resources returns every registered resource (providers and components included), in registration
// order, as rules see them. Provider references are resolved to the recorded provider resources.
func (c *Cloud) Resources() []*policy.Resource {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]*policy.Resource, 0, len(c.recorded))
	for _, r := range c.recorded {
		if ref, ok := c.provRef[r]; ok {
			urn := c.ids[ref]
			if urn == "" {
				urn, _, _ = strings.Cut(ref, "::")
			}
			if p := c.byURN[urn]; p != nil {
				r.Provider = &policy.Provider{Type: p.Type, Name: p.Name, URN: p.URN, Inputs: p.Inputs}
			}
		}
		out = append(out, r)
	}
	return out
}

// Types counts the registered resources by type token as rules see it (an azure-native API-versioned
// token counts under its default token, policy.CanonicalType).
func (c *Cloud) Types() map[string]int {
	out := map[string]int{}
	for _, r := range c.Resources() {
		out[r.Type]++
	}
	return out
}

// Find returns the registered resources of a type (all resources when typ is ""). An azure-native type
// matches its API-versioned tokens too, as rules see them (policy.CanonicalType).
func (c *Cloud) Find(typ string) []*policy.Resource {
	var out []*policy.Resource
	typ = policy.CanonicalType(typ)
	for _, r := range c.Resources() {
		if typ == "" || r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// NewResource implements pulumi.MockResourceMonitor.
func (c *Cloud) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rpc := args.RegisterRPC
	urn := c.urn(rpc.GetParent(), args.TypeToken, args.Name)
	rec := &policy.Resource{
		Name:           args.Name,
		URN:            urn,
		Inputs:         resource.FromResourcePropertyValue(resource.NewProperty(args.Inputs)).AsMap(),
		Parent:         rpc.GetParent(),
		Protect:        rpc.GetProtect(),
		RetainOnDelete: rpc.GetRetainOnDelete(),
		Dependencies:   rpc.GetDependencies(),
	}
	rec.SetType(args.TypeToken)
	if pd := rpc.GetPropertyDependencies(); len(pd) > 0 {
		rec.PropertyDependencies = map[string][]string{}
		for k, v := range pd {
			rec.PropertyDependencies[k] = v.GetUrns()
		}
	}

	var (
		id    string
		state resource.PropertyMap
		err   error
	)
	switch {
	case args.TypeToken == "pulumi:pulumi:StackReference":
		id, state, err = c.stackReference(args)
	case !args.Custom:
		id, state = "", resource.PropertyMap{}
	case strings.HasPrefix(args.TypeToken, "pulumi:providers:"):
		id, state = uuidFrom(urn), args.Inputs.Copy()
	case strings.HasPrefix(args.TypeToken, "aws:"):
		id, state = c.aws(args, urn, c.account(args.Provider, c.opts.AWSAccount))
	case strings.HasPrefix(args.TypeToken, "azure-native:"):
		id, state = c.azure(args, urn, c.account(args.Provider, c.opts.AzureSubscription))
	case strings.HasPrefix(args.TypeToken, "azuread:"):
		// Entra ID objects: the ID is the object ID, a GUID.
		id, state = uuidFrom(urn), args.Inputs.Copy()
		state["objectId"] = resource.NewProperty(id)
	default:
		id, state = hexFrom(urn, 16), args.Inputs.Copy()
	}
	if err != nil {
		return "", nil, err
	}
	rec.ID = id

	c.mu.Lock()
	defer c.mu.Unlock()
	c.recorded = append(c.recorded, rec)
	c.byURN[urn] = rec
	c.extra[rec] = &registration{custom: args.Custom, version: rpc.GetVersion(), inputs: args.Inputs, outputs: state}
	if p := rpc.GetProvider(); p != "" {
		c.provRef[rec] = p
	}
	if strings.HasPrefix(args.TypeToken, "pulumi:providers:") {
		c.ids[urn+"::"+id] = urn
		if acct := providerAccount(args.TypeToken, args.Inputs); acct != "" {
			c.accounts[urn+"::"+id] = acct
		}
	}
	return id, state, nil
}

// Call implements pulumi.MockResourceMonitor: the data-source functions the components use.
func (c *Cloud) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	switch args.Token {
	case "aws:index/getCallerIdentity:getCallerIdentity":
		acct := c.account(args.Provider, c.opts.AWSAccount)
		return resource.NewPropertyMapFromMap(map[string]any{
			"accountId": acct,
			"arn":       "arn:aws:iam::" + acct + ":user/mock",
			"userId":    "AIDAMOCKUSER",
			"id":        acct,
		}), nil
	case "aws:organizations/getOrganization:getOrganization":
		// The organisation the provider's account belongs to (its management account), with one root.
		acct := c.account(args.Provider, c.opts.AWSAccount)
		org := "o-" + strings.ToLower(hexFrom("org"+acct, 10))
		root := "r-" + strings.ToLower(hexFrom("root"+acct, 4))
		return resource.NewPropertyMapFromMap(map[string]any{
			"id":              org,
			"arn":             "arn:aws:organizations::" + acct + ":organization/" + org,
			"masterAccountId": acct,
			"featureSet":      "ALL",
			"roots":           []any{map[string]any{"id": root, "name": "Root", "arn": "arn:aws:organizations::" + acct + ":root/" + org + "/" + root}},
		}), nil
	case "aws:index/getRegion:getRegion":
		return resource.NewPropertyMapFromMap(map[string]any{"name": DefaultAWSRegion, "id": DefaultAWSRegion}), nil
	case "aws:index/getPartition:getPartition":
		return resource.NewPropertyMapFromMap(map[string]any{"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws"}), nil
	case "azure-native:authorization:getClientConfig":
		return resource.NewPropertyMapFromMap(map[string]any{
			"clientId":       DefaultAzureObjectID,
			"objectId":       DefaultAzureObjectID,
			"subscriptionId": c.account(args.Provider, c.opts.AzureSubscription),
			"tenantId":       DefaultAzureTenant,
		}), nil
	}
	return nil, fmt.Errorf("lztest: no mock for function %s", args.Token)
}

// account is the AWS account or Azure subscription a provider reference acts in: the one its inputs name
// (providerAccount), or def for no provider or a provider that names none.
func (c *Cloud) account(providerRef, def string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if acct := c.accounts[providerRef]; acct != "" {
		return acct
	}
	return def
}

// providerAccount is the account an AWS provider acts in (its allowedAccountIds, when it names exactly
// one, or the account of the role it assumes) or the subscription of an azure-native provider (its
// subscriptionId); "" when the inputs name none. The engine hands a provider's object-valued inputs over
// JSON-encoded, so strings holding JSON are decoded.
func providerAccount(typ string, inputs resource.PropertyMap) string {
	switch typ {
	case "pulumi:providers:azure-native":
		if v := inputs["subscriptionId"]; v.IsString() {
			return v.StringValue()
		}
	case "pulumi:providers:aws":
		if ids, ok := decoded(inputs["allowedAccountIds"]).([]any); ok && len(ids) == 1 {
			if id, ok := ids[0].(string); ok {
				return id
			}
		}
		roles := decoded(inputs["assumeRoles"])
		if r := decoded(inputs["assumeRole"]); r != nil {
			roles = []any{r}
		}
		if list, ok := roles.([]any); ok && len(list) > 0 {
			if role, ok := list[0].(map[string]any); ok {
				if arn, ok := role["roleArn"].(string); ok {
					// arn:aws:iam::<account>:role/<name>
					if parts := strings.Split(arn, ":"); len(parts) >= 6 && parts[4] != "" {
						return parts[4]
					}
				}
			}
		}
	}
	return ""
}

// decoded is a provider input as plain Go values, a JSON-encoded string decoded.
func decoded(v resource.PropertyValue) any {
	if v.IsString() {
		var out any
		if err := json.Unmarshal([]byte(v.StringValue()), &out); err == nil {
			return out
		}
		return v.StringValue()
	}
	if v.IsNull() || v.IsComputed() {
		return nil
	}
	return v.Mappable()
}

func (c *Cloud) stackReference(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	name := args.Inputs["name"]
	if !name.IsString() {
		return "", nil, fmt.Errorf("lztest: stack reference %s has no name", args.Name)
	}
	outs, ok := c.opts.StackOutputs[name.StringValue()]
	if !ok {
		return "", nil, fmt.Errorf("lztest: no outputs for stack reference %q (known: %s)", name.StringValue(), strings.Join(keys(c.opts.StackOutputs), ", "))
	}
	return name.StringValue(), resource.PropertyMap{
		"name":              name,
		"outputs":           resource.NewProperty(resource.NewPropertyMapFromMap(outs)),
		"secretOutputNames": resource.NewProperty([]resource.PropertyValue{}),
	}, nil
}

// urn computes the URN the mock monitor gives a resource.
func (c *Cloud) urn(parent, typ, name string) string {
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(c.opts.Stack), tokens.PackageName(c.opts.Project), parentType, tokens.Type(typ), name))
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// hexFrom derives n lower-case hex digits from seed, so IDs are stable from run to run.
func hexFrom(seed string, n int) string {
	sum := sha256.Sum256([]byte(seed))
	return hex.EncodeToString(sum[:])[:n]
}

// uuidFrom derives a stable UUID-shaped string from seed.
// digitsFrom returns n decimal digits derived from seed, the first not zero.
func digitsFrom(seed string, n int) string {
	sum := sha256.Sum256([]byte(seed))
	out := make([]byte, n)
	for i := range out {
		out[i] = '0' + sum[i%len(sum)]%10
	}
	if out[0] == '0' {
		out[0] = '1'
	}
	return string(out)
}

func uuidFrom(seed string) string {
	h := hexFrom(seed, 32)
	return h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-8" + h[17:20] + "-" + h[20:32]
}

var _ pulumi.MockResourceMonitor = (*Cloud)(nil)

// RunOutputs runs a program that returns its stack outputs (program.Deploy's shape), exports them, and
// returns them resolved, as JSON-shaped values (strings, float64, bool, []any, map[string]any): the
// values a StackReference to this stack would read. Each output is awaited before the run ends, so
// outputs with no resource behind them are not lost; an output unknown at preview is left out.
func (c *Cloud) RunOutputs(program func(ctx *pulumi.Context) (pulumi.Map, error)) (map[string]any, error) {
	got := map[string]any{}
	err := c.Run(func(ctx *pulumi.Context) error {
		out, err := program(ctx)
		if err != nil {
			return err
		}
		for k, v := range out {
			ctx.Export(k, v)
		}
		for k, v := range out {
			res, err := internals.UnsafeAwaitOutput(ctx.Context(), pulumi.ToOutput(v))
			if err != nil {
				return fmt.Errorf("output %s: %w", k, err)
			}
			if res.Known {
				got[k] = res.Value
			}
		}
		return nil
	})
	return jsonShaped(got), err
}

// jsonShaped converts resolved Go output values into the JSON shapes a stack's outputs have once stored.
func jsonShaped(m map[string]any) map[string]any {
	b, err := json.Marshal(m)
	if err != nil {
		return m
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return m
	}
	return out
}
