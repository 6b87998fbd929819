package mock

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// generator makes realistic values for layouts. It is deterministic: a value depends only
// on the operation and the member's path (never on the request or the clock), so the same
// request gets the same body and frontends and tests see stable data, and JSON and XML
// layouts of the same class get the same values (an enum's same member, say).
type generator struct {
	seed string // the operationId
	// left counts down the collection items the answer may still get (maxGeneratedItems
	// in all), so that nested collections with large minItems cannot blow a value up.
	left *int
}

// newGenerator returns the generator of the operation operationID, for one answer.
func newGenerator(operationID string) generator {
	left := maxGeneratedItems
	return generator{seed: operationID, left: &left}
}

// maxGeneratedItems bounds the items of all the collections of one generated answer. A
// collection gets its minItems (at least two) while the budget lasts, then two; a schema
// asking for more than the budget gets a warning at start-up that its generated answer
// does not pass the schema.
const maxGeneratedItems = 1000

// maxGenerateDepth bounds the nesting of generated classes, for recursive models.
const maxGenerateDepth = 8

// generatedEpoch is the first instant generated dates are drawn from (a year of them).
var generatedEpoch = time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)

// hash returns the hash of path, the number every choice about its value starts from.
func (g generator) hash(path string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(g.seed))
	h.Write([]byte{0})
	h.Write([]byte(path))
	return h.Sum64()
}

// value returns a value in JSON form for layout t, at path, named name (the member's
// name, which steers strings: an Email member gets an address). outer lists the classes
// being generated around it: a recursive model (an Employee's Manager) ends at its first
// nullable member or collection that would repeat one of them (null, or no items).
func (g generator) value(t *model.Type, path, name string, depth int, outer []*model.Type) any {
	if depth > maxGenerateDepth {
		return nil
	}
	recursive := slices.Contains(outer, t) || (t.Item != nil && slices.Contains(outer, t.Item))
	if recursive && t.Nullable && t.Kind == model.Object {
		return nil
	}
	if depth == maxGenerateDepth || recursive {
		switch t.Kind {
		case model.Array:
			return []any{}
		case model.Map:
			return map[string]any{}
		}
	}
	s := t.Schema
	if s == nil {
		s = &openapi3.Schema{}
	}
	h := g.hash(path)
	switch t.Kind {
	case model.Object:
		obj := make(map[string]any, len(t.Members))
		outer = append(outer, t)
		for _, members := range [][]*model.Member{t.Members, t.XMLMembers} {
			for _, m := range members {
				if _, done := obj[m.Name]; !done {
					obj[m.Name] = g.value(m.Type, path+"."+m.Name, m.Name, depth+1, outer)
				}
			}
		}
		return obj
	case model.Array:
		n := g.take(itemCount(s))
		items := make([]any, 0, n)
		for i := range n {
			itemPath := path + "[" + strconv.Itoa(i) + "]"
			v := g.value(t.Item, itemPath, singular(name), depth+1, outer)
			// uniqueItems: draw again, from another path, while the value repeats one.
			for try := 1; s.UniqueItems && try <= maxUniqueTries && containsValue(items, v); try++ {
				v = g.value(t.Item, itemPath+"#"+strconv.Itoa(try), singular(name), depth+1, outer)
			}
			items = append(items, v)
		}
		return items
	case model.Map:
		out := map[string]any{}
		if s.AdditionalProperties.Schema == nil {
			return out // a free-form object (System.Object, JObject): {}
		}
		for i, key := range mapKeys(t, h) {
			out[key] = g.value(t.Item, path+"["+strconv.Itoa(i)+"]", name, depth+1, outer)
		}
		return out
	case model.Int:
		return g.integer(s, h, name)
	case model.Number:
		return g.number(s, h)
	case model.Bool:
		if b, ok := s.Default.(bool); ok {
			return b
		}
		return h%3 != 0
	case model.DateTime:
		return generatedTime(h).Format("2006-01-02T15:04:05Z")
	case model.DateTimeOffset:
		return string(jsonnet.AppendDateTimeOffset(nil, generatedTime(h)))
	}
	return g.text(t, s, h, name)
}

// maxUniqueTries bounds the draws for an item of a uniqueItems collection: a type with
// fewer values than the collection's minItems (a bool, a small enum) cannot be satisfied.
const maxUniqueTries = 16

