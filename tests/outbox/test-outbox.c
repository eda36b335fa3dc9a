/* test-outbox.c — ZcOutbox against an in-process zc-platform (demo data,
 * loopback, a fixed port so a restarted platform comes back on the same
 * address), and the crash test of the draft store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "zc-calendar.h"
#include "zc-clock.h"
#include "zc-outbox.h"
#include "zc-reception.h"
#include "zc-signed-commitment.h"
#include "zc-test-case-body.h"
#include "zc-test-client.h"
#include "zc-test-server.h"

#define PASSWORD "demo1234"
#define ITEM     "open_restaurant"

static char     *tmp_dir;
static char     *db_path;
static char     *url;
static guint     port;
static ZcServer *server;
static char     *applicant;

/* --- helpers --- */

static void
server_up (void)
{
  g_assert_null (server);
  server = zc_test_server_start (db_path, TRUE, g_getenv ("ZC_DATA_DIR"), port);
  g_assert_cmpstr (zc_server_get_url (server), ==, url);
}

static void
server_down (void)
{
  g_assert_nonnull (server);
  zc_server_shutdown (server);
  g_clear_object (&server);
}

static ZcClient *
login (const char *username)
{
  return zc_test_login (url, username, PASSWORD);
}

/* cases of the applicant the platform has, as the supervisor sees them */
static guint
count_cases (void)
{
  g_autoptr(ZcClient) supervisor = login ("supervisor");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) cases = NULL;
  GAsyncResult *result = NULL;
  guint total = 0;

  zc_client_list_cases_async (supervisor, NULL, applicant, 0, 1, NULL, zc_test_store_result_cb, &result);
  cases = ZC_TEST_AWAIT_FINISH (result, zc_client_list_cases_finish (supervisor, result, &total, &error));
  g_assert_no_error (error);
  return total;
}

static ZcCase *
get_case (gint64 id)
{
  g_autoptr(ZcClient) supervisor = login ("supervisor");
  g_autoptr(GError) error = NULL;
  ZcCase *zcase;
  GAsyncResult *result = NULL;

  zc_client_get_case_async (supervisor, id, NULL, zc_test_store_result_cb, &result);
  zcase = ZC_TEST_AWAIT_FINISH (result, zc_client_get_case_finish (supervisor, result, &error));
  g_assert_no_error (error);
  return zcase;
}

static JsonObject *complete;   /* a complete body of ITEM for the applicant */

static JsonObject *
submit_body (const char *item)
{
  JsonObject *body;

  if (g_strcmp0 (item, ITEM) == 0 && complete != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) copy = NULL;

      json_node_set_object (node, complete);
      copy = json_node_copy (node);
      return json_object_ref (json_node_get_object (copy));
    }
  body = json_object_new ();
  json_object_set_string_member (body, "item", item);
  json_object_set_string_member (body, "applicant", applicant);
  return body;
}

static ZcOutboxEntry *
append (ZcStore    *store,
        const char *username,
        const char *item)
{
  g_autoptr(JsonObject) body = submit_body (item);
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = zc_store_new_local_ref (store);
  ZcOutboxEntry *entry = zc_store_outbox_append (store, username, "submit_case", ref, body, &error);

  g_assert_no_error (error);
  g_assert_cmpint (zc_outbox_entry_get_state (entry), ==, ZC_OUTBOX_QUEUED);
  return entry;
}

static ZcOutboxEntry *
reload (ZcStore       *store,
        ZcOutboxEntry *entry)
{
  g_autoptr(GError) error = NULL;
  ZcOutboxEntry *stored = zc_store_outbox_get (store, zc_outbox_entry_get_id (entry), &error);

  g_assert_no_error (error);
  return stored;
}

