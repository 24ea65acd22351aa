package azure

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/components/tier"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

// oddKeys are the inputs the rules read, filled below with computed values, values of the wrong kind and
// arrays of both, so that no rule can panic (StatusError) on what a preview or a hand-written program sends.
var oddKeys = []string{
	"location", "sku", "properties", "encryption", "securityRules", "subnets", "routes", "ipConfigurations",
	"virtualNetworkPeerings", "remoteVirtualNetwork", "routeTable", "networkSecurityGroup", "logs", "resourceUri",
	"workspaceId", "targetResourceId", "scope", "level", "roleDefinitionId", "principalType", "description",
	"partnerServers", "pricingName", "pricingTier", "state", "minimalTlsVersion", "minimumTlsVersion",
	"enableHttpsTrafficOnly", "allowBlobPublicAccess", "allowSharedKeyAccess", "publicNetworkAccess",
	"retentionInDays", "retentionPolicy", "flowAnalyticsConfiguration", "enabled", "addressPrefix", "nextHopType",
	"direction", "access", "protocol", "priority", "sourceAddressPrefix", "sourceAddressPrefixes",
	"destinationAddressPrefix", "destinationAddressPrefixes", "destinationPortRange", "destinationPortRanges",
	"virtualNetworkName", "routeTableName", "networkSecurityGroupName", "vaultName", "resourceGroupName",
	"resourceName", "useRemoteGateways", "allowGatewayTransit", "disableBgpRoutePropagation", "natGateway",
	"publicNetworkAccessForQuery", "tags",
	// The coverage catalogue's inputs.
	"locations", "publishingProfile", "partnerRegions", "locationName", "linkedRedisCacheLocation", "linkedRedisCacheId",
	"dataProtection", "allowCrossTenantReplication", "partnerNamespace", "destinationAccount", "sourceAccount",
	"geoReplication", "managedInstancePairs", "storageEndpoint", "storageContainerPath", "storageAccountId",
	"eventHubAuthorizationRuleId", "marketplacePartnerId", "securityProfile", "storageProfile", "virtualMachineProfile",
	"networkProfile", "diskEncryptionSetID", "activeKey", "encryptionType", "keyId", "keyVaultKeyUri", "dataEncryption",
	"encryptionProperties", "encryptionConfig", "enableDiskEncryption", "keyVaultProperties", "encryptionWithCmk",
	"siteConfig", "httpsOnly", "enableNonSslPort", "clientProtocol", "configuration", "enableNfsV3", "enabledProtocols",
	"forwardingProtocol", "httpsRedirect", "supportedProtocols", "routingRules", "backendPoolsSettings",
	"configurationName", "value", "name", "httpListeners", "redirectConfigurations", "sslPolicy", "tlsSettings",
	"networkAccessPolicy", "apiServerAccessProfile", "publicDataEndpointEnabled", "vnetConfiguration", "network",
	"startIpAddress", "endIpAddress", "networkRuleSet", "ipRules", "firewallState", "frontendIPConfigurations",
	"agentPoolProfiles", "ipAddress", "parameters", "adminUserEnabled", "disableLocalAuth", "features",
	"disableLocalAccounts", "administrators", "azureADOnlyAuthentication", "authConfig", "isLocalUserEnabled",
	"vpnClientConfiguration", "requestedBackupStorageRedundancy", "backup", "backupPolicy", "publicAccess",
}

func oddValues() []property.Value {
	computed := property.New(property.Computed)
	return []property.Value{
		computed,
		property.New(42.0),
		property.New("not-a-cidr"),
		property.New([]property.Value{computed, property.New(1.0), property.New("x")}),
		property.New([]property.Value{property.New(map[string]property.Value{
			"name": computed, "addressPrefix": property.New(7.0), "priority": property.New("high"),
			"direction": property.New("Inbound"), "access": property.New("Allow"), "protocol": property.New("*"),
			"sourceAddressPrefixes": property.New([]property.Value{computed}), "routeTable": computed,
			"networkSecurityGroup": property.New(map[string]property.Value{"id": property.New(3.0)}),
			"enabled":              property.New("yes"), "category": property.New(true),
			"locationName": computed, "ipConfigurations": property.New([]property.Value{property.New(map[string]property.Value{
				"publicIPAddressConfiguration": computed})}),
			"ipAddressOrRange": property.New("0.0.0.0"), "iPAddressOrRange": computed,
		})}),
		property.New(map[string]property.Value{"id": property.New("https://x.blob.core.windows.net/c"), "keySource": computed,
			"encryptionAtHost": computed, "type": property.New(7.0), "managedDisk": computed, "replication": computed,
			"geoRedundantBackup": computed, "publicNetworkAccess": computed, "delegatedSubnetResourceId": computed,
			"vpnAuthenticationTypes": computed, "ingress": computed, "policyType": computed}),
		property.New(map[string]property.Value{"id": computed, "name": property.New(1.0), "addressPrefixes": computed}),
	}
}

func TestRulesNeverErrOnOddInputs(t *testing.T) {
	t.Parallel()
	types := map[string]bool{typeProvider: true}
	for _, r := range Rules() {
		for _, ty := range r.ResourceTypes {
			if !strings.HasSuffix(ty, "*") {
				types[ty] = true
			}
		}
	}
	for _, r := range StackRules() {
		for _, ty := range r.ResourceTypes {
			types[ty] = true
		}
	}
	var rs []*policy.Resource
	i := 0
	for ty := range types {
		for vi, v := range oddValues() {
			inputs := map[string]any{}
			for _, k := range oddKeys {
				inputs[k] = v
			}
			r := policytest.Azure(ty, fmt.Sprintf("odd-%d-%d", i, vi), inputs)
			r.ID = fmt.Sprintf("/odd/%d", i)
			if i%3 == 0 {
				policytest.Link(r, "subnets", r)
				policytest.Link(r, "routeTable", r)
			}
			rs = append(rs, r)
			i++
		}
	}
	contexts := []*policy.Context{bronzeCtx(), ctxFor(tier.Platinum, "foundation")(), policy.NewContext("odd", ""), {}}
	for _, ctx := range contexts {
		ev := policy.Evaluate(ctx, rs, policy.Options{Rules: Rules(), StackRules: StackRules()})
		assert.NotEmpty(t, ev.Findings)
		for _, f := range ev.Findings {
			assert.NotEqual(t, policy.StatusError, f.Status, "%s on %s: %s", f.RuleID, f.URN, f.Message)
		}
	}
}
