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
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "zc-clock.h"
#include "zc-id.h"
#include "zc-models.h"
#include "zc-server.h"
#include "zc-server-api.h"
#include "zc-server-http.h"
#include "zc-server-auth.h"
#include "zc-server-db.h"
#include "zc-server-demo.h"
#include "zc-test-util.h"

static char       *tmp_dir;
static char       *db_path;
static ZcServerDb *db;          /* the shared demo database */
static char       *load_day;    /* the day it was loaded, Asia/Shanghai */

static const char *
data_dir (void)
{
  const char *dir = g_getenv ("ZC_DATA_DIR");

  return dir ? dir : ZC_SOURCE_DATADIR;
}

/* SQLite's 'now' is the machine's clock: the checks read the time of the
 * process clock (ZC_NOW) instead, in UTC like 'now' */
static char *
at_clock_now (const char *sql)
{
  g_autoptr(GString) result = g_string_new (sql);
  g_autofree char *now = zc_clock_now_iso (zc_clock_get_default ());
  g_autofree char *quoted = g_strdup_printf ("'%s'", now);

  g_string_replace (result, "'now'", quoted, 0);
  return g_string_free (g_steal_pointer (&result), FALSE);
}

static gint64
query_int (ZcServerDb *on,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at_now = at_clock_now (sql);
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (on, at_now, &error);

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

/* today in China Standard Time by the process clock (ZC_NOW in the
 * fixed-instant runs), as the demo sees it: the day the shared demo was
 * loaded, even when the checks run past midnight (23:59:59 runs) */
static char *
today_iso (void)
{
  GDate today;
  char buffer[16];

  if (load_day != NULL)
    return g_strdup (load_day);
  zc_clock_today_china (zc_clock_get_default (), &today);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &today);
  return g_strdup (buffer);
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
  g_autofree char *catalogue = g_build_filename (data_dir (), "catalogue.json", NULL);

  if (!g_file_test (catalogue, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/catalogue.json is not there yet");
      return;
    }

  db = zc_server_db_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (zc_server_db_is_empty (db));

  /* (its duration: bench/bench-demo-load) */
  load_day = today_iso ();
  g_assert_true (zc_server_demo_load (db, data_dir (), &error));
  g_assert_no_error (error);

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
  /* credit records (告知承诺 barred): one per flagged applicant, and
   * exactly 3 persons without a breach who made a false commitment */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM credit_records WHERE kind = 'serious_breach'"), ==,
                   query_int (db, "SELECT count(*) FROM applicants WHERE serious_credit_breach = 1"));
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM credit_records c JOIN applicants a ON a.key = c.applicant "
    "WHERE c.kind = 'serious_breach' AND a.serious_credit_breach = 0"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(DISTINCT c.applicant) FROM credit_records c JOIN applicants a ON a.key = c.applicant "
    "WHERE c.kind = 'false_commitment' AND a.kind = 'person' AND a.serious_credit_breach = 0 "
    "AND c.repaired_on IS NULL"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM credit_records WHERE description = '' OR since IS NULL"), ==, 0);
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
  g_autofree char *adult_sql = g_strdup_printf (
    "SELECT count(*) FROM applicants a WHERE kind = 'person' AND substr (key, 7, 8) <= '%d' AND NOT EXISTS "
    "(SELECT 1 FROM licences l WHERE l.type = 'id_card' AND l.holder = a.key AND l.number = a.key)",
    atoi (today) * 10000 + atoi (today + 5) * 100 + atoi (today + 8) - 160000);
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
    "'health_certificate','road_transport_permit','social_insurance_record','housing_fund_certificate',"
    "'administrative_penalty_decision','bankruptcy_ruling','liquidation_filing',"
    "'listing_guidance_filing','vehicle_licence','transport_qualification')"), ==, 19);
  g_assert_cmpint (query_int (db,
    "SELECT count(DISTINCT type) FROM licences"), ==, 19);

  /* a number is one licence of its type; a marriage number is held by both
   * spouses, a household number by the household (one head) */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM (SELECT type, number FROM licences WHERE type NOT IN "
    "('marriage_certificate','household_register') GROUP BY type, number HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM (SELECT number FROM licences WHERE type = 'marriage_certificate' "
    "GROUP BY number HAVING count(*) != 2 OR count(DISTINCT holder) != 2)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM (SELECT number FROM licences WHERE type = 'household_register' "
    "GROUP BY number HAVING count(DISTINCT json_extract (fields, '$.household_head_id')) != 1 "
    "OR count(*) != count(DISTINCT holder))"), ==, 0);

  /* every person of sixteen or older has an ID card whose number is the key
   * and whose fields agree with it */
  g_assert_cmpint (query_int (db, adult_sql), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences l WHERE type = 'id_card' AND number != holder"), ==, 0);
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

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"), ==, 500);
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
  /* each waits for a material under a 容缺 commitment of its case and department */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM tasks t WHERE awaiting_supplement = 1 AND NOT EXISTS ("
    "SELECT 1 FROM commitments k WHERE k.case_id = t.case_id AND k.kind = 'tolerance' "
    "AND EXISTS (SELECT 1 FROM json_each (k.departments) WHERE value = t.department))"), ==, 0);
  /* … and that material is 容缺 on its case (supplying it is then 已补正,
   * not 422 unknown_material: the demo takes only materials that apply) */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM commitments k JOIN json_each (k.materials) m JOIN cases c ON c.id = k.case_id "
    "WHERE k.kind = 'tolerance' AND "
    "coalesce (json_extract (c.materials, '$.\"' || m.value || '\".state'), '') != 'deferred'"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM commitments k JOIN json_each (k.materials) m JOIN cases c ON c.id = k.case_id "
    "WHERE k.kind = 'tolerance'"), >, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM commitments k JOIN cases c ON c.id = k.case_id WHERE k.kind = 'tolerance' AND "
    "(k.deadline IS NULL OR k.deadline <= date (c.received_at) OR c.received_at IS NULL)"), ==, 0);
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


/* the holder's birth date (from the ID number) as an SQL date */
#define BIRTH(col) "date (substr (" col ", 7, 4) || '-' || substr (" col ", 11, 2) || '-' || substr (" col ", 13, 2))"
#define SEX(col) "CASE WHEN CAST (substr (" col ", 17, 1) AS INTEGER) % 2 = 1 THEN '男' ELSE '女' END"

static gint64
query_int_today (const char *format,
                 const char *today)
{
  g_autoptr(GString) sql = g_string_new (format);

  g_string_replace (sql, "TODAY", today, 0);
  return query_int (db, sql->str);
}

/* the demo's quotas: exactly (n × percent + 50) / 100 of n eligible ones */
static gint64
quota (gint64 n,
       gint64 percent)
{
  return (n * percent + 50) / 100;
}

/* the age in completed years on TODAY of the holder of the ID number
 * @col, as the demo counts it (a birthday on 02-29 comes on 03-01; no
 * date arithmetic, which moves 02-29 on by a day) */
#define AGE(col) \
  "(CAST (substr ('TODAY', 1, 4) AS INTEGER) - CAST (substr (" col ", 7, 4) AS INTEGER) - " \
  "(substr ('TODAY', 6, 2) || substr ('TODAY', 9, 2) < substr (" col ", 11, 4)))"