static ZcStore *
open_store (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  ZcStore *store = zc_store_new (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
collect_entry (ZcOutbox      *outbox,
               ZcOutboxEntry *entry,
               GPtrArray     *into)
{
  g_ptr_array_add (into, g_object_ref (entry));
}

static void
assert_sent (ZcStore       *store,
             ZcOutboxEntry *entry)
{
  g_autoptr(ZcOutboxEntry) stored = reload (store, entry);

  g_assert_cmpint (zc_outbox_entry_get_state (stored), ==, ZC_OUTBOX_SENT);
  g_assert_cmpint (zc_outbox_entry_get_case_id (stored), >, 0);
  g_assert_true (g_regex_match_simple ("^ZC-[0-9]{8}-[0-9]{6}$",
                                       zc_outbox_entry_get_case_number (stored), 0, 0));
}

typedef struct
{
  ZcOutbox *outbox;
  guint     pending;
} PendingWait;

static gboolean
pending_is (gpointer data)
{
  PendingWait *wait = data;

  return zc_outbox_get_pending (wait->outbox) == wait->pending;
}

/* the outbox counts on a worker thread: its "pending" follows the store
 * a moment later */
static void
await_pending (ZcOutbox *outbox,
               guint     pending)
{
  PendingWait wait = { outbox, pending };

  zc_test_spin_until (pending_is, &wait, 10, "the outbox's pending count");
}

/* The main loop never blocks: no store statement ran from a callback of
 * the main loop (a worker thread ran them all). Statements of the test
 * itself, outside the main loop, do not count. */
static void
assert_main_loop_untouched (void)
{
  g_assert_cmpuint (zc_store_debug_get_main_loop_statements (), ==, 0);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* --- (a) the platform is away, then comes back --- */

static void
test_offline_then_back (void)
{
  g_autoptr(ZcStore) store = open_store ("offline.db");
  g_autoptr(ZcClient) client = login ("clerk");
  g_autoptr(ZcOutbox) outbox = zc_outbox_new (store, client);
  g_autoptr(ZcOutboxEntry) e1 = NULL, e2 = NULL, s1 = NULL, s2 = NULL;
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before_retry = NULL;
  guint before = count_cases ();
  guint online_notified = 0, pending_notified = 0;
  gint64 delay_us;

  server_down ();

  g_signal_connect (outbox, "notify::online", G_CALLBACK (count_notify), &online_notified);
  g_signal_connect (outbox, "notify::pending", G_CALLBACK (count_notify), &pending_notified);
  zc_store_debug_reset_main_loop_statements ();
  e1 = append (store, "clerk", ITEM);
  await_pending (outbox, 1);
  e2 = append (store, "clerk", ITEM);
  await_pending (outbox, 2);
  g_assert_true (zc_outbox_get_online (outbox));
  /* appending shows in "pending" at once, before anything is sent */
  g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 2);
  g_assert_cmpuint (pending_notified, ==, 2);

  g_assert_false (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_false (zc_outbox_get_online (outbox));
  g_assert_cmpuint (online_notified, ==, 1);
  g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 2);

  /* the first entry was tried and waits; the second waits its turn */
  s1 = reload (store, e1);
  g_assert_cmpint (zc_outbox_entry_get_state (s1), ==, ZC_OUTBOX_QUEUED);
  g_assert_cmpuint (zc_outbox_entry_get_attempts (s1), ==, 1);
  g_assert_nonnull (zc_outbox_entry_get_next_attempt (s1));
  g_assert_nonnull (zc_outbox_entry_get_last_error (s1));
  s2 = reload (store, e2);
  g_assert_cmpuint (zc_outbox_entry_get_attempts (s2), ==, 0);
  g_clear_object (&s1);
  g_clear_object (&s2);

  /* the second failure waits twice as long (2 s) */
  before_retry = g_date_time_new_now_utc ();
  g_assert_false (zc_outbox_flush_sync (outbox, NULL, &error));
  g_clear_error (&error);
  s1 = reload (store, e1);
  g_assert_cmpuint (zc_outbox_entry_get_attempts (s1), ==, 2);
  delay_us = g_date_time_difference (zc_outbox_entry_get_next_attempt (s1), before_retry);
  g_assert_cmpint (delay_us, >=, 1900 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (delay_us, <=, 3000 * G_TIME_SPAN_MILLISECOND);
  g_clear_object (&s1);

  /* the timer retries by itself, after 2 s (not sooner), then waits 4 s */
  {
    gint64 started = g_get_monotonic_time ();
    gint64 waited;

    for (;;)
      {
        s1 = reload (store, e1);
        if (zc_outbox_entry_get_attempts (s1) >= 3)
          break;
        g_clear_object (&s1);
        g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_TIME_SPAN_SECOND);
        zc_test_spin_for (50);
      }
    waited = g_get_monotonic_time () - started;
    g_assert_cmpuint (zc_outbox_entry_get_attempts (s1), ==, 3);
    g_assert_cmpint (waited, >=, 1800 * G_TIME_SPAN_MILLISECOND);
    delay_us = g_date_time_difference (zc_outbox_entry_get_next_attempt (s1), before_retry);
    g_assert_cmpint (delay_us, >=, 5500 * G_TIME_SPAN_MILLISECOND);   /* 2 s + 4 s */
    g_assert_false (zc_outbox_get_online (outbox));
    g_clear_object (&s1);
  }

  /* the program is closed and started again: a new outbox on the same
   * store resumes */
  g_clear_object (&outbox);
  g_clear_object (&store);
  store = open_store ("offline.db");
  outbox = zc_outbox_new (store, client);
  g_signal_connect (outbox, "entry-sent", G_CALLBACK (collect_entry), sent);
  await_pending (outbox, 2);
  g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 2);

  server_up ();
  zc_outbox_kick (outbox);
  g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (zc_outbox_get_online (outbox));
  g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 0);

  /* both, once each, in order */
  g_assert_cmpuint (sent->len, ==, 2);
  g_assert_cmpint (zc_outbox_entry_get_id (sent->pdata[0]), ==, zc_outbox_entry_get_id (e1));
  g_assert_cmpint (zc_outbox_entry_get_id (sent->pdata[1]), ==, zc_outbox_entry_get_id (e2));
  assert_sent (store, e1);
  assert_sent (store, e2);
  s1 = reload (store, e1);
  s2 = reload (store, e2);
  g_assert_cmpint (zc_outbox_entry_get_case_id (s1), <, zc_outbox_entry_get_case_id (s2));
  g_assert_cmpstr (zc_outbox_entry_get_case_number (s1), <, zc_outbox_entry_get_case_number (s2));
  g_assert_cmpstr (zc_outbox_entry_get_case_number (s1), ==,
                   zc_outbox_entry_get_case_number (sent->pdata[0]));
  g_assert_cmpuint (count_cases (), ==, before + 2);

  {
    g_autoptr(ZcCase) zcase = get_case (zc_outbox_entry_get_case_id (s1));

    g_assert_cmpint (zc_case_get_state (zcase), ==, ZC_CASE_STATE_RECEIVED);
    g_assert_cmpstr (zc_case_get_number (zcase), ==, zc_outbox_entry_get_case_number (s1));
    g_assert_cmpstr (zc_case_get_item (zcase), ==, ITEM);
    /* 受理 counts from the counter's time, not from the late delivery
     * (the platform was away for several seconds) */
    g_assert_nonnull (zc_case_get_received_at (zcase));
    g_assert_cmpint (ABS (g_date_time_difference (zc_case_get_received_at (zcase),
                                                  zc_outbox_entry_get_created_at (s1))),
                     <=, G_TIME_SPAN_SECOND);
  }

  /* a replay of the same entry (its answer lost) makes no third case */
  {
    g_autoptr(ZcCase) replay = NULL;
    GAsyncResult *result = NULL;

    zc_client_create_case_async (client, zc_outbox_entry_get_body (s1),
                                 zc_outbox_entry_get_idempotency_key (s1), NULL, zc_test_store_result_cb, &result);
    replay = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (client, result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (zc_case_get_id (replay), ==, zc_outbox_entry_get_case_id (s1));
    g_assert_cmpuint (count_cases (), ==, before + 2);
  }

  /* nothing left: flushing again sends nothing */
  g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_cmpuint (sent->len, ==, 2);
  g_assert_cmpuint (count_cases (), ==, before + 2);
  assert_main_loop_untouched ();
}

/* --- (b) a refused entry is set aside and does not block the next --- */

static void
test_refused (void)
{
  g_autoptr(ZcStore) store = open_store ("refused.db");
  g_autoptr(ZcClient) client = login ("clerk");
  g_autoptr(ZcOutbox) outbox = zc_outbox_new (store, client);
  g_autoptr(ZcOutboxEntry) bad = NULL, good = NULL, stored = NULL;
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint before = count_cases ();

  g_signal_connect (outbox, "entry-sent", G_CALLBACK (collect_entry), sent);
  g_signal_connect (outbox, "entry-refused", G_CALLBACK (collect_entry), refused);

  zc_store_debug_reset_main_loop_statements ();
  bad = append (store, "clerk", "no_such_item");
  good = append (store, "clerk", ITEM);
  await_pending (outbox, 2);
  g_assert_cmpuint (zc_outbox_get_refused (outbox), ==, 0);

  g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_no_error (error);

  stored = reload (store, bad);
  g_assert_cmpint (zc_outbox_entry_get_state (stored), ==, ZC_OUTBOX_REFUSED);
  g_assert_nonnull (zc_outbox_entry_get_last_error (stored));
  g_assert_cmpstr (zc_outbox_entry_get_last_error (stored), !=, "");
  g_assert_cmpint (zc_outbox_entry_get_case_id (stored), ==, 0);
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_cmpstr (zc_outbox_entry_get_last_error (refused->pdata[0]), ==,
                   zc_outbox_entry_get_last_error (stored));

  assert_sent (store, good);
  g_assert_cmpuint (sent->len, ==, 1);
  g_assert_cmpuint (zc_outbox_get_refused (outbox), ==, 1);
  g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 0);
  g_assert_true (zc_outbox_get_online (outbox));
  g_assert_cmpuint (count_cases (), ==, before + 1);

  /* a damaged entry is set aside too, never a crash */
  {
    g_autoptr(ZcOutboxEntry) damaged = append (store, "clerk", ITEM);
    g_autoptr(ZcOutboxEntry) after = NULL;
    g_autofree char *path = g_strdup (zc_store_get_path (store));
    g_autofree char *statement = NULL;
    g_autoptr(GListModel) queue = NULL;
    sqlite3 *db = NULL;

    /* break its body behind the store's back */
    g_clear_object (&outbox);
    g_clear_object (&store);
    statement = g_strdup_printf ("UPDATE outbox SET body = 'not json' WHERE id = %" G_GINT64_FORMAT,
                                 zc_outbox_entry_get_id (damaged));
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 10000);
    g_assert_cmpint (sqlite3_exec (db, statement, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);

    store = open_store ("refused.db");
    outbox = zc_outbox_new (store, client);
    after = append (store, "clerk", ITEM);
    g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
    g_assert_no_error (error);
    g_clear_object (&stored);
    stored = reload (store, damaged);
    g_assert_cmpint (zc_outbox_entry_get_state (stored), ==, ZC_OUTBOX_REFUSED);
    assert_sent (store, after);
    queue = zc_store_outbox_list (store, "clerk", ZC_OUTBOX_REFUSED, &error);
    g_assert_cmpuint (g_list_model_get_n_items (queue), ==, 2);
    g_assert_cmpuint (count_cases (), ==, before + 2);
  }
  assert_main_loop_untouched ();
}

