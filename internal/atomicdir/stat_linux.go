//go:build linux

package atomicdir

import (
	"io/fs"
	"syscall"
)

// sysStat returns the change time (nanoseconds) and inode number of fi.
func sysStat(fi fs.FileInfo) (ctime int64, ino uint64) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	sec, nsec := st.Ctim.Unix()
	return sec*1e9 + nsec, uint64(st.Ino)
}
