/* test-api.c — zc-platform's request layer, driven without sockets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-calendar.h"
#include "zc-clock.h"
#include "zc-state.h"
#include "zc-server.h"
#include "zc-test-server-fixture.h"

typedef struct
{
  char        *dir;
  ZcServerDb  *db;
  ZcServerApi *api;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("zc-test-api-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "platform.db", NULL);
  f->db = zc_server_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (zc_server_db_is_empty (f->db));
  zc_test_populate (f->db);
  g_assert_false (zc_server_db_is_empty (f->db));
  f->api = zc_server_api_new (f->db, NULL);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);

      /* platform.db.files/ (documents) */
      if (g_file_test (p, G_FILE_TEST_IS_DIR))
        remove_dir (p);
      else
        g_unlink (p);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->api);
  g_clear_pointer (&f->db, zc_server_db_close);
  remove_dir (f->dir);
  g_free (f->dir);
}

/* ------------------------------------------------------------------ */

static ZcServerResponse *
call_full (Fixture    *f,
           const char *method,
           const char *path_and_query,
           const char *token,
           const char *body,
           gssize      body_len,
           const char *idempotency_key)
{
  g_autoptr(ZcServerRequest) request = NULL;
  g_auto(GStrv) parts = g_strsplit (path_and_query, "?", 2);
  ZcServerResponse *response;

  request = zc_server_request_new (method, parts[0], parts[1]);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      zc_server_request_set_header (request, "Authorization", auth);
    }
  if (idempotency_key != NULL)
    zc_server_request_set_header (request, "Idempotency-Key", idempotency_key);
  if (body != NULL)
    zc_server_request_set_header (request, "Content-Type", "application/json");
  if (body != NULL)
    zc_server_request_set_body (request, body, body_len < 0 ? strlen (body) : (gsize) body_len);
  response = zc_server_api_handle (f->api, request);
  g_assert_nonnull (response);
  return response;
}

static ZcServerResponse *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token,
      const char *body)
{
  return call_full (f, method, path, token, body, -1, NULL);
}

static JsonNode *
parse (ZcServerResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, zc_server_response_get_text (response), -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
object_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonObject *
error_object (JsonNode *node)
{
  return json_object_get_object_member (object_of (node), "error");
}

static void
assert_error (ZcServerResponse *response,
              guint             status,
              const char       *code)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *error;

  if (response->status != status)
    g_error ("expected %u %s, got %u: %s", status, code, response->status,
             zc_server_response_get_text (response));
  node = parse (response);
  error = json_object_get_object_member (object_of (node), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "message")), >, 0);
}

static char *
error_message (ZcServerResponse *response)
{
  g_autoptr(JsonNode) node = parse (response);

  return g_strdup (json_object_get_string_member (
    json_object_get_object_member (object_of (node), "error"), "message"));
}

static char *
login (Fixture    *f,
       const char *username)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"" PASSWORD "\"}", username);
  g_autoptr(ZcServerResponse) response = call (f, "POST", "/api/v1/sessions", NULL, body);
  g_autoptr(JsonNode) node = NULL;

  if (response->status != 201)
    g_error ("login %s: %u %s", username, response->status, zc_server_response_get_text (response));
  node = parse (response);
  return g_strdup (json_object_get_string_member (object_of (node), "token"));
}

/* A case body as the counter sends it: with the test item's two materials
 * handed in unless the body says otherwise (receiving checks them) */
static char *
complete_body (const char *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *o;

  if (!json_parser_load_from_data (parser, body, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (body);
  o = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (o, "materials"))
    {
      JsonObject *materials = json_object_new ();

      json_object_set_string_member (materials, "id_copy", "received");
      json_object_set_string_member (materials, "lease", "received");
      json_object_set_string_member (materials, "fire_plan", "received");
      json_object_set_object_member (o, "materials", materials);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static gint64
create_case (Fixture    *f,
             const char *token,
             const char *body_in)
{
  g_autofree char *body = complete_body (body_in);
  g_autoptr(ZcServerResponse) response = call (f, "POST", "/api/v1/cases", token, body);
  g_autoptr(JsonNode) node = NULL;

  if (response->status != 201)
    g_error ("create case: %u %s", response->status, zc_server_response_get_text (response));
  node = parse (response);
  g_assert_cmpstr (json_object_get_string_member (object_of (node), "state"), ==, "draft");
  return json_object_get_int_member (object_of (node), "id");
}

static JsonNode *
transition (Fixture    *f,
            const char *token,
            const char *kind,
            gint64      id,
            const char *to,
            const char *reason,
            guint       expected)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT "/transitions", kind, id);
  g_autofree char *body = reason
    ? g_strdup_printf ("{\"to\":\"%s\",\"reason\":\"%s\"}", to, reason)
    : g_strdup_printf ("{\"to\":\"%s\"}", to);
  g_autoptr(ZcServerResponse) response = call (f, "POST", path, token, body);

  if (response->status != expected)
    g_error ("%s %" G_GINT64_FORMAT " → %s: expected %u, got %u %s", kind, id, to, expected,
             response->status, zc_server_response_get_text (response));
  return parse (response);
}

/* The applicant's signed 容缺 commitment for @material of case @id, to
 * be supplied on the next working day (the platform receives a material
 * said 容缺 only on one) */
static void
tolerate (Fixture    *f,
          const char *token,
          gint64      id,
          const char *material)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCalendar) calendar = zc_calendar_new_default (&error);
  g_autoptr(GDateTime) now = zc_server_db_now (f->db);
  g_autoptr(GTimeZone) china = zc_time_zone_china ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, china);
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/commitments", id);
  g_autofree char *deadline = NULL;
  g_autofree char *signed_at = g_date_time_format_iso8601 (now);
  g_autofree char *body = NULL;
  g_autoptr(ZcServerResponse) response = NULL;
  GDate today, due;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_clear (&due, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  g_assert_true (zc_calendar_add_working_days (calendar, &today, 1, &due, NULL, &error));
  g_assert_no_error (error);
  deadline = zc_date_to_iso (&due);
  body = g_strdup_printf ("{\"kind\":\"tolerance\",\"materials\":[\"%s\"],\"deadline\":\"%s\","
                          "\"signature\":{\"signer\":\"" PERSON_KEY "\",\"signed_at\":\"%s\","
                          "\"method\":\"signature_pad\"}}", material, deadline, signed_at);
  response = call (f, "POST", path, token, body);
  if (response->status != 201)
    g_error ("容缺 of %s: %u %s", material, response->status, zc_server_response_get_text (response));
}

static char *
route_path (const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\{[a-z]+\\}", 0, 0, NULL);
  g_autofree char *filled = g_regex_replace_literal (regex, pattern, -1, 0, "1", 0, NULL);

  return g_strconcat ("/api/v1", filled, NULL);
}

static const char *
role_user (ZcRole role)
{
  switch (role)
    {
    case ZC_ROLE_CLERK: return "clerk";
    case ZC_ROLE_HELPER: return "helper";
    case ZC_ROLE_SUPERVISOR: return "supervisor";
    case ZC_ROLE_DEPARTMENT: return "scjg";
    case ZC_ROLE_PLATFORM:
    case ZC_ROLE_INVALID:
    default: g_assert_not_reached ();
    }
  return NULL;
}

/* ------------------------------------------------------------------ */

static void
test_health (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ZcServerResponse) response = call (f, "GET", "/api/v1/health", NULL, NULL);
  g_autoptr(JsonNode) node = parse (response);

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_true (g_str_has_prefix (response->content_type, "application/json"));
  g_assert_cmpstr (json_object_get_string_member (object_of (node), "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object_of (node), "version"), ==, PACKAGE_VERSION);
}

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ZcServerResponse) ok = NULL;
  g_autoptr(ZcServerResponse) bad = NULL;
  g_autoptr(ZcServerResponse) unknown = NULL;
  g_autoptr(ZcServerResponse) current = NULL;
  g_autoptr(ZcServerResponse) logout = NULL;
  g_autoptr(ZcServerResponse) after = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *bad_message = NULL;
  g_autofree char *unknown_message = NULL;
  JsonObject *user;
  const char *token;
  g_autofree char *token_copy = NULL;

  ok = call (f, "POST", "/api/v1/sessions", NULL, "{\"username\":\"clerk\",\"password\":\"demo1234\"}");
  g_assert_cmpuint (ok->status, ==, 201);
  node = parse (ok);
  token = json_object_get_string_member (object_of (node), "token");
  g_assert_cmpuint (strlen (token), ==, 64);
  token_copy = g_strdup (token);
  user = json_object_get_object_member (object_of (node), "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "clerk");
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "clerk");
  g_assert_cmpstr (json_object_get_string_member (user, "window"), ==, "1号窗口");

  bad = call (f, "POST", "/api/v1/sessions", NULL, "{\"username\":\"clerk\",\"password\":\"wrong\"}");
  assert_error (bad, 401, "invalid_credentials");
  unknown = call (f, "POST", "/api/v1/sessions", NULL, "{\"username\":\"nobody\",\"password\":\"demo1234\"}");
  assert_error (unknown, 401, "invalid_credentials");
  bad_message = error_message (bad);
  unknown_message = error_message (unknown);
  g_assert_cmpstr (bad_message, ==, unknown_message);

  current = call (f, "GET", "/api/v1/sessions/current", token_copy, NULL);
  g_assert_cmpuint (current->status, ==, 200);
  {
    g_autoptr(JsonNode) cur = parse (current);
    g_autoptr(GDateTime) expires = g_date_time_new_from_iso8601 (
      json_object_get_string_member (object_of (cur), "expires_at"), NULL);
    g_autoptr(GDateTime) now = zc_clock_now_utc (zc_clock_get_default ());
    GTimeSpan left;

    g_assert_cmpstr (json_object_get_string_member (
      json_object_get_object_member (object_of (cur), "user"), "username"), ==, "clerk");
    g_assert_nonnull (expires);
    left = g_date_time_difference (expires, now);
    /* sessions last 12 hours */
    g_assert_cmpint (left, >, 11 * G_TIME_SPAN_HOUR);
    g_assert_cmpint (left, <=, 12 * G_TIME_SPAN_HOUR);
  }
  logout = call (f, "DELETE", "/api/v1/sessions/current", token_copy, NULL);
  g_assert_cmpuint (logout->status, ==, 204);
  after = call (f, "GET", "/api/v1/sessions/current", token_copy, NULL);
  assert_error (after, 401, "unauthorized");

  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'session.create'"), ==, 1);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'session.failed'"), ==, 2);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'session.delete'"), ==, 1);
  /* the password never lands in the database in clear */
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM users WHERE password_hash LIKE '%demo1234%'"), ==, 0);
}

static void
test_lockout (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *supervisor = login (f, "supervisor");
  const char *wrong = "{\"username\":\"helper\",\"password\":\"nope\"}";
  const char *right = "{\"username\":\"helper\",\"password\":\"demo1234\"}";

  for (int i = 0; i < 4; i++)
    {
      g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/sessions", NULL, wrong);
      assert_error (r, 401, "invalid_credentials");
    }
  {
    g_autoptr(ZcServerResponse) fifth = call (f, "POST", "/api/v1/sessions", NULL, wrong);
    g_autoptr(ZcServerResponse) locked = call (f, "POST", "/api/v1/sessions", NULL, right);
    g_autofree char *message = NULL;
    g_autoptr(GRegex) hhmm = g_regex_new ("[0-2][0-9]:[0-5][0-9]", 0, 0, NULL);

    assert_error (fifth, 423, "account_locked");
    assert_error (locked, 423, "account_locked");
    message = error_message (locked);
    g_assert_true (g_regex_match (hhmm, message, 0, NULL));
    {
      /* until when, for clients: RFC 3339 UTC, 15 minutes ahead */
      g_autoptr(JsonNode) node = parse (locked);
      const char *until = json_object_get_string_member (
        json_object_get_object_member (object_of (node), "error"), "locked_until");
      g_autoptr(GDateTime) when = until ? g_date_time_new_from_iso8601 (until, NULL) : NULL;
      g_autoptr(GDateTime) now = zc_server_db_now (f->db);

      g_assert_nonnull (when);
      g_assert_true (g_str_has_suffix (until, "Z"));
      g_assert_cmpint (g_date_time_difference (when, now), >, 14 * G_TIME_SPAN_MINUTE);
      g_assert_cmpint (g_date_time_difference (when, now), <=, 15 * G_TIME_SPAN_MINUTE);
    }
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'user.lock'"), ==, 1);

  {
    g_autoptr(ZcServerResponse) unknown = call (f, "POST", "/api/v1/users/nobody/unlock", supervisor, NULL);
    g_autoptr(ZcServerResponse) unlock = call (f, "POST", "/api/v1/users/helper/unlock", supervisor, NULL);
    g_autoptr(ZcServerResponse) ok = call (f, "POST", "/api/v1/sessions", NULL, right);

    assert_error (unknown, 404, "not_found");
    g_assert_cmpuint (unlock->status, ==, 204);
    g_assert_cmpuint (ok->status, ==, 201);
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT failed_logins FROM users WHERE username = 'helper'"), ==, 0);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'user.unlock'"), ==, 1);

  /* a success resets the counter: 4 wrong, 1 right, 4 wrong stays unlocked */
  for (int i = 0; i < 4; i++)
    {
      g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/sessions", NULL, wrong);
      assert_error (r, 401, "invalid_credentials");
    }
  {
    g_autoptr(ZcServerResponse) ok = call (f, "POST", "/api/v1/sessions", NULL, right);
    g_assert_cmpuint (ok->status, ==, 201);
  }
  for (int i = 0; i < 4; i++)
    {
      g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/sessions", NULL, wrong);
      assert_error (r, 401, "invalid_credentials");
    }
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  guint n_routes;
  const ZcServerRouteInfo *routes = zc_server_api_get_routes (&n_routes);
  guint checked = 0;

  zc_test_exec (f->db,
    "INSERT INTO sessions VALUES (zc_sha256 ('expired'), 'clerk', '2020-01-01T00:00:00Z', '2020-01-01T12:00:00Z')");

  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *path = route_path (routes[i].pattern);
      const char *tokens[] = { NULL, "0123456789abcdef", "expired" };

      if (routes[i].roles == 0)
        continue;
      for (guint t = 0; t < G_N_ELEMENTS (tokens); t++)
        {
          g_autoptr(ZcServerResponse) r = call (f, routes[i].method, path, tokens[t], "{}");
          assert_error (r, 401, "unauthorized");
        }
      checked++;
    }
  g_assert_cmpuint (checked, >=, 40);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  guint n_routes;
  const ZcServerRouteInfo *routes = zc_server_api_get_routes (&n_routes);
  char *tokens[4];
  guint forbidden = 0, later = 0;

  for (ZcRole role = ZC_ROLE_CLERK; role <= ZC_ROLE_DEPARTMENT; role++)
    tokens[role] = login (f, role_user (role));

  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *path = route_path (routes[i].pattern);

      for (ZcRole role = ZC_ROLE_CLERK; role <= ZC_ROLE_DEPARTMENT; role++)
        {
          g_autoptr(ZcServerResponse) r = NULL;
          gboolean allowed = routes[i].roles == 0 ||
                             (routes[i].roles & ZC_SERVER_ROLE_BIT (role)) != 0;

          /* don't log ourselves out in the middle of the walk */
          if (allowed && strcmp (routes[i].method, "DELETE") == 0 &&
              strcmp (routes[i].pattern, "/sessions/current") == 0)
            continue;
          r = call (f, routes[i].method, path, tokens[role], "{}");
          if (!allowed)
            {
              assert_error (r, 403, "forbidden");
              forbidden++;
            }
          else if (!routes[i].implemented)
            {
              assert_error (r, 501, "not_implemented");
              later++;
            }
          else
            g_assert_true (r->status != 401 && r->status != 403 && r->status != 501);
        }
    }
  g_assert_cmpuint (forbidden, >, 50);
  g_assert_cmpuint (later, >, 0);   /* the routes still "later" answered 501 */

  for (ZcRole role = ZC_ROLE_CLERK; role <= ZC_ROLE_DEPARTMENT; role++)
    g_free (tokens[role]);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *token = login (f, "clerk");
  g_autoptr(ZcServerResponse) r1 = call (f, "GET", "/api/v1/nothing", token, NULL);
  g_autoptr(ZcServerResponse) r2 = call (f, "GET", "/elsewhere", token, NULL);
  g_autoptr(ZcServerResponse) r3 = call (f, "PATCH", "/api/v1/health", NULL, NULL);
  g_autoptr(ZcServerResponse) r4 = call (f, "GET", "/api/v1/cases/999", token, NULL);
  g_autoptr(ZcServerResponse) r5 = call (f, "GET", "/api/v1/cases/abc", token, NULL);
  g_autoptr(ZcServerResponse) r6 = call (f, "GET", "/api/v1/catalogue/items/none", token, NULL);
  g_autoptr(ZcServerResponse) r7 = call (f, "GET", "/api/v1/catalogue/items/" ITEM_CODE, token, NULL);
  g_autoptr(ZcServerResponse) r8 = call (f, "GET", "/api/v1/cases/%ff%fe", token, NULL);
  g_autoptr(JsonNode) item = NULL;

  assert_error (r1, 404, "not_found");
  assert_error (r2, 404, "not_found");
  assert_error (r3, 405, "method_not_allowed");
  g_assert_cmpstr (g_hash_table_lookup (r3->headers, "Allow"), ==, "GET");
  assert_error (r4, 404, "not_found");
  assert_error (r5, 404, "not_found");
  assert_error (r6, 404, "not_found");
  g_assert_cmpuint (r7->status, ==, 200);
  item = parse (r7);
  g_assert_cmpstr (json_object_get_string_member (object_of (item), "name"), ==, "开办餐饮店");
  assert_error (r8, 404, "not_found");
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *token = login (f, "clerk");
  const char *bodies[] = { "{", "[]", "\"x\"", "42", "null", "{\"item\":}", "{\"a\":1}x", "" };
  g_autoptr(GString) deep = g_string_new ("{\"a\":");

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/cases", token, bodies[i]);
      g_autoptr(ZcServerResponse) s = call (f, "POST", "/api/v1/sessions", NULL, bodies[i]);

      assert_error (r, 400, "invalid_json");
      assert_error (s, 400, "invalid_json");
    }
  {
    g_autoptr(ZcServerResponse) r =
      call_full (f, "POST", "/api/v1/cases", token, "{\"item\":\"\xff\xfe\"}", -1, NULL);
    g_autoptr(ZcServerResponse) nul =
      call_full (f, "POST", "/api/v1/cases", token, "{\"item\":\"a\0b\"}", 14, NULL);

    assert_error (r, 400, "invalid_json");
    assert_error (nul, 400, "invalid_json");
  }
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/cases", token, deep->str);
    assert_error (r, 400, "invalid_json");
  }
  {
    /* brackets hidden in a comment, then 100,000 levels: json-glib 1.6
     * took the comment and recursed until the stack was gone (SIGSEGV) */
    g_autoptr(GString) hidden = g_string_new ("{\"username\":/*");
    g_autoptr(GString) nested = g_string_new ("{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"form\":{\"a\":");
    const char *lenient[] = {
      "{'username':'clerk','password':'demo1234'}",                 /* single quotes */
      "{\"username\":\"clerk\",/* c */\"password\":\"demo1234\"}",  /* a comment */
      "{\"username\":\"clerk\",\"password\":\"demo1234\\u0000junk\"}",  /* a NUL in a string */
    };

    for (int i = 0; i < 100000; i++)
      g_string_append_c (hidden, ']');
    g_string_append (hidden, "*/");
    for (int i = 0; i < 100000; i++)
      g_string_append_c (hidden, '[');
    for (int i = 0; i < 100000; i++)
      g_string_append_c (hidden, ']');
    g_string_append_c (hidden, '}');
    for (int i = 0; i < 50000; i++)
      g_string_append_c (nested, '[');
    for (int i = 0; i < 50000; i++)
      g_string_append_c (nested, ']');
    g_string_append (nested, "}}");
    {
      g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/sessions", NULL, hidden->str);
      g_autoptr(ZcServerResponse) c = call (f, "POST", "/api/v1/cases", token, nested->str);

      assert_error (r, 400, "invalid_json");
      assert_error (c, 400, "invalid_json");
    }
    for (guint i = 0; i < G_N_ELEMENTS (lenient); i++)
      {
        g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/sessions", NULL, lenient[i]);
        assert_error (r, 400, "invalid_json");
      }
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases"), ==, 0);
}

