package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// checkOut refuses an output folder that is the root of a file system, the
// home folder, or a folder that holds the home folder: sitefeed writes and
// removes files in -out, which must be a folder for the feeds. where names
// the flag or settings key that gave it.
func checkOut(out, where string) error {
	real, ok := realPath(out)
	if !ok {
		return nil
	}
	if filepath.Dir(real) == real {
		return usageError(fmt.Sprintf("%s %s: refusing to write into the root folder; give the feeds a folder of their own", where, out))
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return nil
	}
	h, ok := realPath(home)
	if !ok {
		return nil
	}
	if h == real {
		return usageError(fmt.Sprintf("%s %s: refusing to write into the home folder; give the feeds a folder of their own", where, out))
	}
	if rel, err := filepath.Rel(real, h); err == nil && !strings.HasPrefix(rel, "..") {
		return usageError(fmt.Sprintf("%s %s: refusing to write into a folder that holds the home folder; give the feeds a folder of their own", where, out))
	}
	return nil
}

// realPath returns p absolute, with its symbolic links resolved as far as
// it exists.
func realPath(p string) (string, bool) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", false
	}
	var rest []string
	for cur := abs; ; cur = filepath.Dir(cur) {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(append([]string{r}, rest...)...), true
		}
		if !errors.Is(err, fs.ErrNotExist) || filepath.Dir(cur) == cur {
			return abs, true
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
	}
}
