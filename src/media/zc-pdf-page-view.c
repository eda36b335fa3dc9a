/* zc-pdf-page-view.c — one rendered page and the findings on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "zc-pdf-render-job.h"

#include "zc-pdf-page-view.h"

#define BORDER 2.0           /* css px of a highlight's frame, outside the box */

struct _ZcPdfPageView
{
  GtkWidget parent_instance;

  double page_w, page_h;     /* points, unrotated */
  double zoom;               /* css px per point */
  int rotation;
  GdkTexture *texture;
  GPtrArray *highlights;     /* ZcPdfHighlight, of this page */
  int selected;
};

G_DEFINE_FINAL_TYPE (ZcPdfPageView, zc_pdf_page_view, GTK_TYPE_WIDGET)

static void
css_size (ZcPdfPageView *self,
          int           *width,
          int           *height)
{
  double rw = self->rotation % 180 ? self->page_h : self->page_w;
  double rh = self->rotation % 180 ? self->page_w : self->page_h;

  *width = MAX (1, (int) ceil (rw * self->zoom));
  *height = MAX (1, (int) ceil (rh * self->zoom));
}

static void
kind_color (ZcPdfHighlightKind kind,
            GdkRGBA           *color)
{
  /* the GNOME palette: green 4, red 3, yellow 5 */
  switch (kind)
    {
    case ZC_PDF_HIGHLIGHT_MATCH:
      gdk_rgba_parse (color, "#26a269");
      break;
    case ZC_PDF_HIGHLIGHT_MISMATCH:
      gdk_rgba_parse (color, "#e01b24");
      break;
    case ZC_PDF_HIGHLIGHT_UNCERTAIN:
    default:
      gdk_rgba_parse (color, "#e5a50a");
      break;
    }
}

void
zc_pdf_page_view_get_highlight_area (ZcPdfPageView        *self,
                                     const ZcPdfHighlight *highlight,
                                     graphene_rect_t      *area)
{
  int w, h;
  double sx, sy;

  g_return_if_fail (ZC_IS_PDF_PAGE_VIEW (self));

  zc_pdf_rotate_rect (self->rotation, self->page_w, self->page_h, self->zoom,
                      highlight->x, highlight->y, highlight->width, highlight->height, area);
  /* the widget may have been given more or less than its size */
  css_size (self, &w, &h);
  sx = gtk_widget_get_width (GTK_WIDGET (self)) > 0 ? (double) gtk_widget_get_width (GTK_WIDGET (self)) / w : 1.0;
  sy = gtk_widget_get_height (GTK_WIDGET (self)) > 0 ? (double) gtk_widget_get_height (GTK_WIDGET (self)) / h : 1.0;
  graphene_rect_init (area, area->origin.x * sx, area->origin.y * sy,
                      area->size.width * sx, area->size.height * sy);
}

static void
snapshot_highlight (ZcPdfPageView        *self,
                    GtkSnapshot          *snapshot,
                    const ZcPdfHighlight *highlight,
                    gboolean              selected)
{
  graphene_rect_t area;
  GskRoundedRect frame;
  GdkRGBA color, fill;
  double border = selected ? 2 * BORDER : BORDER;
  float widths[4];
  GdkRGBA colors[4];

  zc_pdf_page_view_get_highlight_area (self, highlight, &area);
  kind_color (highlight->kind, &color);
  fill = color;
  fill.alpha = selected ? 0.30f : 0.18f;
  gtk_snapshot_append_color (snapshot, &fill, &area);

  gsk_rounded_rect_init_from_rect (&frame, &GRAPHENE_RECT_INIT (area.origin.x - border,
                                                                area.origin.y - border,
                                                                area.size.width + 2 * border,
                                                                area.size.height + 2 * border), 2);
  for (int i = 0; i < 4; i++)
    {
      widths[i] = (float) border;
      colors[i] = color;
    }
  gtk_snapshot_append_border (snapshot, &frame, widths, colors);

  /* the label of the chosen one only (the others' in their tooltips):
   * labels cover the text a clerk compares */
  if (selected && highlight->label != NULL && highlight->label[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), highlight->label);
      GdkRGBA white = { 1, 1, 1, 1 };
      int lw, lh;
      double x, y;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      x = area.origin.x - border;
      y = area.origin.y - border - lh - 2;
      if (y < 0)   /* no room above: below the box */
        y = area.origin.y + area.size.height + border;
      gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, y, lw + 6, lh + 2));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 3, y + 1));
      gtk_snapshot_append_layout (snapshot, layout, &white);
      gtk_snapshot_restore (snapshot);
    }
}

