package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// maxInitBytes bounds what any one package may allocate in its init. Start-up has a
// target (under 30 ms to the first answer) and package inits run on every start of
// every command. The heaviest today, santhosh-tekuri/jsonschema/v6 (imported by
// kin-openapi), compiles every JSON Schema metaschema in init, about 1.7 MB, which a
// 3.0 spec never uses; the bound sits a little above it, so that no heavier init comes
// in unnoticed (its time: bench/results.md).
const maxInitBytes = 2 << 20

// initTraceLine matches GODEBUG=inittrace=1's line for one package's init.
var initTraceLine = regexp.MustCompile(`^init (\S+) @\S+ ms, \S+ ms clock, (\d+) bytes, \d+ allocs$`)

// TestPackageInitStaysCheap runs the built binary with GODEBUG=inittrace=1, which
// reports each package init's allocations (deterministic, unlike its clock), and fails
// if one allocates more than maxInitBytes: a new dependency's, or a new version's, heavy
// init.
func TestPackageInitStaysCheap(t *testing.T) {
	bin := buildHelpmock(t)
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("helpmock version: %v\n%s", err, stderr.String())
	}
	seen := map[string]bool{}
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		m := initTraceLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		pkg := m[1]
		seen[pkg] = true
		n, err := strconv.Atoi(m[2])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", sc.Text(), err)
		}
		if n > maxInitBytes {
			t.Errorf("package %s allocates %d bytes in init, more than %d", pkg, n, maxInitBytes)
		}
	}
	// The trace must have been read: these packages are always linked in.
	for _, pkg := range []string{"github.com/getkin/kin-openapi/openapi3", "github.com/santhosh-tekuri/jsonschema/v6"} {
		if !seen[pkg] {
			t.Errorf("no inittrace line for %s in:\n%s", pkg, stderr.String())
		}
	}
}
