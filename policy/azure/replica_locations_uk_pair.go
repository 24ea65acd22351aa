package azure

import (
	"fmt"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// replicaLocations says, per type, where the inline secondary and replica locations are.
var replicaLocations = map[string]typeSpec{
	typeCosmosAccount: {what: "Cosmos DB account", reads: []string{"locations.locationName"},
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			return inPairList(r, []any{"locations"}, "locationName", "locations", "the account replicates every write to each location it lists")
		}},
	typeGalleryImageVersion: {what: "gallery image version", reads: []string{"publishingProfile.targetRegions.name", "publishingProfile.targetExtendedLocations.name"},
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			a, ra := inPairList(r, []any{"publishingProfile", "targetRegions"}, "name", "publishingProfile.targetRegions", "the image and its disks are copied to each target region")
			b, rb := inPairList(r, []any{"publishingProfile", "targetExtendedLocations"}, "name", "publishingProfile.targetExtendedLocations", "the image is copied to each extended location")
			return joinFound(a, b), decide(ok, ra, rb)
		}},
	typeManagedHSM: {what: "Managed HSM", reads: []string{"properties.regions.name"},
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			return inPairList(r, []any{"properties", "regions"}, "name", "properties.regions", "the HSM's keys are replicated to each region")
		}},
	typeSQLInstanceFailover: {what: "SQL managed instance failover group", reads: []string{"locationName", "partnerRegions.location"},
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			a, ra := inPair(r.Get("locationName"), "locationName", "the primary managed instance's region", true)
			b, rb := inPairList(r, []any{"partnerRegions"}, "location", "partnerRegions", "the failover group replicates every database to each partner region")
			return joinFound(a, b), decide(ok, ra, rb)
		}},
	typeRedisLinkedServer: {what: "Redis geo-replication link", reads: []string{"linkedRedisCacheLocation"},
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			return inPair(r.Get("linkedRedisCacheLocation"), "linkedRedisCacheLocation", "the cache replicates its data to the linked cache", true)
		}},
	typeRegistryReplication: {what: "container registry replication",
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			loc, k, what := location(r)
			if k == policy.Unknown {
				return "", policy.Undecided("%s is computed; it must be uksouth or ukwest", what)
			}
			v := policy.Value{}
			if k == policy.Present {
				v = policy.FromGo(loc)
			}
			return inPair(v, what, "the registry copies every image to its replication's location", true)
		}},
	typeNetAppVolume: {what: "NetApp volume", reads: []string{"dataProtection.replication.remoteVolumeRegion"},
		custom: func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
			repl := r.Get("dataProtection", "replication")
			if repl.IsNull() {
				return "no cross-region replication", ok
			}
			if repl.IsComputed() {
				return "", policy.Undecided("dataProtection.replication is computed; the remote volume must be in uksouth or ukwest")
			}
			return inPair(r.Get("dataProtection", "replication", "remoteVolumeRegion"), "dataProtection.replication.remoteVolumeRegion",
				"the volume replicates to the remote volume", true)
		}},
	typeStorageAccount: {what: "storage account", fields: []field{
		// The storage API azure-native v2 uses (2022-09-01) reads an absent value as true.
		{path: []any{"allowCrossTenantReplication"}, ok: []string{"false"}, def: "true",
			why: "lets object replication copy blobs to accounts in other tenants, whose location this stack cannot see"},
	}},
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-REG-005",
		Title: "Replica and secondary locations stay inside the UK region pair",
		Description: "Some resources copy police data to other regions named in their own inputs: a Cosmos DB " +
			"account to each of its `locations`, a gallery image version to its `targetRegions`, a Managed HSM to " +
			"its `regions`, a SQL managed instance failover group to its `partnerRegions`, a Redis cache to its " +
			"linked cache's `linkedRedisCacheLocation`, a container registry to each replication's `location`, " +
			"and a NetApp volume to its `remoteVolumeRegion`. Each such location must be uksouth or ukwest. A " +
			"storage account must not allow object replication to other tenants (`allowCrossTenantReplication`, " +
			"true when absent), whose accounts' locations cannot be seen.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: tableTypes(replicaLocations),
		Remediation: "Name only uksouth or ukwest as secondary, replica or target locations; set " +
			"`allowCrossTenantReplication: false` on storage accounts.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Azure Cosmos DB allowed locations (0473574d-2d43-4217-aefe-941fcdf7e684)"},
			{Source: "Azure Policy", ID: "Storage accounts should prevent cross tenant object replication (92a89a79-6c52-4a7e-a03f-61306fc49312)"},
		},
		Waivable: false,
		Reads:    tableReads(replicaLocations),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return assess(ctx, replicaLocations, r)
	},
})

// inPair decides one location value: it must be uksouth or ukwest. required says an absent value is a
// failure (the location cannot be seen); otherwise absent passes.
func inPair(v policy.Value, name, why string, required bool) (string, policy.Result) {
	loc, k := policy.Str(v)
	switch {
	case k == policy.Unknown:
		return "", policy.Undecided("%s is computed; it must be uksouth or ukwest", name)
	case (k == policy.Absent || loc == "") && required:
		return "", policy.Undecided("%s is not set, so its location cannot be seen (%s); it must be uksouth or ukwest", name, why)
	case k == policy.Absent || loc == "":
		return "", ok
	}
	if _, in := ukPair[normLocation(loc)]; !in {
		return "", policy.Fail("%s %q is outside the UK region pair (uksouth, ukwest); %s", name, loc, why)
	}
	return name + " " + loc, ok
}

// inPairList decides the location key of every element of the array at path.
func inPairList(r *policy.Resource, path []any, key, name, why string) (string, policy.Result) {
	items, k := list(r.Get(path...))
	if k == policy.Unknown {
		return "", policy.Undecided("%s is computed; every %s must be uksouth or ukwest", name, key)
	}
	var found []string
	var results []policy.Result
	for i, it := range items {
		d, res := inPair(at(it, key), fmt.Sprintf("%s[%d].%s", name, i, key), why, true)
		results = append(results, res)
		if d != "" {
			loc, _ := str(it, key)
			found = append(found, loc)
		}
	}
	if len(items) == 0 {
		return "no " + name, decide(ok, results...)
	}
	return name + " " + strings.Join(found, ", "), decide(ok, results...)
}

// joinFound joins pass descriptions, skipping empty ones.
func joinFound(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}