// itemCount is how many items a generated collection holds: two, or its minItems when
// more, within maxItems.
func itemCount(s *openapi3.Schema) int {
	n := max(2, int(min(s.MinItems, maxGeneratedItems)))
	if s.MaxItems != nil {
		n = min(n, int(*s.MaxItems))
	}
	return n
}

// take returns how many of n items a collection gets from what is left of the answer's
// budget: all of them while it lasts, then at most two.
func (g generator) take(n int) int {
	if *g.left < n {
		n = min(n, 2)
	}
	*g.left = max(0, *g.left-n)
	return n
}

// containsValue reports whether items holds a value equal to v (JSON-form values).
func containsValue(items []any, v any) bool {
	return slices.ContainsFunc(items, func(item any) bool { return reflect.DeepEqual(item, v) })
}

// mapKeys returns the keys of a generated dictionary, of the key type its XML entry name
// gives (KeyValueOfintboolean: Dictionary<int,bool>).
func mapKeys(t *model.Type, h uint64) []string {
	key := strings.ToLower(strings.TrimPrefix(t.ItemName, "KeyValueOf"))
	switch {
	case strings.HasPrefix(key, "int"), strings.HasPrefix(key, "long"), strings.HasPrefix(key, "short"),
		strings.HasPrefix(key, "unsignedint"), strings.HasPrefix(key, "unsignedlong"), strings.HasPrefix(key, "unsignedshort"):
		return []string{"1", "2"}
	case strings.HasPrefix(key, "guid"):
		return []string{uuidFrom(h), uuidFrom(h >> 7)}
	}
	return []string{"key1", "key2"}
}

// generatedTime is an instant of the year after generatedEpoch, to the second.
func generatedTime(h uint64) time.Time {
	return generatedEpoch.Add(time.Duration(h%(365*24*3600)) * time.Second)
}

// integer returns an integer within the schema's range: its default, an enum member, or a
// small positive number (an id's a larger one).
func (g generator) integer(s *openapi3.Schema, h uint64, name string) any {
	if len(s.Enum) > 0 {
		return s.Enum[h%uint64(len(s.Enum))]
	}
	if d, ok := s.Default.(float64); ok && d == math.Trunc(d) {
		return int64(d)
	}
	n := int64(1 + h%100)
	if strings.HasSuffix(strings.ToLower(name), "id") {
		n = int64(1 + h%10000)
	}
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if s.Format == "int32" {
		lo, hi = math.MinInt32, math.MaxInt32
	}
	if s.Min != nil {
		lo = max(lo, int64(math.Ceil(*s.Min)))
		if s.ExclusiveMin.IsTrue() && float64(lo) == *s.Min {
			lo++
		}
	}
	if s.Max != nil {
		hi = min(hi, int64(math.Floor(*s.Max)))
		if s.ExclusiveMax.IsTrue() && float64(hi) == *s.Max {
			hi--
		}
	}
	if lo > hi {
		return lo
	}
	if n < lo || n > hi {
		span := uint64(hi - lo)
		if span > 100 {
			span = 100
		}
		n = lo + int64(h%(span+1))
	}
	if s.MultipleOf != nil && *s.MultipleOf >= 1 && *s.MultipleOf == math.Trunc(*s.MultipleOf) {
		m := int64(*s.MultipleOf)
		if n -= n % m; n < lo {
			n += m
		}
	}
	return n
}

// number returns a decimal number with cents within the schema's range, or its default.
func (g generator) number(s *openapi3.Schema, h uint64) any {
	if len(s.Enum) > 0 {
		return s.Enum[h%uint64(len(s.Enum))]
	}
	if d, ok := s.Default.(float64); ok {
		return d
	}
	v := float64(100+h%9900)/100 + 0.25*float64(1+h%3) // never a whole number: 12.75
	lo, hi := math.Inf(-1), math.Inf(1)
	if s.Min != nil {
		lo = *s.Min
	}
	if s.Max != nil {
		hi = *s.Max
	}
	if v < lo || v > hi {
		switch {
		case !math.IsInf(lo, 0) && !math.IsInf(hi, 0):
			v = lo + (hi-lo)/2
		case !math.IsInf(lo, 0):
			v = lo + 1.5
		default:
			v = hi - 1.5
		}
	}
	return v
}

