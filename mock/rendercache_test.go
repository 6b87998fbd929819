package mock

import (
	"log/slog"
	mrand "math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
)

// These tests check the render cache (rendercache.go) against the renderer it stands in
// for: encodeAnswer, which builds the value with Fixture.Render and encodes it.

func loadSnapshot(t testing.TB, fixtureDir string) *snapshot {
	t.Helper()
	sp, err := spec.LoadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := fixtures.Load(os.DirFS(fixtureDir))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := compile(&Options{}, sp, set)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// hostileEnv renders with a clock that has ticks and a request whose values need
// escaping in JSON and in XML.
func hostileEnv(seed byte) fixtures.Env {
	return fixtures.Env{
		Now:      time.Date(2026, 3, 4, 5, 6, 7, 891234500, time.UTC),
		Rand:     mrand.NewChaCha8([32]byte{seed}),
		TokenTTL: 90 * time.Minute,
		Request: map[string]any{
			"stateCode":      "<09> & \"quoted\" 'apos' \u2028 \x01 ]]> é",
			"AccessTokenOld": "a&b",
		},
	}
}

// slowAnswer is sc's answer in mediaType as the renderer writes it, without the cache.
func slowAnswer(t *testing.T, op *operation, sc *scenario, mediaType string, env fixtures.Env) []byte {
	t.Helper()
	out, err := op.encodeAnswer(sc, mediaType, env)
	if err != nil {
		t.Fatalf("%s/%s %s: encodeAnswer: %v", op.ID, sc.name, mediaType, err)
	}
	return out
}

func TestCompiledAnswersMatchEncoder(t *testing.T) {
	snap := loadSnapshot(t, "../fixtures")
	compiled := 0
	for _, id := range []string{"refreshToken", "pfmsGetRefreshToken"} {
		op := snap.ops[id]
		if op == nil {
			t.Fatalf("operation %s missing", id)
		}
		for _, sc := range op.scenarios {
			if sc.fixture != nil && (sc.fixture.Fault != "" || !sc.fixture.HasBody()) {
				if len(sc.bodies) != 0 {
					t.Errorf("%s/%s: a fault scenario has compiled bodies", id, sc.name)
				}
				continue
			}
			for _, mt := range op.formats.writable {
				t.Run(id+"/"+sc.name+"/"+mt, func(t *testing.T) {
					bt := sc.bodies[mt]
					if bt == nil {
						// Every embedded fixture has only string and DateTimeOffset
						// templates, so every one of them must compile.
						t.Fatalf("no compiled body for %s", mt)
					}
					compiled++
					for seed := range byte(3) {
						want := slowAnswer(t, op, sc, mt, hostileEnv(seed))
						got, err := bt.render(nil, sc.fixture, hostileEnv(seed))
						if err != nil {
							t.Fatalf("render: %v", err)
						}
						if string(got) != string(want) {
							t.Fatalf("cached answer differs from the renderer's:\n got %s\nwant %s", got, want)
						}
					}
				})
			}
		}
	}
	if compiled == 0 {
		t.Fatal("no compiled answers checked")
	}
}

func TestCompiledAnswerEscapesRequestText(t *testing.T) {
	snap := loadSnapshot(t, "../fixtures")
	op := snap.ops["pfmsGetRefreshToken"]
	sc := op.scenario("success")
	for mt, want := range map[string]string{
		spec.ApplicationJSON: `"responseData":"Token generated for state <09> & \"quoted\" 'apos' \u2028 \u0001 ]]> é"`,
		spec.ApplicationXML:  `<responseData>Token generated for state &lt;09&gt; &amp; "quoted" 'apos' ` + "\u2028" + ` &#x1; ]]&gt; é</responseData>`,
	} {
		got, err := sc.bodies[mt].render(nil, sc.fixture, hostileEnv(1))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(got), want) {
			t.Errorf("%s answer = %s, want it to contain %s", mt, got, want)
		}
	}
}

func TestCompiledAnswerFallsBack(t *testing.T) {
	// A template in an integer member cannot be a slot: XML needs the number parsed.
	dir := t.TempDir()
	fixture := "status: 200\ndefault: true\nbody:\n  AccessToken: \"{{token}}\"\n  ErrorCode: \"{{request.AccessTokenOld}}\"\n  Succeeded: true\n  Errors: []\n"
	if err := os.WriteFile(dir+"/refreshToken.numeric.yaml", []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}
	sp, err := spec.LoadFile("../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := fixtures.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	op, err := newOperation(sp.Operation("refreshToken"), set, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	op.prerender()
	sc := op.scenario("numeric")
	if bt := sc.bodies[spec.ApplicationXML]; bt != nil {
		t.Errorf("XML body compiled with a template in an int member: %+v", bt.parts)
	}
	// JSON writes the template's text as a string wherever it is, so it compiles.
	if sc.bodies[spec.ApplicationJSON] == nil {
		t.Error("JSON body not compiled")
	}
}

func TestTemplateMarkIsUniqueDateTimeOffset(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range []int{0, 1, 9, 10, 99, 1234, 9999998} {
		m := templateMark(n)
		if seen[m] {
			t.Fatalf("templateMark(%d) = %s repeats", n, m)
		}
		seen[m] = true
		if _, err := time.Parse(time.RFC3339Nano, m); err != nil {
			t.Errorf("templateMark(%d) = %s is not a date-time: %v", n, m, err)
		}
	}
}

// BenchmarkCompiledAnswer measures what the mock does per request to render a default
// scenario's answer now (a compiled body: render the templates' texts, copy the rest).
// BenchmarkRender in mock_bench_test.go measures the way it replaces, in the same run:
// build the value tree with Fixture.Render and encode it.
func BenchmarkCompiledAnswer(b *testing.B) {
	snap := loadSnapshot(b, "../fixtures")
	env := fixtures.Env{Now: time.Now(), TokenTTL: time.Hour,
		Request: map[string]any{"AccessTokenOld": "sample string 1", "AccessTokenRefresh": "sample string 2"}}
	for _, id := range []string{"refreshToken", "pfmsGetRefreshToken"} {
		op := snap.ops[id]
		sc := op.scenario(op.defaultName)
		for _, mt := range []string{spec.ApplicationJSON, spec.ApplicationXML} {
			name := id + " JSON"
			if spec.IsXML(mt) {
				name = id + " XML"
			}
			bt := sc.bodies[mt]
			if bt == nil {
				b.Fatalf("%s %s: no compiled body", id, mt)
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := bt.render(nil, sc.fixture, env); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
