package azure

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// partnerRef is one input that names a resource data is copied to.
type partnerRef struct {
	// path to the reference; for an array, the array's path and elem the key inside each element.
	path []any
	elem string
	// target is the type of the resource referred to.
	target string
	// within accepts the ID of a child of the target (an event hub authorisation rule, a database).
	within bool
	// url: the value is a blob endpoint URL whose host names a storage account.
	url bool
	// byName also accepts the target's Azure name instead of its ID (object replication accounts).
	byName bool
	// external: the value names a third party whose location is never visible (a marketplace partner).
	external bool
	// what says what is copied there.
	what string
}

// replicationPartners lists, per type, the inputs naming where data is copied.
var replicationPartners = map[string][]partnerRef{
	typeServiceBusDR: {{path: []any{"partnerNamespace"}, target: typeServiceBusNamespace, what: "the geo-disaster recovery pairing copies the namespace's metadata there"}},
	typeEventHubDR:   {{path: []any{"partnerNamespace"}, target: typeEventHubNamespace, what: "the geo-disaster recovery pairing copies the namespace's metadata there"}},
	typeObjectReplication: {
		{path: []any{"destinationAccount"}, target: typeStorageAccount, byName: true, what: "object replication copies blobs there"},
		{path: []any{"sourceAccount"}, target: typeStorageAccount, byName: true, what: "object replication copies blobs from there"},
	},
	typeRedisLinkedServer:   {{path: []any{"linkedRedisCacheId"}, target: typeRedis, what: "geo-replication copies the cache's data there"}},
	typeRedisEnterpriseDB:   {{path: []any{"geoReplication", "linkedDatabases"}, elem: "id", target: typeRedisEnterprise, within: true, what: "active geo-replication copies the database there"}},
	typeSQLInstanceFailover: {{path: []any{"managedInstancePairs"}, elem: "partnerManagedInstanceId", target: typeSQLManagedInstance, what: "the failover group replicates every database there"}},
	typeSQLAlertPolicy:      {{path: []any{"storageEndpoint"}, target: typeStorageAccount, url: true, what: "threat detection audit records are written there"}},
	typeSQLVulnAssessment:   {{path: []any{"storageContainerPath"}, target: typeStorageAccount, url: true, what: "vulnerability scan results, which name tables and columns, are written there"}},
	typeDiagnosticSetting:   logDestinations("resource logs"),
	typeSubDiagSetting:      logDestinations("activity logs"),
}

// logDestinations are a diagnostic setting's destinations other than its Log Analytics workspace.
func logDestinations(what string) []partnerRef {
	return []partnerRef{
		{path: []any{"storageAccountId"}, target: typeStorageAccount, what: what + " are archived there"},
		{path: []any{"eventHubAuthorizationRuleId"}, target: typeEventHubNamespace, within: true, what: what + " are streamed there"},
		{path: []any{"serviceBusRuleId"}, target: typeServiceBusNamespace, within: true, what: what + " are sent there"},
		{path: []any{"marketplacePartnerId"}, external: true, what: what + " are sent to a third-party marketplace partner"},
	}
}

func partnerTypes() []string {
	var out []string
	for t := range replicationPartners {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

func partnerReads() []policy.PropertyRef {
	var out []policy.PropertyRef
	for t, refs := range replicationPartners {
		for _, p := range refs {
			path := pathName(p.path)
			if p.elem != "" {
				path += "." + p.elem
			}
			out = append(out, policy.PropertyRef{Type: t, Path: path})
		}
	}
	return sortedReads(out)
}

var _ = registerStack(policy.StackRule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-REG-006",
		Title: "Replication and log partners named by reference are in the UK region pair",
		Description: "Some resources copy police data to another resource they name by ID: Service Bus and " +
			"Event Hubs geo-disaster recovery (`partnerNamespace`), storage object replication " +
			"(`destinationAccount`, `sourceAccount`), Redis geo-replication (`linkedRedisCacheId`, " +
			"`geoReplication.linkedDatabases[].id`), SQL managed instance failover groups " +
			"(`managedInstancePairs[].partnerManagedInstanceId`), SQL threat detection and vulnerability " +
			"assessment storage, and diagnostic settings' archive, event hub and marketplace destinations. The " +
			"partner must be a resource of this stack located in uksouth or ukwest; a partner outside the stack, " +
			"whose location cannot be seen, is unknown, never a pass.",
		Pack:          policy.PackRegion,
		Severity:      policy.SeverityCritical,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.1"},
		ResourceTypes: append(partnerTypes(), typeServiceBusNamespace, typeEventHubNamespace, typeStorageAccount, typeRedis, typeRedisEnterprise, typeSQLManagedInstance),
		Remediation: "Create the partner (namespace, account, cache, managed instance) in this stack with `location: " +
			"ukwest` or uksouth and pass its ID; send diagnostic logs only to the landing zone's workspace, archive " +
			"account or event hub.",
		Waivable: false,
		Reads:    partnerReads(),
	},
	Check: func(_ *policy.Context, rs []*policy.Resource) []policy.Result {
		var out []policy.Result
		for _, r := range rs {
			if refs, has := replicationPartners[r.Type]; has && r != nil {
				out = append(out, withURN(checkPartnerRefs(r, rs, refs), r))
			}
		}
		if len(out) == 0 {
			return []policy.Result{policy.NotApplicable("no resources in this stack replicate to a partner they name")}
		}
		return out
	},
})

