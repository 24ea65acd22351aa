package policy

import (
	"slices"
	"sort"
	"strings"

	"github.com/policecloud/landingzones/components/tier"
)

// TierSource says where the tier a resource is held to came from. Reports show it next to every
// resource, so a reviewer can tell a tier the stack file set from one read off a tag.
type TierSource string

// Tier sources, in the order Evaluate tries them.
const (
	// TierFromStackFile: the stack's file in stacks/ names the tier; every resource is held to it.
	TierFromStackFile TierSource = "stack file"
	// TierFromFlag: the tier was given on the command line (`lz check --tier`).
	TierFromFlag TierSource = "--tier"
	// TierFromTag: the resource's own Tier tag.
	TierFromTag TierSource = "Tier tag"
	// TierFromProviderTag: the Tier tag its provider applies to everything it creates (AWS defaultTags).
	TierFromProviderTag TierSource = "provider default tags"
	// TierFromNetwork: the Tier tag of the network (VPC, subnet, route table, security group, virtual
	// network, resource group) or other resource it belongs to.
	TierFromNetwork TierSource = "network"
	// TierNotKnown: nothing says; tier-aware rules report unknown for the resource.
	TierNotKnown TierSource = "not known"
)

// ResourceTier is the tier one resource is held to and where it came from.
type ResourceTier struct {
	Tier   tier.Tier  `json:"tier,omitempty"`
	Source TierSource `json:"source"`
	// Via is the URN of the resource whose Tier tag decided, for TierFromNetwork.
	Via string `json:"via,omitempty"`
}

// ownerProps are the inputs that place a resource in a network or under an owning resource, in the order
// they are tried: the network first, then the resource a configuration belongs to.
var ownerProps = []string{
	"vpcId", "subnetId", "subnetIds", "routeTableId", "securityGroupId", "securityGroupIds",
	"vpcSecurityGroupIds", "networkAclId", "transitGatewayAttachmentId", "vpcConfig", "networkInterfaces",
	"virtualNetworkName", "subnet", "networkSecurityGroup", "networkSecurityGroupName", "routeTableName",
	"resourceGroupName", "bucket", "keyId", "targetKeyId", "role", "vaultName", "clusterIdentifier",
	"dbInstanceIdentifier", "serverName", "accountName", "scope",
}

// ResolveTiers gives every resource the tier it is held to. The order is: the context's tier (the stack
// file, or --tier); the resource's effective Tier tag (its own tags over its provider's default tags);
// the Tier tag of the network or owning resource it refers to, through property dependencies, then IDs
// and names, then plain dependencies. A Tier tag that is computed, or not a tier, decides nothing.
func ResolveTiers(ctx *Context, rs []*Resource) map[string]ResourceTier {
	out := make(map[string]ResourceTier, len(rs))
	if ctx != nil && ctx.Tier != "" {
		src := ctx.TierSource
		if src == "" {
			src = TierFromStackFile
		}
		for _, r := range rs {
			if r != nil && cloudResource(r) {
				out[r.URN] = ResourceTier{Tier: ctx.Tier, Source: src}
			}
		}
		return out
	}
	// Each resource's own Tier tag (or its provider's), read on every core for a large stack: reading
	// is all tagTier does.
	own := make([]ResourceTier, len(rs))
	const per = 256
	forEach(len(rs), (len(rs)+per-1)/per, func(c int, _ notApplicableMessages) {
		for i := c * per; i < min(len(rs), (c+1)*per); i++ {
			if r := rs[i]; r != nil && cloudResource(r) {
				own[i].Tier, own[i].Source = tagTier(r)
			}
		}
	})
	var pending []*Resource
	for i, r := range rs {
		if r == nil || !cloudResource(r) {
			continue
		}
		if own[i].Tier != "" {
			out[r.URN] = own[i]
			continue
		}
		pending = append(pending, r)
	}
	if len(pending) == 0 {
		return out
	}
	idx := newRefIndex(rs)
	// Owners may themselves take their tier from their network (a subnet with no tag in a tagged VPC), so
	// resolve until nothing changes; each pass can only add.
	for pass := 0; pass < 3 && len(pending) > 0; pass++ {
		var still []*Resource
		for _, r := range pending {
			if via := idx.owner(r, out); via != nil {
				out[r.URN] = ResourceTier{Tier: out[via.URN].Tier, Source: TierFromNetwork, Via: via.URN}
				continue
			}
			still = append(still, r)
		}
		if len(still) == len(pending) {
			pending = still
			break
		}
		pending = still
	}
	for _, r := range pending {
		out[r.URN] = ResourceTier{Source: TierNotKnown}
	}
	return out
}

