package postgres

import (
	"context"
	"time"

	"github.com/helpingwork/helping/relationship"
)

// feedChannel is the PostgreSQL notification channel on which every append
// announces its commit, with its tenant's name as the payload.
const feedChannel = "helping_feed"

// Wait implements [relationship.Journal.Wait]. Every append sends a
// notification (NOTIFY) that PostgreSQL delivers when it commits, to every
// journal of the tenant in every process. The journal listens on a
// connection of its own from its first Wait until it is closed; it also
// looks at the feed every [Options.PollInterval], in case a notification
// was lost with a dropped connection.
func (j *Journal) Wait(ctx context.Context, after uint64) error {
	if err := j.check(ctx); err != nil {
		return err
	}
	if err := j.listen(ctx); err != nil {
		return err
	}
	for {
		// Take the channel before looking at the feed: a commit after the
		// look closes this channel, or a later one.
		ch := j.waitChan()
		if ch == nil {
			return relationship.ErrClosed
		}
		var last int64
		if err := j.pool.QueryRow(ctx, `SELECT position FROM helping.tenants WHERE tenant = $1`, j.tenant).Scan(&last); err != nil {
			return j.fail(ctx, err)
		}
		if uint64(last) > after {
			return nil
		}
		timer := time.NewTimer(j.poll)
		select {
		case <-ch:
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		}
		timer.Stop()
	}
}

// waitChan returns the channel that the next notification, or Close,
// closes; nil once the journal is closed.
func (j *Journal) waitChan() chan struct{} {
	j.waitMu.Lock()
	defer j.waitMu.Unlock()
	if j.closed.Load() {
		return nil
	}
	if j.changed == nil {
		j.changed = make(chan struct{})
	}
	return j.changed
}

// wake wakes every Wait in progress.
func (j *Journal) wake() {
	j.waitMu.Lock()
	if j.changed != nil {
		close(j.changed)
		j.changed = nil
	}
	j.waitMu.Unlock()
}

// listen starts the listener if it has not started, and returns once it
// listens. If it could not start (the server was out of reach), listen
// returns why, and the next call tries again.
func (j *Journal) listen(ctx context.Context) error {
	j.waitMu.Lock()
	if j.closed.Load() {
		j.waitMu.Unlock()
		return relationship.ErrClosed
	}
	if j.listening == nil {
		lctx, stop := context.WithCancel(context.Background())
		j.listening, j.stop, j.done = make(chan struct{}), stop, make(chan struct{})
		go j.listener(lctx, j.listening, j.done)
	}
	listening := j.listening
	j.waitMu.Unlock()
	select {
	case <-listening:
	case <-ctx.Done():
		return ctx.Err()
	}
	j.waitMu.Lock()
	err := j.listenErr
	if err != nil && j.listening == listening {
		j.listening = nil // the next Wait tries again
	}
	j.waitMu.Unlock()
	if err != nil {
		return j.fail(ctx, err)
	}
	return nil
}

// listener holds a connection that listens on feedChannel and wakes the
// waiters at each notification for the tenant, until ctx is cancelled. It
// closes listening once it listens, or has failed to start; if the
// connection fails later, it wakes the waiters (who look at the feed
// themselves) and connects again.
func (j *Journal) listener(ctx context.Context, listening, done chan struct{}) {
	defer close(done)
	started := false
	start := func(err error) {
		if !started {
			j.waitMu.Lock()
			j.listenErr = err
			j.waitMu.Unlock()
			started = true
			close(listening)
		}
	}
	for ctx.Err() == nil {
		err := j.listenOnce(ctx, func() { start(nil) })
		if ctx.Err() != nil {
			break
		}
		if !started {
			start(err)
			return
		}
		j.wake()
		select {
		case <-ctx.Done():
		case <-time.After(j.poll):
		}
	}
	start(relationship.ErrClosed)
}

// listenOnce listens on one connection until it fails or ctx is
// cancelled, calling ready once it listens.
func (j *Journal) listenOnce(ctx context.Context, ready func()) error {
	conn, err := j.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+feedChannel); err != nil {
		conn.Conn().Close(context.Background()) // a connection that listens must not go back to the pool
		return err
	}
	ready()
	for {
		n, err := conn.Conn().WaitForNotification(ctx)
		if err != nil {
			// Cancelling a wait leaves the connection unusable, and still
			// listening: close it rather than return it to the pool.
			conn.Conn().Close(context.Background())
			return err
		}
		if n.Payload == j.tenant {
			j.wake()
		}
	}
}
