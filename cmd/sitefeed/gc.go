package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// memoryFloor is the heap the command lets the garbage collector reach
// before it collects more often than Go's default (GOGC=100) would.
const memoryFloor = 288 << 20

// collectLate turns the garbage collector off until the heap first reaches
// 64 MiB. A small site (100 posts use about 20 MiB) is then built without a
// collection, which is about a sixth of its CPU time. From then on the
// heap may grow to twice what is live, as by default, but no further than
// memoryFloor or 1.5 times what is live, whichever is larger: a large site
// keeps its peak below 300 MiB where it can (at 50,000 posts, about 200
// MiB is live while the feeds are written), and a larger one collects as
// often as GOGC=50 would, never in a loop against a limit it cannot meet.
// GOGC or GOMEMLIMIT in the environment take precedence.
func collectLate() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(64 << 20)
	// The cleanup runs after the first collection, which the limit starts.
	runtime.AddCleanup(new(*int), func(struct{}) {
		debug.SetGCPercent(100)
		limitAfterEachCollection()
	}, struct{}{})
}

// limitAfterEachCollection sets the memory limit from the heap live after
// the last collection, and again after the next one.
func limitAfterEachCollection() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	limit := int64(math.MaxInt64)
	if sample[0].Value.Kind() == metrics.KindUint64 {
		live := int64(sample[0].Value.Uint64())
		limit = max(memoryFloor, live+live/2)
	}
	debug.SetMemoryLimit(limit)
	runtime.AddCleanup(new(*int), func(struct{}) { limitAfterEachCollection() }, struct{}{})
}
