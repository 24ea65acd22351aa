package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/policecloud/landingzones/policy/packconfig"
	"github.com/policecloud/landingzones/policy/provenance"
)

// InputFile is one file a report was produced from, with its SHA-256, so a reviewer can tell which stack
// file, waiver file or stack export the verdict is about.
type InputFile struct {
	// Role is what the file is: "stack file", "waiver file", "stack export" or "preview".
	Role string `json:"role"`
	// Path is the file as it was given.
	Path string `json:"path"`
	// SHA256 is the hex SHA-256 of the file's bytes.
	SHA256 string `json:"sha256"`
}

// HashInput reads path and returns it as an input of the given role.
func HashInput(role, path string) (InputFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return InputFile{}, fmt.Errorf("%s %s: %w", role, path, err)
	}
	return HashBytes(role, path, b), nil
}

// HashBytes returns data, read from path, as an input of the given role.
func HashBytes(role, path string, data []byte) InputFile {
	sum := sha256.Sum256(data)
	return InputFile{Role: role, Path: path, SHA256: hex.EncodeToString(sum[:])}
}

// policyConfigText is the policy config in force as one line for the human-readable reports.
func policyConfigText(os []packconfig.Override) string {
	if len(os) == 0 {
		return "none (every rule at its catalogue level and UK region list)"
	}
	parts := make([]string, len(os))
	for i, o := range os {
		parts[i] = o.String()
	}
	return strings.Join(parts, "; ")
}

// provenanceText is the build facts as one line for the human-readable reports.
func provenanceText(b provenance.Build) string {
	if b == (provenance.Build{}) {
		return "(not recorded)"
	}
	return b.Line()
}

// inputsText is the inputs as one line for the human-readable reports.
func inputsText(in []InputFile) string {
	if len(in) == 0 {
		return "(none recorded)"
	}
	parts := make([]string, len(in))
	for i, f := range in {
		parts[i] = fmt.Sprintf("%s %s (sha256 %s)", f.Role, f.Path, f.SHA256)
	}
	return strings.Join(parts, "; ")
}
