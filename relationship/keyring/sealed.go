package keyring

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/helpingwork/helping/relationship"
)

// Confidential is an event with text that identifies or describes a
// client: a name, a household, a note, evidence, a diagnosis, a reason.
// MapText returns a copy of the event with every such text replaced by
// f's result, and the event's other fields (identifiers, kinds, phases,
// amounts, times) as they were; the event itself is unchanged. It returns
// f's first error.
//
// The events of package casework implement it; an event of a program's
// own relationship implements it to have [Sealed] keep its texts sealed.
type Confidential interface {
	relationship.Event
	MapText(f func(string) (string, error)) (relationship.Event, error)
}

// ErasedText is what a sealed text reads as once its subject's key is
// destroyed: the entry still replays and measures, and says what was
// there is gone.
const ErasedText = "[erased]"

// sealedPrefix starts every sealed text in a record.
const sealedPrefix = "sealed:v1:"

// IsErased reports whether text is [ErasedText].
func IsErased(text string) bool { return text == ErasedText }

// Subjects maps a stream to the subject whose key seals its confidential
// texts, and reports false for a stream that holds none (an agency's
// roster, say).
type Subjects func(stream string) (subject string, ok bool)

// Sealed is a [relationship.Journal] that keeps the confidential texts of
// its entries (see [Confidential]) and its snapshots sealed under the key
// of each stream's subject, in the journal it wraps: the bytes that reach
// the disk or the database hold no plaintext of them, while every other
// field stays readable, so that a record without its keys still replays
// and measures.
//
// Appending to a stream whose subject has no key yet creates one. Once a
// subject's key is destroyed ([Sealed.Forget]), its entries read with
// each sealed text as [ErasedText], its snapshots are ignored (the
// aggregate is rebuilt from the entries), and appending to its streams
// fails with an error wrapping [ErrKeyDestroyed]: an erased record is
// closed.
//
// A text written before sealing began (not in the sealed form) reads as
// it was written. Sealing makes a text about a third longer (base64), so
// the longest text a sealed journal keeps is [MaxSealedText], about 768
// KiB, rather than [relationship.MaxTextSize].
type Sealed struct {
	inner    relationship.Journal
	ring     Keyring
	subjects Subjects
}

var _ relationship.Journal = (*Sealed)(nil)

// NewSealed returns a journal that seals what inner keeps, with keys from
// ring, for the streams subjects names.
func NewSealed(inner relationship.Journal, ring Keyring, subjects Subjects) *Sealed {
	return &Sealed{inner: inner, ring: ring, subjects: subjects}
}

// Forget destroys subject's key: every text sealed under it, in every
// entry and snapshot of every stream, reads from now on as [ErasedText]
// (crypto-shredding). Errors: those of [Keyring.Destroy].
func (s *Sealed) Forget(ctx context.Context, subject string) error {
	return s.ring.Destroy(ctx, subject)
}

// Erased reports whether the texts of stream are erased: nil when they
// can be read (or the stream holds none), and a [*KeyError] wrapping
// [ErrKeyDestroyed] that names the subject when they were erased.
func (s *Sealed) Erased(ctx context.Context, stream string) error {
	subject, ok := s.subjects(stream)
	if !ok {
		return nil
	}
	_, err := s.ring.Key(ctx, subject)
	if errors.Is(err, ErrKeyDestroyed) {
		return err
	}
	return nil
}

// aad binds a sealed text to its entry: it does not open in another
// stream, event type, actor or time.
func aad(stream string, e relationship.Entry) []byte {
	return []byte(stream + "\x00" + e.Event().EventType() + "\x00" + e.Actor().String() + "\x00" + e.Time().Format(time.RFC3339Nano))
}

// Append implements [relationship.Journal.Append], sealing the
// confidential texts of each entry before the journal below sees it.
func (s *Sealed) Append(ctx context.Context, appends ...relationship.Append) error {
	out := make([]relationship.Append, len(appends))
	for i, a := range appends {
		out[i] = a
		subject, ok := s.subjects(a.Stream)
		if !ok || !anyConfidential(a.Entries) {
			continue
		}
		key, err := s.key(ctx, subject)
		if err != nil {
			return err
		}
		out[i].Entries = make([]relationship.Entry, len(a.Entries))
		for j, e := range a.Entries {
			if out[i].Entries[j], err = seal(key, a.Stream, e); err != nil {
				return err
			}
		}
	}
	return s.inner.Append(ctx, out...)
}

