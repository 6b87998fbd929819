package helppage_test

import (
	"bytes"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/helpmock/helpmock/internal/helppage"
)

// TestReadSite reads a mirror as wget, HTTrack and a browser leave it: pages with no
// extension, model pages named by their query, text renderings; the index, the site's
// other pages, CSS, scripts and images are skipped.
func TestReadSite(t *testing.T) {
	api := readFile(t, "testdata/helppages/orders/GET-api-orders-id.html")
	model := readFile(t, "testdata/helppages/orders/ResourceModel-Customer.html")
	enum := readFile(t, "testdata/helppages/orders/ResourceModel-OrderStatus.html")
	text := readFile(t, "testdata/helppages/catalogs/ResourceModel-Item.txt")
	index := readFile(t, "../../cmd/helpmock/testdata/site/Help/index.html")
	home := readFile(t, "../../cmd/helpmock/testdata/site/index.html")
	fsys := fstest.MapFS{
		"site/host/Help/Api/GET-api-orders-id":                        {Data: api},
		"site/host/Help/ResourceModel?modelName=Shop.Models.Customer": {Data: model},
		"site/host/Help/ResourceModel@modelName=OrderStatus.html":     {Data: enum},
		"site/host/Help/ResourceModel%3FmodelName=Item":               {Data: text},
		"site/host/Help/index.html":                                   {Data: index},
		"site/host/Help":                                              {Mode: os.ModeDir},
		"site/host/index.html":                                        {Data: home},
		"site/host/Content/site.css":                                  {Data: []byte("body {}")},
		"site/host/Scripts/jquery-1.10.2.js":                          {Data: []byte("(function(){})()")},
		"site/host/Content/logo.png":                                  {Data: []byte("\x89PNG")},
		"site/host/Help/Api/GET-api-broken.html":                      {Data: home},
		"site/host/Downloads/setup":                                   {Data: append([]byte("MZ\x00\x00"), api...)},
		"site/host/README.md":                                         {Data: []byte("# saved")},
		"site/.git/HEAD":                                              {Data: api},
		"empty/host/index.html":                                       {Data: home},
		"empty/host/Content/site.css":                                 {Data: []byte("body {}")},
		"named/index.html":                                            {Data: home},
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	docs, err := helppage.ReadSite(fsys, log, "site")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Name)
	}
	want := []string{
		"site/host/Help/Api/GET-api-broken.html", // named like one: Import says what it lacks
		"site/host/Help/Api/GET-api-orders-id",
		"site/host/Help/ResourceModel%3FmodelName=Item",
		"site/host/Help/ResourceModel?modelName=Shop.Models.Customer",
		"site/host/Help/ResourceModel@modelName=OrderStatus.html",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ReadSite(site) = %q, want %q", got, want)
	}
	for _, skipped := range []string{"site/host/Help/index.html", "site/host/index.html", "site/host/Content/site.css", "site/host/Content/logo.png", "site/host/Downloads/setup"} {
		if !strings.Contains(logs.String(), "document="+skipped) {
			t.Errorf("ReadSite logged\n%s\nwant a Debug line for %s", logs.String(), skipped)
		}
	}
	if _, err := helppage.Import(docs[1:], helppage.Options{}); err != nil {
		t.Errorf("Import(ReadSite(site)) = %v", err)
	}

	if _, err := helppage.ReadSite(fsys, nil, "empty"); err == nil || !strings.Contains(err.Error(), "no API or model Help Page in empty") {
		t.Errorf("ReadSite(empty) = %v, want an error saying it has no Help Page", err)
	}
	// A file named on its own is read whatever it holds: Import says what it lacks.
	if docs, err := helppage.ReadSite(fsys, nil, "named/index.html"); err != nil || len(docs) != 1 {
		t.Errorf("ReadSite(named/index.html) = %d documents, %v, want the file", len(docs), err)
	}
}

