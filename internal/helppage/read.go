package helppage

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// documentExtensions are the file name extensions ReadDocuments takes from a directory.
var documentExtensions = []string{".txt", ".html", ".htm"}

// ReadDocuments reads the named files of fsys, and in each named directory its Help Page
// documents (.txt, .html, .htm, recursively, sorted by path; a README is skipped).
func ReadDocuments(fsys fs.FS, names ...string) ([]Document, error) {
	var docs []Document
	for _, name := range names {
		info, err := fs.Stat(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read help pages: %w", err)
		}
		if !info.IsDir() {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("read help pages: %w", err)
			}
			docs = append(docs, Document{Name: name, Data: data})
			continue
		}
		var files []string
		err = fs.WalkDir(fsys, name, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			base := strings.ToLower(path.Base(p))
			if !d.IsDir() && slices.Contains(documentExtensions, path.Ext(base)) && !strings.HasPrefix(base, "readme") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read help pages: %w", err)
		}
		slices.Sort(files)
		if len(files) == 0 {
			return nil, fmt.Errorf("read help pages: no .txt or .html document in %s", name)
		}
		for _, f := range files {
			data, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, fmt.Errorf("read help pages: %w", err)
			}
			docs = append(docs, Document{Name: f, Data: data})
		}
	}
	return docs, nil
}
