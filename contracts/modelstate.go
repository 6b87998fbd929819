package contracts

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/helpmock/helpmock/internal/conform"
	"github.com/helpmock/helpmock/internal/spec"
)

// checkModelState judges the 400 answer to a body that does not bind: Web API's formatter
// logs the errors in ModelState and the action answers BadRequest(ModelState), so the
// HttpError carries a ModelState with at least one key, in JSON
// {"Message":"The request is invalid.","ModelState":{"model":["..."]}} and in XML
// <Error><Message>…</Message><ModelState><model>…</model></ModelState></Error>.
// A 400 of another shape (a bare string, an HttpError without ModelState) hides from the
// client which member failed.
func checkModelState(x *exchange) (Violation, bool) {
	if !x.c.wantModelState || x.status != http.StatusBadRequest || x.err != nil {
		return Violation{}, true
	}
	mt, _, err := mime.ParseMediaType(x.header.Get("Content-Type"))
	if err != nil {
		return Violation{}, true // checkContentType reports it
	}
	mt = strings.ToLower(mt)
	var keys int
	switch {
	case spec.IsJSON(mt) || strings.HasSuffix(mt, "+json"):
		var obj map[string]json.RawMessage
		if json.Unmarshal(x.body, &obj) != nil {
			break
		}
		for k, v := range obj {
			// A camelCase service (CamelCasePropertyNamesContractResolver) writes modelState.
			if strings.EqualFold(k, "ModelState") {
				var ms map[string]json.RawMessage
				if json.Unmarshal(v, &ms) == nil {
					keys = len(ms)
				}
			}
		}
	case spec.IsXML(mt) || strings.HasSuffix(mt, "+xml"):
		var e struct {
			XMLName    xml.Name
			ModelState struct {
				Entries []struct {
					XMLName xml.Name
				} `xml:",any"`
			} `xml:"ModelState"`
		}
		if xml.NewDecoder(bytes.NewReader(x.body)).Decode(&e) == nil && e.XMLName.Local == "Error" {
			keys = len(e.ModelState.Entries)
		}
	default:
		return Violation{}, true
	}
	if keys > 0 {
		return Violation{}, true
	}
	return Violation{Check: CheckBody, Path: "/ModelState", Expected: "an HttpError with the binding errors in ModelState",
		Actual: conform.Excerpt(x.body),
		Message: fmt.Sprintf("Web API answers %s with 400 and the binding errors by key in ModelState "+
			`({"Message":"The request is invalid.","ModelState":{"model":["An error has occurred."]}})`, describe(x.c))}, false
}
