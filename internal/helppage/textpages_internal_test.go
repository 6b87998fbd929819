package helppage

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestTextPageBoundaries reads small text documents holding one page or several and
// lists their pages: a model page starts only where the pages show it (after the page
// before has ended, or after a "Help Page Home" line), never inside an API page.
func TestTextPageBoundaries(t *testing.T) {
	const api = "GET api/things/{id}\nRequest Information\nURI Parameters\nNone.\nBody Parameters\nNone.\n"
	const response = "Response Information\nResource Description\nThing\nResponse Formats\napplication/json\nSample:\n{ \"Id\": 1 }\n"
	const shade = "Shade\nPossible enumeration values:\nName | Value | Description |\n---|---|---|\nLight | 0 |\n|\nDark | 1 |\n"
	const thing = "Thing\nName | Description | Type | Additional information |\n---|---|---|---|\nId | integer |\nNone. |\n"
	cases := []struct {
		name, text string
		want       string // the pages, one a line
	}{
		{"API page alone", api + response, "GET api/things/{id}"},
		{"API page, then model pages", api + response + thing + shade,
			"GET api/things/{id}\nmodel Thing members=1 enum=0\nmodel Shade members=0 enum=2"},
		{"model pages, then API page", shade + thing + api + response,
			"model Shade members=0 enum=2\nmodel Thing members=1 enum=0\nGET api/things/{id}"},
		{"void API page ending in None., then a model page",
			api + "Response Information\nResource Description\nNone.\n" + thing,
			"GET api/things/{id}\nmodel Thing members=1 enum=0"},
		// A custom section's table before the response is the API page's, not a page.
		{"table of a custom section inside an API page",
			"GET api/things/{id}\nRequest Information\nURI Parameters\nNone.\nThrottling\nName | Description | Type |\n---|---|---|\nLimit | Per minute. | integer |\n" + response,
			"GET api/things/{id}"},
		// The resource section's type link and table are the response's, not a model page.
		{"response model shown on the API page",
			api + "Response Information\nResource Description\n" + thing + "Response Formats\napplication/json\nSample:\n{ \"Id\": 1 }\n",
			"GET api/things/{id} response=Thing"},
		// After "Help Page Home", the page's title is the first type name: a one-word
		// description is no title.
		{"one-word description after Help Page Home",
			api + response + "Help Page Home\nShade\nObsolete\nPossible enumeration values:\nName | Value | Description |\n---|---|---|\nLight | 0 |\n",
			"GET api/things/{id}\nmodel Shade members=0 enum=1"},
		// A page with no response section ends only where the next one starts.
		{"Help Page Home ends a page without a response section",
			"GET api/things\nRequest Information\nRequest Formats\napplication/json\nSample:\n{ \"Id\": 1 }\n" +
				"Help Page Home\n" + shade,
			"GET api/things\nmodel Shade members=0 enum=2"},
		{"browser copy with tab-separated cells",
			api + response + "Help Page Home\nThing\nA thing.\nName\tDescription\tType\tAdditional information\nId\t\tinteger\tNone.\n",
			"GET api/things/{id}\nmodel Thing members=1 enum=0"},
		{"markdown: a site's heading is no title",
			"# Things API\n\n# GET api/things/{id}\n\n## Request Information\n\n### Body Parameters\n\nNone.\n\n## Response Information\n\n### Resource Description\n\nNone.\n\n# Things API\n\n[Help Page Home](/Help)\n\n# Shade\n\nPossible enumeration values:\n\n| Name | Value | Description |\n|---|---|---|\n| Light | 0 | |\n",
			"GET api/things/{id}\nmodel Shade members=0 enum=1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pages, err := ReadPages("pages.txt", []byte(c.text))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pages {
				switch {
				case p.Method != "" && p.Response != nil && p.Response.Table:
					got = append(got, fmt.Sprintf("%s %s response=%s", p.Method, p.Route, p.Response.Type))
				case p.Method != "":
					got = append(got, p.Method+" "+p.Route)
				default:
					got = append(got, fmt.Sprintf("model %s members=%d enum=%d", p.Model.Type, len(p.Model.Members), len(p.Model.Enum)))
				}
			}
			if g := strings.Join(got, "\n"); g != c.want {
				t.Errorf("pages:\n%s\nwant:\n%s", g, c.want)
			}
		})
	}
}

// TestTextPageCutShort reads a document whose first API page stops before its response,
// where the next page starts: the page is cut off, as it is in a file of its own.
func TestTextPageCutShort(t *testing.T) {
	text := "GET api/things/{id}\nRequest Information\nURI Parameters\nNone.\nBody Parameters\nNone.\n" +
		"Help Page Home\nGET api/other\nRequest Information\nBody Parameters\nNone.\nResponse Information\nResource Description\nNone.\n"
	_, err := ReadPages("pages.txt", []byte(text))
	var de *DocumentError
	if !errors.As(err, &de) || !errors.Is(err, ErrTruncated) || de.Line != 1 {
		t.Fatalf("ReadPages = %v, want ErrTruncated at line 1", err)
	}
}

// TestModelPageDescriptionIsNoTitle reads a model page named by its file whose
// description is one word: the word is its description, not a page of its own.
func TestModelPageDescriptionIsNoTitle(t *testing.T) {
	text := "Shade\nObsolete\nPossible enumeration values:\nName | Value | Description |\n---|---|---|\nLight | 0 |\n"
	pages, err := ReadPages("ResourceModel-Shade.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || pages[0].Model == nil || pages[0].Model.Type != "Shade" || len(pages[0].Model.Enum) != 1 {
		for _, p := range pages {
			t.Logf("page: %+v", p.Model)
		}
		t.Errorf("ReadPages = %d pages; want the model page Shade with one value", len(pages))
	}
}
