/* outbox-app.c — helper of test-outbox-faults: the app's sending side in
 * a process of its own, so that the test can SIGKILL it in the middle of
 * a burst. It runs the app's own code: a ZcSession on the store (its
 * ZcOutbox), a login as the clerk, submissions appended and sent as the
 * reception page does (a local reference, the outbox entry, a kick).
 *
 *   outbox-app STORE URL BODY_FILE COUNT [MATERIALS]
 *
 * With MATERIALS (> 0), each submission first gets that many material
 * files (PDFs of 256 KiB naming their local reference, for the first
 * materials of the body) kept with its draft through
 * zc_outbox_queue_material_async, as the scan step does; they are
 * uploaded behind the submission ("sent ID CASE_ID" too).
 *
 * Appends submissions of the case body in BODY_FILE (JSON) until the
 * store holds COUNT of them (a restarted process appends only what the
 * killed one had not stored), kicking the outbox after each, then waits
 * until nothing is queued. Prints "appended ID", "sent ID CASE_ID" as
 * they happen and "done" at the end (exit 0); an error exits 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "zc-json.h"
#include "zc-session.h"

#define USERNAME "clerk"
#define PASSWORD "demo1234"

typedef struct
{
  ZcSession  *session;
  JsonObject *body;
  guint       to_append;
  guint       materials;    /* files per submission */
  guint       queued;       /* files of the current submission kept */
  char       *ref;          /* the current submission's local reference */
  GMainLoop  *loop;
  int         status;
} App;

static void queue_next_material (App *app);

static void append_next (App *app);

static void
die (App        *app,
     const char *what,
     GError     *error)
{
  fprintf (stderr, "outbox-app: %s: %s\n", what, error->message);
  app->status = 1;
  g_main_loop_quit (app->loop);
}

static void
flush_all (App *app)
{
  g_autoptr(GError) error = NULL;

  /* a refused entry would not make it fail: the test counts them */
  if (!zc_outbox_flush_sync (zc_session_get_outbox (app->session), NULL, &error))
    {
      die (app, "flush", error);
      return;
    }
  printf ("done\n");
  fflush (stdout);
  g_main_loop_quit (app->loop);
}

static void
appended_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcOutboxEntry) entry = zc_store_outbox_append_finish (ZC_STORE (object), result, &error);

  if (entry == NULL)
    {
      die (app, "append", error);
      return;
    }
  printf ("appended %" G_GINT64_FORMAT "\n", zc_outbox_entry_get_id (entry));
  fflush (stdout);
  zc_outbox_kick (zc_session_get_outbox (app->session));
  app->to_append--;
  append_next (app);
}

static void
local_ref_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = zc_store_new_local_ref_finish (ZC_STORE (object), result, &error);

  if (ref == NULL)
    {
      die (app, "local reference", error);
      return;
    }
  g_free (app->ref);
  app->ref = g_steal_pointer (&ref);
  app->queued = 0;
  queue_next_material (app);
}

static void
material_queued_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = zc_outbox_queue_material_finish (ZC_OUTBOX (object), result, &error);

  if (id <= 0)
    {
      die (app, "material", error);
      return;
    }
  printf ("queued %" G_GINT64_FORMAT "\n", id);
  fflush (stdout);
  app->queued++;
  queue_next_material (app);
}

/* 256 KiB that start as a PDF and name their submission and index */
static GBytes *
material_pdf (const char *ref,
              guint       index)
{
  gsize size = 256 * 1024;
  char *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (g_str_hash (ref) + index);
  int head;

  for (gsize i = 0; i < size; i++)
    data[i] = (char) g_rand_int_range (rand, 0, 256);
  head = g_snprintf (data, 64, "%%PDF-1.7\n%% %s-%u\n", ref, index);
  (void) head;
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

static void
queue_next_material (App *app)
{
  JsonObject *materials = json_object_get_object_member (app->body, "materials");
  g_autoptr(GList) codes = materials ? json_object_get_members (materials) : NULL;
  const char *code = g_list_nth_data (codes, app->queued);

  if (app->queued >= app->materials || code == NULL)
    {
      zc_store_outbox_append_async (zc_session_get_store (app->session), USERNAME, "submit_case",
                                    app->ref, app->body, NULL, appended_cb, app);
      return;
    }
  {
    g_autoptr(GBytes) pdf = material_pdf (app->ref, app->queued);
    g_autofree char *name = g_strdup_printf ("%s-%u.pdf", app->ref, app->queued);

    zc_outbox_queue_material_async (zc_session_get_outbox (app->session), app->ref, 0, code, name,
                                    pdf, NULL, material_queued_cb, app);
  }
}

static void
append_next (App *app)
{
  if (app->to_append == 0)
    {
      flush_all (app);
      return;
    }
  zc_store_new_local_ref_async (zc_session_get_store (app->session), NULL, local_ref_cb, app);
}

static void
entry_sent_cb (ZcOutbox      *outbox,
               ZcOutboxEntry *entry,
               gpointer       user_data)
{
  printf ("sent %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
          zc_outbox_entry_get_id (entry), zc_outbox_entry_get_case_id (entry));
  fflush (stdout);
}

static void
entry_refused_cb (ZcOutbox      *outbox,
                  ZcOutboxEntry *entry,
                  gpointer       user_data)
{
  printf ("refused %" G_GINT64_FORMAT "\n", zc_outbox_entry_get_id (entry));
  fflush (stdout);
}

static void
logged_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcUser) user = zc_client_login_finish (ZC_CLIENT (object), result, &error);

  if (user == NULL)
    {
      die (app, "login", error);
      return;
    }
  zc_session_start (app->session);
  append_next (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ZcStore) store = NULL;
  g_autoptr(ZcSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  App app = { 0 };
  guint stored = 0, count;

  if (argc != 5 && argc != 6)
    {
      fprintf (stderr, "usage: outbox-app STORE URL BODY_FILE COUNT [MATERIALS]\n");
      return 2;
    }
  count = (guint) g_ascii_strtoull (argv[4], NULL, 10);
  app.materials = argc == 6 ? (guint) g_ascii_strtoull (argv[5], NULL, 10) : 0;
  if (!g_file_get_contents (argv[3], &text, NULL, &error) ||
      (node = zc_json_parse (text, -1, 2 * ZC_JSON_MAX_DEPTH, &error)) == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fprintf (stderr, "outbox-app: %s: %s\n", argv[3], error != NULL ? error->message : "not an object");
      return 1;
    }
  /* the store opens before the main loop runs (as zc_store_new_async's
   * worker would) */
  store = zc_store_new (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "outbox-app: %s\n", error->message);
      return 1;
    }
  for (ZcOutboxState state = ZC_OUTBOX_QUEUED; state <= ZC_OUTBOX_DISCARDED; state++)
    stored += zc_store_outbox_count (store, USERNAME, state);
  /* a submission and its files enter the outbox together */
  stored /= 1 + app.materials;

  session = zc_session_new (argv[2], store);
  app.session = session;
  app.body = json_node_get_object (node);
  app.to_append = count > stored ? count - stored : 0;
  app.loop = loop;
  g_signal_connect (zc_session_get_outbox (session), "entry-sent", G_CALLBACK (entry_sent_cb), &app);
  g_signal_connect (zc_session_get_outbox (session), "entry-refused", G_CALLBACK (entry_refused_cb), &app);

  zc_client_login_async (zc_session_get_client (session), USERNAME, PASSWORD, NULL, logged_in_cb, &app);
  g_main_loop_run (loop);
  zc_session_stop (session);
  g_free (app.ref);
  return app.status;
}
