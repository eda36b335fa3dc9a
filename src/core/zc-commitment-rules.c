/* zc-commitment-rules.c — when 容缺 and 告知承诺 are allowed, and their dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "zc-commitment-rules.h"

G_DEFINE_QUARK (zc-commitment-error-quark, zc_commitment_error)

static const char *const error_names[] = {
  [ZC_COMMITMENT_ERROR_NOT_TOLERABLE] = "not_tolerable",
  [ZC_COMMITMENT_ERROR_MATERIAL_NOT_ELIGIBLE] = "material_not_eligible",
  [ZC_COMMITMENT_ERROR_MATTER_NOT_ELIGIBLE] = "matter_not_eligible",
  [ZC_COMMITMENT_ERROR_CREDIT_BREACH] = "credit_breach",
  [ZC_COMMITMENT_ERROR_FALSE_COMMITMENT] = "false_commitment",
  [ZC_COMMITMENT_ERROR_NO_DEADLINE] = "no_deadline",
  [ZC_COMMITMENT_ERROR_DEADLINE_PAST] = "deadline_past",
  [ZC_COMMITMENT_ERROR_DEADLINE_BEYOND_LIMIT] = "deadline_beyond_limit",
  [ZC_COMMITMENT_ERROR_NOT_NEEDED] = "material_not_needed",
  [ZC_COMMITMENT_ERROR_CALENDAR] = "calendar",
  [ZC_COMMITMENT_ERROR_DEADLINE_CLOSED] = "deadline_not_working_day",
};

static const char *const kind_names[] = {
  [ZC_COMMITMENT_KIND_TOLERANCE] = "tolerance",
  [ZC_COMMITMENT_KIND_COMMITMENT] = "commitment",
};

static const char *const state_names[] = {
  [ZC_COMMITMENT_STATE_OPEN] = "open",
  [ZC_COMMITMENT_STATE_FULFILLED] = "fulfilled",
  [ZC_COMMITMENT_STATE_OVERDUE] = "overdue",
  [ZC_COMMITMENT_STATE_VERIFIED] = "verified",
  [ZC_COMMITMENT_STATE_BREACHED] = "breached",
  [ZC_COMMITMENT_STATE_CANCELLED] = "cancelled",
};

static const char *const method_names[] = {
  [ZC_VERIFICATION_METHOD_WRITTEN] = "written",
  [ZC_VERIFICATION_METHOD_ONLINE] = "online",
  [ZC_VERIFICATION_METHOD_ON_SITE] = "on_site",
  [ZC_VERIFICATION_METHOD_PUBLIC_NOTICE] = "public_notice",
};

static int
index_of (const char *const *names,
          guint              n,
          const char        *str)
{
  if (str == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    if (names[i] != NULL && strcmp (names[i], str) == 0)
      return (int) i;
  return -1;
}

const char *
zc_commitment_error_to_string (ZcCommitmentError code)
{
  if ((guint) code >= G_N_ELEMENTS (error_names))
    return "invalid_request";
  return error_names[code];
}

const char *
zc_commitment_kind_to_string (ZcCommitmentKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return NULL;
  return kind_names[kind];
}

ZcCommitmentKind
zc_commitment_kind_from_string (const char *str)
{
  return (ZcCommitmentKind) index_of (kind_names, G_N_ELEMENTS (kind_names), str);
}

const char *
zc_commitment_kind_label (ZcCommitmentKind kind)
{
  switch (kind)
    {
    case ZC_COMMITMENT_KIND_TOLERANCE:  return _("Tolerated acceptance (容缺受理)");
    case ZC_COMMITMENT_KIND_COMMITMENT: return _("Notification and commitment (告知承诺)");
    case ZC_COMMITMENT_KIND_INVALID:
    default:                            return NULL;
    }
}

const char *
zc_commitment_state_to_string (ZcCommitmentState state)
{
  if ((guint) state >= G_N_ELEMENTS (state_names))
    return NULL;
  return state_names[state];
}

ZcCommitmentState
zc_commitment_state_from_string (const char *str)
{
  return (ZcCommitmentState) index_of (state_names, G_N_ELEMENTS (state_names), str);
}

const char *
zc_commitment_state_label (ZcCommitmentState state)
{
  switch (state)
    {
    case ZC_COMMITMENT_STATE_OPEN:      return _("Open");
    case ZC_COMMITMENT_STATE_FULFILLED: return _("Fulfilled");
    case ZC_COMMITMENT_STATE_OVERDUE:   return _("Overdue");
    case ZC_COMMITMENT_STATE_VERIFIED:  return _("Verified");
    case ZC_COMMITMENT_STATE_BREACHED:  return _("Breached");
    case ZC_COMMITMENT_STATE_CANCELLED: return _("Cancelled");
    case ZC_COMMITMENT_STATE_INVALID:
    default:                            return NULL;
    }
}

const char *
zc_commitment_shown_state_label (ZcCommitmentKind  kind,
                                 ZcCommitmentState state,
                                 gboolean          verification_due)
{
  if (kind == ZC_COMMITMENT_KIND_COMMITMENT && state == ZC_COMMITMENT_STATE_OPEN && verification_due)
    /* Translators: an open 告知承诺 whose 事后核查 is scheduled: 待核查 */
    return _("Awaiting verification");
  return zc_commitment_state_label (state);
}

