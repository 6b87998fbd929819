package mock

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/helpmock/helpmock/internal/dcxml"
	"github.com/helpmock/helpmock/internal/jsonnet"
	"github.com/helpmock/helpmock/internal/spec"
)

// Messages of ASP.NET Web API's own errors.
const (
	msgInvalid      = "The request is invalid."
	msgBodyRequired = "The request body is required."
	msgAnError      = "An error has occurred."
)

// HTTPError is an error answered with ASP.NET Web API's HttpError body.
type HTTPError struct {
	Status  int
	Message string
	// ModelState holds model-binding errors by key, in the order they were added.
	ModelState []ModelStateEntry
	// Header holds extra response headers (Allow for 405).
	Header http.Header
}

// ModelStateEntry is one key of HttpError.ModelState with its messages.
type ModelStateEntry struct {
	Key      string
	Messages []string
}

func (e *HTTPError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", e.Status, e.Message)
	for _, m := range e.ModelState {
		fmt.Fprintf(&b, "; %s: %s", m.Key, strings.Join(m.Messages, " "))
	}
	return b.String()
}

// add appends message to key's entry, creating it after the existing keys.
func (e *HTTPError) add(key, message string) {
	for i := range e.ModelState {
		if e.ModelState[i].Key == key {
			e.ModelState[i].Messages = append(e.ModelState[i].Messages, message)
			return
		}
	}
	e.ModelState = append(e.ModelState, ModelStateEntry{Key: key, Messages: []string{message}})
}

func invalidRequest() *HTTPError {
	return &HTTPError{Status: http.StatusBadRequest, Message: msgInvalid}
}

func bodyRequired() *HTTPError {
	e := invalidRequest()
	e.add("model", msgBodyRequired)
	return e
}

// requestURI is the absolute request URI as Web API quotes it in a 404 message.
func requestURI(req *http.Request) string {
	scheme := "http"
	if req.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + req.Host + req.URL.RequestURI()
}

func notFound(uri string) *HTTPError {
	return &HTTPError{Status: http.StatusNotFound,
		Message: fmt.Sprintf("No HTTP resource was found that matches the request URI '%s'.", uri)}
}

func methodNotAllowed(method string, allow []string) *HTTPError {
	return &HTTPError{Status: http.StatusMethodNotAllowed,
		Message: fmt.Sprintf("The requested resource does not support http method '%s'.", method),
		Header:  http.Header{"Allow": {strings.Join(allow, ", ")}}}
}

func unsupportedMediaType(mediaType string) *HTTPError {
	if mediaType == "" {
		return &HTTPError{Status: http.StatusUnsupportedMediaType,
			Message: "The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource."}
	}
	return &HTTPError{Status: http.StatusUnsupportedMediaType,
		Message: fmt.Sprintf("The request entity's media type '%s' is not supported for this resource.", mediaType)}
}

func tooLarge(limit int64) *HTTPError {
	return &HTTPError{Status: http.StatusRequestEntityTooLarge,
		Message: fmt.Sprintf("The request body is larger than the limit of %d bytes.", limit)}
}

func internalError() *HTTPError {
	return &HTTPError{Status: http.StatusInternalServerError, Message: msgAnError}
}

// appendJSON writes e as Web API's JSON formatter writes an HttpError, a
// Dictionary<string, object> whose keys the service's contract resolver names: with
// CamelCasePropertyNamesContractResolver {"message":…,"modelState":{"model.Name":[…]}}
// (the ModelState keys camel-cased too, which leaves "model.Name" as it is).
func (e *HTTPError) appendJSON(dst []byte, naming spec.JSONNaming) []byte {
	if naming == spec.JSONNamingCamelCase {
		dst = append(dst, `{"message":`...)
	} else {
		dst = append(dst, `{"Message":`...)
	}
	dst = jsonnet.AppendString(dst, quotable(e.Message))
	if len(e.ModelState) > 0 {
		if naming == spec.JSONNamingCamelCase {
			dst = append(dst, `,"modelState":{`...)
		} else {
			dst = append(dst, `,"ModelState":{`...)
		}
		for i, m := range e.ModelState {
			if i > 0 {
				dst = append(dst, ',')
			}
			key := m.Key
			if naming == spec.JSONNamingCamelCase {
				key = jsonnet.CamelCase(key)
			}
			dst = jsonnet.AppendString(dst, quotable(key))
			dst = append(dst, ":["...)
			for j, msg := range m.Messages {
				if j > 0 {
					dst = append(dst, ',')
				}
				dst = jsonnet.AppendString(dst, quotable(msg))
			}
			dst = append(dst, ']')
		}
		dst = append(dst, '}')
	}
	return append(dst, '}')
}

// appendXML writes e as Web API 2's HttpError.WriteXml does: <Error> in no namespace, one
// element per ModelState key (named with XmlConvert.EncodeLocalName) holding its messages
// joined by a space.
func (e *HTTPError) appendXML(dst []byte) []byte {
	dst = append(dst, "<Error><Message>"...)
	dst = dcxml.AppendText(dst, quotable(e.Message))
	dst = append(dst, "</Message>"...)
	if len(e.ModelState) > 0 {
		dst = append(dst, "<ModelState>"...)
		for _, m := range e.ModelState {
			name := dcxml.EncodeLocalName(quotable(m.Key))
			dst = append(dst, '<')
			dst = append(dst, name...)
			dst = append(dst, '>')
			dst = dcxml.AppendText(dst, quotable(strings.Join(m.Messages, " ")))
			dst = append(dst, "</"...)
			dst = append(dst, name...)
			dst = append(dst, '>')
		}
		dst = append(dst, "</ModelState>"...)
	}
	return append(dst, "</Error>"...)
}

// quotable makes text that may quote the request (a member name, a scenario name from a
// header) safe in both error formats: invalid UTF-8 and characters XML 1.0 forbids
// become U+FFFD, so that every HttpError body is well-formed JSON and XML.
func quotable(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, s)
}
