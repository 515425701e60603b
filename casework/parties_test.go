package casework

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestNewClientReportsEveryProblem(t *testing.T) {
	_, err := NewClient(relationship.PartyID{}, "", Intake{
		Household: []HouseholdMember{{Name: "", Relation: "son", Age: 200}},
		Needs:     []string{" "},
		Strengths: []string{""},
	})
	require.Error(t, err)
	for _, field := range []string{"client id", "client name", "presenting problem", "household[0] name",
		"household[0] age", "needs[0]", "strengths[0]"} {
		assert.Contains(t, err.Error(), "casework: "+field)
	}
	assert.ErrorIs(t, err, relationship.ErrZeroID)
	assert.ErrorIs(t, err, ErrBlank)
	assert.ErrorIs(t, err, relationship.ErrInvalidValue)
}

func TestClientAccessorsReturnCopies(t *testing.T) {
	needs := []string{" coal "}
	c := MustClient(idClient, " Anna Kowalski ", Intake{PresentingProblem: "rent", Needs: needs})
	needs[0] = "changed"
	assert.Equal(t, "Anna Kowalski", c.Name())
	assert.Equal(t, []string{"coal"}, c.Needs())
	c.Needs()[0] = "changed"
	assert.Equal(t, []string{"coal"}, c.Needs())
	assert.Nil(t, c.Strengths())
	assert.Equal(t, relationship.RoleClient, c.Party().Role())
	h := testClient.Household()
	h[0].Name = "changed"
	assert.Equal(t, "Anna Kowalski", testClient.Household()[0].Name)
}

func TestWorkerAndSupervisor(t *testing.T) {
	tests := []struct {
		name string
		make func() error
		want error
	}{
		{"supervisor without id", func() error { _, err := NewSupervisor(relationship.PartyID{}, "Z"); return err }, relationship.ErrZeroID},
		{"supervisor without name", func() error { _, err := NewSupervisor(idSupervisor, " "); return err }, ErrBlank},
		{"worker without supervisor", func() error { _, err := NewWorker(idWorker, "M", Supervisor{}, 0); return err }, relationship.ErrZeroID},
		{"worker supervising herself", func() error {
			_, err := NewWorker(idSupervisor, "Z", testSupervisor, 0)
			return err
		}, ErrDuplicateID},
		{"negative caseload", func() error { _, err := NewWorker(idWorker, "M", testSupervisor, -1); return err }, relationship.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, tt.make(), tt.want)
		})
	}
	assert.Equal(t, testSupervisor, testWorker.Supervisor())
	assert.Equal(t, 0, testWorker.MaxCaseload())
	assert.Equal(t, relationship.RoleWorker, testWorker.Party().Role())
	assert.Equal(t, relationship.RoleSupervisor, testSupervisor.Party().Role())
}

func TestPartiesJSON(t *testing.T) {
	for _, v := range []any{testClient, testWorker, testSupervisor} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		switch v := v.(type) {
		case Client:
			var got Client
			require.NoError(t, json.Unmarshal(b, &got))
			assert.Equal(t, v, got)
		case Worker:
			var got Worker
			require.NoError(t, json.Unmarshal(b, &got))
			assert.Equal(t, v, got)
		case Supervisor:
			var got Supervisor
			require.NoError(t, json.Unmarshal(b, &got))
			assert.Equal(t, v, got)
		}
	}
	_, err := json.Marshal(Client{})
	assert.ErrorIs(t, err, relationship.ErrZeroID)
	var c Client
	assert.Error(t, json.Unmarshal([]byte(`{"id":"018f0000-0000-7000-8000-00000000000d","name":"","presenting_problem":"x","household":null,"needs":null,"strengths":null}`), &c))
	assert.Error(t, json.Unmarshal([]byte(`{"id":"018f0000-0000-7000-8000-00000000000d","name":"A","presenting_problem":"x","extra":1}`), &c))
	assert.False(t, c.IsValid(), "a failed decode leaves the value unchanged")
}
