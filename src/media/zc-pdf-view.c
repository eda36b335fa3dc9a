/* zc-pdf-view.c — a PDF shown page by page, rendered off the main thread
 *
 * The pattern of evince/papers (ev-jobs, ev-poppler): jobs run on one
 * worker thread; every poppler call holds the document's lock; a page is
 * rendered onto an ARGB32 surface painted white first and wrapped in a
 * GdkMemoryTexture on the worker; the result comes back to the main
 * context through GTask, and a result that is no longer wanted (newer
 * request, cancelled, widget gone) is dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "zc-pdf-view.h"

#define ZOOM_MIN 0.25
#define ZOOM_MAX 4.0
#define PAGE_MARGIN 12      /* css px around the page */
#define MAX_TEXTURE_SIDE 6000

/* ── the document shared with the worker ─────────────────────────── */

typedef struct
{
  gatomicrefcount ref;
  GMutex lock;               /* guards every poppler call and @doc */
  GBytes *bytes;
  PopplerDocument *doc;
} ZcPdfDoc;

static ZcPdfDoc *
pdf_doc_new (GBytes *bytes)
{
  ZcPdfDoc *d = g_new0 (ZcPdfDoc, 1);

  g_atomic_ref_count_init (&d->ref);
  g_mutex_init (&d->lock);
  d->bytes = g_bytes_ref (bytes);
  return d;
}

static ZcPdfDoc *
pdf_doc_ref (ZcPdfDoc *d)
{
  g_atomic_ref_count_inc (&d->ref);
  return d;
}

static void
pdf_doc_unref (ZcPdfDoc *d)
{
  if (d == NULL || !g_atomic_ref_count_dec (&d->ref))
    return;
  g_mutex_lock (&d->lock);
  g_clear_object (&d->doc);
  g_mutex_unlock (&d->lock);
  g_mutex_clear (&d->lock);
  g_bytes_unref (d->bytes);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcPdfDoc, pdf_doc_unref)

/* ── jobs on the one worker ───────────────────────────────────────── */

typedef enum { JOB_LOAD, JOB_RENDER } JobKind;

typedef struct
{
  JobKind kind;
  ZcPdfDoc *doc;
  guint serial;
  int page;
  int width_px;              /* fit width: target width in device px; 0 = use zoom */
  double zoom_px;            /* device px per point when width_px == 0 */
  int scale_factor;
  /* results */
  int n_pages;
  GdkTexture *texture;
  double css_width, css_height;
} Job;

static void
job_free (gpointer p)
{
  Job *job = p;

  pdf_doc_unref (job->doc);
  g_clear_object (&job->texture);
  g_free (job);
}

static void
run_load (GTask *task,
          Job   *job)
{
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&job->doc->lock);
  if (job->doc->doc == NULL)
    job->doc->doc = poppler_document_new_from_bytes (job->doc->bytes, NULL, &error);
  if (job->doc->doc != NULL)
    job->n_pages = poppler_document_get_n_pages (job->doc->doc);
  g_mutex_unlock (&job->doc->lock);

  if (error != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The document cannot be read: %s"), error->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
run_render (GTask *task,
            Job   *job)
{
  PopplerPage *page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double pw = 0, ph = 0, scale;
  int w, h, stride;
  GBytes *pixels;
  cairo_status_t status;

  g_mutex_lock (&job->doc->lock);
  if (job->doc->doc != NULL)
    page = poppler_document_get_page (job->doc->doc, job->page);
  if (page != NULL)
    poppler_page_get_size (page, &pw, &ph);
  if (page != NULL && (pw <= 0 || ph <= 0))
    g_clear_object (&page);
  g_mutex_unlock (&job->doc->lock);

  if (page == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Page %d cannot be shown."), job->page + 1);
      return;
    }

  scale = job->width_px > 0 ? job->width_px / pw : job->zoom_px;
  scale = MIN (scale, MAX_TEXTURE_SIDE / MAX (pw, ph));
  w = MAX (1, (int) (pw * scale + 0.5));
  h = MAX (1, (int) (ph * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_mutex_lock (&job->doc->lock);
      poppler_page_render (page, cr);
      g_mutex_unlock (&job->doc->lock);
    }
  g_mutex_lock (&job->doc->lock);
  g_clear_object (&page);
  g_mutex_unlock (&job->doc->lock);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (status != CAIRO_STATUS_SUCCESS || cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Page %d cannot be shown."), job->page + 1);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (surface);
      return;
    }

  stride = cairo_image_surface_get_stride (surface);
  pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                       (gsize) stride * h,
                                       (GDestroyNotify) cairo_surface_destroy, surface);
  job->texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, pixels, stride);
  g_bytes_unref (pixels);
  job->css_width = (double) w / MAX (1, job->scale_factor);
  job->css_height = (double) h / MAX (1, job->scale_factor);
  g_task_return_boolean (task, TRUE);
}

