// Package fakeprovider is a TEST DOUBLE of the aws and azure-native Pulumi provider plugins, for the
// real-engine end-to-end tests (internal/e2e). It speaks the provider gRPC protocol
// (pulumirpc.ResourceProviderServer) to the real Pulumi engine, accepts every input as given (Check
// echoes), never calls a cloud, and answers Create, Update and Invoke with the IDs and outputs of
// internal/mockcloud: the same ARNs, Azure resource IDs and caller identities the offline plan sees, so
// outputs flow between resources and engine findings can be compared with the offline plan's.
//
// It is not a provider: nothing here validates a resource against the cloud's schema.
package fakeprovider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"google.golang.org/grpc"
	pbempty "google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/policecloud/landingzones/internal/mockcloud"
)

// Versions are the plugin versions the test doubles report: the versions of the provider SDKs the
// program is built with (go.mod), which is what the engine asks for. The azuread resources of the
// organisation stack are registered by type token with no version (its Go SDK is not in go.mod), so the
// engine takes the project plugin's: a v6 release.
var Versions = map[string]string{
	"aws":          "6.83.2",
	"azure-native": "2.90.0",
	"azuread":      "6.5.0",
}

// BinaryPrefix is the plugin binary name prefix the engine looks for ("pulumi-resource-aws").
const BinaryPrefix = "pulumi-resource-"

// Provider is the test-double provider for one package ("aws" or "azure-native").
type Provider struct {
	pulumirpc.UnimplementedResourceProviderServer

	pkg, version string
}

// New returns the test double for pkg; pkg must be a key of Versions.
func New(pkg string) (*Provider, error) {
	v, ok := Versions[pkg]
	if !ok {
		return nil, fmt.Errorf("fakeprovider: no test double for package %q (have aws, azure-native, azuread)", pkg)
	}
	return &Provider{pkg: pkg, version: v}, nil
}

var _ pulumirpc.ResourceProviderServer = (*Provider)(nil)

// opts keep unknowns (preview), secrets, resource references and output values as they are.
var opts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true, KeepOutputValues: true, SkipNulls: true}

// GetPluginInfo reports the pinned version.
func (p *Provider) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: p.version}, nil
}

// GetSchema returns a minimal schema: the engine needs none to run a Go program.
func (p *Provider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	b, err := json.Marshal(map[string]any{
		"name":        p.pkg,
		"version":     p.version,
		"description": "test double of the " + p.pkg + " provider (internal/e2e/fakeprovider)",
	})
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetSchemaResponse{Schema: string(b)}, nil
}

// CheckConfig accepts the provider configuration as given.
func (p *Provider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

// DiffConfig reports which configuration keys changed; none forces a replacement.
func (p *Provider) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return diff(req)
}

// Configure accepts any configuration and asks the engine for previews, secrets and resource references.
func (p *Provider) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, SupportsPreview: true, AcceptResources: true}, nil
}

// Check accepts the inputs as given: the test double applies no provider defaults.
func (p *Provider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

// Diff reports the changed input keys as in-place updates.
func (p *Provider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return diff(req)
}

func diff(req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := plugin.UnmarshalProperties(req.GetOldInputs(), opts)
	if err != nil {
		return nil, err
	}
	if len(olds) == 0 {
		if olds, err = plugin.UnmarshalProperties(req.GetOlds(), opts); err != nil {
			return nil, err
		}
	}
	news, err := plugin.UnmarshalProperties(req.GetNews(), opts)
	if err != nil {
		return nil, err
	}
	d := olds.Diff(news)
	if d == nil || !d.AnyChanges() {
		return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
	}
	var keys []string
	for _, k := range d.ChangedKeys() {
		keys = append(keys, string(k))
	}
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_SOME, Diffs: keys}, nil
}

// Create answers as the cloud would: at preview the inputs (outputs unknown); otherwise the mock
// cloud's ID and outputs for the resource.
func (p *Provider) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	if req.GetPreview() {
		return &pulumirpc.CreateResponse{Properties: req.GetProperties()}, nil
	}
	id, state, err := p.create(req.GetUrn(), req.GetProperties())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: state}, nil
}

