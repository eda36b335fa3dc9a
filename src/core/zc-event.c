/* zc-event.c — ZcEvent, one audit event of a case's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-models-private.h"

struct _ZcEvent
{
  GObject parent_instance;

  gint64     id;
  GDateTime *at;
  char      *actor;
  char      *role;
  char      *window;
  char      *action;
  gint64     case_id;
  char      *from_state;
  char      *to_state;
  char      *reason;
  char      *actor_name;
  char      *department;
  char      *matter_name;
  char      *material_name;
  char      *document_kind;
};

G_DEFINE_TYPE (ZcEvent, zc_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AT,
  PROP_ACTOR,
  PROP_ROLE,
  PROP_WINDOW,
  PROP_ACTION,
  PROP_CASE_ID,
  PROP_FROM_STATE,
  PROP_TO_STATE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zc_event_finalize (GObject *object)
{
  ZcEvent *self = (ZcEvent *)object;

  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->window, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->from_state, g_free);
  g_clear_pointer (&self->to_state, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->actor_name, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_pointer (&self->matter_name, g_free);
  g_clear_pointer (&self->material_name, g_free);
  g_clear_pointer (&self->document_kind, g_free);

  G_OBJECT_CLASS (zc_event_parent_class)->finalize (object);
}

static void
zc_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  ZcEvent *self = ZC_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_AT:
      g_value_set_boxed (value, self->at);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_WINDOW:
      g_value_set_string (value, self->window);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_CASE_ID:
      g_value_set_int64 (value, self->case_id);
      break;
    case PROP_FROM_STATE:
      g_value_set_string (value, self->from_state);
      break;
    case PROP_TO_STATE:
      g_value_set_string (value, self->to_state);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_event_class_init (ZcEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_event_finalize;
  object_class->get_property = zc_event_get_property;

#define STRING_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  STRING_PROP (PROP_ACTOR, "actor");
  STRING_PROP (PROP_ROLE, "role");
  STRING_PROP (PROP_WINDOW, "window");
  STRING_PROP (PROP_ACTION, "action");
  properties[PROP_CASE_ID] =
    g_param_spec_int64 ("case-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  STRING_PROP (PROP_FROM_STATE, "from-state");
  STRING_PROP (PROP_TO_STATE, "to-state");
  STRING_PROP (PROP_REASON, "reason");
#undef STRING_PROP

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_event_init (ZcEvent *self)
{
}

/**
 * zc_event_new_from_json:
 * @node: an Event of the contract
 *
 * Returns: (transfer full): the event, or %NULL with ZC_MODEL_ERROR_INVALID
 */
ZcEvent *
zc_event_new_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(ZcEvent) self = NULL;
  JsonObject *object;

  if (!(object = _zc_json_node_get_object (node, "event", error)))
    return NULL;

  self = g_object_new (ZC_TYPE_EVENT, NULL);

  if (!_zc_json_get_int (object, "event", "id", TRUE, &self->id, error) ||
      !_zc_json_get_date_time (object, "event", "at", TRUE, &self->at, error) ||
      !_zc_json_get_string (object, "event", "actor", TRUE, &self->actor, error) ||
      !_zc_json_get_string (object, "event", "role", FALSE, &self->role, error) ||
      !_zc_json_get_string (object, "event", "window", FALSE, &self->window, error) ||
      !_zc_json_get_string (object, "event", "action", TRUE, &self->action, error) ||
      !_zc_json_get_int (object, "event", "case_id", FALSE, &self->case_id, error) ||
      !_zc_json_get_string (object, "event", "from", FALSE, &self->from_state, error) ||
      !_zc_json_get_string (object, "event", "to", FALSE, &self->to_state, error) ||
      !_zc_json_get_string (object, "event", "reason", FALSE, &self->reason, error) ||
      !_zc_json_get_string (object, "event", "actor_name", FALSE, &self->actor_name, error) ||
      !_zc_json_get_string (object, "event", "department", FALSE, &self->department, error) ||
      !_zc_json_get_string (object, "event", "matter_name", FALSE, &self->matter_name, error) ||
      !_zc_json_get_string (object, "event", "material_name", FALSE, &self->material_name, error) ||
      !_zc_json_get_string (object, "event", "document_kind", FALSE, &self->document_kind, error))
    return NULL;

  if (self->id <= 0)
    {
      _zc_json_set_bad_value (error, "event", "id");
      return NULL;
    }
  if (self->case_id < 0)
    {
      _zc_json_set_bad_value (error, "event", "case_id");
      return NULL;
    }

  return g_steal_pointer (&self);
}

gint64
zc_event_get_id (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), 0);
  return self->id;
}

GDateTime *
zc_event_get_at (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->at;
}

const char *
zc_event_get_actor (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->actor;
}

const char *
zc_event_get_role (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->role;
}

const char *
zc_event_get_window (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->window;
}

const char *
zc_event_get_action (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->action;
}

gint64
zc_event_get_case_id (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), 0);
  return self->case_id;
}

const char *
zc_event_get_from_state (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->from_state;
}

const char *
zc_event_get_to_state (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->to_state;
}

const char *
zc_event_get_reason (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->reason;
}

/* the actor's display name, or NULL (the platform, an older platform) */
const char *
zc_event_get_actor_name (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->actor_name;
}

/* a department user's department, or NULL */
const char *
zc_event_get_department (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->department;
}

/* the sub-matter of a task event, or NULL */
const char *
zc_event_get_matter_name (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->matter_name;
}

const char *
zc_event_get_material_name (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->material_name;
}

const char *
zc_event_get_document_kind (ZcEvent *self)
{
  g_return_val_if_fail (ZC_IS_EVENT (self), NULL);
  return self->document_kind;
}