static void
worker_func (gpointer data,
             gpointer user_data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);

  if (!g_task_return_error_if_cancelled (task))
    {
      if (job->kind == JOB_LOAD)
        run_load (task, job);
      else
        run_render (task, job);
    }
  g_object_unref (task);
}

static GThreadPool *
get_worker (void)
{
  static GThreadPool *pool = NULL;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *p = g_thread_pool_new (worker_func, NULL, 1, FALSE, NULL);
      g_once_init_leave (&pool, p);
    }
  return pool;
}

/* The callback's user data: a weak ref, so that the task never holds the
 * widget and its last unref cannot happen on the worker. */
static GTask *
job_task_new (ZcPdfView          *self,
              Job                *job,
              GCancellable       *cancellable,
              GAsyncReadyCallback callback)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);
  GTask *task;

  g_weak_ref_init (weak, self);
  task = g_task_new (NULL, cancellable, callback, weak);
  g_task_set_source_tag (task, job_task_new);
  g_task_set_task_data (task, job, job_free);
  return task;
}

static ZcPdfView *
take_view (gpointer user_data)
{
  GWeakRef *weak = user_data;
  ZcPdfView *view = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  return view;
}

/* ── the widget ───────────────────────────────────────────────────── */

struct _ZcPdfView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *bar;
  GtkWidget *prev_button;
  GtkWidget *next_button;
  GtkWidget *page_label;
  GtkWidget *fit_button;
  GtkWidget *stack;
  GtkWidget *scrolled;
  GtkWidget *picture;
  GtkWidget *message;

  GBytes *pdf;
  ZcPdfDoc *doc;
  GError *error;
  int n_pages;
  int page;
  gboolean fit_width;
  double zoom;
  GdkTexture *texture;

  guint load_serial;
  guint render_serial;
  GCancellable *load_cancellable;
  GCancellable *render_cancellable;
  guint render_idle;
  int last_width;
};

G_DEFINE_FINAL_TYPE (ZcPdfView, zc_pdf_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PDF,
  PROP_N_PAGES,
  PROP_PAGE,
  PROP_FIT_WIDTH,
  PROP_ZOOM,
  PROP_TEXTURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_controls (ZcPdfView *self)
{
  g_autofree char *text = NULL;

  if (self->n_pages > 0)
    /* TRANSLATORS: page indicator of the document preview */
    text = g_strdup_printf (_("%d / %d"), self->page + 1, self->n_pages);
  gtk_label_set_text (GTK_LABEL (self->page_label), text ? text : "");
  gtk_widget_set_sensitive (self->prev_button, self->n_pages > 0 && self->page > 0);
  gtk_widget_set_sensitive (self->next_button, self->n_pages > 0 && self->page < self->n_pages - 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->fit_button), self->fit_width);
}

static void
show_message (ZcPdfView  *self,
              const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->message), text);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "message");
}

static int
available_width (ZcPdfView *self)
{
  int w = gtk_widget_get_width (self->scrolled);

  if (w <= 0)
    w = gtk_widget_get_width (GTK_WIDGET (self));
  if (w <= 0)
    w = 600;
  return MAX (64, w - 2 * PAGE_MARGIN);
}

static void
render_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcPdfView) self = take_view (user_data);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && job->serial == self->render_serial)
        show_message (self, error->message);
      return;
    }
  if (self == NULL || job->serial != self->render_serial || job->doc != self->doc)
    return;  /* stale */

  g_set_object (&self->texture, job->texture);
  gtk_picture_set_paintable (GTK_PICTURE (self->picture), GDK_PAINTABLE (self->texture));
  gtk_widget_set_size_request (self->picture, (int) job->css_width, (int) job->css_height);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "page");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

