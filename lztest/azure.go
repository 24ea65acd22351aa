package lztest

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/policy"
)

// azure answers a registration of an azure-native resource in subscription subscriptionID: the inputs
// plus the Azure resource ID and name. Resource-specific outputs are added in azureOutputs.
func (c *Cloud) azure(args pulumi.MockResourceArgs, urn, subscriptionID string) (string, resource.PropertyMap) {
	// An API-versioned token answers as its default token does.
	args.TypeToken = policy.CanonicalType(args.TypeToken)
	state := args.Inputs.Copy()
	// azure-native:network:VirtualNetwork -> Microsoft.Network/virtualNetworks
	parts := strings.Split(args.TypeToken, ":")
	ns, kind := "Microsoft.Resources", "resources"
	if len(parts) == 3 {
		mod := parts[1]
		if i := strings.Index(mod, "/"); i >= 0 {
			mod = mod[:i]
		}
		ns = "Microsoft." + strings.ToUpper(mod[:1]) + mod[1:]
		kind = lowerFirst(parts[2]) + "s"
	}
	name := azureName(args)
	state["name"] = resource.NewProperty(name)
	sub := "/subscriptions/" + subscriptionID
	var id string
	mgs := "/providers/Microsoft.Management/managementGroups/"
	switch {
	case args.TypeToken == "azure-native:management:ManagementGroup" && args.Inputs["groupId"].IsString():
		name = args.Inputs["groupId"].StringValue()
		state["name"] = resource.NewProperty(name)
		id = mgs + name
	case args.TypeToken == "azure-native:management:ManagementGroupSubscription" && args.Inputs["groupId"].IsString() && args.Inputs["subscriptionId"].IsString():
		id = mgs + args.Inputs["groupId"].StringValue() + "/subscriptions/" + args.Inputs["subscriptionId"].StringValue()
	case args.TypeToken == "azure-native:authorization:PolicyDefinitionAtManagementGroup" && args.Inputs["managementGroupId"].IsString():
		if v := args.Inputs["policyDefinitionName"]; v.IsString() && v.StringValue() != "" {
			name = v.StringValue()
			state["name"] = resource.NewProperty(name)
		}
		id = mgs + args.Inputs["managementGroupId"].StringValue() + "/providers/Microsoft.Authorization/policyDefinitions/" + name
	case args.TypeToken == "azure-native:resources:ResourceGroup":
		id = sub + "/resourceGroups/" + name
	case args.Inputs["resourceGroupName"].IsString():
		id = sub + "/resourceGroups/" + args.Inputs["resourceGroupName"].StringValue() + "/providers/" + ns + "/" + kind + "/" + name
	case args.Inputs["scope"].IsString():
		id = strings.TrimSuffix(args.Inputs["scope"].StringValue(), "/") + "/providers/" + ns + "/" + kind + "/" + name
	default:
		id = sub + "/providers/" + ns + "/" + kind + "/" + name
	}
	c.azureOutputs(args, urn, id, name, state)
	return id, state
}

// azureName is the Azure name of a resource: its explicit name input, or the logical name plus a random
// suffix as azure-native auto-naming gives.
func azureName(args pulumi.MockResourceArgs) string {
	parts := strings.Split(args.TypeToken, ":")
	if len(parts) == 3 {
		key := resource.PropertyKey(lowerFirst(parts[2]) + "Name")
		if v := args.Inputs[key]; v.IsString() && v.StringValue() != "" {
			return v.StringValue()
		}
	}
	for _, k := range []resource.PropertyKey{"name", "resourceName"} {
		if v := args.Inputs[k]; v.IsString() && v.StringValue() != "" {
			return v.StringValue()
		}
	}
	return args.Name + hexFrom(args.TypeToken+args.Name, 6)
}

// azureOutputs adds the outputs particular resource types have (key URIs, endpoints, principal IDs).
func (c *Cloud) azureOutputs(args pulumi.MockResourceArgs, urn, id, name string, state resource.PropertyMap) {
	switch args.TypeToken {
	case "azure-native:keyvault:Key":
		uri := "https://" + vaultName(args) + ".vault.azure.net/keys/" + name
		state["keyUri"] = resource.NewProperty(uri)
		state["keyUriWithVersion"] = resource.NewProperty(uri + "/" + hexFrom(urn, 32))
	case "azure-native:keyvault:Vault":
		state["properties"] = resource.NewProperty(mergeMap(args.Inputs["properties"], map[string]any{
			"vaultUri": "https://" + name + ".vault.azure.net/",
		}))
	case "azure-native:operationalinsights:Workspace":
		state["customerId"] = resource.NewProperty(uuidFrom(urn + "customer"))
	case "azure-native:managedidentity:UserAssignedIdentity":
		state["principalId"] = resource.NewProperty(uuidFrom(urn + "principal"))
		state["clientId"] = resource.NewProperty(uuidFrom(urn + "client"))
		state["tenantId"] = resource.NewProperty(DefaultAzureTenant)
	case "azure-native:storage:StorageAccount":
		state["primaryEndpoints"] = resource.NewProperty(resource.NewPropertyMapFromMap(map[string]any{
			"blob": "https://" + name + ".blob.core.windows.net/",
		}))
	}
	if v, ok := args.Inputs["identity"]; ok && v.IsObject() {
		state["identity"] = resource.NewProperty(mergeMap(v, map[string]any{
			"principalId": uuidFrom(urn + "principal"),
			"tenantId":    DefaultAzureTenant,
		}))
	}
}

func vaultName(args pulumi.MockResourceArgs) string {
	if v := args.Inputs["vaultName"]; v.IsString() {
		return v.StringValue()
	}
	return "vault"
}

func mergeMap(v resource.PropertyValue, extra map[string]any) resource.PropertyMap {
	out := resource.PropertyMap{}
	if v.IsObject() {
		out = v.ObjectValue().Copy()
	}
	for k, x := range resource.NewPropertyMapFromMap(extra) {
		out[k] = x
	}
	return out
}
