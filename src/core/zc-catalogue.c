/* zc-catalogue.c — the catalogue of 一件事 items: ZcMatter, ZcFormField,
 * ZcMaterial and ZcCatalogueItem
 *
 * The catalogue is data, not code: it comes from the platform (or
 * data/catalogue.json) and is checked here member by member. Anything
 * missing or ill-typed gives ZC_CATALOGUE_ERROR_INVALID with a message
 * naming the item and the member (e.g. “materials[2].matters”); nothing
 * in the input can make this code crash or assert.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "zc-catalogue.h"
#include "zc-condition.h"

G_DEFINE_QUARK (zc-catalogue-error-quark, zc_catalogue_error)

/* ------------------------------------------------------------------ */
/* Field types and licence types                                       */
/* ------------------------------------------------------------------ */

static const GEnumValue field_type_values[] = {
  { ZC_FIELD_TEXT,    "ZC_FIELD_TEXT",    "text" },
  { ZC_FIELD_DATE,    "ZC_FIELD_DATE",    "date" },
  { ZC_FIELD_NUMBER,  "ZC_FIELD_NUMBER",  "number" },
  { ZC_FIELD_CHOICE,  "ZC_FIELD_CHOICE",  "choice" },
  { ZC_FIELD_ADDRESS, "ZC_FIELD_ADDRESS", "address" },
  { ZC_FIELD_PHONE,   "ZC_FIELD_PHONE",   "phone" },
  { ZC_FIELD_ID,      "ZC_FIELD_ID",      "id" },
  { 0, NULL, NULL }
};

GType
zc_field_type_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("ZcFieldType"), field_type_values);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/**
 * zc_field_type_to_string:
 *
 * Returns: the catalogue name of @type ("text", "date" …), or NULL.
 */
const char *
zc_field_type_to_string (ZcFieldType type)
{
  for (guint i = 0; field_type_values[i].value_nick != NULL; i++)
    if (field_type_values[i].value == (int) type)
      return field_type_values[i].value_nick;
  return NULL;
}

gboolean
zc_field_type_from_string (const char  *str,
                           ZcFieldType *type)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; field_type_values[i].value_nick != NULL; i++)
    if (strcmp (field_type_values[i].value_nick, str) == 0)
      {
        if (type != NULL)
          *type = (ZcFieldType) field_type_values[i].value;
        return TRUE;
      }
  return FALSE;
}

static const char * const licence_types[] = {
  "id_card",
  "household_register",
  "business_licence",
  "food_business_permit",
  "birth_certificate",
  "marriage_certificate",
  "disability_certificate",
  "social_security_card",
  "real_estate_certificate",
  "health_certificate",
  "road_transport_permit",
  "social_insurance_record",
  "housing_fund_certificate",
  "administrative_penalty_decision",
  "bankruptcy_ruling",
  "liquidation_filing",
  "listing_guidance_filing",
  "vehicle_licence",
  "transport_qualification",
  NULL
};

