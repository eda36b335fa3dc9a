/* zc-catalogue.h — the catalogue of 一件事 items (data, not code)
 *
 * The JSON shape is the platform contract's CatalogueItem
 * (data/platform-api.yaml); data/catalogue.json holds the demo catalogue.
 * Objects are immutable once parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "zc-condition.h"

G_BEGIN_DECLS

#define ZC_CATALOGUE_ERROR (zc_catalogue_error_quark ())

typedef enum
{
  ZC_CATALOGUE_ERROR_INVALID, /* message says which member of which item */
} ZcCatalogueError;

GQuark zc_catalogue_error_quark (void);

typedef enum
{
  ZC_FIELD_TEXT,
  ZC_FIELD_DATE,
  ZC_FIELD_NUMBER,
  ZC_FIELD_CHOICE,
  ZC_FIELD_ADDRESS,
  ZC_FIELD_PHONE,
  ZC_FIELD_ID,       /* 身份证号 or 统一社会信用代码 */
} ZcFieldType;

#define ZC_TYPE_FIELD_TYPE (zc_field_type_get_type ())
GType        zc_field_type_get_type    (void) G_GNUC_CONST;
/* "text", "date", "number", "choice", "address", "phone", "id" */
const char  *zc_field_type_to_string   (ZcFieldType type);
gboolean     zc_field_type_from_string (const char *str, ZcFieldType *type);

/* One sub-matter (子事项) */
#define ZC_TYPE_MATTER (zc_matter_get_type ())
G_DECLARE_FINAL_TYPE (ZcMatter, zc_matter, ZC, MATTER, GObject)
const char *zc_matter_get_code            (ZcMatter *self);
const char *zc_matter_get_name            (ZcMatter *self);
const char *zc_matter_get_department      (ZcMatter *self);
guint       zc_matter_get_time_limit_days (ZcMatter *self);
gboolean    zc_matter_get_optional        (ZcMatter *self);
/* the group of mutually exclusive sub-matters (one at most chosen), or NULL */
const char *zc_matter_get_exclusive       (ZcMatter *self);

/* What the catalogue says of 告知承诺 for the whole sub-matter
 * ("commitment_allowed" of the Matter): nothing (its materials decide),
 * allowed (any of its materials may be replaced by a commitment) or
 * excluded (none may, whatever the material says). */
typedef enum
{
  ZC_MATTER_COMMITMENT_UNSTATED,
  ZC_MATTER_COMMITMENT_ALLOWED,
  ZC_MATTER_COMMITMENT_EXCLUDED,
} ZcMatterCommitment;
ZcMatterCommitment zc_matter_get_commitment (ZcMatter *self);
/* "commitment_template" of the Matter, the text of its 告知承诺书:
 * {"conditions", "commitments":[…], "consequences"}; FALSE when none */
gboolean zc_matter_get_commitment_template (ZcMatter            *self,
                                            const char         **conditions,
                                            const char * const **commitments,
                                            const char         **consequences);

/* One field of the merged form */
#define ZC_TYPE_FORM_FIELD (zc_form_field_get_type ())
G_DECLARE_FINAL_TYPE (ZcFormField, zc_form_field, ZC, FORM_FIELD, GObject)
const char  *zc_form_field_get_key            (ZcFormField *self);
const char  *zc_form_field_get_label          (ZcFormField *self);
ZcFieldType  zc_form_field_get_field_type     (ZcFormField *self);
gboolean     zc_form_field_get_required       (ZcFormField *self);
const char  *zc_form_field_get_party          (ZcFormField *self); /* "applicant", "legal_representative", … */
const char  *zc_form_field_get_about          (ZcFormField *self); /* the person it describes: "about" or the party */
const char  *zc_form_field_get_source_licence_type (ZcFormField *self); /* NULL = typed */
const char  *zc_form_field_get_source_field   (ZcFormField *self);     /* licence field, or "name"/"number"/"holder" */
gboolean     zc_form_field_get_from_earlier_cases (ZcFormField *self); /* source {"earlier_cases": true} */
const char  *zc_form_field_get_source_rule    (ZcFormField *self);     /* source {"computed": RULE} or NULL */
const char  *zc_form_field_get_source_aggregate (ZcFormField *self);   /* "list", "count" or NULL */
const char * const *zc_computed_rules         (void);
const char * const *zc_form_field_get_choices (ZcFormField *self);     /* NULL unless CHOICE */
const char * const *zc_form_field_get_matters (ZcFormField *self);     /* sub-matter codes needing it; NULL = all */
gboolean     zc_form_field_is_needed_by       (ZcFormField *self, const char *matter_code);
const char  *zc_form_field_get_when_field     (ZcFormField *self); /* NULL = always applies */
const char * const *zc_form_field_get_when_values (ZcFormField *self);
gboolean     zc_form_field_applies_to         (ZcFormField *self, const char *controlling_value);
/* the whole "when" (zc-condition.h); NULL = always applies */
const ZcCondition *zc_form_field_get_condition (ZcFormField *self);
/* "not_before": the date field this date may not precede (a range's
 * start, e.g. 核查期间起 for 核查期间止); NULL when none */
