package azurelz_test

import (
	"encoding/base64"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/azurelz"
	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/internal/mockcloud"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
)

const testSSHKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKbJ0kEXAMPLEKEYONLYFORTESTSx0000000000000000 ops@met"

// workloadArgs are a representative workload of tier p's stack; Bronze's patches from the internal
// mirror.
func workloadArgs(p tier.Profile, tags map[string]string, env azurelz.TierEnvironmentRef) *azurelz.WorkloadArgs {
	a := &azurelz.WorkloadArgs{
		Region:        "uksouth",
		Profile:       p,
		Environment:   env,
		InstanceType:  "Standard_D4s_v5",
		ImageID:       "Canonical:ubuntu-24_04-lts:server:latest",
		InstanceCount: p.AvailabilityZones,
		SSHPublicKey:  testSSHKey,
		Database: &azurelz.Database{
			SKU: "GP_Gen5_2", MaxSizeGB: 32, AdminLogin: "met-dba", AdminObjectID: "6f1c2b1e-0d5c-4c6a-9a51-2f0d8b0c1a11",
		},
		Tags: tags,
	}
	if p.Patching.InternalSource {
		a.PatchRepository = "https://10.60.64.10/ubuntu"
	}
	return a
}

// runTierWithWorkload registers a tier's environment and a workload in it, as a tier stack does.
func runTierWithWorkload(t *testing.T, tr tier.Tier, preview bool, change func(*azurelz.WorkloadArgs)) (*mockcloud.Cloud, *azurelz.Workload) {
	t.Helper()
	st := tierStack(t, tr)
	c := mockcloud.New(mockcloud.Options{Stack: st.Name, Preview: preview})
	var w *azurelz.Workload
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		env, err := azurelz.NewTierEnvironment(ctx, st.Name, tierArgs(st))
		if err != nil {
			return err
		}
		args := workloadArgs(st.Profile, st.Tags(), env.Ref(hubRef().WorkspaceID))
		if change != nil {
			change(args)
		}
		w, err = azurelz.NewWorkload(ctx, st.Name+"-app", args, pulumi.Parent(env), pulumi.Provider(env.Provider))
		return err
	}))
	return c, w
}

