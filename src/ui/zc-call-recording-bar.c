/* zc-call-recording-bar.c — recording a remote-window call after the
 * citizen's consent, and storing it with the case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "zc-call-recording-bar.h"
#include "zc-recording-leftovers.h"
#include "zc-ui-utils.h"

#define UPLOAD_ATTEMPTS     4
#define UPLOAD_RETRY_SECONDS 5

struct _ZcCallRecordingBar
{
  AdwBin            parent_instance;

  ZcVideoCall      *call;
  ZcClient         *client;
  ZcCallRecorder   *recorder;
  GCancellable     *cancellable;
  gint64            session;
  char             *dir;
  char             *path;
  char             *idempotency_key;
  JsonObject       *document;
  ZcRecordingState  state;
  guint             attempts;
  guint             retry_source;
  guint             generation;  /* one per call: a late answer of the last one changes nothing here */
  gboolean          discard;     /* the citizen took the consent back: the file goes */

  GtkLabel         *label;
  GtkButton        *stop_button;
};

G_DEFINE_FINAL_TYPE (ZcCallRecordingBar, zc_call_recording_bar, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void upload (ZcCallRecordingBar *self);

static void
set_state (ZcCallRecordingBar *self,
           ZcRecordingState    state,
           const char         *text)
{
  gtk_label_set_text (self->label, text ? text : "");
  /* one line when there is room; a long one (a path) or a narrow
   * window wraps (an unwrapped line widened the whole page) */
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_visible (GTK_WIDGET (self), state != ZC_RECORDING_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button), state == ZC_RECORDING_RECORDING);
  if (state == ZC_RECORDING_RECORDING)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text ? text : "", -1);
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* --- storing it with the case ---------------------------------------- */

static gboolean
retry_cb (gpointer user_data)
{
  ZcCallRecordingBar *self = user_data;

  self->retry_source = 0;
  upload (self);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  ZcCallRecordingBar *self;   /* owned */
  guint               generation;
  char               *path;
} Upload;

static void
upload_free (Upload *u)
{
  g_object_unref (u->self);
  g_free (u->path);
  g_free (u);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Upload, upload_free)

static void
uploaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Upload) u = user_data;
  ZcCallRecordingBar *self = u->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  document = zc_client_upload_recording_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* the recording of a call before this one: stored, its local copy
   * goes; not stored, its sidecar has it sent at the next start. The bar
   * is the new call's. */
  if (u->generation != self->generation)
    {
      if (document != NULL)
        zc_recording_leftovers_remove (u->path);
      else
        g_debug ("call recording: an earlier call's recording not sent yet: %s", error->message);
      return;
    }
  if (document != NULL)
    {
      g_clear_pointer (&self->document, json_object_unref);
      self->document = g_steal_pointer (&document);
      /* the platform has it: the local copy (and its sidecar) goes */
      zc_recording_leftovers_remove (self->path);
      set_state (self, ZC_RECORDING_STORED, _("The call’s recording is stored with the case."));
      return;
    }
  /* the network or the platform for now: again, with the same key */
  if ((g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK) ||
       g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_SERVER) ||
       g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BUSY)) &&
      self->attempts < UPLOAD_ATTEMPTS)
    {
      text = g_strdup_printf (_("The recording could not be sent yet; trying again in %d s."),
                              UPLOAD_RETRY_SECONDS * (int) self->attempts);
      set_state (self, ZC_RECORDING_UPLOADING, text);
      self->retry_source = g_timeout_add_seconds (UPLOAD_RETRY_SECONDS * self->attempts, retry_cb, self);
      return;
    }
  message = zc_ui_error_message (error);
  /* Translators: the recording was not stored; the second %s is a file */
  text = g_strdup_printf (_("The recording was not stored with the case: %s It is kept in %s."),
                          message ? message : "", self->path);
  set_state (self, ZC_RECORDING_FAILED, text);
}

