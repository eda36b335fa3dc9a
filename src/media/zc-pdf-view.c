/* zc-pdf-view.c — a PDF shown page by page, rendered off the main thread
 *
 * The pattern of evince/papers: a load job opens the document on the one
 * worker; a page cache asks the worker for the shown page (urgent) and
 * its neighbours; the page widget draws the texture and the findings;
 * the thumbnails strip asks for small renders of the rows in sight. The
 * view only decides what to show: page, zoom (fit width, fit page or a
 * fixed zoom), rotation, highlights.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "zc-pdf-close-job.h"
#include "zc-pdf-job-scheduler.h"
#include "zc-pdf-load-job.h"
#include "zc-pdf-page-view.h"

#include "zc-pdf-view-private.h"

#define ZOOM_MIN 0.25
#define ZOOM_MAX 4.0
#define ZOOM_STEP 1.2
#define PAGE_MARGIN 12                       /* css px around the page */
#define CACHE_AROUND 2                       /* pages kept on each side */
#define CACHE_BUDGET (64 * 1024 * 1024)

typedef enum
{
  SIZING_FIT_WIDTH,
  SIZING_FIT_PAGE,
  SIZING_FREE,
} Sizing;

struct _ZcPdfView
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget *box;
  GtkWidget *bar;
  GtkWidget *thumbs_button;
  GtkWidget *prev_button;
  GtkWidget *page_entry;
  GtkWidget *n_pages_label;
  GtkWidget *next_button;
  GtkWidget *rotate_left_button;
  GtkWidget *rotate_right_button;
  GtkWidget *zoom_out_button;
  GtkWidget *zoom_button;     /* "81%", a menu: fit width, fit page */
  GtkWidget *zoom_in_button;
  GtkWidget *stack;
  GtkWidget *message;
  GtkWidget *thumbnails;
  GtkWidget *thumbs_separator;
  GtkWidget *scrolled;
  GtkWidget *page_view;

  /* owned */
  GBytes *pdf;
  ZcPdfDocument *document;   /* loaded (n_pages set) or loading */
  ZcPdfJob *load_job;
  ZcPdfPageCache *cache;
  GError *error;
  GdkTexture *texture;
  GPtrArray *highlights;     /* ZcPdfHighlight */
  gsize cache_budget;

  int n_pages;
  int page;
  Sizing sizing;
  double zoom;
  int rotation;
  gboolean show_thumbnails;
  int shown_page;            /* of the picture in the page widget; -1: none */
  int shown_rotation;
  int selected_highlight;    /* -1: none */
  gboolean scroll_to_selected;
  guint scroll_tries;

  guint layout_source;       /* re-layout after a resize */
  guint scroll_source;
  int last_avail_w, last_avail_h;
  gboolean updating_controls;
};

