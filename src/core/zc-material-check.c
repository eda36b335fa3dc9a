/* zc-material-check.c — the verdict on a material against the licence
 * library (docs/domain.md, rule 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "zc-id.h"
#include "zc-material-check.h"
#include "zc-ocr-repair.h"
#include "zc-text-find.h"

/* fewer visible characters than this on all pages: nothing readable */
#define MIN_VISIBLE 4
/* OCR: a name character read with less confidence than this may be OCR
 * noise; read with more, a different character is a different name */
#define NOISE_CONFIDENCE 0.90f
/* a character read as its known look-alike is this sure */
#define LOOKALIKE_CONFIDENCE 0.5f
/* a name OCR read exactly as expected is this sure at least */
#define EXACT_OCR_CONFIDENCE 0.95f
/* a repaired identifier is this sure */
#define REPAIRED_CONFIDENCE 0.8f

static const struct
{
  const char *type;
  const char *words;
} title_words[] = {
  { "id_card", "居民身份证" },
  { "household_register", "户口" },
  { "business_licence", "营业执照" },
  { "food_business_permit", "食品经营许可证" },
  { "birth_certificate", "出生医学证明" },
  { "marriage_certificate", "结婚证" },
  { "disability_certificate", "残疾人证" },
  { "social_security_card", "社会保障卡" },
  { "real_estate_certificate", "不动产权证书" },
  { "health_certificate", "健康证明" },
  { "road_transport_permit", "道路运输经营许可证" },
};

/* The text of a page without white space, with the index of each of its
 * characters in the page; look-alikes folded on request */
typedef struct
{
  const ZcPageText *page;
  GString          *text;
  GArray           *map;   /* guint: character index in the page */
} Compact;

typedef struct
{
  GPtrArray   *pages;
  GPtrArray   *exact;     /* of Compact */
  GPtrArray   *folded;    /* of Compact */
  GPtrArray   *found;     /* of ZcFound, every page */
  GPtrArray   *typed;     /* of ZcFound: numbers of the type's form */
  const GDate *date;
  gboolean     ocr;
} Reading;

/* Where a string was found */
typedef struct
{
  const ZcPageText *page;
  guint             start;  /* characters in the page */
  guint             end;
  gboolean          folded; /* only with look-alikes folded */
} Hit;

static void
compact_free (Compact *self)
{
  g_string_free (self->text, TRUE);
  g_array_unref (self->map);
  g_free (self);
}

static gunichar
fold_exact (gunichar c)
{
  return c;
}

static char *
compact_string (const char *text,
                gunichar  (*fold) (gunichar))
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (out, fold (c));
    }
  return g_string_free (out, FALSE);
}

static Compact *
compact_new (const ZcPageText *page,
             gunichar        (*fold) (gunichar))
{
  Compact *self = g_new0 (Compact, 1);
  guint i = 0;

  self->page = page;
  self->text = g_string_new (NULL);
  self->map = g_array_new (FALSE, FALSE, sizeof (guint));
  for (const char *p = page->text->str; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      g_string_append_unichar (self->text, fold (c));
      g_array_append_val (self->map, i);
    }
  return self;
}

static gboolean
compact_find (Compact    *self,
              const char *needle,
              Hit        *hit)
{
  const char *at;
  glong start, len;

  if (needle[0] == '\0' || (at = strstr (self->text->str, needle)) == NULL)
    return FALSE;
  start = g_utf8_pointer_to_offset (self->text->str, at);
  len = g_utf8_strlen (needle, -1);
  hit->page = self->page;
  hit->start = g_array_index (self->map, guint, start);
  hit->end = g_array_index (self->map, guint, start + len - 1) + 1;
  hit->folded = FALSE;
  return TRUE;
}

/* A character as OCR may have meant it: half-width, upper case */
static gunichar
fold_case (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;
  return g_unichar_toupper (c);
}

/* A hit found only with look-alikes folded is the needle when every
 * character that differs was read unsurely, or is a letter read where
 * the needle has a digit (O for 0, B for 8: Tesseract's eng model likes
 * letters, sure of itself). A digit read surely is what the paper says:
 * one wrong digit on the paper is not folded into the right number. */
static gboolean
folded_hit_plausible (const Hit  *hit,
                      const char *needle)
{
  const char *p = g_utf8_offset_to_pointer (hit->page->text->str, hit->start);
  const char *n = needle;

  for (guint i = hit->start; i < hit->end; i++, p = g_utf8_next_char (p))
    {
      gunichar read = g_utf8_get_char (p);
      gunichar want;

      if (g_unichar_isspace (read) || read == 0x3000)
        continue;
      while (*n != '\0' && (g_unichar_isspace (g_utf8_get_char (n)) || g_utf8_get_char (n) == 0x3000))
        n = g_utf8_next_char (n);
      if (*n == '\0')
        return FALSE;
      want = g_utf8_get_char (n);
      n = g_utf8_next_char (n);
      if (fold_case (read) == fold_case (want))
        continue;
      if (g_unichar_isalpha (read) && g_unichar_isdigit (want))
        continue;
      if (zc_page_text_get_confidence (hit->page, i, i + 1) >= NOISE_CONFIDENCE)
        return FALSE;
    }
  return TRUE;
}

