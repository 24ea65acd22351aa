package azure

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

var (
	goStruct = regexp.MustCompile(`(?ms)^type (\w+) struct \{\n(.*?)^\}`)
	goField  = regexp.MustCompile("^\\s*\\w+\\s+([\\]\\[\\*\\w\\.]+)\\s+`pulumi:\"(\\w+)\"`")
)

// sdkStructs parses the struct types of an azure-native service module's Go sources: struct name to
// input name to field type.
func sdkStructs(dir string) map[string]map[string]string {
	out := map[string]map[string]string{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, m := range goStruct.FindAllStringSubmatch(string(src), -1) {
			fields := map[string]string{}
			for _, line := range strings.Split(m[2], "\n") {
				if fm := goField.FindStringSubmatch(line); fm != nil {
					fields[fm[2]] = fm[1]
				}
			}
			out[m[1]] = fields
		}
	}
	return out
}

// TestCoveragePathsMatchSDK walks every catalogued property path through the `<Resource>Args` input
// struct of its azure-native v2 service module, for the modules present in the module cache (the
// others are checked against the azure-native registry documentation by hand).
func TestCoveragePathsMatchSDK(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skip("go env GOMODCACHE:", err)
	}
	root := filepath.Join(strings.TrimSpace(string(out)), "github.com", "pulumi", "pulumi-azure-native-sdk")
	modules := map[string]map[string]map[string]string{}
	checked := 0
	for _, e := range Coverage() {
		parts := strings.Split(e.Type, ":")
		mod, res := parts[1], parts[2]
		structs, seen := modules[mod]
		if !seen {
			dirs, _ := filepath.Glob(filepath.Join(root, mod, "v2@v2.*"))
			if len(dirs) > 0 {
				structs = sdkStructs(dirs[len(dirs)-1])
			}
			modules[mod] = structs
		}
		if structs == nil {
			continue
		}
		args := strings.ToLower(res[:1]) + res[1:] + "Args"
		if !assert.Contains(t, structs, args, "%s: no %s in the %s module", e.Type, args, mod) {
			continue
		}
		for _, p := range e.Properties {
			cur := args
			for _, step := range strings.Split(p.Path, ".") {
				typ, has := structs[cur][step]
				if !assert.True(t, has, "%s: input %s has no %q (path %s)", e.Type, cur, step, p.Path) {
					break
				}
				cur = strings.TrimLeft(typ, "[]*")
			}
			checked++
		}
	}
	if checked == 0 {
		t.Skip("no azure-native service module in the module cache")
	}
}
