//go:build unix

// Command compare times sitefeed's full job against the floor (reading,
// parsing and rendering every post on one goroutine) and against the
// obvious gorilla/feeds program, on the same generated corpus, each job in
// a fresh child process so that its peak RSS is its own.
//
// Usage:
//
//	go run ./bench/compare -n 10000 [-n2 50000] [-dir DIR] [-runs 3] [-small 100]
//
// Without -dir the corpus is generated in a temporary folder and removed
// afterwards; with -dir the corpus of N posts is DIR/n<N> and is generated
// only when it is not there yet (so later runs reuse it). Jobs are run in
// turn (floor, naive, sitefeed, cli on the -n corpus, then on the -n2 corpus,
// then again) -runs times and the medians are printed; ×floor is the median
// over the rounds of job wall / floor wall, and the change in per-post cost
// from -n to -n2 posts the median over the rounds of its change within the
// round.
// Before each job the corpus is read (so that it is in the page cache) and
// the file systems are synced (so that no job pays for the previous one's
// writes). Wall is the child process's, from start to exit; CPU is its user
// + system time; peak RSS is its getrusage maximum.
//
// The jobs:
//
//	floor     internal/naive.Floor: read + adrg/frontmatter + goldmark, one worker, results discarded
//	naive     internal/naive.Naive: goldmark + adrg/frontmatter + gorilla/feeds, site + per-tag feeds,
//	          ToRss/ToAtom/ToJSON written to files
//	sitefeed  LoadDir (Lazy) + Build (RSS, Atom, JSON; site + per-tag feeds; full content; no limit) + WriteDir,
//	          with Post.Params dropped after loading, as the command does
//	cli       the same job through the command (cmd/sitefeed, built with go build -o), which also
//	          starts the garbage collector late
//
// One job can also be run and profiled by hand:
//
//	go run ./bench/compare -mode sitefeed -corpus DIR/n10000 -out /tmp/feeds -cpuprofile cpu.prof
//
// -outdir DIR has the jobs write their output in DIR instead of the
// temporary folder.
//
// -small N (default 100; 0 skips it) also times N posts end to end: through
// the CLI binary when cmd/sitefeed exists (built with go build -o), else
// through the library path in a fresh process; with output in the temporary
// folder and, where it exists, in /dev/shm, each beside the time a plain
// copy of the same output takes there. Each run writes to a new folder,
// then again to the same folder: a rebuild, which finds every file
// unchanged.
//
// -rebuild times the command instead on a copy of the -n corpus: a full
// build into a new folder without the cache and with it (the default),
// then rebuilds into the same folder after nothing changed, one post's
// body edited, one post added, one deleted, and the site title changed.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gorilla/feeds"
	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/corpus"
	"github.com/sitefeed/sitefeed/internal/naive"
)

// site is the site every job builds feeds for.
var site = sitefeed.Site{
	Title:       "Field Notes",
	Description: "Essays and notes on politics, software and travel.",
	URL:         "https://fieldnotes.example.org/",
	Language:    "en",
	Author:      sitefeed.Author{Name: "Asha Raman", Email: "asha@fieldnotes.example.org"},
	Copyright:   "© 2024 Asha Raman",
	Icon:        "/favicon.png",
	Logo:        "/logo.png",
}

// result is what a child reports on its standard output.
type result struct {
	Posts  int              `json:"posts"`
	Files  int              `json:"files"`
	Bytes  int64            `json:"bytes"`
	NS     int64            `json:"ns"`      // measured inside the child
	HWMKiB int64            `json:"hwm_kib"` // VmHWM at the end
	Phases map[string]int64 `json:"phases,omitempty"`
}