/* @needle exactly on some page; on OCR pages also with look-alikes folded */
static gboolean
reading_find (Reading    *r,
              const char *needle,
              Hit        *hit)
{
  g_autofree char *exact = compact_string (needle, fold_exact);
  g_autofree char *folded = compact_string (needle, zc_ocr_fold_char);

  for (guint i = 0; i < r->pages->len; i++)
    if (compact_find (g_ptr_array_index (r->exact, i), exact, hit))
      return TRUE;
  for (guint i = 0; i < r->pages->len; i++)
    {
      const ZcPageText *page = g_ptr_array_index (r->pages, i);

      if (page->ocr && compact_find (g_ptr_array_index (r->folded, i), folded, hit) &&
          folded_hit_plausible (hit, needle))
        {
          hit->folded = TRUE;
          return TRUE;
        }
    }
  return FALSE;
}

static void
check_finding_free (ZcCheckFinding *self)
{
  g_free (self->field);
  g_free (self->expected);
  g_free (self->found);
  g_free (self);
}

static ZcCheckFinding *
add_finding (ZcMaterialCheck *check,
             const char      *field,
             ZcVerdict        verdict,
             const char      *expected,
             const char      *found,
             float            confidence)
{
  ZcCheckFinding *f = g_new0 (ZcCheckFinding, 1);

  f->field = g_strdup (field);
  f->verdict = verdict;
  f->expected = g_strdup (expected != NULL ? expected : "");
  f->found = g_strdup (found != NULL ? found : "");
  f->confidence = confidence;
  g_ptr_array_add (check->findings, f);
  return f;
}

static void
finding_at_hit (ZcCheckFinding *f,
                const Hit      *hit)
{
  f->page = hit->page->page;
  zc_page_text_get_box (hit->page, hit->start, hit->end, &f->box);
}

static void
finding_at_found (ZcCheckFinding *f,
                  const ZcFound  *found)
{
  f->page = found->page;
  f->box = found->box;
}

static char *
hit_text (const Hit *hit)
{
  const char *text = hit->page->text->str;
  const char *start = g_utf8_offset_to_pointer (text, hit->start);
  const char *end = g_utf8_offset_to_pointer (text, hit->end);

  return g_strndup (start, end - start);
}

static char *
date_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static gboolean
identifier_firm (const ZcFound *f)
{
  return f->repair == ZC_REPAIR_INTACT || f->repair == ZC_REPAIR_REPAIRED;
}

/* An identifier failing its check that OCR read surely, every character
 * one its alphabet allows: what the paper says (a wrong character on the
 * paper), not an OCR slip. A character the alphabet forbids (O, I, Z, S
 * in a credit code) means OCR misread it: nothing is settled. */
static gboolean
identifier_as_printed (const ZcFound *f)
{
  static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  g_autofree char *normal = zc_id_normalize (f->read);

  if (f->confidence < NOISE_CONFIDENCE || strlen (normal) != 18)
    return FALSE;
  for (guint i = 0; i < 18; i++)
    {
      char c = normal[i];

      if (f->kind == ZC_FOUND_RESIDENT_ID
          ? !(g_ascii_isdigit (c) || (i == 17 && c == 'X'))
          : strchr (uscc_alphabet, c) == NULL)
        return FALSE;
    }
  return TRUE;
}

static float
found_confidence (const ZcFound *f)
{
  if (f->repair == ZC_REPAIR_REPAIRED)
    return MIN (f->confidence, REPAIRED_CONFIDENCE);
  return f->confidence;
}

/* --- the paper's type --- */

const char *
zc_material_title_words (const char *licence_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (title_words); i++)
    if (g_strcmp0 (title_words[i].type, licence_type) == 0)
      return title_words[i].words;
  return NULL;
}

/* The title of another type and none of @licence_type's: the wrong paper */
static void
check_type (ZcMaterialCheck *check,
            Reading         *r,
            const char      *licence_type)
{
  const char *mine = zc_material_title_words (licence_type);
  Hit hit;

  if (mine == NULL || reading_find (r, mine, &hit))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (title_words); i++)
    if (!g_str_equal (title_words[i].type, licence_type) &&
        reading_find (r, title_words[i].words, &hit))
      {
        ZcCheckFinding *f = add_finding (check, "type", ZC_VERDICT_MISMATCH, mine,
                                         title_words[i].words,
                                         zc_page_text_get_confidence (hit.page, hit.start, hit.end));

        finding_at_hit (f, &hit);
        /* OCR may have read one title for the other only when unsure */
        if (hit.page->ocr && f->confidence < NOISE_CONFIDENCE)
          f->verdict = ZC_VERDICT_UNCERTAIN;
        return;
      }
}

