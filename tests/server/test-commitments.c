/* test-commitments.c — 容缺 and 告知承诺 on the platform: credit, the
 * refusals with their reasons, tasks waiting for a tolerated material,
 * overdue on a moved clock (on a read and by the periodic job), 事后核查
 * due after approval, a false commitment → credit record → refused next
 * time; roles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "zc-clock.h"
#include "zc-models.h"
#include "zc-server.h"
#include "zc-test-server-fixture.h"
#include "zc-test-util.h"

/* m1 3 working days, m2 10, m3 7 and not eligible for 告知承诺 */
static const char item_json[] =
  "{\"code\":\"cmt\",\"name\":\"测试事项\",\"initials\":\"cs\",\"subject\":\"person\","
  "\"lead_department\":\"市场监管局\",\"matters\":["
  "{\"code\":\"m1\",\"name\":\"设立登记\",\"department\":\"市场监管局\",\"time_limit_days\":3,\"optional\":false},"
  "{\"code\":\"m2\",\"name\":\"食品经营许可\",\"department\":\"市场监管局\",\"time_limit_days\":10,\"optional\":false},"
  "{\"code\":\"m3\",\"name\":\"消防安全检查\",\"department\":\"消防救援\",\"time_limit_days\":7,\"optional\":false,"
  "\"commitment_allowed\":false}],"
  "\"fields\":[],\"materials\":["
  "{\"code\":\"health\",\"name\":\"健康证明\",\"party\":\"applicant\",\"matters\":[\"m1\",\"m2\"],"
  "\"tolerable\":true,\"commitment_allowed\":false},"
  "{\"code\":\"rules\",\"name\":\"食品安全管理制度\",\"party\":\"applicant\",\"matters\":[\"m2\"],"
  "\"tolerable\":false,\"commitment_allowed\":true},"
  "{\"code\":\"fire_plan\",\"name\":\"消防预案\",\"party\":\"applicant\",\"matters\":[\"m3\"],"
  "\"tolerable\":false,\"commitment_allowed\":true},"
  "{\"code\":\"lease\",\"name\":\"租赁合同\",\"party\":\"applicant\",\"matters\":[\"m2\"],"
  "\"tolerable\":false,\"commitment_allowed\":false}]}";

#define START      "2026-12-04T10:00:00+08:00"  /* a Friday */
#define SIGNATURE_OF(signer) "\"signature\":{\"signer\":\"" signer "\",\"signed_at\":\"2026-12-04T10:00:00+08:00\",\"method\":\"signature_pad\"}"

typedef struct
{
  char        *dir;
  char        *path;
  ZcServerDb  *db;
  ZcServerApi *api;
} Fixture;

static void
add_item (ZcServerDb *db)
{
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (db,
    "INSERT INTO catalogue_items (code, position, json) VALUES ('cmt', 2, ?1)", NULL);

  sqlite3_bind_text (stmt, 1, item_json, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  zc_test_exec (db, "UPDATE applicants SET serious_credit_breach = 1 WHERE key = '" SPOUSE_KEY "'");
}

static void
set_clock (ZcServerDb *db,
           const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcClock) clock = zc_clock_new_from_iso (iso, &error);

  g_assert_no_error (error);
  zc_server_db_set_clock (db, clock);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("zc-test-commitments-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "platform.db", NULL);
  f->db = zc_server_db_open (f->path, &error);
  g_assert_no_error (error);
  zc_test_populate (f->db);
  add_item (f->db);
  set_clock (f->db, START);
  f->api = zc_server_api_new (f->db, NULL);
  zc_server_api_set_verification_days (f->api, 5);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->api);
  g_clear_pointer (&f->db, zc_server_db_close);
  zc_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static ZcServerResponse *
call (Fixture    *f,
      const char *method,
      const char *path_and_query,
      const char *token,
      const char *body)
{
  g_autoptr(ZcServerRequest) request = NULL;
  g_auto(GStrv) parts = g_strsplit (path_and_query, "?", 2);

  request = zc_server_request_new (method, parts[0], parts[1]);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      zc_server_request_set_header (request, "Authorization", auth);
    }
  if (body != NULL)
    {
      zc_server_request_set_header (request, "Content-Type", "application/json");
      zc_server_request_set_body (request, body, strlen (body));
    }
  return zc_server_api_handle (f->api, request);
}

static JsonNode *
parse (ZcServerResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, zc_server_response_get_text (response), -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* the answer as JSON, after checking its status */
static JsonNode *
expect (ZcServerResponse *response,
        guint             status)
{
  JsonNode *node;

  if (response->status != status)
    g_error ("expected %u, got %u: %s", status, response->status, zc_server_response_get_text (response));
  node = parse (response);
  zc_server_response_free (response);
  return node;
}

/* an error with @code; its message contains @words when not NULL */
static void
expect_error (ZcServerResponse *response,
              guint             status,
              const char       *code,
              const char       *words)
{
  g_autoptr(JsonNode) node = expect (response, status);
  JsonObject *error = json_object_get_object_member (json_node_get_object (node), "error");

  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  if (words != NULL && strstr (json_object_get_string_member (error, "message"), words) == NULL)
    g_error ("“%s” not in “%s”", words, json_object_get_string_member (error, "message"));
}

static char *
login (Fixture    *f,
       const char *username)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"" PASSWORD "\"}", username);
  g_autoptr(JsonNode) node = expect (call (f, "POST", "/api/v1/sessions", NULL, body), 201);

  return g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
}

static gint64
create_case (Fixture    *f,
             const char *token,
             const char *applicant)
{
  g_autofree char *body = g_strdup_printf (
    "{\"item\":\"cmt\",\"applicant\":\"%s\",\"matters\":[\"m1\",\"m2\",\"m3\"],"
    "\"materials\":{\"health\":\"received\",\"rules\":\"received\",\"fire_plan\":\"received\",\"lease\":\"received\"}}",
    applicant);
  g_autoptr(JsonNode) node = expect (call (f, "POST", "/api/v1/cases", token, body), 201);

  return json_object_get_int_member (json_node_get_object (node), "id");
}

static ZcServerResponse *
commit (Fixture    *f,
        const char *token,
        gint64      case_id,
        const char *members)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/commitments", case_id);
  g_autofree char *body = NULL;
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (f->db, "SELECT applicant FROM cases WHERE id = ?1", NULL);
  const char *signer = PERSON_KEY;

  /* the case's applicant signs (an unknown case: the first person) */
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    signer = (const char *) sqlite3_column_text (stmt, 0);
  body = g_strdup_printf ("{%s," SIGNATURE_OF ("%s") "}", members, signer);

  return call (f, "POST", path, token, body);
}

