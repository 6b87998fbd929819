package crawl

import (
	"net/url"
	"testing"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestMirrorName(t *testing.T) {
	s := newSite(mustURL(t, "http://host/Help"))
	tests := []struct {
		name, url string
		html      bool
		want      string
	}{
		{"the index", "http://host/Help", true, "index.html"},
		{"the index with a slash", "http://host/Help/", true, "index.html"},
		{"an API page", "http://host/Help/Api/GET-api-books-id", true, "Api/GET-api-books-id.html"},
		{"an API page in text", "http://host/Help/Api/GET-api-books-id", false, "Api/GET-api-books-id"},
		{"a model page", "http://host/Help/ResourceModel?modelName=Shop.Models.Book", true, "ResourceModel@modelName=Shop.Models.Book.html"},
		{"an escaped query", "http://host/Help/ResourceModel?modelName=List%601", true, "ResourceModel@modelName=List%601.html"},
		{"a page saved with its extension", "http://host/Help/Api/x.html", true, "Api/x.html"},
		{"another case of the prefix", "http://host/help/Api/GET-x", true, "Api/GET-x.html"},
		{"a character a file name cannot hold", "http://host/Help/Api/a:b", true, "Api/a%3Ab.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.MirrorName(mustURL(t, tt.url), tt.html)
			if err != nil || got != tt.want {
				t.Errorf("MirrorName(%s, html %t) = %q, %v, want %q", tt.url, tt.html, got, err, tt.want)
			}
		})
	}
}

func TestFollow(t *testing.T) {
	s := newSite(mustURL(t, "http://host/Help"))
	base := mustURL(t, "http://host/Help/Api/GET-x")
	tests := []struct {
		href string
		want string // "" when not followed
	}{
		{"/Help/ResourceModel?modelName=Book", "http://host/Help/ResourceModel?modelName=Book"},
		{"../ResourceModel?modelName=Book#top", "http://host/Help/ResourceModel?modelName=Book"},
		{"/help/api/GET-y", "http://host/help/api/GET-y"},
		{"/Help", "http://host/Help"},
		{"/", ""},
		{"/HelpDesk/Api/GET-y", ""},
		{"/Areas/HelpPage/HelpPage.css", ""},
		{"/Help/Content/logo.png", ""},
		{"http://other/Help/Api/GET-y", ""},
		{"https://host/Help/Api/GET-y", ""},
		{"http://host:8080/Help/Api/GET-y", ""},
		{"mailto:someone@host", ""},
	}
	for _, tt := range tests {
		u, ok := s.follow(base, tt.href)
		got := ""
		if ok {
			got = u.String()
		}
		if got != tt.want {
			t.Errorf("follow(%q) = %q, want %q", tt.href, got, tt.want)
		}
	}
}
