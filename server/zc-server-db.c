/* zc-server-db.c — the zc-platform SQLite store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "zc-collate.h"
#include "zc-server-auth.h"
#include "zc-server-db.h"
#include "zc-server-resources.h"

#define ZC_SERVER_SCHEMA_VERSION 10
#define ZC_SERVER_SCHEMA_RESOURCE "/org/zongchuang/Platform/zc-server-schema.sql"

struct _ZcServerDb
{
  sqlite3 *handle;
  ZcClock *clock;      /* every time the platform writes comes from here */
  char    *files_dir;  /* PATH.files: the documents' bytes (zc-server-upload.c) */
};

G_DEFINE_QUARK (zc-server-db-error-quark, zc_server_db_error)

static ZcServerDbError
error_code_of (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ZC_SERVER_DB_ERROR_BUSY;
    case SQLITE_FULL:
      return ZC_SERVER_DB_ERROR_FULL;
    default:
      return ZC_SERVER_DB_ERROR_SQL;
    }
}

gboolean
zc_server_db_set_error (ZcServerDb  *db,
                        GError     **error)
{
  int code = sqlite3_errcode (db->handle);

  g_set_error (error, ZC_SERVER_DB_ERROR, error_code_of (code),
               _("Database error: %s"), sqlite3_errmsg (db->handle));
  return FALSE;
}

