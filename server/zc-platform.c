/* zc-platform.c — the bundled reference platform
 *
 *   zc-platform --listen 127.0.0.1:PORT --db FILE [--demo] [--data-dir DIR]
 *               [--now 2027-02-10T09:00:00+08:00] [--verification-days N]
 *               [--check-interval SECONDS]
 *               [--now 2027-02-10T09:00:00+08:00]
 *               [--tls-cert FILE --tls-key FILE] [--public-url URL]
 *
 * --tls-cert / --tls-key (PEM) serve HTTPS: browsers open the camera on
 * the citizen's page only over https (or on localhost). --public-url is
 * the address citizens reach the platform by, the base of the links of
 * video sessions (default: the URL it listens on).
 *
 * --now (tests, demos; only in builds with the fixed_clock option) runs the
 * platform on a clock that starts at that instant.
 *
 * The first line of stdout is the URL it listens on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-i18n.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "zc-clock.h"
#include "zc-server.h"
#include "zc-server-api.h"

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_listen (const char  *listen,
              char       **host,
              guint       *port,
              GError     **error)
{
  const char *colon = strrchr (listen, ':');
  g_autofree char *h = NULL;
  guint64 p;

  if (colon == NULL || colon == listen ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &p, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--listen wants ADDRESS:PORT, e.g. 127.0.0.1:0"));
      return FALSE;
    }
  h = g_strndup (listen, (gsize) (colon - listen));
  if (h[0] == '[' && h[strlen (h) - 1] == ']')
    {
      char *inner = g_strndup (h + 1, strlen (h) - 2);
      g_free (h);
      h = inner;
    }
  *host = g_steal_pointer (&h);
  *port = (guint) p;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *listen = NULL;
  g_autofree char *db = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *host = NULL;
  g_autofree char *now = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *public_url = NULL;
  gboolean demo = FALSE;
  guint port = 0;
  int verification_days = ZC_SERVER_DEFAULT_VERIFICATION_DAYS;
  int check_interval = ZC_SERVER_DEFAULT_CHECK_INTERVAL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Address and port to listen on (port 0: a free one)"), "ADDRESS:PORT" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database file (created when missing)"), "FILE" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Load the demo data into an empty database"), NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Folder with the catalogue, demo and calendar data"), "DIR" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now, N_("Run on a clock that starts at this instant (tests and demos)"), "2027-02-10T09:00:00+08:00" },
    { "verification-days", 0, 0, G_OPTION_ARG_INT, &verification_days, N_("Working days after approval within which a commitment is verified (事后核查; default 20)"), "N" },
    { "check-interval", 0, 0, G_OPTION_ARG_INT, &check_interval, N_("Seconds between checks for overdue commitments (default 60; 0: only at start)"), "SECONDS" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("Serve HTTPS with this certificate (PEM)"), "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The private key of the certificate (PEM)"), "FILE" },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &public_url, N_("The address citizens reach the platform by, for the links of video sessions"), "URL" },
    { NULL }
  };

  /* uninstalled runs (meson devenv, tests) find the built catalogues */
  zc_i18n_init ();

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("The bundled reference platform of Zongchuang"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("zc-platform: %s\n", error->message);
      return 1;
    }
  if (db == NULL)
    {
      g_printerr ("zc-platform: %s\n", _("--db FILE is required"));
      return 1;
    }
  if (verification_days < 0 || verification_days > ZC_SERVER_MAX_VERIFICATION_DAYS)
    {
      g_printerr ("zc-platform: %s\n", _("--verification-days must be between 0 and 365"));
      return 1;
    }
  if (check_interval < 0 || check_interval > 86400)
    {
      g_printerr ("zc-platform: %s\n", _("--check-interval must be between 0 and 86400 seconds"));
      return 1;
    }
  if (!parse_listen (listen ? listen : "127.0.0.1:0", &host, &port, &error))
    {
      g_printerr ("zc-platform: %s\n", error->message);
      return 1;
    }

  if (now != NULL)
    {
      g_autoptr(ZcClock) clock = zc_clock_new_from_iso (now, &error);

      if (clock == NULL)
        {
          g_printerr ("zc-platform: --now: %s\n", error->message);
          return 1;
        }
      zc_clock_set_default (clock);
    }

  signal (SIGPIPE, SIG_IGN);

  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_printerr ("zc-platform: %s\n", _("--tls-cert and --tls-key go together"));
      return 1;
    }
  if (public_url != NULL &&
      !g_str_has_prefix (public_url, "https://") && !g_str_has_prefix (public_url, "http://"))
    {
      g_printerr ("zc-platform: %s\n", _("--public-url wants an http:// or https:// address"));
      return 1;
    }

  server = zc_server_new (db, demo, data_dir, &error);
  if (server != NULL)
    {
      zc_server_set_verification_days (server, (guint) verification_days);
      zc_server_set_check_interval (server, (guint) check_interval);
    }
  if (server != NULL && tls_cert != NULL)
    {
      g_autoptr(GTlsCertificate) certificate =
        g_tls_certificate_new_from_files (tls_cert, tls_key, &error);

      if (certificate == NULL)
        {
          g_printerr ("zc-platform: --tls-cert: %s\n", error->message);
          return 1;
        }
      zc_server_set_tls_certificate (server, certificate);
    }
  if (server != NULL && public_url != NULL)
    zc_server_set_public_url (server, public_url);
  if (server == NULL || !zc_server_listen (server, host, port, &error))
    {
      g_printerr ("zc-platform: %s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);

  printf ("%s\n", zc_server_get_url (server));
  fflush (stdout);

  g_main_loop_run (loop);

  zc_server_shutdown (server);
  return 0;
}
