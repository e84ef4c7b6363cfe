package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// starters are the trimmed copies of the generators' starters that
// TestStartersGolden runs sitefeed in.
var starters = []string{"astro-blog", "eleventy-base-blog", "hugo-basic", "jekyll-new", "zola"}

// TestStartersGolden runs the command with no flags in a copy of each
// trimmed starter of internal/generator/testdata, and compares what it
// printed and every file it wrote with testdata/starters/NAME (rewritten by
// go test ./cmd/sitefeed -run TestStartersGolden -update).
func TestStartersGolden(t *testing.T) {
	for _, name := range starters {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("..", "..", "internal", "generator", "testdata", name)
			golden, err := filepath.Abs(filepath.Join("testdata", "starters", name))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			before := treeFiles(t, dir)
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			code := run(nil, &stdout, &stderr)

			got := map[string][]byte{
				"exit-status": fmt.Appendf(nil, "%d\n", code),
				"stdout":      stdout.Bytes(),
				"stderr":      stderr.Bytes(),
			}
			for name, data := range treeFiles(t, dir) {
				if old, ok := before[name]; ok {
					if !bytes.Equal(old, data) {
						t.Errorf("%s: changed a file of the site", name)
					}
					continue
				}
				got[filepath.Join("out", name)] = data
			}
			if *update {
				if err := os.RemoveAll(golden); err != nil {
					t.Fatal(err)
				}
				for name, data := range got {
					p := filepath.Join(golden, name)
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			want := treeFiles(t, golden)
			for _, name := range fileNames(got) {
				w, ok := want[name]
				switch {
				case !ok:
					t.Errorf("%s: written, not in %s", name, golden)
				case !bytes.Equal(w, got[name]):
					t.Errorf("%s differs from %s:\n got: %q\nwant: %q", name, filepath.Join(golden, name), clip(got[name]), clip(w))
				}
			}
			for _, name := range fileNames(want) {
				if _, ok := got[name]; !ok {
					t.Errorf("%s: in %s, not written", name, golden)
				}
			}
		})
	}
}

// treeFiles returns every regular file under dir by its slash-separated
// name; none when dir does not exist.
func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	fsys := os.DirFS(dir)
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		files[filepath.FromSlash(name)] = data
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}

// fileNames returns the names of m, sorted.
func fileNames(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// clip shortens a file for a failure message.
func clip(b []byte) []byte {
	if len(b) > 400 {
		return append(b[:400:400], "…"...)
	}
	return b
}
