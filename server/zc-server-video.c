/* zc-server-video.c — video sessions of the remote window (远程虚拟窗口):
 * create, read, end; the checks before a signalling socket opens (the
 * clerk's token, the citizen's join code and its rate limit); the state
 * the relay (zc-server-signal.c) reports. libsoup-free: the relay and
 * the WebSocket upgrade live in the adapter.
 *
 * A session: waiting → connected (both sockets open) → ended (DELETE, or
 * expires_at on the platform's clock). The join code (six digits) is the
 * citizen's credential while the session is not ended.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "zc-clock.h"
#include "zc-server-api-private.h"
#include "zc-server-validate.h"

#define CODE_ATTEMPTS 20

static ZcServerResponse *
video_not_found (void)
{
  return _zc_server_error (404, "not_found", _("There is no such video session."));
}

/* A live session whose expires_at has passed is ended (at expires_at);
 * returns the ids so ended (an array of gint64). In the caller's
 * transaction when there is one. */
static GArray *
end_expired (ZcServerApi  *self,
             GError      **error)
{
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "UPDATE video_sessions SET state = 'ended', ended_at = expires_at "
    "WHERE state <> 'ended' AND expires_at <= ?1 RETURNING id, case_id, window", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cases = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  _zc_server_bind_text (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 case_id = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (cases, case_id);
      g_ptr_array_add (windows, _zc_server_column_dup (stmt, 2));
    }
  if (rc != SQLITE_DONE)
    {
      zc_server_db_set_error (self->db, error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* the case's history says the call ended, and why: its time ran out */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *detail = g_strdup_printf ("{\"video_session\":%" G_GINT64_FORMAT ",\"reason\":\"expired\"}",
                                                 g_array_index (ids, gint64, i));

      if (!zc_server_db_add_event (self->db, "platform", "platform", g_ptr_array_index (windows, i),
                                   "video.end", g_array_index (cases, gint64, i), 0, NULL,
                                   NULL, NULL, "expired", detail, error))
        return NULL;
    }
  return g_steal_pointer (&ids);
}

static char *
new_join_code (void)
{
  guint32 value = 0;

  if (getrandom (&value, sizeof value, 0) != sizeof value)
    value = g_random_int ();
  return g_strdup_printf ("%06u", value % 1000000u);
}

static char *
citizen_url (ZcServerApi *self,
             const char  *code)
{
  const char *base = self->public_url ? self->public_url : "http://127.0.0.1";

  return g_strdup_printf ("%s/join/%s", base, code);
}

/* The VideoSession object of @id (404 when none); its state reads
 * "ended" once expires_at has passed, whether or not the row says so. */
static ZcServerResponse *
video_response (ZcServerApi *self,
                guint        status,
                gint64       id,
                const char  *idem,
                ZcServerCtx *ctx,
                gboolean     with_code)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
    "SELECT id, case_id, join_code, state, created_by, created_at, expires_at, ended_at, consent "
    "FROM video_sessions WHERE id = ?1", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *url = NULL;
  const char *state;
  const char *expires;

  if (stmt == NULL)
    return _zc_server_db_error (self, NULL);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return video_not_found ();

  state = _zc_server_column_text (stmt, 3);
  expires = _zc_server_column_text (stmt, 6);
  if (g_strcmp0 (state, "ended") != 0 && g_strcmp0 (expires, now) <= 0)
    state = "ended";
  url = citizen_url (self, _zc_server_column_text (stmt, 2));

  json_builder_begin_object (builder);
  _zc_server_add_int (builder, "id", sqlite3_column_int64 (stmt, 0));
  _zc_server_add_int (builder, "case_id", sqlite3_column_int64 (stmt, 1));
  /* the code is the citizen's credential: only for the counter that
   * holds the call, never for a supervisor reading along */
  if (with_code)
    {
      _zc_server_add_column_string (builder, "join_code", stmt, 2);
      _zc_server_add_string (builder, "citizen_url", url);
    }
  else
    {
      json_builder_set_member_name (builder, "join_code");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "citizen_url");
      json_builder_add_null_value (builder);
    }
  _zc_server_add_string (builder, "state", state);
  _zc_server_add_column_string (builder, "created_by", stmt, 4);
  _zc_server_add_column_string (builder, "created_at", stmt, 5);
  _zc_server_add_column_string (builder, "expires_at", stmt, 6);
  json_builder_set_member_name (builder, "ended_at");
  if (g_strcmp0 (state, "ended") == 0)
    json_builder_add_string_value (builder, sqlite3_column_type (stmt, 7) == SQLITE_NULL
                                            ? expires : _zc_server_column_text (stmt, 7));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "recording_consent");
  if (sqlite3_column_type (stmt, 8) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 8) != 0);
  json_builder_end_object (builder);

  if (ctx != NULL)
    return _zc_server_commit_reply (self, ctx, idem, status, builder);
  return _zc_server_builder_response (status, builder);
}

