package azurelz

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/internal/outputs"
	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// DefaultEvidenceRetentionYears is how long an evidence store keeps every blob immutable when
// EvidenceStoreArgs.RetentionYears is 0.
const DefaultEvidenceRetentionYears = 7

// EvidenceContainer is the blob container evidence (body-worn video, exhibits) is written to.
const EvidenceContainer = "evidence"

// VaultRef names the Key Vault an evidence store creates its customer key in.
type VaultRef struct {
	// Name and ResourceGroupName locate the vault.
	Name              pulumi.StringInput
	ResourceGroupName pulumi.StringInput
	// URI is the vault's URI (https://<name>.vault.azure.net/).
	URI pulumi.StringInput
}

// EvidenceStoreArgs configure NewEvidenceStore.
type EvidenceStoreArgs struct {
	// Provider is the azure-native provider to create the store through. When nil the store uses the
	// caller's (pulumi.Provider or pulumi.Providers on the store, or one its parent holds), and creates
	// its own for Region only when the caller gave none.
	Provider pulumi.ProviderResource
	// Region is the Azure region (location): uksouth or ukwest.
	Region string
	// Profile is the tier profile: zone-redundant storage, protect, retain on delete and delete locks.
	Profile tier.Profile
	// ResourceGroupName holds the storage account, its identity and private endpoint.
	ResourceGroupName pulumi.StringInput
	// Vault is the RBAC Key Vault the store's customer key is created in. Required.
	Vault VaultRef
	// EndpointSubnetID is the subnet of the store's private endpoint. Required: the store has no public
	// network access.
	EndpointSubnetID pulumi.StringInput
	// PrivateDNSZoneID is the privatelink.blob.core.windows.net zone; nil registers no DNS record.
	PrivateDNSZoneID pulumi.StringInput
	// WorkspaceID is the Log Analytics workspace the store's audit logs go to. Required.
	WorkspaceID pulumi.StringInput
	// RetentionYears is how long every blob version stays immutable; 0 means DefaultEvidenceRetentionYears.
	RetentionYears int
	// AllowUnlockedImmutability leaves the immutability policy unlocked. Azure creates account
	// immutability policies unlocked, so set it for the very first deployment only, then clear it to
	// lock the policy, which can never be undone.
	AllowUnlockedImmutability bool
	// Tags are set on every resource; they must include RequiredTags.
	Tags map[string]string
}

func (a *EvidenceStoreArgs) validate() error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(checkRegion("Region", a.Region))
	add(checkProfile("Profile", a.Profile))
	add(checkTags("Tags", a.Tags))
	for _, x := range []struct {
		name string
		set  bool
	}{
		{"ResourceGroupName", a.ResourceGroupName != nil},
		{"Vault.Name", a.Vault.Name != nil}, {"Vault.ResourceGroupName", a.Vault.ResourceGroupName != nil},
		{"Vault.URI", a.Vault.URI != nil}, {"EndpointSubnetID", a.EndpointSubnetID != nil}, {"WorkspaceID", a.WorkspaceID != nil},
	} {
		if !x.set {
			add(&netplan.FieldError{Path: x.name, Msg: "is not set", Allowed: "a value (it is required)"})
		}
	}
	if a.RetentionYears < 0 || a.RetentionYears > 399 {
		add(&netplan.FieldError{Path: "RetentionYears", Value: strconv.Itoa(a.RetentionYears), Msg: "is not allowed",
			Allowed: fmt.Sprintf("0 (the default, %d years) to 399 (Azure's limit is 146000 days)", DefaultEvidenceRetentionYears)})
	}
	return errors.Join(errs...)
}

// EvidenceStore is a storage account for digital evidence: customer-key encrypted, versioned, every
// version immutable for years under a locked policy, reached only through a private endpoint, and
// zone-redundant where the profile asks.
type EvidenceStore struct {
	pulumi.ResourceState

	// AccountID and AccountName identify the storage account.
	AccountID   pulumi.StringOutput `pulumi:"accountId"`
	AccountName pulumi.StringOutput `pulumi:"accountName"`
	// ContainerName is the evidence container.
	ContainerName pulumi.StringOutput `pulumi:"containerName"`
	// KeyID is the customer key's resource ID.
	KeyID pulumi.StringOutput `pulumi:"keyId"`
	// RetentionDays is the immutability period every blob version gets.
	RetentionDays int
}

// NewEvidenceStore builds an evidence store. Invalid arguments register nothing. Its resources are
// created through Provider, else the caller's azure-native provider, else one of its own for Region.
func NewEvidenceStore(ctx *pulumi.Context, name string, args *EvidenceStoreArgs, opts ...pulumi.ResourceOption) (*EvidenceStore, error) {
	if args == nil {
		return nil, errors.New("azurelz.NewEvidenceStore: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("azurelz.NewEvidenceStore %s: %w", name, err)
	}
	years := args.RetentionYears
	if years == 0 {
		years = DefaultEvidenceRetentionYears
	}
	c := &EvidenceStore{RetentionDays: years*365 + years/4}
	if err := ctx.RegisterComponentResource(EvidenceStoreType, name, c, opts...); err != nil {
		return nil, err
	}
	prov, err := provider(ctx, name, args.Provider, opts, args.Region, c)
	if err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, name: name, parent: c, prov: prov, tags: args.Tags, profile: args.Profile}
	client, err := authorization.GetClientConfig(ctx, pulumi.Provider(prov))
	if err != nil {
		return nil, fmt.Errorf("reading the subscription: %w", err)
	}
	b.subscription = client.SubscriptionId
	identity, err := managedidentity.NewUserAssignedIdentity(ctx, name+"-identity", &managedidentity.UserAssignedIdentityArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          pulumi.String(args.Region),
		Tags:              b.tagged(),
	}, b.opts()...)
	if err != nil {
		return nil, err
	}
	key, err := b.key("key", args.Vault.Name, args.Vault.ResourceGroupName, 4096)
	if err != nil {
		return nil, err
	}
	user, err := b.cryptoUser("key", client.SubscriptionId, key.ID(), identity.PrincipalId)
	if err != nil {
		return nil, err
	}
	acct, err := b.storageAccount(storageSpec{
		role: "store", resourceGroup: args.ResourceGroupName, location: args.Region,
		vaultURI: args.Vault.URI, key: key, identityID: identity.ID(),
		immutabilityDays: c.RetentionDays, unlocked: args.AllowUnlockedImmutability,
		zoneRedundant: args.Profile.ZoneRedundantStorage, containers: []string{EvidenceContainer},
		subnetID: args.EndpointSubnetID, dnsZoneID: args.PrivateDNSZoneID, workspaceID: args.WorkspaceID,
		deps: []pulumi.Resource{user},
	})
	if err != nil {
		return nil, err
	}
	c.AccountID, c.AccountName = acct.account.ID().ToStringOutput(), acct.account.Name
	c.ContainerName = acct.containers[EvidenceContainer].Name
	c.KeyID = key.ID().ToStringOutput()
	if err := outputs.Register(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// Outputs returns the evidence store's outputs by name: every field with a `pulumi:` tag, the map it
// registered with RegisterResourceOutputs.
func (c *EvidenceStore) Outputs() (pulumi.Map, error) { return outputs.Map(c) }