// text returns a string for the schema: an enum member, its default, a value of its
// format or pattern, or a realistic value for the member's name; within its lengths.
func (g generator) text(t *model.Type, s *openapi3.Schema, h uint64, name string) any {
	if len(t.Enum) > 0 {
		return t.Enum[h%uint64(len(t.Enum))]
	}
	if len(s.Enum) > 0 {
		return s.Enum[h%uint64(len(s.Enum))]
	}
	if d, ok := s.Default.(string); ok {
		return d
	}
	minLen, maxLen := int(min(s.MinLength, 4096)), -1
	if s.MaxLength != nil {
		maxLen = int(min(*s.MaxLength, 4096))
	}
	if s.Pattern != "" {
		if v, ok := fromPattern(s.Pattern, minLen, maxLen, h); ok {
			return v
		}
	}
	v := byFormat(s.Format, h, name)
	if v == "" {
		v = byName(name, h)
	}
	return fitLength(v, minLen, maxLen)
}

// byFormat returns a value of a string format, or "" for a format it does not know.
func byFormat(format string, h uint64, name string) string {
	switch strings.ToLower(format) {
	case "uuid", "guid":
		return uuidFrom(h)
	case "date-time":
		return generatedTime(h).Format("2006-01-02T15:04:05Z")
	case "date":
		return generatedTime(h).Format("2006-01-02")
	case "time":
		return generatedTime(h).Format("15:04:05")
	case "email", "emailaddress":
		return email(h)
	case "uri", "url", "uri-reference", "iri":
		return "https://example.com/" + slug(name) + "/" + strconv.FormatUint(1+h%1000, 10)
	case "hostname":
		return "host" + strconv.FormatUint(1+h%100, 10) + ".example.com"
	case "ipv4":
		return fmt.Sprintf("192.0.2.%d", 1+h%254)
	case "ipv6":
		return fmt.Sprintf("2001:db8::%x", 1+h%0xfffe)
	case "byte", "base64":
		return base64.StdEncoding.EncodeToString([]byte(byName(name, h)))
	case "phone", "phonenumber":
		return phone(h)
	case "creditcard":
		return "4111111111111111"
	case "password":
		return "P@ssw0rd" + strconv.FormatUint(h%100, 10)
	}
	return ""
}

// uuidFrom formats a version-4-shaped UUID from h.
func uuidFrom(h uint64) string {
	g := h * 0x9E3779B97F4A7C15
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", uint32(h>>32), uint16(h>>16), uint16(h)&0xfff,
		0x8000|uint16(g>>48)&0x3fff, g&0xffffffffffff)
}

var (
	firstNames = []string{"Ana", "Bruno", "Carla", "David", "Elena", "Felipe", "Grace", "Hugo", "Irene", "João"}
	lastNames  = []string{"Silva", "Martin", "Costa", "Novak", "Garcia", "Smith", "Rossi", "Müller", "Santos", "Kim"}
	cities     = []string{"Lisbon", "Porto", "Madrid", "Paris", "Berlin", "Prague", "Rome", "Dublin", "Oslo", "Vienna"}
	countries  = []string{"Portugal", "Spain", "France", "Germany", "Czechia", "Italy", "Ireland", "Norway", "Austria", "Brazil"}
	streets    = []string{"Rua Augusta", "Main Street", "Calle Mayor", "Rue de Rivoli", "Karl-Marx-Allee", "Via Roma"}
	words      = []string{"alpha", "bravo", "delta", "echo", "harbor", "maple", "orbit", "quartz", "summit", "vector"}
)

func pick(list []string, h uint64) string { return list[h%uint64(len(list))] }

// email returns an address of the example.com domain, in ASCII (RFC 5321's local part).
func email(h uint64) string {
	return asciiFold.Replace(strings.ToLower(pick(firstNames, h)+"."+pick(lastNames, h>>8))) + "@example.com"
}

// asciiFold replaces the non-ASCII letters of the name lists.
var asciiFold = strings.NewReplacer("ã", "a", "ü", "u")

func phone(h uint64) string { return fmt.Sprintf("+1-555-%04d", h%10000) }

