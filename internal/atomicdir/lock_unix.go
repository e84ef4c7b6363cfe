//go:build unix

package atomicdir

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// openNonblock opens a FIFO without waiting for a writer.
const openNonblock = unix.O_NONBLOCK

// lockFolder takes an exclusive lock on the open folder f, released when f
// is closed. With wait false it fails with errBusy when another holds it.
func lockFolder(f *os.File, wait bool) error {
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	for {
		err := unix.Flock(int(f.Fd()), how)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return errBusy
		}
		return err
	}
}

// openFileLimit returns the most files the process may have open, or 0
// when it is not known.
func openFileLimit() int {
	var r unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &r); err != nil || r.Cur > 1<<30 {
		return 0
	}
	return int(r.Cur)
}
