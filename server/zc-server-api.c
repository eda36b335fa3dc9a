/* zc-server-api.c — the libsoup-free request layer of zc-platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "zc-calendar.h"
#include "zc-id.h"
#include "zc-state.h"

#include "zc-server-api.h"
#include "zc-server-auth.h"

#define JSON_TYPE "application/json; charset=utf-8"
#define MAX_JSON_DEPTH 64
#define MAX_PARAMS 4
#define DEFAULT_LIMIT 50
#define MAX_LIMIT 200

struct _ZcServerApi
{
  GObject     parent_instance;

  ZcServerDb *db;          /* borrowed */
  char       *data_dir;
  ZcCalendar *calendar;    /* loaded on first use */
  char       *dummy_hash;  /* verified for unknown users: same cost */
  GHashTable *public_hits; /* remote address → RateSlot (public progress) */
};

/* Public progress queries per remote address and minute */
#define PUBLIC_RATE_LIMIT 30
#define PUBLIC_RATE_WINDOW_USEC (60 * G_USEC_PER_SEC)
#define PROGRESS_EVENTS 20

typedef struct
{
  gint64 window_start;
  guint  count;
} RateSlot;

G_DEFINE_FINAL_TYPE (ZcServerApi, zc_server_api, G_TYPE_OBJECT)

typedef struct
{
  char   *username;
  ZcRole  role;
  char   *role_name;
  char   *window;
  char   *department;
  char   *display_name;
  char   *token;
  char   *expires_at;
} User;

typedef struct
{
  const ZcServerRequest *request;
  char                  *params[MAX_PARAMS];
  guint                  n_params;
  GHashTable            *query;   /* name → value, decoded */
  JsonNode              *body;    /* the parsed object for JSON routes */
  JsonObject            *object;  /* its object */
  User                  *user;    /* NULL for routes without token */
} Ctx;

typedef ZcServerResponse *(*Handler) (ZcServerApi *self,
                                      Ctx         *ctx);

typedef struct
{
  ZcServerRouteInfo info;
  gboolean          json_body;
  Handler           handler;
} Route;

#define C  ZC_SERVER_ROLE_BIT (ZC_ROLE_CLERK)
#define H  ZC_SERVER_ROLE_BIT (ZC_ROLE_HELPER)
#define S  ZC_SERVER_ROLE_BIT (ZC_ROLE_SUPERVISOR)
#define D  ZC_SERVER_ROLE_BIT (ZC_ROLE_DEPARTMENT)

