package keyring

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync"
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

// sealedPrefix starts every text sealed under the key a stream's
// [Subjects] names; anchoredPrefix every text sealed under the key its
// [Anchors] name. The prefix says which key opens the text, so a stream
// may hold both: entries written before a journal took [Anchors] and
// entries written after.
const (
	sealedPrefix   = "sealed:v1:"
	anchoredPrefix = "sealed:v2:"
)

// IsErased reports whether text is [ErasedText].
func IsErased(text string) bool { return text == ErasedText }

// Subjects maps a stream to the subject whose key seals its confidential
// texts, and reports false for a stream that holds none (an agency's
// roster, say).
type Subjects func(stream string) (subject string, ok bool)

// Anchors name a stream's subject from what its record says rather than
// from its name: a case's stream is named after the case, but the person
// whose key should seal it (the client, who may have several cases over
// the years) is written in its first entry. With Anchors, one key seals
// every stream about one person, and destroying it erases them all.
//
// Anchor returns the stream whose first entry names the subject of
// stream: the stream itself, or the one it belongs to (a case's access log
// belongs to the case), and false for a stream that [Anchors] do not
// cover. Subject returns the subject that first entry names, and false if
// it names none. Subject is given the entry as the journal below keeps it,
// with its confidential texts sealed: it must read only identifiers, which
// stay readable. A nil Anchor or Subject covers no stream.
//
// A stream's first entry never changes, so [Sealed] asks once per stream
// and remembers the answer.
type Anchors struct {
	Anchor  func(stream string) (anchor string, ok bool)
	Subject func(first relationship.Entry) (subject string, ok bool)
}

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
// A journal made with [NewSealedAnchored] seals new texts under the key
// its [Anchors] name (one per person, say) and still opens texts sealed
// before under the key its [Subjects] name (one per case, say); a stream
// of the record may hold both, and [Sealed.StreamSubjects] lists the
// keys that seal it.
//
// A text written before sealing began (not in the sealed form) reads as
// it was written. Sealing makes a text about a third longer (base64), so
// the longest text a sealed journal keeps is [MaxSealedText], about 768
// KiB, rather than [relationship.MaxTextSize].
type Sealed struct {
	inner    relationship.Journal
	ring     Keyring
	subjects Subjects
	anchors  Anchors

	mu       sync.Mutex
	anchored map[string]string // anchor stream -> the subject its first entry names
}

var _ relationship.Journal = (*Sealed)(nil)

// NewSealed returns a journal that seals what inner keeps, with keys from
// ring, for the streams subjects names. A nil subjects seals nothing.
func NewSealed(inner relationship.Journal, ring Keyring, subjects Subjects) *Sealed {
	return NewSealedAnchored(inner, ring, subjects, Anchors{})
}

// NewSealedAnchored returns a journal that seals what inner keeps, with
// keys from ring: new texts of a stream that anchors covers under the key
// of the subject its anchor's first entry names, and, for a stream they do
// not cover (or whose anchor holds no entry yet), under the key of the
// subject that subjects names. Texts sealed under subjects' keys before
// still open, so a record written by [NewSealed] can be read, and written
// on, by a journal made here with the same subjects.
func NewSealedAnchored(inner relationship.Journal, ring Keyring, subjects Subjects, anchors Anchors) *Sealed {
	if subjects == nil {
		subjects = func(string) (string, bool) { return "", false }
	}
	return &Sealed{inner: inner, ring: ring, subjects: subjects, anchors: anchors, anchored: map[string]string{}}
}

// anchoredSubject returns the subject the anchors name for stream: from
// the memory of earlier answers, from an append of the anchor's first
// entry in batch, or from the first entry the journal below holds for the
// anchor. It reports false when the anchors do not cover stream or its
// anchor holds no entry yet.
func (s *Sealed) anchoredSubject(ctx context.Context, stream string, batch []relationship.Append) (string, bool, error) {
	if s.anchors.Anchor == nil || s.anchors.Subject == nil {
		return "", false, nil
	}
	anchor, ok := s.anchors.Anchor(stream)
	if !ok {
		return "", false, nil
	}
	s.mu.Lock()
	subject, ok := s.anchored[anchor]
	s.mu.Unlock()
	if ok {
		return subject, true, nil
	}
	for _, a := range batch {
		if a.Stream == anchor && len(a.Entries) > 0 && a.Entries[0].Seq() == 1 {
			// not remembered: the append may yet be refused
			subject, ok := s.anchors.Subject(a.Entries[0])
			return subject, ok, nil
		}
	}
	for e, err := range s.inner.Read(ctx, anchor, 0) {
		if err != nil {
			return "", false, err
		}
		subject, ok := s.anchors.Subject(e)
		if ok {
			s.mu.Lock()
			s.anchored[anchor] = subject
			s.mu.Unlock()
		}
		return subject, ok, nil
	}
	return "", false, nil
}

