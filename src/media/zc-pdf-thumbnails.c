/* zc-pdf-thumbnails.c — the strip of small pages beside a ZcPdfView
 *
 * GTK 4.8's list view keeps up to 200 rows bound, so binding is not
 * seeing: the rows in sight are computed from the scroll position
 * (rows of one height) and only those, two more on each side, get a
 * render job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-pdf-job-scheduler.h"
#include "zc-pdf-page-view.h"
#include "zc-pdf-render-job.h"

#include "zc-pdf-thumbnails.h"

#define EXTRA_ROWS 2

struct _ZcPdfThumbnails
{
  GtkWidget parent_instance;

  GtkWidget *scrolled;
  GtkWidget *list;
  GtkSingleSelection *selection;

  ZcPdfDocument *document;
  int rotation;
  GHashTable *textures;      /* page → GdkTexture */
  GHashTable *jobs;          /* page → ZcPdfJob in flight */
  GHashTable *bound;         /* page → ZcPdfPageView shown for it */
  GPtrArray *highlights;     /* ZcPdfHighlight of every page, or NULL */
  guint update_idle;
  gboolean selecting;        /* the selection is being set by code */
};

G_DEFINE_FINAL_TYPE (ZcPdfThumbnails, zc_pdf_thumbnails, GTK_TYPE_WIDGET)

enum {
  PAGE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
thumb_zoom (ZcPdfThumbnails *self,
            int              page)
{
  double w = 595, h = 842;

  zc_pdf_document_get_page_size (self->document, page, &w, &h);
  return ZC_PDF_THUMBNAIL_WIDTH / (self->rotation % 180 ? h : w);
}

static void
job_finished_cb (ZcPdfJob        *job,
                 ZcPdfThumbnails *self)
{
  int page = zc_pdf_render_job_get_page (ZC_PDF_RENDER_JOB (job));
  GdkTexture *texture = zc_pdf_render_job_get_texture (ZC_PDF_RENDER_JOB (job));
  ZcPdfPageView *view;

  if (g_hash_table_lookup (self->jobs, GINT_TO_POINTER (page)) != job)
    return;
  if (texture != NULL)
    {
      g_hash_table_insert (self->textures, GINT_TO_POINTER (page), g_object_ref (texture));
      view = g_hash_table_lookup (self->bound, GINT_TO_POINTER (page));
      if (view != NULL)
        zc_pdf_page_view_set_texture (view, texture);
    }
  g_hash_table_remove (self->jobs, GINT_TO_POINTER (page));
}

static void
cancel_job (gpointer data)
{
  ZcPdfJob *job = data;

  g_signal_handlers_disconnect_matched (job, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, job_finished_cb, NULL);
  zc_pdf_job_cancel (job);
  g_object_unref (job);
}

static void
request (ZcPdfThumbnails *self,
         int              page)
{
  int sf = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  ZcPdfJob *job;

  if (g_hash_table_contains (self->textures, GINT_TO_POINTER (page))
      || g_hash_table_contains (self->jobs, GINT_TO_POINTER (page)))
    return;
  job = zc_pdf_render_job_new (self->document, page, thumb_zoom (self, page) * sf, self->rotation);
  g_signal_connect (job, "finished", G_CALLBACK (job_finished_cb), self);
  g_hash_table_insert (self->jobs, GINT_TO_POINTER (page), job);
  zc_pdf_job_scheduler_push (job, ZC_PDF_JOB_PRIORITY_LOW);
}

static gboolean
update_visible_cb (gpointer user_data)
{
  ZcPdfThumbnails *self = user_data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  int n = self->document != NULL ? zc_pdf_document_get_n_pages (self->document) : 0;
  double upper = gtk_adjustment_get_upper (adj);
  double row, value, size;
  int first, last;

  self->update_idle = 0;
  if (n <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)) || upper <= 0)
    return G_SOURCE_REMOVE;

  row = upper / n;
  value = gtk_adjustment_get_value (adj);
  size = gtk_adjustment_get_page_size (adj);
  first = MAX (0, (int) (value / row) - EXTRA_ROWS);
  last = MIN (n - 1, (int) ((value + size) / row) + EXTRA_ROWS);

  /* what scrolled away and has not started yet is not wanted any more */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->jobs);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (GPOINTER_TO_INT (key) < first || GPOINTER_TO_INT (key) > last)
        g_hash_table_iter_remove (&iter);
  }
  for (int p = first; p <= last; p++)
    request (self, p);
  return G_SOURCE_REMOVE;
}