static void
upload (ZcCallRecordingBar *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (self->client == NULL)
    return;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL)
    stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The recording cannot be read: %s"), error->message);

      set_state (self, ZC_RECORDING_FAILED, text);
      return;
    }
  if (self->idempotency_key == NULL)
    self->idempotency_key = g_uuid_string_random ();
  /* if the app ends before the platform has it, the next start sends it
   * again with this same key (zc-recording-leftovers.h) */
  if (!zc_recording_leftovers_write_sidecar (self->path, self->session, self->idempotency_key,
                                             g_file_info_get_size (info), &error))
    g_debug ("call recording: no sidecar, not resent after a restart: %s", error->message);
  self->attempts++;
  set_state (self, ZC_RECORDING_UPLOADING, _("Storing the recording with the case…"));
  {
    Upload *u = g_new0 (Upload, 1);

    u->self = g_object_ref (self);
    u->generation = self->generation;
    u->path = g_strdup (self->path);
    zc_client_upload_recording_async (self->client, self->session, G_INPUT_STREAM (stream),
                                      g_file_info_get_size (info), self->idempotency_key,
                                      self->cancellable, uploaded_cb, u);
  }
}

/* --- the recorder ---------------------------------------------------- */

static void
finished_cb (ZcCallRecordingBar *self,
             const GError       *error,
             ZcCallRecorder     *recorder)
{
  if (self->call != NULL)
    zc_video_call_set_recorder (self->call, NULL);
  if (self->discard)
    {
      /* done with this recorder: an agreement again starts a new one */
      g_clear_object (&self->recorder);
      g_unlink (self->path);
      set_state (self, ZC_RECORDING_REFUSED,
                 _("The citizen withdrew the consent: the recording was stopped and deleted."));
      return;
    }
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The recording failed: %s"), error->message);

      set_state (self, ZC_RECORDING_FAILED, text);
      return;
    }
  self->attempts = 0;
  upload (self);
}

static void
start_recording (ZcCallRecordingBar *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (self->recorder != NULL)
    return;
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      set_state (self, ZC_RECORDING_FAILED, _("The recording could not start (is the folder writable?)."));
      return;
    }
  name = g_strdup_printf ("call-%" G_GINT64_FORMAT ".webm", self->session);
  g_free (self->path);
  self->path = g_build_filename (self->dir, name, NULL);
  self->discard = FALSE;
  self->recorder = zc_call_recorder_new ();
  g_signal_connect_object (self->recorder, "finished", G_CALLBACK (finished_cb), self, G_CONNECT_SWAPPED);
  if (!zc_call_recorder_start (self->recorder, self->path, &error))
    {
      g_clear_object (&self->recorder);
      set_state (self, ZC_RECORDING_FAILED, error->message);
      return;
    }
  zc_video_call_set_recorder (self->call, self->recorder);
  set_state (self, ZC_RECORDING_RECORDING, _("● Recording — the citizen agreed"));
}

static void
consent_cb (ZcCallRecordingBar *self,
            gboolean            recording,
            ZcVideoCall        *call)
{
  /* a no during the recording: stopped, and nothing kept */
  if (!recording && self->state == ZC_RECORDING_RECORDING && self->recorder != NULL)
    {
      self->discard = TRUE;
      set_state (self, ZC_RECORDING_UPLOADING, _("Finishing the recording…"));
      zc_call_recorder_stop (self->recorder);
      return;
    }
  if (self->state != ZC_RECORDING_ASKED && self->state != ZC_RECORDING_REFUSED)
    return;
  if (recording)
    start_recording (self);
  else
    set_state (self, ZC_RECORDING_REFUSED, _("The citizen did not agree to recording: this call is not recorded."));
}

static void
call_state_cb (ZcCallRecordingBar *self,
               GParamSpec         *pspec,
               ZcVideoCall        *call)
{
  ZcVideoCallState state = zc_video_call_get_state (call);

  if (state != ZC_VIDEO_CALL_ENDED && state != ZC_VIDEO_CALL_FAILED)
    return;
  zc_call_recording_bar_stop (self);
  /* the question and the no were about this call: nothing left to say */
  if (self->state == ZC_RECORDING_ASKED || self->state == ZC_RECORDING_REFUSED)
    set_state (self, ZC_RECORDING_NONE, NULL);
}

static void
stop_clicked_cb (ZcCallRecordingBar *self)
{
  zc_call_recording_bar_stop (self);
}

/* --- the object ------------------------------------------------------ */

static void
disconnect_call (ZcCallRecordingBar *self)
{
  if (self->call == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->call, self);
  zc_video_call_set_recorder (self->call, NULL);
  g_clear_object (&self->call);
}

static void
zc_call_recording_bar_dispose (GObject *object)
{
  ZcCallRecordingBar *self = ZC_CALL_RECORDING_BAR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  disconnect_call (self);
  g_clear_object (&self->recorder);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (zc_call_recording_bar_parent_class)->dispose (object);
}