/* --- (c) entries belong to the user who wrote them --- */

static void
test_owner (void)
{
  g_autoptr(ZcStore) store = open_store ("owner.db");
  g_autoptr(ZcClient) client = login ("clerk");
  g_autoptr(ZcOutbox) outbox = zc_outbox_new (store, client);
  g_autoptr(ZcOutboxEntry) theirs = NULL, mine = NULL, stored = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_cases ();

  zc_store_debug_reset_main_loop_statements ();
  theirs = append (store, "helper", ITEM);   /* older, so first if it were sent */
  mine = append (store, "clerk", ITEM);
  await_pending (outbox, 1);
  g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 1);

  g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_no_error (error);
  assert_sent (store, mine);
  stored = reload (store, theirs);
  g_assert_cmpint (zc_outbox_entry_get_state (stored), ==, ZC_OUTBOX_QUEUED);
  g_assert_cmpuint (zc_outbox_entry_get_attempts (stored), ==, 0);
  g_assert_cmpuint (count_cases (), ==, before + 1);
  g_clear_object (&stored);

  {
    g_autoptr(ZcOutboxEntry) sent = reload (store, mine);
    g_autoptr(ZcCase) zcase = get_case (zc_outbox_entry_get_case_id (sent));

    g_assert_cmpstr (zc_case_get_clerk (zcase), ==, "clerk");
  }

  /* logging out sends nothing and counts nothing */
  {
    GAsyncResult *result = NULL;
    gboolean ok;

    zc_client_logout_async (client, NULL, zc_test_store_result_cb, &result);
    ok = ZC_TEST_AWAIT_FINISH (result, zc_client_logout_finish (client, result, &error));
    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 0);
    g_assert_false (zc_outbox_flush_sync (outbox, NULL, &error));
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED);
    g_clear_error (&error);
  }

  /* the owner logs in on this workstation: it goes, with their session */
  {
    g_autoptr(ZcUser) user = NULL;
    GAsyncResult *result = NULL;

    zc_client_login_async (client, "helper", PASSWORD, NULL, zc_test_store_result_cb, &result);
    user = ZC_TEST_AWAIT_FINISH (result, zc_client_login_finish (client, result, &error));
    g_assert_no_error (error);
  }
  g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_no_error (error);
  assert_sent (store, theirs);
  g_assert_cmpuint (count_cases (), ==, before + 2);
  {
    g_autoptr(ZcOutboxEntry) sent = reload (store, theirs);
    g_autoptr(ZcCase) zcase = get_case (zc_outbox_entry_get_case_id (sent));

    g_assert_cmpstr (zc_case_get_clerk (zcase), ==, "helper");
  }
  assert_main_loop_untouched ();
}

