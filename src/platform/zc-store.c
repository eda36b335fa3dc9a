/* zc-store.c — the workstation's local SQLite store: drafts and the
 * outbox.
 *
 * One connection per store, guarded by a mutex: the _sync calls run on
 * the caller's thread, the _async ones on a GTask worker thread; both
 * take the mutex around every statement, so a transaction is never
 * interleaved. Every write is one transaction (BEGIN IMMEDIATE …
 * COMMIT) with synchronous=FULL in WAL mode: once a save returns, a
 * crash of the process (or of the machine) keeps it.
 *
 * Bodies are JSON text. A body that does not parse is reported as
 * ZC_STORE_ERROR_CORRUPT for that row only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "zc-calendar.h"
#include "zc-clock.h"
#include "zc-json.h"
#include "zc-store-private.h"

#define SCHEMA_VERSION 3
#define BUSY_TIMEOUT_MS 5000

G_DEFINE_QUARK (zc-store-error-quark, zc_store_error)

struct _ZcStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GMutex      lock;
  /* local_ref → sequence number of the newest async save written, so
   * that an older save finishing late never overwrites a newer one */
  GHashTable *written_seq;
  gint64      next_seq;      /* guarded by lock */
  /* found damaged at opening: where the damaged file was kept, and what
   * to tell the person at the counter */
  char       *damaged_path;
  char       *recovery_notice;
};

G_DEFINE_FINAL_TYPE (ZcStore, zc_store, G_TYPE_OBJECT)

enum
{
  SIGNAL_OUTBOX_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean queue_waiting_files_locked (ZcStore     *self,
                                            const char  *username,
                                            const char  *local_ref,
                                            GError     **error);
static gboolean store_task_finish_boolean (gpointer       source_object,
                                           GAsyncResult  *result,
                                           gpointer       source_tag,
                                           GError       **error);

/* --- the outbox entry --- */

struct _ZcOutboxEntry
{
  GObject       parent_instance;

  gint64        id;
  char         *username;
  char         *kind;
  char         *local_ref;
  JsonObject   *body;         /* NULL when the stored body is damaged */
  char         *idem_key;
  GDateTime    *created_at;
  ZcOutboxState state;
  guint         attempts;
  GDateTime    *next_attempt; /* may be NULL */
  char         *last_error;
  gint64        case_id;
  char         *case_number;
};

G_DEFINE_FINAL_TYPE (ZcOutboxEntry, zc_outbox_entry, G_TYPE_OBJECT)

static void
zc_outbox_entry_finalize (GObject *object)
{
  ZcOutboxEntry *self = ZC_OUTBOX_ENTRY (object);

  g_free (self->username);
  g_free (self->kind);
  g_free (self->local_ref);
  g_clear_pointer (&self->body, json_object_unref);
  g_free (self->idem_key);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->next_attempt, g_date_time_unref);
  g_free (self->last_error);
  g_free (self->case_number);

  G_OBJECT_CLASS (zc_outbox_entry_parent_class)->finalize (object);
}

static void
zc_outbox_entry_class_init (ZcOutboxEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zc_outbox_entry_finalize;
}

static void
zc_outbox_entry_init (ZcOutboxEntry *self)
{
}

gint64
zc_outbox_entry_get_id (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), 0);
  return self->id;
}

const char *
zc_outbox_entry_get_local_ref (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), NULL);
  return self->local_ref;
}

const char *
zc_outbox_entry_get_username (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), NULL);
  return self->username;
}

const char *
zc_outbox_entry_get_kind (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), NULL);
  return self->kind;
}

JsonObject *
zc_outbox_entry_get_body (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), NULL);
  return self->body;
}

const char *
zc_outbox_entry_get_idempotency_key (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), NULL);
  return self->idem_key;
}

GDateTime *
zc_outbox_entry_get_created_at (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), NULL);
  return self->created_at;
}

ZcOutboxState
zc_outbox_entry_get_state (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), ZC_OUTBOX_QUEUED);
  return self->state;
}

guint
zc_outbox_entry_get_attempts (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), 0);
  return self->attempts;
}

GDateTime *
zc_outbox_entry_get_next_attempt (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), NULL);
  return self->next_attempt;
}

const char *
zc_outbox_entry_get_last_error (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), NULL);
  return self->last_error;
}

const char *
zc_outbox_entry_get_case_number (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), NULL);
  return self->case_number;
}

gint64
zc_outbox_entry_get_case_id (ZcOutboxEntry *self)
{
  g_return_val_if_fail (ZC_IS_OUTBOX_ENTRY (self), 0);
  return self->case_id;
}

/* --- the main loop watch ---
 *
 * The rule "the main loop never blocks" is checked here: every statement
 * run by a callback the main loop dispatches (the thread owns the default
 * GMainContext and is inside g_main_context_dispatch()) is counted. Code
 * that runs outside any dispatch (a test's own checks between two
 * iterations, GApplication::activate) is not. Tests assert the count
 * stays 0 through a reception, a submission and its delivery. */

static gint main_loop_statements;   /* atomic */

static inline void
watch_statement (const char *sql)
{
  if (G_UNLIKELY (g_main_depth () > 0 && g_main_context_is_owner (g_main_context_default ())))
    {
      g_atomic_int_inc (&main_loop_statements);
      g_debug ("store statement on the main loop: %s", sql);
    }
}

/**
 * zc_store_debug_get_main_loop_statements:
 *
 * Returns: how many SQLite statements (and opens) ran, since the last
 *   reset, on a thread that owned the default main context
 */
guint
zc_store_debug_get_main_loop_statements (void)
{
  return (guint) g_atomic_int_get (&main_loop_statements);
}

void
zc_store_debug_reset_main_loop_statements (void)
{
  g_atomic_int_set (&main_loop_statements, 0);
}

/* --- helpers (call with the lock held) --- */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* @sentence: translated; sqlite's detail follows in parentheses (it
 * names tables and constraints, never row contents) */
static void
set_db_error (ZcStore    *self,
              GError    **error,
              const char *sentence)
{
  g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_IO,
               "%s (%s)", sentence, sqlite3_errmsg (self->db));
}

static gboolean
exec (ZcStore    *self,
      const char *sql,
      GError    **error)
{
  char *message = NULL;

  watch_statement (sql);
  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_IO,
                   _("The local store could not be written: %s"),
                   message != NULL ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (ZcStore    *self,
         const char *sql,
         GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  watch_statement (sql);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error, _("The local store cannot be read."));
      return NULL;
    }
  return stmt;
}

static gboolean
begin (ZcStore  *self,
       GError  **error)
{
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (ZcStore  *self,
        GError  **error)
{
  if (!exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (ZcStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  return (const char *) sqlite3_column_text (stmt, index);
}

/* "2026-11-27T08:15:30.123456Z": sorts as text in time order */
static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = zc_clock_now_utc (zc_clock_get_default ());

  return format_time (now);
}

static JsonObject *
parse_body (const char  *text,
            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  if (text == NULL ||
      (root = zc_json_parse (text, -1, 2 * ZC_JSON_MAX_DEPTH, NULL)) == NULL ||
      json_node_get_node_type (root) != JSON_NODE_OBJECT)
    {
      g_set_error_literal (error, ZC_STORE_ERROR, ZC_STORE_ERROR_CORRUPT,
                           _("The saved data is damaged and cannot be read."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static char *
body_to_text (JsonObject *body)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, body);
  return zc_json_to_data (node, FALSE, NULL);
}

/* --- opening --- */

static gboolean
migrate (ZcStore  *self,
         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version;

  if ((stmt = prepare (self, "PRAGMA user_version", error)) == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_db_error (self, error, _("The local store cannot be read."));
      return FALSE;
    }
  version = sqlite3_column_int (stmt, 0);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_OPEN,
                   _("The local store was written by a newer version of this program (format %d)."),
                   version);
      return FALSE;
    }
  if (version == SCHEMA_VERSION)
    return TRUE;

  if (!begin (self, error))
    return FALSE;
  if (version < 1 &&
      !exec (self,
             "CREATE TABLE IF NOT EXISTS drafts ("
             "  local_ref  TEXT PRIMARY KEY,"
             "  username   TEXT NOT NULL,"
             "  body       TEXT NOT NULL,"
             "  updated_at TEXT NOT NULL);"
             "CREATE INDEX IF NOT EXISTS drafts_by_user ON drafts (username, updated_at);"
             "CREATE TABLE IF NOT EXISTS outbox ("
             "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
             "  username     TEXT NOT NULL,"
             "  kind         TEXT NOT NULL,"
             "  local_ref    TEXT,"
             "  body         TEXT NOT NULL,"
             "  idem_key     TEXT NOT NULL UNIQUE,"
             "  created_at   TEXT NOT NULL,"
             "  state        INTEGER NOT NULL DEFAULT 0,"
             "  attempts     INTEGER NOT NULL DEFAULT 0,"
             "  next_attempt TEXT,"
             "  last_error   TEXT,"
             "  case_id      INTEGER,"
             "  case_number  TEXT);"
             "CREATE INDEX IF NOT EXISTS outbox_by_user ON outbox (username, state, id);"
             "CREATE TABLE IF NOT EXISTS local_refs ("
             "  day  TEXT PRIMARY KEY,"
             "  last INTEGER NOT NULL);"
             "PRAGMA user_version = 1;",
             error))
    {
      rollback (self);
      return FALSE;
    }
  /* 2: a refused entry the clerk discarded (state 3) keeps when */
  if (version < 2 &&
      !exec (self,
             "ALTER TABLE outbox ADD COLUMN discarded_at TEXT;"
             "PRAGMA user_version = 2;",
             error))
    {
      rollback (self);
      return FALSE;
    }
  /* 3: material files (a material's PDF) kept with a draft or a queued
   * submission until the outbox has uploaded them (upload_document
   * entries, one per file, each with its own Idempotency-Key) */
  if (version < 3 &&
      !exec (self,
             "CREATE TABLE IF NOT EXISTS material_files ("
             "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
             "  username    TEXT NOT NULL,"
             "  local_ref   TEXT,"               /* the draft / submission it goes with */
             "  case_id     INTEGER,"            /* or a case already on the platform */
             "  material    TEXT NOT NULL,"
             "  name        TEXT NOT NULL,"
             "  sha256      TEXT NOT NULL,"
             "  size        INTEGER NOT NULL,"
             "  pdf         BLOB NOT NULL,"
             "  created_at  TEXT NOT NULL,"
             "  entry_id    INTEGER,"            /* its upload entry once queued */
             "  document_id INTEGER);"           /* on the platform once uploaded */
             "CREATE INDEX IF NOT EXISTS material_files_by_ref ON material_files (local_ref);"
             "PRAGMA user_version = 3;",
             error))
    {
      rollback (self);
      return FALSE;
    }
  return commit (self, error);
}

static char *
default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "zongchuang", "local.db", NULL);
}

