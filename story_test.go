package helping_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/helpingwork/helping/internal/prose"
)

// TestFirstStoryIsTheExample keeps the story that opens the package
// documentation and the README the same as the package Example, which the
// test run checks against its output: what a newcomer reads first runs, and
// prints what the text says it prints.
func TestFirstStoryIsTheExample(t *testing.T) {
	tests := []struct {
		doc, example, fn string
		within           int // the story starts within so many lines
	}{
		{"doc.go", "example_test.go", "Example", 12},
		{"README.md", "example_test.go", "Example", 20},
		{"casework/doc.go", "casework/example_first_test.go", "Example_firstCase", 15},
		{"groupwork/doc.go", "groupwork/example_first_test.go", "Example_firstClub", 20},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			code, output := exampleSource(t, tt.example, tt.fn)
			require.NotEmpty(t, code)
			require.NotEmpty(t, output)
			b, err := os.ReadFile(tt.doc)
			require.NoError(t, err)
			text := string(b)
			if strings.HasSuffix(tt.doc, ".go") {
				text = uncomment(text)
			}
			assert.Contains(t, words(text), words(code), "%s shows the code of %s", tt.doc, tt.fn)
			assert.Contains(t, words(text), words(output), "%s shows the output of %s", tt.doc, tt.fn)
			first := strings.Index(text, firstLine(code))
			require.GreaterOrEqual(t, first, 0)
			assert.LessOrEqual(t, strings.Count(text[:first], "\n"), tt.within,
				"%s begins with the story", tt.doc)
		})
	}
}

// exampleSource returns the body of the example function fn in file, and
// its expected output.
func exampleSource(t *testing.T, file, fn string) (code, output string) {
	t.Helper()
	src, err := os.ReadFile(file)
	require.NoError(t, err)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	require.NoError(t, err)
	for _, d := range f.Decls {
		decl, ok := d.(*ast.FuncDecl)
		if !ok || decl.Name.Name != fn {
			continue
		}
		body := string(src[fset.Position(decl.Body.Lbrace).Offset+1 : fset.Position(decl.Body.Rbrace).Offset])
		i := strings.Index(body, "// Output:")
		require.GreaterOrEqual(t, i, 0, "%s has an Output comment", fn)
		return body[:i], uncomment(body[i+len("// Output:"):])
	}
	require.Fail(t, "no example", "%s has no %s", file, fn)
	return "", ""
}

// uncomment drops the comment markers from each line of s.
func uncomment(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		lines[i] = strings.TrimPrefix(l, "//")
	}
	return strings.Join(lines, "\n")
}

// words reduces s to its words, so that indentation does not matter.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstLine(s string) string {
	for l := range strings.Lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// TestStoriesAreReadable checks what the example programs print, as kept in
// their golden files: lines a page wide at most, people and things named
// rather than identified by UUIDs, plain words rather than the library's
// text forms, and money as money.
func TestStoriesAreReadable(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("examples", "*", "testdata", "*.golden"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	uuid := regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	tokens := []string{"group-work", "goals-achieved", "social-goals", "social-action", "problem-solving",
		"group-ended", "sharing-data", "mutual-support", "informational:", " cent "}
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			b, err := os.ReadFile(file)
			require.NoError(t, err)
			for i, line := range strings.Split(string(b), "\n") {
				assert.LessOrEqual(t, utf8.RuneCountInString(line), prose.Width, "line %d is too wide: %q", i+1, line)
				assert.False(t, uuid.MatchString(line), "line %d shows a UUID: %q", i+1, line)
				for _, tok := range tokens {
					assert.NotContains(t, line, tok, "line %d", i+1)
				}
			}
		})
	}
}
