package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/policecloud/landingzones/components/config"
)

const repoStacks = "../../stacks"

// lz runs the command in-process and returns the exit code, stdout and stderr.
func lz(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// stackText returns the text of one of the repository's stack files.
func stackText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoStacks, "Pulumi."+name+".yaml"))
	require.NoError(t, err)
	return string(b)
}

// edit replaces old (which must occur) with new in text.
func edit(t *testing.T, text, old, new string) string {
	t.Helper()
	require.Contains(t, text, old)
	return strings.ReplaceAll(text, old, new)
}

func writeStack(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, "Pulumi."+name+".yaml")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

// copyStacks copies every stack file of the repository into a new directory.
func copyStacks(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(repoStacks, "Pulumi.*.yaml"))
	require.NoError(t, err)
	require.Len(t, files, 10)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o600))
	}
	return dir
}

func TestValidateStack(t *testing.T) {
	t.Parallel()
	code, out, errOut := lz(t, "validate", "--stack", "pos-platinum") // finds stacks/ above the package
	require.Equal(t, exitOK, code, errOut)
	assert.Empty(t, errOut)
	s, err := config.LoadFile(filepath.Join(repoStacks, "Pulumi.pos-platinum.yaml"))
	require.NoError(t, err)
	for _, want := range []string{
		"stack             pos-platinum\n",
		"cloud             aws\n",
		"region            eu-west-2\n",
		"landing zone      pos\n",
		"role              tier\n",
		"tier              Platinum\n",
		"classification    OFFICIAL\n",
		"\nTier profile (Platinum)\nFIELD                                VALUE\nTier                                 platinum\nAvailabilityZones                    3\nInternetEgress                       hub-firewall-allowlist\n",
		"Backup.VaultLock                     compliance\n",
		"Backup.SecondCopy.AWSRegion          eu-west-2\n",
		"MultiAZDatabases                     yes\n",
		"Patching.CadenceDays                 7\n",
		"Patching.RebootWindow.Day            SUN\n",
		"Scanning.CadenceHours                12\n",
		"\nAddress plan\n" + s.Plan.Table(),
		"FROM      TO         PROTOCOL  PORTS  REASON\n",
		"gold      bronze     tcp       1433   Gold records service reads the legacy custody database during migration\n",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "Egress allow-list", "only foundations show the allow-list")
}

func TestValidateFoundation(t *testing.T) {
	t.Parallel()
	code, out, errOut := lz(t, "validate", "--stacks-dir", repoStacks, "--stack", "met-foundation")
	require.Equal(t, exitOK, code, errOut)
	assert.Regexp(t, `(?m)^file +\.\./\.\./stacks/Pulumi\.met-foundation\.yaml$`, out, "a relative --stacks-dir is shown as given")
	assert.Regexp(t, `(?m)^role +foundation\ntier +Platinum$`, out)
	assert.Contains(t, out, "\nEgress allow-list (hub firewall)\n*.ubuntu.com\npackages.microsoft.com\n")
}

func TestValidateAll(t *testing.T) {
	t.Parallel()
	code, out, errOut := lz(t, "validate", "--all")
	require.Equal(t, exitOK, code, errOut)
	assert.Empty(t, errOut)
	assert.Equal(t, `OK  met-bronze      azure  uksouth    landing zone met  tier bronze
OK  met-foundation  azure  uksouth    landing zone met  foundation (platinum profile)
OK  met-gold        azure  uksouth    landing zone met  tier gold
OK  met-org         azure  uksouth    landing zone met  organization (platinum profile)
OK  met-platinum    azure  uksouth    landing zone met  tier platinum
OK  pos-bronze      aws    eu-west-2  landing zone pos  tier bronze
OK  pos-foundation  aws    eu-west-2  landing zone pos  foundation (platinum profile)
OK  pos-gold        aws    eu-west-2  landing zone pos  tier gold
OK  pos-org         aws    eu-west-2  landing zone pos  organization (platinum profile)
OK  pos-platinum    aws    eu-west-2  landing zone pos  tier platinum
cross-stack checks: OK (10 stacks, 2 landing zones)
`, out)
}