static void
test_types (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *token = login (f, "clerk");
  struct { const char *body; const char *member; } cases[] = {
    { "{\"item\":5,\"applicant\":\"" PERSON_KEY "\"}", "item" },
    { "{\"applicant\":\"" PERSON_KEY "\"}", "item" },
    { "{\"item\":\"kbcyd\"}", "applicant" },
    { "{\"item\":\"kbcyd\",\"applicant\":[1]}", "applicant" },
    { "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":\"m1\"}", "matters" },
    { "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":[1]}", "matters" },
    { "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":[\"zz\"]}", "matters" },
    { "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"form\":[]}", "form" },
    { "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"parties\":{}}", "parties" },
    { "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"parties\":[{\"role\":1}]}", "parties" },
    { "{\"item\":\"nothing\",\"applicant\":\"" PERSON_KEY "\"}", "item" },
    { "{\"item\":\"kbcyd\",\"applicant\":\"" OTHER_KEY "\"}", "applicant" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/cases", token, cases[i].body);
      g_autofree char *message = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i].member);

      assert_error (r, 422, "invalid_request");
      message = error_message (r);
      if (strstr (message, quoted) == NULL)
        g_error ("%s: message “%s” does not name %s", cases[i].body, message, cases[i].member);
    }
  {
    /* an invalid key: the validator's reason */
    g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/cases", token,
                                          "{\"item\":\"kbcyd\",\"applicant\":\"110105194912310021\"}");
    assert_error (r, 422, "invalid_request");
  }
  {
    g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/sessions", NULL, "{\"username\":1,\"password\":\"x\"}");
    g_autoptr(ZcServerResponse) t = call (f, "POST", "/api/v1/cases/1/transitions", token, "{\"to\":true}");
    assert_error (r, 422, "invalid_request");
    assert_error (t, 422, "invalid_request");
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases"), ==, 0);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *token = login (f, "clerk");
  gsize size = ZC_SERVER_MAX_BODY + 1;
  g_autofree char *big = g_malloc (size + 1);
  g_autoptr(ZcServerRequest) request = zc_server_request_new ("POST", "/api/v1/cases", NULL);
  g_autoptr(ZcServerResponse) declared = NULL;

  memset (big, ' ', size);
  big[0] = '{';
  big[size - 1] = '}';
  big[size] = '\0';
  {
    g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/cases", token, big);
    g_autoptr(ZcServerResponse) s = call (f, "POST", "/api/v1/sessions", NULL, big);
    assert_error (r, 413, "body_too_large");
    assert_error (s, 413, "body_too_large");
  }
  {
    g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
    zc_server_request_set_header (request, "Authorization", auth);
  }
  zc_server_request_set_header (request, "Content-Length", "5000000");
  zc_server_request_set_body (request, "{}", 2);
  declared = zc_server_api_handle (f->api, request);
  assert_error (declared, 413, "body_too_large");
}

static void
test_applicants (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *supervisor = login (f, "supervisor");
  g_autofree char *clerk = login (f, "clerk");

  {
    g_autoptr(ZcServerResponse) r = call (f, "GET", "/api/v1/applicants", supervisor, NULL);
    g_autoptr(JsonNode) node = parse (r);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (object_of (node), "total"), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (node), "applicants")), ==, 3);
  }
  {
    g_autoptr(ZcServerResponse) r = call (f, "GET", "/api/v1/applicants?kind=enterprise", supervisor, NULL);
    g_autoptr(JsonNode) node = parse (r);
    JsonArray *list = json_object_get_array_member (object_of (node), "applicants");
    g_assert_cmpint (json_object_get_int_member (object_of (node), "total"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "key"), ==, ENTERPRISE_KEY);
  }
  {
    g_autoptr(ZcServerResponse) r = call (f, "GET", "/api/v1/applicants?q=%E5%BC%A0&limit=1", supervisor, NULL);
    g_autoptr(JsonNode) node = parse (r);
    g_assert_cmpint (json_object_get_int_member (object_of (node), "total"), ==, 1);
  }
  {
    /* a key matches whole (spaces, lower-case x normalised), never a
     * part: a part would probe a masked list for the digits it hides */
    g_autoptr(ZcServerResponse) r = call (f, "GET", "/api/v1/applicants?q=110105%2019491231002x&limit=5&offset=0", supervisor, NULL);
    g_autoptr(ZcServerResponse) part = call (f, "GET", "/api/v1/applicants?q=1101051949&limit=5", supervisor, NULL);
    g_autoptr(ZcServerResponse) middle = call (f, "GET", "/api/v1/applicants?q=19491231&limit=5", supervisor, NULL);
    g_autoptr(JsonNode) node = parse (r);
    g_autoptr(JsonNode) part_node = parse (part);
    g_autoptr(JsonNode) middle_node = parse (middle);
    g_assert_cmpint (json_object_get_int_member (object_of (node), "total"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (object_of (part_node), "total"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (object_of (middle_node), "total"), ==, 0);
  }
  {
    g_autoptr(ZcServerResponse) r = call (f, "GET", "/api/v1/applicants?kind=alien", supervisor, NULL);
    g_autoptr(ZcServerResponse) l = call (f, "GET", "/api/v1/applicants?limit=-1", supervisor, NULL);
    g_autoptr(ZcServerResponse) c = call (f, "GET", "/api/v1/applicants", clerk, NULL);
    assert_error (r, 422, "invalid_request");
    assert_error (l, 422, "invalid_request");
    assert_error (c, 403, "forbidden");
  }
  {
    /* lower-case x and spaces are normalised */
    g_autoptr(ZcServerResponse) r = call (f, "GET", "/api/v1/applicants/110105%2019491231002x", clerk, NULL);
    g_autoptr(JsonNode) node = parse (r);
    JsonObject *o;
    JsonArray *parties;

    g_assert_cmpuint (r->status, ==, 200);
    o = object_of (node);
    g_assert_cmpstr (json_object_get_string_member (o, "key"), ==, PERSON_KEY);
    g_assert_cmpstr (json_object_get_string_member (o, "phone"), ==, "13800000000");
    g_assert_false (json_object_get_boolean_member (o, "serious_credit_breach"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "licences")), ==, 2);
    parties = json_object_get_array_member (o, "parties");
    g_assert_cmpuint (json_array_get_length (parties), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parties, 0), "name"), ==, "李四");
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'applicant.view' "
                                         "AND subject = '" PERSON_KEY "' AND actor = 'clerk'"), ==, 1);
  {
    g_autoptr(ZcServerResponse) bad = call (f, "GET", "/api/v1/applicants/110105194912310021", clerk, NULL);
    g_autoptr(ZcServerResponse) len = call (f, "GET", "/api/v1/applicants/12345", clerk, NULL);
    g_autoptr(ZcServerResponse) unknown = call (f, "GET", "/api/v1/applicants/" OTHER_KEY, clerk, NULL);
    g_autofree char *message = NULL;

    assert_error (bad, 400, "invalid_key");
    message = error_message (bad);
    /* the validator says to check the whole number, never which check
     * character it expected (only zcctl names it) */
    g_assert_null (strchr (message, 'X'));
    assert_error (len, 400, "invalid_key");
    assert_error (unknown, 404, "not_found");
  }
}

static void
test_licences (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");

  {
    g_autoptr(ZcServerResponse) r = call (f, "GET", "/api/v1/licences?holder=" ENTERPRISE_KEY, clerk, NULL);
    g_autoptr(JsonNode) node = parse (r);
    JsonArray *list = json_object_get_array_member (object_of (node), "licences");
    JsonObject *l;

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    l = json_array_get_object_element (list, 0);
    g_assert_cmpstr (json_object_get_string_member (l, "type"), ==, "business_licence");
    g_assert_true (json_node_is_null (json_object_get_member (l, "valid_until")));
    g_assert_false (json_object_get_boolean_member (l, "revoked"));
    g_assert_false (json_object_get_boolean_member (l, "has_photo"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (l, "fields"),
                                                    "legal_representative"), ==, "张三");
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'licence.view' "
                                         "AND subject = '" ENTERPRISE_KEY "'"), ==, 1);
  {
    g_autoptr(ZcServerResponse) missing = call (f, "GET", "/api/v1/licences", clerk, NULL);
    g_autoptr(ZcServerResponse) invalid = call (f, "GET", "/api/v1/licences?holder=abc", clerk, NULL);
    assert_error (missing, 400, "invalid_request");
    assert_error (invalid, 400, "invalid_key");
  }
  {
    /* a number with Chinese characters and parentheses, percent-encoded */
    g_autofree char *escaped = g_uri_escape_string ("皖(2024)合肥市不动产权第0012345号", NULL, FALSE);
    g_autofree char *path = g_strconcat ("/api/v1/licences/", escaped, NULL);
    g_autoptr(ZcServerResponse) r = call (f, "GET", path, clerk, NULL);
    g_autoptr(JsonNode) node = parse (r);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (node), "holder"), ==, PERSON_KEY);
  }
  {
    g_autoptr(ZcServerResponse) photo = call (f, "GET", "/api/v1/licences/" PERSON_KEY "/photo", clerk, NULL);
    g_autoptr(ZcServerResponse) none = call (f, "GET", "/api/v1/licences/" ENTERPRISE_KEY "/photo", clerk, NULL);
    g_autoptr(ZcServerResponse) unknown = call (f, "GET", "/api/v1/licences/NOPE", clerk, NULL);
    gsize len;
    const guint8 *bytes;

    g_assert_cmpuint (photo->status, ==, 200);
    g_assert_cmpstr (photo->content_type, ==, "image/png");
    bytes = g_bytes_get_data (photo->body, &len);
    g_assert_cmpuint (len, ==, 12);
    g_assert_cmpint (memcmp (bytes + 1, "PNG", 3), ==, 0);
    assert_error (none, 404, "not_found");
    assert_error (unknown, 404, "not_found");
  }
}

static void
test_idempotent_create (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *clerk2 = login (f, "clerk2");
  const char *body = "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"form\":{\"phone\":\"1\"},"
                     "\"parties\":[{\"role\":\"spouse\",\"key\":\"" SPOUSE_KEY "\"}]}";
  g_autoptr(ZcServerResponse) first = call_full (f, "POST", "/api/v1/cases", clerk, body, -1, "key-1");
  g_autoptr(ZcServerResponse) again = call_full (f, "POST", "/api/v1/cases", clerk, body, -1, "key-1");
  g_autoptr(ZcServerResponse) other = call_full (f, "POST", "/api/v1/cases", clerk2, body, -1, "key-1");
  g_autoptr(JsonNode) a = parse (first);
  g_autoptr(JsonNode) b = parse (again);
  g_autoptr(JsonNode) c = parse (other);
  JsonObject *o = object_of (a);
  JsonArray *matters;

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpuint (other->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, json_object_get_int_member (object_of (b), "id"));
  g_assert_cmpint (json_object_get_int_member (o, "id"), !=, json_object_get_int_member (object_of (c), "id"));
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases"), ==, 2);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.create'"), ==, 2);

  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (o, "window"), ==, "1号窗口");
  g_assert_cmpstr (json_object_get_string_member (o, "clerk"), ==, "clerk");
  g_assert_cmpstr (json_object_get_string_member (o, "item_name"), ==, "开办餐饮店");
  g_assert_cmpstr (json_object_get_string_member (o, "applicant_name"), ==, "张三");
  g_assert_cmpstr (json_object_get_string_member (o, "applicant_kind"), ==, "person");
  g_assert_true (json_node_is_null (json_object_get_member (o, "number")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "form"), "phone"), ==, "1");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "parties")), ==, 1);
  /* the default: every required sub-matter */
  matters = json_object_get_array_member (o, "matters");
  g_assert_cmpuint (json_array_get_length (matters), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (matters, 0), ==, "m1");
  g_assert_cmpstr (json_array_get_string_element (matters, 1), ==, "m2");

  {
    g_autoptr(ZcServerResponse) r =
      call (f, "POST", "/api/v1/cases", clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":[\"m3\"]}");
    g_autoptr(JsonNode) n = parse (r);
    g_assert_cmpuint (r->status, ==, 201);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (n), "matters")), ==, 3);
  }
}

/* An oracle for working days read straight from the data file. */
static gboolean
oracle_add_working_days (const GDate *start,
                         guint        n,
                         GDate       *result)
{
  g_autofree char *path = g_build_filename (g_getenv ("ZC_DATA_DIR") ? g_getenv ("ZC_DATA_DIR") : ZC_SOURCE_DATADIR,
                                            "holidays-cn.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *years;
  GDate d = *start;

  if (!json_parser_load_from_file (parser, path, NULL))
    return FALSE;
  years = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "years");
  while (n > 0)
    {
      g_autofree char *year = NULL;
      char iso[11];
      JsonObject *y;
      gboolean working;

      g_date_add_days (&d, 1);
      year = g_strdup_printf ("%d", g_date_get_year (&d));
      if (!json_object_has_member (years, year))
        return FALSE;
      y = json_object_get_object_member (years, year);
      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &d);
      working = g_date_get_weekday (&d) < G_DATE_SATURDAY;
      for (guint i = 0; i < json_array_get_length (json_object_get_array_member (y, "off")); i++)
        if (strcmp (json_array_get_string_element (json_object_get_array_member (y, "off"), i), iso) == 0)
          working = FALSE;
      for (guint i = 0; i < json_array_get_length (json_object_get_array_member (y, "work")); i++)
        if (strcmp (json_array_get_string_element (json_object_get_array_member (y, "work"), i), iso) == 0)
          working = TRUE;
      if (working)
        n--;
    }
  *result = d;
  return TRUE;
}

/* "ZC-YYYYMMDD-00000N" for the China day of @received_at (RFC 3339) */
static char *
number_of_day (const char *received_at,
               guint       n)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (received_at, NULL);
  g_autoptr(GDateTime) china = NULL;
  g_autofree char *day = NULL;

  g_assert_nonnull (at);
  china = zc_date_time_to_china (at);
  day = g_date_time_format (china, "%Y%m%d");
  return g_strdup_printf ("ZC-%s-%06u", day, n);
}

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *clerk2 = login (f, "clerk2");
  g_autofree char *supervisor = login (f, "supervisor");
  const char *body = "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":[\"m3\"]}";
  gint64 id = create_case (f, clerk, body);
  gint64 id2 = create_case (f, clerk, body);
  g_autoptr(GDateTime) now = zc_clock_now_china (zc_clock_get_default ());
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *expected_number = g_strdup_printf ("ZC-%s-000001", day);
  g_autofree char *expected_number2 = g_strdup_printf ("ZC-%s-000002", day);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  {
    /* a move not in the table: 409 with the reason */
    g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/transitions", id);
    g_autoptr(ZcServerResponse) r = call (f, "POST", path, clerk, "{\"to\":\"completed\"}");
    g_autoptr(ZcServerResponse) n = call (f, "POST", path, clerk, "{\"to\":\"not_accepted\"}");
    g_autoptr(ZcServerResponse) u = call (f, "POST", path, clerk, "{\"to\":\"flying\"}");
    g_autoptr(ZcServerResponse) w = call (f, "POST", path, clerk2, "{\"to\":\"received\"}");

    assert_error (r, 409, "transition_not_allowed");
    assert_error (n, 409, "transition_not_allowed");   /* needs a reason */
    assert_error (u, 422, "invalid_request");
    assert_error (w, 403, "forbidden");                 /* another window */
  }

  {
    g_autoptr(JsonNode) node = transition (f, clerk, "cases", id, "received", NULL, 200);
    JsonObject *o = object_of (node);
    JsonArray *tasks = json_object_get_array_member (o, "tasks");

    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "received");
    /* the clock runs on from its instant: a run started at 23:59:59 (the
     * instants tests) may receive after midnight, under a new day's number */
    g_free (expected_number);
    expected_number = number_of_day (json_object_get_string_member (o, "received_at"), 1);
    g_assert_cmpstr (json_object_get_string_member (o, "number"), ==, expected_number);
    g_assert_false (json_node_is_null (json_object_get_member (o, "received_at")));
    g_assert_cmpuint (json_array_get_length (tasks), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *t = json_array_get_object_element (tasks, i);
        const char *matter = json_object_get_string_member (t, "matter");
        guint limit = strcmp (matter, "m1") == 0 ? 3 : strcmp (matter, "m2") == 0 ? 10 : 7;
        GDate due, expected;

        g_assert_cmpstr (json_object_get_string_member (t, "state"), ==, "pending");
        g_assert_cmpstr (json_object_get_string_member (t, "department"), ==,
                         strcmp (matter, "m3") == 0 ? "消防救援" : "市场监管局");
        g_assert_cmpstr (json_object_get_string_member (t, "case_number"), ==, expected_number);
        g_assert_true (zc_date_parse_iso (json_object_get_string_member (t, "due_date"), &due));
        g_assert_cmpint (g_date_days_between (&today, &due), >=, (int) limit);
        if (oracle_add_working_days (&today, limit, &expected))
          {
            g_assert_cmpint (g_date_compare (&due, &expected), ==, 0);
            g_assert_false (json_object_get_boolean_member (t, "due_provisional"));
          }
      }
  }
  {
    g_autoptr(JsonNode) node = transition (f, clerk, "cases", id2, "received", NULL, 200);
    const char *at = json_object_get_string_member (object_of (node), "received_at");

    /* the day's second, or a new day's first (see above) */
    g_free (expected_number2);
    expected_number2 = number_of_day (at, 2);
    if (strncmp (expected_number2, expected_number, strlen ("ZC-YYYYMMDD")) != 0)
      {
        g_free (expected_number2);
        expected_number2 = number_of_day (at, 1);
      }
    g_assert_cmpstr (json_object_get_string_member (object_of (node), "number"), ==, expected_number2);
  }
  {
    /* supervisor returns, the clerk sends it back; number and tasks stay */
    g_autoptr(JsonNode) returned = transition (f, supervisor, "cases", id, "returned", "材料不清晰", 200);
    g_autoptr(JsonNode) back = NULL;

    g_assert_cmpstr (json_object_get_string_member (object_of (returned), "state"), ==, "returned");
    g_assert_cmpstr (json_object_get_string_member (object_of (returned), "returned_from"), ==, "received");
    g_assert_cmpstr (json_object_get_string_member (object_of (returned), "reason"), ==, "材料不清晰");
    back = transition (f, clerk, "cases", id, "received", NULL, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (back), "number"), ==, expected_number);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM tasks WHERE case_id = 1"), ==, 3);
  }
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/events", id);
    g_autoptr(ZcServerResponse) r = call (f, "GET", path, clerk, NULL);
    g_autoptr(JsonNode) node = parse (r);
    JsonArray *all = json_object_get_array_member (object_of (node), "events");
    g_autoptr(JsonArray) events = json_array_new ();
    JsonObject *e;

    /* the changes (each response carrying the case is a case.view too) */
    for (guint i = 0; i < json_array_get_length (all); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (all, i), "action"), "case.view") != 0)
        json_array_add_element (events, json_node_copy (json_array_get_element (all, i)));
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (events), ==, 4);
    e = json_array_get_object_element (events, 0);
    g_assert_cmpstr (json_object_get_string_member (e, "action"), ==, "case.create");
    e = json_array_get_object_element (events, 2);
    g_assert_cmpstr (json_object_get_string_member (e, "action"), ==, "case.transition");
    g_assert_cmpstr (json_object_get_string_member (e, "actor"), ==, "supervisor");
    g_assert_cmpstr (json_object_get_string_member (e, "from"), ==, "received");
    g_assert_cmpstr (json_object_get_string_member (e, "to"), ==, "returned");
    g_assert_cmpstr (json_object_get_string_member (e, "reason"), ==, "材料不清晰");
    /* in words: the supervisor by name; a case's move names no sub-matter */
    g_assert_nonnull (json_object_get_string_member_with_default (e, "actor_name", NULL));
    {
      g_autofree char *quoted = g_strdup (json_object_get_string_member (e, "actor_name"));
      g_autofree char *sql = NULL;

      g_assert_null (strchr (quoted, '\''));
      sql = g_strdup_printf ("SELECT count(*) FROM users WHERE username = 'supervisor' AND display_name = '%s'", quoted);
      g_assert_cmpint (zc_test_count (f->db, sql), ==, 1);
    }
    g_assert_null (json_object_get_string_member_with_default (e, "matter_name", NULL));
  }
}

