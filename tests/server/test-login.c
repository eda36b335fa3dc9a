/* test-login.c — logging in to zc-platform's request layer (no sockets):
 * what a session token leaves in the database, what the lock-out tells
 * and whom it locks out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-server.h"
#include "zc-test-server-fixture.h"

typedef struct
{
  char        *dir;
  char        *path;
  ZcServerDb  *db;
  ZcServerApi *api;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("zc-test-login-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "platform.db", NULL);
  f->db = zc_server_db_open (f->path, &error);
  g_assert_no_error (error);
  zc_test_populate (f->db);
  f->api = zc_server_api_new (f->db, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->api);
  g_clear_pointer (&f->db, zc_server_db_close);
  d = g_dir_open (f->dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static ZcServerResponse *
post_login (Fixture    *f,
            const char *address,
            const char *username,
            const char *password)
{
  g_autoptr(ZcServerRequest) request =
    zc_server_request_new ("POST", ZC_SERVER_API_PREFIX "/sessions", NULL);
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);

  zc_server_request_set_header (request, "Content-Type", "application/json");
  zc_server_request_set_body (request, body, strlen (body));
  request->remote_address = g_strdup (address);
  return zc_server_api_handle (f->api, request);
}

static ZcServerResponse *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token)
{
  g_autoptr(ZcServerRequest) request = zc_server_request_new (method, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

  zc_server_request_set_header (request, "Authorization", auth);
  request->remote_address = g_strdup ("127.0.0.1");
  return zc_server_api_handle (f->api, request);
}

static JsonObject *
error_of (ZcServerResponse *response,
          JsonParser       *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, zc_server_response_get_text (response), -1, &error);
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                        "error");
}

static char *
token_of (ZcServerResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpuint (response->status, ==, 201);
  g_assert_true (json_parser_load_from_data (parser, zc_server_response_get_text (response),
                                             -1, NULL));
  return g_strdup (json_object_get_string_member (
    json_node_get_object (json_parser_get_root (parser)), "token"));
}

/* Hardening 5: the sessions table keeps SHA-256 of the token, not the token */
static void
test_token_digest (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ZcServerResponse) login = post_login (f, "10.0.0.1", "clerk", PASSWORD);
  g_autofree char *token = token_of (login);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *in_clear = g_strdup_printf ("SELECT count(*) FROM sessions WHERE token = '%s'", token);
  g_autofree char *hashed = g_strdup_printf ("SELECT count(*) FROM sessions WHERE token = '%s'", digest);

  g_assert_cmpint (zc_test_count (f->db, in_clear), ==, 0);
  g_assert_cmpint (zc_test_count (f->db, hashed), ==, 1);
  {
    g_autoptr(ZcServerResponse) current = call (f, "GET", ZC_SERVER_API_PREFIX "/sessions/current", token);
    g_autoptr(ZcServerResponse) by_digest = call (f, "GET", ZC_SERVER_API_PREFIX "/sessions/current", digest);

    g_assert_cmpuint (current->status, ==, 200);
    /* the digest itself is no token */
    g_assert_cmpuint (by_digest->status, ==, 401);
  }
}

/* Hardening 5: a database of schema 3 with a session in clear keeps it,
 * hashed, after the upgrade */
static void
test_token_migration (Fixture       *f,
                      gconstpointer  data)
{
  const char *token = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *hashed = g_strdup_printf ("SELECT count(*) FROM sessions WHERE token = '%s'", digest);
  g_autoptr(GError) error = NULL;
  g_autofree char *insert = g_strdup_printf (
    "INSERT INTO sessions VALUES ('%s', 'clerk', '2020-01-01T00:00:00Z', '2999-01-01T00:00:00Z');"
    /* schema 3 had no Idempotency-Key fingerprints (schema 5 adds them) */
    "ALTER TABLE idempotency DROP COLUMN fingerprint;"
    "ALTER TABLE idempotent_replies DROP COLUMN fingerprint;"
    /* nor the clerk's answers of a case (schema 6 adds them) */
    "ALTER TABLE cases DROP COLUMN answers;"
    /* nor the name typed by hand (schema 7) */
    "ALTER TABLE cases DROP COLUMN applicant_typed_name;"
    /* nor commitments, their verifications and credit records (schema 8) */
    "DROP TABLE verifications;"
    "DROP TABLE commitments;"
    "DROP TABLE credit_records;"
    "PRAGMA user_version = 3;", token);

  zc_test_exec (f->db, "DELETE FROM sessions");
  zc_test_exec (f->db, insert);
  g_clear_object (&f->api);
  g_clear_pointer (&f->db, zc_server_db_close);
  f->db = zc_server_db_open (f->path, &error);
  g_assert_no_error (error);
  f->api = zc_server_api_new (f->db, NULL);

  g_assert_cmpint (zc_test_count (f->db, "PRAGMA user_version"), >=, 4);
  g_assert_cmpint (zc_test_count (f->db, hashed), ==, 1);
  {
    g_autoptr(ZcServerResponse) current = call (f, "GET", ZC_SERVER_API_PREFIX "/sessions/current", token);

    g_assert_cmpuint (current->status, ==, 200);
  }
}

