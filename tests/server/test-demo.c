/* test-demo.c — the demo data of zc-platform --demo (zc-server-demo.c)
 *
 * One load into a temporary database is shared by the checks; further
 * loads check idempotence, determinism and all-or-nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "zc-id.h"
#include "zc-server.h"
#include "zc-server-auth.h"
#include "zc-server-db.h"
#include "zc-server-demo.h"

static char       *tmp_dir;
static char       *db_path;
static ZcServerDb *db;          /* the shared demo database */
static double      load_seconds;

static const char *
data_dir (void)
{
  const char *dir = g_getenv ("ZC_DATA_DIR");

  return dir ? dir : ZC_SOURCE_DATADIR;
}

static gint64
query_int (ZcServerDb *on,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (on, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static GPtrArray *
query_strings (ZcServerDb *on,
               const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (on, sql, &error);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (result, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return result;
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
have_demo_data (void)
{
  g_autofree char *catalogue = g_build_filename (data_dir (), "catalogue.json", NULL);

  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/catalogue.json is not there yet");
      return FALSE;
    }
  return db != NULL;
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  gint64 t0;
  g_autofree char *catalogue = g_build_filename (data_dir (), "catalogue.json", NULL);

  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/catalogue.json is not there yet");
      return;
    }

  db = zc_server_db_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (zc_server_db_is_empty (db));

  t0 = g_get_monotonic_time ();
  g_assert_true (zc_server_demo_load (db, data_dir (), &error));
  g_assert_no_error (error);
  load_seconds = (g_get_monotonic_time () - t0) / 1e6;
  g_test_message ("demo load took %.2f s", load_seconds);
  /* < 5 s on the development machine; generous here for sanitizer builds */
  g_assert_cmpfloat (load_seconds, <, 30.0);

  g_assert_false (zc_server_db_is_empty (db));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM events WHERE action = 'demo.load'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM catalogue_items"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM catalogue_items WHERE json_valid (json) = 0"), ==, 0);
}

static void
test_applicants (void)
{
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) enterprises = NULL;

  if (!have_demo_data ())
    return;

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM applicants"), >=, 200);
  persons = query_strings (db, "SELECT key FROM applicants WHERE kind = 'person'");
  enterprises = query_strings (db, "SELECT key FROM applicants WHERE kind = 'enterprise'");
  g_assert_cmpuint (persons->len, >=, 100);
  g_assert_cmpuint (enterprises->len, >=, 30);

  for (guint i = 0; i < persons->len; i++)
    {
      g_autoptr(GError) error = NULL;

      zc_resident_id_validate (g_ptr_array_index (persons, i), NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < enterprises->len; i++)
    {
      g_autoptr(GError) error = NULL;

      zc_uscc_validate (g_ptr_array_index (enterprises, i), &error);
      g_assert_no_error (error);
    }

  /* names, phones and a few serious credit breaches */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM applicants WHERE name = '' OR address IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND "
    "(length (phone) != 11 OR substr (phone, 1, 1) != '1' OR substr (phone, 2, 1) NOT BETWEEN '3' AND '9')"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM applicants WHERE serious_credit_breach = 1"), >=, 2);
  /* a double surname */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND "
    "(name LIKE '欧阳%' OR name LIKE '司马%' OR name LIKE '诸葛%' OR name LIKE '上官%' OR name LIKE '东方%' OR name LIKE '皇甫%')"),
    >, 0);
}