func main() {
	log := func(err error) {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
	mode := flag.String("mode", "", "internal: run one job (floor, naive, sitefeed) in this process")
	src := flag.String("corpus", "", "internal: corpus folder for -mode")
	out := flag.String("out", "", "internal: output folder for -mode")
	n := flag.Int("n", 10000, "number of posts")
	n2 := flag.Int("n2", 0, "a second corpus size (0: none)")
	dir := flag.String("dir", "", "keep corpora in DIR/n<N> and reuse them")
	runs := flag.Int("runs", 3, "runs of each job; medians are printed")
	small := flag.Int("small", 100, "posts of the small-site check (0: skip)")
	jobsFlag := flag.String("jobs", "floor,naive,sitefeed,cli", "jobs to run (cli needs ./cmd/sitefeed)")
	verbose := flag.Bool("v", false, "print every run and sitefeed's phases")
	cpuprofile := flag.String("cpuprofile", "", "with -mode: write a CPU profile of the job to this file")
	rebuild := flag.Bool("rebuild", false, "time the command's rebuilds after small changes (on -n posts) instead")
	flag.Parse()

	if *mode != "" {
		if *cpuprofile != "" {
			f, err := os.Create(*cpuprofile)
			if err != nil {
				log(err)
			}
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		if err := child(*mode, *src, *out); err != nil {
			log(err)
		}
		return
	}
	jobs := strings.Split(*jobsFlag, ",")
	if *rebuild {
		jobs = []string{"cli"}
	}
	if slices.Contains(jobs, "cli") {
		if _, err := os.Stat(filepath.Join("cmd", "sitefeed")); err != nil {
			log(fmt.Errorf("the cli job needs ./cmd/sitefeed: run compare from the repository's root, or leave cli out of -jobs"))
		}
		bin, err := buildCLI()
		if err != nil {
			log(err)
		}
		defer os.RemoveAll(filepath.Dir(bin))
		cliBin = bin
	}
	if *rebuild {
		src, cleanup, err := corpusDir(*n, *dir)
		if err != nil {
			log(err)
		}
		defer cleanup()
		if err := rebuilds(src, *n, *runs, *verbose); err != nil {
			log(err)
		}
		return
	}
	sizes := []int{*n}
	if *n2 > 0 {
		sizes = append(sizes, *n2)
	}
	fmt.Printf("go %s, %s/%s, GOMAXPROCS %d, %d runs per job (medians)\n", runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), *runs)
	tables, perPost, err := compareSizes(sizes, *dir, *runs, jobs, *verbose)
	if err != nil {
		log(err)
	}
	if len(tables) == 2 {
		fmt.Printf("\nper-post cost, %d vs %d posts (medians; wall change: median over the rounds):\n", sizes[1], sizes[0])
		for i, r := range tables[0] {
			a, b := r.perPost(), tables[1][i].perPost()
			c, d := r.cpuPerPost(), tables[1][i].cpuPerPost()
			fmt.Printf("  %-9s %7.1f µs -> %7.1f µs  (%+.1f%%)   CPU %7.1f µs -> %7.1f µs  (%+.1f%%)\n",
				r.job, a, b, perPost[i], c, d, 100*(d-c)/c)
		}
	}
	if *small > 0 {
		if err := smallSite(*small, *dir, *runs); err != nil {
			log(err)
		}
	}
}

// A row is the medians of one job on one corpus.
type row struct {
	job   string
	posts int
	wall  time.Duration // whole child process, measured by the parent
	cpu   time.Duration // user + system
	rss   int64         // peak RSS, bytes (getrusage of the child)
	ratio float64       // wall / the floor's wall
	bytes int64         // output written
	files int
	phase map[string]time.Duration
}

func (r row) perPost() float64 { return float64(r.wall.Microseconds()) / float64(r.posts) }

// cpuPerPost is the CPU time per post, which depends less on what else
// runs on the machine than the wall time does.
func (r row) cpuPerPost() float64 { return float64(r.cpu.Microseconds()) / float64(r.posts) }

// compareSizes runs every job on every corpus in turn, runs times: each
// round runs all jobs on the first corpus, then on the second, so that a
// slow spell of the machine falls on both sizes alike. It returns each
// size's rows and, with two sizes, each job's change in per-post cost as
// the median over the rounds, in percent.
func compareSizes(sizes []int, dir string, runs int, jobs []string, verbose bool) ([][]row, []float64, error) {
	srcs := make([]string, len(sizes))
	for i, size := range sizes {
		src, cleanup, err := corpusDir(size, dir)
		if err != nil {
			return nil, nil, err
		}
		defer cleanup()
		mb, err := warm(src)
		if err != nil {
			return nil, nil, err
		}
		srcs[i] = src
		fmt.Printf("corpus: %d posts, %.1f MiB, %s\n", size, float64(mb)/(1<<20), src)
	}
	all := make([]map[string][]row, len(sizes))
	for i := range all {
		all[i] = map[string][]row{}
	}
	for r := 0; r < runs; r++ {
		for i, src := range srcs {
			for _, job := range jobs {
				// Each job starts with the corpus in the page cache and no
				// dirty pages of the previous job's output being written back.
				if _, err := warm(src); err != nil {
					return nil, nil, err
				}
				syscall.Sync()
				x, err := runChild(job, src, sizes[i])
				if err != nil {
					return nil, nil, fmt.Errorf("%s: %w", job, err)
				}
				if verbose {
					fmt.Printf("  run %d %6d %-9s wall %7.2fs cpu %7.2fs rss %5.0f MiB %s\n", r+1, sizes[i], job, x.wall.Seconds(), x.cpu.Seconds(), mib(x.rss), phases(x.phase))
				}
				all[i][job] = append(all[i][job], x)
			}
		}
	}
	var tables [][]row
	for i, size := range sizes {
		var rows []row
		for _, job := range jobs {
			m := median(all[i][job])
			// The ratio is the median of the rounds' ratios: a job and the
			// floor of the same round ran seconds apart, under the same load.
			m.ratio = medianOver(runs, func(r int) float64 {
				return float64(all[i][job][r].wall) / float64(all[i][jobs[0]][r].wall)
			})
			rows = append(rows, m)
		}
		fmt.Printf("\n%d posts\n%-9s %9s %7s %9s %9s %9s %10s %6s\n", size, "job", "wall", "×floor", "CPU", "peak RSS", "µs/post", "output", "files")
		for _, r := range rows {
			fmt.Printf("%-9s %8.2fs %7.2f %8.2fs %5.0f MiB %9.1f %6.0f MiB %6d\n", r.job, r.wall.Seconds(), r.ratio,
				r.cpu.Seconds(), mib(r.rss), r.perPost(), mib(r.bytes), r.files)
			if len(r.phase) > 0 {
				fmt.Printf("          %s\n", phases(r.phase))
			}
		}
		tables = append(tables, rows)
	}
	var perPost []float64
	if len(sizes) == 2 {
		for _, job := range jobs {
			perPost = append(perPost, medianOver(runs, func(r int) float64 {
				a, b := all[0][job][r].perPost(), all[1][job][r].perPost()
				return 100 * (b - a) / a
			}))
		}
	}
	return tables, perPost, nil
}

// medianOver is the median of f(0), …, f(n-1).
func medianOver(n int, f func(int) float64) float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = f(i)
	}
	slices.Sort(v)
	return v[n/2]
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

