/* zc-fuzz.h — the libFuzzer entry points every target defines
 *
 * Built with -Dfuzzing=true (clang, -fsanitize=fuzzer) they are libFuzzer
 * programs; in every other build fuzz-replay.c gives them a main that
 * runs each file of the seed corpus once, so what fuzzing found stays
 * fixed in the ordinary test run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);