// byName returns a realistic string for a member named name.
func byName(name string, h uint64) string {
	n := strings.ToLower(name)
	num := strconv.FormatUint(1+h%1000, 10)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(n, s) {
				return true
			}
		}
		return false
	}
	switch {
	case name == "":
		return pick(words, h) + " " + num
	case len(n) > 2 && strings.HasPrefix(n, "is") && (name[2] == '_' || unicode.IsUpper(rune(name[2]))),
		strings.HasPrefix(n, "has") && len(n) > 3 && (name[3] == '_' || unicode.IsUpper(rune(name[3]))):
		return strconv.FormatBool(h%3 != 0) // a flag kept in a string: isSuccess
	case has("date", "time", "created", "updated", "modified", "expires", "expiry"):
		return generatedTime(h).Format("2006-01-02T15:04:05")
	case has("email", "e_mail", "mail"):
		return email(h)
	case has("url", "uri", "link", "website", "href"):
		return "https://example.com/" + slug(name) + "/" + num
	case has("phone", "mobile", "fax", "tel"):
		return phone(h)
	case has("firstname", "first_name", "givenname", "given_name"):
		return pick(firstNames, h)
	case has("lastname", "last_name", "surname", "familyname", "family_name"):
		return pick(lastNames, h)
	case has("username", "user_name", "login"):
		return strings.ToLower(pick(firstNames, h)) + num
	case has("city", "town"):
		return pick(cities, h)
	case has("country"):
		return pick(countries, h)
	case has("street", "address"):
		return num + " " + pick(streets, h>>4)
	case has("zip", "postal", "postcode"):
		return fmt.Sprintf("%05d", h%100000)
	case has("currency"):
		return pick([]string{"EUR", "USD", "GBP", "BRL"}, h)
	case has("token", "secret", "key", "hash"):
		return strings.ReplaceAll(uuidFrom(h), "-", "")
	case has("description", "comment", "note", "message", "text", "summary", "remark"):
		return "The " + pick(words, h) + " " + strings.ToLower(splitWords(name)) + " " + num + "."
	case has("name", "title"):
		if has("user", "customer", "person", "employee", "contact", "author", "owner", "full") || n == "name" {
			return pick(firstNames, h) + " " + pick(lastNames, h>>8)
		}
		return strings.ToUpper(pick(words, h)[:1]) + pick(words, h)[1:] + " " + num
	case has("status", "state"):
		return pick([]string{"Active", "Pending", "Closed"}, h)
	case has("code", "sku", "number", "reference", "ref"):
		return strings.ToUpper(pick(words, h)[:3]) + "-" + num
	case has("id"):
		return "id-" + num
	}
	return splitWords(name) + " " + num
}

// splitWords turns CamelCase or snake_case into space-separated words, the first
// capitalised: "OrderNumber" → "Order number".
func splitWords(name string) string {
	var b strings.Builder
	prev := rune(0)
	for i, r := range name {
		switch {
		case r == '_' || r == '-':
			b.WriteByte(' ')
		case i > 0 && unicode.IsUpper(r) && !unicode.IsUpper(prev) && prev != '_':
			b.WriteByte(' ')
			b.WriteRune(unicode.ToLower(r))
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return strings.TrimSpace(b.String())
}

// slug is name lower-cased, for a URL path.
func slug(name string) string {
	if name == "" {
		return "item"
	}
	return strings.ToLower(strings.ReplaceAll(splitWords(name), " ", "-"))
}

// singular is a collection member's name for its items ("Lines" → "Line").
func singular(name string) string {
	if len(name) > 1 && strings.HasSuffix(name, "s") {
		return name[:len(name)-1]
	}
	return name
}

// fitLength cuts v to maxLen runes (-1: no limit) or pads it to minLen with words.
func fitLength(v string, minLen, maxLen int) string {
	for i := 0; utf8.RuneCountInString(v) < minLen && i < 1024; i++ {
		v += " " + words[i%len(words)]
	}
	if maxLen >= 0 && utf8.RuneCountInString(v) > maxLen {
		r := []rune(v)
		v = strings.TrimRight(string(r[:maxLen]), " ")
		if utf8.RuneCountInString(v) < minLen { // trimmed below the minimum
			v = string(r[:maxLen])
		}
	}
	return v
}

// generatedScenario builds the generated scenario of o: a generated value for each media
// type of its success response (none for a response without content, answered with its
// status alone).
func generatedScenario(o *spec.Operation) *scenario {
	status := o.SuccessStatus()
	sc := &scenario{name: ScenarioGenerated, status: status, docs: map[string]any{}}
	for mt, layout := range o.Responses[status] {
		sc.docs[mt] = newGenerator(o.ID).value(layout, "", "", 0, nil)
	}
	return sc
}
