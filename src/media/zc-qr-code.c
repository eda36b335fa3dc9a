/* zc-qr-code.c — a QR code drawn into a GdkMemoryTexture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "zc-qr-code.h"

#define QUIET_ZONE 4

GdkTexture *
zc_qr_code_texture_new (const char  *text,
                        guint        module_px,
                        GError     **error)
{
  QRcode *code;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *pixels;
  gsize side, stride;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (module_px > 0 && module_px <= 64, NULL);

  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The link cannot be shown as a QR code: %s"), g_strerror (saved));
      return NULL;
    }

  side = (code->width + 2 * QUIET_ZONE) * module_px;
  stride = side * 3;
  pixels = g_malloc (stride * side);
  memset (pixels, 0xff, stride * side);
  for (int y = 0; y < code->width; y++)
    for (int x = 0; x < code->width; x++)
      {
        /* bit 0 of each byte: dark module */
        if (!(code->data[y * code->width + x] & 1))
          continue;
        for (guint dy = 0; dy < module_px; dy++)
          {
            guint8 *row = pixels + ((y + QUIET_ZONE) * module_px + dy) * stride
                          + (x + QUIET_ZONE) * module_px * 3;
            memset (row, 0, module_px * 3);
          }
      }
  QRcode_free (code);
  bytes = g_bytes_new_take (pixels, stride * side);
  return gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8, bytes, stride);
}
