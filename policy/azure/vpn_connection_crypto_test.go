package azure

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
)

var _ = fixtures.Add(policytest.Fixture{
	RuleID: "PCLZ-AZR-ENC-013",
	Resources: func() []*policy.Resource {
		return []*policy.Resource{policytest.Azure(typeVNetGatewayConnection, "psn", map[string]any{
			"location": "uksouth", "connectionType": "IPsec", "connectionProtocol": "IKEv2",
			"ipsecPolicies": []any{map[string]any{
				"ikeEncryption": "GCMAES256", "ikeIntegrity": "SHA384", "dhGroup": "ECP384",
				"ipsecEncryption": "GCMAES256", "ipsecIntegrity": "GCMAES256", "pfsGroup": "ECP384",
				"saLifeTimeSeconds": 27000, "saDataSizeKilobytes": 102400000,
			}},
		})}
	},
	BaselineMessage: "IKEv2 with 1 strong IPsec policy",
	Cases: []policytest.Case{
		{
			Name:    "IKEv1",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Set(rs[0], "IKEv1", "connectionProtocol") },
			Want:    policy.StatusFail,
			Message: `connectionProtocol is "IKEv1"; it must be IKEv2`,
		},
		{
			Name:    "default proposals",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "ipsecPolicies") },
			Want:    policy.StatusFail,
			Message: "ipsecPolicies is not set, so Azure's default proposals apply, which still offer SHA1 and DH group 2; set a custom policy with AES, SHA-2 and DH group 14 or an elliptic curve",
		},
		{
			Name: "DH group 2",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "DHGroup2", "ipsecPolicies", 0, "dhGroup")
			},
			Want:    policy.StatusFail,
			Message: `ipsecPolicies[0].dhGroup "DHGroup2" is weak; it must be one of DHGroup14, DHGroup2048, DHGroup24, ECP256, ECP384`,
		},
		{
			Name: "SHA1 integrity",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "SHA1", "ipsecPolicies", 0, "ipsecIntegrity")
			},
			Want:    policy.StatusFail,
			Message: `ipsecPolicies[0].ipsecIntegrity "SHA1" is weak; it must be one of SHA256, GCMAES128, GCMAES192, GCMAES256`,
		},
		{
			Name: "no PFS",
			Mutate: func(rs []*policy.Resource, _ *policy.Context) {
				policytest.Set(rs[0], "None", "ipsecPolicies", 0, "pfsGroup")
			},
			Want:    policy.StatusFail,
			Message: `ipsecPolicies[0].pfsGroup "None" is weak; it must be one of PFS14, PFS2048, PFS24, ECP256, ECP384`,
		},
		{
			Name:    "protocol absent (IKEv2 is the default)",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.Delete(rs[0], "connectionProtocol") },
			Want:    policy.StatusPass,
			Message: "IKEv2 with 1 strong IPsec policy",
		},
		{
			Name:    "policy computed",
			Mutate:  func(rs []*policy.Resource, _ *policy.Context) { policytest.SetComputed(rs[0], "ipsecPolicies", 0) },
			Want:    policy.StatusUnknown,
			Message: `ipsecPolicies[0].ikeEncryption is computed; it must be one of AES128, AES192, AES256, GCMAES128, GCMAES256`,
		},
	},
})
