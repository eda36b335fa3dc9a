#!/usr/bin/env bash
# zc.sh — set up, build, run and test Zongchuang on Debian 12.
#
#   bash build-aux/zc.sh run    install what is missing, build, start the
#                               bundled platform with demo data, open the app
#   bash build-aux/zc.sh test   install, build, run every test headless
#                               (Xvfb), then again under ASan+UBSan; ends
#                               with "N passed, N failed"
#   bash build-aux/zc.sh setup  only install and build
#
# Idempotent: packages already there are not reinstalled, builds are
# incremental. Run as root (apt) or with every package already present.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

build=${ZC_BUILD_DIR:-_build}
asan_build=${ZC_ASAN_BUILD_DIR:-_build-asan}

# Every package the build, the app and the tests need. Why each is there:
# README.md, "Dependencies".
packages=(
  build-essential meson ninja-build pkg-config gettext itstool yelp-tools
  desktop-file-utils appstream libglib2.0-dev libglib2.0-bin libgtk-4-dev
  libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libpoppler-glib-dev
  libsqlite3-dev sqlite3 libicu-dev libcrypt-dev libsecret-1-dev
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi python3-yaml
  python3-jsonschema
  gir1.2-atspi-2.0 imagemagick fonts-noto-cjk poppler-utils libxtst-dev
)

say () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages () {
  local missing=()
  local p
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    say "missing packages: ${missing[*]} — run this script as root to install them"
    exit 1
  fi
  say "installing ${#missing[@]} packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure () {
  local dir=$1; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
}

build_main () {
  configure "$build"
  ninja -C "$build"
}

# Prints "N passed, N failed" (", N skipped") from meson's JUnit logs.
summarise () {
  /usr/bin/python3 - "$@" <<'EOF'
import sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"cannot read {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    for case in root.iter('testcase'):
        if case.find('failure') is not None or case.find('error') is not None:
            failed += 1
        elif case.find('skipped') is not None:
            skipped += 1
        else:
            passed += 1
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
EOF
}

run_tests () {
  local dir=$1; shift
  rm -f "$dir"/meson-logs/testlog*.junit.xml
  # dbus-run-session: a private session bus (GApplication, AT-SPI);
  # the xvfb setup wraps each test in its own X server.
  dbus-run-session -- meson test -C "$dir" --setup xvfb --print-errorlogs \
    --num-processes 2 "$@" || return 1
}

cmd=${1:-}
case "$cmd" in
  setup)
    install_packages
    build_main
    ;;
  run)
    install_packages
    build_main
    ninja -C "$build" zongchuang-gmo 2>/dev/null || true
    say "starting Zongchuang (it starts the bundled zc-platform with demo data)"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      n=99
      while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
      say "no display: running under Xvfb (screen :$n); take screenshots with: DISPLAY=:$n import -window root shot.png"
      exec xvfb-run -n "$n" -s '-screen 0 1280x800x24 -ac' meson devenv -C "$build" zongchuang
    fi
    exec meson devenv -C "$build" zongchuang
    ;;
  test)
    install_packages
    build_main
    status=0
    say "tests"
    run_tests "$build" || status=1
    logs=("$build"/meson-logs/testlog-xvfb.junit.xml)
    if [ "${ZC_SKIP_ASAN:-0}" != 1 ]; then
      say "tests under AddressSanitizer + UndefinedBehaviorSanitizer"
      configure "$asan_build" -Db_sanitize=address,undefined -Dbuildtype=debug
      ninja -C "$asan_build"
      # GTK/fontconfig keep process-lifetime caches: leak reports are noise
      # there; memory errors and UB are not.
      ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        run_tests "$asan_build" || status=1
      logs+=("$asan_build"/meson-logs/testlog-xvfb.junit.xml)
    fi
    summarise "${logs[@]}"
    exit $status
    ;;
  *)
    echo "usage: $0 run|test|setup" >&2
    exit 2
    ;;
esac
