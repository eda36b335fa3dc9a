/* zc-identity-check-panel.c — 远程身份核验 beside the remote window's
 * video: the ID photo and data from the licence library, 通过 / 不通过
 * with a note, recorded on the platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-identity-check-panel.h"
#include "zc-mask.h"
#include "zc-ui-utils.h"

struct _ZcIdentityCheckPanel
{
  AdwBin        parent_instance;

  ZcClient     *client;
  ZcVideoCall  *call;         /* when set: 通过 / 不通过 only while connected */
  GCancellable *cancellable;  /* the look-up and the recording */
  gint64        session;
  char         *licence_number;
  char         *idempotency_key; /* kept until recorded: a retry lands once */
  char         *result;
  gboolean      busy;

  GtkPicture   *photo;
  GtkLabel     *photo_missing;
  GtkLabel     *name_label;
  GtkLabel     *id_label;
  GtkLabel     *validity_label;
  GtkEntry     *note_entry;
  GtkButton    *pass_button;
  GtkButton    *fail_button;
  GtkLabel     *status_label;
};

G_DEFINE_FINAL_TYPE (ZcIdentityCheckPanel, zc_identity_check_panel, ADW_TYPE_BIN)

enum
{
  SIGNAL_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_buttons (ZcIdentityCheckPanel *self)
{
  gboolean connected = self->call == NULL
                       || zc_video_call_get_state (self->call) == ZC_VIDEO_CALL_CONNECTED;
  gboolean ready = self->session > 0 && self->client != NULL && !self->busy && connected;
  const char *why = NULL;

  /* the check compares the person on the video: no video, no verdict */
  if (self->session <= 0 || self->client == NULL)
    why = _("Start a remote session first: the result is recorded on it.");
  else if (!connected)
    why = _("The result can be recorded once the citizen is connected on video.");
  gtk_widget_set_sensitive (GTK_WIDGET (self->pass_button), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fail_button), ready);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pass_button), why);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fail_button), why);
}


static void
set_status (ZcIdentityCheckPanel *self,
            const char           *text,
            gboolean              error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
clear_licence (ZcIdentityCheckPanel *self)
{
  gtk_picture_set_paintable (self->photo, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->photo), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_missing), TRUE);
  gtk_label_set_text (self->name_label, "—");
  gtk_label_set_text (self->id_label, "—");
  gtk_label_set_text (self->validity_label, "—");
  gtk_widget_remove_css_class (GTK_WIDGET (self->validity_label), "error");
  g_clear_pointer (&self->licence_number, g_free);
}

/* a new call, a new check: nothing of the last one stays */
static void
clear_result (ZcIdentityCheckPanel *self)
{
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->idempotency_key, g_free);
  set_status (self, NULL, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_entry), "error");
}

/* --- the look-up ----------------------------------------------------- */

static void
photo_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZcIdentityCheckPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  bytes = zc_client_get_licence_photo_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_debug ("identity check: no ID photo: %s", error->message);
      return;
    }
  gtk_picture_set_paintable (self->photo, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->photo), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_missing), FALSE);
}

static void
show_licence (ZcIdentityCheckPanel *self,
              ZcLicence            *licence)
{
  const GDate *until = zc_licence_get_valid_until (licence);
  g_autofree char *masked = zc_mask_id (zc_licence_get_holder (licence));
  GDate today;

  gtk_label_set_text (self->name_label, zc_licence_get_holder_name (licence));
  gtk_label_set_text (self->id_label, masked);
  self->licence_number = g_strdup (zc_licence_get_number (licence));

  /* expired is computed against today, never stored (docs/domain.md) */
  zc_ui_today (&today);
  if (zc_licence_get_revoked (licence))
    {
      gtk_label_set_text (self->validity_label, _("Revoked"));
      gtk_widget_add_css_class (GTK_WIDGET (self->validity_label), "error");
    }
  else if (until == NULL)
    gtk_label_set_text (self->validity_label, _("Unlimited"));
  else
    {
      char text[32];
      g_autofree char *label = NULL;

      g_date_strftime (text, sizeof text, "%Y-%m-%d", until);
      if (g_date_compare (until, &today) < 0)
        {
          /* Translators: a licence's valid-until date that has passed */
          label = g_strdup_printf (_("%s (expired)"), text);
          gtk_widget_add_css_class (GTK_WIDGET (self->validity_label), "error");
        }
      else
        label = g_strdup (text);
      gtk_label_set_text (self->validity_label, label);
    }

  if (zc_licence_get_has_photo (licence))
    zc_client_get_licence_photo_async (self->client, zc_licence_get_number (licence), self->cancellable,
                                       photo_cb, g_object_ref (self));
}

