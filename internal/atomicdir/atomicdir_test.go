package atomicdir

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// write writes each file's data through a Dir and closes it.
func write(t *testing.T, d *Dir, files map[string]string) map[string]*File {
	t.Helper()
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	fs, err := d.Create(names)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*File{}
	for i, f := range fs {
		if _, err := io.WriteString(f, files[names[i]]); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		out[names[i]] = f
	}
	return out
}

// seed writes files into dir as an earlier write would have, listed in
// the manifest (of the first format, by name only).
func seed(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	list := "# seeded\n"
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		list += name + "\n"
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSyncBeforeRename: every file that changes is synced before it is
// renamed into place, and each folder that gained or replaced an entry
// is synced after its renames; a file left unchanged is neither.
func TestSyncBeforeRename(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, map[string]string{"same.xml": "same", "changed.xml": "old"})
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var mu sync.Mutex
	var ops []string
	d.trace = func(op, name string) {
		mu.Lock()
		ops = append(ops, op+" "+name)
		mu.Unlock()
	}
	files := write(t, d, map[string]string{"same.xml": "same", "changed.xml": "new", "tags/x/new.xml": "data"})
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := d.UpdateManifest(); err != nil {
		t.Fatal(err)
	}
	if !files["same.xml"].Unchanged() || files["changed.xml"].Unchanged() {
		t.Fatal("Unchanged is wrong")
	}
	at := func(op string) int {
		t.Helper()
		i := slices.Index(ops, op)
		if i < 0 {
			t.Fatalf("no %q in %q", op, ops)
		}
		return i
	}
	for _, name := range []string{"changed.xml", "tags/x/new.xml", ManifestName, journalName} {
		if at("sync "+name) > at("rename "+name) {
			t.Errorf("%s renamed before it was synced: %q", name, ops)
		}
	}
	if at("rename "+journalName) > at("rename changed.xml") {
		t.Errorf("a file renamed before the journal was written: %q", ops)
	}
	for name, folder := range map[string]string{"changed.xml": ".", "tags/x/new.xml": "tags/x", ManifestName: "."} {
		if !slices.Contains(ops[at("rename "+name):], "syncdir "+folder) {
			t.Errorf("%s: folder %s not synced after the rename: %q", name, folder, ops)
		}
	}
	at("syncdir tags") // where tags/x was made
	for _, op := range ops {
		if strings.HasSuffix(op, " same.xml") {
			t.Errorf("unchanged file touched: %q", ops)
		}
	}
	for name, want := range map[string]string{"same.xml": "same", "changed.xml": "new", "tags/x/new.xml": "data"} {
		if got, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); string(got) != want {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
	}
}

// TestAbort: a write aborted before Commit leaves the folder as it was,
// whether files were unchanged, changed part-way or new.
func TestAbort(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, map[string]string{"a.xml": "old a"})
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	fs, err := d.Create([]string{"a.xml", "b/c/d.xml"})
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fs[0], "old b")
	io.WriteString(fs[1], "new")
	d.Abort()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 || entries[0].Name() != ManifestName || entries[1].Name() != "a.xml" {
		t.Fatalf("entries after Abort: %v", entries)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.xml")); string(got) != "old a" {
		t.Fatalf("a.xml holds %q", got)
	}
}
