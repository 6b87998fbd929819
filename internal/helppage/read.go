package helppage

import (
	"fmt"
	"io/fs"
	"log/slog"
	"slices"
)

// ReadDocuments reads the named files of fsys, and the Help Pages of each named directory
// (ReadSite). It logs nothing.
func ReadDocuments(fsys fs.FS, names ...string) ([]Document, error) {
	return ReadSite(fsys, nil, names...)
}

// maxSiteFileBytes is the largest file of a directory ReadSite reads: a Help Page is a
// few hundred kilobytes; a mirror may hold downloads with no extension.
const maxSiteFileBytes = 16 << 20

// ReadSite reads the named files of fsys, and in each named directory, recursively and
// sorted by path, the Help Pages a mirror (wget -m, HTTrack, "Save page as") leaves:
// Api/... pages and ResourceModel?modelName=... pages, HTML or text, with or without an
// extension. Other files (the index page, the site's other pages, CSS, scripts, images,
// binary or larger than 16 MiB files, a README) are skipped, each logged at Debug; a directory with no Help Page is an error.
func ReadSite(fsys fs.FS, log *slog.Logger, names ...string) ([]Document, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
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
			switch {
			case err != nil:
				return err
			case d.IsDir() && p != name && d.Name()[0] == '.':
				return fs.SkipDir
			case d.Type().IsRegular() && mayBeDocument(p):
				if info, err := d.Info(); err == nil && info.Size() > maxSiteFileBytes {
					log.Debug("skipped: too large for a Help Page", "component", "helppage", "document", p, "bytes", info.Size())
					return nil
				}
				files = append(files, p)
			case !d.IsDir():
				log.Debug("skipped: not a Help Page document", "component", "helppage", "document", p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read help pages: %w", err)
		}
		slices.Sort(files)
		var found []Document
		for _, f := range files {
			data, err := fs.ReadFile(fsys, f)
			if err != nil {
				return nil, fmt.Errorf("read help pages: %w", err)
			}
			found = append(found, Document{Name: f, Data: data})
		}
		found = SitePages(found, log)
		if len(found) == 0 {
			return nil, fmt.Errorf("read help pages: no API or model Help Page in %s", name)
		}
		docs = append(docs, found...)
	}
	return docs, nil
}
