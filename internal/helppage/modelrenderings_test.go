package helppage

import (
	"fmt"
	"strings"
	"testing"
)

// describeModels writes what an importer reads from model pages.
func describeModels(pages []*Page) string {
	var b strings.Builder
	for _, p := range pages {
		m := p.Model
		if m == nil {
			fmt.Fprintf(&b, "page %s %s\n", p.Method, p.Route)
			continue
		}
		fmt.Fprintf(&b, "model %q doc %q table %v\n", m.Type, m.Documentation, m.Table)
		for _, e := range m.Enum {
			fmt.Fprintf(&b, "value %q %q %q\n", e.Name, e.Value, e.Documentation)
		}
		for _, p := range m.Members {
			fmt.Fprintf(&b, "member %s: %q %q %q\n", p.Name, p.Documentation, p.Type, p.Annotations)
		}
	}
	return b.String()
}

// TestModelRenderingsAgree reads one enumeration's and one class's model page in every
// layout, with and without its title (then named by its file name): each must give what
// the HTML page with its title gives.
func TestModelRenderingsAgree(t *testing.T) {
	const chrome = "<nav><a href=\"/\">Home</a> <a href=\"/Help\">API</a></nav><p><a href=\"/Help\">Help Page Home</a></p>"
	enumTable := `<p>Possible enumeration values:</p><table class="help-page-table"><thead><tr><th>Name</th><th>Value</th><th>Description</th></tr></thead><tbody>
<tr><td class="enum-name"><b>Small</b></td><td class="enum-value"><p>0</p></td><td class="enum-description"><p>Up to 10 kg.</p></td></tr>
<tr><td class="enum-name"><b>Large</b></td><td class="enum-value"><p>1</p></td><td class="enum-description"><p></p></td></tr></tbody></table>`
	classTable := `<table class="help-page-table"><thead><tr><th>Name</th><th>Description</th><th>Type</th><th>Additional information</th></tr></thead><tbody>
<tr><td class="parameter-name">Colour</td><td class="parameter-documentation"><p>As the owner says it.</p></td><td class="parameter-type">string</td><td class="parameter-annotations"><p>Required</p><p>Max length: 20</p></td></tr>
<tr><td class="parameter-name">Length</td><td class="parameter-documentation"><p></p></td><td class="parameter-type">integer</td><td class="parameter-annotations"><p>None.</p></td></tr></tbody></table>`
	html := func(title, doc, table string) string {
		h := ""
		if title != "" {
			h = "<h1>" + title + "</h1><p>" + doc + "</p>"
		}
		return "<!DOCTYPE html><html><head><title>Help Page</title></head><body>" + chrome + h + table + "<footer><p>&copy; 2026 Kennels</p></footer></body></html>\n"
	}
	cases := []struct {
		name string
		docs map[string]string // file name -> document; the first key sorted is the reference
	}{
		{"enumeration", map[string]string{
			"0-ResourceModel-Size.html":         html("Size", "How big a dog is.", enumTable),
			"ResourceModel@modelName=Size.html": html("", "", enumTable),
			"seeds.txt":                         "Home\nAPI\nSize\nHow big a dog is.\nPossible enumeration values:\nName | Value | Description |\n---|---|---|\nSmall | 0 | Up to 10 kg. |\nLarge | 1 |  |\n© 2026 Kennels\n",
			"markdown.txt":                      "[Home](/) [API](/Help)\n\n# Size\n\nHow big a dog is.\n\nPossible enumeration values:\n\n| Name | Value | Description |\n|---|---|---|\n| Small | 0 | Up to 10 kg. |\n| Large | 1 | |\n\n© 2026 Kennels\n",
			"blank-line.txt":                    "Home\n\nAPI\n\nSize\n\nHow big a dog is.\n\nPossible enumeration values:\n\nNameValueDescription\n\nSmall\n\n0\n\nUp to 10 kg.\n\nLarge\n\n1\n\n© 2026 Kennels\n",
			"browser-copy.txt":                  "Home\nAPI\nSize\nHow big a dog is.\nPossible enumeration values:\nName\tValue\tDescription\nSmall\t0\tUp to 10 kg.\nLarge\t1\t\n© 2026 Kennels\n",
			"ResourceModel?modelName=Kennels.Models.Size.txt": "Home\nAPI\nPossible enumeration values:\nName | Value | Description |\n---|---|---|\nSmall | 0 | Up to 10 kg. |\nLarge | 1 |  |\n",
		}},
		{"class", map[string]string{
			"0-ResourceModel-Collar.html": html("Collar", "What a dog wears.", classTable),
			"ResourceModel-Collar.htm":    html("", "", classTable),
			"seeds.txt":                   "Home\nAPI\nCollar\nWhat a dog wears.\nName | Description | Type | Additional information |\n---|---|---|---|\nColour | As the owner says it. | string |\nRequired |\nMax length: 20 |\n|\nLength | integer |\nNone. |\n© 2026 Kennels\n",
			"markdown.txt":                "# Collar\n\nWhat a dog wears.\n\n| Name | Description | Type | Additional information |\n|---|---|---|---|\n| Colour | As the owner says it. | string | Required<br>Max length: 20 |\n| Length | | integer | None. |\n",
			"blank-line.txt":              "Home\n\nAPI\n\nCollar\n\nWhat a dog wears.\n\nNameDescriptionTypeAdditional information\n\nColour\n\nAs the owner says it.\n\nstring\n\nRequired\n\nMax length: 20\n\nLength\n\ninteger\n\nNone.\n\n© 2026 Kennels\n",
			"ResourceModel-Collar.txt":    "Home\n\nAPI\n\nNameDescriptionTypeAdditional information\n\nColour\n\nAs the owner says it.\n\nstring\n\nRequired\n\nMax length: 20\n\nLength\n\ninteger\n\nNone.\n",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var ref, want string
			for name := range c.docs {
				if ref == "" || name < ref {
					ref = name
				}
			}
			pages, err := ReadPages(ref, []byte(c.docs[ref]))
			if err != nil {
				t.Fatal(err)
			}
			want = describeModels(pages)
			if !strings.Contains(want, "doc \"What a dog wears.\"") && !strings.Contains(want, "doc \"How big a dog is.\"") {
				t.Fatalf("the reference page reads as\n%s", want)
			}
			for name, text := range c.docs {
				if name == ref {
					continue
				}
				pages, err := ReadPages(name, []byte(text))
				if err != nil {
					t.Errorf("ReadPages(%s) = %v", name, err)
					continue
				}
				got := describeModels(pages)
				if !strings.Contains(name, "Size.") && !strings.Contains(name, "Collar.") || strings.HasPrefix(name, "0-") {
					// Named by its title: the whole page agrees.
				} else {
					// Named by its file name: no description to read.
					want := strings.Replace(want, ` doc "How big a dog is."`, ` doc ""`, 1)
					want = strings.Replace(want, ` doc "What a dog wears."`, ` doc ""`, 1)
					if got != want {
						t.Errorf("ReadPages(%s) reads\n%s\nwant\n%s", name, got, want)
					}
					continue
				}
				if got != want {
					t.Errorf("ReadPages(%s) reads\n%s\nwant\n%s", name, got, want)
				}
			}
		})
	}
}
