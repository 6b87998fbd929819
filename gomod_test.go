package helpmock

import (
	"encoding/json"
	"os/exec"
	"testing"
)

// TestGoModInstallable checks that go.mod has no replace or exclude directive: `go install
// github.com/helpmock/helpmock/cmd/helpmock@latest`, the README's install and CI example,
// refuses a module whose go.mod has one, and a build from a clone is the same program as
// the installed one.
func TestGoModInstallable(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to read go.mod: %v", err)
	}
	out, err := exec.Command(goBin, "mod", "edit", "-json", "go.mod").Output()
	if err != nil {
		t.Fatalf("go mod edit -json: %v", err)
	}
	type modulePath struct{ Path, Version string }
	var mod struct {
		Module  modulePath
		Replace []struct{ Old, New modulePath }
		Exclude []modulePath
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatalf("go mod edit -json: %v\n%s", err, out)
	}
	if mod.Module.Path != "github.com/helpmock/helpmock" {
		t.Fatalf("go.mod's module = %q, want github.com/helpmock/helpmock", mod.Module.Path)
	}
	for _, r := range mod.Replace {
		t.Errorf("go.mod replaces %s with %s: go install ...@latest fails on it", r.Old.Path, r.New.Path)
	}
	for _, x := range mod.Exclude {
		t.Errorf("go.mod excludes %s %s: go install ...@latest fails on it", x.Path, x.Version)
	}
}
