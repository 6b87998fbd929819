package main

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

const sampleRows = header + `
# a comment
1	helpmock	refreshToken JSON	50000.0	0.500	2.000	4.000	0	250000	application/json; charset=utf-8	20000	12.50
1	ceiling	refreshToken JSON	70000.0	0.400	1.500	3.000	0	350000	application/json; charset=utf-8	14000	4.00
1	prism	refreshToken JSON	3000.0	10.000	30.000	60.000	2	15000	application/json	300000	1000.00
2	helpmock	refreshToken JSON	40000.0	0.700	3.000	5.000	1	200000	application/json; charset=utf-8	22000	14.50
2	ceiling	refreshToken JSON	80000.0	0.300	1.000	2.000	0	400000	application/json; charset=utf-8	13000	5.00
2	prism	refreshToken JSON	2000.0	12.000	40.000	70.000	0	10000	application/json	310000	1100.00
3	helpmock	refreshToken JSON	45000.0	0.600	6.000	9.000	0	225000	application/json; charset=utf-8	21000	13.50
3	ceiling	refreshToken JSON	75000.0	0.350	1.200	2.500	0	375000	application/json; charset=utf-8	13500	6.00
3	prism	refreshToken JSON	2500.0	11.000	35.000	65.000	0	12500	application/json	305000	1050.00
1	ceiling-paced	refreshToken JSON	49000.0	0.550	1.800	3.500	0	245000	application/json; charset=utf-8	14000	4.10
2	ceiling-paced	refreshToken JSON	41000.0	0.650	2.500	4.500	0	205000	application/json; charset=utf-8	13000	5.10
3	ceiling-paced	refreshToken JSON	46000.0	0.600	2.200	4.000	0	230000	application/json; charset=utf-8	13500	6.10
`

