// The analyzer server below is a port of the Pulumi Go SDK's policyx server
// (github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx/server.go at v3.259.0,
// Copyright 2025, Pulumi Corporation, licensed under the Apache License, Version 2.0:
// http://www.apache.org/licenses/LICENSE-2.0), changed so that the pack itself decides each policy's
// enforcement level from the engine's policy config.
//
// policyx keeps the config the engine sends in Configure to itself, hands each policy only its own
// properties, and never calls a policy the config disabled. The landing zones need the whole config:
// a never-waivable rule and the pack's own input policy stay at their levels whatever the config says,
// and every refused setting is reported as a mandatory violation of the input policy (see
// policy/packconfig). Resource and stack analysis, the plugin protocol and the messages are otherwise
// as in policyx. Remediation is not served (the pack has no remediation policies; the engine skips an
// analyzer whose Remediate is unimplemented).

package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	pbempty "google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/policecloud/landingzones/policy/packconfig"
)

// serve runs the analyzer server with the pack the factory builds for a stack, and prints its port as
// the plugin protocol requires.
func serve(factory func(*pulumi.Context) (*env, policyx.PolicyPack, error)) error {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterAnalyzerServer(srv, &analyzerServer{factory: factory})
			return nil
		},
	})
	if err != nil {
		return fmt.Errorf("fatal: %w", err)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		return fmt.Errorf("fatal: %w", err)
	}
	return nil
}

type analyzerServer struct {
	pulumirpc.UnimplementedAnalyzerServer

	factory func(*pulumi.Context) (*env, policyx.PolicyPack, error)
	env     *env
	pack    policyx.PolicyPack

	stacktags map[string]string
	handshake *pulumirpc.AnalyzerHandshakeRequest
	// unconfigured keeps the inputs of resources whose provider is not configured at preview.
	unconfigured unconfiguredInputs
}

// level is the enforcement level a policy runs at: its own unless config set another that the pack
// accepts (packconfig.Resolve). Remediate enforces as mandatory: the pack's policies only validate.
func (srv *analyzerServer) level(p policyx.Policy) policyx.EnforcementLevel {
	l := srv.env.eff.Level(p.Name(), fromPolicyx(p.EnforcementLevel()))
	return toPolicyx(l)
}

func fromPolicyx(l policyx.EnforcementLevel) packconfig.Level {
	switch l {
	case policyx.EnforcementLevelMandatory:
		return packconfig.Mandatory
	case policyx.EnforcementLevelRemediate:
		return packconfig.Remediate
	case policyx.EnforcementLevelDisabled:
		return packconfig.Disabled
	default:
		return packconfig.Advisory
	}
}

func toPolicyx(l packconfig.Level) policyx.EnforcementLevel {
	switch l {
	case packconfig.Mandatory, packconfig.Remediate:
		return policyx.EnforcementLevelMandatory
	case packconfig.Disabled:
		return policyx.EnforcementLevelDisabled
	default:
		return policyx.EnforcementLevelAdvisory
	}
}

func (srv *analyzerServer) Handshake(_ context.Context, req *pulumirpc.AnalyzerHandshakeRequest) (*pulumirpc.AnalyzerHandshakeResponse, error) {
	srv.handshake = req
	return &pulumirpc.AnalyzerHandshakeResponse{}, nil
}

func (srv *analyzerServer) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	// The pack is built per stack; before ConfigureStack its version is the constant it will have.
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (srv *analyzerServer) GetAnalyzerInfo(context.Context, *pbempty.Empty) (*pulumirpc.AnalyzerInfo, error) {
	if srv.pack == nil {
		return nil, errors.New("analyzer has not had ConfigureStack called")
	}
	policies := make([]*pulumirpc.PolicyInfo, 0, len(srv.pack.Policies()))
	for _, p := range srv.pack.Policies() {
		var configSchema *pulumirpc.PolicyConfigSchema
		if schema := p.ConfigSchema(); schema != nil {
			m := make(map[string]any, len(schema.Properties))
			for k, v := range schema.Properties {
				m[k] = v
			}
			proto, err := structpb.NewStruct(m)
			if err != nil {
				return nil, fmt.Errorf("failed to convert schema properties to protobuf: %w", err)
			}
			configSchema = &pulumirpc.PolicyConfigSchema{Properties: proto, Required: schema.Required}
		}
		policies = append(policies, &pulumirpc.PolicyInfo{
			Name:             p.Name(),
			Description:      p.Description(),
			EnforcementLevel: pulumirpc.EnforcementLevel(p.EnforcementLevel()),
			ConfigSchema:     configSchema,
		})
	}
	return &pulumirpc.AnalyzerInfo{
		Name:           srv.pack.Name(),
		Version:        srv.pack.Version().String(),
		Policies:       policies,
		SupportsConfig: true,
	}, nil
}