/* Opens the file at self->path and brings its schema up to date; FALSE
 * with @error (ZC_STORE_ERROR_CORRUPT when the file is damaged: not a
 * database, or its quick check finds damage) */
static gboolean
open_database (ZcStore  *self,
               GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  int fd, rc;

  fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_OPEN,
                   _("The local store “%s” cannot be opened: %s"),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);

  watch_statement ("open");
  if (sqlite3_open_v2 (self->path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_OPEN,
                   _("The local store “%s” cannot be opened: %s"),
                   self->path, self->db != NULL ? sqlite3_errmsg (self->db) : "out of memory");
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (exec (self,
            "PRAGMA journal_mode = WAL;"
            "PRAGMA synchronous = FULL;"
            "PRAGMA foreign_keys = ON;",
            &local_error) &&
      migrate (self, &local_error) &&
      (check = prepare (self, "PRAGMA quick_check(1)", &local_error)) != NULL)
    {
      rc = sqlite3_step (check);
      if (rc == SQLITE_ROW && g_strcmp0 (column_text (check, 0), "ok") == 0)
        return TRUE;
      if (rc == SQLITE_ROW || (sqlite3_errcode (self->db) & 0xff) == SQLITE_CORRUPT)
        {
          g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_CORRUPT,
                       _("The local store “%s” is damaged."), self->path);
          return FALSE;
        }
      set_db_error (self, &local_error, _("The local store cannot be read."));
    }
  rc = sqlite3_errcode (self->db) & 0xff;
  g_set_error (error, ZC_STORE_ERROR,
               rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? ZC_STORE_ERROR_CORRUPT : ZC_STORE_ERROR_OPEN,
               _("The local store “%s” cannot be used: %s"),
               self->path, local_error->message);
  return FALSE;
}

/* Moves the damaged file (and its write-ahead log) aside, opens a fresh
 * one at the same place and copies into it what can still be read. */