func phases(p map[string]time.Duration) string {
	var s []string
	for _, k := range []string{"load", "build", "write"} {
		if d, ok := p[k]; ok {
			s = append(s, fmt.Sprintf("%s %.2fs (CPU %.2fs)", k, d.Seconds(), p[k+"-cpu"].Seconds()))
		}
	}
	return strings.Join(s, ", ")
}

// median takes the median of each measure apart.
func median(rs []row) row {
	mid := func(f func(row) int64) int64 {
		v := make([]int64, len(rs))
		for i, r := range rs {
			v[i] = f(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	m := rs[0]
	m.wall = time.Duration(mid(func(r row) int64 { return int64(r.wall) }))
	m.cpu = time.Duration(mid(func(r row) int64 { return int64(r.cpu) }))
	m.rss = mid(func(r row) int64 { return r.rss })
	m.phase = map[string]time.Duration{}
	for k := range rs[0].phase {
		m.phase[k] = time.Duration(mid(func(r row) int64 { return int64(r.phase[k]) }))
	}
	return m
}

// corpusDir returns the folder of a corpus of n posts, generating it when
// needed.
func corpusDir(n int, dir string) (string, func(), error) {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "sitefeed-corpus-")
		if err != nil {
			return "", nil, err
		}
		fmt.Printf("generating %d posts in %s\n", n, tmp)
		err = corpus.Generate(tmp, corpus.Options{N: n, Seed: 1})
		return tmp, func() { os.RemoveAll(tmp) }, err
	}
	src := filepath.Join(dir, "n"+strconv.Itoa(n))
	done := filepath.Join(src, ".complete")
	if _, err := os.Stat(done); err == nil {
		return src, func() {}, nil
	}
	fmt.Printf("generating %d posts in %s\n", n, src)
	if err := os.RemoveAll(src); err != nil {
		return "", nil, err
	}
	if err := corpus.Generate(src, corpus.Options{N: n, Seed: 1}); err != nil {
		return "", nil, err
	}
	return src, func() {}, os.WriteFile(done, []byte("seed 1\n"), 0o644)
}

// warm reads every file of the corpus, so that no job pays for the disk.
func warm(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		total += int64(len(data))
		return err
	})
	return total, err
}

// cliBin is the command built for the cli job.
var cliBin string

// outDir is where the jobs write: on a memory file system (/dev/shm), the
// kernel does not write the output back to disk while a job runs.
var outDir = flag.String("outdir", "", "folder in which the jobs write their output (default: the temporary folder)")

// countFeeds counts the feed files under dir (not feeds.opml or the
// manifest).
func countFeeds(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			switch filepath.Ext(p) {
			case ".xml", ".json":
				n++
			}
		}
		return err
	})
	return n, err
}

