//go:build !unix

package atomicdir

import "os"

// openNonblock is not needed where there are no FIFOs in folders.
const openNonblock = 0

// lockFolder does nothing where folders cannot be locked (Windows): there
// two writes into one folder at the same time are not kept apart.
func lockFolder(f *os.File, wait bool) error { return nil }

// openFileLimit returns 0: the limit is not known (Windows has none that a
// write could reach).
func openFileLimit() int { return 0 }
