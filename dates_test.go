package sitefeed

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		loc  *time.Location
		want string // RFC 3339 with nanoseconds
	}{
		// Dates without a zone are read in loc, or UTC when loc is nil.
		{"date", "2024-09-19", nil, "2024-09-19T00:00:00Z"},
		{"date in Kolkata", "2024-09-19", kolkata, "2024-09-19T00:00:00+05:30"},
		{"date in New York, summer time", "2024-07-01", newYork, "2024-07-01T00:00:00-04:00"},
		{"date in New York, winter time", "2024-01-01", newYork, "2024-01-01T00:00:00-05:00"},
		{"slashes", "2024/09/19", nil, "2024-09-19T00:00:00Z"},
		{"RFC 3339", "2024-09-19T10:20:30Z", kolkata, "2024-09-19T10:20:30Z"},
		{"RFC 3339 offset", "2024-09-19T10:20:30+05:30", nil, "2024-09-19T10:20:30+05:30"},
		{"RFC 3339 fraction", "2024-09-19T10:20:30.5-07:00", nil, "2024-09-19T10:20:30.5-07:00"},
		{"RFC 3339 nanoseconds", "2024-09-19T10:20:30.123456789Z", nil, "2024-09-19T10:20:30.123456789Z"},
		{"RFC 3339 without seconds", "2024-09-19T10:20+01:00", nil, "2024-09-19T10:20:00+01:00"},
		{"RFC 3339 without zone", "2024-09-19T10:20:30", kolkata, "2024-09-19T10:20:30+05:30"},
		{"RFC 3339 without zone, fraction", "2024-09-19T10:20:30.25", nil, "2024-09-19T10:20:30.25Z"},
		{"RFC 3339 without zone or seconds", "2024-09-19T10:20", kolkata, "2024-09-19T10:20:00+05:30"},
		{"lower-case t and z", "2024-09-19t10:20:30z", nil, "2024-09-19T10:20:30Z"},
		{"space, minutes", "2024-09-19 10:20", kolkata, "2024-09-19T10:20:00+05:30"},
		{"space, seconds", "2024-09-19 10:20:30", nil, "2024-09-19T10:20:30Z"},
		{"space, seconds, zone", "2024-09-19 10:20:30+02:00", nil, "2024-09-19T10:20:30+02:00"},
		{"YAML spaced timestamp", "2024-09-19 10:20:30 -05:00", nil, "2024-09-19T10:20:30-05:00"},
		{"Go time.String", "2024-09-19 10:20:30.5 +0200 CEST", nil, "2024-09-19T10:20:30.5+02:00"},
		{"Astro starter", "Jul 08 2022", nil, "2022-07-08T00:00:00Z"},
		{"short month, one-digit day", "Jul 8 2022", kolkata, "2022-07-08T00:00:00+05:30"},
		{"short month with comma", "Jul 8, 2022", nil, "2022-07-08T00:00:00Z"},
		{"long month", "January 2, 2006", nil, "2006-01-02T00:00:00Z"},
		{"long month without comma", "January 2 2006", nil, "2006-01-02T00:00:00Z"},
		{"day first", "2 January 2006", nil, "2006-01-02T00:00:00Z"},
		{"day first, short month", "19 Sep 2024", nil, "2024-09-19T00:00:00Z"},
		{"weekday", "Monday, January 2, 2006", nil, "2006-01-02T00:00:00Z"},
		{"RFC 1123", "Thu, 19 Sep 2024 10:20:30 GMT", nil, "2024-09-19T10:20:30Z"},
		{"RFC 1123 UTC in Kolkata", "Thu, 19 Sep 2024 10:20:30 UTC", kolkata, "2024-09-19T10:20:30Z"},
		{"RFC 1123 numeric zone", "Thu, 19 Sep 2024 10:20:30 +0530", nil, "2024-09-19T10:20:30+05:30"},
		{"RFC 1123 one-digit day", "Mon, 2 Sep 2024 10:20:30 -0700", nil, "2024-09-02T10:20:30-07:00"},
		{"RFC 822", "19 Sep 24 10:20 UTC", nil, "2024-09-19T10:20:00Z"},
		{"RFC 822 numeric zone", "19 Sep 24 10:20 -0800", nil, "2024-09-19T10:20:00-08:00"},
		{"RFC 1123 named US zone", "Thu, 19 Sep 2024 10:20:30 PST", nil, "2024-09-19T10:20:30-08:00"},
		{"RFC 822 named US zone", "19 Sep 24 10:20 EDT", kolkata, "2024-09-19T10:20:00-04:00"},
		{"RFC 850", "Thursday, 19-Sep-24 10:20:30 UTC", nil, "2024-09-19T10:20:30Z"},
		{"ANSI C", "Thu Sep 19 10:20:30 2024", kolkata, "2024-09-19T10:20:30+05:30"},
		{"Unix date", "Thu Sep 19 10:20:30 UTC 2024", nil, "2024-09-19T10:20:30Z"},
		{"extra white space", "  Jul   08\t2022 ", nil, "2022-07-08T00:00:00Z"},
	}
	withLocalZone(t, func() {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := ParseDate(tt.in, tt.loc)
				if err != nil {
					t.Fatalf("ParseDate(%q): %v", tt.in, err)
				}
				if s := got.Format(time.RFC3339Nano); s != tt.want {
					t.Errorf("ParseDate(%q) = %s, want %s", tt.in, s, tt.want)
				}
				if got.Location() == time.Local {
					t.Errorf("ParseDate(%q) is in the machine's local zone", tt.in)
				}
			})
		}
	})
}

