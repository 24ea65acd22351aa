//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	azurenative "github.com/pulumi/pulumi-azure-native-sdk/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/packconfig"
)

// The pack's own policies, as the engine names them.
const (
	inputsPolicy = packconfig.InputsPolicy
	configPolicy = packconfig.ConfigPolicy
)

// previewWith previews s with the pack and, when cfg is not "", the policy-pack config file cfg.
func previewWith(s auto.Stack, cfg string) outcome { return previewPack(s, h.packDir, cfg) }

// messages are the violation texts (after the policy's description) the pack reported for policy,
// without the line end the engine adds.
func (o outcome) messages(policy string) []string {
	var out []string
	for _, e := range o.policyEvents() {
		if e.PolicyName == policy {
			_, body, _ := strings.Cut(e.Message, "\n")
			out = append(out, strings.TrimSpace(body))
		}
	}
	slices.Sort(out)
	return out
}

// levels are the enforcement levels the engine recorded for policy's violations.
func (o outcome) levels(policy string) []string {
	var out []string
	for _, e := range o.policyEvents() {
		if e.PolicyName == policy && !slices.Contains(out, e.EnforcementLevel) {
			out = append(out, e.EnforcementLevel)
		}
	}
	slices.Sort(out)
	return out
}

func writeTemp(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPackConfigRefused: policy config that disables a never-waivable rule, sets every policy advisory,
// or widens a region list is refused under the real engine. The engine takes the level the pack puts on
// each violation (it does not re-apply the config), so the rules still block, and the pack's input
// policy names every refused setting as a mandatory violation.
func TestPackConfigRefused(t *testing.T) {
	v := variant(t, "e2e-region-us-east-1")
	s := h.stack(t, "e2e-config-refused", v.ConfigStack, v.Program)
	for _, c := range []struct {
		name, cfg string
		inputs    []string
	}{
		{
			name: "disable and widen",
			cfg:  `{"PCLZ-AWS-REG-001": "disabled", "PCLZ-AWS-REG-002": {"enforcementLevel": "advisory", "allowedRegions": ["eu-west-2", "us-east-1"]}}`,
			inputs: []string{
				`policy config: PCLZ-AWS-REG-001: enforcementLevel "disabled" refused: the rule is never waivable, so it stays mandatory`,
				`policy config: PCLZ-AWS-REG-002: allowedRegions: ["eu-west-2","us-east-1"] refused: allowed a non-empty list of regions from the UK list (eu-west-2); the rule keeps the UK list`,
				`policy config: PCLZ-AWS-REG-002: enforcementLevel "advisory" refused: the rule is never waivable, so it stays mandatory`,
			},
		},
		{
			name: "all advisory",
			cfg:  `{"all": "advisory"}`,
			inputs: []string{
				`policy config: PCLZ-AWS-REG-001: enforcementLevel "advisory" refused: the rule is never waivable, so it stays mandatory`,
				`policy config: PCLZ-AWS-REG-002: enforcementLevel "advisory" refused: the rule is never waivable, so it stays mandatory`,
				`policy config: pclz-pack-inputs: enforcementLevel "advisory" refused: the pack's own policy stays mandatory`,
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := previewWith(s, writeTemp(t, "policy.json", c.cfg))
			if err := o.refused(append(slices.Clone(v.Want), inputsPolicy)); err != nil {
				t.Fatal(err)
			}
			got := o.messages(inputsPolicy)
			for _, want := range c.inputs {
				if !slices.Contains(got, want) {
					t.Errorf("%s: the input policy does not report\n  %s\ngot:\n  %s", o.op, want, strings.Join(got, "\n  "))
				}
			}
			for _, id := range v.Want {
				if lv := o.levels(id); !slices.Equal(lv, []string{"mandatory"}) {
					t.Errorf("%s: %s reported at %v, want mandatory", o.op, id, lv)
				}
			}
		})
	}
}

// TestPackConfigAccepted: config that only narrows or changes a waivable rule is in force under the
// engine and listed by the config policy; the engine records the rule's violations at the level set.
func TestPackConfigAccepted(t *testing.T) {
	v := variant(t, "e2e-encryption-no-cmk")
	s := h.stack(t, "e2e-config-accepted", v.ConfigStack, v.Program)
	o := previewWith(s, writeTemp(t, "policy.json", `{"PCLZ-AWS-ENC-001": "advisory", "PCLZ-AWS-REG-001": {"allowedRegions": ["eu-west-2"]}}`))
	if o.err != nil {
		t.Fatalf("%s failed: %v\n%s%s", o.op, o.err, o.describe(), o.log)
	}
	if err := o.compliant(); err != nil {
		t.Fatal(err)
	}
	if lv := o.levels("PCLZ-AWS-ENC-001"); !slices.Equal(lv, []string{"advisory"}) {
		t.Errorf("%s: PCLZ-AWS-ENC-001 reported at %v, want advisory", o.op, lv)
	}
	want := []string{"policy config in force: PCLZ-AWS-ENC-001 enforcementLevel advisory (default mandatory)"}
	if got := o.messages(configPolicy); !slices.Equal(got, want) {
		t.Errorf("%s: config policy lists %q, want %q", o.op, got, want)
	}
	if lv := o.levels(configPolicy); !slices.Equal(lv, []string{"advisory"}) {
		t.Errorf("%s: config policy at %v, want advisory", o.op, lv)
	}

	// Without the config the same program is refused: the config above is what let it pass.
	if err := previewWith(s, "").refused(v.Want); err != nil {
		t.Fatal(err)
	}
}

// TestRetainOnDeleteUnderTheEngine: the engine does not send retainOnDelete, so PCLZ-COM-RES-002 can
// never fail there. The pack says so honestly: the rule never reports a violation and, for every
// stateful resource of a tier that requires retention, the unknown-values policy reports it as advisory
// with the reason.
func TestRetainOnDeleteUnderTheEngine(t *testing.T) {
	v := variant(t, "e2e-baseline-bucket")
	s := h.stack(t, "e2e-retain-advisory", v.ConfigStack, v.Program)
	o := previewWith(s, "")
	if err := o.compliant(); err != nil {
		t.Fatal(err)
	}
	if got := o.messages("PCLZ-COM-RES-002"); len(got) > 0 {
		t.Fatalf("%s: PCLZ-COM-RES-002 decided under the engine: %q", o.op, got)
	}
	n := 0
	for _, m := range o.messages(unknownPolicy) {
		if strings.HasPrefix(m, "PCLZ-COM-RES-002: the Pulumi engine does not report retainOnDelete to policy packs") {
			n++
		}
	}
	if n < 2 {
		t.Fatalf("%s: %d advisory RES-002 notes, want one per stateful resource (the key and the bucket at least):\n%s", o.op, n, o.describe())
	}
	if lv := o.levels(unknownPolicy); !slices.Equal(lv, []string{"advisory"}) {
		t.Errorf("%s: unknown-values policy at %v, want advisory", o.op, lv)
	}
}

// ukwestGroup is a tagged resource group, and its explicit provider, in ukwest: compliant under met-gold
// with the default Azure list (uksouth, ukwest).
func ukwestGroup(ctx *pulumi.Context) error {
	p, err := azurenative.NewProvider(ctx, "azure", &azurenative.ProviderArgs{Location: pulumi.String("ukwest")})
	if err != nil {
		return err
	}
	_, err = resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{
		Location: pulumi.String("ukwest"),
		Tags: pulumi.StringMap{"Force": pulumi.String("met"), "Tier": pulumi.String("Gold"), "Classification": pulumi.String("OFFICIAL"),
			"Owner": pulumi.String("platform"), "ManagedBy": pulumi.String("pulumi")},
	}, pulumi.Provider(p))
	return err
}