static const char * const licence_type_labels[] = {
  N_("Resident identity card"),
  N_("Household register"),
  N_("Business licence"),
  N_("Food business permit"),
  N_("Birth medical certificate"),
  N_("Marriage certificate"),
  N_("Disability certificate"),
  N_("Social security card"),
  N_("Real estate title certificate"),
  N_("Health certificate"),
  N_("Road transport business permit"),
  N_("Social insurance record"),
  N_("Housing provident fund certificate"),
  N_("Administrative penalty decision"),
  N_("Court ruling accepting a bankruptcy petition"),
  N_("Liquidation group filing notice"),
  N_("Listing guidance filing"),
  N_("Vehicle licence"),
  N_("Road transport qualification certificate"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (licence_types) == G_N_ELEMENTS (licence_type_labels) + 1);

/**
 * zc_licence_types:
 *
 * Returns: (transfer none): the licence type codes of the platform
 *   contract, NULL-terminated.
 */
const char * const *
zc_licence_types (void)
{
  return licence_types;
}

/**
 * zc_licence_type_label:
 * @type: a licence type code such as "id_card"
 *
 * Returns: the translated name of the licence type (居民身份证 …), or
 *   NULL for a type the contract does not know.
 */
const char *
zc_licence_type_label (const char *type)
{
  if (type == NULL)
    return NULL;
  for (guint i = 0; licence_types[i] != NULL; i++)
    if (strcmp (licence_types[i], type) == 0)
      return _(licence_type_labels[i]);
  return NULL;
}

static gboolean
is_licence_type (const char *type)
{
  return type != NULL && g_strv_contains (licence_types, type);
}

/* ------------------------------------------------------------------ */
/* Checked access to JSON members                                      */
/* ------------------------------------------------------------------ */

typedef enum {
  WANT_STRING,
  WANT_BOOLEAN,
  WANT_INTEGER,
  WANT_ARRAY,
  WANT_OBJECT,
} Want;

/* ctx is the item (its code, or “#N” while the code is not known); the
 * message reads “Catalogue item CTX: PATH WHAT” */
static gboolean invalid (GError    **error,
                         const char *ctx,
                         const char *path,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static gboolean
invalid (GError    **error,
         const char *ctx,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ZC_CATALOGUE_ERROR, ZC_CATALOGUE_ERROR_INVALID,
               /* Translators: the first %s is an item code, the second a member such as “materials[2].matters”, the third what is wrong with it */
               _("Catalogue item %s: %s %s"), ctx, path, what);
  return FALSE;
}

static const char *
want_text (Want want)
{
  switch (want)
    {
    case WANT_STRING:
      return _("is not a string");
    case WANT_BOOLEAN:
      return _("is not true or false");
    case WANT_INTEGER:
      return _("is not a whole number");
    case WANT_ARRAY:
      return _("is not an array");
    case WANT_OBJECT:
    default:
      return _("is not an object");
    }
}

static gboolean
node_is (JsonNode *node,
         Want      want)
{
  if (node == NULL)
    return FALSE;
  switch (want)
    {
    case WANT_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case WANT_BOOLEAN:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case WANT_INTEGER:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case WANT_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case WANT_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    default:
      return FALSE;
    }
}

/* Looks up @member of @object (whose path is @prefix) expecting @want.
 * Returns the node, NULL with *error unset when absent and @optional (or
 * null and @nullable), NULL with *error set otherwise. */
static JsonNode *
get_member (JsonObject  *object,
            const char  *ctx,
            const char  *prefix,
            const char  *member,
            Want         want,
            gboolean     optional,
            gboolean     nullable,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *path = prefix ? g_strdup_printf ("%s.%s", prefix, member) : g_strdup (member);

  if (node == NULL)
    {
      if (!optional)
        invalid (error, ctx, path, _("is missing"));
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        invalid (error, ctx, path, "%s", want_text (want));
      return NULL;
    }
  if (!node_is (node, want))
    {
      invalid (error, ctx, path, "%s", want_text (want));
      return NULL;
    }
  return node;
}

/* a string member; with @required also non-empty */
static gboolean
get_string (JsonObject  *object,
            const char  *ctx,
            const char  *prefix,
            const char  *member,
            gboolean     required,
            char       **out,
            GError     **error)
{
  GError *local = NULL;
  JsonNode *node = get_member (object, ctx, prefix, member, WANT_STRING, !required, !required, &local);

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (node == NULL)
    {
      *out = NULL;
      return TRUE;
    }
  if (required && *json_node_get_string (node) == '\0')
    {
      g_autofree char *path = prefix ? g_strdup_printf ("%s.%s", prefix, member) : g_strdup (member);
      return invalid (error, ctx, path, _("is empty"));
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *ctx,
             const char  *prefix,
             const char  *member,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node = get_member (object, ctx, prefix, member, WANT_BOOLEAN, FALSE, FALSE, error);

  if (node == NULL)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* an array of non-empty strings, each distinct; NULL when absent and !required */
static gboolean
get_strv (JsonObject  *object,
          const char  *ctx,
          const char  *prefix,
          const char  *member,
          gboolean     required,
          GStrv       *out,
          GError     **error)
{
  GError *local = NULL;
  JsonNode *node = get_member (object, ctx, prefix, member, WANT_ARRAY, !required, !required, &local);
  g_autofree char *path = prefix ? g_strdup_printf ("%s.%s", prefix, member) : g_strdup (member);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;
  guint n;

  *out = NULL;
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (node == NULL)
    return TRUE;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0 && required)
    return invalid (error, ctx, path, _("is empty"));

  builder = g_strv_builder_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *epath = g_strdup_printf ("%s[%u]", path, i);
      const char *str;

      if (!node_is (element, WANT_STRING))
        return invalid (error, ctx, epath, "%s", want_text (WANT_STRING));
      str = json_node_get_string (element);
      if (*str == '\0')
        return invalid (error, ctx, epath, _("is empty"));
      if (!g_hash_table_add (seen, (gpointer) str))
        return invalid (error, ctx, epath, _("repeats “%s”"), str);
      g_strv_builder_add (builder, str);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* ZcMatter                                                            */
/* ------------------------------------------------------------------ */

struct _ZcMatter
{
  GObject parent_instance;

  char    *code;
  char    *name;
  char    *department;
  guint    time_limit_days;
  gboolean optional;
  char    *exclusive;  /* the group of sub-matters of which one at most is chosen */
  ZcMatterCommitment commitment; /* "commitment_allowed": absent, true or false */
  /* "commitment_template" (告知承诺书): NULL when the matter has none */
  char    *template_conditions;
  GStrv    template_commitments;
  char    *template_consequences;
};

G_DEFINE_FINAL_TYPE (ZcMatter, zc_matter, G_TYPE_OBJECT)

enum {
  MATTER_PROP_0,
  MATTER_PROP_CODE,
  MATTER_PROP_NAME,
  MATTER_PROP_DEPARTMENT,
  MATTER_PROP_TIME_LIMIT_DAYS,
  MATTER_PROP_OPTIONAL,
  MATTER_N_PROPS
};

static GParamSpec *matter_properties[MATTER_N_PROPS];

/* the longest legal time limit accepted, in working days */
#define MAX_TIME_LIMIT_DAYS 365

static void
zc_matter_finalize (GObject *object)
{
  ZcMatter *self = (ZcMatter *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_pointer (&self->exclusive, g_free);
  g_clear_pointer (&self->template_conditions, g_free);
  g_clear_pointer (&self->template_commitments, g_strfreev);
  g_clear_pointer (&self->template_consequences, g_free);

  G_OBJECT_CLASS (zc_matter_parent_class)->finalize (object);
}

static void
zc_matter_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ZcMatter *self = ZC_MATTER (object);

  switch (prop_id)
    {
    case MATTER_PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case MATTER_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case MATTER_PROP_DEPARTMENT:
      g_value_set_string (value, self->department);
      break;
    case MATTER_PROP_TIME_LIMIT_DAYS:
      g_value_set_uint (value, self->time_limit_days);
      break;
    case MATTER_PROP_OPTIONAL:
      g_value_set_boolean (value, self->optional);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_matter_class_init (ZcMatterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_matter_finalize;
  object_class->get_property = zc_matter_get_property;

  matter_properties[MATTER_PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  matter_properties[MATTER_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  matter_properties[MATTER_PROP_DEPARTMENT] =
    g_param_spec_string ("department", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  matter_properties[MATTER_PROP_TIME_LIMIT_DAYS] =
    g_param_spec_uint ("time-limit-days", NULL, NULL, 0, MAX_TIME_LIMIT_DAYS, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  matter_properties[MATTER_PROP_OPTIONAL] =
    g_param_spec_boolean ("optional", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, MATTER_N_PROPS, matter_properties);
}

static void
zc_matter_init (ZcMatter *self)
{
}

static ZcMatter *
matter_new_from_json (JsonNode    *node,
                      const char  *ctx,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(ZcMatter) self = NULL;
  JsonObject *object;
  JsonNode *limit;
  gint64 days;

  if (!node_is (node, WANT_OBJECT))
    {
      invalid (error, ctx, path, "%s", want_text (WANT_OBJECT));
      return NULL;
    }
  object = json_node_get_object (node);
  self = g_object_new (ZC_TYPE_MATTER, NULL);

  if (!get_string (object, ctx, path, "code", TRUE, &self->code, error) ||
      !get_string (object, ctx, path, "name", TRUE, &self->name, error) ||
      !get_string (object, ctx, path, "department", TRUE, &self->department, error))
    return NULL;

  limit = get_member (object, ctx, path, "time_limit_days", WANT_INTEGER, FALSE, FALSE, error);
  if (limit == NULL)
    return NULL;
  days = json_node_get_int (limit);
  if (days < 0 || days > MAX_TIME_LIMIT_DAYS)
    {
      g_autofree char *lpath = g_strdup_printf ("%s.time_limit_days", path);
      invalid (error, ctx, lpath, _("is not between 0 and 365 working days"));
      return NULL;
    }
  self->time_limit_days = (guint) days;

  if (!get_boolean (object, ctx, path, "optional", &self->optional, error) ||
      !get_string (object, ctx, path, "exclusive", FALSE, &self->exclusive, error))
    return NULL;
  if (self->exclusive != NULL && self->exclusive[0] == '\0')
    g_clear_pointer (&self->exclusive, g_free);

  /* optional: 可告知承诺 for the whole sub-matter, or false: never */
  if (json_object_has_member (object, "commitment_allowed"))
    {
      gboolean allowed = FALSE;

      if (!get_boolean (object, ctx, path, "commitment_allowed", &allowed, error))
        return NULL;
      self->commitment = allowed ? ZC_MATTER_COMMITMENT_ALLOWED : ZC_MATTER_COMMITMENT_EXCLUDED;
    }

  /* optional: the text of its 告知承诺书 — the conditions told, each
   * commitment, the consequences of a false one; never on a sub-matter
   * that excludes 告知承诺 */
  {
    GError *local = NULL;
    JsonNode *tnode = get_member (object, ctx, path, "commitment_template", WANT_OBJECT, TRUE, FALSE, &local);
    g_autofree char *tpath = g_strdup_printf ("%s.commitment_template", path);

    if (local != NULL)
      {
        g_propagate_error (error, local);
        return NULL;
      }
    if (tnode != NULL)
      {
        JsonObject *t = json_node_get_object (tnode);

        if (self->commitment == ZC_MATTER_COMMITMENT_EXCLUDED)
          {
            invalid (error, ctx, tpath, _("is given for a sub-matter that excludes 告知承诺"));
            return NULL;
          }
        if (!get_string (t, ctx, tpath, "conditions", TRUE, &self->template_conditions, error) ||
            !get_strv (t, ctx, tpath, "commitments", TRUE, &self->template_commitments, error) ||
            !get_string (t, ctx, tpath, "consequences", TRUE, &self->template_consequences, error))
          return NULL;
      }
  }

  return g_steal_pointer (&self);
}

const char *
zc_matter_get_code (ZcMatter *self)
{
  g_return_val_if_fail (ZC_IS_MATTER (self), NULL);
  return self->code;
}

const char *
zc_matter_get_name (ZcMatter *self)
{
  g_return_val_if_fail (ZC_IS_MATTER (self), NULL);
  return self->name;
}

const char *
zc_matter_get_department (ZcMatter *self)
{
  g_return_val_if_fail (ZC_IS_MATTER (self), NULL);
  return self->department;
}

guint
zc_matter_get_time_limit_days (ZcMatter *self)
{
  g_return_val_if_fail (ZC_IS_MATTER (self), 0);
  return self->time_limit_days;
}

gboolean
zc_matter_get_optional (ZcMatter *self)
{
  g_return_val_if_fail (ZC_IS_MATTER (self), FALSE);
  return self->optional;
}

/**
 * zc_matter_get_exclusive:
 *
 * Returns: (nullable): the group of mutually exclusive sub-matters this
 *   one belongs to (at most one of a group is chosen), or NULL
 */
const char *
zc_matter_get_exclusive (ZcMatter *self)
{
  g_return_val_if_fail (ZC_IS_MATTER (self), NULL);
  return self->exclusive;
}

/* The matter's 告知承诺书 template: conditions told, commitments, the
 * consequences of a false commitment; FALSE when it has none */
gboolean
zc_matter_get_commitment_template (ZcMatter            *self,
                                   const char         **conditions,
                                   const char * const **commitments,
                                   const char         **consequences)
{
  g_return_val_if_fail (ZC_IS_MATTER (self), FALSE);

  if (conditions != NULL)
    *conditions = self->template_conditions;
  if (commitments != NULL)
    *commitments = (const char * const *) self->template_commitments;
  if (consequences != NULL)
    *consequences = self->template_consequences;
  return self->template_conditions != NULL;
}

ZcMatterCommitment
zc_matter_get_commitment (ZcMatter *self)
{
  g_return_val_if_fail (ZC_IS_MATTER (self), ZC_MATTER_COMMITMENT_UNSTATED);
  return self->commitment;
}

/* ------------------------------------------------------------------ */
/* ZcFormField                                                         */
/* ------------------------------------------------------------------ */

struct _ZcFormField
{
  GObject parent_instance;

  char        *key;
  char        *label;
  char        *party;
  char        *about;        /* the person the field describes, if not its party */
  char        *source_licence_type;
  char        *source_field;
  char        *source_rule;  /* {"computed": RULE} */
  char        *source_aggregate; /* "list" / "count" over all licences of the type */
  GStrv        choices;
  GStrv        matters;
  char        *when_field;   /* shown only when this choice field … */
  GStrv        when_values;  /* … holds one of these */
  ZcCondition *condition;    /* the whole "when" (zc-condition.h) */
  char        *not_before;   /* a date field this date may not precede */
  ZcFieldType  field_type;
  gboolean     required;
  gboolean     from_earlier_cases;
};

G_DEFINE_FINAL_TYPE (ZcFormField, zc_form_field, G_TYPE_OBJECT)

enum {
  FIELD_PROP_0,
  FIELD_PROP_KEY,
  FIELD_PROP_LABEL,
  FIELD_PROP_FIELD_TYPE,
  FIELD_PROP_REQUIRED,
  FIELD_PROP_PARTY,
  FIELD_PROP_SOURCE_LICENCE_TYPE,
  FIELD_PROP_SOURCE_FIELD,
  FIELD_PROP_FROM_EARLIER_CASES,
  FIELD_PROP_CHOICES,
  FIELD_PROP_MATTERS,
  FIELD_N_PROPS
};

static GParamSpec *field_properties[FIELD_N_PROPS];

static void
zc_form_field_finalize (GObject *object)
{
  ZcFormField *self = (ZcFormField *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->party, g_free);
  g_clear_pointer (&self->about, g_free);
  g_clear_pointer (&self->source_licence_type, g_free);
  g_clear_pointer (&self->source_field, g_free);
  g_clear_pointer (&self->source_rule, g_free);
  g_clear_pointer (&self->source_aggregate, g_free);
  g_clear_pointer (&self->choices, g_strfreev);
  g_clear_pointer (&self->matters, g_strfreev);
  g_clear_pointer (&self->when_field, g_free);
  g_clear_pointer (&self->when_values, g_strfreev);
  g_clear_pointer (&self->condition, zc_condition_free);
  g_clear_pointer (&self->not_before, g_free);

  G_OBJECT_CLASS (zc_form_field_parent_class)->finalize (object);
}

static void
zc_form_field_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ZcFormField *self = ZC_FORM_FIELD (object);

  switch (prop_id)
    {
    case FIELD_PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case FIELD_PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case FIELD_PROP_FIELD_TYPE:
      g_value_set_enum (value, self->field_type);
      break;
    case FIELD_PROP_REQUIRED:
      g_value_set_boolean (value, self->required);
      break;
    case FIELD_PROP_PARTY:
      g_value_set_string (value, self->party);
      break;
    case FIELD_PROP_SOURCE_LICENCE_TYPE:
      g_value_set_string (value, self->source_licence_type);
      break;
    case FIELD_PROP_SOURCE_FIELD:
      g_value_set_string (value, self->source_field);
      break;
    case FIELD_PROP_FROM_EARLIER_CASES:
      g_value_set_boolean (value, self->from_earlier_cases);
      break;
    case FIELD_PROP_CHOICES:
      g_value_set_boxed (value, zc_form_field_get_choices (self));
      break;
    case FIELD_PROP_MATTERS:
      g_value_set_boxed (value, self->matters);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_form_field_class_init (ZcFormFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = zc_form_field_finalize;
  object_class->get_property = zc_form_field_get_property;

  field_properties[FIELD_PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  field_properties[FIELD_PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  field_properties[FIELD_PROP_FIELD_TYPE] =
    g_param_spec_enum ("field-type", NULL, NULL, ZC_TYPE_FIELD_TYPE, ZC_FIELD_TEXT, flags);
  field_properties[FIELD_PROP_REQUIRED] = g_param_spec_boolean ("required", NULL, NULL, FALSE, flags);
  field_properties[FIELD_PROP_PARTY] = g_param_spec_string ("party", NULL, NULL, NULL, flags);
  field_properties[FIELD_PROP_SOURCE_LICENCE_TYPE] =
    g_param_spec_string ("source-licence-type", NULL, NULL, NULL, flags);
  field_properties[FIELD_PROP_SOURCE_FIELD] = g_param_spec_string ("source-field", NULL, NULL, NULL, flags);
  field_properties[FIELD_PROP_FROM_EARLIER_CASES] =
    g_param_spec_boolean ("from-earlier-cases", NULL, NULL, FALSE, flags);
  field_properties[FIELD_PROP_CHOICES] = g_param_spec_boxed ("choices", NULL, NULL, G_TYPE_STRV, flags);
  field_properties[FIELD_PROP_MATTERS] = g_param_spec_boxed ("matters", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, FIELD_N_PROPS, field_properties);
}

static void
zc_form_field_init (ZcFormField *self)
{
}

static gboolean
parse_source (ZcFormField *self,
              JsonObject  *field,
              const char  *ctx,
              const char  *path,
              GError     **error)
{
  GError *local = NULL;
  JsonNode *node = get_member (field, ctx, path, "source", WANT_OBJECT, TRUE, TRUE, &local);
  g_autofree char *spath = g_strdup_printf ("%s.source", path);
  JsonObject *source;

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (node == NULL)
    return TRUE;  /* typed by hand */

  source = json_node_get_object (node);
  if (json_object_has_member (source, "licence_type"))
    {
      if (!get_string (source, ctx, spath, "licence_type", TRUE, &self->source_licence_type, error))
        return FALSE;
      if (!is_licence_type (self->source_licence_type))
        {
          g_autofree char *lpath = g_strdup_printf ("%s.licence_type", spath);
          return invalid (error, ctx, lpath, _("names an unknown licence type “%s”"),
                                self->source_licence_type);
        }
      if (!get_string (source, ctx, spath, "field", TRUE, &self->source_field, error) ||
          !get_string (source, ctx, spath, "aggregate", FALSE, &self->source_aggregate, error))
        return FALSE;
      if (self->source_aggregate != NULL &&
          g_strcmp0 (self->source_aggregate, "list") != 0 && g_strcmp0 (self->source_aggregate, "count") != 0)
        {
          g_autofree char *apath = g_strdup_printf ("%s.aggregate", spath);
          return invalid (error, ctx, apath, _("is neither “list” nor “count”"));
        }
      return TRUE;
    }
  if (json_object_has_member (source, "earlier_cases"))
    {
      if (!get_boolean (source, ctx, spath, "earlier_cases", &self->from_earlier_cases, error))
        return FALSE;
      return get_string (source, ctx, spath, "field", FALSE, &self->source_field, error);
    }
  if (json_object_has_member (source, "computed"))
    {
      if (!get_string (source, ctx, spath, "computed", TRUE, &self->source_rule, error))
        return FALSE;
      if (!g_strv_contains (zc_computed_rules (), self->source_rule))
        {
          g_autofree char *rpath = g_strdup_printf ("%s.computed", spath);
          return invalid (error, ctx, rpath, _("names an unknown rule “%s”"), self->source_rule);
        }
      return TRUE;
    }
  return invalid (error, ctx, spath, _("names neither “licence_type”, “earlier_cases” nor “computed”"));
}

/* one condition object (zc-condition.h); @nested: inside "any", which
 * may not nest again */
static ZcCondition *
parse_condition_object (JsonNode    *node,
                        const char  *ctx,
                        const char  *wpath,
                        gboolean     nested,
                        GError     **error)
{
  g_autoptr(ZcCondition) condition = zc_condition_new ();
  JsonObject *when;
  JsonNode *member;
  GError *local = NULL;
  gboolean any_rule = FALSE;
  static const char * const ages[] = { "age_below", "age_at_least" };

  if (!node_is (node, WANT_OBJECT))
    {
      invalid (error, ctx, wpath, "%s", want_text (WANT_OBJECT));
      return NULL;
    }
  when = json_node_get_object (node);
  if (json_object_has_member (when, "field") || json_object_has_member (when, "in"))
    {
      if (!get_string (when, ctx, wpath, "field", TRUE, &condition->field, error) ||
          !get_strv (when, ctx, wpath, "in", TRUE, &condition->values, error))
        return NULL;
      any_rule = TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      gint64 years;

      member = get_member (when, ctx, wpath, ages[i], WANT_INTEGER, TRUE, FALSE, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (member == NULL)
        continue;
      years = json_node_get_int (member);
      if (years < 0 || years > 150)
        {
          g_autofree char *apath = g_strdup_printf ("%s.%s", wpath, ages[i]);
          invalid (error, ctx, apath, _("is not an age between 0 and 150"));
          return NULL;
        }
      if (i == 0)
        condition->age_below = (int) years;
      else
        condition->age_at_least = (int) years;
      any_rule = TRUE;
    }
  if (!get_string (when, ctx, wpath, "applicant_kind", FALSE, &condition->applicant_kind, error) ||
      !get_string (when, ctx, wpath, "question", FALSE, &condition->question, error))
    return NULL;
  if (condition->applicant_kind != NULL)
    {
      if (strcmp (condition->applicant_kind, "person") != 0 && strcmp (condition->applicant_kind, "enterprise") != 0)
        {
          g_autofree char *kpath = g_strdup_printf ("%s.applicant_kind", wpath);
          invalid (error, ctx, kpath, _("is neither “person” nor “enterprise”"));
          return NULL;
        }
      any_rule = TRUE;
    }
  if (condition->question != NULL)
    any_rule = TRUE;

  member = get_member (when, ctx, wpath, "any", WANT_ARRAY, TRUE, FALSE, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (member != NULL)
    {
      JsonArray *array = json_node_get_array (member);
      g_autofree char *apath = g_strdup_printf ("%s.any", wpath);

      if (nested)
        {
          invalid (error, ctx, apath, _("may not be nested in another “any”"));
          return NULL;
        }
      if (json_array_get_length (array) == 0)
        {
          invalid (error, ctx, apath, _("is empty"));
          return NULL;
        }
      condition->any = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_condition_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *epath = g_strdup_printf ("%s[%u]", apath, i);
          ZcCondition *part = parse_condition_object (json_array_get_element (array, i), ctx, epath, TRUE, error);

          if (part == NULL)
            return NULL;
          g_ptr_array_add (condition->any, part);
        }
      any_rule = TRUE;
    }
  if (!any_rule)
    {
      invalid (error, ctx, wpath, _("states no condition"));
      return NULL;
    }
  return g_steal_pointer (&condition);
}

/* "when" (zc-condition.h): absent or null = always applies. The item
 * checks the fields, questions and values it names. */
static gboolean
parse_condition (JsonObject   *object,
                 const char   *ctx,
                 const char   *path,
                 ZcCondition **out,
                 GError      **error)
{
  GError *local = NULL;
  JsonNode *node = get_member (object, ctx, path, "when", WANT_OBJECT, TRUE, TRUE, &local);
  g_autofree char *wpath = path != NULL ? g_strdup_printf ("%s.when", path) : g_strdup ("when");

  *out = NULL;
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (node == NULL)
    return TRUE;
  *out = parse_condition_object (node, ctx, wpath, FALSE, error);
  return *out != NULL;
}

/* a field's "when": its choice-field part is also kept as
 * when_field/when_values */
static gboolean
parse_when (ZcFormField *self,
            JsonObject  *field,
            const char  *ctx,
            const char  *path,
            GError     **error)
{
  if (!parse_condition (field, ctx, path, &self->condition, error))
    return FALSE;
  if (self->condition != NULL && self->condition->field != NULL)
    {
      self->when_field = g_strdup (self->condition->field);
      self->when_values = g_strdupv (self->condition->values);
    }
  return TRUE;
}

static ZcFormField *
form_field_new_from_json (JsonNode    *node,
                          const char  *ctx,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(ZcFormField) self = NULL;
  g_autofree char *type = NULL;
  g_auto(GStrv) choices = NULL;
  JsonObject *object;

  if (!node_is (node, WANT_OBJECT))
    {
      invalid (error, ctx, path, "%s", want_text (WANT_OBJECT));
      return NULL;
    }
  object = json_node_get_object (node);
  self = g_object_new (ZC_TYPE_FORM_FIELD, NULL);

  if (!get_string (object, ctx, path, "key", TRUE, &self->key, error) ||
      !get_string (object, ctx, path, "label", TRUE, &self->label, error) ||
      !get_string (object, ctx, path, "type", TRUE, &type, error))
    return NULL;
  if (!zc_field_type_from_string (type, &self->field_type))
    {
      g_autofree char *tpath = g_strdup_printf ("%s.type", path);
      invalid (error, ctx, tpath, _("names an unknown field type “%s”"), type);
      return NULL;
    }
  if (!get_boolean (object, ctx, path, "required", &self->required, error) ||
      !get_string (object, ctx, path, "party", TRUE, &self->party, error) ||
      !get_string (object, ctx, path, "about", FALSE, &self->about, error) ||
      !parse_source (self, object, ctx, path, error) ||
      !get_strv (object, ctx, path, "choices", self->field_type == ZC_FIELD_CHOICE, &choices, error) ||
      !get_strv (object, ctx, path, "matters", FALSE, &self->matters, error) ||
      !parse_when (self, object, ctx, path, error) ||
      !get_string (object, ctx, path, "not_before", FALSE, &self->not_before, error))
    return NULL;

  if (self->field_type == ZC_FIELD_CHOICE)
    self->choices = g_steal_pointer (&choices);
  /* an empty list means the same as none: every sub-matter needs it */
  if (self->matters != NULL && self->matters[0] == NULL)
    g_clear_pointer (&self->matters, g_strfreev);

  return g_steal_pointer (&self);
}

const char *
zc_form_field_get_key (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->key;
}

const char *
zc_form_field_get_label (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->label;
}

ZcFieldType
zc_form_field_get_field_type (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), ZC_FIELD_TEXT);
  return self->field_type;
}

gboolean
zc_form_field_get_required (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), FALSE);
  return self->required;
}

const char *
zc_form_field_get_party (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->party;
}

/* the person the field describes: "about" (新生儿 for the newborn's
 * sex, which the mother's licence prefills), else its party */
const char *
zc_form_field_get_about (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->about != NULL ? self->about : self->party;
}

const char *
zc_form_field_get_source_licence_type (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->source_licence_type;
}

const char *
zc_form_field_get_source_field (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->source_field;
}

gboolean
zc_form_field_get_from_earlier_cases (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), FALSE);
  return self->from_earlier_cases;
}

const char * const *
zc_form_field_get_choices (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return (const char * const *) self->choices;
}

const char * const *
zc_form_field_get_matters (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return (const char * const *) self->matters;
}

/**
 * zc_form_field_is_needed_by:
 * @matter_code: a sub-matter code
 *
 * Returns: whether the sub-matter needs the field (always TRUE for a
 *   field without a "matters" list).
 */
gboolean
zc_form_field_is_needed_by (ZcFormField *self,
                            const char  *matter_code)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), FALSE);
  return self->matters == NULL ||
         (matter_code != NULL && g_strv_contains ((const char * const *) self->matters, matter_code));
}

/**
 * zc_form_field_get_source_rule:
 *
 * Returns: (nullable): the rule that computes the field from the parties'
 *   licences (source {"computed": RULE}; see zc_computed_rules()), or NULL.
 */
const char *
zc_form_field_get_source_rule (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->source_rule;
}

/**
 * zc_form_field_get_source_aggregate:
 *
 * Returns: (nullable): "list" (the source field of every valid licence of
 *   the type the party holds, joined with 、) or "count" (how many there
 *   are), or NULL for the newest one's value.
 */
const char *
zc_form_field_get_source_aggregate (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->source_aggregate;
}

/**
 * zc_form_field_get_not_before:
 *
 * Returns: (nullable): the key of the date field this date may not
 *   precede (the start of a range this field ends), or NULL
 */
const char *
zc_form_field_get_not_before (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->not_before;
}

/**
 * zc_form_field_get_when_field:
 *
 * Returns: (nullable): the key of the choice field this field depends on
 *   (it applies only while that field holds one of
 *   zc_form_field_get_when_values()), or NULL when it always applies.
 */
const char *
zc_form_field_get_when_field (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->when_field;
}

const char * const *
zc_form_field_get_when_values (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return (const char * const *) self->when_values;
}

/**
 * zc_form_field_get_condition:
 *
 * Returns: (nullable) (transfer none): when the field applies (its whole
 *   "when"), or NULL when always
 */
const ZcCondition *
zc_form_field_get_condition (ZcFormField *self)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), NULL);
  return self->condition;
}

/**
 * zc_form_field_applies_to:
 * @controlling_value: (nullable): the value of the field named by
 *   zc_form_field_get_when_field()
 *
 * Returns: whether the field applies: always for a field without "when",
 *   otherwise only while the controlling field holds one of its values
 *   (an empty or unset one: not yet).
 */
gboolean
zc_form_field_applies_to (ZcFormField *self,
                          const char  *controlling_value)
{
  g_return_val_if_fail (ZC_IS_FORM_FIELD (self), FALSE);
  if (self->when_field == NULL)
    return TRUE;
  return controlling_value != NULL && controlling_value[0] != '\0' &&
         g_strv_contains ((const char * const *) self->when_values, controlling_value);
}

/* ------------------------------------------------------------------ */
/* ZcMaterial                                                          */
/* ------------------------------------------------------------------ */

struct _ZcMaterial
{
  GObject parent_instance;

  char    *code;
  char    *name;
  char    *party;
  GStrv    matters;
  char    *replaced_by;
  gboolean tolerable;
  gboolean commitment_allowed;
  ZcCondition *condition;
};

G_DEFINE_FINAL_TYPE (ZcMaterial, zc_material, G_TYPE_OBJECT)

enum {
  MATERIAL_PROP_0,
  MATERIAL_PROP_CODE,
  MATERIAL_PROP_NAME,
  MATERIAL_PROP_PARTY,
  MATERIAL_PROP_MATTERS,
  MATERIAL_PROP_REPLACED_BY,
  MATERIAL_PROP_TOLERABLE,
  MATERIAL_PROP_COMMITMENT_ALLOWED,
  MATERIAL_N_PROPS
};

static GParamSpec *material_properties[MATERIAL_N_PROPS];

static void
zc_material_finalize (GObject *object)
{
  ZcMaterial *self = (ZcMaterial *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->party, g_free);
  g_clear_pointer (&self->matters, g_strfreev);
  g_clear_pointer (&self->replaced_by, g_free);
  g_clear_pointer (&self->condition, zc_condition_free);

  G_OBJECT_CLASS (zc_material_parent_class)->finalize (object);
}

static void
zc_material_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ZcMaterial *self = ZC_MATERIAL (object);

  switch (prop_id)
    {
    case MATERIAL_PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case MATERIAL_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case MATERIAL_PROP_PARTY:
      g_value_set_string (value, self->party);
      break;
    case MATERIAL_PROP_MATTERS:
      g_value_set_boxed (value, self->matters);
      break;
    case MATERIAL_PROP_REPLACED_BY:
      g_value_set_string (value, self->replaced_by);
      break;
    case MATERIAL_PROP_TOLERABLE:
      g_value_set_boolean (value, self->tolerable);
      break;
    case MATERIAL_PROP_COMMITMENT_ALLOWED:
      g_value_set_boolean (value, self->commitment_allowed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_material_class_init (ZcMaterialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = zc_material_finalize;
  object_class->get_property = zc_material_get_property;

  material_properties[MATERIAL_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  material_properties[MATERIAL_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  material_properties[MATERIAL_PROP_PARTY] = g_param_spec_string ("party", NULL, NULL, NULL, flags);
  material_properties[MATERIAL_PROP_MATTERS] = g_param_spec_boxed ("matters", NULL, NULL, G_TYPE_STRV, flags);
  material_properties[MATERIAL_PROP_REPLACED_BY] = g_param_spec_string ("replaced-by", NULL, NULL, NULL, flags);
  material_properties[MATERIAL_PROP_TOLERABLE] = g_param_spec_boolean ("tolerable", NULL, NULL, FALSE, flags);
  material_properties[MATERIAL_PROP_COMMITMENT_ALLOWED] =
    g_param_spec_boolean ("commitment-allowed", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, MATERIAL_N_PROPS, material_properties);
}

static void
zc_material_init (ZcMaterial *self)
{
}

static ZcMaterial *
material_new_from_json (JsonNode    *node,
                        const char  *ctx,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(ZcMaterial) self = NULL;
  JsonObject *object;

  if (!node_is (node, WANT_OBJECT))
    {
      invalid (error, ctx, path, "%s", want_text (WANT_OBJECT));
      return NULL;
    }
  object = json_node_get_object (node);
  self = g_object_new (ZC_TYPE_MATERIAL, NULL);

  if (!get_string (object, ctx, path, "code", TRUE, &self->code, error) ||
      !get_string (object, ctx, path, "name", TRUE, &self->name, error) ||
      !get_string (object, ctx, path, "party", TRUE, &self->party, error) ||
      !get_strv (object, ctx, path, "matters", TRUE, &self->matters, error) ||
      !get_string (object, ctx, path, "replaced_by", FALSE, &self->replaced_by, error))
    return NULL;
  if (self->replaced_by != NULL && !is_licence_type (self->replaced_by))
    {
      g_autofree char *rpath = g_strdup_printf ("%s.replaced_by", path);
      invalid (error, ctx, rpath, _("names an unknown licence type “%s”"), self->replaced_by);
      return NULL;
    }
  if (!get_boolean (object, ctx, path, "tolerable", &self->tolerable, error) ||
      !get_boolean (object, ctx, path, "commitment_allowed", &self->commitment_allowed, error) ||
      !parse_condition (object, ctx, path, &self->condition, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
zc_material_get_code (ZcMaterial *self)
{
  g_return_val_if_fail (ZC_IS_MATERIAL (self), NULL);
  return self->code;
}

const char *
zc_material_get_name (ZcMaterial *self)
{
  g_return_val_if_fail (ZC_IS_MATERIAL (self), NULL);
  return self->name;
}

const char *
zc_material_get_party (ZcMaterial *self)
{
  g_return_val_if_fail (ZC_IS_MATERIAL (self), NULL);
  return self->party;
}

const char * const *
zc_material_get_matters (ZcMaterial *self)
{
  g_return_val_if_fail (ZC_IS_MATERIAL (self), NULL);
  return (const char * const *) self->matters;
}

const char *
zc_material_get_replaced_by (ZcMaterial *self)
{
  g_return_val_if_fail (ZC_IS_MATERIAL (self), NULL);
  return self->replaced_by;
}

gboolean
zc_material_get_tolerable (ZcMaterial *self)
{
  g_return_val_if_fail (ZC_IS_MATERIAL (self), FALSE);
  return self->tolerable;
}

gboolean
zc_material_get_commitment_allowed (ZcMaterial *self)
{
  g_return_val_if_fail (ZC_IS_MATERIAL (self), FALSE);
  return self->commitment_allowed;
}

/**
 * zc_material_get_condition:
 *
 * Returns: (nullable) (transfer none): when the material applies, or
 *   NULL when always (for its sub-matters)
 */
const ZcCondition *
zc_material_get_condition (ZcMaterial *self)
{
  g_return_val_if_fail (ZC_IS_MATERIAL (self), NULL);
  return self->condition;
}

/* ------------------------------------------------------------------ */
/* ZcCatalogueItem                                                     */
/* ------------------------------------------------------------------ */

struct _ZcCatalogueItem
{
  GObject parent_instance;

  char       *code;
  char       *name;
  char       *initials;     /* lowercase */
  char       *subject;
  char       *lead_department;
  char       *description;
  GListStore *matters;
  GListStore *fields;
  GListStore *materials;
  GStrv       party_roles;
  GStrv       party_labels; /* parallel to party_roles */
  GStrv       person_keys;  /* "persons": described by fields, not parties */
  GStrv       person_labels;
  GPtrArray  *party_conditions; /* of ZcCondition or NULL, parallel to party_roles */
  GStrv       question_codes;
  GStrv       question_labels;  /* parallel to question_codes */
  GPtrArray  *question_matters; /* of GStrv (NULL = every sub-matter), parallel */
};

G_DEFINE_FINAL_TYPE (ZcCatalogueItem, zc_catalogue_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_CODE,
  ITEM_PROP_NAME,
  ITEM_PROP_INITIALS,
  ITEM_PROP_SUBJECT,
  ITEM_PROP_LEAD_DEPARTMENT,
  ITEM_PROP_DESCRIPTION,
  ITEM_PROP_MATTERS,
  ITEM_PROP_FIELDS,
  ITEM_PROP_MATERIALS,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
zc_catalogue_item_finalize (GObject *object)
{
  ZcCatalogueItem *self = (ZcCatalogueItem *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->initials, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->lead_department, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_object (&self->matters);
  g_clear_object (&self->fields);
  g_clear_object (&self->materials);
  g_clear_pointer (&self->party_roles, g_strfreev);
  g_clear_pointer (&self->party_labels, g_strfreev);
  g_clear_pointer (&self->person_keys, g_strfreev);
  g_clear_pointer (&self->person_labels, g_strfreev);
  g_clear_pointer (&self->party_conditions, g_ptr_array_unref);
  g_clear_pointer (&self->question_codes, g_strfreev);
  g_clear_pointer (&self->question_labels, g_strfreev);
  g_clear_pointer (&self->question_matters, g_ptr_array_unref);

  G_OBJECT_CLASS (zc_catalogue_item_parent_class)->finalize (object);
}

static void
zc_catalogue_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ZcCatalogueItem *self = ZC_CATALOGUE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ITEM_PROP_INITIALS:
      g_value_set_string (value, self->initials);
      break;
    case ITEM_PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case ITEM_PROP_LEAD_DEPARTMENT:
      g_value_set_string (value, self->lead_department);
      break;
    case ITEM_PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case ITEM_PROP_MATTERS:
      g_value_set_object (value, self->matters);
      break;
    case ITEM_PROP_FIELDS:
      g_value_set_object (value, self->fields);
      break;
    case ITEM_PROP_MATERIALS:
      g_value_set_object (value, self->materials);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_catalogue_item_class_init (ZcCatalogueItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = zc_catalogue_item_finalize;
  object_class->get_property = zc_catalogue_item_get_property;

  item_properties[ITEM_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_INITIALS] = g_param_spec_string ("initials", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_LEAD_DEPARTMENT] = g_param_spec_string ("lead-department", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_MATTERS] = g_param_spec_object ("matters", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  item_properties[ITEM_PROP_FIELDS] = g_param_spec_object ("fields", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  item_properties[ITEM_PROP_MATERIALS] = g_param_spec_object ("materials", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
zc_catalogue_item_init (ZcCatalogueItem *self)
{
  self->matters = g_list_store_new (ZC_TYPE_MATTER);
  self->fields = g_list_store_new (ZC_TYPE_FORM_FIELD);
  self->materials = g_list_store_new (ZC_TYPE_MATERIAL);
  self->party_roles = g_new0 (char *, 1);
  self->party_labels = g_new0 (char *, 1);
  self->person_keys = g_new0 (char *, 1);
  self->person_labels = g_new0 (char *, 1);
  self->party_conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_condition_free);
  self->question_codes = g_new0 (char *, 1);
  self->question_labels = g_new0 (char *, 1);
  self->question_matters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

static gboolean
is_party (ZcCatalogueItem *self,
          const char      *role)
{
  return strcmp (role, "applicant") == 0 ||
         g_strv_contains ((const char * const *) self->party_roles, role);
}

/* every code in @codes is a sub-matter of the item */
static gboolean
check_matter_codes (ZcCatalogueItem     *self,
                    const char * const  *codes,
                    const char          *path,
                    GError             **error)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (zc_catalogue_item_find_matter (self, codes[i]) == NULL)
      {
        g_autofree char *mpath = g_strdup_printf ("%s.matters[%u]", path, i);
        return invalid (error, self->code, mpath, _("names an unknown sub-matter “%s”"), codes[i]);
      }
  return TRUE;
}

static gboolean
parse_parties (ZcCatalogueItem *self,
               JsonObject      *object,
               GError         **error)
{
  GError *local = NULL;
  JsonNode *node = get_member (object, self->code, NULL, "parties", WANT_ARRAY, TRUE, TRUE, &local);
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_condition_free);
  JsonArray *array;

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  array = node ? json_node_get_array (node) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("parties[%u]", i);
      g_autofree char *role = NULL;
      g_autofree char *label = NULL;
      g_autoptr(ZcCondition) condition = NULL;
      JsonObject *party;

      if (!node_is (element, WANT_OBJECT))
        return invalid (error, self->code, path, "%s", want_text (WANT_OBJECT));
      party = json_node_get_object (element);
      if (!get_string (party, self->code, path, "role", TRUE, &role, error) ||
          !get_string (party, self->code, path, "label", TRUE, &label, error) ||
          !parse_condition (party, self->code, path, &condition, error))
        return FALSE;
      if (strcmp (role, "applicant") == 0)
        continue;  /* always a party */
      if (g_hash_table_contains (seen, role))
        {
          g_autofree char *rpath = g_strdup_printf ("%s.role", path);
          return invalid (error, self->code, rpath, _("repeats “%s”"), role);
        }
      g_strv_builder_add (roles, role);
      g_strv_builder_add (labels, label);
      g_ptr_array_add (conditions, g_steal_pointer (&condition));
      g_hash_table_add (seen, (gpointer) g_intern_string (role));
    }
  g_strfreev (self->party_roles);
  g_strfreev (self->party_labels);
  self->party_roles = g_strv_builder_end (roles);
  self->party_labels = g_strv_builder_end (labels);
  g_ptr_array_unref (self->party_conditions);
  self->party_conditions = g_steal_pointer (&conditions);
  return TRUE;
}

/* "questions": [{"code", "label", "matters"?}] — the yes/no questions
 * the clerk answers where no data decides (e.g. 非父母户籍地落户) */
static gboolean
parse_questions (ZcCatalogueItem *self,
                 JsonObject      *object,
                 GError         **error)
{
  GError *local = NULL;
  JsonNode *node = get_member (object, self->code, NULL, "questions", WANT_ARRAY, TRUE, TRUE, &local);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  array = node ? json_node_get_array (node) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("questions[%u]", i);
      g_autofree char *code = NULL;
      g_autofree char *label = NULL;
      g_auto(GStrv) matters = NULL;

      if (!node_is (element, WANT_OBJECT))
        return invalid (error, self->code, path, "%s", want_text (WANT_OBJECT));
      if (!get_string (json_node_get_object (element), self->code, path, "code", TRUE, &code, error) ||
          !get_string (json_node_get_object (element), self->code, path, "label", TRUE, &label, error) ||
          !get_strv (json_node_get_object (element), self->code, path, "matters", FALSE, &matters, error))
        return FALSE;
      if (!g_hash_table_add (seen, g_strdup (code)))
        {
          g_autofree char *cpath = g_strdup_printf ("%s.code", path);
          return invalid (error, self->code, cpath, _("repeats “%s”"), code);
        }
      if (matters != NULL && matters[0] == NULL)
        g_clear_pointer (&matters, g_strfreev);
      if (!check_matter_codes (self, (const char * const *) matters, path, error))
        return FALSE;
      g_strv_builder_add (codes, code);
      g_strv_builder_add (labels, label);
      g_ptr_array_add (self->question_matters, g_steal_pointer (&matters));
    }
  g_strfreev (self->question_codes);
  g_strfreev (self->question_labels);
  self->question_codes = g_strv_builder_end (codes);
  self->question_labels = g_strv_builder_end (labels);
  return TRUE;
}

/* "persons": [{"key", "label"}], whom fields describe without being a
 * party (the newborn); optional */
static gboolean
parse_persons (ZcCatalogueItem *self,
               JsonObject      *object,
               GError         **error)
{
  GError *local = NULL;
  JsonNode *node = get_member (object, self->code, NULL, "persons", WANT_ARRAY, TRUE, TRUE, &local);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  array = node ? json_node_get_array (node) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("persons[%u]", i);
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;

      if (!node_is (element, WANT_OBJECT))
        return invalid (error, self->code, path, "%s", want_text (WANT_OBJECT));
      if (!get_string (json_node_get_object (element), self->code, path, "key", TRUE, &key, error) ||
          !get_string (json_node_get_object (element), self->code, path, "label", TRUE, &label, error))
        return FALSE;
      if (is_party (self, key) || !g_hash_table_add (seen, g_strdup (key)))
        {
          g_autofree char *kpath = g_strdup_printf ("%s.key", path);
          return invalid (error, self->code, kpath, _("repeats “%s”"), key);
        }
      g_strv_builder_add (keys, key);
      g_strv_builder_add (labels, label);
    }
  g_strfreev (self->person_keys);
  g_strfreev (self->person_labels);
  self->person_keys = g_strv_builder_end (keys);
  self->person_labels = g_strv_builder_end (labels);
  return TRUE;
}

/* the array member @member of the item, each element parsed by @parse */
typedef gpointer (*ParseFunc) (JsonNode *node, const char *ctx, const char *path, GError **error);

static gboolean
parse_list (ZcCatalogueItem *self,
            JsonObject      *object,
            const char      *member,
            gboolean         non_empty,
            ParseFunc        parse,
            GListStore      *store,
            GError         **error)
{
  JsonNode *node = get_member (object, self->code, NULL, member, WANT_ARRAY, FALSE, FALSE, error);
  JsonArray *array;

  if (node == NULL)
    return FALSE;
  array = json_node_get_array (node);
  if (non_empty && json_array_get_length (array) == 0)
    return invalid (error, self->code, member, _("is empty"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", member, i);
      g_autoptr(GObject) element = parse (json_array_get_element (array, i), self->code, path, error);

      if (element == NULL)
        return FALSE;
      g_list_store_append (store, element);
    }
  return TRUE;
}

/* The field a condition names is a choice field of the item, listed
 * before @limit (G_MAXUINT: anywhere), itself not depending on another
 * field, and the values are among its choices; a question it names is
 * one of the item's. */
typedef struct
{
  ZcCatalogueItem *item;
  const char      *path;
  guint            limit;
  gboolean         ok;
  GError         **error;
} CheckCtx;

static void
check_field_part (const ZcCondition *part,
                  gpointer           user_data)
{
  CheckCtx *cc = user_data;
  g_autofree char *fpath = g_strdup_printf ("%s.when.field", cc->path);
  g_autofree char *vpath = g_strdup_printf ("%s.when.in", cc->path);
  GListModel *fields = G_LIST_MODEL (cc->item->fields);
  guint n = MIN (cc->limit, g_list_model_get_n_items (fields));

  if (!cc->ok)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcFormField) other = g_list_model_get_item (fields, i);

      if (g_strcmp0 (other->key, part->field) != 0)
        continue;
      if (other->field_type != ZC_FIELD_CHOICE)
        cc->ok = invalid (cc->error, cc->item->code, fpath, _("names “%s”, which is not a choice field"), other->key);
      else if (other->when_field != NULL)
        cc->ok = invalid (cc->error, cc->item->code, fpath, _("names “%s”, which depends on another field itself"),
                          other->key);
      else
        for (guint v = 0; part->values[v] != NULL && cc->ok; v++)
          if (!g_strv_contains ((const char * const *) other->choices, part->values[v]))
            cc->ok = invalid (cc->error, cc->item->code, vpath, _("lists “%s”, which is not a choice of “%s”"),
                              part->values[v], other->key);
      return;
    }
  cc->ok = invalid (cc->error, cc->item->code, fpath,
                    cc->limit == G_MAXUINT ? _("names “%s”, which is no field of the item")
                                           : _("names “%s”, which is no field listed before it"),
                    part->field);
}

static gboolean
check_questions_named (ZcCatalogueItem   *self,
                       const ZcCondition *condition,
                       const char        *path,
                       GError           **error)
{
  if (condition == NULL)
    return TRUE;
  if (condition->question != NULL &&
      !g_strv_contains ((const char * const *) self->question_codes, condition->question))
    {
      g_autofree char *qpath = g_strdup_printf ("%s.when.question", path);
      return invalid (error, self->code, qpath, _("names a question the item does not ask: “%s”"),
                      condition->question);
    }
  for (guint i = 0; condition->any != NULL && i < condition->any->len; i++)
    if (!check_questions_named (self, g_ptr_array_index (condition->any, i), path, error))
      return FALSE;
  return TRUE;
}

static gboolean
check_condition (ZcCatalogueItem   *self,
                 const ZcCondition *condition,
                 const char        *path,
                 guint              limit,
                 GError           **error)
{
  CheckCtx cc = { self, path, limit, TRUE, error };

  zc_condition_foreach_field (condition, check_field_part, &cc);
  return cc.ok && check_questions_named (self, condition, path, error);
}

/* the sub-matters of an exclusive group are optional, and at least two */
static gboolean
check_exclusive (ZcCatalogueItem  *self,
                 GError          **error)
{
  GListModel *matters = G_LIST_MODEL (self->matters);

  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, i);
      g_autofree char *path = g_strdup_printf ("matters[%u].exclusive", i);
      guint members = 0;

      if (matter->exclusive == NULL)
        continue;
      if (!matter->optional)
        return invalid (error, self->code, path, _("is set on a sub-matter that is not optional"));
      for (guint k = 0; k < g_list_model_get_n_items (matters); k++)
        {
          g_autoptr(ZcMatter) other = g_list_model_get_item (matters, k);
          members += g_strcmp0 (other->exclusive, matter->exclusive) == 0;
        }
      if (members < 2)
        return invalid (error, self->code, path, _("names a group of one sub-matter: “%s”"), matter->exclusive);
    }
  return TRUE;
}

/* a date field's "not_before" names another date field of the item: a
 * range (核查期间起 … 止) whose end may not precede its start */
static gboolean
check_not_before (ZcCatalogueItem  *self,
                  ZcFormField      *field,
                  guint             index,
                  GError          **error)
{
  g_autofree char *path = g_strdup_printf ("fields[%u].not_before", index);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));

  if (field->field_type != ZC_FIELD_DATE)
    return invalid (error, self->code, path, _("is given for a field that is not a date"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcFormField) other = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      if (i == index || g_strcmp0 (other->key, field->not_before) != 0)
        continue;
      if (other->field_type != ZC_FIELD_DATE)
        return invalid (error, self->code, path, _("names “%s”, which is not a date field"), other->key);
      return TRUE;
    }
  return invalid (error, self->code, path, _("names “%s”, which is no other field of the item"),
                  field->not_before);
}

static gboolean
check_item (ZcCatalogueItem  *self,
            GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->matters));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcMatter) matter = g_list_model_get_item (G_LIST_MODEL (self->matters), i);
      g_autofree char *path = g_strdup_printf ("matters[%u].code", i);

      if (!g_hash_table_add (seen, matter->code))
        return invalid (error, self->code, path, _("repeats the sub-matter code “%s”"), matter->code);
    }

  g_hash_table_remove_all (seen);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcFormField) field = g_list_model_get_item (G_LIST_MODEL (self->fields), i);
      g_autofree char *path = g_strdup_printf ("fields[%u]", i);
      g_autofree char *kpath = g_strdup_printf ("fields[%u].key", i);
      g_autofree char *ppath = g_strdup_printf ("fields[%u].party", i);

      if (!g_hash_table_add (seen, field->key))
        return invalid (error, self->code, kpath, _("repeats the field key “%s”"), field->key);
      if (!is_party (self, field->party))
        return invalid (error, self->code, ppath, _("names a party the item does not list: “%s”"), field->party);
      if (field->about != NULL && !is_party (self, field->about)
          && !g_strv_contains ((const char * const *) self->person_keys, field->about))
        {
          g_autofree char *apath = g_strdup_printf ("fields[%u].about", i);
          return invalid (error, self->code, apath, _("names neither a party nor a person of the item: “%s”"),
                          field->about);
        }
      if (!check_matter_codes (self, (const char * const *) field->matters, path, error))
        return FALSE;
      if (field->condition != NULL && !check_condition (self, field->condition, path, i, error))
        return FALSE;
      if (field->not_before != NULL && !check_not_before (self, field, i, error))
        return FALSE;
    }

  g_hash_table_remove_all (seen);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->materials));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcMaterial) material = g_list_model_get_item (G_LIST_MODEL (self->materials), i);
      g_autofree char *path = g_strdup_printf ("materials[%u]", i);
      g_autofree char *cpath = g_strdup_printf ("materials[%u].code", i);
      g_autofree char *ppath = g_strdup_printf ("materials[%u].party", i);

      if (!g_hash_table_add (seen, material->code))
        return invalid (error, self->code, cpath, _("repeats the material code “%s”"), material->code);
      if (!is_party (self, material->party))
        return invalid (error, self->code, ppath, _("names a party the item does not list: “%s”"), material->party);
      if (!check_matter_codes (self, (const char * const *) material->matters, path, error) ||
          !check_condition (self, material->condition, path, G_MAXUINT, error))
        return FALSE;
    }
  for (guint i = 0; self->party_roles[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("parties[%s]", self->party_roles[i]);

      if (!check_condition (self, g_ptr_array_index (self->party_conditions, i), path, G_MAXUINT, error))
        return FALSE;
    }
  return check_exclusive (self, error);
}

