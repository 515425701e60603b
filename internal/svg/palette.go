package svg

import (
	"fmt"
	"strconv"
)

// Colours. Marks use the Okabe–Ito palette, which stays distinguishable for
// the common forms of colour blindness (Okabe and Ito, "Color Universal
// Design", 2008). Text is near-black on white or on pale tints; yellow is
// never used for marks on white, where it is too faint.
const (
	colourOrange        = "#E69F00"
	colourSkyBlue       = "#56B4E9"
	colourBluishGreen   = "#009E73"
	colourBlue          = "#0072B2"
	colourVermillion    = "#D55E00"
	colourReddishPurple = "#CC79A7"
	colourBlack         = "#000000"

	ink       = "#1A1A1A" // text and outlines
	mutedInk  = "#595959" // muted text: still 7:1 against white
	gridInk   = "#D0D0D0" // grid lines and guides
	mutedFill = "#E6E6E6" // fill of muted marks
	paper     = "#FFFFFF" // background, and the halo behind text
)

// series is the order in which lists of things (chart series, marker kinds,
// timeline classes) take their colours.
var series = []string{
	colourBlue, colourOrange, colourBluishGreen, colourReddishPurple,
	colourSkyBlue, colourVermillion, colourBlack,
}

// seriesColour returns the colour of the i-th thing of a list, cycling.
func seriesColour(i int) string { return series[i%len(series)] }

// tint mixes the colour hex ("#RRGGBB") with white, keeping the fraction k
// of the colour: a pale fill on which dark text stays readable.
func tint(hex string, k float64) string {
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil || len(hex) != 7 {
		return paper
	}
	mix := func(shift uint) uint64 {
		c := float64((v >> shift) & 0xFF)
		return uint64(255 - k*(255-c) + 0.5)
	}
	return fmt.Sprintf("#%02X%02X%02X", mix(16), mix(8), mix(0))
}
