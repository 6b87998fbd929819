package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/html"
)

// errTooLarge reports a page over the byte cap; retrying would not help.
var errTooLarge = errors.New("page too large")

// fetch gets the page at u, retrying what may pass, and returns it with the links it
// has on the site.
func (c *crawler) fetch(ctx context.Context, u *url.URL) (*Page, []*url.URL, error) {
	var (
		data        []byte
		final       *url.URL
		contentType string
		err         error
		retrying    bool
	)
	wait := c.opts.Backoff
	for attempt := 0; ; attempt++ {
		data, final, contentType, retrying, err = c.get(ctx, u)
		if err == nil || !retrying || attempt >= c.opts.Retries {
			break
		}
		c.log.Debug("retrying", "component", "crawl", "url", u.String(), "attempt", attempt+1, "error", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, nil, ctx.Err()
		case <-t.C:
		}
		wait *= 2
	}
	if err != nil {
		return nil, nil, err
	}
	isHTML := isHTMLPage(contentType, data)
	name, err := c.site.MirrorName(u, isHTML)
	if err != nil {
		return nil, nil, err
	}
	var links []*url.URL
	if isHTML {
		links = c.links(final, data)
	}
	return &Page{URL: u.String(), Name: name, HTML: isHTML, ContentType: contentType, Data: data}, links, nil
}

// get makes one request. retry tells whether another attempt may succeed: a timeout, a
// lost connection, a 5xx or a 429.
func (c *crawler) get(ctx context.Context, u *url.URL) (data []byte, final *url.URL, contentType string, retry bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, "", false, err
	}
	req.Header.Set("Accept", "text/html, text/plain;q=0.9, */*;q=0.1")
	req.Header.Set("User-Agent", "helpmock-import")
	c.log.Debug("fetching", "component", "crawl", "url", u.String())
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, nil, "", transient(err), c.requestError(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		retry := resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests
		return nil, nil, "", retry, fmt.Errorf("HTTP %s", resp.Status)
	}
	limit := c.opts.MaxPageBytes
	if resp.ContentLength > limit {
		return nil, nil, "", false, fmt.Errorf("%w: %d bytes, over the cap of %d bytes a page", errTooLarge, resp.ContentLength, limit)
	}
	data, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, nil, "", transient(err), fmt.Errorf("read body: %w", c.requestError(ctx, err))
	}
	if int64(len(data)) > limit {
		return nil, nil, "", false, fmt.Errorf("%w: over the cap of %d bytes a page", errTooLarge, limit)
	}
	return data, resp.Request.URL, resp.Header.Get("Content-Type"), false, nil
}

// isHTMLPage reports whether a page served with contentType is HTML: the server says
// so, or says nothing and the page starts like HTML.
func isHTMLPage(contentType string, data []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "text/html" || mt == "application/xhtml+xml" ||
		(mt == "" && bytes.Contains(bytes.ToLower(data[:min(len(data), 512)]), []byte("<html")))
}

// transient reports whether a request error may pass on another attempt.
func transient(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// requestError says what went wrong with a request whose context is ctx: a timeout in
// words, and without url.Error's "Get \"URL\": " prefix (warnings name the URL once).
func (c *crawler) requestError(ctx context.Context, err error) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no answer within %s (the timeout of a request)", c.opts.Timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// links returns the page's links (a href) that the crawl follows, in page order.
func (c *crawler) links(base *url.URL, data []byte) []*url.URL {
	var out []*url.URL
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "base" {
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						if b, err := url.Parse(strings.TrimSpace(string(v))); err == nil {
							base = base.ResolveReference(b)
						}
					}
				}
				continue
			}
			if string(name) != "a" {
				continue
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) != "href" {
					continue
				}
				if l, ok := c.site.follow(base, string(v)); ok {
					out = append(out, l)
				}
			}
		}
	}
}
