/* zc-document-data.c — what a document of the window says, built once
 *
 * The receipt, the one-time notice and the refusal are printed at the
 * counter from the reception being made, and later from the case page
 * (a reprint). Both fill a ZcDocumentData here, with the same sub-matters
 * and the same materials by state, so a reprint says what the first print
 * said.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-document.h"
#include "zc-reception.h"

static char *
licence_short (const char *type,
               const char *number)
{
  g_autofree char *masked = NULL;
  const char *label = zc_licence_type_label (type);

  if (number == NULL)
    return g_strdup (label != NULL ? label : type);
  masked = zc_mask_licence_number (type, number);
  return g_strdup_printf ("%s %s", label != NULL ? label : type, masked);
}

/* The supplement deadline of a 容缺 material in working days: the
 * shortest time limit of the chosen sub-matters needing it, at most 10
 * (docs/domain.md: 5–10 working days, never beyond the matter's own time
 * limit), at least 1. @chosen NULL: the material's own sub-matters. */
static guint
supplement_days (ZcCatalogueItem    *item,
                 ZcMaterial         *material,
                 const char * const *chosen)
{
  const char * const *needing = zc_material_get_matters (material);
  guint days = 10;

  for (guint i = 0; item != NULL && needing != NULL && needing[i] != NULL; i++)
    {
      ZcMatter *m = zc_catalogue_item_find_matter (item, needing[i]);

      if (m == NULL || (chosen != NULL && !g_strv_contains (chosen, needing[i])))
        continue;
      days = MIN (days, zc_matter_get_time_limit_days (m));
    }
  return MAX (days, 1);
}

/* What a 容缺 or 承诺 material is, with its deadline (NULL for a
 * material simply to hand in) */
static char *
later_note (ZcCatalogueItem    *item,
            ZcMaterial         *material,
            ZcMaterialState     state,
            const char * const *chosen)
{
  gboolean tolerable = zc_material_get_tolerable (material);
  gboolean commitment = zc_material_get_commitment_allowed (material);
  guint days = supplement_days (item, material, chosen);

  if (state == ZC_MATERIAL_STATE_DEFERRED)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "accepted as missing: hand it in within %u working day of acceptance",
                                         "accepted as missing: hand it in within %u working days of acceptance",
                                         days), days);
  if (state == ZC_MATERIAL_STATE_PENDING && tolerable && !commitment)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "may be accepted as missing: hand it in within %u working day of acceptance",
                                         "may be accepted as missing: hand it in within %u working days of acceptance",
                                         days), days);
  if (state == ZC_MATERIAL_STATE_COMMITTED)
    return g_strdup (_("replaced by a written commitment signed at acceptance, verified afterwards"));
  if (state == ZC_MATERIAL_STATE_PENDING && commitment && !tolerable)
    return g_strdup (_("may be replaced by a written commitment signed at acceptance, verified afterwards"));
  if (state == ZC_MATERIAL_STATE_PENDING && commitment && tolerable)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "may be replaced by a written commitment signed at acceptance, or handed in within %u working day of acceptance",
                                         "may be replaced by a written commitment signed at acceptance, or handed in within %u working days of acceptance",
                                         days), days);
  return NULL;
}

/* A material not handed in: to the missing list (需提交) or, when it may
 * follow or be replaced by a commitment, to the later list */
static void
add_outstanding (ZcDocumentData     *data,
                 ZcCatalogueItem    *item,
                 ZcMaterial         *material,
                 ZcMaterialState     state,
                 const char * const *chosen)
{
  const char *party = zc_catalogue_item_get_party_label (item, zc_material_get_party (material));
  g_autofree char *note = later_note (item, material, state, chosen);

  zc_document_data_add_material (note != NULL ? data->later : data->missing,
                                 party, zc_material_get_name (material), note);
}

static void
add_material (ZcDocumentData  *data,
              const char      *name,
              ZcMaterialState  state,
              const char      *licence_type,
              const char      *licence_number)
{
  switch (state)
    {
    case ZC_MATERIAL_STATE_RECEIVED:
      g_ptr_array_add (data->materials_received, g_strdup (name));
      break;
    case ZC_MATERIAL_STATE_EXEMPT:
      if (licence_type != NULL)
        {
          g_autofree char *lic = licence_short (licence_type, licence_number);

          g_ptr_array_add (data->materials_exempt, g_strdup_printf ("%s（%s）", name, lic));
        }
      else
        g_ptr_array_add (data->materials_exempt, g_strdup (name));
      break;
    case ZC_MATERIAL_STATE_DEFERRED:
      g_ptr_array_add (data->materials_pending,
                       g_strdup_printf (_("%s — tolerated, to be supplied later"), name));
      break;
    case ZC_MATERIAL_STATE_COMMITTED:
      g_ptr_array_add (data->materials_pending,
                       g_strdup_printf (_("%s — replaced by a written commitment"), name));
      break;
    case ZC_MATERIAL_STATE_PENDING:
    default:
      g_ptr_array_add (data->materials_pending,
                       g_strdup_printf (_("%s — to be handed in"), name));
      break;
    }
}

