/* zc-mask.h — masking of personal data for lists
 *
 * Every function is UTF-8 aware (counts characters, not bytes), accepts
 * NULL (→ "") and invalid UTF-8 (repaired first), and returns a newly
 * allocated string. Short values never show more than half of themselves:
 * up to 2 characters → all masked, 3–4 → the last one shown, otherwise the
 * last two.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 340102199001011234 → 3401**********1234; a USCC keeps its first 4 and
 * last 4 likewise (any value longer than 8 characters); shorter values as
 * above (12345678 → ******78). */
char *zc_mask_id     (const char *id);
/* 张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明, 张 → *; surrounding spaces
 * are dropped. */
char *zc_mask_name   (const char *name);
/* 13812345678 → 138****5678 (any value of 10 or more characters keeps its
 * first 3 and last 4); shorter values as above. */
char *zc_mask_phone  (const char *phone);

G_END_DECLS
