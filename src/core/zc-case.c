/* zc-case.c — ZcCase, one reception of one 一件事 for one applicant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-calendar.h"
#include "zc-condition.h"
#include "zc-id.h"
#include "zc-models-private.h"
#include "zc-reception.h"

struct _ZcCase
{
  GObject parent_instance;

  gint64       id;
  char        *number;
  char        *item;
  char        *item_name;
  char        *applicant;
  char        *applicant_name;
  char        *applicant_kind;
  ZcCaseState  state;
  char        *window;
  char        *clerk;
  char        *clerk_display;
  char        *holder;
  char        *holder_display;
  char        *holder_window;
  JsonObject  *field_sources;
  JsonObject  *materials;
  JsonObject  *answers;           /* question code → the clerk's yes/no; may be NULL */
  gboolean     reception_states;  /* a state only the reception gives (see zc_case_material_applies) */
  GHashTable  *sources_by_key;    /* key → ZcCaseSource */
  GHashTable  *materials_by_code; /* code → ZcCaseMaterial */
  GPtrArray   *party_list;        /* ZcCaseParty */
  GPtrArray   *commitments;       /* ZcCaseCommitment */
  GDateTime   *created_at;
  GDateTime   *received_at;
  GDateTime   *updated_at;
  GStrv        matters;
  JsonObject  *form;
  GHashTable  *form_text;         /* key → a number's or yes/no's text, made on demand */
  JsonArray   *parties;
  JsonArray   *commitments_json;  /* of the contract's Commitment, as they came; may be NULL */
  GListStore  *tasks;
  char        *reason;
  char        *key_override_reason;
  char        *applicant_typed_name;
};

