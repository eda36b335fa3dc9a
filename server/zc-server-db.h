/* zc-server-db.h — the zc-platform SQLite store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "zc-clock.h"

G_BEGIN_DECLS

#define ZC_SERVER_DB_ERROR (zc_server_db_error_quark ())

typedef enum
{
  ZC_SERVER_DB_ERROR_OPEN,
  ZC_SERVER_DB_ERROR_SQL,
  ZC_SERVER_DB_ERROR_SCHEMA,
  ZC_SERVER_DB_ERROR_BUSY,
  ZC_SERVER_DB_ERROR_FULL,    /* the disk (or the database's size limit) is full */
} ZcServerDbError;

GQuark zc_server_db_error_quark (void);

typedef struct _ZcServerDb ZcServerDb;

/* Opens (creates) @path with WAL, foreign keys and a busy timeout, and
 * applies the schema in one transaction when user_version is 0. */
ZcServerDb   *zc_server_db_open        (const char   *path,
                                        GError      **error);
void          zc_server_db_close       (ZcServerDb   *db);

sqlite3      *zc_server_db_get_handle  (ZcServerDb   *db);
/* "PATH.files": the folder beside the database holding the documents'
 * bytes, one file per SHA-256 (created on first upload). */
const char   *zc_server_db_get_files_dir (ZcServerDb *db);

/* How long a statement waits for another connection's lock before it
 * fails as ZC_SERVER_DB_ERROR_BUSY (the api answers 503 busy). */
#define ZC_SERVER_DB_BUSY_TIMEOUT_MS 5000
void          zc_server_db_set_busy_timeout (ZcServerDb *db,
                                             guint       msec);

/* Runs SQL without results (may be several statements). */
gboolean      zc_server_db_exec        (ZcServerDb   *db,
                                        const char   *sql,
                                        GError      **error);
/* A prepared statement or NULL with @error set. Finalize with
 * sqlite3_finalize (or g_autoptr (sqlite3_stmt)). */
sqlite3_stmt *zc_server_db_prepare     (ZcServerDb   *db,
                                        const char   *sql,
                                        GError      **error);
/* Sets @error from the handle's last error. Always returns FALSE. */
gboolean      zc_server_db_set_error   (ZcServerDb   *db,
                                        GError      **error);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. rollback never fails loudly. */
gboolean      zc_server_db_begin       (ZcServerDb   *db,
                                        GError      **error);
gboolean      zc_server_db_commit      (ZcServerDb   *db,
                                        GError      **error);
void          zc_server_db_rollback    (ZcServerDb   *db);

/* TRUE when there are no users (a fresh database). */
gboolean      zc_server_db_is_empty    (ZcServerDb   *db);

/* The platform's clock (the default clock unless set): every time it
 * writes, every "today" it computes. */
void          zc_server_db_set_clock   (ZcServerDb   *db,
                                        ZcClock      *clock);
ZcClock      *zc_server_db_get_clock   (ZcServerDb   *db);
GDateTime    *zc_server_db_now         (ZcServerDb   *db);
/* "2026-11-27T09:30:00Z" (UTC, RFC 3339) */
char         *zc_server_db_now_iso     (ZcServerDb   *db);
char         *zc_server_db_format_time (GDateTime    *time);

/* Appends one audit event. Any string may be NULL; @case_id / @task_id
 * <= 0 store NULL. @detail_json must be a JSON text or NULL. */
gboolean      zc_server_db_add_event   (ZcServerDb   *db,
                                        const char   *actor,
                                        const char   *role,
                                        const char   *window,
                                        const char   *action,
                                        gint64        case_id,
                                        gint64        task_id,
                                        const char   *subject,
                                        const char   *from,
                                        const char   *to,
                                        const char   *reason,
                                        const char   *detail_json,
                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcServerDb, zc_server_db_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
