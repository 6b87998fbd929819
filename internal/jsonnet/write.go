package jsonnet

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/helpmock/helpmock/internal/model"
)

// Append appends v, a JSON-form value of layout t, as Json.NET writes it: members in the
// layout's order, every member written (null when absent), members the layout does not
// have left out.
func Append(dst []byte, t *model.Type, v any) []byte {
	if v == nil {
		return append(dst, "null"...)
	}
	switch t.Kind {
	case model.Object:
		obj, _ := v.(map[string]any)
		dst = append(dst, '{')
		for i, m := range t.Members {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, m.Name)
			dst = append(dst, ':')
			dst = Append(dst, m.Type, obj[m.Name])
		}
		return append(dst, '}')
	case model.Array:
		arr, _ := v.([]any)
		dst = append(dst, '[')
		for i, item := range arr {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = Append(dst, t.Item, item)
		}
		return append(dst, ']')
	case model.Map:
		obj, _ := v.(map[string]any)
		return appendMap(dst, obj, func(dst []byte, item any) []byte { return Append(dst, t.Item, item) })
	case model.Number:
		return appendDecimalPlace(dst, v)
	}
	return AppendValue(dst, v)
}

// appendDecimalPlace appends a number of a decimal, double or float member as Json.NET
// writes it: with a decimal place even when it is whole (5.0, not 5; JsonConvert's
// EnsureDecimalPlace), unless it has one or an exponent already.
func appendDecimalPlace(dst []byte, v any) []byte {
	start := len(dst)
	dst = AppendValue(dst, v)
	switch v.(type) {
	case json.Number, float64, int, int64:
	default:
		return dst
	}
	for _, c := range dst[start:] {
		if c == '.' || c == 'e' || c == 'E' || c == 'N' || c == 'I' {
			return dst
		}
	}
	return append(dst, ".0"...)
}

// AppendValue appends a scalar JSON-form value (or, without a layout, any JSON-form value,
// objects with sorted keys).
func AppendValue(dst []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...)
	case string:
		return AppendString(dst, v)
	case json.Number:
		return append(dst, v...)
	case bool:
		return strconv.AppendBool(dst, v)
	case int:
		return strconv.AppendInt(dst, int64(v), 10)
	case int64:
		return strconv.AppendInt(dst, v, 10)
	case float64:
		return strconv.AppendFloat(dst, v, 'g', -1, 64)
	case []any:
		dst = append(dst, '[')
		for i, item := range v {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendValue(dst, item)
		}
		return append(dst, ']')
	case map[string]any:
		return appendMap(dst, v, AppendValue)
	}
	return append(dst, "null"...)
}

// appendMap appends obj with its keys sorted, each value written by appendItem.
func appendMap(dst []byte, obj map[string]any, appendItem func([]byte, any) []byte) []byte {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = AppendString(dst, k)
		dst = append(dst, ':')
		dst = appendItem(dst, obj[k])
	}
	return append(dst, '}')
}

const hexDigits = "0123456789abcdef"

// plain marks the ASCII bytes Json.NET writes as they are.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// AppendString appends s as a Json.NET string literal: '"' and '\\' escaped, control
// characters as \b \t \n \f \r or \u00xx (lower-case hex), U+0085, U+2028 and U+2029 as
// \uxxxx; everything else, '<', '>', '&', '/' and non-ASCII included, as it is.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plain[c] {
			i++
			continue
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != 0x85 && r != 0x2028 && r != 0x2029 {
				i += size
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
