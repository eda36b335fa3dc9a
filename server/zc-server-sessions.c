/* zc-server-sessions.c — health, sessions (log in, log out, who am I),
 * authentication, unlocking users
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-server-api-private.h"
#include "zc-server-auth.h"
#include "zc-server-validate.h"

static char *
iso_in (GDateTime *time,
        int        minutes)
{
  g_autoptr(GDateTime) later = g_date_time_add_minutes (time, minutes);

  return zc_server_db_format_time (later);
}

static void
build_user (JsonBuilder  *builder,
            ZcServerUser *user)
{
  json_builder_begin_object (builder);
  _zc_server_add_string (builder, "username", user->username);
  _zc_server_add_string (builder, "role", user->role_name);
  _zc_server_add_string (builder, "window", user->window);
  if (user->department != NULL)
    _zc_server_add_string (builder, "department", user->department);
  _zc_server_add_string (builder, "display_name", user->display_name);
  json_builder_end_object (builder);
}

static ZcServerUser *
user_from_row (sqlite3_stmt *stmt)
{
  ZcServerUser *user = g_new0 (ZcServerUser, 1);

  user->username = _zc_server_column_dup (stmt, 0);
  user->role_name = _zc_server_column_dup (stmt, 1);
  user->role = zc_role_from_string (user->role_name);
  user->window = _zc_server_column_dup (stmt, 2);
  user->department = _zc_server_column_dup (stmt, 3);
  user->display_name = _zc_server_column_dup (stmt, 4);
  return user;
}

ZcServerUser *
_zc_server_authenticate (ZcServerApi           *self,
                         const ZcServerRequest *request)
{
  const char *header = zc_server_request_get_header (request, "authorization");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;
  g_autofree char *digest = NULL;
  const char *token;
  ZcServerUser *user;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;
  token = header + 7;
  while (*token == ' ')
    token++;
  if (*token == '\0' || strlen (token) > 128)
    return NULL;

  now = zc_server_db_now_iso (self->db);
  digest = zc_server_token_digest (token);
  stmt = zc_server_db_prepare (self->db,
    "SELECT u.username, u.role, u.window, u.department, u.display_name, s.expires_at "
    "FROM sessions s JOIN users u ON u.username = s.username "
    "WHERE s.token = ?1 AND s.expires_at > ?2", NULL);
  if (stmt == NULL)
    return NULL;
  _zc_server_bind_text (stmt, 1, digest);
  _zc_server_bind_text (stmt, 2, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  user = user_from_row (stmt);
  user->token = g_strdup (token);
  user->expires_at = _zc_server_column_dup (stmt, 5);
  if (user->role == ZC_ROLE_INVALID || user->role == ZC_ROLE_PLATFORM)
    {
      _zc_server_user_free (user);
      return NULL;
    }
  return user;
}

ZcServerResponse *
_zc_server_handle_health (ZcServerApi *self,
                          ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *now = zc_server_db_now_iso (self->db);

  json_builder_begin_object (builder);
  _zc_server_add_string (builder, "status", "ok");
  _zc_server_add_string (builder, "version", PACKAGE_VERSION);
  _zc_server_add_string (builder, "time", now);
  json_builder_end_object (builder);
  return _zc_server_builder_response (200, builder);
}

static ZcServerResponse *
locked_response (const char *locked_until)
{
  g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (locked_until, NULL);
  g_autoptr(GDateTime) local = until ? g_date_time_to_local (until) : NULL;
  g_autofree char *hhmm = local ? g_date_time_format (local, "%H:%M") : g_strdup ("?");

  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *message =
    g_strdup_printf (_("This account is locked after %d failed logins in a row. "
                       "Try again after %s, or ask a supervisor to unlock it."),
                     ZC_SERVER_MAX_FAILED_LOGINS, hhmm);

  /* 423 account_locked with "locked_until" (RFC 3339, UTC) for clients */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  _zc_server_add_string (builder, "code", "account_locked");
  _zc_server_add_string (builder, "message", message);
  _zc_server_add_string (builder, "locked_until", locked_until);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return _zc_server_builder_response (423, builder);
}