func TestValidateBrokenStack(t *testing.T) {
	t.Parallel()
	const (
		tierLine     = "landingzone:tier: platinum"
		regionLine   = "landingzone:region: eu-west-2"
		supernetLine = "landingzone:supernet: 10.20.0.0/16"
		classLine    = "landingzone:classification: OFFICIAL"
		internetFlow = "    - from: gold\n      to: internet"
	)
	var (
		wantTier     = `landingzone:tier: "silver" is not a tier: allowed platinum, gold, bronze`
		wantRegion   = `landingzone:region: "us-east-1" is not allowed for cloud aws: allowed eu-west-2 (London)`
		wantOverlap  = `landingzone:externalRanges[0].cidr: "10.128.0.0/10" overlaps the landing zone supernet 10.128.0.0/16: allowed a range outside the supernet`
		wantSecret   = `landingzone:classification: "SECRET" is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only`
		wantInternet = `landingzone:flows[2]: "bronze -> internet tcp/443" tier bronze has no internet egress; allowed destinations for bronze are other tiers and non-PSN external ranges, as explicit flows`
	)
	tests := []struct {
		name  string
		edits [][2]string
		want  []string
	}{
		{"unknown tier", [][2]string{{tierLine, "landingzone:tier: silver"}}, []string{wantTier}},
		{"region outside the UK", [][2]string{{regionLine, "landingzone:region: us-east-1"}}, []string{wantRegion}},
		{"supernet overlapping an external range", [][2]string{{supernetLine, "landingzone:supernet: 10.128.0.0/16"}}, []string{wantOverlap}},
		{"SECRET", [][2]string{{classLine, "landingzone:classification: SECRET"}}, []string{wantSecret}},
		{"Bronze flow to the internet", [][2]string{{internetFlow, "    - from: bronze\n      to: internet"}}, []string{wantInternet}},
		{"Bronze flow to 0.0.0.0/0", [][2]string{{internetFlow, "    - from: bronze\n      to: 0.0.0.0/0"}}, []string{
			`landingzone:flows[2].to: "0.0.0.0/0" is not a flow endpoint: allowed platinum, gold, bronze, internet or a declared external range (psn, legacy-dc, met)`}},
		{"misspelt key", [][2]string{{"landingzone:costCentre:", "landingzone:costcentre:"}}, []string{
			`landingzone:costCentre: missing: required: allowed 1 to 64 letters, digits, spaces or . _ : / = + - @, starting with a letter or digit`,
			`landingzone:costcentre: unknown key (did you mean landingzone:costCentre?): allowed cloud, force, landingZone, role, tier, region, supernet, externalRanges, flows, classification, owner, costCentre, foundationStack, egressDomains, psnPeerAddress, psnPeerAsn, workloads, backupCopyRoleArn, accounts, logArchiveBucket, orgRootId, accessRoleName, deployRoleArn, identityCenterInstanceArn, identityProvider, identityGroups, tenantId, subscriptions, auditWorkspaceId, breakGlassObjectIds, subscriptionId`}},
		{"every problem at once", [][2]string{
			{tierLine, "landingzone:tier: silver"},
			{regionLine, "landingzone:region: us-east-1"},
			{supernetLine, "landingzone:supernet: 10.128.0.0/16"},
			{classLine, "landingzone:classification: SECRET"},
			{internetFlow, "    - from: bronze\n      to: internet"},
		}, []string{wantSecret, wantOverlap, wantInternet, wantRegion, wantTier}},
		{"invalid YAML", [][2]string{{"config:\n", "config:\n  - oops\n"}}, []string{
			"invalid YAML: yaml: line 4: did not find expected '-' indicator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			text := stackText(t, "pos-platinum")
			for _, e := range tt.edits {
				text = edit(t, text, e[0], e[1])
			}
			path := writeStack(t, dir, "pos-platinum", text)
			code, out, errOut := lz(t, "validate", "--stacks-dir", dir, "--stack", "pos-platinum")
			assert.Equal(t, exitBadInput, code)
			assert.Empty(t, out)
			var want strings.Builder
			for _, line := range tt.want {
				want.WriteString(path + ": " + line + "\n")
			}
			assert.Equal(t, want.String(), errOut)
		})
	}
}

