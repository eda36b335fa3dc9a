/* test-restart.c — zc-platform keeps its data across restarts and the
 * libsoup adapter carries requests and answers faithfully.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "zc-server.h"
#include "zc-test-server-fixture.h"

typedef struct
{
  guint   status;
  char   *body;
  char   *content_type;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_free (reply->body);
  g_free (reply->content_type);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static Reply
send (SoupSession *session,
      const char  *base,
      const char  *method,
      const char  *path,
      const char  *token,
      const char  *body,
      const char  *idempotency_key)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  GBytes *bytes = NULL;
  Reply reply = { 0 };

  g_assert_nonnull (msg);
  if (token)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (idempotency_key)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", idempotency_key);
  if (body)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);

  reply.status = soup_message_get_status (msg);
  reply.body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  reply.content_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Content-Type"));
  g_bytes_unref (bytes);
  return reply;
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static ZcServer *
start (const char *path,
       char      **base)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcServer) server = zc_server_new (path, FALSE, NULL, &error);

  g_assert_no_error (error);
  zc_server_listen (server, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (zc_server_get_url (server), "http://127.0.0.1:"));
  g_assert_false (g_str_has_suffix (zc_server_get_url (server), "/"));
  *base = g_strconcat (zc_server_get_url (server), "/api/v1", NULL);
  return g_steal_pointer (&server);
}

/* The database holds every applicant's name, ID number and address: a new
 * one (and its WAL, which SQLite makes with the database's mode) is
 * readable by its owner only, whatever the umask, like the documents
 * folder beside it and the workstation's local.db. */
static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

static void
test_db_private (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-test-private-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "platform.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  mode_t old_mask = umask (022);

  {
    g_autoptr(ZcServerDb) db = zc_server_db_open (path, &error);

    g_assert_no_error (error);
    zc_test_populate (db);
    assert_private (path);
    assert_private (wal);
  }
  umask (old_mask);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);

        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

static void
test_restart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-test-restart-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "platform.db", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *token = NULL;
  g_autofree char *base = NULL;
  gint64 id;

  {
    g_autoptr(ZcServerDb) db = zc_server_db_open (path, &error);
    g_assert_no_error (error);
    zc_test_populate (db);
  }

  {
    g_autoptr(ZcServer) server = start (path, &base);
    g_autoptr(JsonParser) p1 = json_parser_new ();
    g_autoptr(JsonParser) p2 = json_parser_new ();
    Reply health = send (session, base, "GET", "/health", NULL, NULL, NULL);
    Reply login = send (session, base, "POST", "/sessions", NULL,
                        "{\"username\":\"clerk\",\"password\":\"" PASSWORD "\"}", NULL);
    Reply created, malformed, missing;

    g_assert_cmpuint (health.status, ==, 200);
    g_assert_cmpstr (health.content_type, ==, "application/json; charset=utf-8");
    g_assert_cmpuint (login.status, ==, 201);
    token = g_strdup (json_object_get_string_member (parse_object (login.body, p1), "token"));

    created = send (session, base, "POST", "/cases", token,
                    "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"form\":{\"note\":\"保留\"}}", "k1");
    g_assert_cmpuint (created.status, ==, 201);
    id = json_object_get_int_member (parse_object (created.body, p2), "id");

    malformed = send (session, base, "POST", "/cases", token, "{", NULL);
    g_assert_cmpuint (malformed.status, ==, 400);
    missing = send (session, base, "GET", "/cases/12345", token, NULL, NULL);
    g_assert_cmpuint (missing.status, ==, 404);

    reply_clear (&health);
    reply_clear (&login);
    reply_clear (&created);
    reply_clear (&malformed);
    reply_clear (&missing);
    zc_server_shutdown (server);
  }
  g_clear_pointer (&base, g_free);

  {
    g_autoptr(ZcServer) server = start (path, &base);
    g_autoptr(JsonParser) p1 = json_parser_new ();
    g_autoptr(JsonParser) p2 = json_parser_new ();
    g_autofree char *case_path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT, id);
    Reply got = send (session, base, "GET", case_path, token, NULL, NULL);
    /* the same request again (a key is bound to its body) */
    Reply replay = send (session, base, "POST", "/cases", token,
                         "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"form\":{\"note\":\"保留\"}}", "k1");
    JsonObject *o;

    /* the session and the case survived the restart */
    g_assert_cmpuint (got.status, ==, 200);
    o = parse_object (got.body, p1);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "form"), "note"), ==, "保留");
    g_assert_cmpuint (replay.status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (parse_object (replay.body, p2), "id"), ==, id);
    reply_clear (&got);
    reply_clear (&replay);
    zc_server_shutdown (server);
  }

  {
    g_autoptr(ZcServerDb) db = zc_server_db_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM cases"), ==, 1);
    /* the case in full: made, read after the restart, replayed */
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM events WHERE action = 'case.view'"), ==, 3);
    g_assert_cmpint (zc_test_count (db, "PRAGMA user_version"), ==, 10);
  }

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

