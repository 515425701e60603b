package svg

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
