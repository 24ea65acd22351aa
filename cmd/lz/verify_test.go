//go:build lz_sdk

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/policy/report"
)

// TestVerifyPack generates the evidence pack of the repository's stacks, proves it as generated, then
// edits, adds and removes one file each and checks that lz verify names each one.
func TestVerifyPack(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "evidence")
	code, stdout, stderr := lz(t, "report", "--all", "--out", out, "--now", evalDay)
	require.Contains(t, []int{exitOK, exitBlocked}, code, stderr)
	m := regexp.MustCompile(`(?m)^Pack digest \(SHA-256 of ` + regexp.QuoteMeta(filepath.Join(out, report.FileManifest)) +
		`; record it to prove the pack later with lz verify --digest\): (sha256:[0-9a-f]{64})$`).FindStringSubmatch(stdout)
	require.NotNil(t, m, stdout)
	digest := m[1]

	// The manifest lists every file of the pack but itself, the index included, with the right digests.
	data, err := os.ReadFile(filepath.Join(out, report.FileManifest))
	require.NoError(t, err)
	assert.Equal(t, digest, report.Digest(data))
	var man report.Manifest
	require.NoError(t, json.Unmarshal(data, &man))
	onDisk, err := report.HashTree(out, report.FileManifest)
	require.NoError(t, err)
	assert.Equal(t, onDisk, man.Files)
	paths := make([]string, len(man.Files))
	for i, f := range man.Files {
		paths[i] = f.Path
	}
	for _, p := range []string{report.FileIndexHTML, report.FileIndexMarkdown, "stacks/pos-gold/report.json", "network/met.svg"} {
		assert.Contains(t, paths, p)
	}
	assert.NotContains(t, paths, report.FileManifest)

	// The index lists every other file with its SHA-256 and their digest.
	index, err := os.ReadFile(filepath.Join(out, report.FileIndexHTML))
	require.NoError(t, err)
	var listed []report.ManifestFile
	for _, f := range man.Files {
		if f.Path == report.FileIndexHTML || f.Path == report.FileIndexMarkdown {
			continue
		}
		listed = append(listed, f)
		assert.Contains(t, string(index), `<tr><td><a href="`+f.Path+`">`+f.Path+`</a></td>`)
		assert.Contains(t, string(index), `<td class="urn">`+f.SHA256+`</td>`)
	}
	assert.Contains(t, string(index), "<p>Digest of the files above: <code>"+report.FilesDigest(listed)+"</code>.</p>")
	md, err := os.ReadFile(filepath.Join(out, report.FileIndexMarkdown))
	require.NoError(t, err)
	assert.Contains(t, string(md), "| stacks/pos-gold/report.json | ")
	assert.Contains(t, string(md), "\nDigest of the files above: `"+report.FilesDigest(listed)+"`.\n")

	code, stdout, stderr = lz(t, "verify", "--digest", digest, out)
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "pack digest "+digest+"\n")
	assert.True(t, strings.HasSuffix(stdout, "OK: every file matches the manifest, and the manifest matches the recorded digest\n"), stdout)

	// A reviewer's copy is edited: one file changed, one added, one removed.
	edited := filepath.Join(out, "stacks", "pos-gold", report.FileJSON)
	before, err := os.ReadFile(edited)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(edited, []byte(strings.Replace(string(before), `"BLOCKED"`, `"PASS"`, 1)+" "), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(out, "stacks", "notes.txt"), []byte("x"), 0o600))
	require.NoError(t, os.Remove(filepath.Join(out, "network", "met.md")))
	code, stdout, stderr = lz(t, "verify", out)
	assert.Equal(t, exitBlocked, code)
	want := map[string]string{}
	for _, f := range man.Files {
		want[f.Path] = f.SHA256
	}
	after, err := os.ReadFile(edited)
	require.NoError(t, err)
	assert.Contains(t, stdout, "\nremoved: network/met.md (in the manifest with sha256 "+want["network/met.md"]+")\n"+
		"added: stacks/notes.txt (not in the manifest; sha256 2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881)\n"+
		"edited: stacks/pos-gold/report.json (manifest sha256 "+want["stacks/pos-gold/report.json"]+", now "+strings.TrimPrefix(report.Digest(after), "sha256:")+")\n")
	assert.Equal(t, "lz: evidence pack "+out+": 3 files differ since generation (1 edited, 1 added, 1 removed)\n", stderr)

	// A manifest rewritten to match is caught by the recorded digest.
	require.NoError(t, os.Remove(filepath.Join(out, "stacks", "notes.txt")))
	require.NoError(t, os.WriteFile(filepath.Join(out, "network", "met.md"), []byte("x"), 0o600))
	files, err := report.HashTree(out, report.FileManifest)
	require.NoError(t, err)
	man.Files = files
	var b strings.Builder
	require.NoError(t, report.WriteManifest(&b, man))
	require.NoError(t, os.WriteFile(filepath.Join(out, report.FileManifest), []byte(b.String()), 0o600))
	code, stdout, stderr = lz(t, "verify", "--digest", digest, out)
	assert.Equal(t, exitBlocked, code, stdout)
	assert.Equal(t, "lz: evidence pack "+out+": the manifest's digest is "+report.Digest([]byte(b.String()))+", not the recorded "+digest+
		": manifest.json was changed or replaced\n", stderr)

	// The pack is never written over.
	code, _, stderr = lz(t, "report", "--all", "--out", out, "--now", evalDay)
	assert.Equal(t, exitBadInput, code)
	assert.Equal(t, out+": --out: the directory is not empty (it holds controls.md): allowed a new or empty directory, "+
		"so that the pack's manifest lists exactly the files of this generation\n", stderr)
}

func TestVerifyBadInput(t *testing.T) {
	t.Parallel()
	empty := t.TempDir()
	bad := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bad, report.FileManifest), []byte(`{"manifestVersion": 2, "algorithm": "md5", "files": [{"path": "../x", "sha256": "AB", "bytes": 1}]}`), 0o600))
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"verify"}, "lz: accepts 1 arg(s), received 0\nRun 'lz --help' for usage.\n"},
		{[]string{"verify", filepath.Join(empty, "nope")}, filepath.Join(empty, "nope") + ": no such directory: allowed the directory of an evidence pack written by lz report\n"},
		{[]string{"verify", empty}, empty + ": no manifest.json: allowed the directory of an evidence pack written by lz report\n"},
		{[]string{"verify", "--digest", "abc", empty}, "lz: --digest \"abc\": allowed sha256: and 64 lower-case hex digits, as lz report prints it\nRun 'lz verify --help' for usage.\n"},
		{[]string{"verify", bad}, filepath.Join(bad, report.FileManifest) + ": manifestVersion: must be 1, got 2\n" +
			filepath.Join(bad, report.FileManifest) + ": algorithm: must be \"sha256\", got \"md5\"\n" +
			filepath.Join(bad, report.FileManifest) + ": files[0].path: \"../x\": allowed a clean relative path inside the pack, with forward slashes\n" +
			filepath.Join(bad, report.FileManifest) + ": files[0].sha256: \"AB\": allowed 64 lower-case hex digits\n"},
	} {
		code, stdout, stderr := lz(t, tc.args...)
		assert.Equal(t, exitBadInput, code, tc.args)
		assert.Empty(t, stdout, tc.args)
		assert.Equal(t, tc.stderr, stderr, tc.args)
	}
}
