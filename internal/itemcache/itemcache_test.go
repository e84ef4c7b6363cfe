package itemcache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEntryRoundTrip(t *testing.T) {
	for _, items := range [][Formats][]byte{
		{[]byte("<item>a</item>"), nil, []byte("{}")},
		{nil, nil, nil},
		{[]byte{}, []byte("x"), []byte(strings.Repeat("é", 300))},
	} {
		data := encode(items)
		got, ok := decode(data)
		if !ok {
			t.Fatalf("decode(encode(%q)) fails", items)
		}
		for f := range items {
			if (got[f] == nil) != (items[f] == nil) || string(got[f]) != string(items[f]) {
				t.Errorf("slot %d: %q, want %q", f, got[f], items[f])
			}
		}
		// Every damaged byte, and every cut, is caught.
		for i := range data {
			bad := append([]byte(nil), data...)
			bad[i] ^= 1
			if _, ok := decode(bad); ok {
				t.Errorf("byte %d flipped: decoded", i)
			}
			if _, ok := decode(data[:i]); ok {
				t.Errorf("cut at %d: decoded", i)
			}
		}
	}
}

func TestOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	d, warn, err := Open(dir, "v1")
	if err != nil || d == nil || warn != "" {
		t.Fatalf("new cache: %v %q %v", d, warn, err)
	}
	var k1, k2 [32]byte
	k1[0], k2[0] = 1, 2
	if err := d.Put(k1, [Formats][]byte{[]byte("one")}); err != nil {
		t.Fatal(err)
	}
	if err := d.Put(k2, [Formats][]byte{[]byte("two")}); err != nil {
		t.Fatal(err)
	}
	d.Close()

	// The same version finds its entries; Close removes those unused.
	d, warn, err = Open(dir, "v1")
	if err != nil || warn != "" {
		t.Fatalf("reopen: %q %v", warn, err)
	}
	if items, ok := d.Get(k1); !ok || string(items[0]) != "one" {
		t.Fatalf("Get = %q %v", items, ok)
	}
	d.Close()
	if _, ok := mustOpen(t, dir, "v1").Get(k2); ok {
		t.Error("an entry the previous build did not use is still there")
	}

	// Another version empties the cache, with a warning.
	d, warn, err = Open(dir, "v2")
	if err != nil || !strings.Contains(warn, "another version") {
		t.Fatalf("other version: %q %v", warn, err)
	}
	if _, ok := d.Get(k1); ok {
		t.Error("an entry of another version is found")
	}
	d.Close()

	// A folder with files and no VERSION is not a cache: left alone.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "index.html"), []byte("hi"), 0o644)
	d, warn, err = Open(other, "v1")
	if err != nil || d != nil || !strings.Contains(warn, "not a sitefeed cache") {
		t.Fatalf("not a cache: %v %q %v", d, warn, err)
	}
	if names, _ := os.ReadDir(other); len(names) != 1 {
		t.Errorf("the folder was changed: %v", names)
	}
}

func mustOpen(t *testing.T, dir, version string) *Dir {
	t.Helper()
	d, _, err := Open(dir, version)
	if err != nil || d == nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
