/* zc-acquire-error.h — what can go wrong taking a material in: the
 * scanner, the document camera, an imported file. Every message is
 * written for the clerk, translated, and names the device or the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZC_ACQUIRE_ERROR (zc_acquire_error_quark ())

typedef enum {
  ZC_ACQUIRE_ERROR_NO_DEVICE,       /* no scanner / the named one is gone */
  ZC_ACQUIRE_ERROR_DEVICE_BUSY,
  ZC_ACQUIRE_ERROR_JAMMED,
  ZC_ACQUIRE_ERROR_NO_DOCS,         /* the feeder is empty */
  ZC_ACQUIRE_ERROR_COVER_OPEN,
  ZC_ACQUIRE_ERROR_NO_FEEDER,       /* the scanner has no document feeder */
  ZC_ACQUIRE_ERROR_DEVICE,          /* any other failure of the device */
  ZC_ACQUIRE_ERROR_CAMERA,
  ZC_ACQUIRE_ERROR_UNSUPPORTED,     /* not a PDF, JPEG or PNG */
  ZC_ACQUIRE_ERROR_TOO_LARGE,
  ZC_ACQUIRE_ERROR_DAMAGED,
  ZC_ACQUIRE_ERROR_ENCRYPTED,
  ZC_ACQUIRE_ERROR_EMPTY,           /* nothing to make a PDF of */
  ZC_ACQUIRE_ERROR_UNREADABLE,      /* the file cannot be opened or read */
} ZcAcquireError;

/* Limits of one imported file, one material */
#define ZC_ACQUIRE_MAX_FILE_BYTES   (40 * 1024 * 1024)
#define ZC_ACQUIRE_MAX_PIXELS       (60 * 1000 * 1000)
#define ZC_ACQUIRE_MAX_PAGES        200
/* the PDF of a material: what the platform keeps of one document (the
 * contract's uploadCaseDocument, 20 MiB; ZC_CLIENT_MAX_DOCUMENT) */
#define ZC_ACQUIRE_MAX_PDF_BYTES    (20 * 1024 * 1024)

GQuark zc_acquire_error_quark (void);

G_END_DECLS
