/* zc-window-refused.c — the submissions the platform refused: correct or discard each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-mask.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"
#include "zc-window-private.h"

/* --- refused submissions: correct or discard each ------------------ */

static gint64
refused_row_id (GtkWidget *widget)
{
  gint64 *id = g_object_get_data (G_OBJECT (widget), "zc-outbox-id");

  return id != NULL ? *id : 0;
}

static const char *
current_username (ZcWindow *self)
{
  ZcUser *user = self->client != NULL ? zc_client_get_user (self->client) : NULL;

  return user != NULL ? zc_user_get_username (user) : NULL;
}

static void
refused_item_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkLabel) label = user_data;
  g_autoptr(ZcCatalogueItem) item = zc_client_get_catalogue_item_finish (ZC_CLIENT (object), result, NULL);

  if (item != NULL)
    gtk_label_set_text (label, zc_catalogue_item_get_name (item));
}

static void
refused_applicant_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GtkLabel) label = user_data;
  g_autoptr(ZcApplicant) applicant = zc_client_get_applicant_finish (ZC_CLIENT (object), result, NULL);

  if (applicant != NULL && zc_applicant_get_name (applicant) != NULL)
    {
      g_autofree char *name = zc_mask_name (zc_applicant_get_name (applicant));
      g_autofree char *key = zc_mask_id (zc_applicant_get_key (applicant));
      g_autofree char *text = g_strdup_printf ("%s（%s）", name, key);

      gtk_label_set_text (label, text);
    }
}

static void zc_window_close_refused_dialog (ZcWindow *self);

static void
refused_taken_back_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ZcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *local_ref = zc_store_outbox_take_for_correction_finish (ZC_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (local_ref == NULL)
    {
      zc_debug_masked ("Taking back an outbox entry failed", error->message);
      zc_window_add_toast (self, adw_toast_new (_("The submission could not be taken back for correction")));
      zc_window_fill_refused (self);
      return;
    }
  zc_window_close_refused_dialog (self);
  /* the confirm step lists everything still wrong at once; submitting
   * again appends a new outbox entry */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-reception", NULL);
  zc_reception_page_open_draft (self->reception_page, local_ref, ZC_RECEPTION_STEP_CONFIRM);
}

static void
refused_correct_clicked_cb (GtkButton *button,
                            ZcWindow  *self)
{
  gint64 id = refused_row_id (GTK_WIDGET (button));
  const char *username = current_username (self);

  if (self->store == NULL || username == NULL || id == 0)
    return;
  /* pressed once; the main loop never waits for SQLite */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  zc_store_outbox_take_for_correction_async (self->store, id, username, self->cancellable,
                                             refused_taken_back_cb, g_object_ref (self));
}

static void
refused_discarded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ZcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) entry = zc_store_outbox_mark_finish (ZC_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entry == NULL)
    {
      zc_debug_masked ("Discarding an outbox entry failed", error->message);
      zc_window_add_toast (self, adw_toast_new (_("The submission could not be discarded")));
    }
  zc_window_fill_refused (self);
}

static void
refused_discard_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             ZcWindow         *self)
{
  gint64 id = refused_row_id (GTK_WIDGET (dialog));

  if (g_strcmp0 (response, "discard") != 0 || self->store == NULL || id == 0)
    return;
  /* the main loop never waits for SQLite */
  zc_store_outbox_discard_async (self->store, id, self->cancellable,
                                 refused_discarded_cb, g_object_ref (self));
}

