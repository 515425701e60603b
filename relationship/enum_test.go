package relationship_test

import (
	"encoding"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// enumCase describes one enumeration of the package for the shared table
// test: every valid value round-trips through its text, unknown text and
// invalid values fail with typed errors, and a failed decode changes nothing.
type enumCase struct {
	name    string
	values  []fmt.Stringer
	parse   func(string) (fmt.Stringer, error)
	invalid encoding.TextMarshaler          // the zero, unspecified value
	decode  func() encoding.TextUnmarshaler // a fresh value to decode into
	first   string                          // the text of the first valid value
}

func collect[T fmt.Stringer](seq func(func(T) bool)) []fmt.Stringer {
	var out []fmt.Stringer
	for v := range seq {
		out = append(out, v)
	}
	return out
}

func parser[T fmt.Stringer](p func(string) (T, error)) func(string) (fmt.Stringer, error) {
	return func(s string) (fmt.Stringer, error) { return p(s) }
}

func enumCases() []enumCase {
	return []enumCase{
		{"Role", collect(relationship.Roles()), parser(relationship.ParseRole), relationship.Role(0),
			func() encoding.TextUnmarshaler { r := relationship.RoleWorker; return &r }, "client"},
		{"SupportKind", collect(relationship.SupportKinds()), parser(relationship.ParseSupportKind), relationship.SupportKind(0),
			func() encoding.TextUnmarshaler { k := relationship.Material; return &k }, "emotional"},
		{"Method", collect(relationship.Methods()), parser(relationship.ParseMethod), relationship.Method(0),
			func() encoding.TextUnmarshaler { m := relationship.GroupWork; return &m }, "casework"},
		{"Purpose", collect(relationship.Purposes()), parser(relationship.ParsePurpose), relationship.Purpose(0),
			func() encoding.TextUnmarshaler { p := relationship.PurposeTherapy; return &p }, "recreation"},
		{"ActKind", collect(relationship.ActKinds()), parser(relationship.ParseActKind), relationship.ActKind(0),
			func() encoding.TextUnmarshaler { k := relationship.HelpAct; return &k }, "decision"},
	}
}

func TestEnums(t *testing.T) {
	for _, tc := range enumCases() {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEmpty(t, tc.values)
			assert.Equal(t, tc.first, tc.values[0].String())
			for _, v := range tc.values {
				text, err := v.(encoding.TextMarshaler).MarshalText()
				require.NoError(t, err)
				assert.Equal(t, v.String(), string(text))
				back, err := tc.parse(string(text))
				require.NoError(t, err)
				assert.Equal(t, v, back)
			}

			_, err := tc.invalid.MarshalText()
			require.ErrorIs(t, err, relationship.ErrInvalidValue, "the zero value has no text form")

			for _, bad := range []string{"", "unspecified", "Nonsense", tc.first + " ", "WORKER"} {
				_, err := tc.parse(bad)
				require.ErrorIs(t, err, relationship.ErrUnknownText, "text %q", bad)
				var te *relationship.TextError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, bad, te.Text)
				assert.Contains(t, err.Error(), fmt.Sprintf("a text of %d bytes", len(bad)), "the length, never the text")

				dst := tc.decode()
				before := fmt.Sprint(dst)
				require.Error(t, dst.UnmarshalText([]byte(bad)))
				assert.Equal(t, before, fmt.Sprint(dst), "a failed decode leaves the value unchanged")
			}
		})
	}
}

func TestEnumStringOutOfRange(t *testing.T) {
	assert.Equal(t, "role(99)", relationship.Role(99).String())
	assert.Equal(t, "unspecified", relationship.SupportKind(0).String())
	assert.False(t, relationship.SupportKind(99).IsValid())
}

func TestRoleSet(t *testing.T) {
	s := relationship.RolesOf(relationship.RoleWorker, relationship.RoleSupervisor, relationship.Role(0), relationship.Role(42))
	assert.True(t, s.Has(relationship.RoleWorker))
	assert.True(t, s.Has(relationship.RoleSupervisor))
	assert.False(t, s.Has(relationship.RoleClient))
	assert.False(t, s.Has(relationship.Role(0)), "invalid roles are never members")
	assert.Equal(t, "worker+supervisor", s.String())
	assert.Equal(t, "none", relationship.RoleSet(0).String())
	assert.True(t, relationship.RoleSet(0).IsEmpty())
	var got []relationship.Role
	for r := range s.All() {
		got = append(got, r)
	}
	assert.Equal(t, []relationship.Role{relationship.RoleWorker, relationship.RoleSupervisor}, got)
}

// A TextError keeps the text it refused (for errors.As) but never prints it,
// whatever the verb: the text may be a client's name handed to a parser.
func TestTextErrorPrintsNoText(t *testing.T) {
	const planted = "Mrs Bridget O'Malley, 14 Front Street"
	_, err := relationship.ParseSupportKind(planted)
	require.ErrorIs(t, err, relationship.ErrUnknownText)
	var te *relationship.TextError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, planted, te.Text, "the field still holds it for the program")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		out := fmt.Sprintf(verb, te)
		assert.NotContains(t, out, "O'Malley", verb)
		assert.Contains(t, out, fmt.Sprintf("a text of %d bytes", len(planted)), verb)
	}
	assert.Equal(t, "<nil>", fmt.Sprintf("%#v", (*relationship.TextError)(nil)))
}
