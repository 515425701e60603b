package groupwork

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/eventtype"
	"github.com/helpingwork/helping/relationship"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const goldenEvents = "testdata/events.golden.json"

// onePerType returns the first entry of each event type in the season's
// record, in the order they first appear.
func onePerType(t *testing.T) []relationship.Entry {
	seen := map[string]bool{}
	var out []relationship.Entry
	for e := range season(t).Record() {
		if name := e.Event().EventType(); !seen[name] {
			seen[name] = true
			out = append(out, e)
		}
	}
	return out
}

// groupworkTypes returns the registered event types of this package.
func groupworkTypes() []string {
	var names []string
	for _, n := range eventtype.Names() {
		if strings.HasPrefix(n, "groupwork.") {
			names = append(names, n)
		}
	}
	return names
}

func TestGoldenEvents(t *testing.T) {
	entries := onePerType(t)
	var buf bytes.Buffer
	buf.WriteString("[\n")
	for i, e := range entries {
		b, err := e.MarshalJSON()
		require.NoError(t, err)
		buf.WriteString("  ")
		buf.Write(b)
		if i < len(entries)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]\n")
	if *update {
		require.NoError(t, os.WriteFile(goldenEvents, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(goldenEvents)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), buf.String(), "the JSON of an event changed: give it a new version, or run go test -update")
}

// TestGoldenEventsStillDecode reads the stored events back: a record written
// by this version must stay readable by every later one.
func TestGoldenEventsStillDecode(t *testing.T) {
	b, err := os.ReadFile(goldenEvents)
	require.NoError(t, err)
	var entries []relationship.Entry
	require.NoError(t, json.Unmarshal(b, &entries))
	var names []string
	for _, e := range entries {
		names = append(names, e.Event().EventType())
	}
	assert.ElementsMatch(t, groupworkTypes(), names, "one entry per event type")
	want := onePerType(t)
	require.Len(t, entries, len(want))
	for i := range want {
		assert.Equal(t, want[i], entries[i])
	}
}

func TestEveryEntryRoundTrips(t *testing.T) {
	for _, e := range onePerType(t) {
		t.Run(e.Event().EventType(), func(t *testing.T) {
			b, err := e.MarshalJSON()
			require.NoError(t, err)
			var back relationship.Entry
			require.NoError(t, back.UnmarshalJSON(b))
			assert.Equal(t, e, back)
		})
	}
}

func TestDecodingRefusesUnknownText(t *testing.T) {
	tests := []struct {
		name  string
		event any
		json  string
		typ   string
	}{
		{"activity", new(ActivityChosen), `{"item":"0192f5e0-7c1a-7000-8000-000000000001","meeting":"0192f5e0-7c1a-7000-8000-000000000002","activity":"knitting"}`, "activity"},
		{"stage", new(StageRecorded), `{"stage":"storming","evidence":"x"}`, "stage"},
		{"attendance", new(AttendanceRecorded), `{"meeting":"0192f5e0-7c1a-7000-8000-000000000001","member":"0192f5e0-7c1a-7000-8000-000000000002","attendance":"tardy"}`, "attendance"},
		{"process", new(AidGiven), `{"exchange":"0192f5e0-7c1a-7000-8000-000000000001","receiver":"0192f5e0-7c1a-7000-8000-000000000002","support":{"kind":"emotional"},"process":"gossip","meeting":"00000000-0000-0000-0000-000000000000"}`, "mutual-aid process"},
		{"factor", new(NoteRecorded), `{"note":"0192f5e0-7c1a-7000-8000-000000000001","meeting":"00000000-0000-0000-0000-000000000000","text":"x","factors":["luck"]}`, "therapeutic factor"},
		{"model", new(GroupFormed), `{"group":"0192f5e0-7c1a-7000-8000-000000000001","name":"x","model":"medical","settings":{"membership":"open","capacity":0},"facilitator":"x"}`, "group work model"},
		{"membership", new(GroupFormed), `{"group":"0192f5e0-7c1a-7000-8000-000000000001","name":"x","model":"remedial","settings":{"membership":"ajar","capacity":0},"facilitator":"x"}`, "membership"},
		{"reason", new(MemberLeft), `{"reason":"bored"}`, "leave reason"},
		{"scope", new(ConcernRaised), `{"concern":"0192f5e0-7c1a-7000-8000-000000000001","scope":"planet","text":"x"}`, "concern scope"},
		{"action", new(ActionTaken), `{"concern":"0192f5e0-7c1a-7000-8000-000000000001","action":"riot","description":"x"}`, "action kind"},
		{"outcome", new(ConcernClosed), `{"concern":"0192f5e0-7c1a-7000-8000-000000000001","outcome":"won"}`, "outcome"},
		{"strength", new(MemberJoined), `{"name":"x","strengths":["wisdom:life"]}`, "support kind"},
		{"rule", new(ProposalRaised), `{"proposal":"0192f5e0-7c1a-7000-8000-000000000001","title":"x","rule":"dictator"}`, "rule"},
		{"quorum", new(ProposalRaised), `{"proposal":"0192f5e0-7c1a-7000-8000-000000000001","title":"x","rule":"consent","quorum":"lots"}`, "quorum"},
		{"fraction", new(ProposalRaised), `{"proposal":"0192f5e0-7c1a-7000-8000-000000000001","title":"x","rule":"supermajority","fraction":"most"}`, "fraction"},
		{"vote", new(VoteCast), `{"proposal":"0192f5e0-7c1a-7000-8000-000000000001","ballot":{"vote":"maybe"}}`, "vote"},
		{"stance", new(ProposalClosed), `{"proposal":"0192f5e0-7c1a-7000-8000-000000000001","ballots":[{"stance":"sulk"}],"resolution":"passed"}`, "stance"},
		{"resolution", new(ProposalClosed), `{"proposal":"0192f5e0-7c1a-7000-8000-000000000001","resolution":"won"}`, "resolution"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tt.json), tt.event)
			var te *relationship.TextError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tt.typ, te.Type)
			assert.ErrorIs(t, err, relationship.ErrUnknownText)

			// In a whole entry, the relationship package reports the event as
			// an invalid entry, which keeps the text error as its cause.
			ev := tt.event.(relationship.Event)
			raw := `{"seq":1,"time":"1910-10-04T19:00:00Z","actor":"0192f5e0-7c1a-7000-8000-000000000009","act":"join","type":"` +
				ev.EventType() + `","event":` + tt.json + `}`
			var e relationship.Entry
			err = e.UnmarshalJSON([]byte(raw))
			var ee *relationship.EntryError
			require.ErrorAs(t, err, &ee)
			assert.ErrorIs(t, err, relationship.ErrInvalidEntry)
			var entryText *relationship.TextError
			require.ErrorAs(t, err, &entryText, "the entry error unwraps to the text error")
			assert.Equal(t, tt.typ, entryText.Type)
			assert.Equal(t, te.Text, entryText.Text)
			assert.ErrorIs(t, err, relationship.ErrUnknownText)
		})
	}
}

