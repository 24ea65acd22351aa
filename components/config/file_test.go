package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

func TestReadFile(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "Pulumi.pos-gold.yaml", `
encryptionsalt: v1:abc
config:
  aws:region: eu-west-2
  police-landing-zones:other: ignored
  landingzone:cloud: aws
  landingzone:costCentre: 4100
  landingzone:owner: "cloud-platform@homeoffice.police.uk"
  landingzone:foundationStack:
  landingzone:egressDomains: &domains
    - "*.ubuntu.com"
  landingzone:flows:
    - from: gold
      to: platinum
      protocol: tcp
      ports: 443
      reason: Gold calls Platinum
  landingzone:externalRanges: []
`)
	stack, raw, err := ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "pos-gold", stack)
	assert.Equal(t, map[string]string{
		"cloud":           "aws",
		"costCentre":      "4100",
		"owner":           "cloud-platform@homeoffice.police.uk",
		"foundationStack": "",
		"egressDomains":   `["*.ubuntu.com"]`,
		"flows":           `[{"from":"gold","ports":443,"protocol":"tcp","reason":"Gold calls Platinum","to":"platinum"}]`,
		"externalRanges":  `[]`,
	}, raw)
}

func TestReadFileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, text string
		want             string // after "<path>: "
	}{
		{"not a stack file name", "stack.yaml", "config: {}\n", "is not a stack file: allowed Pulumi.<stack>.yaml"},
		{"invalid YAML", "Pulumi.x.yaml", "config:\n  a: [\n", "invalid YAML: yaml: line 2: did not find expected node content"},
		{"not a map", "Pulumi.x.yaml", "- a\n", "line 1: the file is not a YAML map: allowed a map with a config: key"},
		{"config not a map", "Pulumi.x.yaml", "config: [a]\n", "line 1: config is not a YAML map: allowed a map of namespace:key to value"},
		{"key twice", "Pulumi.x.yaml", "config:\n  landingzone:tier: gold\n  landingzone:tier: bronze\n", "line 3: landingzone:tier is set twice: allowed once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, tt.file, tt.text)
			_, _, err := ReadFile(path)
			var fe *FileError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, path, fe.Path)
			assert.Equal(t, path+": "+tt.want, err.Error())
		})
	}
}

func TestReadFileEmpty(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", "config:\n", "name: x\n"} {
		stack, raw, err := ReadFile(writeFile(t, "Pulumi.x.yaml", text))
		require.NoError(t, err)
		assert.Equal(t, "x", stack)
		assert.Empty(t, raw)
	}
}

func TestLoadFileMissing(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "Pulumi.nope.yaml")
	_, err := LoadFile(path)
	require.Error(t, err)
	assert.True(t, errors.Is(err, fs.ErrNotExist))
	assert.Equal(t, path+": no such file or directory", err.Error())
}

func TestLoadFileErrorsArePrefixed(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "Pulumi.pos-gold.yaml", "config:\n  landingzone:tier: gold\n  landingzone:Region: eu-west-2\n")
	_, err := LoadFile(path)
	var fe *FileError
	require.ErrorAs(t, err, &fe)
	var errs Errors
	require.ErrorAs(t, err, &errs)
	lines := errs.Lines()
	require.NotEmpty(t, lines)
	assert.Contains(t, err.Error(), path+": landingzone:Region: unknown key (did you mean landingzone:region?)")
	assert.Contains(t, err.Error(), path+": landingzone:cloud: missing: required: allowed aws, azure")
}

func TestStackName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path, want string
		ok         bool
	}{
		{"stacks/Pulumi.pos-gold.yaml", "pos-gold", true},
		{"Pulumi.met.bronze.yml", "met.bronze", true},
		{"stacks/Pulumi.yaml", "", false},
		{"stacks/Pulumi..yaml", "", false},
		{"stacks/pos-gold.yaml", "", false},
	}
	for _, tt := range tests {
		got, ok := StackName(tt.path)
		assert.Equal(t, tt.want, got, tt.path)
		assert.Equal(t, tt.ok, ok, tt.path)
	}
}

func TestQualified(t *testing.T) {
	t.Parallel()
	assert.Equal(t, map[string]string{"landingzone:tier": "gold", "landingzone:flows": "[]"},
		Qualified(map[string]string{"tier": "gold", "flows": "[]"}))
	assert.Empty(t, Qualified(nil))
}
