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

// However a check ends (refused input, a summary only, reports), the collector is back on after it.
func TestQuietGCRestoredAfterCheck(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"check", "--state", "testdata/pos-bronze.preview.json"}, exitBadInput},
		{[]string{"check", "--state", "testdata/pos-gold.export.json", "--soft-fail"}, exitOK},
		{[]string{"check", "--state", "testdata/pos-gold.export.json", "--soft-fail", "--out", t.TempDir()}, exitOK},
	} {
		code, _, stderr := lz(t, c.args...)
		assert.Equal(t, c.code, code, stderr)
		assert.Equal(t, 100, debug.SetGCPercent(100), "the collector is back on after lz %v", c.args)
	}
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