static gboolean
recover_damaged (ZcStore  *self,
                 GError  **error)
{
  g_autoptr(GDateTime) now = zc_clock_now_china (zc_clock_get_default ());
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  g_autofree char *kept_wal = NULL;
  ZcStoreSalvage salvage = { 0 };
  sqlite3 *damaged = NULL;

  g_clear_pointer (&self->db, sqlite3_close);
  /* never over an earlier damaged file */
  self->damaged_path = g_strdup_printf ("%s.damaged-%s", self->path, stamp);
  for (guint n = 2; g_file_test (self->damaged_path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (self->damaged_path);
      self->damaged_path = g_strdup_printf ("%s.damaged-%s-%u", self->path, stamp, n);
    }
  kept_wal = g_strconcat (self->damaged_path, "-wal", NULL);
  if (g_rename (self->path, self->damaged_path) != 0)
    {
      int saved = errno;
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_OPEN,
                   _("The local store “%s” is damaged and cannot be moved aside: %s"),
                   self->path, g_strerror (saved));
      return FALSE;
    }
  /* the log holds the latest writes: it goes with the file it belongs to */
  g_rename (wal, kept_wal);
  g_unlink (shm);

  if (!open_database (self, error))
    return FALSE;

  watch_statement ("open");
  if (sqlite3_open_v2 (self->damaged_path, &damaged, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    {
      /* read only, and closing must not fold the log into the kept file */
      sqlite3_db_config (damaged, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_exec (damaged, "PRAGMA query_only = ON", NULL, NULL, NULL);
      g_mutex_lock (&self->lock);
      _zc_store_salvage (damaged, self->db, &salvage);
      g_mutex_unlock (&self->lock);
    }
  sqlite3_close (damaged);

  g_message ("The local store was damaged and kept aside; recovered %u unsent outbox entries, "
             "%u drafts, %u delivered entries%s",
             salvage.unsent, salvage.drafts, salvage.history,
             salvage.unreadable ? "; some rows could not be read" : "");
  {
    g_autofree char *kept = g_path_get_basename (self->damaged_path);
    g_autofree char *what = g_strdup_printf (_("The local database of this computer was damaged and was kept "
                                               "as %s. Recovered: %u unsent submissions, %u unfinished "
                                               "receptions."),
                                             kept, salvage.unsent, salvage.drafts);

    self->recovery_notice = salvage.unreadable
      ? g_strconcat (what, " ", _("Some entries could not be read: check the receptions of the last days "
                                  "on the platform."), NULL)
      : g_steal_pointer (&what);
  }
  return TRUE;
}

/**
 * zc_store_new:
 * @path: (nullable): the database file; NULL = the default location
 *
 * Opens (creating when missing, with mode 0600: drafts hold personal
 * data) the store and brings its schema up to date. A damaged file is
 * not an error: it is kept beside (zc_store_get_damaged_path()), a fresh
 * store takes its place with what could be read of it, and
 * zc_store_get_recovery_notice() says so.
 *
 * Returns: (transfer full): the store, or NULL with ZC_STORE_ERROR_OPEN
 */
ZcStore *
zc_store_new (const char  *path,
              GError     **error)
{
  g_autoptr(ZcStore) self = g_object_new (ZC_TYPE_STORE, NULL);
  g_autofree char *dir = NULL;
  g_autoptr(GError) local_error = NULL;

  self->path = path != NULL ? g_strdup (path) : default_path ();
  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_OPEN,
                   _("The folder of the local store “%s” cannot be made: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }

  if (!open_database (self, &local_error))
    {
      if (!g_error_matches (local_error, ZC_STORE_ERROR, ZC_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
      if (!recover_damaged (self, &local_error))
        {
          g_set_error_literal (error, ZC_STORE_ERROR, ZC_STORE_ERROR_OPEN, local_error->message);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

/**
 * zc_store_get_damaged_path:
 *
 * Returns: (nullable): where the damaged file found at opening was kept
 */
const char *
zc_store_get_damaged_path (ZcStore *self)
{
  g_return_val_if_fail (ZC_IS_STORE (self), NULL);
  return self->damaged_path;
}

/**
 * zc_store_get_recovery_notice:
 *
 * Returns: (nullable): when the file was found damaged at opening, what
 *   happened and what was recovered, for the person at the counter
 *   (translated); else NULL
 */
const char *
zc_store_get_recovery_notice (ZcStore *self)
{
  g_return_val_if_fail (ZC_IS_STORE (self), NULL);
  return self->recovery_notice;
}

const char *
zc_store_get_path (ZcStore *self)
{
  g_return_val_if_fail (ZC_IS_STORE (self), NULL);
  return self->path;
}

static void
zc_store_finalize (GObject *object)
{
  ZcStore *self = ZC_STORE (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->damaged_path);
  g_free (self->recovery_notice);
  g_hash_table_unref (self->written_seq);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (zc_store_parent_class)->finalize (object);
}

static void
zc_store_class_init (ZcStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = zc_store_finalize;

  /**
   * ZcStore::outbox-changed:
   *
   * An outbox entry was appended or changed state (emitted on the thread
   * that made the change, after the commit).
   */
  signals[SIGNAL_OUTBOX_CHANGED] =
    g_signal_new ("outbox-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
zc_store_init (ZcStore *self)
{
  g_mutex_init (&self->lock);
  self->written_seq = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* --- drafts --- */

/**
 * zc_store_new_local_ref:
 *
 * A fresh local reference "L-YYYYMMDD-NNNN" (local date, a counter per
 * day kept in the store: unique per store, readable over the phone).
 * Past 9999 on one day the counter simply grows wider.
 *
 * Returns: (transfer full) (nullable): the reference; NULL only if the
 *   store cannot be written (logged)
 */
char *
zc_store_new_local_ref (ZcStore *self)
{
  /* the counter's day: China time, like the platform's numbers */
  g_autoptr(GDateTime) now = zc_date_time_now_china ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = 0;

  g_return_val_if_fail (ZC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, &error))
    goto failed;
  if ((stmt = prepare (self,
                       "INSERT INTO local_refs (day, last) VALUES (?1, 1) "
                       "ON CONFLICT (day) DO UPDATE SET last = last + 1 "
                       "RETURNING last", &error)) == NULL)
    goto failed;
  bind_text (stmt, 1, day);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_db_error (self, &error, _("The local store cannot make a local reference."));
      goto failed;
    }
  n = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!commit (self, &error))
    goto failed;

  return g_strdup_printf ("L-%s-%04" G_GINT64_FORMAT, day, n);

failed:
  rollback (self);
  g_warning ("No local reference: %s", error->message);
  return NULL;
}

/* The INSERT … ON CONFLICT of one draft, inside a transaction the
 * caller began (and rolls back on failure). */
static gboolean
save_draft_in_transaction (ZcStore    *self,
                           const char *local_ref,
                           const char *username,
                           const char *text,
                           const char *now,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if ((stmt = prepare (self,
                       "INSERT INTO drafts (local_ref, username, body, updated_at) "
                       "VALUES (?1, ?2, ?3, ?4) "
                       "ON CONFLICT (local_ref) DO UPDATE SET "
                       "  username = excluded.username, body = excluded.body, "
                       "  updated_at = excluded.updated_at", error)) == NULL)
    return FALSE;
  bind_text (stmt, 1, local_ref);
  bind_text (stmt, 2, username);
  bind_text (stmt, 3, text);
  bind_text (stmt, 4, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The draft cannot be saved in the local store."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_draft_locked (ZcStore    *self,
                   const char *local_ref,
                   const char *username,
                   const char *text,
                   GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_text ();

  if (!begin (self, error))
    return FALSE;
  if ((stmt = prepare (self,
                       "INSERT INTO drafts (local_ref, username, body, updated_at) "
                       "VALUES (?1, ?2, ?3, ?4) "
                       "ON CONFLICT (local_ref) DO UPDATE SET "
                       "  username = excluded.username, body = excluded.body, "
                       "  updated_at = excluded.updated_at", error)) == NULL)
    {
      rollback (self);
      return FALSE;
    }
  bind_text (stmt, 1, local_ref);
  bind_text (stmt, 2, username);
  bind_text (stmt, 3, text);
  bind_text (stmt, 4, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The draft cannot be saved in the local store."));
      rollback (self);
      return FALSE;
    }
  return commit (self, error);
}

/**
 * zc_store_save_draft_sync:
 *
 * Saves (replaces) the draft @local_ref of @username; durable once it
 * returns TRUE.
 */
gboolean
zc_store_save_draft_sync (ZcStore     *self,
                          const char  *local_ref,
                          const char  *username,
                          JsonObject  *body,
                          GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (ZC_IS_STORE (self), FALSE);
  g_return_val_if_fail (local_ref != NULL && username != NULL && body != NULL, FALSE);

  text = body_to_text (body);
  locker = g_mutex_locker_new (&self->lock);
  ok = save_draft_locked (self, local_ref, username, text, error);
  if (ok)
    /* an async save asked for before this one must not overwrite it */
    g_hash_table_insert (self->written_seq, g_strdup (local_ref),
                         GSIZE_TO_POINTER ((gsize) ++self->next_seq));
  return ok;
}

typedef struct
{
  char  *local_ref;
  char  *username;
  char  *text;
  gint64 seq;
} SaveDraft;

static void
save_draft_free (gpointer data)
{
  SaveDraft *save = data;

  g_free (save->local_ref);
  g_free (save->username);
  g_free (save->text);
  g_free (save);
}

static void
save_draft_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ZcStore *self = source_object;
  SaveDraft *save = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GError *error = NULL;
  gpointer written;

  /* a newer save of the same draft already ran: this one is stale */
  if (g_hash_table_lookup_extended (self->written_seq, save->local_ref, NULL, &written) &&
      (gint64) GPOINTER_TO_SIZE (written) > save->seq)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!save_draft_locked (self, save->local_ref, save->username, save->text, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_hash_table_insert (self->written_seq, g_strdup (save->local_ref),
                       GSIZE_TO_POINTER ((gsize) save->seq));
  g_task_return_boolean (task, TRUE);
}

/**
 * zc_store_save_draft_async:
 *
 * The body is serialised now (on the caller's thread); the write runs on
 * a worker thread. Saves of one draft land in the order they were
 * asked for: a late older save never overwrites a newer one.
 */
void
zc_store_save_draft_async (ZcStore             *self,
                           const char          *local_ref,
                           const char          *username,
                           JsonObject          *body,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveDraft *save;

  g_return_if_fail (ZC_IS_STORE (self));
  g_return_if_fail (local_ref != NULL && username != NULL && body != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_store_save_draft_async);

  save = g_new0 (SaveDraft, 1);
  save->local_ref = g_strdup (local_ref);
  save->username = g_strdup (username);
  save->text = body_to_text (body);
  g_mutex_lock (&self->lock);
  save->seq = ++self->next_seq;
  g_mutex_unlock (&self->lock);
  g_task_set_task_data (task, save, save_draft_free);
  g_task_run_in_thread (task, save_draft_thread);
}

gboolean
zc_store_save_draft_finish (ZcStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return store_task_finish_boolean (self, result, zc_store_save_draft_async, error);
}

/**
 * zc_store_load_draft:
 *
 * Returns: (transfer full): the draft's body; NULL with
 *   ZC_STORE_ERROR_NOT_FOUND, ZC_STORE_ERROR_CORRUPT or ZC_STORE_ERROR_IO
 */
JsonObject *
zc_store_load_draft (ZcStore     *self,
                     const char  *local_ref,
                     GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (ZC_IS_STORE (self), NULL);
  g_return_val_if_fail (local_ref != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if ((stmt = prepare (self, "SELECT body FROM drafts WHERE local_ref = ?1", error)) == NULL)
    return NULL;
  bind_text (stmt, 1, local_ref);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND,
                   _("There is no draft %s."), local_ref);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, _("The draft cannot be read from the local store."));
      return NULL;
    }
  return parse_body (column_text (stmt, 0), error);
}

/**
 * zc_store_list_drafts:
 *
 * Returns: (transfer full): the local references of @username's drafts,
 *   newest first (an empty vector when there are none); NULL on error
 */
GStrv
zc_store_list_drafts (ZcStore     *self,
                      const char  *username,
                      GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (ZC_IS_STORE (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);
  if ((stmt = prepare (self,
                       "SELECT local_ref FROM drafts WHERE username = ?1 "
                       "ORDER BY updated_at DESC, rowid DESC", error)) == NULL)
    return NULL;
  bind_text (stmt, 1, username);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("The drafts cannot be listed from the local store."));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * zc_store_delete_draft:
 *
 * Deleting a draft that does not exist is ZC_STORE_ERROR_NOT_FOUND.
 */
gboolean
zc_store_delete_draft (ZcStore     *self,
                       const char  *local_ref,
                       GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ZC_IS_STORE (self), FALSE);
  g_return_val_if_fail (local_ref != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return FALSE;
  if ((stmt = prepare (self, "DELETE FROM drafts WHERE local_ref = ?1", error)) == NULL)
    {
      rollback (self);
      return FALSE;
    }
  bind_text (stmt, 1, local_ref);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The draft cannot be deleted from the local store."));
      rollback (self);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      rollback (self);
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND,
                   _("There is no draft %s."), local_ref);
      return FALSE;
    }
  /* material files kept with it and never queued (a submission queues
   * them before its draft goes) go with it */
  g_clear_pointer (&stmt, sqlite3_finalize);
  if ((stmt = prepare (self, "DELETE FROM material_files WHERE local_ref = ?1 AND entry_id IS NULL",
                       error)) == NULL)
    {
      rollback (self);
      return FALSE;
    }
  bind_text (stmt, 1, local_ref);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The draft cannot be deleted from the local store."));
      rollback (self);
      return FALSE;
    }
  g_hash_table_remove (self->written_seq, local_ref);
  return commit (self, error);
}

/* --- the outbox --- */

#define ENTRY_COLUMNS \
  "id, username, kind, local_ref, body, idem_key, created_at, state, attempts, " \
  "next_attempt, last_error, case_id, case_number"

static GDateTime *
parse_time (const char *text)
{
  if (text == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (text, NULL);
}

/* A damaged body leaves entry->body NULL (the outbox sets the entry
 * aside); the rest of the row is still shown. */
static ZcOutboxEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  ZcOutboxEntry *entry = g_object_new (ZC_TYPE_OUTBOX_ENTRY, NULL);
  int state;

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->username = g_strdup (column_text (stmt, 1));
  entry->kind = g_strdup (column_text (stmt, 2));
  entry->local_ref = g_strdup (column_text (stmt, 3));
  entry->body = parse_body (column_text (stmt, 4), NULL);
  entry->idem_key = g_strdup (column_text (stmt, 5));
  entry->created_at = parse_time (column_text (stmt, 6));
  if (entry->created_at == NULL)
    entry->created_at = zc_clock_now_utc (zc_clock_get_default ());
  state = sqlite3_column_int (stmt, 7);
  entry->state = (state >= ZC_OUTBOX_QUEUED && state <= ZC_OUTBOX_DISCARDED)
    ? (ZcOutboxState) state : ZC_OUTBOX_REFUSED;
  entry->attempts = (guint) MAX (0, sqlite3_column_int (stmt, 8));
  entry->next_attempt = parse_time (column_text (stmt, 9));
  entry->last_error = g_strdup (column_text (stmt, 10));
  entry->case_id = sqlite3_column_int64 (stmt, 11);
  entry->case_number = g_strdup (column_text (stmt, 12));
  return entry;
}

static ZcOutboxEntry *
get_entry_locked (ZcStore     *self,
                  gint64       id,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if ((stmt = prepare (self, "SELECT " ENTRY_COLUMNS " FROM outbox WHERE id = ?1", error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND,
                   _("There is no outbox entry %lld."), (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, _("The outbox cannot be read from the local store."));
      return NULL;
    }
  return entry_from_row (stmt);
}

/**
 * zc_store_outbox_get:
 *
 * Returns: (transfer full): the entry @id as stored now
 */
ZcOutboxEntry *
zc_store_outbox_get (ZcStore     *self,
                     gint64       id,
                     GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (ZC_IS_STORE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  return get_entry_locked (self, id, error);
}

/**
 * zc_store_outbox_append:
 * @local_ref: (nullable): the draft it came from
 *
 * Appends a queued entry; its created_at is now (the client's reception
 * time) and its Idempotency-Key a fresh random UUID.
 *
 * Returns: (transfer full): the entry as stored
 */
ZcOutboxEntry *
zc_store_outbox_append (ZcStore     *self,
                        const char  *username,
                        const char  *kind,
                        const char  *local_ref,
                        JsonObject  *body,
                        GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *now = now_text ();
  ZcOutboxEntry *entry;
  gint64 id;

  g_return_val_if_fail (ZC_IS_STORE (self), NULL);
  g_return_val_if_fail (username != NULL && kind != NULL && body != NULL, NULL);

  text = body_to_text (body);
  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return NULL;
  if ((stmt = prepare (self,
                       "INSERT INTO outbox (username, kind, local_ref, body, idem_key, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)) == NULL)
    {
      rollback (self);
      return NULL;
    }
  bind_text (stmt, 1, username);
  bind_text (stmt, 2, kind);
  bind_text (stmt, 3, local_ref);
  bind_text (stmt, 4, text);
  bind_text (stmt, 5, key);
  bind_text (stmt, 6, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The entry cannot be added to the outbox."));
      rollback (self);
      return NULL;
    }
  id = sqlite3_last_insert_rowid (self->db);
  /* the files kept with the draft go up after it, in the same order */
  if (g_strcmp0 (kind, ZC_OUTBOX_KIND_SUBMIT_CASE) == 0 && local_ref != NULL &&
      !queue_waiting_files_locked (self, username, local_ref, error))
    {
      rollback (self);
      return NULL;
    }
  if (!commit (self, error))
    return NULL;
  entry = get_entry_locked (self, id, error);
  g_clear_pointer (&locker, g_mutex_locker_free);
  g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0);
  return entry;
}

/* The entries in @state, oldest first, at most @max (0: all) */
static GListModel *
outbox_list_limited (ZcStore       *self,
                     const char    *username,
                     ZcOutboxState  state,
                     guint          max,
                     GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GListStore) list = g_list_store_new (ZC_TYPE_OUTBOX_ENTRY);
  int rc;

  locker = g_mutex_locker_new (&self->lock);
  if ((stmt = prepare (self,
                       "SELECT " ENTRY_COLUMNS " FROM outbox "
                       "WHERE state = ?1 AND (?2 IS NULL OR username = ?2) ORDER BY id LIMIT ?3", error)) == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) state);
  bind_text (stmt, 2, username);
  sqlite3_bind_int64 (stmt, 3, max > 0 ? (sqlite3_int64) max : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ZcOutboxEntry) entry = entry_from_row (stmt);

      g_list_store_append (list, entry);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("The outbox cannot be read from the local store."));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * zc_store_outbox_list:
 * @username: (nullable): whose entries; NULL = everybody's
 *
 * Returns: (transfer full): the entries in @state, oldest first
 */
GListModel *
zc_store_outbox_list (ZcStore       *self,
                      const char    *username,
                      ZcOutboxState  state,
                      GError       **error)
{
  g_return_val_if_fail (ZC_IS_STORE (self), NULL);

  return outbox_list_limited (self, username, state, 0, error);
}

/**
 * zc_store_outbox_count:
 * @username: (nullable): whose entries; NULL = everybody's
 *
 * Returns: how many entries are in @state (0 on error, logged)
 */
guint
zc_store_outbox_count (ZcStore       *self,
                       const char    *username,
                       ZcOutboxState  state)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ZC_IS_STORE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  if ((stmt = prepare (self,
                       "SELECT count(*) FROM outbox WHERE state = ?1 AND (?2 IS NULL OR username = ?2)",
                       &error)) == NULL)
    {
      g_warning ("%s", error->message);
      return 0;
    }
  sqlite3_bind_int (stmt, 1, (int) state);
  bind_text (stmt, 2, username);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int (stmt, 0);
}

/* One UPDATE of entry @id in its own transaction; NOT_FOUND when no
 * such entry. */
static gboolean
update_entry (ZcStore     *self,
              gint64       id,
              const char  *sql,
              GError     **error,
              void       (*bind) (sqlite3_stmt *stmt, gconstpointer data),
              gconstpointer data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!begin (self, error))
    return FALSE;
  if ((stmt = prepare (self, sql, error)) == NULL)
    {
      rollback (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  bind (stmt, data);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The outbox entry cannot be updated."));
      rollback (self);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      rollback (self);
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND,
                   _("There is no outbox entry %lld."), (long long) id);
      return FALSE;
    }
  if (!commit (self, error))
    return FALSE;
  g_clear_pointer (&locker, g_mutex_locker_free);
  g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0);
  return TRUE;
}

typedef struct
{
  gint64      case_id;
  const char *text1;
  const char *text2;
} Marks;

static void
bind_sent (sqlite3_stmt  *stmt,
           gconstpointer  data)
{
  const Marks *marks = data;

  sqlite3_bind_int (stmt, 2, ZC_OUTBOX_SENT);
  sqlite3_bind_int64 (stmt, 3, marks->case_id);
  bind_text (stmt, 4, marks->text1);
}

gboolean
zc_store_outbox_mark_sent (ZcStore     *self,
                           gint64       id,
                           gint64       case_id,
                           const char  *case_number,
                           GError     **error)
{
  Marks marks = { case_id, case_number, NULL };

  g_return_val_if_fail (ZC_IS_STORE (self), FALSE);
  return update_entry (self, id,
                       "UPDATE outbox SET state = ?2, case_id = ?3, case_number = ?4, "
                       "  attempts = attempts + 1, next_attempt = NULL, last_error = NULL "
                       "WHERE id = ?1",
                       error, bind_sent, &marks);
}

static void
bind_refused (sqlite3_stmt  *stmt,
              gconstpointer  data)
{
  const Marks *marks = data;

  sqlite3_bind_int (stmt, 2, ZC_OUTBOX_REFUSED);
  bind_text (stmt, 3, marks->text1);
}

gboolean
zc_store_outbox_mark_refused (ZcStore     *self,
                              gint64       id,
                              const char  *reason,
                              GError     **error)
{
  Marks marks = { 0, reason, NULL };

  g_return_val_if_fail (ZC_IS_STORE (self), FALSE);
  return update_entry (self, id,
                       "UPDATE outbox SET state = ?2, last_error = ?3, "
                       "  attempts = attempts + 1, next_attempt = NULL "
                       "WHERE id = ?1",
                       error, bind_refused, &marks);
}

static void
bind_retry (sqlite3_stmt  *stmt,
            gconstpointer  data)
{
  const Marks *marks = data;

  bind_text (stmt, 2, marks->text1);
  bind_text (stmt, 3, marks->text2);
}

/**
 * zc_store_outbox_mark_retry:
 * @next_attempt: (nullable): when to try again
 *
 * Counts a failed attempt; the entry stays queued.
 */
gboolean
zc_store_outbox_mark_retry (ZcStore     *self,
                            gint64       id,
                            GDateTime   *next_attempt,
                            const char  *reason,
                            GError     **error)
{
  g_autofree char *when = next_attempt != NULL ? format_time (next_attempt) : NULL;
  Marks marks = { 0, when, reason };

  g_return_val_if_fail (ZC_IS_STORE (self), FALSE);
  return update_entry (self, id,
                       "UPDATE outbox SET attempts = attempts + 1, next_attempt = ?2, last_error = ?3 "
                       "WHERE id = ?1 AND state = 0",
                       error, bind_retry, &marks);
}

/**
 * zc_store_outbox_requeue:
 *
 * Puts a refused entry back in the queue (after the clerk fixed the
 * cause), keeping its Idempotency-Key and place in the order.
 */
gboolean
zc_store_outbox_requeue (ZcStore     *self,
                         gint64       id,
                         GError     **error)
{
  Marks marks = { 0, NULL, NULL };

  g_return_val_if_fail (ZC_IS_STORE (self), FALSE);
  return update_entry (self, id,
                       "UPDATE outbox SET state = 0, next_attempt = ?2, last_error = ?3 "
                       "WHERE id = ?1 AND state = 2",
                       error, bind_retry, &marks);
}

/**
 * zc_store_outbox_discard:
 *
 * The clerk gives up a refused entry: it leaves the refused list but is
 * kept for the record (state DISCARDED, discarded_at now). Only a
 * refused entry can be discarded (NOT_FOUND otherwise).
 */
gboolean
zc_store_outbox_discard (ZcStore     *self,
                         gint64       id,
                         GError     **error)
{
  g_autofree char *now = now_text ();
  Marks marks = { 0, now, NULL };

  g_return_val_if_fail (ZC_IS_STORE (self), FALSE);
  return update_entry (self, id,
                       "UPDATE outbox SET state = 3, discarded_at = ?2 "
                       "WHERE id = ?1 AND state = 2",
                       error, bind_retry, &marks);
}

/**
 * zc_store_outbox_take_for_correction:
 * @username: the clerk who corrects it (owns the draft)
 *
 * Copies the body of the refused entry @id back into a draft — its
 * local_ref when it has one, else a fresh one — and discards the entry,
 * in one transaction. The corrected reception is submitted again as a
 * NEW outbox entry (new Idempotency-Key).
 *
 * Returns: (transfer full): the draft's local reference, or NULL
 */
char *
zc_store_outbox_take_for_correction (ZcStore     *self,
                                     gint64       id,
                                     const char  *username,
                                     GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *local_ref = NULL;
  g_autofree char *text = NULL;
  g_autofree char *now = now_text ();
  g_autoptr(JsonObject) body = NULL;
  int rc;

  g_return_val_if_fail (ZC_IS_STORE (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  /* a fresh reference is allocated before the transaction (it takes
   * the lock itself); unused when the entry has its own */
  {
    g_autoptr(ZcOutboxEntry) entry = zc_store_outbox_get (self, id, error);

    if (entry == NULL)
      return NULL;
    if (entry->local_ref != NULL && entry->local_ref[0] != '\0')
      local_ref = g_strdup (entry->local_ref);
    else if ((local_ref = zc_store_new_local_ref (self)) == NULL)
      {
        g_set_error_literal (error, ZC_STORE_ERROR, ZC_STORE_ERROR_IO,
                             _("The local store could not give a new local reference."));
        return NULL;
      }
  }

  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return NULL;
  /* a submission only: an upload's body names a file, it is no draft */
  if ((select = prepare (self, "SELECT body FROM outbox WHERE id = ?1 AND state = 2 "
                               "AND kind = '" ZC_OUTBOX_KIND_SUBMIT_CASE "'", error)) == NULL)
    goto failed;
  sqlite3_bind_int64 (select, 1, id);
  rc = sqlite3_step (select);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND,
                   _("There is no refused outbox entry %lld."), (long long) id);
      goto failed;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, _("The outbox cannot be read from the local store."));
      goto failed;
    }
  if ((body = parse_body (column_text (select, 0), error)) == NULL)
    goto failed;
  text = body_to_text (body);
  g_clear_pointer (&select, sqlite3_finalize);

  if (!save_draft_in_transaction (self, local_ref, username, text, now, error))
    goto failed;
  if ((update = prepare (self,
                         "UPDATE outbox SET state = 3, discarded_at = ?2 WHERE id = ?1 AND state = 2",
                         error)) == NULL)
    goto failed;
  sqlite3_bind_int64 (update, 1, id);
  bind_text (update, 2, now);
  if (sqlite3_step (update) != SQLITE_DONE || sqlite3_changes (self->db) != 1)
    {
      set_db_error (self, error, _("The outbox entry cannot be updated."));
      goto failed;
    }
  if (!commit (self, error))
    return NULL;
  /* a late async save of an older body must not overwrite this draft */
  g_hash_table_insert (self->written_seq, g_strdup (local_ref),
                       GSIZE_TO_POINTER ((gsize) ++self->next_seq));
  g_clear_pointer (&locker, g_mutex_locker_free);
  g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0);
  return g_steal_pointer (&local_ref);

failed:
  rollback (self);
  return NULL;
}

/* --- material files ------------------------------------------------ */

/* Inside a transaction: an upload_document entry for file @file_id
 * (its body names the file, never holds its bytes) */
static gboolean
queue_file_locked (ZcStore     *self,
                   gint64       file_id,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *text = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *now = now_text ();
  g_autofree char *username = NULL;
  g_autofree char *local_ref = NULL;
  gint64 entry_id;

  if ((stmt = prepare (self, "SELECT username, local_ref, case_id, material, name, sha256, size "
                             "FROM material_files WHERE id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, file_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_db_error (self, error, _("The material file cannot be read from the local store."));
      return FALSE;
    }
  username = g_strdup (column_text (stmt, 0));
  local_ref = g_strdup (column_text (stmt, 1));
  json_object_set_int_member (body, "file", file_id);
  if (local_ref != NULL)
    json_object_set_string_member (body, "local_ref", local_ref);
  if (sqlite3_column_int64 (stmt, 2) > 0)
    json_object_set_int_member (body, "case_id", sqlite3_column_int64 (stmt, 2));
  json_object_set_string_member (body, "material", column_text (stmt, 3));
  json_object_set_string_member (body, "name", column_text (stmt, 4));
  json_object_set_string_member (body, "sha256", column_text (stmt, 5));
  json_object_set_int_member (body, "size", sqlite3_column_int64 (stmt, 6));
  g_clear_pointer (&stmt, sqlite3_finalize);
  text = body_to_text (body);

  if ((stmt = prepare (self,
                       "INSERT INTO outbox (username, kind, local_ref, body, idem_key, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)) == NULL)
    return FALSE;
  bind_text (stmt, 1, username);
  bind_text (stmt, 2, ZC_OUTBOX_KIND_UPLOAD_DOCUMENT);
  bind_text (stmt, 3, local_ref);
  bind_text (stmt, 4, text);
  bind_text (stmt, 5, key);
  bind_text (stmt, 6, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The entry cannot be added to the outbox."));
      return FALSE;
    }
  entry_id = sqlite3_last_insert_rowid (self->db);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if ((stmt = prepare (self, "UPDATE material_files SET entry_id = ?2 WHERE id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, file_id);
  sqlite3_bind_int64 (stmt, 2, entry_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The entry cannot be added to the outbox."));
      return FALSE;
    }
  return TRUE;
}

/* Inside a transaction: the files of @local_ref not uploaded and not
 * waiting in the queue (never queued, or their entry set aside) get an
 * upload entry each */
static gboolean
queue_waiting_files_locked (ZcStore     *self,
                            const char  *username,
                            const char  *local_ref,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if ((stmt = prepare (self,
                       "SELECT f.id FROM material_files f LEFT JOIN outbox o ON o.id = f.entry_id "
                       "WHERE f.local_ref = ?1 AND f.username = ?2 AND f.document_id IS NULL "
                       "  AND (f.entry_id IS NULL OR o.state IN (2, 3)) ORDER BY f.id", error)) == NULL)
    return FALSE;
  bind_text (stmt, 1, local_ref);
  bind_text (stmt, 2, username);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < ids->len; i++)
    if (!queue_file_locked (self, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

/**
 * zc_store_add_material_file:
 *
 * Keeps @pdf as material @material of @local_ref (a draft or a
 * submission) or of the platform's case @case_id (> 0), in one
 * transaction: when the case is on the platform or its submission is in
 * the outbox already, an upload_document entry is queued behind it;
 * otherwise the file waits with the draft and is queued with its
 * submission (zc_store_outbox_append of a submit_case entry).
 *
 * Returns: the file's id, 0 on error
 */
gint64
zc_store_add_material_file (ZcStore     *self,
                            const char  *username,
                            const char  *local_ref,
                            gint64       case_id,
                            const char  *material,
                            const char  *name,
                            GBytes      *pdf,
                            GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *now = now_text ();
  gsize size = 0;
  const void *data;
  gboolean submitted = case_id > 0;
  gint64 id;

  g_return_val_if_fail (ZC_IS_STORE (self), 0);
  g_return_val_if_fail (username != NULL && material != NULL && name != NULL && pdf != NULL, 0);
  g_return_val_if_fail (local_ref != NULL || case_id > 0, 0);

  data = g_bytes_get_data (pdf, &size);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  locker = g_mutex_locker_new (&self->lock);
  if (!begin (self, error))
    return 0;
  if ((stmt = prepare (self,
                       "INSERT INTO material_files (username, local_ref, case_id, material, name, "
                       "  sha256, size, pdf, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                       error)) == NULL)
    {
      rollback (self);
      return 0;
    }
  bind_text (stmt, 1, username);
  bind_text (stmt, 2, local_ref);
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 3, case_id);
  bind_text (stmt, 4, material);
  bind_text (stmt, 5, name);
  bind_text (stmt, 6, sha256);
  sqlite3_bind_int64 (stmt, 7, (sqlite3_int64) size);
  sqlite3_bind_blob64 (stmt, 8, data != NULL ? data : "", size, SQLITE_STATIC);
  bind_text (stmt, 9, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The material file cannot be kept in the local store."));
      rollback (self);
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* taken in again before the submission: the new paper replaces the
   * one waiting with the draft (never one queued or uploaded) */
  if (local_ref != NULL && case_id <= 0)
    {
      if ((stmt = prepare (self,
                           "DELETE FROM material_files WHERE local_ref = ?1 AND username = ?2 "
                           "  AND material = ?3 AND id <> ?4 AND entry_id IS NULL AND document_id IS NULL",
                           error)) == NULL)
        {
          rollback (self);
          return 0;
        }
      bind_text (stmt, 1, local_ref);
      bind_text (stmt, 2, username);
      bind_text (stmt, 3, material);
      sqlite3_bind_int64 (stmt, 4, id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_db_error (self, error, _("The material file cannot be kept in the local store."));
          rollback (self);
          return 0;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  if (!submitted)
    {
      /* its submission queued or sent already */
      if ((stmt = prepare (self,
                           "SELECT 1 FROM outbox WHERE kind = ?1 AND local_ref = ?2 AND state IN (0, 1)",
                           error)) == NULL)
        {
          rollback (self);
          return 0;
        }
      bind_text (stmt, 1, ZC_OUTBOX_KIND_SUBMIT_CASE);
      bind_text (stmt, 2, local_ref);
      submitted = sqlite3_step (stmt) == SQLITE_ROW;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (submitted && !queue_file_locked (self, id, error))
    {
      rollback (self);
      return 0;
    }
  if (!commit (self, error))
    return 0;
  g_clear_pointer (&locker, g_mutex_locker_free);
  if (submitted)
    g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0);
  return id;
}

/* The bytes of material file @id */
GBytes *
zc_store_load_material_file (ZcStore     *self,
                             gint64       id,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ZC_IS_STORE (self), NULL);

  if ((stmt = prepare (self, "SELECT pdf FROM material_files WHERE id = ?1", error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, ZC_STORE_ERROR, ZC_STORE_ERROR_NOT_FOUND,
                   _("The material file is no longer in the local store."));
      return NULL;
    }
  return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
}

/**
 * zc_store_material_files_of_draft:
 *
 * The material files kept with @local_ref for @username, the newest of
 * each material: material code → its PDF (GBytes). Blocking: call it
 * on a worker thread.
 *
 * Returns: (transfer full): the table (empty when none), NULL on error
 */
GHashTable *
zc_store_material_files_of_draft (ZcStore     *self,
                                  const char  *username,
                                  const char  *local_ref,
                                  GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) files = NULL;
  int rc;

  g_return_val_if_fail (ZC_IS_STORE (self), NULL);
  g_return_val_if_fail (username != NULL && local_ref != NULL, NULL);

  files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  locker = g_mutex_locker_new (&self->lock);
  if ((stmt = prepare (self, "SELECT material, pdf FROM material_files "
                             "WHERE local_ref = ?1 AND username = ?2 ORDER BY id", error)) == NULL)
    return NULL;
  bind_text (stmt, 1, local_ref);
  bind_text (stmt, 2, username);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (files, g_strdup (column_text (stmt, 0)),
                         g_bytes_new (sqlite3_column_blob (stmt, 1), (gsize) sqlite3_column_bytes (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, _("The material file cannot be read from the local store."));
      return NULL;
    }
  return g_steal_pointer (&files);
}

/* The platform's case of @local_ref: its sent submission's, else 0 */
gint64
zc_store_case_id_of_local_ref (ZcStore     *self,
                               const char  *local_ref,
                               GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ZC_IS_STORE (self), 0);

  if ((stmt = prepare (self,
                       "SELECT case_id FROM outbox WHERE kind = ?1 AND local_ref = ?2 AND state = 1 "
                       "  AND case_id > 0 ORDER BY id DESC LIMIT 1", error)) == NULL)
    return 0;
  bind_text (stmt, 1, ZC_OUTBOX_KIND_SUBMIT_CASE);
  bind_text (stmt, 2, local_ref);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * zc_store_material_uploaded:
 *
 * In one transaction: upload entry @entry_id is SENT (for case @case_id)
 * and its file records @document_id. Until then a retry sends the same
 * Idempotency-Key and the platform answers with the same document.
 */
gboolean
zc_store_material_uploaded (ZcStore     *self,
                            gint64       entry_id,
                            gint64       case_id,
                            gint64       document_id,
                            GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ZC_IS_STORE (self), FALSE);

  if (!begin (self, error))
    return FALSE;
  if ((stmt = prepare (self,
                       "UPDATE outbox SET state = 1, case_id = ?2, attempts = attempts + 1, "
                       "  next_attempt = NULL, last_error = NULL WHERE id = ?1", error)) == NULL)
    {
      rollback (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, case_id);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_changes (self->db) == 0)
    {
      set_db_error (self, error, _("The outbox entry cannot be updated."));
      rollback (self);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if ((stmt = prepare (self, "UPDATE material_files SET document_id = ?2, case_id = ?3 "
                             "WHERE entry_id = ?1", error)) == NULL)
    {
      rollback (self);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, document_id);
  sqlite3_bind_int64 (stmt, 3, case_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_db_error (self, error, _("The outbox entry cannot be updated."));
      rollback (self);
      return FALSE;
    }
  if (!commit (self, error))
    return FALSE;
  g_clear_pointer (&locker, g_mutex_locker_free);
  g_signal_emit (self, signals[SIGNAL_OUTBOX_CHANGED], 0);
  return TRUE;
}

/* --- the same calls on a worker thread ------------------------------ */

/* The store serialises its connection with one lock: these run the
 * blocking calls above in GTask's thread pool, so that the main loop
 * never waits for SQLite. Each is a StoreCall (the arguments, copied on
 * the caller's thread), a thread function that makes the blocking call,
 * and a finish that checks the task's source tag. */

typedef struct
{
  char         *local_ref;
  char         *username;
  char         *kind;
  char         *except;
  JsonObject   *body;
  guint         max;
  gint64        id;
  gint64        case_id;
  char         *case_number;
  char         *reason;
  GDateTime    *next_attempt;
  ZcOutboxState state;
  char         *material;
  char         *name;
  GBytes       *bytes;
  gint64        document_id;
} StoreCall;

static void
store_call_free (gpointer data)
{
  StoreCall *call = data;

  g_free (call->local_ref);
  g_free (call->username);
  g_free (call->kind);
  g_free (call->except);
  g_clear_pointer (&call->body, json_object_unref);
  g_free (call->case_number);
  g_free (call->reason);
  g_clear_pointer (&call->next_attempt, g_date_time_unref);
  g_free (call->material);
  g_free (call->name);
  g_clear_pointer (&call->bytes, g_bytes_unref);
  g_free (call);
}

/* Runs @thread_func in a task of @source_object (nullable) tagged
 * @source_tag, with @call (nullable; the task frees it) as its data */
static void
store_task_run (gpointer             source_object,
                gpointer             source_tag,
                StoreCall           *call,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                GTaskThreadFunc      thread_func)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (call != NULL)
    g_task_set_task_data (task, call, store_call_free);
  g_task_run_in_thread (task, thread_func);
}

/* From a thread function: @value (freed with @free_func) or, when it is
 * NULL, @error (NULL too: the value is NULL, no error) */
static void
store_task_return (GTask          *task,
                   gpointer        value,
                   GDestroyNotify  free_func,
                   GError         *error)
{
  if (value == NULL && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, free_func);
}

/* The value of a task of @source_object started with @source_tag */
static gpointer
store_task_finish (gpointer       source_object,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
store_task_finish_boolean (gpointer       source_object,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- drafts --- */

static void
list_draft_bodies_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  ZcStore *self = source_object;
  StoreCall *call = task_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) refs = NULL;
  g_autoptr(GPtrArray) bodies = NULL;

  refs = zc_store_list_drafts (self, call->username, &error);
  if (refs == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; refs[i] != NULL; i++)
    {
      JsonObject *body;

      if (call->except != NULL && g_str_equal (refs[i], call->except))
        continue;
      body = zc_store_load_draft (self, refs[i], NULL);
      if (body == NULL)
        continue;
      json_object_set_string_member (body, "local_ref", refs[i]);
      g_ptr_array_add (bodies, body);
      if (call->max > 0 && bodies->len >= call->max)
        break;
    }
  g_task_return_pointer (task, g_steal_pointer (&bodies), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * zc_store_list_draft_bodies_async:
 * @except: (nullable): a draft left out (the one being edited)
 * @max: at most this many (0 = all)
 *
 * Loads @username's drafts, newest first, on a worker thread; a damaged
 * one is left out. Each body carries its "local_ref".
 */
void
zc_store_list_draft_bodies_async (ZcStore             *self,
                                  const char          *username,
                                  const char          *except,
                                  guint                max,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));
  g_return_if_fail (username != NULL);

  call = g_new0 (StoreCall, 1);
  call->username = g_strdup (username);
  call->except = g_strdup (except);
  call->max = max;
  store_task_run (self, zc_store_list_draft_bodies_async, call, cancellable, callback, user_data,
                  list_draft_bodies_thread);
}

/**
 * zc_store_list_draft_bodies_finish:
 *
 * Returns: (transfer full) (element-type JsonObject): the drafts' bodies
 */
GPtrArray *
zc_store_list_draft_bodies_finish (ZcStore       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return store_task_finish (self, result, zc_store_list_draft_bodies_async, error);
}

static void
load_draft_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  JsonObject *body = zc_store_load_draft (source_object, call->local_ref, &error);

  store_task_return (task, body, (GDestroyNotify) json_object_unref, error);
}

void
zc_store_load_draft_async (ZcStore             *self,
                           const char          *local_ref,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));
  g_return_if_fail (local_ref != NULL);

  call = g_new0 (StoreCall, 1);
  call->local_ref = g_strdup (local_ref);
  store_task_run (self, zc_store_load_draft_async, call, cancellable, callback, user_data,
                  load_draft_thread);
}

/* Returns: (transfer full): the draft's body, or NULL with the errors
 * of zc_store_load_draft() */
JsonObject *
zc_store_load_draft_finish (ZcStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return store_task_finish (self, result, zc_store_load_draft_async, error);
}

static void
delete_draft_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;

  if (zc_store_delete_draft (source_object, call->local_ref, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
zc_store_delete_draft_async (ZcStore             *self,
                             const char          *local_ref,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));
  g_return_if_fail (local_ref != NULL);

  call = g_new0 (StoreCall, 1);
  call->local_ref = g_strdup (local_ref);
  store_task_run (self, zc_store_delete_draft_async, call, cancellable, callback, user_data,
                  delete_draft_thread);
}

gboolean
zc_store_delete_draft_finish (ZcStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return store_task_finish_boolean (self, result, zc_store_delete_draft_async, error);
}

static void
new_local_ref_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  char *ref = zc_store_new_local_ref (source_object);

  if (ref == NULL)
    g_task_return_new_error (task, ZC_STORE_ERROR, ZC_STORE_ERROR_IO,
                             "%s", _("The local store cannot make a local reference."));
  else
    g_task_return_pointer (task, ref, g_free);
}

/* zc_store_new_local_ref() on a worker thread */
void
zc_store_new_local_ref_async (ZcStore             *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (ZC_IS_STORE (self));

  store_task_run (self, zc_store_new_local_ref_async, NULL, cancellable, callback, user_data,
                  new_local_ref_thread);
}

/* Returns: (transfer full): the new reference, or NULL */
char *
zc_store_new_local_ref_finish (ZcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return store_task_finish (self, result, zc_store_new_local_ref_async, error);
}

/* --- the outbox --- */

static void
outbox_append_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  ZcOutboxEntry *entry;

  entry = zc_store_outbox_append (source_object, call->username, call->kind,
                                  call->local_ref, call->body, &error);
  store_task_return (task, entry, g_object_unref, error);
}

/**
 * zc_store_outbox_append_async:
 *
 * zc_store_outbox_append() on a worker thread; @body is copied now.
 */
void
zc_store_outbox_append_async (ZcStore             *self,
                              const char          *username,
                              const char          *kind,
                              const char          *local_ref,
                              JsonObject          *body,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));
  g_return_if_fail (username != NULL && kind != NULL && body != NULL);

  node = json_node_init_object (json_node_alloc (), body);
  copy = json_node_copy (node);
  call = g_new0 (StoreCall, 1);
  call->username = g_strdup (username);
  call->kind = g_strdup (kind);
  call->local_ref = g_strdup (local_ref);
  call->body = json_node_dup_object (copy);
  store_task_run (self, zc_store_outbox_append_async, call, cancellable, callback, user_data,
                  outbox_append_thread);
}

/* Returns: (transfer full): the new entry, or NULL */
ZcOutboxEntry *
zc_store_outbox_append_finish (ZcStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return store_task_finish (self, result, zc_store_outbox_append_async, error);
}

static void
outbox_list_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  GListModel *list = outbox_list_limited (source_object, call->username, call->state, call->max, &error);

  store_task_return (task, list, g_object_unref, error);
}

/* zc_store_outbox_list() on a worker thread */
void
zc_store_outbox_list_async (ZcStore             *self,
                            const char          *username,
                            ZcOutboxState        state,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));

  call = g_new0 (StoreCall, 1);
  call->username = g_strdup (username);
  call->state = state;
  store_task_run (self, zc_store_outbox_list_async, call, cancellable, callback, user_data,
                  outbox_list_thread);
}

/* Returns: (transfer full): a GListModel of ZcOutboxEntry, or NULL */
GListModel *
zc_store_outbox_list_finish (ZcStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return store_task_finish (self, result, zc_store_outbox_list_async, error);
}

static void
outbox_next_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  g_autoptr(GListModel) list = outbox_list_limited (source_object, call->username, ZC_OUTBOX_QUEUED,
                                                    1, &error);

  store_task_return (task, list != NULL ? g_list_model_get_item (list, 0) : NULL, g_object_unref, error);
}

/**
 * zc_store_outbox_next_async:
 * @username: (nullable): whose entries; NULL = everybody's
 *
 * Reads the oldest queued entry of @username on a worker thread (only
 * that one: a long queue is not read again for every entry sent).
 */
void
zc_store_outbox_next_async (ZcStore             *self,
                            const char          *username,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));

  call = g_new0 (StoreCall, 1);
  call->username = g_strdup (username);
  store_task_run (self, zc_store_outbox_next_async, call, cancellable, callback, user_data,
                  outbox_next_thread);
}

/* Returns: (transfer full): the oldest queued entry; NULL with @error
 * unset when nothing is queued */
ZcOutboxEntry *
zc_store_outbox_next_finish (ZcStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return store_task_finish (self, result, zc_store_outbox_next_async, error);
}

static void
outbox_counts_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  StoreCall *call = task_data;
  guint *counts = g_new0 (guint, 2);

  counts[0] = zc_store_outbox_count (source_object, call->username, ZC_OUTBOX_QUEUED);
  counts[1] = zc_store_outbox_count (source_object, call->username, ZC_OUTBOX_REFUSED);
  g_task_return_pointer (task, counts, g_free);
}

/* How many entries of @username (NULL = everybody) are queued and
 * refused, on a worker thread */
void
zc_store_outbox_counts_async (ZcStore             *self,
                              const char          *username,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));

  call = g_new0 (StoreCall, 1);
  call->username = g_strdup (username);
  store_task_run (self, zc_store_outbox_counts_async, call, cancellable, callback, user_data,
                  outbox_counts_thread);
}

gboolean
zc_store_outbox_counts_finish (ZcStore       *self,
                               GAsyncResult  *result,
                               guint         *queued,
                               guint         *refused,
                               GError       **error)
{
  g_autofree guint *counts = store_task_finish (self, result, zc_store_outbox_counts_async, error);

  if (counts == NULL)
    return FALSE;
  if (queued != NULL)
    *queued = counts[0];
  if (refused != NULL)
    *refused = counts[1];
  return TRUE;
}

static void
outbox_mark_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ZcStore *self = source_object;
  StoreCall *call = task_data;
  gpointer tag = g_task_get_source_tag (task);
  GError *error = NULL;
  gboolean ok;

  if (tag == zc_store_outbox_mark_sent_async)
    ok = zc_store_outbox_mark_sent (self, call->id, call->case_id, call->case_number, &error);
  else if (tag == zc_store_outbox_mark_refused_async)
    ok = zc_store_outbox_mark_refused (self, call->id, call->reason, &error);
  else if (tag == zc_store_outbox_mark_retry_async)
    ok = zc_store_outbox_mark_retry (self, call->id, call->next_attempt, call->reason, &error);
  else
    ok = zc_store_outbox_discard (self, call->id, &error);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  store_task_return (task, zc_store_outbox_get (self, call->id, &error), g_object_unref, error);
}

/* zc_store_outbox_mark_sent() on a worker thread; finish with
 * zc_store_outbox_mark_finish() */
void
zc_store_outbox_mark_sent_async (ZcStore             *self,
                                 gint64               id,
                                 gint64               case_id,
                                 const char          *case_number,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));

  call = g_new0 (StoreCall, 1);
  call->id = id;
  call->case_id = case_id;
  call->case_number = g_strdup (case_number);
  store_task_run (self, zc_store_outbox_mark_sent_async, call, cancellable, callback, user_data,
                  outbox_mark_thread);
}

