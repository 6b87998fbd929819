package spec

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "github.com/oasdiff/yaml3"

	"github.com/helpmock/helpmock/internal/model"
)

// Media types ASP.NET Web API reads and writes with its default formatters.
const (
	ApplicationJSON = "application/json"
	TextJSON        = "text/json"
	ApplicationXML  = "application/xml"
	TextXML         = "text/xml"
	FormURLEncoded  = "application/x-www-form-urlencoded"
)

// DocsExample is the name of the examples taken from the Help Page samples.
const DocsExample = "docs"

// IsJSON reports whether mediaType is one of the JSON media types.
func IsJSON(mediaType string) bool { return mediaType == ApplicationJSON || mediaType == TextJSON }

// IsXML reports whether mediaType is one of the XML media types.
func IsXML(mediaType string) bool { return mediaType == ApplicationXML || mediaType == TextXML }

// Spec is a loaded, validated OpenAPI document with its operations compiled.
type Spec struct {
	// Doc is the document as kin-openapi loaded it.
	Doc *openapi3.T
	// Source names where the document came from, for messages.
	Source string
	// Operations lists the document's operations, by path then method.
	Operations []*Operation
	// Secrets names the members and parameters the document marks with ExtensionSecret,
	// sorted: what the journal, the request log and verify's reports redact.
	Secrets []string

	paths      []*pathEntry
	serializer model.Serializer
	jsonNaming JSONNaming
}

// Operation is one operation of the document with its compiled layouts.
type Operation struct {
	ID      string
	Method  string
	Path    string
	Summary string
	// Op is the operation as kin-openapi loaded it.
	Op *openapi3.Operation
	// Request maps each request media type to the layout of its body; nil without a body.
	Request map[string]*model.Type
	// RequestMediaTypes lists the request media types in a stable order.
	RequestMediaTypes []string
	// BodyRequired tells whether the request body is required.
	BodyRequired bool
	// Responses maps a status code to its media types' layouts.
	Responses map[int]map[string]*model.Type
	// Statuses lists the documented status codes in ascending order.
	Statuses []int
	// RequestExamples and ResponseExamples hold each media type's examples by name
	// (for responses, of the lowest 2xx status): a value in JSON form for JSON media
	// types, the example text for others.
	RequestExamples  map[string]map[string]any
	ResponseExamples map[string]map[string]any
	// Tokens says where a token operation carries its tokens (ExtensionTokens); nil for
	// other operations.
	Tokens *Tokens
}

// SuccessStatus returns the lowest documented 2xx status, or 200.
func (o *Operation) SuccessStatus() int {
	for _, s := range o.Statuses {
		if s >= 200 && s < 300 {
			return s
		}
	}
	return http.StatusOK
}

// Response returns the layout of status's body in mediaType, or nil.
func (o *Operation) Response(status int, mediaType string) *model.Type {
	return o.Responses[status][mediaType]
}

type pathEntry struct {
	template string
	segments []string // literal segments, or "" for a {parameter}
	params   []string // the parameter's name where segments holds "", parallel to segments
	// optional counts the trailing segments the path's x-aspnet-route template adds,
	// which a request may carry and routing ignores.
	optional int
	// catchAll tells that the template's last segment is a catch-all parameter
	// ({*path} in x-aspnet-route), which takes the rest of the request's path.
	catchAll bool
	// complex holds, by segment index, the matcher of a segment with parameters among
	// other text ({year}-{month}, {name}.{format}); nil for the others.
	complex map[int]*complexSegment
	methods map[string]*Operation
}

// ExtensionAspNetRoute is the path-item extension giving the Web API convention route
// template that reaches the path, such as "api/{controller}/{action}/{id}", or an
// attribute route ending in a catch-all ("api/files/{*path}", whose path is
// /api/files/{path}): the catch-all takes the rest of the request's path, slashes and all.
const ExtensionAspNetRoute = "x-aspnet-route"

// LoadFile loads and validates the document in the file at path.
func LoadFile(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load spec: %w", err)
	}
	return Load(path, data)
}

