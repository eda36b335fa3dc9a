/* zc-document-preview.c — a window document written as PDF, previewed,
 * printable
 *
 * The PDF is written by zc-document on a worker and shown in a ZcPdfView
 * (which renders on its own worker). Printing goes through
 * GtkPrintOperation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "zc-pdf-view.h"

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
begin_print_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                PopplerDocument   *doc)
{
  gtk_print_operation_set_n_pages (op, poppler_document_get_n_pages (doc));
}

static void
draw_page_cb (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page_nr,
              PopplerDocument   *doc)
{
  PopplerPage *page = poppler_document_get_page (doc, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double w, h, scale;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &w, &h);
  scale = MIN (gtk_print_context_get_width (context) / w, gtk_print_context_get_height (context) / h);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  g_object_unref (page);
}

static void
print_clicked_cb (ZcDocumentPreview *self)
{
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;
  GtkRoot *root;

  if (self->pdf == NULL)
    return;
  doc = poppler_document_new_from_bytes (self->pdf, NULL, &error);
  if (doc == NULL)
    {
      g_debug ("Printing: %s", error->message);
      return;
    }

  op = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (op, gtk_label_get_text (self->title_label));
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), doc);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), doc);
  g_object_set_data_full (G_OBJECT (op), "doc", doc, g_object_unref);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_debug ("Printing failed: %s", error->message);
      gtk_label_set_text (self->error_label, _("Printing failed"));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/* --- GObject --------------------------------------------------------- */

static void
zc_document_preview_dispose (GObject *object)
{
  ZcDocumentPreview *self = ZC_DOCUMENT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->pdf, g_bytes_unref);

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
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Writing the document"), -1);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  self->print_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Print")));
  gtk_widget_add_css_class (GTK_WIDGET (self->print_button), "pill");
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
zc_document_preview_clear (ZcDocumentPreview *self)
{
  g_return_if_fail (ZC_IS_DOCUMENT_PREVIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
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