// TestPackConfigNarrowing: narrowing a region rule's list is accepted under the engine, listed, and in
// force: the ukwest group that passes with the UK list fails PCLZ-AZR-REG-001 once the list is uksouth
// alone, in the engine and in lz alike.
func TestPackConfigNarrowing(t *testing.T) {
	s := h.stack(t, "e2e-config-narrowing", "met-gold", ukwestGroup)
	if err := previewWith(s, "").compliant(); err != nil {
		t.Fatal(err)
	}
	cfg := writeTemp(t, "policy.json", `{"PCLZ-AZR-REG-001": {"allowedRegions": ["uksouth"]}}`)
	o := previewWith(s, cfg)
	if err := o.refused([]string{"PCLZ-AZR-REG-001"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"policy config in force: PCLZ-AZR-REG-001 allowedRegions uksouth (default uksouth, ukwest)"}
	if got := o.messages(configPolicy); !slices.Equal(got, want) {
		t.Errorf("%s: config policy lists %q, want %q", o.op, got, want)
	}
	for _, m := range o.messages("PCLZ-AZR-REG-001") {
		if !strings.Contains(m, "outside the UK allow-list (uksouth)") {
			t.Errorf("%s: PCLZ-AZR-REG-001 says %q, want the narrowed list named", o.op, m)
		}
	}
	res, err := plan.Run("met-gold", plan.Options{StacksDir: filepath.Join(h.root, "stacks"), PolicyConfig: cfg, Preview: true,
		Program: func(ctx *pulumi.Context, _ *config.Stack) (pulumi.Map, error) { return pulumi.Map{}, ukwestGroup(ctx) }})
	if err != nil {
		t.Fatalf("offline plan: %v", err)
	}
	var offline []string
	for _, f := range res.Evaluation.Blocking() {
		if !slices.Contains(offline, f.RuleID) {
			offline = append(offline, f.RuleID)
		}
	}
	if !slices.Equal(offline, []string{"PCLZ-AZR-REG-001"}) {
		t.Errorf("lz blocks on %v with the same config, want [PCLZ-AZR-REG-001]", offline)
	}
}

// TestPackConfigMalformed: a config file the engine cannot parse, or whose values do not fit the
// policies' schemas, stops the engine before any policy runs: the preview fails and says why. (lz
// refuses the same files as bad input.)
func TestPackConfigMalformed(t *testing.T) {
	v := variant(t, "e2e-baseline-bucket")
	s := h.stack(t, "e2e-config-malformed", v.ConfigStack, v.Program)
	for _, c := range []struct{ name, cfg, want string }{
		{"bad level", `{"PCLZ-AWS-REG-001": "off"}`, `"off" is not a valid enforcement level`},
		{"not JSON", `{"PCLZ-AWS-REG-001": `, "unexpected end of JSON input"},
		{"regions not a list", `{"PCLZ-AWS-REG-001": {"allowedRegions": "eu-west-2"}}`, "allowedRegions"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writeTemp(t, "policy.json", c.cfg)
			o := previewWith(s, path)
			if o.err == nil {
				t.Fatalf("%s succeeded; want the engine to refuse the config", o.op)
			}
			if !strings.Contains(o.err.Error()+o.log, c.want) {
				t.Fatalf("%s failed without %q:\n%v\n%s", o.op, c.want, o.err, o.log)
			}
			if _, _, err := packconfig.Read(path, packconfig.PackCatalogue(catalog.Metas(), false)); err == nil {
				t.Errorf("lz accepts %s", c.cfg)
			}
		})
	}
}
