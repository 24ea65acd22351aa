package common

import (
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/policytest"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAzureTaggableList(t *testing.T) {
	t.Parallel()
	types := comAzureTaggableTypes()
	require.NotEmpty(t, types)
	assert.True(t, slices.IsSorted(types), "comAzureTaggableTypes is not sorted")
	assert.Len(t, slices.Compact(slices.Clone(types)), len(types))
	for _, typ := range types {
		assert.Regexp(t, `^azure-native:[a-z]+:[A-Z][A-Za-z0-9]*$`, typ)
	}
	// Every Azure stateful type is taggable, so the tag rules see it.
	for _, typ := range comStatefulTypes {
		if comIsAzure(typ) {
			assert.True(t, comAzureTaggable[typ], "stateful type %s is not in the taggable list", typ)
		}
	}
	// The tag rules inspect every taggable type.
	for _, r := range Rules() {
		if strings.HasPrefix(r.ID, "PCLZ-COM-TAG-") {
			for _, typ := range types {
				assert.True(t, r.AppliesToType(typ), "%s does not inspect %s", r.ID, typ)
			}
			assert.True(t, r.AppliesToType("pulumi:providers:aws"), r.ID)
			assert.True(t, r.AppliesToType("aws:s3/bucketV2:BucketV2"), r.ID)
			// An untaggable type is not judged: it takes no tags.
			subnet := policytest.Azure("azure-native:network:Subnet", "s", map[string]any{"addressPrefix": "10.0.0.0/24"})
			ev := policy.Evaluate(policy.NewContext("s", ""), []*policy.Resource{subnet}, policy.Options{Rules: []policy.Rule{r}})
			require.Len(t, ev.Findings, 1)
			assert.Equal(t, policy.StatusNotApplicable, ev.Findings[0].Status, "%s judges an untaggable type", r.ID)
		}
	}
}

// comSDKModules are the azure-native modules (and versions) the taggable list is drawn from.
var comSDKModules = map[string]string{
	"authorization":       "v2.90.0",
	"compute":             "v2.90.0",
	"insights":            "v2.90.0",
	"keyvault":            "v2.90.0",
	"managedidentity":     "v2.81.0",
	"network":             "v2.90.0",
	"operationalinsights": "v2.90.0",
	"recoveryservices":    "v2.90.0",
	"resources":           "v2.90.0",
	"storage":             "v2.90.0",
}

var comRegisterRe = regexp.MustCompile(`RegisterResource\("(azure-native:[a-z]+:[A-Za-z0-9]+)"`)

// TestAzureTaggableMatchesSDK regenerates the taggable list from the SDK sources in the module cache
// (read only, never imported) and compares, module by module. Modules not in the cache are skipped.
func TestAzureTaggableMatchesSDK(t *testing.T) {
	t.Parallel()
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		cache = filepath.Join(build.Default.GOPATH, "pkg", "mod")
	}
	checked := 0
	for mod, version := range comSDKModules {
		dir := filepath.Join(cache, "github.com", "pulumi", "pulumi-azure-native-sdk", mod, "v2@"+version)
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		if len(files) == 0 {
			t.Logf("azure-native %s %s is not in the module cache; skipped", mod, version)
			continue
		}
		checked++
		var fromSDK []string
		for _, f := range files {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			m := comRegisterRe.FindSubmatch(src)
			if m == nil {
				continue
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.SkipObjectResolution)
			require.NoError(t, err)
			if comArgsHaveTags(af) {
				fromSDK = append(fromSDK, string(m[1]))
			}
		}
		slices.Sort(fromSDK)
		var listed []string
		for _, typ := range comAzureTaggableTypes() {
			if strings.HasPrefix(typ, "azure-native:"+mod+":") {
				listed = append(listed, typ)
			}
		}
		assert.Equal(t, fromSDK, listed, "taggable types of azure-native %s %s", mod, version)
	}
	if checked == 0 {
		t.Skip("no azure-native SDK module in the module cache")
	}
}

// comArgsHaveTags reports whether a resource file's ...Args struct has a `pulumi:"tags"` field.
func comArgsHaveTags(f *ast.File) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || !strings.HasSuffix(ts.Name.Name, "Args") {
			return true
		}
		if st, ok := ts.Type.(*ast.StructType); ok {
			for _, fld := range st.Fields.List {
				if fld.Tag != nil && strings.Contains(fld.Tag.Value, `pulumi:"tags"`) {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// TestAWSTaggableMatchesSDK regenerates comAWSTaggable from the pulumi-aws SDK sources (every resource file
// whose lower-case ...Args struct has a `pulumi:"tags"` field) when the SDK is in the module cache.
func TestAWSTaggableMatchesSDK(t *testing.T) {
	t.Parallel()
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		cache = filepath.Join(build.Default.GOPATH, "pkg", "mod")
	}
	files, _ := filepath.Glob(filepath.Join(cache, "github.com", "pulumi", "pulumi-aws", "sdk", "v6@v6.83.2", "go", "aws", "*", "*.go"))
	if len(files) == 0 {
		t.Skip("pulumi-aws v6.83.2 is not in the module cache")
	}
	re := regexp.MustCompile(`ctx\.RegisterResource\("(aws:[^"]+)"`)
	args := regexp.MustCompile(`(?s)type [a-z]\w*Args struct \{(.*?)\n\}`)
	var fromSDK []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		m := re.FindSubmatch(src)
		if m == nil {
			continue
		}
		if a := args.FindSubmatch(src); a != nil && strings.Contains(string(a[1]), `pulumi:"tags"`) {
			fromSDK = append(fromSDK, string(m[1]))
		}
	}
	slices.Sort(fromSDK)
	fromSDK = slices.Compact(fromSDK)
	listed := make([]string, 0, len(comAWSTaggable))
	for typ := range comAWSTaggable {
		listed = append(listed, typ)
	}
	slices.Sort(listed)
	assert.Equal(t, fromSDK, listed)
}