// TestDecodingRefusesUnwritableTimes reads entries whose time, once in UTC,
// falls outside the years RFC 3339 can write: they are refused as they are
// read, so that every entry that decodes encodes again (FuzzEventJSON relies
// on it).
func TestDecodingRefusesUnwritableTimes(t *testing.T) {
	tests := []struct {
		name string
		time string
		ok   bool
	}{
		{"first instant of year 0", "0000-01-01T00:00:00Z", true},
		{"last instant of year 9999", "9999-12-31T23:59:59Z", true},
		{"before year 0 in UTC", "0000-01-01T00:30:00+01:00", false},
		{"after year 9999 in UTC", "9999-12-31T23:30:00-01:00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := `{"seq":1,"time":"` + tt.time + `","actor":"0192f5e0-7c1a-7000-8000-000000000009","act":"leave",` +
				`"type":"groupwork.member-left.v1","event":{"reason":"moved"}}`
			var e relationship.Entry
			err := e.UnmarshalJSON([]byte(raw))
			if !tt.ok {
				var ee *relationship.EntryError
				require.ErrorAs(t, err, &ee)
				assert.ErrorIs(t, err, relationship.ErrInvalidEntry)
				return
			}
			require.NoError(t, err)
			b, err := e.MarshalJSON()
			require.NoError(t, err)
			var back relationship.Entry
			require.NoError(t, back.UnmarshalJSON(b))
			assert.Equal(t, e, back)
		})
	}
}

