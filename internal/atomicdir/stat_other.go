//go:build !linux

package atomicdir

import "io/fs"

// sysStat returns 0, 0: the change time and inode number are left to the size and modification time here.
func sysStat(fs.FileInfo) (ctime int64, ino uint64) { return 0, 0 }