G_DEFINE_FINAL_TYPE (ZcPdfView, zc_pdf_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PDF,
  PROP_N_PAGES,
  PROP_PAGE,
  PROP_FIT_WIDTH,
  PROP_FIT_PAGE,
  PROP_ZOOM,
  PROP_ROTATION,
  PROP_SHOW_THUMBNAILS,
  PROP_TEXTURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_page (ZcPdfView *self);

/* --- geometry -------------------------------------------------------- */

static void
available_size (ZcPdfView *self,
                int       *width,
                int       *height)
{
  int w = gtk_widget_get_width (self->scrolled);
  int h = gtk_widget_get_height (self->scrolled);

  if (w <= 0 || h <= 0)
    {
      /* the page is not laid out yet (the spinner was shown): what the
       * view was given, less the toolbar and the thumbnails to come */
      int bar_h = 0, thumbs_w = 0;

      gtk_widget_measure (self->bar, GTK_ORIENTATION_VERTICAL, -1, NULL, &bar_h, NULL, NULL);
      if (self->show_thumbnails && self->n_pages > 1)
        {
          gtk_widget_measure (self->thumbnails, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &thumbs_w, NULL, NULL);
          thumbs_w += 1;   /* the separator */
        }
      w = gtk_widget_get_width (GTK_WIDGET (self)) - thumbs_w;
      h = gtk_widget_get_height (GTK_WIDGET (self)) - bar_h;
    }
  if (w <= 0)
    w = 600;
  if (h <= 0)
    h = 800;
  *width = MAX (64, w - 2 * PAGE_MARGIN);
  *height = MAX (64, h - 2 * PAGE_MARGIN);
}

static void
rotated_page_size (ZcPdfView *self,
                   int        page,
                   double    *width,
                   double    *height)
{
  double w = 595, h = 842;

  if (self->document != NULL)
    zc_pdf_document_get_page_size (self->document, page, &w, &h);
  *width = self->rotation % 180 ? h : w;
  *height = self->rotation % 180 ? w : h;
}

/* css px per point at which @page is shown */
static double
page_zoom (ZcPdfView *self,
           int        page)
{
  double rw, rh;
  int aw, ah;

  if (self->sizing == SIZING_FREE)
    return self->zoom;
  rotated_page_size (self, page, &rw, &rh);
  available_size (self, &aw, &ah);
  if (self->sizing == SIZING_FIT_WIDTH)
    return aw / rw;
  return MIN (aw / rw, ah / rh);
}

/* ZcPdfPageScaleFunc: device px per point */
static double
page_scale (int      page,
            gpointer user_data)
{
  ZcPdfView *self = user_data;

  return page_zoom (self, page) * MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/* --- showing --------------------------------------------------------- */

static void
update_controls (ZcPdfView *self)
{
  g_autofree char *number = NULL;
  g_autofree char *total = NULL;
  g_autofree char *percent = NULL;
  gboolean have = self->n_pages > 0;

  self->updating_controls = TRUE;
  if (have)
    {
      number = g_strdup_printf ("%d", self->page + 1);
      /* TRANSLATORS: after the page number entry: "3 / 12" */
      total = g_strdup_printf (_("/ %d"), self->n_pages);
      /* TRANSLATORS: the zoom shown, e.g. "125%" */
      percent = g_strdup_printf (_("%d%%"), (int) round (page_zoom (self, self->page) * 100));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->page_entry), number ? number : "");
  gtk_label_set_text (GTK_LABEL (self->n_pages_label), total ? total : "");
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->zoom_button), percent ? percent : "");
  gtk_widget_set_sensitive (self->page_entry, have);
  gtk_widget_set_sensitive (self->prev_button, have && self->page > 0);
  gtk_widget_set_sensitive (self->next_button, have && self->page < self->n_pages - 1);
  gtk_widget_set_sensitive (self->rotate_left_button, have);
  gtk_widget_set_sensitive (self->rotate_right_button, have);
  gtk_widget_set_sensitive (self->zoom_out_button, have);
  gtk_widget_set_sensitive (self->zoom_in_button, have);
  gtk_widget_set_sensitive (self->zoom_button, have);
  gtk_widget_set_sensitive (self->thumbs_button, self->n_pages > 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->thumbs_button), self->show_thumbnails);
  gtk_widget_set_visible (self->thumbnails, self->show_thumbnails && self->n_pages > 1);
  gtk_widget_set_visible (self->thumbs_separator, self->show_thumbnails && self->n_pages > 1);
  self->updating_controls = FALSE;
}

static void
show_message (ZcPdfView  *self,
              const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->message), text);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "message");
}

static void
set_texture (ZcPdfView  *self,
             GdkTexture *texture)
{
  if (g_set_object (&self->texture, texture))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

/* into the page widget, remembering which page it is of */
static void
show_texture (ZcPdfView  *self,
              GdkTexture *texture)
{
  zc_pdf_page_view_set_texture (ZC_PDF_PAGE_VIEW (self->page_view), texture);
  self->shown_page = self->page;
  self->shown_rotation = self->rotation;
}

/* the highlights of the shown page, and which of them is selected */
static void
update_highlights (ZcPdfView *self)
{
  g_autoptr(GPtrArray) on_page = g_ptr_array_new ();
  int selected = -1;

  for (guint i = 0; self->highlights != NULL && i < self->highlights->len; i++)
    {
      ZcPdfHighlight *h = g_ptr_array_index (self->highlights, i);

      if (h->page != self->page)
        continue;
      if ((int) i == self->selected_highlight)
        selected = (int) on_page->len;
      g_ptr_array_add (on_page, h);
    }
  zc_pdf_page_view_set_highlights (ZC_PDF_PAGE_VIEW (self->page_view),
                                   on_page->len > 0 ? on_page : NULL, selected);

  /* what is drawn, said to assistive technologies too */
  {
    g_autoptr(GString) said = g_string_new (NULL);

    for (guint i = 0; i < on_page->len; i++)
      {
        ZcPdfHighlight *h = g_ptr_array_index (on_page, i);
        const char *kind = h->kind == ZC_PDF_HIGHLIGHT_MATCH ? _("Matches")
                           : h->kind == ZC_PDF_HIGHLIGHT_MISMATCH ? _("Does not match")
                           : _("To be confirmed");

        if (said->len > 0)
          g_string_append (said, "; ");
        if (h->label != NULL && h->label[0] != '\0')
          /* TRANSLATORS: a finding on the page: "what it is: label" */
          g_string_append_printf (said, _("%s: %s"), kind, h->label);
        else
          g_string_append (said, kind);
      }
    if (said->len > 0)
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_view),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, said->str, -1);
    else
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->page_view),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  }
}