G_DEFINE_TYPE (ZcCase, zc_case, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ZcCaseState, zc_case_state,
  G_DEFINE_ENUM_VALUE (ZC_CASE_STATE_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (ZC_CASE_STATE_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (ZC_CASE_STATE_RECEIVED, "received"),
  G_DEFINE_ENUM_VALUE (ZC_CASE_STATE_NOT_ACCEPTED, "not_accepted"),
  G_DEFINE_ENUM_VALUE (ZC_CASE_STATE_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (ZC_CASE_STATE_WITHDRAWN, "withdrawn"),
  G_DEFINE_ENUM_VALUE (ZC_CASE_STATE_RETURNED, "returned"))

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_ITEM,
  PROP_ITEM_NAME,
  PROP_APPLICANT,
  PROP_APPLICANT_NAME,
  PROP_APPLICANT_KIND,
  PROP_STATE,
  PROP_WINDOW,
  PROP_CLERK,
  PROP_HOLDER,
  PROP_HOLDER_DISPLAY,
  PROP_CREATED_AT,
  PROP_RECEIVED_AT,
  PROP_UPDATED_AT,
  PROP_MATTERS,
  PROP_FORM,
  PROP_PARTIES,
  PROP_TASKS,
  PROP_REASON,
  PROP_KEY_OVERRIDE_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zc_case_finalize (GObject *object)
{
  ZcCase *self = (ZcCase *)object;

  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->item, g_free);
  g_clear_pointer (&self->item_name, g_free);
  g_clear_pointer (&self->applicant, g_free);
  g_clear_pointer (&self->applicant_name, g_free);
  g_clear_pointer (&self->applicant_kind, g_free);
  g_clear_pointer (&self->window, g_free);
  g_clear_pointer (&self->clerk, g_free);
  g_clear_pointer (&self->clerk_display, g_free);
  g_clear_pointer (&self->holder, g_free);
  g_clear_pointer (&self->holder_display, g_free);
  g_clear_pointer (&self->holder_window, g_free);
  g_clear_pointer (&self->field_sources, json_object_unref);
  g_clear_pointer (&self->sources_by_key, g_hash_table_unref);
  g_clear_pointer (&self->materials_by_code, g_hash_table_unref);
  g_clear_pointer (&self->party_list, g_ptr_array_unref);
  g_clear_pointer (&self->commitments, g_ptr_array_unref);
  g_clear_pointer (&self->materials, json_object_unref);
  g_clear_pointer (&self->answers, json_object_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->received_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->matters, g_strfreev);
  g_clear_pointer (&self->form, json_object_unref);
  g_clear_pointer (&self->form_text, g_hash_table_unref);
  g_clear_pointer (&self->parties, json_array_unref);
  g_clear_pointer (&self->commitments_json, json_array_unref);
  g_clear_object (&self->tasks);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->key_override_reason, g_free);
  g_clear_pointer (&self->applicant_typed_name, g_free);

  G_OBJECT_CLASS (zc_case_parent_class)->finalize (object);
}

static void
zc_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  ZcCase *self = ZC_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_ITEM:
      g_value_set_string (value, self->item);
      break;
    case PROP_ITEM_NAME:
      g_value_set_string (value, zc_case_get_item_name (self));
      break;
    case PROP_APPLICANT:
      g_value_set_string (value, self->applicant);
      break;
    case PROP_APPLICANT_NAME:
      g_value_set_string (value, self->applicant_name);
      break;
    case PROP_APPLICANT_KIND:
      g_value_set_string (value, self->applicant_kind);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_WINDOW:
      g_value_set_string (value, self->window);
      break;
    case PROP_CLERK:
      g_value_set_string (value, self->clerk);
      break;
    case PROP_HOLDER:
      g_value_set_string (value, self->holder);
      break;
    case PROP_HOLDER_DISPLAY:
      g_value_set_string (value, self->holder_display);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_RECEIVED_AT:
      g_value_set_boxed (value, self->received_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, zc_case_get_updated_at (self));
      break;
    case PROP_MATTERS:
      g_value_set_boxed (value, self->matters);
      break;
    case PROP_FORM:
      g_value_set_boxed (value, self->form);
      break;
    case PROP_PARTIES:
      g_value_set_boxed (value, self->parties);
      break;
    case PROP_TASKS:
      g_value_set_object (value, self->tasks);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_KEY_OVERRIDE_REASON:
      g_value_set_string (value, self->key_override_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_case_class_init (ZcCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_case_finalize;
  object_class->get_property = zc_case_get_property;

#define STRING_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, \
                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  STRING_PROP (PROP_NUMBER, "number");
  STRING_PROP (PROP_ITEM, "item");
  STRING_PROP (PROP_ITEM_NAME, "item-name");
  STRING_PROP (PROP_APPLICANT, "applicant");
  STRING_PROP (PROP_APPLICANT_NAME, "applicant-name");
  STRING_PROP (PROP_APPLICANT_KIND, "applicant-kind");
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ZC_TYPE_CASE_STATE, ZC_CASE_STATE_INVALID,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  STRING_PROP (PROP_WINDOW, "window");
  STRING_PROP (PROP_CLERK, "clerk");
  STRING_PROP (PROP_HOLDER, "holder");
  /* the holder's display name ("holder_display"), for "正由 王晓燕 编辑" */
  STRING_PROP (PROP_HOLDER_DISPLAY, "holder-display");
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVED_AT] =
    g_param_spec_boxed ("received-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MATTERS] =
    g_param_spec_boxed ("matters", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORM] =
    g_param_spec_boxed ("form", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTIES] =
    g_param_spec_boxed ("parties", NULL, NULL, JSON_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TASKS] =
    g_param_spec_object ("tasks", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  STRING_PROP (PROP_REASON, "reason");
  STRING_PROP (PROP_KEY_OVERRIDE_REASON, "key-override-reason");
#undef STRING_PROP

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_case_init (ZcCase *self)
{
  self->state = ZC_CASE_STATE_INVALID;
  self->tasks = g_list_store_new (ZC_TYPE_TASK);
}

static gboolean
parse_tasks (ZcCase     *self,
             JsonArray  *array,
             GError    **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcTask) task = NULL;

      task = zc_task_new_from_json (json_array_get_element (array, i), error);
      if (task == NULL)
        {
          g_prefix_error (error, "tasks[%u]: ", i);
          return FALSE;
        }
      g_list_store_append (self->tasks, task);
    }

  return TRUE;
}

static gboolean
check_parties (JsonArray  *array,
               GError    **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *party;
      g_autofree char *role = NULL;
      g_autofree char *key = NULL;

      if (!(party = _zc_json_node_get_object (json_array_get_element (array, i), "party", error)) ||
          !_zc_json_get_string (party, "party", "role", TRUE, &role, error) ||
          !_zc_json_get_string (party, "party", "key", TRUE, &key, error))
        {
          g_prefix_error (error, "parties[%u]: ", i);
          return FALSE;
        }
    }

  return TRUE;
}

/* {"key": {"kind", "licence_type"?, "licence_number"?, "case_number"?,
 * "edited"?}} */
static gboolean
check_field_sources (JsonObject  *sources,
                     GError     **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, sources);
  while (json_object_iter_next (&iter, &key, &value))
    {
      JsonObject *origin;
      g_autofree char *kind = NULL;
      g_autofree char *type = NULL;
      g_autofree char *number = NULL;
      g_autofree char *case_number = NULL;
      gboolean edited = FALSE;

      if (!(origin = _zc_json_node_get_object (value, "case", error)) ||
          !_zc_json_get_string (origin, "case", "kind", TRUE, &kind, error) ||
          !_zc_json_get_string (origin, "case", "licence_type", FALSE, &type, error) ||
          !_zc_json_get_string (origin, "case", "licence_number", FALSE, &number, error) ||
          !_zc_json_get_string (origin, "case", "case_number", FALSE, &case_number, error) ||
          !_zc_json_get_boolean (origin, "case", "edited", FALSE, &edited, error))
        {
          g_prefix_error (error, "field_sources.%s: ", key);
          return FALSE;
        }
    }

  return TRUE;
}

