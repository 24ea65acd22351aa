//go:build lz_sdk

package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/policecloud/landingzones/internal/plan"
)

func init() {
	planErrorKinds.scope = func(err error) bool {
		var se *plan.ScopeError
		return errors.As(err, &se)
	}
	planErrorKinds.program = func(err error) bool {
		var pe *plan.ProgramError
		return errors.As(err, &pe)
	}
}

// progress shows what lz is doing on a terminal only: one line, rewritten in place, cleared at the end.
type progress struct {
	w  io.Writer
	on bool
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, on: ok && term.IsTerminal(int(f.Fd()))}
}

func (p *progress) show(format string, args ...any) {
	if p.on {
		fmt.Fprintf(p.w, "\r\033[K"+format, args...)
	}
}

func (p *progress) done() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// lines are the lines of an error as lz prints them.
func lines(err error) []string {
	var in *inputError
	if errors.As(err, &in) {
		return in.lines
	}
	return []string{err.Error()}
}