func TestValidateMissing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeStack(t, dir, "pos-gold", stackText(t, "pos-gold"))
	writeStack(t, dir, "pos-bronze", stackText(t, "pos-bronze"))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "empty"), 0o755))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing stack file", []string{"--stacks-dir", dir, "--stack", "pos-silver"},
			filepath.Join(dir, "Pulumi.pos-silver.yaml") + ": no such stack file: allowed one of pos-bronze, pos-gold\n"},
		{"missing stacks directory", []string{"--stacks-dir", filepath.Join(dir, "nope"), "--all"},
			filepath.Join(dir, "nope") + ": no such stacks directory: allowed --stacks-dir DIR\n"},
		{"stacks directory is a file", []string{"--stacks-dir", filepath.Join(dir, "Pulumi.pos-gold.yaml"), "--all"},
			filepath.Join(dir, "Pulumi.pos-gold.yaml") + ": cannot read the stacks directory (not a directory): allowed --stacks-dir DIR\n"},
		{"no stack files at all", []string{"--stacks-dir", filepath.Join(dir, "empty"), "--all"},
			filepath.Join(dir, "empty") + ": no stack files: allowed Pulumi.<stack>.yaml files\n"},
		{"no stack files", []string{"--stacks-dir", t.TempDir(), "--stack", "pos-gold"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := lz(t, append([]string{"validate"}, tt.args...)...)
			assert.Equal(t, exitBadInput, code)
			assert.Empty(t, out)
			if tt.want != "" {
				assert.Equal(t, tt.want, errOut)
			} else {
				assert.True(t, strings.HasSuffix(errOut, "Pulumi.pos-gold.yaml: no such stack file: allowed none found\n"), errOut)
			}
		})
	}
}

