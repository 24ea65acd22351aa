# Tools are pinned and installed into .tools/ by this Makefile; nothing else needs installing beyond Go.
GOLANGCI_LINT_VERSION := v2.15.0
TOOLS := $(CURDIR)/.tools
GOLANGCI_LINT := $(TOOLS)/golangci-lint-$(GOLANGCI_LINT_VERSION)
FUZZTIME ?= 5s
# lz plan and lz report run the stack program, which needs the provider SDKs: only a build with this tag
# has them (docs/adr/0008-lz-default-build-without-provider-sdks.md). Targets that test or lint the whole
# module pass it; the default build (check, rules, validate, verify, sbom) is tested on its own too.
SDK := -tags lz_sdk

.PHONY: all build test examples lint fmt bench bench-once race build-sdk cover fuzz validate tools

all: build test examples lint

build:
	go build ./...
	go build $(SDK) ./...

test:
	go test $(SDK) ./...
	go test ./cmd/lz

# The examples are their own Go module (a replace points it at this checkout): they build, and their
# tests pass, from outside this module, with its public packages only.
examples:
	cd examples && go vet ./... && go test ./...

validate:
	go run ./cmd/lz validate --all

$(GOLANGCI_LINT):
	mkdir -p $(TOOLS)
	GOBIN=$(TOOLS) go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)
	mv $(TOOLS)/golangci-lint $(GOLANGCI_LINT)

tools: $(GOLANGCI_LINT)

lint: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run --build-tags lz_sdk ./...
	$(GOLANGCI_LINT) run ./cmd/lz

# The examples' own module, linted with the same configuration.
.PHONY: lint-examples
lint-examples: $(GOLANGCI_LINT)
	cd examples && $(GOLANGCI_LINT) run ./...

fmt: $(GOLANGCI_LINT)
	gofmt -w $$(git ls-files '*.go')
	$(GOLANGCI_LINT) fmt ./...

bench:
	go test $(SDK) -run='^$$' -bench=. -benchmem ./...

# Every benchmark run once, so that none can rot (CI runs this); the real-engine benchmark
# (BenchmarkPolicyOverhead, build tag e2e) is left out: make bench-e2e runs it.
bench-once:
	go test $(SDK) -run='^$$' -bench=. -benchtime=1x ./...

# The race detector over the code that spreads work over goroutines: the evaluation (policy, every rule in
# policy/catalog), the report writers (policy/report), the pack's shared stack evaluation (policy/pack)
# and lz check's parallel decoding (cmd/lz, default build: no provider SDK to compile with -race).
race:
	go test -race ./policy ./policy/catalog ./policy/report ./policy/pack ./cmd/lz

# lz with the provider SDKs, for plan and report (the default build has every other command).
build-sdk:
	go build $(SDK) -o lz ./cmd/lz

cover:
	go test $(SDK) -coverprofile=coverage.out ./...
	go tool cover -func=coverage.out | tail -1

# Every fuzz target, FUZZTIME each (go test -fuzz takes one target per run; scripts/fuzz-one.sh).
fuzz:
	@for pkg in $$(go list ./...); do \
	  dir=$$(go list -f '{{.Dir}}' $$pkg); \
	  for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    echo "fuzz $$pkg $$f"; \
	    scripts/fuzz-one.sh $$pkg $$f $(FUZZTIME) || exit 1; \
	  done; \
	done

# End-to-end under the real Pulumi engine, offline (docs/e2e.md): the pinned CLI is built once into
# .tools/pulumi-<version> by scripts/install-pulumi.sh; the tests build the test-double provider plugins
# and the policy pack themselves.
E2E_TIMEOUT ?= 45m

.PHONY: pulumi-cli e2e bench-e2e lint-e2e

pulumi-cli:
	scripts/install-pulumi.sh >/dev/null

e2e: pulumi-cli
	go test -tags e2e -count=1 -timeout $(E2E_TIMEOUT) ./internal/e2e/...

# `make lint` builds without the e2e tag, so the harness's files are linted here.
lint-e2e: $(GOLANGCI_LINT)
	go vet -tags e2e ./internal/e2e/...
	$(GOLANGCI_LINT) run --build-tags e2e ./internal/e2e/...

# Policy overhead on the largest stack (preview with the pack / without); medians in BENCHMARKS.md.
bench-e2e: pulumi-cli
	go test -tags e2e -run='^$$' -bench=BenchmarkPolicyOverhead -benchtime=3x -count=5 -timeout 60m ./internal/e2e/

# The adversarial corpus (docs/corpus.md): every case under the mock cloud, checked by the real lz binary.
# corpus-score prints detection and false-positive rates; corpus-exports writes the stack exports (and lz
# reports) to DIR, never into the repository.
.PHONY: corpus-score corpus-exports

corpus-score:
	go run ./internal/corpus/cmd/corpus-score

corpus-exports:
	@test -n "$(DIR)" || { echo "usage: make corpus-exports DIR=/tmp/corpus-exports"; exit 2; }
	go run ./internal/corpus/cmd/corpus-score -exports "$(DIR)"
