package atomicdir

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// formatWithFmt is format written with fmt, as it first was: the
// reference the faster format must match byte for byte.
func formatWithFmt(m *manifest, first, comment, kind string, renamed map[string]bool) []byte {
	quote := func(n string) string {
		if n == "" || n[0] == '"' || n[0] == ' ' || strings.IndexFunc(n, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
			return strconv.Quote(n)
		}
		return n
	}
	var b strings.Builder
	b.WriteString(first + "\n")
	b.WriteString(comment)
	for _, k := range slices.Sorted(maps.Keys(m.values)) {
		fmt.Fprintf(&b, "value %s %s\n", k, m.values[k])
	}
	for _, k := range slices.Sorted(maps.Keys(m.lists)) {
		for _, n := range m.lists[k] {
			fmt.Fprintf(&b, "item %s %s\n", k, quote(n))
		}
	}
	for _, n := range slices.Sorted(maps.Keys(m.files)) {
		e, k := m.files[n], kind
		if renamed[n] {
			k = "rename"
		}
		if !e.known {
			fmt.Fprintf(&b, "listed %s\n", quote(n))
			continue
		}
		fmt.Fprintf(&b, "%s %d %x %s\n", k, e.size, e.sum, quote(n))
	}
	for _, n := range slices.Sorted(maps.Keys(m.inputs)) {
		if _, ok := m.files[n]; ok {
			in := m.inputs[n]
			fmt.Fprintf(&b, "input %x %d %d %d %s\n", in.key, in.stat.mtime, in.stat.ctime, in.stat.ino, quote(n))
		}
	}
	return []byte(b.String())
}

func TestFormatMatchesFmt(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "rss.xml", "tags/go/", " ", "\"", "é", "\t", "\x00", "\u200b", "\xff", "日本", "archive/atom-2024-05-03.xml"}
	name := func() string {
		var b strings.Builder
		for range r.IntN(4) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		return b.String()
	}
	for range 500 {
		m := newManifest()
		renamed := map[string]bool{}
		for range r.IntN(20) {
			n := name()
			e := entry{size: r.Int64N(1 << 40), known: r.IntN(5) > 0}
			for i := range e.sum {
				e.sum[i] = byte(r.IntN(256))
			}
			m.files[n] = e
			renamed[n] = r.IntN(3) == 0
			if r.IntN(2) == 0 {
				in := input{stat: fileStat{mtime: r.Int64() - 1<<62, ctime: r.Int64(), ino: r.Uint64()}}
				in.key[r.IntN(32)] = byte(r.IntN(256))
				m.inputs[n] = in
			}
		}
		m.inputs[name()+"-not-a-file"] = input{}
		m.values["posts"] = strconv.Itoa(r.IntN(100))
		m.lists["post"] = []string{name(), name()}
		got := m.format(manifestVersion, manifestComment, "file", renamed)
		want := formatWithFmt(m, manifestVersion, manifestComment, "file", renamed)
		if string(got) != string(want) {
			t.Fatalf("format:\n%q\nwant:\n%q", got, want)
		}
	}
}

// BenchmarkFormat formats the manifest of 10,000 files with their
// inputs, as a 50,000-post site's is: "fast" is format, "fmt" the
// reference.
func BenchmarkFormat(b *testing.B) {
	m := newManifest()
	for i := range 10000 {
		n := fmt.Sprintf("tags/tag-%d/archive/rss-2024-05-%02d.xml", i/30, i%30)
		m.files[n] = entry{size: int64(i) * 1000, known: true}
		m.inputs[n] = input{stat: fileStat{mtime: 1733000000000000000 + int64(i), ctime: 1733000000000000000, ino: uint64(i)}}
	}
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			m.format(manifestVersion, manifestComment, "file", nil)
		}
	})
	b.Run("fmt", func(b *testing.B) {
		for b.Loop() {
			formatWithFmt(m, manifestVersion, manifestComment, "file", nil)
		}
	})
}