func (srv *analyzerServer) ConfigureStack(_ context.Context, req *pulumirpc.AnalyzerStackConfigureRequest) (*pulumirpc.AnalyzerStackConfigureResponse, error) {
	if srv.handshake == nil {
		return nil, errors.New("analyzer has not had handshake called")
	}
	root := ""
	if srv.handshake.RootDirectory != nil {
		root = *srv.handshake.RootDirectory
	}
	pctx, err := pulumi.NewContext(context.Background(), pulumi.RunInfo{
		Stack:            req.Stack,
		Project:          req.Project,
		Organization:     req.Organization,
		RootDirectory:    root,
		EngineAddr:       srv.handshake.EngineAddress,
		Config:           req.Config,
		ConfigSecretKeys: req.ConfigSecretKeys,
		DryRun:           req.DryRun,
		Parallel:         1,
	})
	if err != nil {
		return nil, fmt.Errorf("creating context: %w", err)
	}
	srv.stacktags = req.Tags
	srv.env, srv.pack, err = srv.factory(pctx)
	if err != nil {
		return nil, fmt.Errorf("failed to create policy pack: %w", err)
	}
	return &pulumirpc.AnalyzerStackConfigureResponse{}, nil
}

// Configure receives every policy's config, after the engine applied "all" and the user's
// --policy-pack-config file; the pack resolves it against the catalogue.
func (srv *analyzerServer) Configure(_ context.Context, req *pulumirpc.ConfigureAnalyzerRequest) (*pbempty.Empty, error) {
	if srv.env == nil {
		return nil, errors.New("analyzer has not had ConfigureStack called")
	}
	cfg := packconfig.Config{}
	for k, v := range req.PolicyConfig {
		s := packconfig.Setting{Level: fromPolicyx(policyx.EnforcementLevel(v.GetEnforcementLevel()))}
		if props := v.GetProperties().AsMap(); len(props) > 0 {
			s.Properties = props
		}
		cfg[k] = s
	}
	srv.env.configure(cfg)
	return &pbempty.Empty{}, nil
}

func unmarshal(props *structpb.Struct, label string) (resource.PropertyMap, error) {
	return plugin.UnmarshalProperties(props, plugin.MarshalOptions{
		Label: label, KeepUnknowns: true, KeepSecrets: true, KeepResources: true, KeepOutputValues: true,
	})
}

func (srv *analyzerServer) diagnostic(p policyx.Policy, level policyx.EnforcementLevel, message, urn string) *pulumirpc.AnalyzeDiagnostic {
	text := p.Description()
	if message != "" {
		text += "\n" + message
	}
	return &pulumirpc.AnalyzeDiagnostic{
		PolicyName:        p.Name(),
		PolicyPackName:    srv.pack.Name(),
		PolicyPackVersion: srv.pack.Version().String(),
		Description:       p.Description(),
		Message:           text,
		EnforcementLevel:  pulumirpc.EnforcementLevel(level),
		Urn:               urn,
	}
}

type manager func(message, urn string)

func (m manager) ReportViolation(message, urn string) { m(message, urn) }