/* --- which licence the paper shows --- */

static ZcLicence *
find_shown_licence (Reading     *r,
                    GPtrArray   *candidates,
                    Hit         *hit)
{
  ZcLicence *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; i < candidates->len; i++)
    {
      ZcLicence *l = g_ptr_array_index (candidates, i);
      const char *number = zc_licence_get_number (l);
      Hit h;

      if (number != NULL && strlen (number) > best_len && reading_find (r, number, &h))
        {
          best = l;
          best_len = strlen (number);
          *hit = h;
        }
    }
  if (best != NULL)
    return best;

  /* an identifier OCR garbled and its check character repaired */
  for (guint i = 0; i < r->found->len; i++)
    {
      const ZcFound *f = g_ptr_array_index (r->found, i);

      if ((f->kind != ZC_FOUND_RESIDENT_ID && f->kind != ZC_FOUND_USCC) ||
          f->repair != ZC_REPAIR_REPAIRED || f->page == 0 || f->page > r->pages->len)
        continue;
      for (guint k = 0; k < candidates->len; k++)
        {
          ZcLicence *l = g_ptr_array_index (candidates, k);

          if (g_strcmp0 (zc_licence_get_number (l), f->value) == 0)
            {
              hit->page = g_ptr_array_index (r->pages, f->page - 1);
              hit->start = f->start;
              hit->end = f->end;
              hit->folded = TRUE;
              return l;
            }
        }
    }
  return NULL;
}

/* The licence the paper should have been: valid on the date, else the
 * latest issued */
static ZcLicence *
expected_licence (GPtrArray   *candidates,
                  const GDate *date)
{
  ZcLicence *latest = NULL;

  for (guint i = 0; i < candidates->len; i++)
    {
      ZcLicence *l = g_ptr_array_index (candidates, i);

      if (zc_licence_is_valid_on (l, date))
        return l;
      if (latest == NULL ||
          (zc_licence_get_issued_on (l) != NULL && zc_licence_get_issued_on (latest) != NULL &&
           g_date_compare (zc_licence_get_issued_on (l), zc_licence_get_issued_on (latest)) > 0))
        latest = l;
    }
  return latest;
}

/* The number the paper shows when it is none of the holder's: an
 * identifier of the number's kind, else a number after a number label */
static const ZcFound *
number_on_paper (Reading    *r,
                 const char *licence_type,
                 const char *expected)
{
  gboolean is_id = expected != NULL && strlen (expected) == 18 && g_ascii_isdigit (expected[0]) &&
                   zc_resident_id_validate (expected, r->date, NULL);
  gboolean is_uscc = expected != NULL && !is_id && zc_uscc_validate (expected, NULL);
  const ZcFound *labelled = NULL, *any = NULL;

  for (guint i = 0; i < r->found->len; i++)
    {
      const ZcFound *f = g_ptr_array_index (r->found, i);

      if (f->kind == ZC_FOUND_NAME || f->kind == ZC_FOUND_DATE)
        continue;
      if ((is_id && f->kind == ZC_FOUND_RESIDENT_ID) || (is_uscc && f->kind == ZC_FOUND_USCC))
        return f;
      if (f->kind == ZC_FOUND_NUMBER && any == NULL)
        any = f;
      if (f->kind == ZC_FOUND_NUMBER && labelled == NULL && f->label != NULL &&
          (strstr (f->label, "号") != NULL || strstr (f->label, "编") != NULL ||
           g_str_has_prefix (f->label, "No")))
        labelled = f;
    }
  return labelled != NULL ? labelled : any;
}

/* The first number of the type's own form on the paper */
static const ZcFound *
number_of_type (Reading    *r,
                const char *licence_type)
{
  for (guint i = 0; i < r->pages->len; i++)
    {
      g_autoptr(GPtrArray) numbers =
        zc_text_find_licence_numbers (g_ptr_array_index (r->pages, i), licence_type, r->date);

      if (numbers->len > 0)
        {
          /* kept with the other findings, which live as long as the reading */
          ZcFound *f = g_ptr_array_steal_index (numbers, 0);

          g_ptr_array_add (r->typed, f);
          return f;
        }
    }
  return NULL;
}

/* The licence that renewed @shown and is valid on @date: of the same
 * type and holder (all candidates are), issued after it, not revoked, and
 * every licence of the chain from @shown to it bears the same holder
 * name. NULL when there is none or the chain does not agree. */
