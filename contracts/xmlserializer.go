package contracts

import (
	"bytes"
	"strings"

	"github.com/helpmock/helpmock/internal/model"
)

// inWrongNamespace returns body, an XML request body of t, with its root in another
// namespace: a data contract namespace is replaced; a root in no namespace (XmlSerializer
// without [XmlRoot(Namespace)]) gets a default namespace declaration. Either way Web API's
// XML formatter refuses the body ("… was not expected"), so the service answers 400.
func inWrongNamespace(body []byte, t *model.Type) []byte {
	if t.Namespace != "" {
		return []byte(strings.ReplaceAll(string(body), `"`+t.Namespace+`"`, `"`+wrongNamespace+`"`))
	}
	start := bytes.Index(body, []byte("<"+t.Name))
	if start < 0 {
		return body
	}
	end := start + 1 + len(t.Name)
	out := make([]byte, 0, len(body)+len(wrongNamespace)+10)
	out = append(out, body[:end]...)
	out = append(out, ` xmlns="`+wrongNamespace+`"`...)
	return append(out, body[end:]...)
}
