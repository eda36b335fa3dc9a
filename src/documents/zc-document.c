/* zc-document.c — the window's documents as A4 PDF (cairo + PangoCairo)
 *
 * The layout runs twice: a first pass on a discarding PDF stream counts
 * the pages (so every footer can say "第 n 页 共 m 页"), the second
 * writes for real. Both passes use a PDF surface so the metrics agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "zc-document.h"
#include "zc-calendar.h"
#include "zc-mask.h"

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN_X 62.0
#define MARGIN_TOP 58.0
#define MARGIN_BOTTOM 58.0
#define CONTENT_W (PAGE_W - 2 * MARGIN_X)
#define BOTTOM (PAGE_H - MARGIN_BOTTOM)

#define BODY_PT 10.5
#define TABLE_PT 10
#define FONT_SERIF "Noto Serif CJK SC, Serif"
#define FONT_SANS  "Noto Sans CJK SC, Sans"

const char *
zc_document_kind_title (ZcDocumentKind kind)
{
  switch (kind)
    {
    case ZC_DOCUMENT_RECEIPT:
      return _("Acceptance Receipt");
    case ZC_DOCUMENT_ONE_TIME_NOTICE:
      return _("One-Time Notice of Missing Materials");
    case ZC_DOCUMENT_REFUSAL:
      return _("Notice of Non-Acceptance");
    case ZC_DOCUMENT_TOLERANCE_REQUEST:
      return _("Commitment to Supply Missing Materials");
    case ZC_DOCUMENT_TOLERANCE_NOTICE:
      return _("Notice of Acceptance with Materials Missing");
    case ZC_DOCUMENT_COMMITMENT:
      return _("Letter of Commitment");
    default:
      return _("Document");
    }
}

/* ── data ─────────────────────────────────────────────────────────── */

static void
matter_free (gpointer p)
{
  ZcDocumentMatter *m = p;

  if (m == NULL)
    return;
  g_free (m->name);
  g_free (m->department);
  g_free (m->due_date);
  g_free (m);
}

static void
material_free (gpointer p)
{
  ZcDocumentMaterial *m = p;

  if (m == NULL)
    return;
  g_free (m->party);
  g_free (m->name);
  g_free (m->note);
  g_free (m);
}

/* Adds one material to @list (data->missing or data->later) */
void
zc_document_data_add_material (GPtrArray  *list,
                               const char *party,
                               const char *name,
                               const char *note)
{
  ZcDocumentMaterial *m;

  g_return_if_fail (list != NULL);

  m = g_new0 (ZcDocumentMaterial, 1);
  m->party = g_strdup (party);
  m->name = g_strdup (name);
  m->note = g_strdup (note);
  g_ptr_array_add (list, m);
}

static GPtrArray *
copy_material_array (GPtrArray *src)
{
  GPtrArray *dst = g_ptr_array_new_with_free_func (material_free);

  for (guint i = 0; src != NULL && i < src->len; i++)
    {
      const ZcDocumentMaterial *m = g_ptr_array_index (src, i);
      zc_document_data_add_material (dst, m->party, m->name, m->note);
    }
  return dst;
}

ZcDocumentData *
zc_document_data_new (ZcDocumentKind kind)
{
  ZcDocumentData *data = g_new0 (ZcDocumentData, 1);

  data->kind = kind;
  data->matters = g_ptr_array_new_with_free_func (matter_free);
  data->materials_received = g_ptr_array_new_with_free_func (g_free);
  data->materials_exempt = g_ptr_array_new_with_free_func (g_free);
  data->materials_pending = g_ptr_array_new_with_free_func (g_free);
  data->missing = g_ptr_array_new_with_free_func (material_free);
  data->later = g_ptr_array_new_with_free_func (material_free);
  data->obligations = g_ptr_array_new_with_free_func (g_free);
  return data;
}

void
zc_document_data_free (ZcDocumentData *data)
{
  if (data == NULL)
    return;
  g_free (data->case_number);
  g_free (data->local_ref);
  g_free (data->applicant_name);
  g_free (data->applicant_key);
  g_free (data->item_name);
  g_clear_pointer (&data->matters, g_ptr_array_unref);
  g_clear_pointer (&data->materials_received, g_ptr_array_unref);
  g_clear_pointer (&data->materials_exempt, g_ptr_array_unref);
  g_clear_pointer (&data->materials_pending, g_ptr_array_unref);
  g_clear_pointer (&data->missing, g_ptr_array_unref);
  g_clear_pointer (&data->later, g_ptr_array_unref);
  g_free (data->window);
  g_free (data->clerk);
  g_free (data->reason);
  g_clear_pointer (&data->issued_at, g_date_time_unref);
  g_free (data->query_hint);
  g_free (data->deadline);
  g_free (data->conditions);
  g_clear_pointer (&data->obligations, g_ptr_array_unref);
  g_free (data->consequences);
  g_clear_pointer (&data->signature_png, g_bytes_unref);
  g_free (data);
}

void
zc_document_data_add_matter (ZcDocumentData *data,
                             const char     *name,
                             const char     *department,
                             const char     *due_date,
                             gboolean        provisional)
{
  ZcDocumentMatter *m;

  g_return_if_fail (data != NULL);

  if (data->matters == NULL)
    data->matters = g_ptr_array_new_with_free_func (matter_free);
  m = g_new0 (ZcDocumentMatter, 1);
  m->name = g_strdup (name);
  m->department = g_strdup (department);
  m->due_date = g_strdup (due_date);
  m->provisional = !!provisional;
  g_ptr_array_add (data->matters, m);
}

static GPtrArray *
copy_strv_array (GPtrArray *src)
{
  GPtrArray *dst = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; src != NULL && i < src->len; i++)
    g_ptr_array_add (dst, g_strdup (g_ptr_array_index (src, i)));
  return dst;
}