/* {"CODE": "state"} or {"CODE": {"state", "licence"?: {"type","number"},
 * "note"?}} */
static gboolean
check_materials (JsonObject  *materials,
                 GError     **error)
{
  JsonObjectIter iter;
  const char *code;
  JsonNode *value;

  json_object_iter_init (&iter, materials);
  while (json_object_iter_next (&iter, &code, &value))
    {
      JsonObject *material;
      g_autofree char *state = NULL;
      g_autofree char *note = NULL;
      g_autofree char *type = NULL;
      g_autofree char *number = NULL;
      g_autoptr(JsonObject) licence = NULL;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        continue;

      if (!(material = _zc_json_node_get_object (value, "case", error)) ||
          !_zc_json_get_string (material, "case", "state", TRUE, &state, error) ||
          !_zc_json_get_string (material, "case", "note", FALSE, &note, error) ||
          !_zc_json_get_object (material, "case", "licence", FALSE, &licence, error) ||
          (licence != NULL &&
           (!_zc_json_get_string (licence, "case", "type", TRUE, &type, error) ||
            !_zc_json_get_string (licence, "case", "number", TRUE, &number, error))))
        {
          g_prefix_error (error, "materials.%s: ", code);
          return FALSE;
        }
    }

  return TRUE;
}

static void
case_source_free (ZcCaseSource *source)
{
  g_free (source->kind);
  g_free (source->licence_type);
  g_free (source->licence_number);
  g_free (source->case_number);
  g_free (source->label);
  g_free (source);
}

static void
case_material_free (ZcCaseMaterial *material)
{
  g_free (material->code);
  g_free (material->state);
  g_free (material->licence_type);
  g_free (material->licence_number);
  g_free (material->note);
  g_free (material);
}

static void
case_party_free (ZcCaseParty *party)
{
  g_free (party->role);
  g_free (party->key);
  g_free (party->name);
  g_free (party);
}

