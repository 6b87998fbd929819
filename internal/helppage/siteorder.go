package helppage

import (
	"bytes"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// orderByIndex orders the API pages of a site as its index page lists them (controller
// by controller, as the service documents itself), rather than by file name: the
// operations, and so the paths of the document, follow that order. Pages the index does
// not list, and model pages, follow in their order. Without an index among others (a
// page linking to API pages) the order is unchanged.
func orderByIndex(docs, others []Document) []Document {
	var rank map[string]int
	for _, o := range others {
		dec, err := decodeDocument(o)
		if err != nil {
			continue
		}
		if r := indexRanks([]byte(dec.text)); len(r) > 0 {
			rank = r
			break
		}
	}
	if rank == nil {
		return docs
	}
	out := slices.Clone(docs)
	slices.SortStableFunc(out, func(a, b Document) int {
		ra, oka := rank[apiID(a.Name)]
		rb, okb := rank[apiID(b.Name)]
		switch {
		case oka && okb:
			return ra - rb
		case oka:
			return -1
		case okb:
			return 1
		}
		return 0
	})
	return out
}

// indexRanks maps the API pages an index page links (/Help/Api/GET-api-x) to their
// place in it, by apiID.
func indexRanks(data []byte) map[string]int {
	if !bytes.Contains(data, []byte("/Api/")) && !bytes.Contains(data, []byte("/api/")) {
		return nil
	}
	rank := map[string]int{}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return rank
		case html.StartTagToken:
			name, more := z.TagName()
			if string(name) != "a" {
				continue
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if string(k) != "href" {
					continue
				}
				u, err := url.Parse(strings.TrimSpace(string(v)))
				if err != nil || !strings.EqualFold(path.Base(path.Dir(u.Path)), "api") {
					continue
				}
				if id := strings.ToLower(path.Base(u.Path)); id != "" {
					if _, dup := rank[id]; !dup {
						rank[id] = len(rank)
					}
				}
			}
		}
	}
}

// apiID is the Help Page id an API page's file or URL is named by ("get-api-books-id" for
// Api/GET-api-books-id.html or http://host/Help/Api/GET-api-books-id), in lower case.
func apiID(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	base := strings.ToLower(path.Base(name))
	for _, ext := range []string{".html", ".htm", ".txt"} {
		base = strings.TrimSuffix(base, ext)
	}
	return base
}
