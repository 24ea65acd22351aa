package provenance_test

import (
	"os"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/policecloud/landingzones/policy/provenance"
)

func buildInfo(version string, settings ...string) *debug.BuildInfo {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: provenance.Module, Version: version}}
	for i := 0; i+1 < len(settings); i += 2 {
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return bi
}

const rev = "3a440cf0a1b2c3d4e5f60718293a4b5c6d7e8f90"

func TestFromBuildInfo(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name         string
		bi           *debug.BuildInfo
		ok           bool
		want         provenance.Build
		tool, semver string
	}{
		{
			name: "release",
			bi:   buildInfo("v1.2.0", "vcs.revision", rev, "vcs.time", "2026-12-01T10:00:00Z", "vcs.modified", "false"),
			ok:   true,
			want: provenance.Build{Module: provenance.Module, Version: "v1.2.0", Revision: rev, RevisionTime: "2026-12-01T10:00:00Z",
				GoVersion: "go1.26.8", PackName: provenance.PackName, PackVersion: provenance.PackVersion},
			tool: "lz v1.2.0 (3a440cf0a1b2)", semver: "1.2.0",
		},
		{
			name: "pseudo-version of a modified checkout",
			bi:   buildInfo("v0.0.0-20261201100000-3a440cf0a1b2+dirty", "vcs.revision", rev, "vcs.modified", "true"),
			ok:   true,
			want: provenance.Build{Module: provenance.Module, Version: "v0.0.0-20261201100000-3a440cf0a1b2+dirty", Revision: rev, Modified: true,
				GoVersion: "go1.26.8", PackName: provenance.PackName, PackVersion: provenance.PackVersion},
			tool: "lz v0.0.0-20261201100000-3a440cf0a1b2+dirty", semver: "0.0.0-20261201100000-3a440cf0a1b2+dirty",
		},
		{
			name: "devel build with a revision",
			bi:   buildInfo("(devel)", "vcs.revision", rev, "vcs.modified", "true"),
			ok:   true,
			want: provenance.Build{Module: provenance.Module, Version: provenance.Devel, Revision: rev, Modified: true,
				GoVersion: "go1.26.8", PackName: provenance.PackName, PackVersion: provenance.PackVersion},
			tool: "lz (devel) (3a440cf0a1b2, modified)", semver: "0.0.0-devel+3a440cf0a1b2.modified",
		},
		{
			name: "test binary: no version, no revision",
			bi:   buildInfo(""),
			ok:   true,
			want: provenance.Build{Module: provenance.Module, Version: provenance.Devel, GoVersion: "go1.26.8",
				PackName: provenance.PackName, PackVersion: provenance.PackVersion},
			tool: "lz (devel)", semver: "0.0.0-devel",
		},
		{
			name: "no build information",
			want: provenance.Build{Module: provenance.Module, Version: provenance.Devel, PackName: provenance.PackName, PackVersion: provenance.PackVersion},
			tool: "lz (devel)", semver: "0.0.0-devel",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := provenance.FromBuildInfo(tt.bi, tt.ok)
			assert.Equal(t, tt.want, b)
			assert.Equal(t, tt.tool, b.Tool("lz"))
			assert.Equal(t, tt.semver, b.SemanticVersion())
		})
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	b := provenance.FromBuildInfo(buildInfo("(devel)", "vcs.revision", rev, "vcs.time", "2026-12-01T10:00:00Z", "vcs.modified", "true"), true)
	assert.Equal(t, "module:   github.com/policecloud/landingzones (devel)\n"+
		"revision: "+rev+" (2026-12-01T10:00:00Z), modified: uncommitted changes at build time\n"+
		"pack:     policecloud-landingzones "+provenance.PackVersion+"\n"+
		"go:       go1.26.8\n", b.Text())
	assert.Equal(t, "github.com/policecloud/landingzones (devel), revision "+rev+" (modified); policy pack policecloud-landingzones "+
		provenance.PackVersion+"; built with go1.26.8", b.Line())

	none := provenance.FromBuildInfo(nil, false)
	assert.Equal(t, "module:   github.com/policecloud/landingzones (devel)\nrevision: (not recorded)\n"+
		"pack:     policecloud-landingzones "+provenance.PackVersion+"\ngo:       (not recorded)\n", none.Text())
	assert.Equal(t, "github.com/policecloud/landingzones (devel), revision not recorded; policy pack policecloud-landingzones "+
		provenance.PackVersion+"; built with (not recorded)", none.Line())
}

// The pack's manifest states the same name and version as the constants the reports carry.
func TestPulumiPolicyYAMLInStep(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../pack/PulumiPolicy.yaml")
	require.NoError(t, err)
	var manifest struct {
		Name    string `yaml:"name"`
		Version string `yaml:"version"`
	}
	require.NoError(t, yaml.Unmarshal(data, &manifest))
	assert.Equal(t, provenance.PackName, manifest.Name, "policy/pack/PulumiPolicy.yaml name")
	assert.Equal(t, provenance.PackVersion, manifest.Version, "policy/pack/PulumiPolicy.yaml version: change it with provenance.PackVersion")
}
