package kernel

import (
	"slices"
	"testing"
	"time"
)

// BenchmarkExecuteRoundTrip measures an empty cell over real sockets, from
// sending execute_request to receiving its idle status and its reply, as a
// frontend sees it. It reports the median and 99th percentile.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	benchRoundTrip(b, startKernel(b, mockExec{}).testClient)
}

// benchRoundTrip times empty execute requests, from request to idle and
// reply, and reports the median and 99th percentile.
func benchRoundTrip(b *testing.B, k *testClient) {
	req := map[string]any{"code": "", "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		id := k.send("shell", "execute_request", req)
		k.outputs(id)
		k.reply("shell", id)
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
}