static void
test_tasks_complete (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *scjg = login (f, "scjg");
  g_autofree char *xf = login (f, "xf");
  g_autofree char *supervisor = login (f, "supervisor");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" ENTERPRISE_KEY "\",\"matters\":[\"m3\"]}");
  g_autoptr(JsonNode) received = transition (f, clerk, "cases", id, "received", NULL, 200);
  JsonArray *tasks = json_object_get_array_member (object_of (received), "tasks");
  gint64 fire_task = 0;

  {
    g_autoptr(ZcServerResponse) mine = call (f, "GET", "/api/v1/tasks", scjg, NULL);
    g_autoptr(ZcServerResponse) sneaky = call (f, "GET", "/api/v1/tasks?department=%E6%B6%88%E9%98%B2%E6%95%91%E6%8F%B4", scjg, NULL);
    g_autoptr(ZcServerResponse) all = call (f, "GET", "/api/v1/tasks", supervisor, NULL);
    g_autoptr(ZcServerResponse) filtered = call (f, "GET", "/api/v1/tasks?department=%E6%B6%88%E9%98%B2%E6%95%91%E6%8F%B4", supervisor, NULL);
    g_autoptr(ZcServerResponse) bad = call (f, "GET", "/api/v1/tasks?state=sleeping", supervisor, NULL);
    g_autoptr(JsonNode) a = parse (mine);
    g_autoptr(JsonNode) b = parse (sneaky);
    g_autoptr(JsonNode) c = parse (all);
    g_autoptr(JsonNode) d = parse (filtered);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (a), "tasks")), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (b), "tasks")), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (c), "tasks")), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (d), "tasks")), ==, 1);
    assert_error (bad, 422, "invalid_request");
  }

  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      JsonObject *t = json_array_get_object_element (tasks, i);
      gint64 task = json_object_get_int_member (t, "id");
      gboolean fire = strcmp (json_object_get_string_member (t, "department"), "消防救援") == 0;
      const char *token = fire ? xf : scjg;
      const char *other = fire ? scjg : xf;

      if (fire)
        {
          fire_task = task;
          continue;
        }
      {
        g_autoptr(JsonNode) n1 = transition (f, other, "tasks", task, "in_review", NULL, 403);
        g_autoptr(JsonNode) n2 = transition (f, token, "tasks", task, "result_issued", NULL, 409);
        g_autoptr(JsonNode) n3 = transition (f, token, "tasks", task, "in_review", NULL, 200);
        g_autoptr(JsonNode) n4 = transition (f, token, "tasks", task, "approved", NULL, 200);
        g_autoptr(JsonNode) n5 = transition (f, token, "tasks", task, "result_issued", NULL, 200);
        g_assert_cmpstr (json_object_get_string_member (object_of (n5), "state"), ==, "result_issued");
        g_assert_cmpint (json_object_get_int_member (object_of (n5), "case_id"), ==, id);
      }
    }
  g_assert_cmpint (fire_task, >, 0);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases WHERE state = 'received'"), ==, 1);
  {
    g_autoptr(JsonNode) n1 = transition (f, xf, "tasks", fire_task, "in_review", NULL, 200);
    g_autoptr(JsonNode) n2 = transition (f, xf, "tasks", fire_task, "denied", NULL, 409);  /* needs a reason */
    g_autoptr(JsonNode) n3 = transition (f, xf, "tasks", fire_task, "denied", "消防通道不符合要求", 200);
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases WHERE state = 'completed'"), ==, 1);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.transition' "
                                         "AND actor = 'platform' AND to_state = 'completed'"), ==, 1);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'task.transition'"), ==, 8);
  {
    /* the department sees the case it works on */
    g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, id);
    g_autoptr(ZcServerResponse) r = call (f, "GET", path, xf, NULL);
    g_autoptr(JsonNode) node = parse (r);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (node), "state"), ==, "completed");
  }
  {
    /* each department's move names its sub-matter and the department */
    g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/events", id);
    g_autoptr(ZcServerResponse) r = call (f, "GET", path, supervisor, NULL);
    g_autoptr(JsonNode) node = parse (r);
    JsonArray *events = json_object_get_array_member (object_of (node), "events");
    guint task_events = 0;

    for (guint i = 0; i < json_array_get_length (events); i++)
      {
        JsonObject *e = json_array_get_object_element (events, i);

        if (g_strcmp0 (json_object_get_string_member (e, "action"), "task.transition") != 0)
          continue;
        g_assert_nonnull (json_object_get_string_member_with_default (e, "matter_name", NULL));
        g_assert_nonnull (json_object_get_string_member_with_default (e, "department", NULL));
        g_assert_nonnull (json_object_get_string_member_with_default (e, "actor_name", NULL));
        task_events++;
      }
    g_assert_cmpuint (task_events, ==, 8);
  }
  /* the case in full: created, received (the answers) and the department's read */
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.view' "
                                         "AND subject = '" ENTERPRISE_KEY "'"), ==, 3);
}

static void
test_case_list (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *helper = login (f, "helper");
  g_autofree char *clerk2 = login (f, "clerk2");
  g_autofree char *supervisor = login (f, "supervisor");
  gint64 first = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  gint64 second = create_case (f, helper, "{\"item\":\"kbcyd\",\"applicant\":\"" ENTERPRISE_KEY "\"}");
  g_autoptr(JsonNode) r = transition (f, clerk, "cases", first, "received", NULL, 200);
  struct { const char *token; const char *query; gint64 total; gint64 first_id; } rows[] = {
    { clerk, "", 2, 0 },
    { helper, "", 2, 0 },
    { clerk2, "", 0, -1 },
    { supervisor, "", 2, 0 },
    { supervisor, "?state=received", 1, 0 },
    { supervisor, "?state=draft", 1, 0 },
    { supervisor, "?q=%E9%A4%90%E9%A5%AE%E5%BA%97", 2, 0 },   /* 餐饮店: item name */
    { supervisor, "?q=%E5%BC%A0%E4%B8%89", 1, 0 },            /* 张三 */
    { supervisor, "?q=" ENTERPRISE_KEY, 1, 0 },
    { supervisor, "?q=91350100", 0, -1 },                     /* a part of a key: nothing */
    { supervisor, "?q=ZC-", 1, 0 },
    { supervisor, "?q=%25", 0, -1 },                          /* a literal % matches nothing */
    { supervisor, "?limit=1&offset=1", 2, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strconcat ("/api/v1/cases", rows[i].query, NULL);
      g_autoptr(ZcServerResponse) resp = call (f, "GET", path, rows[i].token, NULL);
      g_autoptr(JsonNode) node = parse (resp);
      JsonArray *cases;

      g_assert_cmpuint (resp->status, ==, 200);
      g_assert_cmpint (json_object_get_int_member (object_of (node), "total"), ==, rows[i].total);
      cases = json_object_get_array_member (object_of (node), "cases");
      if (i == 0)
        {
          /* newest first */
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (cases, 0), "id"), ==, second);
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (cases, 1), "id"), ==, first);
        }
      if (i == G_N_ELEMENTS (rows) - 1)
        {
          g_assert_cmpuint (json_array_get_length (cases), ==, 1);
          g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (cases, 0), "id"), ==, first);
        }
    }
  {
    g_autoptr(ZcServerResponse) bad = call (f, "GET", "/api/v1/cases?state=lost", supervisor, NULL);
    g_autoptr(ZcServerResponse) badlimit = call (f, "GET", "/api/v1/cases?limit=abc", supervisor, NULL);
    assert_error (bad, 422, "invalid_request");
    assert_error (badlimit, 422, "invalid_request");
  }
  /* sorted by a column of the inbox, either way; a draft has no number */
  {
    static const struct { const char *query; gboolean first_leads; } sorts[] = {
      { "?sort=number", FALSE },
      { "?sort=-number", TRUE },
      { "?sort=state", FALSE },     /* draft < received */
      { "?sort=-state", TRUE },
    };
    g_autoptr(ZcServerResponse) bad = call (f, "GET", "/api/v1/cases?sort=applicant%3B%20drop", supervisor, NULL);
    g_autoptr(ZcServerResponse) dash = call (f, "GET", "/api/v1/cases?sort=-", supervisor, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
      {
        g_autofree char *path = g_strconcat ("/api/v1/cases", sorts[i].query, NULL);
        g_autoptr(ZcServerResponse) resp = call (f, "GET", path, supervisor, NULL);
        g_autoptr(JsonNode) node = parse (resp);
        JsonArray *cases;

        g_assert_cmpuint (resp->status, ==, 200);
        cases = json_object_get_array_member (object_of (node), "cases");
        g_assert_cmpuint (json_array_get_length (cases), ==, 2);
        g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (cases, 0), "id"), ==,
                         sorts[i].first_leads ? first : second);
      }
    assert_error (bad, 422, "invalid_request");
    assert_error (dash, 422, "invalid_request");
  }
}

/* the inbox sorted by applicant or 事项 is in pinyin order, as every list
 * at the counter: 李四 (li) before 张三 (zhang), though 张 (U+5F20) comes
 * before 李 (U+674E) in Unicode */
static void
test_case_list_pinyin (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 zhang = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  gint64 li = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" SPOUSE_KEY "\"}");
  static const struct { const char *query; gboolean li_leads; } sorts[] = {
    { "?sort=applicant", TRUE },
    { "?sort=-applicant", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autofree char *path = g_strconcat ("/api/v1/cases", sorts[i].query, NULL);
      g_autoptr(ZcServerResponse) resp = call (f, "GET", path, clerk, NULL);
      g_autoptr(JsonNode) node = parse (resp);
      JsonArray *cases;

      g_assert_cmpuint (resp->status, ==, 200);
      cases = json_object_get_array_member (object_of (node), "cases");
      g_assert_cmpuint (json_array_get_length (cases), ==, 2);
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (cases, 0), "id"), ==,
                       sorts[i].li_leads ? li : zhang);
    }
}

static const char *fuzz_methods[] = { "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "", "G\x01T", "get" };
static const char *fuzz_bodies[] = {
  "{}", "{\"to\":\"received\"}", "{\"to\":\"in_review\"}", "{\"username\":\"clerk\",\"password\":\"x\"}",
  "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}", "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":null,\"form\":{\"a\":[1,2,{}]},\"parties\":[]}",
  "[", "]", "{\"a\":\"\\ud800\"}", "{\"to\":\"\\u0000\"}", "\xc3\x28", "{\"item\":1e999}", "nul\0l",
  "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":[\"m3\",\"m3\"]}", "{\"to\":\"withdrawn\",\"reason\":\"x\"}",
};

static char *
fuzz_string (guint max)
{
  guint len = g_test_rand_int_range (0, max);
  char *s = g_malloc (len + 1);

  for (guint i = 0; i < len; i++)
    s[i] = (char) g_test_rand_int_range (1, 256);
  s[len] = '\0';
  return s;
}

static void
test_fuzz (Fixture       *f,
           gconstpointer  data)
{
  guint n_routes;
  const ZcServerRouteInfo *routes = zc_server_api_get_routes (&n_routes);
  char *tokens[4];
  const char *fillers[] = { "1", "2", "0", "-1", "99999999999999999999", PERSON_KEY, "%00", "%ff", "%2F",
                            "a%20b", "m1", "clerk", "..", "%E5%BC%A0", "" };
  guint n = 0;

  for (ZcRole role = ZC_ROLE_CLERK; role <= ZC_ROLE_DEPARTMENT; role++)
    tokens[role] = login (f, role_user (role));
  create_case (f, tokens[ZC_ROLE_CLERK], "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");

  for (guint iter = 0; iter < 3000; iter++)
    {
      g_autoptr(ZcServerRequest) request = NULL;
      g_autoptr(ZcServerResponse) response = NULL;
      g_autofree char *path = NULL;
      g_autofree char *query = NULL;
      const char *method;
      int kind = g_test_rand_int_range (0, 10);

      if (kind < 7)
        {
          const ZcServerRouteInfo *route = &routes[g_test_rand_int_range (0, n_routes)];
          g_auto(GStrv) parts = g_strsplit (route->pattern, "/", -1);
          GString *p = g_string_new ("/api/v1");

          for (guint i = 1; parts[i] != NULL; i++)
            {
              g_string_append_c (p, '/');
              if (parts[i][0] == '{')
                g_string_append (p, fillers[g_test_rand_int_range (0, G_N_ELEMENTS (fillers))]);
              else
                g_string_append (p, parts[i]);
            }
          path = g_string_free (p, FALSE);
          method = g_test_rand_bit () ? route->method : fuzz_methods[g_test_rand_int_range (0, G_N_ELEMENTS (fuzz_methods))];
        }
      else
        {
          g_autofree char *junk = fuzz_string (40);
          path = g_strconcat (g_test_rand_bit () ? "/api/v1/" : "/", junk, NULL);
          method = fuzz_methods[g_test_rand_int_range (0, G_N_ELEMENTS (fuzz_methods))];
        }
      switch (g_test_rand_int_range (0, 4))
        {
        case 0: query = NULL; break;
        case 1: query = fuzz_string (30); break;
        case 2: query = g_strdup ("q=%E5%BC%A0&state=draft&limit=999&offset=1"); break;
        default: query = g_strdup ("holder=" PERSON_KEY "&kind=person&q=%&limit=x"); break;
        }

      request = zc_server_request_new (method, path, query);
      if (g_test_rand_int_range (0, 5) > 0)
        {
          ZcRole role = g_test_rand_int_range (ZC_ROLE_CLERK, ZC_ROLE_DEPARTMENT + 1);
          g_autofree char *auth = g_strconcat ("Bearer ", tokens[role], NULL);
          zc_server_request_set_header (request, "Authorization", auth);
        }
      else if (g_test_rand_bit ())
        {
          g_autofree char *junk = fuzz_string (80);
          zc_server_request_set_header (request, "Authorization", junk);
        }
      if (g_test_rand_int_range (0, 4) == 0)
        {
          g_autofree char *junk = fuzz_string (20);
          zc_server_request_set_header (request, g_test_rand_bit () ? "Idempotency-Key" : "Content-Length", junk);
        }
      switch (g_test_rand_int_range (0, 5))
        {
        case 0:
          break;
        case 1:
          {
            g_autofree char *junk = fuzz_string (300);
            zc_server_request_set_body (request, junk, strlen (junk));
          }
          break;
        case 2:
          {
            guint depth = g_test_rand_int_range (1, 5000);
            g_autoptr(GString) deep = g_string_new (NULL);
            for (guint i = 0; i < depth; i++)
              g_string_append (deep, g_test_rand_bit () ? "[" : "{\"a\":");
            zc_server_request_set_body (request, deep->str, deep->len);
          }
          break;
        default:
          {
            const char *body = fuzz_bodies[g_test_rand_int_range (0, G_N_ELEMENTS (fuzz_bodies))];
            zc_server_request_set_body (request, body, strlen (body) + (g_test_rand_bit () ? 0 : 1));
          }
          break;
        }

      response = zc_server_api_handle (f->api, request);
      g_assert_nonnull (response);
      g_assert_cmpuint (response->status, >=, 200);
      g_assert_cmpuint (response->status, <=, 599);
      g_assert_cmpuint (response->status, !=, 500);
      if (response->body != NULL && response->content_type != NULL &&
          g_str_has_prefix (response->content_type, "application/json"))
        {
          g_autoptr(JsonNode) node = parse (response);
          g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
        }
      n++;
    }
  g_assert_cmpuint (n, ==, 3000);
  /* the database is still consistent and usable */
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM tasks WHERE case_id NOT IN (SELECT id FROM cases)"), ==, 0);
  g_assert_true (sqlite3_get_autocommit (zc_server_db_get_handle (f->db)));
  for (ZcRole role = ZC_ROLE_CLERK; role <= ZC_ROLE_DEPARTMENT; role++)
    g_free (tokens[role]);
}

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-test-demo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(ZcServerDb) db = NULL;
  g_autoptr(ZcServer) server = NULL;
  g_autofree char *data_dir = zc_server_default_data_dir ();
  g_autofree char *catalogue = g_build_filename (data_dir, "catalogue.json", NULL);
  int applicants, items;

  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no demo data (catalogue.json) in the data folder yet");
      g_rmdir (dir);
      return;
    }
  server = zc_server_new (path, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&server);

  db = zc_server_db_open (path, &error);
  g_assert_no_error (error);
  applicants = zc_test_count (db, "SELECT count(*) FROM applicants");
  items = zc_test_count (db, "SELECT count(*) FROM catalogue_items");
  if (zc_server_db_is_empty (db))
    g_test_skip ("the demo loader is not written yet");
  else
    {
      int cases = zc_test_count (db, "SELECT count(*) FROM cases");

      g_assert_cmpint (applicants, >=, 200);
      g_assert_cmpint (items, >=, 13);
      g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM users WHERE username = 'clerk'"), ==, 1);
      /* --demo on a populated database changes nothing */
      g_clear_pointer (&db, zc_server_db_close);
      server = zc_server_new (path, TRUE, NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&server);
      db = zc_server_db_open (path, &error);
      g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM cases"), ==, cases);
    }
  g_clear_pointer (&db, zc_server_db_close);
  remove_dir (dir);
}

static void
test_contract_extras (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *scjg = login (f, "scjg");
  gint64 id;

  {
    /* 201 carries Location; field_sources round-trip */
    g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/cases", clerk,
      "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"form\":{\"name\":\"张三\"},"
      "\"field_sources\":{\"name\":{\"kind\":\"licence\",\"licence_type\":\"id_card\",\"licence_number\":\"" PERSON_KEY "\"}},"
      "\"materials\":{\"id_copy\":\"received\",\"lease\":\"received\"}}");
    g_autoptr(JsonNode) node = parse (r);
    g_autofree char *location = NULL;
    JsonObject *origin;

    g_assert_cmpuint (r->status, ==, 201);
    id = json_object_get_int_member (object_of (node), "id");
    location = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, id);
    g_assert_cmpstr (g_hash_table_lookup (r->headers, "Location"), ==, location);
    origin = json_object_get_object_member (json_object_get_object_member (object_of (node), "field_sources"), "name");
    g_assert_cmpstr (json_object_get_string_member (origin, "kind"), ==, "licence");
  }
  {
    g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/cases", clerk,
      "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"field_sources\":{\"name\":\"licence\"}}");
    assert_error (r, 422, "invalid_request");
  }
  {
    /* a credit code failing its check: refused without a reason, accepted with one */
    const char *bad_uscc = "91350100M000100Y44";
    g_autofree char *without = g_strdup_printf ("{\"item\":\"kbcyd\",\"applicant\":\"%s\"}", bad_uscc);
    g_autofree char *with = g_strdup_printf ("{\"item\":\"kbcyd\",\"applicant\":\"%s\","
                                             "\"key_override_reason\":\"早期试点代码，工商部门确认有效\"}", bad_uscc);
    g_autoptr(ZcServerResponse) r1 = NULL;
    g_autoptr(ZcServerResponse) r2 = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *sql = g_strdup_printf ("INSERT INTO applicants (key, kind, name) VALUES ('%s', 'enterprise', '试点企业')", bad_uscc);

    zc_test_exec (f->db, sql);
    r1 = call (f, "POST", "/api/v1/cases", clerk, without);
    assert_error (r1, 422, "invalid_request");
    r2 = call (f, "POST", "/api/v1/cases", clerk, with);
    g_assert_cmpuint (r2->status, ==, 201);
    node = parse (r2);
    g_assert_cmpstr (json_object_get_string_member (object_of (node), "key_override_reason"), ==,
                     "早期试点代码，工商部门确认有效");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.key_override'"), ==, 1);
  }
  {
    /* typed by hand while the licence library was away: the typed name
     * is kept with the case (full case only), too long a name refused */
    g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/cases", clerk,
      "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"applicant_typed_name\":\"张山\"}");
    g_autoptr(JsonNode) node = parse (r);
    g_autoptr(GString) long_name = g_string_new (NULL);
    g_autofree char *too_long = NULL;
    g_autoptr(ZcServerResponse) bad = NULL;
    g_autoptr(ZcServerResponse) list = NULL;

    g_assert_cmpuint (r->status, ==, 201);
    g_assert_cmpstr (json_object_get_string_member (object_of (node), "applicant_typed_name"), ==, "张山");
    g_assert_cmpstr (json_object_get_string_member (object_of (node), "applicant_name"), !=, "张山");
    for (guint i = 0; i < 101; i++)
      g_string_append (long_name, "张");
    too_long = g_strdup_printf ("{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"applicant_typed_name\":\"%s\"}",
                                long_name->str);
    bad = call (f, "POST", "/api/v1/cases", clerk, too_long);
    assert_error (bad, 422, "invalid_request");
    {
      g_autoptr(JsonNode) n = parse (bad);

      /* the error names the member, as every member's error does */
      g_assert_cmpstr (json_object_get_string_member_with_default (error_object (n), "member", NULL), ==,
                       "applicant_typed_name");
    }
    /* a list never shows it */
    list = call (f, "GET", "/api/v1/cases", clerk, NULL);
    g_assert_cmpuint (list->status, ==, 200);
    g_assert_null (strstr (zc_server_response_get_text (list), "applicant_typed_name"));
  }
  {
    /* a typed name is a name: no control character (a line break, an
     * escape sequence for a terminal) and not blank; refused naming it */
    static const char *const bad_names[] = {
      "张\\n山", "张\\u001b[31m山", "\\t", "张\\u007f山", "张\\u2028山", "   ", "\\u3000",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
      {
        g_autofree char *body = g_strdup_printf ("{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\","
                                                 "\"applicant_typed_name\":\"%s\"}", bad_names[i]);
        g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/cases", clerk, body);
        g_autoptr(JsonNode) n = NULL;

        assert_error (r, 422, "invalid_request");
        n = parse (r);
        g_assert_cmpstr (json_object_get_string_member (error_object (n), "member"), ==, "applicant_typed_name");
      }
  }
  {
    /* a transition replayed with the same key answers the first answer once more */
    g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/transitions", id);
    g_autoptr(ZcServerResponse) a = call_full (f, "POST", path, clerk,
                                               "{\"to\":\"received\",\"received_at\":\"2000-01-01T00:00:00Z\"}", -1, "t-1");
    g_autoptr(ZcServerResponse) b = call_full (f, "POST", path, clerk, "{\"to\":\"received\"}", -1, "t-1");
    g_autoptr(ZcServerResponse) c = call_full (f, "POST", path, clerk, "{\"to\":\"received\"}", -1, "t-1");
    g_autoptr(ZcServerResponse) d = call_full (f, "POST", path, clerk, "{\"to\":\"received\"}", -1, "t-2");
    g_autoptr(JsonNode) nb = NULL;

    assert_error (a, 422, "invalid_request");  /* received_at too old */
    g_assert_cmpuint (b->status, ==, 200);
    g_assert_cmpuint (c->status, ==, 200);
    g_assert_cmpstr (zc_server_response_get_text (b), ==, zc_server_response_get_text (c));
    assert_error (d, 409, "transition_not_allowed");
    nb = parse (b);
    g_assert_cmpstr (json_object_get_string_member (object_of (nb), "state"), ==, "received");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.transition'"), ==, 1);
  }
  {
    /* received_at sent later from the outbox dates the reception */
    g_autoptr(GDateTime) now = zc_clock_now_utc (zc_clock_get_default ());
    g_autoptr(GDateTime) then = g_date_time_add_days (now, -2);
    g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (then, tz);
    g_autofree char *then_iso = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
    g_autofree char *prefix = g_date_time_format (local, "ZC-%Y%m%d-");
    gint64 other = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
    g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/transitions", other);
    g_autofree char *body = g_strdup_printf ("{\"to\":\"received\",\"received_at\":\"%s\"}", then_iso);
    g_autoptr(ZcServerResponse) r = call (f, "POST", path, clerk, body);
    g_autoptr(JsonNode) node = parse (r);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (node), "received_at"), ==, then_iso);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (object_of (node), "number"), prefix));
  }
  {
    /* a task transition replayed */
    g_autoptr(ZcServerResponse) list = call (f, "GET", "/api/v1/tasks?limit=1", scjg, NULL);
    g_autoptr(JsonNode) node = parse (list);
    gint64 task = json_object_get_int_member (json_array_get_object_element (
      json_object_get_array_member (object_of (node), "tasks"), 0), "id");
    g_autofree char *path = g_strdup_printf ("/api/v1/tasks/%" G_GINT64_FORMAT "/transitions", task);
    g_autoptr(ZcServerResponse) a = call_full (f, "POST", path, scjg, "{\"to\":\"in_review\"}", -1, "k");
    g_autoptr(ZcServerResponse) b = call_full (f, "POST", path, scjg, "{\"to\":\"in_review\"}", -1, "k");
    g_autoptr(ZcServerResponse) z = call (f, "GET", "/api/v1/tasks?limit=0", scjg, NULL);

    g_assert_cmpuint (a->status, ==, 200);
    g_assert_cmpuint (b->status, ==, 200);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'task.transition'"), ==, 1);
    assert_error (z, 422, "invalid_request");
  }
  {
    g_autoptr(ZcServerResponse) ok = call (f, "GET", "/api/v1/licences/" PERSON_KEY "?holder=" PERSON_KEY, clerk, NULL);
    g_autoptr(ZcServerResponse) other = call (f, "GET", "/api/v1/licences/" PERSON_KEY "?holder=" SPOUSE_KEY, clerk, NULL);
    g_autoptr(ZcServerResponse) bad = call (f, "GET", "/api/v1/licences/" PERSON_KEY "/photo?holder=123", clerk, NULL);
    g_assert_cmpuint (ok->status, ==, 200);
    assert_error (other, 404, "not_found");
    assert_error (bad, 400, "invalid_key");
  }
}

