package main

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/sitefeed/sitefeed"
)

// update rewrites the golden files inside the scripts instead of comparing
// with them: go test ./cmd/sitefeed -update
var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	// A build is spared by a stamp only when its files changed more than
	// stampWindow before it began, which a test's new files do or not
	// with the machine's speed: no build of a script or test is spared,
	// but in the tests that set stampWindow to 0.
	stampWindow = time.Duration(math.MaxInt64)
	if os.Getenv("SITEFEED_TEST_AS_COMMAND") == "1" { // a test's subprocess
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"sitefeed": main,
	})
}

// TestScript runs the scripts in testdata/script. Besides the standard
// commands they may use:
//
//	exits N prog args...   run prog and check that it exits with status N
//	tree DIR               list the files under DIR, sorted, on stdout
//	wellformed FILE...     check that each file is well-formed XML (.xml,
//	                       .opml) or valid JSON (.json)
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":      cmdExits,
			"tree":       cmdTree,
			"wellformed": cmdWellFormed,
		},
	})
}

func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N prog args...")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad status %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

func cmdTree(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: tree DIR")
	}
	root := ts.MkAbs(args[0])
	var names []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == root || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	ts.Check(err)
	sort.Strings(names)
	for _, n := range names {
		ts.Stdout().Write([]byte(n + "\n"))
	}
}

func cmdWellFormed(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: wellformed FILE...")
	}
	for _, name := range args {
		data := []byte(ts.ReadFile(name))
		format := sitefeed.RSS
		if strings.HasSuffix(name, ".json") {
			format = sitefeed.JSON
		}
		err := wellFormed(format, data)
		if bytes.HasPrefix(data, []byte("\ufeff")) {
			err = errors.New("starts with a byte order mark")
		}
		switch {
		case err != nil && !neg:
			ts.Fatalf("%s: %v", name, err)
		case err == nil && neg:
			ts.Fatalf("%s is well-formed", name)
		}
	}
}

// TestUsageMentionsEveryFlag keeps -h in step with the flags.
func TestUsageMentionsEveryFlag(t *testing.T) {
	for _, name := range []string{
		"src", "out", "url", "title", "description", "lang", "author", "tz",
		"permalink", "formats", "tags", "archive", "archive-page", "limit", "drafts", "now", "static",
		"feeds-url", "cache", "config", "check", "version", "skip-invalid", "print-links", "quiet",
		"wait", "allow-empty", "watch",
	} {
		if !strings.Contains(usageText, "  -"+name+" ") && !strings.Contains(usageText, "  -"+name+"\n") {
			t.Errorf("usage text does not describe -%s", name)
		}
		if _, err := parseArgs([]string{"-" + name + "=1"}); err != nil && strings.Contains(err.Error(), "not defined") {
			t.Errorf("-%s is described but not defined", name)
		}
	}
}

// TestRunDoesNotExit checks that run returns its status instead of exiting,
// so that it can be called in-process.
func TestRunDoesNotExit(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-version"}, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "sitefeed ") {
		t.Fatalf("-version: status %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := run([]string{"-nosuchflag"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "-nosuchflag") {
		t.Fatalf("-nosuchflag: status %d, stderr %q", code, errb.String())
	}
}
