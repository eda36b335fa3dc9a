/* test-store.c — ZcStore: drafts per user, async saves in order, damaged
 * rows, reopening, the outbox's marks, unusable files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "zc-clock.h"
#include "zc-store.h"

static char *tmp_dir;

static char *
new_db_path (void)
{
  static guint n;

  return g_strdup_printf ("%s/store-%u.db", tmp_dir, ++n);
}

static JsonObject *
body_with (const char *member,
           gint64      value)
{
  JsonObject *body = json_object_new ();

  json_object_set_int_member (body, member, value);
  json_object_set_string_member (body, "name", "张三");
  return body;
}

static void
sql (const char *path,
     const char *statement)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_strv (GStrv        got,
             const char **want)
{
  g_assert_nonnull (got);
  g_assert_cmpuint (g_strv_length (got), ==, g_strv_length ((GStrv) want));
  for (guint i = 0; want[i] != NULL; i++)
    g_assert_cmpstr (got[i], ==, want[i]);
}

static void
test_local_refs (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new (path, &error);
  g_autoptr(GDateTime) now = zc_clock_now_china (zc_clock_get_default ())   /* the store numbers by the China day */;
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autofree char *prefix = g_strdup_printf ("L-%s-", day);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpstr (zc_store_get_path (store), ==, path);
  /* drafts hold personal data: only the owner reads the file */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  a = zc_store_new_local_ref (store);
  b = zc_store_new_local_ref (store);
  g_assert_true (g_regex_match_simple ("^L-[0-9]{8}-[0-9]{4}$", a, 0, 0));
  g_assert_true (g_str_has_prefix (a, prefix));
  g_assert_cmpstr (a + strlen (prefix), ==, "0001");
  g_assert_cmpstr (b + strlen (prefix), ==, "0002");

  /* the counter survives reopening: never the same reference twice */
  g_clear_object (&store);
  store = zc_store_new (path, &error);
  g_assert_no_error (error);
  c = zc_store_new_local_ref (store);
  g_assert_cmpstr (c + strlen (prefix), ==, "0003");
}