static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* the checked JSON members as types the UI reads */
static void
build_typed (ZcCase *self)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  self->sources_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) case_source_free);
  if (self->field_sources != NULL)
    {
      json_object_iter_init (&iter, self->field_sources);
      while (json_object_iter_next (&iter, &key, &value))
        {
          JsonObject *origin = JSON_NODE_HOLDS_OBJECT (value) ? json_node_get_object (value) : NULL;
          ZcCaseSource *source;

          if (origin == NULL)
            continue;
          source = g_new0 (ZcCaseSource, 1);
          source->kind = dup_string_member (origin, "kind");
          source->licence_type = dup_string_member (origin, "licence_type");
          source->licence_number = dup_string_member (origin, "licence_number");
          source->case_number = dup_string_member (origin, "case_number");
          source->label = dup_string_member (origin, "label");
          source->edited = json_object_get_boolean_member_with_default (origin, "edited", FALSE);
          g_hash_table_insert (self->sources_by_key, g_strdup (key), source);
        }
    }

  self->materials_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                   (GDestroyNotify) case_material_free);
  if (self->materials != NULL)
    {
      json_object_iter_init (&iter, self->materials);
      while (json_object_iter_next (&iter, &key, &value))
        {
          ZcCaseMaterial *material = g_new0 (ZcCaseMaterial, 1);

          material->code = g_strdup (key);
          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
            material->state = g_strdup (json_node_get_string (value));
          else if (JSON_NODE_HOLDS_OBJECT (value))
            {
              JsonObject *m = json_node_get_object (value);
              JsonNode *l = json_object_get_member (m, "licence");
              JsonObject *licence = l != NULL && JSON_NODE_HOLDS_OBJECT (l) ? json_node_get_object (l) : NULL;

              material->state = dup_string_member (m, "state");
              material->note = dup_string_member (m, "note");
              material->licence_type = dup_string_member (licence, "type");
              material->licence_number = dup_string_member (licence, "number");
            }
          if (material->state == NULL)
            material->state = g_strdup ("pending");
          /* received at the counter (not supplied after a 容缺), exempt
           * or still pending: only a reception writes these */
          if (g_str_equal (material->state, "exempt") || g_str_equal (material->state, "pending") ||
              (g_str_equal (material->state, "received") &&
               !(JSON_NODE_HOLDS_OBJECT (value) &&
                 json_object_has_member (json_node_get_object (value), "supplemented_at"))))
            self->reception_states = TRUE;
          g_hash_table_insert (self->materials_by_code, material->code, material);
        }
    }

  self->party_list = g_ptr_array_new_with_free_func ((GDestroyNotify) case_party_free);
  for (guint i = 0; self->parties != NULL && i < json_array_get_length (self->parties); i++)
    {
      JsonNode *node = json_array_get_element (self->parties, i);
      JsonObject *p = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      ZcCaseParty *party;

      if (p == NULL)
        continue;
      party = g_new0 (ZcCaseParty, 1);
      party->role = dup_string_member (p, "role");
      party->key = dup_string_member (p, "key");
      party->name = dup_string_member (p, "name");
      g_ptr_array_add (self->party_list, party);
    }
}

/* a private, sealed copy of the member @name of @object */
static JsonObject *
copy_object_member (JsonObject *object,
                    const char *name)
{
  g_autoptr(JsonNode) copy = _zc_json_node_deep_copy (json_object_get_member (object, name));

  return json_object_ref (json_node_get_object (copy));
}

/**
 * zc_case_new_from_json:
 * @node: a Case of the contract (with or without "tasks")
 *
 * Returns: (transfer full): the case, or %NULL with ZC_MODEL_ERROR_INVALID
 */
static void
case_commitment_free (gpointer p)
{
  ZcCaseCommitment *c = p;

  g_free (c->kind);
  g_strfreev (c->materials);
  g_free (c->deadline);
  g_free (c->state);
  g_free (c->obligations);
  g_free (c->verification_method);
  g_clear_pointer (&c->created_at, g_date_time_unref);
  g_free (c);
}

