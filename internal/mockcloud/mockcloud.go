// Package mockcloud is the module's own name for the public test kit's mock cloud (lztest): the same
// types and functions, so the stack program's tests, `lz plan`, the corpus and the real-engine harness
// keep one mock cloud with the forces that test their programs with lztest.
package mockcloud

import (
	"github.com/policecloud/landingzones/lztest"
	"github.com/policecloud/landingzones/policy"
)

// Defaults for Options (see lztest).
const (
	DefaultProject           = lztest.DefaultProject
	DefaultStack             = lztest.DefaultStack
	DefaultAWSAccount        = lztest.DefaultAWSAccount
	DefaultAWSRegion         = lztest.DefaultAWSRegion
	DefaultAzureSubscription = lztest.DefaultAzureSubscription
	DefaultAzureTenant       = lztest.DefaultAzureTenant
	DefaultAzureObjectID     = lztest.DefaultAzureObjectID
)

// Options configure a Cloud (lztest.Options).
type Options = lztest.Options

// Cloud is the mock engine and cloud for one program run (lztest.Cloud).
type Cloud = lztest.Cloud

// New returns a mock cloud (lztest.New).
func New(opts Options) *Cloud { return lztest.New(opts) }

// Describe formats findings one per line for test failure messages (lztest.Describe).
func Describe(fs []policy.Finding) string { return lztest.Describe(fs) }