static ZcCatalogueItem *
item_new_from_json (JsonNode  *node,
                    guint      index,
                    GError   **error)
{
  g_autoptr(ZcCatalogueItem) self = NULL;
  g_autofree char *position = g_strdup_printf ("#%u", index + 1);
  g_autofree char *initials = NULL;
  JsonObject *object;

  if (!node_is (node, WANT_OBJECT))
    {
      g_set_error (error, ZC_CATALOGUE_ERROR, ZC_CATALOGUE_ERROR_INVALID,
                   _("Catalogue item %s is not an object"), position);
      return NULL;
    }
  object = json_node_get_object (node);
  self = g_object_new (ZC_TYPE_CATALOGUE_ITEM, NULL);

  if (!get_string (object, position, NULL, "code", TRUE, &self->code, error))
    return NULL;
  /* from here on the messages name the item by its code */
  if (!get_string (object, self->code, NULL, "name", TRUE, &self->name, error) ||
      !get_string (object, self->code, NULL, "initials", TRUE, &initials, error) ||
      !get_string (object, self->code, NULL, "subject", TRUE, &self->subject, error))
    return NULL;
  self->initials = g_ascii_strdown (initials, -1);
  if (strcmp (self->subject, "person") != 0 && strcmp (self->subject, "enterprise") != 0)
    {
      invalid (error, self->code, "subject", _("is neither “person” nor “enterprise”"));
      return NULL;
    }
  if (!get_string (object, self->code, NULL, "lead_department", TRUE, &self->lead_department, error) ||
      !get_string (object, self->code, NULL, "description", FALSE, &self->description, error) ||
      !parse_parties (self, object, error) ||
      !parse_persons (self, object, error) ||
      !parse_list (self, object, "matters", TRUE, (ParseFunc) matter_new_from_json, self->matters, error) ||
      !parse_list (self, object, "fields", FALSE, (ParseFunc) form_field_new_from_json, self->fields, error) ||
      !parse_list (self, object, "materials", FALSE, (ParseFunc) material_new_from_json, self->materials, error) ||
      !parse_questions (self, object, error) ||
      !check_item (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * zc_catalogue_item_new_from_json:
 * @node: a CatalogueItem object of the platform contract
 *
 * Checks @node member by member.
 *
 * Returns: (transfer full): the item, or NULL with @error set
 *   (ZC_CATALOGUE_ERROR_INVALID, naming the item and the member).
 */
ZcCatalogueItem *
zc_catalogue_item_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return item_new_from_json (node, 0, error);
}

const char *
zc_catalogue_item_get_code (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return self->code;
}

const char *
zc_catalogue_item_get_name (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return self->name;
}

const char *
zc_catalogue_item_get_initials (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return self->initials;
}

const char *
zc_catalogue_item_get_subject (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return self->subject;
}

const char *
zc_catalogue_item_get_lead_department (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return self->lead_department;
}

const char *
zc_catalogue_item_get_description (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return self->description;
}

GListModel *
zc_catalogue_item_get_matters (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return G_LIST_MODEL (self->matters);
}

GListModel *
zc_catalogue_item_get_fields (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return G_LIST_MODEL (self->fields);
}

GListModel *
zc_catalogue_item_get_materials (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return G_LIST_MODEL (self->materials);
}

/**
 * zc_catalogue_item_get_party_roles:
 *
 * Returns: (transfer none): the roles of the parties the item names
 *   besides the applicant ("legal_representative" …), NULL-terminated.
 */
const char * const *
zc_catalogue_item_get_party_roles (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return (const char * const *) self->party_roles;
}

/**
 * zc_catalogue_item_get_party_label:
 * @role: a party role
 *
 * Returns: the label the catalogue gives @role (法定代表人 …), or NULL
 *   when the item does not name that party. "applicant" is always a
 *   party; its label is the translated word for applicant.
 */
const char *
zc_catalogue_item_get_party_label (ZcCatalogueItem *self,
                                   const char      *role)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);

  if (role == NULL)
    return NULL;
  for (guint i = 0; self->party_roles[i] != NULL; i++)
    if (strcmp (self->party_roles[i], role) == 0)
      return self->party_labels[i];
  if (strcmp (role, "applicant") == 0)
    return _("Applicant");
  return NULL;
}