gboolean
zc_server_db_exec (ZcServerDb  *db,
                   const char  *sql,
                   GError     **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (db->handle, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, ZC_SERVER_DB_ERROR, error_code_of (rc),
                   _("Database error: %s"), msg ? msg : sqlite3_errmsg (db->handle));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
zc_server_db_prepare (ZcServerDb  *db,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      zc_server_db_set_error (db, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static int
get_user_version (ZcServerDb *db)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (db, "PRAGMA user_version", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0);
  return -1;
}

/* Steps from one schema version to the next: migrations[i] takes a
 * database from version i + 1 to i + 2. Only ADD: existing databases
 * (e.g. a user's embedded demo database at version 1) keep their data. */
static const char *const migrations[] = {
  /* 1 → 2: claiming, materials, notifications */
  "ALTER TABLE cases ADD COLUMN materials TEXT;"        /* JSON object: material code → state */
  "ALTER TABLE cases ADD COLUMN held_since TEXT;"       /* when the holder took it */
  "CREATE TABLE notifications ("
  "  id INTEGER PRIMARY KEY,"
  "  username TEXT NOT NULL,"                           /* who is told */
  "  at TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"                               /* case.takeover */
  "  case_id INTEGER REFERENCES cases(id),"
  "  by_user TEXT,"
  "  message TEXT NOT NULL);"
  "CREATE INDEX notifications_by_user ON notifications(username, id);",
  /* 2 → 3: the audit trail is append-only — no row of it is ever changed
   * or removed, whoever holds the database (tamper evidence; the review
   * adds the hash chain) */
  "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
  "BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
  "BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;",
  /* 3 → 4: sessions keep the SHA-256 of the token, never the token
   * (zc_server_token_digest; zc_sha256 is registered in db_open), so the
   * sessions open at the upgrade stay open */
  "UPDATE sessions SET token = zc_sha256 (token);",
  /* 4 → 5: an Idempotency-Key is bound to what it was used for: the
   * SHA-256 of method, path and body (NULL on rows made before) */
  "ALTER TABLE idempotency ADD COLUMN fingerprint TEXT;"
  "ALTER TABLE idempotent_replies ADD COLUMN fingerprint TEXT;",
  /* 5 → 6: the clerk's yes/no answers to the item's questions (JSON
   * object: question code → boolean; NULL on cases made before) */
  "ALTER TABLE cases ADD COLUMN answers TEXT;",
  /* 6 → 7: the applicant's name as typed by hand at the counter while
   * the licence library could not be reached (未核验), or NULL */
  "ALTER TABLE cases ADD COLUMN applicant_typed_name TEXT;",
  /* 7 → 8: commitments (容缺 and 告知承诺), their 事后核查 and the credit
   * records that bar 告知承诺 (zc-server-commitments.c). A commitment's
   * materials and supplied ones are JSON arrays of material codes, its
   * signature the Signature object, its documents an array of ids. */
  "CREATE TABLE credit_records ("
  "  id INTEGER PRIMARY KEY,"
  "  applicant TEXT NOT NULL REFERENCES applicants(key),"
  "  kind TEXT NOT NULL CHECK (kind IN ('serious_breach','false_commitment')),"
  "  description TEXT NOT NULL,"
  "  since TEXT NOT NULL,"                              /* date */
  "  repaired_on TEXT,"                                 /* date or NULL */
  "  commitment_id INTEGER);"                           /* the false commitment */
  "CREATE INDEX credit_records_by_applicant ON credit_records(applicant);"
  "CREATE TABLE commitments ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases(id),"
  "  kind TEXT NOT NULL CHECK (kind IN ('tolerance','commitment')),"
  "  materials TEXT NOT NULL,"
  "  supplied TEXT NOT NULL DEFAULT '[]',"
  "  departments TEXT NOT NULL DEFAULT '[]',"
  "  deadline TEXT,"                                    /* date: 容缺 supplement, or a proof */
  "  deadline_provisional INTEGER NOT NULL DEFAULT 0,"
  "  verification_due TEXT,"                            /* date: 事后核查, set on approval */
  "  verification_method TEXT,"
  "  obligations TEXT,"
  "  state TEXT NOT NULL,"
  "  signature TEXT NOT NULL,"
  "  documents TEXT NOT NULL DEFAULT '[]',"
  "  created_at TEXT NOT NULL,"
  "  created_by TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL);"
  "CREATE INDEX commitments_by_case ON commitments(case_id);"
  "CREATE INDEX commitments_by_state ON commitments(state, deadline);"
  "CREATE TABLE verifications ("
  "  id INTEGER PRIMARY KEY,"
  "  commitment_id INTEGER NOT NULL REFERENCES commitments(id),"
  "  method TEXT NOT NULL,"
  "  result TEXT NOT NULL CHECK (result IN ('confirmed','false_commitment')),"
  "  note TEXT,"
  "  verified_at TEXT NOT NULL,"
  "  verified_by TEXT NOT NULL,"
  "  department TEXT);",
  /* 8 → 9: video sessions of the remote window (zc-server-video.c); a
   * join code belongs to one session at a time until that one ends */
  "CREATE TABLE video_sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases(id),"
  "  join_code TEXT NOT NULL,"                          /* six digits */
  "  state TEXT NOT NULL,"                              /* waiting | connected | ended */
  "  created_by TEXT NOT NULL,"
  "  window TEXT,"
  "  created_at TEXT NOT NULL,"
  "  expires_at TEXT NOT NULL,"
  "  ended_at TEXT,"
  "  consent INTEGER);"                                 /* the citizen's answer on recording, or NULL */
  "CREATE UNIQUE INDEX video_sessions_live_code ON video_sessions(join_code) WHERE state <> 'ended';"
  "CREATE INDEX video_sessions_by_case ON video_sessions(case_id);",
  /* 9 → 10: the documents of a case (scanned or imported materials): the
   * row describes, the bytes are a file named by their SHA-256 in the
   * folder beside the database (zc_server_db_get_files_dir), written and
   * synced before the row is inserted */
  "CREATE TABLE documents ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases(id),"
  "  material TEXT,"                                    /* the material code, NULL for letters */
  "  kind TEXT NOT NULL,"                               /* DocumentKind of the contract */
  "  name TEXT NOT NULL,"
  "  media_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  sha256 TEXT NOT NULL,"                             /* lower-case hex; the file's name */
  "  created_at TEXT NOT NULL,"
  "  created_by TEXT NOT NULL);"
  "CREATE INDEX documents_by_case ON documents(case_id, id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ZC_SERVER_SCHEMA_VERSION - 1);

static gboolean
migrate (ZcServerDb  *db,
         int          from,
         GError     **error)
{
  for (int version = from; version < ZC_SERVER_SCHEMA_VERSION; version++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!zc_server_db_begin (db, error))
        return FALSE;
      if (!zc_server_db_exec (db, migrations[version - 1], error) ||
          !zc_server_db_exec (db, pragma, error) ||
          !zc_server_db_commit (db, error))
        {
          zc_server_db_rollback (db);
          return FALSE;
        }
    }
  return TRUE;
}

/* zc_sha256 (text): the token digest of zc-server-auth.c, for migration 4 */
/* COLLATE zh: names in pinyin order, as every list at the counter is
 * (src/core/zc-collate.c); on PostgreSQL the same is an ICU collation */
static int
sql_collate_zh (void       *user_data,
                int         a_len,
                const void *a,
                int         b_len,
                const void *b)
{
  return zc_collate_chinese (a, a_len, b, b_len);
}

static void
sql_sha256 (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  const unsigned char *text = sqlite3_value_text (argv[0]);
  g_autofree char *digest = NULL;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  digest = zc_server_token_digest ((const char *) text);
  sqlite3_result_text (context, digest, -1, SQLITE_TRANSIENT);
}

static gboolean
apply_schema (ZcServerDb  *db,
              GError     **error)
{
  g_autoptr(GBytes) schema = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pragma = NULL;
  gsize len = 0;
  const char *data;

  schema = g_resource_lookup_data (zc_server_get_resource (),
                                   ZC_SERVER_SCHEMA_RESOURCE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (schema == NULL)
    return FALSE;
  data = g_bytes_get_data (schema, &len);
  sql = g_strndup (data, len);

  if (!zc_server_db_begin (db, error))
    return FALSE;
  /* the schema file is version 1; migrate () adds the rest */
  pragma = g_strdup ("PRAGMA user_version = 1");
  if (!zc_server_db_exec (db, sql, error) ||
      !zc_server_db_exec (db, pragma, error) ||
      !zc_server_db_commit (db, error))
    {
      zc_server_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

ZcServerDb *
zc_server_db_open (const char  *path,
                   GError     **error)
{
  g_autoptr(ZcServerDb) db = g_new0 (ZcServerDb, 1);
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  db->clock = g_object_ref (zc_clock_get_default ());
  db->files_dir = g_strconcat (path, ".files", NULL);
  /* every applicant's name, ID number and address: a new database is
   * its owner's only (SQLite gives its WAL the same mode), like the
   * documents folder beside it; an existing one keeps the mode its
   * administrator gave it */
  if (*path != '\0' && g_strcmp0 (path, ":memory:") != 0 &&
      !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

      if (fd >= 0)
        g_close (fd, NULL);
    }
  rc = sqlite3_open_v2 (path, &db->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ZC_SERVER_DB_ERROR, ZC_SERVER_DB_ERROR_OPEN,
                   _("Cannot open the database: %s"),
                   db->handle ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (db->handle, 0);
  sqlite3_busy_timeout (db->handle, ZC_SERVER_DB_BUSY_TIMEOUT_MS);
  sqlite3_create_function (db->handle, "zc_sha256", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                           NULL, sql_sha256, NULL, NULL);
  sqlite3_create_collation (db->handle, "zh", SQLITE_UTF8, NULL, sql_collate_zh);

  if (!zc_server_db_exec (db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                              "PRAGMA synchronous=NORMAL", error))
    return NULL;

  version = get_user_version (db);
  if (version < 0)
    {
      zc_server_db_set_error (db, error);
      return NULL;
    }
  if (version == 0)
    {
      if (!apply_schema (db, error))
        return NULL;
      version = 1;
    }
  else if (version > ZC_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, ZC_SERVER_DB_ERROR, ZC_SERVER_DB_ERROR_SCHEMA,
                   _("The database was made by a newer zc-platform (schema %d)"),
                   version);
      return NULL;
    }
  if (version < ZC_SERVER_SCHEMA_VERSION && !migrate (db, version, error))
    return NULL;

  return g_steal_pointer (&db);
}

void
zc_server_db_close (ZcServerDb *db)
{
  if (db == NULL)
    return;
  if (db->handle != NULL)
    sqlite3_close_v2 (db->handle);
  g_clear_object (&db->clock);
  g_free (db->files_dir);
  g_free (db);
}

const char *
zc_server_db_get_files_dir (ZcServerDb *db)
{
  return db->files_dir;
}

sqlite3 *
zc_server_db_get_handle (ZcServerDb *db)
{
  return db->handle;
}

void
zc_server_db_set_busy_timeout (ZcServerDb *db,
                               guint       msec)
{
  sqlite3_busy_timeout (db->handle, (int) MIN (msec, G_MAXINT));
}

gboolean
zc_server_db_begin (ZcServerDb  *db,
                    GError     **error)
{
  return zc_server_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
zc_server_db_commit (ZcServerDb  *db,
                     GError     **error)
{
  return zc_server_db_exec (db, "COMMIT", error);
}

void
zc_server_db_rollback (ZcServerDb *db)
{
  if (!sqlite3_get_autocommit (db->handle))
    sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
zc_server_db_is_empty (ZcServerDb *db)
{
  g_autoptr(sqlite3_stmt) stmt =
    zc_server_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM users)", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0) == 0;
  return FALSE;
}

char *
zc_server_db_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

void
zc_server_db_set_clock (ZcServerDb *db,
                        ZcClock    *clock)
{
  g_return_if_fail (db != NULL);
  g_return_if_fail (ZC_IS_CLOCK (clock));

  g_set_object (&db->clock, clock);
}

ZcClock *
zc_server_db_get_clock (ZcServerDb *db)
{
  return db->clock;
}

GDateTime *
zc_server_db_now (ZcServerDb *db)
{
  return zc_clock_now_utc (db->clock);
}

char *
zc_server_db_now_iso (ZcServerDb *db)
{
  return zc_clock_now_iso (db->clock);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
zc_server_db_add_event (ZcServerDb  *db,
                        const char  *actor,
                        const char  *role,
                        const char  *window,
                        const char  *action,
                        gint64       case_id,
                        gint64       task_id,
                        const char  *subject,
                        const char  *from,
                        const char  *to,
                        const char  *reason,
                        const char  *detail_json,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = zc_server_db_now_iso (db);

  stmt = zc_server_db_prepare (db,
    "INSERT INTO events (at, actor, role, window, action, case_id, task_id, "
    "subject, from_state, to_state, reason, detail) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, actor ? actor : "platform");
  bind_text_or_null (stmt, 3, role ? role : "platform");
  bind_text_or_null (stmt, 4, window);
  bind_text_or_null (stmt, 5, action ? action : "unknown");
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 6, case_id);
  else
    sqlite3_bind_null (stmt, 6);
  if (task_id > 0)
    sqlite3_bind_int64 (stmt, 7, task_id);
  else
    sqlite3_bind_null (stmt, 7);
  bind_text_or_null (stmt, 8, subject);
  bind_text_or_null (stmt, 9, from);
  bind_text_or_null (stmt, 10, to);
  bind_text_or_null (stmt, 11, reason);
  bind_text_or_null (stmt, 12, detail_json);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return zc_server_db_set_error (db, error);
  return TRUE;
}
