package main

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Decoding and evaluating run with the collector off under a soft memory limit, and both come back as
// they were.
func TestQuietGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
	restore := quietGC(1 << 20)
	assert.Equal(t, -1, debug.SetGCPercent(-1), "the collector is off while decoding and evaluating")
	assert.Equal(t, int64(64<<20+16<<20), debug.SetMemoryLimit(-1), "64 MiB and 16 bytes per input byte")
	restore()
	assert.Equal(t, 100, debug.SetGCPercent(-1))
	assert.Equal(t, limit, debug.SetMemoryLimit(-1))
	debug.SetGCPercent(100)
	restore() // a second call changes nothing
	assert.Equal(t, 100, debug.SetGCPercent(-1))
	debug.SetGCPercent(100)
}

// A check that stops at bad input leaves the collector on.
func TestQuietGCRestoredOnBadInput(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	code, _, stderr := lz(t, "check", "--state", "testdata/pos-bronze.preview.json")
	assert.Equal(t, exitBadInput, code, stderr)
	assert.Equal(t, 100, debug.SetGCPercent(100), "the collector is back on after a refused input")
}

// GOGC or GOMEMLIMIT in the environment are the user's choice: quietGC leaves them.
func TestQuietGCLeavesTheEnvironmentsSettings(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "400")
			before := debug.SetGCPercent(-1)
			debug.SetGCPercent(before)
			restore := quietGC(1 << 20)
			assert.Equal(t, before, debug.SetGCPercent(before), "quietGC changed the collector")
			restore()
		})
	}
}