static JsonNode *
transition (Fixture    *f,
            const char *token,
            const char *kind,
            gint64      id,
            const char *to)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT "/transitions", kind, id);
  g_autofree char *body = g_strdup_printf ("{\"to\":\"%s\"}", to);

  return expect (call (f, "POST", path, token, body), 200);
}

static JsonObject *
task_of (JsonNode   *case_node,
         const char *matter)
{
  JsonArray *tasks = json_object_get_array_member (json_node_get_object (case_node), "tasks");

  for (guint i = 0; i < json_array_get_length (tasks); i++)
    {
      JsonObject *t = json_array_get_object_element (tasks, i);

      if (g_strcmp0 (json_object_get_string_member (t, "matter"), matter) == 0)
        return t;
    }
  g_assert_not_reached ();
  return NULL;
}

static JsonNode *
get_case (Fixture    *f,
          const char *token,
          gint64      id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, id);

  return expect (call (f, "GET", path, token, NULL), 200);
}

static char *
commitment_state (Fixture *f,
                  gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM commitments WHERE id = %" G_GINT64_FORMAT, id);
  g_autoptr(sqlite3_stmt) stmt = zc_server_db_prepare (f->db, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* ------------------------------------------------------------------ */

static void
test_credit (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *scjg = login (f, "scjg");
  g_autoptr(JsonNode) clean = expect (call (f, "GET", "/api/v1/applicants/" PERSON_KEY "/credit", clerk, NULL), 200);
  g_autoptr(JsonNode) breach = expect (call (f, "GET", "/api/v1/applicants/" SPOUSE_KEY "/credit", clerk, NULL), 200);

  g_assert_true (json_object_get_boolean_member (json_node_get_object (clean), "commitment_allowed"));
  g_assert_false (json_object_get_boolean_member (json_node_get_object (clean), "serious_credit_breach"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (clean), "records")), ==, 0);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (breach), "commitment_allowed"));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (breach), "serious_credit_breach"));

  expect_error (call (f, "GET", "/api/v1/applicants/12345/credit", clerk, NULL), 400, "invalid_key", NULL);
  expect_error (call (f, "GET", "/api/v1/applicants/" OTHER_KEY "/credit", clerk, NULL), 404, "not_found", NULL);
  expect_error (call (f, "GET", "/api/v1/applicants/" PERSON_KEY "/credit", scjg, NULL), 403, "forbidden", NULL);
  /* looking at a person's credit is audited with the person as subject */
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'applicant.credit' "
                                         "AND subject = '" PERSON_KEY "'"), ==, 1);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *supervisor = login (f, "supervisor");
  gint64 id = create_case (f, clerk, PERSON_KEY);
  gint64 breached = create_case (f, clerk, SPOUSE_KEY);

  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"lease\"],\"deadline\":\"2026-12-08\""),
                422, "not_tolerable", "租赁合同");
  expect_error (commit (f, clerk, id, "\"kind\":\"commitment\",\"materials\":[\"lease\"]"),
                422, "material_not_eligible", "租赁合同");
  expect_error (commit (f, clerk, id, "\"kind\":\"commitment\",\"materials\":[\"fire_plan\"]"),
                422, "matter_not_eligible", "消防安全检查");
  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"health\"]"),
                422, "no_deadline", NULL);
  /* m1's 3 working days from Friday 12-04: 12-09 at the latest */
  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-10\""),
                422, "deadline_beyond_limit", "2026-12-09");
  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-04\""),
                422, "deadline_past", NULL);
  /* Saturday 12-05: the window is closed, whoever asks (the dialog says it too) */
  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-05\""),
                422, "deadline_not_working_day", "2026-12-05");
  /* a 告知承诺 given a deadline keeps to the same limit (not 9999-12-31) */
  expect_error (commit (f, clerk, id, "\"kind\":\"commitment\",\"materials\":[\"rules\"],\"deadline\":\"9999-12-31\""),
                422, "deadline_beyond_limit", NULL);
  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"nothing\"],\"deadline\":\"2026-12-08\""),
                422, "invalid_request", NULL);
  expect_error (commit (f, clerk, id, "\"kind\":\"promise\",\"materials\":[\"health\"]"),
                422, "invalid_request", NULL);
  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"health\",\"health\"],\"deadline\":\"2026-12-08\""),
                422, "invalid_request", NULL);
  expect_error (commit (f, clerk, breached, "\"kind\":\"commitment\",\"materials\":[\"rules\"]"),
                422, "credit_breach", NULL);
  {
    /* without a signature */
    g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/commitments", id);

    expect_error (call (f, "POST", path, clerk, "{\"kind\":\"commitment\",\"materials\":[\"rules\"]}"),
                  422, "invalid_request", NULL);
    /* roles: a supervisor does not record commitments */
    expect_error (call (f, "POST", path, supervisor, "{}"), 403, "forbidden", NULL);
  }
  /* nothing was written by a refusal */
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM commitments"), ==, 0);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action LIKE 'commitment.%'"), ==, 0);

  {
    /* a tolerance is open to a breached applicant (credit bars 告知承诺 only) */
    g_autoptr(JsonNode) ok = expect (commit (f, clerk, breached,
                                             "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""), 201);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (ok), "state"), ==, "open");
    /* one open commitment per material */
    expect_error (commit (f, clerk, breached, "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""),
                  409, "conflict", NULL);
  }
  {
    /* a draft's commitment binds nobody yet: listed for no one (the
     * case page shows it), without a number to name it by */
    g_autoptr(JsonNode) own = expect (call (f, "GET", "/api/v1/commitments", clerk, NULL), 200);
    g_autoptr(JsonNode) all = expect (call (f, "GET", "/api/v1/commitments", supervisor, NULL), 200);
    g_autoptr(JsonNode) draft = get_case (f, clerk, breached);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (own), "total"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (own), "commitments")), ==, 0);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (all), "total"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (draft), "commitments")), ==, 1);
  }
  {
    /* received: the window lists its own cases' commitments (it takes
     * the missing material in) by the case's number; another window's
     * clerk none of them */
    g_autofree char *clerk2 = login (f, "clerk2");
    g_autoptr(JsonNode) received = transition (f, clerk, "cases", breached, "received");
    g_autoptr(JsonNode) own = expect (call (f, "GET", "/api/v1/commitments", clerk, NULL), 200);
    g_autoptr(JsonNode) other = expect (call (f, "GET", "/api/v1/commitments", clerk2, NULL), 200);
    JsonObject *listed;

    listed = json_array_get_object_element (json_object_get_array_member (json_node_get_object (own), "commitments"), 0);
    g_assert_nonnull (listed);
    g_assert_cmpstr (json_object_get_string_member (listed, "case_number"), ==,
                     json_object_get_string_member (json_node_get_object (received), "number"));
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (own), "total"), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (own), "commitments")), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (other), "total"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (other), "commitments")), ==, 0);
  }
}

