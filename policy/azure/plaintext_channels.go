package azure

import (
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// plaintextChannels says, per type, which inputs open a channel that carries data unencrypted.
var plaintextChannels = map[string]typeSpec{
	typeWebApp: {what: "web app", fields: []field{
		{path: []any{"httpsOnly"}, ok: []string{"true"}, def: "false", why: "serves the app over plain HTTP"},
		{path: []any{"siteConfig", "ftpsState"}, ok: []string{"FtpsOnly", "Disabled"}, def: "AllAllowed", why: "accepts deployments over plain FTP"},
	}},
	typeWebAppSlot: {what: "web app slot", fields: []field{
		{path: []any{"httpsOnly"}, ok: []string{"true"}, def: "false", why: "serves the app over plain HTTP"},
		{path: []any{"siteConfig", "ftpsState"}, ok: []string{"FtpsOnly", "Disabled"}, def: "AllAllowed", why: "accepts deployments over plain FTP"},
	}},
	typeRedis: {what: "Redis cache", fields: []field{
		{path: []any{"enableNonSslPort"}, ok: []string{"false"}, def: "false", why: "opens port 6379 without TLS"},
	}},
	typeRedisEnterpriseDB: {what: "Redis Enterprise database", fields: []field{
		{path: []any{"clientProtocol"}, ok: []string{"Encrypted"}, def: "Encrypted", why: "lets clients connect without TLS"},
	}},
	typeContainerApp: {what: "container app", fields: []field{
		{path: []any{"configuration", "ingress", "allowInsecure"}, ok: []string{"false"}, def: "false", why: "serves the app over plain HTTP"},
	}},
	typeStorageAccount: {what: "storage account", fields: []field{
		{path: []any{"enableNfsV3"}, ok: []string{"false"}, def: "false", why: "serves blobs over NFS 3.0, which carries data unencrypted"},
	}},
	typeFileShare: {what: "file share", fields: []field{
		{path: []any{"enabledProtocols"}, ok: []string{"SMB"}, def: "SMB", why: "serves the share over NFS, which carries data unencrypted"},
	}},
	typeAFDRoute: {what: "Front Door route", reads: []string{"httpsRedirect", "supportedProtocols"},
		fields: []field{{path: []any{"forwardingProtocol"}, ok: []string{"HttpsOnly"}, def: "MatchRequest", why: "lets Front Door reach the origin over plain HTTP"}},
		custom: afdRouteHTTP},
	typeFrontDoor: {what: "Front Door", reads: []string{"routingRules.acceptedProtocols"},
		fields: []field{{path: []any{"backendPoolsSettings", "enforceCertificateNameCheck"}, ok: []string{"Enabled"}, def: "Enabled", why: "accepts any certificate from the backend"}},
		custom: frontDoorHTTP},
	typePGConfiguration: {what: "PostgreSQL server parameter", reads: []string{"value"},
		custom: serverParameter(map[string]func(string) (bool, string){"require_secure_transport": onOnly})},
	typeMySQLConfiguration: {what: "MySQL server parameter", reads: []string{"value"},
		custom: serverParameter(map[string]func(string) (bool, string){"require_secure_transport": onOnly})},
	typeAppGateway: {what: "application gateway", reads: []string{"httpListeners.protocol"}, custom: appGatewayHTTP},
}

// onOnly accepts a server parameter that is ON.
func onOnly(v string) (bool, string) { return eqFold(v, "on") || eqFold(v, "true"), "ON" }

// afdRouteHTTP fails a Front Door route that accepts HTTP without redirecting it to HTTPS.
func afdRouteHTTP(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
	protos, pk := policy.Strings(r.Get("supportedProtocols"))
	redirect, rk := policy.Str(r.Get("httpsRedirect"))
	if pk == policy.Unknown || rk == policy.Unknown {
		return "", policy.Undecided("supportedProtocols or httpsRedirect is computed; HTTP must redirect to HTTPS")
	}
	if pk == policy.Absent {
		protos = []string{"Http", "Https"} // the service default
	}
	http := false
	for _, p := range protos {
		http = http || eqFold(p, "Http")
	}
	if !http {
		return "HTTPS only", ok
	}
	if rk == policy.Absent {
		redirect = "Disabled" // the service default
	}
	if !eqFold(redirect, "Enabled") {
		return "", policy.Fail("the route accepts HTTP and httpsRedirect is %s, so requests travel in clear; set httpsRedirect Enabled or supportedProtocols [Https]", redirect)
	}
	return "HTTP redirected to HTTPS", ok
}

// frontDoorHTTP fails a classic Front Door routing rule that accepts HTTP and forwards it instead of
// redirecting to HTTPS.
func frontDoorHTTP(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
	rules, k := list(r.Get("routingRules"))
	if k == policy.Unknown {
		return "", policy.Undecided("routingRules is computed; HTTP must redirect to HTTPS")
	}
	for i, rule := range rules {
		protos, pk := policy.Strings(at(rule, "acceptedProtocols"))
		if pk == policy.Unknown {
			return "", policy.Undecided("routingRules[%d].acceptedProtocols is computed; HTTP must redirect to HTTPS", i)
		}
		http := false
		for _, p := range protos {
			http = http || eqFold(p, "Http")
		}
		if !http {
			continue
		}
		odata, _ := str(rule, "routeConfiguration", "odataType")
		proto, _ := str(rule, "routeConfiguration", "redirectProtocol")
		if !strings.HasSuffix(odata, "RedirectConfiguration") || !eqFold(proto, "HttpsOnly") {
			return "", policy.Fail("routingRules[%d] accepts HTTP without redirecting it to HTTPS; accept Https only or redirect with redirectProtocol HttpsOnly", i)
		}
	}
	return "no routing rule forwards HTTP", ok
}

// appGatewayHTTP fails an application gateway with an HTTP listener unless a redirect configuration
// sends HTTP to another (HTTPS) listener.
func appGatewayHTTP(_ *policy.Context, r *policy.Resource) (string, policy.Result) {
	listeners, k := list(r.Get("httpListeners"))
	if k == policy.Unknown {
		return "", policy.Undecided("httpListeners is computed; every listener must use HTTPS or redirect to it")
	}
	var plain []string
	for i, l := range listeners {
		p, pk := str(l, "protocol")
		if pk == policy.Unknown {
			return "", policy.Undecided("httpListeners[%d].protocol is computed; every listener must use HTTPS or redirect to it", i)
		}
		if eqFold(p, "Http") {
			n, _ := str(l, "name")
			plain = append(plain, n)
		}
	}
	if len(plain) == 0 {
		return "HTTPS listeners only", ok
	}
	redirects, _ := list(r.Get("redirectConfigurations"))
	for _, rc := range redirects {
		if tl := at(rc, "targetListener", "id"); present(tl) || tl.IsComputed() {
			return "HTTP listeners " + strings.Join(plain, ", ") + " redirect to HTTPS", ok
		}
	}
	return "", policy.Fail("HTTP listeners %s serve traffic in clear with no redirect to an HTTPS listener; use Https or add a redirectConfiguration with targetListener", quoteAll(plain))
}

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-012",
		Title: "No service opens a channel that carries data in clear",
		Description: "Police data must never cross a network in clear: web apps serve HTTPS only (`httpsOnly`, " +
			"default false) and refuse plain FTP (`siteConfig.ftpsState`, default AllAllowed); Redis keeps its " +
			"non-TLS port closed; Redis Enterprise databases and PostgreSQL and MySQL flexible servers " +
			"(`require_secure_transport`) require TLS; container apps refuse insecure ingress; " +
			"storage serves neither NFS 3.0 blobs nor NFS shares (no encryption in transit); Front Door and " +
			"application gateways redirect HTTP to HTTPS and reach origins over HTTPS.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: tableTypes(plaintextChannels),
		Remediation: "Set `httpsOnly: true` and `siteConfig.ftpsState: FtpsOnly` (or Disabled) on web apps, " +
			"`enableNonSslPort: false` on Redis, server parameter require_secure_transport ON, HTTPS listeners " +
			"(or an HTTP-to-HTTPS redirect) on application gateways and Front Door, `forwardingProtocol: HttpsOnly` on routes.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "App Service apps should only be accessible over HTTPS (a4af4a39-4135-47fb-b175-47fbdf85311d)"},
			{Source: "Azure Policy", ID: "FTPS only should be required in your App Service apps (4d24b6d4-5e53-4a4f-a7f4-618fa573ee4b)"},
			{Source: "Azure Policy", ID: "Only secure connections to your Azure Cache for Redis should be enabled (22bee202-a82f-4305-9a2a-6d7f44d4dedb)"},
			{Source: "Checkov", ID: "CKV_AZURE_14"},
			{Source: "Checkov", ID: "CKV_AZURE_78"},
		},
		Waivable: true,
		Reads:    tableReads(plaintextChannels),
	},
	Check: func(ctx *policy.Context, r *policy.Resource) policy.Result {
		return assess(ctx, plaintextChannels, r)
	},
})
