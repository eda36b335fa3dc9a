/* zc-models.h — the platform's resources as immutable GObjects, parsed
 * node by node from the contract's JSON (never asserted: bad data is a
 * ZC_MODEL_ERROR naming the member). Full personal data lives here; the
 * screen masks it (zc-mask.h).
 *
 * One class per file pair: zc-user.c, zc-licence.c, zc-applicant.c,
 * zc-case.c, zc-task.c, zc-event.c share this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "zc-catalogue.h"
#include "zc-state.h"

G_BEGIN_DECLS

#define ZC_MODEL_ERROR (zc_model_error_quark ())
typedef enum { ZC_MODEL_ERROR_INVALID } ZcModelError;
GQuark zc_model_error_quark (void);

/* GTypes of the zc-state.h enums, for properties */
#define ZC_TYPE_ROLE (zc_role_get_type ())
GType zc_role_get_type (void);
#define ZC_TYPE_CASE_STATE (zc_case_state_get_type ())
GType zc_case_state_get_type (void);
#define ZC_TYPE_TASK_STATE (zc_task_state_get_type ())
GType zc_task_state_get_type (void);

/* --- ZcUser: {"username","role","window","department"?,"display_name"?} */
#define ZC_TYPE_USER (zc_user_get_type ())
G_DECLARE_FINAL_TYPE (ZcUser, zc_user, ZC, USER, GObject)
ZcUser     *zc_user_new_from_json        (JsonNode *node, GError **error);
const char *zc_user_get_username         (ZcUser *self);
ZcRole      zc_user_get_role             (ZcUser *self);
const char *zc_user_get_window           (ZcUser *self); /* may be NULL */
const char *zc_user_get_department       (ZcUser *self); /* may be NULL */
const char *zc_user_get_display_name     (ZcUser *self); /* falls back to username */

/* --- ZcLicence */
#define ZC_TYPE_LICENCE (zc_licence_get_type ())
G_DECLARE_FINAL_TYPE (ZcLicence, zc_licence, ZC, LICENCE, GObject)
ZcLicence  *zc_licence_new_from_json     (JsonNode *node, GError **error);
const char *zc_licence_get_licence_type  (ZcLicence *self); /* "id_card" … */
const char *zc_licence_get_number        (ZcLicence *self);
const char *zc_licence_get_holder        (ZcLicence *self);
const char *zc_licence_get_holder_name   (ZcLicence *self);
const char *zc_licence_get_issuer        (ZcLicence *self);
const GDate *zc_licence_get_issued_on    (ZcLicence *self);
const GDate *zc_licence_get_valid_until  (ZcLicence *self); /* NULL = unlimited */
gboolean    zc_licence_get_revoked       (ZcLicence *self);
gboolean    zc_licence_get_has_photo     (ZcLicence *self);
/* typed fields as strings (numbers/booleans rendered); NULL if absent */
const char *zc_licence_get_field         (ZcLicence *self, const char *field);
JsonObject *zc_licence_get_fields        (ZcLicence *self);
/* not revoked, issued on or before @date and not expired on @date */
gboolean    zc_licence_is_valid_on       (ZcLicence *self, const GDate *date);

/* --- ZcApplicant: {"key","kind","name",…,"licences":[…],"parties":[{"role","key","name"}]} */
#define ZC_TYPE_APPLICANT (zc_applicant_get_type ())
G_DECLARE_FINAL_TYPE (ZcApplicant, zc_applicant, ZC, APPLICANT, GObject)
ZcApplicant *zc_applicant_new_from_json  (JsonNode *node, GError **error);
/* Typed by hand (未核验): kind from @key (valid on @today), no licences;
 * NULL for an invalid key or an empty name */