static void
show_page (ZcPdfView *self)
{
  GdkTexture *texture;
  double pw = 595, ph = 842;
  const GError *error;

  if (self->cache == NULL || self->n_pages <= 0)
    return;

  available_size (self, &self->last_avail_w, &self->last_avail_h);
  zc_pdf_document_get_page_size (self->document, self->page, &pw, &ph);
  zc_pdf_page_view_set_geometry (ZC_PDF_PAGE_VIEW (self->page_view), pw, ph,
                                 page_zoom (self, self->page), self->rotation);
  zc_pdf_page_cache_set_view (self->cache, self->page, page_scale, self, self->rotation);
  update_highlights (self);

  texture = zc_pdf_page_cache_get_texture (self->cache, self->page);
  if (texture != NULL)
    show_texture (self, texture);
  else if (self->shown_page != self->page || self->shown_rotation != self->rotation)
    {
      /* another page's picture: white until this one comes (a zoom
       * keeps the old picture, stretched, meanwhile) */
      zc_pdf_page_view_set_texture (ZC_PDF_PAGE_VIEW (self->page_view), NULL);
      self->shown_page = -1;
    }
  set_texture (self, texture);

  error = zc_pdf_page_cache_get_error (self->cache, self->page);
  if (error != NULL)
    show_message (self, error->message);
  else
    gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "page");
  update_controls (self);
}

static void
page_ready_cb (ZcPdfPageCache *cache,
               int             page,
               ZcPdfView      *self)
{
  GdkTexture *texture;

  if (page != self->page)
    return;
  texture = zc_pdf_page_cache_get_texture (cache, page);
  if (texture != NULL)
    {
      show_texture (self, texture);
      set_texture (self, texture);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "page");
      gtk_widget_queue_allocate (GTK_WIDGET (self));   /* a pending scroll to a finding */
    }
  else if (zc_pdf_page_cache_get_error (cache, page) != NULL)
    show_message (self, zc_pdf_page_cache_get_error (cache, page)->message);
}

/* --- loading --------------------------------------------------------- */

static void
load_finished_cb (ZcPdfJob  *job,
                  ZcPdfView *self)
{
  const GError *error = zc_pdf_job_get_error (job);

  if (job != self->load_job)
    return;
  g_clear_object (&self->load_job);

  if (error != NULL)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      show_message (self, error->message);
      return;
    }

  self->n_pages = zc_pdf_document_get_n_pages (self->document);
  self->page = CLAMP (self->page, 0, MAX (0, self->n_pages - 1));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  if (self->n_pages == 0)
    {
      update_controls (self);
      show_message (self, _("The document has no pages."));
      return;
    }

  self->cache = zc_pdf_page_cache_new (self->document, CACHE_AROUND, self->cache_budget);
  g_signal_connect (self->cache, "page-ready", G_CALLBACK (page_ready_cb), self);
  zc_pdf_thumbnails_set_document (ZC_PDF_THUMBNAILS (self->thumbnails), self->document);
  zc_pdf_thumbnails_set_rotation (ZC_PDF_THUMBNAILS (self->thumbnails), self->rotation);
  zc_pdf_thumbnails_set_page (ZC_PDF_THUMBNAILS (self->thumbnails), self->page);
  update_controls (self);
  /* at once, at the size known now: a resize re-renders later */
  show_page (self);
}

static void
clear_document (ZcPdfView *self)
{
  if (self->load_job != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->load_job, load_finished_cb, self);
      zc_pdf_job_cancel (self->load_job);
      g_clear_object (&self->load_job);
    }
  if (self->cache != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->cache, page_ready_cb, self);
      zc_pdf_page_cache_clear (self->cache);
      g_clear_object (&self->cache);
    }
  if (self->thumbnails != NULL)
    zc_pdf_thumbnails_set_document (ZC_PDF_THUMBNAILS (self->thumbnails), NULL);
  if (self->document != NULL)
    {
      /* poppler's objects are freed on the worker, after what is queued */
      g_autoptr(ZcPdfJob) close = zc_pdf_close_job_new (self->document);

      zc_pdf_job_scheduler_push (close, ZC_PDF_JOB_PRIORITY_LOW);
      g_clear_object (&self->document);
    }
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_error (&self->error);
  if (self->page_view != NULL)
    zc_pdf_page_view_set_texture (ZC_PDF_PAGE_VIEW (self->page_view), NULL);
  self->shown_page = -1;
  g_clear_object (&self->texture);
  self->n_pages = 0;
  self->page = 0;
}