/* ------------------------------------------------------------------ */
/* issue 3: claiming, updates, reception time, progress                */

static char *
case_path (gint64      id,
           const char *suffix)
{
  return g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "%s", id, suffix ? suffix : "");
}

/* A case received on a hand-typed applicant (未核验) is verified
 * against the licence library: a differing name and a key without an
 * identity licence are refused with the names to compare; a match
 * clears it once, with an event; a replay answers the first answer. */
static gint64
received_typed_case (Fixture    *f,
                     const char *token,
                     const char *key,
                     const char *typed_name)
{
  g_autofree char *body = g_strdup_printf ("{\"item\":\"kbcyd\",\"applicant\":\"%s\","
                                           "\"applicant_typed_name\":\"%s\"}", key, typed_name);
  gint64 id = create_case (f, token, body);
  g_autoptr(JsonNode) received = transition (f, token, "cases", id, "received", NULL, 200);

  g_assert_cmpstr (json_object_get_string_member (object_of (received), "applicant_typed_name"), ==, typed_name);
  return id;
}

static void
test_applicant_verification (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *helper = login (f, "helper");
  g_autofree char *clerk2 = login (f, "clerk2");
  g_autofree char *supervisor = login (f, "supervisor");
  g_autofree char *department = login (f, "scjg");
  gint64 mismatch = received_typed_case (f, clerk, PERSON_KEY, "张山");
  gint64 unknown = received_typed_case (f, clerk, SPOUSE_KEY, "李四");
  gint64 good = received_typed_case (f, clerk, PERSON_KEY, "张三");
  gint64 draft = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\","
                                        "\"applicant_typed_name\":\"张三\"}");
  g_autofree char *mismatch_path = case_path (mismatch, "/applicant-verification");
  g_autofree char *unknown_path = case_path (unknown, "/applicant-verification");
  g_autofree char *good_path = case_path (good, "/applicant-verification");
  g_autofree char *draft_path = case_path (draft, "/applicant-verification");
  g_autofree char *event_sql = g_strdup_printf ("SELECT count(*) FROM events WHERE action = 'case.applicant_verify' "
                                                "AND case_id = %" G_GINT64_FORMAT " AND actor = 'helper'", good);

  {
    /* the typed name differs: 409 with both names, nothing changed */
    g_autoptr(ZcServerResponse) r = call_full (f, "POST", mismatch_path, clerk, NULL, -1, "v-1");
    g_autoptr(JsonNode) n = NULL;
    g_autofree char *message = NULL;

    assert_error (r, 409, "applicant_name_mismatch");
    n = parse (r);
    g_assert_cmpstr (json_object_get_string_member (error_object (n), "typed_name"), ==, "张山");
    g_assert_cmpstr (json_object_get_string_member (error_object (n), "library_name"), ==, "张三");
    message = error_message (r);
    g_assert_null (strstr (message, "张"));
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases WHERE applicant_typed_name = '张山'"), ==, 1);
  }
  {
    /* a confirmed name that is not the library's is refused as well; a
     * blank one is not a name */
    g_autoptr(ZcServerResponse) r = call (f, "POST", mismatch_path, clerk, "{\"confirmed_name\":\"张珊\"}");
    g_autoptr(ZcServerResponse) blank = call (f, "POST", mismatch_path, clerk, "{\"confirmed_name\":\" \"}");

    assert_error (r, 409, "applicant_name_mismatch");
    assert_error (blank, 422, "invalid_request");
  }
  {
    /* the clerk confirms the library's name with the applicant's ID (a
     * typo at the counter): verified, the typed name kept in the history,
     * and corrected in the form where it was typed (the fresh-eye review:
     * the typo stayed in 姓名); other values untouched */
    g_autofree char *form_sql = g_strdup_printf (
      "UPDATE cases SET form = json_set (coalesce (form, '{}'), '$.applicant_name', '张山', "
      "'$.shop_name', '张山小吃') WHERE id = %" G_GINT64_FORMAT, mismatch);
    g_autofree char *name_sql = g_strdup_printf (
      "SELECT count(*) FROM cases WHERE id = %" G_GINT64_FORMAT " AND json_extract (form, '$.applicant_name') = '张三' "
      "AND json_extract (form, '$.shop_name') = '张山小吃'", mismatch);
    g_autoptr(ZcServerResponse) r = NULL;

    zc_test_exec (f->db, form_sql);
    r = call (f, "POST", mismatch_path, clerk, "{\"confirmed_name\":\"张三\"}");
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (zc_test_count (f->db, name_sql), ==, 1);
    g_assert_null (strstr (zc_server_response_get_text (r), "applicant_typed_name"));
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.applicant_verify' "
                                           "AND json_extract (detail, '$.typed_name') = '张山'"), ==, 1);
  }
  {
    /* no identity licence for the key in the library */
    g_autoptr(ZcServerResponse) r = call (f, "POST", unknown_path, clerk, NULL);

    assert_error (r, 422, "applicant_unknown");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases WHERE applicant_typed_name = '李四'"), ==, 1);
  }
  {
    /* roles: a supervisor or a department may not; another window's clerk cannot see it */
    g_autoptr(ZcServerResponse) s = call (f, "POST", good_path, supervisor, NULL);
    g_autoptr(ZcServerResponse) d = call (f, "POST", good_path, department, NULL);
    g_autoptr(ZcServerResponse) o = call (f, "POST", good_path, clerk2, NULL);

    assert_error (s, 403, "forbidden");
    assert_error (d, 403, "forbidden");
    assert_error (o, 403, "forbidden");
  }
  {
    /* a draft is corrected with PUT, not verified */
    g_autoptr(ZcServerResponse) r = call (f, "POST", draft_path, clerk, NULL);

    assert_error (r, 409, "transition_not_allowed");
  }
  {
    /* the helper of the window verifies; a replay answers the same, once */
    g_autoptr(ZcServerResponse) a = call_full (f, "POST", good_path, helper, NULL, -1, "v-2");
    g_autoptr(ZcServerResponse) b = call_full (f, "POST", good_path, helper, NULL, -1, "v-2");
    g_autoptr(ZcServerResponse) again = call_full (f, "POST", good_path, helper, NULL, -1, "v-3");
    g_autoptr(ZcServerResponse) other = call_full (f, "POST", mismatch_path, helper, NULL, -1, "v-2");
    g_autoptr(JsonNode) n = NULL;

    if (a->status != 200)
      g_error ("verify: %u %s", a->status, zc_server_response_get_text (a));
    n = parse (a);
    g_assert_false (json_object_has_member (object_of (n), "applicant_typed_name"));
    g_assert_cmpstr (json_object_get_string_member (object_of (n), "state"), ==, "received");
    g_assert_cmpuint (b->status, ==, 200);
    g_assert_cmpstr (zc_server_response_get_text (b), ==, zc_server_response_get_text (a));
    g_assert_cmpint (zc_test_count (f->db, event_sql), ==, 1);
    /* verified already: 409, still one event */
    assert_error (again, 409, "already_verified");
    g_assert_cmpint (zc_test_count (f->db, event_sql), ==, 1);
    /* the key on another case is refused */
    assert_error (other, 422, "idempotency_key_reused");
  }
}

static void
test_claiming (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *helper = login (f, "helper");
  g_autofree char *clerk2 = login (f, "clerk2");
  g_autofree char *supervisor = login (f, "supervisor");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  g_autofree char *path = case_path (id, NULL);
  g_autofree char *claim = case_path (id, "/claim");
  g_autofree char *transitions = case_path (id, "/transitions");
  gint64 note_id;

  zc_test_exec (f->db, "UPDATE users SET display_name = '王晓燕' WHERE username = 'clerk';"
                       "UPDATE users SET display_name = '李值班' WHERE username = 'supervisor'");
  {
    /* the creator holds the new case; GET shows who */
    g_autoptr(ZcServerResponse) r = call (f, "GET", path, helper, NULL);
    g_autoptr(JsonNode) n = parse (r);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (n), "holder"), ==, "clerk");
    g_assert_cmpstr (json_object_get_string_member (object_of (n), "holder_display"), ==, "王晓燕");
  }
  {
    /* another clerk of the window: held_by_other naming the holder, for claim, PUT and submit */
    g_autoptr(ZcServerResponse) c = call (f, "POST", claim, helper, NULL);
    g_autoptr(ZcServerResponse) u = call (f, "PUT", path, helper, "{\"form\":{\"a\":\"b\"}}");
    g_autoptr(ZcServerResponse) t = call (f, "POST", transitions, helper, "{\"to\":\"received\"}");
    g_autoptr(ZcServerResponse) o = call (f, "POST", claim, clerk2, NULL);
    g_autoptr(JsonNode) n = NULL;
    g_autofree char *message = NULL;

    assert_error (c, 409, "held_by_other");
    assert_error (u, 409, "held_by_other");
    assert_error (t, 409, "held_by_other");
    assert_error (o, 403, "forbidden");   /* another window */
    n = parse (c);
    g_assert_cmpstr (json_object_get_string_member (error_object (n), "holder"), ==, "clerk");
    g_assert_cmpstr (json_object_get_string_member (error_object (n), "holder_display"), ==, "王晓燕");
    message = error_message (c);
    g_assert_nonnull (strstr (message, "王晓燕"));
    g_assert_nonnull (strstr (message, "1号窗口"));
  }
  {
    /* the holder claims again: fine, nothing changes */
    g_autoptr(ZcServerResponse) r = call (f, "POST", claim, clerk, "{}");
    g_assert_cmpuint (r->status, ==, 200);
  }
  {
    /* takeover: supervisor only, with a reason */
    g_autoptr(ZcServerResponse) plain = call (f, "POST", claim, supervisor, NULL);
    g_autoptr(ZcServerResponse) no_reason = call (f, "POST", claim, supervisor, "{\"takeover\":true}");
    g_autoptr(ZcServerResponse) by_helper = call (f, "POST", claim, helper, "{\"takeover\":true,\"reason\":\"x\"}");
    g_autoptr(ZcServerResponse) bad_type = call (f, "POST", claim, supervisor, "{\"takeover\":\"yes\"}");
    g_autoptr(ZcServerResponse) ok = NULL;
    g_autoptr(JsonNode) n = NULL;

    assert_error (plain, 409, "held_by_other");
    assert_error (no_reason, 422, "invalid_request");
    assert_error (by_helper, 403, "forbidden");
    assert_error (bad_type, 422, "invalid_request");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM notifications"), ==, 0);

    ok = call (f, "POST", claim, supervisor, "{\"takeover\":true,\"reason\":\"交接班\"}");
    g_assert_cmpuint (ok->status, ==, 200);
    n = parse (ok);
    g_assert_cmpstr (json_object_get_string_member (object_of (n), "holder"), ==, "supervisor");
    g_assert_cmpint (json_object_get_int_member (object_of (n), "id"), ==, id);
    g_assert_cmpint (zc_test_count (f->db,
      "SELECT count(*) FROM events WHERE action = 'case.takeover' AND reason = '交接班' "
      "AND json_extract (detail, '$.previous_holder') = 'clerk'"), ==, 1);
  }
  {
    /* the previous holder is told; nobody else */
    g_autoptr(ZcServerResponse) r = call (f, "GET", "/api/v1/sessions/current/notifications", clerk, NULL);
    g_autoptr(ZcServerResponse) h = call (f, "GET", "/api/v1/sessions/current/notifications", helper, NULL);
    g_autoptr(ZcServerResponse) bad = call (f, "GET", "/api/v1/sessions/current/notifications?after=x", clerk, NULL);
    g_autoptr(JsonNode) n = parse (r);
    g_autoptr(JsonNode) hn = parse (h);
    JsonArray *list = json_object_get_array_member (object_of (n), "notifications");
    JsonObject *note;
    g_autofree char *after = NULL;

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    note = json_array_get_object_element (list, 0);
    g_assert_cmpstr (json_object_get_string_member (note, "kind"), ==, "case.takeover");
    g_assert_cmpint (json_object_get_int_member (note, "case_id"), ==, id);
    g_assert_cmpstr (json_object_get_string_member (note, "by"), ==, "supervisor");
    g_assert_nonnull (strstr (json_object_get_string_member (note, "message"), "交接班"));
    g_assert_nonnull (strstr (json_object_get_string_member (note, "message"), "李值班"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (hn), "notifications")), ==, 0);
    assert_error (bad, 422, "invalid_request");

    note_id = json_object_get_int_member (note, "id");
    after = g_strdup_printf ("/api/v1/sessions/current/notifications?after=%" G_GINT64_FORMAT, note_id);
    {
      g_autoptr(ZcServerResponse) again = call (f, "GET", after, clerk, NULL);
      g_autoptr(JsonNode) an = parse (again);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (an), "notifications")), ==, 0);
    }
  }
  {
    /* the old holder may not edit any more; release by a supervisor, then claim */
    g_autoptr(ZcServerResponse) u = call (f, "PUT", path, clerk, "{\"form\":{\"a\":\"b\"}}");
    g_autoptr(ZcServerResponse) rel_other = call (f, "DELETE", claim, clerk, NULL);
    g_autoptr(ZcServerResponse) rel = call (f, "DELETE", claim, supervisor, NULL);
    g_autoptr(ZcServerResponse) rel_again = call (f, "DELETE", claim, supervisor, NULL);
    g_autoptr(ZcServerResponse) u2 = NULL;
    g_autoptr(ZcServerResponse) c = NULL;
    g_autoptr(ZcServerResponse) g = NULL;
    g_autoptr(JsonNode) gn = NULL;

    assert_error (u, 409, "held_by_other");
    assert_error (rel_other, 409, "held_by_other");
    g_assert_cmpuint (rel->status, ==, 204);
    g_assert_cmpuint (rel_again->status, ==, 204);
    g = call (f, "GET", path, clerk, NULL);
    gn = parse (g);
    g_assert_true (json_node_is_null (json_object_get_member (object_of (gn), "holder")));
    u2 = call (f, "PUT", path, clerk, "{\"form\":{\"a\":\"b\"}}");
    assert_error (u2, 409, "not_held");
    c = call (f, "POST", claim, helper, NULL);
    g_assert_cmpuint (c->status, ==, 200);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.claim'"), ==, 1);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.release'"), ==, 1);
  }
}