// Load loads, validates and compiles the document data; source names it in errors.
//
// A document that converts to JSON as it is (see toJSON) is loaded as JSON, with the
// declaration order of properties read from the same YAML node tree; any other document,
// and any that fails to load that way, takes kin-openapi's YAML path with origin tracking,
// which also gives the errors their wording; a syntax error is reported in the one
// language the document is written in, at its line (see checkSyntax).
func Load(source string, data []byte) (*Spec, error) {
	if s, ok := loadJSON(source, data); ok {
		return s, nil
	}
	if err := checkSyntax(source, data); err != nil {
		return nil, err
	}
	return loadYAML(source, data)
}

// loadYAML loads data with kin-openapi's YAML path, which records each property's line.
func loadYAML(source string, data []byte) (*Spec, error) {
	loader := openapi3.NewLoader()
	// Origins give each property's line, hence the declaration order of members.
	loader.IncludeOrigin = true
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("load spec %s: %w", source, relevantUnmarshalError(err, data))
	}
	return build(source, doc, nil)
}

// loadJSON loads data through its JSON form; false when it cannot, or when a schema the
// operations use has properties whose declaration order it did not learn.
func loadJSON(source string, data []byte) (*Spec, bool) {
	doc, orders, ok := decodeJSON(data)
	if !ok {
		return nil, false
	}
	return buildOrdered(source, doc, orders)
}

// decodeJSON decodes data through its JSON form (toJSON) and learns the declaration order
// of its schemas' properties from the same node tree; false when it cannot.
func decodeJSON(data []byte) (*openapi3.T, map[*openapi3.Schema][]string, bool) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, nil, false
	}
	text, ok := toJSON(&root)
	if !ok {
		return nil, nil, false
	}
	doc, err := openapi3.NewLoader().LoadFromData(text)
	if err != nil {
		return nil, nil, false
	}
	return doc, declarationOrders(doc, &root), true
}

// buildOrdered builds doc with the declaration orders of its schemas' properties; false
// when it fails, or when a schema the operations use has properties missing from orders.
func buildOrdered(source string, doc *openapi3.T, orders map[*openapi3.Schema][]string) (*Spec, bool) {
	complete := true
	order := func(s *openapi3.Schema) []string {
		names := orders[s]
		if len(s.Properties) > 1 && !model.IsPropertyOrder(names, s.Properties) {
			complete = false
		}
		return names
	}
	s, err := build(source, doc, order)
	if err != nil || !complete {
		return nil, false
	}
	return s, true
}

// build validates and compiles a loaded document; order is the compiler's model.Compiler.Order.
func build(source string, doc *openapi3.T, order func(*openapi3.Schema) []string) (*Spec, error) {
	// Examples of XML media types are XML text, which kin-openapi would validate as JSON
	// against an object schema; ValidateExamples checks every example by its media type.
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("validate spec %s: %w", source, err)
	}
	s := &Spec{Doc: doc, Source: source}
	secrets, err := checkExtensions(doc)
	if err != nil {
		return nil, fmt.Errorf("validate spec %s: %w", source, err)
	}
	s.Secrets = secrets
	if err := s.compile(order); err != nil {
		return nil, fmt.Errorf("compile spec %s: %w", source, err)
	}
	if err := s.readTokens(); err != nil {
		return nil, fmt.Errorf("validate spec %s: %w", source, err)
	}
	if err := s.validateJSONExamples(); err != nil {
		return nil, fmt.Errorf("validate spec %s: %w", source, err)
	}
	return s, nil
}

