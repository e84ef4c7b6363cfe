package sitefeed

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Layouts ParseDate tries, in order. Those without a zone are read in the
// site's time zone.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05.999999999 -07:00",
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"Jan 2 2006",
	"Jan 2, 2006",
	"January 2 2006",
	"January 2, 2006",
	"2 Jan 2006",
	"2 January 2006",
	"Mon, Jan 2, 2006",
	"Monday, January 2, 2006",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
}

// ParseDate reads a date in any of the formats sitefeed accepts in front
// matter (see the package documentation). A date without a zone is read in
// loc; nil means UTC. Its error satisfies errors.Is(err, ErrBadDate).
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 10 && (s[10] == 't') {
		s = s[:10] + "T" + s[11:]
	}
	if strings.HasSuffix(s, "z") {
		s = s[:len(s)-1] + "Z"
	}
	for _, layout := range dateLayouts {
		t, err := time.ParseInLocation(layout, s, loc)
		if err != nil {
			continue
		}
		if strings.Contains(layout, "MST") {
			return namedZone(t)
		}
		return shareZone(t), nil
	}
	return time.Time{}, fmt.Errorf("%w %q", ErrBadDate, s)
}

// zones holds one location per numeric offset that dates were written
// with (seconds east of UTC to *time.Location).
var zones sync.Map

// shareZone gives a time read with a numeric offset a location shared with
// the other dates of that offset: time.Parse makes a new one for each date
// whose offset is not whole hours, such as +05:30, which a large site would
// keep thousands of.
func shareZone(t time.Time) time.Time {
	if t.Location().String() != "" { // not an unnamed fixed zone
		return t
	}
	_, off := t.Zone()
	z, ok := zones.Load(off)
	if !ok {
		z, _ = zones.LoadOrStore(off, time.FixedZone("", off))
	}
	return t.In(z.(*time.Location))
}

// rfc822Zones are the zone names RFC 822 defines, with their offsets in hours.
var rfc822Zones = map[string]int{"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}

// namedZone gives a time parsed with a zone name its real offset. Go reads
// a name it does not know as UTC; sitefeed knows the RFC 822 names and
// rejects the rest rather than guess.
func namedZone(t time.Time) (time.Time, error) {
	name, off := t.Zone()
	if off != 0 {
		return t, nil // a name the location knows
	}
	h, ok := rfc822Zones[strings.ToUpper(name)]
	if !ok {
		return time.Time{}, fmt.Errorf("%w: unknown time zone %s: write a numeric offset such as +0530", ErrBadDate, name)
	}
	if h == 0 {
		return t, nil
	}
	y, mo, d := t.Date()
	return time.Date(y, mo, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(strings.ToUpper(name), h*3600)), nil
}