/* the material states recorded at the counter arrive with the case */
static void
test_create_materials (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 id = create_case (f, clerk,
    "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\","
    "\"materials\":{\"id_copy\":{\"state\":\"exempt\",\"licence\":{\"type\":\"id_card\",\"number\":\"" PERSON_KEY "\"}},"
    "\"lease\":\"deferred\"}}");
  g_autofree char *path = case_path (id, NULL);
  g_autoptr(ZcServerResponse) r = call (f, "GET", path, clerk, NULL);
  g_autoptr(JsonNode) n = parse (r);
  JsonObject *materials = json_object_get_object_member (object_of (n), "materials");

  g_assert_nonnull (materials);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "id_copy"), "state"), ==, "exempt");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "lease"), "state"), ==, "deferred");

  {
    g_autoptr(ZcServerResponse) bad = call (f, "POST", "/api/v1/cases", clerk,
      "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"materials\":{\"unknown\":\"received\"}}");

    g_assert_cmpuint (bad->status, ==, 422);
    g_assert_nonnull (strstr (zc_server_response_get_text (bad), "materials"));
  }
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *supervisor = login (f, "supervisor");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  g_autofree char *path = case_path (id, NULL);
  g_autofree char *updated_at = NULL;

  {
    g_autoptr(ZcServerResponse) r = call (f, "PUT", path, clerk,
      "{\"form\":{\"shop_name\":\"张记小吃\",\"phone\":\"13800000000\"},"
      "\"field_sources\":{\"phone\":{\"kind\":\"earlier_case\",\"case_number\":\"ZC-1\"}},"
      "\"parties\":[{\"role\":\"spouse\",\"key\":\"" SPOUSE_KEY "\"}],"
      "\"matters\":[\"m3\"],"
      "\"materials\":{\"id_copy\":{\"state\":\"exempt\",\"licence\":{\"type\":\"id_card\",\"number\":\"" PERSON_KEY "\"}},"
      "\"lease\":\"deferred\"}}");
    g_autoptr(JsonNode) n = parse (r);
    JsonObject *o = object_of (n);
    JsonObject *materials;
    g_autofree char *detail = NULL;

    if (r->status != 200)
      g_error ("PUT: %u %s", r->status, zc_server_response_get_text (r));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "form"), "shop_name"), ==, "张记小吃");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "matters")), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "parties")), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
      json_object_get_object_member (o, "field_sources"), "phone"), "kind"), ==, "earlier_case");
    materials = json_object_get_object_member (o, "materials");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "id_copy"), "state"), ==, "exempt");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
      json_object_get_object_member (materials, "id_copy"), "licence"), "type"), ==, "id_card");
    /* the shorthand is stored as the object */
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "lease"), "state"), ==, "deferred");
    updated_at = g_strdup (json_object_get_string_member (o, "updated_at"));

    /* the event names keys, never values */
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.update'"), ==, 1);
    {
      g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (f->db,
        "SELECT detail FROM events WHERE action = 'case.update'", NULL);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
    g_assert_nonnull (strstr (detail, "materials"));
    g_assert_nonnull (strstr (detail, "shop_name"));
    g_assert_null (strstr (detail, "张记小吃"));
    g_assert_null (strstr (detail, "13800000000"));
    g_assert_null (strstr (detail, SPOUSE_KEY));
  }
  {
    /* only given members change */
    g_autoptr(ZcServerResponse) r = call (f, "PUT", path, clerk, "{\"materials\":{\"lease\":\"received\"}}");
    g_autoptr(JsonNode) n = parse (r);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (n), "form"), "shop_name"), ==, "张记小吃");
    g_assert_false (json_object_has_member (json_object_get_object_member (object_of (n), "materials"), "id_copy"));
  }
  {
    /* shapes: 422 naming the member */
    struct { const char *body; const char *member; } bad[] = {
      { "{\"form\":[1]}", "form" },
      { "{\"form\":\"x\"}", "form" },
      { "{\"field_sources\":{\"a\":\"licence\"}}", "field_sources" },
      { "{\"parties\":[{\"role\":\"spouse\"}]}", "parties" },
      { "{\"parties\":{}}", "parties" },
      { "{\"matters\":[\"nope\"]}", "matters" },
      { "{\"matters\":[1]}", "matters" },
      { "{\"materials\":{\"unknown\":\"received\"}}", "materials" },
      { "{\"materials\":{\"lease\":\"lost\"}}", "materials" },
      { "{\"materials\":{\"lease\":{\"state\":\"exempt\",\"licence\":\"x\"}}}", "materials" },
      { "{\"materials\":[\"lease\"]}", "materials" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(ZcServerResponse) r = call (f, "PUT", path, clerk, bad[i].body);
        g_autoptr(JsonNode) n = NULL;

        assert_error (r, 422, "invalid_request");
        n = parse (r);
        g_assert_cmpstr (json_object_get_string_member (error_object (n), "member"), ==, bad[i].member);
      }
    {
      g_autoptr(ZcServerResponse) empty = call (f, "PUT", path, clerk, "{}");
      assert_error (empty, 422, "invalid_request");
    }
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.update'"), ==, 2);
  }
  {
    /* a stale updated_at, a supervisor (role), a received case */
    g_autofree char *stale = g_strdup_printf ("{\"updated_at\":\"2000-01-01T00:00:00Z\",\"form\":{}}");
    g_autoptr(ZcServerResponse) s = call (f, "PUT", path, clerk, stale);
    g_autoptr(ZcServerResponse) sup = call (f, "PUT", path, supervisor, "{\"form\":{}}");
    g_autoptr(ZcServerResponse) after = NULL;
    g_autoptr(JsonNode) received = NULL;

    assert_error (s, 409, "conflict");
    assert_error (sup, 403, "forbidden");
    {
      /* receiving checks completeness: the identity card is missing now */
      g_autofree char *to = case_path (id, "/transitions");
      g_autoptr(ZcServerResponse) incomplete = NULL;
      g_autoptr(ZcServerResponse) both = NULL;

      incomplete = call (f, "POST", to, clerk, "{\"to\":\"received\"}");
      assert_error (incomplete, 422, "incomplete");
      both = call (f, "PUT", path, clerk, "{\"materials\":{\"id_copy\":\"received\",\"lease\":\"received\","
                                          "\"fire_plan\":\"received\"}}");
      g_assert_cmpuint (both->status, ==, 200);
    }
    received = transition (f, clerk, "cases", id, "received", NULL, 200);
    after = call (f, "PUT", path, clerk, "{\"form\":{}}");
    assert_error (after, 409, "conflict");
    /* returned: editable again */
    {
      g_autoptr(JsonNode) ret = transition (f, supervisor, "cases", id, "returned", "补正", 200);
      g_autoptr(ZcServerResponse) claim = NULL;
      g_autoptr(ZcServerResponse) again = NULL;
      g_autofree char *claim_path = case_path (id, "/claim");

      claim = call (f, "POST", claim_path, clerk, NULL);
      g_assert_cmpuint (claim->status, ==, 200);
      again = call (f, "PUT", path, clerk, "{\"form\":{\"shop_name\":\"新名\"}}");
      g_assert_cmpuint (again->status, ==, 200);
    }
  }
}

static void
test_received_at (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  g_autofree char *path = case_path (id, "/transitions");
  g_autoptr(GDateTime) now = zc_clock_now_utc (zc_clock_get_default ());
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);

  {
    /* bounds: 8 days back, 10 minutes ahead, not a time */
    g_autoptr(GDateTime) old = g_date_time_add_days (now, -8);
    g_autoptr(GDateTime) ahead = g_date_time_add_minutes (now, 10);
    g_autofree char *old_iso = g_date_time_format (old, "%Y-%m-%dT%H:%M:%SZ");
    g_autofree char *ahead_iso = g_date_time_format (ahead, "%Y-%m-%dT%H:%M:%SZ");
    const char *values[] = { old_iso, ahead_iso, "yesterday", "2026-13-01T00:00:00Z" };

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      {
        g_autofree char *body = g_strdup_printf ("{\"to\":\"received\",\"received_at\":\"%s\"}", values[i]);
        g_autoptr(ZcServerResponse) r = call (f, "POST", path, clerk, body);

        assert_error (r, 422, "invalid_request");
      }
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM tasks"), ==, 0);
  }
  {
    /* 6 days back: number date and due dates count from it; a replay gives the same number */
    g_autoptr(GDateTime) then = g_date_time_add_days (now, -6);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (then, tz);
    g_autofree char *then_iso = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
    g_autofree char *prefix = g_date_time_format (local, "ZC-%Y%m%d-");
    g_autofree char *body = g_strdup_printf ("{\"to\":\"received\",\"received_at\":\"%s\"}", then_iso);
    g_autoptr(ZcServerResponse) r = call_full (f, "POST", path, clerk, body, -1, "outbox-7");
    g_autoptr(ZcServerResponse) replay = NULL;
    g_autoptr(JsonNode) n = parse (r);
    g_autoptr(JsonNode) rn = NULL;
    JsonObject *o = object_of (n);
    JsonArray *tasks;
    GDate reception;
    gint64 other;

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (o, "received_at"), ==, then_iso);
    g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "number"), prefix));
    g_date_clear (&reception, 1);
    g_date_set_dmy (&reception, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                    g_date_time_get_year (local));
    tasks = json_object_get_array_member (o, "tasks");
    g_assert_cmpuint (json_array_get_length (tasks), ==, 2);
    for (guint i = 0; i < json_array_get_length (tasks); i++)
      {
        JsonObject *t = json_array_get_object_element (tasks, i);
        guint limit = strcmp (json_object_get_string_member (t, "matter"), "m1") == 0 ? 3 : 10;
        GDate due, expected;

        g_assert_true (zc_date_parse_iso (json_object_get_string_member (t, "due_date"), &due));
        if (oracle_add_working_days (&reception, limit, &expected))
          g_assert_cmpint (g_date_compare (&due, &expected), ==, 0);
        else
          g_assert_cmpint (g_date_days_between (&reception, &due), >=, (int) limit);
      }

    /* another case received meanwhile; the replay still answers the first number */
    other = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
    {
      g_autoptr(JsonNode) on = transition (f, clerk, "cases", other, "received", NULL, 200);
    }
    replay = call_full (f, "POST", path, clerk, body, -1, "outbox-7");
    g_assert_cmpuint (replay->status, ==, 200);
    rn = parse (replay);
    g_assert_cmpstr (json_object_get_string_member (object_of (rn), "number"), ==,
                     json_object_get_string_member (o, "number"));
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM tasks"), ==, 4);
  }
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *helper = login (f, "helper");
  g_autofree char *clerk2 = login (f, "clerk2");
  g_autofree char *scjg = login (f, "scjg");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":[\"m3\"]}");
  g_autofree char *path = case_path (id, "/progress");
  g_autoptr(JsonNode) received = transition (f, clerk, "cases", id, "received", NULL, 200);

  /* m1 overdue and open, m2 overdue but final, m3 not due yet */
  zc_test_exec (f->db, "UPDATE tasks SET due_date = '2020-01-02' WHERE matter IN ('m1', 'm2');"
                       "UPDATE tasks SET state = 'result_issued' WHERE matter = 'm2'");
  {
    g_autoptr(ZcServerResponse) r = call (f, "GET", path, helper, NULL);
    g_autoptr(JsonNode) n = parse (r);
    JsonObject *o = object_of (n);
    JsonArray *tasks = json_object_get_array_member (o, "tasks");
    JsonArray *events = json_object_get_array_member (o, "events");

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, id);
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "received");
    g_assert_cmpstr (json_object_get_string_member (o, "item_name"), ==, "开办餐饮店");
    g_assert_cmpuint (json_array_get_length (tasks), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *t = json_array_get_object_element (tasks, i);
        const char *name = json_object_get_string_member (t, "matter_name");

        g_assert_cmpint (json_object_get_boolean_member (t, "late"), ==, strcmp (name, "设立登记") == 0);
        g_assert_true (json_object_has_member (t, "due_date"));
        g_assert_true (json_object_has_member (t, "awaiting_supplement"));
        g_assert_true (json_object_has_member (t, "updated_at"));
      }
    g_assert_cmpuint (json_array_get_length (events), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "to"), ==, "received");
    g_assert_null (strstr (zc_server_response_get_text (r), PERSON_KEY));
  }
  {
    g_autoptr(ZcServerResponse) o = call (f, "GET", path, clerk2, NULL);
    g_autoptr(ZcServerResponse) d = call (f, "GET", path, scjg, NULL);
    g_autoptr(ZcServerResponse) m = call (f, "GET", "/api/v1/cases/999/progress", clerk, NULL);

    assert_error (o, 403, "forbidden");
    assert_error (d, 403, "forbidden");
    assert_error (m, 404, "not_found");
  }
}

static ZcServerResponse *
public_query (Fixture    *f,
              const char *query,
              const char *remote)
{
  g_autoptr(ZcServerRequest) request = zc_server_request_new ("GET", "/api/v1/public/progress", query);

  request->remote_address = g_strdup (remote);
  return zc_server_api_handle (f->api, request);
}

static void
test_public_progress (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  g_autoptr(JsonNode) received = transition (f, clerk, "cases", id, "received", NULL, 200);
  const char *number = json_object_get_string_member (object_of (received), "number");
  g_autofree char *good = g_strdup_printf ("number=%s&applicant=" PERSON_KEY, number);
  g_autofree char *lower = g_strdup_printf ("number=%s&applicant=11010519491231002x", number);
  g_autofree char *wrong_key = g_strdup_printf ("number=%s&applicant=" SPOUSE_KEY, number);
  const char *wrong_number = "number=ZC-19990101-000001&applicant=" PERSON_KEY;
  guint n_queries = 0;

  {
    g_autoptr(ZcServerResponse) r = public_query (f, good, "192.0.2.1");
    g_autoptr(ZcServerResponse) l = public_query (f, lower, "192.0.2.1");
    g_autoptr(JsonNode) n = parse (r);
    const char *text = zc_server_response_get_text (r);

    n_queries += 2;
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (l->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (n), "number"), ==, number);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (n), "tasks")), ==, 2);
    /* nothing personal, no internal id */
    g_assert_false (json_object_has_member (object_of (n), "case_id"));
    g_assert_null (strstr (text, PERSON_KEY));
    g_assert_null (strstr (text, "张三"));
    g_assert_null (strstr (text, "clerk"));
  }
  {
    /* no oracle: a wrong number and a wrong key get the same answer */
    g_autoptr(ZcServerResponse) a = public_query (f, wrong_key, "192.0.2.1");
    g_autoptr(ZcServerResponse) b = public_query (f, wrong_number, "192.0.2.1");
    g_autoptr(ZcServerResponse) c = public_query (f, "number=x&applicant=y", "192.0.2.1");
    g_autoptr(ZcServerResponse) m = public_query (f, "number=x", "192.0.2.1");

    n_queries += 4;
    assert_error (a, 404, "not_found");
    assert_error (b, 404, "not_found");
    assert_error (c, 404, "not_found");
    g_assert_cmpstr (zc_server_response_get_text (a), ==, zc_server_response_get_text (b));
    g_assert_cmpstr (zc_server_response_get_text (a), ==, zc_server_response_get_text (c));
    assert_error (m, 400, "invalid_request");
  }
  /* audited, hit or miss (the missing parameter is no query) */
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'progress.public'"), ==, 5);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'progress.public' "
                                         "AND case_id IS NOT NULL"), ==, 2);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'progress.public' "
                                         "AND case_id IS NULL AND subject IS NOT NULL"), ==, 0);
  {
    /* rate limit per remote address: 30 a minute */
    for (; n_queries < 30; n_queries++)
      {
        g_autoptr(ZcServerResponse) r = public_query (f, good, "192.0.2.1");
        g_assert_cmpuint (r->status, ==, 200);
      }
    {
      g_autoptr(ZcServerResponse) over = public_query (f, good, "192.0.2.1");
      g_autoptr(ZcServerResponse) other = public_query (f, good, "192.0.2.2");

      assert_error (over, 429, "too_many_requests");
      g_assert_nonnull (g_hash_table_lookup (over->headers, "Retry-After"));
      g_assert_cmpuint (other->status, ==, 200);
    }
  }
}

/* A version-1 database (e.g. a user's embedded demo database from
 * before issue 3) is migrated in place, its data kept. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-test-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *schema_path = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".",
                                                   "..", "server", "zc-server-schema.sql", NULL);
  g_autofree char *schema = NULL;
  sqlite3 *old = NULL;

  g_assert_no_error (error);
  if (!g_file_get_contents (schema_path, &schema, NULL, NULL))
    {
      g_test_skip ("no server/zc-server-schema.sql next to the tests");
      remove_dir (dir);
      return;
    }
  g_assert_cmpint (sqlite3_open (path, &old), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (old, schema, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (old,
    "PRAGMA user_version = 1;"
    "INSERT INTO users (username, password_hash, role, display_name, window) VALUES ('clerk', 'x', 'clerk', '王晓燕', '1号窗口');"
    "INSERT INTO catalogue_items (code, position, json) VALUES ('kbcyd', 1, '{}');"
    "INSERT INTO applicants (key, kind, name) VALUES ('" PERSON_KEY "', 'person', '张三');"
    "INSERT INTO cases (item, applicant, state, window, clerk, holder, created_at, updated_at) VALUES "
    " ('kbcyd', '" PERSON_KEY "', 'draft', '1号窗口', 'clerk', 'clerk', '2026-11-20T01:00:00Z', '2026-11-20T01:00:00Z');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (old);

  {
    g_autoptr(ZcServerDb) db = zc_server_db_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (zc_test_count (db, "PRAGMA user_version"), ==, 10);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM documents"), ==, 0);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM cases WHERE holder = 'clerk' AND materials IS NULL"), ==, 1);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM cases WHERE applicant_typed_name IS NULL"), ==, 1);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM notifications"), ==, 0);
  }
  {
    /* the audit trail is append-only, on a migrated database too */
    g_autoptr(ZcServerDb) db = zc_server_db_open (path, &error);
    g_autoptr(GError) update_error = NULL;
    g_autoptr(GError) delete_error = NULL;

    g_assert_no_error (error);
    g_assert_true (zc_server_db_add_event (db, "clerk", "clerk", "1号窗口", "case.view", 1, 0,
                                           PERSON_KEY, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (zc_server_db_exec (db, "UPDATE events SET actor = 'nobody'", &update_error));
    g_assert_nonnull (update_error);
    g_assert_nonnull (strstr (update_error->message, "append-only"));
    g_assert_false (zc_server_db_exec (db, "DELETE FROM events", &delete_error));
    g_assert_nonnull (delete_error);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM events WHERE actor = 'clerk'"), ==, 1);
  }
  {
    /* opening again is a no-op */
    g_autoptr(ZcServerDb) db = zc_server_db_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (zc_test_count (db, "PRAGMA user_version"), ==, 10);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM documents"), ==, 0);
    g_assert_cmpint (zc_test_count (db, "SELECT count(*) FROM cases"), ==, 1);
  }
  remove_dir (dir);
}

/* Another connection holds the write lock: 503 busy with Retry-After,
 * never 500, and nothing half written. */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *path = g_build_filename (f->dir, "platform.db", NULL);
  const char *body = "{\"item\":\"kbcyd\",\"applicant\":\"" ENTERPRISE_KEY "\",\"matters\":[\"m3\"]}";
  const char *right = "{\"username\":\"helper\",\"password\":\"" PASSWORD "\"}";
  gint64 cases = zc_test_count (f->db, "SELECT count(*) FROM cases");
  gint64 events = zc_test_count (f->db, "SELECT count(*) FROM events");
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  zc_server_db_set_busy_timeout (f->db, 20);
  {
    g_autoptr(ZcServerResponse) create = call (f, "POST", "/api/v1/cases", clerk, body);
    g_autoptr(ZcServerResponse) session = call (f, "POST", "/api/v1/sessions", NULL, right);
    g_autofree char *applicant = g_strdup_printf ("/api/v1/applicants/%s", PERSON_KEY);
    g_autoptr(ZcServerResponse) view = call (f, "GET", applicant, clerk, NULL);

    assert_error (create, 503, "busy");
    g_assert_cmpstr (g_hash_table_lookup (create->headers, "Retry-After"), !=, NULL);
    assert_error (session, 503, "busy");
    g_assert_cmpstr (g_hash_table_lookup (session->headers, "Retry-After"), !=, NULL);
    assert_error (view, 503, "busy");
  }
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  zc_server_db_set_busy_timeout (f->db, ZC_SERVER_DB_BUSY_TIMEOUT_MS);

  /* nothing was written while the lock was held */
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases"), ==, cases);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events"), ==, events);

  /* and the same request succeeds once the lock is gone */
  create_case (f, clerk, body);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases"), ==, cases + 1);
}

/* Hardening: an Idempotency-Key is bound to the user, method, path and
 * body it was first used with; reused for anything else it is refused */
static void
test_idempotency_bound (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  const char *body = "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":[\"m3\"]}";
  gint64 a = create_case (f, clerk, body);
  gint64 b = create_case (f, clerk, body);
  g_autofree char *path_a = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/transitions", a);
  g_autofree char *path_b = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/transitions", b);
  const char *to = "{\"to\":\"received\"}";
  g_autoptr(ZcServerResponse) first = call_full (f, "POST", path_a, clerk, to, -1, "K");
  g_autoptr(ZcServerResponse) again = call_full (f, "POST", path_a, clerk, to, -1, "K");
  g_autoptr(ZcServerResponse) other_case = call_full (f, "POST", path_b, clerk, to, -1, "K");
  g_autoptr(ZcServerResponse) other_body = call_full (f, "POST", path_a, clerk, "{\"to\":\"withdrawn\",\"reason\":\"x\"}", -1, "K");
  g_autoptr(ZcServerResponse) create = call_full (f, "POST", "/api/v1/cases", clerk, body, -1, "K");
  g_autoptr(ZcServerResponse) c1 = call_full (f, "POST", "/api/v1/cases", clerk, body, -1, "C");
  g_autoptr(ZcServerResponse) c2 = call_full (f, "POST", "/api/v1/cases", clerk,
                                              "{\"item\":\"kbcyd\",\"applicant\":\"" ENTERPRISE_KEY "\"}", -1, "C");
  g_autoptr(ZcServerResponse) c3 = call_full (f, "POST", path_b, clerk, to, -1, "C");

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (zc_server_response_get_text (first), ==, zc_server_response_get_text (again));
  assert_error (other_case, 422, "idempotency_key_reused");
  assert_error (other_body, 422, "idempotency_key_reused");
  assert_error (create, 422, "idempotency_key_reused");
  g_assert_cmpuint (c1->status, ==, 201);
  assert_error (c2, 422, "idempotency_key_reused");
  assert_error (c3, 422, "idempotency_key_reused");
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases WHERE state = 'received'"), ==, 1);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases"), ==, 3);
  {
    /* B is still a draft and can be received under a fresh key */
    g_autoptr(ZcServerResponse) fresh = call_full (f, "POST", path_b, clerk, to, -1, "K2");
    g_assert_cmpuint (fresh->status, ==, 200);
  }
}

static gint64
count_views (Fixture    *f,
             const char *subject)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events WHERE subject = '%s' "
                                          "AND action IN ('case.view', 'applicant.view', 'applicant.list_view')",
                                          subject);
  return zc_test_count (f->db, sql);
}

/* Hardening: lists carry masked data and no forms; every response with a
 * person's full data is audited with every person in it as a subject */
