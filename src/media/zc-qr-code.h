/* zc-qr-code.h — a QR code (libqrencode) as a GdkTexture, for the citizen
 * to scan the join link of the remote window from the clerk's screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @text encoded at error correction level M, each module @module_px
 * pixels square, black on white with the standard quiet zone of four
 * modules. NULL (and @error) when @text cannot be encoded (too long). */
GdkTexture *zc_qr_code_texture_new (const char  *text,
                                    guint        module_px,
                                    GError     **error);

G_END_DECLS
