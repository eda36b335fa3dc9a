#!/usr/bin/env bash
# run-fuzz.sh TARGET SECONDS SEED_DIR WORK_DIR — fuzz for a bounded time
#
# New inputs go to WORK_DIR (never into the source tree); a crash leaves
# WORK_DIR/crash-* and fails the test. Fix it, then copy the file into
# tests/fuzz/corpus/NAME/ so the replay keeps it fixed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
target=$1 seconds=$2 seeds=$3 work=$4
mkdir -p "$work/corpus"
exec "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/" \
  "$work/corpus" "$seeds"
