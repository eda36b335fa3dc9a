/* test-models.c — the model classes of zc-models.h against good and
 * malformed JSON: bad data is ZC_MODEL_ERROR_INVALID naming the member,
 * never a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib.h>

#include "zc-core.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static GDate *
date (int y, int m, int d)
{
  return g_date_new_dmy (d, m, y);
}

#define CASE_JSON(extra) \
  "{\"id\":7,\"number\":\"ZC-20261127-000123\",\"item\":\"kbcyd\",\"item_name\":\"开办餐饮店\"," \
  "\"applicant\":\"11010519491231002X\",\"applicant_name\":\"张小明\",\"applicant_kind\":\"person\"," \
  "\"state\":\"received\",\"window\":\"1号窗口\",\"clerk\":\"clerk\",\"holder\":null," \
  "\"created_at\":\"2026-11-27T09:30:00Z\",\"received_at\":\"2026-11-27T09:45:00+08:00\"," \
  "\"updated_at\":\"2026-11-27T09:45:00Z\",\"matters\":[\"m1\",\"m2\"],\"form\":{\"phone\":\"13800000000\"}," \
  "\"parties\":[{\"role\":\"spouse\",\"key\":\"340102199003071232\"}],\"reason\":null" extra "}"

#define TASK_JSON \
  "{\"id\":1,\"case_id\":7,\"case_number\":\"ZC-20261127-000123\",\"matter\":\"m1\"," \
  "\"matter_name\":\"设立登记\",\"department\":\"市场监管局\",\"state\":\"pending\"," \
  "\"due_date\":\"2026-12-02\",\"due_provisional\":false,\"awaiting_supplement\":true,\"reason\":null}"

/* the case's commitments come with it, as objects; anything else is refused */
static void
test_case_commitments (void)
{
  g_autoptr(JsonNode) node = parse (CASE_JSON (",\"commitments\":[{\"id\":3,\"kind\":\"tolerance\",\"materials\":[\"lease\"],\"state\":\"open\"}]"));
  g_autoptr(JsonNode) without = parse (CASE_JSON (""));
  g_autoptr(JsonNode) bad = parse (CASE_JSON (",\"commitments\":[5]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) c = zc_case_new_from_json (node, &error);
  g_autoptr(ZcCase) plain = NULL;
  g_autoptr(ZcCase) none = NULL;
  JsonArray *commitments;

  g_assert_no_error (error);
  commitments = zc_case_get_commitments_json (c);
  g_assert_nonnull (commitments);
  g_assert_cmpuint (json_array_get_length (commitments), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (commitments, 0), "kind"), ==, "tolerance");
  plain = zc_case_new_from_json (without, &error);
  g_assert_no_error (error);
  g_assert_null (zc_case_get_commitments_json (plain));
  none = zc_case_new_from_json (bad, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
}

/* a credit code received despite its check: the reason comes with the case */
static void
test_case_key_override (void)
{
  g_autoptr(JsonNode) node = parse (CASE_JSON (",\"key_override_reason\":\"营业执照原件所示代码如此\""));
  g_autoptr(JsonNode) bad = parse (CASE_JSON (",\"key_override_reason\":5"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) c = zc_case_new_from_json (node, &error);
  g_autoptr(ZcCase) none = NULL;
  g_autofree char *prop = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (zc_case_get_key_override_reason (c), ==, "营业执照原件所示代码如此");
  g_object_get (c, "key-override-reason", &prop, NULL);
  g_assert_cmpstr (prop, ==, "营业执照原件所示代码如此");
  none = zc_case_new_from_json (bad, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "key_override_reason"));
}

static void
test_case_valid (void)
{
  g_autoptr(JsonNode) node = parse (CASE_JSON (",\"tasks\":[" TASK_JSON "]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) c = zc_case_new_from_json (node, &error);
  g_autoptr(ZcTask) task = NULL;
  g_autoptr(GDateTime) received = NULL;
  const char * const *matters;

  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_cmpint (zc_case_get_id (c), ==, 7);
  g_assert_cmpstr (zc_case_get_number (c), ==, "ZC-20261127-000123");
  g_assert_cmpint (zc_case_get_state (c), ==, ZC_CASE_STATE_RECEIVED);
  g_assert_cmpstr (zc_case_get_applicant_name (c), ==, "张小明");
  g_assert_null (zc_case_get_holder (c));
  g_assert_null (zc_case_get_reason (c));
  g_assert_null (zc_case_get_key_override_reason (c));
  /* +08:00 is kept as an instant: 01:45 UTC */
  received = g_date_time_to_utc (zc_case_get_received_at (c));
  g_assert_cmpint (g_date_time_get_hour (received), ==, 1);
  matters = zc_case_get_matters (c);
  g_assert_cmpuint (g_strv_length ((GStrv) matters), ==, 2);
  g_assert_cmpstr (matters[1], ==, "m2");
  g_assert_cmpstr (json_object_get_string_member (zc_case_get_form (c), "phone"), ==, "13800000000");
  g_assert_cmpuint (json_array_get_length (zc_case_get_parties (c)), ==, 1);
  g_assert_cmpuint (zc_case_get_party_list (c)->len, ==, 1);
  g_assert_cmpstr (zc_case_get_form_value (c, "phone"), ==, "13800000000");

  g_assert_cmpuint (g_list_model_get_n_items (zc_case_get_tasks (c)), ==, 1);
  task = g_list_model_get_item (zc_case_get_tasks (c), 0);
  g_assert_cmpint (zc_task_get_state (task), ==, ZC_TASK_STATE_PENDING);
  g_assert_true (zc_task_get_awaiting_supplement (task));
  g_assert_cmpint (g_date_get_day (zc_task_get_due_date (task)), ==, 2);

  /* properties are read-only views of the same data */
  {
    ZcCaseState state;
    g_autofree char *item_name = NULL;

    g_object_get (c, "state", &state, "item-name", &item_name, NULL);
    g_assert_cmpint (state, ==, ZC_CASE_STATE_RECEIVED);
    g_assert_cmpstr (item_name, ==, "开办餐饮店");
  }
}

static void
test_case_draft_minimal (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"id\":3,\"number\":null,\"item\":\"xsecs\",\"applicant\":\"11010519491231002X\","
    "\"state\":\"draft\",\"created_at\":\"2026-11-27T09:30:00Z\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) c = zc_case_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_null (zc_case_get_number (c));
  g_assert_null (zc_case_get_received_at (c));
  /* fallbacks: item name → code, updated → created */
  g_assert_cmpstr (zc_case_get_item_name (c), ==, "xsecs");
  g_assert_true (zc_case_get_updated_at (c) == zc_case_get_created_at (c));
  g_assert_nonnull (zc_case_get_matters (c));
  g_assert_null (zc_case_get_matters (c)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (zc_case_get_tasks (c)), ==, 0);
}

static void assert_case_invalid (const char *json, const char *member);

/* field origins, material states and the claim's holder, as GET /cases/{id} gives them */
static void
test_case_sources_materials (void)
{
  g_autoptr(JsonNode) node = parse (CASE_JSON (
    ",\"holder\":\"clerk2\",\"holder_display\":\"王晓燕\",\"holder_window\":\"3号窗口\","
    "\"field_sources\":{\"name\":{\"kind\":\"licence\",\"licence_type\":\"id_card\","
    "\"licence_number\":\"340102199003071232\"},\"phone\":{\"kind\":\"earlier_case\","
    "\"case_number\":\"ZC-20261101-000001\",\"edited\":true},\"shop\":{\"kind\":\"typed\"}},"
    "\"materials\":{\"m-id\":{\"state\":\"exempt\",\"licence\":{\"type\":\"id_card\","
    "\"number\":\"340102199003071232\"}},\"m-plan\":\"received\","
    "\"m-health\":{\"state\":\"committed\",\"note\":\"30日内补交\"}}"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) c = zc_case_new_from_json (node, &error);
  JsonObject *sources, *materials, *origin, *material;

  g_assert_no_error (error);
  g_assert_cmpstr (zc_case_get_holder (c), ==, "clerk2");
  g_assert_cmpstr (zc_case_get_holder_display (c), ==, "王晓燕");
  g_assert_cmpstr (zc_case_get_holder_window (c), ==, "3号窗口");

  sources = zc_case_get_field_sources (c);
  g_assert_nonnull (sources);
  g_assert_cmpuint (json_object_get_size (sources), ==, 3);
  origin = json_object_get_object_member (sources, "name");
  g_assert_cmpstr (json_object_get_string_member (origin, "kind"), ==, "licence");
  g_assert_cmpstr (json_object_get_string_member (origin, "licence_type"), ==, "id_card");
  g_assert_cmpstr (json_object_get_string_member (origin, "licence_number"), ==, "340102199003071232");
  origin = json_object_get_object_member (sources, "phone");
  g_assert_cmpstr (json_object_get_string_member (origin, "kind"), ==, "earlier_case");

  materials = zc_case_get_materials (c);
  g_assert_nonnull (materials);
  g_assert_cmpuint (json_object_get_size (materials), ==, 3);
  material = json_object_get_object_member (materials, "m-id");
  g_assert_cmpstr (json_object_get_string_member (material, "state"), ==, "exempt");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (material, "licence"), "type"),
                   ==, "id_card");
  g_assert_cmpstr (json_object_get_string_member (materials, "m-plan"), ==, "received");

  /* the same, typed */
  g_assert_cmpstr (zc_case_get_source (c, "name")->kind, ==, "licence");
  g_assert_cmpstr (zc_case_get_source (c, "name")->licence_type, ==, "id_card");
  g_assert_cmpstr (zc_case_get_source (c, "name")->licence_number, ==, "340102199003071232");
  g_assert_false (zc_case_get_source (c, "name")->edited);
  g_assert_cmpstr (zc_case_get_source (c, "phone")->kind, ==, "earlier_case");
  g_assert_null (zc_case_get_source (c, "no_such_field"));
  g_assert_true (zc_case_has_material_states (c));
  g_assert_cmpstr (zc_case_get_material (c, "m-id")->state, ==, "exempt");
  g_assert_cmpstr (zc_case_get_material (c, "m-id")->licence_type, ==, "id_card");
  g_assert_cmpstr (zc_case_get_material (c, "m-plan")->state, ==, "received");
  g_assert_null (zc_case_get_material (c, "m-plan")->licence_type);
  g_assert_cmpstr (zc_case_get_material (c, "m-health")->state, ==, "committed");
  g_assert_cmpstr (zc_case_get_material (c, "m-health")->note, ==, "30日内补交");
  g_assert_null (zc_case_get_material (c, "m-none"));

  /* private copies: changing the parsed tree afterwards changes nothing */
  json_object_remove_member (json_object_get_object_member (json_node_get_object (node), "materials"), "m-plan");
  g_assert_true (json_object_has_member (zc_case_get_materials (c), "m-plan"));
  g_assert_nonnull (zc_case_get_material (c, "m-plan"));
}

static void
test_case_sources_materials_absent (void)
{
  g_autoptr(JsonNode) node = parse (CASE_JSON (",\"field_sources\":null"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) c = zc_case_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_null (zc_case_get_field_sources (c));
  g_assert_null (zc_case_get_materials (c));
  g_assert_null (zc_case_get_source (c, "name"));
  g_assert_false (zc_case_has_material_states (c));
  g_assert_null (zc_case_get_holder_display (c));
  g_assert_null (zc_case_get_holder_window (c));
}

/* m1, m2 chosen on CASE_JSON's case; 原卡 only when 补换原因 is 损坏,
 * 落户证明 only when the clerk answered yes, 消防预案 of m3 never */
static const char rule_item_json[] =
  "{\"code\":\"kbcyd\",\"name\":\"开办餐饮店\",\"initials\":\"kbcyd\",\"subject\":\"person\","
  "\"lead_department\":\"市场监管局\",\"matters\":["
  "{\"code\":\"m1\",\"name\":\"设立登记\",\"department\":\"市场监管局\",\"time_limit_days\":3,\"optional\":false},"
  "{\"code\":\"m2\",\"name\":\"食品经营许可\",\"department\":\"市场监管局\",\"time_limit_days\":10,\"optional\":false},"
  "{\"code\":\"m3\",\"name\":\"消防安全检查\",\"department\":\"消防救援\",\"time_limit_days\":7,\"optional\":true}],"
  "\"fields\":[{\"key\":\"reason\",\"label\":\"补换原因\",\"type\":\"choice\",\"required\":true,"
  "\"party\":\"applicant\",\"source\":null,\"choices\":[\"损坏\",\"遗失\"]}],"
  "\"questions\":[{\"code\":\"away\",\"label\":\"在户籍地以外经营\",\"matters\":[\"m2\"]}],"
  "\"materials\":["
  "{\"code\":\"plan\",\"name\":\"经营方案\",\"party\":\"applicant\",\"matters\":[\"m1\"],"
  "\"tolerable\":false,\"commitment_allowed\":false},"
  "{\"code\":\"health\",\"name\":\"健康证明\",\"party\":\"applicant\",\"matters\":[\"m1\",\"m2\"],"
  "\"tolerable\":true,\"commitment_allowed\":false},"
  "{\"code\":\"card\",\"name\":\"原卡\",\"party\":\"applicant\",\"matters\":[\"m1\"],"
  "\"tolerable\":false,\"commitment_allowed\":false,\"when\":{\"field\":\"reason\",\"in\":[\"损坏\"]}},"
  "{\"code\":\"away\",\"name\":\"落户证明\",\"party\":\"applicant\",\"matters\":[\"m2\"],"
  "\"tolerable\":false,\"commitment_allowed\":false,\"when\":{\"question\":\"away\"}},"
  "{\"code\":\"fire_plan\",\"name\":\"消防预案\",\"party\":\"applicant\",\"matters\":[\"m3\"],"
  "\"tolerable\":false,\"commitment_allowed\":true}]}";

/* the codes of the item's materials that apply to the case @extra
 * describes, in catalogue order, joined by spaces */
static char *
applying (const char *case_json,
          gboolean   *reception_states)
{
  g_autoptr(JsonNode) item_node = parse (rule_item_json);
  g_autoptr(JsonNode) case_node = parse (case_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCatalogueItem) item = zc_catalogue_item_new_from_json (item_node, &error);
  g_autoptr(ZcCase) c = NULL;
  g_autoptr(GString) codes = g_string_new (NULL);
  GListModel *materials;

  g_assert_no_error (error);
  c = zc_case_new_from_json (case_node, &error);
  g_assert_no_error (error);
  *reception_states = zc_case_has_reception_states (c);
  materials = zc_catalogue_item_get_materials (item);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);

      if (!zc_case_material_applies (c, m))
        continue;
      if (codes->len > 0)
        g_string_append_c (codes, ' ');
      g_string_append (codes, zc_material_get_code (m));
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

/* Which materials a case lists (zc_case_material_applies, the case
 * page's rule): with no states, a 容缺 recorded later (its state the
 * case's first) hides none of the others; the reception's states decide
 * once they are there; a supplied 容缺 is not a reception's state */
static void
test_case_material_rule (void)
{
  static const struct { const char *extra; const char *codes; gboolean reception; } cases[] = {
    /* received without states: sub-matters, then each `when` on the case */
    { "", "plan health", FALSE },
    { ",\"form\":{\"reason\":\"损坏\"},\"answers\":{\"away\":true}", "plan health card away", FALSE },
    { ",\"form\":{\"reason\":\"遗失\"},\"answers\":{\"away\":false}", "plan health", FALSE },
    /* … then a 容缺 on health (POST …/commitments): the others stay */
    { ",\"form\":{\"reason\":\"损坏\"},\"materials\":{\"health\":{\"state\":\"deferred\",\"commitment_id\":3}}",
      "plan health card", FALSE },
    /* … supplied since (已补正): still not the reception's list */
    { ",\"materials\":{\"health\":{\"state\":\"received\",\"supplemented_at\":\"2026-11-30T10:00:00+08:00\"}}",
      "plan health", FALSE },
    /* a 告知承诺 on a material of a sub-matter left out is still left out */
    { ",\"materials\":{\"fire_plan\":\"committed\"}", "plan health", FALSE },
    /* the reception recorded them: only those it listed, whatever the form says */
    { ",\"form\":{\"reason\":\"损坏\"},\"materials\":{\"plan\":\"received\",\"health\":\"deferred\"}",
      "plan health", TRUE },
    { ",\"materials\":{\"plan\":\"received\",\"health\":\"received\",\"card\":\"exempt\"}",
      "plan health card", TRUE },
    { ",\"materials\":{\"plan\":\"pending\"}", "plan", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (CASE_JSON ("%s"), cases[i].extra);
      gboolean reception = !cases[i].reception;
      g_autofree char *codes = applying (json, &reception);

      g_test_message ("case %u: %s", i, cases[i].extra);
      g_assert_cmpstr (codes, ==, cases[i].codes);
      g_assert_cmpint (reception, ==, cases[i].reception);
    }
}

static void
test_case_sources_materials_malformed (void)
{
  assert_case_invalid (CASE_JSON (",\"field_sources\":[]"), "field_sources");
  assert_case_invalid (CASE_JSON (",\"field_sources\":{\"name\":\"licence\"}"), "field_sources.name");
  assert_case_invalid (CASE_JSON (",\"field_sources\":{\"name\":{\"licence_type\":\"id_card\"}}"), "kind");
  assert_case_invalid (CASE_JSON (",\"field_sources\":{\"name\":{\"kind\":\"licence\",\"licence_number\":7}}"),
                       "licence_number");
  assert_case_invalid (CASE_JSON (",\"field_sources\":{\"name\":{\"kind\":\"typed\",\"edited\":\"yes\"}}"),
                       "edited");
  assert_case_invalid (CASE_JSON (",\"materials\":\"received\""), "materials");
  assert_case_invalid (CASE_JSON (",\"materials\":{\"m1\":3}"), "materials.m1");
  assert_case_invalid (CASE_JSON (",\"materials\":{\"m1\":{\"note\":\"x\"}}"), "state");
  assert_case_invalid (CASE_JSON (",\"materials\":{\"m1\":{\"state\":\"exempt\",\"licence\":\"id_card\"}}"),
                       "licence");
  assert_case_invalid (CASE_JSON (",\"materials\":{\"m1\":{\"state\":\"exempt\",\"licence\":{\"type\":\"id_card\"}}}"),
                       "number");
  assert_case_invalid (CASE_JSON (",\"materials\":{\"m1\":{\"state\":\"pending\",\"note\":[]}}"), "note");
  assert_case_invalid (CASE_JSON (",\"holder_window\":3"), "holder_window");
  assert_case_invalid (CASE_JSON (",\"holder_display\":{}"), "holder_display");
}

static void
assert_case_invalid (const char *json,
                     const char *member)
{
  g_autoptr(JsonNode) node = parse (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) c = zc_case_new_from_json (node, &error);

  g_assert_null (c);
  g_assert_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID);
  if (strstr (error->message, member) == NULL)
    g_error ("“%s” not named in: %s", member, error->message);
}

static void
test_case_malformed (void)
{
  assert_case_invalid ("[1,2]", "case");
  assert_case_invalid ("\"case\"", "case");
  assert_case_invalid ("null", "case");
  assert_case_invalid ("{\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"2026-11-27T09:30:00Z\"}", "id");
  assert_case_invalid ("{\"id\":\"7\",\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"2026-11-27T09:30:00Z\"}", "id");
  assert_case_invalid ("{\"id\":7.5,\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"2026-11-27T09:30:00Z\"}", "id");
  assert_case_invalid ("{\"id\":-1,\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"2026-11-27T09:30:00Z\"}", "id");
  assert_case_invalid ("{\"id\":7,\"item\":\"x\",\"applicant\":\"k\",\"state\":\"flying\","
                       "\"created_at\":\"2026-11-27T09:30:00Z\"}", "state");
  assert_case_invalid ("{\"id\":7,\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"yesterday\"}", "created_at");
  /* a timestamp without an offset is ambiguous */
  assert_case_invalid ("{\"id\":7,\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"2026-11-27T09:30:00\"}", "created_at");
  assert_case_invalid ("{\"id\":7,\"item\":42,\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"2026-11-27T09:30:00Z\"}", "item");
  assert_case_invalid (CASE_JSON (",\"tasks\":{}"), "tasks");
  assert_case_invalid (CASE_JSON (",\"tasks\":[" TASK_JSON ",{\"id\":2}]"), "tasks[1]");
  assert_case_invalid ("{\"id\":7,\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"2026-11-27T09:30:00Z\",\"matters\":[\"m1\",3]}", "matters");
  assert_case_invalid ("{\"id\":7,\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"2026-11-27T09:30:00Z\",\"form\":[]}", "form");
  assert_case_invalid ("{\"id\":7,\"item\":\"x\",\"applicant\":\"k\",\"state\":\"draft\","
                       "\"created_at\":\"2026-11-27T09:30:00Z\",\"parties\":[{\"role\":\"spouse\"}]}",
                       "key");
}

static void
test_task_malformed (void)
{
  static const char * const cases[][2] = {
    { "{\"id\":1,\"case_id\":7,\"matter\":\"m1\",\"department\":\"d\",\"state\":\"done\"}", "state" },
    { "{\"id\":1,\"case_id\":7,\"matter\":\"m1\",\"department\":\"d\",\"state\":\"pending\","
      "\"due_date\":\"2026-02-30\"}", "due_date" },
    { "{\"id\":1,\"case_id\":7,\"matter\":\"m1\",\"department\":\"d\",\"state\":\"pending\","
      "\"awaiting_supplement\":\"yes\"}", "awaiting_supplement" },
    { "{\"id\":1,\"matter\":\"m1\",\"department\":\"d\",\"state\":\"pending\"}", "case_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i][0]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ZcTask) task = zc_task_new_from_json (node, &error);

      g_assert_null (task);
      g_assert_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i][1]));
    }
}

#define LICENCE_JSON(valid_until, revoked) \
  "{\"type\":\"id_card\",\"number\":\"11010519491231002X\",\"holder\":\"11010519491231002X\"," \
  "\"holder_name\":\"张小红\",\"issuer\":\"北京市公安局西城分局\",\"issued_on\":\"2016-03-01\"," \
  "\"valid_until\":" valid_until ",\"revoked\":" revoked ",\"has_photo\":true," \
  "\"fields\":{\"name\":\"张小红\",\"sex\":\"女\",\"count\":3,\"area\":86.5,\"long_term\":false,\"none\":null}}"

static void
test_licence_validity (void)
{
  g_autoptr(JsonNode) node = parse (LICENCE_JSON ("\"2026-03-01\"", "false"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcLicence) licence = zc_licence_new_from_json (node, &error);
  g_autoptr(GDate) before_issue = date (2016, 2, 29);
  g_autoptr(GDate) issue_day = date (2016, 3, 1);
  g_autoptr(GDate) last_day = date (2026, 3, 1);
  g_autoptr(GDate) day_after = date (2026, 3, 2);

  g_assert_no_error (error);
  g_assert_cmpstr (zc_licence_get_licence_type (licence), ==, "id_card");
  g_assert_true (zc_licence_get_has_photo (licence));
  g_assert_false (zc_licence_is_valid_on (licence, before_issue));
  g_assert_true (zc_licence_is_valid_on (licence, issue_day));
  g_assert_true (zc_licence_is_valid_on (licence, last_day));
  g_assert_false (zc_licence_is_valid_on (licence, day_after));

  /* fields rendered as strings */
  g_assert_cmpstr (zc_licence_get_field (licence, "sex"), ==, "女");
  g_assert_cmpstr (zc_licence_get_field (licence, "count"), ==, "3");
  g_assert_cmpstr (zc_licence_get_field (licence, "area"), ==, "86.5");
  g_assert_cmpstr (zc_licence_get_field (licence, "long_term"), ==, "false");
  g_assert_null (zc_licence_get_field (licence, "none"));
  g_assert_null (zc_licence_get_field (licence, "missing"));
}

static void
test_licence_unlimited_and_revoked (void)
{
  g_autoptr(JsonNode) unlimited_node = parse (LICENCE_JSON ("null", "false"));
  g_autoptr(JsonNode) revoked_node = parse (LICENCE_JSON ("null", "true"));
  g_autoptr(ZcLicence) unlimited = zc_licence_new_from_json (unlimited_node, NULL);
  g_autoptr(ZcLicence) revoked = zc_licence_new_from_json (revoked_node, NULL);
  g_autoptr(GDate) far = date (2090, 1, 1);

  g_assert_null (zc_licence_get_valid_until (unlimited));
  g_assert_true (zc_licence_is_valid_on (unlimited, far));
  g_assert_true (zc_licence_get_revoked (revoked));
  g_assert_false (zc_licence_is_valid_on (revoked, far));
}

static void
test_licence_malformed (void)
{
  static const char * const cases[][2] = {
    { "{\"type\":\"id_card\",\"number\":\"1\",\"holder\":\"h\",\"holder_name\":\"n\"}", "issued_on" },
    { "{\"type\":\"id_card\",\"number\":\"1\",\"holder\":\"h\",\"holder_name\":\"n\","
      "\"issued_on\":\"2016/03/01\"}", "issued_on" },
    { "{\"type\":\"id_card\",\"number\":\"1\",\"holder\":\"h\",\"holder_name\":\"n\","
      "\"issued_on\":\"2016-03-01\",\"valid_until\":20260301}", "valid_until" },
    { "{\"type\":\"id_card\",\"number\":\"1\",\"holder\":\"h\",\"holder_name\":\"n\","
      "\"issued_on\":\"2016-03-01\",\"revoked\":0}", "revoked" },
    { "{\"type\":\"id_card\",\"number\":\"1\",\"holder\":\"h\",\"holder_name\":\"n\","
      "\"issued_on\":\"2016-03-01\",\"fields\":\"name=x\"}", "fields" },
    { "{\"type\":\"\",\"number\":\"1\",\"holder\":\"h\",\"holder_name\":\"n\","
      "\"issued_on\":\"2016-03-01\"}", "type" },
    { "{\"number\":\"1\",\"holder\":\"h\",\"holder_name\":\"n\",\"issued_on\":\"2016-03-01\"}", "type" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i][0]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ZcLicence) licence = zc_licence_new_from_json (node, &error);

      g_assert_null (licence);
      g_assert_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID);
      if (strstr (error->message, cases[i][1]) == NULL)
        g_error ("“%s” not named in: %s", cases[i][1], error->message);
    }
}

static void
test_applicant (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"key\":\"11010519491231002X\",\"kind\":\"person\",\"name\":\"张小红\",\"phone\":\"13800000000\","
    "\"address\":null,\"serious_credit_breach\":false,"
    "\"licences\":[" LICENCE_JSON ("\"2026-03-01\"", "false") "," LICENCE_JSON ("null", "true") "],"
    "\"parties\":[{\"role\":\"spouse\",\"key\":\"340102199003071232\",\"name\":\"李明\"},"
    "{\"role\":\"household_head\",\"key\":\"440304198511205674\",\"name\":null}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcApplicant) applicant = zc_applicant_new_from_json (node, &error);
  g_autoptr(ZcLicence) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (zc_applicant_get_kind (applicant), ==, "person");
  g_assert_null (zc_applicant_get_address (applicant));
  g_assert_cmpuint (g_list_model_get_n_items (zc_applicant_get_licences (applicant)), ==, 2);
  second = g_list_model_get_item (zc_applicant_get_licences (applicant), 1);
  g_assert_true (zc_licence_get_revoked (second));
  g_assert_cmpstr (zc_applicant_get_party_key (applicant, "spouse"), ==, "340102199003071232");
  g_assert_cmpstr (zc_applicant_get_party_name (applicant, "spouse"), ==, "李明");
  g_assert_null (zc_applicant_get_party_name (applicant, "household_head"));
  g_assert_null (zc_applicant_get_party_key (applicant, "mother"));
}

static void
test_applicant_malformed (void)
{
  static const char * const cases[][2] = {
    { "{\"key\":\"k\",\"kind\":\"robot\",\"name\":\"n\"}", "kind" },
    { "{\"key\":\"k\",\"kind\":\"person\"}", "name" },
    { "{\"key\":\"k\",\"kind\":\"person\",\"name\":\"n\",\"licences\":[{\"type\":\"id_card\"}]}", "licences[0]" },
    { "{\"key\":\"k\",\"kind\":\"person\",\"name\":\"n\",\"licences\":{}}", "licences" },
    { "{\"key\":\"k\",\"kind\":\"person\",\"name\":\"n\",\"parties\":[\"spouse\"]}", "parties[0]" },
    { "{\"key\":\"k\",\"kind\":\"person\",\"name\":\"n\",\"parties\":[{\"role\":\"spouse\",\"key\":1}]}", "key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i][0]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ZcApplicant) applicant = zc_applicant_new_from_json (node, &error);

      g_assert_null (applicant);
      g_assert_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID);
      if (strstr (error->message, cases[i][1]) == NULL)
        g_error ("“%s” not named in: %s", cases[i][1], error->message);
    }
}

static void
test_user (void)
{
  g_autoptr(JsonNode) good = parse ("{\"username\":\"scjg\",\"role\":\"department\",\"window\":null,"
                                    "\"department\":\"市场监管局\"}");
  g_autoptr(JsonNode) bad_role = parse ("{\"username\":\"x\",\"role\":\"admin\"}");
  g_autoptr(JsonNode) platform_role = parse ("{\"username\":\"x\",\"role\":\"platform\"}");
  g_autoptr(JsonNode) no_name = parse ("{\"role\":\"clerk\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcUser) user = zc_user_new_from_json (good, &error);
  ZcUser *none;

  g_assert_no_error (error);
  g_assert_cmpint (zc_user_get_role (user), ==, ZC_ROLE_DEPARTMENT);
  g_assert_null (zc_user_get_window (user));
  /* no display name: the user name */
  g_assert_cmpstr (zc_user_get_display_name (user), ==, "scjg");

  none = zc_user_new_from_json (bad_role, &error);
  g_assert_null (none);
  g_assert_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "role"));
  g_clear_error (&error);

  none = zc_user_new_from_json (platform_role, &error);
  g_assert_null (none);
  g_assert_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  none = zc_user_new_from_json (no_name, &error);
  g_assert_null (none);
  g_assert_nonnull (strstr (error->message, "username"));
}

