// Command charityorg tells the story of one family and a charity
// organisation society in the winter of 1895, modelled with the casework
// package.
//
// Margaret Doyle comes to the district office of the Charity Organization
// Society of Baltimore: her husband Patrick was hurt unloading ships at
// Locust Point, there have been no wages for five weeks, the rent is behind
// and there is no coal. The society's agent opens a case, applies the
// society's test of "worthiness", investigates (the home, the landlord, the
// priest, the pawnshop), diagnoses, agrees a plan with the family, gives coal,
// groceries and rent under the district secretary's eye, refers Patrick to
// the free dispensary, and closes the case when the family is
// self-supporting again.
//
// The program prints the case record as readable text, then the power
// profile of the case: who performed which acts, counted by role and by kind
// of act, and which way support flowed, with the measures of the case's
// ledger. Finally it saves the case to a journal, loads it back, and checks
// that nothing was lost. The names are invented; the practice is the
// society's. The output is the same on every run: the clock is the story's
// calendar, two days for every entry of the record, and identifiers come
// from a fixed sequence.
//
//	go run ./examples/charityorg
package main

import (
	"context"
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "charityorg:", err)
		os.Exit(1)
	}
}

// run plays the case and writes its record and power profile to w.
func run(w io.Writer) error {
	s, err := playCase()
	if err != nil {
		return err
	}
	if err := report(w, s); err != nil {
		return err
	}
	return reload(context.Background(), w, s)
}
