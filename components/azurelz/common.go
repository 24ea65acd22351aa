package azurelz

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	azurenative "github.com/pulumi/pulumi-azure-native-sdk/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/caller"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// Component type tokens.
const (
	FoundationType      = "policecloud:azure:Foundation"
	TierEnvironmentType = "policecloud:azure:TierEnvironment"
	EvidenceStoreType   = "policecloud:azure:EvidenceStore"
)

// AllowedLocations are the Azure locations the landing zones may use: UK South and its pair UK West.
var AllowedLocations = []string{"uksouth", "ukwest"}

// RequiredTags are the tags every resource carries; Tags arguments must hold each, non-empty.
var RequiredTags = []string{"Force", "Tier", "Classification", "Owner", "ManagedBy"}

// Built-in Azure role definition IDs the components assign.
const (
	// roleKeyVaultCryptoServiceEncryptionUser lets a service (storage, Recovery Services) wrap and unwrap
	// with a key, and nothing else.
	roleKeyVaultCryptoServiceEncryptionUser = "e147488a-f6f5-4113-8e2d-b22465e65bf6"
)

// keyRotation is how often customer keys rotate, and when a key version expires.
const (
	keyRotateAfter = "P365D"
	keyExpiry      = "P2Y"
)

// checkRegion validates a Region argument (an Azure location).
func checkRegion(field, loc string) error {
	if !slices.Contains(AllowedLocations, loc) {
		return &netplan.FieldError{Path: field, Value: loc, Msg: "is not allowed", Allowed: strings.Join(AllowedLocations, ", ")}
	}
	return nil
}

// checkTags validates a Tags argument.
func checkTags(field string, tags map[string]string) error {
	var missing []string
	for _, k := range RequiredTags {
		if strings.TrimSpace(tags[k]) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return &netplan.FieldError{Path: field, Msg: "lacks " + strings.Join(missing, ", "), Allowed: "tags holding non-empty " + strings.Join(RequiredTags, ", ") + " (every resource carries them)"}
	}
	return nil
}

// checkProfile validates a Profile argument: the fields the components read must be set.
func checkProfile(field string, p tier.Profile) error {
	if _, err := tier.ProfileFor(p.Tier); err != nil {
		return &netplan.FieldError{Path: field + ".Tier", Value: string(p.Tier), Msg: "is not a tier", Allowed: strings.Join(tier.Names(), ", ") + " (use tier.ProfileFor)"}
	}
	if p.LogRetentionDays <= 0 {
		return &netplan.FieldError{Path: field + ".LogRetentionDays", Value: strconv.Itoa(p.LogRetentionDays), Msg: "is not allowed", Allowed: "1 or more (use tier.ProfileFor)"}
	}
	if p.AvailabilityZones < 1 || p.AvailabilityZones > 3 {
		return &netplan.FieldError{Path: field + ".AvailabilityZones", Value: strconv.Itoa(p.AvailabilityZones), Msg: "is not allowed", Allowed: "1 to 3 (Azure regions have 1 to 3 zones)"}
	}
	return nil
}

// zones returns the zone names "1".."n" for n availability zones.
func zones(n int) pulumi.StringArray {
	out := pulumi.StringArray{}
	for i := 1; i <= n; i++ {
		out = append(out, pulumi.String(fmt.Sprint(i)))
	}
	return out
}

// tagMap returns the tags as a pulumi map, with extra tags added.
func tagMap(tags map[string]string, extra ...string) pulumi.StringMap {
	out := pulumi.StringMap{}
	for k, v := range tags {
		out[k] = pulumi.String(v)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		out[extra[i]] = pulumi.String(extra[i+1])
	}
	return out
}

// azureName derives an Azure name that may hold only lower-case letters and digits and must start with a
// letter (storage accounts; Key Vaults and policy names accept it too) from a logical name: the letters
// and digits of logical, cut to fit, and a stable hash suffix of seed. max is the service's length limit.
// suffixLen is the suffix's length in hex digits. A name unique only within its scope takes scopedName; a
// globally unique one builder.globalName.
func azureName(seed, logical string, suffixLen, max int) string {
	var b strings.Builder
	for _, r := range strings.ToLower(logical) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	sum := sha256.Sum256([]byte(seed))
	suffix := hex.EncodeToString(sum[:])[:suffixLen]
	base := b.String()
	if len(base) > max-len(suffix) {
		base = base[:max-len(suffix)]
	}
	if base == "" || base[0] < 'a' || base[0] > 'z' {
		base = "p" + base
		if len(base) > max-len(suffix) {
			base = base[:max-len(suffix)]
		}
	}
	return base + suffix
}

