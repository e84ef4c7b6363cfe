package main

import (
	"fmt"
	"io"

	"github.com/sitefeed/sitefeed"
)

// A checker is the writer -check streams a document into: it checks, as
// the document is written, that it is well-formed, and counts its bytes.
type checker struct {
	file sitefeed.File
	pw   *io.PipeWriter
	n    int64
	done chan error
	size func(int64) // told the document's size once it is checked
}

func newChecker(f sitefeed.File, size func(int64)) *checker {
	pr, pw := io.Pipe()
	c := &checker{file: f, pw: pw, done: make(chan error, 1), size: size}
	go func() {
		err := checkStream(f.Format, pr) // reads to the end
		pr.CloseWithError(err)           // a failed check fails the writes still to come
		c.done <- err
	}()
	return c
}

func (c *checker) Write(p []byte) (int, error) {
	n, err := c.pw.Write(p)
	c.n += int64(n)
	return n, err
}

// Close ends the document and returns the result of its check.
func (c *checker) Close() error {
	c.pw.Close()
	if err := <-c.done; err != nil {
		return fmt.Errorf("%s is not valid %s (a bug in sitefeed; please report it): %v", c.file.Path, c.file.Format, err)
	}
	c.size(c.n)
	return nil
}
