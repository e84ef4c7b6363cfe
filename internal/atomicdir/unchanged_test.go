package atomicdir

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

func TestUnchanged(t *testing.T) {
	tests := []struct {
		name   string
		change func(dir string) error
		want   bool
	}{
		{"nothing", func(string) error { return nil }, true},
		{"a file keyed, edited", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "tags/a.xml"), []byte("jello"), 0o644)
		}, false},
		{"a file keyed, removed", func(dir string) error { return os.Remove(filepath.Join(dir, "tags/a.xml")) }, false},
		{"a file not keyed, edited", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "feeds.opml"), []byte("<opml/>x"), 0o644)
		}, false},
		{"a journal", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, journalName), []byte(journalVersion+"\n"), 0o644)
		}, false},
		{"the manifest, removed", func(dir string) error { return os.Remove(filepath.Join(dir, ManifestName)) }, false},
		{"a file not ours, added", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, "other.txt"), nil, 0o644)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			d, err := Open(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			write(t, d, map[string]string{"tags/a.xml": "hello", "b.json": "{}", "feeds.opml": "<opml/>"})
			d.SetInput("tags/a.xml", [32]byte{1})
			d.SetInput("b.json", [32]byte{2})
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			if err := d.UpdateManifest(); err != nil {
				t.Fatal(err)
			}
			d.Close()
			// The files are older than the manifest, as after any write
			// but one within the same tick of the clock.
			later := time.Now().Add(time.Minute)
			if err := os.Chtimes(filepath.Join(dir, ManifestName), later, later); err != nil {
				t.Fatal(err)
			}
			sum, ok := Unchanged(dir)
			if !ok {
				t.Fatal("Unchanged = false right after a write")
			}
			if err := tt.change(dir); err != nil {
				t.Fatal(err)
			}
			sum2, ok := Unchanged(dir)
			if ok != tt.want || ok && sum2 != sum {
				t.Errorf("Unchanged = %v (same manifest: %v), want %v", ok, sum == sum2, tt.want)
			}
		})
	}
}

// TestUnchangedRacy checks that a file as new as the manifest is not
// trusted by its stat: it is read, and found changed.
func TestUnchangedRacy(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, map[string]string{"a.xml": "hello"})
	d.SetInput("a.xml", [32]byte{1})
	d.Commit()
	if err := d.UpdateManifest(); err != nil {
		t.Fatal(err)
	}
	d.Close()
	st, err := os.Lstat(filepath.Join(dir, "a.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(dir, ManifestName), st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if _, ok := Unchanged(dir); !ok {
		t.Error("Unchanged = false with a file as new as the manifest, unchanged")
	}
	// An edit within the same tick, its stat then recorded as if after it.
	st = editInTick(t, dir, "a.xml", "jello")
	m := filepath.Join(dir, ManifestName)
	if err := os.Chtimes(m, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if _, ok := Unchanged(dir); ok {
		t.Error("Unchanged = true with a file edited in the manifest's tick")
	}
	later := st.ModTime().Add(time.Second)
	if err := os.Chtimes(m, later, later); err != nil {
		t.Fatal(err)
	}
	if _, ok := Unchanged(dir); !ok {
		t.Error("Unchanged = false with the stat recorded, older than the manifest")
	}
}

// TestRecord checks that a file keyed by its own checksum has its stat
// recorded, and is then trusted by it.
func TestRecord(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := write(t, d, map[string]string{"media/a.gif": "GIF89a", "b.opml": "<opml/>"})
	files["media/a.gif"].Record()
	d.Commit()
	if err := d.UpdateManifest(); err != nil {
		t.Fatal(err)
	}
	d.Close()
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^input [0-9a-f]{64} \d+ \d+ \d+ media/a.gif$`).Match(data) || regexp.MustCompile(`(?m)^input .* b.opml$`).Match(data) {
		t.Errorf("manifest:\n%s\nwant an input line for media/a.gif alone", data)
	}
}
