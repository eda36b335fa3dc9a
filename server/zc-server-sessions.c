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

/* ---- the lock-out (docs: data/platform-api.yaml, "Logging in") ----
 *
 * Every attempt verifies a password hash before anything is decided: the
 * user's, or for an unknown name a dummy hash of the same cost, so an
 * answer and its time do not tell whether the name exists.
 *
 * Per account: ZC_SERVER_MAX_FAILED_LOGINS failures in a row lock the
 * account for ZC_SERVER_LOCK_MINUTES (423 account_locked, locked_until);
 * unknown names are counted and locked the same way, in memory. While
 * locked, the right password is still accepted from an address that did
 * not fail in the streak: anonymous guesses from elsewhere cannot lock a
 * clerk or the supervisor out of their own window. A supervisor unlocks
 * any account (POST /users/{u}/unlock).
 *
 * Per address: ZC_SERVER_MAX_ADDRESS_FAILURES failures within
 * ZC_SERVER_LOCK_MINUTES, whatever the names, answer 429
 * too_many_attempts with Retry-After before any hashing (the answer does
 * not depend on the name). */

typedef struct
{
  gint64 window_start;   /* unix seconds */
  guint  failures;
} AddressSlot;

typedef struct
{
  GHashTable *failed_from;   /* addresses that failed in this streak */
  guint       failed;        /* unknown names only (known: the users table) */
  gint64      locked_until;  /* unknown names only, unix seconds */
  gint64      touched;
} NameSlot;

#define LOGIN_TABLE_MAX 10000

void
_zc_server_login_slot_free (gpointer data)
{
  NameSlot *slot = data;

  g_clear_pointer (&slot->failed_from, g_hash_table_unref);
  g_free (slot);
}

void
_zc_server_login_free (ZcServerLogin *login)
{
  if (login == NULL)
    return;
  g_free (login->username);
  if (login->password != NULL)
    explicit_bzero (login->password, strlen (login->password));
  g_free (login->password);
  g_free (login->address);
  g_free (login->hash);
  if (login->destroy != NULL)
    login->destroy (login->user_data);
  g_free (login);
}

/* on a worker (or the caller's thread): the expensive part */
void
_zc_server_login_verify (ZcServerLogin *login)
{
  login->verified = zc_server_verify_password (login->password, login->hash);
  explicit_bzero (login->password, strlen (login->password));
}

static gint64
window_seconds (void)
{
  return (gint64) ZC_SERVER_LOCK_MINUTES * 60;
}

/* 429 while @address has used up its failures, else NULL */
static ZcServerResponse *
address_throttled (ZcServerApi *self,
                   const char  *address,
                   gint64       now)
{
  AddressSlot *slot = g_hash_table_lookup (self->login_addresses, address);
  ZcServerResponse *response;
  gint64 retry;

  if (slot == NULL || now - slot->window_start >= window_seconds () ||
      slot->failures < ZC_SERVER_MAX_ADDRESS_FAILURES)
    return NULL;
  retry = MAX (1, slot->window_start + window_seconds () - now);
  response = _zc_server_error_printf (429, "too_many_attempts",
                                      _("Too many failed logins from this computer. Try again in %d minutes."),
                                      (int) ((retry + 59) / 60));
  g_hash_table_replace (response->headers, g_strdup ("Retry-After"),
                        g_strdup_printf ("%" G_GINT64_FORMAT, retry));
  return response;
}

static void
address_failed (ZcServerApi *self,
                const char  *address,
                gint64       now)
{
  AddressSlot *slot = g_hash_table_lookup (self->login_addresses, address);

  if (slot == NULL)
    {
      if (g_hash_table_size (self->login_addresses) >= LOGIN_TABLE_MAX)
        g_hash_table_remove_all (self->login_addresses);
      slot = g_new0 (AddressSlot, 1);
      g_hash_table_insert (self->login_addresses, g_strdup (address), slot);
    }
  if (now - slot->window_start >= window_seconds ())
    {
      slot->window_start = now;
      slot->failures = 0;
    }
  slot->failures++;
}

static gboolean
name_slot_stale (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  NameSlot *slot = value;
  gint64 now = *(gint64 *) user_data;

  return slot->locked_until <= now && now - slot->touched >= window_seconds ();
}

static NameSlot *
name_slot (ZcServerApi *self,
           const char  *username,
           gint64       now)
{
  NameSlot *slot = g_hash_table_lookup (self->login_names, username);

  if (slot == NULL)
    {
      if (g_hash_table_size (self->login_names) >= LOGIN_TABLE_MAX)
        g_hash_table_foreach_remove (self->login_names, name_slot_stale, &now);
      if (g_hash_table_size (self->login_names) >= LOGIN_TABLE_MAX)
        g_hash_table_remove_all (self->login_names);
      slot = g_new0 (NameSlot, 1);
      slot->failed_from = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (self->login_names, g_strdup (username), slot);
    }
  slot->touched = now;
  return slot;
}

static void
name_failed_from (NameSlot   *slot,
                  const char *address)
{
  if (g_hash_table_size (slot->failed_from) < LOGIN_TABLE_MAX)
    g_hash_table_add (slot->failed_from, g_strdup (address));
}

/* "HH:MM" of @iso (RFC 3339) in China Standard Time */
static char *
china_hhmm (const char *iso)
{
  g_autoptr(GTimeZone) china = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) local = until && china ? g_date_time_to_timezone (until, china) : NULL;

  return local ? g_date_time_format (local, "%H:%M") : g_strdup ("?");
}

