package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/keyring"
)

// A client's rights over their record. The EU's General Data Protection
// Regulation gives a person the right to see everything held about them
// (Art. 15), in a machine-readable form they can take elsewhere (Art. 20),
// and to have it erased (Art. 17); HIPAA gives a right of access
// (45 CFR 164.524) and an accounting of disclosures (164.528). Erasure in
// an append-only record is crypto-shredding: see package keyring.
//
// Both acts are themselves recorded, in the case's privacy stream
// ([PrivacyStreamName]), which holds nothing confidential and so outlives
// an erasure: an agency can always show when a record was erased or
// handed over, and by whom.

func init() {
	eventtype.Register[CaseErased]()
	eventtype.Register[RecordExported]()
}

// PrivacyStreamName returns the name of the stream that records the
// erasure and the subject-access exports of the case with the given
// identifier: "privacy-<id>".
func PrivacyStreamName(id uuid.UUID) string { return "privacy-" + id.String() }

// CaseErased records that a case's confidential texts were erased, by whom
// and in which role.
type CaseErased struct {
	Case uuid.UUID         `json:"case"`
	Role relationship.Role `json:"role"`
}

// RecordExported records that a case's record was handed to its client
// (subject access), by whom and in which role.
type RecordExported struct {
	Case uuid.UUID         `json:"case"`
	Role relationship.Role `json:"role"`
}

// EventType implements [relationship.Event].
func (CaseErased) EventType() string { return "casework.case-erased.v1" }

// EventType implements [relationship.Event].
func (RecordExported) EventType() string { return "casework.record-exported.v1" }

// The acts of a client's rights over the record.
const (
	ActForget relationship.Act = "forget-client"
	ActExport relationship.Act = "export-record"
)

// privacyActor returns the actor's role in the case if they may act on the
// client's rights: the client, or the supervisor of the assigned worker
// (the agency's officer who answers for the record). A worker alone may
// not erase or export: the act is the agency's, not one worker's.
func (c *Case) privacyActor(actor relationship.PartyID, act relationship.Act) (relationship.Role, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	switch actor {
	case c.st.client.ID():
		return relationship.RoleClient, nil
	case c.st.supervisor().ID():
		return relationship.RoleSupervisor, nil
	}
	role := relationship.Role(0)
	if p, err := c.st.party(actor); err == nil {
		role = p.Role()
	}
	return role, &relationship.PermissionError{Actor: actor, Role: role, Act: act}
}

// ErrCaseOpen means a case must be closed before its record is erased.
var ErrCaseOpen = errors.New("casework: the case is open")

// Forget erases the case's confidential texts (the client's name and
// household, notes, evidence, diagnosis, reasons) by destroying the keys
// that seal them in the sealed journal j, and records in
// [PrivacyStreamName] that it happened. The case still loads from j, its
// texts reading as [keyring.ErasedText], every phase and measure as
// before; no more changes can be saved to it.
//
// In a journal made by [NewSealedJournal] the key is the client's, shared
// by every case of theirs: there Forget erases all of them, as
// [ForgetClient] does (every one must be closed, and the erasure is
// recorded on each). In a journal sealed one key per case ([KeySubject])
// it erases this case alone.
//
// Who may: the client (the right to erasure is theirs) or the supervisor
// of the assigned worker, and only once the case is closed or withdrawn,
// so that no helping relationship is erased while it runs. Forgetting a
// forgotten case records the request again and changes nothing else.
//
// Errors: [*relationship.PermissionError] wrapping
// [relationship.ErrNotPermitted] for anyone else; [ErrCaseOpen]; the
// keyring's and the journal's errors.
func (c *Case) Forget(ctx context.Context, j *keyring.Sealed, actor relationship.PartyID) error {
	if c == nil {
		return relationship.Nil("case")
	}
	if j == nil {
		return relationship.Nil("journal")
	}
	role, err := c.privacyActor(actor, ActForget)
	if err != nil {
		return err
	}
	if c.Phase().IsOpen() {
		return fmt.Errorf("casework: forget case %s: %w", c.ID(), ErrCaseOpen)
	}
	subjects, err := j.StreamSubjects(ctx, StreamName(c.ID()))
	if err != nil {
		return fmt.Errorf("casework: forget case %s: %w", c.ID(), err)
	}
	if slices.Contains(subjects, ClientKeySubject(c.Client().ID())) {
		return forgetClient(ctx, j, c.Client().ID(), actor, c)
	}
	if err := destroyKeys(ctx, j, subjects); err != nil {
		return fmt.Errorf("casework: forget case %s: %w", c.ID(), err)
	}
	return c.recordPrivacy(ctx, j, actor, ActForget, CaseErased{Case: c.ID(), Role: role})
}

