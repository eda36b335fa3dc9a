/* zc-reception.c — one 一件事 being received: merged form, prefill,
 * material list, check and draft body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "zc-calendar.h"
#include "zc-clock.h"
#include "zc-id.h"
#include "zc-mask.h"
#include "zc-reception-private.h"
#include "zc-retirement.h"

G_DEFINE_QUARK (zc-reception-error-quark, zc_reception_error)

struct _ZcReception
{
  GObject          parent_instance;

  ZcCatalogueItem *item;
  ZcApplicant     *applicant;
  GDate            date;

  GHashTable      *chosen;          /* matter code → itself */
  GHashTable      *parties;         /* role → ZcApplicant */
  GListModel      *earlier_cases;   /* of ZcCase, newest first; may be NULL */

  GHashTable      *field_objects;   /* key → ZcReceptionField (kept across rebuilds) */
  GListStore      *fields;          /* the merged form */
  GListStore      *materials;       /* the material list */
  GHashTable      *material_states; /* code → GINT_TO_POINTER (state + 1) set by the clerk */
  GHashTable      *restored;        /* key → JsonObject {value, kind, licence_type, licence_number, label} */
  GHashTable      *answers;         /* question code → GINT_TO_POINTER (answer + 1) */
};

G_DEFINE_FINAL_TYPE (ZcReception, zc_reception, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
zc_reception_finalize (GObject *object)
{
  ZcReception *self = ZC_RECEPTION (object);

  g_clear_object (&self->item);
  g_clear_object (&self->applicant);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->parties, g_hash_table_unref);
  g_clear_object (&self->earlier_cases);
  g_clear_pointer (&self->field_objects, g_hash_table_unref);
  g_clear_object (&self->fields);
  g_clear_object (&self->materials);
  g_clear_pointer (&self->material_states, g_hash_table_unref);
  g_clear_pointer (&self->restored, g_hash_table_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);

  G_OBJECT_CLASS (zc_reception_parent_class)->finalize (object);
}

static void
zc_reception_class_init (ZcReceptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_reception_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
zc_reception_init (ZcReception *self)
{
  g_date_clear (&self->date, 1);
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->field_objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->fields = g_list_store_new (ZC_TYPE_RECEPTION_FIELD);
  self->materials = g_list_store_new (ZC_TYPE_RECEPTION_MATERIAL);
  self->material_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->restored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) json_object_unref);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}


/* --- applicability (docs/domain.md; zc-condition.h) ------------------ */

static gboolean
facts_answer (const char *question,
              gpointer    user_data)
{
  ZcReception *self = user_data;

  return zc_reception_question_is_asked (self, question) && zc_reception_get_answer (self, question);
}

static const char *
facts_field_value (const char *key,
                   gpointer    user_data)
{
  ZcReceptionField *rf = zc_reception_find_field (user_data, key);

  if (rf == NULL || !zc_reception_field_get_applicable (rf))
    return NULL;
  return zc_reception_field_get_value (rf);
}

static void
get_facts (ZcReception      *self,
           ZcConditionFacts *facts)
{
  facts->age = zc_reception_get_applicant_age (self);
  facts->applicant_kind = zc_reception_get_applicant_kind (self);
  facts->answer = facts_answer;
  facts->field_value = facts_field_value;
  facts->user_data = self;
}

/* the party's own condition (a guardian only for a minor); the
 * applicant always applies */
static gboolean
party_applies (ZcReception            *self,
               const char             *role,
               const ZcConditionFacts *facts)
{
  if (role == NULL || g_str_equal (role, "applicant"))
    return TRUE;
  return zc_condition_holds (zc_catalogue_item_get_party_condition (self->item, role), facts);
}

static gboolean matters_chosen (ZcReception *self, const char * const *matters);

/* A material applies when one of its sub-matters is chosen, its party
 * applies and its own condition holds; with @named also only once an
 * optional party (the agent) is named. */
static gboolean
material_applies (ZcReception            *self,
                  ZcMaterial             *material,
                  const ZcConditionFacts *facts,
                  gboolean                named)
{
  const char *party = zc_material_get_party (material);

  if (!matters_chosen (self, zc_material_get_matters (material)))
    return FALSE;
  if (named && zc_reception_party_is_optional (party) && _zc_reception_holder_of (self, party) == NULL)
    return FALSE;
  return party_applies (self, party, facts) &&
         zc_condition_holds (zc_material_get_condition (material), facts);
}

/* A field applies while its party and its condition do (a choice field
 * it names must hold one of the values — the choice field is listed
 * before it, so it is decided first). A field of an optional party (the
 * agent) applies once that party is named — as its materials are only
 * listed then. */
static void
update_applicable (ZcReception *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));
  ZcConditionFacts facts;

  get_facts (self, &facts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (G_LIST_MODEL (self->fields), i);
      ZcFormField *field = zc_reception_field_get_field (rf);
      const char *party = zc_form_field_get_party (field);
      const char *when = zc_form_field_get_when_field (field);
      gboolean applies;

      if (zc_reception_party_is_optional (party) && _zc_reception_holder_of (self, party) == NULL)
        applies = FALSE;
      else
        applies = party_applies (self, party, &facts) &&
                  zc_condition_holds (zc_form_field_get_condition (field), &facts);
      /* an empty choice asks for nothing yet */
      if (applies && when != NULL)
        {
          const char *value = facts_field_value (when, self);
          applies = zc_form_field_applies_to (field, value);
        }
      zc_reception_field_set_applicable (rf, applies);
    }
}

static void rebuild_materials (ZcReception *self, gboolean always);

static void
emit_changed (ZcReception *self)
{
  update_applicable (self);
  rebuild_materials (self, FALSE);
  _zc_reception_check_ranges (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

gboolean
zc_reception_party_is_optional (const char *role)
{
  return g_strcmp0 (role, "agent") == 0;
}

/* --- licences ------------------------------------------------------ */

ZcApplicant *
_zc_reception_holder_of (ZcReception *self,
                         const char  *party)
{
  if (party == NULL || g_str_equal (party, "applicant"))
    return self->applicant;
  return g_hash_table_lookup (self->parties, party);
}

/* issued_on, NULL sorting first */
static int
compare_issued (ZcLicence *a,
                ZcLicence *b)
{
  const GDate *da = zc_licence_get_issued_on (a);
  const GDate *db = zc_licence_get_issued_on (b);

  if (da == NULL || !g_date_valid (da))
    return (db == NULL || !g_date_valid (db)) ? 0 : -1;
  if (db == NULL || !g_date_valid (db))
    return 1;
  return g_date_compare (da, db);
}

/* The newest licence of @type held by @holder that is valid on @date;
 * when none, @note (may be NULL) says why the newest invalid one does
 * not count. */
ZcLicence *
_zc_reception_find_licence (ZcApplicant *holder,
              const char  *type,
              const GDate *date,
              char       **note)
{
  GListModel *licences;
  ZcLicence *best = NULL;
  ZcLicence *best_invalid = NULL;
  guint n;

  if (note != NULL)
    *note = NULL;
  if (holder == NULL || type == NULL)
    return NULL;

  licences = zc_applicant_get_licences (holder);
  n = licences != NULL ? g_list_model_get_n_items (licences) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcLicence) licence = g_list_model_get_item (licences, i);

      if (g_strcmp0 (zc_licence_get_licence_type (licence), type) != 0)
        continue;
      if (zc_licence_is_valid_on (licence, date))
        {
          if (best == NULL || compare_issued (licence, best) > 0)
            best = licence;
        }
      else
        {
          const GDate *issued = zc_licence_get_issued_on (licence);

          /* a licence issued after the date does not explain anything */
          if (issued != NULL && g_date_valid (issued) && g_date_compare (issued, date) > 0 &&
              !zc_licence_get_revoked (licence))
            continue;
          if (best_invalid == NULL || compare_issued (licence, best_invalid) > 0)
            best_invalid = licence;
        }
    }

  if (best == NULL && best_invalid != NULL && note != NULL)
    {
      const char *label = zc_licence_type_label (type);
      const GDate *until = zc_licence_get_valid_until (best_invalid);

      if (zc_licence_get_revoked (best_invalid))
        /* Translators: %s is a licence type, e.g. 居民身份证 */
        *note = g_strdup_printf (_("%s was revoked"), label);
      else if (until != NULL && g_date_valid (until))
        {
          g_autofree char *iso = zc_date_to_iso (until);
          /* Translators: a licence type and the date it expired */
          *note = g_strdup_printf (_("%s expired (%s)"), label, iso);
        }
    }
  return best;
}

