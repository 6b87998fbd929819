package helppage

import (
	"fmt"
	"strings"
	"testing"
)

// One page, rendered as the HTML template writes it and in each text rendering read.
var renderings = map[string]string{
	"page.html": `<!DOCTYPE html><html><head><title>POST api/kennels/{id}/dogs</title></head><body>
<nav><a href="/">Home</a> <a href="/Help">API</a></nav>
<h1>POST api/kennels/{id}/dogs</h1>
<div><p>Adds a dog to a kennel.</p><p>The kennel must have room.</p>
<h2>Request Information</h2>
<h3>URI Parameters</h3>
<table class="help-page-table"><thead><tr><th>Name</th><th>Description</th><th>Type</th><th>Additional information</th></tr></thead><tbody>
<tr><td class="parameter-name">id</td><td class="parameter-documentation"><p>The kennel.</p></td><td class="parameter-type">integer</td><td class="parameter-annotations"><p>Required</p></td></tr>
</tbody></table>
<h3>Body Parameters</h3>
<p>The dog.</p>
<a href="/Help/ResourceModel?modelName=Dog">Dog</a>
<table class="help-page-table"><thead><tr><th>Name</th><th>Description</th><th>Type</th><th>Additional information</th></tr></thead><tbody>
<tr><td class="parameter-name">Name</td><td class="parameter-documentation"><p>What it answers to.</p></td><td class="parameter-type">string</td><td class="parameter-annotations"><p>Required</p><p>String length: inclusive between 1 and 40</p></td></tr>
<tr><td class="parameter-name">Age</td><td class="parameter-documentation"><p></p></td><td class="parameter-type">integer</td><td class="parameter-annotations"><p>Range: inclusive between 0 and 30</p></td></tr>
<tr><td class="parameter-name">Toys</td><td class="parameter-documentation"><p></p></td><td class="parameter-type">Collection of string</td><td class="parameter-annotations"><p>None.</p></td></tr>
</tbody></table>
<h3>Request Formats</h3>
<h4 class="sample-header">application/json, text/json</h4>
<div class="sample-content"><span><b>Sample:</b></span><pre class="wrapped">{ "Name": "sample string 1", "Age": 2, "Toys": [ "sample string 1" ] }</pre></div>
<h2>Response Information</h2>
<h3>Resource Description</h3>
<p>The dog's number.</p>
integer
<h3>Response Formats</h3>
<h4 class="sample-header">application/json, text/json</h4>
<div class="sample-content"><span><b>Sample:</b></span><pre class="wrapped">1</pre></div>
</div><footer><p>&copy; 2026 Kennels</p></footer></body></html>
`,
	"seeds.txt": `Home
API
POST api/kennels/{id}/dogs
Adds a dog to a kennel.
The kennel must have room.
Request Information
URI Parameters
Name | Description | Type | Additional information |
---|---|---|---|
id | The kennel. | integer |
Required |
Body Parameters
The dog.
DogName | Description | Type | Additional information |
---|---|---|---|
Name | What it answers to. | string |
Required |
String length: inclusive between 1 and 40 |
|
Age | integer |
Range: inclusive between 0 and 30 |
|
Toys | Collection of string |
None. |
Request Formats
application/json, text/json
Sample:
{ "Name": "sample string 1", "Age": 2, "Toys": [ "sample string 1" ] }
Response Information
Resource Description
The dog's number.
integer
Response Formats
application/json, text/json
Sample:
1
© 2026 Kennels
`,
	"markdown.txt": `[Home](/) [API](/Help)

# POST api/kennels/{id}/dogs

Adds a dog to a kennel.

The kennel must have room.

## Request Information

### URI Parameters

| Name | Description | Type | Additional information |
|:---|:---|:---|:---|
| id | The kennel. | integer | Required |

### Body Parameters

The dog.

[Dog](/Help/ResourceModel?modelName=Dog)

| Name | Description | Type | Additional information |
|---|---|---|---|
| Name | What it answers to. | string | Required<br/>String length: inclusive between 1 and 40 |
| Age | | integer | Range: inclusive between 0 and 30 |
| Toys | | Collection of string | None. |

### Request Formats

#### application/json, text/json

**Sample:**

` + "```" + `
{ "Name": "sample string 1", "Age": 2, "Toys": [ "sample string 1" ] }
` + "```" + `

## Response Information

### Resource Description

The dog's number.

integer

### Response Formats

#### application/json, text/json

**Sample:**

` + "```" + `
1
` + "```" + `

---

© 2026 Kennels
`,
	"blank-line.txt": `Home

API

POST api/kennels/{id}/dogs

Adds a dog to a kennel.

The kennel must have room.

Request Information

URI Parameters

NameDescriptionTypeAdditional information

id

The kennel.

integer

Required

Body Parameters

The dog.

Dog

NameDescriptionTypeAdditional information

Name

What it answers to.

string

Required

String length: inclusive between 1 and 40

Age

integer

Range: inclusive between 0 and 30

Toys

Collection of string

None.

Request Formats

application/json, text/json

Sample:

{ "Name": "sample string 1", "Age": 2, "Toys": [ "sample string 1" ] }

Response Information

Resource Description

The dog's number.

integer

Response Formats

application/json, text/json

Sample:

1

© 2026 Kennels
`,
	"browser-copy.txt": "Home\nAPI\nPOST api/kennels/{id}/dogs\nAdds a dog to a kennel.\nThe kennel must have room.\nRequest Information\nURI Parameters\n" +
		"Name\tDescription\tType\tAdditional information\nid\tThe kennel.\tinteger\tRequired\nBody Parameters\nThe dog.\nDog\n" +
		"Name\tDescription\tType\tAdditional information\nName\tWhat it answers to.\tstring\tRequired\nString length: inclusive between 1 and 40\n" +
		"Age\t\tinteger\tRange: inclusive between 0 and 30\nToys\t\tCollection of string\tNone.\n" +
		"Request Formats\napplication/json, text/json\nSample:\n{ \"Name\": \"sample string 1\", \"Age\": 2, \"Toys\": [ \"sample string 1\" ] }\n" +
		"Response Information\nResource Description\nThe dog's number.\ninteger\nResponse Formats\napplication/json, text/json\nSample:\n1\n© 2026 Kennels\n",
}