// ForgetClient erases everything recorded about a client in the sealed
// journal j, in every case of theirs it holds (a reopened need, a second
// case years later): it destroys the client's key ([ClientKeySubject]),
// and the keys of any of their cases sealed one key per case before
// ([KeySubject]), then records the erasure in each case's
// [PrivacyStreamName]. Every case still loads from j, its texts reading
// as [keyring.ErasedText], every phase and measure as before; other
// clients' cases are untouched.
//
// Who may: the client, or a supervisor who is the supervisor of the
// assigned worker in every one of the client's cases; and only once every
// case is closed or withdrawn. Everything is checked before any key is
// destroyed, so a refusal changes nothing. Forgetting a forgotten client
// records the request again and changes nothing else; after a failure
// part way (the keyring or the journal failing), calling it again
// finishes the work.
//
// A forgotten client stays forgotten: their key cannot be made again, so
// a case opened for the same party afterwards cannot be saved (an error
// wrapping keyring.ErrKeyDestroyed). A person who comes back after asking
// to be forgotten is registered as a new client, with a new identifier.
//
// The client's cases are found by reading the first entry of every case
// stream in j, which takes a read per case the journal holds: erasure is
// rare, and the record holds no index by client.
//
// Errors: a nil journal, or a zero client, wrapping
// [relationship.ErrNil]; an error wrapping [ErrNotFound] when j holds no
// case of the client; [*relationship.PermissionError] wrapping
// [relationship.ErrNotPermitted]; [ErrCaseOpen]; the keyring's and the
// journal's errors.
func ForgetClient(ctx context.Context, j *keyring.Sealed, client, actor relationship.PartyID) error {
	return forgetClient(ctx, j, client, actor, nil)
}

// forgetClient is ForgetClient, with self, when not nil, standing in for
// the loaded copy of its own case (its clock stamps its record).
func forgetClient(ctx context.Context, j *keyring.Sealed, client, actor relationship.PartyID, self *Case) error {
	if j == nil {
		return relationship.Nil("journal")
	}
	if client.IsZero() {
		return relationship.Nil("client")
	}
	cases, err := clientCases(ctx, j, client, self)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return fmt.Errorf("casework: forget client %s: no case of theirs: %w", client, ErrNotFound)
	}
	roles := make([]relationship.Role, len(cases))
	var subjects []string
	for i, c := range cases {
		if roles[i], err = c.privacyActor(actor, ActForget); err != nil {
			return err
		}
		if c.Phase().IsOpen() {
			return fmt.Errorf("casework: forget client %s: case %s: %w", client, c.ID(), ErrCaseOpen)
		}
		for _, stream := range []string{StreamName(c.ID()), AccessStreamName(c.ID())} {
			ss, err := j.StreamSubjects(ctx, stream)
			if err != nil {
				return fmt.Errorf("casework: forget client %s: %w", client, err)
			}
			for _, s := range ss {
				if !slices.Contains(subjects, s) {
					subjects = append(subjects, s)
				}
			}
		}
	}
	if !slices.Contains(subjects, ClientKeySubject(client)) {
		subjects = append(subjects, ClientKeySubject(client))
	}
	if err := destroyKeys(ctx, j, subjects); err != nil {
		return fmt.Errorf("casework: forget client %s: %w", client, err)
	}
	for i, c := range cases {
		if err := c.recordPrivacy(ctx, j, actor, ActForget, CaseErased{Case: c.ID(), Role: roles[i]}); err != nil {
			return err
		}
	}
	return nil
}

// destroyKeys destroys each subject's key; a subject that never had one
// sealed nothing.
func destroyKeys(ctx context.Context, j *keyring.Sealed, subjects []string) error {
	for _, s := range subjects {
		if err := j.Forget(ctx, s); err != nil && !errors.Is(err, keyring.ErrNoKey) {
			return err
		}
	}
	return nil
}

