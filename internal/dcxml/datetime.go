package dcxml

import (
	"errors"
	"fmt"
	"time"

	"github.com/helpmock/helpmock/internal/jsonnet"
)

// minOffset and maxOffset bound a DateTimeOffset's offset (±14 hours), in minutes.
const (
	minOffset = -14 * 60
	maxOffset = 14 * 60
)

var (
	minTime = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(9999, 12, 31, 23, 59, 59, 999999900, time.UTC)
)

// dateTimeOffset is a System.DateTimeOffset: an instant and its offset from UTC.
type dateTimeOffset struct {
	utc    time.Time
	offset int // minutes
}

// parseJSONDateTimeOffset reads the Json.NET form of a DateTimeOffset
// ("2024-11-21T08:42:50.8590439+00:00", jsonnet.ParseDateTimeOffset) and checks .NET's
// range (years 1 to 9999 in UTC and at the offset, offsets within ±14h).
func parseJSONDateTimeOffset(s string) (dateTimeOffset, error) {
	t, err := jsonnet.ParseDateTimeOffset(s)
	if err != nil {
		return dateTimeOffset{}, err
	}
	_, off := t.Zone()
	d := dateTimeOffset{utc: t.UTC(), offset: off / 60}
	return d, d.validate()
}

func (d dateTimeOffset) validate() error {
	if d.offset < minOffset || d.offset > maxOffset {
		return fmt.Errorf("offset %d minutes is outside ±840", d.offset)
	}
	local := d.local()
	for _, t := range []time.Time{d.utc, local} {
		if t.Before(minTime) || t.After(maxTime) {
			return errors.New("date-time is outside .NET's range (years 1 to 9999)")
		}
	}
	return nil
}

// local returns the clock time at the offset.
func (d dateTimeOffset) local() time.Time {
	return d.utc.Add(time.Duration(d.offset) * time.Minute)
}

// AppendDateTimeOffset appends the text of the DateTime element DataContractSerializer
// writes for s, a DateTimeOffset in Json.NET's form, and returns it with the value of
// the OffsetMinutes element: the two values Encode writes inside a DateTimeOffset
// member.
func AppendDateTimeOffset(dst []byte, s string) ([]byte, int, error) {
	d, err := parseJSONDateTimeOffset(s)
	if err != nil {
		return dst, 0, err
	}
	return d.appendXMLDateTime(dst), d.offset, nil
}

// appendXMLDateTime appends the UTC DateTime element text: "2024-11-21T08:42:50.8590439Z".
func (d dateTimeOffset) appendXMLDateTime(dst []byte) []byte {
	return append(jsonnet.AppendClock(dst, d.utc), 'Z')
}

// jsonString returns the Json.NET form: "2024-11-21T14:12:50.8590439+05:30".
func (d dateTimeOffset) jsonString() string {
	at := d.utc.In(time.FixedZone("", d.offset*60))
	return string(jsonnet.AppendDateTimeOffset(make([]byte, 0, 40), at))
}

// dateTimeKind is the DateTimeKind XmlConvert.ToDateTime(s, RoundtripKind) gives.
type dateTimeKind int

const (
	kindUnspecified dateTimeKind = iota
	kindUTC
	kindOffset
)

// parseXSDDateTime reads an xs:dateTime or xs:date as XmlConvert.ToDateTime does with
// XmlDateTimeSerializationMode.RoundtripKind, returning the clock time (as UTC fields), its
// kind, and for kindOffset the offset in minutes. Hand-written because Go's time layouts
// cannot express "fraction of any length, optional zone" in one pattern and XSD allows
// forms RFC 3339 does not (no zone, date only).
func parseXSDDateTime(s string) (clock time.Time, kind dateTimeKind, offset int, err error) {
	bad := fmt.Errorf("%q is not an xs:dateTime", s)
	num := func(i, n int) (int, bool) {
		if i+n > len(s) {
			return 0, false
		}
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	year, ok1 := num(0, 4)
	month, ok2 := num(5, 2)
	day, ok3 := num(8, 2)
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' {
		return clock, 0, 0, bad
	}
	i := 10
	var hour, minute, sec, nanos int
	if i < len(s) && s[i] == 'T' {
		var ok4, ok5, ok6 bool
		hour, ok4 = num(11, 2)
		minute, ok5 = num(14, 2)
		sec, ok6 = num(17, 2)
		if !ok4 || !ok5 || !ok6 || s[13] != ':' || s[16] != ':' {
			return clock, 0, 0, bad
		}
		i = 19
		if i < len(s) && s[i] == '.' {
			i++
			start, scale := i, 100_000_000
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				nanos += int(s[i]-'0') * scale
				scale /= 10
				i++
			}
			if i == start {
				return clock, 0, 0, bad
			}
			nanos -= nanos % 100
		}
	}
	switch {
	case i == len(s):
	case s[i] == 'Z' && i+1 == len(s):
		kind = kindUTC
	case (s[i] == '+' || s[i] == '-') && i+6 == len(s) && s[i+3] == ':':
		h, okH := num(i+1, 2)
		m, okM := num(i+4, 2)
		if !okH || !okM || h > 14 || m > 59 {
			return clock, 0, 0, bad
		}
		kind, offset = kindOffset, h*60+m
		if s[i] == '-' {
			offset = -offset
		}
	default:
		return clock, 0, 0, bad
	}
	if month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || sec > 59 || year < 1 {
		return clock, 0, 0, bad
	}
	clock = time.Date(year, time.Month(month), day, hour, minute, sec, nanos, time.UTC)
	if clock.Day() != day {
		return clock, 0, 0, bad // 31 February
	}
	return clock, kind, offset, nil
}

// fromXML combines the DateTime and OffsetMinutes elements as DataContractSerializer's
// DateTimeOffsetAdapter does: an unspecified DateTime is the clock time at the offset,
// a UTC or zoned one is an instant shown at the offset.
func fromXML(dateTime string, offsetMinutes int) (dateTimeOffset, error) {
	clock, kind, off, err := parseXSDDateTime(dateTime)
	if err != nil {
		return dateTimeOffset{}, err
	}
	d := dateTimeOffset{offset: offsetMinutes}
	switch kind {
	case kindUnspecified:
		d.utc = clock.Add(-time.Duration(offsetMinutes) * time.Minute)
	case kindUTC:
		d.utc = clock
	case kindOffset:
		d.utc = clock.Add(-time.Duration(off) * time.Minute)
	}
	if err := d.validate(); err != nil {
		return dateTimeOffset{}, fmt.Errorf("DateTime %s with OffsetMinutes %d: %w", dateTime, offsetMinutes, err)
	}
	return d, nil
}