// TestWorkload: at every tier the workload's resources hold the secure settings, the tier's mandatory
// rules all pass, and the scanning, patching, backup and encryption rules saw and passed each machine
// and the database (not merely found nothing to check).
func TestWorkload(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tier          tier.Tier
		zones         []string
		zoneRedundant bool
		backupStorage string
		recur         string
		ltr           bool
	}{
		{tier.Platinum, []string{"1", "2", "3"}, true, "GeoZone", "1Week Sunday", false},
		{tier.Gold, []string{"1", "2"}, true, "Geo", "1Week Saturday", false},
		{tier.Bronze, []string{"1", "2"}, false, "Geo", "1Week Sunday", true},
	} {
		t.Run(string(tc.tier), func(t *testing.T) {
			t.Parallel()
			c, w := runTierWithWorkload(t, tc.tier, false, nil)
			require.NotNil(t, w)
			st := tierStack(t, tc.tier)
			types := c.Types()
			n := len(tc.zones)
			for typ, want := range map[string]int{
				azurelz.WorkloadType:                                  1,
				"azure-native:compute:DiskEncryptionSet":              1,
				"azure-native:compute:VirtualMachine":                 n,
				"azure-native:network:NetworkInterface":               n,
				"azure-native:network:PublicIPAddress":                0,
				"azure-native:compute:VirtualMachineExtension":        n,
				"azure-native:insights:DataCollectionRule":            1,
				"azure-native:insights:DataCollectionRuleAssociation": n,
				"azure-native:maintenance:MaintenanceConfiguration":   1,
				"azure-native:maintenance:ConfigurationAssignment":    n,
				"azure-native:recoveryservices:ProtectedItem":         n,
				"azure-native:security:Pricing":                       2,
				"azure-native:sql:Server":                             1,
				"azure-native:sql:Database":                           1,
				"azure-native:sql:ServerSecurityAlertPolicy":          1,
				"azure-native:sql:SqlVulnerabilityAssessmentsSetting": 1,
			} {
				assert.Equal(t, want, types[typ], "count of %s", typ)
			}

			// Machines: one per zone, private, encrypted at host and with the tier's key, SSH keys only,
			// patched by Update Manager, tagged for backup and patching.
			var zones []string
			for _, vm := range c.Find("azure-native:compute:VirtualMachine") {
				z, _ := policy.Strings(vm.Get("zones"))
				zones = append(zones, z...)
				assert.True(t, vm.Get("securityProfile", "encryptionAtHost").AsBool(), "encryption at host")
				assert.Contains(t, str(vm.Get("storageProfile", "osDisk", "managedDisk", "diskEncryptionSet", "id")), "/diskEncryptionSets/")
				assert.True(t, vm.Get("osProfile", "linuxConfiguration", "disablePasswordAuthentication").AsBool())
				assert.Equal(t, "AutomaticByPlatform", str(vm.Get("osProfile", "linuxConfiguration", "patchSettings", "patchMode")))
				assert.Equal(t, "AutomaticByPlatform", str(vm.Get("osProfile", "linuxConfiguration", "patchSettings", "assessmentMode")))
				assert.Equal(t, "SystemAssigned", str(vm.Get("identity", "type")))
				tags, _, _ := vm.Tags()
				assert.Equal(t, "vm-"+string(tc.tier), tags["Backup"])
				assert.Equal(t, "patch-"+string(tc.tier), tags["Patch"])
				assert.Equal(t, st.Profile.ProtectStateful, vm.Protect)
				assert.Equal(t, st.Profile.RetainStatefulOnDelete, vm.RetainOnDelete)
				cd := str(vm.Get("osProfile", "customData"))
				if st.Profile.Patching.InternalSource {
					raw, err := base64.StdEncoding.DecodeString(cd)
					require.NoError(t, err)
					assert.Contains(t, string(raw), "uri: https://10.60.64.10/ubuntu", "Bronze takes updates from the internal mirror only")
				} else {
					assert.Empty(t, cd)
				}
			}
			slices.Sort(zones)
			assert.Equal(t, tc.zones, zones)
			for _, nic := range c.Find("azure-native:network:NetworkInterface") {
				assert.True(t, nic.Get("ipConfigurations", 0, "publicIPAddress").IsNull(), "no public IP")
				assert.True(t, strings.HasSuffix(str(nic.Get("ipConfigurations", 0, "subnet", "id")), "/subnets/workload"))
			}
			des := c.Find("azure-native:compute:DiskEncryptionSet")[0]
			assert.Contains(t, str(des.Get("activeKey", "keyUrl")), "/keys/data-key/")
			assert.True(t, des.Get("rotationToLatestKeyVersionEnabled").AsBool())
			ama := c.Find("azure-native:compute:VirtualMachineExtension")[0]
			assert.Equal(t, "AzureMonitorLinuxAgent", str(ama.Get("type")))
			dcr := c.Find("azure-native:insights:DataCollectionRule")[0]
			assert.Contains(t, str(dcr.Get("destinations", "logAnalytics", 0, "workspaceResourceId")), "/workspaces/met")
			// Logs: a tier with no internet egress sends through its data collection endpoint, over the
			// Azure Monitor private link scope; the others use the public endpoints through the firewall.
			ev := c.Evaluate(stackctx.FromStack(st))
			if tc.tier == tier.Bronze {
				dce := c.Find("azure-native:insights:DataCollectionEndpoint")
				require.Len(t, dce, 1)
				assert.Equal(t, dce[0].ID, str(dcr.Get("dataCollectionEndpointId")))
				assert.Equal(t, 1, statuses(ev, "PCLZ-AZR-AUD-009")[policy.StatusPass], "the machines' logs reach the workspace over the private link")
				assert.Equal(t, 4, types["azure-native:network:PrivateEndpoint"], "key vault, evidence store, SQL server, Azure Monitor")
			} else {
				assert.True(t, dcr.Get("dataCollectionEndpointId").IsNull())
				assert.Equal(t, 0, types["azure-native:insights:DataCollectionEndpoint"])
				assert.Equal(t, 1, statuses(ev, "PCLZ-AZR-AUD-009")[policy.StatusNotApplicable])
				assert.Equal(t, 3, types["azure-native:network:PrivateEndpoint"], "key vault, evidence store, SQL server")
			}

			// Patching: the tier's maintenance configuration, on its cadence and in its reboot window.
			mc := c.Find("azure-native:maintenance:MaintenanceConfiguration")[0]
			assert.Equal(t, "InGuestPatch", str(mc.Get("maintenanceScope")))
			assert.Equal(t, tc.recur, str(mc.Get("recurEvery")))

			// Database: Entra only, TLS 1.2, CMK, private, zone-redundant per profile, geo backups.
			srv := c.Find("azure-native:sql:Server")[0]
			assert.True(t, srv.Get("administrators", "azureADOnlyAuthentication").AsBool())
			assert.True(t, srv.Get("administratorLoginPassword").IsNull(), "no SQL password")
			assert.Equal(t, "1.2", str(srv.Get("minimalTlsVersion")))
			assert.Equal(t, "Disabled", str(srv.Get("publicNetworkAccess")))
			assert.Contains(t, str(srv.Get("keyId")), "/keys/data-key/")
			db := c.Find("azure-native:sql:Database")[0]
			assert.Equal(t, tc.zoneRedundant, db.Get("zoneRedundant").AsBool())
			assert.Equal(t, tc.backupStorage, str(db.Get("requestedBackupStorageRedundancy")))
			assert.Equal(t, tc.ltr, types["azure-native:sql:LongTermRetentionPolicy"] == 1, "long-term retention when the tier keeps more than 35 days")

			pctx := stackctx.FromStack(st)
			blocking := c.Blocking(pctx)
			assert.Empty(t, blocking, mockcloud.Describe(blocking))
			ev = c.Evaluate(pctx)
			assert.Equal(t, n+1, statuses(ev, "PCLZ-AZR-AUD-007")[policy.StatusPass], "every machine and the SQL server assessed for vulnerabilities")
			assert.Equal(t, n, statuses(ev, "PCLZ-AZR-AUD-008")[policy.StatusPass], "every machine patched on the tier's cadence")
			assert.Equal(t, n, statuses(ev, "PCLZ-AZR-RES-007")[policy.StatusPass], "every machine protected by the tier's VM backup policy")
			assert.Equal(t, 1, statuses(ev, "PCLZ-AZR-RES-008")[policy.StatusPass], "the database's backups copied to ukwest")
			if tc.tier == tier.Bronze {
				assert.Equal(t, 3, statuses(ev, "PCLZ-AZR-NET-012")[policy.StatusPass], "the Bronze isolation proof holds with the workload and its patch source")
			}

			outs, err := w.Outputs()
			require.NoError(t, err)
			assert.ElementsMatch(t, []string{"vmIds", "diskEncryptionSetId", "dataCollectionRuleId", "maintenanceConfigurationId", "databaseEndpoint", "databaseId"},
				slices.Collect(maps.Keys(outs)))
		})
	}
}

