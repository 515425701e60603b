package svg

import "math"

// arrowID returns the ID of the arrowhead marker for a line of the given
// class and width.
func arrowID(mutual bool, w float64) string {
	class := "oneway"
	if mutual {
		class = "mutual"
	}
	id := "arrow-" + class + "-" + FormatNumber(w)
	out := []byte(id)
	for i, c := range out {
		if c == '.' {
			out[i] = '_'
		}
	}
	return string(out)
}

// tieColour returns the colour of a tie.
func tieColour(mutual bool) string {
	if mutual {
		return colourBlue
	}
	return colourVermillion
}

// tieDash returns the dash pattern of a one-way tie of width w, or "" for a
// mutual tie, which is solid.
func tieDash(mutual bool, w float64) string {
	if mutual {
		return ""
	}
	return FormatNumber(3*w+4) + " " + FormatNumber(2*w+3)
}

// writeArrow writes the <marker> for an arrowhead on a line of width w. The
// marker's base sits at the end of the line and its tip points on.
func writeArrow(d *Document, mutual bool, w float64) {
	length, half := arrowLength(w), arrowHalfWidth(w)
	d.Start("marker", Str("id", arrowID(mutual, w)), Nums("viewBox", 0, 0, length, 2*half),
		Num("refX", 0), Num("refY", half), Num("markerWidth", length), Num("markerHeight", 2*half),
		Str("markerUnits", "userSpaceOnUse"), Str("orient", "auto"))
	var p Path
	p.MoveTo(0, 0).LineTo(length, half).LineTo(0, 2*half).Close()
	d.Leaf("path", p.D(), Str("fill", tieColour(mutual)))
	d.End()
}

// round2 rounds to the two decimals that [FormatNumber] writes, so that
// widths that print the same share one marker.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