/**
 * zc_document_data_set_tasks:
 * @tasks: (nullable): the case's tasks (ZcTask)
 *
 * Replaces the sub-matters by the platform's tasks, with their due dates.
 * Does nothing without tasks (a case not yet received).
 */
void
zc_document_data_set_tasks (ZcDocumentData *data,
                            GListModel     *tasks)
{
  g_return_if_fail (data != NULL);

  if (tasks == NULL || g_list_model_get_n_items (tasks) == 0)
    return;
  g_ptr_array_set_size (data->matters, 0);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(ZcTask) t = g_list_model_get_item (tasks, i);
      const GDate *due = zc_task_get_due_date (t);
      g_autofree char *due_iso = due != NULL && g_date_valid (due) ? zc_date_to_iso (due) : NULL;

      zc_document_data_add_matter (data, zc_task_get_matter_name (t), zc_task_get_department (t),
                                   due_iso, zc_task_get_due_provisional (t));
    }
}

/**
 * zc_document_data_new_for_reception:
 * @user: (nullable): the clerk at the window
 * @case_number: (nullable): the number once the platform gave one
 * @local_ref: (nullable): the counter's reference until then
 *
 * The document of the reception being made: its chosen sub-matters with
 * their time limits, its materials (only those that apply) by state.
 */
ZcDocumentData *
zc_document_data_new_for_reception (ZcDocumentKind  kind,
                                    ZcReception    *reception,
                                    ZcUser         *user,
                                    const char     *case_number,
                                    const char     *local_ref)
{
  ZcDocumentData *data;
  ZcCatalogueItem *item;
  g_auto(GStrv) matters = NULL;
  GListModel *materials;

  g_return_val_if_fail (ZC_IS_RECEPTION (reception), NULL);

  data = zc_document_data_new (kind);
  item = zc_reception_get_item (reception);
  data->case_number = g_strdup (case_number);
  data->local_ref = g_strdup (local_ref);
  data->applicant_name = g_strdup (zc_applicant_get_name (zc_reception_get_applicant (reception)));
  data->applicant_key = g_strdup (zc_applicant_get_key (zc_reception_get_applicant (reception)));
  data->item_name = g_strdup (zc_catalogue_item_get_name (item));
  data->issued_at = zc_date_time_now_china ();
  if (user != NULL)
    {
      data->window = g_strdup (zc_user_get_window (user));
      data->clerk = g_strdup (zc_user_get_display_name (user));
    }

  matters = zc_reception_dup_chosen_matters (reception);
  for (guint i = 0; matters != NULL && matters[i] != NULL; i++)
    {
      ZcMatter *m = zc_catalogue_item_find_matter (item, matters[i]);
      g_autofree char *limit = NULL;

      if (m == NULL)
        continue;
      /* the platform sets the due date in working days on the calendar;
       * until the number comes back the receipt states the time limit */
      limit = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "within %u working day", "within %u working days",
                                            zc_matter_get_time_limit_days (m)),
                               zc_matter_get_time_limit_days (m));
      zc_document_data_add_matter (data, zc_matter_get_name (m), zc_matter_get_department (m), limit, FALSE);
    }

  /* the list of the reception: each material once, only what applies */
  materials = zc_reception_get_materials (reception);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcLicence *licence = zc_reception_material_get_licence (rm);
      ZcMaterial *m = zc_reception_material_get_material (rm);
      ZcMaterialState state = zc_reception_material_get_state (rm);

      if (state == ZC_MATERIAL_STATE_PENDING || state == ZC_MATERIAL_STATE_DEFERRED ||
          state == ZC_MATERIAL_STATE_COMMITTED)
        add_outstanding (data, item, m, state, (const char * const *) matters);
      else
        add_material (data, zc_material_get_name (m), state,
                      licence != NULL ? zc_licence_get_licence_type (licence) : NULL,
                      licence != NULL ? zc_licence_get_number (licence) : NULL);
    }
  return data;
}

/* The clerk as the letters name them: @clerk_name when the caller knows
 * it, else the display name the platform gives, its username last */
static char *
case_clerk (ZcCase     *kase,
            const char *clerk_name)
{
  if (clerk_name != NULL)
    return g_strdup (clerk_name);
  if (zc_case_get_clerk_display (kase) != NULL && *zc_case_get_clerk_display (kase) != '\0')
    return g_strdup (zc_case_get_clerk_display (kase));
  return g_strdup (zc_case_get_clerk (kase));
}

