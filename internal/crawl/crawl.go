package crawl

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Defaults of Options.
const (
	DefaultConcurrency  = 4
	DefaultTimeout      = 30 * time.Second
	DefaultRetries      = 2
	DefaultBackoff      = 500 * time.Millisecond
	DefaultMaxPages     = 2000
	DefaultMaxPageBytes = 4 << 20
	DefaultMaxBytes     = 256 << 20
)

// Options configure Crawl. A zero field takes its default.
type Options struct {
	// Concurrency is the number of requests in flight at most. Default 4.
	Concurrency int
	// Timeout bounds each request (each attempt). Default 30s.
	Timeout time.Duration
	// Retries is how many times a request that timed out, lost its connection or got a
	// 5xx or 429 is tried again, waiting Backoff, then twice as long each time.
	// Default 2; negative for none.
	Retries int
	// Backoff is the wait before the first retry. Default 500ms.
	Backoff time.Duration
	// MaxPages caps the pages fetched. Default 2000.
	MaxPages int
	// MaxPageBytes caps the bytes of one page; a larger page is not imported. Default 4 MiB.
	MaxPageBytes int64
	// MaxBytes caps the bytes of all the pages a crawl keeps: once they are reached, no
	// other page is fetched. Default 256 MiB.
	MaxBytes int64
	// Transport sends the requests. Default http.DefaultTransport.
	Transport http.RoundTripper
	// Progress, when set, is called after each page with the pages done and known, one
	// call at a time.
	Progress func(done, known int, url string)
	// Logger receives a Debug line per request. Default: discard.
	Logger *slog.Logger
}

// Page is a fetched page.
type Page struct {
	// URL is the page's address.
	URL string
	// Name is the file a mirror saves it under, relative to the Help root (MirrorName).
	Name string
	// HTML tells whether the server said the page is HTML.
	HTML bool
	// ContentType is the Content-Type the server sent, whose charset, when it names
	// one, is the encoding of Data.
	ContentType string
	Data        []byte
}

// Result is what Crawl fetched.
type Result struct {
	// Pages are the pages fetched, sorted by Name.
	Pages []Page
	// Warnings say which pages failed to load and which caps were hit, in URL order.
	Warnings []string
}

// ErrIndex is returned (wrapped) when the start page cannot be loaded: nothing else can.
var ErrIndex = errors.New("the Help index page failed to load")

// Crawl fetches the Help Page site whose index is at start (https://host/Help): the
// index, then every page it links on the site, and so on. A page that fails to load is a
// warning; an index that fails to load is an error wrapping ErrIndex.
func Crawl(ctx context.Context, start string, opts Options) (*Result, error) {
	u, err := url.Parse(start)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("crawl %s: not an http or https URL", start)
	}
	u.Fragment, u.RawFragment = "", ""
	c := newCrawler(u, opts)
	c.indexing = true
	page, links, err := c.fetch(ctx, u)
	c.indexing = false
	if err != nil {
		return nil, fmt.Errorf("crawl %s: %w: %w", start, ErrIndex, err)
	}
	c.seen[key(u)] = true
	c.known = 1
	c.done(page, u.String())
	// Breadth first, a level at a time, so that which pages a cap leaves out does not
	// depend on which request finished first.
	for level := c.admit(links); len(level) > 0; {
		next := c.fetchLevel(ctx, level)
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("crawl %s: %w", start, err)
		}
		level = c.admit(next)
	}
	if c.overBytes > 0 {
		c.warnings = append(c.warnings, fmt.Sprintf("%s: stopped at %d bytes of pages (the crawl's cap): %d more linked pages not fetched",
			start, c.opts.MaxBytes, c.overBytes))
	}
	if c.dropped > 0 {
		c.warnings = append(c.warnings, fmt.Sprintf("%s: stopped at %d pages (the page cap): %d more linked pages not fetched",
			start, c.opts.MaxPages, c.dropped))
	}
	slices.SortFunc(c.pages, func(a, b Page) int { return strings.Compare(a.Name, b.Name) })
	slices.Sort(c.warnings)
	return &Result{Pages: c.pages, Warnings: c.warnings}, nil
}

