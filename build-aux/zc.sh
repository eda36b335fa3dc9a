#!/usr/bin/env bash
# zc.sh — set up, build, run and test Zongchuang on Debian 12.
#
#   bash build-aux/zc.sh run    install what is missing, build, start the
#                               bundled platform with demo data, open the app
#   bash build-aux/zc.sh test   install, build, run every test headless
#                               (Xvfb), then again under ASan+UBSan, then
#                               the fuzz targets for a bounded time (clang,
#                               libFuzzer); ends with "N passed, N failed"
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
fuzz_build=${ZC_FUZZ_BUILD_DIR:-_build-fuzz}

# Every package the build, the app and the tests need. Why each is there:
# README.md, "Dependencies".
packages=(
  build-essential meson ninja-build pkg-config gettext itstool yelp-tools
  desktop-file-utils appstream libglib2.0-dev libglib2.0-bin libgtk-4-dev
  libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libpoppler-glib-dev
  libsqlite3-dev sqlite3 libicu-dev libcrypt-dev libsecret-1-dev
  clang libclang-rt-14-dev
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi python3-yaml
  python3-jsonschema
  gir1.2-atspi-2.0 imagemagick fonts-noto-cjk poppler-utils libxtst-dev
  chromium openssl iproute2 util-linux
  libtesseract-dev tesseract-ocr-chi-sim tesseract-ocr-eng libgdk-pixbuf-2.0-dev
  libsane-dev sane-utils libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  libgstreamer-plugins-bad1.0-dev gstreamer1.0-plugins-bad gstreamer1.0-nice
  libnice-dev libqrencode-dev
  gir1.2-gstreamer-1.0 gir1.2-gst-plugins-base-1.0 gir1.2-gst-plugins-bad-1.0
  gir1.2-nice-0.1 gir1.2-soup-3.0
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

run_tests () {
  local dir=$1; shift
  rm -f "$dir"/meson-logs/testlog*.junit.xml "$dir"/meson-logs/testlog*.json "$dir"/meson-logs/testlog*.txt
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
    if ! build_main; then
      echo "FAILED the build (see above)"
      echo "0 passed, 1 failed"
      exit 1
    fi
    status=0
    say "tests"
    run_tests "$build" || status=1
    dirs=("$build")
    if [ "${ZC_SKIP_ASAN:-0}" != 1 ]; then
      say "tests under AddressSanitizer + UndefinedBehaviorSanitizer"
      configure "$asan_build" -Db_sanitize=address,undefined -Dbuildtype=debug
      # LeakSanitizer runs on the core, platform, server, outbox and
      # reception tests; GTK programs skip leak checks (tests/meson.build
      # sets ASAN_OPTIONS/LSAN_OPTIONS per test, build-aux/lsan.supp
      # explains each suppression).
      if ninja -C "$asan_build"; then
        run_tests "$asan_build" || status=1
      else
        status=1
        rm -f "$asan_build"/meson-logs/testlog*   # counted as failed
      fi
      dirs+=("$asan_build")
    fi
    if [ "${ZC_SKIP_FUZZ:-0}" != 1 ]; then
      # libFuzzer (clang): each target for a bounded time, then its corpus
      say "fuzzing (each target ${ZC_FUZZ_SECONDS:-30} s)"
      CC=clang configure "$fuzz_build" -Dfuzzing=true -Db_sanitize=address,undefined \
        -Db_lundef=false -Dfuzz_seconds="${ZC_FUZZ_SECONDS:-30}"
      meson configure "$fuzz_build" -Dfuzz_seconds="${ZC_FUZZ_SECONDS:-30}" >/dev/null
      fuzz_targets=$(cd "$fuzz_build" && meson introspect --targets | /usr/bin/python3 -c \
        'import json,os,sys; print(" ".join(os.path.relpath(t["filename"][0]) for t in json.load(sys.stdin) if t["name"].startswith("fuzz-")))')
      if ninja -C "$fuzz_build" $fuzz_targets; then
        run_tests "$fuzz_build" --no-rebuild --suite fuzzing --suite fuzz || status=1
      else
        status=1
        rm -f "$fuzz_build"/meson-logs/testlog*
      fi
      dirs+=("$fuzz_build")
    fi
    # the closing line counts a crashed or timed-out program as failed
    /usr/bin/python3 build-aux/summarise.py "$status" "${dirs[@]}"
    exit $status
    ;;
  *)
    echo "usage: $0 run|test|setup" >&2
    exit 2
    ;;
esac
