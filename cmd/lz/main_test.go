package main

import (
	"os"
	"runtime/debug"
	"testing"

	"github.com/policecloud/landingzones/policy/provenance"
)

// testBuild is the build the tests' reports name: a test binary records no version or revision, and its
// Go version changes with the toolchain, which would change the golden reports. provenance.Read itself is
// tested in policy/provenance.
var testBuild = provenance.FromBuildInfo(&debug.BuildInfo{
	GoVersion: "go1.26.8",
	Main:      debug.Module{Path: provenance.Module, Version: "v0.3.0"},
	Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "3a440cf0a1b2c3d4e5f60718293a4b5c6d7e8f90"},
		{Key: "vcs.time", Value: "2026-04-30T17:00:00Z"},
	},
}, true)

func TestMain(m *testing.M) {
	build = testBuild
	os.Exit(m.Run())
}