static ZcLicence *
renewal_of (GPtrArray   *candidates,
            ZcLicence   *shown,
            const GDate *date)
{
  const GDate *shown_issued = zc_licence_get_issued_on (shown);
  ZcLicence *renewal = NULL;

  if (shown_issued == NULL || zc_licence_get_revoked (shown))
    return NULL;
  for (guint i = 0; i < candidates->len; i++)
    {
      ZcLicence *l = g_ptr_array_index (candidates, i);
      const GDate *issued = zc_licence_get_issued_on (l);

      if (l == shown || issued == NULL || g_date_compare (issued, shown_issued) <= 0 ||
          !zc_licence_is_valid_on (l, date))
        continue;
      if (renewal == NULL || g_date_compare (issued, zc_licence_get_issued_on (renewal)) > 0)
        renewal = l;
    }
  if (renewal == NULL)
    return NULL;
  /* the chain: the shown licence, the ones issued between, the renewal */
  for (guint i = 0; i < candidates->len; i++)
    {
      ZcLicence *l = g_ptr_array_index (candidates, i);
      const GDate *issued = zc_licence_get_issued_on (l);

      if (issued == NULL || g_date_compare (issued, shown_issued) < 0 ||
          g_date_compare (issued, zc_licence_get_issued_on (renewal)) > 0)
        continue;
      if (zc_licence_get_revoked (l) ||
          g_strcmp0 (zc_licence_get_holder_name (l), zc_licence_get_holder_name (shown)) != 0)
        return NULL;
    }
  return renewal;
}

/* The paper shows a licence since renewed (an old 食品经营许可证 kept in
 * the drawer): a clerk takes it as the renewed licence when the library
 * holds the chain from one to the other for the same holder under the
 * same name — the verdict then rests on the renewed licence, and the
 * "renewed" finding (expected: the renewed number, found: the number on
 * the paper) tells the clerk. A paper whose licence is still valid keeps
 * its own verdict and gets the note too. */
static void
check_renewal (ZcMaterialCheck *check,
               Reading         *r,
               GPtrArray       *candidates,
               const Hit       *shown_hit)
{
  ZcLicence *renewal = renewal_of (candidates, check->licence, r->date);
  ZcCheckFinding *f;
  g_autofree char *read = NULL;

  if (renewal == NULL)
    return;
  read = hit_text (shown_hit);
  /* as sure as the number it rests on */
  f = add_finding (check, "renewed", ZC_VERDICT_MATCH, zc_licence_get_number (renewal), read,
                   ((ZcCheckFinding *) g_ptr_array_index (check->findings,
                                                          check->findings->len - 1))->confidence);
  finding_at_hit (f, shown_hit);
  if (!zc_licence_is_valid_on (check->licence, r->date))
    g_set_object (&check->licence, renewal);
}

static void
check_number (ZcMaterialCheck *check,
              Reading         *r,
              GPtrArray       *candidates,
              const char      *licence_type,
              Hit             *shown_hit)
{
  ZcLicence *expected = expected_licence (candidates, r->date);
  const char *number = expected != NULL ? zc_licence_get_number (expected) : NULL;
  const ZcFound *found;
  ZcCheckFinding *f;

  check->licence = find_shown_licence (r, candidates, shown_hit);
  if (check->licence != NULL)
    {
      g_autofree char *read = hit_text (shown_hit);
      float confidence = zc_page_text_get_confidence (shown_hit->page, shown_hit->start,
                                                      shown_hit->end);

      if (shown_hit->folded)
        confidence = MIN (confidence, REPAIRED_CONFIDENCE);
      f = add_finding (check, "number", ZC_VERDICT_MATCH,
                       zc_licence_get_number (check->licence), read, confidence);
      finding_at_hit (f, shown_hit);
      g_object_ref (check->licence);
      return;
    }

  found = number_of_type (r, licence_type);
  if (found == NULL)
    found = number_on_paper (r, licence_type, number);
  f = add_finding (check, "number", ZC_VERDICT_MISMATCH, number,
                   found != NULL ? found->read : NULL,
                   found != NULL ? found_confidence (found) : 1.0f);
  if (found != NULL)
    finding_at_found (f, found);
  /* on a scan, a number OCR could not read firmly settles nothing */
  /* on a scan, a number OCR could not read firmly settles nothing; an
   * identifier failing its check that reads as printed (surely, every
   * character of its alphabet) is what the paper says: a mismatch */
  if (r->ocr && (found == NULL ||
                 ((found->kind == ZC_FOUND_RESIDENT_ID || found->kind == ZC_FOUND_USCC)
                  ? !identifier_firm (found) && !identifier_as_printed (found)
                  : found->confidence < NOISE_CONFIDENCE)))
    f->verdict = ZC_VERDICT_UNCERTAIN;
}

/* --- validity on the reception date --- */

/* the date on the paper equal to @iso, else one labelled 有效期 */
static const ZcFound *
date_on_paper (Reading    *r,
               const char *iso)
{
  const ZcFound *labelled = NULL;

  for (guint i = 0; i < r->found->len; i++)
    {
      const ZcFound *f = g_ptr_array_index (r->found, i);

      if (f->kind != ZC_FOUND_DATE)
        continue;
      if (iso != NULL && g_str_equal (f->value, iso))
        return f;
      if (labelled == NULL && f->label != NULL && strstr (f->label, "有效") != NULL)
        labelled = f;
    }
  return labelled;
}