/* persons aged @lo to @hi: an SQL condition on the ID number @col */
#define AGED(col, lo, hi) AGE (col) " BETWEEN " #lo " AND " #hi

static JsonNode *
demo_get (ZcServerApi *api,
          const char  *token,
          const char  *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "?", 2);
  g_autoptr(ZcServerRequest) request = zc_server_request_new ("GET", parts[0], parts[1]);
  g_autoptr(ZcServerResponse) response = NULL;
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  zc_server_request_set_header (request, "Authorization", auth);
  response = zc_server_api_handle (api, request);
  g_assert_cmpuint (response->status, ==, 200);
  node = json_from_string (zc_server_response_get_text (response), &error);
  g_assert_no_error (error);
  return node;
}

/* Every case the demo received lists all the materials that applied at
 * its reception, each with the state a counter reception records: the
 * platform's list of the case's materials (GET /cases/{id}/materials,
 * core's reception on the case) names none as still required, each has
 * its state on the case; the case page's rule (zc_case_material_applies)
 * lists exactly the materials with a state. And the 承诺核查 page
 * has both kinds: the 容缺 of tasks awaiting a supplement, and one
 * 告知承诺 on a received case, for a material 可告知承诺 of an applicant
 * without a credit record, committed on its case, its 事后核查 due where
 * its sub-matter was approved. */
static void
test_case_materials (void)
{
  g_autoptr(ZcServerApi) api = NULL;
  g_autoptr(ZcServerRequest) login = NULL;
  g_autoptr(ZcServerResponse) session = NULL;
  g_autoptr(JsonNode) session_node = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) listed = NULL;
  static const char body[] = "{\"username\":\"supervisor\",\"password\":\"demo1234\"}";
  const char *token;
  guint kinds[2] = { 0, 0 };

  if (!have_demo_data ())
    return;

  api = zc_server_api_new (db, data_dir ());
  login = zc_server_request_new ("POST", "/api/v1/sessions", NULL);
  zc_server_request_set_header (login, "Content-Type", "application/json");
  zc_server_request_set_body (login, body, strlen (body));
  session = zc_server_api_handle (api, login);
  g_assert_cmpuint (session->status, ==, 201);
  session_node = json_from_string (zc_server_response_get_text (session), &error);
  g_assert_no_error (error);
  token = json_object_get_string_member (json_node_get_object (session_node), "token");

  ids = query_strings (db, "SELECT id FROM cases WHERE received_at IS NOT NULL ORDER BY id");
  g_assert_cmpuint (ids->len, >, 200);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *case_path = g_strconcat ("/api/v1/cases/", id, NULL);
      g_autofree char *materials_path = g_strconcat (case_path, "/materials", NULL);
      g_autoptr(JsonNode) case_node = demo_get (api, token, case_path);
      g_autoptr(JsonNode) list_node = demo_get (api, token, materials_path);
      g_autoptr(ZcCase) kase = zc_case_new_from_json (case_node, &error);
      g_autoptr(GHashTable) applies = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *list = json_object_get_array_member (json_node_get_object (list_node), "materials");
      JsonObject *states;
      ZcCatalogueItem *item;
      GListModel *materials;

      g_assert_no_error (error);
      item = g_hash_table_lookup (items, zc_case_get_item (kase));
      if (item == NULL)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT json FROM catalogue_items WHERE code = '%s'",
                                                  zc_case_get_item (kase));
          g_autoptr(GPtrArray) json = query_strings (db, sql);
          g_autoptr(JsonNode) item_node = json_from_string (g_ptr_array_index (json, 0), &error);

          g_assert_no_error (error);
          item = zc_catalogue_item_new_from_json (item_node, &error);
          g_assert_no_error (error);
          g_hash_table_insert (items, g_strdup (zc_case_get_item (kase)), item);
        }

      states = zc_case_get_materials (kase);
      g_assert_nonnull (states);
      g_assert_true (zc_case_has_reception_states (kase));
      g_assert_cmpuint (json_array_get_length (list), >, 0);
      /* the platform's list may be shorter: where a form value is not
       * text (the demo's numbers) its reception drops the form, and a
       * material whose `when` names a field is not listed there */
      g_assert_cmpuint (json_object_get_size (states), >=, json_array_get_length (list));
      for (guint k = 0; k < json_array_get_length (list); k++)
        {
          JsonObject *m = json_array_get_object_element (list, k);
          const char *code = json_object_get_string_member (m, "code");

          /* pending only where the window asked for it again (退回补正) */
          if (g_str_equal (json_object_get_string_member (m, "state"), "required") &&
              zc_case_get_state (kase) != ZC_CASE_STATE_RETURNED)
            g_error ("case %s: %s has no state", id, code);
          g_assert_true (json_object_has_member (states, code));
          g_hash_table_add (applies, (gpointer) code);
        }
      materials = zc_catalogue_item_get_materials (item);
      for (guint k = 0; k < g_list_model_get_n_items (materials); k++)
        {
          g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, k);

          /* the case page lists exactly what the reception recorded */
          if (zc_case_material_applies (kase, m) != json_object_has_member (states, zc_material_get_code (m)))
            g_error ("case %s: the case page's rule and the reception disagree on %s", id, zc_material_get_code (m));
        }
    }

  /* 退回补正: the window asks for one material again, one it may take as 容缺 */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE c.state = 'returned' AND c.returned_from = 'received' "
    "AND EXISTS (SELECT 1 FROM json_each (c.materials) m WHERE json_extract (m.value, '$.state') = 'pending')"), >, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE c.state != 'returned' AND c.received_at IS NOT NULL "
    "AND EXISTS (SELECT 1 FROM json_each (c.materials) m WHERE json_extract (m.value, '$.state') = 'pending')"), ==, 0);

  /* 承诺核查 (GET /commitments) has both kinds */
  listed = demo_get (api, token, "/api/v1/commitments?limit=200");
  {
    JsonArray *commitments = json_object_get_array_member (json_node_get_object (listed), "commitments");

    for (guint i = 0; i < json_array_get_length (commitments); i++)
      {
        const char *kind = json_object_get_string_member (json_array_get_object_element (commitments, i), "kind");

        kinds[g_str_equal (kind, "commitment") ? 1 : 0]++;
      }
  }
  g_assert_cmpuint (kinds[0], >, 0);
  g_assert_cmpuint (kinds[1], ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM commitments WHERE kind = 'commitment'"), ==, 1);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM commitments k JOIN cases c ON c.id = k.case_id "
    "JOIN applicants a ON a.key = c.applicant "
    "WHERE k.kind = 'commitment' AND k.state = 'open' AND c.state = 'received' AND a.serious_credit_breach = 0 "
    "AND NOT EXISTS (SELECT 1 FROM credit_records r WHERE r.applicant = c.applicant) "
    "AND json_extract (c.materials, '$.\"' || json_extract (k.materials, '$[0]') || '\".state') = 'committed' "
    "AND json_extract (k.signature, '$.signer') = c.applicant "
    "AND EXISTS (SELECT 1 FROM catalogue_items ci, json_each (ci.json, '$.materials') mm WHERE ci.code = c.item "
    "  AND json_extract (mm.value, '$.code') = json_extract (k.materials, '$[0]') "
    "  AND json_extract (mm.value, '$.commitment_allowed') = 1)"), ==, 1);
  /* its 事后核查 is due once its sub-matter was approved, after that day */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM commitments k WHERE k.kind = 'commitment' AND (k.verification_due IS NOT NULL) != "
    "EXISTS (SELECT 1 FROM tasks t, json_each (k.departments) d WHERE t.case_id = k.case_id "
    "AND t.department = d.value AND t.state = 'approved')"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM commitments k WHERE k.kind = 'commitment' AND k.verification_due IS NOT NULL "
    "AND k.verification_due <= (SELECT max (date (t.updated_at, '+8 hours')) FROM tasks t, json_each (k.departments) d "
    "  WHERE t.case_id = k.case_id AND t.department = d.value AND t.state = 'approved')"),
    ==, 0);
}