// TestWorkloadValidation: bad arguments are refused with an exact message, every error at once, and
// register nothing.
func TestWorkloadValidation(t *testing.T) {
	t.Parallel()
	env := azurelz.TierEnvironmentRef{
		ResourceGroupName: pulumi.String("rg"), WorkloadSubnetID: pulumi.String("w"), EndpointSubnetID: pulumi.String("e"),
		KeyVaultID: pulumi.String("v"), DataKeyID: pulumi.String("k"), DataKeyURI: pulumi.String("https://v.vault.azure.net/keys/data-key/0"),
		WorkspaceID: pulumi.String("ws"), MaintenanceConfigurationID: pulumi.String("mc"), RecoveryVaultName: pulumi.String("rsv"), BackupPolicyID: pulumi.String("bp"),
		DataCollectionEndpointID: pulumi.String("dce"),
	}
	for _, tc := range []struct {
		name   string
		tier   tier.Tier
		change func(a *azurelz.WorkloadArgs)
		want   []string
	}{
		{"fewer machines than zones", tier.Platinum, func(a *azurelz.WorkloadArgs) { a.InstanceCount = 1 },
			[]string{`InstanceCount: "1" is out of range: allowed 3 (one per availability zone of the profile) to 100`}},
		{"Bronze without its internal mirror", tier.Bronze, func(a *azurelz.WorkloadArgs) { a.PatchRepository = "" },
			[]string{`PatchRepository: is not the https URL of an internal package mirror: allowed https://<mirror address>/<path> (the Bronze profile patches only from an internal source, reached over a declared flow)`}},
		{"Bronze mirror over plain http", tier.Bronze, func(a *azurelz.WorkloadArgs) { a.PatchRepository = "http://10.60.64.10/ubuntu" },
			[]string{`PatchRepository: "http://10.60.64.10/ubuntu" is not the https URL of an internal package mirror`}},
		{"Gold names a mirror", tier.Gold, func(a *azurelz.WorkloadArgs) { a.PatchRepository = "https://mirror.example/ubuntu" },
			[]string{`PatchRepository: "https://mirror.example/ubuntu" is set, but the Gold profile patches from the vendor's repositories through the hub firewall: allowed "" (Profile.Patching.InternalSource is false)`}},
		{"Linux with a password", tier.Gold, func(a *azurelz.WorkloadArgs) { a.AdminPassword = pulumi.String("x") },
			[]string{`AdminPassword: is set, but Linux machines sign in with SSHPublicKey only: allowed nil for Linux`}},
		{"Windows with an SSH key and no password", tier.Gold, func(a *azurelz.WorkloadArgs) { a.OSType = azurelz.OSWindows },
			[]string{
				`SSHPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKbJ..." is set, but Windows machines sign in with AdminPassword: allowed "" for Windows`,
				`AdminPassword: is not set: allowed the Windows administrator's password, a secret (there is no default)`,
			}},
		{"Windows on Bronze", tier.Bronze, func(a *azurelz.WorkloadArgs) {
			a.OSType, a.SSHPublicKey, a.AdminPassword = azurelz.OSWindows, "", pulumi.String("x")
		}, []string{`OSType: "windows" is not supported yet on the Bronze tier, which patches only from an internal source: allowed linux (Windows machines there would need a WSUS server reached over a declared flow, not built yet)`}},
		{"Bronze without a data collection endpoint", tier.Bronze, func(a *azurelz.WorkloadArgs) { a.Environment.DataCollectionEndpointID = nil },
			[]string{`Environment.DataCollectionEndpointID: is not set, and the Bronze tier has no internet egress, so its machines cannot reach Azure Monitor's public endpoints: allowed the tier environment's dataCollectionEndpointId (reached over its Azure Monitor private link scope)`}},
		{"unknown operating system", tier.Gold, func(a *azurelz.WorkloadArgs) { a.OSType = "solaris" },
			[]string{`OSType: "solaris" is not an operating system: allowed "" or linux, windows`}},
		{"several bad fields", tier.Gold, func(a *azurelz.WorkloadArgs) {
			a.Region = "westeurope"
			a.InstanceType = "m7i.large"
			a.ImageID = "ami-0123456789abcdef0"
			a.SSHPublicKey = "hunter2"
			a.Database.SKU = "S3"
			a.Database.MaxSizeGB = 0
			a.Database.AdminLogin = " "
			a.Database.AdminObjectID = "dba"
			a.Environment.DataKeyURI = nil
			a.Environment.BackupPolicyID = nil
			a.Tags = map[string]string{"Force": "MPS"}
		}, []string{
			`Region: "westeurope" is not allowed: allowed uksouth, ukwest`,
			`InstanceType: "m7i.large" is not a virtual machine size: allowed Standard_<size>, for example Standard_D4s_v5`,
			`ImageID: "ami-0123456789abcdef0" is not an image: allowed publisher:offer:sku:version, or the resource ID of an image or gallery image`,
			`SSHPublicKey: "hunter2" is not an OpenSSH public key: allowed ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp* followed by the base64 key`,
			`Database.SKU: "S3" is not a vCore service objective: allowed GP_Gen5_<vCores>, BC_Gen5_<vCores> or HS_Gen5_<vCores>`,
			`Database.MaxSizeGB: "0" is out of range: allowed 1 to 4096 GB`,
			`Database.AdminLogin: is not set: allowed the display name of the Microsoft Entra group that administers the server`,
			`Database.AdminObjectID: "dba" is not an object ID: allowed the Entra group's object ID, a GUID`,
			`Tags: lacks Tier, Classification, Owner, ManagedBy`,
			`Environment: DataKeyURI, BackupPolicyID not set: allowed the tier environment's outputs (every field is required)`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st := tierStack(t, tc.tier)
			args := workloadArgs(st.Profile, st.Tags(), env)
			tc.change(args)
			c := mockcloud.New(mockcloud.Options{})
			err := c.Run(func(ctx *pulumi.Context) error {
				_, err := azurelz.NewWorkload(ctx, "app", args)
				return err
			})
			require.Error(t, err)
			const head = "azurelz.NewWorkload app: invalid arguments:\n"
			_, body, ok := strings.Cut(err.Error(), head)
			require.True(t, ok, err.Error())
			lines := strings.Split(strings.TrimSpace(body), "\n")
			require.Len(t, lines, len(tc.want), "one line per error: %s", err)
			for i, w := range tc.want {
				assert.True(t, strings.HasPrefix(lines[i], w), "error %d: got %q, want it to start %q", i, lines[i], w)
			}
			assert.Empty(t, c.Find(""), "nothing is registered")
		})
	}
	t.Run("nil args", func(t *testing.T) {
		t.Parallel()
		c := mockcloud.New(mockcloud.Options{})
		err := c.Run(func(ctx *pulumi.Context) error {
			_, err := azurelz.NewWorkload(ctx, "app", nil)
			return err
		})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "azurelz.NewWorkload: args are required")
	})
}