static void
applicant_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZcIdentityCheckPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcApplicant) applicant = NULL;
  g_autoptr(ZcLicence) identity = NULL;
  GListModel *licences;

  applicant = zc_client_get_applicant_finish (ZC_CLIENT (object), result, &error);
  if (applicant == NULL)
    {
      g_autofree char *message = zc_ui_error_message (error);

      if (message != NULL)
        set_status (self, message, TRUE);
      return;
    }
  /* the identity licence: the ID card of a person */
  licences = zc_applicant_get_licences (applicant);
  for (guint i = 0; licences != NULL && i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(ZcLicence) licence = g_list_model_get_item (licences, i);

      if (identity == NULL && g_strcmp0 (zc_licence_get_licence_type (licence), "id_card") == 0)
        identity = g_object_ref (licence);
    }
  if (identity == NULL)
    {
      gtk_label_set_text (self->name_label, zc_applicant_get_name (applicant));
      set_status (self, _("The licence library has no ID card of this applicant: check their paper ID on the video."), FALSE);
      return;
    }
  show_licence (self, identity);
}

/* --- recording the result -------------------------------------------- */

static void
recorded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcIdentityCheckPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) check = NULL;
  const char *outcome;

  check = zc_client_record_identity_check_finish (ZC_CLIENT (object), result, &error);
  self->busy = FALSE;
  update_buttons (self);
  if (check == NULL)
    {
      g_autofree char *message = zc_ui_error_message (error);

      if (message != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Not recorded: %s"), message);

          set_status (self, text, TRUE);
        }
      return;
    }
  outcome = json_object_get_string_member (check, "result");
  g_free (self->result);
  self->result = g_strdup (outcome);
  g_clear_pointer (&self->idempotency_key, g_free);
  set_status (self, g_str_equal (outcome, "passed")
                      ? _("Recorded: identity check passed")
                      : _("Recorded: identity check failed"), FALSE);
  g_signal_emit (self, signals[SIGNAL_RECORDED], 0, outcome);
}

static void
record (ZcIdentityCheckPanel *self,
        gboolean              passed)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));

  if (self->session <= 0 || self->client == NULL || self->busy)
    return;
  /* 不通过 says why */
  if (!passed && *note == '\0')
    {
      set_status (self, _("A failed check needs a note: say what did not match."), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->note_entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_entry), "error");
  if (self->idempotency_key == NULL)
    self->idempotency_key = g_uuid_string_random ();
  self->busy = TRUE;
  update_buttons (self);
  set_status (self, _("Recording…"), FALSE);
  zc_client_record_identity_check_async (self->client, self->session, passed, note,
                                         self->licence_number, self->idempotency_key,
                                         self->cancellable, recorded_cb, g_object_ref (self));
}

static void
pass_clicked_cb (ZcIdentityCheckPanel *self)
{
  record (self, TRUE);
}

static void
fail_clicked_cb (ZcIdentityCheckPanel *self)
{
  record (self, FALSE);
}

static void
note_changed_cb (ZcIdentityCheckPanel *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_entry), "error");
  /* another note is another record */
  g_clear_pointer (&self->idempotency_key, g_free);
}

/* --- the object ------------------------------------------------------ */