static void
test_audit_subjects (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *supervisor = login (f, "supervisor");
  const char *body = "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"form\":{\"phone\":\"13800000000\"},"
                     "\"field_sources\":{},\"parties\":[{\"role\":\"spouse\",\"key\":\"" SPOUSE_KEY "\"}]}";
  g_autoptr(ZcServerResponse) made = call_full (f, "POST", "/api/v1/cases", clerk, body, -1, "audit-1");
  g_autoptr(JsonNode) made_node = parse (made);
  gint64 id = json_object_get_int_member (object_of (made_node), "id");
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, id);
  g_autofree char *claim = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/claim", id);
  gint64 person, spouse;

  g_assert_cmpuint (made->status, ==, 201);
  /* the case made is answered in full: both persons in it */
  g_assert_cmpint (count_views (f, SPOUSE_KEY), >=, 1);

  /* lists: masked, without forms, parties or field sources, and no event */
  {
    const char *queries[] = { "/api/v1/cases", "/api/v1/cases?q=%E5%BC%A0%E4%B8%89", "/api/v1/cases?q=" PERSON_KEY };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        const char *token = i == 0 ? clerk : supervisor;
        g_autoptr(ZcServerResponse) r = NULL;
        g_autoptr(JsonNode) n = NULL;
        JsonObject *c;
        gint64 events = zc_test_count (f->db, "SELECT count(*) FROM events");

        r = call (f, "GET", queries[i], token, NULL);
        g_assert_cmpuint (r->status, ==, 200);
        g_assert_null (strstr (zc_server_response_get_text (r), PERSON_KEY));
        g_assert_null (strstr (zc_server_response_get_text (r), SPOUSE_KEY));
        g_assert_null (strstr (zc_server_response_get_text (r), "13800000000"));
        n = parse (r);
        g_assert_cmpint (json_object_get_int_member (object_of (n), "total"), ==, 1);
        c = json_array_get_object_element (json_object_get_array_member (object_of (n), "cases"), 0);
        g_assert_cmpstr (json_object_get_string_member (c, "applicant"), ==, "1101**********002X");
        g_assert_cmpstr (json_object_get_string_member (c, "applicant_name"), ==, "张*");
        g_assert_false (json_object_has_member (c, "form"));
        g_assert_false (json_object_has_member (c, "field_sources"));
        g_assert_false (json_object_has_member (c, "parties"));
        g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events"), ==, events);
      }
  }

  /* a read, a claim by the holder, a replay: each names both persons */
  {
    g_autoptr(ZcServerResponse) got = NULL;
    g_autoptr(ZcServerResponse) claimed = NULL;
    g_autoptr(ZcServerResponse) replay = NULL;

    person = count_views (f, PERSON_KEY);
    spouse = count_views (f, SPOUSE_KEY);
    got = call (f, "GET", path, clerk, NULL);
    g_assert_cmpuint (got->status, ==, 200);
    g_assert_cmpint (count_views (f, PERSON_KEY), ==, person + 1);
    g_assert_cmpint (count_views (f, SPOUSE_KEY), ==, spouse + 1);
    claimed = call (f, "POST", claim, clerk, NULL);
    g_assert_cmpuint (claimed->status, ==, 200);
    g_assert_cmpint (count_views (f, PERSON_KEY), ==, person + 2);
    g_assert_cmpint (count_views (f, SPOUSE_KEY), ==, spouse + 2);
    replay = call_full (f, "POST", "/api/v1/cases", clerk, body, -1, "audit-1");
    g_assert_cmpuint (replay->status, ==, 200);
    g_assert_cmpint (count_views (f, PERSON_KEY), ==, person + 3);
    g_assert_cmpint (count_views (f, SPOUSE_KEY), ==, spouse + 3);
  }

  /* the applicant listing: every applicant listed is a subject */
  {
    g_autoptr(ZcServerResponse) r = NULL;

    person = count_views (f, PERSON_KEY);
    spouse = count_views (f, SPOUSE_KEY);
    r = call (f, "GET", "/api/v1/applicants", supervisor, NULL);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (count_views (f, PERSON_KEY), ==, person + 1);
    g_assert_cmpint (count_views (f, SPOUSE_KEY), ==, spouse + 1);
  }
  /* one applicant with their parties: the spouse is a subject too */
  {
    g_autoptr(ZcServerResponse) r = NULL;

    spouse = count_views (f, SPOUSE_KEY);
    r = call (f, "GET", "/api/v1/applicants/" PERSON_KEY, clerk, NULL);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_nonnull (strstr (zc_server_response_get_text (r), SPOUSE_KEY));
    g_assert_cmpint (count_views (f, SPOUSE_KEY), ==, spouse + 1);
  }
}

/* Hardening: the case number widens past 999,999 a day instead of
 * failing every reception of the day */
static void
test_number_overflow (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  const char *body = "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"matters\":[\"m3\"]}";
  gint64 a = create_case (f, clerk, body);
  gint64 b = create_case (f, clerk, body);
  gint64 c = create_case (f, clerk, body);
  g_autoptr(GDateTime) now = zc_clock_now_china (zc_clock_get_default ());
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autofree char *last6 = g_strdup_printf ("ZC-%s-999999", day);
  g_autofree char *first7 = g_strdup_printf ("ZC-%s-1000000", day);
  g_autofree char *second7 = g_strdup_printf ("ZC-%s-1000001", day);
  g_autofree char *sql = NULL;

  {
    g_autoptr(JsonNode) n = transition (f, clerk, "cases", a, "received", NULL, 200);
  }
  sql = g_strdup_printf ("UPDATE cases SET number = '%s' WHERE id = %" G_GINT64_FORMAT, last6, a);
  zc_test_exec (f->db, sql);
  {
    g_autoptr(JsonNode) n = transition (f, clerk, "cases", b, "received", NULL, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (n), "number"), ==, first7);
  }
  {
    g_autoptr(JsonNode) n = transition (f, clerk, "cases", c, "received", NULL, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (n), "number"), ==, second7);
  }
}

/* Hardening: a body that is not declared JSON is refused (415) */
static void
test_content_type (Fixture       *f,
                   gconstpointer  data)
{
  const char *body = "{\"username\":\"clerk\",\"password\":\"" PASSWORD "\"}";
  const char *types[] = { "text/plain", "application/x-www-form-urlencoded", "", NULL };
  gint64 sessions = zc_test_count (f->db, "SELECT count(*) FROM sessions");

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(ZcServerRequest) request = zc_server_request_new ("POST", "/api/v1/sessions", NULL);
      g_autoptr(ZcServerResponse) r = NULL;

      if (types[i] != NULL)
        zc_server_request_set_header (request, "Content-Type", types[i]);
      zc_server_request_set_body (request, body, strlen (body));
      r = zc_server_api_handle (f->api, request);
      assert_error (r, 415, "unsupported_media_type");
    }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM sessions"), ==, sessions);
  {
    g_autoptr(ZcServerRequest) request = zc_server_request_new ("POST", "/api/v1/sessions", NULL);
    g_autoptr(ZcServerResponse) r = NULL;

    zc_server_request_set_header (request, "Content-Type", "Application/JSON; charset=UTF-8");
    zc_server_request_set_body (request, body, strlen (body));
    r = zc_server_api_handle (f->api, request);
    g_assert_cmpuint (r->status, ==, 201);
  }
}

/* Hardening: a backdated reception records the counter's time and the
 * platform's arrival time */
static void
test_received_at_event (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  g_autoptr(GDateTime) now = zc_clock_now_utc (zc_clock_get_default ());
  g_autoptr(GDateTime) then = g_date_time_add_hours (now, -30);
  g_autofree char *then_iso = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *now_iso = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *path = case_path (id, "/transitions");
  g_autofree char *body = g_strdup_printf ("{\"to\":\"received\",\"received_at\":\"%s\"}", then_iso);
  g_autoptr(ZcServerResponse) r = call (f, "POST", path, clerk, body);
  g_autoptr(GDateTime) after = zc_clock_now_utc (zc_clock_get_default ());
  g_autofree char *after_iso = g_date_time_format (after, "%Y-%m-%dT%H:%M:%SZ");
  /* the arrival is the platform's clock at the request (a real clock may tick) */
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM events WHERE action = 'case.transition' AND to_state = 'received' "
    "AND json_extract (detail, '$.received_at') = '%s' "
    "AND json_extract (detail, '$.arrived_at') BETWEEN '%s' AND '%s'", then_iso, now_iso, after_iso);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpint (zc_test_count (f->db, sql), ==, 1);
}

/* Hardening: the flow of tasks follows the case */
static void
test_task_lifecycle (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *supervisor = login (f, "supervisor");
  g_autofree char *scjg = login (f, "scjg");
  const char *body = "{\"item\":\"kbcyd\",\"applicant\":\"" ENTERPRISE_KEY "\"}";
  gint64 withdrawn = create_case (f, clerk, body);
  gint64 returned = create_case (f, clerk, body);

  {
    /* a withdrawn case's tasks stay where they were */
    g_autoptr(JsonNode) r = transition (f, clerk, "cases", withdrawn, "received", NULL, 200);
    gint64 task = json_object_get_int_member (
      json_array_get_object_element (json_object_get_array_member (object_of (r), "tasks"), 0), "id");
    g_autoptr(JsonNode) w = transition (f, clerk, "cases", withdrawn, "withdrawn", "申请人撤回", 200);
    g_autoptr(JsonNode) t = transition (f, scjg, "tasks", task, "in_review", NULL, 409);

    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM tasks WHERE state <> 'pending'"), ==, 0);
  }
  {
    /* tasks all ended while the case was returned: back, it is completed */
    g_autoptr(JsonNode) r = transition (f, clerk, "cases", returned, "received", NULL, 200);
    JsonArray *tasks = json_object_get_array_member (object_of (r), "tasks");
    g_autoptr(JsonNode) ret = transition (f, supervisor, "cases", returned, "returned", "补正", 200);
    g_autoptr(JsonNode) back = NULL;

    for (guint i = 0; i < json_array_get_length (tasks); i++)
      {
        gint64 task = json_object_get_int_member (json_array_get_object_element (tasks, i), "id");
        g_autoptr(JsonNode) t1 = transition (f, scjg, "tasks", task, "in_review", NULL, 200);
        g_autoptr(JsonNode) t2 = transition (f, scjg, "tasks", task, "denied", "不符合条件", 200);
      }
    back = transition (f, clerk, "cases", returned, "received", NULL, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (back), "state"), ==, "completed");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.transition' "
                                           "AND actor = 'platform' AND to_state = 'completed'"), ==, 1);
  }
}

/* Hardening: the platform's disk full (SQLite's max_page_count on the
 * server's own handle) is a 503 with Retry-After and no half-written
 * case; the same request succeeds once there is room again */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  sqlite3 *handle = zc_server_db_get_handle (f->db);
  GString *body = g_string_new ("{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"form\":{");
  g_autofree char *text = NULL;
  gint64 cases, events, replies, pages;
  g_autofree char *limit = NULL;
  gint64 received = 0;
  gint64 drafts[300];

  /* a form of some 200 KB: new pages for sure */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (body, "%s\"f%u\":\"%0100u\"", i ? "," : "", i, i);
  g_string_append (body, "}}");
  text = g_string_free (body, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (drafts); i++)
    drafts[i] = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");

  cases = zc_test_count (f->db, "SELECT count(*) FROM cases");
  events = zc_test_count (f->db, "SELECT count(*) FROM events");
  replies = zc_test_count (f->db, "SELECT count(*) FROM idempotency");
  pages = zc_test_count (f->db, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
  g_assert_cmpint (sqlite3_exec (handle, limit, NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autoptr(ZcServerResponse) full = call_full (f, "POST", "/api/v1/cases", clerk, text, -1, "full-1");

    assert_error (full, 503, "storage_full");
    g_assert_nonnull (g_hash_table_lookup (full->headers, "Retry-After"));
  }
  {
    /* receptions until one needs a page more (its tasks, events): that
     * one fails whole, without a number or a task */
    gint64 failed = 0;

    for (guint i = 0; i < G_N_ELEMENTS (drafts) && failed == 0; i++)
      {
        g_autofree char *p = case_path (drafts[i], "/transitions");
        g_autoptr(ZcServerResponse) r = call (f, "POST", p, clerk, "{\"to\":\"received\"}");

        if (r->status != 200)
          {
            assert_error (r, 503, "storage_full");
            g_assert_nonnull (g_hash_table_lookup (r->headers, "Retry-After"));
            failed = drafts[i];
          }
      }
    g_assert_cmpint (failed, >, 0);
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tasks WHERE case_id = %" G_GINT64_FORMAT, failed);
      g_autofree char *sql2 = g_strdup_printf ("SELECT count(*) FROM cases WHERE id = %" G_GINT64_FORMAT
                                               " AND state = 'draft' AND number IS NULL", failed);

      g_assert_cmpint (zc_test_count (f->db, sql), ==, 0);
      g_assert_cmpint (zc_test_count (f->db, sql2), ==, 1);
    }
    /* every case received has all its tasks */
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases c WHERE state = 'received' AND "
                                           "(SELECT count(*) FROM tasks t WHERE t.case_id = c.id) <> 2"), ==, 0);
    received = failed;
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases"), ==, cases);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM idempotency"), ==, replies);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'case.create'"), ==,
                   zc_test_count (f->db, "SELECT count(*) FROM cases"));

  /* room again: the same request (same key) makes the case once */
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autoptr(ZcServerResponse) ok = call_full (f, "POST", "/api/v1/cases", clerk, text, -1, "full-1");
    g_autoptr(ZcServerResponse) again = call_full (f, "POST", "/api/v1/cases", clerk, text, -1, "full-1");

    g_autofree char *p = case_path (received, "/transitions");
    g_autoptr(JsonNode) back = transition (f, clerk, "cases", received, "received", NULL, 200);

    g_assert_cmpuint (ok->status, ==, 201);
    g_assert_cmpuint (again->status, ==, 200);
    (void) p;
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases"), ==, cases + 1);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events"), >, events);
}

/* Hardening: a draft is received only when complete by the app's own
 * rules (core's ZcReception): else 422 incomplete with every problem */
static void
test_incomplete (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autoptr(ZcServerResponse) made = call (f, "POST", "/api/v1/cases", clerk,
                                           "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\",\"form\":null}");
  g_autoptr(JsonNode) made_node = parse (made);
  gint64 id = json_object_get_int_member (object_of (made_node), "id");
  g_autofree char *path = case_path (id, "/transitions");
  g_autofree char *put = case_path (id, NULL);
  g_autoptr(ZcServerResponse) r = call (f, "POST", path, clerk, "{\"to\":\"received\"}");
  g_autoptr(JsonNode) node = NULL;
  JsonArray *problems;

  g_assert_cmpuint (made->status, ==, 201);
  assert_error (r, 422, "incomplete");
  node = parse (r);
  problems = json_object_get_array_member (error_object (node), "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);

      g_assert_cmpstr (json_object_get_string_member (p, "field"), ==, i == 0 ? "id_copy" : "lease");
      g_assert_cmpstr (json_object_get_string_member (p, "code"), ==, "material_missing");
      g_assert_cmpuint (strlen (json_object_get_string_member (p, "message")), >, 0);
    }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases WHERE state = 'draft' AND number IS NULL"), ==, 1);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM tasks"), ==, 0);

  /* one handed in, one still missing: only that one is told */
  {
    g_autoptr(ZcServerResponse) u = call (f, "PUT", put, clerk, "{\"materials\":{\"id_copy\":\"received\"}}");
    g_autoptr(ZcServerResponse) again = call (f, "POST", path, clerk, "{\"to\":\"received\"}");
    g_autoptr(JsonNode) n = NULL;

    g_assert_cmpuint (u->status, ==, 200);
    assert_error (again, 422, "incomplete");
    n = parse (again);
    problems = json_object_get_array_member (error_object (n), "problems");
    g_assert_cmpuint (json_array_get_length (problems), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0), "field"), ==, "lease");
  }
  {
    g_autoptr(ZcServerResponse) u = call (f, "PUT", put, clerk,
                                          "{\"materials\":{\"id_copy\":\"received\",\"lease\":\"received\"}}");
    g_autoptr(JsonNode) ok = transition (f, clerk, "cases", id, "received", NULL, 200);

    g_assert_cmpuint (u->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (ok), "state"), ==, "received");
  }
}

/* ------------------------------------------------------------------ */
/* issue 10: documents (material PDFs) and material states            */

/* A small PDF-looking body of @size bytes, different per @seed */
static GBytes *
pdf_bytes (gsize size,
           guint seed)
{
  g_autofree guint8 *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  memcpy (data, "%PDF-1.7\n", MIN (size, 9));
  g_rand_free (rand);
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

static ZcServerResponse *
upload (Fixture    *f,
        const char *token,
        gint64      id,
        const char *query,
        GBytes     *bytes,
        const char *key)
{
  g_autoptr(ZcServerRequest) request = NULL;
  g_autofree char *path = case_path (id, "/documents");
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);

  request = zc_server_request_new ("POST", path, query);
  zc_server_request_set_header (request, "Authorization", auth);
  zc_server_request_set_header (request, "Content-Type", "application/pdf");
  if (key != NULL)
    zc_server_request_set_header (request, "Idempotency-Key", key);
  zc_server_request_set_body (request, data, len);
  return zc_server_api_handle (f->api, request);
}

/* files in the documents folder (stored and temporary) */
static guint
count_files (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->dir, "platform.db.files", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_documents_upload (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *supervisor = login (f, "supervisor");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  g_autoptr(GBytes) pdf = pdf_bytes (300 * 1024, 1);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autoptr(ZcServerResponse) r = upload (f, clerk, id, "material=id_copy&name=%E8%BA%AB%E4%BB%BD%E8%AF%81.pdf", pdf, NULL);
  g_autoptr(JsonNode) n = NULL;
  g_autofree char *doc_path = NULL;
  g_autofree char *stored = NULL;
  JsonObject *doc;
  gint64 doc_id;

  if (r->status != 201)
    g_error ("upload: %u %s", r->status, zc_server_response_get_text (r));
  n = parse (r);
  doc = object_of (n);
  doc_id = json_object_get_int_member (doc, "id");
  g_assert_cmpstr (json_object_get_string_member (doc, "sha256"), ==, sha);
  g_assert_cmpint (json_object_get_int_member (doc, "size"), ==, 300 * 1024);
  g_assert_cmpstr (json_object_get_string_member (doc, "material"), ==, "id_copy");
  g_assert_cmpstr (json_object_get_string_member (doc, "kind"), ==, "material");
  g_assert_cmpstr (json_object_get_string_member (doc, "name"), ==, "身份证.pdf");
  g_assert_cmpstr (json_object_get_string_member (doc, "media_type"), ==, "application/pdf");
  g_assert_cmpstr (json_object_get_string_member (doc, "created_by"), ==, "clerk");

  /* the row records the SHA-256, the file is named by it */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM documents WHERE sha256 = '%s' AND case_id = %" G_GINT64_FORMAT, sha, id);

    g_assert_cmpint (zc_test_count (f->db, sql), ==, 1);
  }
  stored = g_build_filename (f->dir, "platform.db.files", sha, NULL);
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (f), ==, 1);   /* no temporary file left */

  /* listed, and downloaded byte for byte with its ETag (a supervisor too) */
  {
    g_autofree char *list = case_path (id, "/documents");
    g_autoptr(ZcServerResponse) l = call (f, "GET", list, supervisor, NULL);
    g_autoptr(JsonNode) ln = parse (l);
    JsonArray *docs = json_object_get_array_member (object_of (ln), "documents");

    g_assert_cmpuint (l->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (docs), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (docs, 0), "sha256"), ==, sha);
  }
  doc_path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT, id, doc_id);
  {
    g_autoptr(ZcServerResponse) d = call (f, "GET", doc_path, supervisor, NULL);
    g_autofree char *etag = g_strdup_printf ("\"%s\"", sha);

    g_assert_cmpuint (d->status, ==, 200);
    g_assert_cmpstr (d->content_type, ==, "application/pdf");
    g_assert_true (g_bytes_equal (d->body, pdf));
    g_assert_cmpstr (g_hash_table_lookup (d->headers, "ETag"), ==, etag);
  }
  {
    g_autoptr(ZcServerRequest) request = zc_server_request_new ("GET", doc_path, NULL);
    g_autofree char *auth = g_strconcat ("Bearer ", clerk, NULL);
    g_autofree char *etag = g_strdup_printf ("\"%s\"", sha);
    g_autoptr(ZcServerResponse) d = NULL;

    zc_server_request_set_header (request, "Authorization", auth);
    zc_server_request_set_header (request, "If-None-Match", etag);
    d = zc_server_api_handle (f->api, request);
    g_assert_cmpuint (d->status, ==, 304);
    g_assert_null (d->body);
  }
  {
    g_autoptr(ZcServerRequest) request = zc_server_request_new ("GET", doc_path, NULL);
    g_autofree char *auth = g_strconcat ("Bearer ", clerk, NULL);
    g_autoptr(ZcServerResponse) d = NULL;
    g_autoptr(JsonNode) dn = NULL;

    zc_server_request_set_header (request, "Authorization", auth);
    zc_server_request_set_header (request, "Accept", "application/json");
    d = zc_server_api_handle (f->api, request);
    g_assert_cmpuint (d->status, ==, 200);
    dn = parse (d);
    g_assert_cmpstr (json_object_get_string_member (object_of (dn), "sha256"), ==, sha);
  }
  {
    g_autofree char *other = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT, id, doc_id + 1);
    g_autoptr(ZcServerResponse) d = call (f, "GET", other, clerk, NULL);

    assert_error (d, 404, "not_found");
  }

  /* the history says which material was uploaded; the download is audited */
  {
    g_autofree char *events = case_path (id, "/events");
    g_autoptr(ZcServerResponse) e = call (f, "GET", events, clerk, NULL);
    g_autoptr(JsonNode) en = parse (e);
    JsonArray *list = json_object_get_array_member (object_of (en), "events");
    gboolean uploaded = FALSE, viewed = FALSE;

    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *ev = json_array_get_object_element (list, i);
        const char *action = json_object_get_string_member (ev, "action");

        if (g_str_equal (action, "document.upload"))
          {
            uploaded = TRUE;
            g_assert_cmpstr (json_object_get_string_member (ev, "material_name"), ==, "身份证复印件");
          }
        viewed |= g_str_equal (action, "document.view") &&
                  g_str_equal (json_object_get_string_member (ev, "actor"), "supervisor");
      }
    g_assert_true (uploaded);
    g_assert_true (viewed);
  }
}