/* A source field of a licence: a member of "fields" or a top-level member. */
static char *
licence_value (ZcLicence  *licence,
               const char *field)
{
  const GDate *date = NULL;

  if (field == NULL)
    return NULL;
  if (g_str_equal (field, "number"))
    return g_strdup (zc_licence_get_number (licence));
  if (g_str_equal (field, "holder"))
    return g_strdup (zc_licence_get_holder (licence));
  if (g_str_equal (field, "holder_name"))
    return g_strdup (zc_licence_get_holder_name (licence));
  if (g_str_equal (field, "issuer"))
    return g_strdup (zc_licence_get_issuer (licence));
  if (g_str_equal (field, "issued_on"))
    date = zc_licence_get_issued_on (licence);
  else if (g_str_equal (field, "valid_until"))
    date = zc_licence_get_valid_until (licence);
  else
    return g_strdup (zc_licence_get_field (licence, field));

  return date != NULL && g_date_valid (date) ? zc_date_to_iso (date) : NULL;
}

/* A field of the holder's identity licence (id_card of a person,
 * business_licence of an enterprise) that the holder's key and name
 * answer without the licence; @label says where it came from. */
static char *
key_value (ZcApplicant  *holder,
           const char   *type,
           const char   *field,
           char        **label)
{
  const char *key;
  GDate birth;

  if (holder == NULL || field == NULL)
    return NULL;
  key = zc_applicant_get_key (holder);
  g_date_clear (&birth, 1);
  if (g_str_equal (type, "id_card") && g_strcmp0 (zc_applicant_get_kind (holder), "person") == 0)
    {
      if (g_str_equal (field, "number"))
        {
          /* Translators: the source of a prefilled field: the ID number typed at step 1 */
          *label = g_strdup (_("From the applicant’s ID number"));
          return g_strdup (key);
        }
      if (g_str_equal (field, "name"))
        {
          /* Translators: the source of a prefilled name when no licence answered */
          *label = g_strdup (_("The applicant’s name as given, not from a licence"));
          return g_strdup (zc_applicant_get_name (holder));
        }
      if (!zc_resident_id_get_birth_date (key, &birth))
        return NULL;
      *label = g_strdup (_("From the applicant’s ID number"));
      if (g_str_equal (field, "birth_date"))
        return zc_date_to_iso (&birth);
      if (g_str_equal (field, "sex"))
        /* the catalogue's choice values (data, as the licences carry them) */
        return g_strdup (zc_resident_id_is_male (key) ? "男" : "女");
      g_clear_pointer (label, g_free);
      return NULL;
    }
  if (g_str_equal (type, "business_licence") && g_strcmp0 (zc_applicant_get_kind (holder), "enterprise") == 0)
    {
      if (g_str_equal (field, "number"))
        {
          /* Translators: the source of a prefilled field: the credit code typed at step 1 */
          *label = g_strdup (_("From the applicant’s credit code"));
          return g_strdup (key);
        }
      if (g_str_equal (field, "company_name"))
        {
          *label = g_strdup (_("The applicant’s name as given, not from a licence"));
          return g_strdup (zc_applicant_get_name (holder));
        }
    }
  return NULL;
}

char *
_zc_reception_licence_label (const char *type,
               const char *number)
{
  g_autofree char *masked = zc_reception_mask_licence_number (type, number);

  /* Translators: the source of a prefilled field: licence type and masked number,
   * e.g. “From 居民身份证 3402**********1234” */
  return g_strdup_printf (_("From %s %s"), zc_licence_type_label (type), masked);
}

static char *
case_label (ZcCase *c)
{
  GDateTime *at = zc_case_get_created_at (c);
  g_autofree char *day = NULL;

  if (at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (at);
      day = g_date_time_format (local, "%Y-%m-%d");
    }
  /* Translators: the source of a prefilled field: the date of an earlier case */
  return g_strdup_printf (_("From the case of %s"), day != NULL ? day : "?");
}

/* --- prefill ------------------------------------------------------- */

/* Licences that are about one matter (a penalty, a bankruptcy, a
 * liquidation), not about their holder: an earlier case's values from
 * such a document describe that case, never this one. */
static gboolean
is_case_document (const char *type)
{
  static const char * const types[] = {
    "administrative_penalty_decision", "bankruptcy_ruling", "liquidation_filing", NULL
  };

  return g_strv_contains (types, type);
}

static void
validate_shown (ZcReception      *self,
                ZcReceptionField *rf)
{
  g_autoptr(GError) error = NULL;
  const char *value = zc_reception_field_get_value (rf);

  zc_form_field_validate_value (zc_reception_field_get_field (rf), value, &self->date, NULL, &error);
  zc_reception_field_set_error (rf, error);
}

static int
compare_issued_indirect (gconstpointer a,
                         gconstpointer b)
{
  return compare_issued (*(ZcLicence **) a, *(ZcLicence **) b);
}

/* Over every licence of the field's type its party holds that is valid
 * on the reception date, oldest first: the source field's values joined
 * with 、 ("list"), or how many there are ("count"). NULL when there is
 * none (with *note when only invalid ones are held). */
static char *
aggregate_value (ZcReception  *self,
                 ZcFormField  *field,
                 char        **label,
                 char        **note)
{
  ZcApplicant *holder = _zc_reception_holder_of (self, zc_form_field_get_party (field));
  const char *type = zc_form_field_get_source_licence_type (field);
  GListModel *licences = holder != NULL ? zc_applicant_get_licences (holder) : NULL;
  g_autoptr(GPtrArray) valid = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; licences != NULL && i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(ZcLicence) licence = g_list_model_get_item (licences, i);

      if (g_strcmp0 (zc_licence_get_licence_type (licence), type) == 0 &&
          zc_licence_is_valid_on (licence, &self->date))
        g_ptr_array_add (valid, g_steal_pointer (&licence));
    }
  if (valid->len == 0)
    {
      /* says why the newest held one does not count */
      _zc_reception_find_licence (holder, type, &self->date, note);
      return NULL;
    }
  g_ptr_array_sort (valid, compare_issued_indirect);

  /* Translators: the source of a value gathered from several licences,
   * e.g. “From 3 × 机动车行驶证” */
  *label = g_strdup_printf (_("From %u × %s"), valid->len, zc_licence_type_label (type));
  if (g_str_equal (zc_form_field_get_source_aggregate (field), "count"))
    return g_strdup_printf ("%u", valid->len);

  for (guint i = 0; i < valid->len; i++)
    {
      g_autofree char *value = licence_value (g_ptr_array_index (valid, i), zc_form_field_get_source_field (field));

      if (value == NULL || value[0] == '\0')
        continue;
      if (list->len > 0)
        g_string_append (list, "、");
      g_string_append (list, value);
    }
  return list->len > 0 ? g_strdup (list->str) : NULL;
}