static GtkLabel *
add_pair (GtkGrid    *grid,
          int         row,
          const char *title)
{
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *value = gtk_label_new ("—");

  gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_grid_attach (grid, name, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
  return GTK_LABEL (value);
}

static void
zc_identity_check_panel_dispose (GObject *object)
{
  ZcIdentityCheckPanel *self = ZC_IDENTITY_CHECK_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  if (self->call != NULL)
    g_signal_handlers_disconnect_by_data (self->call, self);
  g_clear_object (&self->call);
  G_OBJECT_CLASS (zc_identity_check_panel_parent_class)->dispose (object);
}

static void
zc_identity_check_panel_finalize (GObject *object)
{
  ZcIdentityCheckPanel *self = ZC_IDENTITY_CHECK_PANEL (object);

  g_free (self->licence_number);
  g_free (self->idempotency_key);
  g_free (self->result);
  G_OBJECT_CLASS (zc_identity_check_panel_parent_class)->finalize (object);
}

static void
zc_identity_check_panel_class_init (ZcIdentityCheckPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_identity_check_panel_dispose;
  object_class->finalize = zc_identity_check_panel_finalize;

  signals[SIGNAL_RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
zc_identity_check_panel_init (ZcIdentityCheckPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("Remote Identity Check"));
  GtkWidget *hint = gtk_label_new (_("Compare the person on the video with the ID photo from the licence library."));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *note_label = gtk_label_new_with_mnemonic (_("_Note"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_name (GTK_WIDGET (self), "identity-check-panel");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remote Identity Check"), -1);
  gtk_widget_set_size_request (GTK_WIDGET (self), 280, -1);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-3");
  gtk_box_append (GTK_BOX (box), title);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 24);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), hint);

  self->photo = GTK_PICTURE (gtk_picture_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->photo), 150, 190);
  gtk_widget_set_halign (GTK_WIDGET (self->photo), GTK_ALIGN_START);
  gtk_picture_set_can_shrink (self->photo, TRUE);
  gtk_picture_set_alternative_text (self->photo, _("ID photo from the licence library"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->photo), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("ID photo from the licence library"), -1);
  gtk_widget_set_name (GTK_WIDGET (self->photo), "identity-photo");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->photo));
  self->photo_missing = GTK_LABEL (gtk_label_new (_("No ID photo")));
  gtk_widget_add_css_class (GTK_WIDGET (self->photo_missing), "dim-label");
  gtk_widget_set_size_request (GTK_WIDGET (self->photo_missing), 150, 190);
  gtk_widget_set_halign (GTK_WIDGET (self->photo_missing), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->photo_missing));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->name_label = add_pair (GTK_GRID (grid), 0, _("Name"));
  gtk_widget_set_name (GTK_WIDGET (self->name_label), "identity-name");
  self->id_label = add_pair (GTK_GRID (grid), 1, _("ID number"));
  gtk_widget_set_name (GTK_WIDGET (self->id_label), "identity-id");
  self->validity_label = add_pair (GTK_GRID (grid), 2, _("Valid until"));
  gtk_widget_set_name (GTK_WIDGET (self->validity_label), "identity-validity");
  gtk_box_append (GTK_BOX (box), grid);

  gtk_label_set_xalign (GTK_LABEL (note_label), 0);
  gtk_box_append (GTK_BOX (box), note_label);
  self->note_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->note_entry, _("Required when the check fails"));
  gtk_entry_set_max_length (self->note_entry, 500);
  gtk_label_set_mnemonic_widget (GTK_LABEL (note_label), GTK_WIDGET (self->note_entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note on the identity check"), -1);
  gtk_widget_set_name (GTK_WIDGET (self->note_entry), "identity-note");
  g_signal_connect_swapped (self->note_entry, "changed", G_CALLBACK (note_changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note_entry));

  self->pass_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Passe_d")));
  gtk_widget_set_name (GTK_WIDGET (self->pass_button), "identity-pass");
  gtk_widget_add_css_class (GTK_WIDGET (self->pass_button), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->pass_button), "pill");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pass_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Identity check passed"), -1);
  g_signal_connect_swapped (self->pass_button, "clicked", G_CALLBACK (pass_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->pass_button));
  self->fail_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Failed")));
  gtk_widget_set_name (GTK_WIDGET (self->fail_button), "identity-fail");
  gtk_widget_add_css_class (GTK_WIDGET (self->fail_button), "destructive-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->fail_button), "pill");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fail_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Identity check failed"), -1);
  g_signal_connect_swapped (self->fail_button, "clicked", G_CALLBACK (fail_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->fail_button));
  gtk_box_append (GTK_BOX (box), buttons);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_max_width_chars (self->status_label, 24);
  gtk_widget_set_name (GTK_WIDGET (self->status_label), "identity-status");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status_label));

  adw_bin_set_child (ADW_BIN (self), box);
  clear_licence (self);
  update_buttons (self);
}

GtkWidget *
zc_identity_check_panel_new (void)
{
  return g_object_new (ZC_TYPE_IDENTITY_CHECK_PANEL, NULL);
}

void
zc_identity_check_panel_load (ZcIdentityCheckPanel *self,
                              ZcClient             *client,
                              const char           *applicant_key)
{
  g_return_if_fail (ZC_IS_IDENTITY_CHECK_PANEL (self));
  g_return_if_fail (client == NULL || ZC_IS_CLIENT (client));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;
  g_set_object (&self->client, client);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->idempotency_key, g_free);
  clear_licence (self);
  set_status (self, NULL, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  update_buttons (self);
  if (client == NULL || applicant_key == NULL || *applicant_key == '\0')
    return;
  zc_client_get_applicant_async (client, applicant_key, self->cancellable, applicant_cb, g_object_ref (self));
}

void
zc_identity_check_panel_set_session (ZcIdentityCheckPanel *self,
                                     gint64                video_session)
{
  g_return_if_fail (ZC_IS_IDENTITY_CHECK_PANEL (self));

  self->session = video_session;
  update_buttons (self);
}

void
zc_identity_check_panel_set_call (ZcIdentityCheckPanel *self,
                                  ZcVideoCall          *call)
{
  g_return_if_fail (ZC_IS_IDENTITY_CHECK_PANEL (self));
  g_return_if_fail (call == NULL || ZC_IS_VIDEO_CALL (call));

  if (self->call == call)
    return;
  if (self->call != NULL)
    g_signal_handlers_disconnect_by_data (self->call, self);
  g_set_object (&self->call, call);
  if (call != NULL)
    {
      g_signal_connect_object (call, "notify::state", G_CALLBACK (update_buttons), self, G_CONNECT_SWAPPED);
      /* a recording still on its way belongs to the last call */
      if (!self->busy)
        clear_result (self);
    }
  update_buttons (self);
}

const char *
zc_identity_check_panel_get_result (ZcIdentityCheckPanel *self)
{
  g_return_val_if_fail (ZC_IS_IDENTITY_CHECK_PANEL (self), NULL);

  return self->result;
}
