package shape_test

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the generated argument tables in the component READMEs")

// field is one field of a struct type, as the source declares it.
type field struct {
	Name, Type, Doc, Tag string
}

// cloud is one cloud's component package.
type cloud struct {
	Title, Dir string
	types      map[string][]field
}

// argTypes are the argument structs of the components, in README order; shapeTypes also includes the
// nested argument types whose shared fields must match.
var (
	argTypes   = []string{"FoundationArgs", "TierEnvironmentArgs", "EvidenceStoreArgs", "WorkloadArgs"}
	shapeTypes = append([]string{"PSNEdge"}, argTypes...)
	// outputTypes are the components, whose `pulumi:` tagged fields are their outputs.
	outputTypes = map[string]string{"FoundationArgs": "Foundation", "TierEnvironmentArgs": "TierEnvironment", "EvidenceStoreArgs": "EvidenceStore", "WorkloadArgs": "Workload"}
)

// synonyms are argument names one cloud must not use for an idea both share under another name.
var synonyms = map[string]string{"Location": "Region", "Hub": "Foundation", "Tier": "Profile (Profile.Tier)", "RetentionDays": "RetentionYears"}

func loadCloud(t *testing.T, title, dir string) *cloud {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var files []*ast.File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, f)
	}
	c := &cloud{Title: title, Dir: dir, types: map[string][]field{}}
	{
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				ts, ok := n.(*ast.TypeSpec)
				if !ok {
					return true
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					return true
				}
				var fields []field
				for _, fl := range st.Fields.List {
					var typ bytes.Buffer
					require.NoError(t, printer.Fprint(&typ, fset, fl.Type))
					tag := ""
					if fl.Tag != nil {
						tag = reflect.StructTag(strings.Trim(fl.Tag.Value, "`")).Get("pulumi")
					}
					for _, name := range fl.Names {
						fields = append(fields, field{Name: name.Name, Type: typ.String(), Doc: docText(fl.Doc), Tag: tag})
					}
				}
				c.types[ts.Name.Name] = fields
				return false
			})
		}
	}
	return c
}

// docText is a field's doc comment as one line.
func docText(g *ast.CommentGroup) string {
	if g == nil {
		return ""
	}
	return strings.Join(strings.Fields(g.Text()), " ")
}

func (c *cloud) field(typ, name string) (field, bool) {
	for _, f := range c.types[typ] {
		if f.Name == name {
			return f, true
		}
	}
	return field{}, false
}

func clouds(t *testing.T) (aws, azure *cloud) {
	return loadCloud(t, "AWS", filepath.Join("..", "..", "awslz")), loadCloud(t, "Azure", filepath.Join("..", "..", "azurelz"))
}

// rows merges two clouds' fields of one type into the rows of both READMEs' table: the fields both
// declare, in their shared order, with each cloud's own fields before the next shared one.
func rows(a, b []field) []string {
	inB := map[string]bool{}
	for _, f := range b {
		inB[f.Name] = true
	}
	inA := map[string]bool{}
	for _, f := range a {
		inA[f.Name] = true
	}
	var out []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		for i < len(a) && !inB[a[i].Name] {
			out = append(out, a[i].Name)
			i++
		}
		for j < len(b) && !inA[b[j].Name] {
			out = append(out, b[j].Name)
			j++
		}
		if i < len(a) && j < len(b) {
			out = append(out, a[i].Name) // shared; TestOneShape checks a[i] and b[j] are the same field
			i++
			j++
		}
	}
	return out
}

// TestOneShape: a field both clouds declare has the same type on both and sits in the same order among
// the shared fields; no cloud names a shared idea by a synonym; every argument is documented.
func TestOneShape(t *testing.T) {
	t.Parallel()
	aws, azure := clouds(t)
	for _, typ := range shapeTypes {
		a, b := aws.types[typ], azure.types[typ]
		require.NotEmpty(t, a, "awslz.%s", typ)
		require.NotEmpty(t, b, "azurelz.%s", typ)
		var sharedA, sharedB []string
		for _, f := range a {
			if g, ok := azure.field(typ, f.Name); ok {
				sharedA = append(sharedA, f.Name)
				assert.Equal(t, f.Type, g.Type, "%s.%s: awslz has %s, azurelz %s: one idea, one type", typ, f.Name, f.Type, g.Type)
			}
		}
		for _, f := range b {
			if _, ok := aws.field(typ, f.Name); ok {
				sharedB = append(sharedB, f.Name)
			}
		}
		assert.Equal(t, sharedA, sharedB, "%s: the fields both clouds declare come in the same order", typ)
		for _, c := range []*cloud{aws, azure} {
			for _, f := range c.types[typ] {
				if want, ok := synonyms[f.Name]; ok {
					t.Errorf("%s %s.%s: the shared name for this idea is %s", c.Title, typ, f.Name, want)
				}
				assert.NotEmpty(t, f.Doc, "%s %s.%s has no doc comment", c.Title, typ, f.Name)
			}
		}
	}
}