func TestDecodingRefusesMissingFields(t *testing.T) {
	tests := []struct {
		event any
		json  string
		field string
	}{
		{new(GroupFormed), `{"name":"x"}`, "group"},
		{new(MemberLeft), `{"note":"x"}`, "reason"},
		{new(MeetingConvened), `{"date":"1910-10-04T19:00:00Z"}`, "meeting"},
		{new(AttendanceRecorded), `{"meeting":"0192f5e0-7c1a-7000-8000-000000000001","attendance":"late"}`, "member"},
		{new(ActivityChosen), `{"item":"0192f5e0-7c1a-7000-8000-000000000001","meeting":"0192f5e0-7c1a-7000-8000-000000000002"}`, "activity"},
		{new(ActivityRecorded), `{}`, "item"},
		{new(NoteRecorded), `{"text":"x"}`, "note"},
		{new(StageRecorded), `{"evidence":"x"}`, "stage"},
		{new(AidGiven), `{"exchange":"0192f5e0-7c1a-7000-8000-000000000001","receiver":"0192f5e0-7c1a-7000-8000-000000000002","process":"rehearsal"}`, "support"},
		{new(ConcernRaised), `{"concern":"0192f5e0-7c1a-7000-8000-000000000001","text":"x"}`, "scope"},
		{new(ActionTaken), `{"concern":"0192f5e0-7c1a-7000-8000-000000000001"}`, "action"},
		{new(ConcernClosed), `{"outcome":"resolved"}`, "concern"},
		{new(MediationOpened), `{"source":"x"}`, "mediation"},
		{new(MediationSettled), `{"agreement":"x"}`, "mediation"},
		{new(ProposalRaised), `{"title":"x","rule":"consent"}`, "proposal"},
		{new(ProposalRaised), `{"proposal":"0192f5e0-7c1a-7000-8000-000000000001","title":"x"}`, "rule"},
		{new(VoteCast), `{"ballot":{"vote":"yes"}}`, "proposal"},
		{new(ProxyGranted), `{"proxy":"0192f5e0-7c1a-7000-8000-000000000001","proposal":"0192f5e0-7c1a-7000-8000-000000000002"}`, "holder"},
		{new(ProxyRevoked), `{}`, "proxy"},
		{new(ProposalClosed), `{"proposal":"0192f5e0-7c1a-7000-8000-000000000001"}`, "resolution"},
		{new(ProposalWithdrawn), `{"reason":"x"}`, "proposal"},
	}
	for _, tt := range tests {
		ev := tt.event.(relationship.Event)
		t.Run(ev.EventType(), func(t *testing.T) {
			err := json.Unmarshal([]byte(tt.json), tt.event)
			var fe *RecordError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Field)
			assert.Equal(t, ev.EventType(), fe.Type)
			assert.ErrorIs(t, err, ErrMalformedEvent)
		})
	}
}

func TestDecodingIsStrict(t *testing.T) {
	var e StageRecorded
	assert.Error(t, json.Unmarshal([]byte(`{"stage":"intimacy","evidence":"x","mood":"good"}`), &e), "unknown field")
	assert.Error(t, e.UnmarshalJSON([]byte(`{"stage":"intimacy","evidence":"x"} {}`)), "trailing data")
	require.NoError(t, json.Unmarshal([]byte(`{"stage":"intimacy","evidence":"x"}`), &e))
	assert.Error(t, json.Unmarshal([]byte(`{"stage":"separation"`), &e))
	assert.Equal(t, StageRecorded{Stage: Intimacy, Evidence: "x"}, e, "unchanged on error")
}
