package aspnetref

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// Environment variables of record mode (interop/aspnet/record.sh sets them).
const (
	// RecordEnv names the reference's directory (holding build/AspNetReference.exe):
	// when set, Open records instead of replaying.
	RecordEnv = "HELPMOCK_ASPNET_RECORD"
	// ForceEnv, set to 1, lets a recording change answers it already held.
	ForceEnv = "HELPMOCK_ASPNET_RECORD_FORCE"
)

const recordHint = "record them with interop/aspnet/record.sh DIR, where DIR holds the ASP.NET reference"

// Recording is the reference's answers for one test, replayed from (or, in record mode,
// recorded into) testdata/aspnet/TEST.json.
type Recording struct {
	tb   testing.TB
	path string
	// exe is the reference executable in record mode, "" when replaying.
	exe string

	mu        sync.Mutex
	committed file
	exchanges map[string]Exchange // by Request.key()
	runs      map[string]Run      // by runKey
	conflicts []string            // record mode: one request, two answers
	reference *process            // record mode: the running server, started once
}

// file is a recording as stored.
type file struct {
	Note      string     `json:"note"`
	Exchanges []Exchange `json:"exchanges,omitempty"`
	Runs      []Run      `json:"runs,omitempty"`
}

// Exchange is one HTTP request and the reference's answer.
type Exchange struct {
	Request  Request  `json:"request"`
	Response Response `json:"response"`
}

// Request is a request as the test sent it: method, path and query, the headers that
// reach the application (not Host, User-Agent, Accept-Encoding, Content-Length or
// Connection) and the body.
type Request struct {
	Method string      `json:"method"`
	Target string      `json:"target"`
	Header http.Header `json:"header,omitempty"`
	Body   Body        `json:"body"`
}

// Response is the reference's answer: status, headers but the transport's own (Date,
// Server, Content-Length, Connection, Keep-Alive, Transfer-Encoding), and body bytes, with
// its base URL written as BasePlaceholder.
type Response struct {
	Status int         `json:"status"`
	Header http.Header `json:"header,omitempty"`
	Body   Body        `json:"body"`
}

// Run is one run of AspNetReference.exe's offline modes: arguments, standard input,
// standard output, exit status and standard error.
type Run struct {
	Args   []string `json:"args"`
	Stdin  Body     `json:"stdin"`
	Stdout Body     `json:"stdout"`
	Exit   int      `json:"exit"`
	Stderr string   `json:"stderr,omitempty"`
}

// Body is bytes, stored as a JSON string when they are UTF-8, else as {"base64": "..."}.
type Body []byte

// MarshalJSON implements json.Marshaler.
func (b Body) MarshalJSON() ([]byte, error) {
	if utf8.Valid(b) {
		return marshal(string(b))
	}
	return marshal(map[string]string{"base64": base64.StdEncoding.EncodeToString(b)})
}

// UnmarshalJSON implements json.Unmarshaler.
func (b *Body) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*b = []byte(s)
		return nil
	}
	var enc struct{ Base64 string }
	if err := json.Unmarshal(data, &enc); err != nil {
		return fmt.Errorf("body: want a string or {\"base64\": ...}: %w", err)
	}
	raw, err := base64.StdEncoding.DecodeString(enc.Base64)
	if err != nil {
		return fmt.Errorf("body: %w", err)
	}
	*b = raw
	return nil
}

// marshal encodes v as JSON without escaping <, > and & (XML bodies stay readable).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// key identifies a request: everything recorded of it.
func (q Request) key() string {
	b, _ := marshal(q)
	return string(b)
}

func runKey(args []string, stdin []byte) string {
	b, _ := marshal(Run{Args: args, Stdin: stdin})
	return string(b)
}

