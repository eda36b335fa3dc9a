/* zc-ocr-repair.c — look-alike repair of identifiers read by OCR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zc-id.h"
#include "zc-ocr-repair.h"

#define ID_LENGTH 18
/* more combinations of forced replacements than this are not tried: the
 * reading is too poor to settle anything */
#define MAX_COMBINATIONS 64

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

typedef gboolean (*InAlphabet) (guint position, char c);
typedef gboolean (*Passes) (const char *candidate, gconstpointer data);

typedef struct
{
  InAlphabet  in_alphabet;
  Passes      passes;
  gconstpointer data;
  GHashTable *found;   /* candidates that pass */
} Search;

const char *
zc_ocr_lookalikes (char c)
{
  switch (c)
    {
    case '0': return "ODQ869";
    case '1': return "ILT7";
    case '2': return "Z7";
    case '3': return "8B";
    case '4': return "A";
    case '5': return "S6";
    case '6': return "G58B";
    case '7': return "1T2";
    case '8': return "B360";
    case '9': return "GQ0";
    case 'A': return "4";
    case 'B': return "836";
    case 'D': return "0";
    case 'G': return "69";
    case 'I': return "1L";
    case 'K': return "X";
    case 'L': return "1I";
    case 'O': return "0DQ";
    case 'Q': return "0O9";
    case 'S': return "5";
    case 'T': return "71";
    case 'U': return "0V";
    case 'V': return "YU";
    case 'X': return "KY";
    case 'Y': return "VX";
    case 'Z': return "2";
    default:  return "";
    }
}

static gboolean
id_in_alphabet (guint position,
                char  c)
{
  return g_ascii_isdigit (c) || (position == ID_LENGTH - 1 && c == 'X');
}

static gboolean
uscc_in_alphabet (guint position,
                  char  c)
{
  return c != '\0' && strchr (uscc_alphabet, c) != NULL;
}

static gboolean
id_passes (const char    *candidate,
           gconstpointer  data)
{
  return zc_resident_id_validate (candidate, data, NULL);
}

static gboolean
uscc_passes (const char    *candidate,
             gconstpointer  data)
{
  return zc_uscc_validate (candidate, NULL);
}

/* Every candidate from position @i on: characters outside the alphabet
 * replaced by each in-alphabet look-alike; @optional more characters
 * inside it may be replaced */
static void
search (Search *s,
        char   *candidate,
        guint   i,
        guint   optional)
{
  char original;
  const char *alike;

  if (i == ID_LENGTH)
    {
      if (s->passes (candidate, s->data))
        g_hash_table_add (s->found, g_strdup (candidate));
      return;
    }
  original = candidate[i];
  alike = zc_ocr_lookalikes (original);
  if (s->in_alphabet (i, original))
    {
      search (s, candidate, i + 1, optional);
      if (optional == 0)
        return;
      optional--;
    }
  for (const char *a = alike; *a != '\0'; a++)
    if (s->in_alphabet (i, *a))
      {
        candidate[i] = *a;
        search (s, candidate, i + 1, optional);
      }
  candidate[i] = original;
}

static ZcRepair
repair (const char    *read,
        InAlphabet     in_alphabet,
        Passes         passes,
        gconstpointer  data,
        char         **repaired)
{
  g_autofree char *id = zc_id_normalize (read);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Search s = { in_alphabet, passes, data, found };
  guint combinations = 1;

  *repaired = NULL;
  if (strlen (id) != ID_LENGTH)
    return ZC_REPAIR_FAILED;
  if (passes (id, data))
    {
      *repaired = g_steal_pointer (&id);
      return ZC_REPAIR_INTACT;
    }
  for (guint i = 0; i < ID_LENGTH && combinations <= MAX_COMBINATIONS; i++)
    if (!in_alphabet (i, id[i]))
      {
        guint n = 0;

        for (const char *a = zc_ocr_lookalikes (id[i]); *a != '\0'; a++)
          n += in_alphabet (i, *a) ? 1 : 0;
        combinations *= n;
      }
  if (combinations == 0 || combinations > MAX_COMBINATIONS)
    return ZC_REPAIR_FAILED;

  /* the fewest changes first: only what must change, then one more */
  for (guint optional = 0; optional <= 1 && g_hash_table_size (found) == 0; optional++)
    search (&s, id, 0, optional);

  if (g_hash_table_size (found) > 1)
    return ZC_REPAIR_AMBIGUOUS;
  if (g_hash_table_size (found) == 0)
    return ZC_REPAIR_FAILED;
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, found);
    g_hash_table_iter_next (&iter, &key, NULL);
    *repaired = g_strdup (key);
  }
  return ZC_REPAIR_REPAIRED;
}

ZcRepair
zc_ocr_repair_resident_id (const char  *read,
                           const GDate *today,
                           char       **repaired)
{
  return repair (read, id_in_alphabet, id_passes, today, repaired);
}

ZcRepair
zc_ocr_repair_uscc (const char  *read,
                    char       **repaired)
{
  return repair (read, uscc_in_alphabet, uscc_passes, NULL, repaired);
}

static char
fold_char (char c)
{
  switch (c)
    {
    case 'O': case 'D': case 'Q': return '0';
    case 'I': case 'L': return '1';
    case 'Z': return '2';
    case 'S': return '5';
    case 'B': return '8';
    case 'G': return '6';
    default:  return c;
    }
}

gunichar
zc_ocr_fold_char (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)
    c -= 0xFEE0;
  if (c >= 'a' && c <= 'z')
    c -= 'a' - 'A';
  if (c < 0x80)
    return (gunichar) fold_char ((char) c);
  return c;
}

char *
zc_ocr_fold (const char *text)
{
  g_autofree char *normal = zc_id_normalize (text);
  GString *out = g_string_sized_new (strlen (normal));

  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      if (c < 0x80)
        g_string_append_c (out, fold_char ((char) c));
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Pairs seen or well known from Tesseract chi_sim on printed licences:
 * mostly a radical lost or added, or strokes that run together */
static const char * const han_pairs[] = {
  "芜无", "饮次", "兹效", "兹将", "身丑", "码玛", "己已", "已巳", "己巳", "人入",
  "土士", "未末", "日曰", "干千", "于干", "天夭", "王玉", "大太", "戍戌", "戌戊",
  "茶荼", "拔拨", "徒徙", "侯候", "崇祟", "汩汨", "治冶",
};

gboolean
zc_ocr_han_lookalikes (gunichar a,
                       gunichar b)
{
  if (a == b)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (han_pairs); i++)
    {
      const char *p = han_pairs[i];
      gunichar x = g_utf8_get_char (p);
      gunichar y = g_utf8_get_char (g_utf8_next_char (p));

      if ((a == x && b == y) || (a == y && b == x))
        return TRUE;
    }
  return FALSE;
}
