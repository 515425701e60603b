package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/helpingwork/helping/relationship"
)

// Sentinel errors of the PostgreSQL journal. Callers branch on them with
// [errors.Is].
var (
	// ErrInvalidTenant means a tenant's name is empty, longer than
	// [MaxTenantName] bytes, not UTF-8, or holds a NUL byte.
	ErrInvalidTenant = errors.New("postgres: invalid tenant")
	// ErrSchema means the database holds a schema this package cannot use:
	// one written by a newer version of the package, which this program
	// must not change.
	ErrSchema = errors.New("postgres: unsupported schema")
)

// MaxTenantName is the longest tenant name, in bytes.
const MaxTenantName = 200

// Options adjust a [Journal]. A nil *Options means the defaults.
type Options struct {
	// PollInterval is how often [Journal.Wait] looks at the feed even when
	// no notification arrived: a safety net for a notification lost with
	// a dropped connection. Zero means one second.
	PollInterval time.Duration

	// beforeCommit, when set by the package's tests, runs inside each
	// append's transaction just before it commits, with the positions the
	// append was given: the way to hold a commit open on purpose.
	beforeCommit func(first, last uint64)
}

// Journal is a [relationship.Journal] kept in a PostgreSQL database, for
// one tenant: the organisation whose records it holds. Many Journals, in
// many processes on many servers, may use one database at once, for the
// same tenant or for others; appends of one tenant are serialised by the
// database (see the package documentation), and a Journal never reads or
// writes another tenant's rows.
//
// Make one with [Open] or [New]. A Journal is safe for concurrent use. The
// zero Journal is not usable: its methods return an error wrapping
// [relationship.ErrClosed].
type Journal struct {
	pool     *pgxpool.Pool
	ownPool  bool // Close closes pool
	tenant   string
	poll     time.Duration
	hookTest func(first, last uint64)

	closed atomic.Bool
	life   context.Context // cancelled by Close: the context of appends' transactions
	end    context.CancelFunc

	// Appends waiting for a transaction (see append.go).
	qmu     sync.Mutex
	queue   []*request
	leading bool // a goroutine is committing, and will take the queue

	// The feed's notifications (see wait.go).
	waitMu    sync.Mutex
	changed   chan struct{} // closed at the next notification or Close
	listening chan struct{} // closed once the listener has run LISTEN
	listenErr error         // why the listener could not start, if it could not
	stop      context.CancelFunc
	done      chan struct{} // closed when the listener has ended
}

var _ relationship.Journal = (*Journal)(nil)

// Open connects to the database at connString (a URL such as
// "postgres://user:password@host:5432/dbname" or a key=value string, as
// [pgxpool.ParseConfig] reads it), creates or updates the package's schema
// (see [Migrate]) and returns the journal of tenant. [Journal.Close]
// closes the connections.
//
// Errors: [ErrInvalidTenant]; [ErrSchema]; an error that wraps what the
// connection or the migration met, with any password in connString left
// out; the context's error.
func Open(ctx context.Context, connString, tenant string, opts *Options) (*Journal, error) {
	if err := checkTenant(tenant); err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		// pgx's parse errors leave the password out.
		return nil, fmt.Errorf("postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	j, err := New(ctx, pool, tenant, opts)
	if err != nil {
		pool.Close()
		return nil, err
	}
	j.ownPool = true
	return j, nil
}

// New returns the journal of tenant in the database that pool connects to,
// after creating or updating the package's schema (see [Migrate]). Many
// journals, of one tenant or of many, may share a pool; [Journal.Close]
// leaves the pool open, for its owner to close after the journals.
//
// Errors: as [Open]'s.
func New(ctx context.Context, pool *pgxpool.Pool, tenant string, opts *Options) (*Journal, error) {
	if err := checkTenant(tenant); err != nil {
		return nil, err
	}
	if pool == nil {
		return nil, fmt.Errorf("postgres: no pool: %w", relationship.ErrClosed)
	}
	if opts == nil {
		opts = &Options{}
	}
	if err := Migrate(ctx, pool); err != nil {
		return nil, err
	}
	if _, err := pool.Exec(ctx, `INSERT INTO helping.tenants (tenant, position) VALUES ($1, 0) ON CONFLICT DO NOTHING`, tenant); err != nil {
		return nil, wrap(ctx, err)
	}
	j := &Journal{pool: pool, tenant: tenant, poll: opts.PollInterval, hookTest: opts.beforeCommit}
	j.life, j.end = context.WithCancel(context.Background())
	if j.poll <= 0 {
		j.poll = time.Second
	}
	return j, nil
}

// Tenant returns the name of the tenant whose records the journal holds.
func (j *Journal) Tenant() string {
	if j == nil {
		return ""
	}
	return j.tenant
}

// checkTenant checks a tenant's name.
func checkTenant(tenant string) error {
	bad := func(reason string) error { return fmt.Errorf("%w: %s", ErrInvalidTenant, reason) }
	switch {
	case tenant == "":
		return bad("empty name")
	case len(tenant) > MaxTenantName:
		return bad(fmt.Sprintf("name of %d bytes is longer than %d", len(tenant), MaxTenantName))
	case !utf8.ValidString(tenant):
		return bad("name is not UTF-8")
	}
	for i := 0; i < len(tenant); i++ {
		if tenant[i] == 0 {
			return bad("name holds a NUL byte")
		}
	}
	return nil
}

// check returns the error a call must return before it starts: the
// journal is closed (or was never opened), or the context is done.
func (j *Journal) check(ctx context.Context) error {
	if j == nil || j.pool == nil {
		return fmt.Errorf("postgres: journal not opened: %w", relationship.ErrClosed)
	}
	if j.closed.Load() {
		return relationship.ErrClosed
	}
	return ctx.Err()
}

// fail turns an error met while talking to the database into the one a
// call returns: ErrClosed once the journal is closed, the context's error
// once it is done, and otherwise err, wrapped.
func (j *Journal) fail(ctx context.Context, err error) error {
	if j.closed.Load() {
		return relationship.ErrClosed
	}
	return wrap(ctx, err)
}

// wrap returns the context's error if it is done, else err prefixed with
// the package's name.
func wrap(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if errors.Is(err, pgx.ErrTxClosed) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("postgres: %w", err)
}

// Close implements [relationship.Journal.Close]. It ends every Wait in
// progress with [relationship.ErrClosed] and closes the connections if
// [Open] made them. The records stay in the database.
func (j *Journal) Close() error {
	if j == nil || j.pool == nil || !j.closed.CompareAndSwap(false, true) {
		return nil
	}
	j.waitMu.Lock()
	stop, done := j.stop, j.done
	if j.changed != nil {
		close(j.changed)
		j.changed = nil
	}
	j.waitMu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
	j.end()
	if j.ownPool {
		j.pool.Close()
	}
	return nil
}