static void
test_household_registers (void)
{
  if (!have_demo_data ())
    return;

  /* one per person, its name, sex, birth date and ethnicity those of the ID number and card */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM applicants a WHERE kind = 'person' AND "
    "(SELECT count(*) FROM licences l WHERE l.type = 'household_register' AND l.holder = a.key) != 1"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'household_register' AND ("
    "json_extract (fields, '$.name') IS NOT holder_name OR "
    "json_extract (fields, '$.birth_date') IS NOT " BIRTH ("holder") " OR "
    "json_extract (fields, '$.sex') IS NOT " SEX ("holder") " OR "
    "json_extract (fields, '$.ethnicity') IS NULL OR json_extract (fields, '$.ethnicity') = '')"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences h JOIN licences i ON i.holder = h.holder AND i.type = 'id_card' "
    "WHERE h.type = 'household_register' AND ("
    "json_extract (h.fields, '$.name') != json_extract (i.fields, '$.name') OR "
    "json_extract (h.fields, '$.sex') != json_extract (i.fields, '$.sex') OR "
    "json_extract (h.fields, '$.birth_date') != json_extract (i.fields, '$.birth_date') OR "
    "json_extract (h.fields, '$.ethnicity') != json_extract (i.fields, '$.ethnicity'))"), ==, 0);
  /* the head is a member of the household, as 户主 */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences h WHERE type = 'household_register' AND NOT EXISTS "
    "(SELECT 1 FROM licences m WHERE m.type = 'household_register' AND m.number = h.number "
    "AND m.holder = json_extract (h.fields, '$.household_head_id') "
    "AND json_extract (m.fields, '$.relation_to_head') = '户主')"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'household_register' AND "
    "json_extract (fields, '$.name') GLOB '*[0-9A-Za-z]*'"), ==, 0);
}

static void
test_children (void)
{
  g_autofree char *today = today_iso ();
  gint64 n_children, n_without_id, n_9_15, n_16;

  if (!have_demo_data ())
    return;

  /* school-age children: born 2013–2020, about half of the couples born 1975–1994 */
  n_children = query_int (db,
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND substr (key, 7, 4) BETWEEN '2007' AND '2025'");
  g_assert_cmpint (n_children, >=, 15);
  g_assert_cmpint (n_children, ==, query_int (db,
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND substr (key, 7, 4) BETWEEN '2013' AND '2020'"));
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM parties p JOIN parties s ON s.applicant = p.applicant AND s.role = 'spouse' "
    "WHERE p.role = 'child' AND substr (p.applicant, 7, 4) BETWEEN '1975' AND '1994'"), >=, 10);

  /* a listed child is a child of the applicant's household: same number, 子/女 or 孙子/孙女
   * fitting its sex, born when the parent was 18 or older */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM parties WHERE role = 'child'"), >=, 20);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM parties p WHERE role = 'child' AND NOT EXISTS ("
    "SELECT 1 FROM licences c JOIN licences h ON h.type = 'household_register' AND h.holder = p.applicant "
    "AND h.number = c.number WHERE c.type = 'household_register' AND c.holder = p.party_key "
    "AND json_extract (c.fields, '$.relation_to_head') = CASE WHEN json_extract (c.fields, '$.sex') = '男' "
    "THEN (CASE WHEN json_extract (h.fields, '$.relation_to_head') IN ('户主','配偶') THEN '子' ELSE '孙子' END) "
    "ELSE (CASE WHEN json_extract (h.fields, '$.relation_to_head') IN ('户主','配偶') THEN '女' ELSE '孙女' END) END)"),
    ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM parties WHERE role = 'child' AND (substr (party_key, 7, 4) NOT BETWEEN '2013' AND '2020' "
    "OR " BIRTH ("party_key") " < date (" BIRTH ("applicant") ", '+18 years'))"), ==, 0);
  /* one child per parent, the same for both spouses */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM (SELECT applicant FROM parties WHERE role = 'child' GROUP BY applicant HAVING count(*) > 1)"),
    ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM parties p JOIN parties s ON s.applicant = p.applicant AND s.role = 'spouse' "
    "WHERE p.role = 'child' AND NOT EXISTS (SELECT 1 FROM parties q WHERE q.applicant = s.party_key "
    "AND q.role = 'child' AND q.party_key = p.party_key)"), ==, 0);
  /* every child lives in a household whose parents list a child */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences c WHERE c.type = 'household_register' "
    "AND substr (c.holder, 7, 4) BETWEEN '2013' AND '2020' AND NOT EXISTS ("
    "SELECT 1 FROM parties p JOIN licences h ON h.type = 'household_register' AND h.holder = p.applicant "
    "WHERE p.role = 'child' AND h.number = c.number)"), ==, 0);
  /* the child's own record: the household head and a guardian of the household */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM applicants a WHERE kind = 'person' AND substr (key, 7, 4) BETWEEN '2013' AND '2020' "
    "AND NOT EXISTS (SELECT 1 FROM parties g JOIN licences h ON h.type = 'household_register' "
    "AND h.holder = g.party_key JOIN licences c ON c.type = 'household_register' AND c.holder = a.key "
    "AND c.number = h.number WHERE g.applicant = a.key AND g.role = 'guardian')"), ==, 0);
  /* an ID card only sometimes (under sixteen: voluntary, five years): 35 %
   * of those of 9 to 15, every one of sixteen (taken at fifteen) */
  n_without_id = query_int (db,
    "SELECT count(*) FROM applicants a WHERE kind = 'person' AND substr (key, 7, 4) BETWEEN '2013' AND '2020' "
    "AND NOT EXISTS (SELECT 1 FROM licences l WHERE l.type = 'id_card' AND l.holder = a.key)");
  n_9_15 = query_int_today (
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND substr (key, 7, 4) BETWEEN '2013' AND '2020' "
    "AND " AGED ("key", 9, 15), today);
  n_16 = query_int_today (
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND substr (key, 7, 4) BETWEEN '2013' AND '2020' "
    "AND " AGE ("key") " >= 16", today);
  g_assert_cmpint (n_without_id, ==, n_children - quota (n_9_15, 35) - n_16);
  g_assert_cmpint (n_without_id, >, n_children / 2);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'id_card' AND substr (holder, 7, 4) BETWEEN '2013' AND '2020' "
    "AND valid_until != date (issued_on, '+5 years')"), ==, 0);
  /* registered after the birth, not after today */
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences WHERE type = 'household_register' AND substr (holder, 7, 4) BETWEEN '2013' AND '2020' "
    "AND (issued_on <= " BIRTH ("holder") " OR issued_on > 'TODAY')", today), ==, 0);
  /* parents married before the eldest child was born */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM parties p JOIN licences m ON m.type = 'marriage_certificate' AND m.holder = p.applicant "
    "WHERE p.role = 'child' AND m.issued_on >= " BIRTH ("p.party_key")), ==, 0);
}

