//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"time"
)

// dateLine matches the front matter lines that date a corpus post (its
// date is under date, pubDate or publishDate).
var dateLine = regexp.MustCompile(`(?m)^(date|pubDate|publishDate|updatedDate): .*$`)

// postDate reads the date of a corpus post, in the forms the corpus
// writes.
func postDate(data []byte) (time.Time, bool) {
	for _, m := range dateLine.FindAllSubmatch(data, -1) {
		if string(m[1]) == "updatedDate" {
			continue
		}
		_, v, _ := strings.Cut(string(m[0]), ": ")
		v = strings.Trim(v, `"' `)
		for _, layout := range []string{time.RFC3339, "2006-01-02", "Jan 2 2006", "January 2, 2006", "2006-01-02 15:04"} {
			if t, err := time.Parse(layout, v); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// A rebuildStep is one workload of -rebuild: a change to the corpus (or
// none) and the command's flags for the build that follows.
type rebuildStep struct {
	name   string
	change func(src string) error
	args   []string // added to cliArgs
}

// rebuilds times the command on a copy of the corpus src of n posts: a
// full build into a new folder (with a cache, -cache beside the output
// folder, and without one), then rebuilds into the same folder after each
// change, runs times, and prints the medians side by side with the full
// build of the same round.
func rebuilds(src string, n, runs int, verbose bool) error {
	names, err := filepath.Glob(filepath.Join(src, "posts", "*.md"))
	if err != nil || len(names) < 2 {
		return fmt.Errorf("corpus %s: %d posts in posts/, %v", src, len(names), err)
	}
	sort.Strings(names)
	post := func(dir string, i int) string { return filepath.Join(dir, "posts", filepath.Base(names[i])) }
	steps := []rebuildStep{
		{name: "full build, new folder, no cache", args: []string{"-cache", "none"}},
		{name: "full build, new folder"},
		{name: "rebuild, nothing changed"},
		{name: "rebuild, one post's body edited", change: func(dir string) error {
			p := post(dir, len(names)/2)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(p, append(data, []byte("\nOne more paragraph, edited.\n")...), 0o644)
		}},
		{name: "rebuild, one post added", change: func(dir string) error {
			data, err := os.ReadFile(post(dir, 0))
			if err != nil {
				return err
			}
			// The newest post, as a new post is: it changes the feeds'
			// documents and their newest archive pages only.
			data = dateLine.ReplaceAll(data, []byte("$1: '2026-01-01'"))
			data = []byte(strings.Replace(string(data), "---\n", "---\nslug: zz-added\n", 1))
			return os.WriteFile(filepath.Join(dir, "posts", "zz-added.md"), data, 0o644)
		}},
		{name: "rebuild, the oldest post deleted", change: func(dir string) error {
			// The oldest: with pages counted from the oldest post, every
			// archive page would change.
			oldest, date := "", time.Time{}
			for i := range names {
				data, err := os.ReadFile(post(dir, i))
				if err != nil {
					return err
				}
				if d, ok := postDate(data); ok && (oldest == "" || d.Before(date)) {
					oldest, date = post(dir, i), d
				}
			}
			if oldest == "" {
				return fmt.Errorf("no dated post in %s", dir)
			}
			return os.Remove(oldest)
		}},
		{name: "rebuild, site title changed", args: []string{"-title", site.Title + " (2)"}},
	}
	times := make([][]time.Duration, len(steps))
	for r := 0; r < runs; r++ {
		work, err := os.MkdirTemp(*outDir, "sitefeed-rebuild-")
		if err != nil {
			return err
		}
		corpusCopy, out, outNoCache := filepath.Join(work, "src"), filepath.Join(work, "out"), filepath.Join(work, "out-nocache")
		if err := copyTree(src, corpusCopy); err != nil {
			return err
		}
		for i, st := range steps {
			if st.change != nil {
				if err := st.change(corpusCopy); err != nil {
					return err
				}
			}
			dest := out
			if i == 0 {
				dest = outNoCache
			}
			if _, err := warm(corpusCopy); err != nil {
				return err
			}
			syscall.Sync()
			args := cliArgs(corpusCopy, dest)
			if i > 0 {
				args = append(args, "-cache", filepath.Join(work, "cache"))
			}
			args = append(args, st.args...)
			// A later flag wins: -title of the last step overrides cliArgs'.
			cmd := exec.Command(cliBin, args...)
			cmd.Stderr = os.Stderr
			start := time.Now()
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("%s: %w", st.name, err)
			}
			times[i] = append(times[i], time.Since(start))
			if verbose {
				fmt.Printf("  run %d %-34s %7.3fs\n", r+1, st.name, times[i][r].Seconds())
			}
		}
		os.RemoveAll(work)
	}
	fmt.Printf("\n%d posts, the command (its default archive pages, -cache beside the output folder), %d runs, medians\n", n, runs)
	fmt.Printf("| workload | wall | of the full build |\n|---|---|---|\n")
	for i, st := range steps {
		ratio := make([]float64, runs)
		for r := range ratio {
			ratio[r] = float64(times[i][r]) / float64(times[0][r]) // of the full build without the cache, the command's default
		}
		sort.Float64s(ratio)
		ts := append([]time.Duration(nil), times[i]...)
		sort.Slice(ts, func(a, b int) bool { return ts[a] < ts[b] })
		fmt.Printf("| %s | %.3f s | %s |\n", st.name, ts[runs/2].Seconds(), fmt.Sprintf("%.1f %%", 100*ratio[runs/2]))
	}
	return nil
}
