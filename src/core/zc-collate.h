/* zc-collate.h — the order clerks expect of Chinese names (pinyin)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int zc_collate_chinese (const char *a,
                        gssize      a_len,
                        const char *b,
                        gssize      b_len);

G_END_DECLS
