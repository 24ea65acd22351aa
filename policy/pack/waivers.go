package main

import (
	"errors"
	"time"

	"github.com/policecloud/landingzones/policy/catalog"
	"github.com/policecloud/landingzones/policy/waiverfile"
)

// readWaivers reads the accreditor's waiver file for the stack exactly as lz does: the same parser (rule
// IDs, waivability, the 12-month limit, expiry) and the same scope check (waiverfile.CheckStack). Every
// problem comes back as one line, to be reported as a mandatory violation: a pack that cannot read its
// waivers, or is given another stack's, must not let the stack pass. On a problem no waiver applies.
func readWaivers(path string, now time.Time, stack, landingZone string) (waiverfile.File, []string) {
	f, err := waiverfile.Load(path, catalog.Meta, now)
	if err == nil {
		err = f.CheckStack(stack, landingZone)
	}
	if err != nil {
		var perr *waiverfile.Error
		if errors.As(err, &perr) {
			var lines []string
			for _, p := range perr.Problems {
				lines = append(lines, p.String())
			}
			return waiverfile.File{}, lines
		}
		return waiverfile.File{}, []string{err.Error()}
	}
	return f, nil
}
