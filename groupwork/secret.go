package groupwork

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/groupwork/count"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/keyring"
)

// The durable sealed box. A secret or hidden vote's ballot waits for the
// close in the group's box; with a keyring ([Options.Keyring]) it is also
// written to the record, in its [VoteCast], sealed under a key of the
// proposal's own, so that a group loaded while the vote is open still
// holds every ballot. The close destroys that key once the closing entry
// is saved. The package documentation (its section "Secret ballots") sets out the
// trust model: who can read what, and what the close destroys.

// Sentinel errors of receipts (see [Receipt]).
var (
	// ErrNotSecret means a receipt was asked for a vote that is not a
	// secret ballot: an open or hidden vote's ballots are recorded with
	// their voters' names, so there is nothing a receipt could add.
	ErrNotSecret = errors.New("groupwork: not a secret ballot")
	// ErrInvalidReceipt means a receipt that no vote could have given: no
	// proposal, or a secret of the wrong size.
	ErrInvalidReceipt = errors.New("groupwork: invalid receipt")
	// ErrNotCounted means a receipt that matches no ballot counted in the
	// decision: the vote was changed afterwards (a changed vote gets a new
	// receipt), its voter left before the close, the receipt is for
	// another proposal or was altered, or the ballot was not counted.
	ErrNotCounted = errors.New("groupwork: ballot not among those counted")
)

// ReceiptError reports a receipt that cannot be given or does not check
// against a decision. It names the proposal only, never the ballot or the
// receipt's secret, so it may be logged. It unwraps to [ErrNotSecret],
// [ErrInvalidReceipt] or [ErrNotCounted].
type ReceiptError struct {
	Proposal uuid.UUID
	Reason   string
	Err      error
}

