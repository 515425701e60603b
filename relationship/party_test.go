package relationship_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

var (
	idWorker = relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000001")
	idClient = relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000002")
	idThird  = relationship.MustParsePartyID("0192f5e0-7c1a-7000-8000-000000000003")
)

func TestNewParty(t *testing.T) {
	tests := []struct {
		name    string
		id      relationship.PartyID
		in      string
		role    relationship.Role
		want    string
		wantErr error
	}{
		{"worker", idWorker, "Mary Richmond", relationship.RoleWorker, "Mary Richmond", nil},
		{"trims space", idClient, "  Anna Kowalski ", relationship.RoleClient, "Anna Kowalski", nil},
		{"zero id", relationship.PartyID{}, "Jane Addams", relationship.RoleFacilitator, "", relationship.ErrZeroID},
		{"empty name", idWorker, "", relationship.RoleWorker, "", relationship.ErrBlank},
		{"blank name", idWorker, " \t", relationship.RoleWorker, "", relationship.ErrBlank},
		{"no role", idWorker, "Mary Richmond", 0, "", relationship.ErrInvalidValue},
		{"role out of range", idWorker, "Mary Richmond", 77, "", relationship.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := relationship.NewParty(tt.id, tt.in, tt.role)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				assert.False(t, p.IsValid())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.id, p.ID())
			assert.Equal(t, tt.want, p.Name())
			assert.Equal(t, tt.role, p.Role())
			assert.Equal(t, tt.want+" ("+tt.role.String()+")", p.String())
		})
	}
	assert.Equal(t, "invalid party", relationship.Party{}.String())
}

func TestPartyJSON(t *testing.T) {
	p := relationship.MustParty(idWorker, "Mary Richmond", relationship.RoleWorker)
	b, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"0192f5e0-7c1a-7000-8000-000000000001","name":"Mary Richmond","role":"worker"}`, string(b))
	var back relationship.Party
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p, back)

	for _, bad := range []string{
		`{"id":"0192f5e0-7c1a-7000-8000-000000000001","name":"","role":"worker"}`,
		`{"id":"0192f5e0-7c1a-7000-8000-000000000001","name":"X","role":"queen"}`,
		`{"name":"X","role":"worker"}`,
		`[]`,
	} {
		keep := back
		require.Error(t, json.Unmarshal([]byte(bad), &back), bad)
		assert.Equal(t, keep, back, "a failed decode leaves the value unchanged")
	}
	_, err = json.Marshal(relationship.Party{})
	require.ErrorIs(t, err, relationship.ErrZeroID)
}

func TestPartyLogValueRedactsClients(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("intake",
		"client", relationship.MustParty(idClient, "Anna Kowalski", relationship.RoleClient),
		"worker", relationship.MustParty(idWorker, "Mary Richmond", relationship.RoleWorker))
	out := buf.String()
	assert.NotContains(t, out, "Anna Kowalski", "a client's name never reaches the log")
	assert.Contains(t, out, `"name":"[redacted]"`)
	assert.Contains(t, out, idClient.String(), "the identifier is kept so the entry can be traced")
	assert.Contains(t, out, "Mary Richmond")
}

// TestNewPartyErrorsDoNotNameTheParty: a refusal says what is wrong and
// which identifier, never the name, which may be a client's and end up in
// a log.
func TestNewPartyErrorsDoNotNameTheParty(t *testing.T) {
	const name = "Margaret Doyle"
	for _, tc := range []struct {
		id   relationship.PartyID
		role relationship.Role
	}{
		{relationship.PartyID{}, relationship.RoleClient},
		{relationship.NewPartyID(), relationship.Role(200)},
	} {
		_, err := relationship.NewParty(tc.id, name, tc.role)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "Doyle")
	}
}
