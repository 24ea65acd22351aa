//go:build e2e

package e2e

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/internal/program"
)

// largestStack returns the stack whose offline plan registers the most resources, and its foundation
// ("" for a foundation).
func largestStack(b *testing.B) (string, string, int) {
	b.Helper()
	best, n, foundation := "", -1, ""
	for _, s := range stacks {
		res, err := plan.Run(s, plan.Options{StacksDir: filepath.Join(h.root, "stacks")})
		if err != nil {
			b.Fatalf("offline plan of %s: %v", s, err)
		}
		if len(res.Resources) > n {
			best, n = s, len(res.Resources)
			foundation = res.Stack.FoundationStack
		}
	}
	if foundation != "" {
		foundation = foundation[len("organization/"+project+"/"):]
	}
	return best, foundation, n
}

// BenchmarkPolicyOverhead previews the largest stack with the policy pack and without it, alternately in
// each iteration, and reports both times and their ratio (with/without): what the pack adds to a preview.
//
//	make bench-e2e
func BenchmarkPolicyOverhead(b *testing.B) {
	name, foundation, n := largestStack(b)
	b.Logf("largest stack: %s (%d resources in the offline plan)", name, n)
	if foundation != "" {
		f := h.stack(b, foundation, foundation, program.Run)
		if o := up(f, true); o.err != nil {
			b.Fatalf("up %s: %v\n%s", foundation, o.err, o.log)
		}
	}
	s := h.stack(b, name, name, program.Run)
	// One untimed preview of each kind warms the plugin and page caches.
	for _, withPack := range []bool{true, false} {
		if o := preview(s, withPack); o.err != nil {
			b.Fatalf("%s: %v\n%s", o.op, o.err, o.log)
		}
	}
	var with, without time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, withPack := range []bool{true, false} {
			start := time.Now()
			o := preview(s, withPack)
			d := time.Since(start)
			if o.err != nil {
				b.Fatalf("%s: %v\n%s", o.op, o.err, o.log)
			}
			if withPack {
				if err := o.compliant(); err != nil {
					b.Fatal(err)
				}
				with += d
			} else {
				without += d
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(with.Milliseconds())/float64(b.N), "ms-with-pack/op")
	b.ReportMetric(float64(without.Milliseconds())/float64(b.N), "ms-without-pack/op")
	b.ReportMetric(float64(with)/float64(without), "ratio")
	b.ReportMetric(float64(n), "resources")
}