ZcServerResponse *
_zc_server_handle_session_create (ZcServerApi *self,
                                  ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  const char *username = _zc_server_get_string_member (ctx, "username", TRUE, &bad);
  const char *password;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  g_autofree char *now_iso = zc_server_db_format_time (now);
  g_autoptr(ZcServerUser) user = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *locked_until = NULL;
  int failed = 0;
  gboolean ok;
  int rc;

  if (bad != NULL)
    return bad;
  password = _zc_server_get_string_member (ctx, "password", TRUE, &bad);
  if (bad != NULL)
    return bad;
  if (*username == '\0' || strlen (username) > 64)
    return _zc_server_error (422, "invalid_request",
                             _("The member “username” must hold 1 to 64 characters."));
  if (*password == '\0' || strlen (password) > 256)
    return _zc_server_error (422, "invalid_request",
                             _("The member “password” must hold 1 to 256 characters."));

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);

  stmt = zc_server_db_prepare (self->db,
    "SELECT username, role, window, department, display_name, password_hash, "
    "failed_logins, locked_until FROM users WHERE username = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, username);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      user = user_from_row (stmt);
      hash = _zc_server_column_dup (stmt, 5);
      failed = sqlite3_column_int (stmt, 6);
      locked_until = _zc_server_column_dup (stmt, 7);
    }
  else if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (user == NULL)
    {
      /* same work and the same answer as a wrong password */
      zc_server_verify_password (password, self->dummy_hash);
      if (!zc_server_db_add_event (self->db, username,
                                   "none", NULL, "session.failed", 0, 0, NULL, NULL, NULL,
                                   NULL, "{\"known\":false}", &error) ||
          !_zc_server_commit (self, &error))
        return _zc_server_db_error (self, error);
      return _zc_server_error (401, "invalid_credentials",
                               _("The user name or the password is wrong."));
    }

  if (locked_until != NULL)
    {
      if (strcmp (locked_until, now_iso) > 0)
        {
          if (!zc_server_db_add_event (self->db, user->username, user->role_name,
                                       user->window, "session.failed", 0, 0, NULL, NULL,
                                       NULL, NULL, "{\"locked\":true}", &error) ||
              !_zc_server_commit (self, &error))
            return _zc_server_db_error (self, error);
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
        return _zc_server_db_error (self, error);
      _zc_server_bind_text (stmt, 1, user->username);
      sqlite3_bind_int (stmt, 2, failed);
      _zc_server_bind_text (stmt, 3, locked_until);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _zc_server_db_error (self, NULL);

      if (!zc_server_db_add_event (self->db, user->username, user->role_name, user->window,
                                   "session.failed", 0, 0, NULL, NULL, NULL, NULL, NULL, &error))
        return _zc_server_db_error (self, error);
      if (locked_until != NULL &&
          !zc_server_db_add_event (self->db, user->username, user->role_name, user->window,
                                   "user.lock", 0, 0, NULL, NULL, NULL,
                                   _("Too many failed logins"), NULL, &error))
        return _zc_server_db_error (self, error);
      if (!_zc_server_commit (self, &error))
        return _zc_server_db_error (self, error);

      if (locked_until != NULL)
        return locked_response (locked_until);
      return _zc_server_error (401, "invalid_credentials",
                               _("The user name or the password is wrong."));
    }

  /* success */
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autofree char *expires = iso_in (now, ZC_SERVER_SESSION_HOURS * 60);
    g_autofree char *digest = NULL;

    user->token = zc_server_new_token ();
    if (user->token == NULL)
      return _zc_server_db_error (self, NULL);

    stmt = zc_server_db_prepare (self->db,
      "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?1", &error);
    if (stmt == NULL)
      return _zc_server_db_error (self, error);
    _zc_server_bind_text (stmt, 1, user->username);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return _zc_server_db_error (self, NULL);
    g_clear_pointer (&stmt, sqlite3_finalize);

    /* expired sessions go when someone logs in */
    stmt = zc_server_db_prepare (self->db,
      "DELETE FROM sessions WHERE expires_at <= ?1", &error);
    if (stmt == NULL)
      return _zc_server_db_error (self, error);
    _zc_server_bind_text (stmt, 1, now_iso);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return _zc_server_db_error (self, NULL);
    g_clear_pointer (&stmt, sqlite3_finalize);

    stmt = zc_server_db_prepare (self->db,
      "INSERT INTO sessions (token, username, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
      &error);
    if (stmt == NULL)
      return _zc_server_db_error (self, error);
    digest = zc_server_token_digest (user->token);
    _zc_server_bind_text (stmt, 1, digest);
    _zc_server_bind_text (stmt, 2, user->username);
    _zc_server_bind_text (stmt, 3, now_iso);
    _zc_server_bind_text (stmt, 4, expires);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      return _zc_server_db_error (self, NULL);

    if (!zc_server_db_add_event (self->db, user->username, user->role_name, user->window,
                                 "session.create", 0, 0, NULL, NULL, NULL, NULL, NULL, &error) ||
        !_zc_server_commit (self, &error))
      return _zc_server_db_error (self, error);

    json_builder_begin_object (builder);
    _zc_server_add_string (builder, "token", user->token);
    _zc_server_add_string (builder, "expires_at", expires);
    json_builder_set_member_name (builder, "user");
    build_user (builder, user);
    json_builder_end_object (builder);
    return _zc_server_builder_response (201, builder);
  }
}

ZcServerResponse *
_zc_server_handle_session_current (ZcServerApi *self,
                                   ZcServerCtx *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  build_user (builder, ctx->user);
  _zc_server_add_string (builder, "expires_at", ctx->user->expires_at);
  json_builder_end_object (builder);
  return _zc_server_builder_response (200, builder);
}

ZcServerResponse *
_zc_server_handle_session_delete (ZcServerApi *self,
                                  ZcServerCtx *ctx)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = zc_server_token_digest (ctx->user->token);

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  stmt = zc_server_db_prepare (self->db, "DELETE FROM sessions WHERE token = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, digest);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "session.delete", 0, 0, NULL, NULL,
                               NULL, NULL, NULL, &error) ||
      !_zc_server_commit (self, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_empty_response (204);
}

ZcServerResponse *
_zc_server_handle_user_unlock (ZcServerApi *self,
                               ZcServerCtx *ctx)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);
  stmt = zc_server_db_prepare (self->db,
    "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, ctx->params[0]);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  if (sqlite3_changes (zc_server_db_get_handle (self->db)) == 0)
    return _zc_server_error (404, "not_found", _("There is no such user."));

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) node = NULL;

    json_builder_begin_object (builder);
    _zc_server_add_string (builder, "user", ctx->params[0]);
    json_builder_end_object (builder);
    node = json_builder_get_root (builder);
    detail = _zc_server_node_to_string (node);
  }
  if (!zc_server_db_add_event (self->db, ctx->user->username, ctx->user->role_name,
                               ctx->user->window, "user.unlock", 0, 0, NULL, NULL,
                               NULL, NULL, detail, &error) ||
      !_zc_server_commit (self, &error))
    return _zc_server_db_error (self, error);
  return _zc_server_empty_response (204);
}
