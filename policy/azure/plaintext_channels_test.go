package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func secureWebApp() map[string]any {
	return map[string]any{"location": "uksouth", "httpsOnly": true, "siteConfig": map[string]any{"ftpsState": "Disabled"}}
}

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-ENC-012",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeWebApp, "app", secureWebApp())}
	},
	BaselineMessage: "web app: httpsOnly true, siteConfig.ftpsState Disabled",
	Cases: []policytest.Case{
		variant("web app httpsOnly unset", typeWebApp, secureWebApp, del("httpsOnly"), policy.StatusFail,
			"httpsOnly is not set (Azure's default is false, which serves the app over plain HTTP); it must be true"),
		variant("web app FTP allowed", typeWebApp, secureWebApp, set("AllAllowed", "siteConfig", "ftpsState"), policy.StatusFail,
			`siteConfig.ftpsState is "AllAllowed", which accepts deployments over plain FTP; it must be FtpsOnly or Disabled`),
		variant("web app slot ftps default", typeWebAppSlot, secureWebApp, del("siteConfig"), policy.StatusFail,
			"siteConfig.ftpsState is not set (Azure's default is AllAllowed, which accepts deployments over plain FTP); it must be FtpsOnly or Disabled"),
		variant("redis non-TLS port", typeRedis, in("enableNonSslPort", true), nil, policy.StatusFail,
			"enableNonSslPort is true, which opens port 6379 without TLS; it must be false"),
		variant("redis default", typeRedis, in(), nil, policy.StatusPass, "Redis cache: enableNonSslPort false (default)"),
		variant("redis enterprise plaintext", typeRedisEnterpriseDB, in("clientProtocol", "Plaintext"), nil, policy.StatusFail,
			`clientProtocol is "Plaintext", which lets clients connect without TLS; it must be Encrypted`),
		variant("container app insecure", typeContainerApp, in("configuration", map[string]any{"ingress": map[string]any{"allowInsecure": true}}), nil, policy.StatusFail,
			"configuration.ingress.allowInsecure is true, which serves the app over plain HTTP; it must be false"),
		variant("storage NFS 3.0", typeStorageAccount, in("enableNfsV3", true), nil, policy.StatusFail,
			"enableNfsV3 is true, which serves blobs over NFS 3.0, which carries data unencrypted; it must be false"),
		variant("file share NFS", typeFileShare, in("enabledProtocols", "NFS"), nil, policy.StatusFail,
			`enabledProtocols is "NFS", which serves the share over NFS, which carries data unencrypted; it must be SMB`),
		variant("front door route http without redirect", typeAFDRoute, in("forwardingProtocol", "HttpsOnly", "supportedProtocols", []any{"Http", "Https"}), nil, policy.StatusFail,
			"the route accepts HTTP and httpsRedirect is Disabled, so requests travel in clear; set httpsRedirect Enabled or supportedProtocols [Https]"),
		variant("front door route http to origin", typeAFDRoute, in("forwardingProtocol", "HttpOnly", "httpsRedirect", "Enabled"), nil, policy.StatusFail,
			`forwardingProtocol is "HttpOnly", which lets Front Door reach the origin over plain HTTP; it must be HttpsOnly`),
		variant("front door route redirect", typeAFDRoute, in("forwardingProtocol", "HttpsOnly", "httpsRedirect", "Enabled"), nil, policy.StatusPass,
			"Front Door route: forwardingProtocol HttpsOnly, HTTP redirected to HTTPS"),
		variant("classic front door forwards http", typeFrontDoor, in("location", "global", "routingRules", []any{map[string]any{"acceptedProtocols": []any{"Http", "Https"},
			"routeConfiguration": map[string]any{"odataType": "#Microsoft.Azure.FrontDoor.Models.FrontdoorForwardingConfiguration"}}}), nil, policy.StatusFail,
			"routingRules[0] accepts HTTP without redirecting it to HTTPS; accept Https only or redirect with redirectProtocol HttpsOnly"),
		variant("classic front door redirects http", typeFrontDoor, in("location", "global", "routingRules", []any{map[string]any{"acceptedProtocols": []any{"Http"},
			"routeConfiguration": map[string]any{"odataType": "#Microsoft.Azure.FrontDoor.Models.FrontdoorRedirectConfiguration", "redirectProtocol": "HttpsOnly"}}}), nil, policy.StatusPass,
			"Front Door: backendPoolsSettings.enforceCertificateNameCheck Enabled (default), no routing rule forwards HTTP"),
		variant("postgres require_secure_transport off", typePGConfiguration, in("configurationName", "require_secure_transport", "value", "off"), nil, policy.StatusFail,
			`server parameter require_secure_transport is "off"; it must be ON`),
		variant("mysql require_secure_transport OFF", typeMySQLConfiguration, in("configurationName", "require_secure_transport", "value", "OFF"), nil, policy.StatusFail,
			`server parameter require_secure_transport is "OFF"; it must be ON`),
		variant("app gateway http listener", typeAppGateway, in("httpListeners", []any{map[string]any{"name": "http", "protocol": "Http"}}), nil, policy.StatusFail,
			`HTTP listeners "http" serve traffic in clear with no redirect to an HTTPS listener; use Https or add a redirectConfiguration with targetListener`),
		variant("app gateway http redirected", typeAppGateway, in("httpListeners", []any{map[string]any{"name": "http", "protocol": "Http"}, map[string]any{"name": "https", "protocol": "Https"}},
			"redirectConfigurations", []any{map[string]any{"name": "to-https", "redirectType": "Permanent", "targetListener": map[string]any{"id": "https-listener-id"}}}), nil, policy.StatusPass,
			"application gateway: HTTP listeners http redirect to HTTPS"),
	},
})
