package program

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/components/netplan"
)

// WorkloadConfig is the config key of an Azure tier stack's representative workload (docs/azure.md,
// "A tier stack's workload"): an object whose keys are the lower-camel names of azurelz.WorkloadArgs'
// fields, for example
//
//	azurelz:workload:
//	  name: cad
//	  instanceType: Standard_D4s_v5
//	  imageId: Canonical:ubuntu-24_04-lts:server:latest
//	  instanceCount: 3            # osType: windows needs WorkloadAdminPasswordConfig
//	  sshPublicKey: ssh-ed25519 AAAA... ops@met
//	  database: {sku: BC_Gen5_2, maxSizeGB: 64, adminLogin: met-cad-dba, adminObjectId: <Entra group object ID>}
//
// A tier stack without it builds no workload.
const WorkloadConfig = "azurelz:workload"

// WorkloadAdminPasswordConfig is the secret config key holding the local administrator password of a
// Windows workload's machines (osType: windows): `pulumi config set --secret azurelz:workloadAdminPassword
// <password> --stack <stack>`. Linux workloads sign in with sshPublicKey and need none.
const WorkloadAdminPasswordConfig = "azurelz:workloadAdminPassword"

// workloadNamePattern is a workload's name: the suffix of its resources' names after the stack's name.
var workloadNamePattern = regexp.MustCompile(`^[a-z][a-z0-9-]{0,19}$`)

// workloadConfig is the WorkloadConfig object.
type workloadConfig struct {
	Name            string `json:"name"`
	InstanceType    string `json:"instanceType"`
	ImageID         string `json:"imageId"`
	OSType          string `json:"osType"`
	InstanceCount   int    `json:"instanceCount"`
	SSHPublicKey    string `json:"sshPublicKey"`
	PatchRepository string `json:"patchRepository"`
	Database        *struct {
		SKU           string `json:"sku"`
		MaxSizeGB     int    `json:"maxSizeGB"`
		AdminLogin    string `json:"adminLogin"`
		AdminObjectID string `json:"adminObjectId"`
	} `json:"database"`
}

// AzureWorkloadArgs reads a tier stack's WorkloadConfig and returns the workload's name and arguments
// (Environment unset: the program fills it from the tier environment), checked with
// azurelz.WorkloadArgs.Validate. It returns nil arguments when the key is not set. raw is the key's
// value as Pulumi hands it to a program (JSON); adminPassword is WorkloadAdminPasswordConfig's value
// ("" when not set), used for a Windows workload only.
func AzureWorkloadArgs(st *config.Stack, raw, adminPassword string) (string, *azurelz.WorkloadArgs, error) {
	if raw == "" {
		return "", nil, nil
	}
	if st.Role != config.RoleTier {
		return "", nil, fmt.Errorf("%s is set, but a workload runs in a tier stack, not a %s stack", WorkloadConfig, st.Role)
	}
	var wc workloadConfig
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wc); err != nil {
		return "", nil, fmt.Errorf("%s: %w: allowed an object with name, instanceType, imageId, osType, instanceCount, sshPublicKey, patchRepository and database (sku, maxSizeGB, adminLogin, adminObjectId)", WorkloadConfig, err)
	}
	if !workloadNamePattern.MatchString(wc.Name) {
		return "", nil, fmt.Errorf("%s.name: %q is not a workload name: allowed 1 to 20 lower-case letters, digits and hyphens, starting with a letter", WorkloadConfig, wc.Name)
	}
	args := &azurelz.WorkloadArgs{
		Region:          st.Region,
		Profile:         st.Profile,
		InstanceType:    wc.InstanceType,
		ImageID:         wc.ImageID,
		OSType:          wc.OSType,
		InstanceCount:   wc.InstanceCount,
		SSHPublicKey:    wc.SSHPublicKey,
		PatchRepository: wc.PatchRepository,
		Tags:            st.Tags(),
	}
	if wc.OSType == azurelz.OSWindows {
		if adminPassword == "" {
			return "", nil, fmt.Errorf("%s is not set: a Windows workload (%s osType windows) needs its administrator password; set it with `pulumi config set --secret %s <password>`",
				WorkloadAdminPasswordConfig, WorkloadConfig, WorkloadAdminPasswordConfig)
		}
		args.AdminPassword = pulumi.ToSecret(pulumi.String(adminPassword)).(pulumi.StringOutput)
	}
	if d := wc.Database; d != nil {
		args.Database = &azurelz.Database{SKU: d.SKU, MaxSizeGB: d.MaxSizeGB, AdminLogin: d.AdminLogin, AdminObjectID: d.AdminObjectID}
	}
	if err := args.Validate(); err != nil {
		return "", nil, fmt.Errorf("%s (keys are the lower-camel names of the fields below):\n%w", WorkloadConfig, err)
	}
	if err := patchRepositoryReachable(st, wc.PatchRepository); err != nil {
		return "", nil, err
	}
	return st.Name + "-" + wc.Name, args, nil
}

// patchRepositoryReachable checks that a tier's internal patch mirror is an address a declared flow from
// the tier reaches over TCP on the URL's port: the machines' only path to their updates. The URL is
// already known to be https (WorkloadArgs.Validate).
func patchRepositoryReachable(st *config.Stack, repo string) error {
	if repo == "" {
		return nil
	}
	u, _ := url.Parse(repo)
	port := 443
	if p := u.Port(); p != "" {
		port, _ = strconv.Atoi(p)
	}
	addr, err := netip.ParseAddr(u.Hostname())
	if err != nil {
		return fmt.Errorf("%s.patchRepository: %q names the mirror by host name: allowed an IP address, which the declared flows can be checked against", WorkloadConfig, repo)
	}
	in := st.Intent()
	own, _ := in.Plan.TierRange(st.Tier)
	dst := netip.PrefixFrom(addr, addr.BitLen())
	for _, f := range in.FlowsOf(st.Tier) {
		if f.Outbound && in.Covers(f.Flow, own.CIDR, dst, netplan.ProtocolTCP, port, port) {
			return nil
		}
	}
	return fmt.Errorf("%s.patchRepository: %q is not reached by any declared flow: allowed an address that a flow from %s reaches on tcp/%d (landingzone:flows)", WorkloadConfig, repo, st.Tier, port)
}

// azureWorkload reads and checks the stack's workload configuration (see AzureWorkloadArgs).
func azureWorkload(ctx *pulumi.Context, st *config.Stack) (string, *azurelz.WorkloadArgs, error) {
	raw, _ := ctx.GetConfig(WorkloadConfig)
	password, _ := ctx.GetConfig(WorkloadAdminPasswordConfig)
	return AzureWorkloadArgs(st, raw, password)
}