static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *scjg = login (f, "scjg");
  g_autofree char *xf = login (f, "xf");
  g_autofree char *supervisor = login (f, "supervisor");
  gint64 id = create_case (f, clerk, PERSON_KEY);
  gint64 tolerance, commitment;

  {
    g_autoptr(JsonNode) t = expect (commit (f, clerk, id,
      "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""), 201);
    g_autoptr(JsonNode) c = expect (commit (f, clerk, id,
      "\"kind\":\"commitment\",\"materials\":[\"rules\"],\"verification_method\":\"on_site\","
      "\"obligations\":\"承诺食品安全管理制度已建立并执行\""), 201);
    JsonObject *to = json_node_get_object (t);
    JsonObject *co = json_node_get_object (c);
    g_autoptr(JsonNode) the_case = get_case (f, clerk, id);
    JsonObject *materials = json_object_get_object_member (json_node_get_object (the_case), "materials");

    tolerance = json_object_get_int_member (to, "id");
    commitment = json_object_get_int_member (co, "id");
    g_assert_cmpstr (json_object_get_string_member (to, "kind"), ==, "tolerance");
    g_assert_cmpstr (json_object_get_string_member (to, "deadline"), ==, "2026-12-09");
    g_assert_cmpstr (json_object_get_string_member (co, "verification_method"), ==, "on_site");
    g_assert_true (json_object_get_null_member (co, "verification_due"));
    /* the case says which materials follow and which are committed */
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "health"), "state"), ==, "deferred");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "rules"), "state"), ==, "committed");
  }

  {
    /* received: the tasks needing the tolerated material wait for it */
    g_autoptr(JsonNode) received = transition (f, clerk, "cases", id, "received");

    g_assert_true (json_object_get_boolean_member (task_of (received, "m1"), "awaiting_supplement"));
    g_assert_true (json_object_get_boolean_member (task_of (received, "m2"), "awaiting_supplement"));
    g_assert_false (json_object_get_boolean_member (task_of (received, "m3"), "awaiting_supplement"));
  }

  {
    /* supplied: fulfilled, the tasks go on */
    g_autoptr(GError) error = NULL;
    g_autofree char *state = NULL;
    g_autoptr(JsonNode) after = NULL;

    g_assert_true (zc_server_api_material_supplied (f->api, id, "health", &error));
    g_assert_no_error (error);
    state = commitment_state (f, tolerance);
    g_assert_cmpstr (state, ==, "fulfilled");
    after = get_case (f, clerk, id);
    g_assert_false (json_object_get_boolean_member (task_of (after, "m1"), "awaiting_supplement"));
    g_assert_false (json_object_get_boolean_member (task_of (after, "m2"), "awaiting_supplement"));
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'commitment.fulfilled'"), ==, 1);
  }

  {
    /* m2 approved on the commitment: 事后核查 due 5 working days on (Friday → next Friday) */
    g_autoptr(JsonNode) received = get_case (f, clerk, id);
    gint64 m2 = json_object_get_int_member (task_of (received, "m2"), "id");
    g_autoptr(JsonNode) r1 = transition (f, scjg, "tasks", m2, "in_review");
    g_autoptr(JsonNode) r2 = transition (f, scjg, "tasks", m2, "approved");
    g_autoptr(JsonNode) due = expect (call (f, "GET", "/api/v1/commitments?kind=commitment&due_before=2026-12-11", scjg, NULL), 200);
    g_autoptr(JsonNode) not_yet = expect (call (f, "GET", "/api/v1/commitments?kind=commitment&due_before=2026-12-10", scjg, NULL), 200);
    g_autoptr(JsonNode) fire = expect (call (f, "GET", "/api/v1/commitments", xf, NULL), 200);
    JsonArray *list = json_object_get_array_member (json_node_get_object (due), "commitments");
    JsonObject *c;

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    c = json_array_get_object_element (list, 0);
    g_assert_cmpstr (json_object_get_string_member (c, "verification_due"), ==, "2026-12-11");
    /* a list shows the applicant masked */
    g_assert_cmpstr (json_object_get_string_member (c, "applicant_name"), ==, "张*");
    g_assert_null (strstr (json_object_get_string_member (c, "applicant"), "1231002"));
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (not_yet), "total"), ==, 0);
    /* 消防救援 has no commitment of its matters */
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (fire), "total"), ==, 0);
  }

  {
    /* 事后核查 finds it false: breached, a credit record, 告知承诺 closed */
    g_autofree char *path = g_strdup_printf ("/api/v1/commitments/%" G_GINT64_FORMAT "/verifications", commitment);
    g_autofree char *tpath = g_strdup_printf ("/api/v1/commitments/%" G_GINT64_FORMAT "/verifications", tolerance);
    const char *body = "{\"method\":\"on_site\",\"result\":\"false_commitment\",\"note\":\"实地调查未见管理制度\"}";
    g_autoptr(JsonNode) v = NULL;
    g_autoptr(JsonNode) credit = NULL;
    g_autofree char *state = NULL;
    gint64 next;

    expect_error (call (f, "POST", path, xf, body), 403, "forbidden", NULL);
    expect_error (call (f, "POST", path, supervisor, body), 403, "forbidden", NULL);
    expect_error (call (f, "POST", tpath, scjg, body), 409, "conflict", NULL);
    expect_error (call (f, "POST", path, scjg, "{\"method\":\"phone\",\"result\":\"confirmed\"}"), 422, "invalid_request", NULL);
    v = expect (call (f, "POST", path, scjg, body), 201);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (v), "result"), ==, "false_commitment");
    state = commitment_state (f, commitment);
    g_assert_cmpstr (state, ==, "breached");
    expect_error (call (f, "POST", path, scjg, body), 409, "conflict", NULL);

    credit = expect (call (f, "GET", "/api/v1/applicants/" PERSON_KEY "/credit", clerk, NULL), 200);
    g_assert_false (json_object_get_boolean_member (json_node_get_object (credit), "commitment_allowed"));
    g_assert_true (json_object_get_boolean_member (json_node_get_object (credit), "false_commitment"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (credit), "records")), ==, 1);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'credit.record' "
                                           "AND subject = '" PERSON_KEY "'"), ==, 1);

    next = create_case (f, clerk, PERSON_KEY);
    expect_error (commit (f, clerk, next, "\"kind\":\"commitment\",\"materials\":[\"rules\"]"),
                  422, "false_commitment", NULL);
  }
}