func TestIsHelpPage(t *testing.T) {
	tests := []struct {
		name string
		file string
		want bool
	}{
		{"an API page", "testdata/helppages/orders/GET-api-orders-id.html", true},
		{"an API page in text", "testdata/helppages/catalogs/PUT-api-catalogs-id.txt", true},
		{"a model page", "testdata/helppages/orders/ResourceModel-Customer.html", true},
		{"an enum page", "testdata/helppages/orders/ResourceModel-OrderStatus.html", true},
		{"the index page", "../../cmd/helpmock/testdata/site/Help/index.html", false},
		{"the site's home page", "../../cmd/helpmock/testdata/site/index.html", false},
		{"a stylesheet", "../../cmd/helpmock/testdata/site/Content/site.css", false},
	}
	for _, tt := range tests {
		if got := helppage.IsHelpPage(tt.file, readFile(t, tt.file)); got != tt.want {
			t.Errorf("IsHelpPage(%s) = %t, want %t (%s)", tt.file, got, tt.want, tt.name)
		}
	}
	texts := []struct {
		name, text string
		want       bool
	}{
		{"the text rendering of an index",
			"ASP.NET Web API Help Page\nIntroduction\nThe library.\nBooks\nAPI\tDescription\n" +
				"GET api/books?page={page}\n\nLists the books.\n\nGET api/books/{id}\n\nGets one book.\n\nDELETE api/books/{id}\n", false},
		{"an API page with nothing to say",
			"GET api/ping\nRequest Information\nURI Parameters\nNone.\nBody Parameters\nNone.\nResponse Information\nResource Description\nNone.\n", true},
	}
	for _, tt := range texts {
		if got := helppage.IsHelpPage("page.txt", []byte(tt.text)); got != tt.want {
			t.Errorf("IsHelpPage(%s) = %t, want %t", tt.name, got, tt.want)
		}
	}
}

// TestSitePagesIndexOrder: the API pages come in the order of the site's index page
// (controller by controller), then those it does not list, then the model pages.
func TestSitePagesIndexOrder(t *testing.T) {
	page := func(name, title string) helppage.Document {
		return helppage.Document{Name: name, Data: []byte("<html><body><h1>" + title + "</h1></body></html>")}
	}
	index := helppage.Document{Name: "http://host/Help", Data: []byte(`<html><body><h1>ASP.NET Web API Help Page</h1>
<h2 id="Values">Values</h2><table><tr><td class="api-name"><a href="/Help/Api/GET-api-values-id">GET api/values/{id}</a></td></tr>
<tr><td class="api-name"><a href="/Help/Api/POST-api-values">POST api/values</a></td></tr></table>
<h2 id="Admin">Admin</h2><table><tr><td class="api-name"><a href="/help/api/delete-api-admin">DELETE api/admin</a></td></tr></table>
</body></html>`)}
	model := helppage.Document{Name: "ResourceModel@modelName=Value.html", Data: readFile(t, "testdata/helppages/orders/ResourceModel-Customer.html")}
	docs := []helppage.Document{
		page("Api/DELETE-api-admin.html", "DELETE api/admin"),
		page("Api/GET-api-other.html", "GET api/other"),
		page("Api/GET-api-values-id.html", "GET api/values/{id}"),
		page("Api/POST-api-values.html", "POST api/values"),
		model,
		index,
	}
	var got []string
	for _, d := range helppage.SitePages(docs, nil) {
		got = append(got, d.Name)
	}
	want := []string{"Api/GET-api-values-id.html", "Api/POST-api-values.html", "Api/DELETE-api-admin.html",
		"Api/GET-api-other.html", "ResourceModel@modelName=Value.html"}
	if !slices.Equal(got, want) {
		t.Errorf("SitePages = %q, want %q", got, want)
	}
	var noIndex []string
	for _, d := range helppage.SitePages(docs[:5], nil) {
		noIndex = append(noIndex, d.Name)
	}
	if want := []string{docs[0].Name, docs[1].Name, docs[2].Name, docs[3].Name, docs[4].Name}; !slices.Equal(noIndex, want) {
		t.Errorf("SitePages without an index = %q, want %q", noIndex, want)
	}
	// An index saved as UTF-16 (Notepad's "Unicode") orders the pages all the same.
	docs[5].Data = utf16LE(string(docs[5].Data))
	var fromUTF16 []string
	for _, d := range helppage.SitePages(docs, nil) {
		fromUTF16 = append(fromUTF16, d.Name)
	}
	if !slices.Equal(fromUTF16, want) {
		t.Errorf("SitePages with a UTF-16 index = %q, want %q", fromUTF16, want)
	}
}
