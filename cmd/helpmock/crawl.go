package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/helpmock/helpmock/internal/crawl"
	"github.com/helpmock/helpmock/internal/helppage"
)

// crawlHelpPages crawls the Help site at start and returns its Help Pages, named by
// their URLs, in the order of their mirror names (the order a saved copy reads back in),
// and the crawl's warnings. With cfg.save it writes every page fetched there.
func crawlHelpPages(ctx context.Context, start string, cfg importConfig, stderr io.Writer) ([]helppage.Document, []string, error) {
	opts := cfg.crawl
	bar := newProgress(stderr)
	opts.Progress = bar.update
	res, err := crawl.Crawl(ctx, start, opts)
	bar.finish()
	if err != nil {
		return nil, nil, err
	}
	if cfg.save != "" {
		stale, err := savePages(cfg.save, res.Pages)
		if err != nil {
			return nil, nil, err
		}
		res.Warnings = append(res.Warnings, stale...)
	}
	docs := make([]helppage.Document, 0, len(res.Pages))
	for _, p := range res.Pages {
		docs = append(docs, helppage.Document{Name: p.URL, Data: p.Data, ContentType: p.ContentType})
	}
	docs = helppage.SitePages(docs, cfg.crawl.Logger)
	if len(docs) == 0 {
		return nil, nil, fmt.Errorf("crawl %s: no API or model Help Page among the %d pages fetched", start, len(res.Pages))
	}
	return docs, res.Warnings, nil
}

// savePages writes the pages under dir by their mirror names. It returns a warning for
// each Help Page already in dir that the crawl did not write (a page the site no longer
// has): the offline import would read it too.
func savePages(dir string, pages []crawl.Page) (stale []string, err error) {
	written := map[string]bool{}
	for _, p := range pages {
		if !filepath.IsLocal(filepath.FromSlash(p.Name)) {
			return nil, fmt.Errorf("save %s: %s is not a file name under it", dir, p.Name)
		}
		path := filepath.Join(dir, filepath.FromSlash(p.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("save %s: %w", p.URL, err)
		}
		if err := os.WriteFile(path, p.Data, 0o644); err != nil {
			return nil, fmt.Errorf("save %s: %w", p.URL, err)
		}
		written[p.Name] = true
	}
	docs, err := helppage.ReadSite(os.DirFS(dir), nil, ".")
	if err != nil {
		return nil, nil // no Help Page saved: the import says so
	}
	for _, d := range docs {
		if !written[d.Name] {
			stale = append(stale, fmt.Sprintf("%s: not on the site (any more): the offline import of %s reads it; delete it", filepath.Join(dir, filepath.FromSlash(d.Name)), dir))
		}
	}
	return stale, nil
}

// progress reports a crawl on stderr: a bar redrawn in place on a terminal, a line per
// page otherwise.
type progress struct {
	w        io.Writer
	terminal bool
	drawn    bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

// update is crawl.Options.Progress: called one at a time.
func (p *progress) update(done, known int, url string) {
	if !p.terminal {
		fmt.Fprintf(p.w, "helpmock import: fetched %d/%d %s\n", done, known, url)
		return
	}
	const width = 30
	filled := width * done / max(known, 1)
	fmt.Fprintf(p.w, "\rcrawling [%s%s] %d/%d pages", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), done, known)
	p.drawn = true
}

// finish ends the bar's line.
func (p *progress) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
