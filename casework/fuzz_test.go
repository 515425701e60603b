package casework

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/relationship"
)

// FuzzEventJSON decodes arbitrary bytes as a record entry. Decoding must
// never panic, and whatever decodes must encode again, to bytes that decode
// to an equal entry and encode to the same bytes. The seed corpus, in
// testdata/fuzz/FuzzEventJSON, holds one entry of every casework event type
// (written by go test -update).
func FuzzEventJSON(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"seq":1,"time":"1895-01-07T09:00:00Z","actor":"018f0000-0000-7000-8000-00000000000c","act":"withdraw","type":"casework.case-withdrawn.v1","event":{"explanation":""}}`))
	// A time whose offset carries it, in UTC, past the year 9999: it must
	// not decode, since it could not be written back.
	f.Add([]byte(`{"seq":1,"time":"9999-12-31T23:59:59-01:00","actor":"018f0000-0000-7000-8000-00000000000c","act":"withdraw","type":"casework.case-withdrawn.v1","event":{"explanation":""}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var e relationship.Entry
		if err := json.Unmarshal(b, &e); err != nil {
			assert.False(t, e.IsValid(), "a failed decode leaves the entry unchanged")
			return
		}
		enc, err := json.Marshal(e)
		require.NoError(t, err, "decoded but did not encode")
		var back relationship.Entry
		require.NoError(t, json.Unmarshal(enc, &back), "encoded but did not decode: %s", enc)
		assert.Equal(t, e, back)
		again, err := json.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(enc), string(again))
	})
}