static void
queue_update (ZcPdfThumbnails *self)
{
  if (self->update_idle == 0)
    self->update_idle = g_idle_add (update_visible_cb, self);
}

/* the findings on @page, or NULL */
static GPtrArray *
page_highlights (ZcPdfThumbnails *self,
                 int              page)
{
  GPtrArray *on_page = NULL;

  for (guint i = 0; self->highlights != NULL && i < self->highlights->len; i++)
    {
      ZcPdfHighlight *h = g_ptr_array_index (self->highlights, i);

      if (h->page != page)
        continue;
      if (on_page == NULL)
        on_page = g_ptr_array_new ();
      g_ptr_array_add (on_page, h);
    }
  return on_page;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          ZcPdfThumbnails          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *page = zc_pdf_page_view_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (page, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (page, "card");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), page);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         ZcPdfThumbnails          *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *page_view = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  int page = (int) gtk_list_item_get_position (item);
  double w = 595, h = 842;
  g_autofree char *number = g_strdup_printf ("%d", page + 1);
  /* TRANSLATORS: accessible name of a thumbnail; %d is the page number */
  g_autofree char *name = g_strdup_printf (_("Page %d"), page + 1);

  zc_pdf_document_get_page_size (self->document, page, &w, &h);
  zc_pdf_page_view_set_geometry (ZC_PDF_PAGE_VIEW (page_view), w, h, thumb_zoom (self, page), self->rotation);
  zc_pdf_page_view_set_texture (ZC_PDF_PAGE_VIEW (page_view),
                                g_hash_table_lookup (self->textures, GINT_TO_POINTER (page)));
  {
    g_autoptr(GPtrArray) on_page = page_highlights (self, page);

    zc_pdf_page_view_set_highlights (ZC_PDF_PAGE_VIEW (page_view), on_page, -1);
  }
  gtk_label_set_text (GTK_LABEL (label), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_hash_table_insert (self->bound, GINT_TO_POINTER (page), page_view);
  g_object_set_data (G_OBJECT (page_view), "zc-page", GINT_TO_POINTER (page + 1));
  queue_update (self);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ZcPdfThumbnails          *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *page_view = gtk_widget_get_first_child (box);
  int page = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (page_view), "zc-page")) - 1;

  if (page >= 0 && g_hash_table_lookup (self->bound, GINT_TO_POINTER (page)) == page_view)
    g_hash_table_remove (self->bound, GINT_TO_POINTER (page));
  zc_pdf_page_view_set_texture (ZC_PDF_PAGE_VIEW (page_view), NULL);
}

static void
selected_cb (GtkSingleSelection *selection,
             GParamSpec         *pspec,
             ZcPdfThumbnails    *self)
{
  guint selected = gtk_single_selection_get_selected (selection);

  if (!self->selecting && selected != GTK_INVALID_LIST_POSITION)
    g_signal_emit (self, signals[PAGE_SELECTED], 0, (int) selected);
}

static void
reset (ZcPdfThumbnails *self)
{
  g_hash_table_remove_all (self->jobs);
  g_hash_table_remove_all (self->textures);
}

static void
zc_pdf_thumbnails_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  ZcPdfThumbnails *self = ZC_PDF_THUMBNAILS (widget);

  gtk_widget_measure (self->scrolled, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
zc_pdf_thumbnails_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  ZcPdfThumbnails *self = ZC_PDF_THUMBNAILS (widget);

  gtk_widget_allocate (self->scrolled, width, height, baseline, NULL);
  queue_update (self);
}

static void
zc_pdf_thumbnails_dispose (GObject *object)
{
  ZcPdfThumbnails *self = ZC_PDF_THUMBNAILS (object);

  g_clear_handle_id (&self->update_idle, g_source_remove);
  if (self->jobs != NULL)
    reset (self);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  if (self->bound != NULL)
    g_hash_table_remove_all (self->bound);

  G_OBJECT_CLASS (zc_pdf_thumbnails_parent_class)->dispose (object);
}

static void
zc_pdf_thumbnails_finalize (GObject *object)
{
  ZcPdfThumbnails *self = ZC_PDF_THUMBNAILS (object);

  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (zc_pdf_thumbnails_parent_class)->finalize (object);
}

