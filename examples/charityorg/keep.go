package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/helpingwork/helping/casework"
	"github.com/helpingwork/helping/internal/prose"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journal/postgres"
)

// lastEntries is how many entries of the reloaded record keep shows.
const lastEntries = 3

// keep saves the society and the case to the file journal in dir, closes
// the journal, opens it afresh and loads them back, the society first, as
// a program that restarts does, and shows the case as it came back. A
// journal that already holds them from an earlier run is checked, not
// appended to; one that holds another record under the case's stream is an
// error.
func keep(ctx context.Context, w io.Writer, s *story, st store) (err error) {
	appended, err := saveTo(ctx, s, st)
	if err != nil {
		return err
	}
	j, err := st.open(ctx)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, j.Close()) }()
	a, err := casework.LoadAgency(ctx, j, society, nil)
	if err != nil {
		return err
	}
	loaded, err := casework.Load(ctx, j, s.c.ID(), &casework.Options{Agency: a})
	if err != nil {
		return err
	}
	same, err := sameRecord(s.c, loaded)
	if err != nil {
		return err
	}
	if !same && !appended {
		return fmt.Errorf("%s holds another record under %s: use another", st.where, casework.StreamName(s.c.ID()))
	}
	p := newPrinter(w, loaded)
	p.section("The case kept on disk")
	saved := fmt.Sprintf("Saved the society's %d entries and the case's %d to %s, streams %q and %q; "+
		"each save returned once its entries were %s.",
		s.agency.Version(), s.c.Version(), st.where, casework.AgencyStreamName(society), casework.StreamName(s.c.ID()), st.durable)
	if !appended {
		saved = fmt.Sprintf("%s already held the society's %d entries and the case's %d, from an earlier run: "+
			"nothing was appended.", upperFirst(st.where), a.Version(), loaded.Version())
	}
	p.printf("  %s\n", wrap(saved, 96, 2))
	if f, ok := j.(*journal.File); ok {
		for _, r := range f.Recovered() {
			p.printf("  %s\n", wrap("On opening, the journal recovered from an interrupted write: "+r.String(), 96, 2))
		}
	}
	p.printf("  Closed the journal, opened it afresh and loaded the society, then the case:\n")
	p.reloaded(s, loaded, a, same)
	return p.err
}

// store is a place to keep the case: a journal to open, and how to
// speak of it.
type store struct {
	open    func(context.Context) (relationship.Journal, error)
	where   string // "the file journal in DIR"
	durable string // what a save waits for
}

// fileStore is the file journal in dir.
func fileStore(dir string) store {
	return store{
		open:    func(context.Context) (relationship.Journal, error) { return journal.Open(dir, nil) },
		where:   "the file journal in " + dir,
		durable: "synced to disk",
	}
}

// postgresTenant is the tenant the program keeps its case as, in a
// database that many organisations may share.
const postgresTenant = "charityorg"

// postgresStore is the PostgreSQL database at url. Only the tenant is
// printed: a connection string may hold a password.
func postgresStore(url string) store {
	return store{
		open: func(ctx context.Context) (relationship.Journal, error) {
			return postgres.Open(ctx, url, postgresTenant, nil)
		},
		where:   fmt.Sprintf("the PostgreSQL journal of tenant %q", postgresTenant),
		durable: "committed",
	}
}

func upperFirst(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// saveTo saves the society and the case to the store's journal and
// closes it. It reports false, and no error, when the journal already
// holds their streams: keep then checks what it holds.
func saveTo(ctx context.Context, s *story, st store) (appended bool, err error) {
	j, err := st.open(ctx)
	if err != nil {
		return false, err
	}
	defer func() { err = errors.Join(err, j.Close()) }()
	err = s.agency.Save(ctx, j)
	if err == nil {
		err = s.c.Save(ctx, j)
	}
	if errors.Is(err, relationship.ErrVersionConflict) {
		return false, nil
	}
	return err == nil, err
}

// reloaded writes the case as it came back: version, phase, its last
// entries, and how it compares with the original.
func (p *printer) reloaded(s *story, loaded *casework.Case, a *casework.Agency, same bool) {
	phase := loaded.Phase().String()
	if cl, ok := loaded.Closure(); ok {
		phase = fmt.Sprintf("%s (%s, %s)", phase, prose.Words(cl.Reason.String()), cl.At.Format("Mon _2 Jan 2006"))
	}
	p.printf("    version %d, phase %s\n", loaded.Version(), phase)
	p.printf("    the last %d entries of its record:\n", lastEntries)
	record := slices.Collect(loaded.Record())
	for _, e := range record[max(0, len(record)-lastEntries):] {
		p.entry("    ", e)
	}
	p.printf("    record equal to the original, entry for entry: %t; same phase: %t; same ledger: %t;\n",
		same, loaded.Phase() == s.c.Phase(), loaded.Ledger().Metrics() == s.c.Ledger().Metrics())
	p.printf("    the pool as it stood: %t\n",
		fmt.Sprint(collectPool(s.agency)) == fmt.Sprint(collectPool(a)))
}

// drawTimeline writes the picture of the case over time to file, as SVG.
func drawTimeline(w io.Writer, s *story, file string) error {
	var b bytes.Buffer
	if err := s.c.WriteTimelineSVG(&b, &casework.TimelineOptions{ProvisionLabel: markerAmount}); err != nil {
		return err
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nDrew the case over time in %s.\n", file)
	return err
}

// markerAmount labels a provision in the timeline, the resource first so
// that a label cut short still says what was given: "coal: 3 hundredweight",
// "groceries: 2 orders", "rent: $18.00".
func markerAmount(r casework.Resource, n int64, unit string) string {
	if unit == "cent" {
		return fmt.Sprintf("%s: $%d.%02d", r, n/100, n%100)
	}
	return fmt.Sprintf("%s: %d %s", r, n, plural(unit, n))
}