static void
prefill_field (ZcReception      *self,
               ZcReceptionField *rf)
{
  ZcFormField *field = zc_reception_field_get_field (rf);
  const char *party = zc_form_field_get_party (field);
  const char *type = zc_form_field_get_source_licence_type (field);
  g_autofree char *note = NULL;
  JsonObject *restored;

  if (type != NULL && zc_form_field_get_source_aggregate (field) != NULL)
    {
      g_autofree char *label = NULL;
      g_autofree char *value = aggregate_value (self, field, &label, &note);
      g_autofree char *normalized = NULL;

      if (value != NULL &&
          zc_form_field_validate_value (field, value, &self->date, &normalized, NULL))
        {
          zc_reception_field_set_prefill (rf, normalized, ZC_FIELD_SOURCE_LICENCE, label, type, NULL, NULL);
          goto done;
        }
    }
  else if (type != NULL)
    {
      ZcLicence *licence = _zc_reception_find_licence (_zc_reception_holder_of (self, party), type, &self->date, &note);
      g_autofree char *value = licence != NULL
        ? licence_value (licence, zc_form_field_get_source_field (field)) : NULL;

      if (value != NULL && value[0] != '\0')
        {
          g_autofree char *normalized = NULL;
          g_autofree char *label = _zc_reception_licence_label (type, zc_licence_get_number (licence));

          if (!zc_form_field_validate_value (field, value, &self->date, &normalized, NULL))
            normalized = g_strdup (value);
          zc_reception_field_set_prefill (rf, normalized, ZC_FIELD_SOURCE_LICENCE, label,
                                          type, zc_licence_get_number (licence), NULL);
          goto done;
        }
    }

  /* No licence answered: what the holder's own key states is still
   * certain (an ID number holds the birth date and the sex, a credit
   * code is the licence's number), and the name is the one typed at
   * step 1 or kept by the register — so a reception taken while the
   * licence library is away starts from them too. A licence found but
   * expired or revoked (@note says so) prefills nothing: the applicant
   * shows a valid one first. */
  if (type != NULL && note == NULL)
    {
      g_autofree char *label = NULL;
      g_autofree char *value = key_value (_zc_reception_holder_of (self, party), type,
                                          zc_form_field_get_source_field (field), &label);
      g_autofree char *normalized = NULL;

      if (value != NULL &&
          zc_form_field_validate_value (field, value, &self->date, &normalized, NULL))
        {
          zc_reception_field_set_prefill (rf, normalized, ZC_FIELD_SOURCE_COMPUTED, label, NULL, NULL, note);
          goto done;
        }
    }

  if (zc_form_field_get_source_rule (field) != NULL)
    {
      g_autofree char *label = NULL;
      g_autofree char *value = _zc_reception_compute (self, zc_form_field_get_source_rule (field), &label, &note);
      g_autofree char *normalized = NULL;

      if (value != NULL &&
          zc_form_field_validate_value (field, value, &self->date, &normalized, NULL))
        {
          zc_reception_field_set_prefill (rf, normalized, ZC_FIELD_SOURCE_COMPUTED, label, NULL, NULL, NULL);
          goto done;
        }
    }

  /* Earlier cases of the applicant answer the fields marked so, and the
   * applicant's own licence-sourced fields no valid licence answered
   * (e.g. the address while the ID card is expired). Case-specific fields
   * (a change's content, a penalty's date) are never copied from an old
   * case: they describe that case, not the applicant. */
  if (self->earlier_cases != NULL &&
      (zc_form_field_get_from_earlier_cases (field) ||
       (type != NULL && g_strcmp0 (party, "applicant") == 0 && !is_case_document (type))))
    {
      const char *keys[] = {
        zc_form_field_get_key (field),
        zc_form_field_get_from_earlier_cases (field) ? zc_form_field_get_source_field (field) : NULL,
      };
      guint n = g_list_model_get_n_items (self->earlier_cases);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ZcCase) c = g_list_model_get_item (self->earlier_cases, i);
          JsonObject *form = zc_case_get_form (c);

          if (form == NULL)
            continue;
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            {
              JsonNode *node;
              const char *value;

              if (keys[k] == NULL || !json_object_has_member (form, keys[k]))
                continue;
              node = json_object_get_member (form, keys[k]);
              if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
                continue;
              value = json_node_get_string (node);
              if (value != NULL && value[0] != '\0')
                {
                  g_autofree char *label = case_label (c);

                  zc_reception_field_set_prefill (rf, value, ZC_FIELD_SOURCE_EARLIER_CASE, label,
                                                  NULL, NULL, note);
                  goto done;
                }
            }
        }
    }

  /* a contact phone the platform's register keeps for the holder (given
   * in an earlier dealing) answers an earlier-cases phone field */
  if (zc_form_field_get_from_earlier_cases (field) &&
      g_strcmp0 (zc_form_field_get_source_field (field), "phone") == 0)
    {
      ZcApplicant *holder = _zc_reception_holder_of (self, party);
      const char *phone = holder != NULL ? zc_applicant_get_phone (holder) : NULL;
      g_autofree char *normalized = NULL;

      if (phone != NULL && phone[0] != '\0' &&
          zc_form_field_validate_value (field, phone, &self->date, &normalized, NULL))
        {
          zc_reception_field_set_prefill (rf, normalized, ZC_FIELD_SOURCE_EARLIER_CASE,
                                          /* Translators: the source of a prefilled phone number */
                                          _("From the applicant register"), NULL, NULL, note);
          goto done;
        }
    }

  /* a restored draft's prefill whose source is not available (yet) */
  restored = g_hash_table_lookup (self->restored, zc_form_field_get_key (field));
  if (restored != NULL)
    {
      const char *kind = json_object_get_string_member_with_default (restored, "kind", "");

      zc_reception_field_set_prefill (rf,
                                      json_object_get_string_member_with_default (restored, "value", ""),
                                      g_str_equal (kind, "licence") ? ZC_FIELD_SOURCE_LICENCE
                                      : g_str_equal (kind, "computed") ? ZC_FIELD_SOURCE_COMPUTED
                                      : ZC_FIELD_SOURCE_EARLIER_CASE,
                                      json_object_get_string_member_with_default (restored, "label", NULL),
                                      json_object_get_string_member_with_default (restored, "licence_type", NULL),
                                      json_object_get_string_member_with_default (restored, "licence_number", NULL),
                                      note);
      goto done;
    }

  zc_reception_field_set_prefill (rf, NULL, ZC_FIELD_SOURCE_NONE, NULL, NULL, NULL, note);

