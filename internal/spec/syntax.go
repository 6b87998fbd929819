package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	yaml "github.com/oasdiff/yaml3"
)

// isJSONText reports whether data is meant as JSON: its first character, after white
// space and a byte order mark, opens an object. Any other document is read as YAML.
func isJSONText(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '{'
}

// checkSyntax parses data as the one language its content is written in (see isJSONText)
// and returns its syntax error, if any, as "load spec SOURCE:LINE[:COLUMN]: message".
// kin-openapi's loader tries JSON and then YAML and reports both failures, the JSON one
// irrelevant to a YAML file, and yaml3 reports many errors on the line before the one
// at fault.
func checkSyntax(source string, data []byte) error {
	if isJSONText(data) {
		var v any
		err := json.Unmarshal(data, &v)
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			line, col := lineColumn(data, syntax.Offset)
			return fmt.Errorf("load spec %s:%d:%d: %w", source, line, col, err)
		}
		if err != nil {
			return fmt.Errorf("load spec %s: %w", source, err)
		}
		return nil
	}
	var root yaml.Node
	err := yaml.Unmarshal(data, &root)
	if err == nil {
		return nil
	}
	line, msg, ok := yamlErrorLine(err)
	if !ok {
		return fmt.Errorf("load spec %s: %w", source, err)
	}
	return fmt.Errorf("load spec %s:%d: %s", source, exactYAMLLine(data, line, msg), msg)
}

// lineColumn returns the 1-based line and column (in bytes) of the byte offset in data;
// json.SyntaxError's Offset is just after the byte at fault.
func lineColumn(data []byte, offset int64) (line, col int) {
	offset = max(0, min(offset-1, int64(len(data))))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// yamlLineError matches yaml3's "yaml: line N: message".
var yamlLineError = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlErrorLine splits yaml3's error into the line it reports and its message.
func yamlErrorLine(err error) (int, string, bool) {
	m := yamlLineError.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, "", false
	}
	line, convErr := strconv.Atoi(m[1])
	if convErr != nil {
		return 0, "", false
	}
	return line, m[2], true
}

// exactYAMLLine returns the line of data at fault for yaml3's error msg reported at line.
// yaml3 reports the line where the construct around the error starts (the mark of its
// context), which is often the line before. The line at fault is the first one, from the
// reported line on, that makes the document's lines up to it fail with the same message.
// This parses a few prefixes of a document that failed anyway; it returns line when no
// prefix reproduces the message.
func exactYAMLLine(data []byte, line int, msg string) int {
	lines := strings.SplitAfter(string(data), "\n")
	for n := max(line, 1); n <= len(lines); n++ {
		var root yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &root)
		if err == nil {
			continue
		}
		if _, m, ok := yamlErrorLine(err); ok && m == msg {
			return n
		}
	}
	return line
}

// relevantUnmarshalError returns, of kin-openapi's "failed to unmarshal data: json error:
// …, yaml error: …", the half about the language data is written in (see isJSONText).
// Any other error is returned as it is.
func relevantUnmarshalError(err error, data []byte) error {
	rest, ok := strings.CutPrefix(err.Error(), "failed to unmarshal data: json error: ")
	if !ok {
		return err
	}
	jsonMsg, yamlMsg, ok := strings.Cut(rest, ", yaml error: ")
	if !ok {
		return err
	}
	if isJSONText(data) {
		return errors.New(jsonMsg)
	}
	return errors.New(strings.TrimPrefix(yamlMsg, "error unmarshaling JSON: while decoding JSON: "))
}
