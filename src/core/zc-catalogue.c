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

  if (!get_boolean (object, ctx, path, "optional", &self->optional, error))
    return NULL;

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

/* ------------------------------------------------------------------ */
/* ZcFormField                                                         */
/* ------------------------------------------------------------------ */

struct _ZcFormField
{
  GObject parent_instance;

  char        *key;
  char        *label;
  char        *party;
  char        *source_licence_type;
  char        *source_field;
  char        *source_rule;  /* {"computed": RULE} */
  char        *source_aggregate; /* "list" / "count" over all licences of the type */
  GStrv        choices;
  GStrv        matters;
  char        *when_field;   /* shown only when this choice field … */
  GStrv        when_values;  /* … holds one of these */
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
  g_clear_pointer (&self->source_licence_type, g_free);
  g_clear_pointer (&self->source_field, g_free);
  g_clear_pointer (&self->source_rule, g_free);
  g_clear_pointer (&self->source_aggregate, g_free);
  g_clear_pointer (&self->choices, g_strfreev);
  g_clear_pointer (&self->matters, g_strfreev);
  g_clear_pointer (&self->when_field, g_free);
  g_clear_pointer (&self->when_values, g_strfreev);
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

/* "when": {"field": KEY, "in": [VALUE, …]} — the field applies only while
 * the choice field KEY holds one of the values (e.g. 变更后企业名称 only
 * when 变更事项 is 名称). The item checks KEY and the values. */
static gboolean
parse_when (ZcFormField *self,
            JsonObject  *field,
            const char  *ctx,
            const char  *path,
            GError     **error)
{
  GError *local = NULL;
  JsonNode *node = get_member (field, ctx, path, "when", WANT_OBJECT, TRUE, TRUE, &local);
  g_autofree char *wpath = g_strdup_printf ("%s.when", path);
  JsonObject *when;

  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (node == NULL)
    return TRUE;
  when = json_node_get_object (node);
  return get_string (when, ctx, wpath, "field", TRUE, &self->when_field, error) &&
         get_strv (when, ctx, wpath, "in", TRUE, &self->when_values, error);
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
      !get_boolean (object, ctx, path, "commitment_allowed", &self->commitment_allowed, error))
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
      JsonObject *party;

      if (!node_is (element, WANT_OBJECT))
        return invalid (error, self->code, path, "%s", want_text (WANT_OBJECT));
      party = json_node_get_object (element);
      if (!get_string (party, self->code, path, "role", TRUE, &role, error) ||
          !get_string (party, self->code, path, "label", TRUE, &label, error))
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
      g_hash_table_add (seen, (gpointer) g_intern_string (role));
    }
  g_strfreev (self->party_roles);
  g_strfreev (self->party_labels);
  self->party_roles = g_strv_builder_end (roles);
  self->party_labels = g_strv_builder_end (labels);
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

/* a field's "when" names a choice field listed before it, with values
 * among that field's choices, and that field itself always applies */
static gboolean
check_when (ZcCatalogueItem  *self,
            ZcFormField      *field,
            guint             index,
            GError          **error)
{
  g_autofree char *fpath = g_strdup_printf ("fields[%u].when.field", index);
  g_autofree char *vpath = g_strdup_printf ("fields[%u].when.in", index);

  for (guint i = 0; i < index; i++)
    {
      g_autoptr(ZcFormField) other = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      if (g_strcmp0 (other->key, field->when_field) != 0)
        continue;
      if (other->field_type != ZC_FIELD_CHOICE)
        return invalid (error, self->code, fpath, _("names “%s”, which is not a choice field"), other->key);
      if (other->when_field != NULL)
        return invalid (error, self->code, fpath, _("names “%s”, which depends on another field itself"),
                        other->key);
      for (guint v = 0; field->when_values[v] != NULL; v++)
        if (!g_strv_contains ((const char * const *) other->choices, field->when_values[v]))
          return invalid (error, self->code, vpath, _("lists “%s”, which is not a choice of “%s”"),
                          field->when_values[v], other->key);
      return TRUE;
    }
  return invalid (error, self->code, fpath, _("names “%s”, which is no field listed before it"),
                  field->when_field);
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
      if (!check_matter_codes (self, (const char * const *) field->matters, path, error))
        return FALSE;
      if (field->when_field != NULL && !check_when (self, field, i, error))
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
      if (!check_matter_codes (self, (const char * const *) material->matters, path, error))
        return FALSE;
    }
  return TRUE;
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
      !parse_list (self, object, "matters", TRUE, (ParseFunc) matter_new_from_json, self->matters, error) ||
      !parse_list (self, object, "fields", FALSE, (ParseFunc) form_field_new_from_json, self->fields, error) ||
      !parse_list (self, object, "materials", FALSE, (ParseFunc) material_new_from_json, self->materials, error) ||
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
