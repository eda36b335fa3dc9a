/* zc-licence.c — ZcLicence, one electronic licence (电子证照)
 *
 * Whether a licence is expired is never stored: zc_licence_is_valid_on()
 * computes it against the date that matters (the reception date).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-models-private.h"

struct _ZcLicence
{
  GObject parent_instance;

  char       *licence_type;
  char       *number;
  char       *holder;
  char       *holder_name;
  char       *issuer;
  GDate      *issued_on;
  GDate      *valid_until;
  JsonObject *fields;
  GHashTable *field_strings; /* member → rendered string */
  guint       revoked : 1;
  guint       has_photo : 1;
};

G_DEFINE_TYPE (ZcLicence, zc_licence, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LICENCE_TYPE,
  PROP_NUMBER,
  PROP_HOLDER,
  PROP_HOLDER_NAME,
  PROP_ISSUER,
  PROP_ISSUED_ON,
  PROP_VALID_UNTIL,
  PROP_REVOKED,
  PROP_HAS_PHOTO,
  PROP_FIELDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zc_licence_finalize (GObject *object)
{
  ZcLicence *self = (ZcLicence *)object;

  g_clear_pointer (&self->licence_type, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->holder, g_free);
  g_clear_pointer (&self->holder_name, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->issued_on, g_date_free);
  g_clear_pointer (&self->valid_until, g_date_free);
  g_clear_pointer (&self->fields, json_object_unref);
  g_clear_pointer (&self->field_strings, g_hash_table_unref);

  G_OBJECT_CLASS (zc_licence_parent_class)->finalize (object);
}

static void
zc_licence_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ZcLicence *self = ZC_LICENCE (object);

  switch (prop_id)
    {
    case PROP_LICENCE_TYPE:
      g_value_set_string (value, self->licence_type);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_HOLDER:
      g_value_set_string (value, self->holder);
      break;
    case PROP_HOLDER_NAME:
      g_value_set_string (value, self->holder_name);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_ISSUED_ON:
      g_value_set_boxed (value, self->issued_on);
      break;
    case PROP_VALID_UNTIL:
      g_value_set_boxed (value, self->valid_until);
      break;
    case PROP_REVOKED:
      g_value_set_boolean (value, self->revoked);
      break;
    case PROP_HAS_PHOTO:
      g_value_set_boolean (value, self->has_photo);
      break;
    case PROP_FIELDS:
      g_value_set_boxed (value, self->fields);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_licence_class_init (ZcLicenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_licence_finalize;
  object_class->get_property = zc_licence_get_property;

  properties[PROP_LICENCE_TYPE] =
    g_param_spec_string ("licence-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOLDER] =
    g_param_spec_string ("holder", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOLDER_NAME] =
    g_param_spec_string ("holder-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUED_ON] =
    g_param_spec_boxed ("issued-on", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID_UNTIL] =
    g_param_spec_boxed ("valid-until", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVOKED] =
    g_param_spec_boolean ("revoked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_PHOTO] =
    g_param_spec_boolean ("has-photo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELDS] =
    g_param_spec_boxed ("fields", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_licence_init (ZcLicence *self)
{
  self->field_strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
render_fields (ZcLicence  *self,
               GError    **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, self->fields);
  while (json_object_iter_next (&iter, &member, &node))
    {
      char *str = NULL;

      switch (json_node_get_node_type (node))
        {
        case JSON_NODE_NULL:
          continue;
        case JSON_NODE_VALUE:
          {
            GType type = json_node_get_value_type (node);

            if (type == G_TYPE_STRING)
              str = g_strdup (json_node_get_string (node));
            else if (type == G_TYPE_INT64)
              str = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
            else if (type == G_TYPE_DOUBLE)
              {
                char buf[G_ASCII_DTOSTR_BUF_SIZE];
                str = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
              }
            else if (type == G_TYPE_BOOLEAN)
              str = g_strdup (json_node_get_boolean (node) ? "true" : "false");
          }
          break;
        case JSON_NODE_OBJECT:
        case JSON_NODE_ARRAY:
        default:
          /* structured fields (e.g. a list) stay in zc_licence_get_fields() */
          continue;
        }

      if (str == NULL)
        {
          g_autofree char *name = g_strdup_printf ("fields.%s", member);
          _zc_json_set_bad_value (error, "licence", name);
          return FALSE;
        }
      g_hash_table_insert (self->field_strings, g_strdup (member), str);
    }

  return TRUE;
}

/**
 * zc_licence_new_from_json:
 * @node: a Licence of the contract
 *
 * Returns: (transfer full): the licence, or %NULL with ZC_MODEL_ERROR_INVALID
 */
ZcLicence *
zc_licence_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(ZcLicence) self = NULL;
  JsonObject *object;
  gboolean revoked = FALSE;
  gboolean has_photo = FALSE;

  if (!(object = _zc_json_node_get_object (node, "licence", error)))
    return NULL;

  self = g_object_new (ZC_TYPE_LICENCE, NULL);

  if (!_zc_json_get_string (object, "licence", "type", TRUE, &self->licence_type, error) ||
      !_zc_json_get_string (object, "licence", "number", TRUE, &self->number, error) ||
      !_zc_json_get_string (object, "licence", "holder", TRUE, &self->holder, error) ||
      !_zc_json_get_string (object, "licence", "holder_name", TRUE, &self->holder_name, error) ||
      !_zc_json_get_string (object, "licence", "issuer", FALSE, &self->issuer, error) ||
      !_zc_json_get_date (object, "licence", "issued_on", TRUE, &self->issued_on, error) ||
      !_zc_json_get_date (object, "licence", "valid_until", FALSE, &self->valid_until, error) ||
      !_zc_json_get_boolean (object, "licence", "revoked", FALSE, &revoked, error) ||
      !_zc_json_get_boolean (object, "licence", "has_photo", FALSE, &has_photo, error) ||
      !_zc_json_get_object (object, "licence", "fields", FALSE, &self->fields, error))
    return NULL;

  if (self->licence_type[0] == '\0')
    {
      _zc_json_set_bad_value (error, "licence", "type");
      return NULL;
    }
  if (self->number[0] == '\0')
    {
      _zc_json_set_bad_value (error, "licence", "number");
      return NULL;
    }

  self->revoked = !!revoked;
  self->has_photo = !!has_photo;

  if (self->fields == NULL)
    self->fields = json_object_new ();
  else
    {
      /* a private copy: the object is immutable even if the caller's
       * document is changed later */
      g_autoptr(JsonNode) copy = _zc_json_node_deep_copy (json_object_get_member (object, "fields"));
      g_clear_pointer (&self->fields, json_object_unref);
      self->fields = json_object_ref (json_node_get_object (copy));
    }

  if (!render_fields (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
zc_licence_get_licence_type (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), NULL);
  return self->licence_type;
}

const char *
zc_licence_get_number (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), NULL);
  return self->number;
}

const char *
zc_licence_get_holder (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), NULL);
  return self->holder;
}

const char *
zc_licence_get_holder_name (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), NULL);
  return self->holder_name;
}

const char *
zc_licence_get_issuer (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), NULL);
  return self->issuer;
}

