/* zc-reception-ranges.c — date ranges of the merged form
 *
 * A date field whose catalogue entry names "not_before" ends a range
 * that field starts (核查期间起 … 止, 处罚决定日期 … 整改完成日期): the
 * end may not precede the start. The error sits on the field of the
 * pair the clerk typed last (the end when neither was typed), so that
 * it shows where it was typed and the problem list leads there; the
 * other field of the pair stays clear. Nothing is said while either
 * value is empty or not a date yet (the value's own error says that).
 * The server, zcctl and the app share it through ZcReception.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-calendar.h"
#include "zc-reception-private.h"

/* The date a field's value stands for, in whichever form it was taken
 * (full-width digits, slashes, no leading zeros, spaces): a case sent
 * by another client keeps the value as sent, and the range is checked
 * on that case too. */
static gboolean
field_date (ZcReception      *self,
            ZcReceptionField *rf,
            GDate            *date)
{
  g_autofree char *normalized = NULL;

  g_date_clear (date, 1);
  return rf != NULL && zc_reception_field_get_applicable (rf) &&
         zc_form_field_validate_value (zc_reception_field_get_field (rf), zc_reception_field_get_value (rf),
                                       zc_reception_get_date (self), &normalized, NULL) &&
         zc_date_parse_iso (normalized, date);
}

void
_zc_reception_check_ranges (ZcReception *self)
{
  GListModel *fields = zc_reception_get_fields (self);
  guint n = g_list_model_get_n_items (fields);
  g_autoptr(GHashTable) errors = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                        (GDestroyNotify) g_error_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcReceptionField) end = g_list_model_get_item (fields, i);
      ZcFormField *field = zc_reception_field_get_field (end);
      const char *start_key = zc_form_field_get_not_before (field);
      ZcReceptionField *start;
      GDate from, to;
      g_autofree char *from_iso = NULL;
      g_autofree char *to_iso = NULL;

      if (start_key == NULL)
        continue;
      start = zc_reception_find_field (self, start_key);
      if (!field_date (self, end, &to) || !field_date (self, start, &from) || g_date_compare (&to, &from) >= 0)
        continue;
      from_iso = zc_date_to_iso (&from);
      to_iso = zc_date_to_iso (&to);
      if (zc_reception_field_get_typed_serial (start) > zc_reception_field_get_typed_serial (end))
        g_hash_table_replace (errors, start,
                              g_error_new (ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE,
                                           /* Translators: a range's start typed after its end; the end's label and date */
                                           _("Cannot be after %s (%s)"),
                                           zc_form_field_get_label (field), to_iso));
      else
        g_hash_table_replace (errors, end,
                              g_error_new (ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE,
                                           /* Translators: a range's end before its start; the start's label and date */
                                           _("Cannot be before %s (%s)"),
                                           zc_form_field_get_label (zc_reception_field_get_field (start)),
                                           from_iso));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);

      zc_reception_field_set_range_error (rf, g_hash_table_lookup (errors, rf));
    }
}