static ZcServerResponse *handle_health              (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_session_create      (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_session_current     (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_session_delete      (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_user_unlock         (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_catalogue_list      (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_catalogue_item      (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_applicant_list      (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_applicant_get       (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_licence_list        (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_licence_get         (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_licence_photo       (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_case_create         (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_case_list           (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_case_get            (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_case_transition     (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_case_events         (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_task_list           (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_task_transition     (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_case_update         (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_case_claim          (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_case_release        (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_case_progress       (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_public_progress     (ZcServerApi *self, Ctx *ctx);
static ZcServerResponse *handle_notifications       (ZcServerApi *self, Ctx *ctx);

/* json_body of a route: none, required, or optional (absent = no object) */
#define BODY_OPTIONAL 2

#define IMPL(m, p, r, j, h) { { m, p, r, TRUE }, j, h }
#define LATER(m, p, r)      { { m, p, r, FALSE }, FALSE, NULL }

static const Route routes[] = {
  IMPL ("GET",    "/health",                     0,         FALSE, handle_health),
  IMPL ("POST",   "/sessions",                   0,         TRUE,  handle_session_create),
  IMPL ("GET",    "/sessions/current",           C|H|S|D,   FALSE, handle_session_current),
  IMPL ("DELETE", "/sessions/current",           C|H|S|D,   FALSE, handle_session_delete),
  IMPL ("GET",    "/sessions/current/notifications", C|H|S|D, FALSE, handle_notifications),
  IMPL ("POST",   "/users/{username}/unlock",    S,         FALSE, handle_user_unlock),
  IMPL ("GET",    "/catalogue/items",            C|H|S|D,   FALSE, handle_catalogue_list),
  IMPL ("GET",    "/catalogue/items/{code}",     C|H|S|D,   FALSE, handle_catalogue_item),
  IMPL ("GET",    "/applicants",                 S,         FALSE, handle_applicant_list),
  IMPL ("GET",    "/applicants/{key}",           C|H|S,     FALSE, handle_applicant_get),
  LATER ("GET",   "/applicants/{key}/credit",    C|H|S),
  IMPL ("GET",    "/licences",                   C|H|S,     FALSE, handle_licence_list),
  IMPL ("GET",    "/licences/{number}",          C|H|S,     FALSE, handle_licence_get),
  IMPL ("GET",    "/licences/{number}/photo",    C|H|S,     FALSE, handle_licence_photo),
  IMPL ("POST",   "/cases",                      C|H,       TRUE,  handle_case_create),
  IMPL ("GET",    "/cases",                      C|H|S,     FALSE, handle_case_list),
  IMPL ("GET",    "/cases/{id}",                 C|H|S|D,   FALSE, handle_case_get),
  IMPL ("PUT",    "/cases/{id}",                 C|H,       TRUE,  handle_case_update),
  IMPL ("POST",   "/cases/{id}/claim",           C|H|S,     BODY_OPTIONAL, handle_case_claim),
  IMPL ("DELETE", "/cases/{id}/claim",           C|H|S,     FALSE, handle_case_release),
  IMPL ("POST",   "/cases/{id}/transitions",     C|H|S,     TRUE,  handle_case_transition),
  IMPL ("GET",    "/cases/{id}/events",          C|H|S,     FALSE, handle_case_events),
  IMPL ("GET",    "/cases/{id}/progress",        C|H|S,     FALSE, handle_case_progress),
  IMPL ("GET",    "/public/progress",            0,         FALSE, handle_public_progress),
  LATER ("GET",   "/cases/{id}/materials",       C|H|S),
  LATER ("PUT",   "/cases/{id}/materials/{code}", C|H),
  LATER ("GET",   "/cases/{id}/documents",       C|H|S),
  LATER ("POST",  "/cases/{id}/documents",       C|H),
  LATER ("GET",   "/cases/{id}/documents/{doc}", C|H|S),
  LATER ("POST",  "/cases/{id}/commitments",     C|H),
  LATER ("GET",   "/commitments",                S|D),
  LATER ("POST",  "/commitments/{id}/verifications", D),
  LATER ("POST",  "/video-sessions",             C|H),
  LATER ("GET",   "/video-sessions/{id}",        C|H|S),
  LATER ("DELETE", "/video-sessions/{id}",       C|H),
  LATER ("GET",   "/video-sessions/{id}/signal", C|H),
  LATER ("POST",  "/evaluations",                0),
  LATER ("GET",   "/evaluations",                S),
  LATER ("GET",   "/review/queues",              S),
  LATER ("GET",   "/review/queues/{queue}",      S),
  LATER ("GET",   "/statistics",                 S),
  LATER ("GET",   "/audit",                      S),
  LATER ("GET",   "/audit/verify",               S),
  IMPL ("GET",    "/tasks",                      S|D,       FALSE, handle_task_list),
  IMPL ("POST",   "/tasks/{id}/transitions",     D,         TRUE,  handle_task_transition),
};

#undef C
#undef H
#undef S
#undef D

const ZcServerRouteInfo *
zc_server_api_get_routes (guint *n_routes)
{
  static ZcServerRouteInfo infos[G_N_ELEMENTS (routes)];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
        infos[i] = routes[i].info;
      g_once_init_leave (&initialized, 1);
    }
  if (n_routes != NULL)
    *n_routes = G_N_ELEMENTS (routes);
  return infos;
}

/* ------------------------------------------------------------------ */
/* Requests and responses                                              */

ZcServerRequest *
zc_server_request_new (const char *method,
                       const char *path,
                       const char *query)
{
  ZcServerRequest *request = g_new0 (ZcServerRequest, 1);

  request->method = g_strdup (method ? method : "");
  request->path = g_strdup (path ? path : "");
  request->query = g_strdup (query);
  request->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return request;
}

void
zc_server_request_set_header (ZcServerRequest *request,
                              const char      *name,
                              const char      *value)
{
  g_return_if_fail (name != NULL);
  g_hash_table_replace (request->headers, g_ascii_strdown (name, -1),
                        g_strdup (value ? value : ""));
}

const char *
zc_server_request_get_header (const ZcServerRequest *request,
                              const char            *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (request->headers, lower);
}

void
zc_server_request_set_body (ZcServerRequest *request,
                            const void      *data,
                            gsize            length)
{
  g_clear_pointer (&request->body, g_bytes_unref);
  request->body = g_bytes_new (data, length);
}

void
zc_server_request_free (ZcServerRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, g_hash_table_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->remote_address);
  g_free (request);
}

static ZcServerResponse *
response_new (guint       status,
              const char *content_type,
              GBytes     *body)
{
  ZcServerResponse *response = g_new0 (ZcServerResponse, 1);

  response->status = status;
  response->content_type = g_strdup (content_type);
  response->body = body;
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return response;
}

void
zc_server_response_free (ZcServerResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->content_type);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, g_hash_table_unref);
  g_free (response->text);
  g_free (response);
}

const char *
zc_server_response_get_text (ZcServerResponse *response)
{
  if (response->text == NULL)
    {
      gsize len = 0;
      const char *data = response->body ? g_bytes_get_data (response->body, &len) : NULL;

      response->text = data ? g_strndup (data, len) : g_strdup ("");
    }
  return response->text;
}

static ZcServerResponse *
json_response (guint     status,
               JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  /* the generator NUL-terminates: keep the terminator out of the length */
  return response_new (status, JSON_TYPE,
                       g_bytes_new_with_free_func (text, len, g_free, text));
}

static ZcServerResponse *
builder_response (guint        status,
                  JsonBuilder *builder)
{
  g_autoptr(JsonNode) node = json_builder_get_root (builder);

  return json_response (status, node);
}

static ZcServerResponse *
error_response (guint       status,
                const char *code,
                const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return builder_response (status, builder);
}

G_GNUC_PRINTF (3, 4)
static ZcServerResponse *
error_printf (guint       status,
              const char *code,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return error_response (status, code, message);
}

static ZcServerResponse *
db_error_response (GError *error)
{
  /* the SQLite message names no personal data; keep it out of logs */
  g_debug ("database error answered with 500");
  return error_response (500, "internal_error", _("The platform could not store or read its data."));
}

static ZcServerResponse *
not_found (void)
{
  return error_response (404, "not_found", _("Not found."));
}

static ZcServerResponse *
empty_response (guint status)
{
  return response_new (status, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* JSON helpers                                                        */

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_column_string (JsonBuilder  *builder,
                   const char   *name,
                   sqlite3_stmt *stmt,
                   int           column)
{
  add_string_or_null (builder, name, (const char *) sqlite3_column_text (stmt, column));
}

/* an integer column, null when NULL */
static void
add_column_int (JsonBuilder  *builder,
                const char   *name,
                sqlite3_stmt *stmt,
                int           column)
{
  json_builder_set_member_name (builder, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, column));
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Parses stored JSON; NULL when absent or malformed. */
static JsonNode *
parse_stored (const char *text)
{
  g_autoptr(JsonParser) parser = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static void
add_stored_json (JsonBuilder *builder,
                 const char  *name,
                 const char  *text,
                 JsonNodeType expected,
                 gboolean     null_default)
{
  g_autoptr(JsonNode) node = parse_stored (text);

  json_builder_set_member_name (builder, name);
  if (node != NULL && JSON_NODE_TYPE (node) == expected)
    json_builder_add_value (builder, g_steal_pointer (&node));
  else if (null_default)
    json_builder_add_null_value (builder);
  else if (expected == JSON_NODE_ARRAY)
    {
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Max nesting of [ and { outside strings; json-glib's parser recurses. */
static gboolean
json_depth_ok (const char *data,
               gsize       len)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

/* Member access with a 422 naming the member. */
static const char *
get_string_member (Ctx               *ctx,
                   const char        *name,
                   gboolean           required,
                   ZcServerResponse **error)
{
  JsonNode *node = ctx->object ? json_object_get_member (ctx->object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        *error = error_printf (422, "invalid_request",
                               _("The member “%s” is missing."), name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *error = error_printf (422, "invalid_request",
                             _("The member “%s” must be a string."), name);
      return NULL;
    }
  return json_node_get_string (node);
}

static const char *
get_bounded_string_member (Ctx               *ctx,
                           const char        *name,
                           gboolean           required,
                           glong              max_chars,
                           ZcServerResponse **error)
{
  const char *value = get_string_member (ctx, name, required, error);

  if (value != NULL && g_utf8_strlen (value, -1) > max_chars)
    {
      *error = error_printf (422, "invalid_request",
                             _("The member “%s” is longer than %ld characters."),
                             name, max_chars);
      return NULL;
    }
  return value;
}

#define MAX_IDEMPOTENCY_KEY 128
#define MAX_REASON 1000
#define RECEIVED_AT_MAX_DAYS 7

/* The Idempotency-Key header, NULL when absent; *error set when malformed. */
static const char *
get_idempotency_key (Ctx               *ctx,
                     ZcServerResponse **error)
{
  const char *key = zc_server_request_get_header (ctx->request, "idempotency-key");

  if (key != NULL && (*key == '\0' || strlen (key) > MAX_IDEMPOTENCY_KEY ||
                      !g_utf8_validate (key, -1, NULL)))
    {
      *error = error_printf (400, "invalid_request",
                             _("The Idempotency-Key header must hold 1 to %d characters."),
                             MAX_IDEMPOTENCY_KEY);
      return NULL;
    }
  return key;
}

/* ------------------------------------------------------------------ */
/* Small utilities                                                     */

static void
user_free (User *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_free (user->role_name);
  g_free (user->window);
  g_free (user->department);
  g_free (user->display_name);
  g_free (user->token);
  g_free (user->expires_at);
  g_free (user);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (User, user_free)

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static GTimeZone *
china_time_zone (void)
{
  return zc_time_zone_china ();
}

static char *
iso_in (GDateTime *time,
        int        minutes)
{
  g_autoptr(GDateTime) later = g_date_time_add_minutes (time, minutes);

  return zc_server_db_format_time (later);
}

/* "?q=…" LIKE pattern with % and _ escaped by '\' */
static char *
like_pattern (const char *q)
{
  GString *s = g_string_new ("%");

  for (const char *p = q; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

static gboolean
parse_uint_param (Ctx               *ctx,
                  const char        *name,
                  gint64             fallback,
                  gint64             min,
                  gint64             max,
                  gint64            *result,
                  ZcServerResponse **error)
{
  const char *text = g_hash_table_lookup (ctx->query, name);
  guint64 value;

  if (text == NULL || *text == '\0')
    {
      *result = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, G_MAXINT32, &value, NULL))
    {
      *error = error_printf (422, "invalid_request",
                             _("The parameter “%s” must be a whole number of at least %d."),
                             name, (int) min);
      return FALSE;
    }
  *result = MIN ((gint64) value, max);
  return TRUE;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static ZcCalendar *
get_calendar (ZcServerApi  *self,
              GError      **error)
{
  g_autofree char *path = NULL;

  if (self->calendar != NULL)
    return self->calendar;
  path = g_build_filename (self->data_dir, "holidays-cn.json", NULL);
  self->calendar = zc_calendar_new_from_file (path, error);
  return self->calendar;
}

/* ------------------------------------------------------------------ */
/* Object builders                                                     */

static void
build_user (JsonBuilder *builder,
            User        *user)
{
  json_builder_begin_object (builder);
  add_string_or_null (builder, "username", user->username);
  add_string_or_null (builder, "role", user->role_name);
  add_string_or_null (builder, "window", user->window);
  if (user->department != NULL)
    add_string_or_null (builder, "department", user->department);
  add_string_or_null (builder, "display_name", user->display_name);
  json_builder_end_object (builder);
}

#define LICENCE_COLUMNS \
  "type, number, holder, holder_name, issuer, issued_on, valid_until, revoked, " \
  "fields, photo IS NOT NULL"

static void
build_licence (JsonBuilder  *builder,
               sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  add_column_string (builder, "type", stmt, 0);
  add_column_string (builder, "number", stmt, 1);
  add_column_string (builder, "holder", stmt, 2);
  add_column_string (builder, "holder_name", stmt, 3);
  add_column_string (builder, "issuer", stmt, 4);
  add_column_string (builder, "issued_on", stmt, 5);
  add_column_string (builder, "valid_until", stmt, 6);
  add_bool (builder, "revoked", sqlite3_column_int (stmt, 7) != 0);
  add_stored_json (builder, "fields", column_text (stmt, 8), JSON_NODE_OBJECT, FALSE);
  add_bool (builder, "has_photo", sqlite3_column_int (stmt, 9) != 0);
  json_builder_end_object (builder);
}

#define TASK_SELECT \
  "SELECT t.id, t.case_id, c.number, t.matter, t.matter_name, t.department, " \
  "t.state, t.due_date, t.due_provisional, t.awaiting_supplement, t.reason " \
  "FROM tasks t JOIN cases c ON c.id = t.case_id "

static void
build_task (JsonBuilder  *builder,
            sqlite3_stmt *stmt)
{
  json_builder_begin_object (builder);
  add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
  add_int (builder, "case_id", sqlite3_column_int64 (stmt, 1));
  add_column_string (builder, "case_number", stmt, 2);
  add_column_string (builder, "matter", stmt, 3);
  add_column_string (builder, "matter_name", stmt, 4);
  add_column_string (builder, "department", stmt, 5);
  add_column_string (builder, "state", stmt, 6);
  add_column_string (builder, "due_date", stmt, 7);
  add_bool (builder, "due_provisional", sqlite3_column_int (stmt, 8) != 0);
  add_bool (builder, "awaiting_supplement", sqlite3_column_int (stmt, 9) != 0);
  add_column_string (builder, "reason", stmt, 10);
  json_builder_end_object (builder);
}

static gboolean
build_task_by_id (ZcServerApi  *self,
                  JsonBuilder  *builder,
                  gint64        task_id,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db, TASK_SELECT "WHERE t.id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  build_task (builder, stmt);
  return TRUE;
}

#define CASE_SELECT \
  "SELECT c.id, c.number, c.item, " \
  "CASE WHEN json_valid (ci.json) THEN json_extract (ci.json, '$.name') END, " \
  "c.applicant, a.name, a.kind, c.state, c.window, c.clerk, c.holder, " \
  "c.created_at, c.received_at, c.updated_at, c.matters, c.form, c.parties, " \
  "c.reason, c.returned_from, c.field_sources, c.key_override_reason, " \
  "hu.display_name, c.materials, hu.window, c.held_since " \
  "FROM cases c JOIN applicants a ON a.key = c.applicant " \
  "JOIN catalogue_items ci ON ci.code = c.item " \
  "LEFT JOIN users hu ON hu.username = c.holder "

/* Builds the Case object with its tasks. Returns FALSE with @error unset
 * when there is no such case. */
static gboolean
build_case (ZcServerApi  *self,
            JsonBuilder  *builder,
            gint64        case_id,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) tasks = NULL;
  int rc;

  stmt = zc_server_db_prepare (self->db, CASE_SELECT "WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);

  json_builder_begin_object (builder);
  add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
  add_column_string (builder, "number", stmt, 1);
  add_column_string (builder, "item", stmt, 2);
  add_column_string (builder, "item_name", stmt, 3);
  add_column_string (builder, "applicant", stmt, 4);
  add_column_string (builder, "applicant_name", stmt, 5);
  add_column_string (builder, "applicant_kind", stmt, 6);
  add_column_string (builder, "state", stmt, 7);
  add_column_string (builder, "window", stmt, 8);
  add_column_string (builder, "clerk", stmt, 9);
  add_column_string (builder, "holder", stmt, 10);
  add_column_string (builder, "created_at", stmt, 11);
  add_column_string (builder, "received_at", stmt, 12);
  add_column_string (builder, "updated_at", stmt, 13);
  add_stored_json (builder, "matters", column_text (stmt, 14), JSON_NODE_ARRAY, FALSE);
  add_stored_json (builder, "form", column_text (stmt, 15), JSON_NODE_OBJECT, TRUE);
  add_stored_json (builder, "parties", column_text (stmt, 16), JSON_NODE_ARRAY, TRUE);
  add_column_string (builder, "reason", stmt, 17);
  add_column_string (builder, "returned_from", stmt, 18);
  add_stored_json (builder, "field_sources", column_text (stmt, 19), JSON_NODE_OBJECT, TRUE);
  add_column_string (builder, "key_override_reason", stmt, 20);
  add_column_string (builder, "holder_display", stmt, 21);
  add_stored_json (builder, "materials", column_text (stmt, 22), JSON_NODE_OBJECT, TRUE);
  add_column_string (builder, "holder_window", stmt, 23);
  add_column_string (builder, "held_since", stmt, 24);

  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  tasks = zc_server_db_prepare (self->db, TASK_SELECT "WHERE t.case_id = ?1 ORDER BY t.id", error);
  if (tasks == NULL)
    return FALSE;
  sqlite3_bind_int64 (tasks, 1, case_id);
  while ((rc = sqlite3_step (tasks)) == SQLITE_ROW)
    build_task (builder, tasks);
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return TRUE;
}

static ZcServerResponse *
case_response (ZcServerApi *self,
               guint        status,
               gint64       case_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;

  if (!build_case (self, builder, case_id, &error))
    return error ? db_error_response (error) : not_found ();
  return builder_response (status, builder);
}

/* ------------------------------------------------------------------ */
/* Authentication                                                      */

static User *
user_from_row (sqlite3_stmt *stmt)
{
  User *user = g_new0 (User, 1);

  user->username = column_dup (stmt, 0);
  user->role_name = column_dup (stmt, 1);
  user->role = zc_role_from_string (user->role_name);
  user->window = column_dup (stmt, 2);
  user->department = column_dup (stmt, 3);
  user->display_name = column_dup (stmt, 4);
  return user;
}

static User *
authenticate (ZcServerApi           *self,
              const ZcServerRequest *request)
{
  const char *header = zc_server_request_get_header (request, "authorization");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  const char *token;
  User *user;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  token = header + 7;
  while (*token == ' ')
    token++;
  if (*token == '\0' || strlen (token) > 128)
    return NULL;

  now = zc_server_db_now_iso (self->db);
  stmt = zc_server_db_prepare (self->db,
    "SELECT u.username, u.role, u.window, u.department, u.display_name, s.expires_at "
    "FROM sessions s JOIN users u ON u.username = s.username "
    "WHERE s.token = ?1 AND s.expires_at > ?2", NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, token);
  bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  user = user_from_row (stmt);
  user->token = g_strdup (token);
  user->expires_at = column_dup (stmt, 5);
  if (user->role == ZC_ROLE_INVALID || user->role == ZC_ROLE_PLATFORM)
    {
      user_free (user);
      return NULL;
    }
  return user;
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */

static gboolean
match_pattern (const char  *pattern,
               char       **segments,
               guint        n_segments,
               char       **params,
               guint       *n_params)
{
  g_auto(GStrv) parts = g_strsplit (pattern + 1, "/", -1);
  guint n_parts = g_strv_length (parts);
  guint n = 0;

  if (n_parts != n_segments)
    return FALSE;
  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i][0] == '{')
        {
          if (segments[i][0] == '\0' || n >= MAX_PARAMS)
            return FALSE;
          params[n++] = segments[i];
        }
      else if (strcmp (parts[i], segments[i]) != 0)
        return FALSE;
    }
  *n_params = n;
  return TRUE;
}

static void
ctx_clear (Ctx *ctx)
{
  for (guint i = 0; i < ctx->n_params; i++)
    g_free (ctx->params[i]);
  g_clear_pointer (&ctx->query, g_hash_table_unref);
  g_clear_pointer (&ctx->body, json_node_unref);
  g_clear_pointer (&ctx->user, user_free);
}

static ZcServerResponse *
dispatch (ZcServerApi           *self,
          const ZcServerRequest *request,
          Ctx                   *ctx)
{
  const char *path = request->path;
  g_auto(GStrv) raw = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  const Route *route = NULL;
  gboolean path_known = FALSE;
  g_autoptr(GString) allow = g_string_new (NULL);
  const char *length_header;
  gsize body_len = request->body ? g_bytes_get_size (request->body) : 0;

  if (!g_str_has_prefix (path, ZC_SERVER_API_PREFIX "/"))
    return not_found ();
  path += strlen (ZC_SERVER_API_PREFIX);

  raw = g_strsplit (path + 1, "/", 16);
  for (guint i = 0; raw[i] != NULL; i++)
    {
      char *decoded = g_uri_unescape_string (raw[i], "/");

      if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
        {
          g_free (decoded);
          return not_found ();
        }
      g_ptr_array_add (segments, decoded);
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      char *params[MAX_PARAMS];
      guint n_params = 0;

      if (!match_pattern (routes[i].info.pattern, (char **) segments->pdata,
                          segments->len, params, &n_params))
        continue;
      path_known = TRUE;
      if (allow->len > 0)
        g_string_append (allow, ", ");
      g_string_append (allow, routes[i].info.method);
      if (route == NULL && strcmp (routes[i].info.method, request->method) == 0)
        {
          route = &routes[i];
          for (guint j = 0; j < n_params; j++)
            ctx->params[j] = g_strdup (params[j]);
          ctx->n_params = n_params;
        }
    }

  if (!path_known)
    return not_found ();
  if (route == NULL)
    {
      ZcServerResponse *response =
        error_response (405, "method_not_allowed",
                        _("This method is not allowed on this resource."));
      g_hash_table_replace (response->headers, g_strdup ("Allow"),
                            g_strdup (allow->str));
      return response;
    }

  /* authentication, then the role table */
  if (route->info.roles != 0)
    {
      ctx->user = authenticate (self, request);
      if (ctx->user == NULL)
        {
          ZcServerResponse *response =
            error_response (401, "unauthorized",
                            _("Log in first: the session is missing, unknown or expired."));
          g_hash_table_replace (response->headers, g_strdup ("WWW-Authenticate"),
                                g_strdup ("Bearer"));
          return response;
        }
      if ((route->info.roles & ZC_SERVER_ROLE_BIT (ctx->user->role)) == 0)
        return error_printf (403, "forbidden",
                             _("The role “%s” may not use this endpoint."),
                             ctx->user->role_name);
    }

  if (!route->info.implemented)
    return error_response (501, "not_implemented",
                           _("This endpoint is part of the contract but not implemented by this platform yet."));

  /* the request itself: its size first */
  length_header = zc_server_request_get_header (request, "content-length");
  if (length_header != NULL)
    {
      guint64 declared;

      if (g_ascii_string_to_unsigned (length_header, 10, 0, G_MAXUINT64, &declared, NULL) &&
          declared > ZC_SERVER_MAX_BODY)
        return error_response (413, "body_too_large",
                               _("The request body is larger than 1 MiB."));
    }
  if (body_len > ZC_SERVER_MAX_BODY)
    return error_response (413, "body_too_large",
                           _("The request body is larger than 1 MiB."));

  /* query string */
  if (request->query != NULL && *request->query != '\0')
    {
      g_autoptr(GError) error = NULL;
      GHashTableIter iter;
      gpointer key, value;

      ctx->query = g_uri_parse_params (request->query, -1, "&",
                                       G_URI_PARAMS_WWW_FORM, &error);
      if (ctx->query == NULL)
        return error_response (400, "invalid_request",
                               _("The query string is malformed."));
      g_hash_table_iter_init (&iter, ctx->query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
          return error_response (400, "invalid_request",
                                 _("The query string is not valid UTF-8."));
    }
  else
    ctx->query = g_hash_table_new (g_str_hash, g_str_equal);

  /* JSON body */
  if (route->json_body)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      const char *data = request->body ? g_bytes_get_data (request->body, NULL) : NULL;

      if ((data == NULL || body_len == 0) && route->json_body == BODY_OPTIONAL)
        return route->handler (self, ctx);
      if (data == NULL || body_len == 0)
        return error_response (400, "invalid_json", _("The request body must be a JSON object."));
      if (!g_utf8_validate (data, (gssize) body_len, NULL))
        return error_response (400, "invalid_json", _("The request body is not valid UTF-8."));
      if (!json_depth_ok (data, body_len))
        return error_response (400, "invalid_json", _("The request body is nested too deeply."));
      if (!json_parser_load_from_data (parser, data, (gssize) body_len, NULL))
        return error_response (400, "invalid_json", _("The request body is not valid JSON."));
      if (json_parser_get_root (parser) == NULL ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        return error_response (400, "invalid_json", _("The request body must be a JSON object."));
      ctx->body = json_node_copy (json_parser_get_root (parser));
      ctx->object = json_node_get_object (ctx->body);
    }

  return route->handler (self, ctx);
}

ZcServerResponse *
zc_server_api_handle (ZcServerApi           *self,
                      const ZcServerRequest *request)
{
  Ctx ctx = { 0 };
  ZcServerResponse *response;

  g_return_val_if_fail (ZC_IS_SERVER_API (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  ctx.request = request;
  response = dispatch (self, request, &ctx);
  ctx_clear (&ctx);

  /* never leave a transaction open behind an answer */
  zc_server_db_rollback (self->db);
  return response;
}

/* ------------------------------------------------------------------ */
/* Handlers: health and sessions                                       */

static ZcServerResponse *
handle_health (ZcServerApi *self,
               Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *now = zc_server_db_now_iso (self->db);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "status", "ok");
  add_string_or_null (builder, "version", PACKAGE_VERSION);
  add_string_or_null (builder, "time", now);
  json_builder_end_object (builder);
  return builder_response (200, builder);
}

static ZcServerResponse *
locked_response (const char *locked_until)
{
  g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (locked_until, NULL);
  g_autoptr(GDateTime) local = until ? g_date_time_to_local (until) : NULL;
  g_autofree char *hhmm = local ? g_date_time_format (local, "%H:%M") : g_strdup ("?");

  return error_printf (423, "account_locked",
                       _("This account is locked after %d failed logins in a row. "
                         "Try again after %s, or ask a supervisor to unlock it."),
                       ZC_SERVER_MAX_FAILED_LOGINS, hhmm);
}

static ZcServerResponse *
handle_session_create (ZcServerApi *self,
                       Ctx         *ctx)
{
  ZcServerResponse *bad = NULL;
  const char *username = get_string_member (ctx, "username", TRUE, &bad);
  const char *password;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  g_autofree char *now_iso = zc_server_db_format_time (now);
  g_autoptr(User) user = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *locked_until = NULL;
  int failed = 0;
  gboolean ok;
  int rc;

  if (bad != NULL)
    return bad;
  password = get_string_member (ctx, "password", TRUE, &bad);
  if (bad != NULL)
    return bad;
  if (*username == '\0' || strlen (username) > 64)
    return error_response (422, "invalid_request",
                           _("The member “username” must hold 1 to 64 characters."));
  if (*password == '\0' || strlen (password) > 256)
    return error_response (422, "invalid_request",
                           _("The member “password” must hold 1 to 256 characters."));

  if (!zc_server_db_begin (self->db, &error))
    return db_error_response (error);

  stmt = zc_server_db_prepare (self->db,
    "SELECT username, role, window, department, display_name, password_hash, "
    "failed_logins, locked_until FROM users WHERE username = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, username);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      user = user_from_row (stmt);
      hash = column_dup (stmt, 5);
      failed = sqlite3_column_int (stmt, 6);
      locked_until = column_dup (stmt, 7);
    }
  else if (rc != SQLITE_DONE)
    return db_error_response (NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (user == NULL)
    {
      /* same work and the same answer as a wrong password */
      zc_server_verify_password (password, self->dummy_hash);
      if (!zc_server_db_add_event (self->db, username,
                                   "none", NULL, "session.failed", 0, 0, NULL, NULL, NULL,
                                   NULL, "{\"known\":false}", &error) ||
          !zc_server_db_commit (self->db, &error))
        return db_error_response (error);
      return error_response (401, "invalid_credentials",
                             _("The user name or the password is wrong."));
    }

  if (locked_until != NULL)
    {
      if (strcmp (locked_until, now_iso) > 0)
        {
          if (!zc_server_db_add_event (self->db, user->username, user->role_name,
                                       user->window, "session.failed", 0, 0, NULL, NULL,
                                       NULL, NULL, "{\"locked\":true}", &error) ||
              !zc_server_db_commit (self->db, &error))
            return db_error_response (error);
          return locked_response (locked_until);
        }
      /* the lock ran out: start counting afresh */
      failed = 0;
      g_clear_pointer (&locked_until, g_free);
    }

  ok = zc_server_verify_password (password, hash);
  if (!ok)
    {
      failed++;
      if (failed >= ZC_SERVER_MAX_FAILED_LOGINS)
        locked_until = iso_in (now, ZC_SERVER_LOCK_MINUTES);

      stmt = zc_server_db_prepare (self->db,
        "UPDATE users SET failed_logins = ?2, locked_until = ?3 WHERE username = ?1", &error);
      if (stmt == NULL)
        return db_error_response (error);
      bind_text (stmt, 1, user->username);
      sqlite3_bind_int (stmt, 2, failed);
      bind_text (stmt, 3, locked_until);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return db_error_response (NULL);

      if (!zc_server_db_add_event (self->db, user->username, user->role_name, user->window,
                                   "session.failed", 0, 0, NULL, NULL, NULL, NULL, NULL, &error))
        return db_error_response (error);
      if (locked_until != NULL &&
          !zc_server_db_add_event (self->db, user->username, user->role_name, user->window,
                                   "user.lock", 0, 0, NULL, NULL, NULL,
                                   _("Too many failed logins"), NULL, &error))
        return db_error_response (error);
      if (!zc_server_db_commit (self->db, &error))
        return db_error_response (error);

      if (locked_until != NULL)
        return locked_response (locked_until);
      return error_response (401, "invalid_credentials",
                             _("The user name or the password is wrong."));
    }

  /* success */
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autofree char *expires = iso_in (now, ZC_SERVER_SESSION_HOURS * 60);

    user->token = zc_server_new_token ();
    if (user->token == NULL)
      return db_error_response (NULL);

    stmt = zc_server_db_prepare (self->db,
      "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?1", &error);
    if (stmt == NULL)
      return db_error_response (error);
    bind_text (stmt, 1, user->username);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return db_error_response (NULL);
    g_clear_pointer (&stmt, sqlite3_finalize);

    /* expired sessions go when someone logs in */
    stmt = zc_server_db_prepare (self->db,
      "DELETE FROM sessions WHERE expires_at <= ?1", &error);
    if (stmt == NULL)
      return db_error_response (error);
    bind_text (stmt, 1, now_iso);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return db_error_response (NULL);
    g_clear_pointer (&stmt, sqlite3_finalize);

    stmt = zc_server_db_prepare (self->db,
      "INSERT INTO sessions (token, username, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
      &error);
    if (stmt == NULL)
      return db_error_response (error);
    bind_text (stmt, 1, user->token);
    bind_text (stmt, 2, user->username);
    bind_text (stmt, 3, now_iso);
    bind_text (stmt, 4, expires);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return db_error_response (NULL);

    if (!zc_server_db_add_event (self->db, user->username, user->role_name, user->window,
                                 "session.create", 0, 0, NULL, NULL, NULL, NULL, NULL, &error) ||
        !zc_server_db_commit (self->db, &error))
      return db_error_response (error);

    json_builder_begin_object (builder);
    add_string_or_null (builder, "token", user->token);
    add_string_or_null (builder, "expires_at", expires);
    json_builder_set_member_name (builder, "user");
    build_user (builder, user);
    json_builder_end_object (builder);
    return builder_response (201, builder);
  }
}

static ZcServerResponse *
handle_session_current (ZcServerApi *self,
                        Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  build_user (builder, ctx->user);
  add_string_or_null (builder, "expires_at", ctx->user->expires_at);
  json_builder_end_object (builder);
  return builder_response (200, builder);
}

static ZcServerResponse *
handle_session_delete (ZcServerApi *self,
                       Ctx         *ctx)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!zc_server_db_begin (self->db, &error))
    return db_error_response (error);
  stmt = zc_server_db_prepare (self->db, "DELETE FROM sessions WHERE token = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, ctx->user->token);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error_response (NULL);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "session.delete", 0, 0, NULL, NULL,
                               NULL, NULL, NULL, &error) ||
      !zc_server_db_commit (self->db, &error))
    return db_error_response (error);
  return empty_response (204);
}

static ZcServerResponse *
handle_user_unlock (ZcServerApi *self,
                    Ctx         *ctx)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  if (!zc_server_db_begin (self->db, &error))
    return db_error_response (error);
  stmt = zc_server_db_prepare (self->db,
    "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, ctx->params[0]);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error_response (NULL);
  if (sqlite3_changes (zc_server_db_get_handle (self->db)) == 0)
    return error_response (404, "not_found", _("There is no such user."));

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) node = NULL;

    json_builder_begin_object (builder);
    add_string_or_null (builder, "user", ctx->params[0]);
    json_builder_end_object (builder);
    node = json_builder_get_root (builder);
    detail = node_to_string (node);
  }
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "user.unlock", 0, 0, NULL, NULL,
                               NULL, NULL, detail, &error) ||
      !zc_server_db_commit (self->db, &error))
    return db_error_response (error);
  return empty_response (204);
}

/* ------------------------------------------------------------------ */
/* Catalogue                                                           */

static ZcServerResponse *
handle_catalogue_list (ZcServerApi *self,
                       Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  stmt = zc_server_db_prepare (self->db,
    "SELECT json FROM catalogue_items ORDER BY position, code", &error);
  if (stmt == NULL)
    return db_error_response (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonNode *node = parse_stored (column_text (stmt, 0));

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        json_builder_add_value (builder, node);
      else if (node != NULL)
        json_node_unref (node);
    }
  if (rc != SQLITE_DONE)
    return db_error_response (NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return builder_response (200, builder);
}

/* The stored item object, or NULL. */
static JsonNode *
load_item (ZcServerApi *self,
           const char  *code)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (self->db, "SELECT json FROM catalogue_items WHERE code = ?1", NULL);
  JsonNode *node;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  node = parse_stored (column_text (stmt, 0));
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);
  return node;
}

static ZcServerResponse *
handle_catalogue_item (ZcServerApi *self,
                       Ctx         *ctx)
{
  g_autoptr(JsonNode) item = load_item (self, ctx->params[0]);

  if (item == NULL)
    return error_response (404, "not_found", _("There is no such catalogue item."));
  return json_response (200, item);
}

/* ------------------------------------------------------------------ */
/* Applicants and licences                                             */

/* Normalises and validates an applicant key; on failure a 400 (or
 * @status) invalid_key answer with the validator's reason. */
static char *
check_key (const char        *input,
           guint              status,
           const char        *code,
           const char       **kind,
           ZcServerResponse **error)
{
  g_autofree char *key = zc_id_normalize (input);
  g_autoptr(GError) local = NULL;
  const char *k = zc_applicant_key_kind (key, NULL, &local);

  if (k == NULL)
    {
      *error = error_response (status, code,
                               local ? local->message : _("This is not a valid ID number or credit code."));
      return NULL;
    }
  if (kind != NULL)
    *kind = k;
  return g_steal_pointer (&key);
}

static ZcServerResponse *
handle_applicant_list (ZcServerApi *self,
                       Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  const char *q = g_hash_table_lookup (ctx->query, "q");
  const char *kind = g_hash_table_lookup (ctx->query, "kind");
  g_autofree char *pattern = NULL;
  g_autofree char *detail = NULL;
  gint64 offset, limit;
  const char *where =
    "WHERE (?1 IS NULL OR name LIKE ?1 ESCAPE '\\' OR key LIKE ?1 ESCAPE '\\') "
    "AND (?2 IS NULL OR kind = ?2) ";
  g_autofree char *sql = NULL;
  g_autofree char *count_sql = NULL;
  int rc;
  guint n = 0;

  if (kind != NULL && *kind == '\0')
    kind = NULL;
  if (q != NULL && g_utf8_strlen (q, -1) > 100)
    return error_response (422, "invalid_request",
                           _("The parameter “q” is longer than 100 characters."));
  if (kind != NULL && strcmp (kind, "person") != 0 && strcmp (kind, "enterprise") != 0)
    return error_response (422, "invalid_request",
                           _("The parameter “kind” must be “person” or “enterprise”."));
  if (!parse_uint_param (ctx, "offset", 0, 0, G_MAXINT32, &offset, &bad) ||
      !parse_uint_param (ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, &limit, &bad))
    return bad;
  if (q != NULL && *q != '\0')
    {
      g_autofree char *normalized = g_utf8_strlen (q, -1) >= 6 ? zc_id_normalize (q) : NULL;

      /* a key typed with spaces or lower-case x still matches */
      pattern = like_pattern (normalized && g_ascii_isdigit (normalized[0]) ? normalized : q);
    }

  sql = g_strconcat ("SELECT key, kind, name FROM applicants ", where,
                     "ORDER BY name, key LIMIT ?3 OFFSET ?4", NULL);
  count_sql = g_strconcat ("SELECT count(*) FROM applicants ", where, NULL);
  stmt = zc_server_db_prepare (self->db, sql, &error);
  count = stmt ? zc_server_db_prepare (self->db, count_sql, &error) : NULL;
  if (count == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, pattern);
  bind_text (stmt, 2, kind);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  bind_text (count, 1, pattern);
  bind_text (count, 2, kind);
  if (sqlite3_step (count) != SQLITE_ROW)
    return db_error_response (NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "applicants");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_column_string (builder, "key", stmt, 0);
      add_column_string (builder, "kind", stmt, 1);
      add_column_string (builder, "name", stmt, 2);
      json_builder_end_object (builder);
      n++;
    }
  if (rc != SQLITE_DONE)
    return db_error_response (NULL);
  json_builder_end_array (builder);
  add_int (builder, "total", sqlite3_column_int64 (count, 0));
  json_builder_end_object (builder);

  detail = g_strdup_printf ("{\"count\":%u}", n);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "applicant.list", 0, 0, NULL, NULL,
                               NULL, NULL, detail, &error))
    return db_error_response (error);
  return builder_response (200, builder);
}

static gboolean
add_licences_of (ZcServerApi  *self,
                 JsonBuilder  *builder,
                 const char   *holder,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT " LICENCE_COLUMNS " FROM licences WHERE holder = ?1 "
    "ORDER BY type, issued_on DESC, number", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, holder);
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    build_licence (builder, stmt);
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  return TRUE;
}

static gboolean
view_event (ZcServerApi  *self,
            Ctx          *ctx,
            const char   *action,
            gint64        case_id,
            const char   *subject,
            GError      **error)
{
  return zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                 ctx->user->window, action, case_id, 0, subject,
                                 NULL, NULL, NULL, NULL, error);
}

static ZcServerResponse *
handle_applicant_get (ZcServerApi *self,
                      Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) parties = NULL;
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  g_autofree char *key = check_key (ctx->params[0], 400, "invalid_key", NULL, &bad);
  int rc;

  if (key == NULL)
    return bad;

  stmt = zc_server_db_prepare (self->db,
    "SELECT key, kind, name, phone, address, serious_credit_breach "
    "FROM applicants WHERE key = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return error_response (404, "not_found", _("There is no applicant with this key."));
  if (rc != SQLITE_ROW)
    return db_error_response (NULL);

  json_builder_begin_object (builder);
  add_column_string (builder, "key", stmt, 0);
  add_column_string (builder, "kind", stmt, 1);
  add_column_string (builder, "name", stmt, 2);
  add_column_string (builder, "phone", stmt, 3);
  add_column_string (builder, "address", stmt, 4);
  add_bool (builder, "serious_credit_breach", sqlite3_column_int (stmt, 5) != 0);
  json_builder_set_member_name (builder, "licences");
  if (!add_licences_of (self, builder, key, &error))
    return db_error_response (error);

  parties = zc_server_db_prepare (self->db,
    "SELECT p.role, p.party_key, a.name FROM parties p "
    "JOIN applicants a ON a.key = p.party_key WHERE p.applicant = ?1 "
    "ORDER BY p.role, p.party_key", &error);
  if (parties == NULL)
    return db_error_response (error);
  bind_text (parties, 1, key);
  json_builder_set_member_name (builder, "parties");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (parties)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_column_string (builder, "role", parties, 0);
      add_column_string (builder, "key", parties, 1);
      add_column_string (builder, "name", parties, 2);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return db_error_response (NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (!view_event (self, ctx, "applicant.view", 0, key, &error))
    return db_error_response (error);
  return builder_response (200, builder);
}

static ZcServerResponse *
handle_licence_list (ZcServerApi *self,
                     Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  const char *holder = g_hash_table_lookup (ctx->query, "holder");
  g_autofree char *key = NULL;

  if (holder == NULL || *holder == '\0')
    return error_response (400, "invalid_request",
                           _("The parameter “holder” is missing."));
  key = check_key (holder, 400, "invalid_key", NULL, &bad);
  if (key == NULL)
    return bad;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "licences");
  if (!add_licences_of (self, builder, key, &error))
    return db_error_response (error);
  json_builder_end_object (builder);

  if (!view_event (self, ctx, "licence.view", 0, key, &error))
    return db_error_response (error);
  return builder_response (200, builder);
}

static ZcServerResponse *
handle_licence_get (ZcServerApi *self,
                    Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *holder_filter = NULL;
  int rc;

  if (g_hash_table_lookup (ctx->query, "holder") != NULL)
    {
      ZcServerResponse *bad = NULL;

      holder_filter = check_key (g_hash_table_lookup (ctx->query, "holder"), 400,
                                 "invalid_key", NULL, &bad);
      if (holder_filter == NULL)
        return bad;
    }

  stmt = zc_server_db_prepare (self->db,
    "SELECT " LICENCE_COLUMNS " FROM licences WHERE number = ?1 AND (?2 IS NULL OR holder = ?2) "
    "ORDER BY holder LIMIT 1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, ctx->params[0]);
  bind_text (stmt, 2, holder_filter);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return error_response (404, "not_found", _("There is no licence with this number."));
  if (rc != SQLITE_ROW)
    return db_error_response (NULL);
  build_licence (builder, stmt);
  holder = column_dup (stmt, 2);

  if (!view_event (self, ctx, "licence.view", 0, holder, &error))
    return db_error_response (error);
  return builder_response (200, builder);
}

static ZcServerResponse *
handle_licence_photo (ZcServerApi *self,
                      Ctx         *ctx)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *holder = NULL;
  GBytes *photo;
  g_autofree char *holder_filter = NULL;
  int rc;

  if (g_hash_table_lookup (ctx->query, "holder") != NULL)
    {
      ZcServerResponse *bad = NULL;

      holder_filter = check_key (g_hash_table_lookup (ctx->query, "holder"), 400,
                                 "invalid_key", NULL, &bad);
      if (holder_filter == NULL)
        return bad;
    }

  stmt = zc_server_db_prepare (self->db,
    "SELECT photo, holder FROM licences WHERE number = ?1 AND photo IS NOT NULL "
    "AND (?2 IS NULL OR holder = ?2) ORDER BY holder LIMIT 1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, ctx->params[0]);
  bind_text (stmt, 2, holder_filter);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return error_response (404, "not_found", _("This licence has no photo."));
  if (rc != SQLITE_ROW)
    return db_error_response (NULL);
  photo = g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  holder = column_dup (stmt, 1);

  if (!view_event (self, ctx, "licence.view", 0, holder, &error))
    {
      g_bytes_unref (photo);
      return db_error_response (error);
    }
  return response_new (200, "image/png", photo);
}

/* ------------------------------------------------------------------ */
/* Cases                                                               */

static gboolean
may_see_case (ZcServerApi *self,
              Ctx         *ctx,
              gint64       case_id,
              char       **applicant,
              char       **state,
              char       **returned_from,
              char       **number,
              gboolean    *exists)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT window, applicant, state, returned_from, number, "
    "EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = cases.id AND t.department = ?2) "
    "FROM cases WHERE id = ?1", NULL);

  *exists = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  bind_text (stmt, 2, ctx->user->department);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *exists = TRUE;
  if (applicant)
    *applicant = column_dup (stmt, 1);
  if (state)
    *state = column_dup (stmt, 2);
  if (returned_from)
    *returned_from = column_dup (stmt, 3);
  if (number)
    *number = column_dup (stmt, 4);

  switch (ctx->user->role)
    {
    case ZC_ROLE_SUPERVISOR:
      return TRUE;
    case ZC_ROLE_CLERK:
    case ZC_ROLE_HELPER:
      return g_strcmp0 (column_text (stmt, 0), ctx->user->window) == 0;
    case ZC_ROLE_DEPARTMENT:
      return sqlite3_column_int (stmt, 5) != 0;
    case ZC_ROLE_PLATFORM:
    case ZC_ROLE_INVALID:
    default:
      return FALSE;
    }
}

static ZcServerResponse *
case_access_error (gboolean exists)
{
  if (!exists)
    return error_response (404, "not_found", _("There is no such case."));
  return error_response (403, "forbidden", _("This case belongs to another window."));
}

static char *check_materials (JsonObject        *item,
                              JsonNode          *node,
                              ZcServerResponse **bad);

static ZcServerResponse *
handle_case_create (ZcServerApi *self,
                    Ctx         *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  const char *idem = get_idempotency_key (ctx, &bad);
  const char *item_code;
  const char *applicant_in;
  const char *override_reason;
  JsonNode *sources_node;
  g_autofree char *sources_text = NULL;
  g_autofree char *location = NULL;
  ZcServerResponse *response;
  g_autofree char *applicant = NULL;
  g_autoptr(JsonNode) item = NULL;
  JsonObject *item_object;
  JsonArray *item_matters;
  JsonNode *matters_node, *form_node, *parties_node;
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonBuilder) chosen = json_builder_new ();
  g_autoptr(JsonNode) chosen_node = NULL;
  g_autofree char *matters_text = NULL;
  g_autofree char *form_text = NULL;
  g_autofree char *parties_text = NULL;
  g_autofree char *materials_text = NULL;
  JsonNode *materials_node;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_chosen = 0;
  gint64 case_id;

  if (bad != NULL)
    return bad;

  /* a replay answers with the case made the first time */
  if (idem != NULL)
    {
      stmt = zc_server_db_prepare (self->db,
        "SELECT case_id FROM idempotency WHERE username = ?1 AND key = ?2", &error);
      if (stmt == NULL)
        return db_error_response (error);
      bind_text (stmt, 1, ctx->user->username);
      bind_text (stmt, 2, idem);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return case_response (self, 200, sqlite3_column_int64 (stmt, 0));
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  item_code = get_string_member (ctx, "item", TRUE, &bad);
  if (bad)
    return bad;
  applicant_in = get_string_member (ctx, "applicant", TRUE, &bad);
  if (bad)
    return bad;
  override_reason = get_bounded_string_member (ctx, "key_override_reason", FALSE, 500, &bad);
  if (bad)
    return bad;
  if (override_reason != NULL && *override_reason == '\0')
    override_reason = NULL;

  sources_node = json_object_get_member (ctx->object, "field_sources");
  if (sources_node != NULL && !JSON_NODE_HOLDS_NULL (sources_node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *origin;

      if (!JSON_NODE_HOLDS_OBJECT (sources_node))
        return error_response (422, "invalid_request",
                               _("The member “field_sources” must be an object of field origins."));
      json_object_iter_init (&iter, json_node_get_object (sources_node));
      while (json_object_iter_next (&iter, &name, &origin))
        {
          JsonNode *kind;

          if (!JSON_NODE_HOLDS_OBJECT (origin) ||
              (kind = json_object_get_member (json_node_get_object (origin), "kind")) == NULL ||
              !JSON_NODE_HOLDS_VALUE (kind) || json_node_get_value_type (kind) != G_TYPE_STRING)
            return error_response (422, "invalid_request",
                                   _("The member “field_sources” must be an object of field origins."));
        }
      sources_text = node_to_string (sources_node);
    }

  matters_node = json_object_get_member (ctx->object, "matters");
  if (matters_node != NULL && !JSON_NODE_HOLDS_NULL (matters_node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (matters_node))
        return error_response (422, "invalid_request",
                               _("The member “matters” must be an array of sub-matter codes."));
      array = json_node_get_array (matters_node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            return error_response (422, "invalid_request",
                                   _("The member “matters” must be an array of sub-matter codes."));
          g_hash_table_add (wanted, (gpointer) json_node_get_string (element));
        }
    }

  form_node = json_object_get_member (ctx->object, "form");
  if (form_node != NULL && !JSON_NODE_HOLDS_NULL (form_node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (form_node))
        return error_response (422, "invalid_request",
                               _("The member “form” must be an object."));
      form_text = node_to_string (form_node);
    }

  parties_node = json_object_get_member (ctx->object, "parties");
  if (parties_node != NULL && !JSON_NODE_HOLDS_NULL (parties_node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (parties_node))
        return error_response (422, "invalid_request",
                               _("The member “parties” must be an array of {\"role\",\"key\"} objects."));
      array = json_node_get_array (parties_node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *party;
          JsonNode *role, *key;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            return error_response (422, "invalid_request",
                                   _("The member “parties” must be an array of {\"role\",\"key\"} objects."));
          party = json_node_get_object (element);
          role = json_object_get_member (party, "role");
          key = json_object_get_member (party, "key");
          if (role == NULL || key == NULL ||
              !JSON_NODE_HOLDS_VALUE (role) || json_node_get_value_type (role) != G_TYPE_STRING ||
              !JSON_NODE_HOLDS_VALUE (key) || json_node_get_value_type (key) != G_TYPE_STRING)
            return error_response (422, "invalid_request",
                                   _("The member “parties” must be an array of {\"role\",\"key\"} objects."));
        }
      parties_text = node_to_string (parties_node);
    }

  item = load_item (self, item_code);
  if (item == NULL)
    return error_printf (422, "invalid_request",
                         _("The member “item” names no catalogue item."));
  item_object = json_node_get_object (item);

  /* the material states recorded at the counter (免提交, 已收取, 容缺, 承诺) */
  materials_node = json_object_get_member (ctx->object, "materials");
  if (materials_node != NULL && !JSON_NODE_HOLDS_NULL (materials_node))
    {
      materials_text = check_materials (item_object, materials_node, &bad);
      if (materials_text == NULL)
        return bad;
    }

  applicant = check_key (applicant_in, 422, "invalid_request", NULL, &bad);
  if (applicant == NULL && override_reason != NULL)
    {
      /* a pilot-era credit code that fails its check, accepted with a reason */
      g_autofree char *key = zc_id_normalize (applicant_in);
      g_autoptr(GError) local = NULL;

      if (strlen (key) == 18 && zc_uscc_check_char (key) != '\0' &&
          !zc_uscc_validate (key, &local) &&
          g_error_matches (local, ZC_ID_ERROR, ZC_ID_ERROR_CHECK_DIGIT))
        {
          g_clear_pointer (&bad, zc_server_response_free);
          applicant = g_steal_pointer (&key);
        }
    }
  else if (applicant != NULL)
    override_reason = NULL;   /* a valid key needs no override */
  if (applicant == NULL)
    return bad;
  stmt = zc_server_db_prepare (self->db, "SELECT 1 FROM applicants WHERE key = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, applicant);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return error_response (422, "invalid_request",
                           _("The member “applicant” names no known applicant."));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* chosen = every required sub-matter + the optional ones asked for */
  item_matters = json_object_has_member (item_object, "matters") &&
                 JSON_NODE_HOLDS_ARRAY (json_object_get_member (item_object, "matters"))
                   ? json_object_get_array_member (item_object, "matters") : NULL;
  json_builder_begin_array (chosen);
  for (guint i = 0; item_matters && i < json_array_get_length (item_matters); i++)
    {
      JsonNode *m = json_array_get_element (item_matters, i);
      JsonObject *matter;
      const char *code;
      gboolean optional;

      if (!JSON_NODE_HOLDS_OBJECT (m))
        continue;
      matter = json_node_get_object (m);
      code = json_object_get_string_member_with_default (matter, "code", NULL);
      if (code == NULL)
        continue;
      optional = json_object_get_boolean_member_with_default (matter, "optional", FALSE);
      if (!optional || g_hash_table_contains (wanted, code))
        {
          json_builder_add_string_value (chosen, code);
          n_chosen++;
        }
      g_hash_table_remove (wanted, code);
    }
  json_builder_end_array (chosen);
  if (g_hash_table_size (wanted) > 0)
    return error_response (422, "invalid_request",
                           _("The member “matters” names a sub-matter this item does not have."));
  if (n_chosen == 0)
    return error_response (422, "invalid_request",
                           _("The member “matters” must choose at least one sub-matter."));
  chosen_node = json_builder_get_root (chosen);
  matters_text = node_to_string (chosen_node);

  if (!zc_server_db_begin (self->db, &error))
    return db_error_response (error);
  stmt = zc_server_db_prepare (self->db,
    "INSERT INTO cases (item, applicant, state, window, clerk, matters, form, parties, "
    "created_at, updated_at, field_sources, key_override_reason, holder, held_since, materials) "
    "VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?4, ?8, ?11)", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, item_code);
  bind_text (stmt, 2, applicant);
  bind_text (stmt, 3, ctx->user->window ? ctx->user->window : "");
  bind_text (stmt, 4, ctx->user->username);
  bind_text (stmt, 5, matters_text);
  bind_text (stmt, 6, form_text);
  bind_text (stmt, 7, parties_text);
  bind_text (stmt, 8, now);
  bind_text (stmt, 9, sources_text);
  bind_text (stmt, 10, override_reason);
  bind_text (stmt, 11, materials_text);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error_response (NULL);
  case_id = sqlite3_last_insert_rowid (zc_server_db_get_handle (self->db));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (idem != NULL)
    {
      stmt = zc_server_db_prepare (self->db,
        "INSERT INTO idempotency (username, key, case_id, created_at) VALUES (?1, ?2, ?3, ?4)",
        &error);
      if (stmt == NULL)
        return db_error_response (error);
      bind_text (stmt, 1, ctx->user->username);
      bind_text (stmt, 2, idem);
      sqlite3_bind_int64 (stmt, 3, case_id);
      bind_text (stmt, 4, now);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return db_error_response (NULL);
    }

  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "case.create", case_id, 0, applicant,
                               NULL, "draft", NULL, NULL, &error))
    return db_error_response (error);
  if (override_reason != NULL &&
      !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "case.key_override", case_id, 0, applicant,
                               NULL, NULL, override_reason, NULL, &error))
    return db_error_response (error);
  if (!zc_server_db_commit (self->db, &error))
    return db_error_response (error);

  response = case_response (self, 201, case_id);
  location = g_strdup_printf (ZC_SERVER_API_PREFIX "/cases/%" G_GINT64_FORMAT, case_id);
  g_hash_table_replace (response->headers, g_strdup ("Location"), g_steal_pointer (&location));
  return response;
}

static ZcServerResponse *
handle_case_list (ZcServerApi *self,
                  Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ZcServerResponse *bad = NULL;
  const char *state = g_hash_table_lookup (ctx->query, "state");
  const char *q = g_hash_table_lookup (ctx->query, "q");
  const char *window = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count_sql = NULL;
  gint64 offset, limit;
  const char *from_where =
    "FROM cases c JOIN applicants a ON a.key = c.applicant "
    "JOIN catalogue_items ci ON ci.code = c.item "
    "WHERE (?1 IS NULL OR c.state = ?1) AND (?2 IS NULL OR c.window = ?2) "
    "AND (?3 IS NULL OR c.number LIKE ?3 ESCAPE '\\' OR a.name LIKE ?3 ESCAPE '\\' "
    "     OR c.applicant LIKE ?3 ESCAPE '\\' "
    "     OR (json_valid (ci.json) AND json_extract (ci.json, '$.name') LIKE ?3 ESCAPE '\\')) ";
  int rc;

  if (state != NULL && *state == '\0')
    state = NULL;
  if (q != NULL && g_utf8_strlen (q, -1) > 100)
    return error_response (422, "invalid_request",
                           _("The parameter “q” is longer than 100 characters."));
  if (state != NULL && zc_case_state_from_string (state) == ZC_CASE_STATE_INVALID)
    return error_printf (422, "invalid_request",
                         _("The parameter “state” names no case state."));
  if (!parse_uint_param (ctx, "offset", 0, 0, G_MAXINT32, &offset, &bad) ||
      !parse_uint_param (ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, &limit, &bad))
    return bad;
  if (q != NULL && *q != '\0')
    pattern = like_pattern (q);
  if (ctx->user->role != ZC_ROLE_SUPERVISOR)
    window = ctx->user->window ? ctx->user->window : "";

  sql = g_strconcat ("SELECT c.id ", from_where,
                     "ORDER BY c.created_at DESC, c.id DESC LIMIT ?4 OFFSET ?5", NULL);
  count_sql = g_strconcat ("SELECT count(*) ", from_where, NULL);
  stmt = zc_server_db_prepare (self->db, sql, &error);
  count = stmt ? zc_server_db_prepare (self->db, count_sql, &error) : NULL;
  if (count == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, state);
  bind_text (stmt, 2, window);
  bind_text (stmt, 3, pattern);
  sqlite3_bind_int64 (stmt, 4, limit);
  sqlite3_bind_int64 (stmt, 5, offset);
  bind_text (count, 1, state);
  bind_text (count, 2, window);
  bind_text (count, 3, pattern);
  if (sqlite3_step (count) != SQLITE_ROW)
    return db_error_response (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return db_error_response (NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    if (!build_case (self, builder, g_array_index (ids, gint64, i), &error) && error != NULL)
      return db_error_response (error);
  json_builder_end_array (builder);
  add_int (builder, "total", sqlite3_column_int64 (count, 0));
  json_builder_end_object (builder);
  return builder_response (200, builder);
}

static ZcServerResponse *
handle_case_get (ZcServerApi *self,
                 Ctx         *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *applicant = NULL;
  gboolean exists;
  gint64 id;
  ZcServerResponse *response;

  if (!parse_id (ctx->params[0], &id))
    return error_response (404, "not_found", _("There is no such case."));
  if (!may_see_case (self, ctx, id, &applicant, NULL, NULL, NULL, &exists))
    return case_access_error (exists);

  response = case_response (self, 200, id);
  if (response->status == 200 &&
      !view_event (self, ctx, "case.view", id, applicant, &error))
    {
      zc_server_response_free (response);
      return db_error_response (error);
    }
  return response;
}

/* Idempotency-Key of transitions: the first answer, replayed. */
static ZcServerResponse *
lookup_reply (ZcServerApi *self,
              Ctx         *ctx,
              const char  *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *body;

  if (key == NULL)
    return NULL;
  stmt = zc_server_db_prepare (self->db,
    "SELECT status, body FROM idempotent_replies WHERE username = ?1 AND key = ?2", NULL);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, ctx->user->username);
  bind_text (stmt, 2, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  body = column_text (stmt, 1);
  return response_new ((guint) sqlite3_column_int (stmt, 0), JSON_TYPE,
                       g_bytes_new (body, strlen (body)));
}

/* Stores the answer (inside the caller's transaction), commits and
 * returns it. */
static ZcServerResponse *
commit_reply (ZcServerApi *self,
              Ctx         *ctx,
              const char  *key,
              guint        status,
              JsonBuilder *builder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_builder_get_root (builder);
  g_autofree char *text = node_to_string (node);
  g_autofree char *now = zc_server_db_now_iso (self->db);

  if (key != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
        "INSERT INTO idempotent_replies (username, key, status, body, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)", &error);

      if (stmt == NULL)
        return db_error_response (error);
      bind_text (stmt, 1, ctx->user->username);
      bind_text (stmt, 2, key);
      sqlite3_bind_int (stmt, 3, (int) status);
      bind_text (stmt, 4, text);
      bind_text (stmt, 5, now);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return db_error_response (NULL);
    }
  if (!zc_server_db_commit (self->db, &error))
    return db_error_response (error);
  return json_response (status, node);
}

static gboolean
next_case_number (ZcServerApi  *self,
                  const char   *day,
                  char        **number,
                  GError      **error)
{
  g_autofree char *prefix = g_strdup_printf ("ZC-%s-", day);
  g_autofree char *like = g_strdup_printf ("ZC-%s-%%", day);
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT max (number) FROM cases WHERE number LIKE ?1", error);
  guint64 seq = 0;
  const char *max;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, like);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  max = column_text (stmt, 0);
  if (max != NULL && g_str_has_prefix (max, prefix))
    g_ascii_string_to_unsigned (max + strlen (prefix), 10, 0, 999999, &seq, NULL);
  *number = g_strdup_printf ("ZC-%s-%06" G_GUINT64_FORMAT, day, seq + 1);
  return TRUE;
}

/* On reception: the number and one task per chosen sub-matter. Returns
 * a response on failure (calendar or data), NULL on success. */
static ZcServerResponse *
receive_case (ZcServerApi *self,
              Ctx         *ctx,
              gint64       case_id,
              GDateTime   *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GTimeZone) tz = china_time_zone ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
  g_autofree char *day = g_date_time_format (local, "%Y%m%d");
  g_autofree char *number = NULL;
  g_autofree char *now_iso = zc_server_db_format_time (now);
  g_autofree char *item_code = NULL;
  g_autofree char *matters_text = NULL;
  g_autoptr(JsonNode) item = NULL;
  g_autoptr(JsonNode) chosen = NULL;
  JsonArray *item_matters = NULL;
  JsonObject *item_object;
  ZcCalendar *calendar;
  GDate reception;

  g_date_clear (&reception, 1);
  g_date_set_dmy (&reception, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));

  stmt = zc_server_db_prepare (self->db, "SELECT item, matters, number FROM cases WHERE id = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return db_error_response (NULL);
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    return NULL; /* received before (returned and back): keep number and tasks */
  item_code = column_dup (stmt, 0);
  matters_text = column_dup (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  item = load_item (self, item_code);
  chosen = parse_stored (matters_text);
  if (item == NULL || chosen == NULL || !JSON_NODE_HOLDS_ARRAY (chosen))
    return error_response (409, "transition_not_allowed",
                           _("The case's catalogue item or sub-matters are missing."));
  item_object = json_node_get_object (item);
  if (json_object_has_member (item_object, "matters") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (item_object, "matters")))
    item_matters = json_object_get_array_member (item_object, "matters");

  calendar = get_calendar (self, &error);
  if (calendar == NULL)
    return error_printf (409, "transition_not_allowed",
                         _("Due dates cannot be computed: %s"), error->message);

  if (!next_case_number (self, day, &number, &error))
    return db_error_response (error);

  stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET number = ?2, received_at = ?3 WHERE id = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  sqlite3_bind_int64 (stmt, 1, case_id);
  bind_text (stmt, 2, number);
  bind_text (stmt, 3, now_iso);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error_response (NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = zc_server_db_prepare (self->db,
    "INSERT INTO tasks (case_id, matter, matter_name, department, state, due_date, "
    "due_provisional, awaiting_supplement, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6, 0, ?7)", &error);
  if (stmt == NULL)
    return db_error_response (error);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (chosen)); i++)
    {
      JsonNode *code_node = json_array_get_element (json_node_get_array (chosen), i);
      const char *code;
      JsonObject *matter = NULL;
      gint64 days;
      GDate due;
      gboolean provisional = FALSE;
      g_autofree char *due_text = NULL;

      if (!JSON_NODE_HOLDS_VALUE (code_node) || json_node_get_value_type (code_node) != G_TYPE_STRING)
        continue;
      code = json_node_get_string (code_node);
      for (guint j = 0; item_matters && j < json_array_get_length (item_matters); j++)
        {
          JsonNode *m = json_array_get_element (item_matters, j);

          if (JSON_NODE_HOLDS_OBJECT (m) &&
              g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (m), "code", NULL), code) == 0)
            matter = json_node_get_object (m);
        }
      if (matter == NULL)
        return error_response (409, "transition_not_allowed",
                               _("A chosen sub-matter is no longer in the catalogue item."));

      days = json_object_get_int_member_with_default (matter, "time_limit_days", 0);
      if (days < 0 || days > 3650)
        days = 0;
      g_date_clear (&due, 1);
      if (!zc_calendar_add_working_days (calendar, &reception, (guint) days, &due,
                                         &provisional, &error))
        return error_printf (409, "transition_not_allowed",
                             _("Due dates cannot be computed: %s"), error->message);
      due_text = zc_date_to_iso (&due);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, case_id);
      bind_text (stmt, 2, code);
      bind_text (stmt, 3, json_object_get_string_member_with_default (matter, "name", code));
      bind_text (stmt, 4, json_object_get_string_member_with_default (matter, "department", ""));
      bind_text (stmt, 5, due_text);
      sqlite3_bind_int (stmt, 6, provisional ? 1 : 0);
      bind_text (stmt, 7, now_iso);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return db_error_response (NULL);
    }

  return NULL;
}

static ZcServerResponse *check_not_held_by_other (ZcServerApi *self,
                                                  Ctx         *ctx,
                                                  gint64       case_id);

static ZcServerResponse *
handle_case_transition (ZcServerApi *self,
                        Ctx         *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  g_autofree char *now_iso = zc_server_db_format_time (now);
  g_autoptr(GDateTime) reception = g_date_time_ref (now);
  g_autofree char *applicant = NULL;
  g_autofree char *state = NULL;
  g_autofree char *returned_from = NULL;
  g_autofree char *number = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *idem;
  const char *to_text;
  const char *reason;
  const char *received_text;
  ZcServerResponse *replay;
  ZcCaseState from, to, back;
  gboolean exists;
  gint64 id;

  if (!parse_id (ctx->params[0], &id))
    return error_response (404, "not_found", _("There is no such case."));
  idem = get_idempotency_key (ctx, &bad);
  if (bad)
    return bad;
  if ((replay = lookup_reply (self, ctx, idem)) != NULL)
    return replay;
  to_text = get_string_member (ctx, "to", TRUE, &bad);
  if (bad)
    return bad;
  reason = get_bounded_string_member (ctx, "reason", FALSE, MAX_REASON, &bad);
  if (bad)
    return bad;
  received_text = get_string_member (ctx, "received_at", FALSE, &bad);
  if (bad)
    return bad;
  if (received_text != NULL)
    {
      /* a reception made at the counter while the platform was away */
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (received_text, NULL);
      g_autoptr(GDateTime) latest = g_date_time_add_minutes (now, 5);
      g_autoptr(GDateTime) earliest = g_date_time_add_days (now, -RECEIVED_AT_MAX_DAYS);

      if (at == NULL || g_date_time_compare (at, latest) > 0 ||
          g_date_time_compare (at, earliest) < 0)
        return error_printf (422, "invalid_request",
                             _("The member “received_at” must be an RFC 3339 time within the last %d days and not in the future."),
                             RECEIVED_AT_MAX_DAYS);
      g_date_time_unref (reception);
      reception = g_date_time_to_utc (at);
    }
  to = zc_case_state_from_string (to_text);
  if (to == ZC_CASE_STATE_INVALID)
    return error_response (422, "invalid_request",
                           _("The member “to” names no case state."));

  if (!zc_server_db_begin (self->db, &error))
    return db_error_response (error);
  if (!may_see_case (self, ctx, id, &applicant, &state, &returned_from, &number, &exists))
    return case_access_error (exists);

  from = zc_case_state_from_string (state);
  back = returned_from ? zc_case_state_from_string (returned_from) : ZC_CASE_STATE_INVALID;
  if (!zc_case_transition_check (from, to, ctx->user->role, reason, back, &error))
    return error_response (409, "transition_not_allowed", error->message);
  if (ctx->user->role != ZC_ROLE_SUPERVISOR)
    {
      ZcServerResponse *held = check_not_held_by_other (self, ctx, id);

      if (held != NULL)
        return held;
    }

  if (to == ZC_CASE_STATE_RECEIVED)
    {
      ZcServerResponse *failed = receive_case (self, ctx, id, reception);

      if (failed != NULL)
        return failed;
    }

  stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET state = ?2, reason = ?3, updated_at = ?4, "
    "returned_from = CASE WHEN ?2 = 'returned' THEN ?5 ELSE NULL END WHERE id = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, zc_case_state_to_string (to));
  bind_text (stmt, 3, reason && *reason ? reason : NULL);
  bind_text (stmt, 4, now_iso);
  bind_text (stmt, 5, state);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error_response (NULL);

  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "case.transition", id, 0, applicant,
                               state, zc_case_state_to_string (to),
                               reason && *reason ? reason : NULL, NULL, &error))
    return db_error_response (error);

  if (!build_case (self, builder, id, &error))
    return error ? db_error_response (error) : not_found ();
  return commit_reply (self, ctx, idem, 200, builder);
}

static ZcServerResponse *
handle_case_events (ZcServerApi *self,
                    Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exists;
  gint64 id;
  int rc;

  if (!parse_id (ctx->params[0], &id))
    return error_response (404, "not_found", _("There is no such case."));
  if (!may_see_case (self, ctx, id, NULL, NULL, NULL, NULL, &exists))
    return case_access_error (exists);

  stmt = zc_server_db_prepare (self->db,
    "SELECT id, at, actor, role, window, action, case_id, task_id, from_state, to_state, reason "
    "FROM events WHERE case_id = ?1 ORDER BY id", &error);
  if (stmt == NULL)
    return db_error_response (error);
  sqlite3_bind_int64 (stmt, 1, id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
      add_column_string (builder, "at", stmt, 1);
      add_column_string (builder, "actor", stmt, 2);
      add_column_string (builder, "role", stmt, 3);
      add_column_string (builder, "window", stmt, 4);
      add_column_string (builder, "action", stmt, 5);
      add_column_int (builder, "case_id", stmt, 6);
      add_column_int (builder, "task_id", stmt, 7);
      add_column_string (builder, "from", stmt, 8);
      add_column_string (builder, "to", stmt, 9);
      add_column_string (builder, "reason", stmt, 10);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return db_error_response (NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return builder_response (200, builder);
}

/* ------------------------------------------------------------------ */
/* Tasks                                                               */

static ZcServerResponse *
handle_task_list (ZcServerApi *self,
                  Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  const char *department = g_hash_table_lookup (ctx->query, "department");
  const char *state = g_hash_table_lookup (ctx->query, "state");
  const char *where = "WHERE (?1 IS NULL OR t.department = ?1) AND (?2 IS NULL OR t.state = ?2) ";
  g_autofree char *sql = NULL;
  g_autofree char *count_sql = NULL;
  gint64 offset, limit;
  int rc;

  if (department != NULL && *department == '\0')
    department = NULL;
  if (state != NULL && *state == '\0')
    state = NULL;
  if (state != NULL && zc_task_state_from_string (state) == ZC_TASK_STATE_INVALID)
    return error_response (422, "invalid_request",
                           _("The parameter “state” names no task state."));
  if (ctx->user->role == ZC_ROLE_DEPARTMENT)
    department = ctx->user->department ? ctx->user->department : "";
  if (!parse_uint_param (ctx, "offset", 0, 0, G_MAXINT32, &offset, &bad) ||
      !parse_uint_param (ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, &limit, &bad))
    return bad;

  sql = g_strconcat (TASK_SELECT, where,
                     "ORDER BY t.due_date IS NULL, t.due_date, t.id LIMIT ?3 OFFSET ?4", NULL);
  count_sql = g_strconcat ("SELECT count(*) FROM tasks t ", where, NULL);
  stmt = zc_server_db_prepare (self->db, sql, &error);
  count = stmt ? zc_server_db_prepare (self->db, count_sql, &error) : NULL;
  if (count == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, department);
  bind_text (stmt, 2, state);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  bind_text (count, 1, department);
  bind_text (count, 2, state);
  if (sqlite3_step (count) != SQLITE_ROW)
    return db_error_response (NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    build_task (builder, stmt);
  if (rc != SQLITE_DONE)
    return db_error_response (NULL);
  json_builder_end_array (builder);
  add_int (builder, "total", sqlite3_column_int64 (count, 0));
  json_builder_end_object (builder);
  return builder_response (200, builder);
}

static ZcServerResponse *
handle_task_transition (ZcServerApi *self,
                        Ctx         *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *state = NULL;
  g_autofree char *department = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *case_state = NULL;
  const char *idem;
  const char *to_text;
  const char *reason;
  ZcServerResponse *replay;
  ZcTaskState from, to;
  gboolean awaiting;
  gint64 id, case_id;
  int rc;

  if (!parse_id (ctx->params[0], &id))
    return error_response (404, "not_found", _("There is no such task."));
  idem = get_idempotency_key (ctx, &bad);
  if (bad)
    return bad;
  if ((replay = lookup_reply (self, ctx, idem)) != NULL)
    return replay;
  to_text = get_string_member (ctx, "to", TRUE, &bad);
  if (bad)
    return bad;
  reason = get_bounded_string_member (ctx, "reason", FALSE, MAX_REASON, &bad);
  if (bad)
    return bad;
  to = zc_task_state_from_string (to_text);
  if (to == ZC_TASK_STATE_INVALID)
    return error_response (422, "invalid_request",
                           _("The member “to” names no task state."));

  if (!zc_server_db_begin (self->db, &error))
    return db_error_response (error);
  stmt = zc_server_db_prepare (self->db,
    "SELECT t.state, t.department, t.awaiting_supplement, t.case_id, c.applicant, c.state "
    "FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.id = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return error_response (404, "not_found", _("There is no such task."));
  if (rc != SQLITE_ROW)
    return db_error_response (NULL);
  state = column_dup (stmt, 0);
  department = column_dup (stmt, 1);
  awaiting = sqlite3_column_int (stmt, 2) != 0;
  case_id = sqlite3_column_int64 (stmt, 3);
  applicant = column_dup (stmt, 4);
  case_state = column_dup (stmt, 5);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (g_strcmp0 (department, ctx->user->department) != 0)
    return error_response (403, "forbidden", _("This task belongs to another department."));

  from = zc_task_state_from_string (state);
  if (!zc_task_transition_check (from, to, ctx->user->role, reason, awaiting, &error))
    return error_response (409, "transition_not_allowed", error->message);

  stmt = zc_server_db_prepare (self->db,
    "UPDATE tasks SET state = ?2, reason = ?3, updated_at = ?4 WHERE id = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, zc_task_state_to_string (to));
  bind_text (stmt, 3, reason && *reason ? reason : NULL);
  bind_text (stmt, 4, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error_response (NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "task.transition", case_id, id, applicant,
                               state, zc_task_state_to_string (to),
                               reason && *reason ? reason : NULL, NULL, &error))
    return db_error_response (error);

  /* every task final: the case is completed, by the platform */
  if (zc_task_state_is_final (to) && g_strcmp0 (case_state, "received") == 0)
    {
      gboolean all_final = TRUE;

      stmt = zc_server_db_prepare (self->db, "SELECT state FROM tasks WHERE case_id = ?1", &error);
      if (stmt == NULL)
        return db_error_response (error);
      sqlite3_bind_int64 (stmt, 1, case_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (!zc_task_state_is_final (zc_task_state_from_string (column_text (stmt, 0))))
          all_final = FALSE;
      if (rc != SQLITE_DONE)
        return db_error_response (NULL);
      g_clear_pointer (&stmt, sqlite3_finalize);

      if (all_final)
        {
          stmt = zc_server_db_prepare (self->db,
            "UPDATE cases SET state = 'completed', updated_at = ?2 WHERE id = ?1", &error);
          if (stmt == NULL)
            return db_error_response (error);
          sqlite3_bind_int64 (stmt, 1, case_id);
          bind_text (stmt, 2, now);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            return db_error_response (NULL);
          if (!zc_server_db_add_event (self->db, "platform", "platform", NULL,
                                       "case.transition", case_id, 0, applicant,
                                       "received", "completed",
                                       NULL, "{\"automatic\":true}", &error))
            return db_error_response (error);
        }
    }

  if (!build_task_by_id (self, builder, id, &error))
    return db_error_response (error);
  return commit_reply (self, ctx, idem, 200, builder);
}

/* ------------------------------------------------------------------ */
/* Claiming, updates, progress, notifications                          */

typedef struct
{
  char *holder;
  char *display;
  char *window;
} Holder;

static void
holder_clear (Holder *h)
{
  g_clear_pointer (&h->holder, g_free);
  g_clear_pointer (&h->display, g_free);
  g_clear_pointer (&h->window, g_free);
}

static gboolean
load_holder (ZcServerApi *self,
             gint64       case_id,
             Holder      *h)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT c.holder, u.display_name, u.window FROM cases c "
    "LEFT JOIN users u ON u.username = c.holder WHERE c.id = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  h->holder = column_dup (stmt, 0);
  h->display = column_dup (stmt, 1);
  h->window = column_dup (stmt, 2);
  return TRUE;
}

/* 409 held_by_other naming the holder (display name and window) */
static ZcServerResponse *
held_by_other_response (const Holder *h)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *display = h->display ? h->display : h->holder;
  g_autofree char *message = NULL;

  if (h->window != NULL && *h->window != '\0')
    message = g_strdup_printf (_("This case is being edited by %s (%s)."), display, h->window);
  else
    message = g_strdup_printf (_("This case is being edited by %s."), display);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "code", "held_by_other");
  add_string_or_null (builder, "message", message);
  add_string_or_null (builder, "holder", h->holder);
  add_string_or_null (builder, "holder_display", display);
  add_string_or_null (builder, "holder_window", h->window);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return builder_response (409, builder);
}

static ZcServerResponse *
check_not_held_by_other (ZcServerApi *self,
                         Ctx         *ctx,
                         gint64       case_id)
{
  Holder h = { 0 };
  ZcServerResponse *response = NULL;

  if (load_holder (self, case_id, &h) && h.holder != NULL &&
      g_strcmp0 (h.holder, ctx->user->username) != 0)
    response = held_by_other_response (&h);
  holder_clear (&h);
  return response;
}

static ZcServerResponse *
member_error (const char *member,
              const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "code", "invalid_request");
  add_string_or_null (builder, "message", message);
  if (member != NULL)
    add_string_or_null (builder, "member", member);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return builder_response (422, builder);
}

static const char *const material_states[] = {
  "pending", "received", "deferred", "committed", "exempt", NULL
};

static gboolean
item_has_material (JsonObject *item,
                   const char *code)
{
  JsonNode *list = json_object_get_member (item, "materials");

  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *m = json_array_get_element (json_node_get_array (list), i);

      if (JSON_NODE_HOLDS_OBJECT (m) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (m), "code", NULL),
                     code) == 0)
        return TRUE;
    }
  return FALSE;
}

/* {"CODE": "state"} or {"CODE": {"state", "licence"?, "note"?}}; stored
 * as objects. NULL and *bad set when malformed. */
static char *
check_materials (JsonObject        *item,
                 JsonNode          *node,
                 ZcServerResponse **bad)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *code;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *bad = member_error ("materials", _("The member “materials” must be an object of material states."));
      return NULL;
    }
  json_builder_begin_object (builder);
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &code, &value))
    {
      const char *state = NULL;
      JsonObject *object = NULL;

      if (!item_has_material (item, code))
        {
          *bad = member_error ("materials", _("The member “materials” names a material this item does not have."));
          return NULL;
        }
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        state = json_node_get_string (value);
      else if (JSON_NODE_HOLDS_OBJECT (value))
        {
          JsonNode *s;

          object = json_node_get_object (value);
          s = json_object_get_member (object, "state");
          if (s != NULL && JSON_NODE_HOLDS_VALUE (s) && json_node_get_value_type (s) == G_TYPE_STRING)
            state = json_node_get_string (s);
        }
      if (state == NULL || !g_strv_contains (material_states, state))
        {
          *bad = member_error ("materials",
                               _("The member “materials” must give each material a state: pending, received, deferred, committed or exempt."));
          return NULL;
        }
      json_builder_set_member_name (builder, code);
      json_builder_begin_object (builder);
      add_string_or_null (builder, "state", state);
      if (object != NULL)
        {
          JsonNode *licence = json_object_get_member (object, "licence");
          JsonNode *note = json_object_get_member (object, "note");

          if (licence != NULL && !JSON_NODE_HOLDS_NULL (licence))
            {
              JsonObject *l = JSON_NODE_HOLDS_OBJECT (licence) ? json_node_get_object (licence) : NULL;

              if (l == NULL || json_object_get_string_member_with_default (l, "type", NULL) == NULL ||
                  json_object_get_string_member_with_default (l, "number", NULL) == NULL)
                {
                  *bad = member_error ("materials", _("A material's “licence” must be {\"type\",\"number\"}."));
                  return NULL;
                }
              json_builder_set_member_name (builder, "licence");
              json_builder_add_value (builder, json_node_copy (licence));
            }
          if (note != NULL && !JSON_NODE_HOLDS_NULL (note))
            {
              if (!JSON_NODE_HOLDS_VALUE (note) || json_node_get_value_type (note) != G_TYPE_STRING ||
                  g_utf8_strlen (json_node_get_string (note), -1) > 500)
                {
                  *bad = member_error ("materials", _("A material's “note” must be a string of at most 500 characters."));
                  return NULL;
                }
              add_string_or_null (builder, "note", json_node_get_string (note));
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return node_to_string (root);
}

/* The chosen sub-matters: every required one + the optional ones named. */
static char *
check_matters (JsonObject        *item,
               JsonNode          *node,
               ZcServerResponse **bad)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonBuilder) chosen = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonNode *list = json_object_get_member (item, "matters");
  JsonArray *array;
  guint n = 0;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      *bad = member_error ("matters", _("The member “matters” must be an array of sub-matter codes."));
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        {
          *bad = member_error ("matters", _("The member “matters” must be an array of sub-matter codes."));
          return NULL;
        }
      g_hash_table_add (wanted, (gpointer) json_node_get_string (e));
    }
  json_builder_begin_array (chosen);
  for (guint i = 0; list && JSON_NODE_HOLDS_ARRAY (list) &&
                    i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *m = json_array_get_element (json_node_get_array (list), i);
      const char *code;

      if (!JSON_NODE_HOLDS_OBJECT (m))
        continue;
      code = json_object_get_string_member_with_default (json_node_get_object (m), "code", NULL);
      if (code == NULL)
        continue;
      if (!json_object_get_boolean_member_with_default (json_node_get_object (m), "optional", FALSE) ||
          g_hash_table_contains (wanted, code))
        {
          json_builder_add_string_value (chosen, code);
          n++;
        }
      g_hash_table_remove (wanted, code);
    }
  json_builder_end_array (chosen);
  if (g_hash_table_size (wanted) > 0)
    {
      *bad = member_error ("matters", _("The member “matters” names a sub-matter this item does not have."));
      return NULL;
    }
  if (n == 0)
    {
      *bad = member_error ("matters", _("The member “matters” must choose at least one sub-matter."));
      return NULL;
    }
  root = json_builder_get_root (chosen);
  return node_to_string (root);
}

static gboolean
check_parties (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      JsonNode *role, *key;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return FALSE;
      role = json_object_get_member (json_node_get_object (e), "role");
      key = json_object_get_member (json_node_get_object (e), "key");
      if (role == NULL || key == NULL ||
          !JSON_NODE_HOLDS_VALUE (role) || json_node_get_value_type (role) != G_TYPE_STRING ||
          !JSON_NODE_HOLDS_VALUE (key) || json_node_get_value_type (key) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_sources (JsonNode *node)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *origin;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &origin))
    {
      JsonNode *kind;

      if (!JSON_NODE_HOLDS_OBJECT (origin) ||
          (kind = json_object_get_member (json_node_get_object (origin), "kind")) == NULL ||
          !JSON_NODE_HOLDS_VALUE (kind) || json_node_get_value_type (kind) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

static ZcServerResponse *
handle_case_update (ZcServerApi *self,
                    Ctx         *ctx)
{
  static const char *const columns[] = { "form", "field_sources", "parties", "matters", "materials" };
  ZcServerResponse *bad = NULL;
  ZcServerResponse *replay;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonNode) detail_root = NULL;
  g_autoptr(JsonNode) item = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *state = NULL;
  g_autofree char *item_code = NULL;
  g_autofree char *updated_at = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  char *values[G_N_ELEMENTS (columns)] = { NULL };
  const char *idem;
  const char *seen;
  gboolean exists;
  gboolean failed = FALSE;
  guint n_changed = 0;
  gint64 id;

  if (!parse_id (ctx->params[0], &id))
    return error_response (404, "not_found", _("There is no such case."));
  idem = get_idempotency_key (ctx, &bad);
  if (bad)
    return bad;
  if ((replay = lookup_reply (self, ctx, idem)) != NULL)
    return replay;
  seen = get_string_member (ctx, "updated_at", FALSE, &bad);
  if (bad)
    return bad;

  if (!zc_server_db_begin (self->db, &error))
    return db_error_response (error);
  if (!may_see_case (self, ctx, id, &applicant, &state, NULL, NULL, &exists))
    return case_access_error (exists);
  if (g_strcmp0 (state, "draft") != 0 && g_strcmp0 (state, "returned") != 0)
    return error_response (409, "conflict",
                           _("Only a draft or a returned case can be changed."));
  {
    Holder h = { 0 };
    ZcServerResponse *held = NULL;

    if (!load_holder (self, id, &h))
      return db_error_response (NULL);
    if (h.holder == NULL)
      held = error_response (409, "not_held",
                             _("Nobody holds this case: claim it before changing it."));
    else if (g_strcmp0 (h.holder, ctx->user->username) != 0)
      held = held_by_other_response (&h);
    holder_clear (&h);
    if (held != NULL)
      return held;
  }

  stmt = zc_server_db_prepare (self->db, "SELECT item, updated_at FROM cases WHERE id = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return db_error_response (NULL);
  item_code = column_dup (stmt, 0);
  updated_at = column_dup (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (seen != NULL && g_strcmp0 (seen, updated_at) != 0)
    return error_response (409, "conflict",
                           _("The case was changed since it was read: reload it."));
  item = load_item (self, item_code);
  if (item == NULL)
    return error_response (409, "conflict", _("The case's catalogue item is missing."));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      JsonNode *node = json_object_get_member (ctx->object, columns[i]);
      g_autofree char *message = NULL;

      if (node == NULL)
        continue;
      switch (i)
        {
        case 0: /* form */
          if (!JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_OBJECT (node))
            bad = member_error ("form", _("The member “form” must be an object."));
          else if (!JSON_NODE_HOLDS_NULL (node))
            values[i] = node_to_string (node);
          break;
        case 1: /* field_sources */
          if (!JSON_NODE_HOLDS_NULL (node) && !check_sources (node))
            bad = member_error ("field_sources",
                                _("The member “field_sources” must be an object of field origins."));
          else if (!JSON_NODE_HOLDS_NULL (node))
            values[i] = node_to_string (node);
          break;
        case 2: /* parties */
          if (!JSON_NODE_HOLDS_NULL (node) && !check_parties (node))
            bad = member_error ("parties",
                                _("The member “parties” must be an array of {\"role\",\"key\"} objects."));
          else if (!JSON_NODE_HOLDS_NULL (node))
            values[i] = node_to_string (node);
          break;
        case 3: /* matters */
          values[i] = check_matters (json_node_get_object (item), node, &bad);
          break;
        case 4: /* materials */
          if (!JSON_NODE_HOLDS_NULL (node))
            values[i] = check_materials (json_node_get_object (item), node, &bad);
          break;
        default:
          g_assert_not_reached ();
        }
      if (bad != NULL)
        {
          for (guint j = 0; j < G_N_ELEMENTS (columns); j++)
            g_free (values[j]);
          return bad;
        }
      n_changed++;
    }
  if (n_changed == 0)
    return member_error (NULL, _("Give at least one of “form”, “field_sources”, “parties”, “matters”, “materials”."));

  /* the event names the keys changed, never their values */
  json_builder_begin_object (detail);
  json_builder_set_member_name (detail, "changed");
  json_builder_begin_array (detail);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *sql = NULL;

      if (json_object_get_member (ctx->object, columns[i]) == NULL)
        continue;
      json_builder_add_string_value (detail, columns[i]);
      sql = g_strdup_printf ("UPDATE cases SET %s = ?2 WHERE id = ?1", columns[i]);
      stmt = failed ? NULL : zc_server_db_prepare (self->db, sql, &error);
      if (stmt == NULL)
        {
          failed = TRUE;
          continue;
        }
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, values[i]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        failed = TRUE;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  json_builder_end_array (detail);
  if (json_object_get_member (ctx->object, "form") != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (ctx->object, "form")))
    {
      /* the form's keys (field names), not its values */
      g_autoptr(GList) keys = json_object_get_members (json_object_get_object_member (ctx->object, "form"));

      json_builder_set_member_name (detail, "form_keys");
      json_builder_begin_array (detail);
      for (GList *l = keys; l != NULL; l = l->next)
        json_builder_add_string_value (detail, l->data);
      json_builder_end_array (detail);
    }
  json_builder_end_object (detail);
  for (guint j = 0; j < G_N_ELEMENTS (columns); j++)
    g_free (values[j]);
  if (failed)
    return db_error_response (error);

  stmt = zc_server_db_prepare (self->db, "UPDATE cases SET updated_at = ?2 WHERE id = ?1", &error);
  if (stmt == NULL)
    return db_error_response (error);
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return db_error_response (NULL);
  detail_root = json_builder_get_root (detail);
  detail_text = node_to_string (detail_root);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "case.update", id, 0, applicant,
                               NULL, NULL, NULL, detail_text, &error))
    return db_error_response (error);

  if (!build_case (self, builder, id, &error))
    return error ? db_error_response (error) : not_found ();
  return commit_reply (self, ctx, idem, 200, builder);
}

static gboolean
set_holder (ZcServerApi  *self,
            gint64        case_id,
            const char   *username,
            const char   *now,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "UPDATE cases SET holder = ?2, held_since = ?3 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  bind_text (stmt, 2, username);
  bind_text (stmt, 3, username ? now : NULL);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  return TRUE;
}

static ZcServerResponse *
handle_case_claim (ZcServerApi *self,
                   Ctx         *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *applicant = NULL;
  g_autofree char *number = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  const char *reason;
  gboolean takeover = FALSE;
  gboolean exists;
  Holder h = { 0 };
  gint64 id;

  if (!parse_id (ctx->params[0], &id))
    return error_response (404, "not_found", _("There is no such case."));
  if (ctx->object != NULL && json_object_get_member (ctx->object, "takeover") != NULL)
    {
      JsonNode *t = json_object_get_member (ctx->object, "takeover");

      if (!JSON_NODE_HOLDS_VALUE (t) || json_node_get_value_type (t) != G_TYPE_BOOLEAN)
        return member_error ("takeover", _("The member “takeover” must be true or false."));
      takeover = json_node_get_boolean (t);
    }
  reason = get_bounded_string_member (ctx, "reason", FALSE, 500, &bad);
  if (bad)
    return bad;
  if (takeover && ctx->user->role != ZC_ROLE_SUPERVISOR)
    return error_response (403, "forbidden", _("Only a supervisor can take a case over."));

  if (!zc_server_db_begin (self->db, &error))
    return db_error_response (error);
  if (!may_see_case (self, ctx, id, &applicant, NULL, NULL, &number, &exists))
    return case_access_error (exists);
  if (!load_holder (self, id, &h))
    return db_error_response (NULL);

  if (h.holder == NULL || g_strcmp0 (h.holder, ctx->user->username) == 0)
    {
      if (h.holder == NULL &&
          (!set_holder (self, id, ctx->user->username, now, &error) ||
           !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                    ctx->user->window, "case.claim", id, 0, NULL,
                                    NULL, NULL, NULL, NULL, &error)))
        {
          holder_clear (&h);
          return db_error_response (error);
        }
    }
  else if (!takeover)
    {
      ZcServerResponse *held = held_by_other_response (&h);

      holder_clear (&h);
      return held;
    }
  else
    {
      g_autofree char *detail = NULL;
      g_autofree char *message = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(JsonBuilder) d = json_builder_new ();
      g_autoptr(JsonNode) droot = NULL;

      if (reason == NULL || *reason == '\0')
        {
          holder_clear (&h);
          return member_error ("reason", _("A takeover needs a reason (e.g. shift change)."));
        }
      json_builder_begin_object (d);
      add_string_or_null (d, "previous_holder", h.holder);
      json_builder_end_object (d);
      droot = json_builder_get_root (d);
      detail = node_to_string (droot);
      if (number != NULL)
        message = g_strdup_printf (_("%s took over case %s from you: %s"),
                                   ctx->user->display_name, number, reason);
      else
        {
          g_autofree char *draft = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          message = g_strdup_printf (_("%s took over draft case %s from you: %s"),
                                     ctx->user->display_name, draft, reason);
        }
      stmt = zc_server_db_prepare (self->db,
        "INSERT INTO notifications (username, at, kind, case_id, by_user, message) "
        "VALUES (?1, ?2, 'case.takeover', ?3, ?4, ?5)", &error);
      if (stmt == NULL ||
          (bind_text (stmt, 1, h.holder), bind_text (stmt, 2, now),
           sqlite3_bind_int64 (stmt, 3, id), bind_text (stmt, 4, ctx->user->username),
           bind_text (stmt, 5, message), sqlite3_step (stmt) != SQLITE_DONE) ||
          !set_holder (self, id, ctx->user->username, now, &error) ||
          !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                   ctx->user->window, "case.takeover", id, 0, NULL,
                                   NULL, NULL, reason, detail, &error))
        {
          holder_clear (&h);
          return db_error_response (error);
        }
    }
  holder_clear (&h);

  if (!build_case (self, builder, id, &error))
    return error ? db_error_response (error) : not_found ();
  return commit_reply (self, ctx, NULL, 200, builder);
}