void
zc_pdf_view_set_pdf (ZcPdfView *self,
                     GBytes    *pdf)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  clear_document (self);

  if (pdf != NULL)
    {
      self->pdf = g_bytes_ref (pdf);
      self->document = zc_pdf_document_new (pdf);
      self->load_job = zc_pdf_load_job_new (self->document);
      g_signal_connect (self->load_job, "finished", G_CALLBACK (load_finished_cb), self);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
      zc_pdf_job_scheduler_push (self->load_job, ZC_PDF_JOB_PRIORITY_URGENT);
    }
  else
    show_message (self, _("No document"));

  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PDF]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

/* --- highlights ------------------------------------------------------ */

/* Scrolls the selected highlight into the middle of what is seen; the
 * page may not be laid out at its new size yet: then again at the next
 * allocation (a few times at most) */
static gboolean
scroll_to_selected_cb (gpointer user_data)
{
  ZcPdfView *self = user_data;
  ZcPdfHighlight *h;
  graphene_rect_t area;
  graphene_point_t origin;
  GtkWidget *child;
  GtkAdjustment *adj[2];
  double want[2];
  gboolean done = TRUE;

  self->scroll_source = 0;
  if (self->highlights == NULL || self->selected_highlight < 0
      || (guint) self->selected_highlight >= self->highlights->len)
    {
      self->scroll_to_selected = FALSE;
      return G_SOURCE_REMOVE;
    }
  h = g_ptr_array_index (self->highlights, self->selected_highlight);
  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scrolled));
  if (h->page != self->page
      || !gtk_widget_compute_point (self->page_view, child, &GRAPHENE_POINT_INIT (0, 0), &origin))
    {
      self->scroll_to_selected = FALSE;
      return G_SOURCE_REMOVE;
    }

  zc_pdf_page_view_get_highlight_area (ZC_PDF_PAGE_VIEW (self->page_view), h, &area);
  adj[0] = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  adj[1] = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  want[0] = origin.x + area.origin.x + area.size.width / 2 - gtk_adjustment_get_page_size (adj[0]) / 2;
  want[1] = origin.y + area.origin.y + area.size.height / 2 - gtk_adjustment_get_page_size (adj[1]) / 2;
  for (int i = 0; i < 2; i++)
    {
      double lower = gtk_adjustment_get_lower (adj[i]);
      double upper = gtk_adjustment_get_upper (adj[i]) - gtk_adjustment_get_page_size (adj[i]);

      want[i] = CLAMP (want[i], lower, MAX (lower, upper));
      gtk_adjustment_set_value (adj[i], want[i]);
      done = done && fabs (gtk_adjustment_get_value (adj[i]) - want[i]) < 1;
    }
  /* the box must be inside what the scrolled window holds */
  done = done && gtk_adjustment_get_upper (adj[1]) >= origin.y + area.origin.y + area.size.height;
  if (done || ++self->scroll_tries >= 30)
    self->scroll_to_selected = FALSE;
  else
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
queue_scroll_to_selected (ZcPdfView *self)
{
  if (self->scroll_to_selected && self->scroll_source == 0)
    self->scroll_source = g_idle_add (scroll_to_selected_cb, self);
}

void
zc_pdf_view_set_highlights (ZcPdfView *self,
                            GPtrArray *highlights)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  if (highlights != NULL)
    g_ptr_array_ref (highlights);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  self->highlights = highlights;
  self->selected_highlight = -1;
  update_highlights (self);
  zc_pdf_thumbnails_set_highlights (ZC_PDF_THUMBNAILS (self->thumbnails), highlights);
}

GPtrArray *
zc_pdf_view_get_highlights (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), NULL);
  return self->highlights;
}

void
zc_pdf_view_show_highlight (ZcPdfView *self,
                            guint      i)
{
  ZcPdfHighlight *h;

  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  if (self->highlights == NULL || i >= self->highlights->len)
    return;
  h = g_ptr_array_index (self->highlights, i);
  self->selected_highlight = (int) i;
  self->scroll_to_selected = TRUE;
  self->scroll_tries = 0;
  if (h->page != self->page)
    zc_pdf_view_set_page (self, h->page);
  else
    update_highlights (self);
  /* once the page has its size: at the next allocation */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

gboolean
zc_pdf_view_get_highlight_area (ZcPdfView       *self,
                                guint            i,
                                graphene_rect_t *area)
{
  ZcPdfHighlight *h;
  graphene_rect_t in_page;
  graphene_point_t origin;

  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), FALSE);

  if (self->highlights == NULL || i >= self->highlights->len)
    return FALSE;
  h = g_ptr_array_index (self->highlights, i);
  if (h->page != self->page
      || !gtk_widget_compute_point (self->page_view, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (0, 0), &origin))
    return FALSE;
  zc_pdf_page_view_get_highlight_area (ZC_PDF_PAGE_VIEW (self->page_view), h, &in_page);
  graphene_rect_init (area, origin.x + in_page.origin.x, origin.y + in_page.origin.y,
                      in_page.size.width, in_page.size.height);
  return TRUE;
}

