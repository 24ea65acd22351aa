package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// FileManifest is the evidence pack's manifest: every other file of the pack with its SHA-256.
const FileManifest = "manifest.json"

// ManifestVersion is the only manifest format version this package writes and reads.
const ManifestVersion = 1

// Manifest lists every file of an evidence pack except the manifest itself, so a reviewer can prove
// that nothing was edited, added or removed after the pack was generated (VerifyPack). The SHA-256 of
// manifest.json itself, the pack digest, is printed when the pack is written: recorded outside the pack
// (the pipeline log, the accreditation record), it proves the manifest too.
type Manifest struct {
	ManifestVersion int `json:"manifestVersion"`
	// Tool names the tool and version that wrote the pack.
	Tool string `json:"tool"`
	// GeneratedAt is when the pack was generated.
	GeneratedAt time.Time `json:"generatedAt"`
	// Algorithm is the digest algorithm of every entry: "sha256".
	Algorithm string `json:"algorithm"`
	// Files are the pack's files, sorted by path.
	Files []ManifestFile `json:"files"`
}

// ManifestFile is one file of an evidence pack.
type ManifestFile struct {
	// Path is relative to the pack's directory, with forward slashes ("stacks/pos-gold/report.json").
	Path string `json:"path"`
	// SHA256 is the hex SHA-256 of the file's bytes.
	SHA256 string `json:"sha256"`
	// Bytes is the file's size.
	Bytes int64 `json:"bytes"`
}

// HashTree returns every regular file under dir with its SHA-256, sorted by path, leaving out the paths
// in skip (slash-separated, relative to dir). Anything other than a regular file or a directory (a
// symbolic link, a device) is an error: a pack holds files only.
func HashTree(dir string, skip ...string) ([]ManifestFile, error) {
	var out []ManifestFile
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return fmt.Errorf("%s: not a regular file: an evidence pack holds files and directories only", rel)
		case slices.Contains(skip, rel):
			return nil
		}
		data, err := os.ReadFile(p) //nolint:gosec // a file of the pack being hashed
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		out = append(out, ManifestFile{Path: rel, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(data))})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b ManifestFile) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// WriteManifest writes m as indented JSON.
func WriteManifest(w io.Writer, m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Digest returns "sha256:" and the hex SHA-256 of data: the form in which the pack digest is shown.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

var hexDigest = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ParseManifest reads a manifest written by WriteManifest. name prefixes every message. Unknown fields,
// another version or algorithm, a malformed digest, a path that is absolute, unclean or leaves the pack,
// and a path listed twice are errors, all listed at once.
func ParseManifest(data []byte, name string) (Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return Manifest{}, fmt.Errorf("%s: not a manifest: %w", name, err)
	}
	if dec.More() {
		return Manifest{}, fmt.Errorf("%s: not a manifest: more than one JSON value", name)
	}
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, name+": "+fmt.Sprintf(format, args...)) }
	if m.ManifestVersion != ManifestVersion {
		add("manifestVersion: must be %d, got %d", ManifestVersion, m.ManifestVersion)
	}
	if m.Algorithm != "sha256" {
		add("algorithm: must be %q, got %q", "sha256", m.Algorithm)
	}
	seen := map[string]int{}
	for i, f := range m.Files {
		switch {
		case f.Path == "" || path.IsAbs(f.Path) || path.Clean(f.Path) != f.Path || f.Path == ".." || strings.HasPrefix(f.Path, "../") ||
			strings.Contains(f.Path, `\`):
			add("files[%d].path: %q: allowed a clean relative path inside the pack, with forward slashes", i, f.Path)
		case f.Path == FileManifest:
			add("files[%d].path: %q: the manifest cannot list itself", i, f.Path)
		}
		if j, dup := seen[f.Path]; dup {
			add("files[%d].path: %q is listed twice (first at files[%d])", i, f.Path, j)
		}
		seen[f.Path] = i
		if !hexDigest.MatchString(f.SHA256) {
			add("files[%d].sha256: %q: allowed 64 lower-case hex digits", i, f.SHA256)
		}
		if f.Bytes < 0 {
			add("files[%d].bytes: %d: allowed 0 or more", i, f.Bytes)
		}
	}
	if len(problems) > 0 {
		return Manifest{}, errors.New(strings.Join(problems, "\n"))
	}
	return m, nil
}

// Change kinds found by VerifyPack.
const (
	ChangeEdited  = "edited"
	ChangeAdded   = "added"
	ChangeRemoved = "removed"
)

// Change is one difference between an evidence pack and its manifest.
type Change struct {
	// Kind is ChangeEdited, ChangeAdded or ChangeRemoved.
	Kind string
	// Path is the file, relative to the pack.
	Path string
	// Want and Got are the SHA-256 in the manifest and on disk (empty for a file that is not there).
	Want, Got string
}

// String says what changed: "edited: stacks/pos-gold/report.json (manifest sha256 ..., now ...)".
func (c Change) String() string {
	switch c.Kind {
	case ChangeEdited:
		return fmt.Sprintf("%s: %s (manifest sha256 %s, now %s)", c.Kind, c.Path, c.Want, c.Got)
	case ChangeAdded:
		return fmt.Sprintf("%s: %s (not in the manifest; sha256 %s)", c.Kind, c.Path, c.Got)
	default:
		return fmt.Sprintf("%s: %s (in the manifest with sha256 %s)", c.Kind, c.Path, c.Want)
	}
}

// Verification is the result of VerifyPack.
type Verification struct {
	// Manifest is the pack's manifest as read.
	Manifest Manifest
	// Digest is the pack digest: the SHA-256 of manifest.json ("sha256:...").
	Digest string
	// Files is how many files the manifest lists.
	Files int
	// Changes are the differences, sorted by path; none means the pack is as generated.
	Changes []Change
}

// VerifyPack reads dir's manifest.json, hashes every file under dir and returns each file that was
// edited, added or removed since the manifest was written. An error means dir is not a readable pack
// (no manifest, a malformed one, a file that cannot be read).
func VerifyPack(dir string) (Verification, error) {
	mpath := filepath.Join(dir, FileManifest)
	data, err := os.ReadFile(mpath) //nolint:gosec // the pack named by the reviewer
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Verification{}, fmt.Errorf("%s: no %s: allowed the directory of an evidence pack written by lz report", dir, FileManifest)
		}
		return Verification{}, err
	}
	m, err := ParseManifest(data, mpath)
	if err != nil {
		return Verification{}, err
	}
	got, err := HashTree(dir, FileManifest)
	if err != nil {
		return Verification{}, fmt.Errorf("%s: %w", dir, err)
	}
	v := Verification{Manifest: m, Digest: Digest(data), Files: len(m.Files)}
	onDisk := make(map[string]ManifestFile, len(got))
	for _, f := range got {
		onDisk[f.Path] = f
	}
	for _, want := range m.Files {
		have, ok := onDisk[want.Path]
		switch {
		case !ok:
			v.Changes = append(v.Changes, Change{Kind: ChangeRemoved, Path: want.Path, Want: want.SHA256})
		case have.SHA256 != want.SHA256:
			v.Changes = append(v.Changes, Change{Kind: ChangeEdited, Path: want.Path, Want: want.SHA256, Got: have.SHA256})
		}
		delete(onDisk, want.Path)
	}
	for _, f := range got {
		if _, extra := onDisk[f.Path]; extra {
			v.Changes = append(v.Changes, Change{Kind: ChangeAdded, Path: f.Path, Got: f.SHA256})
		}
	}
	slices.SortFunc(v.Changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return v, nil
}
