/* zc-ocr-repair.h — undo OCR confusions in identifiers with their check
 * characters
 *
 * OCR mistakes characters that look alike (O/0, I/1/l, Z/2, S/5, B/8,
 * G/6 …). An identifier with a check character can be repaired: try the
 * look-alike substitutions each position's alphabet allows, and accept a
 * result only when exactly one candidate passes the whole validator
 * (docs/domain.md, identifier formats). Characters outside a position's
 * alphabet must be replaced; at most one character inside it may be.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZC_REPAIR_INTACT,    /* passes its check as it was read */
  ZC_REPAIR_REPAIRED,  /* exactly one look-alike candidate passes */
  ZC_REPAIR_AMBIGUOUS, /* several candidates pass: a person must look */
  ZC_REPAIR_FAILED,    /* none passes */
} ZcRepair;

/* @read: 18 characters as read (normalised by zc_id_normalize here).
 * @repaired: the passing number (INTACT, REPAIRED), else NULL. @today:
 * the date birth dates may not be after. */
ZcRepair zc_ocr_repair_resident_id (const char  *read,
                                    const GDate *today,
                                    char       **repaired);
ZcRepair zc_ocr_repair_uscc        (const char  *read,
                                    char       **repaired);

/* @text normalised and every look-alike folded to one representative
 * (O D Q → 0, I L → 1, Z → 2, S → 5, B → 8, G → 6), white space
 * removed: two readings of one number fold to the same string */
char    *zc_ocr_fold               (const char  *text);

/* One character as zc_ocr_fold folds it: full-width to half-width,
 * upper case, look-alikes to their representative */
gunichar zc_ocr_fold_char          (gunichar     c);

/* TRUE when OCR is known to read Chinese character @a as @b or back
 * (芜/无, 饮/次 — a radical lost —, 身/丑 …): one of them on the paper may
 * be the other, whatever confidence OCR claims */
gboolean zc_ocr_han_lookalikes     (gunichar     a,
                                    gunichar     b);

/* The characters OCR mistakes @c (an upper-case ASCII letter or digit)
 * for; "" for others */
const char *zc_ocr_lookalikes      (char         c);

G_END_DECLS
