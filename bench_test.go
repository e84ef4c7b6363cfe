package sitefeed_test

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/corpus"
)

// The benchmarks run on a generated corpus of -benchn posts (default 1000):
//
//	go test -run '^$' -bench . -benchmem
//	go test -run '^$' -bench FullJob -benchn 10000 -benchtime 3x -cpuprofile cpu.prof -memprofile mem.prof
//
// They measure; they assert nothing about time. bench/compare compares the
// full job with the floor and with a naive gorilla/feeds program.
var benchN = flag.Int("benchn", 1000, "posts in the benchmark corpus")

var benchSite = sitefeed.Site{
	Title:       "Field Notes",
	Description: "Essays and notes on politics, software and travel.",
	URL:         "https://fieldnotes.example.org/",
	Language:    "en",
	Author:      sitefeed.Author{Name: "Asha Raman", Email: "asha@fieldnotes.example.org"},
	Copyright:   "© 2024 Asha Raman",
	Icon:        "/favicon.png",
	Logo:        "/logo.png",
}

// benchCorpus writes the corpus to a temporary folder and returns it.
func benchCorpus(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Generate(dir, corpus.Options{N: *benchN, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchLoad(b *testing.B, dir string) []*sitefeed.Post {
	b.Helper()
	posts, err := sitefeed.LoadDir(os.DirFS(dir), ".", nil)
	if err != nil {
		b.Fatal(err)
	}
	return posts
}

func benchBuild(b *testing.B, posts []*sitefeed.Post) *sitefeed.Set {
	b.Helper()
	set, err := sitefeed.Build(benchSite, posts, nil)
	if err != nil {
		b.Fatal(err)
	}
	return set
}

// BenchmarkLoadDir reads and parses every post (front matter only; Markdown
// is rendered by Build).
func BenchmarkLoadDir(b *testing.B) {
	dir := benchCorpus(b)
	fsys := os.DirFS(dir)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sitefeed.LoadDir(fsys, ".", nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(*benchN), "µs/post")
}

// BenchmarkBuild renders, sanitises and groups the loaded posts into the
// site feed and the tag feeds.
func BenchmarkBuild(b *testing.B) {
	posts := benchLoad(b, benchCorpus(b))
	b.ReportAllocs()
	for b.Loop() {
		benchBuild(b, posts)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(posts)), "µs/post")
}

// BenchmarkFeedWrite encodes the site-wide feed in each format to
// io.Discard; SetBytes is the document's size.
func BenchmarkFeedWrite(b *testing.B) {
	set := benchBuild(b, benchLoad(b, benchCorpus(b)))
	for _, format := range []sitefeed.Format{sitefeed.RSS, sitefeed.Atom, sitefeed.JSON} {
		b.Run(format.String(), func(b *testing.B) {
			cw := &countingWriter{}
			if err := set.All.Write(cw, format); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(cw.n)
			b.ReportAllocs()
			for b.Loop() {
				if err := set.All.Write(io.Discard, format); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteDir writes every document of the set (three formats, site
// and tag feeds) to a folder, as a rebuild would: the same folder each time.
func BenchmarkWriteDir(b *testing.B) {
	set := benchBuild(b, benchLoad(b, benchCorpus(b)))
	out := filepath.Join(b.TempDir(), "feeds")
	written, err := set.WriteDir(out)
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, w := range written {
		size += w.Size
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := set.WriteDir(out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFullJob is what the CLI does: LoadDir (Lazy), Build, WriteDir.
func BenchmarkFullJob(b *testing.B) {
	dir := benchCorpus(b)
	fsys := os.DirFS(dir)
	out := filepath.Join(b.TempDir(), "feeds")
	b.ReportAllocs()
	for b.Loop() {
		posts, err := sitefeed.LoadDir(fsys, ".", &sitefeed.LoadOptions{Lazy: true})
		if err != nil {
			b.Fatal(err)
		}
		set := benchBuild(b, posts)
		if _, err := set.WriteDir(out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(*benchN), "µs/post")
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
