package projection

import (
	"context"
	"encoding"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/helpingwork/helping/relationship"
)

// ErrInvalidCheckpoint means a checkpoint could not be read back: not one
// that [Projection.Checkpoint] wrote, or its model's part did not decode.
var ErrInvalidCheckpoint = errors.New("projection: invalid checkpoint")

// Model is a read model: what a program wants to ask of its records,
// folded from the entries of a journal's feed, one at a time, in order.
//
// Apply must ignore, returning nil, the entries that do not concern it, so
// that every model can read the whole feed. It must depend only on the
// entries it is given and the order they come in, never on the clock or on
// anything else, so that a model rebuilt from the feed gives the same
// answers as one kept up to date all along. A model saves itself, with
// MarshalBinary, into a checkpoint, and UnmarshalBinary sets a fresh model
// to what it saved.
type Model interface {
	Apply(fe relationship.FeedEntry) error
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// Projection keeps a [Model] up to date from a journal's feed: it knows the
// position of the last entry it applied, so it reads on from there, after a
// restart too (see [Restore]). A Projection is safe for concurrent use:
// readers see the model between entries, never half way through one.
type Projection[M Model] struct {
	mu    sync.RWMutex
	model M
	pos   uint64 // the position of the last entry applied
}

// New returns the projection of model, which must be empty (freshly made):
// it starts from the beginning of the feed. Errors: a
// [*relationship.FieldError] wrapping [relationship.ErrNil] for a nil
// model.
func New[M Model](model M) (*Projection[M], error) {
	if isNil(model) {
		return nil, relationship.Nil("model")
	}
	return &Projection[M]{model: model}, nil
}

// isNil reports whether m is nil, or a nil pointer, map or slice.
func isNil(m any) bool {
	if m == nil {
		return true
	}
	switch v := reflect.ValueOf(m); v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface, reflect.Func, reflect.Chan:
		return v.IsNil()
	}
	return false
}

// Position returns the position of the last feed entry applied, 0 if none.
func (p *Projection[M]) Position() uint64 {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.pos
}

// View calls read with the model, which does not change while read runs.
// read must not keep the model, nor change it.
func (p *Projection[M]) View(read func(M)) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	read(p.model)
}

// CatchUp applies every entry of j's feed after [Projection.Position] to
// the model, and returns how many it applied, once it has applied what the
// feed held when it was called. Errors: the feed's, or the model's, naming
// the position; the entries applied before it stay applied.
func (p *Projection[M]) CatchUp(ctx context.Context, j relationship.Journal) (int, error) {
	if p == nil {
		return 0, relationship.Nil("projection")
	}
	if isNil(j) {
		return 0, relationship.Nil("journal")
	}
	n := 0
	for fe, err := range j.Feed(ctx, p.Position()) {
		if err != nil {
			return n, err
		}
		if err := p.apply(fe); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// apply applies one entry and moves the position on.
func (p *Projection[M]) apply(fe relationship.FeedEntry) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if fe.Position <= p.pos {
		return fmt.Errorf("projection: feed position %d after position %d", fe.Position, p.pos)
	}
	if err := p.model.Apply(fe); err != nil {
		return fmt.Errorf("projection: entry %d of stream %q at position %d: %w", fe.Entry.Seq(), fe.Stream, fe.Position, err)
	}
	p.pos = fe.Position
	return nil
}

// FollowOptions adjust [Projection.Follow]. A nil *FollowOptions means the
// defaults: no checkpoints.
type FollowOptions struct {
	// Checkpoint, if set, is called with a checkpoint of the projection
	// (see [Projection.Checkpoint]) after each catch-up that applied
	// entries; it stores it where [Restore] can find it after a restart.
	// Its error ends Follow.
	Checkpoint func(ctx context.Context, checkpoint []byte) error
}

// Follow catches up with j's feed, then waits for new entries and catches
// up again, until ctx is done or an error occurs: it returns the context's
// error, or the feed's, the model's or the checkpoint's.
func (p *Projection[M]) Follow(ctx context.Context, j relationship.Journal, opts *FollowOptions) error {
	if opts == nil {
		opts = &FollowOptions{}
	}
	if p == nil {
		return relationship.Nil("projection")
	}
	if isNil(j) {
		return relationship.Nil("journal")
	}
	for {
		n, err := p.CatchUp(ctx, j)
		if err != nil {
			return err
		}
		if n > 0 && opts.Checkpoint != nil {
			cp, err := p.Checkpoint()
			if err != nil {
				return err
			}
			if err := opts.Checkpoint(ctx, cp); err != nil {
				return err
			}
		}
		if err := j.Wait(ctx, p.Position()); err != nil {
			return err
		}
	}
}

// checkpointMagic begins every checkpoint, with its format's version.
const checkpointMagic = "helping-projection.v1\n"

// Checkpoint returns the position and the model, together, as one value
// that [Restore] reads back: what a program stores so that after a
// restart the projection reads on from where it was instead of from the
// beginning.
func (p *Projection[M]) Checkpoint() ([]byte, error) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	model, err := p.model.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("projection: checkpoint: %w", err)
	}
	b := append([]byte(checkpointMagic), binary.AppendUvarint(nil, p.pos)...)
	return append(b, model...), nil
}

// Restore returns the projection saved in checkpoint, with model, which
// must be fresh, set to the model saved there. Errors: an error wrapping
// [ErrInvalidCheckpoint]; [relationship.ErrNil] for a nil model.
func Restore[M Model](model M, checkpoint []byte) (*Projection[M], error) {
	if isNil(model) {
		return nil, relationship.Nil("model")
	}
	rest, ok := cutPrefix(checkpoint, checkpointMagic)
	if !ok {
		return nil, fmt.Errorf("%w: not a checkpoint of this format", ErrInvalidCheckpoint)
	}
	pos, n := binary.Uvarint(rest)
	if n <= 0 {
		return nil, fmt.Errorf("%w: no position", ErrInvalidCheckpoint)
	}
	if err := model.UnmarshalBinary(rest[n:]); err != nil {
		return nil, fmt.Errorf("%w: the model: %w", ErrInvalidCheckpoint, err)
	}
	return &Projection[M]{model: model, pos: pos}, nil
}

// cutPrefix is bytes.CutPrefix for a string prefix.
func cutPrefix(b []byte, prefix string) ([]byte, bool) {
	if len(b) < len(prefix) || string(b[:len(prefix)]) != prefix {
		return nil, false
	}
	return b[len(prefix):], true
}
