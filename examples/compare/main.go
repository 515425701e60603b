// Command compare runs a charity-organisation case and a settlement-house
// group side by side, in one Chicago neighbourhood in the winter of 1894-95,
// and prints the contrast between casework and group work as the library
// computes it from the two: who is helped, which way help flows, who holds
// power, who decides, the medium, the purposes, the worker's role.
//
// It also draws pictures into a directory: the comparison as a chart, the
// case's timeline, and the club's sociogram (SVG, and DOT for Graphviz).
//
//	go run ./examples/compare             # pictures into the current directory
//	go run ./examples/compare -out /tmp   # pictures elsewhere
package main

import (
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"time"

	"github.com/google/uuid"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/internal/prose"
	"github.com/helpingwork/helping/relationship"
)

func main() {
	out := flag.String("out", ".", "directory to write the pictures into")
	flag.Parse()
	if err := run(os.Stdout, *out); err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

// run plays both stories, prints the comparison and writes the pictures
// into dir.
func run(w io.Writer, dir string) error {
	src := &relationship.Sources{
		Clock: relationship.StepClock(time.Date(1894, 11, 5, 9, 0, 0, 0, time.UTC), 26*time.Hour),
		IDs:   relationship.SequentialIDs(1894),
	}
	c, err := runCase(src)
	if err != nil {
		return fmt.Errorf("the case: %w", err)
	}
	g, err := runGroup(src)
	if err != nil {
		return fmt.Errorf("the club: %w", err)
	}
	cmp, err := relationship.Compare(c, g)
	if err != nil {
		return err
	}

	fmt.Fprintln(w, "Casework and group work, side by side")
	fmt.Fprintln(w, "=====================================")
	for _, r := range []relationship.Relationship{c, g} {
		fmt.Fprintf(w, "%s (%s): %d entries in the record, %d exchanges of help.\n",
			r.Name(), prose.Words(r.Method().String()), count(r.Record()), r.Ledger().Len())
	}
	fmt.Fprintln(w)
	if err := cmp.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  %-24s %5s  %5s\n", "", "case", "club")
	for _, m := range cmp.Measures() {
		fmt.Fprintf(w, "  %-24s %5.2f  %5.2f   (%s)\n", m.Name, m.A, m.B, m.Meaning)
	}
	// Density falls as a group grows; ties per party does not, so it is the
	// fair comparison of a case of a few parties with a club of many.
	fmt.Fprintf(w, "  %-24s %5.2f  %5.2f   (%s)\n", "ties per party",
		cmp.A.Ledger.TiesPerParty(), cmp.B.Ledger.TiesPerParty(),
		"parties each one helped, on average; size-free")
	return writePictures(w, dir, c, g, cmp)
}

// writePictures writes the three pictures and says where they went.
func writePictures(w io.Writer, dir string, c *casework.Case, g *groupwork.Group, cmp relationship.Comparison) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	pictures := []struct {
		name, what string
		draw       func(io.Writer) error
	}{
		{"comparison.svg", "the measures as a bar chart", cmp.WriteSVG},
		{"case-timeline.svg", "the case's phases, provisions and consents over time",
			func(w io.Writer) error {
				return c.WriteTimelineSVG(w, &casework.TimelineOptions{ProvisionLabel: provisionLabel})
			}},
		{"club-sociogram.svg", "who helped whom in the club",
			func(w io.Writer) error { return g.WriteSociogramSVG(w, nil) }},
		{"club-sociogram.dot", "the same, for Graphviz (dot -Kcirco -Tpng)",
			func(w io.Writer) error { return g.WriteSociogramDOT(w, nil) }},
	}
	fmt.Fprintln(w, "\nPictures:")
	for _, p := range pictures {
		path := filepath.Join(dir, p.name)
		if err := writeFile(path, p.draw); err != nil {
			return err
		}
		fmt.Fprintf(w, "  %-20s %s\n", p.name, p.what)
	}
	return nil
}

// provisionLabel names a provision for the timeline, with money in dollars.
func provisionLabel(r casework.Resource, quantity int64, unit string) string {
	if unit == "cent" {
		return fmt.Sprintf("%s: $%d.%02d", r, quantity/100, quantity%100)
	}
	return fmt.Sprintf("%s: %d %s", r, quantity, unit)
}

// writeFile draws into a new file at path.
func writeFile(path string, draw func(io.Writer) error) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	return draw(f)
}

// script collects the first error of a run of calls, so that a story reads
// as a list of acts; after an error the later acts still run but change
// nothing that matters, since the error is returned.
type script struct{ err error }

func (s *script) do(err error) {
	if s.err == nil && err != nil {
		s.err = err
	}
}

func (s *script) id(v uuid.UUID, err error) uuid.UUID {
	s.do(err)
	return v
}

func (s *script) assess(_ casework.Assessment, err error) { s.do(err) }

// count returns the number of entries in a record.
func count(record iter.Seq[relationship.Entry]) int {
	n := 0
	for range record {
		n++
	}
	return n
}

// id returns the party identifier numbered n, the same on every run.
func id(n int) relationship.PartyID {
	return relationship.MustParsePartyID(fmt.Sprintf("01940000-0000-7000-8000-%012d", n))
}
