package mock_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/mock"
)

// loadKey is one kind of request of the load test.
type loadKey struct {
	op, requestType, accept, scenario string
}

// baseline is what a kind of request gets when sent alone.
type baseline struct {
	status      int
	contentType string
}

// TestLoad sends thousands of concurrent requests across operations, scenarios, request
// media types and Accept headers through a real server on loopback and checks every
// answer against the same request sent alone: same status, same Content-Type, a
// well-formed body. Meanwhile another client pins and unpins scenarios, reads the journal
// and the scenario list through the admin API, and the server reloads its spec and
// fixtures; none of it may disturb an answer (the requests choose their scenario with
// Prefer, which wins over a pin). It is bounded in count (loadRequests) and time
// (loadDeadline).
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped with -short")
	}
	const (
		loadRequests    = 4000
		loadConcurrency = 1000
		loadDeadline    = 90 * time.Second
	)
	srv, logs := newLoggedServer(t, mock.Options{Admin: true, Journal: 100})
	ts := startServer(t, srv)
	scenarios := []string{"docs", "success", "invalid-refresh-token", "expired-refresh-token", "server-error"}
	accepts := append([]string{"", "*/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}, responseMediaTypes...)
	var keys []loadKey
	for _, op := range []string{"refreshToken", "pfmsGetRefreshToken"} {
		for _, rt := range requestMediaTypes {
			for _, acc := range accepts {
				for _, sc := range scenarios {
					keys = append(keys, loadKey{op, rt, acc, sc})
				}
			}
		}
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: loadConcurrency}}
	t.Cleanup(client.CloseIdleConnections)
	want := make(map[loadKey]baseline, len(keys))
	for _, k := range keys {
		status, ct, body := send(t, client, ts.URL, k.request())
		if err := wellFormed(ct, status, http.MethodPost, body); err != nil {
			t.Fatalf("%v alone: %v", k, err)
		}
		want[k] = baseline{status, ct}
	}

	ctx, cancel := context.WithTimeout(context.Background(), loadDeadline)
	defer cancel()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		failures []string
	)
	jobs := make(chan int)
	for range loadConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				k := keys[(i*7919)%len(keys)]
				if err := checkLoadRequest(ctx, client, ts.URL, k, want[k]); err != nil {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("request %d %v: %v", i, k, err))
					mu.Unlock()
				}
			}
		}()
	}
	stopChurn := make(chan struct{})
	churned := make(chan churnResult, 1)
	// The admin client has its own connections, so that its calls do not queue behind
	// the load's.
	adminClient := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{}}
	t.Cleanup(adminClient.CloseIdleConnections)
	go func() { churned <- churn(ctx, adminClient, ts.URL, srv, stopChurn) }()
	start := time.Now()
	for i := range loadRequests {
		select {
		case jobs <- i:
		case <-ctx.Done():
			t.Errorf("load not sent within %v: %d of %d requests", loadDeadline, i, loadRequests)
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(jobs)
	wg.Wait()
	close(stopChurn)
	switch c := <-churned; {
	case c.err != nil:
		t.Errorf("admin and reload traffic during the load: %v", c.err)
	case c.reloads == 0 || c.adminCalls == 0:
		t.Errorf("during the load: %d admin calls, %d reloads; want some of each", c.adminCalls, c.reloads)
	default:
		t.Logf("during the load: %d admin calls, %d reloads", c.adminCalls, c.reloads)
	}
	t.Logf("%d requests, %d at a time, in %v", loadRequests, loadConcurrency, time.Since(start).Round(time.Millisecond))
	if len(failures) > 0 {
		t.Errorf("%d of %d requests failed; first ones:\n%s", len(failures), loadRequests, strings.Join(failures[:min(len(failures), 10)], "\n"))
	}
	if n := strings.Count(logs.String(), "internal error"); n > 0 {
		t.Errorf("the mock logged %d internal errors, want 0", n)
	}
}

func (k loadKey) request() request {
	return request{path: paths[k.op], contentType: k.requestType, accept: k.accept,
		body: validBodies[k.op][k.requestType], header: http.Header{"Prefer": {"example=" + k.scenario}}}
}

// checkLoadRequest sends one request of kind k and compares the answer with want.
func checkLoadRequest(ctx context.Context, client *http.Client, base string, k loadKey, want baseline) error {
	r := k.request()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+r.path, strings.NewReader(r.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", r.contentType)
	if r.accept != "" {
		req.Header.Set("Accept", r.accept)
	}
	req.Header["Prefer"] = r.header["Prefer"]
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("read body: %w", err)
	}
	ct := resp.Header.Get("Content-Type")
	if resp.StatusCode != want.status || ct != want.contentType {
		return fmt.Errorf("answer = %d %s, want %d %s", resp.StatusCode, ct, want.status, want.contentType)
	}
	return wellFormed(ct, resp.StatusCode, http.MethodPost, body)
}

type churnResult struct {
	adminCalls, reloads int
	err                 error
}

// churn exercises the admin API and reloads until stop is closed, and reports the first
// unexpected answer or error.
func churn(ctx context.Context, client *http.Client, base string, srv *mock.Server, stop <-chan struct{}) churnResult {
	var res churnResult
	calls := []struct{ method, path, body string }{
		{http.MethodPut, "/__helpmock/scenarios/refreshToken", `{"scenario":"server-error"}`},
		{http.MethodGet, "/__helpmock/scenarios", ""},
		{http.MethodGet, "/__helpmock/requests?operation=refreshToken", ""},
		{http.MethodDelete, "/__helpmock/scenarios/refreshToken", ""},
	}
	for i := 0; ; i++ {
		select {
		case <-stop:
			return res
		default:
		}
		if i%len(calls) == 0 {
			s, err := spec.LoadFile("../openapi.yaml")
			if err != nil {
				res.err = err
				return res
			}
			set, err := fixtures.Load(os.DirFS("../fixtures"))
			if err != nil {
				res.err = err
				return res
			}
			if err := srv.Reload(bridge.Public(s), set); err != nil {
				res.err = fmt.Errorf("reload: %w", err)
				return res
			}
			res.reloads++
		}
		c := calls[i%len(calls)]
		req, err := http.NewRequestWithContext(ctx, c.method, base+c.path, strings.NewReader(c.body))
		if err != nil {
			res.err = err
			return res
		}
		req.Header.Set("Content-Type", "application/json") // the admin API changes state only for JSON
		resp, err := client.Do(req)
		if err != nil {
			res.err = fmt.Errorf("%s %s: %w", c.method, c.path, err)
			return res
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			res.err = fmt.Errorf("%s %s = %d %s", c.method, c.path, resp.StatusCode, body)
			return res
		}
		res.adminCalls++
	}
}

// TestConcurrentAnswersStayApart sends many concurrent requests, each with its own state
// code, which the success scenario writes back into its answer, and checks that every
// answer holds its own request's code and no other: the buffers that compiled answers
// are written into are reused between requests.
func TestConcurrentAnswersStayApart(t *testing.T) {
	srv := newServer(t, false)
	const goroutines, perGoroutine = 16, 50
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range perGoroutine {
				code := fmt.Sprintf("state-%d-%d", g, i)
				accept := []string{"application/json", "application/xml"}[i%2]
				body := `{"stateCode":"` + code + `","AuthString":"a","expiredAccessToken":"e","RefreshToken":"r"}`
				resp := serve(t, srv, request{path: "/api/PFMS/pfms_get_refresh_token", contentType: spec.ApplicationJSON, accept: accept, body: body})
				got := readAll(t, resp)
				want := "Token generated for state " + code
				if resp.StatusCode != http.StatusOK || !strings.Contains(got, want+`"`) && !strings.Contains(got, want+"<") {
					t.Errorf("answer to %s (%s) = %d %s, want 200 with %q", code, accept, resp.StatusCode, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