gboolean
zc_document_case_has_kind (ZcCase          *kase,
                           ZcDocumentKind   kind,
                           GError         **error)
{
  ZcCaseState state;

  g_return_val_if_fail (ZC_IS_CASE (kase), FALSE);

  state = zc_case_get_state (kase);
  if (kind == ZC_DOCUMENT_RECEIPT &&
      (state == ZC_CASE_STATE_DRAFT || state == ZC_CASE_STATE_NOT_ACCEPTED))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This case was not received: it has no reception receipt"));
      return FALSE;
    }
  if (kind == ZC_DOCUMENT_REFUSAL && state != ZC_CASE_STATE_NOT_ACCEPTED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This case was not refused: it has no refusal notice"));
      return FALSE;
    }
  return TRUE;
}

/**
 * zc_document_data_new_for_case:
 * @item: (nullable): the case's catalogue item (without it, no materials)
 * @clerk_name: (nullable): the clerk's name as people know it (NULL:
 *   the case's clerk by display name)
 *
 * The document of a case already made (a reprint from the case page):
 * the platform's tasks and due dates, and the materials that apply to
 * the case by the state recorded at the counter — as the first print.
 */
ZcDocumentData *
zc_document_data_new_for_case (ZcDocumentKind   kind,
                               ZcCase          *kase,
                               ZcCatalogueItem *item,
                               const char      *clerk_name)
{
  ZcDocumentData *data;
  g_autoptr(GHashTable) seen = NULL;
  GListModel *materials;

  g_return_val_if_fail (ZC_IS_CASE (kase), NULL);

  data = zc_document_data_new (kind);
  data->case_number = g_strdup (zc_case_get_number (kase));
  data->applicant_name = g_strdup (zc_case_get_applicant_name (kase));
  data->applicant_key = g_strdup (zc_case_get_applicant (kase));
  data->item_name = g_strdup (zc_case_get_item_name (kase));
  data->window = g_strdup (zc_case_get_window (kase));
  data->clerk = case_clerk (kase, clerk_name);
  data->reason = g_strdup (zc_case_get_reason (kase));
  data->issued_at = zc_date_time_now_china ();
  zc_document_data_set_tasks (data, zc_case_get_tasks (kase));

  if (item == NULL || !zc_case_has_material_states (kase))
    return data;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  materials = zc_catalogue_item_get_materials (item);
  for (guint i = 0; materials != NULL && i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcMaterial) m = g_list_model_get_item (materials, i);
      const ZcCaseMaterial *cm;
      ZcMaterialState state = ZC_MATERIAL_STATE_PENDING;

      /* each material once, only what applies (docs/domain.md, rule 1) */
      if (!zc_case_material_applies (kase, m) || !g_hash_table_add (seen, (gpointer) zc_material_get_code (m)))
        continue;
      cm = zc_case_get_material (kase, zc_material_get_code (m));
      /* what the reception recorded nothing of is not printed as owed */
      if (cm == NULL && !zc_case_has_reception_states (kase))
        continue;
      if (cm != NULL && !zc_material_state_parse (cm->state, &state))
        state = ZC_MATERIAL_STATE_PENDING;
      if (state == ZC_MATERIAL_STATE_PENDING || state == ZC_MATERIAL_STATE_DEFERRED ||
          state == ZC_MATERIAL_STATE_COMMITTED)
        {
          add_outstanding (data, item, m, state, zc_case_get_matters (kase));
          continue;
        }
      add_material (data, zc_material_get_name (m), state,
                    cm != NULL && cm->licence_type != NULL ? cm->licence_type
                      : (state == ZC_MATERIAL_STATE_EXEMPT ? zc_material_get_replaced_by (m) : NULL),
                    cm != NULL ? cm->licence_number : NULL);
    }
  return data;
}

/**
 * zc_document_data_add_commitment_text:
 * @item: the catalogue item
 * @chosen: (nullable): the case's chosen sub-matter codes (NULL or empty: all)
 * @materials: the committed material codes
 *
 * The text of a 告知承诺书: the `commitment_template` of each chosen
 * sub-matter needing one of @materials, once each (conditions joined,
 * commitments appended to @data's obligations, the first consequences).
 */