func anyConfidential(es []relationship.Entry) bool {
	for _, e := range es {
		if _, ok := e.Event().(Confidential); ok {
			return true
		}
	}
	return false
}

// key returns the subject's key, creating it on first use.
func (s *Sealed) key(ctx context.Context, subject string) (Key, error) {
	k, err := s.ring.Key(ctx, subject)
	if !errors.Is(err, ErrNoKey) {
		return k, err
	}
	k, err = s.ring.Create(ctx, subject)
	if errors.Is(err, ErrKeyExists) {
		return s.ring.Key(ctx, subject)
	}
	return k, err
}

func seal(key Key, stream string, e relationship.Entry) (relationship.Entry, error) {
	c, ok := e.Event().(Confidential)
	if !ok {
		return e, nil
	}
	ad := aad(stream, e)
	ev, err := c.MapText(func(text string) (string, error) {
		if n := SealedLen(len(text)); n > relationship.MaxTextSize {
			return "", fmt.Errorf("%w: a text of %d bytes seals to %d, longer than %d (the longest a sealed text may be is %d bytes)",
				relationship.ErrTooLarge, len(text), n, relationship.MaxTextSize, MaxSealedText)
		}
		b, err := key.Seal([]byte(text), ad)
		if err != nil {
			return "", err
		}
		return sealedPrefix + base64.RawStdEncoding.EncodeToString(b), nil
	})
	if err != nil {
		return relationship.Entry{}, &relationship.EntryError{Seq: e.Seq(), Reason: "seal a text for stream " + stream, Err: err}
	}
	return relationship.NewEntry(e.Seq(), e.Time(), e.Actor(), e.Act(), ev)
}

// SealedLen returns the length of a text of n bytes once sealed: the
// prefix and the base64 of the format byte, nonce, ciphertext and tag.
func SealedLen(n int) int { return len(sealedPrefix) + base64.RawStdEncoding.EncodedLen(n+Overhead) }

// MaxSealedText is the longest text [Sealed] can keep: the longest whose
// sealed form fits in [relationship.MaxTextSize], so that what is saved
// reads back. A longer text is refused when it is saved, with an error
// wrapping [relationship.ErrTooLarge], rather than saved and then found
// unreadable.
var MaxSealedText = func() int {
	n := relationship.MaxTextSize * 3 / 4
	for SealedLen(n+1) <= relationship.MaxTextSize {
		n++
	}
	for SealedLen(n) > relationship.MaxTextSize {
		n--
	}
	return n
}()

// opener opens the entries of one stream, fetching its key once.
type opener struct {
	s       *Sealed
	stream  string
	subject string
	sealed  bool
	fetched bool
	key     Key
	erased  bool
}

func (s *Sealed) opener(stream string) *opener {
	subject, ok := s.subjects(stream)
	return &opener{s: s, stream: stream, subject: subject, sealed: ok}
}

func (o *opener) open(ctx context.Context, e relationship.Entry) (relationship.Entry, error) {
	c, ok := e.Event().(Confidential)
	if !ok || !o.sealed {
		return e, nil
	}
	if !o.fetched {
		k, err := o.s.ring.Key(ctx, o.subject)
		switch {
		case errors.Is(err, ErrKeyDestroyed):
			o.erased = true
		case errors.Is(err, ErrNoKey):
			// nothing was sealed: a record written before sealing began
		case err != nil:
			return relationship.Entry{}, err
		}
		o.key, o.fetched = k, true
	}
	ad := aad(o.stream, e)
	ev, err := c.MapText(func(text string) (string, error) {
		rest, ok := strings.CutPrefix(text, sealedPrefix)
		if !ok {
			return text, nil
		}
		if o.erased {
			return ErasedText, nil
		}
		b, err := base64.RawStdEncoding.DecodeString(rest)
		if err != nil {
			return "", &KeyError{Op: "open", Subject: o.subject, Err: ErrDecrypt}
		}
		if !o.key.IsValid() {
			return "", &KeyError{Op: "open", Subject: o.subject, Err: ErrNoKey}
		}
		p, err := o.key.Open(b, ad)
		return string(p), err
	})
	if err != nil {
		return relationship.Entry{}, &relationship.EntryError{Seq: e.Seq(), Reason: "sealed text in stream " + o.stream + " does not open", Err: relationship.ErrInvalidEntry, Cause: err}
	}
	return relationship.NewEntry(e.Seq(), e.Time(), e.Actor(), e.Act(), ev)
}

