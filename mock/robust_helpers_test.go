package mock_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/helpmock/helpmock/mock"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test's.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newLoggedServer returns a mock with the repository's spec and fixtures whose log goes to
// the returned buffer, so that tests can check it logged no internal error.
func newLoggedServer(tb testing.TB, opts mock.Options) (*mock.Server, *syncBuffer) {
	tb.Helper()
	logs := &syncBuffer{}
	opts.Spec = loadSpec(tb)
	opts.Fixtures = loadFixtures(tb)
	opts.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	s, err := mock.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	return s, logs
}

// startServer serves handler on a loopback port the system picks, until the test ends.
func startServer(tb testing.TB, handler http.Handler) *httptest.Server {
	tb.Helper()
	ts := httptest.NewServer(handler)
	tb.Cleanup(ts.Close)
	return ts
}

// wellFormed reports why body is not a well-formed document of the response's
// Content-Type (JSON or XML, UTF-8 or UTF-16LE as Web API writes it), or nil. An empty
// body is well-formed only for HEAD and for statuses without content.
func wellFormed(contentType string, status int, method string, body []byte) error {
	if len(body) == 0 {
		if method == http.MethodHead || status == http.StatusNoContent || status == http.StatusNotModified {
			return nil
		}
		return errors.New("empty body")
	}
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("Content-Type %q: %w", contentType, err)
	}
	if strings.EqualFold(params["charset"], "utf-16") {
		if len(body)%2 != 0 {
			return fmt.Errorf("utf-16 body of odd length %d", len(body))
		}
		units := make([]uint16, len(body)/2)
		for i := range units {
			units[i] = uint16(body[2*i]) | uint16(body[2*i+1])<<8
		}
		// Web API writes Encoding.Unicode's byte order mark first.
		body = bytes.TrimPrefix([]byte(string(utf16.Decode(units))), []byte("\uFEFF"))
	}
	switch {
	case strings.HasSuffix(mediaType, "json"):
		if !json.Valid(body) {
			return fmt.Errorf("invalid JSON %q", clip(body))
		}
	case strings.HasSuffix(mediaType, "xml"):
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("invalid XML %q: %w", clip(body), err)
			}
		}
	default:
		return fmt.Errorf("unexpected media type %q", mediaType)
	}
	return nil
}

// clip shortens long bodies in failure messages.
func clip(b []byte) string {
	const max = 300
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}