static void
test_overdue_on_read (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *supervisor = NULL;
  gint64 id = create_case (f, clerk, PERSON_KEY);
  gint64 tolerance;

  {
    g_autoptr(JsonNode) t = expect (commit (f, clerk, id,
      "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""), 201);
    g_autoptr(JsonNode) received = transition (f, clerk, "cases", id, "received");

    tolerance = json_object_get_int_member (json_node_get_object (t), "id");
  }
  {
    /* on the deadline day it is still open */
    g_autoptr(JsonNode) none = NULL;

    set_clock (f->db, "2026-12-09T23:59:00+08:00");
    supervisor = login (f, "supervisor");   /* sessions expire over days */
    none = expect (call (f, "GET", "/api/v1/commitments?state=overdue", supervisor, NULL), 200);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (none), "total"), ==, 0);
  }
  {
    /* the day after: overdue when read, by the platform, once */
    g_autoptr(JsonNode) late = NULL;
    g_autoptr(JsonNode) again = NULL;
    g_autoptr(JsonNode) the_case = NULL;
    JsonObject *c;

    set_clock (f->db, "2026-12-10T00:00:01+08:00");
    g_free (clerk);
    clerk = login (f, "clerk");
    {
      /* the case page says overdue before anything wrote it */
      g_autoptr(JsonNode) before = get_case (f, clerk, id);
      JsonArray *mine = json_object_get_array_member (json_node_get_object (before), "commitments");

      g_assert_cmpuint (json_array_get_length (mine), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (mine, 0), "state"), ==, "overdue");
      g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM commitments WHERE state = 'overdue'"), ==, 0);
    }
    late = expect (call (f, "GET", "/api/v1/commitments?state=overdue", supervisor, NULL), 200);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (late), "total"), ==, 1);
    c = json_array_get_object_element (json_object_get_array_member (json_node_get_object (late), "commitments"), 0);
    g_assert_cmpint (json_object_get_int_member (c, "id"), ==, tolerance);
    again = expect (call (f, "GET", "/api/v1/commitments?due_before=2026-12-31", supervisor, NULL), 200);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "total"), ==, 1);
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'commitment.overdue' "
                                           "AND actor = 'platform'"), ==, 1);
    /* the task still waits; supplied late, it is fulfilled */
    the_case = get_case (f, clerk, id);
    g_assert_true (json_object_get_boolean_member (task_of (the_case, "m1"), "awaiting_supplement"));
    g_assert_true (zc_server_api_material_supplied (f->api, id, "health", NULL));
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM commitments WHERE state = 'fulfilled'"), ==, 1);
  }
}

/* A material said committed or deferred on the case by any path is
 * checked again at reception by the same rules */
static void
test_receive_checks (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  static const struct { const char *applicant; const char *materials; const char *code; } cases[] = {
    /* the reception's own check says it among every problem (一次性告知) */
    { SPOUSE_KEY, "\"rules\":\"committed\",\"health\":\"received\",\"fire_plan\":\"received\"", "incomplete" },
    { PERSON_KEY, "\"fire_plan\":\"committed\",\"health\":\"received\",\"rules\":\"received\"", "matter_not_eligible" },
    /* after a false commitment on record */
    { PERSON_KEY, "\"rules\":\"committed\",\"health\":\"received\",\"fire_plan\":\"received\"", "false_commitment" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (i == 2)
        zc_test_exec (f->db, "INSERT INTO credit_records (applicant, kind, description, since) "
                             "VALUES ('" PERSON_KEY "', 'false_commitment', '虚假承诺', '2026-06-01')");
      g_autofree char *body = g_strdup_printf (
        "{\"item\":\"cmt\",\"applicant\":\"%s\",\"matters\":[\"m1\",\"m2\",\"m3\"],"
        "\"materials\":{%s,\"lease\":\"received\"}}", cases[i].applicant, cases[i].materials);
      g_autoptr(JsonNode) made = expect (call (f, "POST", "/api/v1/cases", clerk, body), 201);
      gint64 id = json_object_get_int_member (json_node_get_object (made), "id");
      g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/transitions", id);

      expect_error (call (f, "POST", path, clerk, "{\"to\":\"received\"}"), 422, cases[i].code, NULL);
    }
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases WHERE state = 'received'"), ==, 0);
}

/* A material said deferred or committed is received only on a signed
 * commitment of that kind covering it: 422 commitment_not_recorded naming
 * the material, nothing changed; with the commitment the same case is
 * received and its tasks wait */
static void
test_receive_needs_commitment (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autoptr(JsonNode) made = expect (call (f, "POST", "/api/v1/cases", clerk,
    "{\"item\":\"cmt\",\"applicant\":\"" PERSON_KEY "\",\"matters\":[\"m1\",\"m2\",\"m3\"],"
    "\"materials\":{\"health\":\"deferred\",\"rules\":\"committed\",\"fire_plan\":\"received\","
    "\"lease\":\"received\"}}"), 201);
  gint64 id = json_object_get_int_member (json_node_get_object (made), "id");
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/transitions", id);
  g_autoptr(JsonNode) received = NULL;

  /* neither signed: the first one named */
  expect_error (call (f, "POST", path, clerk, "{\"to\":\"received\"}"), 422,
                "commitment_not_recorded", NULL);
  /* a commitment of the other kind does not cover a 容缺 */
  json_node_unref (expect (commit (f, clerk, id, "\"kind\":\"commitment\",\"materials\":[\"rules\"]"), 201));
  expect_error (call (f, "POST", path, clerk, "{\"to\":\"received\"}"), 422,
                "commitment_not_recorded", "健康证明");
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases WHERE number IS NOT NULL"), ==, 0);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM tasks"), ==, 0);

  /* a cancelled 容缺 covers nothing: only open (or overdue) ones count */
  zc_test_exec (f->db, "INSERT INTO commitments (case_id, kind, materials, state, signature, created_at, "
                       "created_by, updated_at) SELECT id, 'tolerance', '[\"health\"]', 'cancelled', '{}', "
                       "'2026-12-04T10:00:00+08:00', 'clerk', '2026-12-04T10:00:00+08:00' FROM cases");
  expect_error (call (f, "POST", path, clerk, "{\"to\":\"received\"}"), 422,
                "commitment_not_recorded", "健康证明");

  json_node_unref (expect (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""),
                           201));
  received = transition (f, clerk, "cases", id, "received");
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (received), "number"));
  g_assert_true (json_object_get_boolean_member (task_of (received, "m1"), "awaiting_supplement"));
}

/* 容缺 on the case page of a received case: the material becomes
 * deferred, the tasks needing it wait at once (the departments keep
 * reviewing), the deadline's limit runs from the day of reception; an
 * ended case refuses, and a refusal writes nothing */
/* What the fresh-eye review of issue 11 found: a commitment that has
 * ended is not opened again; a 告知承诺 recorded after its sub-matter was
 * approved still gets its 事后核查 date; the signature is the applicant's
 * or a party's, signed in RFC 3339 time not in the future, and kept with
 * the contract's members only. */