ZcDocumentData *
zc_document_data_copy (const ZcDocumentData *data)
{
  ZcDocumentData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = zc_document_data_new (data->kind);
  copy->case_number = g_strdup (data->case_number);
  copy->local_ref = g_strdup (data->local_ref);
  copy->applicant_name = g_strdup (data->applicant_name);
  copy->applicant_key = g_strdup (data->applicant_key);
  copy->item_name = g_strdup (data->item_name);
  for (guint i = 0; data->matters != NULL && i < data->matters->len; i++)
    {
      const ZcDocumentMatter *m = g_ptr_array_index (data->matters, i);
      zc_document_data_add_matter (copy, m->name, m->department, m->due_date, m->provisional);
    }
  g_ptr_array_unref (copy->materials_received);
  g_ptr_array_unref (copy->materials_exempt);
  g_ptr_array_unref (copy->materials_pending);
  copy->materials_received = copy_strv_array (data->materials_received);
  copy->materials_exempt = copy_strv_array (data->materials_exempt);
  copy->materials_pending = copy_strv_array (data->materials_pending);
  g_ptr_array_unref (copy->missing);
  g_ptr_array_unref (copy->later);
  copy->missing = copy_material_array (data->missing);
  copy->later = copy_material_array (data->later);
  copy->window = g_strdup (data->window);
  copy->clerk = g_strdup (data->clerk);
  copy->reason = g_strdup (data->reason);
  copy->issued_at = data->issued_at ? g_date_time_ref (data->issued_at) : NULL;
  copy->query_hint = g_strdup (data->query_hint);
  copy->deadline = g_strdup (data->deadline);
  copy->conditions = g_strdup (data->conditions);
  g_ptr_array_unref (copy->obligations);
  copy->obligations = copy_strv_array (data->obligations);
  copy->consequences = g_strdup (data->consequences);
  copy->signature_png = data->signature_png ? g_bytes_ref (data->signature_png) : NULL;
  return copy;
}

/* ── the writer ───────────────────────────────────────────────────── */

typedef struct
{
  cairo_t *cr;
  PangoContext *pango;
  const ZcDocumentData *data;
  const char *title;
  char *number_text;          /* "ZC-…" or "待同步（本地编号 L-…）" */
  double y;
  guint page;                 /* 1-based, current */
  guint n_pages;              /* known in the second pass, 0 in the first */
  GCancellable *cancellable;
  const char *full_key;       /* the applicant's ID, never printed in full */
  char *masked_key;
  cairo_surface_t *signature; /* the applicant's, decoded once; NULL = none */
} Writer;

static const char *
nonempty (const char *s)
{
  return (s != NULL && *s != '\0') ? s : "—";
}

static PangoLayout *
make_layout (Writer       *w,
             const char   *family,
             double        size_pt,
             PangoWeight   weight,
             double        width,
             PangoAlignment align,
             const char   *text)
{
  PangoLayout *layout = pango_layout_new (w->pango);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (family);
  g_autofree char *scrubbed = NULL;

  /* whatever the caller put in a string, the full ID is not printed */
  if (text != NULL && w->full_key != NULL && strstr (text, w->full_key) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, w->full_key, -1);
      scrubbed = g_strjoinv (w->masked_key, parts);
      text = scrubbed;
    }

  pango_font_description_set_absolute_size (desc, size_pt * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

/* Text is put on the page twice: as (practically invisible) text, so that
 * it can be searched, selected and read back, and as filled glyph
 * outlines for the ink. cairo 1.16's CFF subsetting loses some glyphs of
 * Noto Sans CJK (e.g. 如 renders blank in poppler), and a receipt must
 * never drop a character of a name; outlines cannot be lost. */
static void
ink_begin_text (Writer *w)
{
  cairo_save (w->cr);
  /* alpha 0 would be optimised away by cairo, dropping the text */
  cairo_set_source_rgba (w->cr, 1, 1, 1, 1.0 / 255);
}

static void
show_layout_at (Writer      *w,
                PangoLayout *layout,
                double       x,
                double       y)
{
  ink_begin_text (w);
  cairo_move_to (w->cr, x, y);
  pango_cairo_show_layout (w->cr, layout);
  cairo_restore (w->cr);

  cairo_new_path (w->cr);
  cairo_move_to (w->cr, x, y);
  pango_cairo_layout_path (w->cr, layout);
  cairo_fill (w->cr);
}

static void
draw_running_header (Writer *w)
{
  g_autofree char *text = g_strdup_printf ("%s · %s", w->title, w->number_text);
  g_autoptr(PangoLayout) l = make_layout (w, FONT_SANS, 8, PANGO_WEIGHT_NORMAL,
                                          CONTENT_W, PANGO_ALIGN_RIGHT, text);

  cairo_set_source_rgb (w->cr, 0.35, 0.35, 0.35);
  show_layout_at (w, l, MARGIN_X, MARGIN_TOP - 30);
  cairo_set_line_width (w->cr, 0.5);
  cairo_move_to (w->cr, MARGIN_X, MARGIN_TOP - 14);
  cairo_line_to (w->cr, PAGE_W - MARGIN_X, MARGIN_TOP - 14);
  cairo_stroke (w->cr);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
}

static void
draw_footer (Writer *w)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) l = NULL;

  /* TRANSLATORS: page footer of a printed document */
  text = g_strdup_printf (_("Page %u of %u"), w->page, MAX (w->n_pages, w->page));
  l = make_layout (w, FONT_SANS, 9, PANGO_WEIGHT_NORMAL, CONTENT_W, PANGO_ALIGN_CENTER, text);
  cairo_set_source_rgb (w->cr, 0.3, 0.3, 0.3);
  show_layout_at (w, l, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 26);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
}

