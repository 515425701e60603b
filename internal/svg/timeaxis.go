package svg

import (
	"math"
	"time"
)

// Time axis geometry.
const (
	tickSize    = 11.0 // font size of tick labels
	tickLength  = 5.0
	tickSpacing = 14.0 // least room between neighbouring tick labels
	maxTicks    = 400  // steps giving more ticks than this are not tried
)

// tickUnit is the calendar unit of a tick step.
type tickUnit int

const (
	unitHour tickUnit = iota
	unitDay
	unitWeek
	unitMonth
	unitYear
)

// tickStep is a step between ticks: n units.
type tickStep struct {
	unit tickUnit
	n    int
}

// tickSteps returns the steps tried, finest first: hours, days, weeks
// (from Mondays), months (from quarters and halves), then years in 1-2-5
// steps.
func tickSteps() []tickStep {
	steps := []tickStep{
		{unitHour, 1}, {unitHour, 3}, {unitHour, 6}, {unitHour, 12},
		{unitDay, 1}, {unitDay, 2}, {unitWeek, 1}, {unitWeek, 2},
		{unitMonth, 1}, {unitMonth, 2}, {unitMonth, 3}, {unitMonth, 6},
	}
	for k := 1; k <= 1_000_000_000; k *= 10 {
		steps = append(steps, tickStep{unitYear, k}, tickStep{unitYear, 2 * k}, tickStep{unitYear, 5 * k})
	}
	return steps
}

// tick is one tick of the axis: its time and position, its label, and a
// second line that gives the larger unit (the year, or the date) where it
// changes.
type tick struct {
	at     time.Time
	x      float64
	label  string
	second string
}

// timeScale maps times to x positions.
type timeScale struct {
	t0, t1 float64 // seconds since the Unix epoch
	x0, w  float64
	loc    *time.Location
}

// seconds returns t as fractional seconds since the Unix epoch.
func seconds(t time.Time) float64 { return float64(t.Unix()) + float64(t.Nanosecond())/1e9 }

// x returns the position of t.
func (s timeScale) x(t time.Time) float64 {
	return s.x0 + (seconds(t)-s.t0)/(s.t1-s.t0)*s.w
}

// ticks returns the ticks of the finest step whose labels do not crowd each
// other, or, when none fits, the two ends of the range.
func (s timeScale) ticks() []tick {
	start := time.Unix(int64(math.Ceil(s.t0)), 0).In(s.loc)
	end := time.Unix(int64(math.Floor(s.t1)), 0).In(s.loc)
	for _, step := range tickSteps() {
		ts := s.stepTicks(step, start, end)
		if len(ts) > maxTicks || len(ts) == 0 {
			continue
		}
		if spaced(ts) {
			return ts
		}
	}
	return s.label([]time.Time{start, end}, tickStep{unitDay, 1})
}

// spaced reports whether neighbouring tick labels keep tickSpacing apart.
func spaced(ts []tick) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i].x-ts[i-1].x < (tickWidth(ts[i])+tickWidth(ts[i-1]))/2+tickSpacing {
			return false
		}
	}
	return true
}

// tickWidth returns the width of a tick's wider line.
func tickWidth(t tick) float64 {
	return math.Max(textWidth(t.label, tickSize), textWidth(t.second, tickSize))
}

// stepTicks returns the ticks of one step between start and end.
func (s timeScale) stepTicks(step tickStep, start, end time.Time) []tick {
	var times []time.Time
	for t := floorTick(start, step); !t.After(end); t = nextTick(t, step) {
		if !t.Before(start) {
			times = append(times, t)
		}
		if len(times) > maxTicks {
			break
		}
	}
	return s.label(times, step)
}

// label gives ticks their positions and labels. The second line shows the
// year (or, for hours, the date) on the first tick and wherever it changes.
func (s timeScale) label(times []time.Time, step tickStep) []tick {
	layout, second := "2 Jan", "2006"
	switch step.unit {
	case unitHour:
		layout, second = "15:04", "2 Jan 2006"
	case unitMonth:
		layout = "Jan"
	case unitYear:
		layout, second = "2006", ""
	}
	ts := make([]tick, len(times))
	prev := ""
	for i, t := range times {
		ts[i] = tick{at: t, x: s.x(t), label: t.Format(layout)}
		if second != "" {
			if sec := t.Format(second); sec != prev {
				ts[i].second, prev = sec, sec
			}
		}
	}
	return ts
}

// floorTick returns the last tick of the step at or before t.
func floorTick(t time.Time, step tickStep) time.Time {
	y, m, d := t.Date()
	loc := t.Location()
	switch step.unit {
	case unitHour:
		return time.Date(y, m, d, t.Hour()/step.n*step.n, 0, 0, 0, loc)
	case unitDay:
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	case unitWeek:
		back := (int(t.Weekday()) + 6) % 7 // days since Monday
		return time.Date(y, m, d-back, 0, 0, 0, 0, loc)
	case unitMonth:
		return time.Date(y, time.Month((int(m)-1)/step.n*step.n+1), 1, 0, 0, 0, 0, loc)
	}
	return time.Date(floorDiv(y, step.n)*step.n, 1, 1, 0, 0, 0, 0, loc)
}

// nextTick returns the tick after t.
func nextTick(t time.Time, step tickStep) time.Time {
	y, m, d := t.Date()
	loc := t.Location()
	switch step.unit {
	case unitHour:
		return time.Date(y, m, d, t.Hour()+step.n, 0, 0, 0, loc)
	case unitDay:
		return time.Date(y, m, d+step.n, 0, 0, 0, 0, loc)
	case unitWeek:
		return time.Date(y, m, d+7*step.n, 0, 0, 0, 0, loc)
	case unitMonth:
		return time.Date(y, m+time.Month(step.n), 1, 0, 0, 0, 0, loc)
	}
	return time.Date(y+step.n, 1, 1, 0, 0, 0, 0, loc)
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// formatWhen writes a time for a tooltip: the date, and the time of day
// when it is not midnight.
func formatWhen(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan 2006 15:04")
}
