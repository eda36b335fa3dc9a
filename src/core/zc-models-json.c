/* zc-models-json.c — ZC_MODEL_ERROR and the node-by-node JSON readers
 * every model class shares (zc-models-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-calendar.h"
#include "zc-models-private.h"

G_DEFINE_QUARK (zc-model-error-quark, zc_model_error)

/* --- JSON readers (zc-models-private.h) --- */

/* the translated name of the object an error is about */
static const char *
what_label (const char *what)
{
  static const struct { const char *what; const char *label; } labels[] = {
    { "case", N_("case") },
    { "task", N_("task") },
    { "licence", N_("licence") },
    { "applicant", N_("applicant") },
    { "party", N_("party") },
    { "user", N_("user") },
    { "event", N_("event") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (what, labels[i].what))
      return _(labels[i].label);
  return what;
}

static void
set_missing (GError **error, const char *what, const char *member)
{
  g_set_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID,
               _("The %s from the platform has no “%s”"), what_label (what), member);
}

static void
set_wrong_type (GError **error, const char *what, const char *member, const char *expected)
{
  g_set_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID,
               _("The member “%s” of the %s from the platform is not %s"),
               member, what_label (what), expected);
}

static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObjectIter iter;
        const char *member;
        JsonNode *child;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &member, &child))
          json_object_set_member (object, member, deep_copy (child));
        copy = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        JsonArray *array = json_array_sized_new (json_array_get_length (source));

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (array, deep_copy (json_array_get_element (source, i)));
        copy = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonNode *
_zc_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy = deep_copy (node);

  json_node_seal (copy);
  return copy;
}

void
_zc_json_set_bad_value (GError     **error,
                        const char  *what,
                        const char  *member)
{
  g_set_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID,
               _("The member “%s” of the %s from the platform has a value outside the contract"),
               member, what_label (what));
}

/* Returns the member's node, NULL when absent or null (error set when
 * @required). */
static JsonNode *
lookup (JsonObject  *object,
        const char  *what,
        const char  *member,
        gboolean     required,
        gboolean    *ok,
        GError     **error)
{
  JsonNode *node = NULL;

  *ok = TRUE;
  if (object != NULL && json_object_has_member (object, member))
    node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          set_missing (error, what, member);
          *ok = FALSE;
        }
      return NULL;
    }

  return node;
}

JsonObject *
_zc_json_node_get_object (JsonNode    *node,
                          const char  *what,
                          GError     **error)
{
  if (node == NULL || json_node_get_node_type (node) != JSON_NODE_OBJECT)
    {
      g_set_error (error, ZC_MODEL_ERROR, ZC_MODEL_ERROR_INVALID,
                   _("The %s from the platform is not a JSON object"), what_label (what));
      return NULL;
    }
  return json_node_get_object (node);
}

gboolean
_zc_json_get_string (JsonObject  *object,
                     const char  *what,
                     const char  *member,
                     gboolean     required,
                     char       **out,
                     GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, what, member, required, &ok, error);

  *out = NULL;
  if (node == NULL)
    return ok;

  if (json_node_get_node_type (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_wrong_type (error, what, member, _("a string"));
      return FALSE;
    }

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
_zc_json_get_int (JsonObject  *object,
                  const char  *what,
                  const char  *member,
                  gboolean     required,
                  gint64      *out,
                  GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, what, member, required, &ok, error);

  if (node == NULL)
    return ok;

  if (json_node_get_node_type (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_wrong_type (error, what, member, _("an integer"));
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
_zc_json_get_boolean (JsonObject  *object,
                      const char  *what,
                      const char  *member,
                      gboolean     required,
                      gboolean    *out,
                      GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, what, member, required, &ok, error);

  if (node == NULL)
    return ok;

  if (json_node_get_node_type (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_wrong_type (error, what, member, _("true or false"));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_zc_json_get_date (JsonObject  *object,
                   const char  *what,
                   const char  *member,
                   gboolean     required,
                   GDate      **out,
                   GError     **error)
{
  g_autofree char *str = NULL;
  g_autoptr(GDate) date = NULL;

  *out = NULL;
  if (!_zc_json_get_string (object, what, member, required, &str, error))
    return FALSE;
  if (str == NULL)
    return TRUE;

  date = g_date_new ();
  if (!zc_date_parse_iso (str, date))
    {
      set_wrong_type (error, what, member, _("a date (YYYY-MM-DD)"));
      return FALSE;
    }

  *out = g_steal_pointer (&date);
  return TRUE;
}

gboolean
_zc_json_get_date_time (JsonObject  *object,
                        const char  *what,
                        const char  *member,
                        gboolean     required,
                        GDateTime  **out,
                        GError     **error)
{
  g_autofree char *str = NULL;
  GDateTime *dt;

  *out = NULL;
  if (!_zc_json_get_string (object, what, member, required, &str, error))
    return FALSE;
  if (str == NULL)
    return TRUE;

  /* NULL default zone: a timestamp without an offset is refused */
  dt = g_date_time_new_from_iso8601 (str, NULL);
  if (dt == NULL)
    {
      set_wrong_type (error, what, member, _("a timestamp (RFC 3339)"));
      return FALSE;
    }

  *out = dt;
  return TRUE;
}

gboolean
_zc_json_get_object (JsonObject  *object,
                     const char  *what,
                     const char  *member,
                     gboolean     required,
                     JsonObject **out,
                     GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, what, member, required, &ok, error);

  *out = NULL;
  if (node == NULL)
    return ok;

  if (json_node_get_node_type (node) != JSON_NODE_OBJECT)
    {
      set_wrong_type (error, what, member, _("an object"));
      return FALSE;
    }

  *out = json_object_ref (json_node_get_object (node));
  return TRUE;
}

gboolean
_zc_json_get_array (JsonObject  *object,
                    const char  *what,
                    const char  *member,
                    gboolean     required,
                    JsonArray  **out,
                    GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, what, member, required, &ok, error);

  *out = NULL;
  if (node == NULL)
    return ok;

  if (json_node_get_node_type (node) != JSON_NODE_ARRAY)
    {
      set_wrong_type (error, what, member, _("an array"));
      return FALSE;
    }

  *out = json_array_ref (json_node_get_array (node));
  return TRUE;
}

gboolean
_zc_json_get_strv (JsonObject  *object,
                   const char  *what,
                   const char  *member,
                   gboolean     required,
                   GStrv       *out,
                   GError     **error)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n;

  *out = NULL;
  if (!_zc_json_get_array (object, what, member, required, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  builder = g_strv_builder_new ();
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_node_type (node) != JSON_NODE_VALUE ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        {
          set_wrong_type (error, what, member, _("an array of strings"));
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}