/* The case's commitments (zc-server-commitments.c): what its documents need */
static gboolean
parse_commitments (ZcCase     *self,
                   JsonArray  *array,
                   GError    **error)
{
  self->commitments = g_ptr_array_new_with_free_func (case_commitment_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      ZcCaseCommitment *c;
      JsonObject *o;

      if (!(o = _zc_json_node_get_object (node, "commitment", error)))
        return FALSE;
      c = g_new0 (ZcCaseCommitment, 1);
      g_ptr_array_add (self->commitments, c);
      if (!_zc_json_get_int (o, "commitment", "id", FALSE, &c->id, error) ||
          !_zc_json_get_string (o, "commitment", "kind", TRUE, &c->kind, error) ||
          !_zc_json_get_strv (o, "commitment", "materials", TRUE, &c->materials, error) ||
          !_zc_json_get_string (o, "commitment", "deadline", FALSE, &c->deadline, error) ||
          !_zc_json_get_string (o, "commitment", "state", FALSE, &c->state, error) ||
          !_zc_json_get_string (o, "commitment", "obligations", FALSE, &c->obligations, error) ||
          !_zc_json_get_string (o, "commitment", "verification_method", FALSE, &c->verification_method, error) ||
          !_zc_json_get_date_time (o, "commitment", "created_at", FALSE, &c->created_at, error))
        {
          g_prefix_error (error, "commitments[%u]: ", i);
          return FALSE;
        }
      if (!g_str_equal (c->kind, "tolerance") && !g_str_equal (c->kind, "commitment"))
        {
          _zc_json_set_bad_value (error, "commitment", "kind");
          g_prefix_error (error, "commitments[%u]: ", i);
          return FALSE;
        }
      if (c->materials == NULL)
        c->materials = g_new0 (char *, 1);
    }
  return TRUE;
}

ZcCase *
zc_case_new_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(ZcCase) self = NULL;
  g_autofree char *state = NULL;
  g_autoptr(JsonObject) form = NULL;
  g_autoptr(JsonObject) field_sources = NULL;
  g_autoptr(JsonObject) materials = NULL;
  g_autoptr(JsonObject) answers = NULL;
  g_autoptr(JsonArray) parties = NULL;
  g_autoptr(JsonArray) commitments = NULL;
  g_autoptr(JsonArray) tasks = NULL;
  JsonObject *object;

  if (!(object = _zc_json_node_get_object (node, "case", error)))
    return NULL;

  self = g_object_new (ZC_TYPE_CASE, NULL);

  if (!_zc_json_get_int (object, "case", "id", TRUE, &self->id, error) ||
      !_zc_json_get_string (object, "case", "number", FALSE, &self->number, error) ||
      !_zc_json_get_string (object, "case", "item", TRUE, &self->item, error) ||
      !_zc_json_get_string (object, "case", "item_name", FALSE, &self->item_name, error) ||
      !_zc_json_get_string (object, "case", "applicant", TRUE, &self->applicant, error) ||
      !_zc_json_get_string (object, "case", "applicant_name", FALSE, &self->applicant_name, error) ||
      !_zc_json_get_string (object, "case", "applicant_kind", FALSE, &self->applicant_kind, error) ||
      !_zc_json_get_string (object, "case", "state", TRUE, &state, error) ||
      !_zc_json_get_string (object, "case", "window", FALSE, &self->window, error) ||
      !_zc_json_get_string (object, "case", "clerk", FALSE, &self->clerk, error) ||
      !_zc_json_get_string (object, "case", "clerk_display", FALSE, &self->clerk_display, error) ||
      !_zc_json_get_string (object, "case", "holder", FALSE, &self->holder, error) ||
      !_zc_json_get_string (object, "case", "holder_display", FALSE, &self->holder_display, error) ||
      !_zc_json_get_string (object, "case", "holder_window", FALSE, &self->holder_window, error) ||
      !_zc_json_get_object (object, "case", "field_sources", FALSE, &field_sources, error) ||
      !_zc_json_get_object (object, "case", "materials", FALSE, &materials, error) ||
      !_zc_json_get_object (object, "case", "answers", FALSE, &answers, error) ||
      !_zc_json_get_date_time (object, "case", "created_at", TRUE, &self->created_at, error) ||
      !_zc_json_get_date_time (object, "case", "received_at", FALSE, &self->received_at, error) ||
      !_zc_json_get_date_time (object, "case", "updated_at", FALSE, &self->updated_at, error) ||
      !_zc_json_get_strv (object, "case", "matters", FALSE, &self->matters, error) ||
      !_zc_json_get_object (object, "case", "form", FALSE, &form, error) ||
      !_zc_json_get_array (object, "case", "parties", FALSE, &parties, error) ||
      !_zc_json_get_array (object, "case", "tasks", FALSE, &tasks, error) ||
      !_zc_json_get_array (object, "case", "commitments", FALSE, &commitments, error) ||
      !_zc_json_get_string (object, "case", "reason", FALSE, &self->reason, error) ||
      !_zc_json_get_string (object, "case", "key_override_reason", FALSE, &self->key_override_reason, error) ||
      !_zc_json_get_string (object, "case", "applicant_typed_name", FALSE, &self->applicant_typed_name, error))
    return NULL;

  if (self->id <= 0)
    {
      _zc_json_set_bad_value (error, "case", "id");
      return NULL;
    }

  self->state = zc_case_state_from_string (state);
  if (self->state == ZC_CASE_STATE_INVALID)
    {
      _zc_json_set_bad_value (error, "case", "state");
      return NULL;
    }

  if (self->matters == NULL)
    self->matters = g_new0 (char *, 1);

  /* private copies: the case stays immutable whatever happens to @node */
  if (form != NULL)
    self->form = copy_object_member (object, "form");

  if (field_sources != NULL)
    {
      if (!check_field_sources (field_sources, error))
        return NULL;
      self->field_sources = copy_object_member (object, "field_sources");
    }

  if (materials != NULL)
    {
      if (!check_materials (materials, error))
        return NULL;
      self->materials = copy_object_member (object, "materials");
    }

  if (answers != NULL)
    self->answers = copy_object_member (object, "answers");

  if (parties != NULL)
    {
      g_autoptr(JsonNode) copy = NULL;

      if (!check_parties (parties, error))
        return NULL;
      copy = _zc_json_node_deep_copy (json_object_get_member (object, "parties"));
      self->parties = json_array_ref (json_node_get_array (copy));
    }

  if (commitments != NULL)
    {
      /* kept as they came (only objects): the case page reads them */
      g_autoptr(JsonNode) copy = _zc_json_node_deep_copy (json_object_get_member (object, "commitments"));
      JsonArray *a = json_node_get_array (copy);

      for (guint i = 0; i < json_array_get_length (a); i++)
        if (!_zc_json_node_get_object (json_array_get_element (a, i), "commitment", error))
          return NULL;
      self->commitments_json = json_array_ref (a);
    }

  if (tasks != NULL && !parse_tasks (self, tasks, error))
    return NULL;
  if (commitments != NULL && !parse_commitments (self, commitments, error))
    return NULL;

  build_typed (self);
  return g_steal_pointer (&self);
}