/* zc_store_outbox_mark_refused() on a worker thread */
void
zc_store_outbox_mark_refused_async (ZcStore             *self,
                                    gint64               id,
                                    const char          *reason,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));

  call = g_new0 (StoreCall, 1);
  call->id = id;
  call->reason = g_strdup (reason);
  store_task_run (self, zc_store_outbox_mark_refused_async, call, cancellable, callback, user_data,
                  outbox_mark_thread);
}

/* zc_store_outbox_mark_retry() on a worker thread */
void
zc_store_outbox_mark_retry_async (ZcStore             *self,
                                  gint64               id,
                                  GDateTime           *next_attempt,
                                  const char          *reason,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));

  call = g_new0 (StoreCall, 1);
  call->id = id;
  call->next_attempt = next_attempt != NULL ? g_date_time_ref (next_attempt) : NULL;
  call->reason = g_strdup (reason);
  store_task_run (self, zc_store_outbox_mark_retry_async, call, cancellable, callback, user_data,
                  outbox_mark_thread);
}

/* zc_store_outbox_discard() on a worker thread */
void
zc_store_outbox_discard_async (ZcStore             *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));

  call = g_new0 (StoreCall, 1);
  call->id = id;
  store_task_run (self, zc_store_outbox_discard_async, call, cancellable, callback, user_data,
                  outbox_mark_thread);
}