done:
  if (!zc_reception_field_get_typed (rf))
    validate_shown (self, rf);
}

/* --- rebuild ------------------------------------------------------- */

static gboolean
matters_chosen (ZcReception        *self,
                const char * const *matters)
{
  GHashTableIter iter;
  gpointer key;

  if (matters == NULL)
    return g_hash_table_size (self->chosen) > 0;
  g_hash_table_iter_init (&iter, self->chosen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_strv_contains (matters, key))
      return TRUE;
  return FALSE;
}

static gboolean
field_needed (ZcReception *self,
              ZcFormField *field)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->chosen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (zc_form_field_is_needed_by (field, key))
      return TRUE;
  return FALSE;
}

static gboolean
state_allowed (ZcReception         *self,
               ZcReceptionMaterial *rm,
               ZcMaterialState      state,
               GError             **error)
{
  ZcMaterial *material = zc_reception_material_get_material (rm);
  const char *name = zc_material_get_name (material);

  if (zc_reception_material_get_status (rm) == ZC_MATERIAL_STATUS_EXEMPT)
    {
      if (state == ZC_MATERIAL_STATE_EXEMPT)
        return TRUE;
      g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_MATERIAL,
                   _("“%s” is replaced by a licence and is not handed in"), name);
      return FALSE;
    }

  switch (state)
    {
    case ZC_MATERIAL_STATE_PENDING:
    case ZC_MATERIAL_STATE_RECEIVED:
      return TRUE;
    case ZC_MATERIAL_STATE_DEFERRED:
      if (zc_material_get_tolerable (material))
        return TRUE;
      g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_MATERIAL,
                   _("“%s” may not follow later: it is needed at reception"), name);
      return FALSE;
    case ZC_MATERIAL_STATE_COMMITTED:
      if (!zc_material_get_commitment_allowed (material))
        {
          g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_MATERIAL,
                       _("A commitment cannot replace “%s”"), name);
          return FALSE;
        }
      if (zc_applicant_get_serious_credit_breach (self->applicant))
        {
          g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_MATERIAL,
                       _("The applicant has a serious credit breach: a commitment cannot replace “%s”"),
                       name);
          return FALSE;
        }
      return TRUE;
    case ZC_MATERIAL_STATE_EXEMPT:
    default:
      g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_MATERIAL,
                   _("“%s” is not replaced by a valid licence"), name);
      return FALSE;
    }
}

static void
rebuild (ZcReception *self)
{
  GListModel *item_fields = zc_catalogue_item_get_fields (self->item);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;

  n = g_list_model_get_n_items (item_fields);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcFormField) field = g_list_model_get_item (item_fields, i);
      const char *key = zc_form_field_get_key (field);
      ZcReceptionField *rf;

      if (!field_needed (self, field) || !g_hash_table_add (seen, (gpointer) key))
        continue;
      rf = g_hash_table_lookup (self->field_objects, key);
      if (rf == NULL)
        {
          rf = zc_reception_field_new (field);
          g_hash_table_insert (self->field_objects, g_strdup (key), rf);
        }
      prefill_field (self, rf);
      g_ptr_array_add (fields, rf);
    }
  g_list_store_splice (self->fields, 0, g_list_model_get_n_items (G_LIST_MODEL (self->fields)),
                       fields->pdata, fields->len);
  update_applicable (self);
  rebuild_materials (self, TRUE);
  _zc_reception_check_ranges (self);
}

/* The material list: each applicable material once, with its status.
 * Without @always the list is only replaced when the set of materials
 * changed (a choice in the form, an answer), so that the rows of the
 * materials step stay as they are while values are typed. */
static void
rebuild_materials (ZcReception *self,
                   gboolean     always)
{
  GListModel *item_materials = zc_catalogue_item_get_materials (self->item);
  g_autoptr(GPtrArray) materials = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  ZcConditionFacts facts;
  guint n;

  get_facts (self, &facts);
  if (!always)
    {
      guint k = 0;
      gboolean same = TRUE;

      n = g_list_model_get_n_items (item_materials);
      for (guint i = 0; i < n && same; i++)
        {
          g_autoptr(ZcMaterial) material = g_list_model_get_item (item_materials, i);
          g_autoptr(ZcReceptionMaterial) listed = NULL;

          if (!material_applies (self, material, &facts, TRUE) ||
              !g_hash_table_add (seen, (gpointer) zc_material_get_code (material)))
            continue;
          listed = k < g_list_model_get_n_items (G_LIST_MODEL (self->materials))
            ? g_list_model_get_item (G_LIST_MODEL (self->materials), k) : NULL;
          same = listed != NULL && zc_reception_material_get_material (listed) == material;
          k++;
        }
      if (same && k == g_list_model_get_n_items (G_LIST_MODEL (self->materials)))
        return;
      g_hash_table_remove_all (seen);
    }

  n = g_list_model_get_n_items (item_materials);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcMaterial) material = g_list_model_get_item (item_materials, i);
      const char *code = zc_material_get_code (material);
      const char *party = zc_material_get_party (material);
      const char *replaced_by = zc_material_get_replaced_by (material);
      ZcLicence *licence = NULL;
      g_autofree char *note = NULL;
      ZcMaterialStatus status;
      ZcReceptionMaterial *rm;
      gpointer saved;

      if (!material_applies (self, material, &facts, TRUE))
        continue;
      if (!g_hash_table_add (seen, (gpointer) code))
        continue;

      if (replaced_by != NULL)
        licence = _zc_reception_find_licence (_zc_reception_holder_of (self, party), replaced_by, &self->date, &note);
      if (licence != NULL)
        status = ZC_MATERIAL_STATUS_EXEMPT;
      else if (zc_material_get_commitment_allowed (material))
        status = ZC_MATERIAL_STATUS_COMMITMENT;
      else if (zc_material_get_tolerable (material))
        status = ZC_MATERIAL_STATUS_TOLERABLE;
      else
        status = ZC_MATERIAL_STATUS_REQUIRED;

      rm = zc_reception_material_new (material, status, licence, note);
      saved = g_hash_table_lookup (self->material_states, code);
      if (saved != NULL && state_allowed (self, rm, GPOINTER_TO_INT (saved) - 1, NULL))
        zc_reception_material_set_state (rm, GPOINTER_TO_INT (saved) - 1);
      g_ptr_array_add (materials, rm);
    }
  g_list_store_splice (self->materials, 0, g_list_model_get_n_items (G_LIST_MODEL (self->materials)),
                       materials->pdata, materials->len);
}

/* --- construction and accessors ----------------------------------- */

/**
 * zc_reception_new:
 * @reception_date: the date licences must be valid on (NULL = today)
 *
 * The sub-matters that are not optional start chosen; the clerk adds
 * optional ones (zc_reception_set_matter_chosen).
 */
ZcReception *
zc_reception_new (ZcCatalogueItem *item,
                  ZcApplicant     *applicant,
                  const GDate     *reception_date)
{
  ZcReception *self;
  GListModel *matters;

  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (item), NULL);
  g_return_val_if_fail (ZC_IS_APPLICANT (applicant), NULL);

  self = g_object_new (ZC_TYPE_RECEPTION, NULL);
  self->item = g_object_ref (item);
  self->applicant = g_object_ref (applicant);
  if (reception_date != NULL && g_date_valid (reception_date))
    self->date = *reception_date;
  else
    zc_clock_today_china (zc_clock_get_default (), &self->date);

  matters = zc_catalogue_item_get_matters (item);
  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, i);

      if (!zc_matter_get_optional (matter))
        g_hash_table_add (self->chosen, g_strdup (zc_matter_get_code (matter)));
    }

  rebuild (self);
  return self;
}