gint64
zc_case_get_id (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), 0);
  return self->id;
}

const char *
zc_case_get_number (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->number;
}

const char *
zc_case_get_item (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->item;
}

/* falls back to the item code */
const char *
zc_case_get_item_name (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->item_name != NULL ? self->item_name : self->item;
}

const char *
zc_case_get_applicant (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->applicant;
}

const char *
zc_case_get_applicant_name (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->applicant_name;
}

const char *
zc_case_get_applicant_kind (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->applicant_kind;
}

ZcCaseState
zc_case_get_state (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), ZC_CASE_STATE_INVALID);
  return self->state;
}

const char *
zc_case_get_window (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->window;
}

const char *
zc_case_get_clerk (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->clerk;
}

/* the clerk's display name, as the window's letters print it; may be
 * NULL (an older platform) */
const char *
zc_case_get_clerk_display (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->clerk_display;
}

const char *
zc_case_get_holder (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->holder;
}

/* the holder's display name, for "正由 王晓燕 编辑"; may be NULL */
const char *
zc_case_get_holder_display (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->holder_display;
}

/* the holder's window; may be NULL */
const char *
zc_case_get_holder_window (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->holder_window;
}

/**
 * zc_case_get_source:
 *
 * Returns: (nullable): what prefilled the field @key, or NULL when the
 *   clerk typed it (or the case records nothing)
 */
const ZcCaseSource *
zc_case_get_source (ZcCase     *self,
                    const char *key)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return self->sources_by_key != NULL ? g_hash_table_lookup (self->sources_by_key, key) : NULL;
}

/* Whether the platform kept the materials' states for this case */
gboolean
zc_case_has_material_states (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), FALSE);

  return self->materials != NULL;
}

/**
 * zc_case_get_material:
 *
 * Returns: (nullable): the state the material @code was left in at the
 *   counter, or NULL when the case says nothing of it
 */
