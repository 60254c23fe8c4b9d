#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (Secret Service), so the
# keychain tests talk to a real OS keychain on a headless Linux machine and never to the person's own.
# Needs the Debian packages dbus, gnome-keyring and libsecret-tools (libsecret-1-dev to build keytar).
# DISPLAY stays unset: with a display, a locked keyring pops an unlock dialog and the tests would hang.
set -euo pipefail
if [ "${GLANCE_KEYRING_INNER:-}" != 1 ]; then
  exec env GLANCE_KEYRING_INNER=1 dbus-run-session -- "$0" "$@"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# gnome-keyring creates the login keyring with this (throwaway) password and unlocks it.
eval "$(printf '%s' 'glance-test-keyring' | timeout 20 gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