/**
 * zc_store_outbox_mark_finish:
 *
 * Finishes zc_store_outbox_mark_sent_async(), _mark_refused_async(),
 * _mark_retry_async() and _discard_async().
 *
 * Returns: (transfer full): the entry as stored now, or NULL with the
 *   error of the synchronous call
 */
ZcOutboxEntry *
zc_store_outbox_mark_finish (ZcStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  gpointer tag;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  tag = g_task_get_source_tag (G_TASK (result));
  g_return_val_if_fail (tag == zc_store_outbox_mark_sent_async ||
                        tag == zc_store_outbox_mark_refused_async ||
                        tag == zc_store_outbox_mark_retry_async ||
                        tag == zc_store_outbox_discard_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
take_for_correction_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  char *local_ref = zc_store_outbox_take_for_correction (source_object, call->id, call->username, &error);

  store_task_return (task, local_ref, g_free, error);
}

/* zc_store_outbox_take_for_correction() on a worker thread */
void
zc_store_outbox_take_for_correction_async (ZcStore             *self,
                                           gint64               id,
                                           const char          *username,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));
  g_return_if_fail (username != NULL);

  call = g_new0 (StoreCall, 1);
  call->id = id;
  call->username = g_strdup (username);
  store_task_run (self, zc_store_outbox_take_for_correction_async, call, cancellable, callback, user_data,
                  take_for_correction_thread);
}

