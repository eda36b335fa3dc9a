/* zc-text-find.c — identifiers, names and dates in a page's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-id.h"
#include "zc-text-find.h"

#define ID_LENGTH 18
#define LABEL_CHARS 8
/* an OCR character read at least this surely is what the paper says */
#define SURE_CONFIDENCE 0.90f

/* longest first: 经营者名称 before 名称 */
static const char * const name_labels[] = {
  "经营者名称", "户主姓名", "法定代表人", "姓名", "名称", "持证人", "权利人", "经营者",
  "申请人", "持卡人", NULL
};

const char * const *
zc_text_find_name_labels (void)
{
  return name_labels;
}

void
zc_found_free (ZcFound *self)
{
  if (self == NULL)
    return;
  g_free (self->value);
  g_free (self->read);
  g_free (self->label);
  g_free (self);
}

static ZcFound *
found_new (const ZcPageText *page,
           ZcFoundKind       kind,
           const char       *text,
           gsize             start_byte,
           gsize             end_byte)
{
  ZcFound *f = g_new0 (ZcFound, 1);

  f->kind = kind;
  f->page = page->page;
  f->read = g_strndup (text + start_byte, end_byte - start_byte);
  f->start = (guint) g_utf8_pointer_to_offset (text, text + start_byte);
  f->end = (guint) g_utf8_pointer_to_offset (text, text + end_byte);
  f->confidence = zc_page_text_get_confidence (page, f->start, f->end);
  f->repair = ZC_REPAIR_INTACT;
  zc_page_text_get_box (page, f->start, f->end, &f->box);
  return f;
}

/* The last few words before @start_byte on its line: spaces, colons and
 * brackets trimmed; NULL when there are none */
static char *
label_before (const char *text,
              gsize       start_byte)
{
  const char *line = text + start_byte;
  g_autofree char *before = NULL;
  g_autoptr(GString) label = NULL;
  glong n;

  while (line > text && line[-1] != '\n')
    line--;
  before = g_strndup (line, text + start_byte - line);
  g_strstrip (before);
  label = g_string_new (before);
  /* trailing colons and spaces */
  while (label->len > 0)
    {
      const char *last = g_utf8_find_prev_char (label->str, label->str + label->len);
      gunichar c = g_utf8_get_char (last);

      if (c != ':' && c != 0xFF1A /* ： */ && !g_unichar_isspace (c))
        break;
      g_string_truncate (label, last - label->str);
    }
  n = g_utf8_strlen (label->str, -1);
  if (n == 0)
    return NULL;
  if (n > LABEL_CHARS)
    return g_strdup (g_utf8_offset_to_pointer (label->str, n - LABEL_CHARS));
  return g_strdup (label->str);
}

/* @repaired differs from @read only where @read has a character its
 * alphabet never has (O in a credit code, a letter in an ID number) */
static gboolean
changed_only_where_forced (const char *read,
                           const char *repaired,
                           gboolean    resident_id)
{
  static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  for (guint i = 0; i < ID_LENGTH; i++)
    {
      char c = g_ascii_toupper (read[i]);
      gboolean allowed = resident_id ? (g_ascii_isdigit (c) || (i == ID_LENGTH - 1 && c == 'X'))
                                     : (c != '\0' && strchr (uscc_alphabet, c) != NULL);

      if (c != repaired[i] && allowed)
        return FALSE;
    }
  return TRUE;
}

/* A repair may change a character the identifier's alphabet allows only
 * where OCR was unsure of it, or where it read a letter for a digit
 * (Tesseract's eng model likes letters: B for 8, sure of itself). A digit
 * read surely is what the paper says: a paper with one wrong digit is
 * not repaired into the right number. @start: the identifier's first
 * character in the page. */