static void
check_validity (ZcMaterialCheck *check,
                Reading         *r,
                const Hit       *shown_hit)
{
  ZcLicence *l = check->licence;
  const GDate *until = zc_licence_get_valid_until (l);
  g_autofree char *on = date_iso (r->date);
  ZcCheckFinding *f;

  if (zc_licence_get_revoked (l))
    {
      f = add_finding (check, "revoked", ZC_VERDICT_REVOKED, "false", "true", 1.0f);
      finding_at_hit (f, shown_hit);
    }
  if (until != NULL && g_date_compare (until, r->date) < 0)
    {
      g_autofree char *until_iso = date_iso (until);
      const ZcFound *date = date_on_paper (r, until_iso);

      /* expected: valid on the reception date; found: the last valid day */
      f = add_finding (check, "valid_until", ZC_VERDICT_EXPIRED, on, until_iso, 1.0f);
      if (date != NULL)
        finding_at_found (f, date);
      else
        finding_at_hit (f, shown_hit);
    }
}

/* --- the holder's name --- */

/* The name goes on after @end (张伟 in 张伟明, a firm in its 分店): the
 * paper names someone else */
static gboolean
han_follows (const ZcPageText *page,
             guint             end)
{
  const char *p;

  if (end >= page->chars->len)
    return FALSE;
  p = g_utf8_offset_to_pointer (page->text->str, end);
  return g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN;
}

/* How many characters of @name stand in @value */
static guint
shared_chars (const char *name,
              const char *value)
{
  guint n = 0;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_strchr (value, -1, g_utf8_get_char (p)) != NULL)
      n++;
  return n;
}

/* The name after a label most like @name: a paper names several people
 * (法定代表人 beside 名称) */
static const ZcFound *
name_on_paper (Reading    *r,
               const char *name)
{
  const ZcFound *best = NULL;
  guint best_shared = 0;

  for (guint i = 0; i < r->found->len; i++)
    {
      const ZcFound *f = g_ptr_array_index (r->found, i);
      guint shared;

      if (f->kind != ZC_FOUND_NAME)
        continue;
      shared = shared_chars (name, f->value);
      if (best == NULL || shared > best_shared)
        {
          best = f;
          best_shared = shared;
        }
    }
  return best;
}

/* OCR: the window of the page's text the length of @name that differs
 * from it in the fewest characters */
static void
check_name_ocr (ZcMaterialCheck *check,
                Reading         *r,
                const char      *name)
{
  g_autofree gunichar *want = g_utf8_to_ucs4_fast (name, -1, NULL);
  glong n = g_utf8_strlen (name, -1);
  guint best_diff = G_MAXUINT;
  float best_noise = 0, best_confidence = 0;
  const Compact *best_page = NULL;
  glong best_at = 0;
  ZcCheckFinding *f;
  g_autofree char *read = NULL;
  Hit hit;

  for (guint i = 0; i < r->pages->len; i++)
    {
      const Compact *c = g_ptr_array_index (r->exact, i);
      glong len = 0;
      g_autofree gunichar *have = g_utf8_to_ucs4_fast (c->text->str, -1, &len);

      for (glong at = 0; at + n <= len; at++)
        {
          guint diff = 0;
          float noise = 0, lowest = 1;

          /* a name that goes on is surely another */
          if (han_follows (c->page, g_array_index (c->map, guint, at + n - 1) + 1))
            {
              diff++;
              noise = 1.0f;
            }
          for (glong k = 0; k < n; k++)
            {
              guint index = g_array_index (c->map, guint, at + k);
              float conf = g_array_index (c->page->chars, ZcTextChar, index).confidence;

              lowest = MIN (lowest, conf);
              if (have[at + k] != want[k])
                {
                  diff++;
                  /* a known OCR confusion is noise, however sure OCR was */
                  if (zc_ocr_han_lookalikes (have[at + k], want[k]))
                    conf = MIN (conf, LOOKALIKE_CONFIDENCE);
                  noise = MAX (noise, conf);
                }
            }
          if (diff < best_diff || (diff == best_diff && noise < best_noise))
            {
              best_diff = diff;
              best_noise = noise;
              best_confidence = lowest;
              best_page = c;
              best_at = at;
            }
        }
    }

  if (best_page == NULL || best_diff * 2 > (guint) n)
    {
      /* nothing like it: what follows a name label is what the paper says */
      const ZcFound *fn = name_on_paper (r, name);

      if (fn != NULL)
        {
          f = add_finding (check, "holder_name",
                           fn->confidence >= NOISE_CONFIDENCE ? ZC_VERDICT_MISMATCH
                                                             : ZC_VERDICT_UNCERTAIN,
                           name, fn->read, fn->confidence);
          finding_at_found (f, fn);
          return;
        }
      add_finding (check, "holder_name", ZC_VERDICT_UNCERTAIN, name, NULL, 0);
      return;
    }

  hit.page = best_page->page;
  hit.start = g_array_index (best_page->map, guint, best_at);
  hit.end = g_array_index (best_page->map, guint, best_at + n - 1) + 1;
  hit.folded = FALSE;
  read = hit_text (&hit);
  /* every character as expected: OCR's doubt about single characters
   * does not make the whole name doubtful */
  f = add_finding (check, "holder_name", ZC_VERDICT_MATCH, name, read,
                   best_diff == 0 ? MAX (best_confidence, EXACT_OCR_CONFIDENCE) : best_confidence);
  finding_at_hit (f, &hit);
  if (best_diff == 0)
    return;
  /* a few characters OCR was unsure of, on the paper whose number
   * matched: noise. Otherwise a person must look. */
  f->confidence = MIN (best_confidence, 1.0f - best_noise);
  if (check->licence != NULL && best_noise < NOISE_CONFIDENCE &&
      best_diff * 4 <= (guint) MAX (n, 4))
    return;
  f->verdict = ZC_VERDICT_UNCERTAIN;
}