func (s *Spec) compile(order func(*openapi3.Schema) []string) error {
	compiler := model.NewCompiler()
	compiler.Order = order
	serializer, err := xmlSerializer(s.Doc)
	if err != nil {
		return err
	}
	s.serializer, compiler.Serializer = serializer, serializer
	if s.jsonNaming, err = jsonNaming(s.Doc); err != nil {
		return err
	}
	seenIDs := map[string]bool{}
	for _, path := range s.Doc.Paths.InMatchingOrder() {
		item := s.Doc.Paths.Value(path)
		entry := &pathEntry{template: path, methods: map[string]*Operation{}}
		for i, seg := range strings.Split(strings.Trim(path, "/"), "/") {
			param := ""
			if c := newComplexSegment(seg); c != nil {
				if entry.complex == nil {
					entry.complex = map[int]*complexSegment{}
				}
				entry.complex[i] = c
			} else if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				seg, param = "", strings.Trim(seg, "{}")
			}
			entry.segments = append(entry.segments, seg)
			entry.params = append(entry.params, param)
		}
		if route, ok := item.Extensions[ExtensionAspNetRoute].(string); ok {
			extra := len(strings.Split(strings.Trim(route, "/"), "/")) - len(entry.segments)
			if extra < 0 {
				return fmt.Errorf("path %s: %s %q has fewer segments than the path", path, ExtensionAspNetRoute, route)
			}
			entry.optional = extra
			routeSegs := strings.Split(strings.Trim(route, "/"), "/")
			entry.catchAll = extra == 0 && len(entry.params) > 0 && entry.params[len(entry.params)-1] != "" &&
				strings.HasPrefix(routeSegs[len(routeSegs)-1], "{*")
		}
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				return fmt.Errorf("%s %s: operationId is required", method, path)
			}
			if seenIDs[op.OperationID] {
				return fmt.Errorf("%s %s: operationId %q is used twice", method, path, op.OperationID)
			}
			seenIDs[op.OperationID] = true
			o, err := compileOperation(compiler, method, path, op)
			if err != nil {
				return err
			}
			if serializer == model.XMLSerializer {
				dropUnserializableXML(o)
			}
			entry.methods[method] = o
			s.Operations = append(s.Operations, o)
		}
		s.paths = append(s.paths, entry)
	}
	slices.SortFunc(s.Operations, func(a, b *Operation) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return strings.Compare(a.Method, b.Method)
	})
	return nil
}

func compileOperation(c *model.Compiler, method, path string, op *openapi3.Operation) (*Operation, error) {
	o := &Operation{ID: op.OperationID, Method: method, Path: path, Summary: op.Summary, Op: op,
		Responses: map[int]map[string]*model.Type{}, RequestExamples: map[string]map[string]any{},
		ResponseExamples: map[string]map[string]any{}}
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		o.BodyRequired = rb.Value.Required
		o.Request = map[string]*model.Type{}
		for _, mt := range slices.Sorted(maps.Keys(rb.Value.Content)) {
			media := rb.Value.Content[mt]
			if media.Schema == nil {
				continue
			}
			t, err := c.Compile(media.Schema)
			if err != nil {
				return nil, fmt.Errorf("operation %s request %s: %w", o.ID, mt, err)
			}
			o.Request[mt] = t
			o.RequestMediaTypes = append(o.RequestMediaTypes, mt)
			o.RequestExamples[mt] = examples(media)
		}
	}
	for code, resp := range op.Responses.Map() {
		status, err := strconv.Atoi(code)
		if err != nil {
			continue // "default" and ranges have no fixed status to answer with
		}
		o.Statuses = append(o.Statuses, status)
		o.Responses[status] = map[string]*model.Type{}
		if resp.Value == nil {
			continue
		}
		for mt, media := range resp.Value.Content {
			if media.Schema == nil {
				continue
			}
			t, err := c.Compile(media.Schema)
			if err != nil {
				return nil, fmt.Errorf("operation %s response %d %s: %w", o.ID, status, mt, err)
			}
			o.Responses[status][mt] = t
		}
	}
	slices.Sort(o.Statuses)
	if resp := op.Responses.Status(o.SuccessStatus()); resp != nil && resp.Value != nil {
		for mt, media := range resp.Value.Content {
			o.ResponseExamples[mt] = examples(media)
		}
	}
	return o, nil
}

func examples(media *openapi3.MediaType) map[string]any {
	out := map[string]any{}
	for name, ex := range media.Examples {
		if ex != nil && ex.Value != nil && ex.Value.Value != nil {
			out[name] = ex.Value.Value
		}
	}
	if len(out) == 0 && media.Example != nil {
		out[DocsExample] = media.Example
	}
	return out
}

// validateJSONExamples checks the examples of JSON media types against their schemas with
// kin-openapi. XML examples are checked by the XML decoder (package dcxml), which this
// package does not depend on.
func (s *Spec) validateJSONExamples() error {
	var errs []error
	check := func(where string, media *openapi3.MediaType, mt string) {
		if !IsJSON(mt) || media.Schema == nil || media.Schema.Value == nil {
			return
		}
		for name, ex := range media.Examples {
			if ex == nil || ex.Value == nil {
				continue
			}
			if err := media.Schema.Value.VisitJSON(ex.Value.Value, openapi3.MultiErrors()); err != nil {
				errs = append(errs, fmt.Errorf("%s %s example %q: %w", where, mt, name, err))
			}
		}
	}
	for _, o := range s.Operations {
		if rb := o.Op.RequestBody; rb != nil && rb.Value != nil {
			for mt, media := range rb.Value.Content {
				check(o.ID+" request", media, mt)
			}
		}
		for code, resp := range o.Op.Responses.Map() {
			if resp.Value == nil {
				continue
			}
			for mt, media := range resp.Value.Content {
				check(o.ID+" response "+code, media, mt)
			}
		}
	}
	return errors.Join(errs...)
}

