package azurelz

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/compute/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/maintenance/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/recoveryservices/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/sql/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// WorkloadType is the component type token of a Workload.
const WorkloadType = "policecloud:azure:Workload"

// workloadAdminUsername is the local administrator of a workload's virtual machines. It signs in with
// the caller's SSH public key only: password authentication is off.
const workloadAdminUsername = "lzadmin"

// The operating systems a workload's machines may run (WorkloadArgs.OSType).
const (
	OSLinux   = "linux"
	OSWindows = "windows"
)

// windowsComputerNameMax is the longest Windows computer name (NetBIOS).
const windowsComputerNameMax = 15

// maxWorkloadInstances is the most virtual machines one workload may have.
const maxWorkloadInstances = 100

// Azure SQL database size bounds in GB.
const (
	minDatabaseSizeGB = 1
	maxDatabaseSizeGB = 4096
)

// maxSQLShortTermRetentionDays is the longest point-in-time restore window Azure SQL keeps; a tier that
// keeps recovery points longer gets a long-term retention policy too.
const maxSQLShortTermRetentionDays = 35

var (
	vmSizePattern      = regexp.MustCompile(`^Standard_[A-Za-z0-9_-]+$`)
	imageURNPattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._-]*$`)
	imageIDPattern     = regexp.MustCompile(`(?i)^/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+/providers/Microsoft\.Compute/(images/[^/]+|galleries/[^/]+/images/[^/]+(/versions/[^/]+)?)$`)
	sshPublicKeyRegexp = regexp.MustCompile(`^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+=*( .*)?$`)
	sqlSKUPattern      = regexp.MustCompile(`^(GP|BC|HS)_Gen5_([0-9]+)$`)
	guidPattern        = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// TierEnvironmentRef is what a workload uses of its tier environment, usually read from the tier
// stack's outputs (TierEnvironment.Outputs: resourceGroupName, subnetIds, keyVaultId, dataKeyId,
// dataKeyUri, maintenanceConfigurationId, recoveryVaultName, backupPolicyId) and the foundation's
// (workspaceId).
type TierEnvironmentRef struct {
	// ResourceGroupName is the tier's resource group: the workload's resources go in it.
	ResourceGroupName pulumi.StringInput
	// WorkloadSubnetID is the tier's workload subnet, whose NSG allows exactly the tier's declared flows;
	// the virtual machines' network interfaces are in it.
	WorkloadSubnetID pulumi.StringInput
	// EndpointSubnetID is the tier's private endpoint subnet: the database's private endpoint is in it.
	EndpointSubnetID pulumi.StringInput
	// KeyVaultID is the tier's Key Vault, which holds the data key.
	KeyVaultID pulumi.StringInput
	// DataKeyID is the resource ID of the tier's customer key for data at rest; DataKeyURI its versioned
	// key URI. The disk encryption set and the database's transparent data encryption use it, and rotate
	// to its newest version on their own.
	DataKeyID  pulumi.StringInput
	DataKeyURI pulumi.StringInput
	// WorkspaceID is the landing zone's Log Analytics workspace: the Azure Monitor agent sends the
	// machines' security and system logs there.
	WorkspaceID pulumi.StringInput
	// MaintenanceConfigurationID is the tier's Update Manager maintenance configuration (in-guest
	// patching in the tier's reboot window, at the tier's cadence); every machine is assigned to it.
	MaintenanceConfigurationID pulumi.StringInput
	// RecoveryVaultName and BackupPolicyID are the tier's Recovery Services vault (in ResourceGroupName)
	// and VM backup policy; every machine is protected by them.
	RecoveryVaultName pulumi.StringInput
	BackupPolicyID    pulumi.StringInput
	// DataCollectionEndpointID is the tier's data collection endpoint, reached over its Azure Monitor
	// private link scope (TierEnvironment.DataCollectionEndpointID): the machines' data collection rule
	// sends through it. Required for a tier with no internet egress, whose machines cannot reach Azure
	// Monitor's public endpoints; nil otherwise (the rule uses the public endpoints through the hub
	// firewall).
	DataCollectionEndpointID pulumi.StringInput
}

func (e TierEnvironmentRef) validate(p tier.Profile) error {
	var missing []string
	for _, x := range []struct {
		name string
		set  bool
	}{
		{"ResourceGroupName", e.ResourceGroupName != nil}, {"WorkloadSubnetID", e.WorkloadSubnetID != nil},
		{"EndpointSubnetID", e.EndpointSubnetID != nil}, {"KeyVaultID", e.KeyVaultID != nil},
		{"DataKeyID", e.DataKeyID != nil}, {"DataKeyURI", e.DataKeyURI != nil}, {"WorkspaceID", e.WorkspaceID != nil},
		{"MaintenanceConfigurationID", e.MaintenanceConfigurationID != nil},
		{"RecoveryVaultName", e.RecoveryVaultName != nil}, {"BackupPolicyID", e.BackupPolicyID != nil},
	} {
		if !x.set {
			missing = append(missing, x.name)
		}
	}
	if len(missing) > 0 {
		return &netplan.FieldError{Path: "Environment", Msg: strings.Join(missing, ", ") + " not set", Allowed: "the tier environment's outputs (every field is required)"}
	}
	if privateMonitoring(p) && e.DataCollectionEndpointID == nil {
		return &netplan.FieldError{Path: "Environment.DataCollectionEndpointID", Msg: fmt.Sprintf("is not set, and the %s tier has no internet egress, so its machines cannot reach Azure Monitor's public endpoints", p.Tier.Title()),
			Allowed: "the tier environment's dataCollectionEndpointId (reached over its Azure Monitor private link scope)"}
	}
	return nil
}

// Database is a workload's optional Azure SQL database.
type Database struct {
	// SKU is the vCore service objective: GP_Gen5_<vCores> (General Purpose), BC_Gen5_<vCores> (Business
	// Critical) or HS_Gen5_<vCores> (Hyperscale), for example GP_Gen5_2.
	SKU string
	// MaxSizeGB is the largest the database may grow, 1 to 4096 GB.
	MaxSizeGB int
	// AdminLogin is the display name of the Microsoft Entra group that administers the server; with
	// AdminObjectID its object ID. The server accepts Entra authentication only: it has no SQL login
	// and no password.
	AdminLogin    string
	AdminObjectID string
}

// WorkloadArgs are the arguments of NewWorkload. Nothing in them loosens the tier: a workload is always
// private, encrypted with the tier's key, scanned, patched on the tier's cadence and backed up.
type WorkloadArgs struct {
	// Region is the Azure region (location): uksouth or ukwest.
	Region string
	// Profile is the tier's profile (tier.ProfileFor): its availability zones, protection of stateful
	// resources, zone-redundant databases and patch source.
	Profile tier.Profile
	// Environment is the tier environment the workload runs in: its network, keys, maintenance
	// configuration and backup vault.
	Environment TierEnvironmentRef
	// InstanceType is the virtual machine size, for example Standard_D4s_v5; it must support encryption at
	// host.
	InstanceType string
	// ImageID is the image the machines boot: a marketplace URN publisher:offer:sku:version (for example
	// Canonical:ubuntu-24_04-lts:server:latest) or the resource ID of an image or gallery image (version).
	// It must run the Azure VM agent and the operating system OSType names.
	ImageID string
	// OSType is the machines' operating system: "" or linux (the default), or windows.
	OSType string
	// InstanceCount is how many virtual machines to run, spread across the profile's availability zones:
	// at least one per zone, at most 100.
	InstanceCount int
	// SSHPublicKey is the OpenSSH public key of a Linux machine's administrator (lzadmin); password sign-in
	// is off. Required for Linux; "" for Windows.
	SSHPublicKey string
	// AdminPassword is a Windows machine's local administrator (lzadmin) password, a secret with no
	// default; nil for Linux, which signs in with SSHPublicKey only.
	AdminPassword pulumi.StringInput
	// PatchRepository is the https URL of the internal package mirror the machines take their updates
	// from. Required when Profile.Patching.InternalSource (a tier with no internet); "" otherwise, when the
	// machines use the distribution's repositories through the hub firewall.
	PatchRepository string
	// Database is the workload's Azure SQL database; nil builds none.
	Database *Database
	// Tags are set on every resource; they must include RequiredTags.
	Tags map[string]string
}

func (a *WorkloadArgs) validate() error {
	return errors.Join(a.Validate(), a.Environment.validate(a.Profile))
}

// Validate checks every argument NewWorkload checks except Environment, which a program usually builds
// from a tier environment it registers in the same run (TierEnvironment.Ref): a program calls it to
// refuse bad settings before it registers anything. NewWorkload checks Environment too.
func (a *WorkloadArgs) Validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(checkRegion("Region", a.Region))
	add(checkProfile("Profile", a.Profile))
	if !vmSizePattern.MatchString(a.InstanceType) {
		add(&netplan.FieldError{Path: "InstanceType", Value: a.InstanceType, Msg: "is not a virtual machine size", Allowed: "Standard_<size>, for example Standard_D4s_v5"})
	}
	if !imageURNPattern.MatchString(a.ImageID) && !imageIDPattern.MatchString(a.ImageID) {
		add(&netplan.FieldError{Path: "ImageID", Value: a.ImageID, Msg: "is not an image",
			Allowed: "publisher:offer:sku:version, or the resource ID of an image or gallery image"})
	}
	zonesWanted := max(a.Profile.AvailabilityZones, 1)
	if a.InstanceCount < zonesWanted || a.InstanceCount > maxWorkloadInstances {
		add(&netplan.FieldError{Path: "InstanceCount", Value: strconv.Itoa(a.InstanceCount), Msg: "is out of range",
			Allowed: fmt.Sprintf("%d (one per availability zone of the profile) to %d", zonesWanted, maxWorkloadInstances)})
	}
	switch a.os() {
	case OSLinux:
		if !sshPublicKeyRegexp.MatchString(a.SSHPublicKey) {
			add(&netplan.FieldError{Path: "SSHPublicKey", Value: shorten(a.SSHPublicKey), Msg: "is not an OpenSSH public key", Allowed: "ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp* followed by the base64 key"})
		}
		if a.AdminPassword != nil {
			add(&netplan.FieldError{Path: "AdminPassword", Msg: "is set, but Linux machines sign in with SSHPublicKey only", Allowed: "nil for Linux"})
		}
		add(checkPatchRepository(a.Profile, a.PatchRepository))
	case OSWindows:
		if a.SSHPublicKey != "" {
			add(&netplan.FieldError{Path: "SSHPublicKey", Value: shorten(a.SSHPublicKey), Msg: "is set, but Windows machines sign in with AdminPassword", Allowed: `"" for Windows`})
		}
		if a.AdminPassword == nil {
			add(&netplan.FieldError{Path: "AdminPassword", Msg: "is not set", Allowed: "the Windows administrator's password, a secret (there is no default)"})
		}
		if a.Profile.Patching.InternalSource {
			add(&netplan.FieldError{Path: "OSType", Value: OSWindows, Msg: "is not supported yet on the " + a.Profile.Tier.Title() + " tier, which patches only from an internal source",
				Allowed: OSLinux + " (Windows machines there would need a WSUS server reached over a declared flow, not built yet)"})
		}
	default:
		add(&netplan.FieldError{Path: "OSType", Value: a.OSType, Msg: "is not an operating system", Allowed: `"" or ` + OSLinux + ", " + OSWindows})
	}
	if db := a.Database; db != nil {
		if !sqlSKUPattern.MatchString(db.SKU) {
			add(&netplan.FieldError{Path: "Database.SKU", Value: db.SKU, Msg: "is not a vCore service objective", Allowed: "GP_Gen5_<vCores>, BC_Gen5_<vCores> or HS_Gen5_<vCores>"})
		}
		if db.MaxSizeGB < minDatabaseSizeGB || db.MaxSizeGB > maxDatabaseSizeGB {
			add(&netplan.FieldError{Path: "Database.MaxSizeGB", Value: strconv.Itoa(db.MaxSizeGB), Msg: "is out of range", Allowed: fmt.Sprintf("%d to %d GB", minDatabaseSizeGB, maxDatabaseSizeGB)})
		}
		if strings.TrimSpace(db.AdminLogin) == "" {
			add(&netplan.FieldError{Path: "Database.AdminLogin", Msg: "is not set", Allowed: "the display name of the Microsoft Entra group that administers the server"})
		}
		if !guidPattern.MatchString(db.AdminObjectID) {
			add(&netplan.FieldError{Path: "Database.AdminObjectID", Value: db.AdminObjectID, Msg: "is not an object ID", Allowed: "the Entra group's object ID, a GUID"})
		}
	}
	add(checkTags("Tags", a.Tags))
	return errors.Join(errs...)
}

// os is the machines' operating system, OSLinux for "".
func (a *WorkloadArgs) os() string {
	if a.OSType == "" {
		return OSLinux
	}
	return a.OSType
}

// checkPatchRepository: a tier that patches from an internal source names its mirror, as an https URL;
// a tier that patches from the vendor names none.
func checkPatchRepository(p tier.Profile, repo string) error {
	if !p.Patching.InternalSource {
		if repo != "" {
			return &netplan.FieldError{Path: "PatchRepository", Value: repo, Msg: "is set, but the " + p.Tier.Title() + " profile patches from the vendor's repositories through the hub firewall",
				Allowed: `"" (Profile.Patching.InternalSource is false)`}
		}
		return nil
	}
	u, err := url.Parse(repo)
	if repo == "" || err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil {
		return &netplan.FieldError{Path: "PatchRepository", Value: repo, Msg: "is not the https URL of an internal package mirror",
			Allowed: "https://<mirror address>/<path> (the " + p.Tier.Title() + " profile patches only from an internal source, reached over a declared flow)"}
	}
	return nil
}

// shorten cuts a long value for an error message.
func shorten(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Workload is a tier's workload: private Linux or Windows virtual machines spread across the tier's availability
// zones, and optionally an Azure SQL database.
type Workload struct {
	pulumi.ResourceState

	// Provider is the azure-native provider every child was created through: the caller's, or the
	// workload's own when the caller gave none.
	Provider pulumi.ProviderResource

	// VMIDs are the virtual machines' resource IDs, zone by zone.
	VMIDs pulumi.StringArrayOutput `pulumi:"vmIds"`
	// DiskEncryptionSetID is the disk encryption set that encrypts the machines' disks with the data key.
	DiskEncryptionSetID pulumi.StringOutput `pulumi:"diskEncryptionSetId"`
	// DataCollectionRuleID is the rule that sends the machines' logs to the workspace.
	DataCollectionRuleID pulumi.StringOutput `pulumi:"dataCollectionRuleId"`
	// MaintenanceConfigurationID is the Update Manager schedule every machine is assigned to.
	MaintenanceConfigurationID pulumi.StringOutput `pulumi:"maintenanceConfigurationId"`
	// DatabaseEndpoint is the database server's private host name; "" without a database.
	DatabaseEndpoint pulumi.StringOutput `pulumi:"databaseEndpoint"`
	// DatabaseID is the database's resource ID; "" without a database.
	DatabaseID pulumi.StringOutput `pulumi:"databaseId"`
}

// workloadTags are the tags of everything a workload runs and stores: the required tags, Tier as the
// tier environment's dynamic scopes match it (the tier's title), Backup=<the tier's VM backup policy>
// and Patch=<the tier's maintenance configuration>, so an inventory query finds what protects each
// resource.
func workloadTags(args *WorkloadArgs) map[string]string {
	m := map[string]string{}
	for k, v := range args.Tags {
		m[k] = v
	}
	t := string(args.Profile.Tier)
	m["Tier"] = args.Profile.Tier.Title()
	m["Backup"] = "vm-" + t
	m["Patch"] = maintenanceConfigurationName(args.Profile.Tier)
	return m
}

// optionalID is an optional resource ID input: nil when id is nil.
func optionalID(id pulumi.StringInput) pulumi.StringPtrInput {
	if id == nil {
		return nil
	}
	return id.ToStringOutput().ToStringPtrOutput()
}

// vmZones returns the availability zone ("1".."n") of each of count machines, round robin.
func vmZones(count, zones int) []string {
	out := make([]string, count)
	for i := range out {
		out[i] = strconv.Itoa(i%max(zones, 1) + 1)
	}
	return out
}

// imageReference is the image a machine boots: a marketplace URN or an image resource ID.
func imageReference(image string) compute.ImageReferenceArgs {
	if p := strings.Split(image, ":"); len(p) == 4 {
		return compute.ImageReferenceArgs{Publisher: pulumi.String(p[0]), Offer: pulumi.String(p[1]), Sku: pulumi.String(p[2]), Version: pulumi.String(p[3])}
	}
	return compute.ImageReferenceArgs{Id: pulumi.String(image)}
}

// patchSourceCloudInit is the cloud-init a machine of a tier with an internal patch source boots with:
// its package sources point at the mirror only. "" when the tier patches from the vendor.
func patchSourceCloudInit(repo string) string {
	if repo == "" {
		return ""
	}
	ci := "#cloud-config\n" +
		"# Updates come only from the landing zone's internal mirror, reached over a declared flow.\n" +
		"apt:\n" +
		"  preserve_sources_list: false\n" +
		"  primary:\n" +
		"    - arches: [default]\n" +
		"      uri: " + repo + "\n" +
		"  security:\n" +
		"    - arches: [default]\n" +
		"      uri: " + repo + "\n"
	return base64.StdEncoding.EncodeToString([]byte(ci))
}

// NewWorkload builds a workload in a tier environment: a disk encryption set on the tier's data key;
// InstanceCount Linux (or Windows) virtual machines spread across the profile's availability zones (encryption at
// host, disks encrypted by the disk encryption set, a network interface in the workload subnet with no
// public IP address, a system-assigned managed identity, SSH keys only, patch assessment and patching by
// Update Manager, the Azure Monitor agent); a data collection rule that sends their logs to the
// workspace; an assignment of each machine to the tier's maintenance configuration and its protection by
// the tier's VM backup policy; and, with Database, an Azure SQL server and database (Entra-only
// administration, TLS 1.2, transparent data encryption with the data key, public network access off and
// a private endpoint in the endpoint subnet, zone-redundant as the profile says, geo-redundant backups,
// Defender for SQL and its vulnerability assessment). Invalid arguments register nothing.
//
// Every child is created through the caller's azure-native provider when the caller gives one
// (pulumi.Provider or pulumi.Providers on the workload, or one its parent holds), else through one the
// workload builds for Region.
func NewWorkload(ctx *pulumi.Context, name string, args *WorkloadArgs, opts ...pulumi.ResourceOption) (*Workload, error) {
	if args == nil {
		return nil, errors.New("azurelz.NewWorkload: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("azurelz.NewWorkload %s: invalid arguments:\n%w", name, err)
	}
	w := &Workload{}
	if err := ctx.RegisterComponentResource(WorkloadType, name, w, opts...); err != nil {
		return nil, err
	}
	prov, err := provider(ctx, name, nil, opts, args.Region, w)
	if err != nil {
		return nil, err
	}
	w.Provider = prov
	tags := workloadTags(args)
	b := &builder{ctx: ctx, name: name, parent: w, prov: prov, tags: tags, profile: args.Profile}
	client, err := authorization.GetClientConfig(ctx, pulumi.Provider(prov))
	if err != nil {
		return nil, fmt.Errorf("azurelz.NewWorkload %s: reading the subscription and tenant: %w", name, err)
	}
	b.subscription = client.SubscriptionId
	if err := w.build(b, args, client.TenantId); err != nil {
		return nil, err
	}
	if err := outputs.Register(ctx, w); err != nil {
		return nil, err
	}
	return w, nil
}

// Outputs returns the workload's outputs by name: every field with a `pulumi:` tag, the map it
// registered with RegisterResourceOutputs and the stack program exports.
func (w *Workload) Outputs() (pulumi.Map, error) { return outputs.Map(w) }

func (w *Workload) build(b *builder, args *WorkloadArgs, tenantID string) error {
	ctx, name, loc, env := b.ctx, b.name, pulumi.String(args.Region), args.Environment

	// Disks: a disk encryption set on the tier's data key, allowed to use that key and nothing else.
	des, err := compute.NewDiskEncryptionSet(ctx, name+"-des", &compute.DiskEncryptionSetArgs{
		ResourceGroupName: env.ResourceGroupName,
		Location:          loc,
		EncryptionType:    pulumi.String("EncryptionAtRestWithCustomerKey"),
		ActiveKey: compute.KeyForDiskEncryptionSetArgs{
			KeyUrl:      env.DataKeyURI,
			SourceVault: compute.SourceVaultArgs{Id: env.KeyVaultID},
		},
		RotationToLatestKeyVersionEnabled: pulumi.Bool(true),
		Identity:                          compute.EncryptionSetIdentityArgs{Type: pulumi.String("SystemAssigned")},
		Tags:                              b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	desUser, err := b.cryptoUser("des", b.subscription, env.DataKeyID, des.Identity.PrincipalId().Elem())
	if err != nil {
		return err
	}
	w.DiskEncryptionSetID = des.ID().ToStringOutput()

	// Logs: one data collection rule for the workload's machines, to the landing zone's workspace.
	sources, stream := insights.DataCollectionRuleDataSourcesArgs{
		Syslog: insights.SyslogDataSourceArray{insights.SyslogDataSourceArgs{
			Name:          pulumi.String("syslog"),
			Streams:       pulumi.StringArray{pulumi.String("Microsoft-Syslog")},
			FacilityNames: pulumi.ToStringArray([]string{"auth", "authpriv", "cron", "daemon", "kern", "syslog", "user"}),
			LogLevels:     pulumi.ToStringArray([]string{"Info", "Notice", "Warning", "Error", "Critical", "Alert", "Emergency"}),
		}},
	}, "Microsoft-Syslog"
	if args.os() == OSWindows {
		sources, stream = insights.DataCollectionRuleDataSourcesArgs{
			WindowsEventLogs: insights.WindowsEventLogDataSourceArray{insights.WindowsEventLogDataSourceArgs{
				Name:    pulumi.String("security-system-application"),
				Streams: pulumi.StringArray{pulumi.String("Microsoft-Event")},
				// Security audit success and failure, and System and Application critical, error and warning.
				XPathQueries: pulumi.ToStringArray([]string{
					"Security!*[System[(band(Keywords,13510798882111488))]]",
					"System!*[System[(Level=1 or Level=2 or Level=3)]]",
					"Application!*[System[(Level=1 or Level=2 or Level=3)]]",
				}),
			}},
		}, "Microsoft-Event"
	}
	dcr, err := insights.NewDataCollectionRule(ctx, name+"-dcr", &insights.DataCollectionRuleArgs{
		ResourceGroupName: env.ResourceGroupName,
		Location:          loc,
		Kind:              pulumi.String(map[string]string{OSLinux: "Linux", OSWindows: "Windows"}[args.os()]),
		Description:       pulumi.String("Security and system logs of the workload's machines, to the landing zone's workspace"),
		DataSources:       sources,
		Destinations: insights.DataCollectionRuleDestinationsArgs{
			LogAnalytics: insights.LogAnalyticsDestinationArray{insights.LogAnalyticsDestinationArgs{
				Name: pulumi.String("workspace"), WorkspaceResourceId: env.WorkspaceID,
			}},
		},
		DataFlows: insights.DataFlowArray{insights.DataFlowArgs{
			Streams: pulumi.StringArray{pulumi.String(stream)}, Destinations: pulumi.StringArray{pulumi.String("workspace")},
		}},
		// A tier with no internet egress sends through its data collection endpoint, over the private
		// link scope; nil leaves the public endpoints, reached through the hub firewall.
		DataCollectionEndpointId: optionalID(env.DataCollectionEndpointID),
		Tags:                     b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	w.DataCollectionRuleID = dcr.ID().ToStringOutput()
	w.MaintenanceConfigurationID = env.MaintenanceConfigurationID.ToStringOutput()

	customData := patchSourceCloudInit(args.PatchRepository)
	var vmIDs pulumi.StringArray
	for i, zone := range vmZones(args.InstanceCount, args.Profile.AvailabilityZones) {
		id, err := w.machine(b, args, i, zone, des, desUser, dcr, customData)
		if err != nil {
			return err
		}
		vmIDs = append(vmIDs, id)
	}
	w.VMIDs = vmIDs.ToStringArrayOutput()

	w.DatabaseEndpoint = pulumi.String("").ToStringOutput()
	w.DatabaseID = pulumi.String("").ToStringOutput()
	if args.Database != nil {
		return w.database(b, args, tenantID)
	}
	return nil
}

// machine builds the i-th virtual machine, in zone: its network interface, the machine, the Azure
// Monitor agent and its data collection rule association, its maintenance configuration assignment and
// its backup protection. It returns the machine's ID.
func (w *Workload) machine(b *builder, args *WorkloadArgs, i int, zone string, des *compute.DiskEncryptionSet, desUser pulumi.Resource, dcr *insights.DataCollectionRule, customData string) (pulumi.StringOutput, error) {
	ctx, loc, env := b.ctx, pulumi.String(args.Region), args.Environment
	vmName := fmt.Sprintf("%s-vm-%d", b.name, i+1)
	nic, err := network.NewNetworkInterface(ctx, vmName+"-nic", &network.NetworkInterfaceArgs{
		ResourceGroupName:  env.ResourceGroupName,
		Location:           loc,
		EnableIPForwarding: pulumi.Bool(false),
		IpConfigurations: network.NetworkInterfaceIPConfigurationArray{network.NetworkInterfaceIPConfigurationArgs{
			Name:                      pulumi.String("primary"),
			Primary:                   pulumi.Bool(true),
			PrivateIPAllocationMethod: pulumi.String("Dynamic"),
			Subnet:                    network.SubnetTypeArgs{Id: env.WorkloadSubnetID},
		}},
		Tags: b.tagged(),
	}, b.opts()...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	osProfile, agent := compute.OSProfileArgs{
		ComputerName:             pulumi.String(vmName),
		AdminUsername:            pulumi.String(workloadAdminUsername),
		AllowExtensionOperations: pulumi.Bool(true),
		LinuxConfiguration: compute.LinuxConfigurationArgs{
			DisablePasswordAuthentication: pulumi.Bool(true),
			ProvisionVMAgent:              pulumi.Bool(true),
			Ssh: compute.SshConfigurationArgs{PublicKeys: compute.SshPublicKeyTypeArray{compute.SshPublicKeyTypeArgs{
				Path: pulumi.String("/home/" + workloadAdminUsername + "/.ssh/authorized_keys"), KeyData: pulumi.String(args.SSHPublicKey),
			}}},
			PatchSettings: compute.LinuxPatchSettingsArgs{
				AssessmentMode: pulumi.String("AutomaticByPlatform"),
				PatchMode:      pulumi.String("AutomaticByPlatform"),
				AutomaticByPlatformSettings: compute.LinuxVMGuestPatchAutomaticByPlatformSettingsArgs{
					BypassPlatformSafetyChecksOnUserSchedule: pulumi.Bool(true),
					RebootSetting:                            pulumi.String("IfRequired"),
				},
			},
		},
	}, "AzureMonitorLinuxAgent"
	if args.os() == OSWindows {
		osProfile, agent = compute.OSProfileArgs{
			// Windows computer names hold at most 15 characters: the workload's name cut, a hash of it and
			// the machine's number.
			ComputerName:             pulumi.String(fmt.Sprintf("%s%02d", azureName(b.name, b.name, 4, windowsComputerNameMax-2), i+1)),
			AdminUsername:            pulumi.String(workloadAdminUsername),
			AdminPassword:            args.AdminPassword,
			AllowExtensionOperations: pulumi.Bool(true),
			WindowsConfiguration: compute.WindowsConfigurationArgs{
				ProvisionVMAgent:       pulumi.Bool(true),
				EnableAutomaticUpdates: pulumi.Bool(true), // required by patchMode AutomaticByPlatform
				TimeZone:               pulumi.String("UTC"),
				PatchSettings: compute.PatchSettingsArgs{
					AssessmentMode: pulumi.String("AutomaticByPlatform"),
					PatchMode:      pulumi.String("AutomaticByPlatform"),
					AutomaticByPlatformSettings: compute.WindowsVMGuestPatchAutomaticByPlatformSettingsArgs{
						BypassPlatformSafetyChecksOnUserSchedule: pulumi.Bool(true),
						RebootSetting:                            pulumi.String("IfRequired"),
					},
				},
			},
		}, "AzureMonitorWindowsAgent"
	}
	if customData != "" {
		osProfile.CustomData = pulumi.String(customData)
	}
	vm, err := compute.NewVirtualMachine(ctx, vmName, &compute.VirtualMachineArgs{
		ResourceGroupName: env.ResourceGroupName,
		Location:          loc,
		VmName:            pulumi.String(vmName),
		Zones:             pulumi.StringArray{pulumi.String(zone)},
		HardwareProfile:   compute.HardwareProfileArgs{VmSize: pulumi.String(args.InstanceType)},
		Identity:          compute.VirtualMachineIdentityArgs{Type: compute.ResourceIdentityTypeSystemAssigned},
		SecurityProfile:   compute.SecurityProfileArgs{EncryptionAtHost: pulumi.Bool(true)},
		StorageProfile: compute.StorageProfileArgs{
			ImageReference: imageReference(args.ImageID),
			OsDisk: compute.OSDiskArgs{
				CreateOption: pulumi.String("FromImage"),
				DeleteOption: pulumi.String("Delete"),
				ManagedDisk: compute.ManagedDiskParametersArgs{
					StorageAccountType: pulumi.String("Premium_LRS"),
					DiskEncryptionSet:  compute.DiskEncryptionSetParametersArgs{Id: des.ID()},
				},
			},
		},
		OsProfile: osProfile,
		NetworkProfile: compute.NetworkProfileArgs{NetworkInterfaces: compute.NetworkInterfaceReferenceArray{compute.NetworkInterfaceReferenceArgs{
			Id: nic.ID(), Primary: pulumi.Bool(true), DeleteOption: pulumi.String("Detach"),
		}}},
		DiagnosticsProfile: compute.DiagnosticsProfileArgs{BootDiagnostics: compute.BootDiagnosticsArgs{Enabled: pulumi.Bool(true)}},
		Tags:               b.tagged(),
	}, b.stateful(pulumi.DependsOn([]pulumi.Resource{desUser}))...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	ama, err := compute.NewVirtualMachineExtension(ctx, vmName+"-ama", &compute.VirtualMachineExtensionArgs{
		ResourceGroupName:       env.ResourceGroupName,
		Location:                loc,
		VmName:                  vm.Name,
		VmExtensionName:         pulumi.String(agent),
		Publisher:               pulumi.String("Microsoft.Azure.Monitor"),
		Type:                    pulumi.String(agent),
		TypeHandlerVersion:      pulumi.String("1.0"),
		AutoUpgradeMinorVersion: pulumi.Bool(true),
		EnableAutomaticUpgrade:  pulumi.Bool(true),
		Tags:                    b.tagged(),
	}, b.opts()...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	if _, err := insights.NewDataCollectionRuleAssociation(ctx, vmName+"-dcra", &insights.DataCollectionRuleAssociationArgs{
		ResourceUri:          vm.ID(),
		AssociationName:      pulumi.String("workload-logs"),
		DataCollectionRuleId: dcr.ID(),
		Description:          pulumi.String("Sends the machine's logs to the landing zone's workspace"),
	}, b.opts(pulumi.DependsOn([]pulumi.Resource{ama}))...); err != nil {
		return pulumi.StringOutput{}, err
	}
	if _, err := maintenance.NewConfigurationAssignment(ctx, vmName+"-patching", &maintenance.ConfigurationAssignmentArgs{
		ResourceGroupName:           env.ResourceGroupName,
		Location:                    loc,
		ProviderName:                pulumi.String("Microsoft.Compute"),
		ResourceType:                pulumi.String("virtualMachines"),
		ResourceName:                vm.Name,
		ConfigurationAssignmentName: pulumi.String(maintenanceConfigurationName(args.Profile.Tier)),
		MaintenanceConfigurationId:  env.MaintenanceConfigurationID,
	}, b.opts()...); err != nil {
		return pulumi.StringOutput{}, err
	}
	if _, err := recoveryservices.NewProtectedItem(ctx, vmName+"-backup", &recoveryservices.ProtectedItemArgs{
		ResourceGroupName: env.ResourceGroupName,
		VaultName:         env.RecoveryVaultName,
		FabricName:        pulumi.String("Azure"),
		ContainerName:     pulumi.Sprintf("iaasvmcontainer;iaasvmcontainerv2;%s;%s", env.ResourceGroupName, vm.Name),
		ProtectedItemName: pulumi.Sprintf("vm;iaasvmcontainerv2;%s;%s", env.ResourceGroupName, vm.Name),
		Properties: recoveryservices.AzureIaaSComputeVMProtectedItemArgs{
			ProtectedItemType: pulumi.String("Microsoft.Compute/virtualMachines"),
			PolicyId:          env.BackupPolicyID,
			SourceResourceId:  vm.ID(),
		},
		Tags: b.tagged(),
	}, b.opts()...); err != nil {
		return pulumi.StringOutput{}, err
	}
	return vm.ID().ToStringOutput(), nil
}

// database builds the workload's Azure SQL server and database.
func (w *Workload) database(b *builder, args *WorkloadArgs, tenantID string) error {
	ctx, name, loc, env, db := b.ctx, b.name, pulumi.String(args.Region), args.Environment, args.Database
	identity, err := managedidentity.NewUserAssignedIdentity(ctx, name+"-sql-identity", &managedidentity.UserAssignedIdentityArgs{
		ResourceGroupName: env.ResourceGroupName,
		Location:          loc,
		Tags:              b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	keyUser, err := b.cryptoUser("sql", b.subscription, env.DataKeyID, identity.PrincipalId)
	if err != nil {
		return err
	}
	server, err := sql.NewServer(ctx, name+"-sql", &sql.ServerArgs{
		ResourceGroupName: env.ResourceGroupName,
		Location:          loc,
		ServerName:        pulumi.String(b.globalName("sql", sqlServerNameMax)),
		Version:           pulumi.String("12.0"),
		Administrators: sql.ServerExternalAdministratorArgs{
			AdministratorType:         pulumi.String("ActiveDirectory"),
			AzureADOnlyAuthentication: pulumi.Bool(true),
			Login:                     pulumi.String(db.AdminLogin),
			Sid:                       pulumi.String(db.AdminObjectID),
			PrincipalType:             pulumi.String("Group"),
			TenantId:                  pulumi.String(tenantID),
		},
		Identity:                      sql.ResourceIdentityArgs{Type: pulumi.String("UserAssigned"), UserAssignedIdentities: pulumi.StringArray{identity.ID()}},
		PrimaryUserAssignedIdentityId: identity.ID(),
		KeyId:                         env.DataKeyURI,
		MinimalTlsVersion:             pulumi.String("1.2"),
		PublicNetworkAccess:           pulumi.String("Disabled"),
		RestrictOutboundNetworkAccess: pulumi.String("Enabled"),
		Tags:                          b.tagged(),
	}, b.stateful(pulumi.DependsOn([]pulumi.Resource{keyUser}))...)
	if err != nil {
		return err
	}
	if _, err := b.lock("sql", server.ID(), server); err != nil {
		return err
	}
	if _, err := sql.NewEncryptionProtector(ctx, name+"-sql-tde-protector", &sql.EncryptionProtectorArgs{
		ResourceGroupName:       env.ResourceGroupName,
		ServerName:              server.Name,
		EncryptionProtectorName: pulumi.String("current"),
		ServerKeyType:           pulumi.String("AzureKeyVault"),
		ServerKeyName:           env.DataKeyURI.ToStringOutput().ApplyT(sqlServerKeyName).(pulumi.StringOutput),
		AutoRotationEnabled:     pulumi.Bool(true),
	}, b.opts()...); err != nil {
		return err
	}
	// Defender for SQL on the server, with its vulnerability assessment (express configuration).
	if _, err := sql.NewServerSecurityAlertPolicy(ctx, name+"-sql-defender", &sql.ServerSecurityAlertPolicyArgs{
		ResourceGroupName:       env.ResourceGroupName,
		ServerName:              server.Name,
		SecurityAlertPolicyName: pulumi.String("Default"),
		State:                   sql.SecurityAlertsPolicyStateEnabled,
	}, b.opts()...); err != nil {
		return err
	}
	if _, err := sql.NewSqlVulnerabilityAssessmentsSetting(ctx, name+"-sql-va", &sql.SqlVulnerabilityAssessmentsSettingArgs{
		ResourceGroupName:           env.ResourceGroupName,
		ServerName:                  server.Name,
		VulnerabilityAssessmentName: pulumi.String("default"),
		State:                       sql.SqlVulnerabilityAssessmentStateEnabled,
	}, b.opts()...); err != nil {
		return err
	}
	if _, err := sql.NewExtendedServerBlobAuditingPolicy(ctx, name+"-sql-audit", &sql.ExtendedServerBlobAuditingPolicyArgs{
		ResourceGroupName:           env.ResourceGroupName,
		ServerName:                  server.Name,
		BlobAuditingPolicyName:      pulumi.String("default"),
		State:                       sql.BlobAuditingPolicyStateEnabled,
		IsAzureMonitorTargetEnabled: pulumi.Bool(true),
	}, b.opts()...); err != nil {
		return err
	}
	if _, err := network.NewPrivateEndpoint(ctx, name+"-sql-pe", &network.PrivateEndpointArgs{
		ResourceGroupName: env.ResourceGroupName,
		Location:          loc,
		Subnet:            network.SubnetTypeArgs{Id: env.EndpointSubnetID},
		PrivateLinkServiceConnections: network.PrivateLinkServiceConnectionArray{network.PrivateLinkServiceConnectionArgs{
			Name:                 pulumi.String("sqlServer"),
			PrivateLinkServiceId: server.ID(),
			GroupIds:             pulumi.StringArray{pulumi.String("sqlServer")},
		}},
		Tags: b.tagged(),
	}, b.opts()...); err != nil {
		return err
	}
	backupRedundancy := "Geo"
	if args.Profile.ZoneRedundantStorage {
		backupRedundancy = "GeoZone"
	}
	database, err := sql.NewDatabase(ctx, name+"-db", &sql.DatabaseArgs{
		ResourceGroupName:                env.ResourceGroupName,
		Location:                         loc,
		ServerName:                       server.Name,
		DatabaseName:                     pulumi.String(name),
		Sku:                              sql.SkuArgs{Name: pulumi.String(db.SKU)},
		MaxSizeBytes:                     pulumi.Float64(float64(db.MaxSizeGB) * (1 << 30)),
		ZoneRedundant:                    pulumi.Bool(args.Profile.MultiAZDatabases),
		RequestedBackupStorageRedundancy: pulumi.String(backupRedundancy),
		Tags:                             b.tagged(),
	}, b.stateful()...)
	if err != nil {
		return err
	}
	keep := args.Profile.Backup.RetentionDays
	if _, err := sql.NewBackupShortTermRetentionPolicy(ctx, name+"-db-pitr", &sql.BackupShortTermRetentionPolicyArgs{
		ResourceGroupName: env.ResourceGroupName,
		ServerName:        server.Name,
		DatabaseName:      database.Name,
		PolicyName:        pulumi.String("default"),
		RetentionDays:     pulumi.Int(min(keep, maxSQLShortTermRetentionDays)),
	}, b.opts()...); err != nil {
		return err
	}
	if keep > maxSQLShortTermRetentionDays {
		if _, err := sql.NewLongTermRetentionPolicy(ctx, name+"-db-ltr", &sql.LongTermRetentionPolicyArgs{
			ResourceGroupName: env.ResourceGroupName,
			ServerName:        server.Name,
			DatabaseName:      database.Name,
			PolicyName:        pulumi.String("default"),
			WeeklyRetention:   pulumi.String(fmt.Sprintf("P%dW", (keep+6)/7)),
		}, b.opts()...); err != nil {
			return err
		}
	}
	w.DatabaseEndpoint = server.FullyQualifiedDomainName
	w.DatabaseID = database.ID().ToStringOutput()
	return nil
}

// sqlServerNameMax is the longest Azure SQL server name.
const sqlServerNameMax = 63

// sqlServerKeyName is the name Azure SQL gives a Key Vault key: <vault>_<key>_<version>, from the key's
// versioned URI https://<vault>.vault.azure.net/keys/<key>/<version>.
func sqlServerKeyName(uri string) (string, error) {
	u, err := url.Parse(uri)
	var parts []string
	if err == nil {
		parts = strings.Split(strings.Trim(u.Path, "/"), "/")
	}
	if len(parts) != 3 || parts[0] != "keys" {
		return "", fmt.Errorf("data key URI %q is not https://<vault>.vault.azure.net/keys/<key>/<version>", uri)
	}
	vault, _, _ := strings.Cut(u.Host, ".")
	return vault + "_" + parts[1] + "_" + parts[2], nil
}

// maintenanceConfigurationName is the name of a tier's Update Manager maintenance configuration.
func maintenanceConfigurationName(t tier.Tier) string { return "patch-" + string(t) }