/* --- the session ended: entries wait --- */

static void
test_session_ended (void)
{
  g_autoptr(ZcStore) store = open_store ("session.db");
  g_autoptr(ZcClient) client = login ("clerk");
  g_autoptr(ZcOutbox) outbox = zc_outbox_new (store, client);
  g_autoptr(ZcOutboxEntry) entry = NULL, stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_strdup (zc_client_get_token (client));
  guint before = count_cases ();

  zc_store_debug_reset_main_loop_statements ();
  zc_client_set_token (client, "no-such-session");
  entry = append (store, "clerk", ITEM);
  g_assert_false (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  stored = reload (store, entry);
  g_assert_cmpint (zc_outbox_entry_get_state (stored), ==, ZC_OUTBOX_QUEUED);
  g_assert_true (zc_outbox_get_online (outbox));
  g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 1);
  g_assert_cmpuint (count_cases (), ==, before);

  zc_client_set_token (client, token);
  g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_no_error (error);
  assert_sent (store, entry);
  g_assert_cmpuint (count_cases (), ==, before + 1);
  assert_main_loop_untouched ();
}

/* --- (d) a crash while saving drafts loses nothing saved --- */

static gint64
last_line_number (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gint64 last = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* a line cut by the kill has no newline after it: not reported */
      if (lines[i + 1] == NULL)
        break;
      if (lines[i][0] != '\0')
        last = g_ascii_strtoll (lines[i], NULL, 10);
    }
  return last;
}

static void
test_crash (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "crash.db", NULL);
  const char *ref = "L-20261127-0001";
  const char *argv[] = { DRAFT_WRITER_PATH, path, ref, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(ZcStore) store = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *expected_text = NULL;
  GPid pid;
  int out_fd, wait_status = 0;
  gint64 reported, seq;
  char buffer[4096];
  gssize n;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  /* let it save a good number of times, then kill it wherever it is */
  while (last_line_number (output->str) < 60 + g_test_rand_int_range (0, 40))
    {
      n = read (out_fd, buffer, sizeof buffer);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (output, buffer, n);
    }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  /* what it managed to report before dying */
  while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (output, buffer, n);
  close (out_fd);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (wait_status));
  g_assert_cmpint (WTERMSIG (wait_status), ==, SIGKILL);
  g_spawn_close_pid (pid);

  reported = last_line_number (output->str);
  g_assert_cmpint (reported, >=, 60);

  store = zc_store_new (path, &error);
  g_assert_no_error (error);
  body = zc_store_load_draft (store, ref, &error);
  g_assert_no_error (error);
  seq = json_object_get_int_member (body, "seq");
  /* every reported save survived; at most one more finished its commit
   * between the save and the report */
  g_assert_cmpint (seq, >=, reported);
  g_assert_cmpint (seq, <=, reported + 1);
  g_assert_cmpint (json_object_get_int_member (body, "check"), ==, seq * 7);
  expected_text = g_strnfill (4096, (char) ('a' + seq % 26));
  g_assert_cmpstr (json_object_get_string_member (body, "text"), ==, expected_text);
}

/* --- (f) material files go up with their submission, once each --- */

/* a PDF-looking body of @size bytes, different per @seed */
static GBytes *
pdf_bytes (gsize size,
           guint seed)
{
  guint8 *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  memcpy (data, "%PDF-1.7\n", MIN (size, 9));
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

static gint64
queue_material (ZcOutbox   *outbox,
                const char *local_ref,
                gint64      case_id,
                const char *code,
                GBytes     *pdf,
                GError    **error)
{
  GAsyncResult *result = NULL;
  g_autofree char *name = g_strdup_printf ("%s.pdf", code);

  zc_outbox_queue_material_async (outbox, local_ref, case_id, code, name, pdf, NULL,
                                  zc_test_store_result_cb, &result);
  return ZC_TEST_AWAIT_FINISH (result, zc_outbox_queue_material_finish (outbox, result, error));
}

static JsonArray *
documents_of (ZcClient *client,
              gint64    case_id)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  JsonArray *docs;

  zc_client_list_documents_async (client, case_id, NULL, zc_test_store_result_cb, &result);
  docs = ZC_TEST_AWAIT_FINISH (result, zc_client_list_documents_finish (client, result, &error));
  g_assert_no_error (error);
  return docs;
}

