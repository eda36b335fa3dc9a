/* zc-applicant.c — ZcApplicant, a natural or legal person (申请人) with
 * their licences and known parties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-id.h"
#include "zc-models-private.h"

struct _ZcApplicant
{
  GObject parent_instance;

  char       *key;
  char       *kind;
  char       *name;
  char       *phone;
  char       *address;
  GListStore *licences;
  JsonArray  *parties;   /* validated: objects with string "role", "key" */
  gboolean    serious_credit_breach;
};

G_DEFINE_TYPE (ZcApplicant, zc_applicant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_KIND,
  PROP_NAME,
  PROP_PHONE,
  PROP_ADDRESS,
  PROP_SERIOUS_CREDIT_BREACH,
  PROP_LICENCES,
  PROP_PARTIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zc_applicant_finalize (GObject *object)
{
  ZcApplicant *self = (ZcApplicant *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_object (&self->licences);
  g_clear_pointer (&self->parties, json_array_unref);

  G_OBJECT_CLASS (zc_applicant_parent_class)->finalize (object);
}

static void
zc_applicant_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ZcApplicant *self = ZC_APPLICANT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_SERIOUS_CREDIT_BREACH:
      g_value_set_boolean (value, self->serious_credit_breach);
      break;
    case PROP_LICENCES:
      g_value_set_object (value, self->licences);
      break;
    case PROP_PARTIES:
      g_value_set_boxed (value, self->parties);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_applicant_class_init (ZcApplicantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_applicant_finalize;
  object_class->get_property = zc_applicant_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERIOUS_CREDIT_BREACH] =
    g_param_spec_boolean ("serious-credit-breach", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LICENCES] =
    g_param_spec_object ("licences", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTIES] =
    g_param_spec_boxed ("parties", NULL, NULL, JSON_TYPE_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_applicant_init (ZcApplicant *self)
{
  self->licences = g_list_store_new (ZC_TYPE_LICENCE);
}

static gboolean
parse_licences (ZcApplicant  *self,
                JsonArray    *array,
                GError      **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcLicence) licence = NULL;

      licence = zc_licence_new_from_json (json_array_get_element (array, i), error);
      if (licence == NULL)
        {
          g_prefix_error (error, "licences[%u]: ", i);
          return FALSE;
        }
      g_list_store_append (self->licences, licence);
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
      g_autofree char *name = NULL;

      if (!(party = _zc_json_node_get_object (json_array_get_element (array, i), "party", error)) ||
          !_zc_json_get_string (party, "party", "role", TRUE, &role, error) ||
          !_zc_json_get_string (party, "party", "key", TRUE, &key, error) ||
          !_zc_json_get_string (party, "party", "name", FALSE, &name, error))
        {
          g_prefix_error (error, "parties[%u]: ", i);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * zc_applicant_new_from_json:
 * @node: an Applicant of the contract (a list entry has no licences)
 *
 * Returns: (transfer full): the applicant, or %NULL with ZC_MODEL_ERROR_INVALID
 */
ZcApplicant *
zc_applicant_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(ZcApplicant) self = NULL;
  g_autoptr(JsonArray) licences = NULL;
  g_autoptr(JsonArray) parties = NULL;
  JsonObject *object;

  if (!(object = _zc_json_node_get_object (node, "applicant", error)))
    return NULL;

  self = g_object_new (ZC_TYPE_APPLICANT, NULL);

  if (!_zc_json_get_string (object, "applicant", "key", TRUE, &self->key, error) ||
      !_zc_json_get_string (object, "applicant", "kind", TRUE, &self->kind, error) ||
      !_zc_json_get_string (object, "applicant", "name", TRUE, &self->name, error) ||
      !_zc_json_get_string (object, "applicant", "phone", FALSE, &self->phone, error) ||
      !_zc_json_get_string (object, "applicant", "address", FALSE, &self->address, error) ||
      !_zc_json_get_boolean (object, "applicant", "serious_credit_breach", FALSE,
                             &self->serious_credit_breach, error) ||
      !_zc_json_get_array (object, "applicant", "licences", FALSE, &licences, error) ||
      !_zc_json_get_array (object, "applicant", "parties", FALSE, &parties, error))
    return NULL;

  if (g_strcmp0 (self->kind, "person") != 0 && g_strcmp0 (self->kind, "enterprise") != 0)
    {
      _zc_json_set_bad_value (error, "applicant", "kind");
      return NULL;
    }

  if (licences != NULL && !parse_licences (self, licences, error))
    return NULL;

  if (parties != NULL)
    {
      g_autoptr(JsonNode) copy = NULL;

      if (!check_parties (parties, error))
        return NULL;
      copy = _zc_json_node_deep_copy (json_object_get_member (object, "parties"));
      self->parties = json_array_ref (json_node_get_array (copy));
    }
  else
    self->parties = json_array_new ();

  return g_steal_pointer (&self);
}

/**
 * zc_applicant_new_typed:
 * @key: a normalised, valid ID number or credit code
 * @name: the name as typed
 *
 * An applicant typed by hand at the counter while the licence library
 * could not be reached: no licences, no known parties.
 *
 * Returns: (transfer full): the applicant, or %NULL when @key is of
 *   neither kind or @name is empty
 */
ZcApplicant *
zc_applicant_new_typed (const char  *key,
                        const GDate *today,
                        const char  *name)
{
  const char *kind = key != NULL ? zc_applicant_key_kind (key, today, NULL) : NULL;
  ZcApplicant *self;

  if (kind == NULL || name == NULL || name[0] == '\0')
    return NULL;
  self = g_object_new (ZC_TYPE_APPLICANT, NULL);
  self->key = g_strdup (key);
  self->kind = g_strdup (kind);
  self->name = g_strdup (name);
  self->parties = json_array_new ();
  return self;
}

const char *
zc_applicant_get_key (ZcApplicant *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT (self), NULL);
  return self->key;
}

const char *
zc_applicant_get_kind (ZcApplicant *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT (self), NULL);
  return self->kind;
}

const char *
zc_applicant_get_name (ZcApplicant *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT (self), NULL);
  return self->name;
}

