/* zc-server-citizen.c — what the citizen's browser asks for, outside
 * /api/v1 and without a login (the join code is the credential):
 *
 *   GET /join/{code}           the page (server/citizen/index.html)
 *   GET /join/{code}/signal    the citizen's signalling WebSocket
 *   GET /citizen/citizen.css   its style, GET /citizen/citizen.js its script
 *
 * A wrong, expired or ended code answers 404 (the page says so in
 * Chinese), and counts against the address's limit of wrong codes
 * (429 with Retry-After beyond it; zc-server-video.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-server-api-private.h"

#define CITIZEN_RESOURCE "/org/zongchuang/Platform/citizen/"

static ZcServerResponse *
static_file (const char *name,
             const char *content_type)
{
  g_autofree char *path = g_strconcat (CITIZEN_RESOURCE, name, NULL);
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  ZcServerResponse *response;

  if (bytes == NULL)
    return _zc_server_not_found ();
  response = _zc_server_response_new (200, content_type, bytes);
  g_hash_table_replace (response->headers, g_strdup ("Cache-Control"), g_strdup ("no-cache"));
  g_hash_table_replace (response->headers, g_strdup ("X-Content-Type-Options"), g_strdup ("nosniff"));
  return response;
}

/* The page, in the state @state ("ok", "invalid", "limited") that its
 * script reads from <body data-state>. The address holds the code: no
 * referrer leaves the page, nothing of it is cached. */
static ZcServerResponse *
page (guint       status,
      const char *state)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (CITIZEN_RESOURCE "index.html",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GString) html = NULL;
  ZcServerResponse *response;
  gsize len = 0;
  const char *data;

  if (bytes == NULL)
    return _zc_server_not_found ();
  data = g_bytes_get_data (bytes, &len);
  html = g_string_new_len (data, (gssize) len);
  g_string_replace (html, "@STATE@", state, 0);
  response = _zc_server_response_new (status, "text/html; charset=utf-8",
                                      g_string_free_to_bytes (g_steal_pointer (&html)));
  g_hash_table_replace (response->headers, g_strdup ("Cache-Control"), g_strdup ("no-store"));
  g_hash_table_replace (response->headers, g_strdup ("Referrer-Policy"), g_strdup ("no-referrer"));
  g_hash_table_replace (response->headers, g_strdup ("X-Content-Type-Options"), g_strdup ("nosniff"));
  /* img-src blob: the shared material page (decoded from the data channel) */
  g_hash_table_replace (response->headers, g_strdup ("Content-Security-Policy"),
                        g_strdup ("default-src 'self'; connect-src 'self' ws: wss:; "
                                  "media-src 'self' blob: mediastream:; img-src 'self' data: blob:; "
                                  "frame-ancestors 'none'"));
  return response;
}

ZcServerResponse *
_zc_server_handle_citizen (ZcServerApi           *self,
                           const ZcServerRequest *request)
{
  g_auto(GStrv) parts = NULL;
  guint n;
  gboolean signal;
  ZcServerResponse *bad = NULL;
  gint64 id;

  if (g_strcmp0 (request->path, "/citizen/citizen.css") == 0 ||
      g_strcmp0 (request->path, "/citizen/citizen.js") == 0)
    {
      if (g_strcmp0 (request->method, "GET") != 0)
        goto not_allowed;
      if (g_str_has_suffix (request->path, ".css"))
        return static_file ("citizen.css", "text/css; charset=utf-8");
      return static_file ("citizen.js", "text/javascript; charset=utf-8");
    }

  if (!g_str_has_prefix (request->path, "/join/"))
    return NULL;
  parts = g_strsplit (request->path + strlen ("/join/"), "/", 3);
  n = g_strv_length (parts);
  signal = n == 2 && strcmp (parts[1], "signal") == 0;
  if (n == 0 || n > 2 || (n == 2 && !signal))
    return NULL;
  if (g_strcmp0 (request->method, "GET") != 0)
    goto not_allowed;

  id = _zc_server_video_check_code (self, parts[0], request->remote_address, &bad);
  if (!signal)
    {
      if (id > 0)
        return page (200, "ok");
      if (bad->status == 429)
        {
          ZcServerResponse *limited = page (429, "limited");
          const char *retry = g_hash_table_lookup (bad->headers, "Retry-After");

          g_hash_table_replace (limited->headers, g_strdup ("Retry-After"), g_strdup (retry));
          zc_server_response_free (bad);
          return limited;
        }
      zc_server_response_free (bad);
      return page (404, "invalid");
    }

  if (id == 0)
    return bad;
  {
    const char *upgrade = zc_server_request_get_header (request, "upgrade");

    if (upgrade == NULL || g_ascii_strcasecmp (upgrade, "websocket") != 0)
      return _zc_server_error (400, "not_websocket",
                               _("This is a WebSocket: ask with “Connection: Upgrade” and “Upgrade: websocket”."));
  }
  return _zc_server_upgrade_response (id, ZC_SERVER_VIDEO_CITIZEN);

not_allowed:
  {
    ZcServerResponse *response = _zc_server_error (405, "method_not_allowed",
                                                   _("This method is not allowed on this resource."));

    g_hash_table_replace (response->headers, g_strdup ("Allow"), g_strdup ("GET"));
    return response;
  }
}
