//go:build e2e

package e2e

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/policecloud/landingzones/internal/plan"
	"github.com/policecloud/landingzones/internal/program"
)

// overheadStacks are the stacks BenchmarkPolicyOverhead previews: each landing zone's foundation, the
// largest stack of its cloud.
var overheadStacks = []string{"pos-foundation", "met-foundation"}

// BenchmarkPolicyOverhead previews each of overheadStacks with the policy pack, without any pack, and with
// a pack that inspects nothing (internal/e2e/nooppack), in turn in each iteration, and reports the three
// times and two ratios: ratio (with the pack / without any) is what the pack adds to a preview, and
// ratio-vs-noop (with the pack / with the pack that inspects nothing) is the part of it that running the
// rules costs, the rest being what the engine spends on any pack (starting the plugin, a call per
// resource).
//
//	make bench-e2e
func BenchmarkPolicyOverhead(b *testing.B) {
	for _, name := range overheadStacks {
		b.Run(name, func(b *testing.B) { policyOverhead(b, name) })
	}
}

func policyOverhead(b *testing.B, name string) {
	res, err := plan.Run(name, plan.Options{StacksDir: filepath.Join(h.root, "stacks")})
	if err != nil {
		b.Fatalf("offline plan of %s: %v", name, err)
	}
	n := len(res.Resources)
	b.Logf("%s: %d resources in the offline plan", name, n)
	s := h.stack(b, name, name, program.Run)
	packs := []string{h.packDir, "", h.noopDir}
	// One untimed preview of each kind warms the plugin and page caches.
	for _, dir := range packs {
		if o := previewPack(s, dir, ""); o.err != nil {
			b.Fatalf("%s: %v\n%s", o.op, o.err, o.log)
		}
	}
	took := make([]time.Duration, len(packs))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, dir := range packs {
			start := time.Now()
			o := previewPack(s, dir, "")
			d := time.Since(start)
			if o.err != nil {
				b.Fatalf("%s: %v\n%s", o.op, o.err, o.log)
			}
			if dir == h.packDir {
				if err := o.compliant(); err != nil {
					b.Fatal(err)
				}
			}
			took[k] += d
		}
	}
	b.StopTimer()
	with, without, withNoop := took[0], took[1], took[2]
	b.ReportMetric(float64(with.Milliseconds())/float64(b.N), "ms-with-pack/op")
	b.ReportMetric(float64(without.Milliseconds())/float64(b.N), "ms-without-pack/op")
	b.ReportMetric(float64(withNoop.Milliseconds())/float64(b.N), "ms-with-noop-pack/op")
	b.ReportMetric(float64(with)/float64(without), "ratio")
	b.ReportMetric(float64(with)/float64(withNoop), "ratio-vs-noop")
	b.ReportMetric(float64(n), "resources")
}