ZcApplicant *zc_applicant_new_typed      (const char *key, const GDate *today, const char *name);
const char  *zc_applicant_get_key        (ZcApplicant *self);
const char  *zc_applicant_get_kind       (ZcApplicant *self); /* "person" | "enterprise" */
const char  *zc_applicant_get_name       (ZcApplicant *self);
const char  *zc_applicant_get_phone      (ZcApplicant *self); /* may be NULL */
const char  *zc_applicant_get_address    (ZcApplicant *self); /* may be NULL */
gboolean     zc_applicant_get_serious_credit_breach (ZcApplicant *self);
GListModel  *zc_applicant_get_licences   (ZcApplicant *self); /* of ZcLicence; empty in lists */
/* known parties: role → key (e.g. "spouse", "legal_representative") */
const char  *zc_applicant_get_party_key  (ZcApplicant *self, const char *role);
const char  *zc_applicant_get_party_name (ZcApplicant *self, const char *role); /* may be NULL */
JsonArray   *zc_applicant_get_parties    (ZcApplicant *self);

/* --- ZcTask */
#define ZC_TYPE_TASK (zc_task_get_type ())
G_DECLARE_FINAL_TYPE (ZcTask, zc_task, ZC, TASK, GObject)
ZcTask      *zc_task_new_from_json       (JsonNode *node, GError **error);
gint64       zc_task_get_id              (ZcTask *self);
gint64       zc_task_get_case_id         (ZcTask *self);
const char  *zc_task_get_case_number     (ZcTask *self); /* may be NULL */
const char  *zc_task_get_matter          (ZcTask *self);
const char  *zc_task_get_matter_name     (ZcTask *self);
const char  *zc_task_get_department      (ZcTask *self);
ZcTaskState  zc_task_get_state           (ZcTask *self);
const GDate *zc_task_get_due_date        (ZcTask *self); /* may be NULL */
gboolean     zc_task_get_due_provisional (ZcTask *self);
gboolean     zc_task_get_awaiting_supplement (ZcTask *self);
const char  *zc_task_get_reason          (ZcTask *self);

/* --- ZcCase */
#define ZC_TYPE_CASE (zc_case_get_type ())
G_DECLARE_FINAL_TYPE (ZcCase, zc_case, ZC, CASE, GObject)
ZcCase      *zc_case_new_from_json       (JsonNode *node, GError **error);
gint64       zc_case_get_id              (ZcCase *self);
const char  *zc_case_get_number          (ZcCase *self); /* NULL while draft */
const char  *zc_case_get_item            (ZcCase *self); /* catalogue code */
const char  *zc_case_get_item_name       (ZcCase *self);
const char  *zc_case_get_applicant       (ZcCase *self); /* key, full */
const char  *zc_case_get_applicant_name  (ZcCase *self); /* full */
const char  *zc_case_get_applicant_kind  (ZcCase *self);
ZcCaseState  zc_case_get_state           (ZcCase *self);
const char  *zc_case_get_window          (ZcCase *self);
const char  *zc_case_get_clerk           (ZcCase *self);
const char  *zc_case_get_clerk_display   (ZcCase *self); /* may be NULL */
const char  *zc_case_get_holder          (ZcCase *self); /* who is editing it; may be NULL */
const char  *zc_case_get_holder_display  (ZcCase *self); /* may be NULL */
const char  *zc_case_get_holder_window   (ZcCase *self); /* may be NULL */
JsonObject  *zc_case_get_field_sources   (ZcCase *self); /* key → origin; may be NULL */

/* The same as types (the UI reads these, not the JSON) */
typedef struct
{
  char     *kind;            /* "licence", "earlier_case", "computed" … */
  char     *licence_type;    /* of a licence, else NULL */
  char     *licence_number;
  char     *case_number;     /* of an earlier case, else NULL */
  char     *label;           /* a rule's statement, or NULL */
  gboolean  edited;          /* changed at the counter after it was prefilled */
} ZcCaseSource;

typedef struct
{
  char *code;
  char *state;               /* "pending", "received", "exempt", "deferred", "committed" */
  char *licence_type;        /* the licence that replaced it, or NULL */
  char *licence_number;
  char *note;
} ZcCaseMaterial;

typedef struct
{
  char *role;
  char *key;
  char *name;
} ZcCaseParty;