// admit returns the links not seen yet, in order, while the page cap allows; the others
// are counted as dropped.
func (c *crawler) admit(links []*url.URL) []*url.URL {
	var out []*url.URL
	for _, l := range links {
		k := key(l)
		if c.seen[k] {
			continue
		}
		c.seen[k] = true
		if c.known >= c.opts.MaxPages {
			c.dropped++
			continue
		}
		c.known++
		out = append(out, l)
	}
	return out
}

// fetchLevel fetches the pages of a level, Concurrency at a time, and returns the links
// they have, in the level's order.
func (c *crawler) fetchLevel(ctx context.Context, level []*url.URL) []*url.URL {
	found := make([][]*url.URL, len(level))
	sem := make(chan struct{}, c.opts.Concurrency)
	var wg sync.WaitGroup
	for i, l := range level {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return nil
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if c.full() {
				c.done(nil, l.String())
				return
			}
			page, links, err := c.fetch(ctx, l)
			if err != nil {
				if ctx.Err() == nil {
					c.warn(fmt.Sprintf("%s: not imported: %v", l, err))
				}
				c.done(nil, l.String())
				return
			}
			found[i] = links
			c.done(page, l.String())
		}()
	}
	wg.Wait()
	return slices.Concat(found...)
}

type crawler struct {
	site   site
	opts   Options
	client *http.Client
	log    *slog.Logger

	// indexing is set while the index is fetched, alone.
	indexing bool
	// seen, known and dropped belong to the crawl's loop: the links seen, the pages
	// admitted, the links left out by the page cap.
	seen           map[string]bool
	known, dropped int

	mu        sync.Mutex
	names     map[string]string // mirror name → URL, to refuse two pages one file
	pages     []Page
	warnings  []string
	finished  int
	bytes     int64 // of pages
	overBytes int   // pages not fetched for MaxBytes
}

func newCrawler(start *url.URL, opts Options) *crawler {
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Retries == 0 {
		opts.Retries = DefaultRetries
	}
	if opts.Backoff <= 0 {
		opts.Backoff = DefaultBackoff
	}
	if opts.MaxPages <= 0 {
		opts.MaxPages = DefaultMaxPages
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxPageBytes <= 0 {
		opts.MaxPageBytes = DefaultMaxPageBytes
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &crawler{
		site: newSite(start), opts: opts, log: log,
		seen:  map[string]bool{},
		names: map[string]string{},
	}
	c.client = &http.Client{Transport: opts.Transport, CheckRedirect: c.checkRedirect}
	return c
}

// checkRedirect follows a redirect only on the site, five at most. The index may move
// the site from http to https on the same host name (a site that redirects every http
// request): the crawl then stays on https.
func (c *crawler) checkRedirect(req *http.Request, via []*http.Request) error {
	if c.indexing && c.site.scheme == "http" && req.URL.Scheme == "https" &&
		strings.EqualFold(req.URL.Hostname(), via[0].URL.Hostname()) {
		upgraded := c.site
		upgraded.scheme, upgraded.host = "https", strings.ToLower(req.URL.Host)
		if upgraded.contains(req.URL) {
			c.log.Debug("the site moves to https", "component", "crawl", "url", req.URL.String())
			c.site = upgraded
		}
	}
	if !c.site.contains(req.URL) {
		return fmt.Errorf("redirect to %s leaves %s: not followed", req.URL, c.site.root)
	}
	if len(via) >= 5 {
		return errors.New("more than 5 redirects")
	}
	return nil
}

// full reports whether the pages kept reach MaxBytes, counting the page not fetched.
func (c *crawler) full() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bytes < c.opts.MaxBytes {
		return false
	}
	c.overBytes++
	return true
}

func (c *crawler) warn(msg string) {
	c.mu.Lock()
	c.warnings = append(c.warnings, msg)
	c.mu.Unlock()
}

// done records a page (nil when it failed) and reports progress.
func (c *crawler) done(p *Page, u string) {
	c.mu.Lock()
	if p != nil {
		if other, dup := c.names[p.Name]; dup {
			c.warnings = append(c.warnings, fmt.Sprintf("%s: not imported: saved as %s like %s", u, p.Name, other))
		} else {
			c.names[p.Name] = u
			c.pages = append(c.pages, *p)
			c.bytes += int64(len(p.Data))
		}
	}
	c.finished++
	if c.opts.Progress != nil {
		// Under the lock: one call at a time, done counting up.
		c.opts.Progress(c.finished, c.known, u)
	}
	c.mu.Unlock()
}
