package display_test

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gocalc/gocalc/display"
)

// printer is a Publisher that prints what it receives.
type printer struct{}

func (printer) Publish(d display.Data) { fmt.Println("display", mimes(d)) }
func (printer) Update(d display.Data) {
	fmt.Println("update", mimes(d), strings.SplitN(d.Data["text/plain"].(string), "|", 2)[0])
}
func (printer) Clear(wait bool) { fmt.Println("clear", wait) }

func mimes(d display.Data) []string {
	var m []string
	for k := range d.Data {
		m = append(m, k)
	}
	sort.Strings(m)
	return m
}

func ExampleNewProgress() {
	defer display.SetPublisher(printer{})()
	p := display.NewProgress(1000, "steps")
	for i := 0; i < 1000; i++ {
		p.Add(1) // updates at most every ProgressInterval
	}
	p.Done()
	// Output:
	// display [text/html text/plain]
	// update [text/html text/plain] steps: 100%
}

func ExampleHandle() {
	defer display.SetPublisher(printer{})()
	h := display.NewHandle()
	h.Show(display.New("text/markdown", "step 1"))
	h.Update(display.New("text/markdown", "step 2"))
	// Output:
	// display [text/markdown text/plain]
	// update [text/markdown text/plain] <text/markdown>
}

func ExampleHTML() {
	defer display.SetPublisher(printer{})()
	display.HTML("<b>bold</b>")
	display.ClearOnNext()
	// Output:
	// display [text/html text/plain]
	// clear true
}
