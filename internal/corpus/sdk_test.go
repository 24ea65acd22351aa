package corpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestSDKNames checks every case's type tokens and top-level input names against the provider SDK
// sources in the module cache (pulumi-aws v6.83.2, azure-native v2.90.0): the `pulumi:"name"` tags of
// the resource's Args struct. A type whose SDK source is not in the cache is skipped, and the test says
// so.
func TestSDKNames(t *testing.T) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skipf("go env GOMODCACHE: %v", err)
	}
	modcache := strings.TrimSpace(string(out))
	cases := loadCases(t)

	type use struct {
		inputs map[string][]string // input name -> case ids using it
	}
	uses := map[string]*use{}
	for _, c := range cases {
		for _, r := range c.Resources {
			u := uses[r.Type]
			if u == nil {
				u = &use{inputs: map[string][]string{}}
				uses[r.Type] = u
			}
			for k := range r.Properties {
				u.inputs[k] = append(u.inputs[k], c.ID)
			}
		}
	}
	types := make([]string, 0, len(uses))
	for typ := range uses {
		types = append(types, typ)
	}
	sort.Strings(types)
	var missing []string
	for _, typ := range types {
		file, structName := sdkSource(modcache, typ)
		src, err := os.ReadFile(file)
		if err != nil {
			missing = append(missing, typ)
			continue
		}
		names, ok := argsNames(string(src), structName)
		if !ok {
			t.Errorf("%s: no struct %s in %s: the type token names no resource of the SDK", typ, structName, file)
			continue
		}
		for in, ids := range uses[typ].inputs {
			if !names[in] {
				t.Errorf("%s: input %q (cases %s) is not an input of the SDK (%s)", typ, in, strings.Join(ids, ", "), file)
			}
		}
	}
	if len(missing) > 0 {
		t.Logf("skipped %d types whose SDK source is not in the module cache (azure-native service modules not downloaded at v2.90.0): %s",
			len(missing), strings.Join(missing, ", "))
	}
}

// sdkSource returns the Go SDK file defining a type token and the name of its Args struct.
func sdkSource(modcache, typ string) (string, string) {
	aws := filepath.Join(modcache, "github.com", "pulumi", "pulumi-aws", "sdk", "v6@v6.83.2", "go", "aws")
	azure := filepath.Join(modcache, "github.com", "pulumi", "pulumi-azure-native-sdk")
	switch {
	case typ == "pulumi:providers:aws":
		return filepath.Join(aws, "provider.go"), "providerArgs"
	case typ == "pulumi:providers:azure-native":
		return filepath.Join(azure, "v2@v2.90.0", "provider.go"), "providerArgs"
	case strings.HasPrefix(typ, "aws:"):
		parts := strings.Split(strings.TrimPrefix(typ, "aws:"), ":") // ["s3/bucketV2", "BucketV2"]
		mod, file, _ := strings.Cut(parts[0], "/")
		return filepath.Join(aws, mod, file+".go"), lowerFirst(parts[1]) + "Args"
	case strings.HasPrefix(typ, "azure-native:"):
		parts := strings.Split(strings.TrimPrefix(typ, "azure-native:"), ":") // ["storage", "StorageAccount"]
		// An API-versioned module ("storage/v20230101") is a sub-package of the service module.
		mod, version, _ := strings.Cut(parts[0], "/")
		return filepath.Join(azure, mod, "v2@v2.90.0", version, lowerFirst(parts[1])+".go"), lowerFirst(parts[1]) + "Args"
	}
	return "", ""
}

var tagPattern = regexp.MustCompile("`pulumi:\"([A-Za-z0-9_$]+)\"`")

// argsNames returns the pulumi tags of a struct's fields in a Go source file.
func argsNames(src, structName string) (map[string]bool, bool) {
	start := strings.Index(src, "\ntype "+structName+" struct {")
	if start < 0 {
		return nil, false
	}
	body := src[start:]
	if end := strings.Index(body, "\n}\n"); end >= 0 {
		body = body[:end]
	}
	names := map[string]bool{}
	for _, m := range tagPattern.FindAllStringSubmatch(body, -1) {
		names[m[1]] = true
	}
	return names, true
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