/* how many of @docs have @sha256 */
static guint
count_sha (JsonArray  *docs,
           const char *sha256)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (docs); i++)
    n += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (docs, i), "sha256"),
                    sha256) == 0;
  return n;
}

static void
collect_progress (ZcOutbox *outbox,
                  gint64    entry_id,
                  gint64    sent,
                  gint64    total,
                  gint64   *last)
{
  g_assert_cmpint (sent, <=, total);
  last[0] = sent;
  last[1] = total;
}

static void
test_materials (void)
{
  g_autoptr(ZcStore) store = open_store ("materials.db");
  g_autoptr(ZcClient) client = login ("clerk");
  g_autoptr(ZcOutbox) outbox = zc_outbox_new (store, client);
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = zc_store_new_local_ref (store);
  g_autoptr(JsonObject) body = submit_body (ITEM);
  g_autoptr(GList) codes = json_object_get_members (json_object_get_object_member (body, "materials"));
  g_autoptr(GBytes) pdf1 = pdf_bytes (2 * 1024 * 1024 + 17, 11);
  g_autoptr(GBytes) pdf2 = pdf_bytes (300 * 1024, 12);
  g_autofree char *sha1 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf1);
  g_autofree char *sha2 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf2);
  g_autoptr(ZcOutboxEntry) submission = NULL;
  g_autoptr(JsonArray) docs = NULL;
  gint64 progress[2] = { 0, 0 };
  gint64 case_id;

  g_assert_cmpuint (g_list_length (codes), >=, 2);
  g_signal_connect (outbox, "entry-sent", G_CALLBACK (collect_entry), sent);
  g_signal_connect (outbox, "upload-progress", G_CALLBACK (collect_progress), progress);
  zc_store_debug_reset_main_loop_statements ();

  /* refused before anything is kept: not a PDF, empty, too large */
  {
    g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n", 8);
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GBytes) huge = pdf_bytes (ZC_CLIENT_MAX_DOCUMENT + 1, 13);

    g_assert_cmpint (queue_material (outbox, ref, 0, codes->data, png, &error), ==, 0);
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (queue_material (outbox, ref, 0, codes->data, empty, &error), ==, 0);
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (queue_material (outbox, ref, 0, codes->data, huge, &error), ==, 0);
    g_assert_error (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_TOO_LARGE);
    g_clear_error (&error);
  }

  /* scanned while the case is a draft: kept, nothing queued yet */
  g_assert_cmpint (queue_material (outbox, ref, 0, codes->data, pdf1, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (queue_material (outbox, ref, 0, codes->next->data, pdf2, &error), >, 0);
  g_assert_no_error (error);
  await_pending (outbox, 0);

  /* a draft given up takes its files with it */
  {
    g_autofree char *other = zc_store_new_local_ref (store);
    g_autoptr(JsonObject) draft = json_object_new ();
    g_autoptr(GBytes) lost = pdf_bytes (1000, 15);

    g_assert_true (zc_store_save_draft_sync (store, other, "clerk", draft, &error));
    g_assert_cmpint (queue_material (outbox, other, 0, codes->data, lost, &error), >, 0);
    g_assert_true (zc_store_delete_draft (store, other, &error));
    g_assert_no_error (error);
  }

  /* submitted: the case, then its two files (the draft deleted after the
   * submission keeps them: they are queued) */
  submission = zc_store_outbox_append (store, "clerk", ZC_OUTBOX_KIND_SUBMIT_CASE, ref, body, &error);
  g_assert_no_error (error);
  g_assert_false (zc_store_delete_draft (store, ref, NULL));   /* never saved as a draft here */
  await_pending (outbox, 3);
  g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (zc_outbox_get_pending (outbox), ==, 0);
  g_assert_cmpuint (sent->len, ==, 3);
  g_assert_cmpstr (zc_outbox_entry_get_kind (sent->pdata[0]), ==, ZC_OUTBOX_KIND_SUBMIT_CASE);
  g_assert_cmpstr (zc_outbox_entry_get_kind (sent->pdata[1]), ==, ZC_OUTBOX_KIND_UPLOAD_DOCUMENT);
  g_assert_cmpstr (zc_outbox_entry_get_kind (sent->pdata[2]), ==, ZC_OUTBOX_KIND_UPLOAD_DOCUMENT);
  assert_sent (store, submission);
  case_id = zc_outbox_entry_get_case_id (sent->pdata[0]);
  g_assert_cmpint (zc_outbox_entry_get_case_id (sent->pdata[1]), ==, case_id);
  /* the progress of the last file reached its end */
  g_assert_cmpint (progress[1], ==, 300 * 1024);
  g_assert_cmpint (progress[0], ==, progress[1]);

  docs = documents_of (client, case_id);
  g_assert_cmpuint (json_array_get_length (docs), ==, 2);
  g_assert_cmpuint (count_sha (docs, sha1), ==, 1);
  g_assert_cmpuint (count_sha (docs, sha2), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (docs, 0), "material"),
                   ==, codes->data);

  /* the bytes come back as they went */
  {
    GAsyncResult *result = NULL;
    g_autoptr(GBytes) back = NULL;

    zc_client_download_document_async (client, case_id,
                                       json_object_get_int_member (json_array_get_object_element (docs, 0), "id"),
                                       NULL, zc_test_store_result_cb, &result);
    back = ZC_TEST_AWAIT_FINISH (result, zc_client_download_document_finish (client, result, &error));
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (back, pdf1));
  }

  /* the answer of an upload lost before it was recorded (a crash between
   * upload and mark): sent again with its key, the platform keeps one */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "materials.db", NULL);
    g_autofree char *sql = g_strdup_printf ("UPDATE outbox SET state = 0, case_id = NULL WHERE id = %" G_GINT64_FORMAT,
                                            zc_outbox_entry_get_id (sent->pdata[1]));
    sqlite3 *raw = NULL;

    g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
    zc_outbox_kick (outbox);
    g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (sent->len, ==, 4);
    g_clear_pointer (&docs, json_array_unref);
    docs = documents_of (client, case_id);
    g_assert_cmpuint (json_array_get_length (docs), ==, 2);
    g_assert_cmpuint (count_sha (docs, sha1), ==, 1);
  }

  /* a case already on the platform: the file goes up through the outbox too */
  {
    g_autoptr(GBytes) pdf3 = pdf_bytes (5000, 14);
    g_autofree char *sha3 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf3);

    g_assert_cmpint (queue_material (outbox, NULL, case_id, codes->data, pdf3, &error), >, 0);
    g_assert_no_error (error);
    g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
    g_assert_no_error (error);
    g_clear_pointer (&docs, json_array_unref);
    docs = documents_of (client, case_id);
    g_assert_cmpuint (json_array_get_length (docs), ==, 3);
    g_assert_cmpuint (count_sha (docs, sha3), ==, 1);
  }
  /* in the store: the three uploaded files, none of the given-up draft */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "materials.db", NULL);
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT count(*), count(document_id) FROM material_files", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 3);
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }
  assert_main_loop_untouched ();
}