static void
test_drafts (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new (path, &error);
  g_autofree char *r1 = zc_store_new_local_ref (store);
  g_autofree char *r2 = zc_store_new_local_ref (store);
  g_autofree char *r3 = zc_store_new_local_ref (store);
  g_auto(GStrv) list = NULL;
  g_autoptr(JsonObject) loaded = NULL;

  g_assert_no_error (error);

  {
    g_autoptr(JsonObject) b1 = body_with ("v", 1);
    g_autoptr(JsonObject) b2 = body_with ("v", 2);
    g_autoptr(JsonObject) b3 = body_with ("v", 3);

    g_assert_true (zc_store_save_draft_sync (store, r1, "clerk", b1, &error));
    g_assert_no_error (error);
    g_usleep (2000);
    g_assert_true (zc_store_save_draft_sync (store, r2, "clerk", b2, &error));
    g_assert_true (zc_store_save_draft_sync (store, r3, "helper", b3, &error));
    g_assert_no_error (error);
  }

  list = zc_store_list_drafts (store, "clerk", &error);
  g_assert_no_error (error);
  assert_strv (list, (const char *[]) { r2, r1, NULL });
  g_clear_pointer (&list, g_strfreev);
  list = zc_store_list_drafts (store, "helper", &error);
  assert_strv (list, (const char *[]) { r3, NULL });
  g_clear_pointer (&list, g_strfreev);
  list = zc_store_list_drafts (store, "nobody", &error);
  g_assert_no_error (error);
  assert_strv (list, (const char *[]) { NULL });
  g_clear_pointer (&list, g_strfreev);

  loaded = zc_store_load_draft (store, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (loaded, "v"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (loaded, "name"), ==, "张三");
  g_clear_pointer (&loaded, json_object_unref);

  /* saving again replaces the body and makes it the newest */
  {
    g_autoptr(JsonObject) b1 = body_with ("v", 11);

    g_usleep (2000);
    g_assert_true (zc_store_save_draft_sync (store, r1, "clerk", b1, &error));
  }
  loaded = zc_store_load_draft (store, r1, &error);
  g_assert_cmpint (json_object_get_int_member (loaded, "v"), ==, 11);
  g_clear_pointer (&loaded, json_object_unref);
  list = zc_store_list_drafts (store, "clerk", &error);
  assert_strv (list, (const char *[]) { r1, r2, NULL });
  g_clear_pointer (&list, g_strfreev);

  g_assert_true (zc_store_delete_draft (store, r2, &error));
  g_assert_no_error (error);
  list = zc_store_list_drafts (store, "clerk", &error);
  assert_strv (list, (const char *[]) { r1, NULL });
  g_assert_false (zc_store_delete_draft (store, r2, &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (zc_store_load_draft (store, r2, &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
}

typedef struct
{
  guint done;
  guint failed;
} SaveCount;

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveCount *count = user_data;
  g_autoptr(GError) error = NULL;

  if (!zc_store_save_draft_finish (ZC_STORE (object), result, &error))
    count->failed++;
  count->done++;
}

static void
test_async (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new (path, &error);
  g_autofree char *ref = zc_store_new_local_ref (store);
  g_autoptr(JsonObject) loaded = NULL;
  SaveCount count = { 0, 0 };
  const guint n = 40;

  g_assert_no_error (error);
  /* many saves of one draft at once (typing fast): the last asked wins */
  for (guint i = 1; i <= n; i++)
    {
      g_autoptr(JsonObject) body = body_with ("v", i);

      zc_store_save_draft_async (store, ref, "clerk", body, NULL, on_saved, &count);
    }
  while (count.done < n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count.failed, ==, 0);

  loaded = zc_store_load_draft (store, ref, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (loaded, "v"), ==, n);

  /* an async save asked for after a sync one wins over it */
  {
    g_autoptr(JsonObject) sync_body = body_with ("v", 1000);
    g_autoptr(JsonObject) async_body = body_with ("v", 1001);

    g_assert_true (zc_store_save_draft_sync (store, ref, "clerk", sync_body, &error));
    count.done = 0;
    zc_store_save_draft_async (store, ref, "clerk", async_body, NULL, on_saved, &count);
    while (count.done < 1)
      g_main_context_iteration (NULL, TRUE);
    g_clear_pointer (&loaded, json_object_unref);
    loaded = zc_store_load_draft (store, ref, &error);
    g_assert_cmpint (json_object_get_int_member (loaded, "v"), ==, 1001);
  }
}

static void
test_corrupt (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new (path, &error);
  g_autofree char *bad = zc_store_new_local_ref (store);
  g_autofree char *good = zc_store_new_local_ref (store);
  g_autofree char *statement = NULL;
  g_autoptr(JsonObject) loaded = NULL;
  g_autoptr(GListModel) queue = NULL;
  g_autoptr(ZcOutboxEntry) entry = NULL;
  g_auto(GStrv) list = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) body = body_with ("v", 1);

    zc_store_save_draft_sync (store, bad, "clerk", body, &error);
    zc_store_save_draft_sync (store, good, "clerk", body, &error);
    g_assert_no_error (error);
    g_clear_object (&entry);
    entry = zc_store_outbox_append (store, "clerk", "submit_case", bad, body, &error);
    g_assert_no_error (error);
    g_clear_object (&entry);
    entry = zc_store_outbox_append (store, "clerk", "submit_case", good, body, &error);
    g_clear_object (&entry);
  }

  /* damage one draft and one outbox body behind the store's back */
  statement = g_strdup_printf ("UPDATE drafts SET body = '{\"v\": 1,' WHERE local_ref = '%s';"
                               "UPDATE outbox SET body = '[1, 2]' WHERE local_ref = '%s';",
                               bad, bad);
  sql (path, statement);

  g_assert_null (zc_store_load_draft (store, bad, &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  loaded = zc_store_load_draft (store, good, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (loaded, "v"), ==, 1);
  list = zc_store_list_drafts (store, "clerk", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (list), ==, 2);

  queue = zc_store_outbox_list (store, "clerk", ZC_OUTBOX_QUEUED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 2);
  entry = g_list_model_get_item (queue, 0);
  g_assert_cmpstr (zc_outbox_entry_get_local_ref (entry), ==, bad);
  g_assert_null (zc_outbox_entry_get_body (entry));
  g_clear_object (&entry);
  entry = g_list_model_get_item (queue, 1);
  g_assert_nonnull (zc_outbox_entry_get_body (entry));
}

static void
test_reopen (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new (path, &error);
  g_autofree char *ref = zc_store_new_local_ref (store);
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) loaded = NULL;
  g_autoptr(GListModel) queue = NULL;
  g_autoptr(ZcOutboxEntry) entry = NULL;
  g_autoptr(GDateTime) created = NULL;

  {
    g_autoptr(JsonObject) body = body_with ("v", 42);

    g_assert_true (zc_store_save_draft_sync (store, ref, "clerk", body, &error));
    entry = zc_store_outbox_append (store, "clerk", "submit_case", ref, body, &error);
    g_assert_no_error (error);
    key = g_strdup (zc_outbox_entry_get_idempotency_key (entry));
    created = g_date_time_ref (zc_outbox_entry_get_created_at (entry));
    g_clear_object (&entry);
  }
  g_clear_object (&store);

  store = zc_store_new (path, &error);
  g_assert_no_error (error);
  loaded = zc_store_load_draft (store, ref, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (loaded, "v"), ==, 42);

  queue = zc_store_outbox_list (store, "clerk", ZC_OUTBOX_QUEUED, &error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 1);
  entry = g_list_model_get_item (queue, 0);
  g_assert_cmpstr (zc_outbox_entry_get_idempotency_key (entry), ==, key);
  g_assert_cmpstr (zc_outbox_entry_get_local_ref (entry), ==, ref);
  g_assert_cmpstr (zc_outbox_entry_get_username (entry), ==, "clerk");
  g_assert_cmpstr (zc_outbox_entry_get_kind (entry), ==, "submit_case");
  g_assert_cmpint (json_object_get_int_member (zc_outbox_entry_get_body (entry), "v"), ==, 42);
  /* the client's reception time comes back to the microsecond */
  g_assert_true (g_date_time_equal (zc_outbox_entry_get_created_at (entry), created));
}

static void
test_outbox_marks (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new (path, &error);
  g_autoptr(JsonObject) body = body_with ("v", 1);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) queue = NULL;
  g_autoptr(ZcOutboxEntry) entry = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 4);
  gint64 id1, id2, id3;

  for (guint i = 0; i < 3; i++)
    {
      g_ptr_array_add (entries, zc_store_outbox_append (store, "clerk", "submit_case", NULL, body, &error));
      g_assert_no_error (error);
    }
  g_ptr_array_add (entries, zc_store_outbox_append (store, "helper", "submit_case", NULL, body, &error));
  id1 = zc_outbox_entry_get_id (entries->pdata[0]);
  id2 = zc_outbox_entry_get_id (entries->pdata[1]);
  id3 = zc_outbox_entry_get_id (entries->pdata[2]);
  g_assert_cmpint (id1, <, id2);
  g_assert_cmpint (id2, <, id3);
  g_assert_cmpstr (zc_outbox_entry_get_idempotency_key (entries->pdata[0]), !=,
                   zc_outbox_entry_get_idempotency_key (entries->pdata[1]));
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_QUEUED), ==, 3);
  g_assert_cmpuint (zc_store_outbox_count (store, "helper", ZC_OUTBOX_QUEUED), ==, 1);
  g_assert_cmpuint (zc_store_outbox_count (store, NULL, ZC_OUTBOX_QUEUED), ==, 4);

  g_assert_true (zc_store_outbox_mark_retry (store, id1, later, "offline", &error));
  g_assert_no_error (error);
  g_assert_true (zc_store_outbox_mark_sent (store, id2, 77, "ZC-20261127-000123", &error));
  g_assert_true (zc_store_outbox_mark_refused (store, id3, "unknown item", &error));
  g_assert_no_error (error);
  g_assert_false (zc_store_outbox_mark_sent (store, 99999, 1, "X", &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  entry = zc_store_outbox_get (store, id1, &error);
  g_assert_cmpint (zc_outbox_entry_get_state (entry), ==, ZC_OUTBOX_QUEUED);
  g_assert_cmpuint (zc_outbox_entry_get_attempts (entry), ==, 1);
  g_assert_cmpstr (zc_outbox_entry_get_last_error (entry), ==, "offline");
  g_assert_nonnull (zc_outbox_entry_get_next_attempt (entry));
  g_assert_cmpint (g_date_time_to_unix (zc_outbox_entry_get_next_attempt (entry)), ==,
                   g_date_time_to_unix (later));
  g_clear_object (&entry);

  entry = zc_store_outbox_get (store, id2, &error);
  g_assert_cmpint (zc_outbox_entry_get_state (entry), ==, ZC_OUTBOX_SENT);
  g_assert_cmpint (zc_outbox_entry_get_case_id (entry), ==, 77);
  g_assert_cmpstr (zc_outbox_entry_get_case_number (entry), ==, "ZC-20261127-000123");
  g_clear_object (&entry);

  entry = zc_store_outbox_get (store, id3, &error);
  g_assert_cmpint (zc_outbox_entry_get_state (entry), ==, ZC_OUTBOX_REFUSED);
  g_assert_cmpstr (zc_outbox_entry_get_last_error (entry), ==, "unknown item");
  g_clear_object (&entry);

  /* a sent or refused entry cannot be scheduled for a retry */
  g_assert_false (zc_store_outbox_mark_retry (store, id2, later, "x", &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  queue = zc_store_outbox_list (store, "clerk", ZC_OUTBOX_QUEUED, &error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 1);
  g_clear_object (&queue);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_REFUSED), ==, 1);

  /* back in the queue, in its place */
  g_assert_true (zc_store_outbox_requeue (store, id3, &error));
  g_assert_no_error (error);
  queue = zc_store_outbox_list (store, "clerk", ZC_OUTBOX_QUEUED, &error);
  g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 2);
  entry = g_list_model_get_item (queue, 0);
  g_assert_cmpint (zc_outbox_entry_get_id (entry), ==, id1);
  g_clear_object (&entry);
  entry = g_list_model_get_item (queue, 1);
  g_assert_cmpint (zc_outbox_entry_get_id (entry), ==, id3);
  g_assert_null (zc_outbox_entry_get_last_error (entry));
  g_assert_false (zc_store_outbox_requeue (store, id2, &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
}

static gint64
append_refused (ZcStore    *store,
                const char *username,
                const char *local_ref,
                gint64      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = body_with ("n", n);
  g_autoptr(ZcOutboxEntry) entry = zc_store_outbox_append (store, username, "submit_case",
                                                           local_ref, body, &error);
  gint64 id;

  g_assert_no_error (error);
  id = zc_outbox_entry_get_id (entry);
  g_assert_true (zc_store_outbox_mark_refused (store, id, "unknown item", &error));
  g_assert_no_error (error);
  return id;
}

static void
count_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_outbox_discard (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new (path, &error);
  g_autoptr(ZcOutboxEntry) entry = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(JsonObject) body = body_with ("n", 9);
  gint64 refused, other, queued;
  guint changed = 0;

  g_assert_no_error (error);
  refused = append_refused (store, "clerk", "L-1", 1);
  other = append_refused (store, "clerk", "L-2", 2);
  entry = zc_store_outbox_append (store, "clerk", "submit_case", "L-3", body, &error);
  queued = zc_outbox_entry_get_id (entry);
  g_clear_object (&entry);
  g_signal_connect_swapped (store, "outbox-changed", G_CALLBACK (count_cb), &changed);

  g_assert_true (zc_store_outbox_discard (store, refused, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_REFUSED), ==, 1);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_DISCARDED), ==, 1);
  list = zc_store_outbox_list (store, "clerk", ZC_OUTBOX_REFUSED, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  entry = g_list_model_get_item (list, 0);
  g_assert_cmpint (zc_outbox_entry_get_id (entry), ==, other);
  g_clear_object (&entry);

  /* kept for the record, with its reason and body */
  entry = zc_store_outbox_get (store, refused, &error);
  g_assert_no_error (error);
  g_assert_cmpint (zc_outbox_entry_get_state (entry), ==, ZC_OUTBOX_DISCARDED);
  g_assert_cmpstr (zc_outbox_entry_get_last_error (entry), ==, "unknown item");
  g_assert_cmpint (json_object_get_int_member (zc_outbox_entry_get_body (entry), "n"), ==, 1);
  g_clear_object (&entry);

  /* only a refused entry: not twice, not a queued one, not a missing one */
  g_assert_false (zc_store_outbox_discard (store, refused, &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (zc_store_outbox_discard (store, queued, &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (zc_store_outbox_discard (store, 424242, &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_QUEUED), ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  /* a discarded entry cannot come back into the queue */
  g_assert_false (zc_store_outbox_requeue (store, refused, &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* it survives reopening */
  g_clear_object (&store);
  store = zc_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_DISCARDED), ==, 1);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_REFUSED), ==, 1);
}

static void
test_outbox_correction (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new (path, &error);
  g_autoptr(JsonObject) stale = body_with ("n", 100);
  g_autoptr(JsonObject) draft = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(ZcOutboxEntry) entry = NULL;
  g_autoptr(ZcOutboxEntry) again = NULL;
  g_auto(GStrv) drafts = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *fresh = NULL;
  gint64 with_ref, without_ref, queued;

  g_assert_no_error (error);
  /* a stale draft under the same reference is replaced by the entry's body */
  g_assert_true (zc_store_save_draft_sync (store, "L-test-0001", "clerk", stale, &error));
  g_assert_true (zc_store_delete_draft (store, "L-test-0001", &error));
  with_ref = append_refused (store, "clerk", "L-test-0001", 1);
  without_ref = append_refused (store, "clerk", NULL, 2);
  body = body_with ("n", 3);
  entry = zc_store_outbox_append (store, "clerk", "submit_case", "L-q", body, &error);
  queued = zc_outbox_entry_get_id (entry);
  g_clear_object (&entry);

  ref = zc_store_outbox_take_for_correction (store, with_ref, "clerk", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ref, ==, "L-test-0001");
  draft = zc_store_load_draft (store, ref, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (draft, "n"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (draft, "name"), ==, "张三");
  g_clear_pointer (&draft, json_object_unref);
  entry = zc_store_outbox_get (store, with_ref, &error);
  g_assert_cmpint (zc_outbox_entry_get_state (entry), ==, ZC_OUTBOX_DISCARDED);
  g_clear_object (&entry);

  /* no local reference → a fresh draft of the clerk who corrects it */
  fresh = zc_store_outbox_take_for_correction (store, without_ref, "clerk", &error);
  g_assert_no_error (error);
  g_assert_nonnull (fresh);
  g_assert_true (g_str_has_prefix (fresh, "L-"));
  g_assert_cmpstr (fresh, !=, ref);
  draft = zc_store_load_draft (store, fresh, &error);
  g_assert_cmpint (json_object_get_int_member (draft, "n"), ==, 2);
  g_clear_pointer (&draft, json_object_unref);
  drafts = zc_store_list_drafts (store, "clerk", &error);
  g_assert_cmpuint (g_strv_length (drafts), ==, 2);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_REFUSED), ==, 0);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_DISCARDED), ==, 2);

  /* all or nothing: a queued (or already taken) entry makes no draft */
  g_assert_null (zc_store_outbox_take_for_correction (store, queued, "clerk", &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (zc_store_outbox_take_for_correction (store, with_ref, "clerk", &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (zc_store_load_draft (store, "L-q", &error));
  g_clear_error (&error);
  g_clear_pointer (&drafts, g_strfreev);
  drafts = zc_store_list_drafts (store, "clerk", &error);
  g_assert_cmpuint (g_strv_length (drafts), ==, 2);

  /* a damaged body: the entry stays refused, no draft is written */
  without_ref = append_refused (store, "clerk", "L-bad", 4);
  {
    g_autofree char *stmt = g_strdup_printf ("UPDATE outbox SET body = '{broken' WHERE id = %"
                                             G_GINT64_FORMAT, without_ref);
    sql (path, stmt);
  }
  g_assert_null (zc_store_outbox_take_for_correction (store, without_ref, "clerk", &error));
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_REFUSED), ==, 1);
  g_assert_null (zc_store_load_draft (store, "L-bad", &error));
  g_clear_error (&error);

  /* the corrected reception goes out as a new entry with a new key */
  again = zc_store_outbox_append (store, "clerk", "submit_case", ref, body, &error);
  g_assert_no_error (error);
  entry = zc_store_outbox_get (store, with_ref, &error);
  g_assert_cmpint (zc_outbox_entry_get_id (again), >, with_ref);
  g_assert_cmpstr (zc_outbox_entry_get_idempotency_key (again), !=,
                   zc_outbox_entry_get_idempotency_key (entry));
}

/* a store written by the first format (user_version 1) gains the new
 * column and keeps its entries */
/* A material taken in again before the submission replaces the file
 * waiting with the draft: the draft's files name it once, with the new
 * bytes, and the submission queues one upload for it */
static void
test_material_replaced (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = zc_store_new (path, &error);
  g_autofree char *ref = zc_store_new_local_ref (store);
  g_autoptr(GBytes) first = g_bytes_new_static ("%PDF-1.4\n% first\n", 18);
  g_autoptr(GBytes) second = g_bytes_new_static ("%PDF-1.4\n% second\n", 19);
  g_autoptr(GBytes) other = g_bytes_new_static ("%PDF-1.4\n% other\n", 18);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(ZcOutboxEntry) entry = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (zc_store_add_material_file (store, "clerk", ref, 0, "lease", "租赁合同.pdf", first, &error), >, 0);
  g_assert_cmpint (zc_store_add_material_file (store, "clerk", ref, 0, "lease", "租赁合同.pdf", second, &error), >, 0);
  g_assert_cmpint (zc_store_add_material_file (store, "clerk", ref, 0, "rules", "章程.pdf", other, &error), >, 0);
  g_assert_no_error (error);
  files = zc_store_material_files_of_draft (store, "clerk", ref, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (files), ==, 2);
  g_assert_true (g_bytes_equal (g_hash_table_lookup (files, "lease"), second));
  g_assert_true (g_bytes_equal (g_hash_table_lookup (files, "rules"), other));
  g_clear_pointer (&files, g_hash_table_unref);
  /* another clerk's draft files are not this one's */
  files = zc_store_material_files_of_draft (store, "other", ref, &error);
  g_assert_cmpuint (g_hash_table_size (files), ==, 0);

  json_object_set_string_member (body, "item", "open_restaurant");
  entry = zc_store_outbox_append (store, "clerk", ZC_OUTBOX_KIND_SUBMIT_CASE, ref, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  /* the submission and one upload per material */
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_QUEUED), ==, 3);
}

static void
test_migrate_v1 (void)
{
  g_autofree char *path = new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = NULL;
  g_autoptr(ZcOutboxEntry) entry = NULL;

  sql (path,
       "CREATE TABLE drafts (local_ref TEXT PRIMARY KEY, username TEXT NOT NULL, body TEXT NOT NULL,"
       "  updated_at TEXT NOT NULL);"
       "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL,"
       "  kind TEXT NOT NULL, local_ref TEXT, body TEXT NOT NULL, idem_key TEXT NOT NULL UNIQUE,"
       "  created_at TEXT NOT NULL, state INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,"
       "  next_attempt TEXT, last_error TEXT, case_id INTEGER, case_number TEXT);"
       "CREATE TABLE local_refs (day TEXT PRIMARY KEY, last INTEGER NOT NULL);"
       "INSERT INTO outbox (username, kind, local_ref, body, idem_key, created_at, state, last_error)"
       "  VALUES ('clerk', 'submit_case', 'L-old', '{\"n\":5}', 'k-1', '2026-11-27T08:00:00.000000Z', 2, 'no');"
       "PRAGMA user_version = 1;");
  store = zc_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_REFUSED), ==, 1);
  g_assert_true (zc_store_outbox_discard (store, 1, &error));
  g_assert_no_error (error);
  entry = zc_store_outbox_get (store, 1, &error);
  g_assert_cmpint (zc_outbox_entry_get_state (entry), ==, ZC_OUTBOX_DISCARDED);
  g_assert_cmpstr (zc_outbox_entry_get_idempotency_key (entry), ==, "k-1");
  g_clear_object (&store);
  /* opening again does not migrate twice */
  store = zc_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zc_store_outbox_count (store, "clerk", ZC_OUTBOX_DISCARDED), ==, 1);
}

