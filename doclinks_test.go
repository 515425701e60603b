package helping_test

import (
	"go/ast"
	"go/doc"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const modulePath = "github.com/helpingwork/helping"

// docPackage is one package of the module, read the way pkgsite reads it.
type docPackage struct {
	importPath string
	doc        *doc.Package
	symbols    map[string]bool // "Name" and "Type.Method", exported only
}

// linkish matches text that a reader would take for a doc link: "[Name]",
// "[pkg.Name]", "[Type.Method]", "[*T]".
var linkish = regexp.MustCompile(`\[\*?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\]`)

// TestDocLinks fails on a doc link anywhere in the module's doc comments that
// would be shown as literal text (go/doc and pkgsite resolve it to nothing),
// and on a link that names a package or identifier of this module that does
// not exist (a fully qualified link resolves whatever it names).
func TestDocLinks(t *testing.T) {
	pkgs := readModule(t, ".")
	require.NotEmpty(t, pkgs)
	byPath := map[string]*docPackage{}
	for _, p := range pkgs {
		byPath[p.importPath] = p
	}
	for _, p := range pkgs {
		parser := p.doc.Parser()
		for _, c := range docComments(p.doc) {
			for _, problem := range linkProblems(parser.Parse(c.text), byPath) {
				assert.Fail(t, "doc link does not resolve",
					"%s: %s: %s", p.importPath, c.where, problem)
			}
		}
	}
}

// TestDocLinksCatches makes sure the checker itself finds what it must.
func TestDocLinksCatches(t *testing.T) {
	dir := t.TempDir()
	src := `// Package bad links to [Missing], to [Thing]s, and to
// [github.com/helpingwork/helping/casework.NoSuchType].
package bad

// Thing is a thing; see [Thing.Do] and [fmt.Stringer].
type Thing struct{}

// Do does; unlike [Thing.Undo].
func (Thing) Do() {}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.go"), []byte(src), 0o600))
	pkgs := readModule(t, ".")
	byPath := map[string]*docPackage{}
	for _, p := range pkgs {
		byPath[p.importPath] = p
	}
	bad := readPackage(t, dir, modulePath+"/bad")
	require.NotNil(t, bad)
	var problems []string
	for _, c := range docComments(bad.doc) {
		problems = append(problems, linkProblems(bad.doc.Parser().Parse(c.text), byPath)...)
	}
	assert.ElementsMatch(t, []string{
		"[Missing] is left as text",
		"[Thing]s is left as text",
		"[github.com/helpingwork/helping/casework.NoSuchType] names nothing",
		"[Thing.Undo] is left as text",
	}, problems)
}

// readModule reads every package under root, internal ones, commands and
// example programs included, skipping testdata and hidden directories.
func readModule(t *testing.T, root string) []*docPackage {
	t.Helper()
	var pkgs []*docPackage
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
			return filepath.SkipDir
		}
		importPath := path.Join(modulePath, filepath.ToSlash(p))
		if pkg := readPackage(t, p, importPath); pkg != nil {
			pkgs = append(pkgs, pkg)
		}
		return nil
	})
	require.NoError(t, err)
	return pkgs
}

// readPackage parses the non-test Go files of dir, or returns nil if it has none.
func readPackage(t *testing.T, dir, importPath string) *docPackage {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil
	}
	all, err := doc.NewFromFiles(fset, files, importPath, doc.AllDecls|doc.PreserveAST)
	require.NoError(t, err)
	exported, err := doc.NewFromFiles(fset, files, importPath)
	require.NoError(t, err)
	return &docPackage{importPath: importPath, doc: all, symbols: symbols(exported)}
}

// symbols lists the exported names a link may point at.
func symbols(p *doc.Package) map[string]bool {
	s := map[string]bool{}
	addValues := func(vs []*doc.Value) {
		for _, v := range vs {
			for _, n := range v.Names {
				s[n] = true
			}
		}
	}
	addValues(p.Consts)
	addValues(p.Vars)
	for _, f := range p.Funcs {
		s[f.Name] = true
	}
	for _, ty := range p.Types {
		s[ty.Name] = true
		addValues(ty.Consts)
		addValues(ty.Vars)
		for _, f := range ty.Funcs {
			s[f.Name] = true
		}
		for _, m := range ty.Methods {
			s[ty.Name+"."+m.Name] = true
		}
		// Fields and interface methods may be linked as [Type.Name] too.
		if spec := ty.Decl.Specs[0].(*ast.TypeSpec); spec != nil {
			var fields *ast.FieldList
			switch x := spec.Type.(type) {
			case *ast.StructType:
				fields = x.Fields
			case *ast.InterfaceType:
				fields = x.Methods
			}
			if fields != nil {
				for _, f := range fields.List {
					for _, n := range f.Names {
						s[ty.Name+"."+n.Name] = true
					}
				}
			}
		}
	}
	return s
}

type docComment struct{ where, text string }

// docComments lists every doc comment go/doc shows for p.
func docComments(p *doc.Package) []docComment {
	cs := []docComment{{"package doc", p.Doc}}
	values := func(where string, vs []*doc.Value) {
		for _, v := range vs {
			cs = append(cs, docComment{where + " " + strings.Join(v.Names, ", "), v.Doc})
		}
	}
	values("const", p.Consts)
	values("var", p.Vars)
	for _, f := range p.Funcs {
		cs = append(cs, docComment{"func " + f.Name, f.Doc})
	}
	for _, ty := range p.Types {
		cs = append(cs, docComment{"type " + ty.Name, ty.Doc})
		values("const", ty.Consts)
		values("var", ty.Vars)
		for _, f := range ty.Funcs {
			cs = append(cs, docComment{"func " + f.Name, f.Doc})
		}
		for _, m := range ty.Methods {
			cs = append(cs, docComment{"method " + ty.Name + "." + m.Name, m.Doc})
		}
	}
	return cs
}

// linkProblems lists the links in d that go/doc leaves as text, and the links
// into this module whose target does not exist.
func linkProblems(d *comment.Doc, byPath map[string]*docPackage) []string {
	var problems []string
	var walk func([]comment.Text)
	walk = func(ts []comment.Text) {
		for _, t := range ts {
			switch x := t.(type) {
			case comment.Plain:
				problems = append(problems, plainLinks(string(x))...)
			case *comment.Link:
				walk(x.Text)
			case *comment.DocLink:
				if p := docLinkTarget(x, byPath); p != "" {
					problems = append(problems, p)
				}
			}
		}
	}
	var blocks func([]comment.Block)
	blocks = func(bs []comment.Block) {
		for _, b := range bs {
			switch x := b.(type) {
			case *comment.Paragraph:
				walk(x.Text)
			case *comment.Heading:
				walk(x.Text)
			case *comment.List:
				for _, it := range x.Items {
					blocks(it.Content)
				}
			}
		}
	}
	blocks(d.Content)
	sort.Strings(problems)
	return problems
}

// plainLinks finds link-like text that go/doc left unlinked. Like go/doc, it
// ignores brackets that are part of a word or an index expression (a[i][j]).
func plainLinks(s string) []string {
	var found []string
	for _, loc := range linkish.FindAllStringIndex(s, -1) {
		if loc[0] > 0 && (isWordByte(s[loc[0]-1]) || s[loc[0]-1] == ']') {
			continue
		}
		if loc[1] < len(s) && s[loc[1]] == '[' {
			continue
		}
		end := loc[1]
		for end < len(s) && isWordByte(s[end]) {
			end++
		}
		found = append(found, s[loc[0]:end]+" is left as text")
	}
	return found
}

// docLinkTarget reports a link into this module that names nothing.
func docLinkTarget(l *comment.DocLink, byPath map[string]*docPackage) string {
	if l.ImportPath == "" || !strings.HasPrefix(l.ImportPath, modulePath) {
		return "" // the current package (go/doc checked it) or another module
	}
	text := "[" + l.ImportPath
	name := l.Name
	if l.Recv != "" {
		name = l.Recv + "." + l.Name
	}
	if name != "" {
		text += "." + name
	}
	text += "]"
	p, ok := byPath[l.ImportPath]
	if !ok {
		return text + " names no package"
	}
	if name != "" && !p.symbols[name] {
		return text + " names nothing"
	}
	return ""
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