static void
test_licences (void)
{
  g_autofree char *today = today_iso ();
  g_autofree char *expired_sql = g_strdup_printf (
    "SELECT count(*) FROM licences WHERE valid_until < '%s'", today);
  g_autofree char *renewed_sql = g_strdup_printf (
    "SELECT count(*) FROM licences o JOIN licences n ON o.holder = n.holder AND o.type = n.type "
    "AND o.number != n.number WHERE o.valid_until < '%s' AND n.revoked = 0 "
    "AND (n.valid_until IS NULL OR n.valid_until >= '%s') AND n.issued_on <= '%s'", today, today, today);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) photos = NULL;
  guint n_photos = 0;

  if (!have_demo_data ())
    return;

  g_assert_cmpint (query_int (db, expired_sql), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM licences WHERE revoked = 1"), >, 0);
  g_assert_cmpint (query_int (db, renewed_sql), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM licences WHERE json_valid (fields) = 0"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM licences WHERE issued_on > valid_until"), ==, 0);

  /* every licence type of the contract is there */
  g_assert_cmpint (query_int (db,
    "SELECT count(DISTINCT type) FROM licences WHERE type IN ('id_card','business_licence',"
    "'food_business_permit','household_register','birth_certificate','marriage_certificate',"
    "'disability_certificate','social_security_card','real_estate_certificate',"
    "'health_certificate','road_transport_permit')"), ==, 11);

  /* every person has an ID card whose number is the key and whose fields agree with it */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM applicants a WHERE kind = 'person' AND NOT EXISTS "
    "(SELECT 1 FROM licences l WHERE l.type = 'id_card' AND l.holder = a.key AND l.number = a.key)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'id_card' AND ("
    "json_extract (fields, '$.name') != holder_name OR "
    "replace (json_extract (fields, '$.birth_date'), '-', '') != substr (number, 7, 8) OR "
    "json_extract (fields, '$.sex') != CASE WHEN CAST (substr (number, 17, 1) AS INTEGER) % 2 = 1 THEN '男' ELSE '女' END)"),
    ==, 0);
  /* every enterprise has its business licence, number = credit code */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM applicants a WHERE kind = 'enterprise' AND NOT EXISTS "
    "(SELECT 1 FROM licences l WHERE l.type = 'business_licence' AND l.holder = a.key AND l.number = a.key)"), ==, 0);
  /* the legal representative is a demo person, also as a party */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences l WHERE type = 'business_licence' AND NOT EXISTS "
    "(SELECT 1 FROM parties p WHERE p.applicant = l.holder AND p.role = 'legal_representative' "
    "AND p.party_key = json_extract (l.fields, '$.legal_representative_id'))"), ==, 0);
  /* marriages: both spouses hold the same number and are each other's spouse */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM licences WHERE type = 'marriage_certificate'"), >, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences m WHERE type = 'marriage_certificate' AND NOT EXISTS "
    "(SELECT 1 FROM licences o WHERE o.type = 'marriage_certificate' AND o.number = m.number "
    "AND o.holder = json_extract (m.fields, '$.spouse_id'))"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM parties p WHERE role = 'spouse' AND NOT EXISTS "
    "(SELECT 1 FROM parties q WHERE q.applicant = p.party_key AND q.role = 'spouse' AND q.party_key = p.applicant)"),
    ==, 0);
  /* newborns: born before today, mother holds the certificate */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'birth_certificate' AND "
    "(json_extract (fields, '$.mother_id') != holder OR json_extract (fields, '$.birth_date') > date ('now', '+1 day'))"),
    ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM licences WHERE type = 'birth_certificate'"), >, 0);
  /* premises for shops */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'real_estate_certificate' AND json_extract (fields, '$.usage') = '商业'"),
    >, 0);

  /* ID photos: every ID card has a small PNG */
  photos = zc_server_db_prepare (db, "SELECT photo FROM licences WHERE type = 'id_card'", &error);
  g_assert_no_error (error);
  while (sqlite3_step (photos) == SQLITE_ROW)
    {
      const guint8 *data = sqlite3_column_blob (photos, 0);
      int size = sqlite3_column_bytes (photos, 0);

      g_assert_nonnull (data);
      g_assert_cmpint (size, >, 1000);
      g_assert_cmpint (size, <, 16 * 1024);
      g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
      n_photos++;
    }
  g_assert_cmpuint (n_photos, >=, 100);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM licences WHERE type != 'id_card' AND photo IS NOT NULL"), ==, 0);
}

