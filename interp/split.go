package interp

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/gocalc/gocalc/interp/internal/front"
)

// itemKind classifies one top-level item of a cell.
type itemKind int

const (
	itemImport  itemKind = iota // import declaration
	itemDecl                    // func, method, type or const declaration
	itemVar                     // var declaration
	itemStmt                    // any statement, including x := ...
	itemPackage                 // a package clause
)

// item is one top-level declaration or statement of a cell, as source text
// with the cell line and column where it starts.
type item struct {
	kind      itemKind
	text      string
	line, col int // 1-based position of text[0] in the cell
	offset    int // byte offset of text[0] in the cell
	cell      int // number of the cell, once known
	// mono, when set, makes the item (a generic declaration) a concrete
	// copy of it (front.Mono).
	mono *front.Mono
}

// tok is a scanned token.
type tok struct {
	pos token.Pos
	tok token.Token
}

// splitCell cuts a cell into its top-level items, using Go's scanner so
// that braces in strings and comments are not miscounted. Items of an
// unbalanced cell are returned as well; the parser reports the error.
func splitCell(src string) []item {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)

	var items []item
	var cur []tok
	depth := 0
	header := false // inside the header of a for, if or switch at depth 0
	flush := func(end int) {
		if len(cur) == 0 {
			return
		}
		start := file.Offset(cur[0].pos)
		p := file.PositionFor(cur[0].pos, false) // the cell's own lines, not a //line directive's
		text := strings.TrimRight(src[start:end], " \t\r\n;")
		items = append(items, item{kind: classify(cur), text: text, line: p.Line, col: p.Column, offset: start})
		cur = cur[:0]
	}
	for {
		pos, t, _ := s.Scan()
		if t == token.EOF {
			flush(len(src))
			break
		}
		if t == token.COMMENT {
			continue
		}
		switch t {
		case token.FOR, token.IF, token.SWITCH:
			if depth == 0 {
				header = true
			}
		case token.LBRACE:
			if depth == 0 {
				header = false
			}
			depth++
		case token.LPAREN, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			if depth > 0 {
				depth--
			}
		case token.SEMICOLON:
			if depth == 0 && !header {
				flush(file.Offset(pos))
				continue
			}
		}
		cur = append(cur, tok{pos, t})
	}
	for i := range items {
		if items[i].kind == itemDecl || items[i].kind == itemVar {
			withDocComment(src, &items[i])
		}
	}
	return items
}

// withDocComment extends a declaration with the // comment lines right
// above it, so that Inspect can show them.
func withDocComment(src string, it *item) {
	lineStart := strings.LastIndexByte(src[:it.offset], '\n') + 1
	if strings.TrimSpace(src[lineStart:it.offset]) != "" {
		return
	}
	start, line := lineStart, it.line
	for start > 0 {
		prev := strings.LastIndexByte(src[:start-1], '\n') + 1
		l := strings.TrimSpace(src[prev : start-1])
		if !strings.HasPrefix(l, "//") || strings.HasPrefix(l, "//line ") || strings.HasPrefix(l, "//go:") {
			break
		}
		start, line = prev, line-1
	}
	if line == it.line {
		return
	}
	it.text = src[start:it.offset] + it.text
	it.offset, it.line, it.col = start, line, 1
}

// classify tells a declaration from a statement by its first tokens: a func
// keyword starts a declaration when a name follows it, or a receiver and a
// name; otherwise it starts a function literal in an expression statement.
func classify(toks []tok) itemKind {
	rest := toks[1:]
	switch toks[0].tok {
	case token.PACKAGE:
		return itemPackage
	case token.IMPORT:
		return itemImport
	case token.TYPE, token.CONST:
		return itemDecl
	case token.VAR:
		return itemVar
	case token.FUNC:
		if len(rest) == 0 {
			return itemStmt
		}
		if rest[0].tok == token.IDENT {
			return itemDecl
		}
		if rest[0].tok != token.LPAREN {
			return itemStmt
		}
		depth := 0
		for i, t := range rest {
			switch t.tok {
			case token.LPAREN:
				depth++
			case token.RPAREN:
				depth--
				if depth == 0 {
					if i+1 < len(rest) && rest[i+1].tok == token.IDENT {
						return itemDecl
					}
					return itemStmt
				}
			}
		}
	}
	return itemStmt
}