// Read implements [relationship.Journal.Read], opening sealed texts.
func (s *Sealed) Read(ctx context.Context, stream string, from uint64) iter.Seq2[relationship.Entry, error] {
	return func(yield func(relationship.Entry, error) bool) {
		o := s.opener(stream)
		for e, err := range s.inner.Read(ctx, stream, from) {
			if err == nil {
				e, err = o.open(ctx, e)
			}
			if !yield(e, err) || err != nil {
				return
			}
		}
	}
}

// Version implements [relationship.Journal.Version].
func (s *Sealed) Version(ctx context.Context, stream string) (uint64, error) {
	return s.inner.Version(ctx, stream)
}

// Streams implements [relationship.Journal.Streams].
func (s *Sealed) Streams(ctx context.Context) iter.Seq2[string, error] { return s.inner.Streams(ctx) }

// Feed implements [relationship.Journal.Feed], opening sealed texts.
func (s *Sealed) Feed(ctx context.Context, after uint64) iter.Seq2[relationship.FeedEntry, error] {
	return func(yield func(relationship.FeedEntry, error) bool) {
		openers := map[string]*opener{}
		for fe, err := range s.inner.Feed(ctx, after) {
			if err == nil {
				o := openers[fe.Stream]
				if o == nil {
					o = s.opener(fe.Stream)
					openers[fe.Stream] = o
				}
				fe.Entry, err = o.open(ctx, fe.Entry)
			}
			if !yield(fe, err) || err != nil {
				return
			}
		}
	}
}

// Wait implements [relationship.Journal.Wait].
func (s *Sealed) Wait(ctx context.Context, after uint64) error { return s.inner.Wait(ctx, after) }

func snapshotAAD(stream string, snap relationship.Snapshot) []byte {
	return []byte("snapshot\x00" + stream + "\x00" + snap.Type)
}

// SaveSnapshot implements [relationship.Journal.SaveSnapshot], sealing the
// snapshot's data when its stream has a subject.
func (s *Sealed) SaveSnapshot(ctx context.Context, stream string, snap relationship.Snapshot) error {
	if subject, ok := s.subjects(stream); ok && len(snap.Data) > 0 {
		key, err := s.key(ctx, subject)
		if err != nil {
			return err
		}
		if snap.Data, err = key.Seal(snap.Data, snapshotAAD(stream, snap)); err != nil {
			return err
		}
	}
	return s.inner.SaveSnapshot(ctx, stream, snap)
}

// LoadSnapshot implements [relationship.Journal.LoadSnapshot]. The
// snapshot of an erased subject is not returned (false): the aggregate is
// rebuilt from its entries, whose texts read as erased.
func (s *Sealed) LoadSnapshot(ctx context.Context, stream string) (relationship.Snapshot, bool, error) {
	snap, ok, err := s.inner.LoadSnapshot(ctx, stream)
	subject, sealed := s.subjects(stream)
	if err != nil || !ok || !sealed {
		return snap, ok, err
	}
	key, err := s.ring.Key(ctx, subject)
	switch {
	case errors.Is(err, ErrKeyDestroyed):
		return relationship.Snapshot{}, false, nil
	case errors.Is(err, ErrNoKey):
		return snap, true, nil // saved before sealing began
	case err != nil:
		return relationship.Snapshot{}, false, err
	}
	data, err := key.Open(snap.Data, snapshotAAD(stream, snap))
	if err != nil {
		return relationship.Snapshot{}, false, err
	}
	snap.Data = data
	return snap, true, nil
}

// Close implements [relationship.Journal.Close]: it closes the journal
// below.
func (s *Sealed) Close() error { return s.inner.Close() }
