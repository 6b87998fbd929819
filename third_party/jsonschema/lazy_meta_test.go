package jsonschema

// helpmock patch: tests of the lazily compiled metaschemas (see draft.go).

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// TestMetaschemasCompileOnFirstUse checks that the metaschemas are compiled by the
// first schema that needs them, from many goroutines at once (run with -race), and
// that an invalid schema is still rejected against its draft's metaschema.
func TestMetaschemasCompileOnFirstUse(t *testing.T) {
	const goroutines = 8
	var wg sync.WaitGroup
	errs := make([]error, goroutines)
	for i := 0; i < goroutines; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := NewCompiler()
			if err := c.AddResource("mem://bad.json", map[string]any{"type": 12.0}); err != nil {
				errs[i] = err
				return
			}
			_, errs[i] = c.Compile("mem://bad.json")
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		var sve *SchemaValidationError
		if !errors.As(err, &sve) {
			t.Errorf("goroutine %d: Compile(invalid schema) = %v, want a *SchemaValidationError", i, err)
		}
	}
	for _, d := range []*Draft{Draft4, Draft6, Draft7, Draft2019, Draft2020} {
		if d.sch == nil {
			t.Errorf("%s: metaschema not compiled after first use", d)
		}
		for name, sch := range d.allVocabs {
			if sch == nil {
				t.Errorf("%s: vocabulary %s not compiled after first use", d, name)
			}
		}
	}

	c := NewCompiler()
	if err := c.AddResource("mem://good.json", map[string]any{"type": "string", "maxLength": 2.0}); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("mem://good.json")
	if err != nil {
		t.Fatalf("Compile(valid schema): %v", err)
	}
	if err := sch.Validate("ab"); err != nil {
		t.Errorf("Validate(%q): %v", "ab", err)
	}
	if err := sch.Validate("abc"); err == nil || !strings.Contains(err.Error(), "maxLength") {
		t.Errorf("Validate(%q) = %v, want a maxLength error", "abc", err)
	}
}
