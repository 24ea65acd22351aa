package azure

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

func in(kv ...any) func() map[string]any {
	return func() map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
}

const tlsWhy = "lets clients connect with TLS versions that have known weaknesses"

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-ENC-011",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeRedis, "redis", in("location", "uksouth", "minimumTlsVersion", "1.2")())}
	},
	BaselineMessage: "Redis cache: minimumTlsVersion 1.2",
	Cases: []policytest.Case{
		variant("redis 1.0", typeRedis, in("minimumTlsVersion", "1.0"), nil, policy.StatusFail,
			`minimumTlsVersion is "1.0", which `+tlsWhy+`; it must be TLS 1.2 or later`),
		variant("redis not set", typeRedis, in(), nil, policy.StatusFail,
			"minimumTlsVersion is not set; it must be TLS 1.2 or later ("+tlsWhy+" otherwise)"),
		variant("redis computed", typeRedis, in(), computed("minimumTlsVersion"), policy.StatusUnknown,
			"minimumTlsVersion is computed; it must be TLS 1.2 or later"),
		variant("managed instance 1.1", typeSQLManagedInstance, in("minimalTlsVersion", "1.1"), nil, policy.StatusFail,
			`minimalTlsVersion is "1.1", which `+tlsWhy+`; it must be TLS 1.2 or later`),
		variant("web app defaults", typeWebApp, in("siteConfig", map[string]any{}), nil, policy.StatusPass,
			"web app: siteConfig.minTlsVersion 1.2 (default), siteConfig.scmMinTlsVersion 1.2 (default)"),
		variant("web app 1.0", typeWebApp, in("siteConfig", map[string]any{"minTlsVersion": "1.0"}), nil, policy.StatusFail,
			`siteConfig.minTlsVersion is "1.0", which `+tlsWhy+`; it must be TLS 1.2 or later`),
		variant("web app slot scm 1.1", typeWebAppSlot, in("siteConfig", map[string]any{"minTlsVersion": "1.3", "scmMinTlsVersion": "1.1"}), nil, policy.StatusFail,
			`siteConfig.scmMinTlsVersion is "1.1", which `+tlsWhy+`; it must be TLS 1.2 or later`),
		variant("redis enterprise 1.0", typeRedisEnterprise, in("minimumTlsVersion", "1.0"), nil, policy.StatusFail,
			`minimumTlsVersion is "1.0", which `+tlsWhy+`; it must be TLS 1.2 or later`),
		variant("service bus 1.1", typeServiceBusNamespace, in("minimumTlsVersion", "1.1"), nil, policy.StatusFail,
			`minimumTlsVersion is "1.1", which `+tlsWhy+`; it must be TLS 1.2 or later`),
		variant("event hubs not set", typeEventHubNamespace, in(), nil, policy.StatusFail,
			"minimumTlsVersion is not set; it must be TLS 1.2 or later ("+tlsWhy+" otherwise)"),
		variant("cosmos Tls12", typeCosmosAccount, in("minimalTlsVersion", "Tls12"), nil, policy.StatusPass,
			"Cosmos DB account: minimalTlsVersion Tls12"),
		variant("cosmos Tls", typeCosmosAccount, in("minimalTlsVersion", "Tls"), nil, policy.StatusFail,
			`minimalTlsVersion is "Tls", which `+tlsWhy+`; it must be TLS 1.2 or later`),
		variant("front door custom domain TLS10", typeAFDCustomDomain, in("tlsSettings", map[string]any{"minimumTlsVersion": "TLS10"}), nil, policy.StatusFail,
			`tlsSettings.minimumTlsVersion is "TLS10", which `+tlsWhy+`; it must be TLS 1.2 or later`),
		variant("postgres ssl_min_protocol_version TLSv1", typePGConfiguration, in("configurationName", "ssl_min_protocol_version", "value", "TLSv1"), nil, policy.StatusFail,
			`server parameter ssl_min_protocol_version is "TLSv1"; it must be TLSv1.2 or TLSv1.3`),
		variant("postgres other parameter", typePGConfiguration, in("configurationName", "log_connections", "value", "on"), nil, policy.StatusNotApplicable,
			"server parameter log_connections is not one this rule decides on"),
		variant("mysql tls_version with 1.1", typeMySQLConfiguration, in("configurationName", "tls_version", "value", "TLSv1.1,TLSv1.2"), nil, policy.StatusFail,
			`server parameter tls_version is "TLSv1.1,TLSv1.2"; it must be TLS 1.2 or later only (TLSv1.2,TLSv1.3)`),
		variant("mysql tls_version 1.2 and 1.3", typeMySQLConfiguration, in("configurationName", "tls_version", "value", "TLSv1.2,TLSv1.3"), nil, policy.StatusPass,
			"MySQL server parameter: server parameter tls_version TLSv1.2,TLSv1.3"),
		variant("app gateway default policy", typeAppGateway, in("location", "uksouth"), nil, policy.StatusPass,
			"application gateway: sslPolicy AppGwSslPolicy20220101 (default)"),
		variant("app gateway 2015 policy", typeAppGateway, in("sslPolicy", map[string]any{"policyType": "Predefined", "policyName": "AppGwSslPolicy20150501"}), nil, policy.StatusFail,
			`sslPolicy.policyName "AppGwSslPolicy20150501" allows TLS below 1.2; use AppGwSslPolicy20170401S, AppGwSslPolicy20220101, AppGwSslPolicy20220101S`),
		variant("app gateway custom TLSv1_1", typeAppGateway, in("sslPolicy", map[string]any{"policyType": "CustomV2", "minProtocolVersion": "TLSv1_1"}), nil, policy.StatusFail,
			`sslPolicy.minProtocolVersion "TLSv1_1" allows TLS below 1.2; it must be TLSv1_2 or TLSv1_3`),
	},
})

func TestTLSVersionSpellings(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"1.2", "1.3", "TLS1_2", "TLS1_3", "Tls12", "Tls13", "TLSv1.2", "TLSv1_2", "TLS12", "TLSv1_3", " tls1_2 "} {
		assert.True(t, tlsAtLeast12(s), "%q", s)
	}
	for _, s := range []string{"1.0", "1.1", "TLS1_0", "TLS1_1", "Tls", "Tls11", "TLSv1", "TLSv1.1", "TLS10", "", "SSL3", "TLS", "1.x", "99"} {
		assert.False(t, tlsAtLeast12(s), "%q", s)
	}
}

func FuzzTLSVersion(f *testing.F) {
	for _, s := range []string{"1.2", "TLS1_2", "Tls12", "TLSv1.3", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		major, minor, ok := tlsVersion(s)
		if ok && (major < 1 || major > 9 || minor < 0 || minor > 9) {
			t.Fatalf("%q parsed to %d.%d", s, major, minor)
		}
	})
}