/* A 容缺 or 告知承诺 recorded on the case (the case's "commitments") */
typedef struct
{
  gint64     id;
  char      *kind;            /* "tolerance" or "commitment" */
  GStrv      materials;       /* material codes (never NULL) */
  char      *deadline;        /* YYYY-MM-DD or NULL */
  char      *state;
  char      *obligations;     /* what the applicant promised; may be NULL */
  char      *verification_method; /* written, online, on_site, public_notice or NULL */
  GDateTime *created_at;      /* may be NULL */
} ZcCaseCommitment;

const ZcCaseSource   *zc_case_get_source          (ZcCase *self, const char *key);
GPtrArray            *zc_case_get_commitments     (ZcCase *self); /* of ZcCaseCommitment, never NULL */
gboolean              zc_case_has_material_states (ZcCase *self);
/* the reception recorded them (not only a later commitment or supplement) */
gboolean              zc_case_has_reception_states (ZcCase *self);
const ZcCaseMaterial *zc_case_get_material        (ZcCase *self, const char *code);
GPtrArray            *zc_case_get_party_list      (ZcCase *self); /* of ZcCaseParty */
const char           *zc_case_get_form_value      (ZcCase *self, const char *key);
/* the catalogue material applies to this case (its matters, its parties) */
gboolean              zc_case_material_applies    (ZcCase *self, ZcMaterial *material);
JsonObject  *zc_case_get_materials       (ZcCase *self); /* code → state or {state,…}; may be NULL */
GDateTime   *zc_case_get_created_at      (ZcCase *self);
GDateTime   *zc_case_get_received_at     (ZcCase *self); /* may be NULL */
GDateTime   *zc_case_get_updated_at      (ZcCase *self);
const char * const *zc_case_get_matters  (ZcCase *self);
JsonObject  *zc_case_get_form            (ZcCase *self); /* may be NULL */
JsonArray   *zc_case_get_parties         (ZcCase *self); /* may be NULL */
JsonArray   *zc_case_get_commitments_json (ZcCase *self); /* Commitment objects as they came; may be NULL */
GListModel  *zc_case_get_tasks           (ZcCase *self); /* of ZcTask */
const char  *zc_case_get_reason          (ZcCase *self); /* last refusal/withdraw/return reason */
const char  *zc_case_get_key_override_reason (ZcCase *self); /* credit code accepted despite its check */
const char  *zc_case_get_applicant_typed_name (ZcCase *self); /* 未核验: typed by hand; NULL once verified */

/* --- ZcEvent (audit / case history) */
#define ZC_TYPE_EVENT (zc_event_get_type ())
G_DECLARE_FINAL_TYPE (ZcEvent, zc_event, ZC, EVENT, GObject)
ZcEvent     *zc_event_new_from_json      (JsonNode *node, GError **error);
gint64       zc_event_get_id             (ZcEvent *self);
GDateTime   *zc_event_get_at             (ZcEvent *self);
const char  *zc_event_get_actor          (ZcEvent *self);
const char  *zc_event_get_role           (ZcEvent *self);
const char  *zc_event_get_window         (ZcEvent *self);
const char  *zc_event_get_action         (ZcEvent *self); /* "case.create", "case.transition", … */
gint64       zc_event_get_case_id        (ZcEvent *self); /* 0 when none */
const char  *zc_event_get_from_state     (ZcEvent *self);
const char  *zc_event_get_to_state       (ZcEvent *self);
const char  *zc_event_get_reason         (ZcEvent *self);
const char  *zc_event_get_actor_name     (ZcEvent *self); /* display name, or NULL */
const char  *zc_event_get_department     (ZcEvent *self); /* of a department user, or NULL */
const char  *zc_event_get_matter_name    (ZcEvent *self); /* of a task event, or NULL */
const char  *zc_event_get_material_name  (ZcEvent *self); /* of a document.upload or material.state event, or NULL */
const char  *zc_event_get_document_kind  (ZcEvent *self); /* of a document.upload event ("material", "commitment_letter", …), or NULL */

G_END_DECLS