/* Returns: (transfer full): the draft's local reference, or NULL with
 * the errors of zc_store_outbox_take_for_correction() */
char *
zc_store_outbox_take_for_correction_finish (ZcStore       *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  return store_task_finish (self, result, zc_store_outbox_take_for_correction_async, error);
}

/* --- opening --- */

static void
store_new_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  StoreCall *call = task_data;
  GError *error = NULL;
  ZcStore *store = zc_store_new (call->local_ref, &error);

  store_task_return (task, store, g_object_unref, error);
}

/**
 * zc_store_new_async:
 * @path: (nullable): as for zc_store_new()
 *
 * zc_store_new() on a worker thread (opening may create the file and
 * bring its schema up to date).
 */
void
zc_store_new_async (const char          *path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  StoreCall *call = g_new0 (StoreCall, 1);

  /* (the path travels in local_ref) */
  call->local_ref = g_strdup (path);
  store_task_run (NULL, zc_store_new_async, call, cancellable, callback, user_data, store_new_thread);
}

/* Returns: (transfer full): the store, or NULL with ZC_STORE_ERROR_OPEN */
ZcStore *
zc_store_new_finish (GAsyncResult  *result,
                     GError       **error)
{
  return store_task_finish (NULL, result, zc_store_new_async, error);
}