// clientCases loads every case of the client that j holds, in the order of
// j's streams, with self in place of its own loaded copy.
func clientCases(ctx context.Context, j *keyring.Sealed, client relationship.PartyID, self *Case) ([]*Case, error) {
	var ids []uuid.UUID
	for stream, err := range j.Streams(ctx) {
		if err != nil {
			return nil, fmt.Errorf("casework: forget client %s: %w", client, err)
		}
		rest, ok := strings.CutPrefix(stream, "case-")
		if !ok {
			continue
		}
		if id, err := uuid.Parse(rest); err == nil && StreamName(id) == stream {
			ids = append(ids, id)
		}
	}
	var out []*Case
	for _, id := range ids {
		stream := StreamName(id)
		var opened *CaseOpened
		for e, err := range j.Read(ctx, stream, 0) {
			if err != nil {
				return nil, fmt.Errorf("casework: forget client %s: %w", client, err)
			}
			if ev, ok := e.Event().(CaseOpened); ok {
				opened = &ev
			}
			break
		}
		if opened == nil || opened.Client.ID() != client {
			continue
		}
		if self != nil && self.ID() == id {
			out = append(out, self)
			continue
		}
		c, err := Load(ctx, j, id, nil)
		if err != nil {
			return nil, fmt.Errorf("casework: forget client %s: %w", client, err)
		}
		out = append(out, c)
	}
	return out, nil
}

func (c *Case) recordPrivacy(ctx context.Context, j relationship.Journal, actor relationship.PartyID, act relationship.Act, ev relationship.Event) error {
	e, err := relationship.NewEntry(1, c.src.Now(), actor, act, ev)
	if err != nil {
		return err
	}
	err = j.Append(ctx, relationship.Append{Stream: PrivacyStreamName(c.ID()), Expected: relationship.AnyVersion, Entries: []relationship.Entry{e}})
	if err != nil {
		return fmt.Errorf("casework: record %s of case %s: %w", act, c.ID(), err)
	}
	return nil
}

// SubjectAccessFormat names the version of the document [Case.Export]
// writes.
const SubjectAccessFormat = "helping.subject-access.v1"

// SubjectAccess is the document [Case.Export] writes: everything the
// agency holds about the client in one case, as JSON.
//
//	{
//	  "format":     "helping.subject-access.v1",
//	  "case":       "<case id>",
//	  "exported":   "<RFC 3339 time>",
//	  "client":     {"id", "name", "household", "presenting_problem", "needs", "strengths"},
//	  "record":     [every entry of the case's record, in order],
//	  "access_log": [every entry of its access log: who read or disclosed which note, when, in which role],
//	  "privacy":    [every erasure and export recorded before this one]
//	}
//
// Each entry has the form of [relationship.Entry.MarshalJSON]: seq, time,
// actor, act, type and the event's fields.
type SubjectAccess struct {
	Format    string               `json:"format"`
	Case      uuid.UUID            `json:"case"`
	Exported  time.Time            `json:"exported"`
	Client    Client               `json:"client"`
	Record    []relationship.Entry `json:"record"`
	AccessLog []relationship.Entry `json:"access_log"`
	Privacy   []relationship.Entry `json:"privacy"`
}

// Export writes to w, as a [SubjectAccess] JSON document, everything the
// case holds about its client: the record, with every text as the journal
// j opens it, and the access log and privacy records from j. It first
// records the export in [PrivacyStreamName], so that the hand-over is on
// the record before anything leaves.
//
// Who may: the client, or the supervisor of the assigned worker (acting on
// the client's request). Errors: [*relationship.PermissionError] for
// anyone else; the journal's errors; w's.
func (c *Case) Export(ctx context.Context, j relationship.Journal, actor relationship.PartyID, w io.Writer) error {
	if c == nil {
		return relationship.Nil("case")
	}
	if j == nil {
		return relationship.Nil("journal")
	}
	role, err := c.privacyActor(actor, ActExport)
	if err != nil {
		return err
	}
	doc := SubjectAccess{Format: SubjectAccessFormat, Case: c.ID(), Exported: c.src.Now().UTC(), Client: c.Client(),
		Record: []relationship.Entry{}, AccessLog: []relationship.Entry{}, Privacy: []relationship.Entry{}}
	for e := range c.Record() {
		doc.Record = append(doc.Record, e)
	}
	for _, s := range []struct {
		stream string
		into   *[]relationship.Entry
	}{{AccessStreamName(c.ID()), &doc.AccessLog}, {PrivacyStreamName(c.ID()), &doc.Privacy}} {
		for e, err := range j.Read(ctx, s.stream, 0) {
			if err != nil {
				return fmt.Errorf("casework: export case %s: %w", c.ID(), err)
			}
			*s.into = append(*s.into, e)
		}
	}
	if err := c.recordPrivacy(ctx, j, actor, ActExport, RecordExported{Case: c.ID(), Role: role}); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