// checkPartnerRefs decides every partner reference of r.
func checkPartnerRefs(r *policy.Resource, rs []*policy.Resource, refs []partnerRef) policy.Result {
	var found []string
	var results []policy.Result
	for _, p := range refs {
		if p.elem == "" {
			d, res := checkPartner(r, rs, p, pathName(p.path), p.path)
			results = append(results, res)
			if d != "" {
				found = append(found, d)
			}
			continue
		}
		items, k := list(r.Get(p.path...))
		if k == policy.Unknown {
			results = append(results, policy.Undecided("%s is computed; every partner must be in uksouth or ukwest", pathName(p.path)))
			continue
		}
		for i := range items {
			path := append(append([]any{}, p.path...), i, p.elem)
			d, res := checkPartner(r, rs, p, fmt.Sprintf("%s[%d].%s", pathName(p.path), i, p.elem), path)
			results = append(results, res)
			if d != "" {
				found = append(found, d)
			}
		}
	}
	if len(found) == 0 {
		found = []string{"no partners named"}
	}
	return decide(policy.Pass("%s", strings.Join(found, "; ")), results...)
}

// checkPartner decides one reference at path (named name in messages).
func checkPartner(r *policy.Resource, rs []*policy.Resource, p partnerRef, name string, path []any) (string, policy.Result) {
	v := r.Get(path...)
	if v.IsNull() {
		return "", ok
	}
	if p.external {
		id, _ := policy.Str(v)
		return "", policy.Undecided("%s %q is set: %s, whose location cannot be seen; send logs only to the landing zone's own destinations", name, id, p.what)
	}
	targets, external, computed := findPartner(r, rs, p, path)
	switch {
	case computed:
		return "", policy.Undecided("%s is computed and comes from no %s of this stack; its location cannot be seen (%s)", name, shortType(p.target), p.what)
	case external != "":
		return "", policy.Undecided("%s %q is not in this stack, so its location cannot be seen (%s); create the partner in this stack in uksouth or ukwest", name, external, p.what)
	}
	var found []string
	var results []policy.Result
	for _, t := range targets {
		loc, k, what := location(t)
		switch {
		case k == policy.Unknown:
			results = append(results, policy.Undecided("%s names %s, whose %s is computed; it must be uksouth or ukwest", name, nameOfAny(t), what))
			continue
		case k == policy.Absent || loc == "":
			results = append(results, policy.Fail("%s names %s, which has no %s; it must be uksouth or ukwest (%s)", name, nameOfAny(t), what, p.what))
			continue
		}
		if _, in := ukPair[normLocation(loc)]; !in {
			results = append(results, policy.Fail("%s names %s in %q, outside the UK region pair (uksouth, ukwest); %s", name, nameOfAny(t), loc, p.what))
			continue
		}
		found = append(found, fmt.Sprintf("%s %s in %s", name, nameOfAny(t), loc))
	}
	return strings.Join(found, "; "), decide(ok, results...)
}

// findPartner resolves a reference to resources of the stack: by property dependency (preview), by ID
// (or the ID of a child, with within), by Azure name (byName) or by blob endpoint host (url).
func findPartner(r *policy.Resource, rs []*policy.Resource, p partnerRef, path []any) (targets []*policy.Resource, external string, computed bool) {
	top, _ := path[0].(string)
	deps := depsOfType(r, top, rs, p.target)
	s, k := policy.Str(r.Get(path...))
	if k != policy.Present {
		if len(deps) > 0 {
			return deps, "", false
		}
		return nil, "", true
	}
	for _, t := range ofType(rs, p.target) {
		switch {
		case p.url:
			if account := blobAccount(s); account != "" && strings.EqualFold(account, nameOfAny(t)) {
				return []*policy.Resource{t}, "", false
			}
		case idEqual(s, t.ID), p.within && idWithin(s, t.ID):
			return []*policy.Resource{t}, "", false
		case p.byName && !strings.HasPrefix(s, "/") && strings.EqualFold(s, nameOfAny(t)):
			return []*policy.Resource{t}, "", false
		}
	}
	var unknownID []*policy.Resource
	for _, d := range deps {
		if d.ID == "" {
			unknownID = append(unknownID, d)
		}
	}
	if len(unknownID) > 0 {
		return unknownID, "", false
	}
	return nil, s, false
}

// blobAccount returns the storage account a blob endpoint URL names ("https://acct.blob.core.windows.net/c/").
func blobAccount(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	account, rest, found := strings.Cut(host, ".")
	if !found || !strings.HasPrefix(rest, "blob.") {
		return ""
	}
	return account
}

// partnerNameProps is the input holding the Azure name of each partner type.
var partnerNameProps = map[string]string{
	typeServiceBusNamespace: "namespaceName",
	typeEventHubNamespace:   "namespaceName",
	typeRedis:               "name",
	typeRedisEnterprise:     "clusterName",
	typeSQLManagedInstance:  "managedInstanceName",
}

// nameOfAny is r's Azure name, for any partner type.
func nameOfAny(r *policy.Resource) string {
	if p, has := partnerNameProps[r.Type]; has {
		return displayName(r, p)
	}
	return nameOf(r)
}

// shortType is the resource part of a type token ("Namespace").
func shortType(typ string) string {
	if i := strings.LastIndex(typ, ":"); i >= 0 {
		return typ[i+1:]
	}
	return typ
}