/* --- navigation, zoom, rotation -------------------------------------- */

GBytes *
zc_pdf_view_get_pdf (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), NULL);
  return self->pdf;
}

int
zc_pdf_view_get_n_pages (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), 0);
  return self->n_pages;
}

int
zc_pdf_view_get_page (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), 0);
  return self->page;
}

void
zc_pdf_view_set_page (ZcPdfView *self,
                      int        page)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  page = CLAMP (page, 0, MAX (0, self->n_pages - 1));
  if (page == self->page)
    {
      update_controls (self);   /* an entry typed out of range shows the page again */
      return;
    }
  self->page = page;
  show_page (self);
  zc_pdf_thumbnails_set_page (ZC_PDF_THUMBNAILS (self->thumbnails), page);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)), 0);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

void
zc_pdf_view_next_page (ZcPdfView *self)
{
  zc_pdf_view_set_page (self, zc_pdf_view_get_page (self) + 1);
}

void
zc_pdf_view_previous_page (ZcPdfView *self)
{
  zc_pdf_view_set_page (self, zc_pdf_view_get_page (self) - 1);
}

static void
set_sizing (ZcPdfView *self,
            Sizing     sizing)
{
  Sizing old = self->sizing;

  if (sizing == old)
    return;
  self->sizing = sizing;
  show_page (self);
  update_controls (self);
  if (old == SIZING_FIT_WIDTH || sizing == SIZING_FIT_WIDTH)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
  if (old == SIZING_FIT_PAGE || sizing == SIZING_FIT_PAGE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_PAGE]);
}

gboolean
zc_pdf_view_get_fit_width (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), FALSE);
  return self->sizing == SIZING_FIT_WIDTH;
}

void
zc_pdf_view_set_fit_width (ZcPdfView *self,
                           gboolean   fit_width)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  if (fit_width)
    set_sizing (self, SIZING_FIT_WIDTH);
  else if (self->sizing == SIZING_FIT_WIDTH)
    zc_pdf_view_set_zoom (self, page_zoom (self, self->page));
}

gboolean
zc_pdf_view_get_fit_page (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), FALSE);
  return self->sizing == SIZING_FIT_PAGE;
}

void
zc_pdf_view_set_fit_page (ZcPdfView *self,
                          gboolean   fit_page)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  if (fit_page)
    set_sizing (self, SIZING_FIT_PAGE);
  else if (self->sizing == SIZING_FIT_PAGE)
    zc_pdf_view_set_zoom (self, page_zoom (self, self->page));
}

double
zc_pdf_view_get_zoom (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), 1.0);
  return self->zoom;
}

void
zc_pdf_view_set_zoom (ZcPdfView *self,
                      double     zoom)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  if (!isfinite (zoom))
    return;
  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  g_object_freeze_notify (G_OBJECT (self));
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (self->sizing != SIZING_FREE)
    set_sizing (self, SIZING_FREE);
  else
    show_page (self);
  update_controls (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
zc_pdf_view_zoom_in (ZcPdfView *self)
{
  zc_pdf_view_set_zoom (self, page_zoom (self, self->page) * ZOOM_STEP);
}

void
zc_pdf_view_zoom_out (ZcPdfView *self)
{
  zc_pdf_view_set_zoom (self, page_zoom (self, self->page) / ZOOM_STEP);
}

int
zc_pdf_view_get_rotation (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), 0);
  return self->rotation;
}

void
zc_pdf_view_set_rotation (ZcPdfView *self,
                          int        rotation)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  rotation = ((rotation % 360) + 360) % 360;
  rotation -= rotation % 90;
  if (rotation == self->rotation)
    return;
  self->rotation = rotation;
  zc_pdf_thumbnails_set_rotation (ZC_PDF_THUMBNAILS (self->thumbnails), rotation);
  show_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
}

void
zc_pdf_view_rotate (ZcPdfView *self,
                    int        degrees)
{
  zc_pdf_view_set_rotation (self, zc_pdf_view_get_rotation (self) + degrees);
}

gboolean
zc_pdf_view_get_show_thumbnails (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), FALSE);
  return self->show_thumbnails;
}

void
zc_pdf_view_set_show_thumbnails (ZcPdfView *self,
                                 gboolean   show)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  show = !!show;
  if (show == self->show_thumbnails)
    return;
  self->show_thumbnails = show;
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_THUMBNAILS]);
}

GdkTexture *
zc_pdf_view_get_texture (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), NULL);
  return self->texture;
}

const GError *
zc_pdf_view_get_error (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), NULL);
  return self->error;
}