static void
zc_pdf_thumbnails_class_init (ZcPdfThumbnailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_pdf_thumbnails_dispose;
  object_class->finalize = zc_pdf_thumbnails_finalize;
  widget_class->measure = zc_pdf_thumbnails_measure;
  widget_class->size_allocate = zc_pdf_thumbnails_size_allocate;

  signals[PAGE_SELECTED] =
    g_signal_new ("page-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "zc-pdf-thumbnails");
}

static void
zc_pdf_thumbnails_init (ZcPdfThumbnails *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->jobs = g_hash_table_new_full (NULL, NULL, NULL, cancel_job);
  self->bound = g_hash_table_new (NULL, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (selected_cb), self);

  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (self->selection), factory);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pages"), -1);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->list);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)),
                            "value-changed", G_CALLBACK (queue_update), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled)),
                            "changed", G_CALLBACK (queue_update), self);
}

GtkWidget *
zc_pdf_thumbnails_new (void)
{
  return g_object_new (ZC_TYPE_PDF_THUMBNAILS, NULL);
}

void
zc_pdf_thumbnails_set_document (ZcPdfThumbnails *self,
                                ZcPdfDocument   *document)
{
  g_autoptr(GtkStringList) pages = gtk_string_list_new (NULL);
  int n;

  g_return_if_fail (ZC_IS_PDF_THUMBNAILS (self));

  reset (self);
  g_set_object (&self->document, document);
  n = document != NULL ? zc_pdf_document_get_n_pages (document) : 0;
  for (int i = 0; i < n; i++)
    {
      char number[16];

      g_snprintf (number, sizeof number, "%d", i + 1);
      gtk_string_list_append (pages, number);
    }
  self->selecting = TRUE;
  gtk_single_selection_set_model (self->selection, n > 0 ? G_LIST_MODEL (pages) : NULL);
  if (n > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  self->selecting = FALSE;
  queue_update (self);
}

void
zc_pdf_thumbnails_set_rotation (ZcPdfThumbnails *self,
                                int              rotation)
{
  g_return_if_fail (ZC_IS_PDF_THUMBNAILS (self));

  if (rotation == self->rotation)
    return;
  self->rotation = rotation;
  if (self->document != NULL)
    {
      guint selected = gtk_single_selection_get_selected (self->selection);
      g_autoptr(ZcPdfDocument) document = g_object_ref (self->document);

      zc_pdf_thumbnails_set_document (self, document);
      if (selected != GTK_INVALID_LIST_POSITION)
        zc_pdf_thumbnails_set_page (self, (int) selected);
    }
}

void
zc_pdf_thumbnails_set_page (ZcPdfThumbnails *self,
                            int              page)
{
  GtkAdjustment *adj;
  int n;
  double row, value, size;

  g_return_if_fail (ZC_IS_PDF_THUMBNAILS (self));

  n = self->document != NULL ? zc_pdf_document_get_n_pages (self->document) : 0;
  if (page < 0 || page >= n)
    return;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, (guint) page);
  self->selecting = FALSE;

  /* into sight (GTK 4.8 has no gtk_list_view_scroll_to) */
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  if (gtk_adjustment_get_upper (adj) <= 0)
    return;
  row = gtk_adjustment_get_upper (adj) / n;
  value = gtk_adjustment_get_value (adj);
  size = gtk_adjustment_get_page_size (adj);
  if (page * row < value)
    gtk_adjustment_set_value (adj, page * row);
  else if ((page + 1) * row > value + size)
    gtk_adjustment_set_value (adj, (page + 1) * row - size);
}

void
zc_pdf_thumbnails_set_highlights (ZcPdfThumbnails *self,
                                  GPtrArray       *highlights)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (ZC_IS_PDF_THUMBNAILS (self));

  if (highlights != NULL)
    g_ptr_array_ref (highlights);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  self->highlights = highlights;

  /* the rows bound now; the others get theirs when bound */
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GPtrArray) on_page = page_highlights (self, GPOINTER_TO_INT (key));

      zc_pdf_page_view_set_highlights (ZC_PDF_PAGE_VIEW (value), on_page, -1);
    }
}

guint
zc_pdf_thumbnails_get_n_rendered (ZcPdfThumbnails *self)
{
  g_return_val_if_fail (ZC_IS_PDF_THUMBNAILS (self), 0);
  return g_hash_table_size (self->textures);
}
