package atomicdir

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestList: a list SetList records is what ReadList reads back, whatever
// the names hold, and the next write that records none drops it; a line
// that does not read is left out, and a manifest that cannot be trusted
// gives an error and no names.
func TestList(t *testing.T) {
	dir := t.TempDir()
	if names, err := ReadList(filepath.Join(dir, "none"), "post"); names != nil || err != nil {
		t.Errorf("no folder: %q, %v; want none and no error", names, err)
	}
	if names, err := ReadList(dir, "post"); names != nil || err != nil {
		t.Errorf("no manifest: %q, %v; want none and no error", names, err)
	}
	names := []string{"posts/b.md", "posts/a b.md", "posts/\"q\".md", " lead.md", "new\nline.md", "posts/é.md"}
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, map[string]string{"rss.xml": "x"})
	d.SetList("post", names)
	d.SetList("other", []string{"o"})
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := d.UpdateManifest(); err != nil {
		t.Fatal(err)
	}
	d.Close()
	got, err := ReadList(dir, "post")
	if want := slices.Sorted(slices.Values(names)); err != nil || !slices.Equal(got, want) {
		t.Fatalf("ReadList = %q, %v; want %q", got, err, want)
	}

	manifest := filepath.Join(dir, ManifestName)
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	tampered := strings.Replace(string(data), "item post posts/b.md\n", "item post \"posts/b.md\n", 1) + "item post\nitem\n"
	if err := os.WriteFile(manifest, []byte(tampered), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err = ReadList(dir, "post")
	if err != nil || len(got) != len(names)-1 || slices.Contains(got, "posts/b.md") {
		t.Errorf("tampered: ReadList = %q, %v; want all but posts/b.md", got, err)
	}

	for name, data := range map[string]string{
		"unknown format": "sitefeed-manifest 9\nitem post a.md\n",
		"too large":      "sitefeed-manifest 2\n" + strings.Repeat("#", MaxManifestSize),
	} {
		if err := os.WriteFile(manifest, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := ReadList(dir, "post"); got != nil || err == nil {
			t.Errorf("%s: ReadList = %q, %v; want an error", name, got, err)
		}
	}
	os.Remove(manifest)
	if err := os.Symlink(filepath.Join(t.TempDir(), "elsewhere"), manifest); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadList(dir, "post"); got != nil || err == nil {
		t.Errorf("symbolic link: ReadList = %q, %v; want an error", got, err)
	}
	os.Remove(manifest)
	if err := os.WriteFile(manifest, data, 0o644); err != nil {
		t.Fatal(err)
	}

	// The next write records the lists it sets, no others.
	d, err = Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, d, map[string]string{"rss.xml": "y"})
	d.SetList("other", nil)
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := d.UpdateManifest(); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if got, err := ReadList(dir, "post"); got != nil || err != nil {
		t.Errorf("after a write without the list: %q, %v", got, err)
	}
}
