package notebook_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/gocalc/gocalc/display"
	"github.com/gocalc/gocalc/engine"
	"github.com/gocalc/gocalc/notebook"
)

// upper is a toy Executor: it prints each cell in capitals and returns its
// length as the cell's value.
type upper struct{}

func (upper) Execute(ctx context.Context, code string, out engine.Output) (*display.Data, error) {
	out.Stream("stdout", strings.ToUpper(code)+"\n")
	d := display.New("text/plain", fmt.Sprint(len(code)))
	return &d, nil
}

func ExampleRun() {
	nb, err := notebook.Parse([]byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {},
	 "cells": [{"cell_type": "code", "id": "a1", "metadata": {}, "source": "hello", "outputs": [], "execution_count": null}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := notebook.Run(context.Background(), nb, upper{}, notebook.Options{}); err != nil {
		fmt.Println(err)
		return
	}
	b, _ := notebook.Marshal(nb)
	fmt.Print(string(b))
	// Output:
	// {
	//  "cells": [
	//   {
	//    "cell_type": "code",
	//    "execution_count": 1,
	//    "id": "a1",
	//    "metadata": {},
	//    "outputs": [
	//     {
	//      "name": "stdout",
	//      "output_type": "stream",
	//      "text": [
	//       "HELLO\n"
	//      ]
	//     },
	//     {
	//      "data": {
	//       "text/plain": [
	//        "5"
	//       ]
	//      },
	//      "execution_count": 1,
	//      "metadata": {},
	//      "output_type": "execute_result"
	//     }
	//    ],
	//    "source": [
	//     "hello"
	//    ]
	//   }
	//  ],
	//  "metadata": {},
	//  "nbformat": 4,
	//  "nbformat_minor": 5
	// }
}