static void
check_name (ZcMaterialCheck *check,
            Reading         *r,
            const char      *name)
{
  ZcCheckFinding *f;
  Hit hit;

  if (name == NULL || name[0] == '\0')
    return;
  for (guint i = 0; i < r->pages->len; i++)
    if (!((ZcPageText *) g_ptr_array_index (r->pages, i))->ocr &&
        compact_find (g_ptr_array_index (r->exact, i), name, &hit) &&
        !han_follows (hit.page, hit.end))
      {
        f = add_finding (check, "holder_name", ZC_VERDICT_MATCH, name, name, 1.0f);
        finding_at_hit (f, &hit);
        return;
      }
  if (r->ocr)
    {
      check_name_ocr (check, r, name);
      return;
    }
  /* a text layer without the name: the name after its label, if any */
  {
    const ZcFound *fn = name_on_paper (r, name);

    if (fn != NULL)
      {
        f = add_finding (check, "holder_name", ZC_VERDICT_MISMATCH, name, fn->read, 1.0f);
        finding_at_found (f, fn);
        return;
      }
  }
  add_finding (check, "holder_name", ZC_VERDICT_MISMATCH, name, NULL, 1.0f);
}

/* --- identifiers: check characters, the holder's key --- */

static void
check_identifiers (ZcMaterialCheck *check,
                   Reading         *r,
                   const char      *holder)
{
  gboolean holder_is_id = strlen (holder) == 18 && zc_resident_id_validate (holder, r->date, NULL);
  ZcFoundKind holder_kind = holder_is_id ? ZC_FOUND_RESIDENT_ID : ZC_FOUND_USCC;
  const ZcFound *other = NULL;
  const ZcCheckFinding *number = NULL;

  for (guint i = 0; i < check->findings->len; i++)
    {
      const ZcCheckFinding *f = g_ptr_array_index (check->findings, i);

      if (g_str_equal (f->field, "number"))
        number = f;
    }

  for (guint i = 0; i < r->found->len; i++)
    {
      const ZcFound *fi = g_ptr_array_index (r->found, i);
      const char *field = fi->kind == ZC_FOUND_RESIDENT_ID ? "resident_id" : "uscc";
      ZcCheckFinding *f;

      if (fi->kind != ZC_FOUND_RESIDENT_ID && fi->kind != ZC_FOUND_USCC)
        continue;
      if (identifier_firm (fi))
        {
          if (g_str_equal (fi->value, holder))
            {
              f = add_finding (check, "holder", ZC_VERDICT_MATCH, holder, fi->read,
                               found_confidence (fi));
              finding_at_found (f, fi);
              return;
            }
          if (fi->kind == holder_kind && other == NULL)
            other = fi;
          continue;
        }
      /* fails its check: already told as the number, or told here */
      if (number != NULL && g_str_equal (number->found, fi->read))
        continue;
      f = add_finding (check, field,
                       r->ocr && fi->page > 0 && !identifier_as_printed (fi) &&
                       ((ZcPageText *) g_ptr_array_index (r->pages, fi->page - 1))->ocr
                       ? ZC_VERDICT_UNCERTAIN : ZC_VERDICT_MISMATCH,
                       fi->kind == holder_kind ? holder : NULL, fi->read, fi->confidence);
      finding_at_found (f, fi);
    }

  /* another party's key and not the holder's: the wrong party's paper */
  if (other != NULL)
    {
      ZcCheckFinding *f = add_finding (check, "holder", ZC_VERDICT_MISMATCH, holder, other->read,
                                       found_confidence (other));

      finding_at_found (f, other);
    }
}

/* --- the verdict --- */

