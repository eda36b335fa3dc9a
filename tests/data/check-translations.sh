#!/usr/bin/env bash
# check-translations.sh SRCROOT — po/zh_CN.po translates every string of
# the files in po/POTFILES.in (extracted afresh with xgettext), with no
# fuzzy or untranslated entry, and the help's zh_CN.po every help string.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
root=${1:?}
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "1..3"
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --add-comments -f po/POTFILES.in -o "$tmp/ui.pot"
if msgcmp po/zh_CN.po "$tmp/ui.pot" 2>"$tmp/cmp"; then
  echo "ok 1 - every UI msgid is in po/zh_CN.po"
else
  sed 's/^/# /' "$tmp/cmp" | head -40
  echo "not ok 1 - po/zh_CN.po lacks msgids (run ninja zongchuang-update-po and translate)"
fi

untranslated=$(msgattrib --untranslated --only-fuzzy po/zh_CN.po 2>/dev/null | grep -c '^msgid' || true)
untranslated2=$(msgattrib --untranslated po/zh_CN.po 2>/dev/null | grep -c '^msgid' || true)
# msgattrib prints the header entry too when there is anything at all
if [ "${untranslated2:-0}" -le 1 ] && [ "${untranslated:-0}" -le 1 ] && msgfmt -c -o /dev/null po/zh_CN.po; then
  echo "ok 2 - po/zh_CN.po has no untranslated or fuzzy entry"
else
  msgattrib --untranslated po/zh_CN.po | grep '^msgid' | sed 's/^/# /' | head -20
  echo "not ok 2 - po/zh_CN.po is incomplete"
fi

itstool -o "$tmp/help.pot" help/C/*.page
if msgcmp help/zh_CN/zh_CN.po "$tmp/help.pot" 2>"$tmp/cmp2" \
   && [ "$(msgattrib --untranslated help/zh_CN/zh_CN.po | grep -c '^msgid' || true)" -le 1 ]; then
  echo "ok 3 - the help is translated into zh_CN"
else
  sed 's/^/# /' "$tmp/cmp2" | head -20
  echo "not ok 3 - help/zh_CN/zh_CN.po is incomplete"
fi