const char  *zc_form_field_get_not_before     (ZcFormField *self);

/* One material (申请材料) */
#define ZC_TYPE_MATERIAL (zc_material_get_type ())
G_DECLARE_FINAL_TYPE (ZcMaterial, zc_material, ZC, MATERIAL, GObject)
const char  *zc_material_get_code               (ZcMaterial *self);
const char  *zc_material_get_name               (ZcMaterial *self);
const char  *zc_material_get_party              (ZcMaterial *self);
const char * const *zc_material_get_matters     (ZcMaterial *self);
const char  *zc_material_get_replaced_by        (ZcMaterial *self); /* licence type or NULL */
gboolean     zc_material_get_tolerable          (ZcMaterial *self); /* 可容缺 */
gboolean     zc_material_get_commitment_allowed (ZcMaterial *self); /* 可告知承诺 */
/* when it applies besides its sub-matters; NULL = always */
const ZcCondition *zc_material_get_condition    (ZcMaterial *self);

/* One 一件事 */
#define ZC_TYPE_CATALOGUE_ITEM (zc_catalogue_item_get_type ())
G_DECLARE_FINAL_TYPE (ZcCatalogueItem, zc_catalogue_item, ZC, CATALOGUE_ITEM, GObject)

ZcCatalogueItem *zc_catalogue_item_new_from_json (JsonNode *node, GError **error);
const char  *zc_catalogue_item_get_code            (ZcCatalogueItem *self);
const char  *zc_catalogue_item_get_name            (ZcCatalogueItem *self);
const char  *zc_catalogue_item_get_initials        (ZcCatalogueItem *self);
const char  *zc_catalogue_item_get_subject         (ZcCatalogueItem *self); /* "person" | "enterprise" */
const char  *zc_catalogue_item_get_lead_department (ZcCatalogueItem *self);
const char  *zc_catalogue_item_get_description     (ZcCatalogueItem *self); /* may be NULL */
GListModel  *zc_catalogue_item_get_matters         (ZcCatalogueItem *self); /* of ZcMatter */
GListModel  *zc_catalogue_item_get_fields          (ZcCatalogueItem *self); /* of ZcFormField */
GListModel  *zc_catalogue_item_get_materials       (ZcCatalogueItem *self); /* of ZcMaterial */
/* parties the item names besides the applicant: (role, label) pairs,
 * e.g. legal_representative/法定代表人; every field's and material's
 * party is "applicant" or one of these roles */
const char * const *zc_catalogue_item_get_party_roles (ZcCatalogueItem *self);
const char  *zc_catalogue_item_get_party_label     (ZcCatalogueItem *self, const char *role);
const char  *zc_catalogue_item_get_about_label     (ZcCatalogueItem *self, const char *about);
GPtrArray   *zc_catalogue_item_dup_fields_by_person (ZcCatalogueItem *self);
ZcMatter    *zc_catalogue_item_find_matter         (ZcCatalogueItem *self, const char *code);
ZcMaterial  *zc_catalogue_item_find_material       (ZcCatalogueItem *self, const char *code); /* (transfer none) */
/* when a party applies (a guardian only for a minor); NULL = always */
const ZcCondition *zc_catalogue_item_get_party_condition (ZcCatalogueItem *self, const char *role);
/* the yes/no questions to the clerk where no data decides (codes,
 * NULL-terminated), each with its label and the sub-matters it is asked
 * for (NULL = any) */
const char * const *zc_catalogue_item_get_questions   (ZcCatalogueItem *self);
const char  *zc_catalogue_item_get_question_label     (ZcCatalogueItem *self, const char *code);
const char * const *zc_catalogue_item_get_question_matters (ZcCatalogueItem *self, const char *code);
/* case-insensitive match on name substring or pinyin-initials prefix;
 * an empty query matches every item */
gboolean     zc_catalogue_item_matches             (ZcCatalogueItem *self, const char *query);

/* Parses {"items":[...]} (or a bare array) into a GListModel of items;
 * item codes are unique. */
GListModel  *zc_catalogue_parse (JsonNode *root, GError **error);

/* Licence type codes of the contract ("id_card" …) and their Chinese
 * names (translated). NULL-terminated. */
const char * const *zc_licence_types         (void);
const char  *zc_licence_type_label           (const char *type);

G_END_DECLS
