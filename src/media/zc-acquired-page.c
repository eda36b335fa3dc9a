/* zc-acquired-page.c — one page of a material as taken in
 *
 * Immutable once made, so that pages made on a worker (a scan, an
 * import) can be handed to the main loop and back to a worker (the PDF
 * of the material) without locks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "zc-acquired-page.h"

struct _ZcAcquiredPage
{
  GObject     parent_instance;

  GdkTexture *texture;
  double      dpi;
  GBytes     *encoded;
  GBytes     *document;
  int         index;
  int         n_pages;
  double      width;
  double      height;
  char       *source_name;
};

G_DEFINE_FINAL_TYPE (ZcAcquiredPage, zc_acquired_page, G_TYPE_OBJECT)

static void
zc_acquired_page_finalize (GObject *object)
{
  ZcAcquiredPage *self = ZC_ACQUIRED_PAGE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->encoded, g_bytes_unref);
  g_clear_pointer (&self->document, g_bytes_unref);
  g_clear_pointer (&self->source_name, g_free);

  G_OBJECT_CLASS (zc_acquired_page_parent_class)->finalize (object);
}

static void
zc_acquired_page_class_init (ZcAcquiredPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zc_acquired_page_finalize;
}

static void
zc_acquired_page_init (ZcAcquiredPage *self)
{
  self->index = -1;
}

ZcAcquiredPage *
zc_acquired_page_new_image (GdkTexture *texture,
                            double      dpi,
                            GBytes     *encoded)
{
  ZcAcquiredPage *self;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);
  g_return_val_if_fail (dpi > 0, NULL);

  self = g_object_new (ZC_TYPE_ACQUIRED_PAGE, NULL);
  self->texture = g_object_ref (texture);
  self->dpi = dpi;
  self->encoded = encoded != NULL ? g_bytes_ref (encoded) : NULL;
  self->width = gdk_texture_get_width (texture) * 72.0 / dpi;
  self->height = gdk_texture_get_height (texture) * 72.0 / dpi;
  return self;
}

ZcAcquiredPage *
zc_acquired_page_new_pdf_page (GBytes     *document,
                               int         index,
                               int         n_pages,
                               double      width,
                               double      height,
                               GdkTexture *thumbnail)
{
  ZcAcquiredPage *self;

  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (index >= 0 && index < n_pages, NULL);
  g_return_val_if_fail (GDK_IS_TEXTURE (thumbnail), NULL);

  self = g_object_new (ZC_TYPE_ACQUIRED_PAGE, NULL);
  self->document = g_bytes_ref (document);
  self->index = index;
  self->n_pages = n_pages;
  self->width = width;
  self->height = height;
  self->texture = g_object_ref (thumbnail);
  return self;
}

const char *
zc_acquired_page_get_source_name (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), NULL);
  return self->source_name;
}

void
zc_acquired_page_set_source_name (ZcAcquiredPage *self,
                                  const char     *name)
{
  g_return_if_fail (ZC_IS_ACQUIRED_PAGE (self));
  g_free (self->source_name);
  self->source_name = g_strdup (name);
}

gboolean
zc_acquired_page_is_pdf (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), FALSE);
  return self->document != NULL;
}

GdkTexture *
zc_acquired_page_get_texture (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), NULL);
  return self->texture;
}

double
zc_acquired_page_get_dpi (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), 0);
  return self->dpi;
}

GBytes *
zc_acquired_page_get_encoded (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), NULL);
  return self->encoded;
}

GBytes *
zc_acquired_page_get_document (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), NULL);
  return self->document;
}

int
zc_acquired_page_get_index (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), -1);
  return self->index;
}

int
zc_acquired_page_get_n_pages (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), 0);
  return self->n_pages;
}

double
zc_acquired_page_get_width (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), 0);
  return self->width;
}

double
zc_acquired_page_get_height (ZcAcquiredPage *self)
{
  g_return_val_if_fail (ZC_IS_ACQUIRED_PAGE (self), 0);
  return self->height;
}

double
zc_acquired_page_a4_dpi (int width,
                         int height)
{
  /* A4: 210 × 297 mm = 8.27 × 11.69 in, turned to the image's orientation */
  double short_in = 210 / 25.4, long_in = 297 / 25.4;
  double w_in = width >= height ? long_in : short_in;
  double h_in = width >= height ? short_in : long_in;

  return MAX (MAX (width / w_in, height / h_in), 1.0);
}
