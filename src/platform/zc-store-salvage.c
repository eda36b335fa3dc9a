/* zc-store-salvage.c — what can be read of a damaged local store, copied
 * into a fresh one (docs/domain.md, rule 7: nothing typed at the counter
 * is lost; what cannot be saved is said)
 *
 * A damaged page makes a query fail where it is met, not before: each
 * table is read one row at a time by its rowid ("the next row after the
 * last one read"), and a row that cannot be read is stepped over by
 * trying the next rowid, up to MAX_MISSES in a row (a damaged interior
 * page hides a whole range). Values are copied as SQLite gives them
 * (sqlite3_value), so the columns need not be named here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-store-private.h"

#define MAX_MISSES 4096

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The columns of @table in @to, the fresh store: "a, b, c" */
static char *
column_list (sqlite3    *to,
             const char *table)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) list = g_string_new (NULL);

  if (sqlite3_prepare_v2 (to, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append (list, (const char *) sqlite3_column_text (stmt, 1));
    }
  return list->len > 0 ? g_string_free (g_steal_pointer (&list), FALSE) : NULL;
}

/* Copies the rows of @table matching @where (SQL on @from's columns)
 * that can be read; returns how many were copied; sets *@unreadable
 * when some could not be read */
static guint
salvage_table (sqlite3    *from,
               sqlite3    *to,
               const char *table,
               const char *where,
               gboolean   *unreadable)
{
  g_autofree char *columns = column_list (to, table);
  g_autofree char *select_sql = NULL;
  g_autofree char *insert_sql = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GString) marks = g_string_new (NULL);
  sqlite3_int64 last = G_MININT64;
  guint copied = 0, misses = 0;
  int n;

  if (columns == NULL)
    return 0;
  n = 1;
  for (const char *c = columns; *c != '\0'; c++)
    n += *c == ',';
  for (int i = 0; i < n; i++)
    g_string_append (marks, i == 0 ? "?" : ", ?");

  /* (a damaged file of an older format, without a newer column, gives
   * nothing of this table: the statement does not prepare) */
  select_sql = g_strdup_printf ("SELECT rowid, %s FROM %s WHERE rowid > ?1 AND (%s) ORDER BY rowid LIMIT 1",
                                columns, table, where);
  insert_sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s) VALUES (%s)", table, columns, marks->str);
  if (sqlite3_prepare_v2 (from, select_sql, -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (to, insert_sql, -1, &insert, NULL) != SQLITE_OK)
    return 0;

  while (misses < MAX_MISSES)
    {
      int rc;

      sqlite3_reset (select);
      sqlite3_bind_int64 (select, 1, last);
      rc = sqlite3_step (select);
      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          /* this row (or the page under it) cannot be read: the next */
          if (last == G_MININT64)
            last = 0;
          last++;
          misses++;
          *unreadable = TRUE;
          continue;
        }
      misses = 0;
      last = sqlite3_column_int64 (select, 0);
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
      for (int i = 0; i < n; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i + 1));
      if (sqlite3_step (insert) == SQLITE_DONE && sqlite3_changes (to) == 1)
        copied++;
    }
  return copied;
}

void
_zc_store_salvage (sqlite3        *from,
                   sqlite3        *to,
                   ZcStoreSalvage *salvage)
{
  memset (salvage, 0, sizeof *salvage);
  if (sqlite3_exec (to, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return;
  /* what was never delivered first: queued (0) and refused (2) */
  salvage->unsent = salvage_table (from, to, "outbox", "state IN (0, 2)", &salvage->unreadable);
  salvage->drafts = salvage_table (from, to, "drafts", "1", &salvage->unreadable);
  salvage->history = salvage_table (from, to, "outbox", "state NOT IN (0, 2)", &salvage->unreadable);
  /* material files not uploaded yet (their bytes; a damaged file of
   * format 2 has none) */
  salvage_table (from, to, "material_files", "document_id IS NULL", &salvage->unreadable);
  /* never the same local reference twice */
  salvage_table (from, to, "local_refs", "1", &salvage->unreadable);
  if (sqlite3_exec (to, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_exec (to, "ROLLBACK", NULL, NULL, NULL);
      memset (salvage, 0, sizeof *salvage);
    }
}
