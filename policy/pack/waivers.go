package main

import (
	"errors"
	"time"

	"github.com/policecloud/landingzones/policy"
	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

// readWaivers reads the accreditor's waiver file. Every problem comes back as one line, to be reported as
// a mandatory violation: a pack that cannot read its waivers must not let the stack pass.
func readWaivers(path string, now time.Time) ([]policy.Waiver, []string) {
	f, err := waiverfile.Load(path, catalog.Meta, now)
	if err != nil {
		var perr *waiverfile.Error
		if errors.As(err, &perr) {
			var lines []string
			for _, p := range perr.Problems {
				lines = append(lines, p.String())
			}
			return nil, lines
		}
		return nil, []string{err.Error()}
	}
	return f.Waivers, nil
}