// StreamSubjects returns the subjects whose keys seal, or may have sealed,
// the confidential texts of stream: the subject its [Anchors] name, if
// any, then the one its [Subjects] name, if any and different. Destroying
// all of them erases the stream. Errors: the journal's, reading the
// anchor's first entry.
func (s *Sealed) StreamSubjects(ctx context.Context, stream string) ([]string, error) {
	if s == nil || s.inner == nil {
		return nil, relationship.Nil("sealed journal")
	}
	var out []string
	subject, ok, err := s.anchoredSubject(ctx, stream, nil)
	if err != nil {
		return nil, err
	}
	if ok {
		out = append(out, subject)
	}
	if legacy, ok := s.subjects(stream); ok && legacy != subject {
		out = append(out, legacy)
	}
	return out, nil
}

// Forget destroys subject's key: every text sealed under it, in every
// entry and snapshot of every stream, reads from now on as [ErasedText]
// (crypto-shredding). Errors: those of [Keyring.Destroy].
func (s *Sealed) Forget(ctx context.Context, subject string) error {
	return s.ring.Destroy(ctx, subject)
}

// Erased reports whether the texts of stream are erased: nil when they
// can be read (or the stream holds none), and a [*KeyError] wrapping
// [ErrKeyDestroyed] that names the subject when a key that seals them
// (see [Sealed.StreamSubjects]) was destroyed.
func (s *Sealed) Erased(ctx context.Context, stream string) error {
	subjects, err := s.StreamSubjects(ctx, stream)
	if err != nil {
		return err
	}
	for _, subject := range subjects {
		if _, err := s.ring.Key(ctx, subject); errors.Is(err, ErrKeyDestroyed) {
			return err
		}
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
		if !anyConfidential(a.Entries) {
			continue
		}
		subject, prefix, ok, err := s.sealingSubject(ctx, a.Stream, appends)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		key, err := s.key(ctx, subject)
		if err != nil {
			return err
		}
		out[i].Entries = make([]relationship.Entry, len(a.Entries))
		for j, e := range a.Entries {
			if out[i].Entries[j], err = seal(key, prefix, a.Stream, e); err != nil {
				return err
			}
		}
	}
	return s.inner.Append(ctx, out...)
}

// sealingSubject returns the subject whose key seals what is written now
// to stream, and the prefix that says so: the anchored subject if there is
// one, else the one [Subjects] names.
func (s *Sealed) sealingSubject(ctx context.Context, stream string, batch []relationship.Append) (string, string, bool, error) {
	subject, ok, err := s.anchoredSubject(ctx, stream, batch)
	if err != nil || ok {
		return subject, anchoredPrefix, ok, err
	}
	subject, ok = s.subjects(stream)
	return subject, sealedPrefix, ok, nil
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

func seal(key Key, prefix, stream string, e relationship.Entry) (relationship.Entry, error) {
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
		return prefix + base64.RawStdEncoding.EncodeToString(b), nil
	})
	if err != nil {
		return relationship.Entry{}, &relationship.EntryError{Seq: e.Seq(), Reason: "seal a text for stream " + stream, Err: err}
	}
	return relationship.NewEntry(e.Seq(), e.Time(), e.Actor(), e.Act(), ev)
}

// SealedLen returns the length of a text of n bytes once sealed: the
// prefix and the base64 of the format byte, nonce, ciphertext and tag.
// (Both prefixes have the same length.)
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

// opener opens the entries of one stream, fetching each of its keys once.
type opener struct {
	s        *Sealed
	stream   string
	legacy   keySlot // the key [Subjects] names: texts with sealedPrefix
	anchored keySlot // the key [Anchors] name: texts with anchoredPrefix
}

// keySlot is one key of a stream, fetched on first use.
type keySlot struct {
	subject string
	known   bool // the subject is known (for the anchored slot: resolved)
	fetched bool
	key     Key
	erased  bool
}

func (s *Sealed) opener(stream string) *opener {
	subject, ok := s.subjects(stream)
	return &opener{s: s, stream: stream, legacy: keySlot{subject: subject, known: ok, fetched: !ok}}
}

