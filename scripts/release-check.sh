#!/usr/bin/env bash
# Checks, before a release is tagged, that the module works as a force will use it: it serves HEAD as
# version v0.0.0-check from a throwaway file module proxy (the module's files as the Go proxy would zip
# them, nested modules left out), then
#   1. `go install github.com/policecloud/landingzones/cmd/lz@<version>` builds lz, which runs, and so
#      does the build with `-tags lz_sdk` (plan and report);
#   2. a copy of examples/ with no `replace`, requiring that version, passes `go vet` and `go test`.
# Nothing is published and the repository is not changed; everything else comes from the module proxy
# (or a warm module cache). A few minutes with warm build caches.
#
# Usage: scripts/release-check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
module="github.com/policecloud/landingzones"
version="v0.0.0-check"
work="$(mktemp -d)"
modcache="$(go env GOMODCACHE)"
# The check's version is removed from the module cache afterwards, so it never lingers there.
cleanup() {
  chmod -R u+w "$modcache/$module@$version" 2>/dev/null || true
  rm -rf "$work" "$modcache/$module@$version" "$modcache/cache/download/$module/@v/$version".*
}
trap cleanup EXIT

proxy="$work/proxy/$module/@v"
mkdir -p "$proxy"
echo "$version" >"$proxy/list"
echo "{\"Version\":\"$version\",\"Time\":\"$(git -C "$root" log -1 --format=%cI)\"}" >"$proxy/$version.info"
cp "$root/go.mod" "$proxy/$version.mod"
# Leave out every nested module, as the proxy does.
excludes=()
while IFS= read -r m; do
  d="$(dirname "$m")"
  [ "$d" != "." ] && excludes+=(":!$d")
done < <(git -C "$root" ls-files '*go.mod')
git -C "$root" archive --format=zip --prefix="$module@$version/" -o "$proxy/$version.zip" HEAD -- . "${excludes[@]}"

export GOPROXY="file://$work/proxy,$(go env GOPROXY)" GONOSUMDB="$module" GOFLAGS=-mod=mod

echo "== go install $module/cmd/lz@$version"
GOBIN="$work/bin" go install "$module/cmd/lz@$version"
"$work/bin/lz" rules >/dev/null
echo "lz runs"
echo "== go install -tags lz_sdk $module/cmd/lz@$version (plan and report)"
GOBIN="$work/sdk" go install -tags lz_sdk "$module/cmd/lz@$version"
"$work/sdk/lz" plan --help >/dev/null
echo "lz with the provider SDKs runs"

echo "== the examples, outside this repository, requiring $version"
cp -r "$root/examples" "$work/examples"
cd "$work/examples"
go mod edit -dropreplace "$module" -require "$module@$version"
go mod tidy
go vet ./...
go test -count=1 ./...
echo "release check passed"
