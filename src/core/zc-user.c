/* zc-user.c — ZcUser, the logged-in user of a session
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

G_DEFINE_ENUM_TYPE (ZcRole, zc_role,
  G_DEFINE_ENUM_VALUE (ZC_ROLE_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_CLERK, "clerk"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_HELPER, "helper"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_SUPERVISOR, "supervisor"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_DEPARTMENT, "department"),
  G_DEFINE_ENUM_VALUE (ZC_ROLE_PLATFORM, "platform"))

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