const char *
zc_applicant_get_phone (ZcApplicant *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT (self), NULL);
  return self->phone;
}

const char *
zc_applicant_get_address (ZcApplicant *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT (self), NULL);
  return self->address;
}

gboolean
zc_applicant_get_serious_credit_breach (ZcApplicant *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT (self), FALSE);
  return self->serious_credit_breach;
}

/**
 * zc_applicant_get_licences:
 *
 * Returns: (transfer none): a GListModel of #ZcLicence (empty for list
 *   entries, which carry no licences)
 */
GListModel *
zc_applicant_get_licences (ZcApplicant *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT (self), NULL);
  return G_LIST_MODEL (self->licences);
}

static JsonObject *
find_party (ZcApplicant *self,
            const char  *role)
{
  guint n = json_array_get_length (self->parties);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *party = json_array_get_object_element (self->parties, i);

      if (g_strcmp0 (json_object_get_string_member (party, "role"), role) == 0)
        return party;
    }

  return NULL;
}

/**
 * zc_applicant_get_party_key:
 * @role: "spouse", "legal_representative", …
 *
 * Returns: (nullable): the key of the first known party with @role
 */
const char *
zc_applicant_get_party_key (ZcApplicant *self,
                            const char  *role)
{
  JsonObject *party;

  g_return_val_if_fail (ZC_IS_APPLICANT (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  if ((party = find_party (self, role)) == NULL)
    return NULL;
  return json_object_get_string_member (party, "key");
}

const char *
zc_applicant_get_party_name (ZcApplicant *self,
                             const char  *role)
{
  JsonObject *party;
  JsonNode *name;

  g_return_val_if_fail (ZC_IS_APPLICANT (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  if ((party = find_party (self, role)) == NULL ||
      !json_object_has_member (party, "name"))
    return NULL;
  name = json_object_get_member (party, "name");
  if (JSON_NODE_HOLDS_NULL (name))
    return NULL;
  return json_node_get_string (name);
}

/**
 * zc_applicant_get_parties:
 *
 * Returns: (transfer none): the known parties, each an object with
 *   string "role" and "key" (and "name"); empty when none; do not modify
 */
JsonArray *
zc_applicant_get_parties (ZcApplicant *self)
{
  g_return_val_if_fail (ZC_IS_APPLICANT (self), NULL);
  return self->parties;
}
