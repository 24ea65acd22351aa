package azure

import (
	"fmt"
	"slices"
	"strings"

	"github.com/policecloud/landingzones/policy"
)

// Strong IPsec and IKE algorithms, after the NCSC's IPsec profiles: AES (CBC or GCM), SHA-2, and
// Diffie-Hellman groups of 2048 bits or elliptic curves.
var (
	strongIKEEncryption   = []string{"AES128", "AES192", "AES256", "GCMAES128", "GCMAES256"}
	strongIKEIntegrity    = []string{"SHA256", "SHA384", "GCMAES128", "GCMAES256"}
	strongDHGroups        = []string{"DHGroup14", "DHGroup2048", "DHGroup24", "ECP256", "ECP384"}
	strongIPsecEncryption = []string{"AES128", "AES192", "AES256", "GCMAES128", "GCMAES192", "GCMAES256"}
	strongIPsecIntegrity  = []string{"SHA256", "GCMAES128", "GCMAES192", "GCMAES256"}
	strongPFSGroups       = []string{"PFS14", "PFS2048", "PFS24", "ECP256", "ECP384"}
)

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-013",
		Title: "Site-to-site VPN connections use IKEv2 and strong IPsec algorithms",
		Description: "A site-to-site connection (the PSN edge, an on-premises link) carries police data across " +
			"networks the force does not control. It must use IKEv2 (`connectionProtocol`, IKEv1 is weaker) and a " +
			"custom `ipsecPolicies` entry with AES, SHA-2 and Diffie-Hellman groups of at least 2048 bits or " +
			"elliptic curves, with perfect forward secrecy: Azure's default proposals, used when no policy is set, " +
			"still offer SHA1 and DH group 2. DES, 3DES, MD5, SHA1, DH groups 1 and 2 and PFS None, 1 and 2 fail.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityHigh,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"1"},
		ResourceTypes: []string{typeVNetGatewayConnection},
		Remediation: "Set `connectionProtocol: IKEv2` and `ipsecPolicies: [{ikeEncryption: GCMAES256, ikeIntegrity: SHA384, " +
			"dhGroup: ECP384, ipsecEncryption: GCMAES256, ipsecIntegrity: GCMAES256, pfsGroup: ECP384, saLifeTimeSeconds: 27000, " +
			"saDataSizeKilobytes: 102400000}]`.",
		References: []policy.Reference{
			{Source: "NCSC", ID: "Using IPsec to protect data (PRIME and Foundation profiles)"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeVNetGatewayConnection, "connectionProtocol", "ipsecPolicies"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		proto, pk := policy.Str(r.Get("connectionProtocol"))
		switch {
		case pk == policy.Unknown:
			return policy.Undecided("connectionProtocol is computed; it must be IKEv2")
		case pk == policy.Present && !eqFold(proto, "IKEv2"):
			return policy.Fail("connectionProtocol is %q; it must be IKEv2", proto)
		}
		policies, k := list(r.Get("ipsecPolicies"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("ipsecPolicies is computed; it must name strong IKE and IPsec algorithms")
		case len(policies) == 0:
			return policy.Fail("ipsecPolicies is not set, so Azure's default proposals apply, which still offer SHA1 and DH group 2; set a custom policy with AES, SHA-2 and DH group 14 or an elliptic curve")
		}
		for i, p := range policies {
			for _, c := range []struct {
				key    string
				strong []string
			}{
				{"ikeEncryption", strongIKEEncryption}, {"ikeIntegrity", strongIKEIntegrity}, {"dhGroup", strongDHGroups},
				{"ipsecEncryption", strongIPsecEncryption}, {"ipsecIntegrity", strongIPsecIntegrity}, {"pfsGroup", strongPFSGroups},
			} {
				name := fmt.Sprintf("ipsecPolicies[%d].%s", i, c.key)
				v, vk := str(p, c.key)
				switch {
				case p.IsComputed() || vk == policy.Unknown:
					return policy.Undecided("%s is computed; it must be one of %s", name, strings.Join(c.strong, ", "))
				case vk == policy.Absent:
					return policy.Fail("%s is not set; it must be one of %s", name, strings.Join(c.strong, ", "))
				case !slices.ContainsFunc(c.strong, func(s string) bool { return eqFold(s, v) }):
					return policy.Fail("%s %q is weak; it must be one of %s", name, v, strings.Join(c.strong, ", "))
				}
			}
		}
		return policy.Pass("IKEv2 with %s", plural(len(policies), "strong IPsec policy", "strong IPsec policies"))
	},
})