// Update answers like Create for the new inputs, keeping the resource's ID.
func (p *Provider) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	if req.GetPreview() {
		return &pulumirpc.UpdateResponse{Properties: req.GetNews()}, nil
	}
	_, state, err := p.create(req.GetUrn(), req.GetNews())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: state}, nil
}

// Read returns the state the engine holds: the test double has no cloud to refresh from.
func (p *Provider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

// Delete succeeds: there is no cloud resource to remove.
func (p *Provider) Delete(context.Context, *pulumirpc.DeleteRequest) (*pbempty.Empty, error) {
	return &pbempty.Empty{}, nil
}

// Invoke answers the data-source functions internal/mockcloud answers (getCallerIdentity, getRegion,
// getPartition, azure-native getClientConfig); any other function is an error naming it.
func (p *Provider) Invoke(_ context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	args, err := plugin.UnmarshalProperties(req.GetArgs(), opts)
	if err != nil {
		return nil, err
	}
	out, err := mockcloud.New(mockcloud.Options{}).Call(pulumi.MockCallArgs{Token: req.GetTok(), Args: args})
	if err != nil {
		return nil, fmt.Errorf("fakeprovider %s: %w", p.pkg, err)
	}
	ret, err := plugin.MarshalProperties(out, opts)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: ret}, nil
}

// Cancel has nothing in flight to stop.
func (p *Provider) Cancel(context.Context, *pbempty.Empty) (*pbempty.Empty, error) {
	return &pbempty.Empty{}, nil
}

// create runs the mock cloud's answer for the resource named by urn.
func (p *Provider) create(urnText string, in *structpb.Struct) (string, *structpb.Struct, error) {
	urn, err := resource.ParseURN(urnText)
	if err != nil {
		return "", nil, fmt.Errorf("fakeprovider %s: %w", p.pkg, err)
	}
	inputs, err := plugin.UnmarshalProperties(in, opts)
	if err != nil {
		return "", nil, err
	}
	cloud := mockcloud.New(mockcloud.Options{Project: string(urn.Project()), Stack: string(urn.Stack())})
	id, state, err := cloud.NewResource(pulumi.MockResourceArgs{
		TypeToken: string(urn.Type()),
		Name:      urn.Name(),
		Inputs:    inputs,
		Custom:    true,
		// The mock cloud derives a resource's URN (and so its IDs) from its parent's type; a parent URN with
		// the same type chain makes that URN, and so every ID, equal to the engine's and the offline plan's.
		RegisterRPC: &pulumirpc.RegisterResourceRequest{Parent: parentURN(urn)},
	})
	if err != nil {
		return "", nil, fmt.Errorf("fakeprovider %s: %w", p.pkg, err)
	}
	out, err := plugin.MarshalProperties(state, opts)
	if err != nil {
		return "", nil, err
	}
	return id, out, nil
}

// parentURN returns a URN whose qualified type is urn's parent type chain ("" for a resource directly
// under the stack).
func parentURN(urn resource.URN) string {
	qt := string(urn.QualifiedType())
	i := strings.LastIndex(qt, "$")
	if i < 0 {
		return ""
	}
	return "urn:pulumi:" + string(urn.Stack()) + "::" + string(urn.Project()) + "::" + qt[:i] + "::parent"
}

// Serve runs the test double as a plugin process, as the engine starts one (the engine address it is
// given is unused: the test double needs no host): it listens on a free port, writes the port to stdout
// and serves until cancel is closed or the engine stops the process.
func Serve(p *Provider, cancel chan bool) error {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(srv, p)
			return nil
		},
	})
	if err != nil {
		return fmt.Errorf("fakeprovider %s: %w", p.pkg, err)
	}
	// The plugin protocol: the first line on stdout is the port.
	fmt.Printf("%d\n", handle.Port)
	return <-handle.Done
}
