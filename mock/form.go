package mock

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/model"
)

func sortedFormKeys(form url.Values) []string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// formValue converts a form field to the member's type, or says why it cannot.
func formValue(t *model.Type, s string) (any, string) {
	switch t.Kind {
	case model.String, model.DateTime, model.DateTimeOffset:
		return s, ""
	case model.Int:
		if s == "" && t.Nullable {
			return nil, ""
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			return json.Number(strconv.FormatInt(n, 10)), ""
		}
	case model.Number:
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return json.Number(strings.TrimSpace(s)), ""
		}
	case model.Bool:
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true":
			return true, ""
		case "false":
			return false, ""
		}
	default:
		return nil, "a form field cannot hold a " + t.Kind.String()
	}
	return nil, strconv.Quote(s) + " is not a valid " + t.Kind.String()
}
