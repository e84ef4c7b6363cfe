//go:build unix

package sitefeed

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestWriteDirManyTagsFewDescriptors: with the limit on open files lowered
// to 256, a set of 5,000 tags (15,000 feeds in 5,000 folders) is written,
// and written again with every feed changed: the files and folders a
// write holds open stay bounded whatever the number of tags.
func TestWriteDirManyTagsFewDescriptors(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 15,000 files")
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Skip(err)
	}
	low := lim
	low.Cur = 256
	if lim.Cur < low.Cur {
		t.Skipf("the limit is already %d", lim.Cur)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
		t.Skip(err)
	}
	t.Cleanup(func() { syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim) })

	dir := t.TempDir()
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() { // no disk syncs: faster
		if d, err := os.MkdirTemp("/dev/shm", "sitefeed-fd"); err == nil {
			dir = d
			t.Cleanup(func() { os.RemoveAll(d) })
		}
	}
	build := func(title string) *Set {
		var posts []*Post
		for i := range 2500 {
			posts = append(posts, relPosts([]string{fmt.Sprintf("t%d", 2*i), fmt.Sprintf("t%d", 2*i+1)}, fmt.Sprintf("%s %d", title, i))...)
		}
		return relMustBuild(t, posts, nil)
	}
	for _, title := range []string{"First", "Second"} {
		set := build(title)
		if len(set.Tags) != 5000 {
			t.Fatalf("%d tags", len(set.Tags))
		}
		written, err := set.WriteDir(dir)
		if err != nil {
			t.Fatalf("%s write: %v", title, err)
		}
		if len(written) != 15003 {
			t.Fatalf("%d files written", len(written))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "tags", "t4999", "feed.json")); err != nil {
		t.Fatal(err)
	}
}