/* --- (g) signed commitments go up between the case and its reception --- */

/* A submission with @code 容缺 (deferred) and the applicant's signed
 * commitment for it, to be supplied on the next working day: its
 * letters @pdf (申请容缺受理承诺书) and @notice (容缺受理通知书) as the
 * reception keeps them (zc-signed-commitment.h); without @notice, as an
 * entry queued before the notice was kept ("document", "document_name") */
static ZcOutboxEntry *
append_with_commitment (ZcStore    *store,
                        const char *deferred,
                        const char *committed_code,
                        GBytes     *pdf,
                        GBytes     *notice)
{
  g_autoptr(JsonObject) body = submit_body (ITEM);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCalendar) calendar = zc_calendar_new_default (&error);
  g_autoptr(GDateTime) now = zc_clock_now_utc (zc_clock_get_default ());
  g_autofree char *signed_at = g_date_time_format_iso8601 (now);
  g_autofree char *ref = zc_store_new_local_ref (store);
  g_autofree char *deadline = NULL;
  g_autofree char *encoded = g_base64_encode (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  JsonArray *list = json_array_new ();
  JsonObject *c = json_object_new ();
  JsonObject *signature = json_object_new ();
  JsonArray *materials = json_array_new ();
  GDate today, due;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_clear (&due, 1);
  zc_clock_today_china (zc_clock_get_default (), &today);
  g_assert_true (zc_calendar_add_working_days (calendar, &today, 1, &due, NULL, &error));
  deadline = zc_date_to_iso (&due);

  if (deferred != NULL)
    json_object_set_string_member (json_object_get_object_member (body, "materials"), deferred, "deferred");
  json_array_add_string_element (materials, committed_code);
  json_object_set_string_member (c, "kind", "tolerance");
  json_object_set_array_member (c, "materials", materials);
  json_object_set_string_member (c, "deadline", deadline);
  json_object_set_string_member (signature, "signer", applicant);
  json_object_set_string_member (signature, "signer_role", "applicant");
  json_object_set_string_member (signature, "signed_at", signed_at);
  json_object_set_string_member (signature, "method", "signature_pad");
  json_object_set_object_member (c, "signature", signature);
  if (notice != NULL)
    {
      zc_signed_commitment_add_document (c, "commitment_letter", "申请容缺受理承诺书.pdf", pdf, 1);
      zc_signed_commitment_add_document (c, "tolerance_notice", "容缺受理通知书.pdf", notice, 2);
    }
  else
    {
      json_object_set_string_member (c, "document", encoded);
      json_object_set_string_member (c, "document_name", "容缺受理承诺书.pdf");
    }
  json_array_add_object_element (list, c);
  json_object_set_array_member (body, "commitments", list);
  {
    ZcOutboxEntry *entry = zc_store_outbox_append (store, "clerk", "submit_case", ref, body, &error);

    g_assert_no_error (error);
    return entry;
  }
}

/* a count on the platform's database (read-only, beside the server) */
static gint64
platform_count (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static guint
count_kind (JsonArray  *docs,
            const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (docs); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (docs, i), "kind"), kind) == 0)
      n++;
  return n;
}

