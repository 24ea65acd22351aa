//go:build !lz_nosdk

package main

import (
	"errors"

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
