package relationship

import (
	"fmt"
	"log/slog"

	"github.com/helpingwork/helping/internal/redact"
)

// Confidentiality in logs and printed values.
//
// What a client tells a worker, and who the client is, is theirs
// (Biestek's principle of confidentiality). A program logs and prints
// values for its own operators, so every type of this package that can
// carry a client's name or words implements [slog.LogValuer] and
// [fmt.Formatter]: logging it with any handler, or printing it with any
// verb (%v, %+v, %#v, %s, %q), shows identifiers, roles, kinds, counts and
// times, and "[redacted]" in place of text. The record itself (the JSON of
// an [Entry]) is unchanged: it is the record, not a log.
//
// One gap is slog's, not ours: a handler resolves LogValue only for an
// attribute's own value, so the JSON handler encodes a slice such as
// []Entry with encoding/json, which writes the record's form. Log such a
// slice element by element, or use [LogValues].

// LogValues returns a value that logs each element of s by its LogValue.
// Use it to log a slice of entries, parties or any other values that
// redact themselves: slog.Any("entries", relationship.LogValues(es)).
func LogValues[T slog.LogValuer](s []T) slog.LogValuer { return logValues[T](s) }

type logValues[T slog.LogValuer] []T

// LogValue implements [slog.LogValuer].
func (s logValues[T]) LogValue() slog.Value { return redact.Value([]T(s)) }

// confidential reports whether a party's name is confidential: the name of
// someone who came for help, as a client of a case or a member of a group.
func (r Role) confidential() bool { return r == RoleClient || r == RoleMember }

// Format implements [fmt.Formatter]. A client's or a member's name is
// confidential, so every verb prints the party's identifier and role
// instead, as [Party.LogValue] logs it; other parties print as
// [Party.String].
func (p Party) Format(f fmt.State, verb rune) {
	if p.role.confidential() {
		redact.Format(f, verb, p)
		return
	}
	redact.FormatString(f, verb, p.String())
}

// LogValue implements [slog.LogValuer]: the sequence number, time, actor,
// act and event type, and the event as its own LogValue, or with every
// text field redacted when it has none.
func (e Entry) LogValue() slog.Value {
	if !e.IsValid() {
		return slog.StringValue("invalid entry")
	}
	return slog.GroupValue(
		slog.Uint64("seq", e.seq),
		slog.Time("time", e.at),
		slog.String("actor", e.actor.String()),
		slog.String("act", string(e.act)),
		slog.String("type", e.event.EventType()),
		slog.Any("event", redact.Nested(e.event)),
	)
}

// Format implements [fmt.Formatter]: every verb, %#v included, prints the
// one-line summary of [Entry.String], never the event's content.
func (e Entry) Format(f fmt.State, verb rune) { redact.FormatString(f, verb, e.String()) }

// LogValue implements [slog.LogValuer]: the identifiers, the kind and
// amount of support and the time, never the description or the context.
func (e Exchange) LogValue() slog.Value { return redact.Value(e) }

// Format implements [fmt.Formatter] as [Exchange.LogValue] logs.
func (e Exchange) Format(f fmt.State, verb rune) { redact.Format(f, verb, e) }

// LogValue implements [slog.LogValuer]: the kind and amount, never the
// description.
func (s Support) LogValue() slog.Value { return redact.Value(s) }

// Format implements [fmt.Formatter]: every verb prints what [Support.String]
// does with the description redacted, such as
//
//	material: 2 hundredweight ([redacted])
//
// The description says what was
// given to whom, in words; call String to show it to someone entitled.
func (s Support) Format(f fmt.State, verb rune) {
	if s.description != "" {
		s.description = redact.Mark
	}
	redact.FormatString(f, verb, s.String())
}

// LogValue implements [slog.LogValuer]: the entry and the actor as they
// log themselves.
func (c Change) LogValue() slog.Value { return redact.Value(c) }

// Format implements [fmt.Formatter] as [Change.LogValue] logs.
func (c Change) Format(f fmt.State, verb rune) { redact.Format(f, verb, c) }

// LogValue implements [slog.LogValuer]: the stream, the expected version
// and the entries as they log themselves.
func (a Append) LogValue() slog.Value { return redact.Value(a) }

// Format implements [fmt.Formatter] as [Append.LogValue] logs.
func (a Append) Format(f fmt.State, verb rune) { redact.Format(f, verb, a) }

// LogValue implements [slog.LogValuer]: the position, the stream and the
// entry as it logs itself.
func (e FeedEntry) LogValue() slog.Value { return redact.Value(e) }

// Format implements [fmt.Formatter] as [FeedEntry.LogValue] logs.
func (e FeedEntry) Format(f fmt.State, verb rune) { redact.Format(f, verb, e) }
