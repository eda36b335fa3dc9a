/* zc-reason-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-platform-error.h"
#include "zc-reason-dialog.h"
#include "zc-ui-utils.h"

static const char *
response_of (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "zc-reason-response");
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = zc_reason_dialog_dup_reason (dialog);

  adw_message_dialog_set_response_enabled (dialog, response_of (dialog), reason[0] != '\0');
}

/* Enter in the reason: the action, once, and the dialog closes (as a
 * click on its button does; adw_message_dialog_response alone leaves it
 * open, and a second Enter or click would act again) */
static void
reason_activated_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  g_autofree char *reason = zc_reason_dialog_dup_reason (dialog);
  const char *response = response_of (dialog);

  if (reason[0] == '\0' || !adw_message_dialog_get_response_enabled (dialog, response) ||
      g_object_get_data (G_OBJECT (dialog), "zc-reason-answered") != NULL)
    return;
  g_object_set_data (G_OBJECT (dialog), "zc-reason-answered", GINT_TO_POINTER (TRUE));
  adw_message_dialog_set_response_enabled (dialog, response, FALSE);
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

GtkWidget *
zc_reason_dialog_new (GtkWidget             *parent,
                      const char            *heading,
                      const char            *body,
                      const char            *response_id,
                      const char            *response_label,
                      AdwResponseAppearance  appearance,
                      const char            *reason_label)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (response_id != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  g_object_set_data_full (G_OBJECT (dialog), "zc-reason-response", g_strdup (response_id), g_free);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response_id, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response_id, appearance);
  adw_message_dialog_set_response_enabled (dialog, response_id, FALSE);
  adw_message_dialog_set_default_response (dialog, response_id);
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (required)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, reason_label, -1);
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (reason_activated_cb), dialog);
  adw_message_dialog_set_extra_child (dialog, entry);
  zc_ui_name_without_mnemonics (GTK_WIDGET (dialog));

  return GTK_WIDGET (dialog);
}

void
zc_reason_dialog_present (GtkWidget *dialog)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
}

char *
zc_reason_dialog_dup_reason (AdwMessageDialog *dialog)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  if (!GTK_IS_EDITABLE (entry))
    return g_strdup ("");
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/* A retry after these may repeat a request that arrived: keep its key */
static gboolean
may_not_have_arrived (const GError *error)
{
  return error != NULL && error->domain == ZC_PLATFORM_ERROR &&
         (error->code == ZC_PLATFORM_ERROR_NETWORK || error->code == ZC_PLATFORM_ERROR_SERVER ||
          error->code == ZC_PLATFORM_ERROR_BAD_RESPONSE || error->code == ZC_PLATFORM_ERROR_BUSY);
}

gboolean
zc_reason_request_begin (ZcReasonRequest  *self,
                         const char       *request,
                         const char      **key)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (self->in_flight)
    return FALSE;
  if (self->key == NULL || g_strcmp0 (self->request, request) != 0)
    {
      g_free (self->key);
      g_free (self->request);
      self->key = g_uuid_string_random ();
      self->request = g_strdup (request);
    }
  self->in_flight = TRUE;
  if (key != NULL)
    *key = self->key;
  return TRUE;
}

void
zc_reason_request_end (ZcReasonRequest *self,
                       const GError    *error)
{
  g_return_if_fail (self != NULL);

  self->in_flight = FALSE;
  if (!may_not_have_arrived (error))
    zc_reason_request_clear (self);
}

void
zc_reason_request_clear (ZcReasonRequest *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->request, g_free);
}
