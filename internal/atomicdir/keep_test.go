package atomicdir

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// TestKeepTrustRule checks the rule by which Keep trusts a file without
// reading it: the key and the stat recorded must match, and a file whose
// modification time is not older than the manifest is read.
func TestKeepTrustRule(t *testing.T) {
	dir := t.TempDir()
	key, other := [32]byte{1}, [32]byte{2}
	commit := func(d *Dir) {
		t.Helper()
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := d.UpdateManifest(); err != nil {
			t.Fatal(err)
		}
		d.Close()
	}
	open := func() *Dir {
		t.Helper()
		d, err := Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := open()
	write(t, d, map[string]string{"a.xml": "hello"})
	d.SetInput("a.xml", key)
	commit(d)

	d = open()
	if _, ok := d.Keep("a.xml", other); ok {
		t.Error("kept with another key")
	}
	if size, ok := d.Keep("a.xml", key); !ok || size != 5 {
		t.Errorf("Keep = %d, %v; want 5, true", size, ok)
	}
	commit(d)

	// An edit in the same tick of the clock as the write: the stat
	// recorded is the edited file's, as if taken after the edit.
	st := editInTick(t, dir, "a.xml", "jello")
	m := filepath.Join(dir, ManifestName)
	for _, tc := range []struct {
		manifest time.Time
		kept     bool
	}{
		{st.ModTime(), false},                   // racy: read, and found changed
		{st.ModTime().Add(-time.Second), false}, // older than the file: likewise
		{st.ModTime().Add(time.Second), true},   // newer: the stat is trusted
	} {
		if err := os.Chtimes(m, tc.manifest, tc.manifest); err != nil {
			t.Fatal(err)
		}
		d = open()
		if _, ok := d.Keep("a.xml", key); ok != tc.kept {
			t.Errorf("manifest at %v, file at %v: kept %v, want %v", tc.manifest, st.ModTime(), ok, tc.kept)
		}
		d.Abort()
		d.Close()
	}
}

// editInTick writes data to the file name of the folder dir, the only
// file of the manifest with an input line, and records its new stat in
// that line, as if the write had happened in the same tick of the clock
// as the stat recorded. It returns the new stat.
func editInTick(t *testing.T, dir, name, data string) os.FileInfo {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	s := statOf(st)
	m := filepath.Join(dir, ManifestName)
	manifest, err := os.ReadFile(m)
	if err != nil {
		t.Fatal(err)
	}
	manifest = regexp.MustCompile(`(?m)^input (\S+) \d+ \d+ \d+ `).ReplaceAll(manifest, fmt.Appendf(nil, "input $1 %d %d %d ", s.mtime, s.ctime, s.ino))
	if err := os.WriteFile(m, manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	return st
}