/* The case of session @id, when the user may see that case; else the
 * answer (404 for a session or case not there, 403). */
static ZcServerResponse *
check_video_access (ZcServerApi *self,
                    ZcServerCtx *ctx,
                    gint64      *id,
                    gint64      *case_id,
                    char       **state)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  const char *expires;

  if (!_zc_server_parse_id (ctx->params[0], id))
    return video_not_found ();
  stmt = zc_server_db_prepare (self->db,
    "SELECT case_id, state, expires_at FROM video_sessions WHERE id = ?1", NULL);
  if (stmt == NULL)
    return _zc_server_db_error (self, NULL);
  sqlite3_bind_int64 (stmt, 1, *id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return video_not_found ();
  *case_id = sqlite3_column_int64 (stmt, 0);
  expires = _zc_server_column_text (stmt, 2);
  if (state != NULL)
    *state = g_strdup (g_strcmp0 (expires, now) <= 0 ? "ended" : _zc_server_column_text (stmt, 1));
  return _zc_server_check_case_access (self, ctx, *case_id, NULL, NULL, NULL, NULL);
}

ZcServerResponse *
_zc_server_handle_video_create (ZcServerApi *self,
                                ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  g_autoptr(GError) error = NULL;
  const char *idem = _zc_server_get_idempotency_key (ctx, &bad);
  JsonNode *case_node;
  gint64 case_id;
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *now_iso = NULL;
  g_autofree char *expires_iso = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GArray) ended = NULL;
  gint64 id = 0;

  if (bad != NULL)
    return bad;
  if ((bad = _zc_server_lookup_reply (self, ctx, idem)) != NULL)
    return bad;

  case_node = json_object_get_member (ctx->object, "case_id");
  if (case_node == NULL || JSON_NODE_HOLDS_NULL (case_node))
    return _zc_server_error_printf (422, "invalid_request",
                                    _("The member “%s” is missing."), "case_id");
  if (!JSON_NODE_HOLDS_VALUE (case_node) || json_node_get_value_type (case_node) != G_TYPE_INT64 ||
      json_node_get_int (case_node) < 1)
    return _zc_server_member_error ("case_id", _("The member “case_id” must be a case id (a positive integer)."));
  case_id = json_node_get_int (case_node);
  if ((bad = _zc_server_check_case_access (self, ctx, case_id, NULL, NULL, NULL, NULL)) != NULL)
    return bad;

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  /* expired sessions give their codes back first */
  ended = end_expired (self, &error);
  if (ended == NULL)
    return _zc_server_db_error (self, error);

  now_iso = zc_server_db_format_time (now);
  expires = g_date_time_add_minutes (now, ZC_SERVER_VIDEO_MINUTES);
  expires_iso = zc_server_db_format_time (expires);
  /* a code not held by a live session (the unique index says so) */
  for (guint attempt = 0; id == 0 && attempt < CODE_ATTEMPTS; attempt++)
    {
      g_autofree char *code = new_join_code ();
      g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (self->db,
        "INSERT INTO video_sessions (case_id, join_code, state, created_by, window, created_at, expires_at) "
        "VALUES (?1, ?2, 'waiting', ?3, ?4, ?5, ?6)", &error);
      int rc;

      if (stmt == NULL)
        return _zc_server_db_error (self, error);
      sqlite3_bind_int64 (stmt, 1, case_id);
      _zc_server_bind_text (stmt, 2, code);
      _zc_server_bind_text (stmt, 3, ctx->user->username);
      _zc_server_bind_text (stmt, 4, ctx->user->window);
      _zc_server_bind_text (stmt, 5, now_iso);
      _zc_server_bind_text (stmt, 6, expires_iso);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        id = sqlite3_last_insert_rowid (zc_server_db_get_handle (self->db));
      else if (rc != SQLITE_CONSTRAINT)
        return _zc_server_db_error (self, NULL);
    }
  if (id == 0)
    return _zc_server_error (503, "busy", _("No free join code could be found. Try again in a moment."));

  detail = g_strdup_printf ("{\"video_session\":%" G_GINT64_FORMAT "}", id);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "video.start", case_id, 0, NULL,
                               NULL, NULL, NULL, detail, &error))
    return _zc_server_db_error (self, error);

  for (guint i = 0; i < ended->len; i++)
    g_signal_emit_by_name (self, "video-ended", g_array_index (ended, gint64, i));
  return video_response (self, 201, id, idem, ctx, TRUE);
}

