package casework

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLogsRedactConfidences logs a client, a note and the events that hold
// their details through slog's JSON handler: no name, problem or note text
// reaches the log.
func TestLogsRedactConfidences(t *testing.T) {
	f := newFixture(t)
	n := f.id(f.c.WriteNote(idWorker, "Mrs. K. fears the landlord"))
	note, err := f.c.ReadNote(bg, accessLog, idWorker, n)
	require.NoError(t, err)
	var opening CaseOpened
	var written NoteWritten
	for e := range f.c.Record() {
		switch ev := e.Event().(type) {
		case CaseOpened:
			opening = ev
		case NoteWritten:
			written = ev
		}
	}

	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("intake", "client", f.c.Client(), "note", note, "opened", opening, "written", written)

	out := buf.String()
	for _, secret := range []string{"Anna", "Kowalski", "Jan", "landlord", "mill", "coal"} {
		assert.NotContains(t, out, secret)
	}
	var line map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &line))
	client := line["client"].(map[string]any)
	assert.Equal(t, "[redacted]", client["name"])
	assert.Equal(t, idClient.String(), client["id"])
	assert.EqualValues(t, 2, client["household"])
	assert.EqualValues(t, 3, client["needs"])
	logged := line["note"].(map[string]any)
	assert.Equal(t, "[redacted]", logged["text"])
	assert.EqualValues(t, len("Mrs. K. fears the landlord"), logged["length"])
	assert.Equal(t, n.String(), line["written"].(map[string]any)["note"])
	assert.Equal(t, "[redacted]", line["opened"].(map[string]any)["client"].(map[string]any)["name"])
}