static void
test_sources (void)
{
  g_autofree char *today = today_iso ();
  gint64 n_persons_22, n_insured_22, n_persons_50, n_insured_50, n_insured, n_fund;
  gint64 n_enterprises, n_penalty, n_bankrupt, n_liquidating;

  if (!have_demo_data ())
    return;

  /* 社会保险个人参保证明: 97 % of those 50 or older, 90 % of 22 to 49, 30 % of 19 to 21 (quotas); work started at 18 to 24 */
  n_persons_22 = query_int_today (
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND " AGE ("key") " >= 22", today);
  n_insured_22 = query_int_today (
    "SELECT count(DISTINCT holder) FROM licences WHERE type = 'social_insurance_record' "
    "AND " AGE ("holder") " >= 22", today);
  n_persons_50 = query_int_today (
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND " AGE ("key") " >= 50", today);
  n_insured_50 = query_int_today (
    "SELECT count(DISTINCT holder) FROM licences WHERE type = 'social_insurance_record' "
    "AND " AGE ("holder") " >= 50", today);
  g_test_message ("social insurance: %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " aged 22+, %"
                  G_GINT64_FORMAT "/%" G_GINT64_FORMAT " aged 50+",
                  n_insured_22, n_persons_22, n_insured_50, n_persons_50);
  /* quotas: 97 % of those 50 or older, 90 % of 22 to 49 */
  g_assert_cmpint (n_insured_50, ==, quota (n_persons_50, 97));
  g_assert_cmpint (n_insured_22 - n_insured_50, ==, quota (n_persons_22 - n_persons_50, 90));
  g_assert_cmpfloat ((double) n_insured_22 / n_persons_22, >=, 0.80);
  g_assert_cmpfloat ((double) n_insured_22 / n_persons_22, <, 0.98);
  g_assert_cmpfloat ((double) n_insured_50 / n_persons_50, >=, 0.90);
  g_assert_cmpint (query_int_today (
    "SELECT count(DISTINCT holder) FROM licences WHERE type = 'social_insurance_record' "
    "AND " AGED ("holder", 19, 21), today), ==, quota (query_int_today (
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND " AGED ("key", 19, 21), today), 30));
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences WHERE type = 'social_insurance_record' "
    "AND " BIRTH ("holder") " > date ('TODAY', '-19 years')", today), ==, 0);
  n_insured = query_int (db, "SELECT count(*) FROM licences WHERE type = 'social_insurance_record'");
  g_assert_cmpint (n_insured, ==, query_int (db,
    "SELECT count(DISTINCT holder) FROM licences WHERE type = 'social_insurance_record'"));
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences l JOIN applicants a ON a.key = l.holder WHERE l.type IN "
    "('social_insurance_record','housing_fund_certificate') AND (a.kind != 'person' OR l.holder_name != a.name "
    "OR json_extract (l.fields, '$.name') != a.name OR l.valid_until IS NOT NULL OR l.revoked = 1)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'social_insurance_record' AND ("
    "json_extract (fields, '$.work_start_date') < date (" BIRTH ("holder") ", '+18 years') OR "
    "json_extract (fields, '$.work_start_date') >= date (" BIRTH ("holder") ", '+25 years'))"), ==, 0);
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences WHERE type = 'social_insurance_record' AND ("
    "json_extract (fields, '$.work_start_date') >= issued_on OR issued_on > 'TODAY' OR "
    "number NOT GLOB 'SB[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' OR "
    "json_extract (fields, '$.status') NOT IN ('正常参保','暂停参保') OR "
    "CAST (json_extract (fields, '$.contribution_months') AS INTEGER) < 1 OR "
    "json_extract (fields, '$.contribution_months') GLOB '*[^0-9]*' OR "
    "json_extract (fields, '$.employer') NOT LIKE '%公司' OR "
    "json_extract (fields, '$.insured_place') NOT LIKE '合肥市%' OR "
    "issuer != '合肥市人力资源和社会保障局')", today), ==, 0);
  /* a case holds the new value of what changes only ("when") */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases WHERE item = 'enterprise_change' AND ("
    "(json_extract (form, '$.new_company_name') IS NOT NULL AND json_extract (form, '$.change_item') IS NOT '名称') OR "
    "(json_extract (form, '$.new_registered_address') IS NOT NULL AND json_extract (form, '$.change_item') IS NOT '住所'))"),
    ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases WHERE item = 'enterprise_change' AND json_extract (form, '$.change_item') = '住所' "
    "AND json_extract (form, '$.new_registered_address') IS NULL AND state != 'draft'"), ==, 0);
  /* a penalty is fulfilled after its decision, before today */
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences WHERE type = 'administrative_penalty_decision' AND ("
    "json_extract (fields, '$.fulfilled_on') IS NULL OR json_extract (fields, '$.fulfilled_on') < issued_on OR "
    "json_extract (fields, '$.fulfilled_on') >= 'TODAY')", today), ==, 0);
  /* the original statutory retirement age: 60 for men (odd 17th digit), 50 or 55 for women */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'social_insurance_record' AND ("
    "(CAST (substr (holder, 17, 1) AS INTEGER) % 2 = 1 AND json_extract (fields, '$.original_retirement_age') != '60') OR "
    "(CAST (substr (holder, 17, 1) AS INTEGER) % 2 = 0 AND "
    " coalesce (json_extract (fields, '$.original_retirement_age'), '') NOT IN ('50','55')))"), ==, 0);
  /* every bankrupt enterprise knows the administrator's head, an adult */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT holder) FROM licences WHERE type = 'bankruptcy_ruling'"), >, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(DISTINCT l.holder) FROM licences l WHERE l.type = 'bankruptcy_ruling' AND NOT EXISTS ("
    "SELECT 1 FROM parties p JOIN licences c ON c.holder = p.party_key AND c.type = 'id_card' "
    "WHERE p.applicant = l.holder AND p.role = 'agent' "
    "AND date (" BIRTH ("p.party_key") ", '+18 years') <= date ('now'))"), ==, 0);
  /* no more months than since the work start */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'social_insurance_record' AND "
    "CAST (json_extract (fields, '$.contribution_months') AS INTEGER) > "
    "(julianday (issued_on) - julianday (json_extract (fields, '$.work_start_date'))) / 30.4 + 1"), ==, 0);

  /* 住房公积金缴存证明: three in four of the insured (a quota), opened after the work start */
  n_fund = query_int (db, "SELECT count(*) FROM licences WHERE type = 'housing_fund_certificate'");
  g_assert_cmpint (n_fund, ==, quota (n_insured, 75));
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences f WHERE type = 'housing_fund_certificate' AND (NOT EXISTS ("
    "SELECT 1 FROM licences s WHERE s.type = 'social_insurance_record' AND s.holder = f.holder "
    "AND json_extract (s.fields, '$.work_start_date') <= json_extract (f.fields, '$.opened_on') "
    "AND (json_extract (f.fields, '$.account_status') = '封存') = (json_extract (s.fields, '$.status') = '暂停参保')) "
    "OR json_extract (f.fields, '$.opened_on') >= f.issued_on OR f.issued_on > 'TODAY' "
    "OR json_extract (f.fields, '$.opened_on') < '1999-07-01' "
    "OR f.number NOT GLOB '[1-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')", today), ==, 0);

  /* 行政处罚决定书: 30 % of the enterprises (a quota), every one flagged breach */
  n_enterprises = query_int (db, "SELECT count(*) FROM applicants WHERE kind = 'enterprise'");
  n_penalty = query_int (db, "SELECT count(DISTINCT holder) FROM licences WHERE type = 'administrative_penalty_decision'");
  /* a quota: 30 %, or every one flagged breach if they are more */
  g_assert_cmpint (n_penalty, ==, MAX (quota (n_enterprises, 30), query_int (db,
    "SELECT count(*) FROM applicants WHERE kind = 'enterprise' AND serious_credit_breach = 1")));
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM applicants a WHERE kind = 'enterprise' AND serious_credit_breach = 1 AND NOT EXISTS "
    "(SELECT 1 FROM licences l WHERE l.type = 'administrative_penalty_decision' AND l.holder = a.key)"), ==, 0);
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences l JOIN applicants a ON a.key = l.holder "
    "JOIN licences b ON b.type = 'business_licence' AND b.holder = l.holder "
    "WHERE l.type = 'administrative_penalty_decision' AND (a.kind != 'enterprise' OR "
    "json_extract (l.fields, '$.subject_name') != a.name OR "
    "json_extract (l.fields, '$.breach_type') != '行政处罚信息' OR "
    "json_extract (l.fields, '$.violation') = '' OR json_extract (l.fields, '$.penalty') NOT LIKE '%元' OR "
    "l.issued_on > date ('TODAY', '-1 month') OR l.issued_on < date ('TODAY', '-37 months') OR "
    "l.issued_on <= json_extract (b.fields, '$.established_on') OR "
    "l.number NOT GLOB '*〔' || strftime ('%Y', l.issued_on) || '〕[1-9]*号' OR "
    "l.issuer NOT GLOB '*局')", today), ==, 0);

  /* 受理破产申请民事裁定书 and 清算组备案通知书: 8 % and 10 % (quotas), never both,
   * never a property developer */
  n_bankrupt = query_int (db, "SELECT count(DISTINCT holder) FROM licences WHERE type = 'bankruptcy_ruling'");
  n_liquidating = query_int (db, "SELECT count(DISTINCT holder) FROM licences WHERE type = 'liquidation_filing'");
  g_assert_cmpint (n_bankrupt, >=, 3);
  g_assert_cmpint (n_bankrupt, ==, quota (n_enterprises, 8));
  g_assert_cmpint (n_liquidating, >=, 4);
  g_assert_cmpint (n_liquidating, ==, quota (n_enterprises, 10));
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences b JOIN licences l ON l.holder = b.holder "
    "WHERE b.type = 'bankruptcy_ruling' AND l.type = 'liquidation_filing'"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences l JOIN licences b ON b.type = 'business_licence' AND b.holder = l.holder "
    "WHERE l.type IN ('bankruptcy_ruling','liquidation_filing') "
    "AND json_extract (b.fields, '$.business_scope') LIKE '%房地产开发%'"), ==, 0);
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences l JOIN applicants a ON a.key = l.holder WHERE l.type = 'bankruptcy_ruling' AND ("
    "a.kind != 'enterprise' OR json_extract (l.fields, '$.subject_name') != a.name OR "
    "json_extract (l.fields, '$.administrator_decision_number') != l.number || '之一' OR "
    "json_extract (l.fields, '$.administrator_name') NOT GLOB '安徽*' OR "
    "json_extract (l.fields, '$.ruling') != '受理破产清算申请' OR "
    "l.number NOT GLOB '（' || strftime ('%Y', l.issued_on) || '）皖01破[1-9]*号' AND "
    "l.number NOT GLOB '（' || strftime ('%Y', l.issued_on) || '）皖01[0-9][0-9]破[1-9]*号' OR "
    "l.issuer NOT GLOB '安徽省合肥市*人民法院' OR "
    "l.issued_on > date ('TODAY', '-1 month') OR l.issued_on < date ('TODAY', '-19 months'))", today), ==, 0);
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences l WHERE type = 'liquidation_filing' AND NOT ("
    "json_extract (fields, '$.established_on') BETWEEN date ('TODAY', '-11 months') AND date ('TODAY', '-2 months') AND "
    "issued_on BETWEEN date (json_extract (fields, '$.established_on'), '+1 day') "
    "AND date (json_extract (fields, '$.established_on'), '+10 days') AND "
    "json_extract (fields, '$.creditor_notice_date') BETWEEN date (json_extract (fields, '$.established_on'), '+1 day') "
    "AND date (json_extract (fields, '$.established_on'), '+20 days') AND "
    "issued_on <= 'TODAY' AND json_extract (fields, '$.creditor_notice_date') <= 'TODAY' AND "
    "json_extract (fields, '$.liquidation_leader') != '' AND "
    "number GLOB '合市监清备〔' || strftime ('%Y', issued_on) || '〕第[0-9][0-9][0-9][0-9]号')", today), ==, 0);
}

