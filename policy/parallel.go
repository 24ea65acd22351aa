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

// runParallel runs the evaluation's work on up to GOMAXPROCS goroutines: every stack job (one stack rule
// over one tier group, stack(j) for j < stackJobs) and every live resource's rules (chunk over ranges of
// the n resources, where resource i's findings are first[i]..first[i+1]). The pieces write to places
// fixed in advance, so the outcome is the same whatever runs where and in whatever order. Stack jobs are
// taken first: they are few and uneven, and the resource ranges, small and many, fill in around them.
// Each goroutine has its own not-applicable messages; everything else the rules read is shared and not
// written (a resource's memo is filled once, under its own sync.Once).
func runParallel(n int, first []int, stackJobs int, chunk func(from, to int, na notApplicableMessages), stack func(j int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || n < parallelFrom {
		na := notApplicableMessages{}
		for j := range stackJobs {
			stack(j)
		}
		chunk(0, n, na)
		return
	}
	// Resource ranges of about the same number of findings, several per worker for balance.
	per := max(first[n]/(workers*8), 1)
	var ranges [][2]int
	for from := 0; from < n; {
		to := from + 1
		for to < n && first[to]-first[from] < per {
			to++
		}
		ranges = append(ranges, [2]int{from, to})
		from = to
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, stackJobs+len(ranges)) {
		wg.Go(func() {
			na := notApplicableMessages{}
			for {
				p := int(next.Add(1)) - 1
				switch {
				case p < stackJobs:
					stack(p)
				case p < stackJobs+len(ranges):
					r := ranges[p-stackJobs]
					chunk(r[0], r[1], na)
				default:
					return
				}
			}
		})
	}
	wg.Wait()
}