static void
new_page (Writer *w)
{
  draw_footer (w);
  cairo_show_page (w->cr);
  w->page++;
  w->y = MARGIN_TOP + 6;
  draw_running_header (w);
}

/* Makes room for @h points; starts a new page if needed (but never on
 * an untouched page, so an oversized block cannot loop). */
static void
ensure_space (Writer *w,
              double  h)
{
  if (w->y + h > BOTTOM && w->y > MARGIN_TOP + 6.5)
    new_page (w);
}

/* A paragraph that may flow over pages line by line. */
static void
paragraph_full (Writer        *w,
                const char    *text,
                const char    *family,
                double         size,
                PangoWeight    weight,
                double         indent,
                PangoAlignment align,
                double         space_after)
{
  g_autoptr(PangoLayout) l = make_layout (w, family, size, weight, CONTENT_W - indent, align, text);
  PangoLayoutIter *iter;

  pango_layout_set_spacing (l, (int) (size * 0.25 * PANGO_SCALE));
  iter = pango_layout_get_iter (l);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline;
      double line_h, top_in_layout;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      line_h = (double) logical.height / PANGO_SCALE + size * 0.25;
      top_in_layout = (double) logical.y / PANGO_SCALE;
      ensure_space (w, line_h);
      ink_begin_text (w);
      cairo_move_to (w->cr,
                     MARGIN_X + indent + (double) logical.x / PANGO_SCALE,
                     w->y + (double) baseline / PANGO_SCALE - top_in_layout);
      pango_cairo_show_layout_line (w->cr, line);
      cairo_restore (w->cr);
      cairo_new_path (w->cr);
      cairo_move_to (w->cr,
                     MARGIN_X + indent + (double) logical.x / PANGO_SCALE,
                     w->y + (double) baseline / PANGO_SCALE - top_in_layout);
      pango_cairo_layout_line_path (w->cr, line);
      cairo_fill (w->cr);
      w->y += line_h;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  w->y += space_after;
}

static void
paragraph (Writer     *w,
           const char *text)
{
  paragraph_full (w, text, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 0, PANGO_ALIGN_LEFT, 4);
}

static void
section_heading (Writer     *w,
                 const char *text)
{
  ensure_space (w, 60); /* keep a heading with what follows */
  w->y += 4;
  paragraph_full (w, text, FONT_SANS, 12.5, PANGO_WEIGHT_BOLD, 0, PANGO_ALIGN_LEFT, 2);
}

/* "1. …" items with a hanging indent */
static void
numbered_list (Writer    *w,
               GPtrArray *items,
               const char *empty_text)
{
  if (items == NULL || items->len == 0)
    {
      paragraph_full (w, empty_text, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 16, PANGO_ALIGN_LEFT, 4);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *num = g_strdup_printf ("%u.", i + 1);
      g_autoptr(PangoLayout) nl = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 22,
                                               PANGO_ALIGN_RIGHT, num);
      double y0;

      ensure_space (w, 18);
      y0 = w->y;
      show_layout_at (w, nl, MARGIN_X - 6, y0);
      paragraph_full (w, g_ptr_array_index (items, i), FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL,
                      22, PANGO_ALIGN_LEFT, 2);
    }
  w->y += 4;
}

/* Materials by party, in the order the parties first appear: the
 * party's label, then its materials numbered (with their notes) */
static void
party_lists (Writer     *w,
             GPtrArray  *materials,
             const char *empty_text)
{
  g_autoptr(GPtrArray) parties = g_ptr_array_new ();

  if (materials == NULL || materials->len == 0)
    {
      paragraph_full (w, empty_text, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 16, PANGO_ALIGN_LEFT, 4);
      return;
    }
  for (guint i = 0; i < materials->len; i++)
    {
      const ZcDocumentMaterial *m = g_ptr_array_index (materials, i);
      const char *party = m->party != NULL ? m->party : "";

      if (!g_ptr_array_find_with_equal_func (parties, party, g_str_equal, NULL))
        g_ptr_array_add (parties, (gpointer) party);
    }
  for (guint p = 0; p < parties->len; p++)
    {
      const char *party = g_ptr_array_index (parties, p);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < materials->len; i++)
        {
          const ZcDocumentMaterial *m = g_ptr_array_index (materials, i);

          if (g_strcmp0 (m->party != NULL ? m->party : "", party) != 0)
            continue;
          if (m->note != NULL)
            /* Translators: a material and what its 容缺/承诺 means, with the deadline */
            g_ptr_array_add (lines, g_strdup_printf (_("%s: %s"), m->name, m->note));
          else
            g_ptr_array_add (lines, g_strdup (m->name));
        }
      if (party[0] != '\0')
        paragraph_full (w, party, FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD, 0, PANGO_ALIGN_LEFT, 2);
      numbered_list (w, lines, empty_text);
    }
}

/* Label/value rows: "申请人：张*明" */
static void
field_row (Writer     *w,
           const char *label,
           const char *value)
{
  g_autoptr(PangoLayout) ll = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD, 74,
                                           PANGO_ALIGN_LEFT, label);
  g_autoptr(PangoLayout) vl = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, CONTENT_W - 78,
                                           PANGO_ALIGN_LEFT, nonempty (value));
  double h = MAX (layout_height (ll), layout_height (vl)) + 4;

  ensure_space (w, h);
  show_layout_at (w, ll, MARGIN_X, w->y);
  show_layout_at (w, vl, MARGIN_X + 78, w->y);
  w->y += h;
}

