package jsonnet

import (
	"fmt"
	"strconv"
	"time"
)

// This file is the one definition of Json.NET's DateTimeOffset form: the fixtures' {{now}}
// writes it, dcxml converts it to and from DataContractSerializer's DateTime and
// OffsetMinutes, the mock generates it, and conform judges answers by it.

// DateTimeOffsetLayout is Json.NET's form of a DateTimeOffset as a Go time layout: ISO
// 8601, up to seven fractional digits with trailing zeros trimmed, and always the offset
// as ±hh:mm, never Z: 2024-11-21T08:42:50.8590439+00:00 (Json.NET's IsoDateTimeConverter
// default, "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK").
const DateTimeOffsetLayout = "2006-01-02T15:04:05.9999999-07:00"

// AppendDateTimeOffset appends t, at its own offset, in Json.NET's DateTimeOffset form. It
// writes what t.AppendFormat(dst, DateTimeOffsetLayout) writes, in a fraction of the time
// (no layout to interpret).
func AppendDateTimeOffset(dst []byte, t time.Time) []byte {
	dst = AppendClock(dst, t)
	_, off := t.Zone()
	if off < 0 {
		dst = append(dst, '-')
		off = -off
	} else {
		dst = append(dst, '+')
	}
	off /= 60 // whole minutes, as the layout's -07:00 truncates
	dst = appendPadded(dst, off/60, 2)
	dst = append(dst, ':')
	return appendPadded(dst, off%60, 2)
}

// AppendClock appends t's clock as .NET's "yyyy-MM-ddTHH:mm:ss.FFFFFFF": the fraction
// truncated to .NET's 100 ns tick, its trailing zeros trimmed, and dropped when zero.
// Json.NET and XmlConvert (DataContractSerializer) both write a clock this way.
func AppendClock(dst []byte, t time.Time) []byte {
	// Date and Clock work out the calendar once each; Year, Month, Day, Hour, Minute and
	// Second would do it six times.
	year, month, day := t.Date()
	hour, minute, second := t.Clock()
	dst = appendPadded(dst, year, 4)
	dst = append(dst, '-')
	dst = appendTwoDigits(dst, int(month))
	dst = append(dst, '-')
	dst = appendTwoDigits(dst, day)
	dst = append(dst, 'T')
	dst = appendTwoDigits(dst, hour)
	dst = append(dst, ':')
	dst = appendTwoDigits(dst, minute)
	dst = append(dst, ':')
	dst = appendTwoDigits(dst, second)
	ticks := t.Nanosecond() / 100
	if ticks == 0 {
		return dst
	}
	digits := 7
	for ticks%10 == 0 {
		ticks /= 10
		digits--
	}
	dst = append(dst, '.')
	return appendPadded(dst, ticks, digits)
}

// appendTwoDigits appends v, from 0 to 99, as two digits.
func appendTwoDigits(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/10), byte('0'+v%10))
}

// appendPadded appends v in decimal, its digits zero-padded to width; a negative v gets
// its sign before the padding, as Go's time layouts write a negative year.
func appendPadded(dst []byte, v, width int) []byte {
	if v < 0 {
		dst = append(dst, '-')
		v = -v
	}
	var buf [20]byte
	s := strconv.AppendInt(buf[:0], int64(v), 10)
	for range width - len(s) {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// ParseDateTimeOffset reads s as Json.NET reads a DateTimeOffset: an ISO 8601 date-time
// with an offset or Z (RFC 3339, any number of fractional digits). The result is at s's
// offset, a whole number of minutes. It does not check .NET's range (years 1 to 9999).
func ParseDateTimeOffset(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an ISO 8601 date-time with an offset", s)
	}
	if _, off := t.Zone(); off%60 != 0 {
		return time.Time{}, fmt.Errorf("%q: the offset is not a whole number of minutes", s)
	}
	return t, nil
}

// IsDateTimeOffset reports whether s is a DateTimeOffset exactly as Json.NET writes one:
// it reads (ParseDateTimeOffset) and writes back (AppendDateTimeOffset) unchanged. A Z, a
// -00:00 offset, trailing fractional zeros or more than seven fractional digits are read
// by Json.NET but never written by it.
func IsDateTimeOffset(s string) bool {
	t, err := ParseDateTimeOffset(s)
	if err != nil {
		return false
	}
	var buf [40]byte
	return string(AppendDateTimeOffset(buf[:0], t)) == s
}
