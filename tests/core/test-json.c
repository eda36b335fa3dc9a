/* test-json.c — the strict JSON scan in front of json-glib (zc-json.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-json.h"

static void
test_accepts (void)
{
  const char *good[] = {
    "{}", "[]", "0", "-0.5e+10", "\"\"", "true", "null", " {\"a\" : [1, 2.5, \"x\", {\"b\": null}] } ",
    "{\"名称\":\"合肥市\\u4e2d\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", "[[[[]]]]", "[false,true]",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = zc_json_parse (good[i], -1, ZC_JSON_MAX_DEPTH, &error);

      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

static void
test_refuses (void)
{
  struct { const char *text; int code; } bad[] = {
    { "", ZC_JSON_ERROR_SYNTAX },
    { "   ", ZC_JSON_ERROR_SYNTAX },
    { "{\"a\":1,}", ZC_JSON_ERROR_SYNTAX },
    { "[1,]", ZC_JSON_ERROR_SYNTAX },
    { "{'a':1}", ZC_JSON_ERROR_SYNTAX },              /* json-glib 1.6 takes single quotes */
    { "{\"a\":/* c */1}", ZC_JSON_ERROR_SYNTAX },     /* … and comments */
    { "[1] // c", ZC_JSON_ERROR_SYNTAX },
    { "{\"a\" 1}", ZC_JSON_ERROR_SYNTAX },
    { "{1:1}", ZC_JSON_ERROR_SYNTAX },
    { "[01]", ZC_JSON_ERROR_SYNTAX },
    { "[1.]", ZC_JSON_ERROR_SYNTAX },
    { "[.5]", ZC_JSON_ERROR_SYNTAX },
    { "[1e]", ZC_JSON_ERROR_SYNTAX },
    { "[+1]", ZC_JSON_ERROR_SYNTAX },
    { "[tru]", ZC_JSON_ERROR_SYNTAX },
    { "[NaN]", ZC_JSON_ERROR_SYNTAX },
    { "{} {}", ZC_JSON_ERROR_SYNTAX },
    { "[}", ZC_JSON_ERROR_SYNTAX },
    { "{]", ZC_JSON_ERROR_SYNTAX },
    { "\"abc", ZC_JSON_ERROR_SYNTAX },
    { "\"a\tb\"", ZC_JSON_ERROR_SYNTAX },             /* raw control character */
    { "\"\\x41\"", ZC_JSON_ERROR_SYNTAX },
    { "\"\\u12G4\"", ZC_JSON_ERROR_SYNTAX },
    { "{\"password\":\"demo1234\\u0000junk\"}", ZC_JSON_ERROR_ENCODING },
    { "\"\xff\"", ZC_JSON_ERROR_ENCODING },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = zc_json_parse (bad[i].text, -1, ZC_JSON_MAX_DEPTH, &error);

      if (node != NULL)
        g_error ("accepted: %s", bad[i].text);
      g_assert_error (error, ZC_JSON_ERROR, bad[i].code);
    }

  {
    /* a NUL byte inside the text */
    g_autoptr(GError) error = NULL;
    g_assert_false (zc_json_check ("{\"a\":\"b\0c\"}", 11, ZC_JSON_MAX_DEPTH, &error));
    g_assert_error (error, ZC_JSON_ERROR, ZC_JSON_ERROR_ENCODING);
  }
}

/* Brackets hidden in a comment or a single-quoted string, then 100,000
 * levels: json-glib alone recurses until the stack is gone. */
static void
test_deep (void)
{
  const guint n = 100000;
  GString *s = g_string_new ("{\"username\":/*");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "*/");
  for (guint i = 0; i < n; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  text = g_string_free (s, FALSE);

  g_assert_false (zc_json_check (text, -1, ZC_JSON_MAX_DEPTH, &error));
  g_assert_error (error, ZC_JSON_ERROR, ZC_JSON_ERROR_SYNTAX);   /* the comment, first */

  {
    GString *deep = g_string_new (NULL);
    g_autofree char *deep_text = NULL;
    g_autoptr(GError) deep_error = NULL;

    for (guint i = 0; i < n; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < n; i++)
      g_string_append_c (deep, ']');
    deep_text = g_string_free (deep, FALSE);
    g_assert_null (zc_json_parse (deep_text, -1, ZC_JSON_MAX_DEPTH, &deep_error));
    g_assert_error (deep_error, ZC_JSON_ERROR, ZC_JSON_ERROR_TOO_DEEP);
  }

  {
    /* exactly the limit passes, one more does not */
    GString *edge = g_string_new (NULL);
    g_autofree char *edge_text = NULL;
    g_autoptr(GError) edge_error = NULL;

    for (guint i = 0; i < 4; i++)
      g_string_append (edge, "{\"a\":");
    g_string_append (edge, "[1]");
    for (guint i = 0; i < 4; i++)
      g_string_append_c (edge, '}');
    edge_text = g_string_free (edge, FALSE);
    g_assert_true (zc_json_check (edge_text, -1, 5, NULL));
    g_assert_false (zc_json_check (edge_text, -1, 4, &edge_error));
    g_assert_error (edge_error, ZC_JSON_ERROR, ZC_JSON_ERROR_TOO_DEEP);
  }
}

/* Every control character written comes back: json-glib 1.6 alone writes
 * U+001F raw, which the strict scan (rightly) refuses. */
static void
test_writes_control_characters (void)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pretty = NULL;
  char all[40];
  guint n = 0;
  gsize length = 0;

  for (char c = 1; c < 0x20; c++)
    all[n++] = c;
  all[n++] = 0x7f;
  all[n] = '\0';
  json_object_set_string_member (object, "message", all);
  json_object_set_string_member (object, "x\x1fkey", "y");
  json_node_set_object (node, object);

  text = zc_json_to_data (node, FALSE, &length);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_null (memchr (text, 0x1f, length));
  back = zc_json_parse (text, length, ZC_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (back), "message"), ==, all);
  g_assert_true (json_object_has_member (json_node_get_object (back), "x\x1fkey"));

  pretty = zc_json_to_data (node, TRUE, NULL);
  g_assert_true (zc_json_check (pretty, -1, ZC_JSON_MAX_DEPTH, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/accepts", test_accepts);
  g_test_add_func ("/core/json/refuses", test_refuses);
  g_test_add_func ("/core/json/deep", test_deep);
  g_test_add_func ("/core/json/writes-control-characters", test_writes_control_characters);

  return g_test_run ();
}