ZcMaterialCheck *
zc_material_check (GPtrArray   *pages,
                   GListModel  *licences,
                   const GDate *date,
                   const char  *licence_type,
                   const char  *holder)
{
  ZcMaterialCheck *check = g_new0 (ZcMaterialCheck, 1);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_object_unref);
  Reading r = { 0 };
  guint visible = 0;
  Hit shown_hit = { 0 };

  check->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) check_finding_free);
  check->verdict = ZC_VERDICT_UNREADABLE;

  g_return_val_if_fail (pages != NULL && date != NULL && holder != NULL, check);

  r.pages = pages;
  r.date = date;
  r.exact = g_ptr_array_new_with_free_func ((GDestroyNotify) compact_free);
  r.folded = g_ptr_array_new_with_free_func ((GDestroyNotify) compact_free);
  r.found = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_found_free);
  r.typed = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_found_free);
  for (guint i = 0; i < pages->len; i++)
    {
      const ZcPageText *page = g_ptr_array_index (pages, i);
      g_autoptr(GPtrArray) found = zc_text_find (page, date);

      visible += zc_page_text_count_visible (page);
      r.ocr |= page->ocr;
      g_ptr_array_add (r.exact, compact_new (page, fold_exact));
      g_ptr_array_add (r.folded, compact_new (page, zc_ocr_fold_char));
      g_ptr_array_extend_and_steal (r.found, g_steal_pointer (&found));
    }
  check->ocr = r.ocr;

  if (visible >= MIN_VISIBLE)
    {
      guint n = licences != NULL ? g_list_model_get_n_items (licences) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ZcLicence) l = g_list_model_get_item (licences, i);

          if (g_strcmp0 (zc_licence_get_licence_type (l), licence_type) == 0 &&
              g_strcmp0 (zc_licence_get_holder (l), holder) == 0)
            g_ptr_array_add (candidates, g_steal_pointer (&l));
        }

      check_type (check, &r, licence_type);
      check_number (check, &r, candidates, licence_type, &shown_hit);
      if (check->licence != NULL)
        {
          check_renewal (check, &r, candidates, &shown_hit);
          check_validity (check, &r, &shown_hit);
          check_name (check, &r, zc_licence_get_holder_name (check->licence));
        }
      else if (candidates->len > 0)
        check_name (check, &r, zc_licence_get_holder_name (expected_licence (candidates, date)));
      check_identifiers (check, &r, holder);

      check->verdict = ZC_VERDICT_MATCH;
      check->confidence = 1.0f;
      for (guint i = 0; i < check->findings->len; i++)
        {
          const ZcCheckFinding *f = g_ptr_array_index (check->findings, i);

          check->verdict = MIN (check->verdict, f->verdict);
          check->confidence = MIN (check->confidence, f->confidence);
        }
    }

  g_ptr_array_unref (r.exact);
  g_ptr_array_unref (r.folded);
  g_ptr_array_unref (r.found);
  g_ptr_array_unref (r.typed);
  return check;
}

void
zc_material_check_free (ZcMaterialCheck *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->findings);
  g_clear_object (&self->licence);
  g_free (self);
}

/* confidences to two decimals: what a person reads, stable in tests */
static double
rounded (float confidence)
{
  return (double) (int) (confidence * 100.0f + 0.5f) / 100.0;
}

JsonNode *
zc_material_check_to_json (const ZcMaterialCheck *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, zc_verdict_to_string (self->verdict));
  json_builder_set_member_name (b, "confidence");
  json_builder_add_double_value (b, rounded (self->confidence));
  json_builder_set_member_name (b, "ocr");
  json_builder_add_boolean_value (b, self->ocr);
  if (self->licence != NULL)
    {
      json_builder_set_member_name (b, "licence_number");
      json_builder_add_string_value (b, zc_licence_get_number (self->licence));
    }
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const ZcCheckFinding *f = g_ptr_array_index (self->findings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, f->field);
      json_builder_set_member_name (b, "expected");
      json_builder_add_string_value (b, f->expected);
      json_builder_set_member_name (b, "found");
      json_builder_add_string_value (b, f->found);
      json_builder_set_member_name (b, "page");
      json_builder_add_int_value (b, f->page);
      if (f->page > 0)
        {
          json_builder_set_member_name (b, "box");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "x");
          json_builder_add_double_value (b, f->box.x);
          json_builder_set_member_name (b, "y");
          json_builder_add_double_value (b, f->box.y);
          json_builder_set_member_name (b, "width");
          json_builder_add_double_value (b, f->box.width);
          json_builder_set_member_name (b, "height");
          json_builder_add_double_value (b, f->box.height);
          json_builder_end_object (b);
        }
      json_builder_set_member_name (b, "verdict");
      json_builder_add_string_value (b, zc_verdict_to_string (f->verdict));
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, rounded (f->confidence));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
zc_verdict_from_string (const char *text,
                        ZcVerdict  *verdict)
{
  for (ZcVerdict v = ZC_VERDICT_REVOKED; v <= ZC_VERDICT_UNREADABLE; v++)
    if (g_strcmp0 (text, zc_verdict_to_string (v)) == 0)
      {
        *verdict = v;
        return TRUE;
      }
  return FALSE;
}