func (srv *analyzerServer) Analyze(ctx context.Context, req *pulumirpc.AnalyzeRequest) (*pulumirpc.AnalyzeResponse, error) {
	if srv.pack == nil {
		return nil, errors.New("analyzer has not had ConfigureStack called")
	}
	var ds []*pulumirpc.AnalyzeDiagnostic
	label := srv.pack.Name() + ".analyze"
	pm, err := unmarshal(req.GetProperties(), label)
	if err != nil {
		return nil, fmt.Errorf("failed to unmarshal properties of %q: %w", req.GetUrn(), err)
	}
	provider, err := convertProvider(req.GetProvider(), label+".provider")
	if err != nil {
		return nil, fmt.Errorf("failed to unmarshal provider of %q: %w", req.GetUrn(), err)
	}
	srv.unconfigured.keep(req.GetUrn(), pm, resource.ToResourcePropertyMap(provider.Properties))
	res := convertResource(req.GetType(), req.GetName(), req.GetUrn(), pm, req.GetOptions(), provider)
	// Every resource rule that inspects the resource's type is evaluated once, here; each policy below
	// reports its rule's findings.
	ctx = context.WithValue(ctx, resourceFindingsKey{}, srv.env.resourceFindings(res))
	var na []*pulumirpc.PolicyNotApplicable
	for _, p := range srv.pack.Policies() {
		p, ok := p.(policyx.ResourceValidationPolicy)
		if !ok {
			continue
		}
		level := srv.level(p)
		if level == policyx.EnforcementLevelDisabled {
			continue
		}
		if !appliesTo(p.Name(), req.GetType()) {
			// Said so, the engine does not count the rule as passed on a resource it never inspects.
			na = append(na, &pulumirpc.PolicyNotApplicable{PolicyName: p.Name(), Reason: "the rule does not inspect " + req.GetType()})
			continue
		}
		args := policyx.ResourceValidationArgs{
			Manager: manager(func(message, urn string) {
				if urn == "" {
					urn = req.GetUrn()
				}
				ds = append(ds, srv.diagnostic(p, level, message, urn))
			}),
			StackTags: srv.stacktags,
			Resource:  res,
		}
		if err := p.Validate(ctx, args); err != nil {
			return nil, fmt.Errorf("failed to validate resource %q with policy %q: %w", req.GetUrn(), p.Name(), err)
		}
	}
	return &pulumirpc.AnalyzeResponse{Diagnostics: ds, NotApplicable: na}, nil
}

func (srv *analyzerServer) AnalyzeStack(ctx context.Context, req *pulumirpc.AnalyzeStackRequest) (*pulumirpc.AnalyzeResponse, error) {
	if srv.pack == nil {
		return nil, errors.New("analyzer has not had ConfigureStack called")
	}
	label := srv.pack.Name() + ".analyzeStack"
	resources := make([]policyx.AnalyzerResource, 0, len(req.GetResources()))
	for _, r := range req.GetResources() {
		pm, err := unmarshal(r.GetProperties(), label)
		if err != nil {
			return nil, fmt.Errorf("failed to unmarshal properties for resource %q: %w", r.GetUrn(), err)
		}
		provider, err := convertProvider(r.GetProvider(), label+".provider")
		if err != nil {
			return nil, fmt.Errorf("failed to unmarshal provider for resource %q: %w", r.GetUrn(), err)
		}
		pm = srv.unconfigured.state(r.GetUrn(), pm, resource.ToResourcePropertyMap(provider.Properties))
		ar := convertResource(r.GetType(), r.GetName(), r.GetUrn(), pm, r.GetOptions(), provider)
		ar.Parent = r.GetParent()
		ar.Dependencies = r.GetDependencies()
		ar.PropertyDependencies = map[string][]string{}
		for key, deps := range r.GetPropertyDependencies() {
			if len(deps.GetUrns()) > 0 {
				ar.PropertyDependencies[key] = deps.GetUrns()
			}
		}
		resources = append(resources, ar)
	}
	var ds []*pulumirpc.AnalyzeDiagnostic
	for _, p := range srv.pack.Policies() {
		p, ok := p.(policyx.StackValidationPolicy)
		if !ok {
			continue
		}
		level := srv.level(p)
		if level == policyx.EnforcementLevelDisabled {
			continue
		}
		args := policyx.StackValidationArgs{
			Manager: manager(func(message, urn string) {
				ds = append(ds, srv.diagnostic(p, level, message, urn))
			}),
			Resources: resources,
		}
		if err := p.Validate(ctx, args); err != nil {
			return nil, fmt.Errorf("failed to validate stack with policy %q: %w", p.Name(), err)
		}
	}
	return &pulumirpc.AnalyzeResponse{Diagnostics: ds}, nil
}

