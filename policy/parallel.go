package policy

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// parallelFrom is the number of resources from which an evaluation spreads its work over the machine's
// cores. Below it (the policy pack's one resource at a time, a small stack) the work is done in turn:
// starting goroutines would cost more than it saves.
const parallelFrom = 256

// forEach runs do(0) .. do(n-1) on up to GOMAXPROCS goroutines, each goroutine with its own
// not-applicable messages, and returns when all are done. An evaluation of fewer than parallelFrom
// resources (resources) runs them in turn. Each do(i) writes only to places fixed for i in advance, so
// the outcome is the same whatever runs where and in whatever order; everything else the rules read is
// shared and not written (a resource's memo is filled under its own lock). ADR 0007.
func forEach(resources, n int, do func(i int, na notApplicableMessages)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers < 2 || resources < parallelFrom {
		na := notApplicableMessages{}
		for i := range n {
			do(i, na)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			na := notApplicableMessages{}
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				do(i, na)
			}
		})
	}
	wg.Wait()
}

// findingRanges splits n resources, whose findings are first[i]..first[i+1], into ranges of about the same
// number of findings, several per core so that the cores finish together.
func findingRanges(n int, first []int) [][2]int {
	per := max(first[n]/(runtime.GOMAXPROCS(0)*8), 1)
	var ranges [][2]int
	for from := 0; from < n; {
		to := from + 1
		for to < n && first[to]-first[from] < per {
			to++
		}
		ranges = append(ranges, [2]int{from, to})
		from = to
	}
	return ranges
}