static void
test_cases (void)
{
  g_autoptr(GRegex) pattern = g_regex_new ("^ZC-[0-9]{8}-[0-9]{6}$", 0, 0, NULL);
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!have_demo_data ())
    return;

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"), >=, 450);
  g_assert_cmpint (query_int (db,
    "SELECT count(DISTINCT state) FROM cases WHERE state IN "
    "('draft','received','not_accepted','completed','withdrawn','returned')"), ==, 6);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases WHERE state NOT IN "
    "('draft','received','not_accepted','completed','withdrawn','returned')"), ==, 0);
  /* spread over windows and the last 90 days */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT window) FROM cases"), >=, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE created_at < strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-92 days')"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE created_at < strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-45 days')"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE created_at > strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE received_at < created_at OR updated_at < created_at"), ==, 0);
  /* the applicant's kind fits the item's subject */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c JOIN applicants a ON a.key = c.applicant "
    "JOIN catalogue_items i ON i.code = c.item "
    "WHERE json_extract (i.json, '$.subject') IN ('person','enterprise') AND json_extract (i.json, '$.subject') != a.kind"),
    ==, 0);

  /* numbers: received and completed ones, unique, well formed, day of reception */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE state IN ('received','completed') AND number IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE state IN ('draft','not_accepted') AND number IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(number) - count(DISTINCT number) FROM cases"), ==, 0);
  numbers = query_strings (db, "SELECT number FROM cases WHERE number IS NOT NULL");
  g_assert_cmpuint (numbers->len, >, 200);
  for (guint i = 0; i < numbers->len; i++)
    g_assert_true (g_regex_match (pattern, g_ptr_array_index (numbers, i), 0, NULL));
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases WHERE number IS NOT NULL AND "
    "substr (number, 4, 8) != strftime ('%Y%m%d', received_at, '+8 hours')"), ==, 0);

  /* tasks: one per matter of every received case, consistent with the state */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE state IN ('received','completed') AND "
    "(SELECT count(*) FROM tasks t WHERE t.case_id = c.id) != json_array_length (c.matters)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE state IN ('received','completed') AND json_array_length (c.matters) = 0"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tasks WHERE due_date IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.state = 'completed' "
    "AND t.state NOT IN ('result_issued','denied')"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE state = 'received' AND NOT EXISTS "
    "(SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.state NOT IN ('result_issued','denied'))"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tasks WHERE state = 'denied' AND reason IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tasks WHERE awaiting_supplement = 1"), >, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM tasks WHERE awaiting_supplement = 1 AND state = 'result_issued'"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM tasks t JOIN cases c ON c.id = t.case_id WHERE c.state = 'received' "
    "AND t.state IN ('pending','in_review','approved') AND t.due_date < date ('now', '-1 day')"), >, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM tasks t JOIN cases c ON c.id = t.case_id "
    "WHERE t.due_date < date (c.received_at, '+8 hours')"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.role = 'department' "
    "AND u.department = t.department)"), ==, 0);

  /* reasons where the state needs one */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases WHERE state IN ('not_accepted','withdrawn','returned') AND (reason IS NULL OR reason = '')"),
    ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE state = 'returned' AND returned_from IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE json_valid (form) = 0 OR json_valid (parties) = 0"), ==, 0);

  /* the audit trail: a creation event for every case, one transition event per move */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM events e WHERE e.case_id = c.id "
    "AND e.action = 'case.create' AND e.at = c.created_at AND e.actor = c.clerk) != 1"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE state != 'draft' AND NOT EXISTS (SELECT 1 FROM events e "
    "WHERE e.case_id = c.id AND e.action = 'case.transition' AND e.to_state = c.state)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE received_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e "
    "WHERE e.case_id = c.id AND e.to_state = 'received' AND e.at = c.received_at)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM events e JOIN tasks t ON t.id = e.task_id JOIN users u ON u.username = e.actor "
    "WHERE e.action = 'task.transition' AND (u.role != 'department' OR u.department != t.department)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM tasks t WHERE state != 'pending' AND NOT EXISTS (SELECT 1 FROM events e "
    "WHERE e.task_id = t.id AND e.to_state = t.state)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM events WHERE at > strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '+1 minute')"), ==, 0);

  /* the form of a received case is filled from licences where the catalogue says so */
  stmt = zc_server_db_prepare (db,
    "SELECT count(*) FROM cases c, json_each (c.form) f JOIN licences l ON l.holder = c.applicant "
    "AND l.type = 'id_card' WHERE c.state = 'completed' AND f.value = json_extract (l.fields, '$.name')", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >, 0);
}

static void
test_users (void)
{
  static const struct { const char *username, *role, *window; } expected[] = {
    { "clerk", "clerk", "1号窗口" },
    { "helper", "helper", "2号窗口" },
    { "supervisor", "supervisor", "值班长席" },
    { "clerk2", "clerk", "3号窗口" },
  };

  if (!have_demo_data ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(sqlite3_stmt) stmt =
        zc_server_db_prepare (db, "SELECT role, window, password_hash FROM users WHERE username = ?1", &error);

      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, expected[i].username, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected[i].role);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected[i].window);
      /* stored hashed, and the hash verifies */
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), !=, "demo1234");
      g_assert_true (zc_server_verify_password ("demo1234", (const char *) sqlite3_column_text (stmt, 2)));
      g_assert_false (zc_server_verify_password ("demo12345", (const char *) sqlite3_column_text (stmt, 2)));
    }

  /* one department user per department of the catalogue's sub-matters */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM (SELECT DISTINCT json_extract (m.value, '$.department') AS d "
    "FROM catalogue_items c, json_each (c.json, '$.matters') m) WHERE d NOT IN "
    "(SELECT department FROM users WHERE role = 'department')"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM users WHERE role = 'department' AND (username NOT LIKE 'dept-%' OR department IS NULL)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM users WHERE username GLOB '*[^a-z0-9-]*'"), ==, 0);
}

static gint64 *
counts (ZcServerDb *on)
{
  static const char * const tables[] = {
    "users", "catalogue_items", "applicants", "parties", "licences", "cases", "tasks", "events",
  };
  gint64 *result = g_new0 (gint64, G_N_ELEMENTS (tables) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      result[i] = query_int (on, sql);
    }
  result[G_N_ELEMENTS (tables)] = -1;
  return result;
}

