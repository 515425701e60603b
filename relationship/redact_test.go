package relationship_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// TestPrintingRedacts prints and logs parties, support and exchanges with
// every verb and both slog handlers: the names of clients and members and
// the words describing help never appear; a worker's name does.
func TestPrintingRedacts(t *testing.T) {
	ids := []relationship.PartyID{relationship.MustParsePartyID("018f0000-0000-7000-8000-000000000001"),
		relationship.MustParsePartyID("018f0000-0000-7000-8000-000000000002")}
	client := relationship.MustParty(ids[0], "Zenobia Clientquill", relationship.RoleClient)
	member := relationship.MustParty(ids[0], "Zenobia Memberquill", relationship.RoleMember)
	worker := relationship.MustParty(ids[1], "Mary Richmond", relationship.RoleWorker)
	help, err := relationship.NewSupport(relationship.Emotional, "Supportquill listened")
	require.NoError(t, err)
	coal, err := relationship.NewMaterial("Coalquill", 2, "hundredweight")
	require.NoError(t, err)
	ex, err := relationship.NewExchange(uuid.MustParse("018f0000-0000-7000-8000-000000000003"), ids[1], ids[0], help,
		time.Date(1895, 1, 7, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	ex = ex.In("Contextquill")
	values := map[string]any{"client": client, "member": member, "support": help, "material": coal,
		"exchange": ex, "[]Party": []relationship.Party{client, member}, "*Party": &client}
	secrets := []string{"Clientquill", "Memberquill", "Supportquill", "Coalquill", "Contextquill"}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			out := fmt.Sprintf(verb, v)
			for _, s := range secrets {
				assert.NotContains(t, out, s, "%s %s", name, verb)
			}
		}
		for hname, h := range map[string]func(*bytes.Buffer) slog.Handler{
			"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
			"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		} {
			if hname == "json" && name == "[]Party" {
				continue // encoding/json writes a slice's record form; see LogValues
			}
			var b bytes.Buffer
			slog.New(h(&b)).Info("x", "v", v)
			for _, s := range secrets {
				assert.NotContains(t, b.String(), s, "%s %s", name, hname)
			}
		}
	}
	assert.Equal(t, "Mary Richmond (worker)", fmt.Sprint(worker))
	assert.Equal(t, "material: 2 hundredweight ([redacted])", fmt.Sprint(coal))
	assert.Equal(t, "Zenobia Clientquill (client)", client.String(), "String shows the name to whoever asks for it")

	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("x", "parties", relationship.LogValues([]relationship.Party{client, member}))
	assert.NotContains(t, b.String(), "quill")
	assert.Contains(t, b.String(), ids[0].String())
}