// Open returns the recording of tb's top-level test, testdata/aspnet/TEST.json in the
// package's directory. Replaying, a missing or unreadable file fails tb. In record mode
// ($HELPMOCK_ASPNET_RECORD set) Mono and the reference must be there, and the recording is
// written when the test ends (see the package documentation).
func Open(tb testing.TB) *Recording {
	tb.Helper()
	name, _, _ := strings.Cut(tb.Name(), "/")
	r := &Recording{
		tb:        tb,
		path:      filepath.Join("testdata", "aspnet", name+".json"),
		exchanges: map[string]Exchange{},
		runs:      map[string]Run{},
	}
	dir := os.Getenv(RecordEnv)
	data, err := os.ReadFile(r.path)
	switch {
	case err == nil:
		if err := json.Unmarshal(data, &r.committed); err != nil {
			tb.Fatalf("recording %s: %v", r.path, err)
		}
	case dir == "" || !errors.Is(err, os.ErrNotExist):
		tb.Fatalf("the ASP.NET reference's answers for %s are not recorded (%v): %s", name, err, recordHint)
	}
	if dir == "" {
		for _, x := range r.committed.Exchanges {
			r.exchanges[x.Request.key()] = x
		}
		for _, run := range r.committed.Runs {
			r.runs[runKey(run.Args, run.Stdin)] = run
		}
		return r
	}
	r.exe = filepath.Join(dir, "build", "AspNetReference.exe")
	if _, err := exec.LookPath("mono"); err != nil {
		tb.Fatalf("record mode (%s=%s): mono is not installed", RecordEnv, dir)
	}
	if _, err := os.Stat(r.exe); err != nil {
		tb.Fatalf("record mode (%s=%s): %v (run %s first)", RecordEnv, dir, err, filepath.Join(dir, "build.sh"))
	}
	tb.Cleanup(r.save)
	return r
}

// recording tells whether r records rather than replays.
func (r *Recording) recording() bool { return r.exe != "" }

// save writes what the test recorded, unless the test failed, a request got two
// answers, or an answer already committed changed (without $HELPMOCK_ASPNET_RECORD_FORCE=1).
func (r *Recording) save() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.reference != nil {
		r.reference.stop()
	}
	if r.tb.Failed() {
		r.tb.Logf("%s not written: the test failed", r.path)
		return
	}
	if len(r.conflicts) > 0 {
		r.tb.Errorf("%s not written: the reference answered the same request differently (a value to record as a stand-in?):\n%s",
			r.path, strings.Join(r.conflicts, "\n"))
		return
	}
	next := file{Note: "Answers of the ASP.NET Web API reference on Mono, replayed by package internal/aspnetref; " +
		"recorded by interop/aspnet/record.sh: do not edit."}
	for _, k := range slices.Sorted(maps.Keys(r.exchanges)) {
		next.Exchanges = append(next.Exchanges, r.exchanges[k])
	}
	for _, k := range slices.Sorted(maps.Keys(r.runs)) {
		next.Runs = append(next.Runs, r.runs[k])
	}
	changed, added, dropped := compare(r.committed, next)
	if len(changed) > 0 && os.Getenv(ForceEnv) != "1" {
		r.tb.Errorf("%s not written: %d recorded answers changed (the reference answers differently now; "+
			"if that is expected, record again with interop/aspnet/record.sh -f and review the diff):\n%s",
			r.path, len(changed), strings.Join(changed, "\n"))
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(next)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(r.path), 0o755)
	}
	if err == nil {
		err = os.WriteFile(r.path, buf.Bytes(), 0o644)
	}
	if err != nil {
		r.tb.Errorf("write %s: %v", r.path, err)
		return
	}
	r.tb.Logf("recorded %s: %d exchanges, %d runs (%d new, %d dropped, %d changed)",
		r.path, len(next.Exchanges), len(next.Runs), added, dropped, len(changed))
}

// compare lists the answers of old that next answers differently, and counts the
// requests only next has (added) and only old has (dropped).
func compare(old, next file) (changed []string, added, dropped int) {
	answers := func(f file) map[string]string {
		m := map[string]string{}
		for _, x := range f.Exchanges {
			b, _ := marshal(x.Response)
			m[x.Request.key()] = string(b)
		}
		for _, run := range f.Runs {
			b, _ := marshal(Run{Stdout: run.Stdout, Exit: run.Exit, Stderr: run.Stderr})
			m[runKey(run.Args, run.Stdin)] = string(b)
		}
		return m
	}
	o, n := answers(old), answers(next)
	for _, k := range slices.Sorted(maps.Keys(n)) {
		was, ok := o[k]
		switch {
		case !ok:
			added++
		case was != n[k]:
			changed = append(changed, fmt.Sprintf("  %s\n    was %s\n    now %s", k, was, n[k]))
		}
	}
	for k := range o {
		if _, ok := n[k]; !ok {
			dropped++
		}
	}
	return changed, added, dropped
}
