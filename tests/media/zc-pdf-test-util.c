/* zc-pdf-test-util.c — reading the window's PDFs back in the media tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "zc-pdf-test-util.h"

char *
zc_test_squeeze (const char *in)
{
  GString *s = g_string_new (NULL);

  for (const char *p = in; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

char *
zc_test_pdf_text (PopplerDocument *doc,
                  double           tolerance)
{
  GString *all = g_string_new (NULL);
  int n = poppler_document_get_n_pages (doc);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *squeezed = zc_test_squeeze (text);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 595, tolerance);
      g_assert_cmpfloat_with_epsilon (h, 842, tolerance);
      g_string_append (all, squeezed);
      g_string_append_c (all, '\f');
    }
  return g_string_free (all, FALSE);
}
