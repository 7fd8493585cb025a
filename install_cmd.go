package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gocalc/gocalc/install"
)

// location holds the flags that choose a Jupyter data dir, shared by
// install and uninstall.
type location struct {
	user, sysPrefix bool
	prefix          string
}

func (l *location) register(fs *flag.FlagSet) {
	fs.BoolVar(&l.user, "user", false, "the per-user Jupyter data dir: $JUPYTER_DATA_DIR, else ~/.local/share/jupyter (the default)")
	fs.BoolVar(&l.sysPrefix, "sys-prefix", false, "the active Python environment: $VIRTUAL_ENV or $CONDA_PREFIX /share/jupyter")
	fs.StringVar(&l.prefix, "prefix", "", "`DIR`/share/jupyter")
}

// dataDir returns the Jupyter data dir the flags choose.
func (l *location) dataDir() (string, error) {
	n := 0
	for _, set := range []bool{l.user, l.sysPrefix, l.prefix != ""} {
		if set {
			n++
		}
	}
	switch {
	case n > 1:
		return "", errors.New("choose one of --user, --sys-prefix and --prefix")
	case l.sysPrefix:
		return install.SysPrefixDataDir()
	case l.prefix != "":
		return install.PrefixDataDir(l.prefix)
	}
	return install.UserDataDir()
}

func installCommand(args []string) int {
	fs := newFlagSet("install", "[--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT]",
		"Install the gocalc kernelspec, as 'jupyter kernelspec install' would: DATA_DIR/kernels/NAME\n"+
			"holds kernel.json (starting this binary by its absolute path) and two logos.\n"+
			"An existing kernelspec of the same name is replaced. A binary built by 'go run'\n"+
			"lives in a temporary folder, so it is copied into the kernelspec folder first.")
	var loc location
	loc.register(fs)
	name := fs.String("name", install.DefaultName, "kernelspec `NAME` (letters, digits, '.', '_', '-')")
	display := fs.String("display-name", install.DefaultDisplayName, "`TEXT` shown in Jupyter's kernel picker")
	if _, code, done := parse(fs, args, 0, 0); done {
		return code
	}
	dir, err := loc.dataDir()
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocalc install: %v\n", err)
		return 1
	}
	res, err := install.Install(install.Options{DataDir: dir, Name: *name, DisplayName: *display})
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocalc install: %v\n", err)
		return 1
	}
	if res.Copied {
		fmt.Printf("This gocalc binary is temporary (go run); copied it to %s\n", res.Binary)
	}
	fmt.Printf("Installed kernelspec %s in %s\n", filepath.Base(res.Dir), res.Dir)
	return 0
}

func uninstallCommand(args []string) int {
	fs := newFlagSet("uninstall", "[--user | --sys-prefix | --prefix DIR] [--name NAME]",
		"Remove a kernelspec written by 'gocalc install' (with the same location flags),\n"+
			"including the binary it copied there, if any.")
	var loc location
	loc.register(fs)
	name := fs.String("name", install.DefaultName, "kernelspec `NAME`")
	if _, code, done := parse(fs, args, 0, 0); done {
		return code
	}
	dir, err := loc.dataDir()
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocalc uninstall: %v\n", err)
		return 1
	}
	removed, err := install.Uninstall(dir, *name)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocalc uninstall: %v\n", err)
		return 1
	}
	fmt.Printf("Removed %s\n", removed)
	return 0
}
