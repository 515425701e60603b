package relationship_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestNewMaterial(t *testing.T) {
	tests := []struct {
		name   string
		amount float64
		unit   string
		ok     bool
		want   string
	}{
		{"with quantity", 2, "hundredweight", true, "material: 2 hundredweight (coal)"},
		{"no quantity", 0, "", true, "material: coal"},
		{"zero with unit", 0, "sacks", true, "material: 0 sacks (coal)"},
		{"negative", -1, "sacks", false, ""},
		{"NaN", math.NaN(), "sacks", false, ""},
		{"infinite", math.Inf(1), "sacks", false, ""},
		{"amount without unit", 3, " ", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := relationship.NewMaterial("coal", tt.amount, tt.unit)
			if !tt.ok {
				require.ErrorIs(t, err, relationship.ErrInvalidQuantity)
				var qe *relationship.QuantityError
				require.ErrorAs(t, err, &qe)
				assert.False(t, s.IsValid())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, relationship.Material, s.Kind())
			assert.Equal(t, tt.want, s.String())
		})
	}
}

func TestNewSupport(t *testing.T) {
	s, err := relationship.NewSupport(relationship.Emotional, " listened ")
	require.NoError(t, err)
	assert.Equal(t, "listened", s.Description())
	_, _, ok := s.Quantity()
	assert.False(t, ok)
	assert.Equal(t, "emotional: listened", s.String())

	_, err = relationship.NewSupport(0, "x")
	require.ErrorIs(t, err, relationship.ErrInvalidValue)
	assert.False(t, relationship.Support{}.IsValid())
}

func TestSupportJSON(t *testing.T) {
	coal, err := relationship.NewMaterial("coal", 2, "hundredweight")
	require.NoError(t, err)
	for _, s := range []relationship.Support{coal, mustSupport(relationship.Appraisal, "you handled the landlord well")} {
		b, err := json.Marshal(s)
		require.NoError(t, err)
		var back relationship.Support
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, s, back)
	}
	for _, bad := range []string{
		`{"kind":"hugs"}`,
		`{}`,
		`{"kind":"material","amount":-2,"unit":"sacks"}`,
		`{"kind":"emotional","amount":2,"unit":"sacks"}`,
		`{"kind":"material","amount":2}`,
	} {
		back := coal
		require.Error(t, json.Unmarshal([]byte(bad), &back), bad)
		assert.Equal(t, coal, back, "a failed decode leaves the value unchanged")
	}
}

func TestNewExchange(t *testing.T) {
	at := time.Date(1895, 3, 4, 10, 0, 0, 0, time.UTC)
	coal, err := relationship.NewMaterial("coal", 2, "hundredweight")
	require.NoError(t, err)
	id := uuid.MustParse("0192f5e0-7c1a-7000-8000-0000000000aa")
	tests := []struct {
		name     string
		id       uuid.UUID
		giver    relationship.PartyID
		receiver relationship.PartyID
		support  relationship.Support
		at       time.Time
		wantErr  error
	}{
		{"valid", id, idWorker, idClient, coal, at, nil},
		{"zero id", uuid.Nil, idWorker, idClient, coal, at, relationship.ErrZeroID},
		{"zero giver", id, relationship.PartyID{}, idClient, coal, at, relationship.ErrZeroID},
		{"zero receiver", id, idWorker, relationship.PartyID{}, coal, at, relationship.ErrZeroID},
		{"to oneself", id, idWorker, idWorker, coal, at, relationship.ErrSelfExchange},
		{"zero support", id, idWorker, idClient, relationship.Support{}, at, relationship.ErrInvalidValue},
		{"zero time", id, idWorker, idClient, coal, time.Time{}, relationship.ErrZeroTime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := relationship.NewExchange(tt.id, tt.giver, tt.receiver, tt.support, tt.at)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var ee *relationship.ExchangeError
				require.ErrorAs(t, err, &ee)
				assert.Equal(t, tt.giver, ee.Exchange.Giver(), "the error carries the exchange as offered")
				assert.False(t, e.IsValid())
				return
			}
			require.NoError(t, err)
			assert.True(t, e.IsValid())
			e = e.In("case 1")
			assert.Equal(t, "case 1", e.Context())
			b, err := json.Marshal(e)
			require.NoError(t, err)
			var back relationship.Exchange
			require.NoError(t, json.Unmarshal(b, &back))
			assert.True(t, e.Equal(back))
		})
	}
}
