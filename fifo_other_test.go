//go:build !unix

package sitefeed

import "errors"

func mkfifo(name string) error { return errors.ErrUnsupported }