static void
refused_discard_clicked_cb (GtkButton *button,
                            ZcWindow  *self)
{
  gint64 id = refused_row_id (GTK_WIDGET (button));
  gboolean upload = g_object_get_data (G_OBJECT (button), "zc-upload") != NULL;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (self->refused_dialog != NULL ? GTK_WINDOW (self->refused_dialog)
                                                                 : GTK_WINDOW (self),
                                   upload ? _("Discard This Upload?") : _("Discard This Submission?"),
                                   upload
                                   ? _("The file will not be sent to the platform. Take the paper in "
                                       "again if the case still needs it.")
                                   : _("It will not be sent to the platform. It stays in this computer's "
                                       "records, but nobody will be asked to correct it again."));
  gtk_widget_set_name (dialog, "discard-refused-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (refused_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
refused_row_new (ZcWindow      *self,
                 ZcOutboxEntry *entry)
{
  JsonObject *body = zc_outbox_entry_get_body (entry);
  const char *item = body != NULL ? json_object_get_string_member_with_default (body, "item", "") : "";
  const char *key = body != NULL ? json_object_get_string_member_with_default (body, "applicant", "") : "";
  const char *reason = zc_outbox_entry_get_last_error (entry);
  g_autofree char *masked_key = zc_mask_id (key);
  g_autofree char *when = g_date_time_format (zc_outbox_entry_get_created_at (entry), "%Y-%m-%d %H:%M");
  g_autofree char *meta = NULL;
  gint64 id = zc_outbox_entry_get_id (entry);
  gboolean upload = g_strcmp0 (zc_outbox_entry_get_kind (entry), ZC_OUTBOX_KIND_UPLOAD_DOCUMENT) == 0;
  GtkWidget *box, *line, *item_label, *applicant_label, *label, *buttons, *correct, *discard;

  /* a material's PDF the platform refused: no draft to correct, it
   * says which file of which case failed and why */
  if (upload)
    {
      const char *name = body != NULL ? json_object_get_string_member_with_default (body, "name", "") : "";
      gint64 case_id = body != NULL ? json_object_get_int_member_with_default (body, "case_id", 0) : 0;
      const char *local_ref = zc_outbox_entry_get_local_ref (entry);
      g_autofree char *title = g_strdup_printf (_("Upload of the material file “%s” failed"),
                                                name[0] != '\0' ? name : _("unnamed"));
      g_autofree char *case_text = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);
      g_autofree char *where = case_id > 0
        ? g_strdup_printf (_("The platform's case %s · kept at %s"), case_text, when)
        : g_strdup_printf (_("Local reference %s · kept at %s"), local_ref != NULL ? local_ref : "—", when);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_top (box, 12);
      gtk_widget_set_margin_bottom (box, 12);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      label = gtk_label_new (title);
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (reason != NULL && reason[0] != '\0' ? reason : _("The platform gave no reason."));
      gtk_widget_set_name (label, "refused-reason");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (_("The file stays on this computer. Take the paper in again from the case "
                               "(scan or import), then discard this entry."));
      gtk_widget_set_name (label, "refused-upload-hint");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (where);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
      buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_halign (buttons, GTK_ALIGN_END);
      discard = gtk_button_new_with_mnemonic (_("_Discard"));
      gtk_widget_set_name (discard, "discard-button");
      gtk_widget_add_css_class (discard, "destructive-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Discard this refused upload"), -1);
      g_object_set_data_full (G_OBJECT (discard), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);
      g_object_set_data (G_OBJECT (discard), "zc-upload", GINT_TO_POINTER (TRUE));
      g_signal_connect (discard, "clicked", G_CALLBACK (refused_discard_clicked_cb), self);
      gtk_box_append (GTK_BOX (buttons), discard);
      gtk_box_append (GTK_BOX (box), buttons);
      return box;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  item_label = gtk_label_new (item[0] != '\0' ? item : _("Unknown item"));
  gtk_widget_add_css_class (item_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (item_label), 0);
  gtk_label_set_wrap (GTK_LABEL (item_label), TRUE);
  gtk_box_append (GTK_BOX (line), item_label);
  applicant_label = gtk_label_new (masked_key);
  gtk_widget_set_hexpand (applicant_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (applicant_label), 0);
  gtk_box_append (GTK_BOX (line), applicant_label);
  gtk_box_append (GTK_BOX (box), line);

  /* the reason, translated when it was stored */
  label = gtk_label_new (reason != NULL && reason[0] != '\0' ? reason : _("The platform gave no reason."));
  gtk_widget_set_name (label, "refused-reason");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_box_append (GTK_BOX (box), label);

  meta = g_strdup_printf (_("Local reference %s · received at the counter %s"),
                          zc_outbox_entry_get_local_ref (entry) != NULL ? zc_outbox_entry_get_local_ref (entry) : "—",
                          when);
  label = gtk_label_new (meta);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  discard = gtk_button_new_with_mnemonic (_("_Discard"));
  gtk_widget_set_name (discard, "discard-button");
  gtk_widget_add_css_class (discard, "destructive-action");
  g_object_set_data_full (G_OBJECT (discard), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (discard, "clicked", G_CALLBACK (refused_discard_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), discard);
  correct = gtk_button_new_with_mnemonic (_("_Correct and Resubmit"));
  gtk_widget_set_name (correct, "correct-button");
  gtk_widget_add_css_class (correct, "suggested-action");
  gtk_widget_set_tooltip_text (correct, _("Opens the reception again as a draft, showing what must be corrected"));
  g_object_set_data_full (G_OBJECT (correct), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (correct, "clicked", G_CALLBACK (refused_correct_clicked_cb), self);
  /* a damaged body cannot become a draft again */
  gtk_widget_set_sensitive (correct, body != NULL);
  gtk_box_append (GTK_BOX (buttons), correct);
  gtk_box_append (GTK_BOX (box), buttons);

  /* names instead of codes once the platform answers */
  if (self->client != NULL && item[0] != '\0')
    zc_client_get_catalogue_item_async (self->client, item, self->cancellable,
                                        refused_item_cb, g_object_ref (item_label));
  if (self->client != NULL && key[0] != '\0')
    zc_client_get_applicant_async (self->client, key, self->cancellable,
                                   refused_applicant_cb, g_object_ref (applicant_label));
  return box;
}

static gboolean
destroy_window_idle (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* Closes the refused dialog from an async callback: hidden now, on the
 * main loop, destroyed once GTK drew the frame without it (destroying it
 * in the callback upset GTK 4.8's GL renderer). It lets go of this
 * window at once: GTK 4.8 keeps a bare pointer to a transient parent
 * (cleared only for destroy-with-parent windows) and disconnects from it
 * when the child is finalised, so a hidden dialog whose idle ran after
 * this window was gone (the window closed right after a correction)
 * touched freed memory (SIGSEGV in g_signal_handlers_disconnect_matched
 * from gtk_window_set_transient_for, 1 run in 7 of
 * /ui/reception/refused-correct-or-discard). */
static void
zc_window_close_refused_dialog (ZcWindow *self)
{
  GtkWidget *dialog = self->refused_dialog;

  if (dialog == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->refused_dialog);
  self->refused_dialog = NULL;
  self->refused_list = NULL;
  gtk_widget_set_visible (dialog, FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  g_idle_add_full (G_PRIORITY_LOW, destroy_window_idle, g_object_ref (dialog), g_object_unref);
}

typedef struct
{
  ZcWindow  *self;        /* strong */
  GtkWidget *dialog;      /* strong: the dialog the list is for */
  guint      serial;
} RefusedFill;

static void
refused_fill_free (RefusedFill *fill)
{
  g_object_unref (fill->self);
  g_object_unref (fill->dialog);
  g_free (fill);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefusedFill, refused_fill_free)

static void
refused_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RefusedFill) fill = user_data;
  ZcWindow *self = fill->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = zc_store_outbox_list_finish (ZC_STORE (object), result, &error);
  GtkWidget *child;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* closed meanwhile, or a newer listing is under way */
  if (self->refused_dialog != fill->dialog || fill->serial != self->refused_fill_serial)
    return;
  if (entries == NULL)
    zc_debug_masked ("Listing the refused submissions failed", error->message);

  n = entries != NULL ? g_list_model_get_n_items (entries) : 0;
  if (n == 0)
    {
      zc_window_close_refused_dialog (self);
      return;
    }
  /* the same entries as shown: the rows stay (a button being pressed
   * stays in the dialog) */
  {
    guint i = 0;

    for (child = gtk_widget_get_first_child (GTK_WIDGET (self->refused_list));
         child != NULL && i < n;
         child = gtk_widget_get_next_sibling (child), i++)
      {
        g_autoptr(ZcOutboxEntry) entry = g_list_model_get_item (entries, i);

        if (refused_row_id (child) != zc_outbox_entry_get_id (entry))
          break;
      }
    if (child == NULL && i == n)
      return;
  }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->refused_list))) != NULL)
    gtk_list_box_remove (self->refused_list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcOutboxEntry) entry = g_list_model_get_item (entries, i);
      GtkWidget *row = gtk_list_box_row_new ();
      gint64 id = zc_outbox_entry_get_id (entry);

      g_object_set_data_full (G_OBJECT (row), "zc-outbox-id", g_memdup2 (&id, sizeof id), g_free);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), refused_row_new (self, entry));
      gtk_list_box_append (self->refused_list, row);
    }
  /* shown once it has something to show */
  if (!gtk_widget_get_visible (fill->dialog))
    gtk_window_present (GTK_WINDOW (fill->dialog));
}