static void
test_commitments (void)
{
  g_autoptr(ZcStore) store = open_store ("commitments.db");
  g_autoptr(ZcClient) client = login ("clerk");
  g_autoptr(ZcOutbox) outbox = zc_outbox_new (store, client);
  g_autoptr(GBytes) pdf = pdf_bytes (3000, 11);
  g_autoptr(GBytes) notice = pdf_bytes (2500, 21);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) good = append_with_commitment (store, "floor_plan", "floor_plan", pdf, notice);
  g_autoptr(ZcOutboxEntry) stored = NULL;
  g_autoptr(ZcCase) zcase = NULL;
  g_autoptr(JsonArray) docs = NULL;
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *notice_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, notice);
  g_autofree char *named = NULL;
  GPtrArray *commitments;
  gboolean waits = FALSE;

  zc_store_debug_reset_main_loop_statements ();
  g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
  g_assert_no_error (error);

  /* received, with its commitment naming the signed letter, the task of
   * the sub-matter needing the plan waiting for it */
  assert_sent (store, good);
  stored = reload (store, good);
  zcase = get_case (zc_outbox_entry_get_case_id (stored));
  commitments = zc_case_get_commitments (zcase);
  g_assert_cmpuint (commitments->len, ==, 1);
  g_assert_cmpstr (((ZcCaseCommitment *) commitments->pdata[0])->kind, ==, "tolerance");
  g_assert_cmpstr (((ZcCaseCommitment *) commitments->pdata[0])->state, ==, "open");
  g_assert_cmpstr (((ZcCaseCommitment *) commitments->pdata[0])->materials[0], ==, "floor_plan");
  docs = documents_of (client, zc_case_get_id (zcase));
  g_assert_cmpuint (count_sha (docs, sha), ==, 1);
  g_assert_cmpuint (count_kind (docs, "commitment_letter"), ==, 1);
  /* …and the window's 容缺受理通知书, its bytes (SHA-256) */
  g_assert_cmpuint (count_sha (docs, notice_sha), ==, 1);
  g_assert_cmpuint (count_kind (docs, "tolerance_notice"), ==, 1);
  /* the commitment names both letters, its signature the first */
  named = g_strdup_printf ("SELECT count(*) FROM commitments k, json_each (k.documents) e "
                           "JOIN documents d ON d.id = e.value WHERE k.case_id = %" G_GINT64_FORMAT
                           " AND ((d.kind = 'commitment_letter' AND d.sha256 = '%s'"
                           "       AND json_extract (k.signature, '$.document_id') = d.id)"
                           "   OR (d.kind = 'tolerance_notice' AND d.sha256 = '%s'))",
                           zc_case_get_id (zcase), sha, notice_sha);
  g_assert_cmpint (platform_count (named), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (zc_case_get_tasks (zcase)); i++)
    {
      g_autoptr(ZcTask) task = g_list_model_get_item (zc_case_get_tasks (zcase), i);

      waits = waits || zc_task_get_awaiting_supplement (task);
    }
  g_assert_true (waits);

  /* the platform refuses the commitment (this material is not 可容缺):
   * the submission is set aside with its reason, the case stays a draft;
   * sent again, nothing is recorded twice */
  {
    g_autoptr(GBytes) other = pdf_bytes (3000, 12);
    g_autoptr(GBytes) other_notice = pdf_bytes (2500, 22);
    g_autoptr(ZcOutboxEntry) bad = append_with_commitment (store, NULL, "applicant_id_card", other, other_notice);
    g_autoptr(ZcOutboxEntry) refused = NULL;
    g_autofree char *other_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, other);
    g_autofree char *other_notice_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, other_notice);
    g_autofree char *letters = g_strdup_printf ("SELECT count(*) FROM documents WHERE sha256 IN ('%s', '%s')",
                                                other_sha, other_notice_sha);

    for (guint attempt = 0; attempt < 2; attempt++)
      {
        g_clear_object (&refused);
        if (attempt > 0)
          {
            /* sent again (the clerk's 重新提交): the letters' keys are
             * replayed, the platform answers the first upload */
            g_assert_true (zc_store_outbox_requeue (store, zc_outbox_entry_get_id (bad), &error));
            g_assert_no_error (error);
          }
        g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
        g_assert_no_error (error);
        refused = reload (store, bad);
        g_assert_cmpint (zc_outbox_entry_get_state (refused), ==, ZC_OUTBOX_REFUSED);
        g_assert_nonnull (zc_outbox_entry_get_last_error (refused));
        g_test_message ("refused: %s", zc_outbox_entry_get_last_error (refused));
        g_assert_cmpstr (zc_outbox_entry_get_last_error (refused), !=, "");
        g_assert_cmpint (zc_outbox_entry_get_case_id (refused), ==, 0);
        /* both letters went up before the refusal, each once */
        g_assert_cmpint (platform_count (letters), ==, 2);
      }
  }
  {
    /* the commitment is made, the reception refused (a material still
     * missing): sent again, the case's commitment is not made twice */
    g_autoptr(GBytes) other = pdf_bytes (3000, 13);
    g_autoptr(ZcOutboxEntry) bad = NULL;
    g_autoptr(ZcOutboxEntry) refused = NULL;
    g_autoptr(GListModel) cases = NULL;
    g_autoptr(JsonObject) body = NULL;
    g_autofree char *sql = NULL;

    /* an entry queued before the notice was kept: its letter alone */
    bad = append_with_commitment (store, "floor_plan", "floor_plan", other, NULL);
    /* behind the entry: one material not handed in */
    body = json_object_ref (zc_outbox_entry_get_body (bad));
    {
      g_autofree char *path = g_strdup (zc_store_get_path (store));
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
      g_autofree char *text = NULL;
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      json_object_set_string_member (json_object_get_object_member (body, "materials"), "food_safety_rules", "pending");
      text = json_to_string (node, FALSE);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      sqlite3_busy_timeout (db, 10000);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE outbox SET body = ?1 WHERE id = ?2", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, zc_outbox_entry_get_id (bad));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
    }
    for (guint attempt = 0; attempt < 2; attempt++)
      {
        g_clear_object (&refused);
        if (attempt > 0)
          {
            g_assert_true (zc_store_outbox_requeue (store, zc_outbox_entry_get_id (bad), &error));
            g_assert_no_error (error);
          }
        g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
        g_assert_no_error (error);
        refused = reload (store, bad);
        g_assert_cmpint (zc_outbox_entry_get_state (refused), ==, ZC_OUTBOX_REFUSED);
      }
    /* one draft case of this entry, one commitment, one letter */
    {
      g_autofree char *other_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, other);

      sql = g_strdup_printf ("SELECT count(*) FROM commitments k JOIN documents d ON d.case_id = k.case_id "
                             "WHERE d.sha256 = '%s'", other_sha);
    }
    g_assert_cmpint (platform_count (sql), ==, 1);
    (void) cases;
  }

  /* a kept letter whose bytes are not those its SHA-256 names (the
   * entry damaged on this computer): set aside with the reason, none of
   * its letters sent */
  {
    g_autoptr(GBytes) letter = pdf_bytes (3000, 14);
    g_autoptr(GBytes) damaged_notice = pdf_bytes (2500, 24);
    g_autoptr(ZcOutboxEntry) bad = append_with_commitment (store, "floor_plan", "floor_plan", letter,
                                                           damaged_notice);
    g_autoptr(ZcOutboxEntry) refused = NULL;
    g_autoptr(JsonObject) body = json_object_ref (zc_outbox_entry_get_body (bad));
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
    g_autofree char *text = NULL;
    g_autofree char *letter_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, letter);
    g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM documents WHERE sha256 = '%s'", letter_sha);
    JsonObject *c = json_array_get_object_element (json_object_get_array_member (body, "commitments"), 0);
    JsonObject *notice_doc = json_array_get_object_element (json_object_get_array_member (c, "documents"), 1);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    json_object_set_string_member (notice_doc, "sha256",
                                   "0000000000000000000000000000000000000000000000000000000000000000");
    text = json_to_string (node, FALSE);
    g_assert_cmpint (sqlite3_open (zc_store_get_path (store), &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 10000);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE outbox SET body = ?1 WHERE id = ?2", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, zc_outbox_entry_get_id (bad));
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (db);

    g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
    g_assert_no_error (error);
    refused = reload (store, bad);
    g_assert_cmpint (zc_outbox_entry_get_state (refused), ==, ZC_OUTBOX_REFUSED);
    g_assert_cmpstr (zc_outbox_entry_get_last_error (refused), ==,
                     _("The signed commitment of this submission is damaged: open the draft and have the applicant sign again."));
    g_assert_cmpint (platform_count (count), ==, 0);
  }

  /* replayed after the answer was lost (a crash before "sent" was
   * recorded): the same case, the same commitment and letter, once */
  {
    g_autoptr(ZcOutboxEntry) replay = NULL;
    g_autoptr(ZcCase) same = NULL;
    g_autoptr(JsonArray) docs_after = NULL;
    g_autofree char *path = g_strdup (zc_store_get_path (store));
    g_autofree char *statement = g_strdup_printf (
      "UPDATE outbox SET state = 0, case_id = NULL, case_number = NULL WHERE id = %" G_GINT64_FORMAT,
      zc_outbox_entry_get_id (good));
    sqlite3 *db = NULL;

    g_clear_object (&outbox);
    g_clear_object (&store);
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    /* the store just closed may still be finishing on its worker */
    sqlite3_busy_timeout (db, 10000);
    if (sqlite3_exec (db, statement, NULL, NULL, NULL) != SQLITE_OK)
      g_error ("%s", sqlite3_errmsg (db));
    sqlite3_close (db);
    store = open_store ("commitments.db");
    outbox = zc_outbox_new (store, client);
    g_assert_true (zc_outbox_flush_sync (outbox, NULL, &error));
    g_assert_no_error (error);
    replay = reload (store, good);
    assert_sent (store, good);
    g_assert_cmpint (zc_outbox_entry_get_case_id (replay), ==, zc_case_get_id (zcase));
    same = get_case (zc_case_get_id (zcase));
    g_assert_cmpuint (zc_case_get_commitments (same)->len, ==, 1);
    docs_after = documents_of (client, zc_case_get_id (zcase));
    g_assert_cmpuint (count_sha (docs_after, sha), ==, 1);
    g_assert_cmpuint (count_sha (docs_after, notice_sha), ==, 1);
    g_assert_cmpuint (count_kind (docs_after, "tolerance_notice"), ==, 1);
  }
  assert_main_loop_untouched ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("zc-test-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "platform.db", NULL);
  port = zc_test_pick_port ();
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  server_up ();

  /* a person applicant of the demo register (for 开办餐饮店) */
  {
    g_autoptr(ZcClient) supervisor = login ("supervisor");

    applicant = zc_test_first_person_applicant (supervisor);
    /* the platform receives complete cases only */
    complete = zc_test_complete_case_body (supervisor, ITEM, applicant);
  }

  g_test_add_func ("/outbox/offline-then-back", test_offline_then_back);
  g_test_add_func ("/outbox/refused", test_refused);
  g_test_add_func ("/outbox/owner", test_owner);
  g_test_add_func ("/outbox/session-ended", test_session_ended);
  g_test_add_func ("/outbox/crash", test_crash);
  g_test_add_func ("/outbox/materials", test_materials);
  g_test_add_func ("/outbox/commitments", test_commitments);

  status = g_test_run ();

  if (server != NULL)
    server_down ();
  zc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (db_path);
  g_free (url);
  g_free (applicant);
  return status;
}
