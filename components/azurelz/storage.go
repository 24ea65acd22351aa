package azurelz

import (
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// storageSpec describes one landing zone storage account: always customer-key encrypted, private,
// HTTPS-only with TLS 1.2, infrastructure-encrypted and without shared keys.
type storageSpec struct {
	role          string
	resourceGroup pulumi.StringInput
	location      string
	vaultURI      pulumi.StringInput
	key           *keyvault.Key
	identityID    pulumi.StringInput
	// immutabilityDays is the locked time-based immutability period of every blob version; 0 means none.
	immutabilityDays int
	// unlocked leaves the immutability policy unlocked (Azure creates policies unlocked; see
	// EvidenceStoreArgs.AllowUnlockedImmutability).
	unlocked bool
	// appendWrites lets new blocks be appended to append blobs under immutability (log archives).
	appendWrites bool
	// zoneRedundant picks Standard_ZRS over Standard_LRS.
	zoneRedundant bool
	containers    []string
	subnetID      pulumi.StringInput
	dnsZoneID     pulumi.StringInput
	workspaceID   pulumi.StringInput
	deps          []pulumi.Resource
}

// storageAccount is what storageAccount builds.
type storageAccount struct {
	account    *storage.StorageAccount
	containers map[string]*storage.BlobContainer
}

// storageAccount builds a storage account with its blob service settings, containers, private endpoint,
// audit logs and delete lock.
func (b *builder) storageAccount(s storageSpec) (*storageAccount, error) {
	sku := storageSKU(s.zoneRedundant)
	immutable := immutabilityPlan(s.immutabilityDays, s.unlocked, s.appendWrites)
	args := &storage.StorageAccountArgs{
		AccountName:                  pulumi.String(b.globalName(s.role, storageAccountNameMax)),
		ResourceGroupName:            s.resourceGroup,
		Location:                     pulumi.String(s.location),
		Kind:                         pulumi.String("StorageV2"),
		Sku:                          storage.SkuArgs{Name: pulumi.String(sku)},
		AccessTier:                   storage.AccessTierHot,
		AllowBlobPublicAccess:        pulumi.Bool(false),
		AllowSharedKeyAccess:         pulumi.Bool(false),
		AllowCrossTenantReplication:  pulumi.Bool(false),
		DefaultToOAuthAuthentication: pulumi.Bool(true),
		EnableHttpsTrafficOnly:       pulumi.Bool(true),
		MinimumTlsVersion:            pulumi.String("TLS1_2"),
		IsHnsEnabled:                 pulumi.Bool(false),
		IsSftpEnabled:                pulumi.Bool(false),
		IsLocalUserEnabled:           pulumi.Bool(false),
		EnableNfsV3:                  pulumi.Bool(false),
		PublicNetworkAccess:          pulumi.String("Disabled"),
		NetworkRuleSet: storage.NetworkRuleSetArgs{
			DefaultAction: storage.DefaultActionDeny,
			Bypass:        pulumi.String("AzureServices"),
		},
		Identity: storage.IdentityArgs{
			Type:                   pulumi.String("UserAssigned"),
			UserAssignedIdentities: pulumi.StringArray{s.identityID},
		},
		Encryption: storage.EncryptionArgs{
			KeySource:                       pulumi.String("Microsoft.Keyvault"),
			RequireInfrastructureEncryption: pulumi.Bool(true),
			KeyVaultProperties: storage.KeyVaultPropertiesArgs{
				KeyVaultUri: s.vaultURI,
				KeyName:     s.key.Name,
			},
			EncryptionIdentity: storage.EncryptionIdentityArgs{
				EncryptionUserAssignedIdentity: s.identityID,
			},
			Services: storage.EncryptionServicesArgs{
				Blob: storage.EncryptionServiceArgs{Enabled: pulumi.Bool(true), KeyType: pulumi.String("Account")},
				File: storage.EncryptionServiceArgs{Enabled: pulumi.Bool(true), KeyType: pulumi.String("Account")},
			},
		},
		Tags: b.tagged(),
	}
	if immutable.Enabled {
		args.ImmutableStorageWithVersioning = storage.ImmutableStorageAccountArgs{
			Enabled: pulumi.Bool(true),
			ImmutabilityPolicy: storage.AccountImmutabilityPolicyPropertiesArgs{
				ImmutabilityPeriodSinceCreationInDays: pulumi.Int(immutable.Days),
				State:                                 pulumi.String(immutable.State),
				AllowProtectedAppendWrites:            pulumi.Bool(immutable.AllowProtectedAppendWrites),
			},
		}
	}
	acct, err := storage.NewStorageAccount(b.ctx, b.name+"-"+s.role, args, b.stateful(pulumi.DependsOn(s.deps))...)
	if err != nil {
		return nil, err
	}
	blob, err := storage.NewBlobServiceProperties(b.ctx, b.name+"-"+s.role+"-blob", &storage.BlobServicePropertiesArgs{
		AccountName:         acct.Name,
		ResourceGroupName:   s.resourceGroup,
		BlobServicesName:    pulumi.String("default"),
		IsVersioningEnabled: pulumi.Bool(true),
		DeleteRetentionPolicy: storage.DeleteRetentionPolicyArgs{
			Enabled: pulumi.Bool(true), Days: pulumi.Int(90), AllowPermanentDelete: pulumi.Bool(false),
		},
		ContainerDeleteRetentionPolicy: storage.DeleteRetentionPolicyArgs{
			Enabled: pulumi.Bool(true), Days: pulumi.Int(90),
		},
		ChangeFeed: storage.ChangeFeedArgs{Enabled: pulumi.Bool(true)},
	}, b.opts()...)
	if err != nil {
		return nil, err
	}
	out := &storageAccount{account: acct, containers: map[string]*storage.BlobContainer{}}
	for _, c := range s.containers {
		ct, err := storage.NewBlobContainer(b.ctx, b.name+"-"+s.role+"-"+c, &storage.BlobContainerArgs{
			AccountName:       acct.Name,
			ResourceGroupName: s.resourceGroup,
			ContainerName:     pulumi.String(c),
			PublicAccess:      storage.PublicAccessNone,
		}, b.opts(pulumi.DependsOn([]pulumi.Resource{blob}))...)
		if err != nil {
			return nil, err
		}
		out.containers[c] = ct
	}
	if err := b.privateEndpoint(s.role, s.resourceGroup, s.location, s.subnetID, acct.ID(), "blob", dnsZoneRef{"blob", s.dnsZoneID}); err != nil {
		return nil, err
	}
	if _, err := b.auditLogs(s.role, pulumi.Sprintf("%s/blobServices/default", acct.ID()), s.workspaceID); err != nil {
		return nil, err
	}
	if _, err := b.lock(s.role, acct.ID(), acct); err != nil {
		return nil, err
	}
	return out, nil
}

// dnsZoneRef is a private DNS zone a private endpoint registers its addresses in: Name names the
// zone's entry in the endpoint's zone group.
type dnsZoneRef struct {
	Name string
	ID   pulumi.StringInput
}

// privateEndpoint connects a PaaS resource's sub-resource (groupID "vault", "blob", "azuremonitor")
// into a subnet, and registers its addresses in the private DNS zones given (none: no zone group).
func (b *builder) privateEndpoint(role string, rg pulumi.StringInput, location string, subnetID, targetID pulumi.StringInput, groupID string, zones ...dnsZoneRef) error {
	pe, err := network.NewPrivateEndpoint(b.ctx, b.name+"-"+role+"-pe", &network.PrivateEndpointArgs{
		ResourceGroupName: rg,
		Location:          pulumi.String(location),
		Subnet:            network.SubnetTypeArgs{Id: subnetID},
		PrivateLinkServiceConnections: network.PrivateLinkServiceConnectionArray{
			network.PrivateLinkServiceConnectionArgs{
				Name:                 pulumi.String(role),
				PrivateLinkServiceId: targetID,
				GroupIds:             pulumi.StringArray{pulumi.String(groupID)},
			},
		},
		Tags: b.tagged(),
	}, b.opts()...)
	if err != nil {
		return err
	}
	var configs network.PrivateDnsZoneConfigArray
	for _, z := range zones {
		if z.ID != nil {
			configs = append(configs, network.PrivateDnsZoneConfigArgs{Name: pulumi.String(z.Name), PrivateDnsZoneId: z.ID})
		}
	}
	if len(configs) == 0 {
		return nil
	}
	_, err = network.NewPrivateDnsZoneGroup(b.ctx, b.name+"-"+role+"-pe-dns", &network.PrivateDnsZoneGroupArgs{
		ResourceGroupName:       rg,
		PrivateEndpointName:     pe.Name,
		PrivateDnsZoneGroupName: pulumi.String("default"),
		PrivateDnsZoneConfigs:   configs,
	}, b.opts()...)
	return err
}
