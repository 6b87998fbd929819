package contracts

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	ispec "github.com/helpmock/helpmock/internal/spec"
)

// exchange is a case's request and what came back.
type exchange struct {
	c        *testCase
	url      string
	curl     string
	status   int
	header   http.Header
	body     []byte
	duration time.Duration
	// err is why no complete response arrived (transport, timeout, body).
	err error
	// errCheck is the check err belongs to (CheckTransport, CheckBody, CheckRun).
	errCheck string
}

// Verify runs the contract suite against opts.Target and returns its report. The error is
// for set-up problems only (no spec, a bad target URL, an unknown -only operation or -set
// member, a target that refuses connections: ErrUnreachable); contract violations are in
// the report. ctx bounds the whole run: cases it cuts short are reported as not run.
func Verify(ctx context.Context, opts Options) (*Report, error) {
	start := time.Now()
	opts.compiled = ispec.Compiled(opts.Spec)
	if opts.compiled == nil {
		return nil, errors.New("verify: no spec")
	}
	base, err := parseTarget(opts.Target)
	if err != nil {
		return nil, err
	}
	cases, err := buildCases(&opts)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if err := reachable(ctx, base, opts.requestTimeout()); err != nil {
		return nil, err
	}
	client, closeClient := newClient(opts.Client, opts.parallel())
	defer closeClient()

	r := &runner{opts: &opts, base: base, client: client, log: opts.logger(), secrets: newReportSecrets(&opts)}
	exchanges := make([]*exchange, len(cases))
	sem := make(chan struct{}, opts.parallel())
	var wg sync.WaitGroup
	for i, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
				exchanges[i] = r.do(ctx, c)
			case <-ctx.Done():
				exchanges[i] = r.notRun(ctx, c)
			}
		}()
	}
	wg.Wait()

	report := &Report{Target: opts.Target, Spec: opts.compiled.Source}
	for _, x := range exchanges {
		report.Cases = append(report.Cases, judge(x))
	}
	checkParity(exchanges, report.Cases)
	report.Coverage = coverage(exchanges)
	r.secrets.scrub(report, exchanges)
	report.count()
	report.Duration = time.Since(start)
	return report, nil
}

func parseTarget(target string) (*url.URL, error) {
	if target == "" {
		return nil, errors.New("verify: no target URL")
	}
	u, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("verify: target %q: %w", target, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("verify: target %q: want an absolute http or https URL", target)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// reachable dials the target once, so that a target that is down is a set-up error
// (ErrUnreachable) rather than one transport violation per case.
func reachable(ctx context.Context, base *url.URL, timeout time.Duration) error {
	host := base.Host
	if base.Port() == "" {
		port := "80"
		if base.Scheme == "https" {
			port = "443"
		}
		host = net.JoinHostPort(base.Hostname(), port)
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", host)
	if err != nil {
		return fmt.Errorf("verify: %w: %s: %w", ErrUnreachable, base.Redacted(), err)
	}
	return conn.Close()
}

// newClient returns the client the run uses: a copy of c (or a new client with its own
// transport) that never follows redirects, since a redirect is an answer to judge.
func newClient(c *http.Client, parallel int) (*http.Client, func()) {
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	if c != nil {
		cp := *c
		cp.CheckRedirect = noRedirect
		return &cp, func() {}
	}
	tr := &http.Transport{
		Proxy:               nil, // the target is contacted directly, never via $HTTP_PROXY
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost: parallel,
		DisableCompression:  true, // judge the bytes as sent
	}
	return &http.Client{Transport: tr, CheckRedirect: noRedirect}, tr.CloseIdleConnections
}

type runner struct {
	opts    *Options
	base    *url.URL
	client  *http.Client
	log     *slog.Logger
	secrets *reportSecrets
}

func (r *runner) request(ctx context.Context, c *testCase) (*http.Request, string, error) {
	u := *r.base
	path, err := url.PathUnescape(c.path)
	if err != nil {
		return nil, r.base.String() + c.path, fmt.Errorf("build request: path %s: %w", c.path, err)
	}
	u.Path, u.RawPath, u.RawQuery = r.base.Path+path, r.base.EscapedPath()+c.path, c.query
	var body io.Reader = http.NoBody
	if c.body != nil {
		body = bytes.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, u.String(), body)
	if err != nil {
		return nil, u.String(), fmt.Errorf("build request: %w", err)
	}
	for k, vs := range r.opts.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	for k, vs := range c.header {
		req.Header[k] = vs
	}
	return req, u.String(), nil
}

func (r *runner) notRun(ctx context.Context, c *testCase) *exchange {
	x := &exchange{c: c, errCheck: CheckRun, err: fmt.Errorf("not run: %w", context.Cause(ctx))}
	if req, u, err := r.request(context.Background(), c); err == nil {
		x.url, x.curl = u, r.secrets.curl(req, c.body)
	}
	return x
}

func (r *runner) do(ctx context.Context, c *testCase) *exchange {
	x := &exchange{c: c}
	if ctx.Err() != nil {
		return r.notRun(ctx, c)
	}
	timeout := r.opts.requestTimeout()
	rctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, u, err := r.request(rctx, c)
	x.url = u
	if err != nil {
		x.err, x.errCheck = err, CheckTransport
		return x
	}
	x.curl = r.secrets.curl(req, c.body)
	start := time.Now()
	defer func() {
		x.duration = time.Since(start)
		r.log.Debug("case", "op", c.op.ID, "case", c.name, "status", x.status, "duration", x.duration)
	}()
	resp, err := r.client.Do(req)
	if err != nil {
		x.err, x.errCheck = transportError(ctx, rctx, timeout, err), CheckTransport
		return x
	}
	defer resp.Body.Close()
	x.status, x.header = resp.StatusCode, resp.Header
	limit := r.opts.maxBodyBytes()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	switch {
	case err != nil:
		x.err, x.errCheck = fmt.Errorf("read body (Content-Length %d, %d bytes read): %w",
			resp.ContentLength, len(body), transportError(ctx, rctx, timeout, err)), CheckBody
	case int64(len(body)) > limit:
		x.err, x.errCheck = fmt.Errorf("body larger than %d bytes", limit), CheckBody
	default:
		x.body = body
	}
	return x
}

// transportError words err for the report: a per-request timeout and the whole run's
// deadline say so, rather than "context deadline exceeded".
func transportError(run, req context.Context, timeout time.Duration, err error) error {
	switch {
	case run.Err() != nil:
		return fmt.Errorf("run stopped before the answer was complete (%w): %w", context.Cause(run), err)
	case req.Err() != nil:
		return fmt.Errorf("no complete answer within the request timeout of %s: %w", timeout, err)
	}
	return err
}