ZcCatalogueItem *
zc_reception_get_item (ZcReception *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  return self->item;
}

ZcApplicant *
zc_reception_get_applicant (ZcReception *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  return self->applicant;
}

const GDate *
zc_reception_get_date (ZcReception *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  return &self->date;
}

gboolean
zc_reception_set_matter_chosen (ZcReception *self,
                                const char  *code,
                                gboolean     chosen,
                                GError     **error)
{
  ZcMatter *matter;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);

  matter = code != NULL ? zc_catalogue_item_find_matter (self->item, code) : NULL;
  if (matter == NULL)
    {
      g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_NO_MATTER,
                   _("“%s” is not a sub-matter of %s"), code != NULL ? code : "",
                   zc_catalogue_item_get_name (self->item));
      return FALSE;
    }
  if (!chosen && !zc_matter_get_optional (matter))
    {
      g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_NO_MATTER,
                   _("“%s” is not optional and cannot be left out"), zc_matter_get_name (matter));
      return FALSE;
    }
  if (chosen == g_hash_table_contains (self->chosen, code))
    return TRUE;

  if (chosen)
    {
      const char *group = zc_matter_get_exclusive (matter);
      GListModel *matters = zc_catalogue_item_get_matters (self->item);

      /* a choice of one: the others of its group are left out */
      for (guint i = 0; group != NULL && i < g_list_model_get_n_items (matters); i++)
        {
          g_autoptr(ZcMatter) other = g_list_model_get_item (matters, i);

          if (other != matter && g_strcmp0 (zc_matter_get_exclusive (other), group) == 0)
            g_hash_table_remove (self->chosen, zc_matter_get_code (other));
        }
      g_hash_table_add (self->chosen, g_strdup (code));
    }
  else
    g_hash_table_remove (self->chosen, code);
  rebuild (self);
  emit_changed (self);
  return TRUE;
}

gboolean
zc_reception_get_matter_chosen (ZcReception *self,
                                const char  *code)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);
  return code != NULL && g_hash_table_contains (self->chosen, code);
}

GStrv
zc_reception_dup_chosen_matters (ZcReception *self)
{
  GListModel *matters;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  matters = zc_catalogue_item_get_matters (self->item);
  for (guint i = 0; i < g_list_model_get_n_items (matters); i++)
    {
      g_autoptr(ZcMatter) matter = g_list_model_get_item (matters, i);
      if (g_hash_table_contains (self->chosen, zc_matter_get_code (matter)))
        g_strv_builder_add (builder, zc_matter_get_code (matter));
    }
  return g_strv_builder_end (builder);
}

GStrv
zc_reception_dup_needed_parties (ZcReception *self)
{
  const char * const *roles;
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *materials;
  ZcConditionFacts facts;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->fields)); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      if (zc_reception_field_get_applicable (rf))
        g_hash_table_add (used, (gpointer) zc_form_field_get_party (zc_reception_field_get_field (rf)));
    }
  /* all applicable materials of the chosen matters (also those of a
   * party not named yet) */
  get_facts (self, &facts);
  materials = zc_catalogue_item_get_materials (self->item);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) material = g_list_model_get_item (materials, i);
      if (material_applies (self, material, &facts, FALSE))
        g_hash_table_add (used, (gpointer) zc_material_get_party (material));
    }
  /* and an optional party's fields (they apply only once it is named) */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->fields)); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (G_LIST_MODEL (self->fields), i);
      const char *party = zc_form_field_get_party (zc_reception_field_get_field (rf));

      if (zc_reception_party_is_optional (party) && party_applies (self, party, &facts))
        g_hash_table_add (used, (gpointer) party);
    }

  roles = zc_catalogue_item_get_party_roles (self->item);
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    if (g_hash_table_contains (used, roles[i]) && party_applies (self, roles[i], &facts))
      g_strv_builder_add (builder, roles[i]);
  return g_strv_builder_end (builder);
}

/* --- the applicant's facts and the clerk's answers ------------------ */

/**
 * zc_reception_get_applicant_age:
 *
 * Returns: the applicant's age in whole years on the reception date, from
 *   the birth date in the ID number (zc-id.h); -1 for an enterprise or
 *   a key that states no birth date
 */
int
zc_reception_get_applicant_age (ZcReception *self)
{
  GDate birth;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), -1);
  if (g_strcmp0 (zc_reception_get_applicant_kind (self), "person") != 0 ||
      !zc_resident_id_get_birth_date (zc_applicant_get_key (self->applicant), &birth))
    return -1;
  return zc_age_on (&birth, &self->date);
}

/* Returns: "person", "enterprise" (by the applicant's key) or NULL */
const char *
zc_reception_get_applicant_kind (ZcReception *self)
{
  const char *key;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  key = zc_applicant_get_key (self->applicant);
  return key != NULL ? zc_applicant_key_kind (key, &self->date, NULL) : NULL;
}

/**
 * zc_reception_question_is_asked:
 * @code: a question of the item
 *
 * Returns: whether the clerk is asked @code now: one of its sub-matters
 *   is chosen
 */
gboolean
zc_reception_question_is_asked (ZcReception *self,
                                const char  *code)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);

  if (zc_catalogue_item_get_question_label (self->item, code) == NULL)
    return FALSE;
  return matters_chosen (self, zc_catalogue_item_get_question_matters (self->item, code));
}

/* Returns: (transfer full): the questions asked now, in catalogue order */
GStrv
zc_reception_dup_questions (ZcReception *self)
{
  const char * const *codes;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  codes = zc_catalogue_item_get_questions (self->item);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (zc_reception_question_is_asked (self, codes[i]))
      g_strv_builder_add (builder, codes[i]);
  return g_strv_builder_end (builder);
}

/* Returns: the clerk's answer (FALSE until answered) */
gboolean
zc_reception_get_answer (ZcReception *self,
                         const char  *code)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);
  return code != NULL && GPOINTER_TO_INT (g_hash_table_lookup (self->answers, code)) == 2;
}

/**
 * zc_reception_set_answer:
 * @code: a question of the item
 *
 * Records the clerk's yes/no; what depends on it is asked or not.
 *
 * Returns: FALSE with ZC_RECEPTION_ERROR_INVALID_VALUE when the item has
 *   no such question
 */
gboolean
zc_reception_set_answer (ZcReception *self,
                         const char  *code,
                         gboolean     answer,
                         GError     **error)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);

  if (zc_catalogue_item_get_question_label (self->item, code) == NULL)
    {
      g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE,
                   _("%s asks no question “%s”"), zc_catalogue_item_get_name (self->item),
                   code != NULL ? code : "");
      return FALSE;
    }
  if (g_hash_table_contains (self->answers, code) && zc_reception_get_answer (self, code) == !!answer)
    return TRUE;
  g_hash_table_insert (self->answers, g_strdup (code), GINT_TO_POINTER (answer ? 2 : 1));
  emit_changed (self);
  return TRUE;
}