/**
 * zc_catalogue_item_get_about_label:
 * @about: what zc_form_field_get_about() returns
 *
 * Returns: the label of the person a field describes: a person of the
 *   item (新生儿), a party's label, or the word for applicant
 */
const char *
zc_catalogue_item_get_about_label (ZcCatalogueItem *self,
                                   const char      *about)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);

  for (guint i = 0; about != NULL && self->person_keys[i] != NULL; i++)
    if (strcmp (self->person_keys[i], about) == 0)
      return self->person_labels[i];
  return zc_catalogue_item_get_party_label (self, about);
}

/**
 * zc_catalogue_item_dup_fields_by_person:
 *
 * The merged form grouped by the person each field describes
 * (zc_form_field_get_about()): the groups in the order their first
 * field appears in the catalogue, the fields in catalogue order within
 * each. The case page and reception's form step both show this order.
 *
 * Returns: (transfer full) (element-type ZcFormField): the fields
 */
GPtrArray *
zc_catalogue_item_dup_fields_by_person (ZcCatalogueItem *self)
{
  GListModel *fields;
  g_autoptr(GPtrArray) persons = g_ptr_array_new ();
  GPtrArray *order = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);

  fields = G_LIST_MODEL (self->fields);
  n = g_list_model_get_n_items (fields);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcFormField) f = g_list_model_get_item (fields, i);
      const char *about = zc_form_field_get_about (f);

      if (!g_ptr_array_find_with_equal_func (persons, about, g_str_equal, NULL))
        g_ptr_array_add (persons, (gpointer) about);
    }
  for (guint p = 0; p < persons->len; p++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(ZcFormField) f = g_list_model_get_item (fields, i);

        if (g_str_equal (zc_form_field_get_about (f), g_ptr_array_index (persons, p)))
          g_ptr_array_add (order, g_steal_pointer (&f));
      }
  return order;
}