static void
test_bad_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcServer) server = zc_server_new ("/nonexistent-dir/x/platform.db", FALSE, NULL, &error);

  g_assert_null (server);
  g_assert_error (error, ZC_SERVER_DB_ERROR, ZC_SERVER_DB_ERROR_OPEN);
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  g_assert_no_error (error);
  if (*line == NULL)
    *line = g_strdup ("");
}

static void
on_process_exited (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

/* The real executable: first stdout line is the URL; SIGTERM ends it
 * cleanly (exit 0). */
static void
test_executable (void)
{
  const char *exe = g_getenv ("ZC_PLATFORM_PATH");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GRegex) url_re = g_regex_new ("^http://127\\.0\\.0\\.1:[0-9]+$", 0, 0, NULL);
  g_autofree char *line = NULL;
  g_autofree char *base = NULL;
  gboolean done = FALSE;
  Reply health;

  if (exe == NULL || !g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ZC_PLATFORM_PATH is not set");
      return;
    }
  dir = g_dir_make_tmp ("zc-test-exe-XXXXXX", &error);
  path = g_build_filename (dir, "p.db", NULL);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              exe, "--listen", "127.0.0.1:0", "--db", path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, on_line, &line);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_regex_match (url_re, line, 0, NULL));

  base = g_strconcat (line, "/api/v1", NULL);
  health = send (session, base, "GET", "/health", NULL, NULL, NULL);
  g_assert_cmpuint (health.status, ==, 200);
  reply_clear (&health);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, on_process_exited, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

/* ------------------------------------------------------------------ */
/* The platform SIGKILLed during a burst of submissions                */

typedef struct
{
  guint  done;
  guint  ok;
  guint *statuses;
} Burst;

typedef struct
{
  Burst       *burst;
  SoupMessage *msg;
  guint        index;
} BurstCall;

static void
on_burst_sent (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  BurstCall *call = user_data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  /* a request cut by the kill fails: the counter retries it */
  call->burst->statuses[call->index] = bytes ? soup_message_get_status (call->msg) : 0;
  if (bytes != NULL && soup_message_get_status (call->msg) == 201)
    call->burst->ok++;
  call->burst->done++;
  g_object_unref (call->msg);
  g_free (call);
}

static GSubprocess *
start_executable (const char  *exe,
                  const char  *path,
                  char       **base)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              exe, "--listen", "127.0.0.1:0", "--db", path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, on_line, &line);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  *base = g_strconcat (line, "/api/v1", NULL);
  return g_steal_pointer (&process);
}

#define BURST 200

static char *
burst_body (guint i)
{
  /* each submission its own form: a key is bound to its body */
  return g_strdup_printf ("{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\","
                          "\"form\":{\"note\":\"submission %u\"},"
                          "\"materials\":{\"id_copy\":\"received\",\"lease\":\"received\"}}", i);
}

/* Hardening: SIGKILL in the middle of 200 submissions, restart on the same
 * database, every submission retried with its Idempotency-Key (as the
 * outbox does) and then received: exactly 200 cases, 200 numbers. */
