package relationship_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/inputtest"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
)

// The input sweep: every exported function and method of the package,
// called with nil, zero values, oversized and invalid text and far-off
// times, on zero values and on real ones. No call panics, every refusal
// wraps a documented sentinel, and a refused call changes nothing.

var relationshipSentinels = map[string]error{
	"ErrClosed":          relationship.ErrClosed,
	"ErrBlank":           relationship.ErrBlank,
	"ErrInvalidEntry":    relationship.ErrInvalidEntry,
	"ErrInvalidID":       relationship.ErrInvalidID,
	"ErrInvalidQuantity": relationship.ErrInvalidQuantity,
	"ErrInvalidRights":   relationship.ErrInvalidRights,
	"ErrInvalidText":     relationship.ErrInvalidText,
	"ErrInvalidValue":    relationship.ErrInvalidValue,
	"ErrNil":             relationship.ErrNil,
	"ErrNoRecord":        relationship.ErrNoRecord,
	"ErrNotParty":        relationship.ErrNotParty,
	"ErrNotPermitted":    relationship.ErrNotPermitted,
	"ErrSelfExchange":    relationship.ErrSelfExchange,
	"ErrTooLarge":        relationship.ErrTooLarge,
	"ErrUnknownEvent":    relationship.ErrUnknownEvent,
	"ErrUnknownText":     relationship.ErrUnknownText,
	"ErrVersionConflict": relationship.ErrVersionConflict,
	"ErrZeroID":          relationship.ErrZeroID,
	"ErrZeroTime":        relationship.ErrZeroTime,
}

var inputFuncs = map[string]any{
	"LogValues":        relationship.LogValues[relationship.Party],
	"Retry":            relationship.Retry,
	"ActKinds":         relationship.ActKinds,
	"CheckText":        relationship.CheckText,
	"CheckTexts":       relationship.CheckTexts,
	"CheckTextsIn":     relationship.CheckTextsIn,
	"CheckTime":        relationship.CheckTime,
	"Compare":          relationship.Compare,
	"Methods":          relationship.Methods,
	"NewEngine":        relationship.NewEngine,
	"NewEntry":         relationship.NewEntry,
	"NewExchange":      relationship.NewExchange,
	"NewLedger":        relationship.NewLedger,
	"NewMaterial":      relationship.NewMaterial,
	"NewParty":         relationship.NewParty,
	"NewPartyID":       relationship.NewPartyID,
	"NewRights":        relationship.NewRights,
	"NewSupport":       relationship.NewSupport,
	"Nil":              relationship.Nil,
	"ParseActKind":     relationship.ParseActKind,
	"ParseMethod":      relationship.ParseMethod,
	"ParsePartyID":     relationship.ParsePartyID,
	"ParsePurpose":     relationship.ParsePurpose,
	"ParseRole":        relationship.ParseRole,
	"ParseSupportKind": relationship.ParseSupportKind,
	"FactsOf":          relationship.FactsOf,
	"Purposes":         relationship.Purposes,
	"Refuse":           relationship.Refuse,
	"Roles":            relationship.Roles,
	"RolesOf":          relationship.RolesOf,
	"SequentialIDs":    relationship.SequentialIDs,
	"StepClock":        relationship.StepClock,
	"SupportKinds":     relationship.SupportKinds,
}

var inputTypes = map[string]reflect.Type{
	"Act":                  reflect.TypeFor[relationship.Act](),
	"Metrics":              reflect.TypeFor[relationship.Metrics](),
	"FeedEntry":            reflect.TypeFor[relationship.FeedEntry](),
	"Change":               reflect.TypeFor[relationship.Change](),
	"Append":               reflect.TypeFor[relationship.Append](),
	"ActCounts":            reflect.TypeFor[relationship.ActCounts](),
	"ActKind":              reflect.TypeFor[relationship.ActKind](),
	"Comparison":           reflect.TypeFor[relationship.Comparison](),
	"Engine":               reflect.TypeFor[relationship.Engine](),
	"Entry":                reflect.TypeFor[relationship.Entry](),
	"EntryError":           reflect.TypeFor[relationship.EntryError](),
	"Exchange":             reflect.TypeFor[relationship.Exchange](),
	"ExchangeError":        reflect.TypeFor[relationship.ExchangeError](),
	"FieldError":           reflect.TypeFor[relationship.FieldError](),
	"Flow":                 reflect.TypeFor[relationship.Flow](),
	"Ledger":               reflect.TypeFor[relationship.Ledger](),
	"LedgerView":           reflect.TypeFor[relationship.LedgerView](),
	"Method":               reflect.TypeFor[relationship.Method](),
	"Party":                reflect.TypeFor[relationship.Party](),
	"PartyError":           reflect.TypeFor[relationship.PartyError](),
	"PartyID":              reflect.TypeFor[relationship.PartyID](),
	"PartySummary":         reflect.TypeFor[relationship.PartySummary](),
	"PermissionError":      reflect.TypeFor[relationship.PermissionError](),
	"Facts":                reflect.TypeFor[relationship.Facts](),
	"Purpose":              reflect.TypeFor[relationship.Purpose](),
	"QuantityError":        reflect.TypeFor[relationship.QuantityError](),
	"Rights":               reflect.TypeFor[relationship.Rights](),
	"Role":                 reflect.TypeFor[relationship.Role](),
	"RoleSet":              reflect.TypeFor[relationship.RoleSet](),
	"Sources":              reflect.TypeFor[relationship.Sources](),
	"Support":              reflect.TypeFor[relationship.Support](),
	"SupportKind":          reflect.TypeFor[relationship.SupportKind](),
	"TextError":            reflect.TypeFor[relationship.TextError](),
	"VersionConflictError": reflect.TypeFor[relationship.VersionConflictError](),
}