void
zc_pdf_view_set_cache_budget (ZcPdfView *self,
                              gsize      bytes)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  /* for the next document */
  self->cache_budget = bytes;
}

void
zc_pdf_view_pack_end (ZcPdfView *self,
                      GtkWidget *widget)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (self->bar), widget);
}

ZcPdfPageCache *
_zc_pdf_view_get_page_cache (ZcPdfView *self)
{
  return self->cache;
}

ZcPdfThumbnails *
_zc_pdf_view_get_thumbnails (ZcPdfView *self)
{
  return ZC_PDF_THUMBNAILS (self->thumbnails);
}

GtkWidget *
_zc_pdf_view_get_page_view (ZcPdfView *self)
{
  return self->page_view;
}

GtkWidget *
zc_pdf_view_new (void)
{
  return g_object_new (ZC_TYPE_PDF_VIEW, NULL);
}

/* --- callbacks ------------------------------------------------------- */

static gboolean
layout_cb (gpointer user_data)
{
  ZcPdfView *self = user_data;

  self->layout_source = 0;
  show_page (self);
  return G_SOURCE_REMOVE;
}

static void
on_thumbs_toggled (GtkToggleButton *button,
                   ZcPdfView       *self)
{
  if (self->updating_controls)
    return;
  zc_pdf_view_set_show_thumbnails (self, gtk_toggle_button_get_active (button));
}

static void
on_page_entry_activate (GtkEntry  *entry,
                        ZcPdfView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  char *end = NULL;
  long number = strtol (text, &end, 10);

  if (end == text || *end != '\0' || number < 1 || number > self->n_pages)
    {
      gtk_widget_error_bell (GTK_WIDGET (entry));
      update_controls (self);
      return;
    }
  zc_pdf_view_set_page (self, (int) number - 1);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_thumbnail_selected (ZcPdfThumbnails *thumbnails,
                       int              page,
                       ZcPdfView       *self)
{
  zc_pdf_view_set_page (self, page);
}

static void
rotate_left_cb (ZcPdfView *self)
{
  zc_pdf_view_rotate (self, -90);
}

static void
rotate_right_cb (ZcPdfView *self)
{
  zc_pdf_view_rotate (self, 90);
}

static void
on_page_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 ZcPdfView       *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  ZcPdfView *self = ZC_PDF_VIEW (widget);
  const char *what = g_variant_get_string (args, NULL);

  if (g_str_equal (what, "next"))
    zc_pdf_view_next_page (self);
  else if (g_str_equal (what, "prev"))
    zc_pdf_view_previous_page (self);
  else if (g_str_equal (what, "first"))
    zc_pdf_view_set_page (self, 0);
  else if (g_str_equal (what, "last"))
    zc_pdf_view_set_page (self, self->n_pages - 1);
  else if (g_str_equal (what, "in"))
    zc_pdf_view_zoom_in (self);
  else if (g_str_equal (what, "out"))
    zc_pdf_view_zoom_out (self);
  else if (g_str_equal (what, "fit"))
    zc_pdf_view_set_fit_width (self, TRUE);
  else if (g_str_equal (what, "rotate"))
    zc_pdf_view_rotate (self, 90);
  return TRUE;
}

/* --- GtkWidget ------------------------------------------------------- */

static void
zc_pdf_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  ZcPdfView *self = ZC_PDF_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
zc_pdf_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  ZcPdfView *self = ZC_PDF_VIEW (widget);
  int aw, ah;

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->n_pages <= 0)
    return;
  available_size (self, &aw, &ah);
  if (self->sizing != SIZING_FREE && (aw != self->last_avail_w || ah != self->last_avail_h)
      && self->layout_source == 0)
    /* a window being resized: once it rests */
    self->layout_source = g_timeout_add (60, layout_cb, self);
  queue_scroll_to_selected (self);
}