// cloudResource reports whether r is a resource of a cloud, as against a provider, the stack itself or a
// component, which hold no data and are held to no tier.
func cloudResource(r *Resource) bool {
	if r.IsProvider() {
		return false
	}
	if r.Provider != nil {
		return true
	}
	pkg, _, _ := strings.Cut(r.Type, ":")
	return pkg == "aws" || pkg == "azure-native"
}

// tagTier is the resource's tier from its own Tier tag, else its provider's default Tier tag.
func tagTier(r *Resource) (tier.Tier, TierSource) {
	if r.IsProvider() {
		return "", ""
	}
	if v := r.Get("tags", "Tier"); v.IsString() {
		if t, err := tier.Parse(v.AsString()); err == nil {
			return t, TierFromTag
		}
		return "", ""
	}
	if v := r.ProviderGet("defaultTags", "tags", "Tier"); v.IsString() {
		if t, err := tier.Parse(v.AsString()); err == nil {
			return t, TierFromProviderTag
		}
	}
	return "", ""
}

// refIndex finds the resources another resource refers to.
type refIndex struct {
	byURN  map[string]*Resource
	byID   map[string]*Resource // lower-cased IDs (ARM IDs compare case-insensitively)
	byName map[string]*Resource // resource group names, lower-cased
}

func newRefIndex(rs []*Resource) *refIndex {
	x := &refIndex{byURN: map[string]*Resource{}, byID: map[string]*Resource{}, byName: map[string]*Resource{}}
	for _, r := range rs {
		if r == nil {
			continue
		}
		x.byURN[r.URN] = r
		if r.ID != "" {
			x.byID[strings.ToLower(r.ID)] = r
		}
		if r.Type == "azure-native:resources:ResourceGroup" {
			if v := r.Get("resourceGroupName"); v.IsString() {
				x.byName[strings.ToLower(v.AsString())] = r
			}
			if i := strings.LastIndex(r.ID, "/"); i >= 0 {
				x.byName[strings.ToLower(r.ID[i+1:])] = r
			}
		}
	}
	return x
}