// describePages writes what an importer reads from pages, line numbers left out.
func describePages(pages []*Page) string {
	var b strings.Builder
	params := func(what string, ps []Parameter) {
		for _, p := range ps {
			fmt.Fprintf(&b, "%s %s: %q %q %q\n", what, p.Name, p.Documentation, p.Type, p.Annotations)
		}
	}
	model := func(what string, m *Model) {
		if m != nil {
			fmt.Fprintf(&b, "%s %q doc %q table %v\n", what, m.Type, m.Documentation, m.Table)
			params(what+" member", m.Members)
		}
	}
	for _, p := range pages {
		fmt.Fprintf(&b, "page %s %s doc %q\n", p.Method, p.Route, p.Documentation)
		params("uri", p.URIParameters)
		model("request", p.Request)
		model("response", p.Response)
		for _, s := range p.RequestSamples {
			fmt.Fprintf(&b, "request sample %q %q %v\n", s.MediaTypes, s.Text, s.Available)
		}
		for _, s := range p.ResponseSamples {
			fmt.Fprintf(&b, "response sample %q %q %v\n", s.MediaTypes, s.Text, s.Available)
		}
	}
	return b.String()
}

// TestRenderingsAgree reads one page in every layout: each must give what the HTML
// page gives (documentation, parameters, members, types, annotations, samples).
func TestRenderingsAgree(t *testing.T) {
	want, err := ReadPages("page.html", []byte(renderings["page.html"]))
	if err != nil {
		t.Fatal(err)
	}
	w := describePages(want)
	for _, c := range []string{"Toys", "String length: inclusive between 1 and 40", "The kennel must have room.", `"1"`} {
		if !strings.Contains(w, c) {
			t.Fatalf("the HTML page reads as\n%s\nwithout %q", w, c)
		}
	}
	for name, text := range renderings {
		if name == "page.html" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			pages, err := ReadPages(name, []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if got := describePages(pages); got != w {
				t.Errorf("ReadPages(%s) reads\n%s\nwant (as the HTML page)\n%s", name, got, w)
			}
		})
	}
}
