package mock

import "log/slog"

// The attribute keys of the mock's log lines, shared by the request log (requestlog.go)
// and the messages of the steps.
const (
	keyMethod    = "method"
	keyURI       = "uri"
	keyStatus    = "status"
	keyLatency   = "latency"
	keyOp        = "op"
	keyScenario  = "scenario"
	keyMediaType = "media_type"
	keyError     = "error"
)

// errAttr is err as a log attribute.
func errAttr(err error) slog.Attr { return slog.String(keyError, err.Error()) }
