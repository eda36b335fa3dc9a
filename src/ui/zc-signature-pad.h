/* zc-signature-pad.h — where the applicant signs a commitment letter
 *
 * A pen on a tablet draws with its pressure (GtkGestureStylus); a mouse
 * or a finger draws at an even width (GtkGestureDrag). "清除" empties the
 * pad to sign again; "签名完成" (the keyboard's way out) emits ::done.
 * The pad's accessible description says "已签名，N 笔" or "尚未签名".
 * The strokes export as PNG (black ink on transparent) for the letter.
 * Property "done-visible" (default TRUE): FALSE hides 签名完成 where the
 * window around has the one "signed" action (ZcCommitmentDialog).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ZC_TYPE_SIGNATURE_PAD (zc_signature_pad_get_type ())
G_DECLARE_FINAL_TYPE (ZcSignaturePad, zc_signature_pad, ZC, SIGNATURE_PAD, GtkWidget)

GtkWidget *zc_signature_pad_new           (void);
/* the strokes drawn since the last clear */
guint      zc_signature_pad_get_n_strokes (ZcSignaturePad *self);
void       zc_signature_pad_clear         (ZcSignaturePad *self);
/* the accessible description it sets: "已签名，N 笔" / "尚未签名" */
char      *zc_signature_pad_dup_description (ZcSignaturePad *self);
/* (transfer full): the strokes as a PNG of the pad's size (at least
 * 1×1); NULL when nothing is drawn */
GBytes    *zc_signature_pad_to_png        (ZcSignaturePad *self);

G_END_DECLS
