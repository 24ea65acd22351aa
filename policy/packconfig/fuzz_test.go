package packconfig

import (
	"testing"
)

// FuzzParse: no input makes Parse or Resolve panic, and a config Parse accepts resolves to settings in
// force and problems that never name the same policy setting twice.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		``, `{}`, `{"all": "advisory"}`, `{"PCLZ-AZR-REG-001": {"allowedRegions": ["uksouth"]}}`,
		`{"PCLZ-AWS-REG-001": {"enforcementLevel": "disabled", "allowedRegions": [1, "x"]}}`, `[1]`, `null`, `{"a": {"b": null}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "fuzz.json")
		if err != nil {
			return
		}
		e := Resolve(c, cat(false))
		seen := map[string]bool{}
		for _, o := range e.Overrides {
			k := o.Policy + " " + o.Setting
			if seen[k] {
				t.Fatalf("override %s twice", k)
			}
			seen[k] = true
		}
	})
}
