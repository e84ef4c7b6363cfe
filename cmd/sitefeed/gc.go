package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// collectLate turns the garbage collector off until the heap first reaches
// 64 MiB, then gives it back its defaults. A small site (100 posts use
// about 20 MiB) is then built without a collection, which is about a sixth
// of its CPU time; a large one is collected as usual from 64 MiB on. GOGC
// or GOMEMLIMIT in the environment take precedence.
func collectLate() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(64 << 20)
	// The cleanup runs after the first collection, which the limit starts.
	runtime.AddCleanup(new(*int), func(struct{}) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}, struct{}{})
}
