package mock

import (
	"errors"
	"fmt"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	publicspec "github.com/helpmock/helpmock/spec"
)

// snapshot is what a reload replaces as one: the spec, the fixtures and the operations
// prepared from them. It is immutable once built.
type snapshot struct {
	spec     *spec.Spec
	fixtures *fixtures.Set
	ops      map[string]*operation
	// errorFormats are the media types every formatter of the service writes, which
	// HttpError bodies negotiate among.
	errorFormats *formats
}

// compile prepares the operations of sp with the scenarios of set and validates every
// fixture against the spec (and, in stateful mode, that each token operation has the
// scenarios that refuse a refresh token). All problems are reported at once.
func compile(opts *Options, sp *spec.Spec, set *fixtures.Set) (*snapshot, error) {
	if sp == nil {
		return nil, errors.New("mock: a spec is required")
	}
	snap := &snapshot{spec: sp, fixtures: set, ops: map[string]*operation{}}
	normalized := make([]*spec.Operation, len(sp.Operations))
	var service formatSet
	for i, o := range sp.Operations {
		normalized[i] = normalizeMediaTypes(o)
		service.addResponse(normalized[i])
	}
	snap.errorFormats = service.build()
	var errs []error
	for _, o := range normalized {
		op, err := newOperation(o, set, opts.Logger)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		op.naming = sp.JSONNaming()
		var own formatSet
		own.addResponse(o)
		if op.formats = own.build(); !hasContent(o, o.SuccessStatus()) {
			// An answer without content negotiates like an error.
			op.formats = snap.errorFormats
		}
		hasFixtures := set != nil && len(set.Scenarios(o.ID)) > 0
		op.warnUndocumentedBody(opts.Logger, hasFixtures)
		op.checkAnswers(opts.Logger)
		op.echo = echoMembers(op)
		valid := true
		for _, sc := range op.scenarios {
			if sc.fixture != nil {
				if err := validateFixture(o, sc.fixture); err != nil {
					errs = append(errs, err)
					valid = false
				}
			}
		}
		if valid {
			op.prerender()
		}
		snap.ops[o.ID] = op
	}
	if set != nil {
		for _, id := range set.Operations() {
			if sp.Operation(id) == nil {
				errs = append(errs, fmt.Errorf("fixtures for %s: the spec has no operation %q", id, id))
			}
		}
	}
	if opts.Stateful {
		errs = append(errs, checkTokenScenarios(snap.ops, opts.Logger)...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return snap, nil
}

// current returns the snapshot requests are answered from.
func (s *Server) current() *snapshot { return s.snap.Load() }

// Reload validates sp and set as New does and, when they are good, swaps them in
// atomically: requests already in flight finish with the old version, the next ones get
// the new one. Pins, token state and the journal survive. On error nothing changes; the
// error names each bad file and line.
func (s *Server) Reload(sp *publicspec.Spec, set *fixtures.Set) error {
	if sp == nil {
		return errors.New("reload: no spec")
	}
	snap, err := compile(&s.opts, spec.Compiled(sp), set)
	if err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	s.snap.Store(snap)
	s.opts.Logger.Info("reloaded", "operations", len(snap.ops))
	return nil
}
