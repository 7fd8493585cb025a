package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is gocalc's release; builds may set it with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// command is one subcommand of gocalc.
type command struct {
	name, summary string
	run           func(args []string) int
}

func commands() []command {
	return []command{
		{"install", "install the gocalc kernelspec into Jupyter", installCommand},
		{"uninstall", "remove the gocalc kernelspec", uninstallCommand},
		{"kernel", "serve a Jupyter connection file (Jupyter starts this)", kernelCommand},
		{"run", "execute a notebook's code cells and save their outputs", runCommand},
		{"version", "print gocalc's version", versionCommand},
		{"help", "show help for gocalc or one of its commands", helpCommand},
	}
}

func main() {
	os.Exit(dispatch(os.Args[1:]))
}

// dispatch runs the command named by args[0] and returns the exit status.
func dispatch(args []string) int {
	if len(args) == 0 {
		usage(os.Stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(os.Stdout)
		return 0
	case "-version", "--version":
		return versionCommand(nil)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:])
		}
	}
	fmt.Fprintf(os.Stderr, "gocalc: unknown command %q\n\n", args[0])
	usage(os.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, "gocalc is a Jupyter kernel for Go, made for calculus notebooks.\n\nUsage:\n\n\tgocalc <command> [arguments]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'gocalc <command> --help' for a command's options.\n")
}

func helpCommand(args []string) int {
	if len(args) == 0 {
		usage(os.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] && c.name != "help" {
			return c.run([]string{"--help"})
		}
	}
	if args[0] == "help" {
		usage(os.Stdout)
		return 0
	}
	fmt.Fprintf(os.Stderr, "gocalc help: unknown command %q\n", args[0])
	return 2
}

func versionCommand(args []string) int {
	fs := newFlagSet("version", "", "Print gocalc's version, the Go release it was built with, and its source revision.")
	if _, code, done := parse(fs, args, 0, 0); done {
		return code
	}
	fmt.Printf("gocalc %s (%s, %s/%s%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, revision())
	return 0
}

// revision returns ", rev XXXXXXX" from the build's VCS stamp, if any.
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return ""
	}
	return ", rev " + rev + dirty
}

// newFlagSet returns a flag set whose --help prints the synopsis, the
// description and the flags to stdout.
func newFlagSet(name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet("gocalc "+name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: gocalc %s %s\n\n%s\n", name, synopsis, description)
		printFlags(w, fs)
	}
	return fs
}

// printFlags lists fs's flags GNU-style (--name VALUE), the way this
// command's synopses spell them; Go's flag package accepts both - and --.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprint(w, "\nOptions:\n")
			first = false
		}
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		value, usage := flag.UnquoteUsage(f)
		if value == "value" {
			value = "D"
		}
		line := "  " + dash + f.Name
		if value != "" {
			line += " " + strings.ToUpper(value)
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0s" {
			usage += fmt.Sprintf(" (default %q)", f.DefValue)
		}
		fmt.Fprintf(w, "%-26s %s\n", line, usage)
	})
}

// parse parses args with fs, allowing flags before and after positional
// arguments (gocalc run nb.ipynb -o out.ipynb), and checks that there are
// between min and max positional arguments (max < 0: no limit), which it
// returns. When done is true the caller returns code: help was printed (0)
// or the arguments were wrong (2).
func parse(fs *flag.FlagSet, args []string, min, max int) (pos []string, code int, done bool) {
	for {
		fs.SetOutput(io.Discard)
		err := fs.Parse(args)
		fs.SetOutput(os.Stderr)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(os.Stdout)
			fs.Usage()
			return nil, 0, true
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", fs.Name(), err)
			fmt.Fprintf(os.Stderr, "Run '%s --help' for usage.\n", fs.Name())
			return nil, 2, true
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			pos = append(pos, rest[1:]...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if len(pos) < min || (max >= 0 && len(pos) > max) {
		want := fmt.Sprintf("%d", min)
		switch {
		case max < 0:
			want = fmt.Sprintf("at least %d", min)
		case max != min:
			want = fmt.Sprintf("%d to %d", min, max)
		}
		fmt.Fprintf(os.Stderr, "%s: want %s argument(s), got %d", fs.Name(), want, len(pos))
		if len(pos) > 0 {
			fmt.Fprintf(os.Stderr, " (%s)", strings.Join(pos, " "))
		}
		fmt.Fprintf(os.Stderr, "\nRun '%s --help' for usage.\n", fs.Name())
		return nil, 2, true
	}
	return pos, 0, false
}
