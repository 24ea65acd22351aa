package aws

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestResCronInterval(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		expr string
		want int
		err  bool
	}{
		{expr: "cron(0 */4 * * ? *)", want: 4},
		{expr: "cron(0 0/4 * * ? *)", want: 4},
		{expr: " cron(5 0,4,8,12,16,20 * * ? *) ", want: 4},
		{expr: "cron(0 1,13 * * ? *)", want: 12},
		{expr: "cron(0 22,2 * * ? *)", want: 20},
		{expr: "cron(0 * * * ? *)", want: 1},
		{expr: "cron(0 5 * * ? *)", want: 24},
		{expr: "cron(0 5 ? * * *)", want: 24},
		{expr: "cron(0 5 ? * SUN *)", want: 168},
		{expr: "cron(0 5 ? * 7 *)", want: 168},
		{expr: "cron(0 5 ? * MON-FRI *)", want: 72},
		{expr: "cron(0 5 ? * SUN,WED *)", want: 96},
		{expr: "cron(0 5 ? * SUN-SAT *)", want: 24},
		{expr: "cron(0 5 1 * ? *)", want: resIrregular},
		{expr: "cron(0 5 * 1 ? *)", want: resIrregular},
		{expr: "cron(0 5 * * ? 2030)", want: resIrregular},
		{expr: "rate(1 day)", err: true},
		{expr: "cron(0 5 * * ?)", err: true},
		{expr: "cron(* 5 * * ? *)", err: true},
		{expr: "cron(0 5-9 * * ? *)", err: true},
		{expr: "cron(0 2/4 * * ? *)", err: true},
		{expr: "cron(0 */0 * * ? *)", err: true},
		{expr: "cron(0 24 * * ? *)", err: true},
		{expr: "cron(0 5 ? * FRI-MON *)", err: true},
		{expr: "cron(0 5 ? * 8 *)", err: true},
		{expr: "cron(0 5 ? * 2#1 *)", err: true},
	} {
		got, err := resCronInterval(tc.expr)
		if tc.err {
			assert.Error(t, err, tc.expr)
			continue
		}
		assert.NoError(t, err, tc.expr)
		assert.Equal(t, tc.want, got, tc.expr)
	}
}

func FuzzResCronInterval(f *testing.F) {
	for _, s := range []string{"cron(0 */4 * * ? *)", "cron(0 5 ? * MON-FRI *)", "cron(0 1,2 * * ? *)", "cron()", ")", "cron(0 5 ? * ,,-, *)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		gap, err := resCronInterval(expr)
		if err == nil && (gap < 1 || gap > resIrregular) {
			t.Fatalf("resCronInterval(%q) = %d, outside 1..%d", expr, gap, resIrregular)
		}
	})
}