/* Returns: whether @role applies now (its own condition; "applicant" always) */
gboolean
zc_reception_party_applies (ZcReception *self,
                            const char  *role)
{
  ZcConditionFacts facts;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);
  get_facts (self, &facts);
  return party_applies (self, role, &facts);
}

void
zc_reception_set_party (ZcReception *self,
                        const char  *role,
                        ZcApplicant *party)
{
  g_return_if_fail (ZC_IS_RECEPTION (self));
  g_return_if_fail (role != NULL);
  g_return_if_fail (party == NULL || ZC_IS_APPLICANT (party));

  if (g_hash_table_lookup (self->parties, role) == party)
    return;
  if (party != NULL)
    g_hash_table_insert (self->parties, g_strdup (role), g_object_ref (party));
  else
    g_hash_table_remove (self->parties, role);
  rebuild (self);
  emit_changed (self);
}

ZcApplicant *
zc_reception_get_party (ZcReception *self,
                        const char  *role)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  return role != NULL ? _zc_reception_holder_of (self, role) : NULL;
}

void
zc_reception_set_earlier_cases (ZcReception *self,
                                GListModel  *cases)
{
  g_return_if_fail (ZC_IS_RECEPTION (self));
  g_return_if_fail (cases == NULL || G_IS_LIST_MODEL (cases));

  g_set_object (&self->earlier_cases, cases);
  rebuild (self);
  emit_changed (self);
}

GListModel *
zc_reception_get_fields (ZcReception *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  return G_LIST_MODEL (self->fields);
}

/* Only fields of the current form. */
ZcReceptionField *
zc_reception_find_field (ZcReception *self,
                         const char  *key)
{
  guint n;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));
  for (guint i = 0; key != NULL && i < n; i++)
    {
      ZcReceptionField *rf = g_list_model_get_item (G_LIST_MODEL (self->fields), i);

      g_object_unref (rf); /* the store keeps it */
      if (g_str_equal (zc_form_field_get_key (zc_reception_field_get_field (rf)), key))
        return rf;
    }
  return NULL;
}

gboolean
zc_reception_set_value (ZcReception *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  ZcReceptionField *rf;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *normalized = NULL;
  const char *stored;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);

  rf = zc_reception_find_field (self, key);
  if (rf == NULL)
    {
      g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE,
                   _("The form has no field “%s”"), key != NULL ? key : "");
      return FALSE;
    }

  zc_form_field_validate_value (zc_reception_field_get_field (rf), value, &self->date,
                                &normalized, &local_error);
  stored = normalized != NULL ? normalized : (value != NULL ? value : "");
  zc_reception_field_set_typed (rf, TRUE, stored, local_error);
  emit_changed (self);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

GListModel *
zc_reception_get_materials (ZcReception *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);
  return G_LIST_MODEL (self->materials);
}

static ZcReceptionMaterial *
find_material (ZcReception *self,
               const char  *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->materials));

  for (guint i = 0; code != NULL && i < n; i++)
    {
      ZcReceptionMaterial *rm = g_list_model_get_item (G_LIST_MODEL (self->materials), i);

      g_object_unref (rm);
      if (g_str_equal (zc_material_get_code (zc_reception_material_get_material (rm)), code))
        return rm;
    }
  return NULL;
}

gboolean
zc_reception_set_material_state (ZcReception     *self,
                                 const char      *code,
                                 ZcMaterialState  state,
                                 GError         **error)
{
  ZcReceptionMaterial *rm;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);

  rm = find_material (self, code);
  if (rm == NULL)
    {
      g_set_error (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_MATERIAL,
                   _("The material list has no “%s”"), code != NULL ? code : "");
      return FALSE;
    }
  if (!state_allowed (self, rm, state, error))
    return FALSE;

  g_hash_table_insert (self->material_states, g_strdup (code), GINT_TO_POINTER (state + 1));
  if (zc_reception_material_get_state (rm) != state)
    {
      zc_reception_material_set_state (rm, state);
      emit_changed (self);
    }
  return TRUE;
}

/* --- check --------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (ZcReceptionProblem, zc_reception_problem,
                     zc_reception_problem_copy, zc_reception_problem_free)

static ZcReceptionProblem *
problem_new (ZcReceptionError  code,
             ZcProblemSubject  subject,
             const char       *key,
             char             *message)
{
  ZcReceptionProblem *problem = g_new0 (ZcReceptionProblem, 1);

  problem->code = code;
  problem->subject = subject;
  problem->key = g_strdup (key);
  problem->message = message;
  return problem;
}

ZcReceptionProblem *
zc_reception_problem_copy (const ZcReceptionProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  return problem_new (problem->code, problem->subject, problem->key, g_strdup (problem->message));
}

void
zc_reception_problem_free (ZcReceptionProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->key);
  g_free (problem->message);
  g_free (problem);
}

/**
 * zc_reception_dup_problems:
 *
 * Everything that blocks submit, all at once (一次性告知), each with what
 * it is about (a field, a party role, a material or the sub-matters),
 * an error code and a translated message.
 *
 * Returns: (transfer full) (element-type ZcReceptionProblem): the
 *   problems, empty when the reception may be submitted
 */
GPtrArray *
zc_reception_dup_problems (ZcReception *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_reception_problem_free);
  g_auto(GStrv) roles = NULL;
  guint n;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);

  if (g_hash_table_size (self->chosen) == 0)
    g_ptr_array_add (problems, problem_new (ZC_RECEPTION_ERROR_NO_MATTER, ZC_PROBLEM_SUBJECT_MATTERS, NULL,
                                            g_strdup (_("Choose at least one sub-matter"))));

  roles = zc_reception_dup_needed_parties (self);
  for (guint i = 0; roles[i] != NULL; i++)
    if (!zc_reception_party_is_optional (roles[i]) && _zc_reception_holder_of (self, roles[i]) == NULL)
      g_ptr_array_add (problems, problem_new (ZC_RECEPTION_ERROR_PARTY_MISSING, ZC_PROBLEM_SUBJECT_PARTY, roles[i],
                                              /* Translators: %s is a party, e.g. 法定代表人 */
                                              g_strdup_printf (_("Name the %s"),
                                                               zc_catalogue_item_get_party_label (self->item, roles[i]))));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (G_LIST_MODEL (self->fields), i);
      ZcFormField *field = zc_reception_field_get_field (rf);
      const char *party = zc_form_field_get_party (field);
      const GError *field_error = zc_reception_field_get_error (rf);

      if (!zc_reception_field_get_applicable (rf))
        continue;
      if (field_error != NULL)
        g_ptr_array_add (problems, problem_new (ZC_RECEPTION_ERROR_INVALID_VALUE, ZC_PROBLEM_SUBJECT_FIELD,
                                                zc_form_field_get_key (field),
                                                /* Translators: field label: reason */
                                                g_strdup_printf (_("%s: %s"), zc_form_field_get_label (field),
                                                                 field_error->message)));
      else if (zc_form_field_get_required (field) &&
               zc_reception_field_get_value (rf)[0] == '\0' &&
               !(zc_reception_party_is_optional (party) && _zc_reception_holder_of (self, party) == NULL))
        g_ptr_array_add (problems, problem_new (ZC_RECEPTION_ERROR_REQUIRED, ZC_PROBLEM_SUBJECT_FIELD,
                                                zc_form_field_get_key (field),
                                                g_strdup_printf (_("%s: required"), zc_form_field_get_label (field))));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->materials));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (G_LIST_MODEL (self->materials), i);
      ZcMaterial *material = zc_reception_material_get_material (rm);

      if (zc_reception_material_get_state (rm) == ZC_MATERIAL_STATE_PENDING)
        g_ptr_array_add (problems, problem_new (ZC_RECEPTION_ERROR_MATERIAL, ZC_PROBLEM_SUBJECT_MATERIAL,
                                                zc_material_get_code (material),
                                                /* Translators: material name and its status (需提交 …) */
                                                g_strdup_printf (_("%s: not handed in yet (%s)"),
                                                                 zc_material_get_name (material),
                                                                 zc_material_status_label (zc_reception_material_get_status (rm)))));
    }

  return g_steal_pointer (&problems);
}