static void
zc_call_recording_bar_finalize (GObject *object)
{
  ZcCallRecordingBar *self = ZC_CALL_RECORDING_BAR (object);

  g_free (self->dir);
  g_free (self->path);
  g_free (self->idempotency_key);
  g_clear_pointer (&self->document, json_object_unref);
  G_OBJECT_CLASS (zc_call_recording_bar_parent_class)->finalize (object);
}

static void
zc_call_recording_bar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ZcCallRecordingBar *self = ZC_CALL_RECORDING_BAR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_call_recording_bar_class_init (ZcCallRecordingBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_call_recording_bar_dispose;
  object_class->finalize = zc_call_recording_bar_finalize;
  object_class->get_property = zc_call_recording_bar_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, ZC_RECORDING_NONE, ZC_RECORDING_FAILED, ZC_RECORDING_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
zc_call_recording_bar_init (ZcCallRecordingBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_name (GTK_WIDGET (self), "recording-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recording"), -1);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_max_width_chars (self->label, 70);
  gtk_widget_set_name (GTK_WIDGET (self->label), "recording-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  self->stop_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Stop _Recording")));
  gtk_widget_set_name (GTK_WIDGET (self->stop_button), "recording-stop");
  gtk_widget_add_css_class (GTK_WIDGET (self->stop_button), "pill");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stop_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stop recording the call"), -1);
  g_signal_connect_swapped (self->stop_button, "clicked", G_CALLBACK (stop_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stop_button));
  adw_bin_set_child (ADW_BIN (self), box);
  set_state (self, ZC_RECORDING_NONE, NULL);
}

GtkWidget *
zc_call_recording_bar_new (void)
{
  return g_object_new (ZC_TYPE_CALL_RECORDING_BAR, NULL);
}

void
zc_call_recording_bar_set_call (ZcCallRecordingBar *self,
                                ZcVideoCall        *call,
                                ZcClient           *client,
                                gint64              session,
                                const char         *dir)
{
  g_return_if_fail (ZC_IS_CALL_RECORDING_BAR (self));
  g_return_if_fail (call == NULL || ZC_IS_VIDEO_CALL (call));

  /* a recording still running ends (and is stored) first */
  zc_call_recording_bar_stop (self);
  disconnect_call (self);
  /* a new call starts clean: the last one's upload, still on its way,
   * no longer speaks for this bar, and is not retried under the new
   * session (its sidecar has it sent at the next start) */
  if (call != NULL)
    {
      self->generation++;
      g_clear_handle_id (&self->retry_source, g_source_remove);
      self->attempts = 0;
    }
  g_set_object (&self->client, client);
  self->session = session;
  g_free (self->dir);
  self->dir = dir != NULL ? g_strdup (dir)
                          : g_build_filename (g_get_user_cache_dir (), "zongchuang", "recordings", NULL);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->document, json_object_unref);
  if (call == NULL)
    {
      if (self->recorder == NULL)
        set_state (self, ZC_RECORDING_NONE, NULL);
      return;
    }
  self->call = g_object_ref (call);
  g_signal_connect_object (call, "consent", G_CALLBACK (consent_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (call, "notify::state", G_CALLBACK (call_state_cb), self, G_CONNECT_SWAPPED);
  g_clear_object (&self->recorder);
  set_state (self, ZC_RECORDING_ASKED,
             _("Recording: waiting for the citizen’s answer on their page. Nothing is recorded without it."));
}

ZcRecordingState
zc_call_recording_bar_get_state (ZcCallRecordingBar *self)
{
  g_return_val_if_fail (ZC_IS_CALL_RECORDING_BAR (self), ZC_RECORDING_NONE);

  return self->state;
}

const char *
zc_call_recording_bar_get_path (ZcCallRecordingBar *self)
{
  g_return_val_if_fail (ZC_IS_CALL_RECORDING_BAR (self), NULL);

  return self->path;
}

JsonObject *
zc_call_recording_bar_get_document (ZcCallRecordingBar *self)
{
  g_return_val_if_fail (ZC_IS_CALL_RECORDING_BAR (self), NULL);

  return self->document;
}

void
zc_call_recording_bar_stop (ZcCallRecordingBar *self)
{
  g_return_if_fail (ZC_IS_CALL_RECORDING_BAR (self));

  if (self->recorder == NULL || !zc_call_recorder_is_recording (self->recorder))
    return;
  set_state (self, ZC_RECORDING_UPLOADING, _("Finishing the recording…"));
  zc_call_recorder_stop (self->recorder);
}