static void
test_populated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *before = NULL;
  g_autofree gint64 *after = NULL;
  g_autoptr(ZcServer) server = NULL;

  if (!have_demo_data ())
    return;

  before = counts (db);
  /* directly on the populated database … */
  g_assert_true (zc_server_demo_load (db, data_dir (), &error));
  g_assert_no_error (error);
  after = counts (db);
  for (guint i = 0; before[i] >= 0; i++)
    g_assert_cmpint (before[i], ==, after[i]);
  g_clear_pointer (&after, g_free);

  /* … and through zc-platform --demo on the same file */
  server = zc_server_new (db_path, TRUE, data_dir (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (server);
  g_clear_object (&server);
  after = counts (db);
  for (guint i = 0; before[i] >= 0; i++)
    g_assert_cmpint (before[i], ==, after[i]);
}

static void
test_deterministic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) names1 = NULL;
  g_autoptr(GPtrArray) names2 = NULL;
  ZcServerDb *other;

  if (!have_demo_data ())
    return;

  path = g_build_filename (tmp_dir, "second.db", NULL);
  other = zc_server_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (zc_server_demo_load (other, data_dir (), &error));
  g_assert_no_error (error);

  first = query_strings (db, "SELECT key FROM applicants ORDER BY key");
  second = query_strings (other, "SELECT key FROM applicants ORDER BY key");
  g_assert_cmpuint (first->len, ==, second->len);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (g_ptr_array_index (first, i), ==, g_ptr_array_index (second, i));
  names1 = query_strings (db, "SELECT name || '|' || ifnull (phone, '') FROM applicants ORDER BY key");
  names2 = query_strings (other, "SELECT name || '|' || ifnull (phone, '') FROM applicants ORDER BY key");
  for (guint i = 0; i < names1->len; i++)
    g_assert_cmpstr (g_ptr_array_index (names1, i), ==, g_ptr_array_index (names2, i));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"), ==, query_int (other, "SELECT count(*) FROM cases"));
  zc_server_db_close (other);
}

/* all or nothing: a load that fails half-way leaves the database empty */
static void
test_all_or_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tmp_dir, "broken-data", NULL);
  g_autofree char *demo_dir = g_build_filename (dir, "demo", NULL);
  g_autofree char *names_src = g_build_filename (data_dir (), "demo", "names.json", NULL);
  g_autofree char *names_dst = g_build_filename (demo_dir, "names.json", NULL);
  g_autofree char *catalogue = g_build_filename (dir, "catalogue.json", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "broken.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  ZcServerDb *other;

  g_assert_cmpint (g_mkdir_with_parents (demo_dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (names_src, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (names_dst, contents, (gssize) length, &error));
  g_assert_no_error (error);
  /* a catalogue whose second item is broken; no calendar at all */
  g_assert_true (g_file_set_contents (catalogue,
    "{\"version\":1,\"items\":[{\"code\":\"a\",\"name\":\"甲\",\"subject\":\"person\",\"matters\":"
    "[{\"code\":\"a1\",\"name\":\"甲一\",\"department\":\"民政局\",\"time_limit_days\":5}]},"
    "{\"name\":\"没有编码\"}]}", -1, &error));
  g_assert_no_error (error);

  other = zc_server_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (zc_server_demo_load (other, dir, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "catalogue.json"));
  g_clear_error (&error);
  g_assert_true (zc_server_db_is_empty (other));

  /* a valid catalogue but no calendar: an error, nothing written */
  g_assert_true (g_file_set_contents (catalogue,
    "{\"version\":1,\"items\":[{\"code\":\"a\",\"name\":\"甲\",\"subject\":\"person\",\"matters\":"
    "[{\"code\":\"a1\",\"name\":\"甲一\",\"department\":\"民政局\",\"time_limit_days\":5}]}]}", -1, &error));
  g_assert_no_error (error);
  g_assert_false (zc_server_demo_load (other, dir, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (zc_server_db_is_empty (other));
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM applicants"), ==, 0);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM catalogue_items"), ==, 0);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM events"), ==, 0);

  /* missing names: a clear error too */
  g_assert_cmpint (g_remove (names_dst), ==, 0);
  g_assert_false (zc_server_demo_load (other, dir, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "names.json"));
  g_assert_true (zc_server_db_is_empty (other));
  zc_server_db_close (other);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("zc-test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "demo.db", NULL);

  g_test_add_func ("/demo/load", test_load);
  g_test_add_func ("/demo/applicants", test_applicants);
  g_test_add_func ("/demo/licences", test_licences);
  g_test_add_func ("/demo/cases", test_cases);
  g_test_add_func ("/demo/users", test_users);
  g_test_add_func ("/demo/populated-unchanged", test_populated);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/all-or-nothing", test_all_or_nothing);

  status = g_test_run ();

  g_clear_pointer (&db, zc_server_db_close);
  remove_tree (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