static GtkWidget *
icon_button (GType       type,
             const char *icon,
             const char *tooltip)
{
  GtkWidget *b = g_object_new (type, "icon-name", icon, "tooltip-text", tooltip, NULL);

  gtk_widget_add_css_class (b, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return b;
}

static void
zc_pdf_view_init (ZcPdfView *self)
{
  GtkWidget *bar, *spacer, *spinner, *viewport_box, *content, *nav;
  GMenu *zoom_menu;
  GtkGesture *click;

  self->sizing = SIZING_FIT_WIDTH;
  self->zoom = 1.0;
  self->show_thumbnails = TRUE;
  self->selected_highlight = -1;
  self->shown_page = -1;
  self->cache_budget = CACHE_BUDGET;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* the toolbar */
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (bar, "toolbar");
  self->thumbs_button = icon_button (GTK_TYPE_TOGGLE_BUTTON, "sidebar-show-symbolic", _("Show thumbnails"));
  self->prev_button = icon_button (GTK_TYPE_BUTTON, "go-previous-symbolic", _("Previous page"));
  self->next_button = icon_button (GTK_TYPE_BUTTON, "go-next-symbolic", _("Next page"));

  nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  self->page_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->page_entry), 3);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->page_entry), 4);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->page_entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_alignment (GTK_ENTRY (self->page_entry), 1.0);
  gtk_widget_set_tooltip_text (self->page_entry, _("Go to page"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Page number"), -1);
  gtk_widget_set_valign (self->page_entry, GTK_ALIGN_CENTER);
  self->n_pages_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->n_pages_label, "numeric");
  gtk_box_append (GTK_BOX (nav), self->page_entry);
  gtk_box_append (GTK_BOX (nav), self->n_pages_label);

  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  self->rotate_left_button = icon_button (GTK_TYPE_BUTTON, "object-rotate-left-symbolic",
                                          _("Rotate counterclockwise"));
  self->rotate_right_button = icon_button (GTK_TYPE_BUTTON, "object-rotate-right-symbolic",
                                           _("Rotate clockwise"));
  self->zoom_out_button = icon_button (GTK_TYPE_BUTTON, "zoom-out-symbolic", _("Zoom out"));
  /* the zoom in words, and the fits in its menu (as evince's zoom box) */
  zoom_menu = g_menu_new ();
  g_menu_append (zoom_menu, _("Fit _Width"), "pdf.fit-width");
  g_menu_append (zoom_menu, _("Fit _Page"), "pdf.fit-page");
  self->zoom_button = gtk_menu_button_new ();
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->zoom_button), G_MENU_MODEL (zoom_menu));
  gtk_widget_set_tooltip_text (self->zoom_button, _("Zoom"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Zoom"), -1);
  gtk_widget_add_css_class (self->zoom_button, "flat");
  gtk_widget_add_css_class (self->zoom_button, "numeric");
  g_object_unref (zoom_menu);
  self->zoom_in_button = icon_button (GTK_TYPE_BUTTON, "zoom-in-symbolic", _("Zoom in"));

  gtk_box_append (GTK_BOX (bar), self->thumbs_button);
  gtk_box_append (GTK_BOX (bar), self->prev_button);
  gtk_box_append (GTK_BOX (bar), nav);
  gtk_box_append (GTK_BOX (bar), self->next_button);
  gtk_box_append (GTK_BOX (bar), spacer);
  gtk_box_append (GTK_BOX (bar), self->rotate_left_button);
  gtk_box_append (GTK_BOX (bar), self->rotate_right_button);
  gtk_box_append (GTK_BOX (bar), self->zoom_out_button);
  gtk_box_append (GTK_BOX (bar), self->zoom_button);
  gtk_box_append (GTK_BOX (bar), self->zoom_in_button);
  gtk_box_append (GTK_BOX (self->box), bar);
  self->bar = bar;

  g_signal_connect_swapped (self->prev_button, "clicked", G_CALLBACK (zc_pdf_view_previous_page), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (zc_pdf_view_next_page), self);
  g_signal_connect_swapped (self->zoom_in_button, "clicked", G_CALLBACK (zc_pdf_view_zoom_in), self);
  g_signal_connect_swapped (self->zoom_out_button, "clicked", G_CALLBACK (zc_pdf_view_zoom_out), self);
  g_signal_connect_swapped (self->rotate_left_button, "clicked", G_CALLBACK (rotate_left_cb), self);
  g_signal_connect_swapped (self->rotate_right_button, "clicked", G_CALLBACK (rotate_right_cb), self);
  g_signal_connect (self->page_entry, "activate", G_CALLBACK (on_page_entry_activate), self);
  g_signal_connect (self->thumbs_button, "toggled", G_CALLBACK (on_thumbs_toggled), self);

  /* message, spinner, or thumbnails and page */
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_widget_set_hexpand (self->stack, TRUE);

  self->message = gtk_label_new (_("No document"));
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_widget_add_css_class (self->message, "dim-label");
  gtk_stack_add_named (GTK_STACK (self->stack), self->message, "message");

  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opening the document"), -1);
  gtk_stack_add_named (GTK_STACK (self->stack), spinner, "loading");

  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  self->thumbnails = zc_pdf_thumbnails_new ();
  g_signal_connect (self->thumbnails, "page-selected", G_CALLBACK (on_thumbnail_selected), self);
  self->thumbs_separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  gtk_box_append (GTK_BOX (content), self->thumbnails);
  gtk_box_append (GTK_BOX (content), self->thumbs_separator);

  self->page_view = zc_pdf_page_view_new ();
  gtk_widget_set_halign (self->page_view, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->page_view, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->page_view, PAGE_MARGIN);
  gtk_widget_set_margin_bottom (self->page_view, PAGE_MARGIN);
  gtk_widget_set_margin_start (self->page_view, PAGE_MARGIN);
  gtk_widget_set_margin_end (self->page_view, PAGE_MARGIN);
  gtk_widget_add_css_class (self->page_view, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Document page"), -1);
  viewport_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (viewport_box), self->page_view);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_hexpand (self->scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), viewport_box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_box_append (GTK_BOX (content), self->scrolled);
  gtk_stack_add_named (GTK_STACK (self->stack), content, "page");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "message");
  gtk_box_append (GTK_BOX (self->box), self->stack);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_page_pressed), self);
  gtk_widget_add_controller (self->scrolled, GTK_EVENT_CONTROLLER (click));

  update_controls (self);
}

