/* zc-pdf-page-cache.c — rendered pages around the one shown
 *
 * Papers' pps-pixbuf-cache in small: one entry per page of the window
 * [page − n_around, page + n_around]; an entry holds the render job in
 * flight or its texture, with the scale and turn it was asked for.
 * Entries outside the window, or of another scale or turn, are dropped
 * (their jobs cancelled: a cancelled job never delivers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "zc-pdf-job-scheduler.h"
#include "zc-pdf-render-job.h"

#include "zc-pdf-page-cache.h"

typedef struct
{
  int page;
  double scale;
  int rotation;
  ZcPdfJob *job;             /* in flight, or NULL */
  GdkTexture *texture;       /* rendered, or NULL */
  GError *error;
} Entry;

struct _ZcPdfPageCache
{
  GObject parent_instance;

  ZcPdfDocument *document;
  int n_around;
  gsize budget;
  GHashTable *entries;       /* page → Entry */
  gsize size;                /* bytes of the textures held */

  int page;
  int rotation;
  ZcPdfPageScaleFunc scale_func;
  gpointer scale_data;
};

G_DEFINE_FINAL_TYPE (ZcPdfPageCache, zc_pdf_page_cache, G_TYPE_OBJECT)

enum {
  PAGE_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gsize
texture_bytes (GdkTexture *texture)
{
  return texture == NULL ? 0 : (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;
}

static void job_finished_cb (ZcPdfJob *job, ZcPdfPageCache *self);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  if (entry->job != NULL)
    {
      g_signal_handlers_disconnect_matched (entry->job, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                            job_finished_cb, NULL);
      zc_pdf_job_cancel (entry->job);
      g_object_unref (entry->job);
    }
  g_clear_object (&entry->texture);
  g_clear_error (&entry->error);
  g_free (entry);
}

static void
remove_entry (ZcPdfPageCache *self,
              int             page)
{
  Entry *entry = g_hash_table_lookup (self->entries, GINT_TO_POINTER (page));

  if (entry == NULL)
    return;
  self->size -= texture_bytes (entry->texture);
  g_hash_table_remove (self->entries, GINT_TO_POINTER (page));
}

static double
scale_for (ZcPdfPageCache *self,
           int             page)
{
  double scale = self->scale_func != NULL ? self->scale_func (page, self->scale_data) : 1.0;

  return isfinite (scale) && scale > 0 ? scale : 1.0;
}

/* what a render of @page at @scale will weigh */
static gsize
estimate_bytes (ZcPdfPageCache *self,
                int             page,
                double          scale)
{
  double w, h, side;

  if (!zc_pdf_document_get_page_size (self->document, page, &w, &h))
    return 0;
  side = MAX (w, h);
  scale = MIN (scale, ZC_PDF_RENDER_MAX_SIDE / side);
  return (gsize) ((w * scale + 1) * (h * scale + 1) * 4);
}

static gboolean
entry_current (ZcPdfPageCache *self,
               Entry          *entry)
{
  return entry->rotation == self->rotation
         && fabs (entry->scale - scale_for (self, entry->page)) < 1e-6;
}

static void
job_finished_cb (ZcPdfJob       *job,
                 ZcPdfPageCache *self)
{
  ZcPdfRenderJob *render = ZC_PDF_RENDER_JOB (job);
  int page = zc_pdf_render_job_get_page (render);
  Entry *entry = g_hash_table_lookup (self->entries, GINT_TO_POINTER (page));

  if (entry == NULL || entry->job != job)
    return;  /* stale: the entry went or asks for another render */

  entry->job = NULL;
  g_signal_handlers_disconnect_by_func (job, job_finished_cb, self);
  if (zc_pdf_job_get_error (job) != NULL)
    entry->error = g_error_copy (zc_pdf_job_get_error (job));
  else
    {
      entry->texture = g_object_ref (zc_pdf_render_job_get_texture (render));
      self->size += texture_bytes (entry->texture);
    }
  g_object_unref (job);

  /* a neighbour bigger than estimated must not push the cache over */
  while (self->size > self->budget)
    {
      GHashTableIter iter;
      gpointer key, value;
      int farthest = -1, distance = 0;

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Entry *e = value;
          int d = ABS (e->page - self->page);

          if (e->texture != NULL && e->page != self->page && d > distance)
            {
              farthest = e->page;
              distance = d;
            }
        }
      if (farthest < 0)
        break;  /* the shown page alone is over: it stays */
      remove_entry (self, farthest);
    }

  if (g_hash_table_contains (self->entries, GINT_TO_POINTER (page)))
    g_signal_emit (self, signals[PAGE_READY], 0, page);
}

static void
request (ZcPdfPageCache  *self,
         int              page,
         ZcPdfJobPriority priority)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->page = page;
  entry->scale = scale_for (self, page);
  entry->rotation = self->rotation;
  entry->job = zc_pdf_render_job_new (self->document, page, entry->scale, entry->rotation);
  g_signal_connect (entry->job, "finished", G_CALLBACK (job_finished_cb), self);
  g_hash_table_insert (self->entries, GINT_TO_POINTER (page), entry);
  zc_pdf_job_scheduler_push (entry->job, priority);
}

