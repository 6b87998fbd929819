package specdiff

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/helpmock/helpmock/internal/spec"
)

// Kind names a kind of change. Its values are stable: the JSON report carries them.
type Kind string

// The kinds of change.
const (
	SerializerChanged    Kind = "serializer-changed"
	OperationAdded       Kind = "operation-added"
	OperationRemoved     Kind = "operation-removed"
	MethodRemoved        Kind = "method-removed"
	RouteChanged         Kind = "route-changed"
	RouteSpelling        Kind = "route-spelling-changed"
	RouteSegments        Kind = "route-segments-changed"
	OperationIDChanged   Kind = "operation-id-changed"
	RequestBodyAdded     Kind = "request-body-added"
	RequestBodyRemoved   Kind = "request-body-removed"
	RequestBodyRequired  Kind = "request-body-required"
	RequestBodyOptional  Kind = "request-body-optional"
	ParameterAdded       Kind = "parameter-added"
	ParameterRemoved     Kind = "parameter-removed"
	ParameterRequired    Kind = "parameter-required"
	SecurityChanged      Kind = "security-changed"
	MediaTypeAdded       Kind = "media-type-added"
	MediaTypeRemoved     Kind = "media-type-removed"
	SuccessStatusChanged Kind = "success-status-changed"
	StatusAdded          Kind = "status-added"
	StatusRemoved        Kind = "status-removed"
	MemberAdded          Kind = "member-added"
	MemberRemoved        Kind = "member-removed"
	MemberRenamed        Kind = "member-renamed"
	MemberRequired       Kind = "member-required"
	MemberOptional       Kind = "member-optional"
	TypeChanged          Kind = "type-changed"
	FormatChanged        Kind = "format-changed"
	NullableChanged      Kind = "nullable-changed"
	EnumValuesAdded      Kind = "enum-values-added"
	EnumValuesRemoved    Kind = "enum-values-removed"
	EnumAdded            Kind = "enum-added"
	EnumRemoved          Kind = "enum-removed"
	ConstraintChanged    Kind = "constraint-changed"
	XMLRootChanged       Kind = "xml-root-changed"
	XMLNameChanged       Kind = "xml-name-changed"
	XMLItemChanged       Kind = "xml-item-changed"
	NamespaceChanged     Kind = "namespace-changed"
	MemberOrderChanged   Kind = "member-order-changed"
	MemberMovedClass     Kind = "member-moved-class"
	DescriptionChanged   Kind = "description-changed"
)

// Change is one difference between the two documents and its verdict.
type Change struct {
	// Operation is "METHOD /path" of the operation, or "" for the whole document.
	Operation string `json:"operation,omitempty"`
	// OperationID is the operation's operationId (the new one when both have it).
	OperationID string `json:"operationId,omitempty"`
	// Direction is "request", "response", or "" for a change of the operation or document.
	Direction string `json:"direction,omitempty"`
	// Statuses lists the response statuses whose bodies changed so.
	Statuses []int `json:"statuses,omitempty"`
	// MediaTypes lists the media types whose bodies changed so.
	MediaTypes []string `json:"mediaTypes,omitempty"`
	// Path locates a member: the class, then members, "[]" for items, "{}" for values.
	Path    string `json:"path,omitempty"`
	Kind    Kind   `json:"kind"`
	Message string `json:"message"`
	// BreaksJSON and BreaksXML tell whether the change breaks JSON (and form) clients and
	// XML clients.
	BreaksJSON bool `json:"breaksJSON"`
	BreaksXML  bool `json:"breaksXML"`
}

// Breaking reports whether the change breaks any client.
func (c Change) Breaking() bool { return c.BreaksJSON || c.BreaksXML }

// Verdict is "breaks JSON+XML", "breaks JSON", "breaks XML" or "safe".
func (c Change) Verdict() string {
	switch {
	case c.BreaksJSON && c.BreaksXML:
		return "breaks JSON+XML"
	case c.BreaksJSON:
		return "breaks JSON"
	case c.BreaksXML:
		return "breaks XML"
	}
	return "safe"
}

// Where is "request", "response 200", "response 400, 404", or "" for the operation.
func (c Change) Where() string {
	if c.Direction != "response" || len(c.Statuses) == 0 {
		return c.Direction
	}
	codes := make([]string, len(c.Statuses))
	for i, s := range c.Statuses {
		codes[i] = strconv.Itoa(s)
	}
	return "response " + strings.Join(codes, ", ")
}

// Report is the outcome of Compare.
type Report struct {
	// Old and New name the two documents.
	Old string `json:"old"`
	New string `json:"new"`
	// Changes lists the changes: the document's first, then by operation (path, method),
	// request before responses, in the order of the members.
	Changes []Change `json:"changes"`
}

// Breaking reports whether any change breaks a client.
func (r *Report) Breaking() bool {
	return slices.ContainsFunc(r.Changes, Change.Breaking)
}

// Count returns how many changes break JSON clients, break XML clients, and break none.
func (r *Report) Count() (json, xml, safe int) {
	for _, c := range r.Changes {
		if c.BreaksJSON {
			json++
		}
		if c.BreaksXML {
			xml++
		}
		if !c.Breaking() {
			safe++
		}
	}
	return json, xml, safe
}

// finding is one change seen in one place (one status and media type) before merging.
type finding struct {
	operation, operationID string
	direction              string
	status                 int // 0 unless direction is "response"
	mediaType              string
	path                   string
	kind                   Kind
	message                string
	json, xml              bool
}

type mergeKey struct {
	operation, direction, path, message string
	kind                                Kind
}

// merge folds findings that differ only in status and media type into one Change each,
// in the order of their first occurrence.
func merge(findings []finding) []Change {
	var out []Change
	index := map[mergeKey]int{}
	for _, f := range findings {
		k := mergeKey{f.operation, f.direction, f.path, f.message, f.kind}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, Change{Operation: f.operation, OperationID: f.operationID, Direction: f.direction,
				Path: f.path, Kind: f.kind, Message: f.message})
		}
		c := &out[i]
		c.BreaksJSON = c.BreaksJSON || f.json
		c.BreaksXML = c.BreaksXML || f.xml
		if f.status != 0 && !slices.Contains(c.Statuses, f.status) {
			c.Statuses = append(c.Statuses, f.status)
			slices.Sort(c.Statuses)
		}
		if f.mediaType != "" && !slices.Contains(c.MediaTypes, f.mediaType) {
			c.MediaTypes = append(c.MediaTypes, f.mediaType)
			slices.SortFunc(c.MediaTypes, compareMediaTypes)
		}
	}
	return out
}

// compareMediaTypes orders JSON media types before XML ones, then by name.
func compareMediaTypes(a, b string) int {
	return cmp.Or(cmp.Compare(audienceOf(a), audienceOf(b)), strings.Compare(a, b))
}

// audience is the kind of client a media type serves.
type audience int

const (
	jsonClients audience = iota // JSON, form and any other non-XML media type
	xmlClients
)

func audienceOf(mediaType string) audience {
	mt := spec.MediaType(mediaType)
	if spec.IsXML(mt) || strings.HasSuffix(mt, "+xml") {
		return xmlClients
	}
	return jsonClients
}
