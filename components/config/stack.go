package config

import (
	"net/netip"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

// Namespace is the configuration namespace of the landing zone keys: "landingzone:tier".
const Namespace = "landingzone"

// ManagedBy is the value of the ManagedBy tag on every resource the landing zones create.
const ManagedBy = "pulumi/policecloud-landingzones"

// The configuration keys, without the namespace.
const (
	KeyCloud           = "cloud"
	KeyForce           = "force"
	KeyLandingZone     = "landingZone"
	KeyRole            = "role"
	KeyTier            = "tier"
	KeyRegion          = "region"
	KeySupernet        = "supernet"
	KeyExternalRanges  = "externalRanges"
	KeyFlows           = "flows"
	KeyClassification  = "classification"
	KeyOwner           = "owner"
	KeyCostCentre      = "costCentre"
	KeyFoundationStack = "foundationStack"
	KeyEgressDomains   = "egressDomains"
	KeyPSNPeerAddress  = "psnPeerAddress"
	KeyPSNPeerASN      = "psnPeerAsn"
)

var knownKeys = []string{
	KeyCloud, KeyForce, KeyLandingZone, KeyRole, KeyTier, KeyRegion, KeySupernet, KeyExternalRanges,
	KeyFlows, KeyClassification, KeyOwner, KeyCostCentre, KeyFoundationStack, KeyEgressDomains,
	KeyPSNPeerAddress, KeyPSNPeerASN, KeyWorkloads, KeyBackupCopyRoleARN,
	KeyAccounts, KeyLogArchiveBucket, KeyOrgRootID, KeyAccessRoleName,
	KeyDeployRoleARN, KeyIdentityCenterInstance, KeyIdentityProvider, KeyIdentityGroups,
	KeyTenantID, KeySubscriptions, KeyAuditWorkspaceID, KeyBreakGlassObjectIDs, KeySubscriptionID,
}

// KnownKeys returns every configuration key this package reads, without the namespace, in documentation
// order. The slice is a fresh copy.
func KnownKeys() []string { return append([]string(nil), knownKeys...) }

// Cloud is the cloud a landing zone runs in.
type Cloud string

// The supported clouds.
const (
	// CloudAWS is Amazon Web Services, London region only.
	CloudAWS Cloud = "aws"
	// CloudAzure is Microsoft Azure, UK South or UK West only.
	CloudAzure Cloud = "azure"
)

// Role is what a stack deploys.
type Role string

// The stack roles.
const (
	// RoleFoundation is the landing zone's shared services: audit, keys, guard services, hub network,
	// egress firewall and PSN edge. One per landing zone.
	RoleFoundation Role = "foundation"
	// RoleTier is one tiered environment (Platinum, Gold or Bronze) attached to the foundation's hub.
	RoleTier Role = "tier"
)

// Classification is the highest Government Security Classification of the data a stack holds.
type Classification string

// The classifications this platform may hold. SECRET and TOP SECRET are refused.
const (
	// Official is OFFICIAL.
	Official Classification = "OFFICIAL"
	// OfficialSensitive is OFFICIAL with the SENSITIVE handling caveat.
	OfficialSensitive Classification = "OFFICIAL-SENSITIVE"
)

// allowedRegions lists the regions of each cloud; every region is in the UK.
var allowedRegions = map[Cloud][]string{
	CloudAWS:   {"eu-west-2"},
	CloudAzure: {"uksouth", "ukwest"},
}

// Regions returns the regions a stack of the cloud may use (nil for an unknown cloud). The slice is a
// fresh copy.
func Regions(c Cloud) []string { return append([]string(nil), allowedRegions[c]...) }

// Stack is the typed, validated configuration of one stack.
type Stack struct {
	// Name is the Pulumi stack name ("pos-platinum").
	Name string
	// Cloud is aws or azure.
	Cloud Cloud
	// Force is the force or organisation code used in tags: 2 to 8 upper-case letters or digits ("HO",
	// "MPS").
	Force string
	// LandingZone is the landing zone's slug ("pos", "met"); every stack of a landing zone shares it.
	LandingZone string
	// Role is foundation, tier or organization.
	Role Role
	// Tier is the tier the stack deploys. It is required for role tier. For role foundation it is
	// optional, defaults to platinum and may only be platinum: the shared services every tier depends on
	// are held to the strictest profile.
	Tier tier.Tier
	// Region is the cloud region: eu-west-2 for aws; uksouth or ukwest for azure.
	Region string
	// Supernet is the landing zone's whole private IPv4 range, split by netplan.Allocate.
	Supernet netip.Prefix
	// ExternalRanges are the named ranges outside the landing zone (PSN, legacy data centre, other
	// landing zones) that flows may name and that must never overlap the supernet.
	ExternalRanges []netplan.External
	// Flows are the explicitly allowed connections of the landing zone; everything else is denied.
	Flows []netplan.Flow
	// Classification is OFFICIAL or OFFICIAL-SENSITIVE.
	Classification Classification
	// Owner is the owning team's mailbox.
	Owner string
	// CostCentre is the cost centre charged for the stack.
	CostCentre string
	// FoundationStack is the stack reference name of the landing zone's foundation
	// ("organization/police-landing-zones/pos-foundation"). Required for role tier, empty for role
	// foundation.
	FoundationStack string
	// EgressDomains is the hub firewall's FQDN allow-list ("packages.microsoft.com", "*.ubuntu.com").
	// Only the foundation may set it.
	EgressDomains []string
	// PSNEdge is the PSN edge's peer (the PSN provider's VPN endpoint), set on a foundation only. Nil
	// means the landing zone has no PSN edge: no PSN gateway is built and no tier can reach PSN.
	PSNEdge *PSNEdge
	// Workloads are the tier's workloads (landingzone:workloads), tier stacks only.
	Workloads []Workload
	// BackupCopyRoleARN is the IAM role in the backup account an AWS tier stack assumes to keep the
	// second copy of its backups there (landingzone:backupCopyRoleArn); "" keeps none.
	BackupCopyRoleARN string
	// Organization is the AWS organisation's accounts and log archive, set on an AWS organization stack only.
	Organization *Organization
	// DeployRoleARN is the role an AWS foundation or tier stack assumes into its account (the
	// organisation stack's deployRoleArns output); empty deploys with the caller's credentials.
	DeployRoleARN string
	// SubscriptionID is the subscription an Azure foundation or tier stack deploys into (its entry in the
	// organization stack's subscriptions map), lower case; empty deploys into the subscription of the
	// caller's credentials.
	SubscriptionID string
	// AzureOrg is the configuration of an Azure organization stack (cloud azure, role organization);
	// nil on every other stack.
	AzureOrg *AzureOrg

	// Profile is the tier profile of Tier, filled by Load after validation.
	Profile tier.Profile
	// Plan is the landing zone's address plan, filled by Load after validation.
	Plan netplan.Plan
}

// Tags returns the tags every resource of the stack carries.
func (s *Stack) Tags() map[string]string {
	return map[string]string{
		"Force":          s.Force,
		"Tier":           s.Tier.Title(),
		"Classification": string(s.Classification),
		"Owner":          s.Owner,
		"CostCentre":     s.CostCentre,
		"ManagedBy":      ManagedBy,
		"LandingZone":    s.LandingZone,
	}
}

// PSNEdge is the peer of the landing zone's site-to-site VPN to the Public Services Network.
type PSNEdge struct {
	// PeerAddress is the public IPv4 address of the PSN provider's VPN endpoint.
	PeerAddress netip.Addr
	// ASN is the peer's BGP autonomous system number.
	ASN uint32
}