static void
start_render (ZcPdfView *self)
{
  Job *job;
  int scale_factor;

  g_clear_handle_id (&self->render_idle, g_source_remove);
  if (self->doc == NULL || self->n_pages <= 0)
    return;

  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->render_cancellable);
  self->render_cancellable = g_cancellable_new ();

  scale_factor = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  job = g_new0 (Job, 1);
  job->kind = JOB_RENDER;
  job->doc = pdf_doc_ref (self->doc);
  job->serial = ++self->render_serial;
  job->page = self->page;
  job->scale_factor = scale_factor;
  if (self->fit_width)
    {
      self->last_width = available_width (self);
      job->width_px = self->last_width * scale_factor;
    }
  else
    job->zoom_px = self->zoom * scale_factor;

  g_thread_pool_push (get_worker (),
                      job_task_new (self, job, self->render_cancellable, render_done), NULL);
}

static gboolean
render_idle_cb (gpointer user_data)
{
  ZcPdfView *self = user_data;

  self->render_idle = 0;
  start_render (self);
  return G_SOURCE_REMOVE;
}

static void
queue_render (ZcPdfView *self)
{
  if (self->render_idle == 0)
    self->render_idle = g_timeout_add (60, render_idle_cb, self);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ZcPdfView) self = take_view (user_data);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self != NULL && job->serial == self->load_serial
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&self->error);
          self->error = g_error_copy (error);
          show_message (self, error->message);
        }
      return;
    }
  if (self == NULL || job->serial != self->load_serial)
    return;

  self->n_pages = job->n_pages;
  self->page = CLAMP (self->page, 0, MAX (0, self->n_pages - 1));
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  if (self->n_pages == 0)
    show_message (self, _("The document has no pages."));
  else
    start_render (self);
}

void
zc_pdf_view_set_pdf (ZcPdfView *self,
                     GBytes    *pdf)
{
  Job *job;

  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  if (pdf == self->pdf)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->render_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_handle_id (&self->render_idle, g_source_remove);
  g_clear_pointer (&self->doc, pdf_doc_unref);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->texture);
  gtk_picture_set_paintable (GTK_PICTURE (self->picture), NULL);
  self->n_pages = 0;
  self->page = 0;
  self->load_serial++;
  self->render_serial++;

  if (pdf != NULL)
    {
      self->pdf = g_bytes_ref (pdf);
      self->doc = pdf_doc_new (pdf);
      self->load_cancellable = g_cancellable_new ();
      job = g_new0 (Job, 1);
      job->kind = JOB_LOAD;
      job->doc = pdf_doc_ref (self->doc);
      job->serial = self->load_serial;
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "loading");
      g_thread_pool_push (get_worker (),
                          job_task_new (self, job, self->load_cancellable, load_done), NULL);
    }
  else
    show_message (self, _("No document"));

  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PDF]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

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
    return;
  self->page = page;
  update_controls (self);
  start_render (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)), 0);
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

gboolean
zc_pdf_view_get_fit_width (ZcPdfView *self)
{
  g_return_val_if_fail (ZC_IS_PDF_VIEW (self), FALSE);
  return self->fit_width;
}

