/* bench-login-storm.c — how zc-platform answers /health while clients
 * log in; run with `meson test -C _build --benchmark login-storm`
 *
 * Spawns zc-platform (argv[1]) on a fresh database with one user, on
 * 127.0.0.1 only. First N_HEALTH sequential /health requests alone (the
 * baseline), then K_CLIENTS threads log in L_LOGINS times each while one
 * more thread polls /health (every 2 ms); prints the median and 95th percentile of the
 * /health latency in both phases and the logins per second. Bounded in
 * count (K_CLIENTS × L_LOGINS logins). A benchmark, not a test: it fails
 * only when a request fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "zc-server-auth.h"
#include "zc-server-db.h"

#define K_CLIENTS 4
#define L_LOGINS  25
#define N_HEALTH  200
#define PASSWORD  "bench-password"
/* between two /health polls: a monitor, not a load generator */
#define POLL_PAUSE_US 2000

static guint16 port;
static gint    logins_left;

static GSocket *
connect_loopback (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  if (socket == NULL || !g_socket_connect (socket, address, NULL, &error))
    g_error ("connect: %s", error->message);
  g_socket_set_timeout (socket, 30);
  return socket;
}

/* one request on its own connection; the status */
static guint
exchange (const char *request)
{
  g_autoptr(GSocket) socket = connect_loopback ();
  g_autoptr(GString) response = g_string_new (NULL);
  gsize length = strlen (request);
  char buf[4096];

  while (length > 0)
    {
      gssize n = g_socket_send (socket, request, length, NULL, NULL);

      if (n <= 0)
        g_error ("send failed");
      request += n;
      length -= (gsize) n;
    }
  for (;;)
    {
      /* the platform closes after its answer (Connection: close) */
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);

      if (n <= 0)
        break;
      g_string_append_len (response, buf, n);
    }
  g_socket_close (socket, NULL);
  return response->len > 12 ? (guint) atoi (response->str + 9) : 0;
}

static const char health_request[] =
  "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

static double
health_once (void)
{
  gint64 start = g_get_monotonic_time ();

  if (exchange (health_request) != 200)
    g_error ("/health failed");
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gpointer
login_client (gpointer data)
{
  static const char body[] = "{\"username\":\"bench\",\"password\":\"" PASSWORD "\"}";
  g_autofree char *request = g_strdup_printf (
    "POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
    strlen (body), body);

  for (guint i = 0; i < L_LOGINS; i++)
    {
      if (exchange (request) != 201)
        g_error ("login failed");
    }
  g_atomic_int_add (&logins_left, -L_LOGINS);
  return NULL;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *latencies)
{
  g_array_sort (latencies, compare_double);
  g_print ("%-28s n=%-4u median %.2f ms  p95 %.2f ms  max %.2f ms\n", what, latencies->len,
           g_array_index (latencies, double, latencies->len / 2),
           g_array_index (latencies, double, (latencies->len * 95) / 100),
           g_array_index (latencies, double, latencies->len - 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GSubprocess) platform = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GArray) alone = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) storm = g_array_new (FALSE, FALSE, sizeof (double));
  GThread *threads[K_CLIENTS];
  gint64 start;
  double seconds;

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-zc-platform\n", argv[0]);
      return 2;
    }

  dir = g_dir_make_tmp ("zc-bench-login-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "platform.db", NULL);
  {
    ZcServerDb *db = zc_server_db_open (db_path, &error);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_no_error (error);
    hash = zc_server_hash_password (PASSWORD);
    stmt = zc_server_db_prepare (db,
      "INSERT INTO users (username, password_hash, role, display_name, window) "
      "VALUES ('bench', ?1, 'clerk', 'bench', '1号窗口')", &error);
    g_assert_no_error (error);
    sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    g_clear_pointer (&stmt, sqlite3_finalize);
    zc_server_db_close (db);
  }

  platform = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, argv[1],
                               "--db", db_path, "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (platform));
  url = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  port = (guint16) atoi (strrchr (url, ':') + 1);
  g_print ("zc-platform at %s, %d login clients x %d logins, yescrypt\n", url, K_CLIENTS, L_LOGINS);

  for (guint i = 0; i < N_HEALTH; i++)
    {
      double ms = health_once ();
      g_array_append_val (alone, ms);
      g_usleep (POLL_PAUSE_US);
    }

  logins_left = K_CLIENTS * L_LOGINS;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < K_CLIENTS; i++)
    threads[i] = g_thread_new ("login", login_client, NULL);
  while (g_atomic_int_get (&logins_left) > 0 && storm->len < 100000)
    {
      double ms = health_once ();
      g_array_append_val (storm, ms);
      g_usleep (POLL_PAUSE_US);
    }
  for (guint i = 0; i < K_CLIENTS; i++)
    g_thread_join (threads[i]);
  seconds = (g_get_monotonic_time () - start) / 1e6;

  report ("/health alone:", alone);
  report ("/health during the logins:", storm);
  g_print ("logins: %d in %.2f s = %.1f logins/s\n", K_CLIENTS * L_LOGINS, seconds,
           K_CLIENTS * L_LOGINS / seconds);

  g_subprocess_send_signal (platform, SIGTERM);
  g_subprocess_wait (platform, NULL, NULL);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (db_path, suffixes[i], NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
  return 0;
}
