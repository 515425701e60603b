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
//
// Three flags keep what the program made:
//
//	-journal DIR   keep the case in the durable file journal in DIR (created
//	               if needed) instead of in memory: save it, close the
//	               journal, open it afresh, load the case back and show it
//	               reloaded: its version, its phase, its last entries, and
//	               whether its record equals the original. Run again on the
//	               same DIR, the program finds the record already there and
//	               checks it instead of appending it twice.
//	-postgres URL  keep the case in a PostgreSQL database instead, as the
//	               tenant "charityorg" (see relationship/journal/postgres),
//	               and load it back from there in the same way; the URL is
//	               a connection string such as
//	               "postgres://helping@localhost/records".
//	-timeline FILE write a picture of the case over time to FILE, as SVG:
//	               its phases, with the provisions, consents, referrals,
//	               transfer and closure marked.
//
// Without them the program writes nothing but its report.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		os.Exit(2)
	}
	if err := run(os.Stdout, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "charityorg:", err)
		os.Exit(1)
	}
}

// config is what the flags ask for; the zero config asks only for the
// report.
type config struct {
	journalDir   string // where to keep the case on disk, if anywhere
	postgresURL  string // the database to keep the case in, if any
	timelineFile string // where to draw the timeline, if anywhere
}

// parseFlags reads the command line. Errors and usage go to stderr.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("charityorg", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.journalDir, "journal", "", "keep the case in the file journal in `DIR` (created if needed), and load it back from there")
	fs.StringVar(&cfg.postgresURL, "postgres", "", "keep the case in the PostgreSQL database at `URL`, as the tenant \"charityorg\", and load it back from there")
	fs.StringVar(&cfg.timelineFile, "timeline", "", "write the case's timeline to `FILE`, as SVG")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 || cfg.journalDir != "" && cfg.postgresURL != "" {
		err := fmt.Errorf("unexpected arguments: %q", fs.Args())
		if fs.NArg() == 0 {
			err = errors.New("-journal and -postgres name two places to keep the case: choose one")
		}
		fmt.Fprintln(stderr, "charityorg:", err)
		fs.Usage()
		return config{}, err
	}
	return cfg, nil
}

// run plays the case and writes its record and power profile to w. It then
// saves the case and loads it back: from memory, or with cfg.journalDir from
// the file journal there. Last, it draws the timeline if cfg asks for it.
func run(w io.Writer, cfg config) error {
	s, err := playCase()
	if err != nil {
		return err
	}
	if err := report(w, s); err != nil {
		return err
	}
	ctx := context.Background()
	switch {
	case cfg.journalDir != "":
		err = keep(ctx, w, s, fileStore(cfg.journalDir))
	case cfg.postgresURL != "":
		err = keep(ctx, w, s, postgresStore(cfg.postgresURL))
	default:
		err = reload(ctx, w, s)
	}
	if err != nil {
		return err
	}
	if cfg.timelineFile != "" {
		return drawTimeline(w, s, cfg.timelineFile)
	}
	return nil
}