// runChild runs one job on the corpus src of n posts in a fresh process
// and measures it.
func runChild(job, src string, n int) (row, error) {
	exe, err := os.Executable()
	if err != nil {
		return row{}, err
	}
	out, err := os.MkdirTemp(*outDir, "sitefeed-compare-out-")
	if err != nil {
		return row{}, err
	}
	defer os.RemoveAll(out)
	cmd := exec.Command(exe, "-mode", job, "-corpus", src, "-out", out)
	if job == "cli" {
		cmd = exec.Command(cliBin, cliArgs(src, out)...)
	}
	cmd.Stderr = os.Stderr
	start := time.Now()
	stdout, err := cmd.Output()
	wall := time.Since(start)
	if err != nil {
		return row{}, err
	}
	var res result
	if job == "cli" {
		res.Posts = n
		res.Bytes, err = treeSize(out)
		if err == nil {
			res.Files, err = countFeeds(out)
		}
		if err != nil {
			return row{}, err
		}
	} else if err := json.Unmarshal(stdout, &res); err != nil {
		return row{}, fmt.Errorf("child output %q: %w", stdout, err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	r := row{
		job:   job,
		posts: res.Posts,
		wall:  wall,
		cpu:   cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		rss:   ru.Maxrss << 10, // KiB on Linux
		bytes: res.Bytes,
		files: res.Files,
		phase: map[string]time.Duration{},
	}
	for k, v := range res.Phases {
		r.phase[k] = time.Duration(v)
	}
	return r, nil
}

// child runs one job and prints its result as JSON.
func child(mode, src, out string) error {
	start := time.Now()
	res := result{Phases: map[string]int64{}}
	var err error
	switch mode {
	case "floor":
		res.Posts, err = naive.Floor(src)
	case "naive":
		var files []string
		if files, err = naive.Files(src); err != nil {
			return err
		}
		res.Posts = len(files)
		res.Files, err = naive.Naive(src, out, naive.Site{
			Title: site.Title, Description: site.Description, URL: site.URL,
			Author: feeds.Author{Name: site.Author.Name, Email: site.Author.Email},
		})
		if err == nil {
			res.Bytes, err = treeSize(out)
		}
	case "sitefeed":
		err = fullJob(src, out, &res)
	default:
		return fmt.Errorf("unknown mode %q", mode)
	}
	if err != nil {
		return err
	}
	res.NS = int64(time.Since(start))
	res.HWMKiB = vmHWM()
	return json.NewEncoder(os.Stdout).Encode(res)
}

// fullJob is what the CLI does: load, build every format with tag feeds,
// write.
func fullJob(src, out string, res *result) error {
	t0, c0 := time.Now(), cpuTime()
	posts, err := sitefeed.LoadDir(os.DirFS(src), ".", &sitefeed.LoadOptions{Lazy: true})
	if err != nil {
		return err
	}
	t1, c1 := time.Now(), cpuTime()
	res.Posts = len(posts) // posts is not used after Build, so the sources can be freed
	for _, p := range posts {
		p.Params = nil // as the CLI does: the feeds do not use them
	}
	set, err := sitefeed.Build(site, posts, nil)
	if err != nil {
		return err
	}
	t2, c2 := time.Now(), cpuTime()
	written, err := set.WriteDir(out)
	if err != nil {
		return err
	}
	t3, c3 := time.Now(), cpuTime()
	res.Files = len(written)
	for _, w := range written {
		res.Bytes += w.Size
	}
	res.Phases["load"] = int64(t1.Sub(t0))
	res.Phases["build"] = int64(t2.Sub(t1))
	res.Phases["write"] = int64(t3.Sub(t2))
	res.Phases["load-cpu"] = int64(c1 - c0)
	res.Phases["build-cpu"] = int64(c2 - c1)
	res.Phases["write-cpu"] = int64(c3 - c2)
	return nil
}

// cpuTime is the user + system time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func treeSize(dir string) (int64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	return total, err
}

// vmHWM reads the peak resident set size of this process, in KiB.
func vmHWM() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

// smallSite times a small corpus end to end, through the CLI when it exists.
func smallSite(n int, dir string, runs int) error {
	src, cleanup, err := corpusDir(n, dir)
	if err != nil {
		return err
	}
	defer cleanup()
	if _, err := warm(src); err != nil {
		return err
	}
	runs = max(runs, 5)
	bin := cliBin
	if _, err := os.Stat(filepath.Join("cmd", "sitefeed")); err == nil && bin == "" {
		if bin, err = buildCLI(); err != nil {
			return err
		}
		defer os.RemoveAll(filepath.Dir(bin))
	}
	// The output goes to the temporary folder's disk and, where there is
	// one, to a memory file system: creating files can cost more than
	// building them on a busy disk.
	bases := []string{os.TempDir()}
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() && bin != "" {
		bases = append(bases, "/dev/shm")
	}
	fmt.Println()
	for _, base := range bases {
		how := "library path in a fresh process (cmd/sitefeed not found)"
		if bin != "" {
			how = "the CLI binary"
		}
		times, again, err := timeSmall(bin, src, base, runs)
		if err != nil {
			return err
		}
		fmt.Printf("small site: %d posts end to end via %s, output in %s:\n", n, how, base)
		fmt.Printf("  new folder: %s\n", msList(times))
		if len(again) > 0 {
			fmt.Printf("  rebuild:    %s\n", msList(again))
		}
		if fsTimes := copyFloor(bin, src, base, runs); len(fsTimes) > 0 {
			fmt.Printf("  copying its output (same folders and files, no sitefeed) takes %.1f ms there\n",
				float64(fsTimes[len(fsTimes)/2].Microseconds())/1000)
		}
	}
	return nil
}

// msList formats sorted times as their median and every run, in ms.
func msList(times []time.Duration) string {
	var ms []string
	for _, t := range times {
		ms = append(ms, fmt.Sprintf("%.1f", float64(t.Microseconds())/1000))
	}
	return fmt.Sprintf("median %.1f ms (runs: %s ms)", float64(times[len(times)/2].Microseconds())/1000, strings.Join(ms, " "))
}

// timeSmall times runs of the CLI binary bin (or, without one, of the
// library in a child process) writing src's feeds to a new folder in base
// (fresh), then again to the same folder (again, with the CLI only). The
// folders are removed only after the last run: removing files can slow
// down creating others for a while.
func timeSmall(bin, src, base string, runs int) (fresh, again []time.Duration, err error) {
	var outs []string
	defer func() {
		for _, out := range outs {
			os.RemoveAll(out)
		}
	}()
	for range runs {
		if bin == "" {
			r, err := runChild("sitefeed", src, 0)
			if err != nil {
				return nil, nil, err
			}
			fresh = append(fresh, r.wall)
			continue
		}
		out, err := os.MkdirTemp(base, "sitefeed-small-out-")
		if err != nil {
			return nil, nil, err
		}
		outs = append(outs, out)
		for k := range 2 {
			cmd := exec.Command(bin, cliArgs(src, out)...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			start := time.Now()
			err = cmd.Run()
			if k == 0 {
				fresh = append(fresh, time.Since(start))
			} else {
				again = append(again, time.Since(start))
			}
			if err != nil {
				return nil, nil, fmt.Errorf("%s %q: %w\n%s", bin, cmd.Args[1:], err, stderr.String())
			}
		}
	}
	slices.Sort(fresh)
	slices.Sort(again)
	return fresh, again, nil
}

// copyFloor times copying one run's output within base, runs times: what
// creating the same folders and files costs there without sitefeed.
func copyFloor(bin, src, base string, runs int) []time.Duration {
	out, err := os.MkdirTemp(base, "sitefeed-small-out-")
	if err != nil {
		return nil
	}
	defer os.RemoveAll(out)
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	cmd := exec.Command(exe, "-mode", "sitefeed", "-corpus", src, "-out", out)
	if bin != "" {
		cmd = exec.Command(bin, cliArgs(src, out)...)
	}
	if cmd.Run() != nil {
		return nil
	}
	var times []time.Duration
	for range runs {
		dst, err := os.MkdirTemp(base, "sitefeed-small-copy-")
		if err != nil {
			break
		}
		start := time.Now()
		err = copyTree(out, dst)
		times = append(times, time.Since(start))
		os.RemoveAll(dst)
		if err != nil {
			return nil
		}
	}
	slices.Sort(times)
	return times
}

// copyTree copies the regular files under src to dst, making folders.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

func buildCLI() (string, error) {
	tmp, err := os.MkdirTemp("", "sitefeed-cli-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(tmp, "sitefeed")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/sitefeed")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", errors.Join(errors.New("go build ./cmd/sitefeed"), err)
	}
	return bin, nil
}

// cliArgs are the CLI arguments of the full job on src, written to out.
func cliArgs(src, out string) []string {
	return []string{"-config", "none", "-quiet", "-src", src, "-out", out, "-url", site.URL, "-title", site.Title,
		"-description", site.Description, "-lang", site.Language, "-author", site.Author.String()}
}