static gboolean
kept_box (JsonObject *finding,
          ZcBox      *box)
{
  JsonNode *node = json_object_get_member (finding, "box");
  JsonObject *o;
  double *values[] = { &box->x, &box->y, &box->width, &box->height };
  const char *names[] = { "x", "y", "width", "height" };

  memset (box, 0, sizeof *box);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  o = json_node_get_object (node);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *v = json_object_get_member (o, names[i]);
      GType type = v != NULL && JSON_NODE_HOLDS_VALUE (v) ? json_node_get_value_type (v) : G_TYPE_INVALID;

      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        {
          memset (box, 0, sizeof *box);
          return FALSE;
        }
      *values[i] = json_node_get_double (v);
    }
  return TRUE;
}

static const char *
kept_string (JsonObject *o,
             const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

ZcMaterialCheck *
zc_material_check_new_from_kept (JsonObject *kept)
{
  ZcMaterialCheck *check;
  JsonNode *findings;
  ZcVerdict verdict;

  g_return_val_if_fail (kept != NULL, NULL);

  if (!zc_verdict_from_string (kept_string (kept, "verdict"), &verdict))
    return NULL;
  check = g_new0 (ZcMaterialCheck, 1);
  check->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) check_finding_free);
  check->verdict = verdict;
  check->confidence = 1;
  findings = json_object_get_member (kept, "findings");
  for (guint i = 0; findings != NULL && JSON_NODE_HOLDS_ARRAY (findings)
                    && i < json_array_get_length (json_node_get_array (findings)); i++)
    {
      JsonNode *n = json_array_get_element (json_node_get_array (findings), i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      JsonNode *page = o != NULL ? json_object_get_member (o, "page") : NULL;
      ZcCheckFinding *f;

      if (o == NULL || kept_string (o, "field") == NULL || page == NULL || !JSON_NODE_HOLDS_VALUE (page)
          || json_node_get_value_type (page) != G_TYPE_INT64
          || json_node_get_int (page) < 0 || json_node_get_int (page) > 10000)
        continue;
      f = g_new0 (ZcCheckFinding, 1);
      f->field = g_strdup (kept_string (o, "field"));
      f->expected = g_strdup (kept_string (o, "expected") != NULL ? kept_string (o, "expected") : "");
      f->found = g_strdup (kept_string (o, "found") != NULL ? kept_string (o, "found") : "");
      f->page = (guint) json_node_get_int (page);
      kept_box (o, &f->box);
      /* a finding kept without its own verdict: it agrees when both say
       * the same */
      if (!zc_verdict_from_string (kept_string (o, "verdict"), &f->verdict))
        f->verdict = f->expected[0] != '\0' && g_strcmp0 (f->expected, f->found) == 0
                     ? ZC_VERDICT_MATCH : verdict;
      f->confidence = 1;
      g_ptr_array_add (check->findings, f);
    }
  return check;
}

const char *
zc_verdict_to_string (ZcVerdict verdict)
{
  switch (verdict)
    {
    case ZC_VERDICT_REVOKED:    return "revoked";
    case ZC_VERDICT_EXPIRED:    return "expired";
    case ZC_VERDICT_MISMATCH:   return "mismatch";
    case ZC_VERDICT_UNCERTAIN:  return "uncertain";
    case ZC_VERDICT_MATCH:      return "match";
    case ZC_VERDICT_UNREADABLE: return "unreadable";
    default:                    return "unreadable";
    }
}

const char *
zc_verdict_to_label (ZcVerdict verdict)
{
  switch (verdict)
    {
    case ZC_VERDICT_REVOKED:    return _("Licence revoked");
    case ZC_VERDICT_EXPIRED:    return _("Licence expired");
    case ZC_VERDICT_MISMATCH:   return _("Does not match");
    case ZC_VERDICT_UNCERTAIN:  return _("To be confirmed by eye");
    case ZC_VERDICT_MATCH:      return _("Matches");
    case ZC_VERDICT_UNREADABLE: return _("Unreadable");
    default:                    return _("Unreadable");
    }
}

const char *
zc_check_field_to_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "type", N_("Type of paper") },
    { "number", N_("Licence number") },
    { "holder_name", N_("Holder name") },
    { "holder", N_("Holder") },
    { "resident_id", N_("Resident ID number") },
    { "uscc", N_("Unified social credit code") },
    { "valid_until", N_("Valid until") },
    { "revoked", N_("Revoked") },
    { "renewed", N_("Old licence, since renewed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].field, field) == 0)
      return _(labels[i].label);
  return field;
}
