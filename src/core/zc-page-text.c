/* zc-page-text.c — the text of one page with a box per character
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-page-text.h"

ZcPageText *
zc_page_text_new (guint    page,
                  gboolean ocr,
                  double   width,
                  double   height)
{
  ZcPageText *self = g_new0 (ZcPageText, 1);

  self->page = page;
  self->ocr = ocr;
  self->width = width;
  self->height = height;
  self->text = g_string_new (NULL);
  self->chars = g_array_new (FALSE, TRUE, sizeof (ZcTextChar));
  return self;
}

void
zc_page_text_free (ZcPageText *self)
{
  if (self == NULL)
    return;
  g_string_free (self->text, TRUE);
  g_array_unref (self->chars);
  g_free (self);
}

void
zc_page_text_append (ZcPageText  *self,
                     const char  *text,
                     const ZcBox *box,
                     float        confidence)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  ZcTextChar c = { { 0, 0, 0, 0 }, confidence };

  if (box != NULL)
    c.box = *box;
  g_string_append (self->text, valid);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    g_array_append_val (self->chars, c);
}

guint
zc_page_text_count_visible (const ZcPageText *self)
{
  guint n = 0;

  for (const char *p = self->text->str; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;
  return n;
}

gboolean
zc_page_text_get_box (const ZcPageText *self,
                      guint             start,
                      guint             end,
                      ZcBox            *box)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  const char *p = g_utf8_offset_to_pointer (self->text->str, MIN (start, self->chars->len));
  gboolean any = FALSE;

  for (guint i = start; i < end && i < self->chars->len; i++, p = g_utf8_next_char (p))
    {
      const ZcTextChar *c = &g_array_index (self->chars, ZcTextChar, i);

      if (g_unichar_isspace (g_utf8_get_char (p)) || (c->box.width <= 0 && c->box.height <= 0))
        continue;
      x0 = MIN (x0, c->box.x);
      y0 = MIN (y0, c->box.y);
      x1 = MAX (x1, c->box.x + c->box.width);
      y1 = MAX (y1, c->box.y + c->box.height);
      any = TRUE;
    }
  if (!any)
    return FALSE;
  *box = (ZcBox) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}

float
zc_page_text_get_confidence (const ZcPageText *self,
                             guint             start,
                             guint             end)
{
  float lowest = 1.0f;

  for (guint i = start; i < end && i < self->chars->len; i++)
    lowest = MIN (lowest, g_array_index (self->chars, ZcTextChar, i).confidence);
  return lowest;
}