// scopedName is the name of a resource whose name need be unique only within its scope (a policy
// assignment or definition in its subscription): the logical name's letters and digits and a 6-digit hash
// of the logical name.
func scopedName(logical string, max int) string { return azureName(logical, logical, 6, max) }

// globalSuffixLen is the length of the hash suffix of a globally unique name: 40 bits.
const globalSuffixLen = 10

// Length limits of the globally unique names (storage accounts: 3 to 24 lower-case letters and digits;
// Key Vaults: 3 to 24 letters, digits and hyphens, starting with a letter).
const (
	storageAccountNameMax = 24
	keyVaultNameMax       = 24
)

// globalName is the name of a resource whose name Azure requires to be unique across all of Azure
// (storage accounts, Key Vaults) for the component's role: the logical name's letters and digits, and a
// hash of the subscription, the Pulumi project and stack, and the logical name. Two forces that copy the
// same program into their own subscriptions, or one force's two stacks, get different names; the same
// stack in the same subscription always gets the same one.
func (b *builder) globalName(role string, max int) string {
	logical := b.name + "-" + role
	seed := strings.Join([]string{"subscriptions", b.subscription, "projects", b.ctx.Project(), "stacks", b.ctx.Stack(), logical}, "/")
	return azureName(seed, logical, globalSuffixLen, max)
}

// firewallPrivateIP is the private address Azure Firewall takes in AzureFirewallSubnet: the first usable
// address, after the four Azure reserves at the start of every subnet.
func firewallPrivateIP(subnet netip.Prefix) string {
	a := subnet.Masked().Addr()
	for range 4 {
		a = a.Next()
	}
	return a.String()
}

// provider returns the azure-native provider a component's children use: explicit (an argument), else
// the caller's (caller.Provider over the component's options), else a provider of the component's own
// for location, named name+"-provider" and parented to the component.
func provider(ctx *pulumi.Context, name string, explicit pulumi.ProviderResource, opts []pulumi.ResourceOption, location string, parent pulumi.Resource) (pulumi.ProviderResource, error) {
	if explicit == nil {
		explicit = caller.Provider("azure-native", opts...)
	}
	if explicit != nil {
		return explicit, nil
	}
	return azurenative.NewProvider(ctx, name+"-provider", &azurenative.ProviderArgs{Location: pulumi.String(location)}, pulumi.Parent(parent))
}

// builder holds what every child of a component shares: context, parent, provider, tags and the tier
// profile that decides protect, retain-on-delete and delete locks.
type builder struct {
	ctx     *pulumi.Context
	name    string
	parent  pulumi.Resource
	prov    pulumi.ProviderResource
	tags    map[string]string
	profile tier.Profile
	// subscription is the ID of the subscription the provider acts in (globalName's seed).
	subscription string
}

// opts returns the options every child gets: parent and explicit provider.
func (b *builder) opts(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append([]pulumi.ResourceOption{pulumi.Parent(b.parent), pulumi.Provider(b.prov)}, extra...)
}

// hubOpts returns the options of a child placed in the foundation's resource groups: through hub, the
// foundation subscription's provider, when the caller gave one; else as opts.
func (b *builder) hubOpts(hub pulumi.ProviderResource, extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	if hub == nil {
		return b.opts(extra...)
	}
	return append([]pulumi.ResourceOption{pulumi.Parent(b.parent), pulumi.Provider(hub)}, extra...)
}

// stateful returns the options of a stateful resource: protect and retain on delete per the profile.
func (b *builder) stateful(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return b.opts(append([]pulumi.ResourceOption{
		pulumi.Protect(b.profile.ProtectStateful),
		pulumi.RetainOnDelete(b.profile.RetainStatefulOnDelete),
	}, extra...)...)
}