ZcServerResponse *
_zc_server_handle_video_get (ZcServerApi *self,
                             ZcServerCtx *ctx)
{
  ZcServerResponse *bad;
  gint64 id, case_id;

  if ((bad = check_video_access (self, ctx, &id, &case_id, NULL)) != NULL)
    return bad;
  return video_response (self, 200, id, NULL, NULL,
                         ctx->user->role == ZC_ROLE_CLERK || ctx->user->role == ZC_ROLE_HELPER);
}

/* Ends session @id (not yet ended) in its own transaction; emits
 * "video-ended" after the commit. */
static gboolean
end_session (ZcServerApi  *self,
             ZcServerCtx  *ctx,
             gint64        id,
             gint64        case_id,
             GError      **error)
{
  g_autofree char *now = zc_server_db_now_iso (self->db);
  g_autofree char *detail = g_strdup_printf ("{\"video_session\":%" G_GINT64_FORMAT "}", id);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_zc_server_begin (self, error))
    return FALSE;
  stmt = zc_server_db_prepare (self->db,
    "UPDATE video_sessions SET state = 'ended', ended_at = ?2 WHERE id = ?1 AND state <> 'ended'",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zc_server_db_set_error (self->db, error);
  /* ended before: nothing to record, nothing to close */
  if (sqlite3_changes (zc_server_db_get_handle (self->db)) == 0)
    {
      _zc_server_rollback (self);
      return TRUE;
    }
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "video.end", case_id, 0, NULL,
                               NULL, NULL, NULL, detail, error) ||
      !_zc_server_commit (self, error))
    return FALSE;
  g_signal_emit_by_name (self, "video-ended", id);
  return TRUE;
}