// Operation returns the operation with the given operationId, or nil.
func (s *Spec) Operation(id string) *Operation {
	for _, o := range s.Operations {
		if o.ID == id {
			return o
		}
	}
	return nil
}

// ErrNotFound is returned by Match when no path of the document matches.
var ErrNotFound = errors.New("no path matches")

// MethodNotAllowedError is returned by Match when a path matches but not the method.
type MethodNotAllowedError struct {
	// Allow lists the methods the path has, sorted.
	Allow []string
}

func (e *MethodNotAllowedError) Error() string {
	return "method not allowed; allowed: " + strings.Join(e.Allow, ", ")
}

// Match finds the operation for method and the request path, matching literal segments
// case-insensitively and tolerating a trailing slash, as ASP.NET Web API routing does.
// It returns the path parameters' values by name. Errors are ErrNotFound or a
// *MethodNotAllowedError.
func (s *Spec) Match(method, path string) (*Operation, map[string]string, error) {
	var segArray [16]string // no allocation for the usual path
	segs := segArray[:0]
	for seg := range strings.SplitSeq(strings.Trim(path, "/"), "/") {
		segs = append(segs, seg)
	}
	var allow []string
	for _, entry := range s.paths {
		params, ok := entry.match(segs)
		if !ok {
			continue
		}
		if op, ok := entry.methods[strings.ToUpper(method)]; ok {
			return op, params, nil
		}
		for m := range entry.methods {
			allow = append(allow, m)
		}
	}
	if allow != nil {
		slices.Sort(allow)
		return nil, nil, &MethodNotAllowedError{Allow: slices.Compact(allow)}
	}
	return nil, nil, ErrNotFound
}

func (e *pathEntry) match(segs []string) (map[string]string, bool) {
	if len(segs) < len(e.segments) || (len(segs) > len(e.segments)+e.optional && !e.catchAll) {
		return nil, false
	}
	if e.catchAll && len(segs) > len(e.segments) {
		// The catch-all, the last segment, takes the rest of the path.
		last := len(e.segments) - 1
		joined := append(segs[:last:last], strings.Join(segs[last:], "/"))
		segs = joined
	}
	var params map[string]string
	for i, seg := range e.segments {
		if c := e.complex[i]; c != nil {
			values, ok := c.match(segs[i])
			if !ok {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			maps.Copy(params, values)
			continue
		}
		if seg == "" {
			if segs[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[e.params[i]] = segs[i]
			continue
		}
		if !strings.EqualFold(seg, segs[i]) {
			return nil, false
		}
	}
	return params, true
}

// isTypeSlashSubtype reports whether s is token/token, as mime.ParseMediaType reads a media
// type (RFC 2045 tokens: printable ASCII but space and tspecials).
func isTypeSlashSubtype(s string) bool {
	slash := strings.IndexByte(s, '/')
	if slash <= 0 || slash == len(s)-1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == slash {
			continue
		}
		if c <= ' ' || c >= 0x7f || strings.IndexByte(tspecials, c) >= 0 {
			return false
		}
	}
	return true
}

// tspecials are the characters RFC 2045 excludes from tokens, besides space and controls.
const tspecials = `()<>@,;:\"/[]?=`

// MediaType returns the media type of a Content-Type header value, lower-cased and without
// parameters, or "" when the value is empty or malformed.
func MediaType(contentType string) string {
	if strings.TrimSpace(contentType) == "" {
		return ""
	}
	if !strings.Contains(contentType, ";") {
		// No parameters, the common case: mime.ParseMediaType would make a map for them.
		if mt := strings.TrimSpace(contentType); isTypeSlashSubtype(mt) {
			return strings.ToLower(mt)
		}
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.ToLower(mt)
}