static ZcServerResponse *
handle_case_release (ZcServerApi *self,
                     Ctx         *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  gboolean exists;
  Holder h = { 0 };
  gint64 id;

  if (!parse_id (ctx->params[0], &id))
    return error_response (404, "not_found", _("There is no such case."));
  if (!zc_server_db_begin (self->db, &error))
    return db_error_response (error);
  if (!may_see_case (self, ctx, id, NULL, NULL, NULL, NULL, &exists))
    return case_access_error (exists);
  if (!load_holder (self, id, &h))
    return db_error_response (NULL);
  if (h.holder != NULL && g_strcmp0 (h.holder, ctx->user->username) != 0 &&
      ctx->user->role != ZC_ROLE_SUPERVISOR)
    {
      ZcServerResponse *held = held_by_other_response (&h);

      holder_clear (&h);
      return held;
    }
  if (h.holder != NULL &&
      (!set_holder (self, id, NULL, now, &error) ||
       !zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                                ctx->user->window, "case.release", id, 0, NULL,
                                NULL, NULL, NULL, NULL, &error)))
    {
      holder_clear (&h);
      return db_error_response (error);
    }
  holder_clear (&h);
  if (!zc_server_db_commit (self->db, &error))
    return db_error_response (error);
  return empty_response (204);
}