static void
test_event (void)
{
  g_autoptr(JsonNode) good = parse (
    "{\"id\":9,\"at\":\"2026-11-27T09:30:00Z\",\"actor\":\"clerk\",\"role\":\"clerk\",\"window\":\"1号窗口\","
    "\"action\":\"case.transition\",\"case_id\":7,\"from\":\"draft\",\"to\":\"received\",\"reason\":null}");
  g_autoptr(JsonNode) bad = parse ("{\"id\":9,\"at\":\"2026-11-27T09:30:00Z\",\"actor\":\"clerk\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcEvent) event = zc_event_new_from_json (good, &error);
  ZcEvent *none;

  g_assert_no_error (error);
  g_assert_cmpstr (zc_event_get_from_state (event), ==, "draft");
  g_assert_cmpstr (zc_event_get_to_state (event), ==, "received");
  g_assert_cmpint (zc_event_get_case_id (event), ==, 7);

  none = zc_event_new_from_json (bad, &error);
  g_assert_null (none);
  g_assert_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "action"));
}

static void
test_immutable_copy (void)
{
  /* changing the document after parsing does not change the model */
  g_autoptr(JsonNode) node = parse (CASE_JSON (""));
  g_autoptr(ZcCase) c = zc_case_new_from_json (node, NULL);
  JsonObject *form = json_object_get_object_member (json_node_get_object (node), "form");

  json_object_set_string_member (form, "phone", "changed");
  g_assert_cmpstr (json_object_get_string_member (zc_case_get_form (c), "phone"), ==, "13800000000");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/case/valid", test_case_valid);
  g_test_add_func ("/models/case/key-override", test_case_key_override);
  g_test_add_func ("/models/case/commitments", test_case_commitments);
  g_test_add_func ("/models/case/draft-minimal", test_case_draft_minimal);
  g_test_add_func ("/models/case/malformed", test_case_malformed);
  g_test_add_func ("/models/case/immutable", test_immutable_copy);
  g_test_add_func ("/models/case/sources-materials", test_case_sources_materials);
  g_test_add_func ("/models/case/sources-materials-absent", test_case_sources_materials_absent);
  g_test_add_func ("/models/case/sources-materials-malformed", test_case_sources_materials_malformed);
  g_test_add_func ("/models/case/material-rule", test_case_material_rule);
  g_test_add_func ("/models/task/malformed", test_task_malformed);
  g_test_add_func ("/models/licence/validity", test_licence_validity);
  g_test_add_func ("/models/licence/unlimited-revoked", test_licence_unlimited_and_revoked);
  g_test_add_func ("/models/licence/malformed", test_licence_malformed);
  g_test_add_func ("/models/applicant", test_applicant);
  g_test_add_func ("/models/applicant/malformed", test_applicant_malformed);
  g_test_add_func ("/models/user", test_user);
  g_test_add_func ("/models/event", test_event);

  return g_test_run ();
}
