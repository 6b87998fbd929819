package mock

import (
	"errors"
	"io"
	"net/http"
	"sync"
)

// Reading the request body, the first part of the bind step: at most
// Options.MaxBodyBytes (a larger body is a 413), into a buffer sized by its
// Content-Length; bind.go binds what is read.

// readBody reads the request body up to limit bytes; a larger body is a 413.
func readBody(req *http.Request, limit int64) ([]byte, error) {
	if req.Body == nil {
		return nil, nil
	}
	if req.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	body, err := readAtMost(req.Body, req.ContentLength, limit+1)
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return nil, tooLarge(limit)
		}
		e := invalidRequest()
		e.add("model", "The request body could not be read: "+err.Error())
		return nil, e
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(limit)
	}
	return body, nil
}

// readAtMost reads r to its end, at most n bytes, into a buffer sized by the request's
// Content-Length when it is known (io.ReadAll would grow it step by step).
func readAtMost(r io.Reader, contentLength, n int64) ([]byte, error) {
	if contentLength < 0 || contentLength >= n {
		return io.ReadAll(io.LimitReader(r, n))
	}
	buf := make([]byte, 0, contentLength+1)
	for {
		if int64(len(buf)) == n {
			return buf, nil
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		m, err := r.Read(buf[len(buf):min(int64(cap(buf)), n)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// boundModels hold the maps that plain JSON bodies are bound into (jsonnet.BindPlain). A
// map goes back, emptied, when the handler returns: nothing keeps the bound model past
// the request (scenario choice, token rotation and rendering only read it).
var boundModels = sync.Pool{New: func() any { return make(map[string]any, 8) }}