const char *
zc_verification_method_to_string (ZcVerificationMethod method)
{
  if ((guint) method >= G_N_ELEMENTS (method_names))
    return NULL;
  return method_names[method];
}

ZcVerificationMethod
zc_verification_method_from_string (const char *str)
{
  return (ZcVerificationMethod) index_of (method_names, G_N_ELEMENTS (method_names), str);
}

const char *
zc_verification_method_label (ZcVerificationMethod method)
{
  switch (method)
    {
    case ZC_VERIFICATION_METHOD_WRITTEN:       return _("Written check (书面核查)");
    case ZC_VERIFICATION_METHOD_ONLINE:        return _("Online verification (网络核验)");
    case ZC_VERIFICATION_METHOD_ON_SITE:       return _("On-site inspection (实地调查)");
    case ZC_VERIFICATION_METHOD_PUBLIC_NOTICE: return _("Public notice (公示核查)");
    case ZC_VERIFICATION_METHOD_INVALID:
    default:                                   return NULL;
    }
}

static gboolean
is_chosen (const char * const *chosen,
           const char         *code)
{
  return chosen != NULL && g_strv_contains (chosen, code);
}

/* the chosen sub-matters that need @material, in catalogue order */
static GPtrArray *
needing_matters (ZcCatalogueItem    *item,
                 ZcMaterial         *material,
                 const char * const *chosen)
{
  GPtrArray *matters = g_ptr_array_new ();
  const char * const *codes = zc_material_get_matters (material);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      ZcMatter *matter = zc_catalogue_item_find_matter (item, codes[i]);

      if (matter != NULL && is_chosen (chosen, codes[i]))
        g_ptr_array_add (matters, matter);
    }
  return matters;
}

