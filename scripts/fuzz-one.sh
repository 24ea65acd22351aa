#!/usr/bin/env bash
# fuzz-one.sh PKG TARGET FUZZTIME: fuzz one target. The Go toolchain sometimes ends a fuzz run that found
# nothing with "context deadline exceeded" when -fuzztime expires on a loaded machine; such a run
# (no new failing input under testdata/fuzz) is retried once. A real failure always fails.
set -uo pipefail
pkg=$1 target=$2 fuzztime=$3
dir=$(go list -f '{{.Dir}}' "$pkg")
for attempt in 1 2; do
  before=$(find "$dir/testdata/fuzz/$target" -type f 2>/dev/null | wc -l)
  out=$(go test -run='^$' -fuzz="^$target\$" -fuzztime="$fuzztime" "$pkg" 2>&1)
  status=$?
  echo "$out"
  [ $status -eq 0 ] && exit 0
  after=$(find "$dir/testdata/fuzz/$target" -type f 2>/dev/null | wc -l)
  if [ "$attempt" -eq 1 ] && [ "$after" -eq "$before" ] && grep -q 'context deadline exceeded' <<<"$out" \
     && ! grep -q 'Failing input written' <<<"$out"; then
    echo "fuzz $pkg $target: the run ended at its deadline with no failing input; retrying once"
    continue
  fi
  exit $status
done