/* Two label/value pairs side by side */
static void
field_pair (Writer     *w,
            const char *label1,
            const char *value1,
            const char *label2,
            const char *value2)
{
  const double half = CONTENT_W / 2, lw = 78;
  g_autoptr(PangoLayout) l1 = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD, lw - 4, PANGO_ALIGN_LEFT, label1);
  g_autoptr(PangoLayout) v1 = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, half - lw - 8,
                                           PANGO_ALIGN_LEFT, nonempty (value1));
  g_autoptr(PangoLayout) l2 = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD, lw - 4, PANGO_ALIGN_LEFT, label2);
  g_autoptr(PangoLayout) v2 = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, half - lw,
                                           PANGO_ALIGN_LEFT, nonempty (value2));
  double h = MAX (MAX (layout_height (l1), layout_height (v1)),
                  MAX (layout_height (l2), layout_height (v2))) + 4;

  ensure_space (w, h);
  show_layout_at (w, l1, MARGIN_X, w->y);
  show_layout_at (w, v1, MARGIN_X + lw, w->y);
  show_layout_at (w, l2, MARGIN_X + half, w->y);
  show_layout_at (w, v2, MARGIN_X + half + lw, w->y);
  w->y += h;
}

/* ── the matters table ── */

#define N_COLS 4
static const double col_w[N_COLS] = { 32, 196, 124, 119 }; /* sums to CONTENT_W */

static double
table_row (Writer      *w,
           const char  *cells[N_COLS],
           gboolean     header)
{
  PangoLayout *layouts[N_COLS];
  double h = 0, x = MARGIN_X;
  const double pad = 4;

  for (int c = 0; c < N_COLS; c++)
    {
      layouts[c] = make_layout (w, FONT_SANS, TABLE_PT, header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                col_w[c] - 2 * pad, c == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT,
                                cells[c]);
      h = MAX (h, layout_height (layouts[c]));
    }
  h += 2 * pad;

  if (header)
    {
      cairo_set_source_rgb (w->cr, 0.92, 0.92, 0.92);
      cairo_rectangle (w->cr, MARGIN_X, w->y, CONTENT_W, h);
      cairo_fill (w->cr);
      cairo_set_source_rgb (w->cr, 0, 0, 0);
    }
  cairo_set_line_width (w->cr, 0.7);
  for (int c = 0; c < N_COLS; c++)
    {
      cairo_rectangle (w->cr, x, w->y, col_w[c], h);
      cairo_stroke (w->cr);
      show_layout_at (w, layouts[c], x + pad, w->y + pad);
      x += col_w[c];
      g_object_unref (layouts[c]);
    }
  w->y += h;
  return h;
}

static double
measure_row (Writer     *w,
             const char *cells[N_COLS])
{
  double h = 0;

  for (int c = 0; c < N_COLS; c++)
    {
      g_autoptr(PangoLayout) l = make_layout (w, FONT_SANS, TABLE_PT, PANGO_WEIGHT_NORMAL,
                                              col_w[c] - 10, PANGO_ALIGN_LEFT, cells[c]);
      h = MAX (h, layout_height (l));
    }
  return h + 8;
}

static void
matters_table (Writer *w)
{
  const ZcDocumentData *d = w->data;
  const char *header[N_COLS] = {
    C_("table column", "No."),
    C_("table column", "Matter"),
    C_("table column", "Department"),
    C_("table column", "Due date"),
  };

  if (d->matters == NULL || d->matters->len == 0)
    {
      paragraph (w, _("No sub-matters."));
      return;
    }

  ensure_space (w, 60);
  table_row (w, header, TRUE);
  for (guint i = 0; i < d->matters->len; i++)
    {
      const ZcDocumentMatter *m = g_ptr_array_index (d->matters, i);
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      g_autofree char *due = NULL;
      const char *cells[N_COLS];

      if (m->due_date == NULL || *m->due_date == '\0')
        due = g_strdup (_("to be set"));
      else if (m->provisional)
        /* TRANSLATORS: a due date that is provisional (暂定) */
        due = g_strdup_printf (_("%s (provisional)"), m->due_date);
      else
        due = g_strdup (m->due_date);

      cells[0] = num;
      cells[1] = nonempty (m->name);
      cells[2] = nonempty (m->department);
      cells[3] = due;
      if (w->y + measure_row (w, cells) > BOTTOM)
        {
          new_page (w);
          table_row (w, header, TRUE);
        }
      table_row (w, cells, FALSE);
    }
  w->y += 8;
}

/* ── the common parts ── */

/* Documents carry the counter's legal time (China Standard Time), the
 * same the platform numbers cases by, whatever the machine's zone. */
static GDateTime *
in_china (GDateTime *dt)
{
  return zc_date_time_to_china (dt);
}

static char *
format_datetime (GDateTime *dt)
{
  g_autoptr(GDateTime) local = in_china (dt);

  /* TRANSLATORS: date and time on a printed document, strftime format */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static char *
format_date (GDateTime *dt)
{
  g_autoptr(GDateTime) local = in_china (dt);

  /* TRANSLATORS: date on a printed document, strftime format */
  return g_date_time_format (local, _("%Y-%m-%d"));
}

static void
draw_title_block (Writer *w)
{
  g_autoptr(PangoLayout) org = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) num = NULL;
  g_autofree char *num_text = NULL;

  org = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, CONTENT_W, PANGO_ALIGN_CENTER,
                     _("Comprehensive Service Window"));
  show_layout_at (w, org, MARGIN_X, w->y);
  w->y += layout_height (org) + 2;

  title = make_layout (w, FONT_SERIF, 24, PANGO_WEIGHT_BOLD, CONTENT_W, PANGO_ALIGN_CENTER, w->title);
  pango_layout_set_spacing (title, 0);
  show_layout_at (w, title, MARGIN_X, w->y);
  w->y += layout_height (title) + 2;

  /* TRANSLATORS: the case number line under a document's title */
  num_text = g_strdup_printf (_("No. %s"), w->number_text);
  num = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, CONTENT_W, PANGO_ALIGN_CENTER, num_text);
  show_layout_at (w, num, MARGIN_X, w->y);
  w->y += layout_height (num) + 8;

  /* the red rule of a government document */
  cairo_set_source_rgb (w->cr, 0.78, 0.1, 0.1);
  cairo_set_line_width (w->cr, 1.6);
  cairo_move_to (w->cr, MARGIN_X, w->y);
  cairo_line_to (w->cr, PAGE_W - MARGIN_X, w->y);
  cairo_stroke (w->cr);
  cairo_set_source_rgb (w->cr, 0, 0, 0);
  w->y += 14;
}