static void
test_ended_and_signature (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *scjg = login (f, "scjg");
  gint64 id = create_case (f, clerk, PERSON_KEY);
  gint64 other = create_case (f, clerk, PERSON_KEY);
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/commitments", other);
  g_autoptr(JsonNode) received = transition (f, clerk, "cases", id, "received");
  gint64 m2 = json_object_get_int_member (task_of (received, "m2"), "id");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(JsonNode) t = expect (commit (f, clerk, id,
      "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""), 201);

    g_assert_true (zc_server_api_material_supplied (f->api, id, "health", &error));
    g_assert_no_error (error);
  }
  /* supplied (fulfilled): a second 容缺 would make it missing again */
  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-08\""),
                409, "conflict", NULL);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM commitments"), ==, 1);

  /* m2 approved first, then the 告知承诺: due 5 working days from today */
  {
    g_autoptr(JsonNode) r1 = transition (f, scjg, "tasks", m2, "in_review");
    g_autoptr(JsonNode) r2 = transition (f, scjg, "tasks", m2, "approved");
    g_autoptr(JsonNode) c = expect (commit (f, clerk, id, "\"kind\":\"commitment\",\"materials\":[\"rules\"]"), 201);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (c), "verification_due"), ==, "2026-12-11");
  }

  /* a letter uploaded naming a material supplies nothing: refused */
  {
    static const char pdf[] = "%PDF-1.4\n% 承诺书 letter\n%%EOF\n";
    g_autofree char *auth = g_strconcat ("Bearer ", clerk, NULL);
    g_autofree char *docs = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/documents", other);
    g_autoptr(ZcServerRequest) request = zc_server_request_new ("POST", docs, "kind=commitment_letter&material=health");

    zc_server_request_set_header (request, "Authorization", auth);
    zc_server_request_set_header (request, "Content-Type", "application/pdf");
    zc_server_request_set_body (request, pdf, strlen (pdf));
    expect_error (zc_server_api_handle (f->api, request), 400, "invalid_request", "material");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM documents"), ==, 0);
  }
  {
    static const struct { const char *signature; const char *words; } bad[] = {
      /* another person than the applicant or a party of the case */
      { "{\"signer\":\"" SPOUSE_KEY "\",\"signed_at\":\"2026-12-04T10:00:00+08:00\",\"method\":\"signature_pad\"}", "signer" },
      /* GLib's "+08" is not RFC 3339 */
      { "{\"signer\":\"" PERSON_KEY "\",\"signed_at\":\"2026-12-04T10:00:00+08\",\"method\":\"signature_pad\"}", "RFC 3339" },
      /* tomorrow */
      { "{\"signer\":\"" PERSON_KEY "\",\"signed_at\":\"2026-12-05T10:00:00+08:00\",\"method\":\"signature_pad\"}", "future" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *body = g_strdup_printf ("{\"kind\":\"tolerance\",\"materials\":[\"health\"],"
                                                 "\"deadline\":\"2026-12-09\",\"signature\":%s}", bad[i].signature);

        expect_error (call (f, "POST", path, clerk, body), 422, "invalid_request", bad[i].words);
      }
  }
  {
    g_autoptr(JsonNode) c = expect (call (f, "POST", path, clerk,
      "{\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\",\"signature\":"
      "{\"signer\":\"" PERSON_KEY "\",\"signed_at\":\"2026-12-04T01:30:00Z\",\"method\":\"signature_pad\","
      "\"extra\":{\"payload\":\"<script>x</script>\"}}}"), 201);
    JsonObject *signature = json_object_get_object_member (json_node_get_object (c), "signature");

    g_assert_false (json_object_has_member (signature, "extra"));
    g_assert_cmpstr (json_object_get_string_member (signature, "signer"), ==, PERSON_KEY);
  }
}

static void
test_received_tolerance (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 id = create_case (f, clerk, PERSON_KEY);
  gint64 ended = create_case (f, clerk, PERSON_KEY);
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/transitions", ended);

  {
    g_autoptr(JsonNode) received = transition (f, clerk, "cases", id, "received");
    g_autoptr(JsonNode) other = transition (f, clerk, "cases", ended, "received");
    g_autoptr(JsonNode) withdrawn = expect (call (f, "POST", path, clerk,
                                                  "{\"to\":\"withdrawn\",\"reason\":\"申请人撤回\"}"), 200);

    g_assert_false (json_object_get_boolean_member (task_of (received, "m1"), "awaiting_supplement"));
  }
  /* Monday: the limit still counts from Friday's reception (m1: 12-09) */
  set_clock (f->db, "2026-12-07T09:30:00+08:00");
  g_free (clerk);
  clerk = login (f, "clerk");
  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-10\""),
                422, "deadline_beyond_limit", "2026-12-09");
  expect_error (commit (f, clerk, id, "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-07\""),
                422, "deadline_past", NULL);
  expect_error (commit (f, clerk, ended, "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""),
                409, "conflict", NULL);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM commitments"), ==, 0);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM tasks WHERE awaiting_supplement = 1"), ==, 0);

  {
    g_autoptr(JsonNode) t = expect (commit (f, clerk, id,
      "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""), 201);
    g_autoptr(JsonNode) after = get_case (f, clerk, id);
    JsonObject *materials = json_object_get_object_member (json_node_get_object (after), "materials");
    g_autofree char *state = NULL;
    gint64 tolerance = json_object_get_int_member (json_node_get_object (t), "id");

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "state"), ==, "received");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "health"), "state"), ==, "deferred");
    g_assert_true (json_object_get_boolean_member (task_of (after, "m1"), "awaiting_supplement"));
    g_assert_true (json_object_get_boolean_member (task_of (after, "m2"), "awaiting_supplement"));
    g_assert_false (json_object_get_boolean_member (task_of (after, "m3"), "awaiting_supplement"));
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'commitment.create'"), ==, 1);

    /* supplied: the tasks go on */
    g_assert_true (zc_server_api_material_supplied (f->api, id, "health", NULL));
    state = commitment_state (f, tolerance);
    g_assert_cmpstr (state, ==, "fulfilled");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM tasks WHERE awaiting_supplement = 1"), ==, 0);
  }
}

/* Every material of the test item applies to @case_node by core's rule
 * (the case page's): none vanished behind the commitment's state */
static void
assert_all_listed (JsonNode *case_node,
                   gboolean  reception_states)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) item_node = json_from_string (item_json, &error);
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(ZcCase) kase = NULL;
  GListModel *materials;

  g_assert_no_error (error);
  item = zc_catalogue_item_new_from_json (item_node, &error);
  g_assert_no_error (error);
  kase = zc_case_new_from_json (case_node, &error);
  g_assert_no_error (error);
  g_assert_true (zc_case_has_reception_states (kase) == reception_states);
  materials = zc_catalogue_item_get_materials (item);
  g_assert_cmpuint (g_list_model_get_n_items (materials), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);

      g_assert_true (zc_case_material_applies (kase, m));
    }
}

