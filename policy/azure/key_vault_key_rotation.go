package azure

import "github.com/policecloud/landingzones/policy"

var _ = register(policy.Rule{
	Meta: policy.Meta{
		ID:    "PCLZ-AZR-ENC-005",
		Title: "Key Vault keys rotate automatically",
		Description: "Each customer key has a rotation policy with a lifetime action of type Rotate and a " +
			"trigger (`properties.rotationPolicy.lifetimeActions[]: {action: {type: Rotate}, trigger: " +
			"{timeAfterCreate | timeBeforeExpiry}}`), so keys protecting police data do not live for ever.",
		Pack:          policy.PackEncryption,
		Severity:      policy.SeverityMedium,
		Enforcement:   policy.Mandatory,
		Principles:    []string{"2.3"},
		ResourceTypes: []string{typeKey},
		Remediation: "Set `properties.rotationPolicy: {lifetimeActions: [{action: {type: \"Rotate\"}, trigger: " +
			"{timeAfterCreate: \"P365D\"}}], attributes: {expiryTime: \"P2Y\"}}` on the key.",
		References: []policy.Reference{
			{Source: "Azure Policy", ID: "Keys should have a rotation policy ensuring that their rotation is scheduled within the specified number of days after creation (d8cf8476-a2ec-4916-896e-992351803c44)"},
		},
		Waivable: true,
		Reads:    policy.Reads(typeKey, "properties.rotationPolicy.lifetimeActions"),
	},
	Check: func(_ *policy.Context, r *policy.Resource) policy.Result {
		actions, k := policy.List(r.Get("properties", "rotationPolicy", "lifetimeActions"))
		switch {
		case k == policy.Unknown:
			return policy.Undecided("properties.rotationPolicy.lifetimeActions is computed; it must hold a Rotate action")
		case k == policy.Absent || len(actions) == 0:
			return policy.Fail("the key has no rotation policy lifetime actions; add a Rotate action with a trigger")
		}
		unknown := false
		for _, a := range actions {
			typ, tk := str(a, "action", "type")
			if tk == policy.Unknown {
				unknown = true
				continue
			}
			if !eqFold(typ, "Rotate") {
				continue
			}
			for _, trig := range []string{"timeAfterCreate", "timeBeforeExpiry"} {
				when, wk := str(a, "trigger", trig)
				if wk == policy.Unknown {
					unknown = true
				}
				if wk == policy.Present && when != "" {
					if trig == "timeAfterCreate" {
						return policy.Pass("the key rotates %s after creation", when)
					}
					return policy.Pass("the key rotates %s before expiry", when)
				}
			}
		}
		if unknown {
			return policy.Undecided("a rotation policy lifetime action is computed; it must include a Rotate action with a trigger")
		}
		return policy.Fail("the rotation policy has no Rotate action with a trigger (timeAfterCreate or timeBeforeExpiry); Notify alone does not rotate the key")
	},
})