void
zc_pdf_page_cache_set_view (ZcPdfPageCache    *self,
                            int                page,
                            ZcPdfPageScaleFunc scale_func,
                            gpointer           user_data,
                            int                rotation)
{
  g_autoptr(GArray) drop = g_array_new (FALSE, FALSE, sizeof (int));
  int n_pages;
  GHashTableIter iter;
  gpointer key, value;
  gsize planned;

  g_return_if_fail (ZC_IS_PDF_PAGE_CACHE (self));

  n_pages = zc_pdf_document_get_n_pages (self->document);
  self->page = CLAMP (page, 0, MAX (0, n_pages - 1));
  self->scale_func = scale_func;
  self->scale_data = user_data;
  self->rotation = rotation;

  /* drop what is out of the window or of another view */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = value;

      if (ABS (entry->page - self->page) > self->n_around || !entry_current (self, entry))
        g_array_append_val (drop, entry->page);
    }
  for (guint i = 0; i < drop->len; i++)
    remove_entry (self, g_array_index (drop, int, i));

  if (n_pages <= 0)
    return;

  /* the shown page first, then its neighbours nearest first (after
   * first, before) while the budget holds them */
  if (!g_hash_table_contains (self->entries, GINT_TO_POINTER (self->page)))
    request (self, self->page, ZC_PDF_JOB_PRIORITY_URGENT);
  planned = estimate_bytes (self, self->page, scale_for (self, self->page));
  for (int d = 1; d <= self->n_around; d++)
    {
      int pages[2] = { self->page + d, self->page - d };

      for (int k = 0; k < 2; k++)
        {
          int p = pages[k];
          gsize bytes;

          if (p < 0 || p >= n_pages)
            continue;
          bytes = estimate_bytes (self, p, scale_for (self, p));
          if (planned + bytes > self->budget)
            {
              remove_entry (self, p);
              continue;
            }
          planned += bytes;
          if (!g_hash_table_contains (self->entries, GINT_TO_POINTER (p)))
            request (self, p, ZC_PDF_JOB_PRIORITY_HIGH);
        }
    }
}

GdkTexture *
zc_pdf_page_cache_get_texture (ZcPdfPageCache *self,
                               int             page)
{
  Entry *entry;

  g_return_val_if_fail (ZC_IS_PDF_PAGE_CACHE (self), NULL);

  entry = g_hash_table_lookup (self->entries, GINT_TO_POINTER (page));
  return entry != NULL && entry_current (self, entry) ? entry->texture : NULL;
}

const GError *
zc_pdf_page_cache_get_error (ZcPdfPageCache *self,
                             int             page)
{
  Entry *entry;

  g_return_val_if_fail (ZC_IS_PDF_PAGE_CACHE (self), NULL);

  entry = g_hash_table_lookup (self->entries, GINT_TO_POINTER (page));
  return entry != NULL ? entry->error : NULL;
}

void
zc_pdf_page_cache_clear (ZcPdfPageCache *self)
{
  g_return_if_fail (ZC_IS_PDF_PAGE_CACHE (self));

  g_hash_table_remove_all (self->entries);
  self->size = 0;
}

gsize
zc_pdf_page_cache_get_size_bytes (ZcPdfPageCache *self)
{
  g_return_val_if_fail (ZC_IS_PDF_PAGE_CACHE (self), 0);
  return self->size;
}

gsize
zc_pdf_page_cache_get_budget (ZcPdfPageCache *self)
{
  g_return_val_if_fail (ZC_IS_PDF_PAGE_CACHE (self), 0);
  return self->budget;
}

guint
zc_pdf_page_cache_get_n_textures (ZcPdfPageCache *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (ZC_IS_PDF_PAGE_CACHE (self), 0);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((Entry *) value)->texture != NULL;
  return n;
}

static void
zc_pdf_page_cache_dispose (GObject *object)
{
  ZcPdfPageCache *self = ZC_PDF_PAGE_CACHE (object);

  if (self->entries != NULL)
    zc_pdf_page_cache_clear (self);

  G_OBJECT_CLASS (zc_pdf_page_cache_parent_class)->dispose (object);
}

static void
zc_pdf_page_cache_finalize (GObject *object)
{
  ZcPdfPageCache *self = ZC_PDF_PAGE_CACHE (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (zc_pdf_page_cache_parent_class)->finalize (object);
}

static void
zc_pdf_page_cache_class_init (ZcPdfPageCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_pdf_page_cache_dispose;
  object_class->finalize = zc_pdf_page_cache_finalize;

  signals[PAGE_READY] =
    g_signal_new ("page-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
zc_pdf_page_cache_init (ZcPdfPageCache *self)
{
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
}

ZcPdfPageCache *
zc_pdf_page_cache_new (ZcPdfDocument *document,
                       int            n_around,
                       gsize          budget_bytes)
{
  ZcPdfPageCache *self;

  g_return_val_if_fail (ZC_IS_PDF_DOCUMENT (document), NULL);

  self = g_object_new (ZC_TYPE_PDF_PAGE_CACHE, NULL);
  self->document = g_object_ref (document);
  self->n_around = MAX (0, n_around);
  self->budget = budget_bytes;
  return self;
}
