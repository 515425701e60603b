package casework

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
// household, notes, evidence, diagnosis, reasons) by destroying the case's
// key in the sealed journal j, and records in [PrivacyStreamName] that it
// happened. The case still loads from j, its texts reading as
// [keyring.ErasedText], every phase and measure as before; no more
// changes can be saved to it.
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
	subject, _ := KeySubject(StreamName(c.ID()))
	if err := j.Forget(ctx, subject); err != nil && !errors.Is(err, keyring.ErrNoKey) {
		return fmt.Errorf("casework: forget case %s: %w", c.ID(), err)
	}
	return c.recordPrivacy(ctx, j, actor, ActForget, CaseErased{Case: c.ID(), Role: role})
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