void
zc_document_data_add_commitment_text (ZcDocumentData     *data,
                                      ZcCatalogueItem    *item,
                                      const char * const *chosen,
                                      const char * const *materials)
{
  g_autoptr(GString) conditions = g_string_new (NULL);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (data != NULL);
  g_return_if_fail (ZC_IS_CATALOGUE_ITEM (item));

  for (guint i = 0; materials != NULL && materials[i] != NULL; i++)
    {
      ZcMaterial *m = zc_catalogue_item_find_material (item, materials[i]);
      const char * const *needing = m != NULL ? zc_material_get_matters (m) : NULL;

      for (guint j = 0; needing != NULL && needing[j] != NULL; j++)
        {
          ZcMatter *matter = zc_catalogue_item_find_matter (item, needing[j]);
          const char *cond = NULL, *consequences = NULL;
          const char * const *commitments = NULL;

          if (matter == NULL || (chosen != NULL && chosen[0] != NULL && !g_strv_contains (chosen, needing[j])) ||
              !g_hash_table_add (used, (gpointer) needing[j]) ||
              !zc_matter_get_commitment_template (matter, &cond, &commitments, &consequences))
            continue;
          if (conditions->len > 0)
            g_string_append_c (conditions, '\n');
          g_string_append (conditions, cond);
          for (guint k = 0; commitments != NULL && commitments[k] != NULL; k++)
            g_ptr_array_add (data->obligations, g_strdup (commitments[k]));
          if (data->consequences == NULL)
            data->consequences = g_strdup (consequences);
        }
    }
  if (conditions->len > 0)
    {
      g_free (data->conditions);
      data->conditions = g_strdup (conditions->str);
    }
}

/**
 * zc_document_data_new_for_commitment:
 * @kind: ZC_DOCUMENT_TOLERANCE_REQUEST or _TOLERANCE_NOTICE for a
 *   "tolerance", ZC_DOCUMENT_COMMITMENT for a "commitment"
 * @commitment: one of zc_case_get_commitments (@kase)
 * @item: (nullable): the case's catalogue item (material names, parties)
 * @clerk_name: (nullable)
 *
 * A signed document of a commitment already recorded (a reprint): its
 * materials with their deadline, its obligations; dated the day it was
 * made (or today by the clock when the platform did not say). The
 * signature is not on the platform: "（签名见附件）".
 */
ZcDocumentData *
zc_document_data_new_for_commitment (ZcDocumentKind          kind,
                                     ZcCase                 *kase,
                                     const ZcCaseCommitment *commitment,
                                     ZcCatalogueItem        *item,
                                     const char             *clerk_name)
{
  ZcDocumentData *data;
  g_autofree char *note = NULL;

  g_return_val_if_fail (ZC_IS_CASE (kase), NULL);
  g_return_val_if_fail (commitment != NULL, NULL);

  data = zc_document_data_new (kind);
  data->case_number = g_strdup (zc_case_get_number (kase));
  data->applicant_name = g_strdup (zc_case_get_applicant_name (kase));
  data->applicant_key = g_strdup (zc_case_get_applicant (kase));
  data->item_name = g_strdup (zc_case_get_item_name (kase));
  data->window = g_strdup (zc_case_get_window (kase));
  data->clerk = case_clerk (kase, clerk_name);
  data->issued_at = commitment->created_at != NULL ? g_date_time_ref (commitment->created_at)
                                                   : zc_date_time_now_china ();
  data->deadline = g_strdup (commitment->deadline);
  zc_document_data_set_tasks (data, zc_case_get_tasks (kase));

  if (kind == ZC_DOCUMENT_COMMITMENT)
    note = g_strdup (_("replaced by this commitment"));
  else if (commitment->deadline != NULL)
    /* TRANSLATORS: the deadline of a material accepted as missing */
    note = g_strdup_printf (_("to be supplied by %s"), commitment->deadline);
  else
    note = g_strdup (_("to be supplied"));

  for (guint i = 0; commitment->materials[i] != NULL; i++)
    {
      ZcMaterial *m = item != NULL ? zc_catalogue_item_find_material (item, commitment->materials[i]) : NULL;
      const char *party = m != NULL ? zc_catalogue_item_get_party_label (item, zc_material_get_party (m)) : NULL;

      zc_document_data_add_material (data->later, party,
                                     m != NULL ? zc_material_get_name (m) : commitment->materials[i],
                                     note);
    }

  /* the text of the letter: the templates of the chosen sub-matters
   * needing a committed material (data/catalogue.json) */
  if (kind == ZC_DOCUMENT_COMMITMENT && item != NULL)
    zc_document_data_add_commitment_text (data, item, zc_case_get_matters (kase),
                                          (const char * const *) commitment->materials);

  if (kind == ZC_DOCUMENT_COMMITMENT && commitment->obligations != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (commitment->obligations, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_strstrip (lines[i]);
          if (lines[i][0] != '\0')
            g_ptr_array_add (data->obligations, g_strdup (lines[i]));
        }
    }
  return data;
}
