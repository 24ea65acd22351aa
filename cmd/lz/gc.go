package main

import (
	"os"
	"runtime/debug"
)

// quietGC turns the garbage collector off while lz decodes an input of n bytes, and returns the function
// that turns it back on. Nearly everything decoding allocates is the resources it returns, all still live
// at the end, so a collection during it frees almost nothing; yet a heap growing from nothing to several
// times the input collects at every doubling (eight times for a 10,000-resource export), each marking
// everything decoded so far while competing with the decoding for the cores. A soft memory limit of
// 64 MiB plus 16 bytes per input byte (decoding takes about six) stands in for the collector should an
// input need more. GOGC or GOMEMLIMIT in the environment leave the collector as they set it.
func quietGC(n int) (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limit := debug.SetMemoryLimit(64<<20 + 16*int64(n))
	percent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
