// Command settlementhouse tells the story of one season of a girls' club at
// a settlement house, modelled with the groupwork package: the group worker
// forms the club, girls from the neighbourhood join with what they can offer
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
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "settlementhouse:", err)
		os.Exit(1)
	}
}

// run plays the season and writes its account to w.
func run(w io.Writer) error {
	s, err := playSeason()
	if err != nil {
		return err
	}
	return report(w, s)
}