gboolean
zc_reception_check (ZcReception *self,
                    GPtrArray   *problems,
                    GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);

  found = zc_reception_dup_problems (self);
  if (found->len == 0)
    return TRUE;

  if (problems != NULL)
    for (guint i = 0; i < found->len; i++)
      g_ptr_array_add (problems, g_strdup (((ZcReceptionProblem *) g_ptr_array_index (found, i))->message));
  if (error != NULL)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < found->len; i++)
        g_string_append_printf (all, "%s%s", i > 0 ? "\n" : "",
                                ((ZcReceptionProblem *) g_ptr_array_index (found, i))->message);
      g_set_error_literal (error, ZC_RECEPTION_ERROR,
                           ((ZcReceptionProblem *) g_ptr_array_index (found, 0))->code, all->str);
    }
  return FALSE;
}

double
zc_reception_get_prefill_ratio (ZcReception *self)
{
  guint n, applicable = 0, prefilled = 0;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), 0.0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (G_LIST_MODEL (self->fields), i);
      ZcFieldSource source = zc_reception_field_get_source (rf);

      if (!zc_reception_field_get_applicable (rf))
        continue;
      applicable++;
      prefilled += source == ZC_FIELD_SOURCE_LICENCE || source == ZC_FIELD_SOURCE_EARLIER_CASE ||
                   source == ZC_FIELD_SOURCE_COMPUTED;
    }
  return applicable > 0 ? (double) prefilled / applicable : 0.0;
}

double
zc_reception_get_exempt_ratio (ZcReception *self)
{
  guint n, exempt = 0;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), 0.0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->materials));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (G_LIST_MODEL (self->materials), i);
      exempt += zc_reception_material_get_status (rm) == ZC_MATERIAL_STATUS_EXEMPT;
    }
  return n > 0 ? (double) exempt / n : 0.0;
}

/* --- draft body ---------------------------------------------------- */

static const char *
source_kind (ZcFieldSource source)
{
  switch (source)
    {
    case ZC_FIELD_SOURCE_LICENCE:
      return "licence";
    case ZC_FIELD_SOURCE_EARLIER_CASE:
      return "earlier_case";
    case ZC_FIELD_SOURCE_COMPUTED:
      return "computed";
    default:
      return "typed";
    }
}

JsonObject *
zc_reception_to_json (ZcReception *self)
{
  JsonObject *body = json_object_new ();
  JsonObject *form = json_object_new ();
  JsonObject *sources = json_object_new ();
  JsonObject *materials = json_object_new ();
  JsonArray *matters = json_array_new ();
  JsonArray *parties = json_array_new ();
  g_auto(GStrv) chosen = NULL;
  g_auto(GStrv) needed = NULL;
  g_auto(GStrv) questions = NULL;
  const char * const *roles;
  guint n;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), NULL);

  json_object_set_string_member (body, "item", zc_catalogue_item_get_code (self->item));
  json_object_set_string_member (body, "applicant", zc_applicant_get_key (self->applicant));

  chosen = zc_reception_dup_chosen_matters (self);
  for (guint i = 0; chosen[i] != NULL; i++)
    json_array_add_string_element (matters, chosen[i]);
  json_object_set_array_member (body, "matters", matters);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->fields));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (G_LIST_MODEL (self->fields), i);
      const char *key = zc_form_field_get_key (zc_reception_field_get_field (rf));
      const char *value = zc_reception_field_get_value (rf);
      ZcFieldSource source = zc_reception_field_get_source (rf);
      JsonObject *src;

      /* a field the chosen options do not ask for is not part of the case */
      if (!zc_reception_field_get_applicable (rf))
        continue;
      /* a cleared prefill is kept as "" so that it stays cleared */
      if (value[0] == '\0' && !(zc_reception_field_get_typed (rf) &&
                                zc_reception_field_get_prefill_value (rf) != NULL))
        continue;
      json_object_set_string_member (form, key, value);

      src = json_object_new ();
      json_object_set_string_member (src, "kind", source_kind (source));
      if (source == ZC_FIELD_SOURCE_LICENCE || source == ZC_FIELD_SOURCE_EARLIER_CASE ||
          source == ZC_FIELD_SOURCE_COMPUTED)
        {
          if (zc_reception_field_get_source_licence_type (rf) != NULL)
            json_object_set_string_member (src, "licence_type", zc_reception_field_get_source_licence_type (rf));
          if (zc_reception_field_get_source_licence_number (rf) != NULL)
            json_object_set_string_member (src, "licence_number", zc_reception_field_get_source_licence_number (rf));
          if (zc_reception_field_get_source_label (rf) != NULL)
            json_object_set_string_member (src, "label", zc_reception_field_get_source_label (rf));
        }
      json_object_set_object_member (sources, key, src);
    }
  json_object_set_object_member (body, "form", form);

  needed = zc_reception_dup_needed_parties (self);
  roles = zc_catalogue_item_get_party_roles (self->item);
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      ZcApplicant *party = g_hash_table_lookup (self->parties, roles[i]);
      JsonObject *entry;

      /* a party named for what no longer applies is not part of the case */
      if (party == NULL || !g_strv_contains ((const char * const *) needed, roles[i]))
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "role", roles[i]);
      json_object_set_string_member (entry, "key", zc_applicant_get_key (party));
      json_array_add_object_element (parties, entry);
    }
  json_object_set_array_member (body, "parties", parties);
  json_object_set_object_member (body, "field_sources", sources);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->materials));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (G_LIST_MODEL (self->materials), i);
      json_object_set_string_member (materials,
                                     zc_material_get_code (zc_reception_material_get_material (rm)),
                                     zc_material_state_to_string (zc_reception_material_get_state (rm)));
    }
  json_object_set_object_member (body, "materials", materials);

  /* the clerk's answers to the questions asked (no answer = no) */
  questions = zc_reception_dup_questions (self);
  if (questions[0] != NULL)
    {
      JsonObject *answers = json_object_new ();

      for (guint i = 0; questions[i] != NULL; i++)
        json_object_set_boolean_member (answers, questions[i], zc_reception_get_answer (self, questions[i]));
      json_object_set_object_member (body, "answers", answers);
    }

  return body;
}

static gboolean
draft_error (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
draft_error (GError    **error,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_DRAFT, message);
  return FALSE;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_member (JsonObject *object,
               const char *name,
               gboolean   *bad)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *bad = TRUE;
      return NULL;
    }
  return json_node_get_object (node);
}

