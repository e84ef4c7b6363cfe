//go:build linux

package loadcache

import (
	"io/fs"
	"syscall"
)

// StatOf returns what the index records of a file's metadata, or false
// when fi does not come from the operating system (an fstest.MapFS, a zip
// file), whose files are then always read.
func StatOf(fi fs.FileInfo) (Stat, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return Stat{}, false
	}
	msec, mnsec := st.Mtim.Unix()
	csec, cnsec := st.Ctim.Unix()
	return Stat{Size: st.Size, Mtime: msec*1e9 + mnsec, Ctime: csec*1e9 + cnsec, Ino: uint64(st.Ino), Dev: uint64(st.Dev)}, true
}