// table renders one argument type's table for cloud c, with a row for each of the merged rows.
func table(c, other *cloud, typ string, names []string) string {
	var b strings.Builder
	b.WriteString("| Argument | Type | Meaning |\n|---|---|---|\n")
	for _, n := range names {
		if f, ok := c.field(typ, n); ok {
			fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", n, f.Type, strings.ReplaceAll(f.Doc, "|", `\|`))
		} else {
			fmt.Fprintf(&b, "| `%s` | — | %s only: not on %s |\n", n, other.Title, c.Title)
		}
	}
	var outs []string
	for _, f := range c.types[outputTypes[typ]] {
		if f.Tag != "" {
			outs = append(outs, "`"+f.Tag+"`")
		}
	}
	fmt.Fprintf(&b, "\nOutputs (the `pulumi:` tags of `%s`, registered and returned by `Outputs()`): %s.\n", outputTypes[typ], strings.Join(outs, ", "))
	return b.String()
}

// generated returns the README with each marked section replaced by its table.
func generated(readme string, c, other *cloud) (string, error) {
	for _, typ := range argTypes {
		begin := "<!-- BEGIN generated " + typ + " (go test ./components/internal/shape -update) -->\n"
		end := "<!-- END generated " + typ + " -->"
		i := strings.Index(readme, begin)
		j := strings.Index(readme, end)
		if i < 0 || j < i {
			return "", fmt.Errorf("%s README: no %q ... %q section", c.Title, strings.TrimSpace(begin), end)
		}
		a, b := c.types[typ], other.types[typ]
		if c.Title == "Azure" {
			a, b = b, a // rows are merged AWS first, so both READMEs get the same order
		}
		readme = readme[:i+len(begin)] + table(c, other, typ, rows(a, b)) + readme[j:]
	}
	return readme, nil
}

// TestReadmeArgumentTables: the argument tables of components/awslz/README.md and
// components/azurelz/README.md are generated from the source and line up row for row.
func TestReadmeArgumentTables(t *testing.T) {
	t.Parallel()
	aws, azure := clouds(t)
	for _, pair := range [][2]*cloud{{aws, azure}, {azure, aws}} {
		c, other := pair[0], pair[1]
		path := filepath.Join(c.Dir, "README.md")
		raw, err := os.ReadFile(path)
		require.NoError(t, err)
		want, err := generated(string(raw), c, other)
		require.NoError(t, err)
		if *update {
			require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
			continue
		}
		assert.Equal(t, want, string(raw), "%s is out of date: run go test ./components/internal/shape -update", path)
	}
	if *update {
		return
	}
	// Row for row: the two READMEs' tables name the same arguments in the same order.
	for _, typ := range argTypes {
		assert.Equal(t, readmeRows(t, aws, typ), readmeRows(t, azure, typ), "%s: the AWS and Azure tables do not line up", typ)
	}
}

// readmeRows returns the Argument column of one generated table in a cloud's README.
func readmeRows(t *testing.T, c *cloud, typ string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(c.Dir, "README.md"))
	require.NoError(t, err)
	s := string(raw)
	i := strings.Index(s, "<!-- BEGIN generated "+typ+" ")
	j := strings.Index(s, "<!-- END generated "+typ+" -->")
	require.True(t, i >= 0 && j > i, "%s README has no generated %s table", c.Title, typ)
	var out []string
	for _, line := range strings.Split(s[i:j], "\n") {
		if strings.HasPrefix(line, "| `") {
			out = append(out, strings.Split(line, "|")[1])
		}
	}
	require.NotEmpty(t, out)
	return out
}
