/* zc-recording-leftovers.c — call recordings that survive a restart
 *
 * The folder is read and the sidecars parsed on a worker thread; the
 * uploads then go one after the other on the caller's main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "zc-json.h"
#include "zc-recording-leftovers.h"

#define SIDECAR_SUFFIX ".json"
#define SIDECAR_MAX_BYTES 4096
#define SIDECAR_MAX_DEPTH 2

typedef struct
{
  char   *path;
  gint64  session;
  char   *key;
  goffset size;
} Leftover;

static void
leftover_free (gpointer p)
{
  Leftover *l = p;

  g_free (l->path);
  g_free (l->key);
  g_free (l);
}

typedef struct
{
  ZcClient  *client;
  char      *dir;
  GPtrArray *leftovers;   /* of Leftover */
  guint      next;
  guint      stored;
} Resend;

static void
resend_free (gpointer p)
{
  Resend *r = p;

  g_clear_object (&r->client);
  g_free (r->dir);
  g_clear_pointer (&r->leftovers, g_ptr_array_unref);
  g_free (r);
}

gboolean
zc_recording_leftovers_write_sidecar (const char  *path,
                                      gint64       session,
                                      const char  *idempotency_key,
                                      goffset      size,
                                      GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sidecar = g_strconcat (path, SIDECAR_SUFFIX, NULL);
  gsize length = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "session");
  json_builder_add_int_value (b, session);
  json_builder_set_member_name (b, "idempotency_key");
  json_builder_add_string_value (b, idempotency_key);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, size);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = zc_json_to_data (root, FALSE, &length);
  return g_file_set_contents_full (sidecar, text, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

void
zc_recording_leftovers_remove (const char *path)
{
  g_autofree char *sidecar = g_strconcat (path, SIDECAR_SUFFIX, NULL);

  g_unlink (path);
  g_unlink (sidecar);
}

/* one sidecar read; NULL (and the pair left alone) when it is not ours */
static Leftover *
read_sidecar (const char *sidecar)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  JsonObject *object;
  const char *key;
  Leftover *l;
  GStatBuf st;

  if (!g_file_get_contents (sidecar, &text, &length, &error) || length > SIDECAR_MAX_BYTES)
    return NULL;
  root = zc_json_parse (text, length, SIDECAR_MAX_DEPTH, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("recording leftovers: %s is not a sidecar", sidecar);
      return NULL;
    }
  object = json_node_get_object (root);
  key = json_object_get_string_member_with_default (object, "idempotency_key", NULL);
  if (key == NULL || *key == '\0' || strlen (key) > 128 ||
      json_object_get_int_member_with_default (object, "session", 0) <= 0)
    return NULL;
  l = g_new0 (Leftover, 1);
  l->path = g_strndup (sidecar, strlen (sidecar) - strlen (SIDECAR_SUFFIX));
  l->session = json_object_get_int_member (object, "session");
  l->key = g_strdup (key);
  if (g_stat (l->path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      /* the recording itself is gone (sent, or removed by hand) */
      g_unlink (sidecar);
      leftover_free (l);
      return NULL;
    }
  l->size = st.st_size;
  return l;
}

static void
scan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Resend *r = task_data;
  g_autoptr(GDir) dir = g_dir_open (r->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  r->leftovers = g_ptr_array_new_with_free_func (leftover_free);
  if (dir == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".webm" SIDECAR_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));
  /* oldest name first: the same order on every start */
  g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sidecar = g_build_filename (r->dir, g_ptr_array_index (names, i), NULL);
      Leftover *l = read_sidecar (sidecar);

      if (l != NULL)
        g_ptr_array_add (r->leftovers, l);
    }
  g_task_return_boolean (task, TRUE);
}

static void send_next (GTask *task);

static void
uploaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Resend *r = g_task_get_task_data (task);
  Leftover *l = g_ptr_array_index (r->leftovers, r->next - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) document = zc_client_upload_recording_finish (ZC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (document != NULL)
    {
      zc_recording_leftovers_remove (l->path);
      r->stored++;
    }
  else
    /* kept for the next start; never the recording itself in the log */
    g_debug ("recording leftovers: session %" G_GINT64_FORMAT " not stored yet: %s",
             l->session, error->message);
  send_next (g_steal_pointer (&task));
}

static void
send_next (GTask *task)
{
  Resend *r = g_task_get_task_data (task);
  Leftover *l;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  while (r->next < r->leftovers->len)
    {
      l = g_ptr_array_index (r->leftovers, r->next++);
      g_clear_object (&file);
      file = g_file_new_for_path (l->path);
      stream = g_file_read (file, NULL, &error);
      if (stream == NULL)
        {
          g_debug ("recording leftovers: cannot read one: %s", error->message);
          g_clear_error (&error);
          continue;
        }
      zc_client_upload_recording_async (r->client, l->session, G_INPUT_STREAM (stream), l->size, l->key,
                                        g_task_get_cancellable (task), uploaded_cb, task);
      return;
    }
  g_task_return_int (task, r->stored);
  g_object_unref (task);
}

static void
scanned_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  send_next (task);
}

void
zc_recording_leftovers_resend_async (ZcClient            *client,
                                     const char          *dir,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) scan = NULL;
  Resend *r;

  g_return_if_fail (ZC_IS_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_recording_leftovers_resend_async);
  r = g_new0 (Resend, 1);
  r->client = g_object_ref (client);
  r->dir = dir != NULL ? g_strdup (dir)
                       : g_build_filename (g_get_user_cache_dir (), "zongchuang", "recordings", NULL);
  g_task_set_task_data (task, r, resend_free);
  /* the scan fills r->leftovers; r lives as long as @task, which waits */
  scan = g_task_new (NULL, cancellable, scanned_cb, task);
  g_task_set_task_data (scan, r, NULL);
  g_task_run_in_thread (scan, scan_thread);
}

guint
zc_recording_leftovers_resend_finish (GAsyncResult  *result,
                                      GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint) n;
}
