//go:build race

package main

// raceEnabled: the race detector slows the subprocesses of the crash test.
const raceEnabled = true
