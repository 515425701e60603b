package helping_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFirstStoryIsTheExample keeps the story that opens the package
// documentation and the README the same as the package Example, which the
// test run checks against its output: what a newcomer reads first runs, and
// prints what the text says it prints.
func TestFirstStoryIsTheExample(t *testing.T) {
	code, output := exampleSource(t)
	require.NotEmpty(t, code)
	require.NotEmpty(t, output)

	docGo, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for name, text := range map[string]string{
		"doc.go":    uncomment(string(docGo)),
		"README.md": string(readme),
	} {
		assert.Contains(t, words(text), words(code), "%s shows the Example's code", name)
		assert.Contains(t, words(text), words(output), "%s shows the Example's output", name)
		first := strings.Index(text, firstLine(code))
		require.GreaterOrEqual(t, first, 0)
		assert.Less(t, strings.Count(text[:first], "\n"), 20,
			"%s begins with the story, within its first lines", name)
	}
}

// exampleSource returns the body of Example in example_test.go, and its
// expected output.
func exampleSource(t *testing.T) (code, output string) {
	t.Helper()
	src, err := os.ReadFile("example_test.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "example_test.go", src, parser.ParseComments)
	require.NoError(t, err)
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "Example" {
			continue
		}
		body := string(src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
		i := strings.Index(body, "// Output:")
		require.GreaterOrEqual(t, i, 0, "Example has an Output comment")
		return body[:i], uncomment(body[i+len("// Output:"):])
	}
	require.Fail(t, "example_test.go has no Example")
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
