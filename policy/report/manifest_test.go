package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const zeroSum = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

func TestParseManifestErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{`{"manifestVersion":1,"algorithm":"sha256","files":[],"extra":1}`, `m.json: not a manifest: json: unknown field "extra"`},
		{`{"manifestVersion":1,"algorithm":"sha256","files":[]} {}`, `m.json: not a manifest: more than one JSON value`},
		{`[]`, `m.json: not a manifest: json: cannot unmarshal array into Go value of type report.Manifest`},
		{`{"manifestVersion":1,"algorithm":"sha256","files":[{"path":"a","sha256":"` + zeroSum + `"},{"path":"a","sha256":"` + zeroSum + `"}]}`,
			`m.json: files[1].path: "a" is listed twice (first at files[0])`},
		{`{"manifestVersion":1,"algorithm":"sha256","files":[{"path":"manifest.json","sha256":"` + zeroSum + `","bytes":-1}]}`,
			"m.json: files[0].path: \"manifest.json\": the manifest cannot list itself\nm.json: files[0].bytes: -1: allowed 0 or more"},
		{`{"manifestVersion":1,"algorithm":"sha256","files":[{"path":"/etc/passwd","sha256":"` + zeroSum + `"},{"path":"a/./b","sha256":"` + zeroSum + `"}]}`,
			"m.json: files[0].path: \"/etc/passwd\": allowed a clean relative path inside the pack, with forward slashes\n" +
				"m.json: files[1].path: \"a/./b\": allowed a clean relative path inside the pack, with forward slashes"},
	} {
		_, err := ParseManifest([]byte(tc.in), "m.json")
		require.Error(t, err, tc.in)
		assert.Equal(t, tc.want, err.Error(), tc.in)
	}
	m, err := ParseManifest([]byte(`{"manifestVersion":1,"tool":"lz","generatedAt":"2026-05-01T00:00:00Z","algorithm":"sha256","files":[{"path":"a/b","sha256":"`+zeroSum+`","bytes":0}]}`), "m.json")
	require.NoError(t, err)
	assert.Equal(t, []ManifestFile{{Path: "a/b", SHA256: zeroSum}}, m.Files)
}

func TestVerifyPackChanges(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(p, s string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o750))
		require.NoError(t, os.WriteFile(filepath.Join(dir, p), []byte(s), 0o600))
	}
	write("a.txt", "")
	write("d/b.txt", "b")
	files, err := HashTree(dir)
	require.NoError(t, err)
	assert.Equal(t, []ManifestFile{{Path: "a.txt", SHA256: zeroSum}, {Path: "d/b.txt", SHA256: "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d", Bytes: 1}}, files)
	var b strings.Builder
	require.NoError(t, WriteManifest(&b, Manifest{ManifestVersion: ManifestVersion, Algorithm: "sha256", Files: files}))
	write(FileManifest, b.String())

	v, err := VerifyPack(dir)
	require.NoError(t, err)
	assert.Empty(t, v.Changes)
	assert.Equal(t, 2, v.Files)
	assert.Equal(t, Digest([]byte(b.String())), v.Digest)

	write("d/b.txt", "c")
	v, err = VerifyPack(dir)
	require.NoError(t, err)
	assert.Equal(t, []Change{{Kind: ChangeEdited, Path: "d/b.txt", Want: files[1].SHA256, Got: "2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6"}}, v.Changes)

	// A symbolic link could point anywhere: a pack holds files only.
	require.NoError(t, os.Symlink("/etc/hostname", filepath.Join(dir, "d", "link")))
	_, err = VerifyPack(dir)
	require.Error(t, err)
	assert.Equal(t, dir+": d/link: not a regular file: an evidence pack holds files and directories only", err.Error())
}

func TestFilesDigestIsSha256sumOfSha256sum(t *testing.T) {
	t.Parallel()
	// The lines sha256sum prints, hashed: printf 'x  a\ny  b/c\n' | sha256sum
	assert.Equal(t, "sha256:564823a2d207544922707296c4d0ab124a7bad89b82e64bc8ccf316a18d6c7d8", FilesDigest([]ManifestFile{{Path: "a", SHA256: "x"}, {Path: "b/c", SHA256: "y"}}))
}

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(`{"manifestVersion":1,"algorithm":"sha256","files":[{"path":"a/b","sha256":"` + zeroSum + `","bytes":0}]}`))
	f.Add([]byte(`{"manifestVersion":1,"algorithm":"sha256","files":[{"path":"../a","sha256":"x"}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data, "m.json")
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "m.json: ") {
					t.Fatalf("problem %q does not name the file", line)
				}
			}
			return
		}
		for _, e := range m.Files {
			if e.Path == "" || filepath.IsAbs(e.Path) || strings.HasPrefix(e.Path, "../") || e.Path == ".." || e.Path == FileManifest || !hexDigest.MatchString(e.SHA256) {
				t.Fatalf("bad entry accepted: %+v", e)
			}
		}
	})
}