/* --- material files on a worker thread --- */

static void
material_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ZcStore *self = source_object;
  StoreCall *call = task_data;
  gpointer tag = g_task_get_source_tag (task);
  GError *error = NULL;

  if (tag == zc_store_add_material_file_async)
    {
      gint64 id = zc_store_add_material_file (self, call->username, call->local_ref, call->case_id,
                                              call->material, call->name, call->bytes, &error);
      if (id > 0)
        g_task_return_int (task, id);
      else
        g_task_return_error (task, error);
    }
  else if (tag == zc_store_load_material_file_async)
    store_task_return (task, zc_store_load_material_file (self, call->id, &error),
                       (GDestroyNotify) g_bytes_unref, error);
  else if (tag == zc_store_case_id_of_local_ref_async)
    {
      gint64 id = zc_store_case_id_of_local_ref (self, call->local_ref, &error);

      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_int (task, id);
    }
  else if (zc_store_material_uploaded (self, call->id, call->case_id, call->document_id, &error))
    store_task_return (task, zc_store_outbox_get (self, call->id, &error), g_object_unref, error);
  else
    g_task_return_error (task, error);
}

void
zc_store_add_material_file_async (ZcStore             *self,
                                  const char          *username,
                                  const char          *local_ref,
                                  gint64               case_id,
                                  const char          *material,
                                  const char          *name,
                                  GBytes              *pdf,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  StoreCall *call;

  g_return_if_fail (ZC_IS_STORE (self));
  g_return_if_fail (username != NULL && material != NULL && name != NULL && pdf != NULL);

  call = g_new0 (StoreCall, 1);
  call->username = g_strdup (username);
  call->local_ref = g_strdup (local_ref);
  call->case_id = case_id;
  call->material = g_strdup (material);
  call->name = g_strdup (name);
  call->bytes = g_bytes_ref (pdf);
  store_task_run (self, zc_store_add_material_file_async, call, cancellable, callback, user_data,
                  material_thread);
}