static ZcServerResponse *
locked_response (const char *locked_until)
{
  g_autofree char *hhmm = china_hhmm (locked_until);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  /* TRANSLATORS: the second %s is a time of day (HH:MM) in China Standard Time */
  g_autofree char *message =
    g_strdup_printf (_("This account is locked after %d failed logins in a row. "
                       "Try again after %s (Beijing time), or ask a supervisor to unlock it."),
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

static ZcServerResponse *
invalid_credentials (void)
{
  return _zc_server_error (401, "invalid_credentials",
                           _("The user name or the password is wrong."));
}

/* First phase, on the loop: the request, the address, the hash to verify */
ZcServerResponse *
_zc_server_handle_session_create (ZcServerApi *self,
                                  ZcServerCtx *ctx)
{
  ZcServerResponse *bad = NULL;
  const char *username = _zc_server_get_string_member (ctx, "username", TRUE, &bad);
  const char *password;
  const char *address = ctx->request->remote_address ? ctx->request->remote_address : "";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  ZcServerLogin *login;
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

  if ((bad = address_throttled (self, address, g_date_time_to_unix (now))) != NULL)
    return bad;

  stmt = zc_server_db_prepare (self->db,
    "SELECT password_hash FROM users WHERE username = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, username);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);

  login = g_new0 (ZcServerLogin, 1);
  login->username = g_strdup (username);
  login->password = g_strdup (password);
  login->address = g_strdup (address);
  login->hash = rc == SQLITE_ROW ? _zc_server_column_dup (stmt, 0) : NULL;
  if (login->hash == NULL)
    login->hash = g_strdup (self->dummy_hash);
  ctx->login = login;
  return NULL;
}

/* Second phase, on the loop, the password verified: decide */
ZcServerResponse *
_zc_server_login_finish (ZcServerApi   *self,
                         ZcServerLogin *login)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = zc_server_db_now (self->db);
  g_autofree char *now_iso = zc_server_db_format_time (now);
  gint64 now_unix = g_date_time_to_unix (now);
  g_autoptr(ZcServerUser) user = NULL;
  g_autofree char *locked_until = NULL;
  const char *address = login->address;
  NameSlot *slot;
  gboolean locked;
  int failed = 0;
  int rc;

  if (!_zc_server_begin (self, &error))
    return _zc_server_db_error (self, error);

  stmt = zc_server_db_prepare (self->db,
    "SELECT username, role, window, department, display_name, "
    "failed_logins, locked_until FROM users WHERE username = ?1", &error);
  if (stmt == NULL)
    return _zc_server_db_error (self, error);
  _zc_server_bind_text (stmt, 1, login->username);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      user = user_from_row (stmt);
      failed = sqlite3_column_int (stmt, 5);
      locked_until = _zc_server_column_dup (stmt, 6);
    }
  else if (rc != SQLITE_DONE)
    return _zc_server_db_error (self, NULL);
  g_clear_pointer (&stmt, sqlite3_finalize);

  slot = name_slot (self, login->username, now_unix);

  if (user == NULL)
    {
      /* the same counting and the same answers as for a known name */
      g_autoptr(GDateTime) until = NULL;
      gboolean now_locked = slot->locked_until > now_unix;

      if (!now_locked)
        {
          if (slot->locked_until != 0)
            {
              /* the lock ran out: start counting afresh */
              slot->failed = 0;
              slot->locked_until = 0;
              g_hash_table_remove_all (slot->failed_from);
            }
          slot->failed++;
          if (slot->failed >= ZC_SERVER_MAX_FAILED_LOGINS)
            {
              slot->locked_until = now_unix + window_seconds ();
              now_locked = TRUE;
            }
        }
      address_failed (self, address, now_unix);
      name_failed_from (slot, address);
      if (!zc_server_db_add_event (self->db, login->username,
                                   "none", NULL, "session.failed", 0, 0, NULL, NULL, NULL,
                                   NULL, "{\"known\":false}", &error) ||
          !_zc_server_commit (self, &error))
        return _zc_server_db_error (self, error);
      if (now_locked)
        {
          g_autofree char *iso = NULL;

          until = g_date_time_new_from_unix_utc (slot->locked_until);
          iso = zc_server_db_format_time (until);
          return locked_response (iso);
        }
      return invalid_credentials ();
    }

  locked = locked_until != NULL && strcmp (locked_until, now_iso) > 0;
  if (!locked && locked_until != NULL)
    {
      /* the lock ran out: start counting afresh */
      failed = 0;
      g_clear_pointer (&locked_until, g_free);
      g_hash_table_remove_all (slot->failed_from);
    }

  if (locked && !(login->verified && !g_hash_table_contains (slot->failed_from, address)))
    {
      if (!login->verified)
        {
          address_failed (self, address, now_unix);
          name_failed_from (slot, address);
        }
      if (!zc_server_db_add_event (self->db, user->username, user->role_name,
                                   user->window, "session.failed", 0, 0, NULL, NULL,
                                   NULL, NULL, "{\"locked\":true}", &error) ||
          !_zc_server_commit (self, &error))
        return _zc_server_db_error (self, error);
      return locked_response (locked_until);
    }

  if (!login->verified)
    {
      failed++;
      if (failed >= ZC_SERVER_MAX_FAILED_LOGINS)
        locked_until = iso_in (now, ZC_SERVER_LOCK_MINUTES);
      address_failed (self, address, now_unix);
      name_failed_from (slot, address);

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
      return invalid_credentials ();
    }

  /* the streak is over */
  g_hash_table_remove (self->login_names, login->username);

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
  g_hash_table_remove (self->login_names, ctx->params[0]);

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