static void
applicant_block (Writer *w)
{
  const ZcDocumentData *d = w->data;
  g_autofree char *masked = zc_mask_id (d->applicant_key);
  g_autofree char *when = NULL;

  if (d->issued_at != NULL)
    when = format_datetime (d->issued_at);
  field_pair (w, _("Applicant:"), d->applicant_name, _("ID number:"), masked);
  field_row (w, _("Item:"), d->item_name);
  field_pair (w, _("Window:"), d->window, _("Clerk:"), d->clerk);
  field_row (w, d->kind == ZC_DOCUMENT_RECEIPT ? _("Received at:") : _("Issued at:"), when);
  w->y += 4;
}

static void signature_box (Writer *w, double x, double y, double box_w, double box_h);

static double
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
signature_block (Writer *w)
{
  const ZcDocumentData *d = w->data;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) stamp = NULL;
  g_autoptr(PangoLayout) date = NULL;
  g_autofree char *left_text = NULL;
  g_autofree char *date_text = NULL;
  const double r = 36, block_h = 2 * r + 26;
  const double cx = PAGE_W - MARGIN_X - 70;
  double y0;

  ensure_space (w, block_h + 6);
  w->y += 6;
  y0 = w->y;

  if (d->kind == ZC_DOCUMENT_TOLERANCE_NOTICE)
    /* the applicant signs below, in the signature's own block */
    left_text = g_strdup_printf ("%s ____________", _("Clerk (signature):"));
  else if (d->kind == ZC_DOCUMENT_RECEIPT)
    left_text = g_strdup_printf ("%s ____________\n\n%s ____________",
                                 _("Clerk (signature):"), _("Applicant (signature):"));
  else
    left_text = g_strdup_printf ("%s ____________\n\n%s ____________",
                                 _("Clerk (signature):"), _("Received by applicant (signature):"));
  left = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, CONTENT_W - 2 * r - 60,
                      PANGO_ALIGN_LEFT, left_text);
  show_layout_at (w, left, MARGIN_X, y0 + 10);
  if (d->kind == ZC_DOCUMENT_TOLERANCE_NOTICE)
    {
      /* the applicant signs for the notice under the clerk */
      g_autoptr(PangoLayout) al = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 150, PANGO_ALIGN_LEFT,
                                               _("Received by applicant (signature):"));
      double ly = y0 + 10 + layout_height (left) + 34;

      show_layout_at (w, al, MARGIN_X, ly);
      /* clear of the clerk's line above; its line level with the label */
      signature_box (w, MARGIN_X + layout_width (al) + 4, ly + layout_height (al) - 40, 150, 40);
    }

  /* the place for the seal */
  cairo_save (w->cr);
  cairo_set_source_rgb (w->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (w->cr, 0.8);
  {
    const double dash[] = { 3, 3 };
    cairo_set_dash (w->cr, dash, 2, 0);
  }
  cairo_new_path (w->cr);
  cairo_arc (w->cr, cx, y0 + r, r, 0, 2 * G_PI);
  cairo_stroke (w->cr);
  cairo_restore (w->cr);
  stamp = make_layout (w, FONT_SANS, 8, PANGO_WEIGHT_NORMAL, 2 * r - 8, PANGO_ALIGN_CENTER,
                       _("(Seal of the service centre)"));
  cairo_set_source_rgb (w->cr, 0.45, 0.45, 0.45);
  show_layout_at (w, stamp, cx - r + 4, y0 + r - layout_height (stamp) / 2);
  cairo_set_source_rgb (w->cr, 0, 0, 0);

  if (d->issued_at != NULL)
    {
      date_text = format_date (d->issued_at);
      date = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 2 * r + 60, PANGO_ALIGN_CENTER, date_text);
      show_layout_at (w, date, cx - r - 30, y0 + 2 * r + 6);
    }
  w->y = y0 + block_h;
}

static void
query_block (Writer *w)
{
  const ZcDocumentData *d = w->data;
  g_autofree char *text = NULL;

  if (d->query_hint != NULL && *d->query_hint != '\0')
    text = g_strdup (d->query_hint);
  else
    text = g_strdup (_("Quote the case number and the applicant's ID number to check the progress "
                       "at any comprehensive service window, on the government service website or "
                       "through the 12345 hotline."));
  paragraph (w, text);
}

/* ── the three documents ── */

static void
write_receipt (Writer *w)
{
  const ZcDocumentData *d = w->data;

  applicant_block (w);

  section_heading (w, _("1. Matters and due dates"));
  matters_table (w);

  section_heading (w, _("2. Materials"));
  paragraph_full (w, _("Received:"), FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD, 0, PANGO_ALIGN_LEFT, 2);
  numbered_list (w, d->materials_received, _("None."));
  paragraph_full (w, _("Exempt (replaced by a licence on record):"), FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD,
                  0, PANGO_ALIGN_LEFT, 2);
  numbered_list (w, d->materials_exempt, _("None."));
  paragraph_full (w, _("To be supplied (deferred or by commitment):"), FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD,
                  0, PANGO_ALIGN_LEFT, 2);
  if (d->later != NULL && d->later->len > 0)
    party_lists (w, d->later, _("None."));
  else
    numbered_list (w, d->materials_pending, _("None."));
  if ((d->materials_pending != NULL && d->materials_pending->len > 0) ||
      (d->later != NULL && d->later->len > 0))
    paragraph (w, _("The applicant undertakes to supply the materials above by their deadlines; "
                    "otherwise the matter may be suspended or the approval withdrawn."));

  section_heading (w, _("3. How to check progress"));
  query_block (w);

  signature_block (w);
}