// tagged returns the tags with extra key/value pairs.
func (b *builder) tagged(extra ...string) pulumi.StringMap { return tagMap(b.tags, extra...) }

// lock adds a CanNotDelete management lock on the resource with ID scope, when the profile asks for
// delete locks. It returns nil otherwise.
func (b *builder) lock(role string, scope pulumi.StringInput, deps ...pulumi.Resource) (*authorization.ManagementLockByScope, error) {
	if !b.profile.DeleteLocks {
		return nil, nil
	}
	return authorization.NewManagementLockByScope(b.ctx, b.name+"-"+role+"-lock", &authorization.ManagementLockByScopeArgs{
		Scope: scope,
		Level: pulumi.String("CanNotDelete"),
		Notes: pulumi.String("Stateful landing zone resource: deleting it loses audit evidence, keys or backups. Remove the lock only through change control."),
	}, b.opts(pulumi.DependsOn(deps))...)
}

// auditLogs sends a resource's audit logs (categoryGroup audit) to the Log Analytics workspace.
func (b *builder) auditLogs(role string, resourceURI, workspaceID pulumi.StringInput) (*insights.DiagnosticSetting, error) {
	return insights.NewDiagnosticSetting(b.ctx, b.name+"-"+role+"-diag", &insights.DiagnosticSettingArgs{
		Name:        pulumi.String("audit-to-log-analytics"),
		ResourceUri: resourceURI,
		WorkspaceId: workspaceID,
		Logs: insights.LogSettingsArray{
			insights.LogSettingsArgs{CategoryGroup: pulumi.String("audit"), Enabled: pulumi.Bool(true)},
		},
	}, b.opts()...)
}

// key creates a customer key in a vault with a rotation policy; protected and retained per profile.
func (b *builder) key(role string, vaultName, vaultRG pulumi.StringInput, keySize int) (*keyvault.Key, error) {
	return keyvault.NewKey(b.ctx, b.name+"-"+role, &keyvault.KeyArgs{
		ResourceGroupName: vaultRG,
		VaultName:         vaultName,
		KeyName:           pulumi.String(role),
		Properties: keyvault.KeyPropertiesArgs{
			Kty:     pulumi.String("RSA"),
			KeySize: pulumi.Int(keySize),
			KeyOps:  pulumi.StringArray{pulumi.String("wrapKey"), pulumi.String("unwrapKey"), pulumi.String("encrypt"), pulumi.String("decrypt")},
			Attributes: keyvault.KeyAttributesArgs{
				Enabled: pulumi.Bool(true),
			},
			RotationPolicy: keyvault.RotationPolicyArgs{
				Attributes: keyvault.KeyRotationPolicyAttributesArgs{ExpiryTime: pulumi.String(keyExpiry)},
				LifetimeActions: keyvault.LifetimeActionArray{
					keyvault.LifetimeActionArgs{
						Action:  keyvault.ActionArgs{Type: keyvault.KeyRotationPolicyActionTypeRotate},
						Trigger: keyvault.TriggerArgs{TimeAfterCreate: pulumi.String(keyRotateAfter)},
					},
				},
			},
		},
		Tags: b.tagged(),
	}, b.stateful()...)
}

// cryptoUser lets a managed identity wrap and unwrap with one key, keyID (Key Vault Crypto Service
// Encryption User at the key's scope).
func (b *builder) cryptoUser(role string, subscriptionID string, keyID pulumi.StringInput, principalID pulumi.StringInput) (*authorization.RoleAssignment, error) {
	return authorization.NewRoleAssignment(b.ctx, b.name+"-"+role+"-crypto-user", &authorization.RoleAssignmentArgs{
		Scope:            keyID,
		PrincipalId:      principalID,
		PrincipalType:    pulumi.String("ServicePrincipal"),
		RoleDefinitionId: pulumi.String("/subscriptions/" + subscriptionID + "/providers/Microsoft.Authorization/roleDefinitions/" + roleKeyVaultCryptoServiceEncryptionUser),
		Description:      pulumi.String("Service encryption with the landing zone's customer key " + role),
	}, b.opts()...)
}
