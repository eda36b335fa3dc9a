/* zc-pdf-test-util.h — reading the window's PDFs back in the media tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib 22 defines no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* @in without any white space (wrapping inside a table cell does not
 * split what a test looks for) */
char *zc_test_squeeze  (const char *in);

/* All the text of @doc, squeezed, pages joined by '\f'; asserts that
 * every page is A4 (595 × 842 pt, within @tolerance) */
char *zc_test_pdf_text (PopplerDocument *doc,
                        double           tolerance);

/* An A4 PDF of @n_pages drawn with cairo: on each page "Page N" in big
 * letters, a few lines of text, a black box at ZC_TEST_BOX (points from
 * the top left corner) and a black square in the top left corner at
 * ZC_TEST_MARK (to tell a rotation) */
#define ZC_TEST_BOX_X 100.0
#define ZC_TEST_BOX_Y 200.0
#define ZC_TEST_BOX_W 150.0
#define ZC_TEST_BOX_H 50.0
#define ZC_TEST_MARK_X 40.0
#define ZC_TEST_MARK_Y 40.0
#define ZC_TEST_MARK_SIDE 40.0
GBytes *zc_test_pages_pdf (int n_pages);

/* @needle (squeezed) is in @text, or the test fails showing both */
#define zc_test_assert_has(text, needle) G_STMT_START {               \
    g_autofree char *n__ = zc_test_squeeze (needle);                 \
    if (strstr ((text), n__) == NULL)                                \
      g_error ("“%s” not in the document:\n%s", n__, (text));        \
  } G_STMT_END

G_END_DECLS
