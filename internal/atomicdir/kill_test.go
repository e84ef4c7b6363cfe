//go:build unix

package atomicdir

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// crashFiles are the files of the write the helper process makes: every
// one changes, in several folders.
func crashFiles(gen int) map[string]string {
	files := map[string]string{}
	for i := range 12 {
		name := fmt.Sprintf("f%d.xml", i)
		if i%3 != 0 {
			name = fmt.Sprintf("tags/t%d/%s", i%4, name)
		}
		files[name] = fmt.Sprintf("generation %d of %s\n%s", gen, name, strings.Repeat("x", 100*i))
	}
	return files
}

// TestCrashHelper is the helper process of TestKillDuringRenames: it
// writes generation 2 over generation 1 and kills itself with SIGKILL just
// before rename number ATOMICDIR_KILL_AT.
func TestCrashHelper(t *testing.T) {
	dir := os.Getenv("ATOMICDIR_CRASH_DIR")
	if dir == "" {
		t.Skip("helper process")
	}
	at, _ := strconv.Atoi(os.Getenv("ATOMICDIR_KILL_AT"))
	d, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Renames run on several goroutines: the count is guarded.
	var mu sync.Mutex
	renames := 0
	d.trace = func(op, name string) {
		if op == "rename" && name != journalName {
			mu.Lock()
			defer mu.Unlock()
			if renames == at {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
				time.Sleep(time.Minute)
			}
			renames++
		}
	}
	write(t, d, crashFiles(2))
	d.SetList("post", []string{"generation 2"})
	d.Commit()
	d.UpdateManifest()
	d.Close()
}

// TestKillDuringRenames kills a write before each of its renames in turn
// (and before its manifest): the next Open finishes the rename phase, so
// that the folder holds every file of the killed write, records them and
// its lists in the manifest, and leaves no temporary file or journal.
func TestKillDuringRenames(t *testing.T) {
	want := crashFiles(2)
	for at := 0; at <= len(want); at++ {
		t.Run(strconv.Itoa(at), func(t *testing.T) {
			dir := t.TempDir()
			d, err := Open(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			write(t, d, crashFiles(1))
			d.SetList("post", []string{"generation 1"})
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			if err := d.UpdateManifest(); err != nil {
				t.Fatal(err)
			}
			d.Close()

			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
			cmd.Env = append(os.Environ(), "ATOMICDIR_CRASH_DIR="+dir, "ATOMICDIR_KILL_AT="+strconv.Itoa(at))
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if at < len(want) && !(errors.As(err, &ee) && ee.ProcessState.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL) {
				t.Fatalf("the helper was not killed: %v\n%s", err, out)
			}

			d, err = Open(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Warnings()) > 0 {
				t.Errorf("warnings: %v", d.Warnings())
			}
			// Every file the manifest lists is owned now, new ones included.
			for name := range want {
				if !d.Owned(name) {
					t.Errorf("%s is not in the manifest after recovery", name)
				}
			}
			d.Close()
			// So is the list of the killed write.
			if got, err := ReadList(dir, "post"); err != nil || len(got) != 1 || got[0] != "generation 2" {
				t.Errorf("list after recovery: %q, %v; want the killed write's", got, err)
			}
			for name, data := range want {
				got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
				if err != nil || string(got) != data {
					t.Errorf("%s after recovery: %q, %v; want generation 2", name, firstLine(got), err)
				}
			}
			noLeftovers(t, dir)
		})
	}
}
