package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// tlsField is a minimum TLS version input; def is the service's default ("" when the input must be set).
func tlsField(def string, path ...any) field {
	return field{path: path, tls: true, def: def, why: "lets clients connect with TLS versions that have known weaknesses"}
}

// serverParameter builds a check of a PostgreSQL or MySQL server parameter resource: when its
// configurationName (or name) is param, its value must satisfy accept.
func serverParameter(params map[string]func(v string) (bool, string)) func(*policy.Context, *policy.Resource) (string, policy.Result) {
	return func(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
		name, nk := policy.Str(r.Get("configurationName"))
		if nk == policy.Absent {
			name, nk = policy.Str(r.Get("name"))
		}
		if nk == policy.Unknown {
			return "", policy.Undecided("configurationName is computed; the rule cannot tell which server parameter this is")
		}
		accept, has := params[strings.ToLower(name)]
		if !has {
			return "", policy.NotApplicable("server parameter %s is not one this rule decides on", name)
		}
		v, vk := policy.Str(r.Get("value"))
		switch {
		case vk == policy.Unknown:
			return "", policy.Undecided("value of %s is computed", name)
		case vk == policy.Absent:
			return "", policy.Fail("value of %s is not set; set it explicitly", name)
		}
		good, want := accept(v)
		if !good {
			return "", policy.Fail("server parameter %s is %q; it must be %s", name, v, want)
		}
		return "server parameter " + name + " " + v, ok
	}
}

// tlsList accepts a server's TLS version list only when every listed version is 1.2 or later.
func tlsList(v string) (bool, string) {
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !tlsAtLeast12(p) {
			return false, "TLS 1.2 or later only (TLSv1.2,TLSv1.3)"
		}
	}
	return strings.TrimSpace(v) != "", "TLS 1.2 or later only (TLSv1.2,TLSv1.3)"
}

// tlsMinimums says, per type, which inputs set the minimum TLS version clients may use.
var tlsMinimums = map[string]typeSpec{
	typeSQLManagedInstance:  {what: "SQL managed instance", fields: []field{tlsField("", "minimalTlsVersion")}},
	typeWebApp:              {what: "web app", fields: []field{tlsField("1.2", "siteConfig", "minTlsVersion"), tlsField("1.2", "siteConfig", "scmMinTlsVersion")}},
	typeWebAppSlot:          {what: "web app slot", fields: []field{tlsField("1.2", "siteConfig", "minTlsVersion"), tlsField("1.2", "siteConfig", "scmMinTlsVersion")}},
	typeRedis:               {what: "Redis cache", fields: []field{tlsField("", "minimumTlsVersion")}},
	typeRedisEnterprise:     {what: "Redis Enterprise cluster", fields: []field{tlsField("1.2", "minimumTlsVersion")}},
	typeServiceBusNamespace: {what: "Service Bus namespace", fields: []field{tlsField("", "minimumTlsVersion")}},
	typeEventHubNamespace:   {what: "Event Hubs namespace", fields: []field{tlsField("", "minimumTlsVersion")}},
	typeCosmosAccount:       {what: "Cosmos DB account", fields: []field{tlsField("", "minimalTlsVersion")}},
	typeAFDCustomDomain:     {what: "Front Door custom domain", fields: []field{tlsField("TLS12", "tlsSettings", "minimumTlsVersion")}},
	typePGConfiguration: {what: "PostgreSQL server parameter", reads: []string{"value"},
		custom: serverParameter(map[string]func(string) (bool, string){
			"ssl_min_protocol_version": func(v string) (bool, string) { return tlsAtLeast12(v), "TLSv1.2 or TLSv1.3" },
		})},
	typeMySQLConfiguration: {what: "MySQL server parameter", reads: []string{"value"},
		custom: serverParameter(map[string]func(string) (bool, string){"tls_version": tlsList})},
	typeAppGateway: {what: "application gateway", reads: []string{"sslPolicy"}, custom: appGatewaySSLPolicy},
}