const ZcCaseMaterial *
zc_case_get_material (ZcCase     *self,
                      const char *code)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return self->materials_by_code != NULL ? g_hash_table_lookup (self->materials_by_code, code) : NULL;
}

/**
 * zc_case_get_party_list:
 *
 * Returns: (transfer none) (element-type ZcCaseParty): the parties named
 *   at the counter, in order (never NULL)
 */
GPtrArray *
zc_case_get_commitments (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);

  if (self->commitments == NULL)
    self->commitments = g_ptr_array_new ();
  return self->commitments;
}

GPtrArray *
zc_case_get_party_list (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);

  if (self->party_list == NULL)
    self->party_list = g_ptr_array_new ();
  return self->party_list;
}

/* The value typed or prefilled for the field @key as text (a number
 * as digits, a yes/no translated), or NULL when the form has none */
const char *
zc_case_get_form_value (ZcCase     *self,
                        const char *key)
{
  JsonNode *node;
  char *text;
  GType type;

  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->form == NULL || (node = json_object_get_member (self->form, key)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return json_node_get_string (node);
  if (self->form_text == NULL)
    self->form_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((text = g_hash_table_lookup (self->form_text, key)) != NULL)
    return text;
  if (type == G_TYPE_INT64)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      text = g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", json_node_get_double (node)));
    }
  else if (type == G_TYPE_BOOLEAN)
    text = g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
  else
    return NULL;
  g_hash_table_insert (self->form_text, g_strdup (key), text);
  return text;
}

/**
 * zc_case_get_field_sources:
 *
 * Returns: (transfer none) (nullable): field key → {"kind",
 *   "licence_type"?, "licence_number"?, "case_number"?, "edited"?}
 */
JsonObject *
zc_case_get_field_sources (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->field_sources;
}

/**
 * zc_case_get_materials:
 *
 * Returns: (transfer none) (nullable): material code → a state string
 *   or {"state", "licence"?: {"type","number"}, "note"?}
 */
JsonObject *
zc_case_get_materials (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->materials;
}

GDateTime *
zc_case_get_created_at (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->created_at;
}

GDateTime *
zc_case_get_received_at (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->received_at;
}

/* falls back to created_at */
GDateTime *
zc_case_get_updated_at (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->updated_at != NULL ? self->updated_at : self->created_at;
}

/**
 * zc_case_get_matters:
 *
 * Returns: (transfer none): the chosen sub-matter codes (never %NULL)
 */
const char * const *
zc_case_get_matters (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return (const char * const *) self->matters;
}

JsonObject *
zc_case_get_form (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->form;
}

/**
 * zc_case_get_commitments_json:
 *
 * Returns: (transfer none) (nullable): the case's commitments (容缺,
 * 告知承诺), each an object of the contract's Commitment as it came (the
 * case page shows them); zc_case_get_commitments() gives them typed
 */
JsonArray *
zc_case_get_commitments_json (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->commitments_json;
}

JsonArray *
zc_case_get_parties (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->parties;
}

/**
 * zc_case_get_tasks:
 *
 * Returns: (transfer none): a GListModel of #ZcTask (empty in lists
 *   and for drafts)
 */
GListModel *
zc_case_get_tasks (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return G_LIST_MODEL (self->tasks);
}

const char *
zc_case_get_reason (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->reason;
}

/**
 * zc_case_get_key_override_reason:
 *
 * Returns: (nullable): why the clerk received the case although the
 *   applicant's credit code failed its check (flagged for the
 *   supervisor), or NULL.
 */
const char *
zc_case_get_key_override_reason (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->key_override_reason;
}

/**
 * zc_case_get_applicant_typed_name:
 *
 * Returns: (nullable): the applicant's name as typed by hand at the
 *   counter while the licence library could not be reached (未核验), or
 *   NULL once verified (or never typed).
 */
const char *
zc_case_get_applicant_typed_name (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), NULL);
  return self->applicant_typed_name;
}

static gboolean
case_names_party (ZcCase     *c,
                  const char *role)
{
  GPtrArray *parties = zc_case_get_party_list (c);

  for (guint i = 0; i < parties->len; i++)
    if (g_strcmp0 (((ZcCaseParty *) g_ptr_array_index (parties, i))->role, role) == 0)
      return TRUE;
  return FALSE;
}