static void
write_one_time_notice (Writer *w)
{
  const ZcDocumentData *d = w->data;
  g_autofree char *intro = NULL;
  g_autofree char *salutation = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  gboolean nothing_missing;

  applicant_block (w);

  /* TRANSLATORS: salutation, %s is the applicant's name */
  salutation = g_strdup_printf (C_("salutation", "%s:"), nonempty (d->applicant_name));
  paragraph (w, salutation);
  /* each missing material once, by party; free lines after them */
  for (guint i = 0; d->materials_pending != NULL && i < d->materials_pending->len; i++)
    g_ptr_array_add (missing, g_ptr_array_index (d->materials_pending, i));
  nothing_missing = (d->missing == NULL || d->missing->len == 0) && missing->len == 0;
  if (nothing_missing)
    /* only 容缺/承诺 left: the notice must not call the materials incomplete */
    intro = g_strdup_printf (_("Your application for “%s” has been examined. Nothing has to be "
                               "supplied before it can be accepted; what may follow acceptance or be "
                               "replaced by a commitment is listed below, at once:"),
                             nonempty (d->item_name));
  else
    intro = g_strdup_printf (_("Your application for “%s” has been examined. The materials are incomplete "
                               "or not in the legal form. In accordance with Article 32 of the "
                               "Administrative Licensing Law of the People's Republic of China, "
                               "everything to be supplied or corrected is listed below, at once:"),
                             nonempty (d->item_name));
  paragraph_full (w, intro, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 0, PANGO_ALIGN_LEFT, 6);

  if (!nothing_missing)
    {
      section_heading (w, _("Materials to supply or correct"));
      if (d->missing != NULL && d->missing->len > 0)
        {
          party_lists (w, d->missing, _("None."));
          if (missing->len > 0)
            numbered_list (w, missing, _("None."));
        }
      else
        numbered_list (w, missing, _("None."));
    }
  /* 容缺 and 承诺: what each is, and by when */
  if (d->later != NULL && d->later->len > 0)
    {
      section_heading (w, _("Materials that may follow or be replaced by a commitment"));
      paragraph (w, _("These do not stop the application from being accepted: a material accepted "
                      "as missing may be handed in after acceptance within the deadline given (the "
                      "result waits for it); a material replaced by a commitment needs the "
                      "applicant's signed commitment instead, which the department verifies "
                      "afterwards (a false commitment revokes the result)."));
      party_lists (w, d->later, _("None."));
    }
  if (d->reason != NULL && *d->reason != '\0')
    {
      section_heading (w, _("Notes"));
      paragraph (w, d->reason);
    }
  if (d->matters != NULL && d->matters->len > 0)
    {
      section_heading (w, _("Matters applied for"));
      matters_table (w);
    }
  if (!nothing_missing)
    paragraph (w, _("Once the materials above are complete and in the legal form, bring them to any "
                    "comprehensive service window; the application will then be accepted. Nothing "
                    "beyond this notice will be asked for."));
  section_heading (w, _("How to check progress"));
  query_block (w);
  signature_block (w);
}

static void
write_refusal (Writer *w)
{
  const ZcDocumentData *d = w->data;
  g_autofree char *salutation = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *day = d->issued_at ? format_date (d->issued_at) : NULL;

  applicant_block (w);

  salutation = g_strdup_printf (C_("salutation", "%s:"), nonempty (d->applicant_name));
  paragraph (w, salutation);
  intro = g_strdup_printf (_("Your application for “%s” submitted on %s has been examined. This office "
                             "has decided not to accept it, for the following reason:"),
                           nonempty (d->item_name), nonempty (day));
  paragraph (w, intro);
  section_heading (w, _("Reason"));
  paragraph_full (w, (d->reason && *d->reason) ? d->reason : _("No reason was given."),
                  FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 16, PANGO_ALIGN_LEFT, 6);
  if (d->matters != NULL && d->matters->len > 0)
    {
      section_heading (w, _("Matters applied for"));
      matters_table (w);
    }
  section_heading (w, _("Remedies"));
  paragraph (w, _("If you disagree with this decision, you may apply for administrative "
                  "reconsideration within 60 days of receiving this notice, or bring an "
                  "administrative lawsuit before a people's court within 6 months, in "
                  "accordance with the law."));
  signature_block (w);
}

/* ── the signed documents (issue 11) ── */

typedef struct
{
  const guint8 *data;
  gsize size;
  gsize offset;
} PngReader;