/* 上市辅导备案证明, 机动车行驶证, 道路运输从业人员从业资格证 and the
 * transport founders' safety managers */
static void
test_listing_vehicles_qualifications (void)
{
  g_autofree char *today = today_iso ();
  g_autoptr(GRegex) plate = g_regex_new ("^皖A·[0-9A-HJ-NP-Z]{5}$", 0, 0, NULL);
  g_autoptr(GPtrArray) plates = NULL;
  gint64 n_enterprises, n_listing, n_founders, n_owners, n_managers, n_self, n_men, n_drivers;

  if (!have_demo_data ())
    return;

  /* numbers: one licence each */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) - count(DISTINCT type || '|' || number) FROM licences WHERE type IN "
    "('listing_guidance_filing','vehicle_licence','transport_qualification')"), ==, 0);

  /* 上市辅导备案证明: 12 % of the enterprises (a quota), none penalised, bankrupt,
   * liquidating or revoked; one of the five boards, a securities company */
  n_enterprises = query_int (db, "SELECT count(*) FROM applicants WHERE kind = 'enterprise'");
  n_listing = query_int (db, "SELECT count(DISTINCT holder) FROM licences WHERE type = 'listing_guidance_filing'");
  g_test_message ("listing guidance filings: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " enterprises",
                  n_listing, n_enterprises);
  g_assert_cmpint (n_listing, >=, 5);
  g_assert_cmpint (n_listing, ==, quota (n_enterprises, 12));
  g_assert_cmpint (n_listing, ==, query_int (db, "SELECT count(*) FROM licences WHERE type = 'listing_guidance_filing'"));
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences l JOIN applicants a ON a.key = l.holder WHERE l.type = 'listing_guidance_filing' AND ("
    "a.kind != 'enterprise' OR json_extract (l.fields, '$.subject_name') IS NOT a.name OR "
    "coalesce (json_extract (l.fields, '$.listing_board'), '') NOT IN "
    "('上海证券交易所主板','深圳证券交易所主板','科创板','创业板','北京证券交易所') OR "
    "json_extract (l.fields, '$.sponsor') NOT GLOB '?*股份有限公司' AND json_extract (l.fields, '$.sponsor') NOT GLOB '?*证券*公司' OR "
    "json_extract (l.fields, '$.filed_on') IS NOT l.issued_on OR "
    "l.issuer != '中国证券监督管理委员会安徽监管局' OR l.valid_until IS NOT NULL OR l.revoked = 1 OR "
    "l.issued_on > date ('TODAY', '-2 months') OR l.issued_on < date ('TODAY', '-31 months') OR "
    "l.number NOT GLOB '皖证监辅导〔' || strftime ('%Y', l.issued_on) || '〕[1-9]*号')", today), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences l JOIN licences o ON o.holder = l.holder WHERE l.type = 'listing_guidance_filing' "
    "AND (o.type IN ('administrative_penalty_decision','bankruptcy_ruling','liquidation_filing') "
    "OR (o.type = 'business_licence' AND o.revoked = 1))"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM applicants a JOIN licences l ON l.holder = a.key AND l.type = 'listing_guidance_filing' "
    "WHERE a.serious_credit_breach = 1"), ==, 0);
  /* 企业上市合法合规信息核查 only for enterprises in listing guidance, filed before the case */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE item = 'listing_compliance_check'"), >, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE item = 'listing_compliance_check' AND NOT EXISTS "
    "(SELECT 1 FROM licences l WHERE l.holder = c.applicant AND l.type = 'listing_guidance_filing' "
    "AND l.issued_on <= date (c.created_at, '+8 hours'))"), ==, 0);

  /* the transport founders: each knows a safety manager, a working-age
   * person holding a qualification of that category, valid from before
   * the first case to after today; 30 % are their own (a quota) */
  n_founders = query_int (db, "SELECT count(DISTINCT applicant) FROM parties WHERE role = 'safety_manager'");
  n_self = query_int (db, "SELECT count(*) FROM parties WHERE role = 'safety_manager' AND party_key = applicant");
  g_test_message ("transport founders: %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " their own safety manager",
                  n_founders, n_self);
  g_assert_cmpint (n_founders, >=, 10);
  g_assert_cmpint (n_self, >, 0);
  g_assert_cmpint (n_self, <, n_founders / 2 + 1);
  /* a quota: 30 % of the founders, among those of 25 to 58 */
  g_assert_cmpint (n_self, ==, MIN (quota (n_founders, 30), query_int_today (
    "SELECT count(DISTINCT applicant) FROM parties WHERE role = 'safety_manager' AND "
    AGED ("applicant", 25, 58), today)));
  g_assert_cmpint (n_founders, ==, query_int (db, "SELECT count(*) FROM parties WHERE role = 'safety_manager'"));
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM parties p JOIN applicants a ON a.key = p.applicant WHERE p.role = 'safety_manager' "
    "AND a.kind != 'person'"), ==, 0);
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM parties p WHERE p.role = 'safety_manager' AND ("
    BIRTH ("p.party_key") " NOT BETWEEN date ('TODAY', '-60 years') AND date ('TODAY', '-22 years') OR NOT EXISTS "
    "(SELECT 1 FROM licences q WHERE q.holder = p.party_key AND q.type = 'transport_qualification' AND q.revoked = 0 "
    "AND json_extract (q.fields, '$.category') = '道路运输企业主要负责人和安全生产管理人员' "
    "AND q.issued_on <= date ('TODAY', '-92 days') AND q.valid_until > 'TODAY'))", today), ==, 0);
  /* 开办运输企业: by a founder, naming that safety manager */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE item = 'open_transport'"), >, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE item = 'open_transport' AND NOT EXISTS "
    "(SELECT 1 FROM json_each (c.parties) j JOIN parties p ON p.applicant = c.applicant AND p.role = 'safety_manager' "
    "AND p.party_key = json_extract (j.value, '$.key') WHERE json_extract (j.value, '$.role') = 'safety_manager')"), ==, 0);

  /* 机动车行驶证: trucks of four in five founders (a quota), one to four each,
   * the number the plate, registered one to eight years ago, the
   * inspection due within a year */
  n_owners = query_int (db, "SELECT count(DISTINCT holder) FROM licences WHERE type = 'vehicle_licence'");
  g_test_message ("vehicle licences: %" G_GINT64_FORMAT " owners, %" G_GINT64_FORMAT " trucks", n_owners,
                  query_int (db, "SELECT count(*) FROM licences WHERE type = 'vehicle_licence'"));
  /* a quota: four of every five founders (all but the 5th, 10th …) */
  g_assert_cmpint (n_owners, ==, n_founders - (n_founders + 1) / 5);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM (SELECT holder FROM licences WHERE type = 'vehicle_licence' GROUP BY holder "
    "HAVING count(*) > 4)"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences l WHERE type = 'vehicle_licence' AND NOT EXISTS "
    "(SELECT 1 FROM applicants a JOIN parties p ON p.applicant = a.key AND p.role = 'safety_manager' "
    "WHERE a.key = l.holder AND a.kind = 'person')"), ==, 0);
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences WHERE type = 'vehicle_licence' AND ("
    "json_extract (fields, '$.plate_number') IS NOT number OR json_extract (fields, '$.owner') IS NOT holder_name OR "
    "json_extract (fields, '$.use_nature') IS NOT '货运' OR "
    "coalesce (json_extract (fields, '$.vehicle_type'), '') NOT IN ('重型厢式货车','中型普通货车','轻型厢式货车','重型半挂牵引车') OR "
    "json_extract (fields, '$.brand_model') NOT GLOB '*牌[A-Z]*' OR "
    "issuer != '合肥市公安局交通警察支队' OR revoked = 1 OR "
    "issued_on < date ('TODAY', '-8 years', '-1 day') OR issued_on > date ('TODAY', '-1 year', '+4 days') OR "
    "valid_until IS NULL OR valid_until <= issued_on OR valid_until > date ('TODAY', '+12 months') OR "
    "issued_on < date (" BIRTH ("holder") ", '+18 years'))", today), ==, 0);
  /* one registration a day per owner: the order of issue is clear */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM (SELECT holder, issued_on FROM licences WHERE type = 'vehicle_licence' "
    "GROUP BY holder, issued_on HAVING count(*) > 1)"), ==, 0);
  plates = query_strings (db, "SELECT number FROM licences WHERE type = 'vehicle_licence'");
  g_assert_cmpuint (plates->len, >=, n_owners);
  for (guint i = 0; i < plates->len; i++)
    if (!g_regex_match (plate, g_ptr_array_index (plates, i), 0, NULL))
      g_error ("a vehicle licence number is not a Hefei plate");

  /* 道路运输从业人员从业资格证: one per person, an adult; the 16-digit number
   * with the year of the first issue; valid six years from the last renewal */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) - count(DISTINCT holder) FROM licences WHERE type = 'transport_qualification'"), ==, 0);
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM licences l JOIN applicants a ON a.key = l.holder WHERE l.type = 'transport_qualification' AND ("
    "a.kind != 'person' OR json_extract (l.fields, '$.name') IS NOT a.name OR l.holder_name != a.name OR "
    "coalesce (json_extract (l.fields, '$.category'), '') NOT IN "
    "('经营性道路货物运输驾驶员','道路运输企业主要负责人和安全生产管理人员') OR "
    "l.number NOT GLOB '340100[12][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' OR "
    "substr (l.number, 7, 4) != substr (json_extract (l.fields, '$.first_issued_on'), 1, 4) OR "
    "l.issued_on NOT IN (json_extract (l.fields, '$.first_issued_on'), "
    "date (json_extract (l.fields, '$.first_issued_on'), '+6 years'), "
    "date (json_extract (l.fields, '$.first_issued_on'), '+12 years')) OR "
    "l.valid_until != date (l.issued_on, '+6 years') OR l.issued_on > 'TODAY' OR l.revoked = 1 OR "
    "json_extract (l.fields, '$.first_issued_on') < date (" BIRTH ("l.holder") ", '+18 years'))", today), ==, 0);
  /* drivers: 30 % of the men of working age (a quota), only men */
  n_men = query_int_today (
    "SELECT count(*) FROM applicants WHERE kind = 'person' AND " SEX ("key") " = '男' AND "
    BIRTH ("key") " BETWEEN date ('TODAY', '-60 years') AND date ('TODAY', '-22 years')", today);
  n_drivers = query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'transport_qualification' "
    "AND json_extract (fields, '$.category') = '经营性道路货物运输驾驶员'");
  n_managers = query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'transport_qualification' "
    "AND json_extract (fields, '$.category') = '道路运输企业主要负责人和安全生产管理人员'");
  g_test_message ("transport qualifications: %" G_GINT64_FORMAT " drivers of %" G_GINT64_FORMAT
                  " working-age men, %" G_GINT64_FORMAT " safety managers", n_drivers, n_men, n_managers);
  g_assert_cmpfloat ((double) n_drivers / n_men, >=, 0.15);
  g_assert_cmpfloat ((double) n_drivers / n_men, <=, 0.45);
  /* a quota: 30 % of the men of 22 to 60 who are not safety managers */
  g_assert_cmpint (n_drivers, ==, quota (query_int_today (
    "SELECT count(*) FROM applicants a WHERE kind = 'person' AND " SEX ("key") " = '男' AND "
    AGED ("key", 22, 60) " AND NOT EXISTS (SELECT 1 FROM licences l WHERE l.holder = a.key "
    "AND l.type = 'transport_qualification' "
    "AND json_extract (l.fields, '$.category') = '道路运输企业主要负责人和安全生产管理人员')", today), 30));
  g_assert_cmpint (n_managers, ==, n_founders);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM licences WHERE type = 'transport_qualification' "
    "AND json_extract (fields, '$.category') = '经营性道路货物运输驾驶员' AND " SEX ("holder") " != '男'"), ==, 0);
}