func (srv *analyzerServer) Cancel(context.Context, *pbempty.Empty) (*pbempty.Empty, error) {
	return &pbempty.Empty{}, nil
}

func convertProvider(p *pulumirpc.AnalyzerProviderResource, label string) (policyx.AnalyzerProviderResource, error) {
	if p == nil {
		return policyx.AnalyzerProviderResource{}, nil
	}
	props, err := unmarshal(p.GetProperties(), label)
	if err != nil {
		return policyx.AnalyzerProviderResource{}, err
	}
	return policyx.AnalyzerProviderResource{
		Type:       p.GetType(),
		Properties: resource.FromResourcePropertyMap(props),
		URN:        p.GetUrn(),
		Name:       p.GetName(),
	}, nil
}

func convertResource(typ, name, urn string, props resource.PropertyMap, o *pulumirpc.AnalyzerResourceOptions, provider policyx.AnalyzerProviderResource) policyx.AnalyzerResource {
	opts := convertOptions(o)
	return policyx.AnalyzerResource{
		Type:       typ,
		Properties: resource.FromResourcePropertyMap(props),
		URN:        urn,
		Name:       name,
		Options:    resourceOptions(opts),
		Provider:   provider,
		Parent:     string(opts.Parent),
	}
}

func convertOptions(o *pulumirpc.AnalyzerResourceOptions) plugin.AnalyzerResourceOptions {
	if o == nil {
		return plugin.AnalyzerResourceOptions{}
	}
	var dbr *bool
	if o.GetDeleteBeforeReplaceDefined() {
		v := o.GetDeleteBeforeReplace()
		dbr = &v
	}
	var timeouts resource.CustomTimeouts
	if t := o.GetCustomTimeouts(); t != nil {
		timeouts = resource.CustomTimeouts{Create: t.GetCreate(), Update: t.GetUpdate(), Delete: t.GetDelete(), Read: t.GetRead()}
	}
	secrets := make([]resource.PropertyKey, len(o.GetAdditionalSecretOutputs()))
	for i, s := range o.GetAdditionalSecretOutputs() {
		secrets[i] = resource.PropertyKey(s)
	}
	aliases := make([]resource.URN, len(o.GetAliases()))
	for i, a := range o.GetAliases() {
		aliases[i] = resource.URN(a)
	}
	return plugin.AnalyzerResourceOptions{
		Protect:                 o.GetProtect(),
		IgnoreChanges:           o.GetIgnoreChanges(),
		DeleteBeforeReplace:     dbr,
		AdditionalSecretOutputs: secrets,
		AliasURNs:               aliases,
		CustomTimeouts:          timeouts,
		Parent:                  resource.URN(o.GetParent()),
	}
}

func formatTimeout(seconds float64) string {
	if seconds == 0 {
		return ""
	}
	return (time.Duration(seconds * float64(time.Second))).String()
}

func resourceOptions(o plugin.AnalyzerResourceOptions) pulumi.ResourceOptions {
	var timeouts *pulumi.CustomTimeouts
	if o.CustomTimeouts.IsNotEmpty() {
		timeouts = &pulumi.CustomTimeouts{
			Create: formatTimeout(o.CustomTimeouts.Create),
			Update: formatTimeout(o.CustomTimeouts.Update),
			Delete: formatTimeout(o.CustomTimeouts.Delete),
			Read:   formatTimeout(o.CustomTimeouts.Read),
		}
	}
	aliases := make([]pulumi.Alias, 0, len(o.AliasURNs))
	for _, a := range o.AliasURNs {
		aliases = append(aliases, pulumi.Alias{URN: pulumi.URN(a)})
	}
	secrets := make([]string, len(o.AdditionalSecretOutputs))
	for i, s := range o.AdditionalSecretOutputs {
		secrets[i] = string(s)
	}
	return pulumi.ResourceOptions{
		AdditionalSecretOutputs: secrets,
		Aliases:                 aliases,
		CustomTimeouts:          timeouts,
		DeleteBeforeReplace:     o.DeleteBeforeReplace != nil && *o.DeleteBeforeReplace,
		IgnoreChanges:           o.IgnoreChanges,
		Protect:                 o.Protect,
	}
}