static cairo_status_t
png_read (void          *closure,
          unsigned char *out,
          unsigned int   length)
{
  PngReader *r = closure;

  if (r->size - r->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, r->data + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The signature pad's PNG as a surface, or NULL when it is not one */
static cairo_surface_t *
decode_png (GBytes *png)
{
  PngReader r = { 0 };
  cairo_surface_t *surface;

  r.data = g_bytes_get_data (png, &r.size);
  if (r.data == NULL || r.size < 8)
    return NULL;
  surface = cairo_image_surface_create_from_png_stream (png_read, &r);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width (surface) <= 0 ||
      cairo_image_surface_get_height (surface) <= 0)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

/* The drawn signature scaled into the box at (@x, @y), or "（签名见附件）"
 * when it was signed on paper; a line under it */
static void
signature_box (Writer *w,
               double  x,
               double  y,
               double  box_w,
               double  box_h)
{
  if (w->signature != NULL)
    {
      double sw = cairo_image_surface_get_width (w->signature);
      double sh = cairo_image_surface_get_height (w->signature);
      double scale = MIN (box_w / sw, box_h / sh);

      cairo_save (w->cr);
      cairo_translate (w->cr, x + (box_w - sw * scale) / 2, y + (box_h - sh * scale) / 2);
      cairo_scale (w->cr, scale, scale);
      cairo_set_source_surface (w->cr, w->signature, 0, 0);
      cairo_paint (w->cr);
      cairo_restore (w->cr);
    }
  else
    {
      g_autoptr(PangoLayout) al = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, box_w,
                                               PANGO_ALIGN_CENTER, _("(signature attached)"));
      show_layout_at (w, al, x, y + box_h - layout_height (al) - 4);
    }
  cairo_set_line_width (w->cr, 0.6);
  cairo_move_to (w->cr, x, y + box_h);
  cairo_line_to (w->cr, x + box_w, y + box_h);
  cairo_stroke (w->cr);
}

/* "申请人（签名）：" with the signature, then the date */
static void
applicant_signature (Writer     *w,
                     const char *label)
{
  const ZcDocumentData *d = w->data;
  const double box_w = 170, box_h = 62, label_w = 150;
  g_autoptr(PangoLayout) ll = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD, label_w,
                                           PANGO_ALIGN_RIGHT, label);
  g_autofree char *day = d->issued_at ? format_date (d->issued_at) : NULL;
  g_autofree char *date_text = NULL;
  g_autoptr(PangoLayout) dl = NULL;
  const double x0 = PAGE_W - MARGIN_X - box_w;
  double y0;

  ensure_space (w, box_h + 34);
  w->y += 8;
  y0 = w->y;
  show_layout_at (w, ll, x0 - label_w - 6, y0 + box_h - layout_height (ll) - 4);
  signature_box (w, x0, y0, box_w, box_h);

  /* TRANSLATORS: under the applicant's signature, %s is the date */
  date_text = g_strdup_printf (_("Date: %s"), nonempty (day));
  dl = make_layout (w, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, box_w, PANGO_ALIGN_CENTER, date_text);
  show_layout_at (w, dl, x0, y0 + box_h + 6);
  w->y = y0 + box_h + 6 + layout_height (dl) + 6;
}

/* the 容缺 materials by party, each with its deadline */
static void
tolerated_materials (Writer *w)
{
  const ZcDocumentData *d = w->data;

  section_heading (w, _("Missing materials and deadlines"));
  party_lists (w, d->later, _("None."));
  if (d->deadline != NULL && *d->deadline != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Everything above is to be supplied by %s."), d->deadline);
      paragraph_full (w, text, FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD, 0, PANGO_ALIGN_LEFT, 4);
    }
}

static void
write_tolerance_request (Writer *w)
{
  const ZcDocumentData *d = w->data;
  g_autofree char *intro = NULL;

  applicant_block (w);
  /* TRANSLATORS: 申请容缺受理承诺书: the applicant, then the item */
  intro = g_strdup_printf (_("I, %s, apply for “%s”. The materials listed below are missing at "
                             "the time of application; I ask for the application to be accepted "
                             "with them missing (容缺受理) and solemnly promise the following."),
                           nonempty (d->applicant_name), nonempty (d->item_name));
  paragraph_full (w, intro, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 0, PANGO_ALIGN_LEFT, 6);
  tolerated_materials (w);
  section_heading (w, _("My promise"));
  {
    g_autoptr(GPtrArray) promises = g_ptr_array_new ();

    g_ptr_array_add (promises, (gpointer) _("I will supply each missing material above by its deadline, "
                                            "in the legal form, and answer for its truth."));
    g_ptr_array_add (promises, (gpointer) _("Everything else I have handed in is true, lawful and valid."));
    g_ptr_array_add (promises, (gpointer) _("I know that if a material is not supplied by its deadline the "
                                            "matter is suspended, a decision already made may be revoked "
                                            "in accordance with the law, and the breach is entered in my "
                                            "credit record."));
    numbered_list (w, promises, _("None."));
  }
  applicant_signature (w, _("Applicant (signature):"));
}

static void
write_tolerance_notice_copy (Writer     *w,
                             const char *copy_label)
{
  const ZcDocumentData *d = w->data;
  g_autofree char *salutation = NULL;
  g_autofree char *intro = NULL;

  paragraph_full (w, copy_label, FONT_SANS, BODY_PT, PANGO_WEIGHT_BOLD, 0, PANGO_ALIGN_RIGHT, 4);
  applicant_block (w);
  salutation = g_strdup_printf (C_("salutation", "%s:"), nonempty (d->applicant_name));
  paragraph (w, salutation);
  intro = g_strdup_printf (_("Your application for “%s” has been examined. Its main materials are "
                             "complete and in the legal form; the secondary materials below are "
                             "missing. This window accepts the application with them missing "
                             "(容缺受理): the department reviews it now, and the result waits for "
                             "the materials."), nonempty (d->item_name));
  paragraph_full (w, intro, FONT_SANS, BODY_PT, PANGO_WEIGHT_NORMAL, 0, PANGO_ALIGN_LEFT, 6);
  tolerated_materials (w);
  section_heading (w, _("How to supply them"));
  paragraph (w, _("Bring the originals of the materials above to any comprehensive service window, "
                  "or upload them on the government service website, quoting the case number. "
                  "Once everything is supplied the commitment is fulfilled and the result is issued."));
  section_heading (w, _("If the deadline is missed"));
  paragraph (w, _("If a material is not supplied by its deadline, the matter is suspended and the "
                  "commitment is marked overdue; a decision already made may be revoked in "
                  "accordance with the law, and the breach is entered in the applicant's credit record."));
  section_heading (w, _("How to check progress"));
  query_block (w);
  signature_block (w);
}

/* two copies: the applicant's and the window's, each starting a page */
static void
write_tolerance_notice (Writer *w)
{
  write_tolerance_notice_copy (w, _("Copy 1 of 2 (kept by the applicant)"));
  new_page (w);
  draw_title_block (w);
  write_tolerance_notice_copy (w, _("Copy 2 of 2 (kept by the window)"));
}