/* A case without the states of its materials: a draft made through the
 * API without them gets the state of every material that applies with
 * its first commitment or state set (pending, as the reception sees
 * them); one
 * received before the platform kept them (as the demo's were) keeps
 * only the commitment's — nothing is made up of what was handed in —
 * and the case page still lists them all */
static void
test_fills_states (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 id = create_case (f, clerk, PERSON_KEY);
  g_autofree char *forget = g_strdup_printf ("UPDATE cases SET materials = NULL WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *draft_body = g_strdup_printf (
    "{\"item\":\"cmt\",\"applicant\":\"%s\",\"matters\":[\"m1\",\"m2\",\"m3\"]}", PERSON_KEY);
  g_autoptr(JsonNode) draft_node = NULL;
  gint64 draft;

  {
    g_autoptr(JsonNode) received = transition (f, clerk, "cases", id, "received");
  }
  zc_test_exec (f->db, forget);
  {
    g_autoptr(JsonNode) t = expect (commit (f, clerk, id,
      "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""), 201);
    g_autoptr(JsonNode) after = get_case (f, clerk, id);
    JsonObject *materials = json_object_get_object_member (json_node_get_object (after), "materials");

    /* received: what was handed in then is not known, none is made up */
    g_assert_cmpuint (json_object_get_size (materials), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "health"), "state"), ==, "deferred");
    assert_all_listed (after, FALSE);
  }

  draft_node = expect (call (f, "POST", "/api/v1/cases", clerk, draft_body), 201);
  draft = json_object_get_int_member (json_node_get_object (draft_node), "id");
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM cases WHERE materials IS NULL"), ==, 1);
  {
    g_autoptr(JsonNode) t = expect (commit (f, clerk, draft,
      "\"kind\":\"commitment\",\"materials\":[\"rules\"],\"verification_method\":\"written\""), 201);
    g_autoptr(JsonNode) after = get_case (f, clerk, draft);
    JsonObject *materials = json_object_get_object_member (json_node_get_object (after), "materials");

    g_assert_cmpuint (json_object_get_size (materials), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "rules"), "state"), ==, "committed");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "health"), "state"), ==, "pending");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "lease"), "state"), ==, "pending");
    assert_all_listed (after, TRUE);
  }

  /* the same for a state set by hand on a draft without any */
  {
    g_autoptr(JsonNode) node = expect (call (f, "POST", "/api/v1/cases", clerk, draft_body), 201);
    gint64 bare = json_object_get_int_member (json_node_get_object (node), "id");
    g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/materials/lease", bare);
    g_autoptr(JsonNode) set = expect (call (f, "PUT", path, clerk, "{\"state\":\"received\"}"), 200);
    g_autoptr(JsonNode) after = get_case (f, clerk, bare);
    JsonObject *materials = json_object_get_object_member (json_node_get_object (after), "materials");

    g_assert_cmpuint (json_object_get_size (materials), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "lease"), "state"), ==, "received");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "health"), "state"), ==, "pending");
    assert_all_listed (after, TRUE);
  }

  /* a case with states keeps them as they were: only the committed one changes */
  {
    gint64 other = create_case (f, clerk, PERSON_KEY);
    g_autoptr(JsonNode) t = expect (commit (f, clerk, other,
      "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""), 201);
    g_autoptr(JsonNode) after = get_case (f, clerk, other);
    JsonObject *materials = json_object_get_object_member (json_node_get_object (after), "materials");

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "health"), "state"), ==, "deferred");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "lease"), "state"), ==, "received");
    g_assert_cmpuint (json_object_get_size (materials), ==, 4);
  }
}

/* In the draft the material turns up after all: the 容缺 is fulfilled; a
 * case refused at the window owes nothing: its commitments are cancelled */
/* a received 容缺 case: m1 and m2 wait for "health" */
static gint64
received_tolerance_case (Fixture    *f,
                         const char *clerk,
                         gint64     *tolerance)
{
  gint64 id = create_case (f, clerk, PERSON_KEY);
  g_autoptr(JsonNode) t = expect (commit (f, clerk, id,
    "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""), 201);
  g_autoptr(JsonNode) received = transition (f, clerk, "cases", id, "received");

  *tolerance = json_object_get_int_member (json_node_get_object (t), "id");
  g_assert_true (json_object_get_boolean_member (task_of (received, "m1"), "awaiting_supplement"));
  g_assert_true (json_object_get_boolean_member (task_of (received, "m2"), "awaiting_supplement"));
  return id;
}

/* the case's tasks go on, the commitment is fulfilled, health 已补正 */
static void
assert_supplied (Fixture    *f,
                 const char *clerk,
                 gint64      id,
                 gint64      tolerance)
{
  g_autofree char *state = commitment_state (f, tolerance);
  g_autoptr(JsonNode) after = get_case (f, clerk, id);
  JsonObject *materials = json_object_get_object_member (json_node_get_object (after), "materials");
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/materials", id);
  g_autoptr(JsonNode) list = expect (call (f, "GET", path, clerk, NULL), 200);
  JsonArray *array = json_object_get_array_member (json_node_get_object (list), "materials");
  const char *status = NULL;

  g_assert_cmpstr (state, ==, "fulfilled");
  g_assert_false (json_object_get_boolean_member (task_of (after, "m1"), "awaiting_supplement"));
  g_assert_false (json_object_get_boolean_member (task_of (after, "m2"), "awaiting_supplement"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (materials, "health"), "state"), ==, "received");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *m = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (m, "code"), "health") == 0)
        status = json_object_get_string_member (m, "state");
    }
  g_assert_cmpstr (status, ==, "supplemented");
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'commitment.fulfilled'"), ==, 1);
}

static void
test_supplied_by_state (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 tolerance;
  gint64 id = received_tolerance_case (f, clerk, &tolerance);
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/materials/health", id);
  g_autoptr(JsonNode) put = expect (call (f, "PUT", path, clerk, "{\"state\":\"supplemented\"}"), 200);

  assert_supplied (f, clerk, id, tolerance);
}

static void
test_supplied_by_upload (Fixture       *f,
                         gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.4\n% 卫生许可 health\n%%EOF\n";
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *auth = g_strconcat ("Bearer ", clerk, NULL);
  gint64 tolerance;
  gint64 id = received_tolerance_case (f, clerk, &tolerance);
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/documents", id);
  g_autoptr(ZcServerRequest) request = zc_server_request_new ("POST", path, "material=health");
  g_autoptr(JsonNode) doc = NULL;

  zc_server_request_set_header (request, "Authorization", auth);
  zc_server_request_set_header (request, "Content-Type", "application/pdf");
  zc_server_request_set_body (request, pdf, strlen (pdf));
  doc = expect (zc_server_api_handle (f->api, request), 201);
  assert_supplied (f, clerk, id, tolerance);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'material.state'"), ==, 1);
}

