/* zc-user.c — ZcUser, the logged-in user of a session; also the
 * ZC_MODEL_ERROR quark and the JSON readers of zc-models-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-calendar.h"
#include "zc-models-private.h"

struct _ZcUser
{
  GObject parent_instance;

  char   *username;
  ZcRole  role;
  char   *window;
  char   *department;
  char   *display_name;
};

G_DEFINE_TYPE (ZcUser, zc_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USERNAME,
  PROP_ROLE,
  PROP_WINDOW,
  PROP_DEPARTMENT,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (zc-model-error-quark, zc_model_error)

G_DEFINE_ENUM_TYPE (ZcRole, zc_role,
  G_DEFINE_ENUM_VALUE (ZC_ROLE_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_CLERK, "clerk"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_HELPER, "helper"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_SUPERVISOR, "supervisor"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_DEPARTMENT, "department"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_PLATFORM, "platform"))

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

/* --- ZcUser --- */

static void
zc_user_finalize (GObject *object)
{
  ZcUser *self = (ZcUser *)object;

  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->window, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (zc_user_parent_class)->finalize (object);
}

static void
zc_user_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  ZcUser *self = ZC_USER (object);

  switch (prop_id)
    {
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    case PROP_WINDOW:
      g_value_set_string (value, self->window);
      break;
    case PROP_DEPARTMENT:
      g_value_set_string (value, self->department);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, zc_user_get_display_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_user_class_init (ZcUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_user_finalize;
  object_class->get_property = zc_user_get_property;

  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, ZC_TYPE_ROLE, ZC_ROLE_INVALID,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WINDOW] =
    g_param_spec_string ("window", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPARTMENT] =
    g_param_spec_string ("department", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_user_init (ZcUser *self)
{
  self->role = ZC_ROLE_INVALID;
}

/**
 * zc_user_new_from_json:
 * @node: {"username","role","window"?,"department"?,"display_name"?}
 *
 * Returns: (transfer full): the user, or %NULL with ZC_MODEL_ERROR_INVALID
 */
ZcUser *
zc_user_new_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(ZcUser) self = NULL;
  g_autofree char *role = NULL;
  JsonObject *object;

  if (!(object = _zc_json_node_get_object (node, "user", error)))
    return NULL;

  self = g_object_new (ZC_TYPE_USER, NULL);

  if (!_zc_json_get_string (object, "user", "username", TRUE, &self->username, error) ||
      !_zc_json_get_string (object, "user", "role", TRUE, &role, error) ||
      !_zc_json_get_string (object, "user", "window", FALSE, &self->window, error) ||
      !_zc_json_get_string (object, "user", "department", FALSE, &self->department, error) ||
      !_zc_json_get_string (object, "user", "display_name", FALSE, &self->display_name, error))
    return NULL;

  self->role = zc_role_from_string (role);
  if (self->role == ZC_ROLE_INVALID || self->role == ZC_ROLE_PLATFORM)
    {
      _zc_json_set_bad_value (error, "user", "role");
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
zc_user_get_username (ZcUser *self)
{
  g_return_val_if_fail (ZC_IS_USER (self), NULL);
  return self->username;
}

ZcRole
zc_user_get_role (ZcUser *self)
{
  g_return_val_if_fail (ZC_IS_USER (self), ZC_ROLE_INVALID);
  return self->role;
}

const char *
zc_user_get_window (ZcUser *self)
{
  g_return_val_if_fail (ZC_IS_USER (self), NULL);
  return self->window;
}

const char *
zc_user_get_department (ZcUser *self)
{
  g_return_val_if_fail (ZC_IS_USER (self), NULL);
  return self->department;
}

const char *
zc_user_get_display_name (ZcUser *self)
{
  g_return_val_if_fail (ZC_IS_USER (self), NULL);
  if (self->display_name != NULL && self->display_name[0] != '\0')
    return self->display_name;
  return self->username;
}
