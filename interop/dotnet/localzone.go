package dotnet

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// localOffset matches the UTC offset a DateTime of DateTimeKind.Local is written with.
var localOffset = regexp.MustCompile(`T\d\d:\d\d:\d\d(?:\.\d+)?([+-])(\d\d):(\d\d)$`)

// LocalZone returns the time zone the spec's service ran in, for the rig's TZ: a Help
// Page writes its sample DateTime (DateTime.Now, of DateTimeKind.Local) with the server's
// offset, and .NET reads and writes such a value in the zone it runs in. It is the
// fixed-offset zone (Etc/GMT-2 for +02:00) of the offset every DateTime (not
// DateTimeOffset) of the JSON examples carries, UTC when none carries one, and an error
// when they disagree (a zone with summer time, which no fixed-offset zone matches) or the
// offset is not whole hours (+05:30: the Etc zones have none).
func LocalZone(s *spec.Spec) (string, error) {
	offsets := map[string]bool{}
	for _, op := range s.Operations {
		for mt, examples := range op.RequestExamples {
			for _, ex := range examples {
				dateTimeOffsets(op.Request[mt], ex, offsets)
			}
		}
		for mt, examples := range op.ResponseExamples {
			for _, ex := range examples {
				dateTimeOffsets(op.Response(op.SuccessStatus(), mt), ex, offsets)
			}
		}
	}
	switch len(offsets) {
	case 0:
		return "UTC", nil
	case 1:
	default:
		return "", fmt.Errorf("the examples' DateTime values carry several UTC offsets (%v): no one time zone of the rig writes them all", slices.Sorted(mapsKeys(offsets)))
	}
	var zone string
	for off := range offsets {
		m := localOffset.FindStringSubmatch("T00:00:00" + off)
		if m[3] != "00" {
			return "", fmt.Errorf("the examples' DateTime values carry the UTC offset %s, which no fixed-offset time zone of the rig (Etc/GMT±N) has", off)
		}
		hours, _ := strconv.Atoi(m[2])
		// The POSIX-style Etc zones count west of Greenwich as positive.
		switch {
		case hours == 0:
			zone = "UTC"
		case m[1] == "+":
			zone = fmt.Sprintf("Etc/GMT-%d", hours)
		default:
			zone = fmt.Sprintf("Etc/GMT+%d", hours)
		}
	}
	return zone, nil
}

// dateTimeOffsets adds to offsets the UTC offset of every DateTime in v, a JSON-form
// value of layout t (nil: none).
func dateTimeOffsets(t *model.Type, v any, offsets map[string]bool) {
	if t == nil {
		return
	}
	switch t.Kind {
	case model.DateTime:
		if s, ok := v.(string); ok {
			if m := localOffset.FindStringSubmatch(s); m != nil {
				offsets[m[1]+m[2]+":"+m[3]] = true
			}
		}
	case model.Object:
		obj, _ := v.(map[string]any)
		for _, m := range t.Members {
			if mv, ok := obj[m.Name]; ok {
				dateTimeOffsets(m.Type, mv, offsets)
			}
		}
	case model.Array:
		items, _ := v.([]any)
		for _, item := range items {
			dateTimeOffsets(t.Item, item, offsets)
		}
	case model.Map:
		obj, _ := v.(map[string]any)
		for _, mv := range obj {
			dateTimeOffsets(t.Item, mv, offsets)
		}
	}
}
