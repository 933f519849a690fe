#!/usr/bin/env bash
# Makes sure `mawk` is on PATH for the awk baseline (benchmarks/xferlog.awk): does nothing when it is,
# otherwise installs the Debian/Ubuntu package with apt-get (through sudo when not root). Prints one line
# to stderr saying what it did; exits non-zero when mawk cannot be installed.
set -euo pipefail

if command -v mawk >/dev/null 2>&1; then
  exit 0
fi

fail () {
  echo "setup-mawk: $1; install mawk by hand (Debian/Ubuntu: apt-get install mawk) and run again" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "mawk is not on PATH and apt-get is not available"

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || fail "mawk is not on PATH, this is not root and sudo is not available"
  sudo="sudo"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mawk; } >"$log" 2>&1; then
  tail -n 5 "$log" >&2
  fail "apt-get could not install mawk (its last lines above)"
fi
hash -r
command -v mawk >/dev/null 2>&1 || fail "apt-get installed mawk but it is still not on PATH"

version=$(mawk -W version 2>&1 | head -n 1 || true)
echo "setup-mawk: installed ${version:-mawk} with ${sudo:+sudo }apt-get" >&2
