package aspnetref

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
)

// BasePlaceholder stands for the reference's base URL (http://127.0.0.1:PORT) in recorded
// answers; the replaying server writes its own base URL in its place.
const BasePlaceholder = "{{base}}"

// requestOnly are the request headers the transport sets, left out of a Request.
var requestOnly = []string{"Host", "User-Agent", "Accept-Encoding", "Content-Length", "Connection"}

// transportOnly are the response headers of the reference's HTTP server, not of Web API,
// left out of a Response.
var transportOnly = []string{"Date", "Server", "Content-Length", "Connection", "Keep-Alive", "Transfer-Encoding"}

// Server starts a server on a loopback port that answers as the reference answered, and
// returns its base URL (no trailing slash); it stops when the test ends. Replaying, a
// request the recording does not hold fails the test (it asks the framework something new:
// record again) and gets a 500. In record mode the server forwards each request to the
// reference, records the answer and sends it as it will be replayed.
func (r *Recording) Server() string {
	r.tb.Helper()
	if r.recording() && r.reference == nil { // Server and save run on the test's goroutine
		r.reference = startReference(r.tb, r.exe)
	}
	var base string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.serve(w, req, base)
	}))
	r.tb.Cleanup(srv.Close)
	base = srv.URL
	return base
}

// serve answers req from the recording (or the reference, recording it).
func (r *Recording) serve(w http.ResponseWriter, req *http.Request, base string) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	q := Request{Method: req.Method, Target: req.URL.RequestURI(), Header: req.Header.Clone(), Body: body}
	for _, h := range requestOnly {
		q.Header.Del(h)
	}
	if len(q.Header) == 0 {
		q.Header = nil
	}
	var resp Response
	if r.recording() {
		if resp, err = r.forward(req, q); err != nil {
			r.tb.Errorf("record %s %s: %v", q.Method, q.Target, err)
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
	} else {
		r.mu.Lock()
		x, ok := r.exchanges[q.key()]
		r.mu.Unlock()
		if !ok {
			msg := fmt.Sprintf("%s holds no answer of the ASP.NET reference to %s: the test asks something new; %s",
				r.path, q.key(), recordHint)
			r.tb.Error(msg)
			http.Error(w, msg, http.StatusInternalServerError)
			return
		}
		resp = x.Response
	}
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, strings.ReplaceAll(v, BasePlaceholder, base))
		}
	}
	if _, ok := resp.Header["Content-Type"]; !ok {
		w.Header()["Content-Type"] = nil // no sniffing: the reference sent none
	}
	w.WriteHeader(resp.Status)
	_, _ = w.Write(withBase(resp, base))
}

// withBase returns resp's body with BasePlaceholder replaced by base, in the body's charset.
func withBase(resp Response, base string) []byte {
	ct := strings.Join(resp.Header["Content-Type"], ",")
	text, encode := decodeText(ct, resp.Body)
	if !strings.Contains(text, BasePlaceholder) {
		return resp.Body
	}
	return encode(strings.ReplaceAll(text, BasePlaceholder, base))
}

// forward sends q to the reference as the test sent it (req's headers, all of them) and
// returns the answer as recorded, which it also records.
func (r *Recording) forward(req *http.Request, q Request) (Response, error) {
	out, err := http.NewRequest(q.Method, r.reference.url+q.Target, bytes.NewReader(q.Body))
	if err != nil {
		return Response{}, err
	}
	out.Header = req.Header.Clone()
	out.Header.Del("Host")
	out.Header.Del("Content-Length")
	resp, err := r.reference.client.Do(out)
	if err != nil {
		return Response{}, fmt.Errorf("the reference: %w (%s)", err, r.reference.stderr())
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return Response{}, fmt.Errorf("the reference's answer: %w", err)
	}
	a := Response{Status: resp.StatusCode, Header: resp.Header.Clone()}
	for _, h := range transportOnly {
		a.Header.Del(h)
	}
	for k, vs := range a.Header {
		for i, v := range vs {
			a.Header[k][i] = strings.ReplaceAll(v, r.reference.url, BasePlaceholder)
		}
	}
	if len(a.Header) == 0 {
		a.Header = nil
	}
	text, encode := decodeText(resp.Header.Get("Content-Type"), body)
	a.Body = encode(standIns(strings.ReplaceAll(text, r.reference.url, BasePlaceholder)))
	r.mu.Lock()
	defer r.mu.Unlock()
	k := q.key()
	if was, ok := r.exchanges[k]; ok {
		w, _ := marshal(was.Response)
		if n, _ := marshal(a); !bytes.Equal(w, n) {
			r.conflicts = append(r.conflicts, fmt.Sprintf("  %s\n    first %s\n    then  %s", k, w, n))
		}
	}
	r.exchanges[k] = Exchange{Request: q, Response: a}
	return a, nil
}
