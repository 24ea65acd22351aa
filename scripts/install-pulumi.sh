#!/usr/bin/env bash
# Installs the pinned Pulumi CLI into .tools/pulumi-<version>/pulumi, built from source
# (github.com/pulumi/pulumi/pkg/v3, pinned in tools/pulumi-cli/go.mod). Runs once: a later run finds the
# binary, checks its stamped version and exits. Needs only Go and the module proxy (or a warm module cache).
#
# Usage: scripts/install-pulumi.sh            prints the binary's path on stdout
# Env:   NICE=0 to build at normal priority (default: nice -n 19, the CLI build is about 10 minutes cold)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="v3.259.0"
dir="$root/.tools/pulumi-$version"
# Laid out as <root>/bin/pulumi, the layout the Automation API's auto.NewPulumiCommand(Root: <root>) expects.
bin="$dir/bin/pulumi"

if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -qx "$version"; then
  echo "$bin"
  exit 0
fi

pin="$(grep -oE 'github.com/pulumi/pulumi/pkg/v3 v[0-9.]+' "$root/tools/pulumi-cli/go.mod" | awk '{print $2}' || true)"
if [ "$pin" != "$version" ]; then
  echo "install-pulumi.sh: tools/pulumi-cli/go.mod pins pkg/v3 $pin, this script $version" >&2
  exit 1
fi

mkdir -p "$dir/bin"
nice_cmd=(nice -n 19)
if [ "${NICE:-19}" = "0" ]; then nice_cmd=(); fi
echo "install-pulumi.sh: building the Pulumi CLI $version (about 10 minutes cold)" >&2
start=$(date +%s)
(
  cd "$root/tools/pulumi-cli"
  # -mod=mod is not used: go.sum pins every module, and GOFLAGS from the caller must not loosen that.
  GOFLAGS=-buildvcs=false "${nice_cmd[@]}" go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$bin.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
)
mv "$bin.tmp" "$bin"
got="$("$bin" version)"
if [ "$got" != "$version" ]; then
  echo "install-pulumi.sh: built CLI reports version '$got', want $version" >&2
  exit 1
fi
echo "install-pulumi.sh: built in $(( $(date +%s) - start ))s" >&2
echo "$bin"
