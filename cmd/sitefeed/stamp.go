package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/atomicdir"
	"github.com/sitefeed/sitefeed/internal/fingerprint"
	"github.com/sitefeed/sitefeed/internal/itemcache"
	"github.com/sitefeed/sitefeed/internal/readlog"
)

// stampName is the file, in the cache folder, that records what the last
// build read and wrote, so that the next build, when none of it changed,
// is spared: it prints what that build printed and writes nothing.
//
// The stamp holds a hash of the build's settings, every one of them, as
// resolved from the flags, the settings file and the generator's
// configuration (which are read again each time); the stat of every file
// and folder the build looked at through the posts, static and site
// folders, with the names it looked for and did not find (see
// internal/readlog), and of the program itself; the moment its output
// would change with the clock (Set.NextChange); and the SHA-256 of the
// output folder's manifest, whose files must still be those the build
// left there (atomicdir.Unchanged). A build whose stamp disagrees in
// anything is a full one, which writes a new stamp when it succeeds.
const stampName = "build.stamp"

// stampWindow is how long before a build began a file it reads must have
// last changed for the build's stamp to be written (see readlog.New). A
// variable for tests, whose files are new.
var stampWindow = 2 * time.Second

// stampMagic begins a stamp.
const stampMagic = "sitefeed build stamp 1\n"

// A stampHead is what a stamp records besides its read log.
type stampHead struct {
	Key        [32]byte  // of the settings (stampKey)
	Now        time.Time // Options.Now of the build
	NextChange time.Time // Set.NextChange
	Manifest   [32]byte  // SHA-256 of the output folder's manifest
	Summary    summary
	Warnings   string // the warnings the build printed of the posts
	Files      int    // files and folders the stamp holds the stat of, and files written
}

// stampKey hashes every setting of the build but the clock, which the
// stamp's Now and NextChange bound, and the working directory, which
// relative paths are resolved against.
func (j *job) stampKey(r *report) ([32]byte, error) {
	wd, err := os.Getwd()
	if err != nil {
		return [32]byte{}, err
	}
	opts, load := j.opts, j.load
	opts.Now, opts.Cache, load.Cache = time.Time{}, nil, nil
	return fingerprint.Of(struct {
		Wd, Src, Out, Static, Cache, Config string
		More                                []srcDir
		Site                                sitefeed.Site
		Load                                sitefeed.LoadOptions
		Opts                                sitefeed.Options
		Clock                               bool // Now was set
		Gen                                 any
		SkipInvalid, AllowEmpty             bool
	}{wd, j.src, j.out, j.static, j.cache, r.config, j.more, j.site, load, opts, !j.opts.Now.IsZero(), j.gen, r.skipInvalid, r.allowEmpty})
}

// spare looks at the stamp of the last build in the cache folder, and,
// when nothing it records changed, fills r with what that build did and
// prints its warnings: the build is spared. Any doubt is a false; a stamp
// that does not decode is also a warning.
func (j *job) spare(r *report, stderr io.Writer) bool {
	if !itemcache.IsCache(j.cache) {
		return false
	}
	data, err := os.ReadFile(filepath.Join(j.cache, stampName))
	if err != nil {
		return false
	}
	head, log, ok := decodeStamp(data)
	if !ok {
		fmt.Fprintf(stderr, "warning: cache %s: %s is damaged or of another version: ignored, and written again\n", j.cache, stampName)
		return false
	}
	key, err := j.stampKey(r)
	if err != nil || key != head.Key {
		return false
	}
	now := j.opts.Now
	if now.IsZero() != head.Now.IsZero() || now.Before(head.Now) || !head.NextChange.IsZero() && !now.Before(head.NextChange) {
		return false
	}
	if sum, ok := atomicdir.Unchanged(j.out); !ok || sum != head.Manifest {
		return false
	}
	if changed, err := readlog.Check(log); err != nil || changed != "" {
		return false
	}
	j.read, _ = readlog.Files(log)
	io.WriteString(stderr, head.Warnings)
	s := head.Summary
	r.sum, r.read, r.invalid = s, s.Read, s.Invalid
	r.out, r.files, r.sizes, r.opmlSize = j.out, s.Files, s.Sizes, s.OPMLSize
	for _, n := range s.Files {
		r.unchanged += n
	}
	r.opmlSame, r.mediaSame = true, s.Media
	r.cacheDir, r.spared = j.cache, head.Files
	return true
}

// writeStamp writes the stamp of a build that succeeded and whose reads
// log recorded; it writes none when the log cannot be kept.
func (j *job) writeStamp(r *report, log *readlog.Log, set *sitefeed.Set, warnings string) error {
	if !itemcache.IsCache(j.cache) { // the build cached nothing, and made no folder
		return nil
	}
	key, err := j.stampKey(r)
	if err != nil {
		return err
	}
	manifest, err := os.ReadFile(filepath.Join(j.out, sitefeed.ManifestName))
	if err != nil {
		return err
	}
	head := stampHead{Key: key, Now: j.opts.Now, NextChange: set.NextChange, Manifest: sha256.Sum256(manifest), Summary: r.sum, Warnings: warnings}
	logData, err := log.AppendBinary(nil)
	if err != nil {
		return nil // a file changed as the build began, or during it: no stamp
	}
	head.Files = log.Len()
	for _, f := range r.sum.Files {
		head.Files += f
	}
	data, err := encodeStamp(head, logData)
	if err != nil {
		return err
	}
	tmp := filepath.Join(j.cache, ".tmp-"+stampName+"-"+strconv.Itoa(os.Getpid()))
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(j.cache, stampName)); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// encodeStamp encodes a stamp: the magic line, the head's length and its
// JSON, the read log, and the SHA-256 of all that.
func encodeStamp(head stampHead, log []byte) ([]byte, error) {
	h, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	b := append([]byte(stampMagic), binary.AppendUvarint(nil, uint64(len(h)))...)
	b = append(append(b, h...), log...)
	sum := sha256.Sum256(b)
	return append(b, sum[:]...), nil
}

// decodeStamp decodes a stamp, or returns false for one that is damaged or
// of another version.
func decodeStamp(data []byte) (head stampHead, log []byte, ok bool) {
	if len(data) < len(stampMagic)+sha256.Size || !bytes.HasPrefix(data, []byte(stampMagic)) {
		return head, nil, false
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return head, nil, false
	}
	body = body[len(stampMagic):]
	n, k := binary.Uvarint(body)
	if k <= 0 || n > uint64(len(body)-k) {
		return head, nil, false
	}
	if err := json.Unmarshal(body[k:k+int(n)], &head); err != nil {
		return head, nil, false
	}
	return head, body[k+int(n):], true
}

// removeStamp removes the stamp before a build that is not spared, so that
// one that fails leaves none; in a folder that is not a cache, nothing is
// sitefeed's to remove.
func (j *job) removeStamp() error {
	if !itemcache.IsCache(j.cache) {
		return nil
	}
	err := os.Remove(filepath.Join(j.cache, stampName))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