/**
 * zc_catalogue_item_get_party_condition:
 * @role: a party role
 *
 * Returns: (nullable) (transfer none): when the party applies (e.g. a
 *   guardian only for a minor applicant), or NULL when always
 */
const ZcCondition *
zc_catalogue_item_get_party_condition (ZcCatalogueItem *self,
                                       const char      *role)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);

  for (guint i = 0; role != NULL && self->party_roles[i] != NULL; i++)
    if (strcmp (self->party_roles[i], role) == 0)
      return g_ptr_array_index (self->party_conditions, i);
  return NULL;
}

/**
 * zc_catalogue_item_get_questions:
 *
 * Returns: (transfer none): the codes of the item's yes/no questions to
 *   the clerk, NULL-terminated (often empty)
 */
const char * const *
zc_catalogue_item_get_questions (ZcCatalogueItem *self)
{
  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  return (const char * const *) self->question_codes;
}

static int
question_index (ZcCatalogueItem *self,
                const char      *code)
{
  for (guint i = 0; code != NULL && self->question_codes[i] != NULL; i++)
    if (strcmp (self->question_codes[i], code) == 0)
      return (int) i;
  return -1;
}

/* Returns: the question's label (what the clerk is asked), or NULL */
const char *
zc_catalogue_item_get_question_label (ZcCatalogueItem *self,
                                      const char      *code)
{
  int i;

  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  i = question_index (self, code);
  return i >= 0 ? self->question_labels[i] : NULL;
}

