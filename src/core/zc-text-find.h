/* zc-text-find.h — identifiers, names and dates in the text of a page,
 * with where they stand
 *
 * Finds 居民身份证号 and 统一社会信用代码 (18 characters; on an OCR page
 * repaired with zc-ocr-repair), other numbers (licence numbers: a run of
 * letters and digits with at least four digits, and the label before it),
 * names after their label (姓名, 名称, 经营者名称, 持证人 …) and dates in
 * Chinese (2026年3月5日) and ISO (2026-03-05, 2026.03.05) forms. Pure: text
 * in, findings out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zc-ocr-repair.h"
#include "zc-page-text.h"

G_BEGIN_DECLS

typedef enum
{
  ZC_FOUND_RESIDENT_ID,
  ZC_FOUND_USCC,
  ZC_FOUND_NUMBER,
  ZC_FOUND_NAME,
  ZC_FOUND_DATE,
} ZcFoundKind;

typedef struct
{
  ZcFoundKind kind;
  char       *value;      /* identifiers: repaired when a repair was unique,
                           * else as read (normalised); dates YYYY-MM-DD */
  char       *read;       /* exactly as read */
  ZcRepair    repair;     /* identifiers: INTACT (passes as read), REPAIRED,
                           * AMBIGUOUS, FAILED (fails its check); others INTACT */
  char       *label;      /* the words before it on its line (名称, 有效期至 …)
                           * without colon, or NULL */
  guint       page;
  guint       start;      /* character offsets in the page's text */
  guint       end;
  ZcBox       box;
  float       confidence; /* the lowest of its characters */
} ZcFound;

void       zc_found_free  (ZcFound          *self);

/* Of ZcFound, in the order of the text. @today bounds birth dates. */
GPtrArray *zc_text_find   (const ZcPageText *page,
                           const GDate      *today);

/* Numbers of @licence_type's own form on the page (营业执照: a credit
 * code; 食品经营许可证: JY + 14 digits; 不动产权证书: 皖(2025)芜湖市不动产权第
 * 0012345号 …), as ZC_FOUND_NUMBER (identifiers as their own kind), in
 * the order of the text; empty for a type without a known form. On an OCR
 * page look-alikes are folded before matching. */
GPtrArray *zc_text_find_licence_numbers (const ZcPageText *page,
                                         const char       *licence_type,
                                         const GDate      *today);

/* The labels a holder's name follows on a licence */
const char * const *zc_text_find_name_labels (void);

G_END_DECLS
