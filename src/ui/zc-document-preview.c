/* zc-document-preview.c — a window document written as PDF, previewed,
 * printable
 *
 * The PDF is written by zc-document on a worker and shown in a ZcPdfView
 * (which renders on its own worker). Printing goes through
 * GtkPrintOperation (zc-print), never blocking the main loop; the
 * printer and options the clerk confirmed open the next print dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-pdf-view.h"
#include "zc-print.h"

#include "zc-document-preview.h"

struct _ZcDocumentPreview
{
  AdwBin        parent_instance;

  GtkLabel     *title_label;
  GtkSpinner   *spinner;
  ZcPdfView    *view;
  GtkButton    *print_button;
  GtkLabel     *error_label;

  GCancellable *cancellable;
  GBytes       *pdf;
  GtkPrintSettings *print_settings;  /* the last confirmed, for the next dialog */
  gboolean      printing;
};

G_DEFINE_FINAL_TYPE (ZcDocumentPreview, zc_document_preview, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PDF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- writing ------------------------------------------------------- */

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZcDocumentPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  pdf = zc_document_write_finish (result, &error);
  if (pdf == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_set_spinning (self->spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      g_debug ("Writing the document failed: %s", error->message);
      gtk_label_set_text (self->error_label, _("The document could not be written"));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = g_bytes_ref (pdf);

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  zc_pdf_view_set_pdf (self->view, pdf);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PDF]);
}

/* --- printing -------------------------------------------------------- */

static void
print_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZcDocumentPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult res;

  res = zc_print_pdf_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* another document came, or the preview went */
  self->printing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), self->pdf != NULL);
  if (res == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      /* already in words for the clerk (e.g. the folder does not exist) */
      gtk_label_set_text (self->error_label, error != NULL ? error->message : _("Printing failed"));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (res == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_clear_object (&self->print_settings);
      self->print_settings = zc_print_pdf_get_settings (result);
    }
}

static void
print_clicked_cb (ZcDocumentPreview *self)
{
  GtkRoot *root;

  if (self->pdf == NULL || self->printing)
    return;
  self->printing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  zc_print_pdf_with_settings_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->pdf, gtk_label_get_text (self->title_label),
                                    self->print_settings, self->cancellable,
                                    print_cb, g_object_ref (self));
}

/* --- GObject --------------------------------------------------------- */

static void
zc_document_preview_dispose (GObject *object)
{
  ZcDocumentPreview *self = ZC_DOCUMENT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (zc_document_preview_parent_class)->dispose (object);
}

static void
zc_document_preview_finalize (GObject *object)
{
  ZcDocumentPreview *self = ZC_DOCUMENT_PREVIEW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (zc_document_preview_parent_class)->finalize (object);
}

static void
zc_document_preview_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ZcDocumentPreview *self = ZC_DOCUMENT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_PDF:
      g_value_set_boxed (value, self->pdf);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_document_preview_class_init (ZcDocumentPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_document_preview_dispose;
  object_class->finalize = zc_document_preview_finalize;
  object_class->get_property = zc_document_preview_get_property;

  properties[PROP_PDF] =
    g_param_spec_boxed ("pdf", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_document_preview_init (ZcDocumentPreview *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->cancellable = g_cancellable_new ();

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_widget_set_name (GTK_WIDGET (self->title_label), "document-title");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Writing the document"), -1);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  self->print_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Print")));
  gtk_widget_add_css_class (GTK_WIDGET (self->print_button), "pill");
  /* at the end of the row, also with the title hidden */
  gtk_widget_set_hexpand (GTK_WIDGET (self->print_button), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->print_button), GTK_ALIGN_END);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), FALSE);
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (print_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->print_button));
  gtk_box_append (GTK_BOX (box), header);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  self->view = ZC_PDF_VIEW (zc_pdf_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->view), -1, 640);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Document preview"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->view));

  adw_bin_set_child (ADW_BIN (self), box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* --- public API ------------------------------------------------------ */

GtkWidget *
zc_document_preview_new (void)
{
  return g_object_new (ZC_TYPE_DOCUMENT_PREVIEW, NULL);
}

void
zc_document_preview_show (ZcDocumentPreview *self,
                          ZcDocumentData    *data)
{
  g_return_if_fail (ZC_IS_DOCUMENT_PREVIEW (self));
  g_return_if_fail (data != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->printing = FALSE;
  gtk_label_set_text (self->title_label, zc_document_kind_title (data->kind));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), FALSE);
  zc_pdf_view_set_pdf (self->view, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);

  /* the task owns @data */
  zc_document_write_async (data, self->cancellable, write_cb, g_object_ref (self));
}

void
zc_document_preview_set_title_visible (ZcDocumentPreview *self,
                                       gboolean           visible)
{
  g_return_if_fail (ZC_IS_DOCUMENT_PREVIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->title_label), visible);
}

void
zc_document_preview_set_print_visible (ZcDocumentPreview *self,
                                       gboolean           visible)
{
  g_return_if_fail (ZC_IS_DOCUMENT_PREVIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->print_button), visible);
}

void
zc_document_preview_set_min_height (ZcDocumentPreview *self,
                                    int                height)
{
  g_return_if_fail (ZC_IS_DOCUMENT_PREVIEW (self));

  gtk_widget_set_size_request (GTK_WIDGET (self->view), -1, height);
  /* below 640 px, the page takes the height the preview is given */
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), height < 640);
}

void
zc_document_preview_clear (ZcDocumentPreview *self)
{
  g_return_if_fail (ZC_IS_DOCUMENT_PREVIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->printing = FALSE;
  g_clear_pointer (&self->pdf, g_bytes_unref);
  zc_pdf_view_set_pdf (self->view, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GBytes *
zc_document_preview_get_pdf (ZcDocumentPreview *self)
{
  g_return_val_if_fail (ZC_IS_DOCUMENT_PREVIEW (self), NULL);

  return self->pdf;
}

guint
zc_document_preview_get_n_pages (ZcDocumentPreview *self)
{
  g_return_val_if_fail (ZC_IS_DOCUMENT_PREVIEW (self), 0);

  return MAX (zc_pdf_view_get_n_pages (self->view), 0);
}
