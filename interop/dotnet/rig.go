package dotnet

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

//go:embed Interop.cs
var interopSource []byte

// Install says how to get what the rig needs, for messages.
const Install = "install Mono and Json.NET from Debian: interop/dotnet/install.sh, or apt-get install mono-devel libmono-system-runtime-serialization4.0-cil libnewtonsoft-json5.0-cil"

// jsonNETPaths are where Debian's libnewtonsoft-json packages put Newtonsoft.Json.dll.
var jsonNETPaths = []string{
	"/usr/lib/cli/Newtonsoft.Json-5.0/Newtonsoft.Json.dll",
	"/usr/lib/cli/Newtonsoft.Json-6.0/Newtonsoft.Json.dll",
	"/usr/lib/cli/Newtonsoft.Json-4.5/Newtonsoft.Json.dll",
}

// Toolchain is the Mono installation the rig compiles and runs with.
type Toolchain struct {
	MCS, Mono, JSONNET string
}

// ErrUnavailable is wrapped by Available's error when Mono or Json.NET is missing.
var ErrUnavailable = errors.New(".NET rig unavailable")

// Available finds mcs, mono and Newtonsoft.Json.dll ($HELPMOCK_NEWTONSOFT_JSON overrides
// the Debian paths), or says what is missing and how to install it.
func Available() (*Toolchain, error) {
	var tc Toolchain
	var missing []string
	var err error
	if tc.MCS, err = exec.LookPath("mcs"); err != nil {
		missing = append(missing, "mcs")
	}
	if tc.Mono, err = exec.LookPath("mono"); err != nil {
		missing = append(missing, "mono")
	}
	paths := jsonNETPaths
	if p := os.Getenv("HELPMOCK_NEWTONSOFT_JSON"); p != "" {
		paths = []string{p}
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			tc.JSONNET = p
			break
		}
	}
	if tc.JSONNET == "" {
		missing = append(missing, "Newtonsoft.Json.dll")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %s not found (%s)", ErrUnavailable, strings.Join(missing, ", "), Install)
	}
	return &tc, nil
}

// Build compiles Interop.cs with models' classes into dir/Interop.exe (with
// Newtonsoft.Json.dll beside it) and returns the executable's path.
func (tc *Toolchain) Build(ctx context.Context, models *Models, dir string) (string, error) {
	src := filepath.Join(dir, "Interop.cs")
	gen := filepath.Join(dir, "Models.cs")
	exe := filepath.Join(dir, "Interop.exe")
	if err := os.WriteFile(src, interopSource, 0o644); err != nil {
		return "", fmt.Errorf("build interop: %w", err)
	}
	if err := os.WriteFile(gen, []byte(models.Source), 0o644); err != nil {
		return "", fmt.Errorf("build interop: %w", err)
	}
	dll, err := os.ReadFile(tc.JSONNET)
	if err != nil {
		return "", fmt.Errorf("build interop: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Newtonsoft.Json.dll"), dll, 0o644); err != nil {
		return "", fmt.Errorf("build interop: %w", err)
	}
	cmd := exec.CommandContext(ctx, tc.MCS, "-nologo", "-target:exe", "-out:"+exe,
		"-r:System.Runtime.Serialization", "-r:System.Xml", "-r:"+tc.JSONNET, src, gen)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build interop: mcs %s: %w\n%s", gen, err, out)
	}
	return exe, nil
}

// Rig is a running Interop.exe serving requests over its standard input and output.
type Rig struct {
	mu     sync.Mutex
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr strings.Builder
}

// Start runs exe in serve mode in the time zone zone (TZ: .NET writes a DateTime of
// DateTimeKind.Local with its offset; see LocalZone). Close stops it.
func (tc *Toolchain) Start(exe, zone string) (*Rig, error) {
	r := &Rig{cmd: exec.Command(tc.Mono, exe, "serve")}
	r.cmd.Env = append(os.Environ(), "TZ="+zone)
	r.cmd.Stderr = &r.stderr
	var err error
	if r.stdin, err = r.cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("start interop: %w", err)
	}
	out, err := r.cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start interop: %w", err)
	}
	r.stdout = bufio.NewReaderSize(out, 1<<16)
	if err := r.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start interop: %w", err)
	}
	return r, nil
}

// Close stops the rig.
func (r *Rig) Close() error {
	r.stdin.Close()
	return r.cmd.Wait()
}

// Result is the rig's answer to Read or Write.
type Result struct {
	// Canonical is the value as Json.NET writes it with Web API's settings.
	Canonical string
	// Bytes is the value written with the real serializer of the format asked.
	Bytes string
}

// Read has .NET read body as the C# type typ, in XML (the spec's serializer) or JSON
// (Json.NET); Bytes is the value written back in the same format.
func (r *Rig) Read(typ string, xml bool, body []byte) (Result, error) {
	return r.call("read", typ, xml, string(body))
}

// Write has .NET read value (JSON) as typ with Json.NET and write it in XML or JSON.
func (r *Rig) Write(typ string, xml bool, value []byte) (Result, error) {
	return r.call("write", typ, xml, string(value))
}

func (r *Rig) call(op, typ string, xml bool, body string) (Result, error) {
	format := "json"
	if xml {
		format = "xml"
	}
	req, err := json.Marshal(map[string]string{"op": op, "type": typ, "format": format, "body": body})
	if err != nil {
		return Result{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, err := r.stdin.Write(append(req, '\n')); err != nil {
		return Result{}, fmt.Errorf("interop %s %s: %w (%s)", op, typ, err, r.stderr.String())
	}
	line, err := r.stdout.ReadBytes('\n')
	if err != nil {
		return Result{}, fmt.Errorf("interop %s %s: %w (%s)", op, typ, err, r.stderr.String())
	}
	var ans struct {
		OK        bool   `json:"ok"`
		Canonical string `json:"canonical"`
		Bytes     string `json:"bytes"`
		Error     string `json:"error"`
	}
	if err := json.Unmarshal(line, &ans); err != nil {
		return Result{}, fmt.Errorf("interop %s %s: answer %q: %w", op, typ, line, err)
	}
	if !ans.OK {
		return Result{}, fmt.Errorf(".NET %s %s %s: %s", op, format, typ, ans.Error)
	}
	return Result{Canonical: ans.Canonical, Bytes: monoObject.ReplaceAllStringFunc(ans.Bytes, frameworkObject)}, nil
}

// monoObject is an element Mono's DataContractSerializer writes for a System.Object
// member holding new object(): it names the type (i:type="xsd:anyType"), which .NET
// Framework's, whose writer gives no type when the value's type is the member's declared
// type, does not (<Extra />, as the Help Pages show it).
var monoObject = regexp.MustCompile(` xmlns:(\w+)="http://www\.w3\.org/2001/XMLSchema" i:type="(\w+):anyType" />`)

// frameworkObject writes a monoObject match as .NET Framework writes it.
func frameworkObject(m string) string {
	sub := monoObject.FindStringSubmatch(m)
	if sub[1] != sub[2] {
		return m
	}
	return " />"
}
