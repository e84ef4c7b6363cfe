//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/atomicdir"
)

// command returns the command sitefeed with args, run by the test binary
// (see TestMain).
func command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SITEFEED_TEST_AS_COMMAND=1")
	return cmd
}

// writeSite writes n posts into dir, tagged from a set of tags that
// depends on gen, so that two generations differ in every feed and in
// which tag feeds exist.
func writeSite(t *testing.T, dir string, gen, n int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		body := fmt.Sprintf("---\ntitle: Post %d of generation %d\ndate: 2024-05-%02d\ntags: [t%d, t%d, all]\n---\n%s\n",
			i, gen, 1+i%28, (i+gen)%30, (i*7+gen*3)%40, strings.Repeat("Some text of the post. ", 40))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.md", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot returns every file under dir with its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkWhole fails if a file under dir is a temporary file (when noTemps)
// or a feed that is not well-formed.
func checkWhole(t *testing.T, dir string, noTemps bool) {
	t.Helper()
	for name, data := range snapshot(t, dir) {
		base := filepath.Base(name)
		switch {
		case strings.HasSuffix(base, ".sitefeed-tmp") || base == ".sitefeed-journal":
			if noTemps {
				t.Fatalf("%s left behind", name)
			}
		case strings.HasSuffix(base, ".json"):
			if err := wellFormed(sitefeed.JSON, []byte(data)); err != nil {
				t.Fatalf("%s is not whole: %v", name, err)
			}
		case strings.HasSuffix(base, ".xml") || strings.HasSuffix(base, ".opml"):
			if err := wellFormed(sitefeed.RSS, []byte(data)); err != nil {
				t.Fatalf("%s is not whole: %v", name, err)
			}
		}
	}
}

func buildArgs(src, out string) []string {
	return []string{"-url", "https://example.com/", "-now", "2024-06-01T00:00:00Z", "-quiet", "-out", out, src}
}

// TestKillAtRandom kills builds with SIGKILL at random moments, each
// replacing the feeds of the other generation of a site: after each kill
// every feed is whole; the next build then succeeds, leaves no temporary
// file or journal, and its output is byte for byte that of a clean build.
func TestKillAtRandom(t *testing.T) {
	kills := 30
	if testing.Short() || raceEnabled {
		kills = 10
	}
	base := t.TempDir()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() { // no disk syncs: faster
		if d, err := os.MkdirTemp("/dev/shm", "sitefeed-kill"); err == nil {
			base = d
			t.Cleanup(func() { os.RemoveAll(d) })
		}
	}
	srcs := []string{filepath.Join(base, "gen0"), filepath.Join(base, "gen1")}
	clean := make([]map[string]string, 2)
	var took time.Duration
	for g, src := range srcs {
		writeSite(t, src, g, 150)
		out := filepath.Join(base, fmt.Sprintf("clean%d", g))
		start := time.Now()
		if b, err := command(buildArgs(src, out)...).CombinedOutput(); err != nil {
			t.Fatalf("clean build: %v\n%s", err, b)
		}
		took = max(took, time.Since(start))
		clean[g] = snapshot(t, out)
	}
	out := filepath.Join(base, "out")
	if b, err := command(buildArgs(srcs[0], out)...).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	journals := 0
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	for i := range kills {
		g := (i + 1) % 2
		cmd := command(buildArgs(srcs[g], out)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			time.Sleep(time.Duration(rng.Int64N(int64(took))))
		} else {
			// Half the kills fall in the rename phase: soon after the
			// journal appears.
			for deadline := time.Now().Add(2 * took); time.Now().Before(deadline); {
				if _, err := os.Lstat(filepath.Join(out, ".sitefeed-journal")); err == nil {
					break
				}
				time.Sleep(50 * time.Microsecond)
			}
			time.Sleep(time.Duration(rng.Int64N(int64(time.Millisecond))))
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		checkWhole(t, out, false)
		if _, err := os.Lstat(filepath.Join(out, ".sitefeed-journal")); err == nil {
			journals++
		}

		if b, err := command(buildArgs(srcs[g], out)...).CombinedOutput(); err != nil {
			t.Fatalf("kill %d: the next build failed: %v\n%s", i, err, b)
		}
		checkWhole(t, out, true)
		got := snapshot(t, out)
		for name, data := range clean[g] {
			if got[name] != data {
				t.Fatalf("kill %d: %s differs from a clean build's", i, name)
			}
		}
		for name := range got {
			if _, ok := clean[g][name]; !ok {
				t.Fatalf("kill %d: %s is not in a clean build", i, name)
			}
		}
	}
	t.Logf("%d kills, %d during a rename phase (journal left)", kills, journals)
}

// TestConcurrentBuilds: builds into one folder at once take turns with
// -wait (each ends with status 0 and the folder is one build's output);
// without -wait, a build that finds the folder locked fails at once, with
// a clear message, and writes nothing.
func TestConcurrentBuilds(t *testing.T) {
	base := t.TempDir()
	src, out := filepath.Join(base, "posts"), filepath.Join(base, "out")
	writeSite(t, src, 0, 60)
	cmds := make([]*exec.Cmd, 6)
	outs := make([]bytes.Buffer, len(cmds))
	for i := range cmds {
		cmds[i] = command(append([]string{"-wait"}, buildArgs(src, out)...)...)
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("build %d: %v\n%s", i, err, outs[i].String())
		}
	}
	checkWhole(t, out, true)
	before := snapshot(t, out)

	d, err := atomicdir.Open(out, nil) // another build, under way
	if err != nil {
		t.Fatal(err)
	}
	writeSite(t, src, 1, 60)
	b, err := command(buildArgs(src, out)...).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(b), "sitefeed: another sitefeed build is writing into "+out+"; nothing was written (run again when it ends, or use -wait to wait for it)") {
		t.Fatalf("a build into a locked folder: %v\n%s", err, b)
	}
	waiting := command(append([]string{"-wait"}, buildArgs(src, out)...)...)
	var wout bytes.Buffer
	waiting.Stdout, waiting.Stderr = &wout, &wout
	if err := waiting.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	after := snapshot(t, out)
	for name, data := range before {
		if after[name] != data {
			t.Fatalf("%s changed while the folder was locked", name)
		}
	}
	d.Close()
	if err := waiting.Wait(); err != nil {
		t.Fatalf("the waiting build: %v\n%s", err, wout.String())
	}
	if snapshot(t, out)["rss.xml"] == before["rss.xml"] {
		t.Fatal("the waiting build did not write")
	}
}