func TestParseDateErrors(t *testing.T) {
	for _, in := range []string{
		"",
		"   ",
		"someday",
		"2024-13-01",
		"2024-02-30",
		"2024-09-19T25:00:00Z",
		"19/09/2024",
		"Sep 2024",
		"2024-09-19T10:20:30+25:00",
		"1726741230",
		"Thu, 19 Sep 2024 10:20:30 XYZ", // a zone name RFC 822 does not define
	} {
		t.Run(in, func(t *testing.T) {
			got, err := ParseDate(in, nil)
			if !errors.Is(err, ErrBadDate) {
				t.Errorf("ParseDate(%q) = %v, %v; want an error that is ErrBadDate", in, got, err)
			}
		})
	}
}

// TestParseDateSharesZones: dates written with the same numeric offset
// share one location, and read the same as without sharing.
func TestParseDateSharesZones(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	a, errA := ParseDate("2023-06-14T22:23:00+05:30", nil)
	b, errB := ParseDate("2024-01-02 03:04:05 +0530", nil)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if a.Location() != b.Location() {
		t.Error("two dates at +05:30 have two locations")
	}
	for _, c := range []struct {
		in   string
		loc  *time.Location
		want string
	}{
		{"2023-06-14T22:23:00+05:30", nil, "2023-06-14T22:23:00+05:30"},
		{"2023-06-14T22:23:00-03:30", nil, "2023-06-14T22:23:00-03:30"},
		{"2023-06-14T22:23:00+02:00", nil, "2023-06-14T22:23:00+02:00"},
		{"2023-06-14 22:23", kolkata, "2023-06-14T22:23:00+05:30"},
	} {
		got, err := ParseDate(c.in, c.loc)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := time.Parse(time.RFC3339, c.want)
		if f := got.Format(time.RFC1123Z); !got.Equal(want) || f != want.Format(time.RFC1123Z) {
			t.Errorf("%s: %s, want %s", c.in, f, want.Format(time.RFC1123Z))
		}
	}
	if got, _ := ParseDate("2023-06-14 22:23", kolkata); got.Location() != kolkata {
		t.Errorf("a date read in Asia/Kolkata is in %v", got.Location())
	}
}
