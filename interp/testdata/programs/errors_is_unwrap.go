package main

import (
	"errors"
	"fmt"
	"strconv"
)

var ErrNeg = errors.New("negative")

type ParseError struct {
	Line int
	Err  error
}

func (e *ParseError) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Err.Error() }
func (e *ParseError) Unwrap() error { return e.Err }

type Multi []error

func (m Multi) Error() string   { return "multi" }
func (m Multi) Unwrap() []error { return m }

type Code int

func (c Code) Error() string        { return "code " + strconv.Itoa(int(c)) }
func (c Code) Is(target error) bool { return target == ErrNeg && c < 0 }

var ErrCell = &ParseError{0, nil}

func main() {
	var err error = &ParseError{3, ErrNeg}
	fmt.Println(errors.Is(err, ErrNeg), errors.Is(err, errors.ErrUnsupported))
	wrapped := fmt.Errorf("loading: %w", err)
	fmt.Println(errors.Is(wrapped, ErrNeg))
	fmt.Println(errors.Is(Multi{errors.New("a"), &ParseError{1, ErrNeg}}, ErrNeg))
	fmt.Println(errors.Is(Code(-1), ErrNeg), errors.Is(Code(1), ErrNeg))
	fmt.Println(errors.Is(fmt.Errorf("x: %w", ErrCell), ErrCell), errors.Is(err, ErrCell))
	fmt.Println(errors.Is(nil, ErrNeg), errors.Is(nil, nil))
}

// Output:
// true false
// true
// true
// true false
// true false
// false true