// strongAppGatewayPolicies are the predefined application gateway TLS policies with TLS 1.2 minimum.
var strongAppGatewayPolicies = []string{"AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"}

// appGatewaySSLPolicy decides an application gateway's sslPolicy. Absent, the gateway uses the API
// version's default policy, AppGwSslPolicy20220101 (TLS 1.2 minimum) for the network API versions
// azure-native v2 uses.
func appGatewaySSLPolicy(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
	pol := r.Get("sslPolicy")
	switch {
	case pol.IsComputed():
		return "", policy.Undecided("sslPolicy is computed; it must set TLS 1.2 or later")
	case pol.IsNull():
		return "sslPolicy AppGwSslPolicy20220101 (default)", ok
	}
	typ, tk := str(pol, "policyType")
	name, nk := str(pol, "policyName")
	minv, mk := str(pol, "minProtocolVersion")
	if tk == policy.Unknown || nk == policy.Unknown || mk == policy.Unknown {
		return "", policy.Undecided("sslPolicy is partly computed; it must set TLS 1.2 or later")
	}
	switch {
	case eqFold(typ, "Predefined"):
		for _, p := range strongAppGatewayPolicies {
			if eqFold(p, name) {
				return "sslPolicy " + name, ok
			}
		}
		return "", policy.Fail("sslPolicy.policyName %q allows TLS below 1.2; use %s", name, strings.Join(strongAppGatewayPolicies, ", "))
	case eqFold(typ, "Custom"), eqFold(typ, "CustomV2"):
		if !tlsAtLeast12(minv) {
			return "", policy.Fail("sslPolicy.minProtocolVersion %q allows TLS below 1.2; it must be TLSv1_2 or TLSv1_3", minv)
		}
		return "sslPolicy minProtocolVersion " + minv, ok
	case tk == policy.Absent && nk == policy.Absent && mk == policy.Absent:
		return "sslPolicy AppGwSslPolicy20220101 (default)", ok
	}
	return "", policy.Fail("sslPolicy.policyType %q is not Predefined, Custom or CustomV2; set a policy with TLS 1.2 or later", typ)
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-011",
		Title: "Services refuse TLS versions below 1.2",
		Description: "Every service that takes client connections must refuse TLS 1.0 and 1.1, in whichever " +
			"spelling the service uses (\"1.2\", \"TLS1_2\", \"Tls12\", \"TLSv1.2\", \"TLS12\"): SQL managed " +
			"instances, web apps and their SCM sites, Redis, Service Bus, Event Hubs, Cosmos DB, PostgreSQL " +
			"`ssl_min_protocol_version`, MySQL `tls_version`, Front Door custom domains and " +
			"application gateway TLS policies. Where the service's default is TLS 1.2 (web apps, Redis " +
			"Enterprise, Front Door, application gateway) an absent input passes; elsewhere it must be set. " +
			"Storage accounts and SQL servers have their own rules (ENC-001, ENC-007).",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: tableTypes(tlsMinimums),
		Remediation: "Set the minimum TLS version input to 1.2 (`minimumTlsVersion: \"1.2\"`, `minimalTlsVersion: " +
			"\"Tls12\"` on Cosmos DB, `siteConfig.minTlsVersion: \"1.2\"` on web apps, `sslPolicy: {policyType: " +
			"Predefined, policyName: AppGwSslPolicy20220101}` on application gateways, server parameter " +
			"ssl_min_protocol_version TLSv1.2 / tls_version TLSv1.2,TLSv1.3).",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "App Service apps should use the latest TLS version (f0e6e85b-9b9f-4a4b-b67b-f730d42f1b0b)"},
			{Source: "Azure Policy", ID: "Azure Cache for Redis should use TLS 1.2 or newer"},
			{Source: "Checkov", ID: "CKV_AZURE_15"},
			{Source: "Checkov", ID: "CKV_AZURE_148"},
		},
		Waivable: true,
		Reads:    tableReads(tlsMinimums),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return assess(ctx, tlsMinimums, r)
	},
})
