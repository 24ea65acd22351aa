//go:build e2e

package e2e

import (
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// TestUpWithoutPreview runs `pulumi up` with the pack and no preview at all (the Automation API's Up
// skips the preview, as `pulumi up --skip-preview` does) on a fresh stack for every non-compliant
// variant, and reads the stack's state afterwards.
//
// "Nothing created" means precisely: the update is refused by (some of) the variant's mandatory rules,
// and the resource at fault (Variant.Faulty, by logical name) is not in the stack's state. Resources the
// program registered before the faulty one, or that the engine created in parallel with it, may exist:
// the engine checks a resource's policies just before its own create step and stops the update there.
// This holds for every variant whose fault a resource rule judges, including each stack rule's
// resource-level twin (PCLZ-AWS-ENC-018, PCLZ-AWS-NET-015, and PCLZ-AWS-IAM-004, now a resource rule).
//
// A variant whose fault only a stack rule judges (Variant.AfterCreate: AES256 encryption, allowed only on
// a server access log target, which only the stack shows) is refused after the update's steps, so the
// faulty resource is in the state: the test asserts that too, which also proves that its state check
// sees a created resource.
func TestUpWithoutPreview(t *testing.T) {
	for _, v := range Variants() {
		if len(v.Want) == 0 {
			continue
		}
		t.Run(v.Name, func(t *testing.T) {
			s := h.stack(t, v.Name+"-nopreview", v.ConfigStack, v.Program)
			u := up(s, true)
			if err := u.upRefused(v.Want); err != nil {
				t.Fatal(err)
			}
			state := stateURNs(t, s)
			faulty := ""
			for _, urn := range state {
				if resource.URN(urn).Name() == v.Faulty {
					faulty = urn
				}
			}
			switch {
			case v.AfterCreate && faulty == "":
				t.Fatalf("up %s: %s, which only a stack rule judges, is not in the state %v; the engine ran the "+
					"stack rules before creating it, or the variant's fault moved to a resource rule", v.Name, v.Faulty, state)
			case v.AfterCreate:
				t.Logf("up %s: refused by %s after creating %s (a stack rule's fault)", v.Name, strings.Join(u.mandatoryIDs(), ", "), faulty)
			case faulty != "":
				t.Fatalf("up %s was refused by %v but created %s", v.Name, u.mandatoryIDs(), faulty)
			default:
				t.Logf("up %s: refused by %s before creating %s; %d resources registered before it exist",
					v.Name, strings.Join(u.mandatoryIDs(), ", "), v.Faulty, len(customURNs(state)))
			}
			// The refusal names the resource at fault.
			named := slices.ContainsFunc(u.policyEvents(), func(e apitype.PolicyEvent) bool {
				return e.EnforcementLevel == "mandatory" && resource.URN(e.ResourceURN).Name() == v.Faulty
			})
			if !named && !v.AfterCreate {
				t.Errorf("up %s: no mandatory violation names %s:\n%s", v.Name, v.Faulty, u.describe())
			}
		})
	}
}
