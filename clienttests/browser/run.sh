#!/usr/bin/env bash
# run.sh: the JupyterLab end-to-end test of the gocalc kernel (issue 7).
#
# Installs what it needs (Debian's chromium, JupyterLab 4 in the git-ignored
# .venv, playwright-core from package-lock.json), builds bin/gocalc if it is
# missing, installs the kernelspec into a throwaway Jupyter data dir, starts
# JupyterLab on 127.0.0.1 with a random port and token, runs browser.test.js
# with node's test runner, and always stops JupyterLab, its kernels and the
# browser it started. Exits non-zero when anything fails.
#
# Environment: GOCALC_BIN (default bin/gocalc), BROWSER_ARTIFACTS (default
# artifacts/browser/, emptied first),
# BROWSER_TEST_KEEP=1 keeps the throwaway directory for inspection,
# BROWSER_TESTS names the test files to run (default: every *.test.js here,
# e.g. BROWSER_TESTS=debugger.test.js).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
say() { echo "browser-test: $*" >&2; }
started=$(date +%s)

# Debian's chromium (playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ]; then
	say "installing chromium"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# JupyterLab 4 in the shared git-ignored venv: reuse it, only add packages.
if [ ! -x .venv/bin/python ]; then
	python3 -m venv .venv
fi
if ! .venv/bin/python -c 'import jupyterlab, sys; sys.exit(not jupyterlab.__version__.startswith("4."))' 2>/dev/null; then
	say "installing JupyterLab 4 into .venv"
	.venv/bin/pip install -q 'jupyterlab>=4,<5'
fi
# JupyterLab's stock widget manager, which renders gocalc's widgets.
if ! .venv/bin/python -c 'import jupyterlab_widgets' 2>/dev/null; then
	say "installing jupyterlab_widgets into .venv"
	.venv/bin/pip install -q 'jupyterlab_widgets>=3,<4'
fi

# playwright-core, exactly as locked.
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

bin=${GOCALC_BIN:-$root/bin/gocalc}
if [ ! -x "$bin" ]; then
	say "building $bin"
	go build -o "$bin" .
fi

notebook=$root/notebooks/calcul-multivariable.ipynb
if [ ! -f "$notebook" ]; then
	say "missing $notebook"
	exit 1
fi
# Screenshots, the browser console and JupyterLab's log of this run only.
artifacts=${BROWSER_ARTIFACTS:-$root/artifacts/browser}
rm -rf "$artifacts"
mkdir -p "$artifacts"

tmp=$(mktemp -d /tmp/gocalc-browser.XXXXXX)
jupyter_pid=
cleanup() {
	status=$?
	if [ -n "$jupyter_pid" ] && kill -0 "$jupyter_pid" 2>/dev/null; then
		# SIGTERM makes jupyter_server shut its kernels down; then make sure.
		kill -TERM "$jupyter_pid" 2>/dev/null || true
		for _ in $(seq 1 50); do
			kill -0 "$jupyter_pid" 2>/dev/null || break
			sleep 0.2
		done
		kill -KILL "$jupyter_pid" 2>/dev/null || true
		wait "$jupyter_pid" 2>/dev/null || true
	fi
	# Kernels and browsers of this run only: their command lines name $tmp.
	for pid in $(pgrep -f -- "$tmp/" || true); do
		kill -KILL "$pid" 2>/dev/null || true
	done
	if [ "${BROWSER_TEST_KEEP:-}" = 1 ]; then
		say "kept $tmp"
	else
		rm -rf "$tmp"
	fi
	say "done in $(($(date +%s) - started)) s, exit status $status; screenshots and logs in ${artifacts:-?}"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A Jupyter of its own: nothing read from or written to the user's dirs.
export JUPYTER_DATA_DIR=$tmp/data
export JUPYTER_PATH=$tmp/data
export JUPYTER_CONFIG_DIR=$tmp/config
export JUPYTER_RUNTIME_DIR=$tmp/runtime
export JUPYTERLAB_SETTINGS_DIR=$tmp/lab-settings
export JUPYTERLAB_WORKSPACES_DIR=$tmp/lab-workspaces
export JUPYTER_PLATFORM_DIRS=1
mkdir -p "$JUPYTER_DATA_DIR" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR" "$tmp/root"

"$bin" install --user >&2
.venv/bin/jupyter kernelspec list >&2

# No news feed or update check (they would reach for the network).
mkdir -p "$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/apputils-extension"
cat >"$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/apputils-extension/notification.jupyterlab-settings" <<'EOF'
{ "fetchNews": "false", "checkForUpdates": false }
EOF
# JupyterLab drops a completion provider's answer after 1 s by default; on a
# loaded 2-core CI machine the browser-server-kernel round trip can take that
# long (seen here about once in 15 runs, the kernel itself answering in ms).
mkdir -p "$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/completer-extension"
cat >"$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/completer-extension/manager.jupyterlab-settings" <<'EOF'
{ "providerTimeout": 10000 }
EOF

cp "$notebook" "$tmp/root/"
root_flag=
if [ "$(id -u)" = 0 ]; then
	root_flag=--allow-root # CI runs as root; the server only listens on 127.0.0.1
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')

.venv/bin/jupyter lab --no-browser --ip=127.0.0.1 --port="$port" --ServerApp.port_retries=0 \
	--IdentityProvider.token="$token" --ServerApp.root_dir="$tmp/root" \
	--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate --LabApp.extension_manager=readonly \
	$root_flag \
	>"$artifacts/jupyterlab.log" 2>&1 &
jupyter_pid=$!

url=http://127.0.0.1:$port
for i in $(seq 1 120); do
	if .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
		"$url/api/status?token=$token" 2>/dev/null; then
		break
	fi
	if ! kill -0 "$jupyter_pid" 2>/dev/null; then
		say "JupyterLab exited; its log:"
		cat "$artifacts/jupyterlab.log" >&2
		exit 1
	fi
	if [ "$i" = 120 ]; then
		say "JupyterLab did not answer within 60 s"
		exit 1
	fi
	sleep 0.5
done
say "JupyterLab $(.venv/bin/jupyter lab --version) at $url"

JUPYTER_URL=$url JUPYTER_TOKEN=$token ARTIFACTS=$artifacts BROWSER_TMP=$tmp \
	CHAPTER=$(basename "$notebook") \
	timeout -k 10 600 node --test --test-reporter=spec --test-concurrency=1 \
	$(for f in ${BROWSER_TESTS:-$(cd "$here" && ls *.test.js)}; do echo "$here/$f"; done)
