package main

import (
	"errors"
	"os"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/packconfig"
)

// WaiverFileEnv names the environment variable that points the pack at the accreditor's waiver file.
const WaiverFileEnv = "PCLZ_WAIVER_FILE"

// env is what every policy of the pack shares for one stack: the rules' context, the waivers, the policy
// config in force and the problems found reading them.
type env struct {
	ctx *policy.Context
	// landingZone is the stack's landing zone ("" without landing-zone config): a waiver file's scope
	// may name it.
	landingZone string
	waivers     []policy.Waiver
	// warnings are the waiver file's expired waivers (they no longer apply).
	warnings []string
	// problems are the stack config's and the waiver file's: mandatory violations of the input policy.
	problems []string
	// eff is the policy config in force (Configure); its Problems are mandatory violations too.
	eff packconfig.Effective
	now time.Time
}

// loadEnv reads the stack's landing-zone config from the engine's context, exactly as the stack program
// and cmd/lz do. A stack without landing-zone config gets the default context (UK regions, tier unknown:
// tier-aware rules then report unknown, never pass).
func loadEnv(ctx *pulumi.Context) *env {
	e := &env{ctx: policy.NewContext(ctx.Stack(), ""), now: time.Now()}
	if len(stackctx.Raw(ctx)) > 0 {
		st, err := stackctx.Load(ctx)
		if err != nil {
			var errs config.Errors
			if errors.As(err, &errs) {
				e.problems = append(e.problems, errs.Lines()...)
			} else {
				e.problems = append(e.problems, err.Error())
			}
		} else {
			e.ctx = stackctx.FromStack(st)
			e.landingZone = st.LandingZone
		}
	}
	if path := os.Getenv(WaiverFileEnv); path != "" {
		e.loadWaivers(path)
	}
	return e
}

// loadWaivers reads the waiver file for the stack; any problem is a mandatory violation of the input
// policy and no waiver of the file applies.
func (e *env) loadWaivers(path string) {
	f, problems := readWaivers(path, e.now, e.ctx.Stack, e.landingZone)
	e.waivers = f.Waivers
	e.warnings = f.Warnings
	e.problems = append(e.problems, problems...)
}

// configure resolves the engine's policy config against the catalogue (see packconfig).
func (e *env) configure(cfg packconfig.Config) {
	e.eff = packconfig.Resolve(cfg, packconfig.PackCatalogue(catalog.Metas(), true))
}

// inputProblems are every problem with the pack's inputs, in the order stack config, waiver file, policy
// config.
func (e *env) inputProblems() []string {
	return append(append([]string(nil), e.problems...), e.eff.Problems...)
}