// inputExtra are the journals offered wherever a journal is taken: the
// zero values of both journals of the library.
var inputExtra = map[reflect.Type][]inputtest.Variant{
	reflect.TypeFor[relationship.Journal](): {
		{Name: "zero Memory", Value: reflect.ValueOf(relationship.Journal(&journal.Memory{}))},
		{Name: "zero File", Value: reflect.ValueOf(relationship.Journal(&journal.File{}))},
	},
}

func inputConfig() inputtest.Config {
	var sentinels inputtest.Sentinels
	for _, e := range relationshipSentinels {
		sentinels = append(sentinels, e)
	}
	return inputtest.Config{
		Dir:   ".",
		Funcs: inputFuncs,
		Types: inputTypes,
		Skip: map[string]string{
			"MustParsePartyID": "panics by design: for literals in tests and examples",
			"MustParty":        "panics by design: for literals in tests and examples",
			"MustRights":       "panics by design: for literals in tests and examples",
			"RegisterEvent":    "generic: instantiated with the event types of the tests",
		},
		NilReceivers: []string{"Engine", "Sources"},
		Names:        relationshipSentinels,
		Sentinels:    sentinels,
		Extra:        inputExtra,
		Fixtures: map[string][]func(t *testing.T) any{
			"Engine":   {func(t *testing.T) any { return stockedShelf(t).eng }},
			"Entry":    {func(t *testing.T) any { e := fixtureEntry(t); return &e }},
			"Exchange": {func(t *testing.T) any { e := fixtureExchange(t); return &e }},
			"Ledger":   {func(t *testing.T) any { return fixtureLedger(t) }},
			"LedgerView": {func(t *testing.T) any {
				v := fixtureLedger(t).View()
				return &v
			}},
			"Party": {func(t *testing.T) any {
				p := relationship.MustParty(volunteer, "Jane", relationship.RoleWorker)
				return &p
			}},
			"PartyID": {func(t *testing.T) any { id := volunteer; return &id }},
			"Rights":  {func(t *testing.T) any { return pantryRights }},
			"Support": {func(t *testing.T) any { s := fixtureSupport(t); return &s }},
		},
		Snapshot: snapshotValue,
		Accepted: acceptedValue,
	}
}

// snapshotValue returns what a refused call must leave as it was.
func snapshotValue(t *testing.T, v any) any {
	switch x := v.(type) {
	case *relationship.Engine:
		return []any{x.Version(), x.Unsaved(), slices.Collect(x.Record())}
	case *relationship.Ledger:
		return []any{x.Len(), slices.Collect(x.All()), x.Metrics()}
	case *relationship.Rights:
		return slices.Collect(x.All())
	}
	return reflect.ValueOf(v).Elem().Interface() // a value type: a copy is a snapshot
}

// acceptedValue checks that a value a call accepted still encodes and
// decodes to itself.
func acceptedValue(t *testing.T, v any) {
	m, ok := v.(json.Marshaler)
	if !ok {
		return
	}
	b, err := m.MarshalJSON()
	if !assert.NoError(t, err, "%T accepted but does not encode", v) {
		return
	}
	back := reflect.New(reflect.TypeOf(v).Elem())
	if !assert.NoError(t, json.Unmarshal(b, back.Interface()), "%T accepted but does not decode: %s", v, b) {
		return
	}
	b2, err := json.Marshal(back.Interface())
	require.NoError(t, err)
	assert.True(t, bytes.Equal(b, b2), "%T changed on a round trip: %s became %s", v, b, b2)
}

func TestInputSurfaceComplete(t *testing.T) {
	inputtest.Complete(t, inputConfig())
}

func TestInputSweep(t *testing.T) {
	assert.Greater(t, inputtest.Sweep(t, inputConfig()), 500, "the sweep made its calls")
}