func TestParseRows(t *testing.T) {
	tests := []struct {
		name, in string
		wantRows int
		wantErr  string
	}{
		{"sample", sampleRows, 12, ""},
		{"empty", "", 0, ""},
		{"header only", header + "\n", 0, ""},
		{"CRLF", header + "\r\n1\ts\tc\t1\t1\t1\t1\t0\t1\tct\t1\t1\r\n", 1, ""},
		{"too few columns", "1\thelpmock\n", 0, "line 1: 2 columns, want 12"},
		{"bad number", "1\ts\tc\tfast\t1\t1\t1\t0\t1\tct\t1\t1\n", 0, `line 1: column rps: "fast": strconv.ParseFloat: parsing "fast": invalid syntax`},
		{"negative", "1\ts\tc\t1\t1\t1\t1\t-1\t1\tct\t1\t1\n", 0, `line 1: column errors: "-1": negative`},
		{"NaN", "1\ts\tc\tNaN\t1\t1\t1\t0\t1\tct\t1\t1\n", 0, `line 1: column rps: "NaN": out of range`},
		{"empty server", "1\t\tc\t1\t1\t1\t1\t0\t1\tct\t1\t1\n", 0, `line 1: column server: "": empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ParseRows(strings.NewReader(tt.in))
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr || len(rows) != tt.wantRows {
				t.Errorf("ParseRows(%q) = %d rows, error %q, want %d rows, error %q", tt.in, len(rows), gotErr, tt.wantRows, tt.wantErr)
			}
		})
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		want float64
	}{
		{"none", nil, 0},
		{"one", []float64{3}, 3},
		{"odd", []float64{5, 1, 3}, 3},
		{"even", []float64{4, 1, 3, 2}, 2.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := median(tt.in); got != tt.want {
				t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	rows, err := ParseRows(strings.NewReader(sampleRows))
	if err != nil {
		t.Fatalf("ParseRows: %v", err)
	}
	s := Summarize(rows)
	c := s.cell(serverHelpmock, "refreshToken JSON")
	tests := []struct {
		name      string
		got, want float64
	}{
		{"rounds", float64(s.Rounds), 3},
		{"helpmock req/s", c.RPS, 45000},
		{"helpmock p99", c.P99, 3},
		{"helpmock errors", float64(c.Errors), 1},
		{"helpmock requests", float64(c.Requests), 675000},
		{"helpmock startup", s.Server[serverHelpmock].StartupMS, 13.5},
		{"prism RSS MB", s.Server[serverPrism].RSSMB, 305000.0 * 1024 / 1e6},
		{"helpmock / ceiling", s.ratio(serverHelpmock, serverCeiling, "refreshToken JSON"), 0.6},
		{"helpmock / prism", s.ratio(serverHelpmock, serverPrism, "refreshToken JSON"), 18},
		{"missing server", s.ratio(serverLogOff, serverCeiling, "refreshToken JSON"), 0},
		{"paced p99", s.cell(serverPaced, "refreshToken JSON").P99, 2.2},
		{"paced after ceiling", float64(rank(s.Servers, serverPaced) - rank(s.Servers, serverCeiling)), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("Summarize(sample).%s = %v, want %v", tt.name, tt.got, tt.want)
			}
		})
	}
}

func TestWriteMarkdown(t *testing.T) {
	rows, err := ParseRows(strings.NewReader(sampleRows))
	if err != nil {
		t.Fatalf("ParseRows: %v", err)
	}
	var b strings.Builder
	s := Summarize(rows)
	s.VerifyMS = []float64{250, 300, 200}
	s.WriteMarkdown(&b, []string{"Machine: test"}, []string{"a note"})
	golden(t, "report.md", b.String())
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatalf("update %s: %v", path, err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		tb.Errorf("WriteMarkdown(sample) = \n%s\nwant (%s)\n%s", got, path, want)
	}
}

func FuzzParseRows(f *testing.F) {
	f.Add(sampleRows)
	f.Add("1\ts\tc\t1\t1\t1\t1\t0\t1\tct\t1\t1\n")
	f.Add("\t\t\t\t\t\t\t\t\t\t\t\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := ParseRows(strings.NewReader(in))
		if err != nil {
			return
		}
		var b strings.Builder
		Summarize(rows).WriteMarkdown(&b, nil, nil)
	})
}

func TestFloatFlags(t *testing.T) {
	tests := []struct {
		name, in string
		wantErr  bool
	}{
		{"milliseconds", "312.5", false},
		{"exponent", "312500e-3", false},
		{"negative", "-1", true},
		{"NaN", "NaN", true},
		{"word", "fast", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f floatFlags
			if err := f.Set(tt.in); (err != nil) != tt.wantErr {
				t.Errorf("floatFlags.Set(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
		})
	}
}

// TestRatioIsPaired checks that a ratio is the median of the rounds' ratios: when the
// machine is slow in one round for both servers, the pairs cancel it out, where the ratio
// of the medians would not.
func TestRatioIsPaired(t *testing.T) {
	const c = "refreshToken JSON"
	var rows []Row
	for round, rps := range [][2]float64{{30000, 50000}, {15000, 25000}, {36000, 60000}} {
		rows = append(rows,
			Row{Round: round + 1, Server: serverHelpmock, Case: c, RPS: rps[0]},
			Row{Round: round + 1, Server: serverCeiling, Case: c, RPS: rps[1]})
	}
	// Round 4 measured only the ceiling: it counts in its median, not in the ratio.
	rows = append(rows, Row{Round: 4, Server: serverCeiling, Case: c, RPS: 10000})
	s := Summarize(rows)
	if got := s.ratio(serverHelpmock, serverCeiling, c); math.Abs(got-0.6) > 1e-9 {
		t.Errorf("ratio = %v, want 0.6 (every round's ratio)", got)
	}
	if medians := s.cell(serverHelpmock, c).RPS / s.cell(serverCeiling, c).RPS; math.Abs(medians-0.6) < 1e-3 {
		t.Errorf("the ratio of the medians is %v too: the test does not tell the two apart", medians)
	}
}
