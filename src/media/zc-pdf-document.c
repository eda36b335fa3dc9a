/* zc-pdf-document.c — a PDF shared by the viewer and its one worker
 *
 * The pattern of evince's ev-document lock: one GMutex per document
 * guards the PopplerDocument and every object made from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-pdf-document.h"

struct _ZcPdfDocument
{
  GObject parent_instance;

  GMutex lock;               /* guards @poppler and every poppler call */
  GBytes *bytes;
  PopplerDocument *poppler;
  int n_pages;               /* written once by the load, under the lock */
  double *sizes;             /* 2 × n_pages: width, height in points */
};

G_DEFINE_FINAL_TYPE (ZcPdfDocument, zc_pdf_document, G_TYPE_OBJECT)

static GThread *main_thread;   /* where documents are made: the UI's */
static guint main_thread_locks;

static void
zc_pdf_document_finalize (GObject *object)
{
  ZcPdfDocument *self = ZC_PDF_DOCUMENT (object);

  g_clear_object (&self->poppler);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->sizes);

  G_OBJECT_CLASS (zc_pdf_document_parent_class)->finalize (object);
}

static void
zc_pdf_document_class_init (ZcPdfDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zc_pdf_document_finalize;
  main_thread = g_thread_self ();
}

static void
zc_pdf_document_init (ZcPdfDocument *self)
{
  g_mutex_init (&self->lock);
}

ZcPdfDocument *
zc_pdf_document_new (GBytes *bytes)
{
  ZcPdfDocument *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (ZC_TYPE_PDF_DOCUMENT, NULL);
  self->bytes = g_bytes_ref (bytes);
  return self;
}

GBytes *
zc_pdf_document_get_bytes (ZcPdfDocument *self)
{
  g_return_val_if_fail (ZC_IS_PDF_DOCUMENT (self), NULL);
  return self->bytes;
}

void
zc_pdf_document_lock (ZcPdfDocument *self)
{
  if (g_thread_self () == main_thread)
    g_atomic_int_inc (&main_thread_locks);
  g_mutex_lock (&self->lock);
}

void
zc_pdf_document_unlock (ZcPdfDocument *self)
{
  g_mutex_unlock (&self->lock);
}

PopplerDocument *
zc_pdf_document_get_poppler (ZcPdfDocument *self)
{
  return self->poppler;
}

gboolean
zc_pdf_document_load (ZcPdfDocument *self,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  double *sizes;
  int n;

  g_return_val_if_fail (ZC_IS_PDF_DOCUMENT (self), FALSE);

  zc_pdf_document_lock (self);
  if (self->poppler != NULL)
    {
      zc_pdf_document_unlock (self);
      return TRUE;
    }
  self->poppler = poppler_document_new_from_bytes (self->bytes, NULL, &local_error);
  if (self->poppler == NULL)
    {
      zc_pdf_document_unlock (self);
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("The document is protected by a password and cannot be shown."));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("The document cannot be read: %s"), local_error->message);
      return FALSE;
    }
  n = MAX (0, poppler_document_get_n_pages (self->poppler));
  sizes = g_new0 (double, 2 * (gsize) MAX (n, 1));
  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (self->poppler, i);

      if (page != NULL)
        {
          poppler_page_get_size (page, &sizes[2 * i], &sizes[2 * i + 1]);
          g_object_unref (page);
        }
    }
  self->sizes = sizes;
  self->n_pages = n;
  zc_pdf_document_unlock (self);
  return TRUE;
}

void
zc_pdf_document_close (ZcPdfDocument *self)
{
  g_return_if_fail (ZC_IS_PDF_DOCUMENT (self));

  zc_pdf_document_lock (self);
  g_clear_object (&self->poppler);
  zc_pdf_document_unlock (self);
}

int
zc_pdf_document_get_n_pages (ZcPdfDocument *self)
{
  g_return_val_if_fail (ZC_IS_PDF_DOCUMENT (self), 0);
  return self->n_pages;
}

gboolean
zc_pdf_document_get_page_size (ZcPdfDocument *self,
                               int            page,
                               double        *width,
                               double        *height)
{
  g_return_val_if_fail (ZC_IS_PDF_DOCUMENT (self), FALSE);

  if (page < 0 || page >= self->n_pages || self->sizes[2 * page] <= 0 || self->sizes[2 * page + 1] <= 0)
    return FALSE;
  *width = self->sizes[2 * page];
  *height = self->sizes[2 * page + 1];
  return TRUE;
}

guint
zc_pdf_document_count_main_thread_locks (void)
{
  return (guint) g_atomic_int_get (&main_thread_locks);
}
