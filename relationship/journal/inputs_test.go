package journal_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/inputtest"
	"github.com/helpingwork/helping/relationship"
	"github.com/helpingwork/helping/relationship/journal"
	"github.com/helpingwork/helping/relationship/journaltest"
)

// The input sweep of the journals: every exported function and method,
// called with nil, zero values, oversized and invalid names, on a zero
// Memory and File, a nil one and real ones. No call panics, and every
// refusal wraps a documented sentinel.

var journalSentinels = map[string]error{
	"ErrNoSpace":     journal.ErrNoSpace,
	"ErrBroken":      journal.ErrBroken,
	"ErrCorrupt":     journal.ErrCorrupt,
	"ErrFormat":      journal.ErrFormat,
	"ErrLocked":      journal.ErrLocked,
	"ErrNeedsRepair": journal.ErrNeedsRepair,
	"ErrTampered":    journal.ErrTampered,
	"ErrForeign":     journal.ErrForeign,
}

func journalInputConfig(t *testing.T) inputtest.Config {
	sentinels := slices.Clone(inputtest.Relationship)
	for _, e := range journalSentinels {
		sentinels = append(sentinels, e)
	}
	sentinels = append(sentinels, context.Canceled, context.DeadlineExceeded, fs.ErrNotExist, fs.ErrPermission)
	entry := journaltest.NoteEntry(1, 1, 1)
	return inputtest.Config{
		Dir: ".",
		Funcs: map[string]any{
			"CheckAppend":   journal.CheckAppend,
			"CheckSnapshot": journal.CheckSnapshot,
			"NewMemory":     journal.NewMemory,
		},
		Types: map[string]reflect.Type{
			"CorruptError": reflect.TypeFor[journal.CorruptError](),
			"File":         reflect.TypeFor[journal.File](),
			"Memory":       reflect.TypeFor[journal.Memory](),
			"Recovery":     reflect.TypeFor[journal.Recovery](),
			"RepairError":  reflect.TypeFor[journal.RepairError](),
		},
		NilReceivers: []string{"File", "Memory"},
		Skip: map[string]string{
			"Open":        "opens a directory: its rows run in a temporary one (TestInputOpen)",
			"Memory.Wait": "blocks until a commit: its rows are in TestInputWait",
			"File.Wait":   "blocks until a commit: its rows are in TestInputWait",
		},
		Names:     journalSentinels,
		Sentinels: sentinels,
		Extra: map[reflect.Type][]inputtest.Variant{
			reflect.TypeFor[context.Context](): {{Name: "background", Value: reflect.ValueOf(context.Background())}},
			reflect.TypeFor[[]relationship.Append](): {
				{Name: "one entry", Value: reflect.ValueOf([]relationship.Append{{Stream: "s", Entries: []relationship.Entry{entry}}})},
				{Name: "empty stream name", Value: reflect.ValueOf([]relationship.Append{{Entries: []relationship.Entry{entry}}})},
				{Name: "zero entry", Value: reflect.ValueOf([]relationship.Append{{Stream: "s", Entries: []relationship.Entry{{}}}})},
			},
		},
		Fixtures: map[string][]func(t *testing.T) any{
			"Memory": {func(t *testing.T) any {
				m := journal.NewMemory()
				require.NoError(t, m.Append(context.Background(), relationship.Append{Stream: "s", Entries: journaltest.Entries(1, 0, 2)}))
				return m
			}},
			"File": {func(t *testing.T) any {
				f, err := journal.Open(t.TempDir(), &journal.FileOptions{UnsafeNoSync: true})
				require.NoError(t, err)
				t.Cleanup(func() { _ = f.Close() })
				require.NoError(t, f.Append(context.Background(), relationship.Append{Stream: "s", Entries: journaltest.Entries(1, 0, 2)}))
				return f
			}},
		},
		Snapshot: func(t *testing.T, v any) any {
			if j, ok := v.(relationship.Journal); ok {
				return journaltest.Contents(t, j)
			}
			return reflect.ValueOf(v).Elem().Interface()
		},
	}
}

func TestInputSurfaceComplete(t *testing.T) {
	inputtest.Complete(t, journalInputConfig(t))
}

func TestInputSweep(t *testing.T) {
	assert.Greater(t, inputtest.Sweep(t, journalInputConfig(t)), 100, "the sweep made its calls")
}

// Open refuses bad options and names with a documented sentinel, and a
// zero File, never opened, answers every call with an error.
func TestInputOpen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	f, err := journal.Open(filepath.Join(dir, "ok"), nil)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	require.NoError(t, osWriteFile(file))
	tests := []struct {
		name string
		dir  string
		opts *journal.FileOptions
		want error
	}{
		{"negative segment size", filepath.Join(dir, "neg"), &journal.FileOptions{SegmentSize: -1}, relationship.ErrInvalidValue},
		{"huge segment size", filepath.Join(dir, "huge"), &journal.FileOptions{SegmentSize: 1 << 40}, relationship.ErrInvalidValue},
		{"empty directory name", "", nil, relationship.ErrInvalidValue},
		{"a file, not a directory", file, nil, nil},
		{"NUL in the name", filepath.Join(dir, "a\x00b"), nil, nil},
		{"name too long", filepath.Join(dir, strings.Repeat("n", 4096)), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				f   *journal.File
				err error
			)
			require.NotPanics(t, func() { f, err = journal.Open(tt.dir, tt.opts) })
			require.Error(t, err)
			assert.Nil(t, f)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
			} else {
				var pe *fs.PathError
				assert.ErrorAs(t, err, &pe, "the file system's error, as Open documents")
			}
		})
	}
}

func osWriteFile(name string) error { return os.WriteFile(name, []byte("not a journal"), 0o600) }

// Wait, on a nil, zero or real journal, with a nil, cancelled or expiring
// context, returns an error wrapping a documented sentinel.
func TestInputWait(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	file, err := journal.Open(t.TempDir(), &journal.FileOptions{UnsafeNoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = file.Close() })
	journals := map[string]interface {
		Wait(ctx context.Context, after uint64) error
	}{
		"nil Memory": (*journal.Memory)(nil), "zero Memory": &journal.Memory{}, "Memory": journal.NewMemory(),
		"nil File": (*journal.File)(nil), "zero File": &journal.File{}, "File": file,
	}
	sentinels := append(slices.Clone(inputtest.Relationship), context.Canceled, context.DeadlineExceeded)
	for name, j := range journals {
		for cname, ctx := range map[string]func() (context.Context, context.CancelFunc){
			"nil":       func() (context.Context, context.CancelFunc) { return nil, func() {} },
			"cancelled": func() (context.Context, context.CancelFunc) { return cancelled, func() {} },
			"expiring": func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 10*time.Millisecond)
			},
		} {
			t.Run(name+"/"+cname, func(t *testing.T) {
				c, cancel := ctx()
				defer cancel()
				var err error
				require.NotPanics(t, func() { err = j.Wait(c, 0) })
				require.Error(t, err)
				assert.NotNil(t, sentinels.Match(err), "%v (%T) wraps a documented sentinel", err, err)
			})
		}
	}
}
