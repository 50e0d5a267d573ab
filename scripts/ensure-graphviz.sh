#!/usr/bin/env bash
# Make sure Graphviz's `dot` program is installed: apt-get where we may use
# it, Homebrew where present, otherwise say how to install it and fail.
set -euo pipefail
if command -v dot >/dev/null 2>&1; then
  exit 0
fi
echo "Graphviz's 'dot' program is missing; installing it..." >&2
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    SUDO="none"
  fi
  if [ "$SUDO" != none ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq graphviz >/dev/null
    command -v dot >/dev/null 2>&1 && exit 0
  fi
fi
if command -v brew >/dev/null 2>&1; then
  brew install graphviz
  command -v dot >/dev/null 2>&1 && exit 0
fi
cat >&2 <<'MSG'
Could not install Graphviz automatically. Install it, then run the command again:
  Debian/Ubuntu:  sudo apt-get install graphviz
  macOS:          brew install graphviz
  Windows:        winget install graphviz   (or see https://graphviz.org/download/)
MSG
exit 1
