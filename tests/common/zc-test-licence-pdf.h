/* zc-test-licence-pdf.h — licence-like PDFs for the tests and benchmarks
 * of material reading (tests/common, libzc-test-materials)
 *
 * A4, a title and "label<TAB>value" lines in Chinese (Noto Sans CJK SC),
 * written with cairo: with a text layer, or as a scan (the page drawn at
 * 300 dpi into an image, optionally with noise and turned a little, and
 * that image alone in the PDF).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ZC_TEST_PDF_TEXT,  /* text layer */
  ZC_TEST_PDF_SCAN,  /* image only, 300 dpi */
} ZcTestPdfKind;

/* @title may be NULL and @lines empty: a blank page. @noise: the share of
 * pixels set to a random grey (0: a clean scan); @degrees: the scan
 * turned by this much, clockwise (90 or 270: the paper lies on its side
 * on a landscape page). Asserts that it was written. */
void zc_test_write_licence_pdf (const char         *path,
                                ZcTestPdfKind       kind,
                                const char         *title,
                                const char * const *lines,
                                double              noise,
                                double              degrees);

G_END_DECLS