static void
test_kill_burst (void)
{
  const char *exe = g_getenv ("ZC_PLATFORM_PATH");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 16, "max-conns-per-host", 8, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *id_of = g_new0 (gint64, BURST);
  guint statuses[BURST] = { 0 };
  Burst burst = { 0, 0, statuses };
  guint before_kill, created_again = 0, replayed = 0;
  gboolean exited = FALSE;

  if (exe == NULL || !g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ZC_PLATFORM_PATH is not set");
      return;
    }
  dir = g_dir_make_tmp ("zc-test-kill-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "platform.db", NULL);
  {
    g_autoptr(ZcServerDb) db = zc_server_db_open (path, &error);
    g_assert_no_error (error);
    zc_test_populate (db);
  }

  process = start_executable (exe, path, &base);
  {
    g_autoptr(JsonParser) p = json_parser_new ();
    Reply login = send (session, base, "POST", "/sessions", NULL,
                        "{\"username\":\"clerk\",\"password\":\"" PASSWORD "\"}", NULL);

    g_assert_cmpuint (login.status, ==, 201);
    token = g_strdup (json_object_get_string_member (parse_object (login.body, p), "token"));
    reply_clear (&login);
  }

  /* the burst: every submission in flight at once, the kill after a
   * quarter of the answers */
  for (guint i = 0; i < BURST; i++)
    {
      g_autofree char *url = g_strconcat (base, "/cases", NULL);
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      g_autofree char *key = g_strdup_printf ("burst-%u", i);
      g_autofree char *body = burst_body (i);
      g_autoptr(GBytes) b = g_bytes_new (body, strlen (body));
      BurstCall *call = g_new0 (BurstCall, 1);

      call->burst = &burst;
      call->index = i;
      call->msg = soup_message_new ("POST", url);
      soup_message_headers_replace (soup_message_get_request_headers (call->msg), "Authorization", auth);
      soup_message_headers_replace (soup_message_get_request_headers (call->msg), "Idempotency-Key", key);
      soup_message_set_request_body_from_bytes (call->msg, "application/json", b);
      soup_session_send_and_read_async (session, call->msg, G_PRIORITY_DEFAULT, NULL, on_burst_sent, call);
    }
  while (burst.done < BURST / 4)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_send_signal (process, SIGKILL);
  before_kill = burst.ok;
  g_subprocess_wait_async (process, NULL, on_process_exited, &exited);
  while (!exited || burst.done < BURST)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  g_clear_object (&process);
  g_test_message ("answered before the kill: %u of %u (201: %u)", burst.done, BURST, before_kill);
  g_assert_cmpuint (burst.ok, <, BURST);   /* the kill did cut the burst */

  /* restart on the same database; the counter retries every submission */
  g_clear_pointer (&base, g_free);
  process = start_executable (exe, path, &base);
  for (guint i = 0; i < BURST; i++)
    {
      g_autoptr(JsonParser) p = json_parser_new ();
      g_autofree char *key = g_strdup_printf ("burst-%u", i);
      g_autofree char *body = burst_body (i);
      Reply r = send (session, base, "POST", "/cases", token, body, key);

      if (r.status != 200 && r.status != 201)
        g_error ("retry %u: %u %s", i, r.status, r.body);
      if (r.status == 200)
        replayed++;
      else
        created_again++;
      /* a submission answered 201 before the kill is a replay now */
      if (statuses[i] == 201)
        g_assert_cmpuint (r.status, ==, 200);
      id_of[i] = json_object_get_int_member (parse_object (r.body, p), "id");
      g_assert_false (g_hash_table_contains (ids, &id_of[i]));
      g_hash_table_add (ids, &id_of[i]);
      reply_clear (&r);
    }
  g_test_message ("retries: %u replayed, %u made now", replayed, created_again);
  for (guint i = 0; i < BURST; i++)
    {
      g_autofree char *key = g_strdup_printf ("receive-%u", i);
      g_autofree char *case_path = g_strdup_printf ("/cases/%" G_GINT64_FORMAT "/transitions", id_of[i]);
      Reply r = send (session, base, "POST", case_path, token, "{\"to\":\"received\"}", key);

      g_assert_cmpuint (r.status, ==, 200);
      reply_clear (&r);
    }
  g_subprocess_send_signal (process, SIGTERM);
  exited = FALSE;
  g_subprocess_wait_async (process, NULL, on_process_exited, &exited);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);

  {
    g_autoptr(ZcServerDb) db = zc_server_db_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM cases"), ==, BURST);
    g_assert_cmpint (zc_test_count (db, "SELECT count(DISTINCT number) FROM cases WHERE state = 'received'"), ==, BURST);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM idempotency"), ==, BURST);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM events WHERE action = 'case.create'"), ==, BURST);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM tasks"), ==, 2 * BURST);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM cases c WHERE NOT EXISTS "
                                        "(SELECT 1 FROM idempotency i WHERE i.case_id = c.id)"), ==, 0);
  }

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server/restart/keeps-data", test_restart);
  g_test_add_func ("/server/restart/db-private", test_db_private);
  g_test_add_func ("/server/restart/bad-db", test_bad_db);
  g_test_add_func ("/server/restart/executable", test_executable);
  g_test_add_func ("/server/restart/kill-burst", test_kill_burst);
  return g_test_run ();
}