static void
test_draft_supply_and_cancel (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  gint64 id = create_case (f, clerk, PERSON_KEY);
  gint64 other = create_case (f, clerk, PERSON_KEY);
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, id);
  g_autofree char *other_path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/transitions", other);
  gint64 first, second;

  {
    g_autoptr(JsonNode) a = expect (commit (f, clerk, id,
      "\"kind\":\"tolerance\",\"materials\":[\"health\"],\"deadline\":\"2026-12-09\""), 201);
    g_autoptr(JsonNode) b = expect (commit (f, clerk, other,
      "\"kind\":\"commitment\",\"materials\":[\"rules\"]"), 201);

    first = json_object_get_int_member (json_node_get_object (a), "id");
    second = json_object_get_int_member (json_node_get_object (b), "id");
  }
  {
    g_autoptr(JsonNode) updated = expect (call (f, "PUT", path, clerk,
      "{\"materials\":{\"health\":\"received\",\"rules\":\"received\",\"fire_plan\":\"received\",\"lease\":\"received\"}}"), 200);
    g_autofree char *state = commitment_state (f, first);

    g_assert_cmpstr (state, ==, "fulfilled");
  }
  {
    g_autoptr(JsonNode) refused = expect (call (f, "POST", other_path, clerk,
      "{\"to\":\"not_accepted\",\"reason\":\"不属于受理范围\"}"), 200);
    g_autofree char *state = commitment_state (f, second);

    g_assert_cmpstr (state, ==, "cancelled");
    g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM events WHERE action = 'commitment.cancelled'"), ==, 1);
  }
}

/* The periodic job of a listening zc-platform: the clock moves past the
 * deadline and nobody reads; the commitment turns overdue anyway. */
static gboolean
is_overdue (gpointer data)
{
  const char *path = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean overdue = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM commitments WHERE state = 'overdue'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    overdue = sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return overdue;
}

static void
test_periodic (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcServer) server = NULL;
  g_autoptr(ZcClock) start = zc_clock_new_from_iso (START, NULL);
  g_autoptr(ZcClock) later = zc_clock_new_from_iso ("2026-12-10T09:00:00+08:00", NULL);

  /* a received case with an open 容缺 due 12-09, made by SQL */
  zc_test_exec (f->db,
    "INSERT INTO cases (id, number, item, applicant, state, window, clerk, matters, created_at, updated_at) "
    "VALUES (900, 'ZC-20261204-000900', 'cmt', '" PERSON_KEY "', 'received', '1号窗口', 'clerk', "
    "'[\"m1\",\"m2\",\"m3\"]', '2026-12-04T02:00:00Z', '2026-12-04T02:00:00Z');"
    "INSERT INTO commitments (case_id, kind, materials, departments, deadline, state, signature, "
    "created_at, created_by, updated_at) VALUES (900, 'tolerance', '[\"health\"]', '[\"市场监管局\"]', "
    "'2026-12-09', 'open', '{}', '2026-12-04T02:00:00Z', 'clerk', '2026-12-04T02:00:00Z');");
  g_clear_object (&f->api);
  g_clear_pointer (&f->db, zc_server_db_close);

  server = zc_server_new (f->path, FALSE, NULL, &error);
  g_assert_no_error (error);
  zc_server_set_clock (server, start);
  zc_server_set_check_interval (server, 1);
  g_assert_true (zc_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  /* at start-up, before the deadline: nothing */
  zc_test_spin_for (1500);
  g_assert_false (is_overdue (f->path));

  zc_server_set_clock (server, later);
  g_assert_true (zc_test_spin_until (is_overdue, f->path, 10, "the periodic check to mark the commitment overdue"));
  zc_server_shutdown (server);
}

/* The real zc-platform started with --now three seconds before midnight
 * after the deadline day: not overdue at start-up, overdue once its
 * clock has run past midnight and the periodic check (--check-interval 1)
 * has looked. */
static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  char **line = user_data;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  if (*line == NULL)
    *line = g_strdup ("");
}