/* Hardening 4: an unknown name is answered as a known one: 401 four
 * times, then 423 with the same message, the same members, the time
 * explicit (RFC 3339 UTC for clients, 北京时间 in the message) */
static void
test_unknown_like_known (Fixture       *f,
                         gconstpointer  data)
{
  const char *names[] = { "helper", "nobody" };
  char *messages[2] = { NULL, NULL };   /* (g_autofree on an array frees its first element only) */

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      for (guint i = 1; i <= ZC_SERVER_MAX_FAILED_LOGINS + 1; i++)
        {
          g_autoptr(ZcServerResponse) r = post_login (f, "10.0.0.2", names[n], "wrong");
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *error = error_of (r, parser);

          if (i < ZC_SERVER_MAX_FAILED_LOGINS)
            {
              g_assert_cmpuint (r->status, ==, 401);
              continue;
            }
          g_assert_cmpuint (r->status, ==, 423);
          g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "account_locked");
          g_assert_true (g_str_has_suffix (json_object_get_string_member (error, "locked_until"), "Z"));
          g_free (messages[n]);
          /* the same words; the minute may differ */
          messages[n] = g_strdup (json_object_get_string_member (error, "message"));
          g_strcanon (messages[n], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.()", '#');
        }
    }
  g_assert_cmpstr (messages[0], ==, messages[1]);
  /* the zone of the time in the message is said */
  g_assert_nonnull (strstr (messages[0], "Beijing time"));
  g_free (messages[0]);
  g_free (messages[1]);
}

/* Hardening 4: anonymous failures from other addresses do not lock the
 * supervisor out of the window: the right password from an address that
 * did not fail still logs in; the failing address itself is throttled */
static void
test_supervisor_not_locked_out (Fixture       *f,
                                gconstpointer  data)
{
  for (guint i = 0; i < 2 * ZC_SERVER_MAX_FAILED_LOGINS; i++)
    {
      g_autofree char *address = g_strdup_printf ("10.9.0.%u", i % 3 + 1);
      g_autoptr(ZcServerResponse) r = post_login (f, address, "supervisor", "guess");

      g_assert_cmpuint (r->status, !=, 201);
    }
  {
    g_autoptr(ZcServerResponse) attacker = post_login (f, "10.9.0.1", "supervisor", PASSWORD);
    g_autoptr(ZcServerResponse) window = post_login (f, "10.1.1.1", "supervisor", PASSWORD);
    g_autofree char *token = NULL;

    g_assert_cmpuint (attacker->status, ==, 423);
    token = token_of (window);
    /* and the supervisor can unlock (the account stays usable) */
    {
      g_autoptr(ZcServerResponse) unlock =
        call (f, "POST", ZC_SERVER_API_PREFIX "/users/supervisor/unlock", token);

      g_assert_cmpuint (unlock->status, ==, 204);
    }
  }
}

/* Hardening 4: one address that keeps failing (whatever names it tries)
 * is throttled: 429 with Retry-After; other addresses are not */
static void
test_address_throttled (Fixture       *f,
                        gconstpointer  data)
{
  guint throttled_at = 0;

  for (guint i = 1; i <= 40 && throttled_at == 0; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", i);
      g_autoptr(ZcServerResponse) r = post_login (f, "10.6.6.6", name, "wrong");

      if (r->status == 429)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *error = error_of (r, parser);
          const char *retry = g_hash_table_lookup (r->headers, "Retry-After");

          g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "too_many_attempts");
          g_assert_nonnull (retry);
          g_assert_cmpuint (g_ascii_strtoull (retry, NULL, 10), >, 0);
          throttled_at = i;
        }
      else
        g_assert_cmpuint (r->status, ==, 401);
    }
  g_assert_cmpuint (throttled_at, >, ZC_SERVER_MAX_FAILED_LOGINS);
  {
    g_autoptr(ZcServerResponse) other = post_login (f, "10.7.7.7", "clerk", PASSWORD);

    g_assert_cmpuint (other->status, ==, 201);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/server/login/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("token-digest", test_token_digest);
  ADD ("token-migration", test_token_migration);
  ADD ("unknown-like-known", test_unknown_like_known);
  ADD ("supervisor-not-locked-out", test_supervisor_not_locked_out);
  ADD ("address-throttled", test_address_throttled);
#undef ADD
  return g_test_run ();
}
