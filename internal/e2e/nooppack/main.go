// Command nooppack is a policy pack that inspects nothing: an analyzer plugin that answers every call of
// the engine's analyzer protocol at once, with one policy that never reports. BenchmarkPolicyOverhead
// previews with it to tell what any policy pack costs under the engine (starting the plugin and the
// engine's call per resource) from what the landing zones' pack adds by running its rules. It is a
// measuring instrument for the e2e harness, not a pack anyone deploys.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	pbempty "google.golang.org/protobuf/types/known/emptypb"
)

// Name and Version are the pack's, as PulumiPolicy.yaml gives them.
const (
	Name    = "pclz-noop"
	Version = "0.0.1"
)

type server struct {
	pulumirpc.UnimplementedAnalyzerServer
}

func (server) Handshake(context.Context, *pulumirpc.AnalyzerHandshakeRequest) (*pulumirpc.AnalyzerHandshakeResponse, error) {
	return &pulumirpc.AnalyzerHandshakeResponse{}, nil
}

func (server) GetPluginInfo(context.Context, *pbempty.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: Version}, nil
}

func (server) GetAnalyzerInfo(context.Context, *pbempty.Empty) (*pulumirpc.AnalyzerInfo, error) {
	return &pulumirpc.AnalyzerInfo{Name: Name, Version: Version, Policies: []*pulumirpc.PolicyInfo{{
		Name: "noop", Description: "inspects nothing", EnforcementLevel: pulumirpc.EnforcementLevel_ADVISORY,
	}}}, nil
}

func (server) ConfigureStack(context.Context, *pulumirpc.AnalyzerStackConfigureRequest) (*pulumirpc.AnalyzerStackConfigureResponse, error) {
	return &pulumirpc.AnalyzerStackConfigureResponse{}, nil
}

func (server) Configure(context.Context, *pulumirpc.ConfigureAnalyzerRequest) (*pbempty.Empty, error) {
	return &pbempty.Empty{}, nil
}

func (server) Analyze(context.Context, *pulumirpc.AnalyzeRequest) (*pulumirpc.AnalyzeResponse, error) {
	return &pulumirpc.AnalyzeResponse{}, nil
}

func (server) AnalyzeStack(context.Context, *pulumirpc.AnalyzeStackRequest) (*pulumirpc.AnalyzeResponse, error) {
	return &pulumirpc.AnalyzeResponse{}, nil
}

func (server) Cancel(context.Context, *pbempty.Empty) (*pbempty.Empty, error) {
	return &pbempty.Empty{}, nil
}

func main() {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{Init: func(srv *grpc.Server) error {
		pulumirpc.RegisterAnalyzerServer(srv, server{})
		return nil
	}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
