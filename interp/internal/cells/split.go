package cells

import (
	"go/scanner"
	"go/token"
	"strings"

	"github.com/gocalc/gocalc/interp/internal/front"
)

// ItemKind classifies one top-level item of a cell.
type ItemKind int

const (
	ItemImport  ItemKind = iota // import declaration
	ItemDecl                    // func, method, type or const declaration
	ItemVar                     // var declaration
	ItemStmt                    // any statement, including x := ...
	itemPackage                 // a package clause
)

// Item is one top-level declaration or statement of a cell, as source text
// with the cell line and column where it starts.
type Item struct {
	Kind      ItemKind
	Text      string
	Line, Col int // 1-based position of text[0] in the cell
	offset    int // byte offset of text[0] in the cell
	Cell      int // number of the cell, once known
	// Mono, when set, makes the item (a generic declaration) a concrete
	// copy of it (front.Mono).
	Mono *front.Mono
}

// tok is a scanned token.
type tok struct {
	pos token.Pos
	tok token.Token
}

// splitCell cuts a cell into its top-level items, using Go's scanner so
// that braces in strings and comments are not miscounted. Items of an
// unbalanced cell are returned as well; the parser reports the error.
func splitCell(src string) []Item {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)

	var items []Item
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
		items = append(items, Item{Kind: classify(cur), Text: text, Line: p.Line, Col: p.Column, offset: start})
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
		if items[i].Kind == ItemDecl || items[i].Kind == ItemVar {
			withDocComment(src, &items[i])
		}
	}
	return items
}

// withDocComment extends a declaration with the // comment lines right
// above it, so that Inspect can show them.
func withDocComment(src string, it *Item) {
	lineStart := strings.LastIndexByte(src[:it.offset], '\n') + 1
	if strings.TrimSpace(src[lineStart:it.offset]) != "" {
		return
	}
	start, line := lineStart, it.Line
	for start > 0 {
		prev := strings.LastIndexByte(src[:start-1], '\n') + 1
		l := strings.TrimSpace(src[prev : start-1])
		if !strings.HasPrefix(l, "//") || strings.HasPrefix(l, "//line ") || strings.HasPrefix(l, "//go:") {
			break
		}
		start, line = prev, line-1
	}
	if line == it.Line {
		return
	}
	it.Text = src[start:it.offset] + it.Text
	it.offset, it.Line, it.Col = start, line, 1
}

// classify tells a declaration from a statement by its first tokens: a func
// keyword starts a declaration when a name follows it, or a receiver and a
// name; otherwise it starts a function literal in an expression statement.
func classify(toks []tok) ItemKind {
	rest := toks[1:]
	switch toks[0].tok {
	case token.PACKAGE:
		return itemPackage
	case token.IMPORT:
		return ItemImport
	case token.TYPE, token.CONST:
		return ItemDecl
	case token.VAR:
		return ItemVar
	case token.FUNC:
		if len(rest) == 0 {
			return ItemStmt
		}
		if rest[0].tok == token.IDENT {
			return ItemDecl
		}
		if rest[0].tok != token.LPAREN {
			return ItemStmt
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
						return ItemDecl
					}
					return ItemStmt
				}
			}
		}
	}
	return ItemStmt
}
