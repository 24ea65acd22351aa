package policy

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// forEach runs every index exactly once, on several goroutines from parallelFrom resources and in turn
// below it; each goroutine has its own not-applicable messages (under -race a shared one would fail).
func TestForEachRunsEveryIndexOnce(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	for _, resources := range []int{1, parallelFrom - 1, parallelFrom, 10 * parallelFrom} {
		counts := make([]atomic.Int32, 1000)
		forEach(resources, len(counts), func(i int, na notApplicableMessages) {
			counts[i].Add(1)
			na[naKey{}] = "written by one goroutine only" // -race: no cache is shared
		})
		for i := range counts {
			require.Equal(t, int32(1), counts[i].Load(), "index %d with %d resources", i, resources)
		}
	}
	forEach(parallelFrom, 0, func(int, notApplicableMessages) { t.Fatal("nothing to run") })
}

// findingRanges covers every resource once, in order, in ranges of about the same number of findings.
func TestFindingRangesCoverEveryResource(t *testing.T) {
	first := []int{0}
	for i := range 5000 {
		first = append(first, first[len(first)-1]+i%17) // 0 to 16 findings per resource
	}
	n := len(first) - 1
	ranges := findingRanges(n, first)
	require.NotEmpty(t, ranges)
	assert.Equal(t, 0, ranges[0][0])
	assert.Equal(t, n, ranges[len(ranges)-1][1])
	per := first[n] / (runtime.GOMAXPROCS(0) * 8)
	for k, r := range ranges {
		assert.Less(t, r[0], r[1], "range %d is not empty", k)
		if k > 0 {
			assert.Equal(t, ranges[k-1][1], r[0], "range %d follows the one before", k)
		}
		// A range stops at the first resource that takes it to per findings or more.
		assert.Less(t, first[r[1]-1]-first[r[0]], max(per, 1), "range %d has no resource beyond what it needs", k)
	}
	assert.Equal(t, [][2]int{{0, 1}}, findingRanges(1, []int{0, 3}))
}