static void
test_executable_clock (Fixture       *f,
                       gconstpointer  data)
{
  const char *exe = g_getenv ("ZC_PLATFORM_PATH");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  if (exe == NULL || !g_file_test (exe, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("ZC_PLATFORM_PATH is not set");
      return;
    }
  zc_test_exec (f->db,
    "INSERT INTO cases (id, number, item, applicant, state, window, clerk, matters, created_at, updated_at) "
    "VALUES (901, 'ZC-20261204-000901', 'cmt', '" PERSON_KEY "', 'received', '1号窗口', 'clerk', "
    "'[\"m1\",\"m2\",\"m3\"]', '2026-12-04T02:00:00Z', '2026-12-04T02:00:00Z');"
    "INSERT INTO commitments (case_id, kind, materials, departments, deadline, state, signature, "
    "created_at, created_by, updated_at) VALUES (901, 'tolerance', '[\"health\"]', '[\"市场监管局\"]', "
    "'2026-12-09', 'open', '{}', '2026-12-04T02:00:00Z', 'clerk', '2026-12-04T02:00:00Z');");
  g_clear_object (&f->api);
  g_clear_pointer (&f->db, zc_server_db_close);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              exe, "--listen", "127.0.0.1:0", "--db", f->path,
                              "--now", "2026-12-09T23:59:57+08:00", "--check-interval", "1", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, on_line, &line);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  /* listening: the start-up check ran on 12-09, the deadline day */
  g_assert_false (is_overdue (f->path));
  g_assert_true (zc_test_spin_until (is_overdue, f->path, 15, "zc-platform's periodic check after midnight"));
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

/* a PDF uploaded to case @id as @kind; its document id */
static gint64
upload_document (Fixture    *f,
                 const char *token,
                 gint64      id,
                 const char *kind)
{
  static const char pdf[] = "%PDF-1.4\n% 承诺书 letter\n%%EOF\n";
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/documents", id);
  g_autofree char *query = g_strdup_printf ("kind=%s", kind);
  g_autoptr(ZcServerRequest) request = zc_server_request_new ("POST", path, query);
  g_autoptr(JsonNode) doc = NULL;

  zc_server_request_set_header (request, "Authorization", auth);
  zc_server_request_set_header (request, "Content-Type", "application/pdf");
  zc_server_request_set_body (request, pdf, strlen (pdf));
  doc = expect (zc_server_api_handle (f->api, request), 201);
  return json_object_get_int_member (json_node_get_object (doc), "id");
}

/* the letters and the signature a commitment names are documents of its
 * own case: another case's (here another window's) are refused, nothing
 * is written */
static void
test_foreign_documents (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *clerk2 = login (f, "clerk2");
  gint64 id = create_case (f, clerk, PERSON_KEY);
  gint64 other = create_case (f, clerk2, SPOUSE_KEY);
  gint64 own_doc = upload_document (f, clerk, id, "commitment_letter");
  gint64 foreign = upload_document (f, clerk2, other, "commitment_letter");
  g_autofree char *in_documents = g_strdup_printf (
    "{\"kind\":\"commitment\",\"materials\":[\"rules\"],\"documents\":[%" G_GINT64_FORMAT "],"
    "\"signature\":{\"signer\":\"" PERSON_KEY "\",\"signed_at\":\"2026-12-04T10:00:00+08:00\","
    "\"method\":\"signature_pad\"}}", foreign);
  g_autofree char *in_signature = g_strdup_printf (
    "{\"kind\":\"commitment\",\"materials\":[\"rules\"],\"documents\":[%" G_GINT64_FORMAT "],"
    "\"signature\":{\"signer\":\"" PERSON_KEY "\",\"signed_at\":\"2026-12-04T10:00:00+08:00\","
    "\"method\":\"signature_pad\",\"document_id\":%" G_GINT64_FORMAT "}}", own_doc, foreign);
  g_autofree char *unknown = g_strdup_printf (
    "{\"kind\":\"commitment\",\"materials\":[\"rules\"],\"documents\":[%" G_GINT64_FORMAT ",999999],"
    "\"signature\":{\"signer\":\"" PERSON_KEY "\",\"signed_at\":\"2026-12-04T10:00:00+08:00\","
    "\"method\":\"signature_pad\"}}", own_doc);
  g_autofree char *good = g_strdup_printf (
    "{\"kind\":\"commitment\",\"materials\":[\"rules\"],\"documents\":[%" G_GINT64_FORMAT "],"
    "\"signature\":{\"signer\":\"" PERSON_KEY "\",\"signed_at\":\"2026-12-04T10:00:00+08:00\","
    "\"method\":\"signature_pad\",\"document_id\":%" G_GINT64_FORMAT "}}", own_doc, own_doc);
  g_autofree char *path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/commitments", id);
  g_autoptr(JsonNode) ok = NULL;

  expect_error (call (f, "POST", path, clerk, in_documents), 422, "invalid_request", NULL);
  expect_error (call (f, "POST", path, clerk, in_signature), 422, "invalid_request", NULL);
  expect_error (call (f, "POST", path, clerk, unknown), 422, "invalid_request", NULL);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM commitments"), ==, 0);
  ok = expect (call (f, "POST", path, clerk, good), 201);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM commitments"), ==, 1);
  /* the history says which letter went up */
  {
    g_autofree char *events_path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT "/events", id);
    g_autoptr(JsonNode) events = expect (call (f, "GET", events_path, clerk, NULL), 200);
    JsonArray *list = json_object_get_array_member (json_node_get_object (events), "events");
    guint letters = 0;

    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *e = json_array_get_object_element (list, i);

        if (g_strcmp0 (json_object_get_string_member (e, "action"), "document.upload") == 0 &&
            g_strcmp0 (json_object_get_string_member_with_default (e, "document_kind", NULL), "commitment_letter") == 0)
          letters++;
      }
    g_assert_cmpuint (letters, ==, 1);
  }
}

/* 事后核查 follows approval: a department may not find a commitment
 * false on a draft it cannot even see, nor on a received case before a
 * sub-matter the commitment covers is approved — no verification, no
 * credit record against the applicant */
static void
test_verify_before_approval (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *clerk = login (f, "clerk");
  g_autofree char *scjg = login (f, "scjg");
  const char *body = "{\"method\":\"on_site\",\"result\":\"false_commitment\"}";
  gint64 id = create_case (f, clerk, PERSON_KEY);
  g_autoptr(JsonNode) c = expect (commit (f, clerk, id, "\"kind\":\"commitment\",\"materials\":[\"rules\"]"), 201);
  gint64 commitment = json_object_get_int_member (json_node_get_object (c), "id");
  g_autofree char *path = g_strdup_printf ("/api/v1/commitments/%" G_GINT64_FORMAT "/verifications", commitment);
  g_autofree char *case_path = g_strdup_printf ("/api/v1/cases/%" G_GINT64_FORMAT, id);
  g_autoptr(JsonNode) received = NULL;
  g_autoptr(JsonNode) r1 = NULL;
  g_autoptr(JsonNode) r2 = NULL;
  g_autoptr(JsonNode) v = NULL;
  gint64 m2;

  /* the draft is not the department's to see, nor its commitments */
  expect_error (call (f, "GET", case_path, scjg, NULL), 403, "forbidden", NULL);
  {
    g_autoptr(JsonNode) none = expect (call (f, "GET", "/api/v1/commitments", scjg, NULL), 200);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (none), "total"), ==, 0);
  }
  expect_error (call (f, "POST", path, scjg, body), 409, "conflict", NULL);
  received = transition (f, clerk, "cases", id, "received");
  {
    g_autoptr(JsonNode) one = expect (call (f, "GET", "/api/v1/commitments", scjg, NULL), 200);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (one), "total"), ==, 1);
  }
  expect_error (call (f, "POST", path, scjg, body), 409, "conflict", NULL);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM verifications"), ==, 0);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM credit_records"), ==, 0);

  /* approved: now it is verified */
  m2 = json_object_get_int_member (task_of (received, "m2"), "id");
  r1 = transition (f, scjg, "tasks", m2, "in_review");
  r2 = transition (f, scjg, "tasks", m2, "approved");
  v = expect (call (f, "POST", path, scjg, body), 201);
  g_assert_cmpint (zc_test_count (f->db, "SELECT count(*) FROM credit_records"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/server/commitments/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("credit", test_credit);
  ADD ("refusals", test_refusals);
  ADD ("foreign-documents", test_foreign_documents);
  ADD ("flow", test_flow);
  ADD ("verify-before-approval", test_verify_before_approval);
  ADD ("overdue-on-read", test_overdue_on_read);
  ADD ("draft-supply-and-cancel", test_draft_supply_and_cancel);
  ADD ("receive-checks", test_receive_checks);
  ADD ("receive-needs-commitment", test_receive_needs_commitment);
  ADD ("received-tolerance", test_received_tolerance);
  ADD ("ended-and-signature", test_ended_and_signature);
  ADD ("fills-states", test_fills_states);
  ADD ("supplied-by-state", test_supplied_by_state);
  ADD ("supplied-by-upload", test_supplied_by_upload);
  ADD ("periodic", test_periodic);
  ADD ("executable-clock", test_executable_clock);
#undef ADD

  return g_test_run ();
}
