package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Row is one measurement run.sh collected: one wrk run against one server for one kind
// of answer, with that server's start-up time and peak RSS in the same round. In RAW.tsv it
// is one tab-separated line in header order; lines starting with '#' are comments.
type Row struct {
	Round       int
	Server      string // helpmock, helpmock-log-off, ceiling, prism
	Case        string // "refreshToken JSON", ...
	RPS         float64
	P50, P99    float64 // milliseconds
	P999        float64 // milliseconds
	Errors      int64   // non-2xx answers plus socket errors
	Requests    int64
	ContentType string // what the server answered with (checked once before the run)
	RSSKiB      int64  // VmHWM when the server stopped
	StartupMS   float64
}

// header is the first line of RAW.tsv.
const header = "round\tserver\tcase\trps\tp50_ms\tp99_ms\tp999_ms\terrors\trequests\tcontent_type\trss_kib\tstartup_ms"

// ParseRows reads RAW.tsv. It is hand-written because the format is a dozen fixed columns
// that run.sh writes with printf; encoding/csv would add quoting rules run.sh never uses.
func ParseRows(r io.Reader) ([]Row, error) {
	var rows []Row
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") || text == header {
			continue
		}
		row, err := parseRow(text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read rows: %w", err)
	}
	return rows, nil
}

func parseRow(text string) (Row, error) {
	f := strings.Split(text, "\t")
	const columns = 12
	if len(f) != columns {
		return Row{}, fmt.Errorf("%d columns, want %d", len(f), columns)
	}
	p := fieldParser{fields: f}
	row := Row{
		Round:       int(p.int(0, "round")),
		Server:      p.text(1, "server"),
		Case:        p.text(2, "case"),
		RPS:         p.float(3, "rps"),
		P50:         p.float(4, "p50_ms"),
		P99:         p.float(5, "p99_ms"),
		P999:        p.float(6, "p999_ms"),
		Errors:      p.int(7, "errors"),
		Requests:    p.int(8, "requests"),
		ContentType: f[9],
		RSSKiB:      p.int(10, "rss_kib"),
		StartupMS:   p.float(11, "startup_ms"),
	}
	return row, p.err
}

// fieldParser converts fields, keeping the first error.
type fieldParser struct {
	fields []string
	err    error
}

func (p *fieldParser) fail(name, value string, err error) {
	if p.err == nil {
		p.err = fmt.Errorf("column %s: %q: %w", name, value, err)
	}
}

func (p *fieldParser) text(i int, name string) string {
	if p.fields[i] == "" {
		p.fail(name, "", fmt.Errorf("empty"))
	}
	return p.fields[i]
}

func (p *fieldParser) int(i int, name string) int64 {
	n, err := strconv.ParseInt(p.fields[i], 10, 64)
	if err == nil && n < 0 {
		err = fmt.Errorf("negative")
	}
	if err != nil {
		p.fail(name, p.fields[i], err)
	}
	return n
}

func (p *fieldParser) float(i int, name string) float64 {
	x, err := strconv.ParseFloat(p.fields[i], 64)
	if err == nil && (x < 0 || x != x || x > 1e15) {
		err = fmt.Errorf("out of range")
	}
	if err != nil {
		p.fail(name, p.fields[i], err)
	}
	return x
}
