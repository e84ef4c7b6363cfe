package atomicdir

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

// UpdateManifest keeps the manifest file name, a list of the files the
// writes into the directory made: it removes the files the previous list
// names that names does not and that removable accepts (such as the feeds
// of a tag that is gone), with the folders they leave empty, then records
// names, replacing the manifest atomically and durably when it changed.
// Nothing else is removed: a name outside the directory, a folder or a
// symbolic link never is.
func (d *Dir) UpdateManifest(name, header string, names []string, removable func(name string) bool) error {
	root := d.root
	now := map[string]bool{}
	for _, n := range names {
		now[n] = true
	}
	names = append([]string(nil), names...)
	sort.Strings(names)
	old, err := root.ReadFile(name)
	if err == nil {
		var stale []string
		for _, n := range ManifestNames(old) {
			if now[n] || !fs.ValidPath(n) || n == name || !removable(n) {
				continue
			}
			if st, err := root.Lstat(n); err == nil && st.Mode().IsRegular() {
				if err := root.Remove(n); err == nil {
					stale = append(stale, n)
				}
			}
		}
		// Remove folders the stale files leave empty (Remove fails on others).
		for _, n := range stale {
			for dir := path.Dir(n); dir != "." && dir != "/"; dir = path.Dir(dir) {
				if root.Remove(dir) != nil {
					break
				}
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var b strings.Builder
	b.WriteString(header)
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	if err == nil && string(old) == b.String() {
		return nil
	}
	return d.replace(name, []byte(b.String()))
}

// ManifestNames returns the names a manifest lists, one a line, leaving
// out blank lines and comments (lines that start with "#").
func ManifestNames(data []byte) []string {
	var names []string
	for _, n := range strings.Split(string(data), "\n") {
		if n = strings.TrimSpace(n); n != "" && !strings.HasPrefix(n, "#") {
			names = append(names, n)
		}
	}
	return names
}

// replace writes data to name through a synced temporary file, renamed
// into place, then syncs the folder.
func (d *Dir) replace(name string, data []byte) error {
	tmp := d.tempName(name)
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		d.traceOp("sync", name)
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		d.traceOp("rename", name)
		err = d.root.Rename(tmp, name)
	}
	if err != nil {
		d.root.Remove(tmp)
		return err
	}
	return d.syncFolder(path.Dir(name))
}
