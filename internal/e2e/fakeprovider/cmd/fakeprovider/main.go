// Command fakeprovider is the TEST-DOUBLE provider plugin binary of the end-to-end tests. The harness
// installs it as pulumi-resource-aws, pulumi-resource-azure-native and pulumi-resource-azuread; the name
// it runs under picks the package it pretends to be (see package fakeprovider).
package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/policecloud/landingzones/internal/e2e/fakeprovider"
)

func main() {
	pkg := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	pkg = strings.TrimPrefix(pkg, fakeprovider.BinaryPrefix)
	p, err := fakeprovider.New(pkg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The engine stops a plugin with SIGINT (or by killing it): stop serving on the first.
	cancel := make(chan bool)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		<-sig
		close(cancel)
	}()
	if err := fakeprovider.Serve(p, cancel); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
