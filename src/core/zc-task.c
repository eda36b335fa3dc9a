/* zc-task.c — ZcTask, one sub-matter of a case handled by a department
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-models-private.h"

struct _ZcTask
{
  GObject parent_instance;

  gint64       id;
  gint64       case_id;
  char        *case_number;
  char        *matter;
  char        *matter_name;
  char        *department;
  ZcTaskState  state;
  GDate       *due_date;
  char        *reason;
  gboolean     due_provisional;
  gboolean     awaiting_supplement;
};

G_DEFINE_TYPE (ZcTask, zc_task, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ZcTaskState, zc_task_state,
  G_DEFINE_ENUM_VALUE (ZC_TASK_STATE_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (ZC_TASK_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (ZC_TASK_STATE_IN_REVIEW, "in_review"),
  G_DEFINE_ENUM_VALUE (ZC_TASK_STATE_APPROVED, "approved"),
  G_DEFINE_ENUM_VALUE (ZC_TASK_STATE_DENIED, "denied"),
  G_DEFINE_ENUM_VALUE (ZC_TASK_STATE_RESULT_ISSUED, "result_issued"))

enum {
  PROP_0,
  PROP_ID,
  PROP_CASE_ID,
  PROP_CASE_NUMBER,
  PROP_MATTER,
  PROP_MATTER_NAME,
  PROP_DEPARTMENT,
  PROP_STATE,
  PROP_DUE_DATE,
  PROP_DUE_PROVISIONAL,
  PROP_AWAITING_SUPPLEMENT,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zc_task_finalize (GObject *object)
{
  ZcTask *self = (ZcTask *)object;

  g_clear_pointer (&self->case_number, g_free);
  g_clear_pointer (&self->matter, g_free);
  g_clear_pointer (&self->matter_name, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_pointer (&self->due_date, g_date_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (zc_task_parent_class)->finalize (object);
}

static void
zc_task_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  ZcTask *self = ZC_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CASE_ID:
      g_value_set_int64 (value, self->case_id);
      break;
    case PROP_CASE_NUMBER:
      g_value_set_string (value, self->case_number);
      break;
    case PROP_MATTER:
      g_value_set_string (value, self->matter);
      break;
    case PROP_MATTER_NAME:
      g_value_set_string (value, zc_task_get_matter_name (self));
      break;
    case PROP_DEPARTMENT:
      g_value_set_string (value, self->department);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_DUE_DATE:
      g_value_set_boxed (value, self->due_date);
      break;
    case PROP_DUE_PROVISIONAL:
      g_value_set_boolean (value, self->due_provisional);
      break;
    case PROP_AWAITING_SUPPLEMENT:
      g_value_set_boolean (value, self->awaiting_supplement);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_task_class_init (ZcTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_task_finalize;
  object_class->get_property = zc_task_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_ID] =
    g_param_spec_int64 ("case-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_NUMBER] =
    g_param_spec_string ("case-number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MATTER] =
    g_param_spec_string ("matter", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MATTER_NAME] =
    g_param_spec_string ("matter-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPARTMENT] =
    g_param_spec_string ("department", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ZC_TYPE_TASK_STATE, ZC_TASK_STATE_INVALID,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE_DATE] =
    g_param_spec_boxed ("due-date", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE_PROVISIONAL] =
    g_param_spec_boolean ("due-provisional", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AWAITING_SUPPLEMENT] =
    g_param_spec_boolean ("awaiting-supplement", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_task_init (ZcTask *self)
{
  self->state = ZC_TASK_STATE_INVALID;
}

/**
 * zc_task_new_from_json:
 * @node: a Task of the contract
 *
 * Returns: (transfer full): the task, or %NULL with ZC_MODEL_ERROR_INVALID
 */
ZcTask *
zc_task_new_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(ZcTask) self = NULL;
  g_autofree char *state = NULL;
  JsonObject *object;

  if (!(object = _zc_json_node_get_object (node, "task", error)))
    return NULL;

  self = g_object_new (ZC_TYPE_TASK, NULL);

  if (!_zc_json_get_int (object, "task", "id", TRUE, &self->id, error) ||
      !_zc_json_get_int (object, "task", "case_id", TRUE, &self->case_id, error) ||
      !_zc_json_get_string (object, "task", "case_number", FALSE, &self->case_number, error) ||
      !_zc_json_get_string (object, "task", "matter", TRUE, &self->matter, error) ||
      !_zc_json_get_string (object, "task", "matter_name", FALSE, &self->matter_name, error) ||
      !_zc_json_get_string (object, "task", "department", TRUE, &self->department, error) ||
      !_zc_json_get_string (object, "task", "state", TRUE, &state, error) ||
      !_zc_json_get_date (object, "task", "due_date", FALSE, &self->due_date, error) ||
      !_zc_json_get_boolean (object, "task", "due_provisional", FALSE, &self->due_provisional, error) ||
      !_zc_json_get_boolean (object, "task", "awaiting_supplement", FALSE,
                             &self->awaiting_supplement, error) ||
      !_zc_json_get_string (object, "task", "reason", FALSE, &self->reason, error))
    return NULL;

  if (self->id <= 0)
    {
      _zc_json_set_bad_value (error, "task", "id");
      return NULL;
    }
  if (self->case_id <= 0)
    {
      _zc_json_set_bad_value (error, "task", "case_id");
      return NULL;
    }

  self->state = zc_task_state_from_string (state);
  if (self->state == ZC_TASK_STATE_INVALID)
    {
      _zc_json_set_bad_value (error, "task", "state");
      return NULL;
    }

  return g_steal_pointer (&self);
}

gint64
zc_task_get_id (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), 0);
  return self->id;
}

gint64
zc_task_get_case_id (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), 0);
  return self->case_id;
}

const char *
zc_task_get_case_number (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), NULL);
  return self->case_number;
}

const char *
zc_task_get_matter (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), NULL);
  return self->matter;
}

/* falls back to the matter code */
const char *
zc_task_get_matter_name (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), NULL);
  return self->matter_name != NULL ? self->matter_name : self->matter;
}

const char *
zc_task_get_department (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), NULL);
  return self->department;
}

ZcTaskState
zc_task_get_state (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), ZC_TASK_STATE_INVALID);
  return self->state;
}

const GDate *
zc_task_get_due_date (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), NULL);
  return self->due_date;
}

gboolean
zc_task_get_due_provisional (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), FALSE);
  return self->due_provisional;
}

gboolean
zc_task_get_awaiting_supplement (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), FALSE);
  return self->awaiting_supplement;
}

const char *
zc_task_get_reason (ZcTask *self)
{
  g_return_val_if_fail (ZC_IS_TASK (self), NULL);
  return self->reason;
}