static gboolean
repair_plausible (const ZcPageText *page,
                  guint             start,
                  const char       *read,
                  const char       *repaired,
                  gboolean          resident_id)
{
  static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  for (guint i = 0; i < ID_LENGTH; i++)
    {
      char c = g_ascii_toupper (read[i]);
      gboolean allowed = resident_id ? (g_ascii_isdigit (c) || (i == ID_LENGTH - 1 && c == 'X'))
                                     : (c != '\0' && strchr (uscc_alphabet, c) != NULL);

      if (c == repaired[i] || !allowed)
        continue;
      if (g_ascii_isalpha (c) && g_ascii_isdigit (repaired[i]))
        continue;
      if (zc_page_text_get_confidence (page, start + i, start + i + 1) >= SURE_CONFIDENCE)
        return FALSE;
    }
  return TRUE;
}

static void
find_identifiers (const ZcPageText *page,
                  const GDate      *today,
                  GPtrArray        *out)
{
  const char *text = page->text->str;
  g_autoptr(GRegex) regex = g_regex_new ("[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      g_autofree char *word = g_match_info_fetch (match, 0);
      g_autofree char *normal = zc_id_normalize (word);
      guint n_digits = 0;
      gboolean digits_only = TRUE;
      ZcFound *f;

      g_match_info_fetch_pos (match, 0, &start, &end);
      for (const char *p = normal; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            n_digits++;
          else if (!(*p == 'X' && p[1] == '\0'))
            digits_only = FALSE;
        }

      /* OCR put in one character too many (an S between 5 and 5): the
       * one deletion that leaves a valid identifier, when it is the only one */
      if (page->ocr && strlen (normal) == ID_LENGTH + 1)
        {
          g_autofree char *unique = NULL;
          ZcFoundKind unique_kind = ZC_FOUND_USCC;
          guint n_valid = 0;

          for (guint i = 0; i <= ID_LENGTH && n_valid < 2; i++)
            {
              g_autofree char *shorter = g_strdup (normal);
              g_autofree char *as_id = NULL;
              g_autofree char *as_uscc = NULL;

              memmove (shorter + i, shorter + i + 1, ID_LENGTH - i + 1);
              /* only what must change: a deletion and a guess are too much */
              if (zc_ocr_repair_resident_id (shorter, today, &as_id) <= ZC_REPAIR_REPAIRED &&
                  changed_only_where_forced (shorter, as_id, TRUE) &&
                  g_strcmp0 (as_id, unique) != 0)
                {
                  n_valid++;
                  g_free (unique);
                  unique = g_steal_pointer (&as_id);
                  unique_kind = ZC_FOUND_RESIDENT_ID;
                }
              if (zc_ocr_repair_uscc (shorter, &as_uscc) <= ZC_REPAIR_REPAIRED &&
                  changed_only_where_forced (shorter, as_uscc, FALSE) &&
                  g_strcmp0 (as_uscc, unique) != 0)
                {
                  n_valid++;
                  g_free (unique);
                  unique = g_steal_pointer (&as_uscc);
                  unique_kind = ZC_FOUND_USCC;
                }
            }
          if (n_valid == 1)
            {
              f = found_new (page, unique_kind, text, start, end);
              f->value = g_steal_pointer (&unique);
              f->repair = ZC_REPAIR_REPAIRED;
              f->label = label_before (text, start);
              g_ptr_array_add (out, f);
              continue;
            }
        }

      if (strlen (normal) == ID_LENGTH)
        {
          g_autofree char *as_id = NULL;
          g_autofree char *as_uscc = NULL;
          ZcRepair id = ZC_REPAIR_FAILED, uscc = ZC_REPAIR_FAILED;

          if (page->ocr)
            {
              guint first = (guint) g_utf8_pointer_to_offset (text, text + start);

              id = zc_ocr_repair_resident_id (normal, today, &as_id);
              uscc = zc_ocr_repair_uscc (normal, &as_uscc);
              if (id == ZC_REPAIR_REPAIRED && !repair_plausible (page, first, normal, as_id, TRUE))
                {
                  id = ZC_REPAIR_FAILED;
                  g_clear_pointer (&as_id, g_free);
                }
              if (uscc == ZC_REPAIR_REPAIRED && !repair_plausible (page, first, normal, as_uscc, FALSE))
                {
                  uscc = ZC_REPAIR_FAILED;
                  g_clear_pointer (&as_uscc, g_free);
                }
            }
          else
            {
              /* a text layer is exact: never repaired */
              id = zc_resident_id_validate (normal, today, NULL) ? ZC_REPAIR_INTACT : ZC_REPAIR_FAILED;
              uscc = zc_uscc_validate (normal, NULL) ? ZC_REPAIR_INTACT : ZC_REPAIR_FAILED;
              as_id = g_strdup (normal);
              as_uscc = g_strdup (normal);
            }

          /* the kind the reading fits best; digits alone read as an ID */
          if (id <= ZC_REPAIR_REPAIRED && (uscc > ZC_REPAIR_REPAIRED || id < uscc ||
                                            (id == uscc && digits_only)))
            {
              f = found_new (page, ZC_FOUND_RESIDENT_ID, text, start, end);
              f->value = g_steal_pointer (&as_id);
              f->repair = id;
            }
          else if (uscc <= ZC_REPAIR_REPAIRED)
            {
              f = found_new (page, ZC_FOUND_USCC, text, start, end);
              f->value = g_steal_pointer (&as_uscc);
              f->repair = uscc;
            }
          else
            {
              f = found_new (page, digits_only ? ZC_FOUND_RESIDENT_ID : ZC_FOUND_USCC,
                             text, start, end);
              f->value = g_strdup (normal);
              f->repair = digits_only ? id : uscc;
            }
        }
      else if (strlen (normal) >= 6 && n_digits >= 4)
        {
          f = found_new (page, ZC_FOUND_NUMBER, text, start, end);
          f->value = g_strdup (normal);
        }
      else
        continue;
      f->label = label_before (text, start);
      g_ptr_array_add (out, f);
    }
}

