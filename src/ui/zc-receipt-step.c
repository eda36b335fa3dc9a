/* zc-receipt-step.c — the last page of a reception
 *
 * The focus lands on "New Reception": Enter starts the next applicant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "zc-receipt-step.h"
#include "zc-ui-private.h"

struct _ZcReceiptStep
{
  AdwBin             parent_instance;

  /* template widgets */
  GtkLabel          *title_label;
  GtkLabel          *description_label;
  GtkLabel          *number_label;
  GtkLabel          *materials_label;
  ZcDocumentPreview *preview;
  GtkButton         *new_button;
};

G_DEFINE_FINAL_TYPE (ZcReceiptStep, zc_receipt_step, ADW_TYPE_BIN)

static gboolean
zc_receipt_step_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ZC_RECEIPT_STEP (widget)->new_button));
}

static void
zc_receipt_step_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ZC_TYPE_RECEIPT_STEP);

  G_OBJECT_CLASS (zc_receipt_step_parent_class)->dispose (object);
}

static void
zc_receipt_step_class_init (ZcReceiptStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();
  g_type_ensure (ZC_TYPE_DOCUMENT_PREVIEW);

  object_class->dispose = zc_receipt_step_dispose;
  widget_class->grab_focus = zc_receipt_step_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-receipt-step.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcReceiptStep, title_label);
  gtk_widget_class_bind_template_child (widget_class, ZcReceiptStep, description_label);
  gtk_widget_class_bind_template_child (widget_class, ZcReceiptStep, number_label);
  gtk_widget_class_bind_template_child (widget_class, ZcReceiptStep, materials_label);
  gtk_widget_class_bind_template_child (widget_class, ZcReceiptStep, preview);
  gtk_widget_class_bind_template_child (widget_class, ZcReceiptStep, new_button);
}

static void
zc_receipt_step_init (ZcReceiptStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the step's heading names the document already */
  zc_document_preview_set_title_visible (self->preview, FALSE);
}

void
zc_receipt_step_set_text (ZcReceiptStep *self,
                          const char    *title,
                          const char    *description,
                          const char    *number)
{
  g_return_if_fail (ZC_IS_RECEIPT_STEP (self));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->description_label, description);
  gtk_label_set_text (self->number_label, number != NULL ? number : "");
}

void
zc_receipt_step_set_materials (ZcReceiptStep *self,
                               const char    *text)
{
  g_return_if_fail (ZC_IS_RECEIPT_STEP (self));

  gtk_label_set_text (self->materials_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->materials_label), text != NULL && *text != '\0');
}

const char *
zc_receipt_step_get_materials (ZcReceiptStep *self)
{
  g_return_val_if_fail (ZC_IS_RECEIPT_STEP (self), NULL);

  return gtk_label_get_text (self->materials_label);
}

ZcDocumentPreview *
zc_receipt_step_get_preview (ZcReceiptStep *self)
{
  g_return_val_if_fail (ZC_IS_RECEIPT_STEP (self), NULL);

  return self->preview;
}
