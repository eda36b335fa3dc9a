/* fuzz-request.c — the platform's request layer, without sockets
 *
 * An input is a request as text:
 *
 *   METHOD PATH[?QUERY]\n
 *   Name: value\n            (headers; "$CLERK", "$SUPERVISOR" and
 *   …                         "$DEPT" stand for real session tokens)
 *   \n
 *   BODY
 *
 * handled by zc_server_api_handle on a demo database made once. Whatever
 * the bytes: a response with a status and, for errors, the JSON error
 * body — never a crash, a hang or a GLib critical.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "zc-clock.h"
#include "zc-json.h"
#include "zc-server-api.h"
#include "zc-server-db.h"
#include "zc-server-demo.h"
#include "zc-fuzz.h"

static ZcServerDb  *db;
static ZcServerApi *api;
static char        *tokens[3];   /* clerk, supervisor, a department user */

static char *
login (const char *username)
{
  g_autoptr(ZcServerRequest) request = zc_server_request_new ("POST", "/api/v1/sessions", NULL);
  g_autoptr(ZcServerResponse) response = NULL;
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"demo1234\"}", username);
  g_autoptr(JsonNode) root = NULL;

  zc_server_request_set_header (request, "content-type", "application/json");
  zc_server_request_set_body (request, body, strlen (body));
  response = zc_server_api_handle (api, request);
  root = zc_json_parse (zc_server_response_get_text (response), -1, ZC_JSON_MAX_DEPTH, NULL);
  if (response->status != 201 && response->status != 200)
    g_error ("fuzz-request: cannot log in as %s (%u)", username, response->status);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "token"));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-fuzz-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *data_dir = zc_server_default_data_dir ();
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2026-12-07T09:30:00+08:00", NULL);
  g_autoptr(ZcClock) clock = zc_clock_new_fixed (start);

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (dir == NULL)
    g_error ("fuzz-request: %s", error->message);
  path = g_build_filename (dir, "platform.db", NULL);
  zc_clock_set_default (clock);   /* the same answers on any day */
  db = zc_server_db_open (path, &error);
  if (db == NULL || !zc_server_demo_load (db, data_dir, &error))
    g_error ("fuzz-request: %s", error->message);
  api = zc_server_api_new (db, data_dir);
  tokens[0] = login ("clerk");
  tokens[1] = login ("supervisor");
  tokens[2] = login ("dept-scjg");
  return 0;
}

static char *
with_tokens (const char *value)
{
  static const char *const names[] = { "$CLERK", "$SUPERVISOR", "$DEPT" };
  g_autofree char *out = g_strdup (value);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GStrv) parts = g_strsplit (out, names[i], -1);

      g_free (out);
      out = g_strjoinv (tokens[i], parts);
    }
  return g_steal_pointer (&out);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  const char *end = text + size;
  const char *line_end = memchr (text, '\n', size);
  g_autofree char *first = NULL;
  g_autoptr(ZcServerRequest) request = NULL;
  g_autoptr(ZcServerResponse) response = NULL;
  const char *p;
  char *space, *query;

  if (line_end == NULL)
    return 0;
  first = g_strndup (text, (gsize) (line_end - text));
  space = strchr (first, ' ');
  if (space == NULL || memchr (first, '\0', (gsize) (line_end - text)) != NULL)
    return 0;
  *space = '\0';
  query = strchr (space + 1, '?');
  if (query != NULL)
    *query++ = '\0';
  request = zc_server_request_new (first, space + 1, query);

  p = line_end + 1;
  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      g_autofree char *line = NULL;
      char *colon;

      if (eol == NULL)
        eol = end;
      if (eol == p)
        {
          p++;
          break;
        }
      line = g_strndup (p, (gsize) (eol - p));
      p = eol < end ? eol + 1 : end;
      colon = strchr (line, ':');
      if (colon != NULL && g_utf8_validate (line, -1, NULL))
        {
          g_autofree char *name = NULL;
          g_autofree char *value = NULL;

          *colon = '\0';
          name = g_ascii_strdown (g_strstrip (line), -1);
          value = with_tokens (g_strstrip (colon + 1));
          zc_server_request_set_header (request, name, value);
        }
    }
  if (p < end)
    zc_server_request_set_body (request, p, (gsize) (end - p));

  response = zc_server_api_handle (api, request);
  g_assert_nonnull (response);
  /* 101: a video session's socket may open (the adapter upgrades) */
  if (response->status == 101)
    g_assert_cmpint (response->video_session, >, 0);
  else
    g_assert_cmpuint (response->status, >=, 200);
  g_assert_cmpuint (response->status, <, 600);
  /* the citizen's page answers a wrong code with its own page */
  if (response->content_type != NULL && g_str_has_prefix (response->content_type, "text/html"))
    g_assert_true (g_str_has_prefix (request->path, "/join/"));
  else if (response->status >= 400 && response->status != 401 && response->body != NULL)
    {
      /* an error is the contract's JSON error */
      g_autoptr(JsonNode) root = zc_json_parse (zc_server_response_get_text (response), -1,
                                                ZC_JSON_MAX_DEPTH, NULL);

      g_assert_nonnull (root);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      g_assert_true (json_object_has_member (json_node_get_object (root), "error"));
    }
  return 0;
}