/* Returns: the sub-matters the question is asked for (NULL = any) */
const char * const *
zc_catalogue_item_get_question_matters (ZcCatalogueItem *self,
                                        const char      *code)
{
  int i;

  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);
  i = question_index (self, code);
  return i >= 0 ? g_ptr_array_index (self->question_matters, i) : NULL;
}

/**
 * zc_catalogue_item_find_matter:
 * @code: a sub-matter code
 *
 * Returns: (transfer none) (nullable): the sub-matter with that code
 */
ZcMatter *
zc_catalogue_item_find_matter (ZcCatalogueItem *self,
                               const char      *code)
{
  guint n;

  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);

  if (code == NULL)
    return NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->matters));
  for (guint i = 0; i < n; i++)
    {
      /* the store keeps its own reference */
      g_autoptr(ZcMatter) matter = g_list_model_get_item (G_LIST_MODEL (self->matters), i);

      if (g_strcmp0 (matter->code, code) == 0)
        return matter;
    }
  return NULL;
}

ZcMaterial *
zc_catalogue_item_find_material (ZcCatalogueItem *self,
                                 const char      *code)
{
  guint n;

  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), NULL);

  if (code == NULL)
    return NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->materials));
  for (guint i = 0; i < n; i++)
    {
      /* the store keeps its own reference */
      g_autoptr(ZcMaterial) material = g_list_model_get_item (G_LIST_MODEL (self->materials), i);

      if (g_strcmp0 (zc_material_get_code (material), code) == 0)
        return material;
    }
  return NULL;
}