static void
find_dates (const ZcPageText *page,
            GPtrArray        *out)
{
  const char *text = page->text->str;
  g_autoptr(GRegex) regex =
    g_regex_new ("(\\d{4})\\s*(?:年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日"
                 "|[-./](\\d{1,2})[-./](\\d{1,2})(?!\\d))", G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *y = g_match_info_fetch (match, 1);
      g_autofree char *m = g_match_info_fetch (match, 2);
      g_autofree char *d = g_match_info_fetch (match, 3);
      guint64 year = 0, month = 0, day = 0;
      int start, end;
      ZcFound *f;

      if (m == NULL || m[0] == '\0')
        {
          g_free (m);
          g_free (d);
          m = g_match_info_fetch (match, 4);
          d = g_match_info_fetch (match, 5);
        }
      if (!g_ascii_string_to_unsigned (y, 10, 1900, 2999, &year, NULL) ||
          !g_ascii_string_to_unsigned (m, 10, 1, 12, &month, NULL) ||
          !g_ascii_string_to_unsigned (d, 10, 1, 31, &day, NULL) ||
          !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        continue;
      g_match_info_fetch_pos (match, 0, &start, &end);
      f = found_new (page, ZC_FOUND_DATE, text, start, end);
      f->value = g_strdup_printf ("%04u-%02u-%02u", (guint) year, (guint) month, (guint) day);
      f->label = label_before (text, start);
      g_ptr_array_add (out, f);
    }
}

/* the label without the spaces that widened it */
static char *
compact_label (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0x3000)
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static void
find_names (const ZcPageText *page,
            GPtrArray        *out)
{
  const char *text = page->text->str;
  g_autoptr(GString) pattern = g_string_new ("(");
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  /* labels are often spaced out to the width of longer ones (名    称) */
  for (guint i = 0; name_labels[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (pattern, '|');
      for (const char *p = name_labels[i]; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (p != name_labels[i])
            g_string_append (pattern, "[ \\t　]*");
          g_string_append_len (pattern, p, g_utf8_next_char (p) - p);
        }
    }
  /* a name: Han characters, the middle dot of minority names, brackets
   * of company names (（有限合伙）) */
  g_string_append (pattern, ")[ \\t]*[:：]?[ \\t]*([\\p{Han}·•（）()]{2,60})");
  regex = g_regex_new (pattern->str, G_REGEX_OPTIMIZE, 0, NULL);

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      ZcFound *f;

      g_match_info_fetch_pos (match, 2, &start, &end);
      f = found_new (page, ZC_FOUND_NAME, text, start, end);
      f->value = g_strdup (f->read);
      {
        g_autofree char *label = g_match_info_fetch (match, 1);

        f->label = compact_label (label);
      }
      g_ptr_array_add (out, f);
    }
}

/* the forms of licence numbers (docs/domain.md, licences; the demo library
 * uses the same) — identifiers are found as such */
static const struct
{
  const char *type;
  const char *pattern;
} number_forms[] = {
  { "food_business_permit", "JY[12][0-9]{13}" },
  { "health_certificate", "HC[0-9]-[0-9]{7}" },
  { "birth_certificate", "[A-Z][0-9]{9}" },
  { "social_security_card", "[A-E][0-9]{8}" },
  { "marriage_certificate", "J[0-9]{6}-[0-9]{4}-[0-9]{6}" },
  { "disability_certificate", "[0-9]{17}[0-9X][0-9]{2}" },
  { "real_estate_certificate", "\\p{Han}[(（][0-9]{4}[)）]\\p{Han}{1,12}不动产权第[0-9]{7}号" },
  { "road_transport_permit", "\\p{Han}交运管许可\\p{Han}{1,3}字[0-9]{6,12}号" },
};

GPtrArray *
zc_text_find_licence_numbers (const ZcPageText *page,
                              const char       *licence_type,
                              const GDate      *today)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_found_free);
  const char *pattern = NULL;
  g_autoptr(GString) folded = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  g_return_val_if_fail (page != NULL, out);

  if (g_strcmp0 (licence_type, "id_card") == 0 || g_strcmp0 (licence_type, "business_licence") == 0)
    {
      g_autoptr(GPtrArray) all = zc_text_find (page, today);
      ZcFoundKind kind = g_str_equal (licence_type, "id_card") ? ZC_FOUND_RESIDENT_ID : ZC_FOUND_USCC;

      for (guint i = 0; i < all->len; i++)
        if (((ZcFound *) g_ptr_array_index (all, i))->kind == kind)
          g_ptr_array_add (out, g_ptr_array_steal_index (all, i--));
      return out;
    }
  for (guint i = 0; i < G_N_ELEMENTS (number_forms); i++)
    if (g_strcmp0 (number_forms[i].type, licence_type) == 0)
      pattern = number_forms[i].pattern;
  if (pattern == NULL)
    return out;

  /* on a scan, O for 0 and the like: match the folded text, report what
   * was read (folding keeps one character for one) */
  folded = g_string_new (NULL);
  for (const char *p = page->text->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      g_string_append_unichar (folded, page->ocr ? zc_ocr_fold_char (ch) : ch);
    }
  regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
  g_regex_match (regex, folded->str, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int start, end;
      glong first, last;
      ZcFound *f;

      g_match_info_fetch_pos (match, 0, &start, &end);
      first = g_utf8_pointer_to_offset (folded->str, folded->str + start);
      last = g_utf8_pointer_to_offset (folded->str, folded->str + end);
      f = found_new (page, ZC_FOUND_NUMBER, page->text->str,
                     g_utf8_offset_to_pointer (page->text->str, first) - page->text->str,
                     g_utf8_offset_to_pointer (page->text->str, last) - page->text->str);
      f->value = g_match_info_fetch (match, 0);
      f->label = label_before (page->text->str,
                               g_utf8_offset_to_pointer (page->text->str, first) - page->text->str);
      g_ptr_array_add (out, f);
    }
  return out;
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const ZcFound *fa = *(const ZcFound **) a;
  const ZcFound *fb = *(const ZcFound **) b;

  return (int) fa->start - (int) fb->start;
}

GPtrArray *
zc_text_find (const ZcPageText *page,
              const GDate      *today)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_found_free);

  g_return_val_if_fail (page != NULL, out);

  find_identifiers (page, today, out);
  find_dates (page, out);
  find_names (page, out);
  g_ptr_array_sort (out, compare_position);
  return out;
}
