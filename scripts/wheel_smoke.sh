#!/usr/bin/env bash
# The wheel on other Pythons: build it, install it with the runtime lock into a fresh
# virtualenv of each interpreter named, and run `tregua extract` on a bundled sample.
#
#   scripts/wheel_smoke.sh python3.12 python3.13
#
# Fails (exit 1) on the first interpreter whose install or extraction fails; an interpreter
# that is not on this machine is a failure too, so CI cannot pass by not running it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -eq 0 ]; then
    echo "usage: $0 PYTHON..." >&2
    exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.venv/bin/pip wheel --quiet --no-deps --wheel-dir "$work/dist" .
wheel="$(ls "$work"/dist/tregua-*.whl)"
sample="examples/$(ls examples | grep '\.txt$' | head -n 1)"

for python in "$@"; do
    if ! "$python" -c '' >/dev/null 2>&1; then
        # pyenv's shims answer only for the versions made global: look in its versions too
        found="$(ls "${PYENV_ROOT:-$HOME/.pyenv}"/versions/*/bin/"$python" 2>/dev/null | tail -n 1)"
        if [ -z "$found" ]; then
            echo "wheel smoke: $python is not on this machine" >&2
            exit 1
        fi
        python="$found"
    fi
    venv="$work/venv-$(basename "$python")"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --require-hashes -r requirements-runtime.lock
    "$venv/bin/pip" install --quiet --no-deps --require-hashes -r requirements-model.lock
    "$venv/bin/pip" install --quiet --no-deps "$wheel"
    version="$("$venv/bin/python" -c 'import sys; print(sys.version.split()[0])')"
    events="$("$venv/bin/tregua" extract "$sample" --format jsonl \
        | "$venv/bin/python" -c 'import json, sys; r = json.loads(sys.stdin.readline()); print(len(r["events"]), len(r["quotes"]))')"
    echo "wheel smoke: Python $version: tregua extract $sample -> events, quotes: $events"
done