static void
zc_pdf_page_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ZcPdfPageView *self = ZC_PDF_PAGE_VIEW (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                               gtk_widget_get_height (widget));
  GdkRGBA white = { 1, 1, 1, 1 };

  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &bounds);
  else
    gtk_snapshot_append_color (snapshot, &white, &bounds);

  for (guint i = 0; self->highlights != NULL && i < self->highlights->len; i++)
    if ((int) i != self->selected)
      snapshot_highlight (self, snapshot, g_ptr_array_index (self->highlights, i), FALSE);
  if (self->highlights != NULL && self->selected >= 0 && (guint) self->selected < self->highlights->len)
    snapshot_highlight (self, snapshot, g_ptr_array_index (self->highlights, self->selected), TRUE);
}

static gboolean
zc_pdf_page_view_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  ZcPdfPageView *self = ZC_PDF_PAGE_VIEW (widget);

  for (guint i = 0; self->highlights != NULL && i < self->highlights->len; i++)
    {
      ZcPdfHighlight *h = g_ptr_array_index (self->highlights, i);
      graphene_rect_t area;

      zc_pdf_page_view_get_highlight_area (self, h, &area);
      graphene_rect_inset (&area, -BORDER, -BORDER);
      if (h->label != NULL && h->label[0] != '\0'
          && graphene_rect_contains_point (&area, &GRAPHENE_POINT_INIT (x, y)))
        {
          gtk_tooltip_set_text (tooltip, h->label);
          return TRUE;
        }
    }
  return FALSE;
}

static void
zc_pdf_page_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  ZcPdfPageView *self = ZC_PDF_PAGE_VIEW (widget);
  int w, h;

  css_size (self, &w, &h);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? w : h;
}

static void
zc_pdf_page_view_finalize (GObject *object)
{
  ZcPdfPageView *self = ZC_PDF_PAGE_VIEW (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);

  G_OBJECT_CLASS (zc_pdf_page_view_parent_class)->finalize (object);
}

static void
zc_pdf_page_view_class_init (ZcPdfPageViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = zc_pdf_page_view_finalize;
  widget_class->snapshot = zc_pdf_page_view_snapshot;
  widget_class->measure = zc_pdf_page_view_measure;
  widget_class->query_tooltip = zc_pdf_page_view_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "zc-pdf-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
zc_pdf_page_view_init (ZcPdfPageView *self)
{
  self->page_w = 595;
  self->page_h = 842;
  self->zoom = 1.0;
  self->selected = -1;
}

GtkWidget *
zc_pdf_page_view_new (void)
{
  return g_object_new (ZC_TYPE_PDF_PAGE_VIEW, NULL);
}

void
zc_pdf_page_view_set_geometry (ZcPdfPageView *self,
                               double         width,
                               double         height,
                               double         zoom,
                               int            rotation)
{
  g_return_if_fail (ZC_IS_PDF_PAGE_VIEW (self));

  if (width == self->page_w && height == self->page_h && zoom == self->zoom && rotation == self->rotation)
    return;
  self->page_w = width > 0 ? width : 595;
  self->page_h = height > 0 ? height : 842;
  self->zoom = zoom > 0 ? zoom : 1.0;
  self->rotation = rotation;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
zc_pdf_page_view_set_texture (ZcPdfPageView *self,
                              GdkTexture    *texture)
{
  g_return_if_fail (ZC_IS_PDF_PAGE_VIEW (self));

  if (g_set_object (&self->texture, texture))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

GdkTexture *
zc_pdf_page_view_get_texture (ZcPdfPageView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_PAGE_VIEW (self), NULL);
  return self->texture;
}

void
zc_pdf_page_view_set_highlights (ZcPdfPageView *self,
                                 GPtrArray     *highlights,
                                 int            selected)
{
  g_return_if_fail (ZC_IS_PDF_PAGE_VIEW (self));

  if (highlights != NULL)
    g_ptr_array_ref (highlights);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  self->highlights = highlights;
  self->selected = selected;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), highlights != NULL && highlights->len > 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
