package config

import (
	"errors"
	"maps"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/netplan"
	"github.com/policecloud/landingzones/components/tier"
)

const (
	validExternals = `[{"name":"psn","kind":"psn","cidr":"10.128.0.0/10"},` +
		`{"name":"legacy-dc","kind":"onprem","cidr":"172.16.0.0/16"},` +
		`{"name":"met","kind":"landingzone","cidr":"10.60.0.0/16"}]`
	validFlows = `[{"from":"gold","to":"platinum","protocol":"tcp","ports":"443","reason":"Gold case management calls the Platinum command-and-control API"},` +
		`{"from":"platinum","to":"psn","protocol":"tcp","ports":"443","reason":"Platinum exchanges incident data over PSN"},` +
		`{"from":"gold","to":"internet","protocol":"tcp","ports":"443","reason":"Patching via the hub allow-list"},` +
		`{"from":"gold","to":"bronze","protocol":"tcp","ports":"1433","reason":"Gold records service reads the legacy custody database during migration"}]`
)

// validTier returns the raw configuration of a valid Platinum tier stack of the pos landing zone.
func validTier() map[string]string {
	return map[string]string{
		"cloud":           "aws",
		"force":           "HO",
		"landingZone":     "pos",
		"role":            "tier",
		"tier":            "platinum",
		"region":          "eu-west-2",
		"supernet":        "10.20.0.0/16",
		"externalRanges":  validExternals,
		"flows":           validFlows,
		"classification":  "OFFICIAL",
		"owner":           "cloud-platform@homeoffice.police.uk",
		"costCentre":      "HO-POS-4100",
		"foundationStack": "organization/police-landing-zones/pos-foundation",
	}
}

// validFoundation returns the raw configuration of a valid foundation stack of the pos landing zone.
func validFoundation() map[string]string {
	raw := validTier()
	raw["role"] = "foundation"
	delete(raw, "tier")
	delete(raw, "foundationStack")
	raw["egressDomains"] = `["*.ubuntu.com","packages.microsoft.com"]`
	return raw
}

// with returns a copy of raw with the given keys set ("" deletes the key).
func with(raw map[string]string, kv ...string) map[string]string {
	out := maps.Clone(raw)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(out, kv[i])
		} else {
			out[kv[i]] = kv[i+1]
		}
	}
	return out
}

func TestLoadValid(t *testing.T) {
	t.Parallel()
	s, err := Load("pos-platinum", validTier())
	require.NoError(t, err)
	assert.Equal(t, "pos-platinum", s.Name)
	assert.Equal(t, CloudAWS, s.Cloud)
	assert.Equal(t, "HO", s.Force)
	assert.Equal(t, "pos", s.LandingZone)
	assert.Equal(t, RoleTier, s.Role)
	assert.Equal(t, tier.Platinum, s.Tier)
	assert.Equal(t, "eu-west-2", s.Region)
	assert.Equal(t, netip.MustParsePrefix("10.20.0.0/16"), s.Supernet)
	assert.Equal(t, Official, s.Classification)
	assert.Equal(t, "organization/police-landing-zones/pos-foundation", s.FoundationStack)
	assert.Empty(t, s.EgressDomains)
	require.Len(t, s.ExternalRanges, 3)
	assert.Equal(t, netplan.External{Name: "legacy-dc", Kind: netplan.ExternalOnPrem, CIDR: netip.MustParsePrefix("172.16.0.0/16")}, s.ExternalRanges[1])
	require.Len(t, s.Flows, 4)
	assert.Equal(t, netplan.Flow{
		From:     netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Gold},
		To:       netplan.Endpoint{Kind: netplan.EndpointTier, Tier: tier.Bronze},
		Protocol: netplan.ProtocolTCP,
		Ports:    []netplan.PortRange{{From: 1433, To: 1433}},
		Reason:   "Gold records service reads the legacy custody database during migration",
	}, s.Flows[3])
	assert.Equal(t, tier.MustProfile(tier.Platinum), s.Profile)
	assert.Equal(t, netip.MustParsePrefix("10.20.0.0/16"), s.Plan.Supernet)
	assert.Len(t, s.Plan.Tiers, 3)
}

func TestLoadValidVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		raw   map[string]string
		check func(t *testing.T, s *Stack)
	}{
		{"foundation defaults to platinum", validFoundation(), func(t *testing.T, s *Stack) {
			assert.Equal(t, RoleFoundation, s.Role)
			assert.Equal(t, tier.Platinum, s.Tier)
			assert.Equal(t, tier.MustProfile(tier.Platinum), s.Profile)
			assert.Equal(t, []string{"*.ubuntu.com", "packages.microsoft.com"}, s.EgressDomains)
		}},
		{"foundation may say platinum", with(validFoundation(), "tier", "platinum"), func(t *testing.T, s *Stack) {
			assert.Equal(t, tier.Platinum, s.Tier)
		}},
		{"azure ukwest, official-sensitive", with(validTier(), "cloud", "azure", "region", "ukwest", "classification", "OFFICIAL-SENSITIVE"), func(t *testing.T, s *Stack) {
			assert.Equal(t, CloudAzure, s.Cloud)
			assert.Equal(t, "ukwest", s.Region)
			assert.Equal(t, OfficialSensitive, s.Classification)
		}},
		{"bronze tier", with(validTier(), "tier", "bronze"), func(t *testing.T, s *Stack) {
			assert.Equal(t, tier.MustProfile(tier.Bronze), s.Profile)
		}},
		{"no externals, flows or domains; null and empty JSON", with(validTier(), "externalRanges", "null", "flows", "[]"), func(t *testing.T, s *Stack) {
			assert.Empty(t, s.ExternalRanges)
			assert.Empty(t, s.Flows)
		}},
		{"numeric ports, port lists and icmp", with(validTier(), "flows",
			`[{"from":"gold","to":"platinum","protocol":"tcp","ports":8443,"reason":"r"},`+
				`{"from":"gold","to":"platinum","protocol":"udp","ports":"8000-8080, 9000","reason":"r"},`+
				`{"from":"platinum","to":"gold","protocol":"icmp","reason":"r","ports":null}]`), func(t *testing.T, s *Stack) {
			require.Len(t, s.Flows, 3)
			assert.Equal(t, []netplan.PortRange{{From: 8443, To: 8443}}, s.Flows[0].Ports)
			assert.Equal(t, []netplan.PortRange{{From: 8000, To: 8080}, {From: 9000, To: 9000}}, s.Flows[1].Ports)
			assert.Empty(t, s.Flows[2].Ports)
		}},
		{"psn edge on a foundation", with(validFoundation(), "psnPeerAddress", "203.0.113.10", "psnPeerAsn", "65010"), func(t *testing.T, s *Stack) {
			require.NotNil(t, s.PSNEdge)
			assert.Equal(t, netip.MustParseAddr("203.0.113.10"), s.PSNEdge.PeerAddress)
			assert.Equal(t, uint32(65010), s.PSNEdge.ASN)
		}},
		{"no psn edge", validFoundation(), func(t *testing.T, s *Stack) {
			assert.Nil(t, s.PSNEdge)
		}},
		{"empty values are absent", with(validFoundation(), "tier", "", "egressDomains", ""), func(t *testing.T, s *Stack) {
			assert.Equal(t, tier.Platinum, s.Tier)
			assert.Empty(t, s.EgressDomains)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Load("pos-x", tt.raw)
			require.NoError(t, err)
			tt.check(t, s)
		})
	}
}