/* Returns: the file's id, 0 on error */
gint64
zc_store_add_material_file_finish (ZcStore       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == zc_store_add_material_file_async, 0);
  gssize id = g_task_propagate_int (G_TASK (result), error);

  return id > 0 ? (gint64) id : 0;
}

void
zc_store_load_material_file_async (ZcStore             *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  StoreCall *call = g_new0 (StoreCall, 1);

  call->id = id;
  store_task_run (self, zc_store_load_material_file_async, call, cancellable, callback, user_data,
                  material_thread);
}

GBytes *
zc_store_load_material_file_finish (ZcStore       *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return store_task_finish (self, result, zc_store_load_material_file_async, error);
}

void
zc_store_case_id_of_local_ref_async (ZcStore             *self,
                                     const char          *local_ref,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  StoreCall *call = g_new0 (StoreCall, 1);

  call->local_ref = g_strdup (local_ref);
  store_task_run (self, zc_store_case_id_of_local_ref_async, call, cancellable, callback, user_data,
                  material_thread);
}

/* Returns: the case id, 0 when not submitted (or on error) */
gint64
zc_store_case_id_of_local_ref_finish (ZcStore       *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  id = g_task_propagate_int (G_TASK (result), error);
  return id > 0 ? (gint64) id : 0;
}

void
zc_store_material_uploaded_async (ZcStore             *self,
                                  gint64               entry_id,
                                  gint64               case_id,
                                  gint64               document_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  StoreCall *call = g_new0 (StoreCall, 1);

  call->id = entry_id;
  call->case_id = case_id;
  call->document_id = document_id;
  store_task_run (self, zc_store_material_uploaded_async, call, cancellable, callback, user_data,
                  material_thread);
}

/* Returns: (transfer full): the entry as stored now, or NULL */
ZcOutboxEntry *
zc_store_material_uploaded_finish (ZcStore       *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return store_task_finish (self, result, zc_store_material_uploaded_async, error);
}