const GDate *
zc_licence_get_issued_on (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), NULL);
  return self->issued_on;
}

const GDate *
zc_licence_get_valid_until (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), NULL);
  return self->valid_until;
}

gboolean
zc_licence_get_revoked (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), FALSE);
  return self->revoked;
}

gboolean
zc_licence_get_has_photo (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), FALSE);
  return self->has_photo;
}

/**
 * zc_licence_get_field:
 * @field: a member of "fields" ("name", "address", …)
 *
 * Returns: (nullable): the field rendered as a string (numbers and
 *   booleans too), %NULL when absent, null or structured
 */
const char *
zc_licence_get_field (ZcLicence  *self,
                      const char *field)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  return g_hash_table_lookup (self->field_strings, field);
}

/**
 * zc_licence_get_fields:
 *
 * Returns: (transfer none): the "fields" object (empty when absent);
 *   do not modify it
 */
JsonObject *
zc_licence_get_fields (ZcLicence *self)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), NULL);
  return self->fields;
}

/**
 * zc_licence_is_valid_on:
 * @date: the date that matters (e.g. the reception date)
 *
 * Returns: %TRUE when the licence is not revoked, was issued on or
 *   before @date and has not expired on @date (valid_until is the last
 *   valid day; no valid_until = unlimited)
 */
gboolean
zc_licence_is_valid_on (ZcLicence   *self,
                        const GDate *date)
{
  g_return_val_if_fail (ZC_IS_LICENCE (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (self->revoked)
    return FALSE;
  if (g_date_compare (self->issued_on, date) > 0)
    return FALSE;
  if (self->valid_until != NULL && g_date_compare (date, self->valid_until) > 0)
    return FALSE;
  return TRUE;
}