/**
 * zc_case_has_reception_states:
 *
 * Returns: whether the reception recorded the states of the case's
 *   materials: one of them is received at the counter, exempt or still
 *   pending. A reception records the state of every material it listed
 *   (zc_reception_save); a commitment recorded later (容缺 → deferred,
 *   告知承诺 → committed) or a 容缺 supplied after reception (received
 *   with supplemented_at) writes only its own materials, so states of
 *   those kinds alone do not say what the reception listed.
 */
gboolean
zc_case_has_reception_states (ZcCase *self)
{
  g_return_val_if_fail (ZC_IS_CASE (self), FALSE);

  return self->reception_states;
}

static gboolean
case_answer (const char *question,
             gpointer    user_data)
{
  ZcCase *self = user_data;
  JsonNode *node = self->answers != NULL ? json_object_get_member (self->answers, question) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static const char *
case_field_value (const char *key,
                  gpointer    user_data)
{
  return zc_case_get_form_value (user_data, key);
}

/* The facts of a `when` as the case records them: the applicant's age
 * and kind on the reception day (the day it was made for a draft), the
 * form as saved, the clerk's answers */
static void
case_facts (ZcCase           *self,
            ZcConditionFacts *facts)
{
  g_autoptr(GDateTime) local = zc_date_time_to_china (self->received_at != NULL ? self->received_at
                                                                                 : self->created_at);
  GDate day, birth;

  g_date_clear (&day, 1);
  g_date_clear (&birth, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
  facts->applicant_kind = self->applicant != NULL ? zc_applicant_key_kind (self->applicant, &day, NULL) : NULL;
  facts->age = -1;
  if (g_strcmp0 (facts->applicant_kind, "person") == 0 &&
      zc_resident_id_get_birth_date (self->applicant, &birth))
    facts->age = zc_age_on (&birth, &day);
  facts->answer = case_answer;
  facts->field_value = case_field_value;
  facts->user_data = self;
}

/**
 * zc_case_material_applies:
 *
 * As the reception lists them: a material for none of the case's chosen
 * sub-matters, or of an optional party nobody was named for, is not
 * asked for. When the reception recorded the materials' states
 * (zc_case_has_reception_states), only those recorded apply: the
 * reception listed only what applied (a guardian's ID for a minor,
 * 原社会保障卡 when the card is damaged …) and wrote each of them. A
 * case received without them (the demo's before it wrote them, a case
 * made through the API, one whose only states a later 容缺/告知承诺 or
 * supplement wrote) is decided from what it records: its sub-matters,
 * its parties and the material's own `when` on its form, applicant and
 * answers — so a commitment recorded on it never hides the others (a
 * party's own condition is not decided here: its materials follow the
 * party being named, as before). The case page and the documents
 * printed from a case use this one rule.
 */
gboolean
zc_case_material_applies (ZcCase     *self,
                          ZcMaterial *material)
{
  const char * const *matters;
  const char * const *for_matters;
  const char *party;
  gboolean chosen = FALSE;
  ZcConditionFacts facts;

  g_return_val_if_fail (ZC_IS_CASE (self), FALSE);
  g_return_val_if_fail (ZC_IS_MATERIAL (material), FALSE);

  matters = zc_case_get_matters (self);
  for_matters = zc_material_get_matters (material);
  party = zc_material_get_party (material);
  if (for_matters == NULL || matters == NULL || matters[0] == NULL)
    chosen = TRUE;
  for (guint i = 0; !chosen && for_matters[i] != NULL; i++)
    chosen = g_strv_contains (matters, for_matters[i]);
  if (!chosen)
    return FALSE;
  if (party != NULL && !g_str_equal (party, "applicant") &&
      zc_reception_party_is_optional (party) && !case_names_party (self, party))
    return FALSE;
  if (zc_case_get_material (self, zc_material_get_code (material)) != NULL)
    return TRUE;
  if (self->reception_states)
    return FALSE;
  case_facts (self, &facts);
  return zc_condition_holds (zc_material_get_condition (material), &facts);
}
