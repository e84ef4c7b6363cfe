package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer that the watch and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A testWatch is a watch of a posts folder, run by a test.
type testWatch struct {
	stop           chan struct{}
	rebuilt        chan built
	done           chan int // the watch's exit status
	stdout, stderr lockedBuffer
}

// startWatch starts watching the posts in src, written to out, looking
// every 20 ms.
func startWatch(t *testing.T, src, out string) *testWatch {
	t.Helper()
	c, err := parseArgs([]string{"-config", "none", "-url", "https://example.com/", "-title", "W", "-out", out, "-now", "none", src})
	if err != nil {
		t.Fatal(err)
	}
	w := &testWatch{stop: make(chan struct{}), rebuilt: make(chan built), done: make(chan int)}
	go func() {
		w.done <- watch(c, &w.stdout, &w.stderr, watchOptions{interval: 20 * time.Millisecond, stop: w.stop, rebuilt: w.rebuilt})
	}()
	return w
}

// TestWatch edits, adds and breaks posts under a watch and checks that each
// change is rebuilt once, with one line, that the feeds follow, that a bad
// post fails the rebuild without ending the watch, and that the output
// folder inside the posts folder is not taken for a change.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "posts"), filepath.Join(dir, "posts", "public")
	os.MkdirAll(src, 0o755)
	write := func(name, title string) {
		t.Helper()
		data := "---\ntitle: " + title + "\ndate: 2024-05-01\n---\nBody of " + title + ".\n"
		if err := os.WriteFile(filepath.Join(src, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "First")
	w := startWatch(t, src, out)
	stop, rebuilt, done := w.stop, w.rebuilt, w.done
	stdout, stderr := &w.stdout, &w.stderr
	next := func(what string) built {
		t.Helper()
		select {
		case b := <-rebuilt:
			return b
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: no rebuild; stdout:\n%s\nstderr:\n%s", what, stdout.String(), stderr.String())
		}
		return built{}
	}
	waitFor := func(name string) {
		for range 1000 {
			if _, err := os.Stat(name); err == nil {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("%s never written", name)
	}
	feed := func() string {
		data, _ := os.ReadFile(filepath.Join(out, "rss.xml"))
		return string(data)
	}
	waitFor(filepath.Join(out, "rss.xml"))
	for !strings.Contains(stdout.String(), "watching") {
		time.Sleep(10 * time.Millisecond)
	}

	write("a.md", "First, edited")
	if b := next("edit"); b.code != 0 || !strings.Contains(feed(), "First, edited") {
		t.Fatalf("edit: exit %d, feed:\n%s", b.code, feed())
	}
	write("b.md", "Second")
	if b := next("add"); b.code != 0 || !strings.Contains(feed(), "Second") || b.written == 0 {
		t.Fatalf("add: %+v, feed:\n%s", b, feed())
	}
	os.WriteFile(filepath.Join(src, "c.md"), []byte("---\ntitle: [unclosed\n---\nx\n"), 0o644)
	if b := next("bad post"); b.code != 1 {
		t.Fatalf("a bad post: exit %d, want 1", b.code)
	}
	os.Remove(filepath.Join(src, "c.md"))
	if b := next("fixed"); b.code != 0 {
		t.Fatalf("fixed: exit %d", b.code)
	}
	// Nothing changes: no rebuild, though the watch wrote into a folder
	// below the posts.
	select {
	case b := <-rebuilt:
		t.Fatalf("rebuilt with nothing changed: %+v\n%s", b, stdout.String())
	case <-time.After(300 * time.Millisecond):
	}
	close(stop)
	if code := <-done; code != 0 {
		t.Errorf("watch ended with %d", code)
	}
	lines := strings.Count(stdout.String(), "rebuilt in ") + strings.Count(stdout.String(), "build failed")
	if lines != 4 {
		t.Errorf("%d rebuild lines, want 4:\n%s", lines, stdout.String())
	}
	if !strings.Contains(stderr.String(), "c.md:3") {
		t.Errorf("the bad post's error does not name its file and line:\n%s", stderr.String())
	}
}

// TestWatchChangedDuringFirstBuild checks that a post modified after the
// first build began (here: dated an hour ahead, as a save during that
// build would be) is rebuilt at the first look, without another change.
func TestWatchChangedDuringFirstBuild(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "posts"), filepath.Join(dir, "out")
	os.MkdirAll(src, 0o755)
	name := filepath.Join(src, "a.md")
	if err := os.WriteFile(name, []byte("---\ntitle: A\ndate: 2024-05-01\n---\nA.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(name, later, later); err != nil {
		t.Fatal(err)
	}
	w := startWatch(t, src, out)
	stop, rebuilt, done := w.stop, w.rebuilt, w.done
	stdout, stderr := &w.stdout, &w.stderr
	select {
	case b := <-rebuilt:
		if b.code != 0 {
			t.Errorf("the rebuild failed with %d:\n%s", b.code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Errorf("no rebuild of a post changed while the first build ran; stdout:\n%s", stdout.String())
	}
	close(stop)
	<-done
}

// TestWatchImage checks that a watch rebuilds when a file a post refers
// to changes outside the posts folder: an Astro hero image in src/assets,
// copied into the feeds' media folder under a name made from its bytes.
func TestWatchImage(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, stampSite)
	t.Chdir(dir)
	c, err := parseArgs([]string{"-now", "2024-06-01T00:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	w := &testWatch{stop: make(chan struct{}), rebuilt: make(chan built), done: make(chan int)}
	go func() {
		w.done <- watch(c, &w.stdout, &w.stderr, watchOptions{interval: 20 * time.Millisecond, stop: w.stop, rebuilt: w.rebuilt})
	}()
	copies := func() []string {
		names, _ := filepath.Glob(filepath.Join(dir, "dist", "feeds", "media", "*-hero.jpg"))
		return names
	}
	for i := 0; !strings.Contains(w.stdout.String(), "watching"); i++ {
		if i == 2000 {
			t.Fatalf("not watching; stdout:\n%s\nstderr:\n%s", w.stdout.String(), w.stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	before := copies()
	if len(before) != 1 {
		t.Fatalf("hero copies %v, want one", before)
	}
	writeFiles(t, dir, map[string]string{"src/assets/hero.jpg": "another hero"})
	select {
	case b := <-w.rebuilt:
		if b.code != 0 {
			t.Errorf("the rebuild failed with %d:\n%s", b.code, w.stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("no rebuild after the hero image changed; stdout:\n%s", w.stdout.String())
	}
	if after := copies(); len(after) != 1 || after[0] == before[0] {
		t.Errorf("hero copies %v after the edit, were %v", after, before)
	}
	close(w.stop)
	<-w.done
}