void
zc_pdf_view_set_fit_width (ZcPdfView *self,
                           gboolean   fit_width)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));

  fit_width = !!fit_width;
  if (fit_width == self->fit_width)
    return;
  self->fit_width = fit_width;
  update_controls (self);
  start_render (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
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

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  g_object_freeze_notify (G_OBJECT (self));
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (self->fit_width)
    {
      self->fit_width = FALSE;
      update_controls (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
    }
  start_render (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The zoom the page is shown at now (fit width → computed). */
static double
effective_zoom (ZcPdfView *self)
{
  if (self->fit_width && self->texture != NULL)
    {
      int sf = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
      return (double) gdk_texture_get_width (self->texture) / sf / 595.0;
    }
  return self->zoom;
}

void
zc_pdf_view_zoom_in (ZcPdfView *self)
{
  zc_pdf_view_set_zoom (self, effective_zoom (self) * 1.2);
}

void
zc_pdf_view_zoom_out (ZcPdfView *self)
{
  zc_pdf_view_set_zoom (self, effective_zoom (self) / 1.2);
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
zc_pdf_view_pack_end (ZcPdfView *self,
                      GtkWidget *widget)
{
  g_return_if_fail (ZC_IS_PDF_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (GTK_BOX (self->bar), widget);
}

GtkWidget *
zc_pdf_view_new (void)
{
  return g_object_new (ZC_TYPE_PDF_VIEW, NULL);
}

/* ── GtkWidget ── */

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

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->fit_width && self->n_pages > 0 && available_width (self) != self->last_width)
    queue_render (self);
}

static void
on_fit_toggled (GtkToggleButton *button,
                ZcPdfView       *self)
{
  if (gtk_toggle_button_get_active (button))
    zc_pdf_view_set_fit_width (self, TRUE);
  else if (self->fit_width)
    zc_pdf_view_set_zoom (self, effective_zoom (self));
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
  else if (g_str_equal (what, "in"))
    zc_pdf_view_zoom_in (self);
  else if (g_str_equal (what, "out"))
    zc_pdf_view_zoom_out (self);
  else if (g_str_equal (what, "fit"))
    zc_pdf_view_set_fit_width (self, TRUE);
  return TRUE;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (b, tooltip);
  gtk_widget_add_css_class (b, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return b;
}

static void
zc_pdf_view_init (ZcPdfView *self)
{
  GtkWidget *bar, *spacer, *zin, *zout, *spinner, *viewport_box;

  self->fit_width = TRUE;
  self->zoom = 1.0;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (bar, "toolbar");
  self->prev_button = icon_button ("go-previous-symbolic", _("Previous page"));
  self->page_label = gtk_label_new (NULL);
  gtk_label_set_width_chars (GTK_LABEL (self->page_label), 7);
  gtk_widget_add_css_class (self->page_label, "numeric");
  self->next_button = icon_button ("go-next-symbolic", _("Next page"));
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  zout = icon_button ("zoom-out-symbolic", _("Zoom out"));
  self->fit_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->fit_button), "zoom-fit-best-symbolic");
  gtk_widget_set_tooltip_text (self->fit_button, _("Fit width"));
  gtk_widget_add_css_class (self->fit_button, "flat");
  zin = icon_button ("zoom-in-symbolic", _("Zoom in"));
  gtk_box_append (GTK_BOX (bar), self->prev_button);
  gtk_box_append (GTK_BOX (bar), self->page_label);
  gtk_box_append (GTK_BOX (bar), self->next_button);
  gtk_box_append (GTK_BOX (bar), spacer);
  gtk_box_append (GTK_BOX (bar), zout);
  gtk_box_append (GTK_BOX (bar), self->fit_button);
  gtk_box_append (GTK_BOX (bar), zin);
  gtk_box_append (GTK_BOX (self->box), bar);
  self->bar = bar;

  g_signal_connect_swapped (self->prev_button, "clicked", G_CALLBACK (zc_pdf_view_previous_page), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (zc_pdf_view_next_page), self);
  g_signal_connect_swapped (zin, "clicked", G_CALLBACK (zc_pdf_view_zoom_in), self);
  g_signal_connect_swapped (zout, "clicked", G_CALLBACK (zc_pdf_view_zoom_out), self);

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
  gtk_stack_add_named (GTK_STACK (self->stack), spinner, "loading");

  self->picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (self->picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (self->picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_halign (self->picture, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->picture, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->picture, PAGE_MARGIN);
  gtk_widget_set_margin_bottom (self->picture, PAGE_MARGIN);
  gtk_widget_set_margin_start (self->picture, PAGE_MARGIN);
  gtk_widget_set_margin_end (self->picture, PAGE_MARGIN);
  gtk_widget_add_css_class (self->picture, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Document page"), -1);
  viewport_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (viewport_box), self->picture);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), viewport_box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), self->scrolled, "page");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "message");
  gtk_box_append (GTK_BOX (self->box), self->stack);

  update_controls (self);
  g_signal_connect (self->fit_button, "toggled", G_CALLBACK (on_fit_toggled), self);
}

static void
zc_pdf_view_dispose (GObject *object)
{
  ZcPdfView *self = ZC_PDF_VIEW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->render_cancellable);
  g_clear_handle_id (&self->render_idle, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (zc_pdf_view_parent_class)->dispose (object);
}

static void
zc_pdf_view_finalize (GObject *object)
{
  ZcPdfView *self = ZC_PDF_VIEW (object);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->render_cancellable);
  g_clear_pointer (&self->doc, pdf_doc_unref);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->texture);

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
      g_value_set_boolean (value, self->fit_width);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
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
    case PROP_ZOOM:
      zc_pdf_view_set_zoom (self, g_value_get_double (value));
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
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, shortcut_cb, "s", "next");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, shortcut_cb, "s", "prev");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, shortcut_cb, "s", "next");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, shortcut_cb, "s", "prev");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, shortcut_cb, "s", "in");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, shortcut_cb, "s", "in");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, shortcut_cb, "s", "out");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, shortcut_cb, "s", "fit");

  gtk_widget_class_set_css_name (widget_class, "zc-pdf-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}