gboolean
zc_commitment_check_eligible (ZcCommitmentKind     kind,
                              ZcCatalogueItem     *item,
                              ZcMaterial          *material,
                              const char * const  *chosen,
                              const ZcCreditFacts *credit,
                              GError             **error)
{
  g_autoptr(GPtrArray) matters = NULL;
  const char *name;
  gboolean matter_allows = FALSE;

  g_return_val_if_fail (ZC_IS_CATALOGUE_ITEM (item), FALSE);
  g_return_val_if_fail (ZC_IS_MATERIAL (material), FALSE);

  name = zc_material_get_name (material);
  matters = needing_matters (item, material, chosen);
  if (matters->len == 0)
    {
      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_NOT_NEEDED,
                   _("No chosen sub-matter needs “%s”"), name);
      return FALSE;
    }

  if (kind == ZC_COMMITMENT_KIND_TOLERANCE)
    {
      if (!zc_material_get_tolerable (material))
        {
          g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_NOT_TOLERABLE,
                       _("“%s” is not marked as tolerable (可容缺) in the catalogue: it is needed at reception"),
                       name);
          return FALSE;
        }
      return TRUE;
    }
  if (kind != ZC_COMMITMENT_KIND_COMMITMENT)
    {
      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_MATERIAL_NOT_ELIGIBLE,
                   _("Unknown kind of commitment"));
      return FALSE;
    }

  for (guint i = 0; i < matters->len; i++)
    {
      ZcMatter *matter = g_ptr_array_index (matters, i);

      switch (zc_matter_get_commitment (matter))
        {
        case ZC_MATTER_COMMITMENT_EXCLUDED:
          g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_MATTER_NOT_ELIGIBLE,
                       _("The sub-matter “%s” does not allow notification and commitment (告知承诺): “%s” must be handed in"),
                       zc_matter_get_name (matter), name);
          return FALSE;
        case ZC_MATTER_COMMITMENT_ALLOWED:
          matter_allows = TRUE;
          break;
        case ZC_MATTER_COMMITMENT_UNSTATED:
        default:
          break;
        }
    }
  if (!zc_material_get_commitment_allowed (material) && !matter_allows)
    {
      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_MATERIAL_NOT_ELIGIBLE,
                   _("A commitment (告知承诺) cannot replace “%s”: the catalogue does not allow it"),
                   name);
      return FALSE;
    }
  if (credit != NULL && credit->serious_breach)
    {
      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_CREDIT_BREACH,
                   _("The applicant has a serious credit breach on record: notification and commitment (告知承诺) is not open to them until it is repaired"));
      return FALSE;
    }
  if (credit != NULL && credit->false_commitment)
    {
      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_FALSE_COMMITMENT,
                   _("The applicant made a false commitment before: notification and commitment (告知承诺) is not open to them until it is repaired"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
calendar_failed (GError  *cause,
                 GError **error)
{
  g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_CALENDAR,
               _("The deadline cannot be computed: %s"), cause->message);
  g_error_free (cause);
  return FALSE;
}

gboolean
zc_commitment_deadline_limit (ZcCalendar          *calendar,
                              ZcCatalogueItem     *item,
                              ZcMaterial          *material,
                              const char * const  *chosen,
                              const GDate         *reception,
                              GDate               *limit,
                              gboolean            *provisional,
                              GError             **error)
{
  g_autoptr(GPtrArray) matters = NULL;
  guint days = G_MAXUINT;
  GError *local = NULL;

  g_return_val_if_fail (ZC_IS_CALENDAR (calendar), FALSE);
  g_return_val_if_fail (reception != NULL && g_date_valid (reception), FALSE);

  matters = needing_matters (item, material, chosen);
  if (matters->len == 0)
    {
      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_NOT_NEEDED,
                   _("No chosen sub-matter needs “%s”"), zc_material_get_name (material));
      return FALSE;
    }
  for (guint i = 0; i < matters->len; i++)
    days = MIN (days, zc_matter_get_time_limit_days (g_ptr_array_index (matters, i)));

  if (provisional != NULL)
    *provisional = FALSE;
  if (!zc_calendar_add_working_days (calendar, reception, days, limit, provisional, &local))
    return calendar_failed (local, error);
  return TRUE;
}