func (e *ReceiptError) Error() string {
	msg := "groupwork: receipt"
	if e.Proposal != uuid.Nil {
		msg += " for proposal " + e.Proposal.String()
	}
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the sentinel.
func (e *ReceiptError) Unwrap() error { return e.Err }

// secretSize is the size of a receipt's secret: 256 bits, the size of an
// HMAC-SHA256 key.
const secretSize = 32

// sealedVote is one ballot in the box: the ballot, and the secret of the
// receipt its voter was given.
type sealedVote struct {
	ballot Ballot
	secret []byte
}

// secrets is what a group keeps to seal ballots in its record: the
// keyring, the keys fetched from it, and the proposals whose keys are to
// be destroyed once their close is saved. Guarded by the group's lock.
type secrets struct {
	ring    keyring.Keyring
	keys    map[uuid.UUID]keyring.Key
	shred   []shredding
	entropy io.Reader // where receipt secrets come from: crypto/rand, unless a test says otherwise
}

// shredding is a proposal whose key is destroyed once the entry at seq,
// which closed or withdrew it, is saved.
type shredding struct {
	proposal uuid.UUID
	seq      uint64
}

// ProposalKeySubject returns the subject under which a group with a keyring
// ([Options.Keyring]) keeps the key that seals the ballots of a secret or
// hidden vote on the proposal: "groupwork-proposal-" followed by its
// identifier.
func ProposalKeySubject(proposal uuid.UUID) string { return "groupwork-proposal-" + proposal.String() }

// newSecret returns a fresh random receipt secret, from crypto/rand.
func (g *Group) newSecret() ([]byte, error) {
	s := make([]byte, secretSize)
	src := g.secrets.entropy
	if src == nil {
		src = rand.Reader
	}
	if _, err := io.ReadFull(src, s); err != nil {
		return nil, fmt.Errorf("groupwork: draw a receipt secret: %w", err)
	}
	return s, nil
}

// sealedSize is the size of every sealed ballot of a proposal with n
// options, before sealing: a format byte, the vote, stance and response,
// the number of options listed, room for every option, and the receipt's
// secret. Every ballot of a proposal seals to the same size, whatever it
// says, so that the size of a sealed ballot says nothing of its content.
func sealedSize(n int) int { return 1 + 3 + 4 + 4*n + secretSize }

const ballotFormat = 1

// encodeSealed writes the ballot and the secret in the fixed-size form
// sealedSize gives. The ballot has been checked against the proposal.
func encodeSealed(b Ballot, secret []byte, n int) []byte {
	out := make([]byte, sealedSize(n))
	out[0] = ballotFormat
	out[1], out[2], out[3] = uint8(b.Vote), uint8(b.Stance), uint8(b.Response)
	binary.BigEndian.PutUint32(out[4:], uint32(len(b.Options)))
	for i, o := range b.Options {
		binary.BigEndian.PutUint32(out[8+4*i:], uint32(o))
	}
	copy(out[len(out)-secretSize:], secret)
	return out
}

// decodeSealed reads what encodeSealed wrote for a proposal with n
// options, and checks the ballot against its rule.
func decodeSealed(data []byte, sp *ProposalSpec) (sealedVote, error) {
	n := len(sp.Options)
	bad := func(reason string) (sealedVote, error) {
		return sealedVote{}, &relationship.EntryError{Err: relationship.ErrInvalidEntry, Reason: "a sealed ballot " + reason}
	}
	if len(data) != sealedSize(n) || data[0] != ballotFormat {
		return bad("of another size or format")
	}
	k := binary.BigEndian.Uint32(data[4:])
	if k > uint32(n) {
		return bad("lists more options than the proposal has")
	}
	b := Ballot{Vote: count.Vote(data[1]), Stance: count.Stance(data[2]), Response: count.Response(data[3])}
	for i := range int(k) {
		b.Options = append(b.Options, int(binary.BigEndian.Uint32(data[8+4*i:])))
	}
	if err := b.check(sp.Rule, n, 0); err != nil {
		return bad("does not fit the rule: " + err.Error())
	}
	return sealedVote{ballot: b.normal(sp.Rule), secret: slices.Clone(data[len(data)-secretSize:])}, nil
}

// ballotAAD binds a sealed ballot to its place: the group, the proposal,
// the voter, their period of membership and how many times they had
// changed their vote, so that a sealed ballot copied to another voter's
// entry, or an earlier one put in place of a later, does not open.
func ballotAAD(group, proposal uuid.UUID, voter relationship.PartyID, period, changes int) []byte {
	return []byte("groupwork.ballot.v1\x00" + group.String() + "\x00" + proposal.String() + "\x00" + voter.String() +
		"\x00" + strconv.Itoa(period) + "\x00" + strconv.Itoa(changes))
}

// proposalKey returns the key that seals the proposal's ballots, from
// the group's cache or its keyring, creating it when create is set and
// there is none. The caller holds the write lock.
func (g *Group) proposalKey(ctx context.Context, proposal uuid.UUID, create bool) (keyring.Key, error) {
	if k, ok := g.secrets.keys[proposal]; ok {
		return k, nil
	}
	subject := ProposalKeySubject(proposal)
	k, err := g.secrets.ring.Key(ctx, subject)
	if create && errors.Is(err, keyring.ErrNoKey) {
		k, err = g.secrets.ring.Create(ctx, subject)
		if errors.Is(err, keyring.ErrKeyExists) { // created meanwhile by another copy of the group
			k, err = g.secrets.ring.Key(ctx, subject)
		}
	}
	if err != nil {
		return keyring.Key{}, fmt.Errorf("groupwork: the key of proposal %s: %w", proposal, err)
	}
	if g.secrets.keys == nil {
		g.secrets.keys = map[uuid.UUID]keyring.Key{}
	}
	g.secrets.keys[proposal] = k
	return k, nil
}

// sealVote seals the ballot of the vote ev for the record. It first checks
// the vote as the record would (so that a vote refused creates no key),
// then seals the ballot and the secret under the proposal's key, bound to
// the voter's place. The caller holds the write lock.
func (g *Group) sealVote(actor relationship.PartyID, ev *VoteCast, v sealedVote) error {
	if _, err := g.eng.Check(actor, *ev, input{sealed: &v.ballot}); err != nil {
		return err
	}
	s, st := &g.st, &g.rules.step
	p := &s.proposals[st.prop]
	changes := 0
	if ev.Replaces {
		changes = p.casts[st.target].changes + 1
	}
	key, err := g.proposalKey(context.Background(), p.id, true)
	if err != nil {
		return err
	}
	ad := ballotAAD(s.id, p.id, s.partyAt(st.target), s.period(st.target), changes)
	ev.Sealed, err = key.Seal(encodeSealed(v.ballot, v.secret, len(p.spec.Options)), ad)
	return err
}

// unseal fills the box with the sealed ballots the record holds for the
// voters whose votes count now and whose ballots the box lacks (a group
// loaded while the vote was open). Without a keyring, or for a vote cast
// without one, the ballot stays missing. The caller holds the write lock.
func (g *Group) unseal(p *proposalState) error {
	if g.secrets.ring == nil || !p.spec.sealed() {
		return nil
	}
	s := &g.st
	for _, slot := range s.counted(p) {
		c := p.casts[slot]
		if _, ok := g.box[p.id][slot]; ok || c.sealed == nil {
			continue
		}
		key, err := g.proposalKey(context.Background(), p.id, false)
		if err != nil {
			return err
		}
		plain, err := key.Open(c.sealed, ballotAAD(s.id, p.id, s.partyAt(slot), c.period, c.changes))
		if err != nil {
			return fmt.Errorf("groupwork: proposal %s: the sealed ballot of %s: %w", p.id, s.partyAt(slot), err)
		}
		v, err := decodeSealed(plain, &p.spec)
		clear(plain)
		if err != nil {
			return fmt.Errorf("groupwork: proposal %s: the sealed ballot of %s: %w", p.id, s.partyAt(slot), err)
		}
		g.putBox(p.id, slot, v)
	}
	return nil
}

// putBox puts v in the box as the ballot of the voter in slot.
func (g *Group) putBox(proposal uuid.UUID, slot int32, v sealedVote) {
	if g.box == nil {
		g.box = map[uuid.UUID]map[int32]sealedVote{}
	}
	if g.box[proposal] == nil {
		g.box[proposal] = map[int32]sealedVote{}
	}
	g.box[proposal][slot] = v
}

// ended forgets what the group held of a proposal's sealed ballots once it
// is closed or withdrawn at entry seq, and, with a keyring, marks its key
// to be destroyed once that entry is saved. The caller holds the write
// lock.
func (g *Group) ended(proposal uuid.UUID, seq uint64) {
	delete(g.box, proposal)
	delete(g.secrets.keys, proposal)
	if g.secrets.ring != nil {
		g.secrets.shred = append(g.secrets.shred, shredding{proposal: proposal, seq: seq})
	}
}

// shredSaved destroys the keys of the proposals whose close or withdrawal
// is saved (up to version saved), so that nothing can open their sealed
// ballots again. A key never created (no one voted) is no error. A key
// that could not be destroyed stays marked and is tried again at the next
// save; its error is returned.
func (g *Group) shredSaved(ctx context.Context) error {
	if g.secrets.ring == nil {
		return nil
	}
	// Read in this order, a change made meanwhile can only make saved
	// smaller than it is: no key is destroyed before its close is saved.
	version := g.eng.Version()
	saved := version - uint64(g.eng.Unsaved())
	g.mu.Lock()
	due, keep := splitShred(g.secrets.shred, saved)
	g.secrets.shred = keep
	g.mu.Unlock()
	var errs []error
	var failed []shredding
	for _, d := range due {
		err := g.secrets.ring.Destroy(ctx, ProposalKeySubject(d.proposal))
		if err != nil && !errors.Is(err, keyring.ErrNoKey) {
			errs = append(errs, fmt.Errorf("groupwork: destroy the key of closed proposal %s: %w", d.proposal, err))
			failed = append(failed, d)
		}
	}
	if len(failed) > 0 {
		g.mu.Lock()
		g.secrets.shred = append(failed, g.secrets.shred...)
		g.mu.Unlock()
	}
	return errors.Join(errs...)
}

// splitShred returns the shreddings of entries up to saved, and the rest.
func splitShred(all []shredding, saved uint64) (due, keep []shredding) {
	for _, s := range all {
		if s.seq <= saved {
			due = append(due, s)
		} else {
			keep = append(keep, s)
		}
	}
	return due, keep
}
