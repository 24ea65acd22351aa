package main

import (
	"os"
	"runtime/debug"
	"sync"
)

// quietGC turns the garbage collector off while lz decodes and evaluates an input of n bytes (and prints
// the summary, when that is all it does), and returns the function that turns it back on. Nearly
// everything decoding and evaluating allocate is still live at the end (the resources, then their
// findings), so a collection during them frees little; yet a heap growing
// from nothing to over ten times the input collects at every doubling (nine times for a 10,000-resource
// export), each marking everything read so far while competing with the work for the cores. A soft memory
// limit of 64 MiB plus 16 bytes per input byte (decoding and evaluating take about twelve) brings the
// collector back should an input need more. GOGC or GOMEMLIMIT in the environment leave the collector as
// they set it. restore may be called more than once (the first call restores).
func quietGC(n int) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limit := debug.SetMemoryLimit(64<<20 + 16*int64(n))
	percent := debug.SetGCPercent(-1)
	return sync.OnceFunc(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}
