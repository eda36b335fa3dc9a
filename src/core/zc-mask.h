/* zc-mask.h — masking of personal data for lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 340102199001011234 → 3401**********1234; a USCC keeps its first 4 and
 * last 4 likewise; shorter strings are masked all but the last 2. */
char *zc_mask_id     (const char *id);
/* 张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明; UTF-8 aware. */
char *zc_mask_name   (const char *name);
/* 13812345678 → 138****5678 */
char *zc_mask_phone  (const char *phone);

G_END_DECLS