static void
test_open_bad (void)
{
  g_autofree char *garbage = g_build_filename (tmp_dir, "garbage.db", NULL);
  g_autofree char *newer = new_db_path ();
  g_autofree char *in_file = g_build_filename (garbage, "x.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcStore) store = NULL;

  g_assert_true (g_file_set_contents (garbage, "this is no database, just some text that is long enough "
                                      "to fill a header of one hundred bytes or so ..............",
                                      -1, NULL));
  /* not a database: kept beside as it was, a fresh store in its place,
   * and a notice saying so (test-outbox-faults damages a real one) */
  store = zc_store_new (garbage, &error);
  g_assert_no_error (error);
  g_assert_nonnull (zc_store_get_recovery_notice (store));
  {
    g_autofree char *kept = NULL;

    g_assert_true (g_file_get_contents (zc_store_get_damaged_path (store), &kept, NULL, NULL));
    g_assert_true (g_str_has_prefix (kept, "this is no database"));
  }
  g_clear_object (&store);

  /* a folder that cannot exist (a file is in the way) */
  store = zc_store_new (in_file, &error);
  g_assert_null (store);
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_OPEN);
  g_clear_error (&error);

  /* made by a newer program */
  store = zc_store_new (newer, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  sql (newer, "PRAGMA user_version = 99");
  store = zc_store_new (newer, &error);
  g_assert_null (store);
  g_assert_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_OPEN);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("zc-test-store-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/store/local-refs", test_local_refs);
  g_test_add_func ("/store/drafts", test_drafts);
  g_test_add_func ("/store/async", test_async);
  g_test_add_func ("/store/corrupt", test_corrupt);
  g_test_add_func ("/store/reopen", test_reopen);
  g_test_add_func ("/store/outbox-marks", test_outbox_marks);
  g_test_add_func ("/store/open-bad", test_open_bad);
  g_test_add_func ("/store/outbox-discard", test_outbox_discard);
  g_test_add_func ("/store/outbox-correction", test_outbox_correction);
  g_test_add_func ("/store/migrate-v1", test_migrate_v1);
  g_test_add_func ("/store/material-replaced", test_material_replaced);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (tmp_dir, name, NULL);
        g_remove (file);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
