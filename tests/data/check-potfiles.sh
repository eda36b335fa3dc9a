#!/usr/bin/env bash
# check-potfiles.sh SRCROOT — every source file under src/, server/ and
# data/ that has a translatable string (`_(` or translatable="yes") must
# be listed in po/POTFILES.in. Lists the missing ones and fails.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$root"

potfiles=po/POTFILES.in
if [ ! -f "$potfiles" ]; then
  echo "Bail out! $potfiles is missing"
  exit 1
fi

listed=$(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d' \
             -e 's/^\[[^]]*\][[:space:]]*//' "$potfiles" | sort -u)

candidates=$(grep -rlI -E '(^|[^A-Za-z0-9_])_\(|translatable="yes"' \
               --include='*.c' --include='*.h' --include='*.ui' \
               --include='*.xml' --include='*.in' \
               src server data 2>/dev/null | sort -u || true)

missing=()
for f in $candidates; do
  if ! grep -qxF "$f" <<<"$listed"; then
    missing+=("$f")
  fi
done

echo "1..1"
if [ ${#missing[@]} -gt 0 ]; then
  echo "# files with translatable strings missing from $potfiles:"
  for f in "${missing[@]}"; do
    echo "#   $f"
  done
  echo "not ok 1 - ${#missing[@]} file(s) missing from $potfiles"
  exit 1
fi
echo "ok 1 - every file with translatable strings is in $potfiles ($(wc -w <<<"$candidates") files)"