static void
zc_pdf_view_dispose (GObject *object)
{
  ZcPdfView *self = ZC_PDF_VIEW (object);

  clear_document (self);
  g_clear_handle_id (&self->layout_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->thumbnails = NULL;
  self->page_view = NULL;

  G_OBJECT_CLASS (zc_pdf_view_parent_class)->dispose (object);
}

static void
zc_pdf_view_finalize (GObject *object)
{
  ZcPdfView *self = ZC_PDF_VIEW (object);

  g_clear_pointer (&self->highlights, g_ptr_array_unref);

  G_OBJECT_CLASS (zc_pdf_view_parent_class)->finalize (object);
}

static void
zc_pdf_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ZcPdfView *self = ZC_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_PDF:
      g_value_set_boxed (value, self->pdf);
      break;
    case PROP_N_PAGES:
      g_value_set_int (value, self->n_pages);
      break;
    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;
    case PROP_FIT_WIDTH:
      g_value_set_boolean (value, self->sizing == SIZING_FIT_WIDTH);
      break;
    case PROP_FIT_PAGE:
      g_value_set_boolean (value, self->sizing == SIZING_FIT_PAGE);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_ROTATION:
      g_value_set_int (value, self->rotation);
      break;
    case PROP_SHOW_THUMBNAILS:
      g_value_set_boolean (value, self->show_thumbnails);
      break;
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_pdf_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ZcPdfView *self = ZC_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_PDF:
      zc_pdf_view_set_pdf (self, g_value_get_boxed (value));
      break;
    case PROP_PAGE:
      zc_pdf_view_set_page (self, g_value_get_int (value));
      break;
    case PROP_FIT_WIDTH:
      zc_pdf_view_set_fit_width (self, g_value_get_boolean (value));
      break;
    case PROP_FIT_PAGE:
      zc_pdf_view_set_fit_page (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      zc_pdf_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_ROTATION:
      zc_pdf_view_set_rotation (self, g_value_get_int (value));
      break;
    case PROP_SHOW_THUMBNAILS:
      zc_pdf_view_set_show_thumbnails (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_pdf_view_class_init (ZcPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_pdf_view_dispose;
  object_class->finalize = zc_pdf_view_finalize;
  object_class->get_property = zc_pdf_view_get_property;
  object_class->set_property = zc_pdf_view_set_property;
  widget_class->measure = zc_pdf_view_measure;
  widget_class->size_allocate = zc_pdf_view_size_allocate;

  properties[PROP_PDF] =
    g_param_spec_boxed ("pdf", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_int ("n-pages", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_int ("page", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIT_WIDTH] =
    g_param_spec_boolean ("fit-width", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIT_PAGE] =
    g_param_spec_boolean ("fit-page", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROTATION] =
    g_param_spec_int ("rotation", NULL, NULL, 0, 270, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_THUMBNAILS] =
    g_param_spec_boolean ("show-thumbnails", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* boolean property actions: check items of the zoom menu */
  gtk_widget_class_install_property_action (widget_class, "pdf.fit-width", "fit-width");
  gtk_widget_class_install_property_action (widget_class, "pdf.fit-page", "fit-page");

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, shortcut_cb, "s", "next");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, shortcut_cb, "s", "prev");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, shortcut_cb, "s", "next");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, shortcut_cb, "s", "prev");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, shortcut_cb, "s", "next");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, shortcut_cb, "s", "prev");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, shortcut_cb, "s", "first");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, shortcut_cb, "s", "last");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, shortcut_cb, "s", "in");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, shortcut_cb, "s", "in");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, shortcut_cb, "s", "out");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, shortcut_cb, "s", "fit");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, 0, shortcut_cb, "s", "rotate");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, shortcut_cb, "s", "rotate");

  gtk_widget_class_set_css_name (widget_class, "zc-pdf-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}