static void
test_documents_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *clerk2 = login (f, "clerk2");
  g_autofree char *supervisor = login (f, "supervisor");
  g_autofree char *dept = login (f, "scjg");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  g_autoptr(GBytes) pdf = pdf_bytes (4096, 2);

  /* above 20 MiB: 413, nothing kept */
  {
    g_autoptr(GBytes) big = pdf_bytes (20 * 1024 * 1024 + 1, 3);
    g_autoptr(ZcServerResponse) r = upload (f, clerk, id, "material=id_copy", big, NULL);

    assert_error (r, 413, "document_too_large");
  }
  /* exactly 20 MiB is taken */
  {
    g_autoptr(GBytes) limit = pdf_bytes (20 * 1024 * 1024, 4);
    g_autoptr(ZcServerResponse) r = upload (f, clerk, id, "material=lease", limit, NULL);

    g_assert_cmpuint (r->status, ==, 201);
  }
  /* not a PDF (a PNG, an empty body): 415 / 400 */
  {
    static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
    g_autoptr(GBytes) image = g_bytes_new_static (png, sizeof png);
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    g_autoptr(GBytes) short_pdf = g_bytes_new_static ("%PD", 3);
    g_autoptr(ZcServerResponse) r = upload (f, clerk, id, "material=id_copy", image, NULL);
    g_autoptr(ZcServerResponse) e = upload (f, clerk, id, "material=id_copy", empty, NULL);
    g_autoptr(ZcServerResponse) s = upload (f, clerk, id, "material=id_copy", short_pdf, NULL);

    assert_error (r, 415, "not_a_pdf");
    assert_error (e, 400, "invalid_request");
    assert_error (s, 415, "not_a_pdf");
  }
  /* a material the item lacks, one that does not apply (m3 not chosen),
   * none at all, a bad name */
  {
    g_autoptr(ZcServerResponse) a = upload (f, clerk, id, "material=nosuch", pdf, NULL);
    g_autoptr(ZcServerResponse) b = upload (f, clerk, id, "material=fire_plan", pdf, NULL);
    g_autoptr(ZcServerResponse) c = upload (f, clerk, id, NULL, pdf, NULL);
    g_autoptr(ZcServerResponse) d = upload (f, clerk, id, "material=id_copy&name=..%2Fx.pdf", pdf, NULL);
    /* names that show as another name: U+202E turns "身份证\u202Efdp.exe"
     * into 身份证exe.pdf on the clerk's screen; a zero-width space, a line
     * separator */
    g_autoptr(ZcServerResponse) rlo = upload (f, clerk, id, "material=id_copy&name=%E8%BA%AB%E4%BB%BD%E8%AF%81%E2%80%AEfdp.exe", pdf, NULL);
    g_autoptr(ZcServerResponse) zwsp = upload (f, clerk, id, "material=id_copy&name=a%E2%80%8Bb.pdf", pdf, NULL);
    g_autoptr(ZcServerResponse) ls = upload (f, clerk, id, "material=id_copy&name=a%E2%80%A8b.pdf", pdf, NULL);

    assert_error (a, 422, "unknown_material");
    assert_error (b, 422, "unknown_material");
    assert_error (c, 400, "invalid_request");
    assert_error (d, 400, "invalid_request");
    assert_error (rlo, 400, "invalid_request");
    assert_error (zwsp, 400, "invalid_request");
    assert_error (ls, 400, "invalid_request");
  }
  /* the platform's own letters are not uploaded: a fake 受理回执, 不予受理通知书 */
  {
    g_autoptr(ZcServerResponse) receipt = upload (f, clerk, id, "kind=receipt", pdf, NULL);
    g_autoptr(ZcServerResponse) refusal = upload (f, clerk, id, "kind=refusal_notice", pdf, NULL);
    g_autoptr(ZcServerResponse) other = upload (f, clerk, id, "kind=other&material=id_copy", pdf, NULL);

    assert_error (receipt, 422, "kind_not_uploadable");
    assert_error (refusal, 422, "kind_not_uploadable");
    assert_error (other, 422, "kind_not_uploadable");
  }
  /* an Idempotency-Key with a control or format character: 400 */
  {
    g_autoptr(ZcServerResponse) tab = upload (f, clerk, id, "material=id_copy", pdf, "k\t1");
    g_autoptr(ZcServerResponse) zw = upload (f, clerk, id, "material=id_copy", pdf, "k\xe2\x80\x8b" "1");

    assert_error (tab, 400, "invalid_request");
    assert_error (zw, 400, "invalid_request");
  }
  /* roles and windows */
  {
    g_autoptr(ZcServerResponse) s = upload (f, supervisor, id, "material=id_copy", pdf, NULL);
    g_autoptr(ZcServerResponse) d = upload (f, dept, id, "material=id_copy", pdf, NULL);
    g_autoptr(ZcServerResponse) o = upload (f, clerk2, id, "material=id_copy", pdf, NULL);

    assert_error (s, 403, "forbidden");
    assert_error (d, 403, "forbidden");
    assert_error (o, 403, "forbidden");
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM documents"), ==, 1);
  g_assert_cmpuint (count_files (f), ==, 1);   /* the 20 MiB one, no temporary file */
}

static void
test_documents_replay (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  g_autoptr(GBytes) pdf = pdf_bytes (100000, 5);
  g_autoptr(GBytes) other = pdf_bytes (100000, 6);
  g_autoptr(ZcServerResponse) first = upload (f, clerk, id, "material=lease", pdf, "k-lease-1");
  g_autoptr(ZcServerResponse) again = upload (f, clerk, id, "material=lease", pdf, "k-lease-1");
  g_autoptr(ZcServerResponse) reused = upload (f, clerk, id, "material=lease", other, "k-lease-1");
  g_autoptr(ZcServerResponse) elsewhere = upload (f, clerk, id, "material=id_copy", pdf, "k-lease-1");

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (again->status, ==, 201);
  g_assert_cmpstr (zc_server_response_get_text (again), ==, zc_server_response_get_text (first));
  assert_error (reused, 422, "idempotency_key_reused");
  assert_error (elsewhere, 422, "idempotency_key_reused");
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM documents"), ==, 1);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'document.upload'"), ==, 1);
  g_assert_cmpuint (count_files (f), ==, 1);
}

/* issue 10 point 4: the check of a material document kept as an event */
static void
test_document_checks (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *helper = login (f, "helper");
  g_autofree char *supervisor = login (f, "supervisor");
  g_autofree char *department = login (f, "scjg");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  g_autoptr(GBytes) pdf = pdf_bytes (5000, 11);
  g_autoptr(ZcServerResponse) up = upload (f, clerk, id, "material=id_copy", pdf, NULL);
  g_autoptr(JsonNode) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *other_case = NULL;
  g_autofree char *events_sql = NULL;
  const char *mismatch = "{\"verdict\":\"mismatch\",\"findings\":[{\"field\":\"holder_name\","
                         "\"expected\":\"张三\",\"found\":\"张山\",\"page\":1}]}";
  gint64 doc_id;
  gint64 other;

  g_assert_cmpuint (up->status, ==, 201);
  doc = parse (up);
  doc_id = json_object_get_int_member (object_of (doc), "id");
  path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT "/checks", id, doc_id);
  events_sql = g_strdup_printf ("SELECT count(*) FROM events WHERE action = 'document.check' AND case_id = %" G_GINT64_FORMAT, id);

  /* ok: the case back, one event with the verdict, its findings, the material */
  {
    g_autoptr(ZcServerResponse) r = call_full (f, "POST", path, clerk, mismatch, -1, "check-1");
    g_autoptr(ZcServerResponse) again = call_full (f, "POST", path, clerk, mismatch, -1, "check-1");
    g_autoptr(JsonNode) n = NULL;
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM events WHERE action = 'document.check' "
                                            "AND from_state = 'mismatch' AND to_state = 'mismatch' "
                                            "AND json_extract (detail, '$.material') = 'id_copy' "
                                            "AND json_extract (detail, '$.document') = %" G_GINT64_FORMAT " "
                                            "AND json_extract (detail, '$.findings[0].found') = '张山' "
                                            "AND json_extract (detail, '$.findings[0].page') = 1", doc_id);

    if (r->status != 200)
      g_error ("check: %u %s", r->status, zc_server_response_get_text (r));
    n = parse (r);
    g_assert_cmpint (json_object_get_int_member (object_of (n), "id"), ==, id);
    /* replay: the same answer, recorded once */
    g_assert_cmpuint (again->status, ==, 200);
    g_assert_cmpstr (zc_server_response_get_text (again), ==, zc_server_response_get_text (r));
    g_assert_cmpint (zc_test_count (f->db, events_sql), ==, 1);
    g_assert_cmpint (zc_test_count (f->db, sql), ==, 1);
  }

  /* the helper of the window confirms an uncertain one by eye */
  {
    g_autoptr(ZcServerResponse) r = call (f, "POST", path, helper, "{\"verdict\":\"uncertain\",\"findings\":[],\"by_eye\":\"confirmed\"}");

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'document.check' "
                                           "AND from_state = 'uncertain' AND to_state = 'confirmed' AND actor = 'helper'"), ==, 1);
  }

  /* read back, newest first, by anyone of the window and the supervisor;
   * each reading is an audit event */
  {
    g_autoptr(ZcServerResponse) r = call (f, "GET", path, supervisor, NULL);
    g_autoptr(ZcServerResponse) dept = call (f, "GET", path, department, NULL);
    g_autoptr(JsonNode) n = NULL;
    JsonArray *checks;
    JsonObject *newest, *oldest, *finding;

    if (r->status != 200)
      g_error ("GET checks: %u %s", r->status, zc_server_response_get_text (r));
    n = parse (r);
    g_assert_cmpint (json_object_get_int_member (object_of (n), "document"), ==, doc_id);
    g_assert_cmpstr (json_object_get_string_member (object_of (n), "material"), ==, "id_copy");
    checks = json_object_get_array_member (object_of (n), "checks");
    g_assert_cmpuint (json_array_get_length (checks), ==, 2);
    newest = json_array_get_object_element (checks, 0);
    oldest = json_array_get_object_element (checks, 1);
    g_assert_cmpstr (json_object_get_string_member (newest, "verdict"), ==, "uncertain");
    g_assert_cmpstr (json_object_get_string_member (newest, "by_eye"), ==, "confirmed");
    g_assert_cmpstr (json_object_get_string_member (newest, "by"), ==, "helper");
    g_assert_cmpstr (json_object_get_string_member (oldest, "verdict"), ==, "mismatch");
    g_assert_false (json_object_has_member (oldest, "by_eye"));
    g_assert_cmpstr (json_object_get_string_member (oldest, "by"), ==, "clerk");
    g_assert_true (json_object_has_member (oldest, "at"));
    finding = json_array_get_object_element (json_object_get_array_member (oldest, "findings"), 0);
    g_assert_cmpstr (json_object_get_string_member (finding, "found"), ==, "张山");
    g_assert_cmpint (json_object_get_int_member (finding, "page"), ==, 1);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'document.check_view' "
                                           "AND actor = 'supervisor'"), ==, 1);
    assert_error (dept, 403, "forbidden");
  }

  /* a finding's box on the page is kept and read back; a bad box is 422 */
  {
    g_autoptr(ZcServerResponse) r = call (f, "POST", path, clerk,
                                          "{\"verdict\":\"match\",\"findings\":[{\"field\":\"number\","
                                          "\"expected\":\"A1\",\"found\":\"A1\",\"page\":1,"
                                          "\"box\":{\"x\":72,\"y\":100.5,\"width\":120,\"height\":14}}]}");
    g_autoptr(ZcServerResponse) bad = call (f, "POST", path, clerk,
                                            "{\"verdict\":\"match\",\"findings\":[{\"field\":\"number\","
                                            "\"expected\":\"A1\",\"found\":\"A1\",\"page\":1,"
                                            "\"box\":{\"x\":-1,\"y\":0,\"width\":1,\"height\":1}}]}");
    g_autoptr(ZcServerResponse) g = NULL;
    g_autoptr(JsonNode) n = NULL;
    JsonObject *box;

    g_assert_cmpuint (r->status, ==, 200);
    assert_error (bad, 422, "invalid_request");
    g = call (f, "GET", path, clerk, NULL);
    g_assert_cmpuint (g->status, ==, 200);
    n = parse (g);
    box = json_object_get_object_member (
      json_array_get_object_element (
        json_object_get_array_member (json_array_get_object_element (
          json_object_get_array_member (object_of (n), "checks"), 0), "findings"), 0), "box");
    g_assert_nonnull (box);
    g_assert_cmpfloat (json_object_get_double_member (box, "y"), ==, 100.5);
    g_assert_cmpfloat (json_object_get_double_member (box, "width"), ==, 120);
  }

  /* the history says which material */
  {
    g_autofree char *events = case_path (id, "/events");
    g_autoptr(ZcServerResponse) r = call (f, "GET", events, clerk, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_nonnull (strstr (zc_server_response_get_text (r), "\"action\":\"document.check\""));
  }

  /* bad verdicts and members: 422, nothing recorded */
  {
    g_autoptr(ZcServerResponse) r1 = call (f, "POST", path, clerk, "{\"verdict\":\"fine\"}");
    g_autoptr(ZcServerResponse) r2 = call (f, "POST", path, clerk, "{}");
    g_autoptr(ZcServerResponse) r3 = call (f, "POST", path, clerk, "{\"verdict\":\"match\",\"by_eye\":\"confirmed\"}");
    g_autoptr(ZcServerResponse) r4 = call (f, "POST", path, clerk, "{\"verdict\":\"uncertain\",\"by_eye\":\"maybe\"}");
    g_autoptr(ZcServerResponse) r5 = call (f, "POST", path, clerk, "{\"verdict\":\"mismatch\",\"findings\":[{\"field\":\"uscc\"}]}");
    g_autoptr(ZcServerResponse) r6 = call (f, "POST", path, clerk, "{\"verdict\":\"mismatch\",\"findings\":{}}");
    /* texts that show as other texts: a bidi override turns 张山 into 山张,
     * a zero-width space hides in a field, a tab */
    g_autoptr(ZcServerResponse) r7 = call (f, "POST", path, clerk,
                                           "{\"verdict\":\"mismatch\",\"findings\":[{\"field\":\"holder_name\","
                                           "\"expected\":\"张三\",\"found\":\"\xe2\x80\xae山张\",\"page\":1}]}");
    g_autoptr(ZcServerResponse) r8 = call (f, "POST", path, clerk,
                                           "{\"verdict\":\"mismatch\",\"findings\":[{\"field\":\"holder\xe2\x80\x8bname\","
                                           "\"expected\":\"张三\",\"found\":\"张山\",\"page\":1}]}");
    g_autoptr(ZcServerResponse) r9 = call (f, "POST", path, clerk,
                                           "{\"verdict\":\"mismatch\",\"findings\":[{\"field\":\"holder_name\","
                                           "\"expected\":\"张\\t三\",\"found\":\"张山\",\"page\":1}]}");

    assert_error (r1, 422, "invalid_request");
    g_assert_cmpuint (r2->status, ==, 422);
    assert_error (r3, 422, "by_eye_not_allowed");
    assert_error (r4, 422, "invalid_request");
    assert_error (r5, 422, "invalid_request");
    assert_error (r6, 422, "invalid_request");
    assert_error (r7, 422, "invalid_request");
    assert_error (r8, 422, "invalid_request");
    assert_error (r9, 422, "invalid_request");
    g_assert_cmpint (zc_test_count (f->db, events_sql), ==, 3);
  }

  /* wrong role: a supervisor reads, does not record checks; a department neither */
  {
    g_autoptr(ZcServerResponse) r1 = call (f, "POST", path, supervisor, mismatch);
    g_autoptr(ZcServerResponse) r2 = call (f, "POST", path, department, mismatch);

    assert_error (r1, 403, "forbidden");
    assert_error (r2, 403, "forbidden");
  }

  /* a document that is not this case's: 404 */
  other = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  missing = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT "/checks", id, doc_id + 100);
  other_case = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT "/checks", other, doc_id);
  {
    g_autoptr(ZcServerResponse) r1 = call (f, "POST", missing, clerk, mismatch);
    g_autoptr(ZcServerResponse) r2 = call (f, "POST", other_case, clerk, mismatch);

    g_autoptr(ZcServerResponse) r3 = call (f, "GET", missing, clerk, NULL);
    g_autoptr(ZcServerResponse) r4 = call (f, "GET", other_case, clerk, NULL);

    assert_error (r1, 404, "not_found");
    assert_error (r2, 404, "not_found");
    assert_error (r3, 404, "not_found");
    assert_error (r4, 404, "not_found");
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'document.check'"), ==, 3);
}

static JsonNode *
set_material (Fixture    *f,
              const char *token,
              gint64      id,
              const char *code,
              const char *body,
              guint       expected,
              const char *error_code)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/materials/%s", id, code);
  g_autoptr(ZcServerResponse) r = call (f, "PUT", path, token, body);

  if (error_code != NULL)
    {
      assert_error (r, expected, error_code);
      return NULL;
    }
  if (r->status != expected)
    g_error ("PUT %s %s: %u %s", code, body, r->status, zc_server_response_get_text (r));
  return parse (r);
}

static void
test_material_states (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *helper = login (f, "helper");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\","
                                     "\"materials\":{\"id_copy\":\"pending\",\"lease\":\"pending\"}}");
  g_autoptr(GBytes) pdf = pdf_bytes (2048, 7);
  g_autoptr(ZcServerResponse) up = upload (f, clerk, id, "material=id_copy", pdf, NULL);
  g_autoptr(JsonNode) upn = parse (up);
  gint64 doc_id = json_object_get_int_member (object_of (upn), "id");
  g_autofree char *list_path = case_path (id, "/materials");

  g_assert_cmpuint (up->status, ==, 201);
  {
    g_autoptr(ZcServerResponse) l = call (f, "GET", list_path, clerk, NULL);
    g_autoptr(JsonNode) ln = parse (l);
    JsonArray *materials = json_object_get_array_member (object_of (ln), "materials");
    JsonObject *id_copy = json_array_get_object_element (materials, 0);

    g_assert_cmpuint (l->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (materials), ==, 2);   /* fire_plan does not apply */
    g_assert_cmpstr (json_object_get_string_member (id_copy, "code"), ==, "id_copy");
    g_assert_cmpstr (json_object_get_string_member (id_copy, "state"), ==, "required");
    g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (id_copy, "documents"), 0), ==, doc_id);
  }

  /* the counter's rules */
  {
    g_autofree char *body = g_strdup_printf ("{\"state\":\"received\",\"documents\":[%" G_GINT64_FORMAT "]}", doc_id);
    g_autoptr(JsonNode) n = set_material (f, clerk, id, "id_copy", body, 200, NULL);

    g_assert_cmpstr (json_object_get_string_member (object_of (n), "state"), ==, "received");
  }
  set_material (f, clerk, id, "id_copy", "{\"state\":\"tolerated\"}", 422, "not_tolerable");
  set_material (f, clerk, id, "id_copy", "{\"state\":\"committed\"}", 422, "commitment_not_allowed");
  set_material (f, clerk, id, "lease", "{\"state\":\"exempt\"}", 422, "not_exempt");
  set_material (f, clerk, id, "lease", "{\"state\":\"supplemented\"}", 409, "conflict");
  set_material (f, clerk, id, "lease", "{\"state\":\"lost\"}", 422, "invalid_request");
  set_material (f, clerk, id, "fire_plan", "{\"state\":\"received\"}", 422, "unknown_material");
  set_material (f, clerk, id, "lease", "{\"state\":\"received\",\"documents\":[999]}", 422, "invalid_request");
  /* another user of the window does not hold the case */
  set_material (f, helper, id, "lease", "{\"state\":\"tolerated\"}", 409, "held_by_other");
  {
    g_autoptr(JsonNode) n = set_material (f, clerk, id, "lease", "{\"state\":\"tolerated\",\"note\":\"五个工作日内补交\"}", 200, NULL);

    g_assert_cmpstr (json_object_get_string_member (object_of (n), "state"), ==, "tolerated");
  }

  /* received with lease 容缺 (signed); afterwards only 容缺 → 已补正 */
  tolerate (f, clerk, id, "lease");
  {
    g_autoptr(JsonNode) ok = transition (f, clerk, "cases", id, "received", NULL, 200);
    g_autoptr(JsonNode) n = NULL;

    set_material (f, clerk, id, "id_copy", "{\"state\":\"required\"}", 409, "conflict");
    /* the request is checked before the case: a state that does not exist is 422 */
    set_material (f, clerk, id, "lease", "{\"state\":\"lost\"}", 422, "invalid_request");
    n = set_material (f, helper, id, "lease", "{\"state\":\"supplemented\"}", 200, NULL);
    g_assert_cmpstr (json_object_get_string_member (object_of (n), "state"), ==, "supplemented");
    set_material (f, clerk, id, "lease", "{\"state\":\"supplemented\"}", 409, "conflict");
  }
  /* a supplied paper is uploaded to the received case too */
  {
    g_autoptr(ZcServerResponse) r = upload (f, helper, id, "material=lease", pdf, NULL);

    g_assert_cmpuint (r->status, ==, 201);
  }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'material.state'"), ==, 3);
}