static void
write_commitment (Writer *w)
{
  const ZcDocumentData *d = w->data;

  applicant_block (w);
  section_heading (w, _("1. The conditions this office has told me"));
  paragraph (w, (d->conditions != NULL && *d->conditions != '\0')
                  ? d->conditions
                  : _("The conditions of approval set by law for the matter applied for, as told at the window."));
  section_heading (w, _("2. My commitments"));
  numbered_list (w, d->obligations, _("I meet the conditions told above."));
  if (d->later != NULL && d->later->len > 0)
    {
      paragraph_full (w, _("Materials replaced by this commitment:"), FONT_SANS, BODY_PT,
                      PANGO_WEIGHT_BOLD, 0, PANGO_ALIGN_LEFT, 2);
      party_lists (w, d->later, _("None."));
    }
  section_heading (w, _("3. The consequences of a false commitment"));
  paragraph (w, (d->consequences != NULL && *d->consequences != '\0')
                  ? d->consequences
                  : _("The department verifies this commitment after approval. If it is found false, "
                      "the approval is revoked, the applicant bears the legal responsibility, and the "
                      "false commitment is entered in the credit record, after which no further "
                      "application by commitment is accepted."));
  paragraph (w, _("I have read and understood the above; what I promise is true, and I accept the "
                  "legal responsibility for a false commitment."));
  applicant_signature (w, _("Applicant (signature):"));
}

static cairo_status_t
discard_write (void                *closure,
               const unsigned char *bytes,
               unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
append_write (void                *closure,
              const unsigned char *bytes,
              unsigned int         length)
{
  g_byte_array_append (closure, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

/* One pass. Returns the number of pages, or 0 with @error set. */
static guint
run_pass (const ZcDocumentData *data,
          guint                 n_pages,
          GByteArray           *out,
          GCancellable         *cancellable,
          GError              **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_font_options_t *fo;
  Writer w = { 0 };
  g_autofree char *date = NULL;

  surface = cairo_pdf_surface_create_for_stream (out ? append_write : discard_write, out,
                                                 PAGE_W, PAGE_H);
  if (out != NULL)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      zc_document_kind_title (data->kind));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Zongchuang");
      if (data->issued_at != NULL)
        {
          date = g_date_time_format_iso8601 (data->issued_at);
          if (date != NULL)
            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
        }
    }

  w.cr = cairo_create (surface);
  w.pango = pango_cairo_create_context (w.cr);
  fo = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (w.pango, fo);
  cairo_font_options_destroy (fo);
  w.data = data;
  w.title = zc_document_kind_title (data->kind);
  if (data->case_number != NULL && *data->case_number != '\0')
    w.number_text = g_strdup (data->case_number);
  else
    /* TRANSLATORS: shown instead of the case number while the outbox holds the case */
    w.number_text = g_strdup_printf (_("Pending sync (local reference %s)"), nonempty (data->local_ref));
  if (data->applicant_key != NULL && strlen (data->applicant_key) >= 6)
    {
      w.full_key = data->applicant_key;
      w.masked_key = zc_mask_id (data->applicant_key);
    }
  if (data->signature_png != NULL)
    {
      w.signature = decode_png (data->signature_png);
      if (w.signature == NULL)
        {
          g_object_unref (w.pango);
          cairo_destroy (w.cr);
          cairo_surface_destroy (surface);
          g_free (w.number_text);
          g_free (w.masked_key);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The applicant's signature is not a readable PNG image."));
          return 0;
        }
    }
  w.page = 1;
  w.n_pages = n_pages;
  w.cancellable = cancellable;
  w.y = MARGIN_TOP;

  draw_title_block (&w);
  switch (data->kind)
    {
    case ZC_DOCUMENT_ONE_TIME_NOTICE:
      write_one_time_notice (&w);
      break;
    case ZC_DOCUMENT_REFUSAL:
      write_refusal (&w);
      break;
    case ZC_DOCUMENT_TOLERANCE_REQUEST:
      write_tolerance_request (&w);
      break;
    case ZC_DOCUMENT_TOLERANCE_NOTICE:
      write_tolerance_notice (&w);
      break;
    case ZC_DOCUMENT_COMMITMENT:
      write_commitment (&w);
      break;
    case ZC_DOCUMENT_RECEIPT:
    default:
      write_receipt (&w);
      break;
    }
  draw_footer (&w);
  cairo_show_page (w.cr);

  status = cairo_status (w.cr);
  g_object_unref (w.pango);
  cairo_destroy (w.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_free (w.number_text);
  g_free (w.masked_key);
  g_clear_pointer (&w.signature, cairo_surface_destroy);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the document: %s"), cairo_status_to_string (status));
      return 0;
    }
  return w.page;
}

static GBytes *
write_document (const ZcDocumentData *data,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(GByteArray) out = NULL;
  guint n_pages;

  if (data == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("There is no document to write."));
      return NULL;
    }
  if ((guint) data->kind > ZC_DOCUMENT_LAST)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Unknown kind of document."));
      return NULL;
    }

  n_pages = run_pass (data, 0, NULL, cancellable, error);
  if (n_pages == 0)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  out = g_byte_array_sized_new (64 * 1024);
  if (run_pass (data, n_pages, out, cancellable, error) == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
zc_document_write_sync (const ZcDocumentData  *data,
                        GError               **error)
{
  return write_document (data, NULL, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;
  bytes = write_document (task_data, cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
zc_document_write_async (ZcDocumentData      *data,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, zc_document_write_async);
  g_task_set_name (task, "[zc] write document");
  g_task_set_task_data (task, data, (GDestroyNotify) zc_document_data_free);
  g_task_run_in_thread (task, write_thread);
}

GBytes *
zc_document_write_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == zc_document_write_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