// fetch gets the slot's key: erased when it was destroyed, invalid when
// the subject never had one.
func (k *keySlot) fetch(ctx context.Context, ring Keyring) error {
	if k.fetched {
		return nil
	}
	key, err := ring.Key(ctx, k.subject)
	switch {
	case errors.Is(err, ErrKeyDestroyed):
		k.erased = true
	case errors.Is(err, ErrNoKey):
		// nothing was sealed under it: a record written before sealing began
	case err != nil:
		return err
	}
	k.key, k.fetched = key, true
	return nil
}

// slot returns the key slot that opens a text sealed with prefix.
func (o *opener) slot(ctx context.Context, prefix string) (*keySlot, error) {
	if prefix == sealedPrefix {
		return &o.legacy, o.legacy.fetch(ctx, o.s.ring)
	}
	if !o.anchored.known {
		subject, ok, err := o.s.anchoredSubject(ctx, o.stream, nil)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &KeyError{Op: "open", Subject: o.stream, Err: ErrNoKey}
		}
		o.anchored = keySlot{subject: subject, known: true}
	}
	return &o.anchored, o.anchored.fetch(ctx, o.s.ring)
}

func (o *opener) open(ctx context.Context, e relationship.Entry) (relationship.Entry, error) {
	c, ok := e.Event().(Confidential)
	if !ok {
		return e, nil
	}
	ad := aad(o.stream, e)
	ev, err := c.MapText(func(text string) (string, error) {
		prefix := sealedPrefix
		rest, ok := strings.CutPrefix(text, sealedPrefix)
		if !ok {
			prefix = anchoredPrefix
			if rest, ok = strings.CutPrefix(text, anchoredPrefix); !ok {
				return text, nil
			}
		}
		if prefix == sealedPrefix && !o.legacy.known {
			return text, nil // a stream no key covers keeps its texts as written
		}
		k, err := o.slot(ctx, prefix)
		if err != nil {
			return "", err
		}
		if k.erased {
			return ErasedText, nil
		}
		b, err := base64.RawStdEncoding.DecodeString(rest)
		if err != nil {
			return "", &KeyError{Op: "open", Subject: k.subject, Err: ErrDecrypt}
		}
		if !k.key.IsValid() {
			return "", &KeyError{Op: "open", Subject: k.subject, Err: ErrNoKey}
		}
		p, err := k.key.Open(b, ad)
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
// snapshot's data when its stream has a subject (the anchored one first).
func (s *Sealed) SaveSnapshot(ctx context.Context, stream string, snap relationship.Snapshot) error {
	if len(snap.Data) > 0 {
		subject, prefix, ok, err := s.sealingSubject(ctx, stream, nil)
		if err != nil {
			return err
		}
		if ok {
			key, err := s.key(ctx, subject)
			if err != nil {
				return err
			}
			data, err := key.Seal(snap.Data, snapshotAAD(stream, snap))
			if err != nil {
				return err
			}
			if prefix == anchoredPrefix {
				data = append([]byte(anchoredPrefix), data...)
			}
			snap.Data = data
		}
	}
	return s.inner.SaveSnapshot(ctx, stream, snap)
}

// LoadSnapshot implements [relationship.Journal.LoadSnapshot]. The
// snapshot of an erased subject is not returned (false): the aggregate is
// rebuilt from its entries, whose texts read as erased.
func (s *Sealed) LoadSnapshot(ctx context.Context, stream string) (relationship.Snapshot, bool, error) {
	snap, ok, err := s.inner.LoadSnapshot(ctx, stream)
	if err != nil || !ok {
		return snap, ok, err
	}
	o := s.opener(stream)
	var k *keySlot
	rest, anchored := bytes.CutPrefix(snap.Data, []byte(anchoredPrefix))
	if anchored {
		snap.Data = rest
		if k, err = o.slot(ctx, anchoredPrefix); err != nil {
			return relationship.Snapshot{}, false, err
		}
		if !k.erased && !k.key.IsValid() {
			return relationship.Snapshot{}, false, &KeyError{Op: "open", Subject: k.subject, Err: ErrNoKey}
		}
	} else {
		if !o.legacy.known {
			return snap, true, nil
		}
		if k, err = o.slot(ctx, sealedPrefix); err != nil {
			return relationship.Snapshot{}, false, err
		}
	}
	switch {
	case k.erased:
		return relationship.Snapshot{}, false, nil
	case !k.key.IsValid():
		return snap, true, nil // saved before sealing began
	}
	data, err := k.key.Open(snap.Data, snapshotAAD(stream, snap))
	if err != nil {
		return relationship.Snapshot{}, false, err
	}
	snap.Data = data
	return snap, true, nil
}

// Close implements [relationship.Journal.Close]: it closes the journal
// below.
func (s *Sealed) Close() error { return s.inner.Close() }