const allKeys = "allowed cloud, force, landingZone, role, tier, region, supernet, externalRanges, flows, classification, owner, costCentre, foundationStack, egressDomains, psnPeerAddress, psnPeerAsn, workloads, backupCopyRoleArn, accounts, logArchiveBucket, orgRootId, accessRoleName, deployRoleArn, identityCenterInstanceArn, identityProvider, identityGroups, tenantId, subscriptions, auditWorkspaceId, breakGlassObjectIds, subscriptionId"

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		stack string // "" means "pos-platinum"
		raw   map[string]string
		want  []string
	}{
		// The stack name and the keys themselves.
		{"stack name bad", "pos platinum", validTier(), []string{
			`stack: "pos platinum" is not a stack name: allowed 1 to 100 letters, digits, hyphens, underscores or dots, such as pos-platinum`}},
		{"unknown key differing by case", "", with(validTier(), "costcentre", "x"), []string{
			`landingzone:costcentre: unknown key (did you mean landingzone:costCentre?): ` + allKeys}},
		{"unknown key", "", with(validTier(), "vpcCidr", "10.0.0.0/16"), []string{
			`landingzone:vpcCidr: unknown key: ` + allKeys}},

		// cloud, force, landingZone, role
		{"cloud missing", "", with(validTier(), "cloud", ""), []string{
			`landingzone:cloud: missing: required: allowed aws, azure`}},
		{"cloud unknown", "", with(validTier(), "cloud", "gcp"), []string{
			`landingzone:cloud: "gcp" is not a cloud: allowed aws, azure`}},
		{"cloud case", "", with(validTier(), "cloud", "AWS"), []string{
			`landingzone:cloud: "AWS" is not a cloud: allowed aws, azure (values are case-sensitive)`}},
		{"force missing", "", with(validTier(), "force", ""), []string{
			`landingzone:force: missing: required: allowed 2 to 8 upper-case letters or digits, such as HO or MPS`}},
		{"force bad", "", with(validTier(), "force", "Home Office"), []string{
			`landingzone:force: "Home Office" is not a force code: allowed 2 to 8 upper-case letters or digits, such as HO or MPS`}},
		{"landing zone missing", "", with(validTier(), "landingZone", ""), []string{
			`landingzone:landingZone: missing: required: allowed 2 to 31 characters: a lower-case letter, then lower-case letters, digits or hyphens, such as pos`}},
		{"landing zone bad", "", with(validTier(), "landingZone", "POS"), []string{
			`landingzone:landingZone: "POS" is not a landing zone slug: allowed 2 to 31 characters: a lower-case letter, then lower-case letters, digits or hyphens, such as pos`}},
		{"role missing", "", with(validTier(), "role", ""), []string{
			`landingzone:role: missing: required: allowed foundation, tier, organization`}},
		{"role bad", "", with(validTier(), "role", "spoke"), []string{
			`landingzone:role: "spoke" is not a role: allowed foundation, tier, organization`}},

		// tier
		{"tier missing for role tier", "", with(validTier(), "tier", ""), []string{
			`landingzone:tier: missing: required for role tier: allowed platinum, gold, bronze`}},
		{"tier unknown", "", with(validTier(), "tier", "silver"), []string{
			`landingzone:tier: "silver" is not a tier: allowed platinum, gold, bronze`}},
		{"tier case", "", with(validTier(), "tier", "Gold"), []string{
			`landingzone:tier: "Gold" is not a tier: allowed platinum, gold, bronze (values are case-sensitive)`}},
		{"foundation below platinum", "", with(validFoundation(), "tier", "gold"), []string{
			`landingzone:tier: "gold" is not allowed for role foundation: allowed platinum (the shared services every tier depends on are held to the strictest profile)`}},

		// region
		{"region missing", "", with(validTier(), "region", ""), []string{
			`landingzone:region: missing: required: allowed eu-west-2 (London)`}},
		{"region outside the UK", "", with(validTier(), "region", "us-east-1"), []string{
			`landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)`}},
		{"region of the other cloud", "", with(validTier(), "cloud", "azure", "region", "eu-west-2"), []string{
			`landingzone:region: "eu-west-2" is not allowed for cloud azure: allowed uksouth (London), ukwest (Cardiff)`}},
		{"region without a cloud", "", with(validTier(), "cloud", "", "region", "westeurope"), []string{
			`landingzone:cloud: missing: required: allowed aws, azure`,
			`landingzone:region: "westeurope" is not a UK region: allowed eu-west-2 for aws; uksouth, ukwest for azure`}},
		{"UK region without a cloud is only the cloud's problem", "", with(validTier(), "cloud", "", "region", "uksouth"), []string{
			`landingzone:cloud: missing: required: allowed aws, azure`}},

		// supernet
		{"supernet missing", "", with(validTier(), "supernet", ""), []string{
			`landingzone:supernet: missing: required: allowed a private IPv4 prefix such as 10.20.0.0/16`}},
		{"supernet not a prefix", "", with(validTier(), "supernet", "10.20.0.0"), []string{
			`landingzone:supernet: "10.20.0.0" is not an IPv4 prefix: allowed a private IPv4 prefix such as 10.20.0.0/16`}},
		{"supernet IPv6", "", with(validTier(), "supernet", "fd00::/48"), []string{
			`landingzone:supernet: "fd00::/48" is not an IPv4 prefix: allowed a private IPv4 prefix such as 10.20.0.0/16`}},
		{"supernet host bits", "", with(validTier(), "supernet", "10.20.1.0/16"), []string{
			`landingzone:supernet: "10.20.1.0/16" has host bits set: allowed the masked form 10.20.0.0/16`}},
		{"supernet public", "", with(validTier(), "supernet", "51.20.0.0/16"), []string{
			`landingzone:supernet: "51.20.0.0/16" is not a private range: allowed a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`}},
		{"supernet too small", "", with(validTier(), "supernet", "10.20.0.0/24"), []string{
			`landingzone:supernet: "10.20.0.0/24" is too small: allowed /8 to /20, so that every subnet is at least /28`}},

		// classification
		{"classification missing", "", with(validTier(), "classification", ""), []string{
			`landingzone:classification: missing: required: allowed OFFICIAL, OFFICIAL-SENSITIVE`}},
		{"classification SECRET", "", with(validTier(), "classification", "SECRET"), []string{
			`landingzone:classification: "SECRET" is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only`}},
		{"classification TOP SECRET", "", with(validTier(), "classification", "top secret"), []string{
			`landingzone:classification: "top secret" is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only`}},
		{"classification old marking", "", with(validTier(), "classification", "RESTRICTED"), []string{
			`landingzone:classification: "RESTRICTED" is not a classification: allowed OFFICIAL, OFFICIAL-SENSITIVE`}},
		{"classification case", "", with(validTier(), "classification", "Official"), []string{
			`landingzone:classification: "Official" is not a classification: allowed OFFICIAL, OFFICIAL-SENSITIVE (values are case-sensitive)`}},

		// owner, costCentre
		{"owner missing", "", with(validTier(), "owner", ""), []string{
			`landingzone:owner: missing: required: allowed a team mailbox such as cloud-platform@homeoffice.police.uk`}},
		{"owner not an address", "", with(validTier(), "owner", "Cloud Platform Team"), []string{
			`landingzone:owner: "Cloud Platform Team" is not an email address: allowed a team mailbox such as cloud-platform@homeoffice.police.uk`}},
		{"cost centre missing", "", with(validTier(), "costCentre", ""), []string{
			`landingzone:costCentre: missing: required: allowed 1 to 64 letters, digits, spaces or . _ : / = + - @, starting with a letter or digit`}},
		{"cost centre bad", "", with(validTier(), "costCentre", "#4100"), []string{
			`landingzone:costCentre: "#4100" is not a cost centre: allowed 1 to 64 letters, digits, spaces or . _ : / = + - @, starting with a letter or digit`}},

		// foundationStack
		{"foundation stack missing for role tier", "", with(validTier(), "foundationStack", ""), []string{
			`landingzone:foundationStack: missing: required for role tier: allowed a stack reference organization/project/stack such as organization/police-landing-zones/pos-foundation`}},
		{"foundation stack not qualified", "", with(validTier(), "foundationStack", "pos-foundation"), []string{
			`landingzone:foundationStack: "pos-foundation" is not a stack reference: allowed a stack reference organization/project/stack such as organization/police-landing-zones/pos-foundation`}},
		{"foundation stack on a foundation", "", with(validFoundation(), "foundationStack", "organization/police-landing-zones/pos-foundation"), []string{
			`landingzone:foundationStack: "organization/police-landing-zones/pos-foundation" is not allowed for role foundation: allowed no value (only tier stacks reference a foundation)`}},

		// externalRanges
		{"externals invalid JSON", "", with(validTier(), "externalRanges", `[{"name":"psn",}]`, "flows", ""), []string{
			`landingzone:externalRanges: invalid JSON: invalid character '}' looking for beginning of object key string: allowed a list of {name, kind, cidr} objects`}},
		{"externals not a list", "", with(validTier(), "externalRanges", `{"name":"psn"}`, "flows", ""), []string{
			`landingzone:externalRanges: is an object, not a list: allowed a list of {name, kind, cidr} objects`}},
		{"external not an object", "", with(validTier(), "externalRanges", `["psn"]`, "flows", ""), []string{
			`landingzone:externalRanges[0]: is a string, not an object: allowed {name, kind, cidr}`}},
		{"external fields", "", with(validTier(), "externalRanges", `[{"name":"psn","kind":"psn","CIDR":"10.128.0.0/10","note":1}]`, "flows", ""), []string{
			`landingzone:externalRanges[0].CIDR: unknown field (did you mean cidr?): allowed name, kind, cidr`,
			`landingzone:externalRanges[0].cidr: missing: required: allowed an IPv4 prefix such as 172.16.0.0/16`,
			`landingzone:externalRanges[0].note: unknown field: allowed name, kind, cidr`}},
		{"external field types", "", with(validTier(), "externalRanges", `[{"name":7,"kind":true,"cidr":["10.128.0.0/10"]}]`, "flows", ""), []string{
			`landingzone:externalRanges[0].cidr: is a list, not a string: allowed a string`,
			`landingzone:externalRanges[0].cidr: missing: required: allowed an IPv4 prefix such as 172.16.0.0/16`,
			`landingzone:externalRanges[0].kind: is a boolean, not a string: allowed a string`,
			`landingzone:externalRanges[0].kind: missing: required: allowed psn, onprem, landingzone, partner`,
			`landingzone:externalRanges[0].name: is a number, not a string: allowed a string`,
			`landingzone:externalRanges[0].name: missing: required: allowed 1 to 31 characters: a lower-case letter, then lower-case letters, digits or hyphens, such as legacy-dc`}},
		{"external names", "", with(validTier(), "externalRanges",
			`[{"name":"Legacy DC","kind":"onprem","cidr":"172.16.0.0/16"},{"name":"gold","kind":"onprem","cidr":"172.17.0.0/16"},`+
				`{"name":"psn","kind":"psn","cidr":"10.128.0.0/10"},{"name":"psn","kind":"psn","cidr":"10.192.0.0/10"}]`, "flows", ""), []string{
			`landingzone:externalRanges[0].name: "Legacy DC" is not an external range name: allowed 1 to 31 characters: a lower-case letter, then lower-case letters, digits or hyphens, such as legacy-dc`,
			`landingzone:externalRanges[1].name: "gold" is reserved for flow endpoints: allowed a name that is not platinum, gold, bronze, internet`,
			`landingzone:externalRanges[3].name: "psn" is already the name of externalRanges[2]: allowed a unique name`}},
		{"external kinds and CIDRs", "", with(validTier(), "externalRanges",
			`[{"name":"a","kind":"datacentre","cidr":"172.16.0.0"},{"name":"b","kind":"PSN","cidr":"172.17.0.1/16"},{"name":"c","cidr":"fd00::/8"}]`, "flows", ""), []string{
			`landingzone:externalRanges[0].cidr: "172.16.0.0" is not an IPv4 prefix: allowed an IPv4 prefix such as 172.16.0.0/16`,
			`landingzone:externalRanges[0].kind: "datacentre" is not an external range kind: allowed psn, onprem, landingzone, partner`,
			`landingzone:externalRanges[1].cidr: "172.17.0.1/16" has host bits set: allowed the masked form 172.17.0.0/16`,
			`landingzone:externalRanges[1].kind: "PSN" is not an external range kind: allowed psn, onprem, landingzone, partner (values are case-sensitive)`,
			`landingzone:externalRanges[2].cidr: "fd00::/8" is not an IPv4 prefix: allowed an IPv4 prefix such as 172.16.0.0/16`,
			`landingzone:externalRanges[2].kind: missing: required: allowed psn, onprem, landingzone, partner`}},

		// flows
		{"flows invalid JSON", "", with(validTier(), "flows", `[{"from":"gold"`), []string{
			`landingzone:flows: invalid JSON: unexpected end of JSON input: allowed a list of {from, to, protocol, ports, reason} objects`}},
		{"flows not a list", "", with(validTier(), "flows", `"gold -> platinum"`), []string{
			`landingzone:flows: is a string, not a list: allowed a list of {from, to, protocol, ports, reason} objects`}},
		{"flow not an object", "", with(validTier(), "flows", `[["gold","platinum"]]`), []string{
			`landingzone:flows[0]: is a list, not an object: allowed {from, to, protocol, ports, reason}`}},
		{"flow fields missing", "", with(validTier(), "flows", `[{"port":"443"}]`), []string{
			`landingzone:flows[0].from: missing: required: allowed platinum, gold, bronze, internet or a declared external range (psn, legacy-dc, met)`,
			`landingzone:flows[0].port: unknown field: allowed from, to, protocol, ports, reason`,
			`landingzone:flows[0].protocol: missing: required: allowed tcp, udp, icmp`,
			`landingzone:flows[0].reason: missing: required: allowed a sentence saying why the connection is needed, shown to reviewers`,
			`landingzone:flows[0].to: missing: required: allowed platinum, gold, bronze, internet or a declared external range (psn, legacy-dc, met)`}},
		{"flow values bad", "", with(validTier(), "flows",
			`[{"from":"Gold","to":"dc","protocol":"sctp","ports":"443","reason":"r"},`+
				`{"from":"gold","to":"platinum","protocol":"tcp","ports":"70000","reason":" "},`+
				`{"from":"gold","to":"platinum","protocol":"udp","reason":"r"},`+
				`{"from":"gold","to":"platinum","protocol":"icmp","ports":"8","reason":"r"},`+
				`{"from":"gold","to":"platinum","protocol":"tcp","ports":true,"reason":"r"}]`, "externalRanges", ""), []string{
			`landingzone:flows[0].from: "Gold" is not a flow endpoint: allowed platinum, gold, bronze, internet or a declared external range (none declared) (values are case-sensitive)`,
			`landingzone:flows[0].protocol: "sctp" is not a protocol: allowed tcp, udp, icmp`,
			`landingzone:flows[0].to: "dc" is not a flow endpoint: allowed platinum, gold, bronze, internet or a declared external range (none declared)`,
			`landingzone:flows[1].ports: "70000" is not a port list: allowed ports 1 to 65535 as "443", "8000-8080" or "443,8000-8080"`,
			`landingzone:flows[1].reason: missing: required: allowed a sentence saying why the connection is needed, shown to reviewers`,
			`landingzone:flows[2].ports: missing: required for protocol udp: allowed ports 1 to 65535 as "443", "8000-8080" or "443,8000-8080"`,
			`landingzone:flows[3].ports: "8" is not allowed for protocol icmp: allowed no ports`,
			`landingzone:flows[4].ports: is a boolean, not a string: allowed a string`,
			`landingzone:flows[4].ports: missing: required for protocol tcp: allowed ports 1 to 65535 as "443", "8000-8080" or "443,8000-8080"`}},

		// psnPeerAddress, psnPeerAsn
		{"psn edge on a tier stack", "", with(validTier(), "psnPeerAddress", "203.0.113.10", "psnPeerAsn", "65010"), []string{
			`landingzone:psnPeerAddress: "203.0.113.10" is set on a tier stack: allowed only on role foundation (the PSN edge lives in the hub)`,
			`landingzone:psnPeerAsn: "65010" is set on a tier stack: allowed only on role foundation (the PSN edge lives in the hub)`}},
		{"psn address without asn", "", with(validFoundation(), "psnPeerAddress", "203.0.113.10"), []string{
			`landingzone:psnPeerAsn: missing: required when landingzone:psnPeerAddress is set: allowed a BGP AS number from 1 to 4294967294 other than 65515 to 65520 (reserved by cloud gateways), such as 65010`}},
		{"psn asn without address", "", with(validFoundation(), "psnPeerAsn", "65010"), []string{
			`landingzone:psnPeerAddress: missing: required when landingzone:psnPeerAsn is set: allowed the public IPv4 address of the PSN provider's VPN endpoint, such as 203.0.113.10`}},
		{"psn private address, reserved asn", "", with(validFoundation(), "psnPeerAddress", "10.1.2.3", "psnPeerAsn", "65515"), []string{
			`landingzone:psnPeerAddress: "10.1.2.3" is not a public address: allowed the public IPv4 address of the PSN provider's VPN endpoint, such as 203.0.113.10`,
			`landingzone:psnPeerAsn: "65515" is not a usable AS number: allowed a BGP AS number from 1 to 4294967294 other than 65515 to 65520 (reserved by cloud gateways), such as 65010`}},
		{"psn not an address, asn not a number", "", with(validFoundation(), "psnPeerAddress", "psn.example", "psnPeerAsn", "AS65010"), []string{
			`landingzone:psnPeerAddress: "psn.example" is not an IPv4 address: allowed the public IPv4 address of the PSN provider's VPN endpoint, such as 203.0.113.10`,
			`landingzone:psnPeerAsn: "AS65010" is not a usable AS number: allowed a BGP AS number from 1 to 4294967294 other than 65515 to 65520 (reserved by cloud gateways), such as 65010`}},
		// egressDomains
		{"egress domains on a tier stack", "", with(validTier(), "egressDomains", `["*.ubuntu.com"]`), []string{
			`landingzone:egressDomains: is set on a tier stack: allowed only on role foundation (the hub firewall's allow-list serves every tier)`}},
		{"egress domains invalid JSON", "", with(validFoundation(), "egressDomains", `*.ubuntu.com`), []string{
			`landingzone:egressDomains: invalid JSON: invalid character '*' looking for beginning of value: allowed a list of DNS names`}},
		{"egress domains bad", "", with(validFoundation(), "egressDomains", `["*.com","bad_name.example.com","*","Packages.Microsoft.com",5,"ok.example.com","ok.example.com","https://x.example.com"]`), []string{
			`landingzone:egressDomains[0]: "*.com" is not a domain name: allowed a DNS name such as packages.microsoft.com, optionally starting with *. to cover its subdomains`,
			`landingzone:egressDomains[1]: "bad_name.example.com" is not a domain name: allowed a DNS name such as packages.microsoft.com, optionally starting with *. to cover its subdomains`,
			`landingzone:egressDomains[2]: "*" is not a domain name: allowed a DNS name such as packages.microsoft.com, optionally starting with *. to cover its subdomains`,
			`landingzone:egressDomains[3]: "Packages.Microsoft.com" is not a domain name: allowed a DNS name such as packages.microsoft.com, optionally starting with *. to cover its subdomains`,
			`landingzone:egressDomains[4]: is a number, not a string: allowed a DNS name such as packages.microsoft.com, optionally starting with *. to cover its subdomains`,
			`landingzone:egressDomains[6]: "ok.example.com" is listed twice: allowed each domain once`,
			`landingzone:egressDomains[7]: "https://x.example.com" is not a domain name: allowed a DNS name such as packages.microsoft.com, optionally starting with *. to cover its subdomains`}},

		// netplan.Intent.Validate, keyed by path to the range or flow
		{"supernet overlaps an external range", "", with(validTier(), "supernet", "10.128.0.0/16"), []string{
			`landingzone:externalRanges[0].cidr: "10.128.0.0/10" overlaps the landing zone supernet 10.128.0.0/16: allowed a range outside the supernet`}},
		{"external ranges overlap", "", with(validTier(), "externalRanges",
			`[{"name":"psn","kind":"psn","cidr":"10.128.0.0/10"},{"name":"partner","kind":"partner","cidr":"10.130.0.0/16"}]`, "flows", ""), []string{
			`landingzone:externalRanges[0].cidr: "10.128.0.0/10" overlaps external "partner" (10.130.0.0/16): allowed external ranges that do not overlap each other`}},
		{"bronze to the internet", "", with(validTier(), "flows",
			`[{"from":"bronze","to":"internet","protocol":"tcp","ports":"443","reason":"Windows Update for the legacy servers"}]`), []string{
			`landingzone:flows[0]: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`}},
		{"bronze to PSN and from the internet", "", with(validTier(), "flows",
			`[{"from":"bronze","to":"psn","protocol":"tcp","ports":"443","reason":"r"},`+
				`{"from":"internet","to":"gold","protocol":"tcp","ports":"443","reason":"r"},`+
				`{"from":"gold","to":"gold","protocol":"tcp","ports":"443","reason":"r"},`+
				`{"from":"gold","to":"bronze","protocol":"tcp","ports":"1-2000","reason":"r"}]`), []string{
			`landingzone:flows[0]: "bronze -> psn tcp/443" tier bronze has no PSN access; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`,
			`landingzone:flows[1]: "internet -> gold tcp/443" inbound flows from the internet are not allowed: the internet may only be a destination, through the hub firewall`,
			`landingzone:flows[2]: "gold -> gold tcp/443" from and to are both gold: a flow must join two different endpoints`,
			`landingzone:flows[3]: "gold -> bronze tcp/1-2000" port range 1-2000 spans 2000 ports: flows to or from isolated tier bronze may span at most 1024 ports per range; name the ports explicitly`}},
		{"plan problems are reported with field problems", "", with(validTier(), "region", "us-east-1", "flows",
			`[{"from":"bronze","to":"internet","protocol":"tcp","ports":"443","reason":"r"}]`), []string{
			`landingzone:flows[0]: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`,
			`landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			stack := tt.stack
			if stack == "" {
				stack = "pos-platinum"
			}
			s, err := Load(stack, tt.raw)
			require.Error(t, err)
			assert.Nil(t, s)
			var errs Errors
			require.True(t, errors.As(err, &errs), "error is %T", err)
			assert.Equal(t, tt.want, errs.Lines())
			assert.Equal(t, strings.Join(tt.want, "\n"), err.Error())
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	t.Parallel()
	raw := with(validTier(),
		"tier", "silver",
		"region", "us-east-1",
		"classification", "SECRET",
		"owner", "",
		"Supernet", "10.20.0.0/16",
		"flows", `[{"from":"bronze","to":"internet","protocol":"tcp","ports":"443","reason":"r"}]`)
	_, err := Load("pos-platinum", raw)
	var errs Errors
	require.ErrorAs(t, err, &errs)
	assert.Equal(t, []string{
		`landingzone:Supernet: unknown key (did you mean landingzone:supernet?): ` + allKeys,
		`landingzone:classification: "SECRET" is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only`,
		`landingzone:flows[0]: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`,
		`landingzone:owner: missing: required: allowed a team mailbox such as cloud-platform@homeoffice.police.uk`,
		`landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)`,
		`landingzone:tier: "silver" is not a tier: allowed platinum, gold, bronze`,
	}, errs.Lines())
}

func TestLoadEmpty(t *testing.T) {
	t.Parallel()
	_, err := Load("pos-platinum", nil)
	var errs Errors
	require.ErrorAs(t, err, &errs)
	var keys []string
	for _, e := range errs {
		keys = append(keys, e.Path)
	}
	assert.Equal(t, []string{
		"landingzone:classification", "landingzone:cloud", "landingzone:costCentre", "landingzone:force",
		"landingzone:landingZone", "landingzone:owner", "landingzone:region", "landingzone:role", "landingzone:supernet",
	}, keys)
}

func TestLoadStackFiles(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../stacks/Pulumi.*.yaml")
	require.NoError(t, err)
	require.Len(t, files, 10)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			s, err := LoadFile(f)
			require.NoError(t, err)
			name, _ := StackName(f)
			assert.Equal(t, name, s.Name)
			assert.Equal(t, s.LandingZone+"-"+map[Role]string{RoleFoundation: "foundation", RoleTier: string(s.Tier), RoleOrganization: "org"}[s.Role], s.Name,
				"stack files are named <landingZone>-<foundation|tier|org>")
			assert.Len(t, s.ExternalRanges, 3)
			// met declares a sixth flow: Bronze's patch path to the package mirror in Gold.
			assert.Len(t, s.Flows, map[string]int{"met": 6, "pos": 5}[s.LandingZone])
			switch s.Role {
			case RoleFoundation:
				assert.Equal(t, tier.Platinum, s.Tier)
				assert.NotEmpty(t, s.EgressDomains)
				assert.Empty(t, s.FoundationStack)
			case RoleOrganization:
				assert.Equal(t, tier.Platinum, s.Tier)
				assert.Empty(t, s.FoundationStack)
				if s.Cloud == CloudAWS {
					assert.NotNil(t, s.Organization)
				} else {
					assert.NotNil(t, s.AzureOrg)
				}
			default:
				assert.Equal(t, "organization/police-landing-zones/"+s.LandingZone+"-foundation", s.FoundationStack)
			}
		})
	}
}

func TestTags(t *testing.T) {
	t.Parallel()
	s, err := Load("met-platinum", with(validTier(), "cloud", "azure", "region", "uksouth", "force", "MPS",
		"landingZone", "met", "classification", "OFFICIAL-SENSITIVE", "owner", "cloud-engineering@met.police.uk",
		"costCentre", "MPS-DTS-2210", "supernet", "10.60.0.0/16",
		"externalRanges", `[{"name":"psn","kind":"psn","cidr":"10.128.0.0/10"}]`, "flows", ""))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{
		"Force":          "MPS",
		"Tier":           "Platinum",
		"Classification": "OFFICIAL-SENSITIVE",
		"Owner":          "cloud-engineering@met.police.uk",
		"CostCentre":     "MPS-DTS-2210",
		"ManagedBy":      "pulumi/policecloud-landingzones",
		"LandingZone":    "met",
	}, s.Tags())
}

func TestKnownKeys(t *testing.T) {
	t.Parallel()
	keys := KnownKeys()
	assert.Len(t, keys, 31)
	keys[0] = "changed"
	assert.Equal(t, "cloud", KnownKeys()[0], "KnownKeys returns a copy")
}

func TestRegions(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []string{"eu-west-2"}, Regions(CloudAWS))
	assert.Equal(t, []string{"uksouth", "ukwest"}, Regions(CloudAzure))
	assert.Empty(t, Regions("gcp"))
}
