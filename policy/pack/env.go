package main

import (
	"errors"
	"os"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/policecloud/landingzones/components/config"
	"github.com/policecloud/landingzones/internal/stackctx"
	"github.com/policecloud/landingzones/policy"
)

// WaiverFileEnv names the environment variable that points the pack at the accreditor's waiver file.
const WaiverFileEnv = "PCLZ_WAIVER_FILE"

// env is what every policy of the pack shares for one stack: the rules' context, the waivers and the
// problems found reading them.
type env struct {
	ctx      *policy.Context
	waivers  []policy.Waiver
	problems []string
	now      time.Time
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
		}
	}
	if path := os.Getenv(WaiverFileEnv); path != "" {
		e.loadWaivers(path)
	}
	return e
}

// loadWaivers reads the waiver file; any problem is a mandatory violation of ContextPolicy.
func (e *env) loadWaivers(path string) {
	ws, problems := readWaivers(path, e.now)
	e.waivers = ws
	e.problems = append(e.problems, problems...)
}
