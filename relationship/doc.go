// Package relationship is the shared vocabulary of helping relationships:
// who takes part and in which role, what kind of help passes between them,
// who may do what, and the record of everything that happened. Casework
// (package casework) and group work (package groupwork) both speak it, which
// is what lets the library compare them with numbers instead of adjectives.
//
// # Helping as exchange
//
// Social work has two classic ways of helping. In casework a trained worker
// helps a client: the worker holds the expertise, the agency's resources and
// most of the decisions, and help flows one way. In group work members help
// one another while a group worker facilitates: help flows many ways, and the
// group decides together. Both can be described as a stream of exchanges,
// each one a [Party] giving another some [Support] at a moment in time.
//
// The library knows five kinds of support ([SupportKind]); social-support
// research has no single canonical list, and the five come from two sources.
// James House (Work Stress and Social Support, 1981) named four:
// [Emotional] (being heard and cared for), instrumental, here [Material]
// (money, coal, food: the only kind with a quantity, see [NewMaterial]),
// [Informational] (advice and facts) and [Appraisal] (feedback that helps
// people judge themselves). [Companionship] (belonging, doing things
// together) comes from Thomas Wills ("Supportive Functions of Interpersonal
// Relationships", 1985) and Sheldon Cohen and Thomas Wills ("Stress, Social
// Support, and the Buffering Hypothesis", 1985), who call it social
// companionship. An [Exchange] records
// one act of help; [NewExchange] refuses help to oneself, zero identifiers and
// missing support.
//
// # Parties and roles
//
// Everyone who takes part is a [Party] with a [PartyID] (a UUID, by default
// time-ordered version 7) and a [Role]: [RoleClient], [RoleWorker],
// [RoleSupervisor] and [RoleAgency] in casework; [RoleMember] and
// [RoleFacilitator] in group work. A party logs itself through
// [log/slog] with a client's name redacted ([Party.LogValue]): confidentiality
// starts in the logs.
//
// # The ledger and its measures
//
// A [Ledger] is the append-only account of a relationship's exchanges. It
// keeps its totals up to date as each exchange is recorded, so that questions
// cost no more as the history grows:
//
//   - given and received per party and kind ([Ledger.Party], [PartySummary],
//     [Flow]); balance, given minus received ([PartySummary.Balance]);
//   - flow per ordered pair ([Ledger.Between]); in- and out-degree, the number
//     of distinct parties helped and helped by;
//   - [Ledger.Reciprocity]: of the pairs joined by help, the share where help
//     flows both ways; [Ledger.WeightedReciprocity] counts exchanges instead
//     of ties, Σ min(w(a,b), w(b,a)) / Σ w(a,b);
//   - [Ledger.Density]: the share of the n(n-1) possible helping ties that
//     exist. It falls as a relationship grows, since each person keeps up
//     only so many ties, so compare densities only between relationships
//     of similar size; [Metrics.TiesPerParty], the mean number of parties
//     each party helped, is its companion that does not depend on size;
//   - [Ledger.Concentration]: the Gini coefficient of what each party gives,
//     normalised so that 0 means all give equally and 1 means one party gives
//     everything, a measure of power over the flow of help.
//
// A casework case scores reciprocity 0 and concentration near 1; a lively
// mutual-aid group scores high reciprocity and low concentration. Neither
// measure depends on the number of parties, so they compare a case of two
// with a club of twenty fairly. Iterators
// walk the exchanges in recording order ([Ledger.All]), in time order
// ([Ledger.InTimeOrder]), or just those of one party ([Ledger.ByParty]) or
// kind ([Ledger.ByKind]).
//
// # Power as a rule
//
// Which role may perform which [Act] is a [Rights] table, and every
// operation of a case or group checks it first: a forbidden act fails with a
// [*PermissionError] that names the actor, the role and the act, and wraps
// [ErrNotPermitted]. Each act has an [ActKind] (decision, consent, provision,
// help, programme, record, access, membership, facilitation), so the acts a
// role actually performed can be counted by what they do to the balance of
// power.
//
// # The record
//
// Every change to an agency, a case or a group is an [Entry]: a sequence
// number, a time, the actor, the act, and a typed [Event]. The record is
// append-only, and replaying it rebuilds the same agency, case or group.
// Entries encode as stable JSON naming a versioned event type
// ([Entry.MarshalJSON]).
//
// One [Engine] runs every change through the same pipeline, live or
// replayed: it makes the entry, finds the actor, consults the rights
// table, checks the event's own fields and then the event against the
// state, encodes the entry (so that nothing is accepted that could not be
// saved), and only then applies it. Packages supply their events and
// [Rules]; the engine owns the order of the checks, saving, loading and
// replaying, once for all three kinds of relationship. A program can build
// a relationship of its own on it: register its events with
// [RegisterEvent] and write its Rules (the engine's tests build a food
// pantry's shelf that way).
//
// A [Journal] stores records as streams of entries, one stream per agency,
// case or group, with optimistic concurrency: each append states the
// version it expects each stream to be at and fails with
// [ErrVersionConflict] if another writer came first, so that no one
// silently overwrites anyone. One append may span several streams, all or
// nothing: a provision drawn from an agency's pool changes the case and
// the agency together ([Engine.DoWith]). An append at [AnyVersion] takes no
// expectation, for logs that many write and no one decides on, such as
// who read a case's notes. A journal also keeps snapshots ([Snapshot]): the
// state of a relationship at a version of its stream, which [Engine.Load]
// starts from when the rules can read it ([Snapshotter]), replaying only
// the entries after it, and passes over (and logs) when they cannot. It
// keeps a feed of every entry in commit order ([Journal.Feed]). Every journal
// keeps the same limits ([MaxEntrySize], [MaxAppendSize]), and every text
// a record holds is valid UTF-8 of at most [MaxTextSize] bytes
// ([CheckText]), refused where it is given. Package relationship/journal
// ships an in-memory journal and a durable file journal; package
// relationship/journaltest is the conformance suite for other
// implementations.
//
// A [Relationship] is what a case and a group have in common: a [Method]
// (casework or group work), [Purpose] values, parties, a read-only [LedgerView],
// a rights table and a record.
//
// # Determinism, concurrency and errors
//
// Time and identifiers come from [Sources]; tests and example programs use
// [StepClock] and [SequentialIDs] so that they print the same output on every
// run. [Ledger] is safe for concurrent use; the small values ([Party],
// [Support], [Exchange], [Entry], [Rights]) are immutable.
//
// Bad input never panics: it gets an error that wraps one of the package's
// sentinels ([ErrZeroID], [ErrSelfExchange], [ErrInvalidQuantity],
// [ErrUnknownText], [ErrNil], [ErrTooLarge], ...), usually through a typed
// error that carries the offending value ([*ExchangeError], [*TextError],
// [*QuantityError], [*FieldError]), and the value it was offered to is left
// unchanged. An error names a field and says what is wrong with it, but
// never quotes a text, which may be a client's confidence.
//
// # One vocabulary
//
// casework and groupwork speak this package's language, and say the same
// thing the same way:
//
//   - A value is made by a New function: [NewParty], casework's NewAgency
//     and NewCase, groupwork's NewGroup; loaded by Load and rebuilt from
//     entries by Replay.
//   - A record's position is Version, a uint64, on a case, an agency and a
//     group alike.
//   - A refusal of power, in any package, matches [ErrNotPermitted]: a role
//     the rights table does not allow, or a package's own rule of power, is
//     a [*PermissionError], whose Err may hold a more precise sentinel
//     (casework's ErrNotAssigned, groupwork's ErrNotProposer); someone
//     outside the relationship gets a [*PartyError], which matches
//     [ErrNotParty] beside it. An application tests one sentinel to tell
//     "you may not" from "that is wrong".
//   - A required text left empty or only white space is ErrBlank in both
//     packages; an identifier that names nothing in a case or group is a
//     NotFoundError; a stream a journal never held is [ErrNoRecord].
//   - Each name means one thing: [Facts] are what [Compare] measures of a
//     relationship, casework's Intake what a worker learns of a client,
//     groupwork's Profile what a member says of their own strengths and
//     needs.
//   - Messages name people by role, and by name only where the name is not
//     confidential (a worker's, a facilitator's, an agency's), never by a
//     raw identifier: the identifiers are in the errors' fields.
package relationship
