package groupwork

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

func TestParseStrength(t *testing.T) {
	tests := []struct {
		text string
		kind relationship.SupportKind
		area string
		want error // nil: parses
	}{
		{"emotional", relationship.Emotional, "", nil},
		{"informational:english", relationship.Informational, "english", nil},
		{" informational : English  Lessons ", relationship.Informational, "english-lessons", nil},
		{"material:sewing_machine", relationship.Material, "sewing-machine", nil},
		{"companionship:--football--", relationship.Companionship, "football", nil},
		{"informational:Français", relationship.Informational, "français", nil},
		{"informational:", relationship.Informational, "", nil},
		{"", 0, "", relationship.ErrUnknownText},
		{"wisdom", 0, "", relationship.ErrUnknownText},
		{"Emotional", 0, "", relationship.ErrUnknownText},
		{"material:coal/wood", 0, "", ErrInvalidArea},
		{"material:" + string(make([]byte, 3)), 0, "", ErrInvalidArea},
		{"material:abcdefghijklmnopqrstuvwxyzabcdefghijklmnop", 0, "", ErrInvalidArea},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			s, err := ParseStrength(tt.text)
			n, nerr := ParseNeed(tt.text)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
				assert.ErrorIs(t, nerr, tt.want)
				assert.False(t, s.IsValid())
				return
			}
			require.NoError(t, err)
			require.NoError(t, nerr)
			assert.Equal(t, tt.kind, s.Kind())
			assert.Equal(t, tt.area, s.Area())
			assert.Equal(t, tt.kind, n.Kind())
			assert.Equal(t, tt.area, n.Area())
			again, err := ParseStrength(s.String())
			require.NoError(t, err)
			assert.Equal(t, s, again, "the text form parses back")
		})
	}
}

func TestStrengthText(t *testing.T) {
	s := MustStrength(relationship.Informational, "English")
	b, err := s.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "informational:english", string(b))
	var back Strength
	require.NoError(t, back.UnmarshalText(b))
	assert.Equal(t, s, back)
	assert.Error(t, back.UnmarshalText([]byte("nonsense")))
	assert.Equal(t, s, back, "unchanged on error")

	_, err = Strength{}.MarshalText()
	assert.ErrorIs(t, err, relationship.ErrInvalidValue)
	_, err = Need{}.MarshalText()
	assert.ErrorIs(t, err, relationship.ErrInvalidValue)
	_, err = NewStrength(0, "x")
	assert.ErrorIs(t, err, relationship.ErrInvalidValue)
	_, err = NewNeed(relationship.Material, "a/b")
	var ae *InputError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, ErrInvalidArea)
	assert.Equal(t, "area", ae.Field)
	assert.NotContains(t, err.Error(), "a/b", "the text is never quoted")
	assert.Panics(t, func() { MustNeed(0, "") })
}

func TestFits(t *testing.T) {
	tests := []struct {
		strength, need string
		want           Fit
		fits           bool
	}{
		{"informational:english", "informational:english", FitExact, true},
		{"informational:english", "informational", FitExact, true},
		{"informational", "informational", FitExact, true},
		{"emotional", "emotional:grief", FitGeneral, true},
		{"material:sewing", "informational:sewing", FitRelated, true},
		{"material:sewing", "informational:english", 0, false},
		{"material", "informational", 0, false},
		{"material", "informational:sewing", 0, false},
		{"emotional:grief", "emotional:rent", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.strength+" for "+tt.need, func(t *testing.T) {
			s, err := ParseStrength(tt.strength)
			require.NoError(t, err)
			n, err := ParseNeed(tt.need)
			require.NoError(t, err)
			fit, ok := s.Fits(n)
			assert.Equal(t, tt.fits, ok)
			assert.Equal(t, tt.want, fit)
		})
	}
	_, ok := Strength{}.Fits(MustNeed(relationship.Emotional, ""))
	assert.False(t, ok)
}

func TestWhoCanHelpRanksBestFirst(t *testing.T) {
	f := newFixture(t, clubSpec(), 0)
	g := f.g
	ids := people(7)
	profiles := []struct {
		name      string
		strengths []string
	}{
		{"Rosa", []string{"informational:english", "emotional"}},           // exact
		{"Hannah", []string{"informational"}},                              // general
		{"Maria", []string{"material:english"}},                            // related
		{"Sadie", []string{"informational:english"}},                       // exact, gives more
		{"Anna", []string{"informational:english"}},                        // exact, will leave
		{"Bridget", []string{"companionship:english", "material:english"}}, // related, twice
		{"Yetta", []string{"informational:sewing"}},                        // no fit
	}
	for i, p := range profiles {
		var ss []Strength
		for _, s := range p.strengths {
			st, err := ParseStrength(s)
			require.NoError(t, err)
			ss = append(ss, st)
		}
		require.NoError(t, g.Join(ids[i], p.name, Profile{Strengths: ss}))
	}
	require.NoError(t, g.Leave(ids[4], LeftMoved, ""))
	for range 2 {
		_, err := g.GiveAid(ids[3], Aid{To: ids[0], Support: support(relationship.Emotional, ""), Process: MutualSupport})
		require.NoError(t, err)
	}
	_, err := g.GiveAid(ids[0], Aid{To: ids[3], Support: support(relationship.Emotional, ""), Process: MutualSupport})
	require.NoError(t, err)

	got := g.WhoCanHelp(MustNeed(relationship.Informational, "english"))
	var order []string
	for _, h := range got {
		order = append(order, h.Name+"/"+h.Fit.String()+"/"+h.Strength.String())
	}
	assert.Equal(t, []string{
		"Rosa/exact/informational:english",  // gave 1
		"Sadie/exact/informational:english", // gave 2
		"Hannah/general/informational",
		"Maria/related/material:english",
		"Bridget/related/companionship:english",
	}, order)
	assert.Equal(t, 1, got[0].Given)
	assert.Equal(t, ids[0], got[0].Member)

	anyArea := g.WhoCanHelp(MustNeed(relationship.Informational, ""))
	var anyNames []string
	for _, h := range anyArea {
		anyNames = append(anyNames, h.Name)
		assert.Equal(t, FitExact, h.Fit)
		assert.Equal(t, relationship.Informational, h.Strength.Kind())
	}
	assert.Equal(t, []string{"Hannah", "Yetta", "Rosa", "Sadie"}, anyNames)

	assert.Nil(t, g.WhoCanHelp(Need{}))
	assert.Empty(t, g.WhoCanHelp(MustNeed(relationship.Appraisal, "")))
}
