// Command classroom is a role-play of casework and group work in the
// browser, played by a class on the library's own rules.
//
// Social-work educators teach the contrast between the charity
// organisation's casework and the settlement house's group work by
// role-play. Here a teacher opens a session and reads out a short join code;
// each student joins from their own browser with the code and a name, and
// takes a role: in the charity organisation society, the client, the worker
// or the supervisor of one case (the Novak family, Chicago, the winter of
// 1894); in the settlement-house club, a member or the facilitator.
//
// Every act a student makes is a call into the library in their role:
// package casework decides whether the worker may study, diagnose and propose
// relief, whether the supervisor may approve it, whether the client consents,
// refuses or withdraws; package groupwork decides whether a member may join,
// name their strengths, help another, raise a proposal and vote under the
// rule the members chose, and whether the facilitator may convene, record
// attendance and mediate. A refused act shows the library's own explanation:
// the error, the roles the rights table gives the act, and the principle
// behind the rule. The case's timeline, the club's sociogram and the
// comparison of the two are drawn by the library's SVG writers and follow the
// class as it plays; when the teacher ends the session, the contrast the
// library computed from what the class did stands beside the historical one.
//
// Usage:
//
//	go run ./examples/classroom                      # http://127.0.0.1:8080/
//	go run ./examples/classroom -addr 0.0.0.0:8080   # for a classroom network
//	go run ./examples/classroom -data DIR            # keep the state in DIR
//	go run ./examples/classroom -postgres URL        # keep the records in PostgreSQL
//	go run ./examples/classroom -smoke               # start, play one act, stop
//
// The state is kept in DIR: the cases, agencies and clubs in the library's
// file journal (DIR/journal), and the sessions' join codes and roles in
// DIR/roster.json. A server restarted on the same directory finds every
// session as it was. The default directory is "helping-classroom" in the
// user's cache directory. With -postgres URL the cases, agencies and clubs
// are kept in that PostgreSQL database instead, as the tenant "classroom"
// (see relationship/journal/postgres), and only the roster in DIR.
//
// The server writes one line per request to its log: the method, the route
// and the status. It never logs a name, a join code, a form's text or a
// ballot.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "classroom:", err)
		stop()
		os.Exit(1)
	}
}

// config is what the command line sets.
type config struct {
	addr     string
	data     string
	postgres string // the database to keep the records in, if any
	smoke    bool
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("classroom", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "`host:port` to serve on")
	fs.StringVar(&c.data, "data", "", "`directory` that keeps the state (default: helping-classroom in the user's cache directory)")
	fs.StringVar(&c.postgres, "postgres", "", "keep the records in the PostgreSQL database at `URL` (tenant \"classroom\"), the roster in the data directory")
	fs.BoolVar(&c.smoke, "smoke", false, "serve on a free port with a fresh data directory, open a session over HTTP, and exit (a check for CI)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return c, nil
}

// run serves the classroom until ctx ends, or, with -smoke, until one
// session has been opened and its page fetched.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if c.smoke {
		c.addr = "127.0.0.1:0"
		if c.data == "" {
			tmp, err := os.MkdirTemp("", "classroom-smoke-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			c.data = tmp
		}
	}
	if c.data == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return fmt.Errorf("no user cache directory (%w): give one with -data", err)
		}
		c.data = filepath.Join(cache, "helping-classroom")
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	a, err := openApp(ctx, c.data, c.postgres, logger)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, a.Close()) }()

	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           a.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "classroom: open %s in a browser (state kept in %s)\n", url, c.data)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	if c.smoke {
		err = smoke(ctx, url, stdout)
	} else {
		select {
		case <-ctx.Done():
		case err = <-served:
			return err
		}
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return errors.Join(err, srv.Shutdown(shut))
}
