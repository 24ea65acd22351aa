# Tools are pinned and installed into .tools/ by this Makefile; nothing else needs installing beyond Go.
GOLANGCI_LINT_VERSION := v2.15.0
TOOLS := $(CURDIR)/.tools
GOLANGCI_LINT := $(TOOLS)/golangci-lint-$(GOLANGCI_LINT_VERSION)
FUZZTIME ?= 5s

.PHONY: all build test lint fmt bench cover fuzz validate tools

all: build test lint

build:
	go build ./...

test:
	go test ./...

validate:
	go run ./cmd/lz validate --all

$(GOLANGCI_LINT):
	mkdir -p $(TOOLS)
	GOBIN=$(TOOLS) go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)
	mv $(TOOLS)/golangci-lint $(GOLANGCI_LINT)

tools: $(GOLANGCI_LINT)

lint: $(GOLANGCI_LINT)
	$(GOLANGCI_LINT) run ./...

fmt: $(GOLANGCI_LINT)
	gofmt -w $$(git ls-files '*.go')
	$(GOLANGCI_LINT) fmt ./...

bench:
	go test -run='^$$' -bench=. -benchmem ./...

cover:
	go test -coverprofile=coverage.out ./...
	go tool cover -func=coverage.out | tail -1

# Every fuzz target, FUZZTIME each (go test -fuzz takes one target per run).
fuzz:
	@for pkg in $$(go list ./...); do \
	  dir=$$(go list -f '{{.Dir}}' $$pkg); \
	  for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go 2>/dev/null | sed 's/^func //'); do \
	    echo "fuzz $$pkg $$f"; \
	    go test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done