/**
 * zc_reception_restore:
 *
 * Everything is checked before anything changes: on error the reception
 * is as it was. Values are validated again (an invalid one is kept, with
 * its error, as the clerk typed it). Unknown field keys (the catalogue
 * changed since) are dropped.
 */
gboolean
zc_reception_restore (ZcReception *self,
                      JsonObject  *saved,
                      GError     **error)
{
  const char *item, *applicant;
  JsonNode *matters_node;
  JsonObject *form, *sources, *materials, *answers;
  gboolean bad = FALSE;
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *item_matters;
  GList *members;

  g_return_val_if_fail (ZC_IS_RECEPTION (self), FALSE);

  if (saved == NULL)
    return draft_error (error, _("The draft is empty"));

  item = string_member (saved, "item");
  if (g_strcmp0 (item, zc_catalogue_item_get_code (self->item)) != 0)
    return draft_error (error, _("The draft is for another item (“%s”)"), item != NULL ? item : "");
  applicant = string_member (saved, "applicant");
  if (applicant != NULL && g_strcmp0 (applicant, zc_applicant_get_key (self->applicant)) != 0)
    return draft_error (error, _("The draft is for another applicant"));

  form = object_member (saved, "form", &bad);
  sources = object_member (saved, "field_sources", &bad);
  materials = object_member (saved, "materials", &bad);
  answers = object_member (saved, "answers", &bad);
  if (bad)
    return draft_error (error, _("The draft’s form, field sources, materials or answers are not objects"));
  members = answers != NULL ? json_object_get_members (answers) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (answers, l->data);

      if (zc_catalogue_item_get_question_label (self->item, l->data) == NULL ||
          !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          g_autofree char *name = g_strdup (l->data);
          g_list_free (members);
          return draft_error (error, _("The draft’s answer to “%s” is not a yes or no of this item"), name);
        }
    }
  g_list_free (members);

  /* matters: the non-optional ones always, plus those saved */
  item_matters = zc_catalogue_item_get_matters (self->item);
  for (guint i = 0; i < g_list_model_get_n_items (item_matters); i++)
    {
      g_autoptr(ZcMatter) matter = g_list_model_get_item (item_matters, i);
      if (!zc_matter_get_optional (matter))
        g_hash_table_add (chosen, g_strdup (zc_matter_get_code (matter)));
    }
  matters_node = json_object_get_member (saved, "matters");
  if (matters_node != NULL && !JSON_NODE_HOLDS_NULL (matters_node))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (matters_node))
        return draft_error (error, _("The draft’s sub-matters are not a list"));
      array = json_node_get_array (matters_node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *code = JSON_NODE_HOLDS_VALUE (node) &&
                             json_node_get_value_type (node) == G_TYPE_STRING
                             ? json_node_get_string (node) : NULL;

          if (code == NULL || zc_catalogue_item_find_matter (self->item, code) == NULL)
            return draft_error (error, _("The draft names a sub-matter the item does not have (“%s”)"),
                                code != NULL ? code : "");
          g_hash_table_add (chosen, g_strdup (code));
        }
    }
  else
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->chosen);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (chosen, g_strdup (key));
    }

  /* check the form's and the materials' members before changing anything */
  members = form != NULL ? json_object_get_members (form) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    if (string_member (form, l->data) == NULL)
      {
        g_autofree char *name = g_strdup (l->data);
        g_list_free (members);
        return draft_error (error, _("The draft’s value of “%s” is not text"), name);
      }
  g_list_free (members);
  members = materials != NULL ? json_object_get_members (materials) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *state = string_member (materials, l->data);

      if (state == NULL ||
          (zc_material_state_from_string (state) == ZC_MATERIAL_STATE_PENDING &&
           !g_str_equal (state, "pending")))
        {
          g_autofree char *name = g_strdup (l->data);
          g_list_free (members);
          return draft_error (error, _("The draft’s state of material “%s” is unknown"), name);
        }
    }
  g_list_free (members);

  /* apply */
  g_hash_table_remove_all (self->chosen);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, chosen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (self->chosen, g_strdup (key));
  }
  g_hash_table_remove_all (self->restored);
  g_hash_table_remove_all (self->material_states);
  g_hash_table_remove_all (self->answers);
  members = answers != NULL ? json_object_get_members (answers) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    g_hash_table_insert (self->answers, g_strdup (l->data),
                         GINT_TO_POINTER (json_object_get_boolean_member (answers, l->data) ? 2 : 1));
  g_list_free (members);
  {
    GHashTableIter iter;
    gpointer value;

    /* typed values of the previous state are forgotten */
    g_hash_table_iter_init (&iter, self->field_objects);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      zc_reception_field_set_typed (value, FALSE, NULL, NULL);
  }

  members = form != NULL ? json_object_get_members (form) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonObject *src = sources != NULL ? object_member (sources, key, &bad) : NULL;
      const char *kind = src != NULL ? string_member (src, "kind") : NULL;

      if (g_strcmp0 (kind, "licence") == 0 || g_strcmp0 (kind, "earlier_case") == 0 ||
          g_strcmp0 (kind, "computed") == 0)
        {
          JsonObject *entry = json_object_new ();
          const char *members_to_copy[] = { "licence_type", "licence_number", "label" };

          json_object_set_string_member (entry, "value", string_member (form, key));
          json_object_set_string_member (entry, "kind", kind);
          for (guint k = 0; k < G_N_ELEMENTS (members_to_copy); k++)
            if (string_member (src, members_to_copy[k]) != NULL)
              json_object_set_string_member (entry, members_to_copy[k],
                                             string_member (src, members_to_copy[k]));
          g_hash_table_insert (self->restored, g_strdup (key), entry);
        }
    }
  g_list_free (members);

  members = materials != NULL ? json_object_get_members (materials) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    {
      ZcMaterialState state = zc_material_state_from_string (string_member (materials, l->data));
      g_hash_table_insert (self->material_states, g_strdup (l->data), GINT_TO_POINTER (state + 1));
    }
  g_list_free (members);

  rebuild (self);

  /* typed values, and prefilled ones the sources now answer differently */
  members = form != NULL ? json_object_get_members (form) : NULL;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *value = string_member (form, key);
      ZcReceptionField *rf = zc_reception_find_field (self, key);
      JsonObject *src = sources != NULL ? object_member (sources, key, &bad) : NULL;
      const char *kind = src != NULL ? string_member (src, "kind") : NULL;
      g_autoptr(GError) field_error = NULL;
      g_autofree char *normalized = NULL;

      if (rf == NULL)
        continue;
      if ((g_strcmp0 (kind, "licence") == 0 || g_strcmp0 (kind, "earlier_case") == 0 ||
           g_strcmp0 (kind, "computed") == 0) &&
          g_strcmp0 (zc_reception_field_get_prefill_value (rf), value) == 0)
        continue;
      /* kept as taken (as zc_reception_set_value keeps it): a case sent
       * by another client with " 名称 " or 2026/3/1 asks for what the
       * choice asks for, and its date ranges are checked */
      zc_form_field_validate_value (zc_reception_field_get_field (rf), value, &self->date,
                                    &normalized, &field_error);
      zc_reception_field_set_typed (rf, TRUE, field_error == NULL && normalized != NULL ? normalized : value,
                                    field_error);
    }
  g_list_free (members);

  emit_changed (self);
  return TRUE;
}
