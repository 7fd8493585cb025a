package install

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// ErrNoSysPrefix is returned by SysPrefixDataDir when no Python environment
// is active.
var ErrNoSysPrefix = errors.New("--sys-prefix needs an active Python environment: neither VIRTUAL_ENV nor CONDA_PREFIX is set (activate one, or use --user or --prefix DIR)")

// UserDataDir returns the per-user Jupyter data dir, as jupyter_core finds
// it: $JUPYTER_DATA_DIR when set; otherwise on Linux $XDG_DATA_HOME/jupyter
// or ~/.local/share/jupyter, on macOS ~/Library/Jupyter and on Windows
// %APPDATA%\jupyter.
func UserDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Abs(d)
	}
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("APPDATA"); d != "" {
			return filepath.Join(d, "jupyter"), nil
		}
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Jupyter"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "jupyter"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// SysPrefixDataDir returns the data dir of the active Python environment,
// the equivalent of Python's sys.prefix/share/jupyter: $VIRTUAL_ENV, else
// $CONDA_PREFIX. It returns ErrNoSysPrefix when neither is set.
func SysPrefixDataDir() (string, error) {
	for _, v := range []string{"VIRTUAL_ENV", "CONDA_PREFIX"} {
		if d := os.Getenv(v); d != "" {
			return PrefixDataDir(d)
		}
	}
	return "", ErrNoSysPrefix
}

// PrefixDataDir returns prefix/share/jupyter as an absolute path.
func PrefixDataDir(prefix string) (string, error) {
	if prefix == "" {
		return "", errors.New("install: empty prefix")
	}
	return filepath.Abs(filepath.Join(prefix, "share", "jupyter"))
}
