package svg

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTicks(t *testing.T) {
	start := time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		length time.Duration
		unit   tickUnit
		first  string
	}{
		{"an afternoon", 5 * time.Hour, unitHour, "00:00"},
		{"a day", 26 * time.Hour, unitHour, "00:00"},
		{"a week", 7 * 24 * time.Hour, unitDay, "3 Jan"},
		{"seven weeks", 49 * 24 * time.Hour, unitWeek, "8 Jan"},
		{"a year", 365 * 24 * time.Hour, unitMonth, "Feb"},
		{"three years", 3 * 365 * 24 * time.Hour, unitMonth, "Mar"},
		{"forty years", 40 * 365 * 24 * time.Hour, unitYear, "2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := timeScale{t0: seconds(start), t1: seconds(start.Add(tt.length)), w: timelineWidth, loc: time.UTC}
			ts := s.ticks()
			require.GreaterOrEqual(t, len(ts), 2)
			assert.True(t, spaced(ts), "labels keep apart")
			assert.Equal(t, tt.first, ts[0].label)
			assert.Equal(t, tt.unit, unitOf(ts), "step unit")
			assert.NotEmpty(t, ts[0].second+ts[0].label, "the first tick says the year or date")
			for _, tk := range ts {
				assert.GreaterOrEqual(t, tk.x, 0.0)
				assert.LessOrEqual(t, tk.x, timelineWidth)
			}
		})
	}
}

// unitOf guesses the unit of ticks from their spacing in time.
func unitOf(ts []tick) tickUnit {
	gap := ts[1].at.Sub(ts[0].at)
	switch {
	case gap < 24*time.Hour:
		return unitHour
	case gap < 7*24*time.Hour:
		return unitDay
	case gap < 28*24*time.Hour:
		return unitWeek
	case gap < 365*24*time.Hour:
		return unitMonth
	}
	return unitYear
}

func TestTickAlignment(t *testing.T) {
	at := time.Date(2024, 5, 15, 13, 45, 0, 0, time.UTC) // a Wednesday
	tests := []struct {
		step tickStep
		want time.Time
	}{
		{tickStep{unitHour, 6}, time.Date(2024, 5, 15, 12, 0, 0, 0, time.UTC)},
		{tickStep{unitDay, 1}, time.Date(2024, 5, 15, 0, 0, 0, 0, time.UTC)},
		{tickStep{unitWeek, 1}, time.Date(2024, 5, 13, 0, 0, 0, 0, time.UTC)},
		{tickStep{unitMonth, 3}, time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)},
		{tickStep{unitYear, 5}, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		{tickStep{unitYear, 100}, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got := floorTick(at, tt.step)
		assert.Equal(t, tt.want, got, "%+v", tt.step)
		assert.True(t, nextTick(got, tt.step).After(at), "%+v", tt.step)
	}
	assert.Equal(t, -2, floorDiv(-3, 2))
	assert.Equal(t, 1, floorDiv(3, 2))
}