/* Today at the counter (China time) as YYYY-MM-DD */
static char *
today_iso (ZcServerApi *self)
{
  g_autoptr(GDateTime) now = zc_clock_now_china (zc_server_db_get_clock (self->db));

  return g_date_time_format (now, "%Y-%m-%d");
}

/* {"case_id"?, "number", "state", "item_name", "received_at", "tasks",
 * "events"}; the public form leaves out case_id and anything personal. */
static gboolean
build_progress (ZcServerApi  *self,
                JsonBuilder  *builder,
                gint64        case_id,
                gboolean      public_form,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = today_iso (self);
  int rc;

  stmt = zc_server_db_prepare (self->db,
    "SELECT c.id, c.number, c.state, "
    "CASE WHEN json_valid (ci.json) THEN json_extract (ci.json, '$.name') END, c.received_at "
    "FROM cases c JOIN catalogue_items ci ON ci.code = c.item WHERE c.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return zc_server_db_set_error (self->db, error);
  json_builder_begin_object (builder);
  if (!public_form)
    add_int (builder, "case_id", sqlite3_column_int64 (stmt, 0));
  add_column_string (builder, "number", stmt, 1);
  add_column_string (builder, "state", stmt, 2);
  add_column_string (builder, "item_name", stmt, 3);
  add_column_string (builder, "received_at", stmt, 4);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = zc_server_db_prepare (self->db,
    "SELECT matter_name, department, state, due_date, due_provisional, awaiting_supplement, "
    "updated_at FROM tasks WHERE case_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *due = column_text (stmt, 3);
      gboolean final = zc_task_state_is_final (zc_task_state_from_string (column_text (stmt, 2)));

      json_builder_begin_object (builder);
      add_column_string (builder, "matter_name", stmt, 0);
      add_column_string (builder, "department", stmt, 1);
      add_column_string (builder, "state", stmt, 2);
      add_column_string (builder, "due_date", stmt, 3);
      add_bool (builder, "due_provisional", sqlite3_column_int (stmt, 4) != 0);
      add_bool (builder, "late", due != NULL && !final && strcmp (due, today) < 0);
      add_bool (builder, "awaiting_supplement", sqlite3_column_int (stmt, 5) != 0);
      add_column_string (builder, "updated_at", stmt, 6);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  json_builder_end_array (builder);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* the last public events: state changes of the case and its tasks */
  stmt = zc_server_db_prepare (self->db,
    "SELECT * FROM (SELECT e.id, e.at, e.action, e.from_state, e.to_state, t.department, t.matter_name "
    "FROM events e LEFT JOIN tasks t ON t.id = e.task_id "
    "WHERE e.case_id = ?1 AND e.action IN ('case.transition', 'task.transition') "
    "ORDER BY e.id DESC LIMIT ?2) ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int (stmt, 2, PROGRESS_EVENTS);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_column_string (builder, "at", stmt, 1);
      add_column_string (builder, "action", stmt, 2);
      add_column_string (builder, "from", stmt, 3);
      add_column_string (builder, "to", stmt, 4);
      add_column_string (builder, "department", stmt, 5);
      add_column_string (builder, "matter_name", stmt, 6);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return TRUE;
}

static ZcServerResponse *
handle_case_progress (ZcServerApi *self,
                      Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  gboolean exists;
  gint64 id;

  if (!parse_id (ctx->params[0], &id))
    return error_response (404, "not_found", _("There is no such case."));
  if (!may_see_case (self, ctx, id, NULL, NULL, NULL, NULL, &exists))
    return case_access_error (exists);
  if (!build_progress (self, builder, id, FALSE, &error))
    return db_error_response (error);
  return builder_response (200, builder);
}

/* TRUE when @remote may make one more public query now */
static gboolean
rate_allow (ZcServerApi *self,
            const char  *remote)
{
  gint64 now = g_get_monotonic_time ();
  RateSlot *slot = g_hash_table_lookup (self->public_hits, remote ? remote : "");

  if (slot == NULL)
    {
      if (g_hash_table_size (self->public_hits) > 10000)
        g_hash_table_remove_all (self->public_hits);
      slot = g_new0 (RateSlot, 1);
      g_hash_table_insert (self->public_hits, g_strdup (remote ? remote : ""), slot);
    }
  if (now - slot->window_start >= PUBLIC_RATE_WINDOW_USEC)
    {
      slot->window_start = now;
      slot->count = 0;
    }
  return ++slot->count <= PUBLIC_RATE_LIMIT;
}

static ZcServerResponse *
handle_public_progress (ZcServerApi *self,
                        Ctx         *ctx)
{
  const char *number = g_hash_table_lookup (ctx->query, "number");
  const char *applicant_in = g_hash_table_lookup (ctx->query, "applicant");
  const char *remote = ctx->request->remote_address;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) detail = json_builder_new ();
  g_autoptr(JsonNode) detail_root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *detail_text = NULL;
  gint64 case_id = 0;

  if (!rate_allow (self, remote))
    {
      ZcServerResponse *response =
        error_printf (429, "too_many_requests",
                      _("Too many progress queries from this address: at most %d a minute. Try again later."),
                      PUBLIC_RATE_LIMIT);
      g_hash_table_replace (response->headers, g_strdup ("Retry-After"), g_strdup ("60"));
      return response;
    }
  if (number == NULL || *number == '\0' || applicant_in == NULL || *applicant_in == '\0')
    return error_response (400, "invalid_request",
                           _("Give both the case number and the applicant's key."));
  if (strlen (number) > 32 || strlen (applicant_in) > 64)
    return error_response (404, "not_found",
                           _("No case matches this case number and applicant key."));

  applicant = zc_id_normalize (applicant_in);
  stmt = zc_server_db_prepare (self->db,
    "SELECT id FROM cases WHERE number = ?1 AND applicant = ?2", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, number);
  bind_text (stmt, 2, applicant);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    case_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* audited, hit or miss; the key only when it matched a case */
  json_builder_begin_object (detail);
  add_bool (detail, "found", case_id > 0);
  add_string_or_null (detail, "remote", remote);
  json_builder_end_object (detail);
  detail_root = json_builder_get_root (detail);
  detail_text = node_to_string (detail_root);
  if (!zc_server_db_add_event (self->db, "public", "public", NULL, "progress.public",
                               case_id, 0, case_id > 0 ? applicant : NULL,
                               NULL, NULL, NULL, detail_text, &error))
    return db_error_response (error);

  if (case_id == 0)
    return error_response (404, "not_found",
                           _("No case matches this case number and applicant key."));
  if (!build_progress (self, builder, case_id, TRUE, &error))
    return db_error_response (error);
  return builder_response (200, builder);
}

static ZcServerResponse *
handle_notifications (ZcServerApi *self,
                      Ctx         *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  ZcServerResponse *bad = NULL;
  gint64 after;
  int rc;

  if (!parse_uint_param (ctx, "after", 0, 0, G_MAXINT32, &after, &bad))
    return bad;
  stmt = zc_server_db_prepare (self->db,
    "SELECT n.id, n.at, n.kind, n.case_id, c.number, n.by_user, u.display_name, n.message "
    "FROM notifications n LEFT JOIN cases c ON c.id = n.case_id "
    "LEFT JOIN users u ON u.username = n.by_user "
    "WHERE n.username = ?1 AND n.id > ?2 ORDER BY n.id LIMIT 100", &error);
  if (stmt == NULL)
    return db_error_response (error);
  bind_text (stmt, 1, ctx->user->username);
  sqlite3_bind_int64 (stmt, 2, after);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "notifications");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
      add_column_string (builder, "at", stmt, 1);
      add_column_string (builder, "kind", stmt, 2);
      add_column_int (builder, "case_id", stmt, 3);
      add_column_string (builder, "case_number", stmt, 4);
      add_column_string (builder, "by", stmt, 5);
      add_column_string (builder, "by_display", stmt, 6);
      add_column_string (builder, "message", stmt, 7);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_DONE)
    return db_error_response (NULL);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return builder_response (200, builder);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
zc_server_api_finalize (GObject *object)
{
  ZcServerApi *self = ZC_SERVER_API (object);

  g_clear_object (&self->calendar);
  g_clear_pointer (&self->public_hits, g_hash_table_unref);
  g_free (self->data_dir);
  g_free (self->dummy_hash);

  G_OBJECT_CLASS (zc_server_api_parent_class)->finalize (object);
}

static void
zc_server_api_class_init (ZcServerApiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_server_api_finalize;
}

static void
zc_server_api_init (ZcServerApi *self)
{
  self->public_hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

char *
zc_server_default_data_dir (void)
{
  const char *env = g_getenv ("ZC_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (ZC_SOURCE_DATADIR, G_FILE_TEST_IS_DIR))
    return g_strdup (ZC_SOURCE_DATADIR);
  return g_strdup (PKGDATADIR);
}

ZcServerApi *
zc_server_api_new (ZcServerDb *db,
                   const char *data_dir)
{
  ZcServerApi *self;

  g_return_val_if_fail (db != NULL, NULL);

  self = g_object_new (ZC_TYPE_SERVER_API, NULL);
  self->db = db;
  self->data_dir = data_dir ? g_strdup (data_dir) : zc_server_default_data_dir ();
  self->dummy_hash = zc_server_hash_password ("zc-platform: no such user");
  return self;
}