gboolean
zc_commitment_check_deadline (ZcCalendar          *calendar,
                              ZcCatalogueItem     *item,
                              ZcMaterial          *material,
                              const char * const  *chosen,
                              const GDate         *reception,
                              const GDate         *deadline,
                              GError             **error)
{
  GDate limit;
  gboolean working = TRUE;

  if (deadline == NULL || !g_date_valid (deadline))
    {
      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_NO_DEADLINE,
                   _("A tolerated material (容缺) needs a deadline by which it is supplied"));
      return FALSE;
    }
  if (g_date_compare (deadline, reception) <= 0)
    {
      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_DEADLINE_PAST,
                   _("The deadline must be after the day of reception"));
      return FALSE;
    }
  g_date_clear (&limit, 1);
  if (!zc_commitment_deadline_limit (calendar, item, material, chosen, reception,
                                     &limit, NULL, error))
    return FALSE;
  if (g_date_compare (deadline, &limit) > 0)
    {
      g_autofree char *text = zc_date_to_iso (&limit);

      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_DEADLINE_BEYOND_LIMIT,
                   _("The deadline for “%s” is beyond the time limit of its sub-matter: %s at the latest"),
                   zc_material_get_name (material), text);
      return FALSE;
    }
  /* the applicant supplies at the window: a Saturday, Sunday or holiday
   * (调休 counted) is a day it is closed */
  if (zc_calendar_is_working_day (calendar, deadline, &working, NULL, NULL) && !working)
    {
      g_autofree char *text = zc_date_to_iso (deadline);

      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_DEADLINE_CLOSED,
                   _("%s is not a working day: the window is closed then. Pick a working day."), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
zc_commitment_check_time_left (ZcCalendar          *calendar,
                               ZcCatalogueItem     *item,
                               ZcMaterial          *material,
                               const char * const  *chosen,
                               const GDate         *reception,
                               const GDate         *today,
                               GError             **error)
{
  GDate limit;

  g_date_clear (&limit, 1);
  if (!zc_commitment_deadline_limit (calendar, item, material, chosen, reception, &limit, NULL, error))
    return FALSE;
  if (g_date_compare (&limit, today) <= 0)
    {
      g_autofree char *text = zc_date_to_iso (&limit);

      g_set_error (error, ZC_COMMITMENT_ERROR, ZC_COMMITMENT_ERROR_DEADLINE_BEYOND_LIMIT,
                   _("The time limit of its sub-matter ran out on %s: it can no longer be accepted as missing"),
                   text);
      return FALSE;
    }
  return TRUE;
}

gboolean
zc_commitment_propose_deadline (ZcCalendar         *calendar,
                                ZcCatalogueItem    *item,
                                ZcMaterial         *material,
                                const char * const *chosen,
                                const GDate        *reception,
                                guint               n,
                                GDate              *deadline,
                                gboolean           *provisional,
                                GError            **error)
{
  GDate limit, wanted;
  gboolean p1 = FALSE, p2 = FALSE;
  GError *local = NULL;

  g_date_clear (&limit, 1);
  g_date_clear (&wanted, 1);
  if (!zc_commitment_deadline_limit (calendar, item, material, chosen, reception,
                                     &limit, &p1, error))
    return FALSE;
  if (!zc_calendar_add_working_days (calendar, reception, n, &wanted, &p2, &local))
    return calendar_failed (local, error);
  *deadline = g_date_compare (&wanted, &limit) <= 0 ? wanted : limit;
  if (provisional != NULL)
    *provisional = g_date_compare (&wanted, &limit) <= 0 ? p2 : p1;
  return TRUE;
}

gboolean
zc_commitment_verification_due (ZcCalendar  *calendar,
                                const GDate *approved,
                                guint        n,
                                GDate       *due,
                                gboolean    *provisional,
                                GError     **error)
{
  GError *local = NULL;

  if (!zc_calendar_add_working_days (calendar, approved, n, due, provisional, &local))
    return calendar_failed (local, error);
  return TRUE;
}

gboolean
zc_commitment_due_soon_limit (ZcCalendar  *calendar,
                              const GDate *today,
                              GDate       *limit,
                              gboolean    *provisional,
                              GError     **error)
{
  GError *local = NULL;

  if (!zc_calendar_add_working_days (calendar, today, ZC_COMMITMENT_DUE_SOON_DAYS, limit, provisional, &local))
    return calendar_failed (local, error);
  return TRUE;
}

ZcCommitmentState
zc_commitment_state_on (ZcCommitmentState state,
                        const GDate      *deadline,
                        const GDate      *today)
{
  if (state == ZC_COMMITMENT_STATE_OPEN && deadline != NULL && g_date_valid (deadline) &&
      today != NULL && g_date_valid (today) && g_date_compare (today, deadline) > 0)
    return ZC_COMMITMENT_STATE_OVERDUE;
  return state;
}