// TestBronzePatchingOverTheInternetIsCaught: the Bronze workload patches from its internal mirror and
// the isolation proof holds; a route to the internet added "for patching" is an undeclared path the
// proof fails, naming the route table.
func TestBronzePatchingOverTheInternetIsCaught(t *testing.T) {
	t.Parallel()
	st := tierStack(t, tier.Bronze)
	c := mockcloud.New(mockcloud.Options{Stack: st.Name})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		env, err := azurelz.NewTierEnvironment(ctx, st.Name, tierArgs(st))
		if err != nil {
			return err
		}
		if _, err := azurelz.NewWorkload(ctx, st.Name+"-custody", workloadArgs(st.Profile, st.Tags(), env.Ref(hubRef().WorkspaceID)), pulumi.Provider(env.Provider)); err != nil {
			return err
		}
		rtName := env.RouteTableID.ApplyT(func(id string) string { return id[strings.LastIndex(id, "/")+1:] }).(pulumi.StringOutput)
		_, err = network.NewRoute(ctx, "patch-from-vendor", &network.RouteArgs{
			ResourceGroupName: env.ResourceGroupName,
			RouteTableName:    rtName,
			RouteName:         pulumi.String("ubuntu-archive"),
			AddressPrefix:     pulumi.String("0.0.0.0/0"),
			NextHopType:       pulumi.String("Internet"),
		}, pulumi.Provider(env.Provider))
		return err
	}))
	ev := c.Evaluate(stackctx.FromStack(st))
	fails := failures(ev, "PCLZ-AZR-NET-012")
	require.NotEmpty(t, fails, "the route to the internet breaks the Bronze isolation proof")
	assert.Contains(t, fails, `subnet "workload" can reach the internet, PSN, Gold and Platinum: route table "met-bronze-rt": route "ubuntu-archive" sends the default route 0.0.0.0/0 to next hop Internet instead of None`)
}

