// Command settlementhouse tells the story of one season of a girls' club at
// a settlement house, modelled with the groupwork package: the club leader,
// a resident of the house (the package calls her role the facilitator; "group
// worker" is a later name, from when group work became a method in the
// 1920s), forms the club, girls from the neighbourhood join with what they can offer
// and what they seek, the club meets and chooses its programme, the members
// help one another, the group passes through the stages of development
// (and back again when newcomers arrive), takes a neighbourhood concern to
// the authorities with the worker's mediation, decides things together (a
// petition by consensus, the farewell outing by a secret ranked ballot with
// a proxy for a member kept at home), and closes at the end of the season.
//
// It prints a readable account and the mutual-aid measures of the club's
// ledger: reciprocity, density, concentration and each member's balance.
// The output is the same on every run: the clock is the story's calendar,
// advancing a minute for each entry of the record, and identifiers come
// from a fixed sequence.
//
// Given a directory, it also draws the club's sociogram there, the picture
// of who helped whom over the season: sociogram.svg, and sociogram.dot for
// Graphviz.
//
//	go run ./examples/settlementhouse              # the account only
//	go run ./examples/settlementhouse -out /tmp    # and the sociogram
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/helpingwork/helping/groupwork"
	"github.com/helpingwork/helping/internal/prose"
)

func main() {
	out := flag.String("out", "", "directory to draw the club's sociogram into (sociogram.svg, sociogram.dot); none by default")
	flag.Parse()
	if err := run(os.Stdout, *out); err != nil {
		fmt.Fprintln(os.Stderr, "settlementhouse:", err)
		os.Exit(1)
	}
}

// run plays the season and writes its account to w, and the sociogram into
// dir unless dir is empty.
func run(w io.Writer, dir string) error {
	s, err := playSeason()
	if err != nil {
		return err
	}
	var buf strings.Builder
	if err := report(&buf, s); err != nil {
		return err
	}
	if _, err := io.WriteString(w, prose.Wrap(buf.String(), prose.Width)); err != nil {
		return err
	}
	if dir == "" {
		return nil
	}
	return drawSociogram(w, dir, s.g)
}

// sociogramTitle heads the picture: the club and its season.
const sociogramTitle = "Ewing Street Girls' Club, 1910-11: who helped whom"

// drawSociogram writes the club's sociogram into dir, as SVG and as DOT,
// and says what it wrote.
func drawSociogram(w io.Writer, dir string, g *groupwork.Group) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	opts := &groupwork.SociogramOptions{Title: sociogramTitle}
	pictures := []struct {
		name, what string
		draw       func(io.Writer, *groupwork.SociogramOptions) error
	}{
		{"sociogram.svg", "who helped whom, as a picture", g.WriteSociogramSVG},
		{"sociogram.dot", "the same graph for Graphviz (dot -Kcirco -Tsvg)", g.WriteSociogramDOT},
	}
	if _, err := fmt.Fprint(w, "\nPictures\n--------\n"); err != nil {
		return err
	}
	for _, p := range pictures {
		if err := writeFile(filepath.Join(dir, p.name), func(f io.Writer) error { return p.draw(f, opts) }); err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "  %-14s %s\n", p.name, p.what); err != nil {
			return err
		}
	}
	return nil
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