// owner returns the first resource r refers to whose tier is already resolved.
func (x *refIndex) owner(r *Resource, known map[string]ResourceTier) *Resource {
	has := func(o *Resource) bool { return o != nil && o != r && known[o.URN].Tier != "" }
	// Property dependencies: owner properties first, then the rest in name order.
	keys := make([]string, 0, len(r.PropertyDependencies))
	for k := range r.PropertyDependencies {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		pi, pj := ownerRank(keys[i]), ownerRank(keys[j])
		if pi != pj {
			return pi < pj
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		for _, urn := range r.PropertyDependencies[k] {
			if o := x.byURN[urn]; has(o) {
				return o
			}
		}
	}
	// IDs and names in the owner properties (exported state may carry no property dependencies).
	for _, p := range ownerProps {
		for _, s := range stringsIn(r.Get(p)) {
			ls := strings.ToLower(s)
			if o := x.byID[ls]; has(o) {
				return o
			}
			if p == "resourceGroupName" {
				if o := x.byName[ls]; has(o) {
					return o
				}
			}
		}
	}
	for _, urn := range r.Dependencies {
		if o := x.byURN[urn]; has(o) {
			return o
		}
	}
	if o := x.byURN[r.Parent]; has(o) {
		return o
	}
	return nil
}

func ownerRank(k string) int {
	if i := slices.Index(ownerProps, k); i >= 0 {
		return i
	}
	return len(ownerProps)
}

// stringsIn returns the strings in v: v itself, the strings of an array, and the "id" of an object (or of
// the objects in an array), as ARM references are written.
func stringsIn(v Value) []string {
	var out []string
	var walk func(v Value, depth int)
	walk = func(v Value, depth int) {
		switch {
		case v.IsString():
			out = append(out, v.AsString())
		case v.IsArray() && depth < 2:
			for _, e := range v.AsArray().All {
				walk(e, depth+1)
			}
		case v.IsMap() && depth < 2:
			if id := v.AsMap().Get("id"); id.IsString() {
				out = append(out, id.AsString())
			}
			for _, k := range []string{"subnetId", "subnetIds", "securityGroupIds"} {
				walk(v.AsMap().Get(k), depth+1)
			}
		}
	}
	walk(v, 0)
	return out
}

// foundationTypes are types only a foundation (hub) stack declares: account- or subscription-wide guard
// settings and the hub's shared network. A stack with no stack file that holds one is a foundation.
var foundationTypes = map[string]bool{
	"aws:ec2transitgateway/transitGateway:TransitGateway":      true,
	"aws:guardduty/detector:Detector":                          true,
	"aws:securityhub/account:Account":                          true,
	"aws:cfg/recorder:Recorder":                                true,
	"aws:accessanalyzer/analyzer:Analyzer":                     true,
	"aws:ebs/encryptionByDefault:EncryptionByDefault":          true,
	"aws:iam/accountPasswordPolicy:AccountPasswordPolicy":      true,
	"aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": true,
	"aws:networkfirewall/firewall:Firewall":                    true,
	"azure-native:security:Pricing":                            true,
	"azure-native:insights:SubscriptionDiagnosticSetting":      true,
	"azure-native:network:AzureFirewall":                       true,
	"azure-native:network:VirtualNetworkGateway":               true,
}

// InferRole infers a stack's role when no stack file says: "organization" when it declares a type only
// an organisation stack declares, "foundation" when it declares a type only a foundation declares, "tier"
// when its resources carry a tier, else "".
func InferRole(rs []*Resource, tiers map[string]ResourceTier) string {
	tiered := false
	for _, r := range rs {
		if r == nil {
			continue
		}
		if organizationTypes[r.Type] {
			return "organization"
		}
		if foundationTypes[r.Type] {
			return "foundation"
		}
		if tiers[r.URN].Tier != "" {
			tiered = true
		}
	}
	if tiered {
		return "tier"
	}
	return ""
}

// InferCloud is the cloud the resources belong to: "aws", "azure", or "" when mixed or none.
func InferCloud(rs []*Resource) string {
	cloud := ""
	for _, r := range rs {
		if r == nil {
			continue
		}
		c := ""
		switch {
		case strings.HasPrefix(r.Type, "aws:"), r.Type == "pulumi:providers:aws":
			c = "aws"
		case strings.HasPrefix(r.Type, "azure-native:"), r.Type == "pulumi:providers:azure-native":
			c = "azure"
		default:
			continue
		}
		if cloud != "" && cloud != c {
			return ""
		}
		cloud = c
	}
	return cloud
}

// held returns a copy of ctx held to tier t (its profile too); ctx itself when t is ctx's tier.
func (c *Context) held(t tier.Tier) *Context {
	if c.Tier == t {
		return c
	}
	cp := *c
	cp.Tier, cp.Profile = "", tier.Profile{}
	if p, err := tier.ProfileFor(t); err == nil {
		cp.Tier, cp.Profile = t, p
	}
	return &cp
}