// TestWorkloadPreviewUnknowns: at preview every ID is computed; nothing panics, no rule errors, nothing
// blocks wrongly, and the patching and backup rules still decide each machine from the property
// dependencies.
func TestWorkloadPreviewUnknowns(t *testing.T) {
	t.Parallel()
	for _, tr := range tier.All() {
		t.Run(string(tr), func(t *testing.T) {
			t.Parallel()
			c, _ := runTierWithWorkload(t, tr, true, nil)
			st := tierStack(t, tr)
			ev := c.Evaluate(stackctx.FromStack(st))
			for _, f := range ev.Findings {
				assert.NotEqual(t, policy.StatusError, f.Status, "%s %s: %s", f.RuleID, f.ResourceName, f.Message)
			}
			assert.Empty(t, ev.Blocking(), mockcloud.Describe(ev.Blocking()))
			n := st.Profile.AvailabilityZones
			assert.Equal(t, n, statuses(ev, "PCLZ-AZR-AUD-008")[policy.StatusPass], "patching decided at preview")
			assert.Equal(t, n, statuses(ev, "PCLZ-AZR-RES-007")[policy.StatusPass], "backup coverage decided at preview")
		})
	}
}

// TestWorkloadLooseningIsCaught: a tier environment given a loosened patch cadence (as a caller could)
// schedules the workload's patches less often than the stack's real profile allows, and PCLZ-AZR-AUD-008
// fails every machine, naming the gap.
func TestWorkloadLooseningIsCaught(t *testing.T) {
	t.Parallel()
	st := tierStack(t, tier.Gold)
	loose := tierArgs(st)
	loose.Profile.Patching.CadenceDays = 28
	c := mockcloud.New(mockcloud.Options{Stack: st.Name})
	require.NoError(t, c.Run(func(ctx *pulumi.Context) error {
		env, err := azurelz.NewTierEnvironment(ctx, st.Name, loose)
		if err != nil {
			return err
		}
		_, err = azurelz.NewWorkload(ctx, st.Name+"-app", workloadArgs(st.Profile, st.Tags(), env.Ref(hubRef().WorkspaceID)), pulumi.Provider(env.Provider))
		return err
	}))
	ev := c.Evaluate(stackctx.FromStack(st))
	fails := failures(ev, "PCLZ-AZR-AUD-008")
	require.Len(t, fails, 2, "both machines")
	assert.Equal(t, `maintenance configuration met-gold-patching recurs "4Week Saturday", a gap of up to 28 days; the Gold tier patches every machine at least every 7 days`, fails[0])
}