/* (Re)lists the current user's refused entries in the open dialog, read
 * on a worker thread; the dialog closes when none is left. */
void
zc_window_fill_refused (ZcWindow *self)
{
  const char *username = current_username (self);
  RefusedFill *fill;

  if (self->refused_dialog == NULL)
    return;
  if (self->store == NULL || username == NULL)
    {
      zc_window_close_refused_dialog (self);
      return;
    }
  fill = g_new0 (RefusedFill, 1);
  fill->self = g_object_ref (self);
  fill->dialog = g_object_ref (self->refused_dialog);
  fill->serial = ++self->refused_fill_serial;
  zc_store_outbox_list_async (self->store, username, ZC_OUTBOX_REFUSED, self->cancellable,
                              refused_listed_cb, fill);
}

void
zc_window_show_refused (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ZcWindow *self = ZC_WINDOW (widget);
  GtkWidget *dialog, *scrolled, *list;

  if (self->store == NULL || current_username (self) == NULL)
    return;
  if (self->refused_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->refused_dialog));
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Refused Submissions"),
                                   _("The platform refused these submissions. Correct one to submit it "
                                     "again, or discard it."));
  gtk_widget_set_name (dialog, "refused-dialog");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, -1);
  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "refused-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  self->refused_dialog = dialog;
  self->refused_list = GTK_LIST_BOX (list);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->refused_dialog);
  /* presented once the list is read */
  zc_window_fill_refused (self);
}