/* ---- the remote window's records: identity check, recording ---- */

static gint64
open_video_session (Fixture    *f,
                    const char *token,
                    gint64      case_id)
{
  g_autofree char *body = g_strdup_printf ("{\"case_id\":%" G_GINT64_FORMAT "}", case_id);
  g_autoptr(ZcServerResponse) r = call (f, "POST", "/api/v1/video-sessions", token, body);
  g_autoptr(JsonNode) n = NULL;

  if (r->status != 201)
    g_error ("video session: %u %s", r->status, zc_server_response_get_text (r));
  n = parse (r);
  return json_object_get_int_member (object_of (n), "id");
}

/* issue 12: 远程身份核验 通过 / 不通过 kept as an event of the case */
static void
test_video_identity_checks (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *helper = login (f, "helper");
  g_autofree char *supervisor = login (f, "supervisor");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  gint64 session = open_video_session (f, clerk, id);
  g_autofree char *path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT "/identity-checks", session);
  g_autofree char *events_sql = g_strdup_printf ("SELECT count(*) FROM events WHERE action = 'video.identity_check' "
                                                 "AND case_id = %" G_GINT64_FORMAT, id);

  /* the join code is the citizen's credential: the clerk holding the
   * call reads it, a supervisor reading along does not */
  {
    g_autofree char *session_path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT, session);
    g_autoptr(ZcServerResponse) r_clerk = call (f, "GET", session_path, clerk, NULL);
    g_autoptr(ZcServerResponse) r_supervisor = call (f, "GET", session_path, supervisor, NULL);
    g_autoptr(JsonNode) by_clerk = NULL;
    g_autoptr(JsonNode) by_supervisor = NULL;

    g_assert_cmpuint (r_clerk->status, ==, 200);
    g_assert_cmpuint (r_supervisor->status, ==, 200);
    by_clerk = parse (r_clerk);
    by_supervisor = parse (r_supervisor);

    g_assert_cmpuint (strlen (json_object_get_string_member (object_of (by_clerk), "join_code")), ==, 6);
    g_assert_nonnull (json_object_get_string_member (object_of (by_clerk), "citizen_url"));
    g_assert_true (json_object_get_null_member (object_of (by_supervisor), "join_code"));
    g_assert_true (json_object_get_null_member (object_of (by_supervisor), "citizen_url"));
  }

  /* passed, with the licence compared; replayed once */
  {
    const char *body = "{\"result\":\"passed\",\"note\":\"  本人与证件照一致  \",\"licence_number\":\"L-1\"}";
    g_autoptr(ZcServerResponse) r = call_full (f, "POST", path, clerk, body, -1, "idc-1");
    g_autoptr(ZcServerResponse) again = call_full (f, "POST", path, clerk, body, -1, "idc-1");
    g_autoptr(ZcServerResponse) reused = call_full (f, "POST", path, clerk, "{\"result\":\"failed\",\"note\":\"x\"}", -1, "idc-1");
    g_autoptr(JsonNode) n = NULL;
    JsonObject *o;

    if (r->status != 201)
      g_error ("identity check: %u %s", r->status, zc_server_response_get_text (r));
    n = parse (r);
    o = object_of (n);
    g_assert_cmpstr (json_object_get_string_member (o, "result"), ==, "passed");
    g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "本人与证件照一致");
    g_assert_cmpstr (json_object_get_string_member (o, "licence_number"), ==, "L-1");
    g_assert_cmpint (json_object_get_int_member (o, "case_id"), ==, id);
    g_assert_cmpint (json_object_get_int_member (o, "video_session"), ==, session);
    g_assert_cmpstr (json_object_get_string_member (o, "checked_by"), ==, "clerk");
    g_assert_cmpuint (again->status, ==, 201);
    g_assert_cmpstr (zc_server_response_get_text (again), ==, zc_server_response_get_text (r));
    assert_error (reused, 422, "idempotency_key_reused");
    g_assert_cmpint (zc_test_count (f->db, events_sql), ==, 1);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'video.identity_check' "
                                           "AND to_state = 'passed' AND reason = '本人与证件照一致' "
                                           "AND json_extract (detail, '$.licence_number') = 'L-1'"), ==, 1);
  }

  /* failed needs a note (blank is none); bad members: 422, nothing kept */
  {
    g_autoptr(ZcServerResponse) r1 = call (f, "POST", path, clerk, "{\"result\":\"failed\"}");
    g_autoptr(ZcServerResponse) r2 = call (f, "POST", path, clerk, "{\"result\":\"failed\",\"note\":\"   \"}");
    g_autoptr(ZcServerResponse) r3 = call (f, "POST", path, clerk, "{\"result\":\"maybe\"}");
    g_autoptr(ZcServerResponse) r4 = call (f, "POST", path, clerk, "{}");
    g_autoptr(ZcServerResponse) r5 = call (f, "POST", path, clerk, "{\"result\":\"passed\",\"note\":7}");
    g_autoptr(GString) long_note = g_string_new ("{\"result\":\"failed\",\"note\":\"");
    g_autoptr(ZcServerResponse) r6 = NULL;

    for (guint i = 0; i < 501; i++)
      g_string_append (long_note, "长");
    g_string_append (long_note, "\"}");
    r6 = call (f, "POST", path, clerk, long_note->str);
    assert_error (r1, 422, "note_required");
    assert_error (r2, 422, "note_required");
    assert_error (r3, 422, "invalid_request");
    assert_error (r4, 422, "invalid_request");
    assert_error (r5, 422, "invalid_request");
    assert_error (r6, 422, "invalid_request");
    /* a line break or a direction override: the history shows one line */
    {
      g_autoptr(ZcServerResponse) r7 = call (f, "POST", path, clerk, "{\"result\":\"failed\",\"note\":\"a\\nb\"}");
      g_autoptr(ZcServerResponse) r8 = call (f, "POST", path, clerk, "{\"result\":\"failed\",\"note\":\"a\\u202eb\"}");

      assert_error (r7, 422, "invalid_request");
      assert_error (r8, 422, "invalid_request");
    }
    g_assert_cmpint (zc_test_count (f->db, events_sql), ==, 1);
  }

  /* the helper records 不通过 with a note; the history has both */
  {
    g_autoptr(ZcServerResponse) r = call (f, "POST", path, helper, "{\"result\":\"failed\",\"note\":\"面部与证件照不符\"}");
    g_autofree char *events = case_path (id, "/events");
    g_autoptr(ZcServerResponse) h = NULL;

    g_assert_cmpuint (r->status, ==, 201);
    h = call (f, "GET", events, clerk, NULL);
    g_assert_cmpuint (h->status, ==, 200);
    g_assert_nonnull (strstr (zc_server_response_get_text (h), "\"action\":\"video.identity_check\""));
    g_assert_nonnull (strstr (zc_server_response_get_text (h), "面部与证件照不符"));
    g_assert_cmpint (zc_test_count (f->db, events_sql), ==, 2);
  }

  /* roles: a supervisor may not record; unknown session 404; no token 401 */
  {
    g_autoptr(ZcServerResponse) r1 = call (f, "POST", path, supervisor, "{\"result\":\"passed\"}");
    g_autoptr(ZcServerResponse) r2 = call (f, "POST", "/api/v1/video-sessions/999999/identity-checks", clerk, "{\"result\":\"passed\"}");
    g_autoptr(ZcServerResponse) r3 = call (f, "POST", path, NULL, "{\"result\":\"passed\"}");

    assert_error (r1, 403, "forbidden");
    assert_error (r2, 404, "not_found");
    g_assert_cmpuint (r3->status, ==, 401);
    g_assert_cmpint (zc_test_count (f->db, events_sql), ==, 2);
  }
}

static ZcServerResponse *
upload_recording (Fixture    *f,
                  const char *token,
                  gint64      session,
                  GBytes     *bytes,
                  const char *key)
{
  g_autoptr(ZcServerRequest) request = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT "/recording", session);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);

  request = zc_server_request_new ("POST", path, NULL);
  zc_server_request_set_header (request, "Authorization", auth);
  zc_server_request_set_header (request, "Content-Type", "video/webm");
  if (key != NULL)
    zc_server_request_set_header (request, "Idempotency-Key", key);
  zc_server_request_set_body (request, data, len);
  return zc_server_api_handle (f->api, request);
}

/* bytes that start as a WebM does (the EBML magic) */
static GBytes *
webm_bytes (gsize  size,
            guint8 seed)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + seed);
  memcpy (data, "\x1a\x45\xdf\xa3", 4);
  return g_bytes_new_take (data, size);
}

/* A wrong join code from @address: the status */
static guint
join_from (Fixture    *f,
           const char *address)
{
  g_autoptr(ZcServerRequest) request = zc_server_request_new ("GET", "/join/abcdef", NULL);
  g_autoptr(ZcServerResponse) response = NULL;

  request->remote_address = g_strdup (address);
  response = zc_server_api_handle (f->api, request);
  g_assert_nonnull (response);
  return response->status;
}

/* issue 12: an address over its limit of wrong join codes stays limited
 * however many other addresses try codes (the count is not forgotten
 * when many are followed: newcomers share one) */
static void
test_video_code_limit_addresses (Fixture       *f,
                                 gconstpointer  data)
{
  for (guint i = 0; i < ZC_SERVER_VIDEO_CODE_FAILURES; i++)
    g_assert_cmpuint (join_from (f, "192.0.2.1"), ==, 404);
  g_assert_cmpuint (join_from (f, "192.0.2.1"), ==, 429);

  for (guint i = 0; i < ZC_SERVER_VIDEO_CODE_ADDRESSES + ZC_SERVER_VIDEO_CODE_FAILURES; i++)
    {
      g_autofree char *address = g_strdup_printf ("10.%u.%u.%u", i >> 16, (i >> 8) & 0xff, i & 0xff);

      join_from (f, address);
    }
  g_assert_cmpuint (join_from (f, "192.0.2.1"), ==, 429);
  /* the newcomers beyond the followed ones count together */
  g_assert_cmpuint (join_from (f, "198.51.100.7"), ==, 429);
}

/* issue 12: the recording kept only after consent, with its SHA-256 */
static void
test_video_recording (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *supervisor = login (f, "supervisor");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  gint64 session = open_video_session (f, clerk, id);
  g_autoptr(GBytes) webm = webm_bytes (200 * 1024, 3);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, webm);
  g_autoptr(GError) error = NULL;

  /* no answer yet, then no: 409 no_consent, nothing kept */
  {
    g_autoptr(ZcServerResponse) r1 = upload_recording (f, clerk, session, webm, NULL);
    g_autoptr(ZcServerResponse) r2 = NULL;

    assert_error (r1, 409, "no_consent");
    g_assert_true (zc_server_api_video_set_consent (f->api, session, FALSE, &error));
    g_assert_no_error (error);
    r2 = upload_recording (f, clerk, session, webm, NULL);
    assert_error (r2, 409, "no_consent");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM documents"), ==, 0);
    g_assert_cmpuint (count_files (f), ==, 0);
  }

  g_assert_true (zc_server_api_video_set_consent (f->api, session, TRUE, &error));
  g_assert_no_error (error);

  /* not a WebM, empty: refused */
  {
    g_autoptr(GBytes) pdf = pdf_bytes (5000, 2);
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    g_autoptr(ZcServerResponse) r1 = upload_recording (f, clerk, session, pdf, NULL);
    g_autoptr(ZcServerResponse) r2 = upload_recording (f, clerk, session, empty, NULL);

    assert_error (r1, 415, "not_a_recording");
    assert_error (r2, 400, "invalid_request");
    g_assert_cmpuint (count_files (f), ==, 0);
  }
  /* a WebM sent as text/plain: the contract says video/webm */
  {
    g_autoptr(ZcServerRequest) request = NULL;
    g_autofree char *path = g_strdup_printf ("/api/v1/video-sessions/%" G_GINT64_FORMAT "/recording", session);
    g_autofree char *auth = g_strconcat ("Bearer ", clerk, NULL);
    gsize len = 0;
    const void *bytes = g_bytes_get_data (webm, &len);
    g_autoptr(ZcServerResponse) r = NULL;

    request = zc_server_request_new ("POST", path, NULL);
    zc_server_request_set_header (request, "Authorization", auth);
    zc_server_request_set_header (request, "Content-Type", "text/plain");
    zc_server_request_set_body (request, bytes, len);
    r = zc_server_api_handle (f->api, request);
    assert_error (r, 415, "not_a_recording");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM documents"), ==, 0);
  }

  /* kept: a document of the case, its file named by the SHA-256 */
  {
    g_autoptr(ZcServerResponse) r = upload_recording (f, clerk, session, webm, "rec-1");
    g_autoptr(ZcServerResponse) again = upload_recording (f, clerk, session, webm, "rec-1");
    g_autoptr(JsonNode) n = NULL;
    g_autofree char *stored = g_build_filename (f->dir, "platform.db.files", sha, NULL);
    g_autofree char *stored_sha = NULL;
    g_autofree char *contents = NULL;
    gsize length = 0;
    JsonObject *o;
    gint64 doc_id;

    if (r->status != 201)
      g_error ("recording: %u %s", r->status, zc_server_response_get_text (r));
    n = parse (r);
    o = object_of (n);
    doc_id = json_object_get_int_member (o, "id");
    g_assert_cmpstr (json_object_get_string_member (o, "sha256"), ==, sha);
    g_assert_cmpint (json_object_get_int_member (o, "size"), ==, 200 * 1024);
    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "recording");
    g_assert_cmpstr (json_object_get_string_member (o, "media_type"), ==, "video/webm");
    g_assert_true (json_object_get_null_member (o, "material"));
    g_assert_cmpuint (again->status, ==, 201);
    g_assert_cmpstr (zc_server_response_get_text (again), ==, zc_server_response_get_text (r));

    g_assert_true (g_file_get_contents (stored, &contents, &length, NULL));
    stored_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
    g_assert_cmpstr (stored_sha, ==, sha);
    g_assert_cmpuint (count_files (f), ==, 1);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM documents WHERE kind = 'recording'"), ==, 1);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'video.recording'"), ==, 1);

    /* downloaded as video/webm by the supervisor */
    {
      g_autofree char *doc_path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/documents/%" G_GINT64_FORMAT,
                                                   id, doc_id);
      g_autoptr(ZcServerResponse) d = call (f, "GET", doc_path, supervisor, NULL);
      gsize body_len = 0;

      g_assert_cmpuint (d->status, ==, 200);
      g_assert_cmpstr (d->content_type, ==, "video/webm");
      g_bytes_get_data (d->body, &body_len);
      g_assert_cmpuint (body_len, ==, 200 * 1024);
    }
  }

  /* the supervisor may not upload */
  {
    g_autoptr(ZcServerResponse) r = upload_recording (f, supervisor, session, webm, NULL);

    assert_error (r, 403, "forbidden");
  }
}

/* issue 12: the citizen's answer on recording, given or refused, is an
 * event of the case (actor "citizen"), once per change of the answer */
static void
test_video_consent_events (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 id = create_case (f, clerk, "{\"item\":\"kbcyd\",\"applicant\":\"" PERSON_KEY "\"}");
  gint64 session = open_video_session (f, clerk, id);
  g_autofree char *events = case_path (id, "/events");
  g_autoptr(GError) error = NULL;
  const char *refused_sql = "SELECT count(*) FROM events WHERE action = 'video.consent'"
                            " AND actor = 'citizen' AND role = 'citizen' AND to_state = 'refused'";
  const char *given_sql = "SELECT count(*) FROM events WHERE action = 'video.consent'"
                          " AND actor = 'citizen' AND role = 'citizen' AND to_state = 'given'";

  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'video.consent'"), ==, 0);

  /* refused: in the history of the case */
  g_assert_true (zc_server_api_video_set_consent (f->api, session, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zc_test_count (f->db, refused_sql), ==, 1);
  {
    g_autoptr(ZcServerResponse) h = call (f, "GET", events, clerk, NULL);
    g_autoptr(JsonNode) n = NULL;
    JsonArray *list;
    gboolean found = FALSE;

    g_assert_cmpuint (h->status, ==, 200);
    n = parse (h);
    list = json_object_get_array_member (object_of (n), "events");
    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *e = json_array_get_object_element (list, i);

        if (g_strcmp0 (json_object_get_string_member (e, "action"), "video.consent") != 0)
          continue;
        found = TRUE;
        g_assert_cmpstr (json_object_get_string_member (e, "actor"), ==, "citizen");
        g_assert_cmpstr (json_object_get_string_member (e, "role"), ==, "citizen");
        g_assert_cmpstr (json_object_get_string_member (e, "to"), ==, "refused");
        g_assert_cmpint (json_object_get_int_member (e, "case_id"), ==, id);
      }
    g_assert_true (found);
  }

  /* the page repeats its answer when the clerk joins again: no new line */
  g_assert_true (zc_server_api_video_set_consent (f->api, session, FALSE, &error));
  g_assert_cmpint (zc_test_count (f->db, refused_sql), ==, 1);

  /* then given: a second line; the session keeps the last answer */
  g_assert_true (zc_server_api_video_set_consent (f->api, session, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (zc_test_count (f->db, given_sql), ==, 1);
  g_assert_cmpint (zc_test_count (f->db, refused_sql), ==, 1);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM video_sessions WHERE consent = 1"), ==, 1);

  /* an unknown session: an error, nothing written */
  g_assert_false (zc_server_api_video_set_consent (f->api, 999999, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'video.consent'"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/server/api/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("health", test_health);
  ADD ("login", test_login);
  ADD ("lockout", test_lockout);
  ADD ("unauthorized", test_unauthorized);
  ADD ("roles", test_roles);
  ADD ("not-found", test_not_found);
  ADD ("malformed-json", test_malformed);
  ADD ("wrong-types", test_types);
  ADD ("too-large", test_too_large);
  ADD ("applicants", test_applicants);
  ADD ("licences", test_licences);
  ADD ("idempotent-create", test_idempotent_create);
  ADD ("transitions", test_transitions);
  ADD ("tasks-complete", test_tasks_complete);
  ADD ("case-list", test_case_list);
  ADD ("case-list-pinyin", test_case_list_pinyin);
  ADD ("contract-extras", test_contract_extras);
  ADD ("claiming", test_claiming);
  ADD ("applicant-verification", test_applicant_verification);
  ADD ("update", test_update);
  ADD ("create-materials", test_create_materials);
  ADD ("received-at", test_received_at);
  ADD ("progress", test_progress);
  ADD ("public-progress", test_public_progress);
  ADD ("busy", test_busy);
  ADD ("idempotency-bound", test_idempotency_bound);
  ADD ("audit-subjects", test_audit_subjects);
  ADD ("number-overflow", test_number_overflow);
  ADD ("content-type", test_content_type);
  ADD ("received-at-event", test_received_at_event);
  ADD ("task-lifecycle", test_task_lifecycle);
  ADD ("disk-full", test_disk_full);
  ADD ("incomplete", test_incomplete);
  ADD ("documents-upload", test_documents_upload);
  ADD ("documents-refused", test_documents_refused);
  ADD ("documents-replay", test_documents_replay);
  ADD ("document-checks", test_document_checks);
  ADD ("material-states", test_material_states);
  ADD ("video-identity-checks", test_video_identity_checks);
  ADD ("video-recording", test_video_recording);
  ADD ("video-consent-events", test_video_consent_events);
  ADD ("video-code-limit-addresses", test_video_code_limit_addresses);
  ADD ("fuzz", test_fuzz);
#undef ADD
  g_test_add_func ("/server/api/demo", test_demo);
  g_test_add_func ("/server/api/migration", test_migration);

  return g_test_run ();
}