/**
 * zc_catalogue_item_matches:
 * @query: what the clerk typed
 *
 * Returns: whether @query (trimmed; case ignored) is a substring of the
 *   item's name or a prefix of its pinyin initials: “餐饮”, “kbcyd” and
 *   “KBC” all find 开办餐饮店. An empty query matches every item.
 */
gboolean
zc_catalogue_item_matches (ZcCatalogueItem *self,
                           const char      *query)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded_query = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (self), FALSE);

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    return query == NULL;
  trimmed = g_strstrip (g_strdup (query));
  if (*trimmed == '\0')
    return TRUE;

  folded_query = g_utf8_casefold (trimmed, -1);
  folded_name = g_utf8_casefold (self->name ? self->name : "", -1);
  if (strstr (folded_name, folded_query) != NULL)
    return TRUE;

  lower = g_ascii_strdown (trimmed, -1);
  return self->initials != NULL && g_str_has_prefix (self->initials, lower);
}

/* ------------------------------------------------------------------ */
/* The whole catalogue                                                 */
/* ------------------------------------------------------------------ */

/**
 * zc_catalogue_parse:
 * @root: {"items":[…]} or a bare array of items
 *
 * Returns: (transfer full): a GListModel of ZcCatalogueItem, or NULL
 *   with @error set. Item codes must be unique.
 */
GListModel *
zc_catalogue_parse (JsonNode  *root,
                    GError   **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *items = json_object_get_member (json_node_get_object (root), "items");

      if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
        array = json_node_get_array (items);
    }
  if (array == NULL)
    {
      g_set_error_literal (error, ZC_CATALOGUE_ERROR, ZC_CATALOGUE_ERROR_INVALID,
                           _("The catalogue holds no “items” array"));
      return NULL;
    }

  store = g_list_store_new (ZC_TYPE_CATALOGUE_ITEM);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(ZcCatalogueItem) item = item_new_from_json (json_array_get_element (array, i), i, error);

      if (item == NULL)
        return NULL;
      if (!g_hash_table_add (seen, g_strdup (item->code)))
        {
          invalid (error, item->code, "code", _("appears twice in the catalogue"));
          return NULL;
        }
      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (g_steal_pointer (&store));
}