func TestValidateAllCrossStack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		want   func(dir string) []string
	}{
		{"supernet differs within a landing zone", func(t *testing.T, dir string) {
			writeStack(t, dir, "pos-gold", edit(t, stackText(t, "pos-gold"), "10.20.0.0/16", "10.21.0.0/16"))
		}, func(dir string) []string {
			return []string{filepath.Join(dir, "Pulumi.pos-gold.yaml") + `: landingzone:supernet: "10.21.0.0/16" differs from "10.20.0.0/16" in ` +
				filepath.Join(dir, "Pulumi.pos-foundation.yaml") + `: allowed the same value in every stack of landing zone pos`}
		}},
		{"flow differs within a landing zone", func(t *testing.T, dir string) {
			writeStack(t, dir, "met-gold", edit(t, stackText(t, "met-gold"), `ports: "1433"`, `ports: "1434"`))
		}, func(dir string) []string {
			return []string{filepath.Join(dir, "Pulumi.met-gold.yaml") + `: landingzone:flows[3]: "gold -> bronze tcp/1434" differs from "gold -> bronze tcp/1433" in ` +
				filepath.Join(dir, "Pulumi.met-foundation.yaml") + `: allowed the same flows in every stack of landing zone met`}
		}},
		{"flow reason differs within a landing zone", func(t *testing.T, dir string) {
			writeStack(t, dir, "met-bronze", edit(t, stackText(t, "met-bronze"), "reason: Gold records service", "reason: Gold records system"))
		}, func(dir string) []string {
			return []string{filepath.Join(dir, "Pulumi.met-bronze.yaml") + `: landingzone:flows[3].reason: "Gold records system reads the legacy custody database during migration" differs from "Gold records service reads the legacy custody database during migration" in ` +
				filepath.Join(dir, "Pulumi.met-foundation.yaml") + `: allowed the same flows in every stack of landing zone met`}
		}},
		{"external range missing within a landing zone", func(t *testing.T, dir string) {
			writeStack(t, dir, "pos-bronze", edit(t, stackText(t, "pos-bronze"), "    - name: met\n      kind: landingzone\n      cidr: 10.60.0.0/16\n", ""))
		}, func(dir string) []string {
			return []string{filepath.Join(dir, "Pulumi.pos-bronze.yaml") + `: landingzone:externalRanges[2]: missing: "met landingzone 10.60.0.0/16" is declared in ` +
				filepath.Join(dir, "Pulumi.pos-foundation.yaml") + `: allowed the same externalRanges in every stack of landing zone pos`}
		}},
		{"no foundation", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, "Pulumi.met-foundation.yaml")))
		}, func(dir string) []string {
			return []string{dir + `: landing zone "met" has no foundation stack: allowed exactly one stack with landingzone:role foundation`}
		}},
		{"two foundations and a tier twice", func(t *testing.T, dir string) {
			writeStack(t, dir, "pos-hub", stackText(t, "pos-foundation"))
			writeStack(t, dir, "pos-gold2", stackText(t, "pos-gold"))
		}, func(dir string) []string {
			return []string{
				filepath.Join(dir, "Pulumi.pos-hub.yaml") + `: landingzone:role: "foundation" is a second foundation of landing zone pos (the first is ` +
					filepath.Join(dir, "Pulumi.pos-foundation.yaml") + `): allowed exactly one foundation per landing zone`,
				filepath.Join(dir, "Pulumi.pos-gold2.yaml") + `: landingzone:tier: "gold" is already deployed by ` +
					filepath.Join(dir, "Pulumi.pos-gold.yaml") + `: allowed one stack per tier in landing zone pos`,
			}
		}},
		{"foundation stack names another stack", func(t *testing.T, dir string) {
			writeStack(t, dir, "pos-gold", edit(t, stackText(t, "pos-gold"), "/pos-foundation", "/pos-fundation"))
		}, func(dir string) []string {
			return []string{filepath.Join(dir, "Pulumi.pos-gold.yaml") + `: landingzone:foundationStack: "organization/police-landing-zones/pos-fundation" does not name the foundation of landing zone pos (` +
				filepath.Join(dir, "Pulumi.pos-foundation.yaml") + `): allowed organization/project/pos-foundation`}
		}},
		{"landing zones overlap", func(t *testing.T, dir string) {
			text := edit(t, stackText(t, "pos-foundation"), "landingzone:landingZone: pos", "landingzone:landingZone: lab")
			text = edit(t, text, "landingzone:supernet: 10.20.0.0/16", "landingzone:supernet: 10.20.0.0/20")
			writeStack(t, dir, "lab-foundation", text)
		}, func(dir string) []string {
			return []string{filepath.Join(dir, "Pulumi.lab-foundation.yaml") + `: landingzone:supernet: "10.20.0.0/20" overlaps the supernet 10.20.0.0/16 of landing zone pos (` +
				filepath.Join(dir, "Pulumi.pos-foundation.yaml") + `): allowed supernets that do not overlap`}
		}},
		{"landing zone external is not that landing zone's supernet", func(t *testing.T, dir string) {
			for _, name := range []string{"met-foundation", "met-org", "met-platinum", "met-gold", "met-bronze"} {
				writeStack(t, dir, name, edit(t, stackText(t, name), "cidr: 10.20.0.0/16", "cidr: 10.21.0.0/16"))
			}
		}, func(dir string) []string {
			return []string{filepath.Join(dir, "Pulumi.met-foundation.yaml") + `: landingzone:externalRanges[2].cidr: "10.21.0.0/16" is not the supernet of landing zone pos (` +
				filepath.Join(dir, "Pulumi.pos-foundation.yaml") + `): allowed 10.20.0.0/16`}
		}},
		{"an invalid stack is reported and skipped", func(t *testing.T, dir string) {
			writeStack(t, dir, "pos-bronze", edit(t, stackText(t, "pos-bronze"), "landingzone:classification: OFFICIAL", "landingzone:classification: TOP SECRET"))
		}, func(dir string) []string {
			return []string{filepath.Join(dir, "Pulumi.pos-bronze.yaml") + `: landingzone:classification: "TOP SECRET" is not allowed: this platform holds OFFICIAL and OFFICIAL-SENSITIVE only`}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := copyStacks(t)
			tt.change(t, dir)
			code, out, errOut := lz(t, "validate", "--stacks-dir", dir, "--all")
			assert.Equal(t, exitBadInput, code)
			assert.Equal(t, strings.Join(tt.want(dir), "\n")+"\n", errOut)
			assert.Regexp(t, `(?m)^(cross-stack checks: \d+ problem\(s\)|FAIL  pos-bronze +1 problem\(s\))$`, out)
		})
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"neither flag", []string{"validate"},
			"lz: nothing to validate: allowed --stack NAME or --all\nRun 'lz validate --help' for usage.\n"},
		{"both flags", []string{"validate", "--all", "--stack", "pos-gold"},
			"lz: --stack and --all cannot be used together: allowed one of them\nRun 'lz validate --help' for usage.\n"},
		{"a path instead of a name", []string{"validate", "--stack", "stacks/Pulumi.pos-gold.yaml"},
			"lz: --stack \"stacks/Pulumi.pos-gold.yaml\" is not a stack name: allowed the NAME of stacks/Pulumi.NAME.yaml, such as pos-platinum\nRun 'lz validate --help' for usage.\n"},
		{"unknown flag", []string{"validate", "--stak", "pos-gold"},
			"lz: unknown flag: --stak\nRun 'lz validate --help' for usage.\n"},
		{"positional argument", []string{"validate", "pos-gold"},
			"lz: unknown command \"pos-gold\" for \"lz validate\"\nRun 'lz --help' for usage.\n"},
		{"unknown command", []string{"deploy"},
			"lz: unknown command \"deploy\" for \"lz\"\nRun 'lz --help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := lz(t, tt.args...)
			assert.Equal(t, exitBadInput, code)
			assert.Empty(t, out)
			assert.Equal(t, tt.want, errOut)
		})
	}
}

func TestReportInternal(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	assert.Equal(t, 3, exitStatus(&internalError{err: os.ErrPermission}, &stderr), "a CI pipeline tells an internal error from a blocked deployment")
	assert.NotEqual(t, exitBlocked, exitInternal)
	assert.Equal(t, "lz: internal error: permission denied\n", stderr.String())
}

func TestFindStacksDir(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	nested := filepath.Join(root, "a", "b")
	require.NoError(t, os.MkdirAll(nested, 0o755))

	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o600))
	d, err := findStacksDir("", nested)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "stacks"), d.dir)
	assert.Equal(t, filepath.Join(root, "stacks", "Pulumi.x.yaml"), d.file("x"), "paths above the working directory stay absolute")

	require.NoError(t, os.WriteFile(filepath.Join(root, "a", "Pulumi.yaml"), []byte("name: p\nstackConfigDir: config\n"), 0o600))
	d, err = findStacksDir("", nested)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(root, "a", "config"), d.dir, "the nearest project wins, with its stackConfigDir")

	d, err = findStacksDir("", root)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join("stacks", "Pulumi.x.yaml"), d.file("x"))

	d, err = findStacksDir("./here/", root)
	require.NoError(t, err)
	assert.Equal(t, "here", d.dir)
}