ZcServerResponse *
_zc_server_handle_video_end (ZcServerApi *self,
                             ZcServerCtx *ctx)
{
  ZcServerResponse *bad;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  gint64 id, case_id;

  if ((bad = check_video_access (self, ctx, &id, &case_id, &state)) != NULL)
    return bad;
  /* ending an ended session is done already (DELETE is idempotent);
   * an expired one is marked ended and its sockets closed */
  if (!end_session (self, ctx, id, case_id, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_empty_response (204);
}

/* The clerk's socket: GET /video-sessions/{id}/signal. 101 (with the
 * session and the party for the adapter) once the user may see the
 * case and the session is live; 400 without the upgrade headers. */
ZcServerResponse *
_zc_server_handle_video_signal (ZcServerApi *self,
                                ZcServerCtx *ctx)
{
  ZcServerResponse *bad;
  g_autofree char *state = NULL;
  const char *upgrade = zc_server_request_get_header (ctx->request, "upgrade");
  gint64 id, case_id;

  if ((bad = check_video_access (self, ctx, &id, &case_id, &state)) != NULL)
    return bad;
  if (g_strcmp0 (state, "ended") == 0)
    return _zc_server_error (410, "ended", _("This video session has ended."));
  if (upgrade == NULL || g_ascii_strcasecmp (upgrade, "websocket") != 0)
    return _zc_server_error (400, "not_websocket",
                             _("This is a WebSocket: ask with “Connection: Upgrade” and “Upgrade: websocket”."));
  return _zc_server_upgrade_response (id, ZC_SERVER_VIDEO_CLERK);
}

/* ---- the citizen: the join code ---- */

typedef struct
{
  gint64 window_start;  /* platform clock, seconds */
  guint  failures;
} CodeSlot;

/* the key that counts for an address not followed */
#define OVERFLOW_KEY "(other addresses)"

static gboolean
slot_passed (gpointer key,
             gpointer value,
             gpointer user_data)
{
  CodeSlot *slot = value;

  return *(gint64 *) user_data - slot->window_start >= ZC_SERVER_VIDEO_CODE_WINDOW;
}

/* The slot of @address: its own while addresses are few; once
 * ZC_SERVER_VIDEO_CODE_ADDRESSES are followed within a window, a new
 * one counts with the other newcomers (forgetting them all instead
 * would let one who owns many addresses wipe every count). NULL when
 * none yet and !@create. */
static CodeSlot *
slot_of_address (ZcServerApi *self,
                 const char  *address,
                 gint64       t,
                 gboolean     create)
{
  const char *key = address ? address : "";
  CodeSlot *slot = g_hash_table_lookup (self->video_failures, key);

  if (slot != NULL)
    return slot;
  if (g_hash_table_size (self->video_failures) >= ZC_SERVER_VIDEO_CODE_ADDRESSES && create)
    g_hash_table_foreach_remove (self->video_failures, slot_passed, &t);
  if (g_hash_table_size (self->video_failures) >= ZC_SERVER_VIDEO_CODE_ADDRESSES)
    key = OVERFLOW_KEY;
  slot = g_hash_table_lookup (self->video_failures, key);
  if (slot == NULL && create)
    {
      slot = g_new0 (CodeSlot, 1);
      g_hash_table_insert (self->video_failures, g_strdup (key), slot);
    }
  return slot;
}

/* Seconds until @address may try a code again, 0 when it may now */
static gint64
code_retry_after (ZcServerApi *self,
                  const char  *address)
{
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  gint64 t = g_date_time_to_unix (now);
  CodeSlot *slot = slot_of_address (self, address, t, FALSE);

  if (slot == NULL || t - slot->window_start >= ZC_SERVER_VIDEO_CODE_WINDOW)
    return 0;
  if (slot->failures < ZC_SERVER_VIDEO_CODE_FAILURES)
    return 0;
  return MAX (1, ZC_SERVER_VIDEO_CODE_WINDOW - (t - slot->window_start));
}

static void
code_failed (ZcServerApi *self,
             const char  *address)
{
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  gint64 t = g_date_time_to_unix (now);
  CodeSlot *slot = slot_of_address (self, address, t, TRUE);
  if (slot->failures == 0 || t - slot->window_start >= ZC_SERVER_VIDEO_CODE_WINDOW)
    {
      slot->window_start = t;
      slot->failures = 0;
    }
  slot->failures++;
}

/* The live session of @code (> 0), or 0 with *response: 429 while the
 * address is over its limit of failed codes, 404 for a code that is not
 * (or no longer) a live session's. Every 404 counts as a failure. */
gint64
_zc_server_video_check_code (ZcServerApi       *self,
                             const char        *code,
                             const char        *address,
                             ZcServerResponse **response)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zc_server_db_now_iso (self->db);
  gint64 retry = code_retry_after (self, address);
  gboolean well_formed = code != NULL && strlen (code) == 6;

  if (retry > 0)
    {
      *response = _zc_server_error_printf (429, "too_many_attempts",
                                           _("Too many wrong join codes from this address: at most %d a minute. Try again later."),
                                           ZC_SERVER_VIDEO_CODE_FAILURES);
      g_hash_table_replace ((*response)->headers, g_strdup ("Retry-After"),
                            g_strdup_printf ("%" G_GINT64_FORMAT, retry));
      return 0;
    }
  for (guint i = 0; well_formed && i < 6; i++)
    well_formed = g_ascii_isdigit (code[i]);
  if (well_formed)
    {
      stmt = zc_server_db_prepare (self->db,
        "SELECT id FROM video_sessions WHERE join_code = ?1 AND state <> 'ended' AND expires_at > ?2",
        NULL);
      if (stmt == NULL)
        {
          *response = _zc_server_db_error (self, NULL);
          return 0;
        }
      _zc_server_bind_text (stmt, 1, code);
      _zc_server_bind_text (stmt, 2, now);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return sqlite3_column_int64 (stmt, 0);
    }
  code_failed (self, address);
  *response = _zc_server_error (404, "unknown_code",
                                _("This join code is wrong, or its video session has ended."));
  return 0;
}

/* ---- for the relay ---- */

gboolean
zc_server_api_video_set_state (ZcServerApi  *self,
                               gint64        id,
                               gboolean      connected,
                               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ZC_IS_SERVER_API (self), FALSE);

  if (!_zc_server_begin (self, error))
    return FALSE;
  stmt = zc_server_db_prepare (self->db,
    "UPDATE video_sessions SET state = ?2 WHERE id = ?1 AND state <> 'ended'", error);
  if (stmt == NULL)
    {
      _zc_server_rollback (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, connected ? "connected" : "waiting");
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      zc_server_db_set_error (self->db, error);
      _zc_server_rollback (self);
      return FALSE;
    }
  if (!_zc_server_commit (self, error))
    {
      _zc_server_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
zc_server_api_video_set_consent (ZcServerApi  *self,
                                 gint64        id,
                                 gboolean      recording,
                                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_autoptr(sqlite3_stmt) old = NULL;
  g_autofree char *detail = NULL;
  gint64 case_id;
  int before;

  g_return_val_if_fail (ZC_IS_SERVER_API (self), FALSE);

  if (!_zc_server_begin (self, error))
    return FALSE;
  old = zc_server_db_prepare (self->db,
    "SELECT case_id, consent FROM video_sessions WHERE id = ?1", error);
  if (old == NULL)
    {
      _zc_server_rollback (self);
      return FALSE;
    }
  sqlite3_bind_int64 (old, 1, id);
  if (sqlite3_step (old) != SQLITE_ROW)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no video session %" G_GINT64_FORMAT, id);
      _zc_server_rollback (self);
      return FALSE;
    }
  case_id = sqlite3_column_int64 (old, 0);
  before = sqlite3_column_type (old, 1) == SQLITE_NULL ? -1 : sqlite3_column_int (old, 1) != 0;
  stmt = zc_server_db_prepare (self->db,
    "UPDATE video_sessions SET consent = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    {
      _zc_server_rollback (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, recording ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      zc_server_db_set_error (self->db, error);
      _zc_server_rollback (self);
      return FALSE;
    }
  /* the answer, given or refused, is in the case's history (once per
   * change: the page repeats it each time the clerk joins) */
  detail = g_strdup_printf ("{\"video_session\":%" G_GINT64_FORMAT ",\"recording\":%s}",
                            id, recording ? "true" : "false");
  if (before != (recording ? 1 : 0) &&
      !zc_server_db_add_event (self->db, "citizen", "citizen", NULL, "video.consent", case_id, 0,
                               NULL, NULL, recording ? "given" : "refused", NULL, detail, error))
    {
      _zc_server_rollback (self);
      return FALSE;
    }
  if (!_zc_server_commit (self, error))
    {
      _zc_server_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
zc_server_api_video_end_expired (ZcServerApi  *self,
                                 GError      **error)
{
  g_autoptr(GArray) ended = NULL;

  g_return_val_if_fail (ZC_IS_SERVER_API (self), FALSE);

  if (!_zc_server_begin (self, error))
    return FALSE;
  ended = end_expired (self, error);
  if (ended == NULL || !_zc_server_commit (self, error))
    {
      _zc_server_rollback (self);
      return FALSE;
    }
  for (guint i = 0; i < ended->len; i++)
    g_signal_emit_by_name (self, "video-ended", g_array_index (ended, gint64, i));
  return TRUE;
}

gboolean
zc_server_api_video_is_live (ZcServerApi *self,
                             gint64       id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (ZC_IS_SERVER_API (self), FALSE);

  now = zc_server_db_now_iso (self->db);
  stmt = zc_server_db_prepare (self->db,
    "SELECT 1 FROM video_sessions WHERE id = ?1 AND state <> 'ended' AND expires_at > ?2", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _zc_server_bind_text (stmt, 2, now);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