/* Every case goes to an applicant who plausibly applies, never to a
 * minor; prefilled values of completed and received cases are those of
 * the party's licence where exactly one of that type is valid on the
 * reception day (the demo fills its forms through core's reception),
 * and for an "aggregate" source the list or count of every licence of
 * the type valid on the reception day. */
static void
test_case_applicants (void)
{
  g_autofree char *today = today_iso ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) lookup = NULL;
  g_autoptr(sqlite3_stmt) gather = NULL;
  guint n_checked = 0, n_child_checked = 0, n_listing = 0, n_managers = 0, n_counts = 0, n_lists = 0;

  if (!have_demo_data ())
    return;

  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM cases c JOIN applicants a ON a.key = c.applicant "
    "WHERE a.kind = 'person' AND " BIRTH ("a.key") " > date ('TODAY', '-18 years')", today), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c, json_each (c.parties) p "
    "WHERE json_extract (p.value, '$.key') = c.applicant AND json_extract (p.value, '$.role') = 'child'"), ==, 0);
  /* 教育入学: a parent of the child named as party "child" */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE item = 'school_enrolment'"), >, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE item = 'school_enrolment' AND NOT EXISTS "
    "(SELECT 1 FROM json_each (c.parties) p JOIN parties k ON k.applicant = c.applicant AND k.role = 'child' "
    "AND k.party_key = json_extract (p.value, '$.key') WHERE json_extract (p.value, '$.role') = 'child')"), ==, 0);
  /* 企业破产信息核查: the enterprise in bankruptcy; 信用修复: one with a penalty */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE item = 'bankruptcy_check' AND NOT EXISTS "
    "(SELECT 1 FROM licences l WHERE l.holder = c.applicant AND l.type = 'bankruptcy_ruling')"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE item = 'credit_repair' AND NOT EXISTS "
    "(SELECT 1 FROM licences l WHERE l.holder = c.applicant AND l.type = 'administrative_penalty_decision' "
    "AND l.issued_on < date (c.created_at, '-80 days'))"), ==, 0);
  /* 企业注销登记: a liquidation group filed (普通注销), or 简易注销 of a company
   * without penalty or bankruptcy */
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c WHERE item = 'enterprise_deregistration' AND NOT EXISTS "
    "(SELECT 1 FROM licences l WHERE l.holder = c.applicant AND l.type = 'liquidation_filing') "
    "AND (json_extract (c.form, '$.deregistration_mode') = '普通注销' OR EXISTS (SELECT 1 FROM licences l "
    "WHERE l.holder = c.applicant AND l.type IN ('administrative_penalty_decision','bankruptcy_ruling')))"), ==, 0);
  g_assert_cmpint (query_int (db,
    "SELECT count(*) FROM cases c JOIN licences l ON l.holder = c.applicant AND l.type = 'liquidation_filing' "
    "WHERE item = 'enterprise_deregistration' AND json_extract (c.form, '$.deregistration_mode') = '简易注销'"), ==, 0);
  /* 退休: insured, 48 to 60 */
  g_assert_cmpint (query_int_today (
    "SELECT count(*) FROM cases c WHERE item = 'retirement' AND (NOT EXISTS "
    "(SELECT 1 FROM licences l WHERE l.holder = c.applicant AND l.type = 'social_insurance_record') "
    "OR " BIRTH ("c.applicant") " NOT BETWEEN date ('TODAY', '-61 years') AND date ('TODAY', '-48 years'))", today), ==, 0);

  /* prefilled values agree with the licences the catalogue names */
  stmt = zc_server_db_prepare (db,
    "SELECT c.applicant, c.parties, c.form, i.json, date (c.received_at, '+8 hours') "
    "FROM cases c JOIN catalogue_items i ON i.code = c.item "
    "WHERE c.state IN ('received','completed')", &error);
  g_assert_no_error (error);
  /* "aggregate": every licence of the type valid on the reception day
   * (Asia/Shanghai), in the order of issue */
  gather = zc_server_db_prepare (db,
    "SELECT count(*), group_concat (v, '、') FROM (SELECT CASE ?3 WHEN 'number' THEN number "
    "ELSE json_extract (fields, '$.' || ?3) END AS v FROM licences WHERE holder = ?1 AND type = ?2 "
    "AND revoked = 0 AND issued_on <= ?4 AND (valid_until IS NULL OR valid_until >= ?4) ORDER BY issued_on)", &error);
  g_assert_no_error (error);
  /* a single licence: the one of the type valid on the reception day
   * (core's rule: an expired, revoked or not yet issued licence answers
   * nothing, the clerk types) */
  lookup = zc_server_db_prepare (db,
    "SELECT type, number, holder, holder_name, issuer, issued_on, valid_until, fields FROM licences "
    "WHERE holder = ?1 AND type = ?2 "
    "AND revoked = 0 AND issued_on <= ?3 AND (valid_until IS NULL OR valid_until >= ?3)", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) parties = json_from_string ((const char *) sqlite3_column_text (stmt, 1), &error);
      g_autoptr(JsonNode) form = json_from_string ((const char *) sqlite3_column_text (stmt, 2), &error);
      g_autoptr(JsonNode) item = json_from_string ((const char *) sqlite3_column_text (stmt, 3), &error);
      JsonObject *form_obj, *item_obj;
      JsonArray *fields;

      g_assert_no_error (error);
      form_obj = json_node_get_object (form);
      item_obj = json_node_get_object (item);
      fields = json_object_has_member (item_obj, "fields") ? json_object_get_array_member (item_obj, "fields") : NULL;
      for (guint f = 0; fields != NULL && f < json_array_get_length (fields); f++)
        {
          JsonObject *field = json_array_get_object_element (fields, f);
          const char *key = json_object_get_string_member_with_default (field, "key", NULL);
          const char *role = json_object_get_string_member_with_default (field, "party", "applicant");
          JsonObject *source = json_object_has_member (field, "source") &&
                               JSON_NODE_HOLDS_OBJECT (json_object_get_member (field, "source"))
                               ? json_object_get_object_member (field, "source") : NULL;
          const char *type = source ? json_object_get_string_member_with_default (source, "licence_type", NULL) : NULL;
          const char *member = source ? json_object_get_string_member_with_default (source, "field", NULL) : NULL;
          const char *aggregate = source ? json_object_get_string_member_with_default (source, "aggregate", NULL) : NULL;
          const char *holder = NULL;
          g_autofree char *expected = NULL;
          g_autofree char *actual = NULL;
          guint n_found = 0;

          if (type == NULL || member == NULL || key == NULL || !json_object_has_member (form_obj, key))
            continue;
          if (strcmp (role, "applicant") == 0)
            holder = (const char *) sqlite3_column_text (stmt, 0);
          else
            {
              JsonArray *list = json_node_get_array (parties);

              for (guint p = 0; p < json_array_get_length (list); p++)
                {
                  JsonObject *party = json_array_get_object_element (list, p);

                  if (g_strcmp0 (json_object_get_string_member_with_default (party, "role", NULL), role) == 0)
                    holder = json_object_get_string_member_with_default (party, "key", NULL);
                }
            }
          if (holder == NULL)
            continue;

          if (aggregate != NULL)
            {
              g_autoptr(JsonNode) node = NULL;
              gint64 n;

              sqlite3_bind_text (gather, 1, holder, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (gather, 2, type, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (gather, 3, member, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (gather, 4, (const char *) sqlite3_column_text (stmt, 4), -1, SQLITE_TRANSIENT);
              g_assert_cmpint (sqlite3_step (gather), ==, SQLITE_ROW);
              n = sqlite3_column_int64 (gather, 0);
              if (n > 0 && strcmp (aggregate, "count") == 0)
                node = json_node_init_string (json_node_alloc (), (const char *) sqlite3_column_text (gather, 0));
              else if (n > 0 && strcmp (aggregate, "list") == 0)
                node = json_node_init_string (json_node_alloc (), (const char *) sqlite3_column_text (gather, 1));
              sqlite3_reset (gather);
              sqlite3_clear_bindings (gather);
              if (node == NULL)
                continue;   /* none valid: typed by the clerk */
              expected = json_to_string (node, FALSE);
              actual = json_to_string (json_object_get_member (form_obj, key), FALSE);
              if (g_strcmp0 (expected, actual) != 0)
                g_error ("form field %s (%s of %s.%s of party %s) differs from the licences",
                         key, aggregate, type, member, role);
              if (strcmp (aggregate, "count") == 0)
                n_counts++;
              else
                n_lists++;
              continue;
            }

          sqlite3_bind_text (lookup, 1, holder, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (lookup, 2, type, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (lookup, 3, (const char *) sqlite3_column_text (stmt, 4), -1, SQLITE_TRANSIENT);
          while (sqlite3_step (lookup) == SQLITE_ROW)
            {
              static const char * const top[] = {
                "type", "number", "holder", "holder_name", "issuer", "issued_on", "valid_until",
              };

              n_found++;
              g_clear_pointer (&expected, g_free);
              for (guint t = 0; t < G_N_ELEMENTS (top); t++)
                if (strcmp (member, top[t]) == 0 && sqlite3_column_type (lookup, (int) t) != SQLITE_NULL)
                  expected = g_strdup_printf ("\"%s\"", (const char *) sqlite3_column_text (lookup, (int) t));
              if (expected == NULL)
                {
                  g_autoptr(JsonNode) lf = json_from_string ((const char *) sqlite3_column_text (lookup, 7), &error);
                  JsonObject *lo;

                  g_assert_no_error (error);
                  lo = json_node_get_object (lf);
                  if (json_object_has_member (lo, member) && !JSON_NODE_HOLDS_NULL (json_object_get_member (lo, member)))
                    expected = json_to_string (json_object_get_member (lo, member), FALSE);
                }
            }
          sqlite3_reset (lookup);
          sqlite3_clear_bindings (lookup);
          if (n_found != 1 || expected == NULL)
            continue;
          actual = json_to_string (json_object_get_member (form_obj, key), FALSE);
          /* (the values themselves are not logged: ID numbers, names) */
          if (g_strcmp0 (expected, actual) != 0)
            g_error ("form field %s (%s.%s of party %s) differs from the licence", key, type, member, role);
          n_checked++;
          if (strcmp (role, "child") == 0)
            n_child_checked++;
          if (strcmp (type, "listing_guidance_filing") == 0)
            n_listing++;
          if (strcmp (type, "transport_qualification") == 0 && strcmp (role, "safety_manager") == 0)
            n_managers++;
        }
    }
  g_test_message ("%u prefilled values checked, %u of a child, %u of listing filings, %u of safety managers, "
                  "%u counts and %u lists of licences", n_checked, n_child_checked, n_listing, n_managers,
                  n_counts, n_lists);
  g_assert_cmpuint (n_checked, >, 1000);
  g_assert_cmpuint (n_child_checked, >, 0);
  g_assert_cmpuint (n_listing, >, 0);
  g_assert_cmpuint (n_managers, >, 0);
  g_assert_cmpuint (n_counts, >, 0);
  g_assert_cmpuint (n_lists, >, 0);
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
  g_test_add_func ("/demo/case-materials", test_case_materials);
  g_test_add_func ("/demo/household-registers", test_household_registers);
  g_test_add_func ("/demo/children", test_children);
  g_test_add_func ("/demo/sources", test_sources);
  g_test_add_func ("/demo/listing-vehicles-qualifications", test_listing_vehicles_qualifications);
  g_test_add_func ("/demo/case-applicants", test_case_applicants);
  g_test_add_func ("/demo/users", test_users);
  g_test_add_func ("/demo/populated-unchanged", test_populated);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/all-or-nothing", test_all_or_nothing);

  status = g_test_run ();

  g_clear_pointer (&db, zc_server_db_close);
  g_clear_pointer (&load_day, g_free);
  zc_test_remove_tree (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