// TestWindowsWorkload: a Windows workload signs in with its secret administrator password, is patched
// by Update Manager through windowsConfiguration, runs the Windows Azure Monitor agent with a Windows
// event log rule, and passes every mandatory rule like the Linux one.
func TestWindowsWorkload(t *testing.T) {
	t.Parallel()
	c, _ := runTierWithWorkload(t, tier.Gold, false, func(a *azurelz.WorkloadArgs) {
		a.OSType = azurelz.OSWindows
		a.ImageID = "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest"
		a.SSHPublicKey = ""
		a.AdminPassword = pulumi.ToSecret(pulumi.String("test-only-Passw0rd!")).(pulumi.StringOutput)
	})
	st := tierStack(t, tier.Gold)
	vms := c.Find("azure-native:compute:VirtualMachine")
	require.Len(t, vms, 2)
	var names []string
	for _, vm := range vms {
		name := str(vm.Get("osProfile", "computerName"))
		assert.LessOrEqual(t, len(name), 15, "Windows computer name %q", name)
		names = append(names, name)
		assert.True(t, vm.Get("osProfile", "linuxConfiguration").IsNull())
		assert.Equal(t, "AutomaticByPlatform", str(vm.Get("osProfile", "windowsConfiguration", "patchSettings", "patchMode")))
		assert.True(t, vm.Get("osProfile", "windowsConfiguration", "enableAutomaticUpdates").AsBool())
	}
	assert.NotEqual(t, names[0], names[1], "each machine has its own computer name")
	assert.Equal(t, "AzureMonitorWindowsAgent", str(c.Find("azure-native:compute:VirtualMachineExtension")[0].Get("type")))
	dcr := c.Find("azure-native:insights:DataCollectionRule")[0]
	assert.Equal(t, "Windows", str(dcr.Get("kind")))
	assert.Equal(t, "Microsoft-Event", str(dcr.Get("dataFlows", 0, "streams", 0)))
	ev := c.Evaluate(stackctx.FromStack(st))
	assert.Empty(t, ev.Blocking(), mockcloud.Describe(ev.Blocking()))
	assert.Equal(t, 2, statuses(ev, "PCLZ-AZR-AUD-008")[policy.StatusPass], "windowsConfiguration patch settings")
}
