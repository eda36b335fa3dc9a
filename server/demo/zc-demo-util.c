/* zc-demo-util.c — small helpers of the demo: random draws and quotas, dates, Shanghai time, JSON members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-demo-private.h"

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

const char *
demo_keep (DemoLoad *self,
           char     *str)
{
  g_ptr_array_add (self->strings, str);
  return str;
}

int
demo_rnd (GRand *r,
          int    lo,
          int    hi)
{
  return g_rand_int_range (r, lo, hi + 1);
}

/* TRUE for the eligible ones the quota takes (see DemoQuota) */
gboolean
demo_quota_take (DemoQuota *q)
{
  guint i = q->seen++;

  return ((i + 1) * q->percent + 50) / 100 > (i * q->percent + 50) / 100;
}

/* of @n met in order, the @i-th is one of exactly @k (k <= n), spread evenly */
gboolean
demo_spread_take (guint i,
                  guint k,
                  guint n)
{
  return (guint64) (i + 1) * k / n > (guint64) i * k / n;
}

gboolean
demo_chance (GRand  *r,
             double  p)
{
  return g_rand_double (r) < p;
}

const char *
demo_pick (GRand         *r,
           const StrList *list)
{
  return list->v[g_rand_int_range (r, 0, (gint32) list->n)];
}

const char *
demo_pick_array (GRand              *r,
                 const char * const *array,
                 gsize               n)
{
  return array[g_rand_int_range (r, 0, (gint32) n)];
}

const char *
demo_iso (DemoLoad    *self,
          const GDate *date)
{
  return demo_keep (self, g_strdup_printf ("%04d-%02d-%02d",
                                           g_date_get_year (date),
                                           g_date_get_month (date),
                                           g_date_get_day (date)));
}

void
demo_days_from_today (DemoLoad *self,
                      GDate    *out,
                      int       days)
{
  *out = self->today;
  if (days > 0)
    g_date_add_days (out, (guint) days);
  else if (days < 0)
    g_date_subtract_days (out, (guint) -days);
}

void
demo_set_date (GDate *out,
               int    year,
               int    month,
               int    day)
{
  /* a birthday on 02-29 falls on 02-28 in other years (a retirement
   * date, an anniversary): found by fuzzing the request layer, whose
   * demo drew such a date */
  if (month == 2 && day == 29 && !g_date_is_leap_year ((GDateYear) year))
    day = 28;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

int
demo_age_on (const DemoApplicant *p,
             const GDate         *date)
{
  int age = g_date_get_year (date) - p->birth_year;

  if ((int) g_date_get_month (date) < p->birth_month ||
      ((int) g_date_get_month (date) == p->birth_month &&
       (int) g_date_get_day (date) < p->birth_day))
    age--;
  return age;
}

void
demo_birthday_at (const DemoApplicant *p,
                  int                  age,
                  GDate               *out)
{
  demo_set_date (out, p->birth_year, p->birth_month, p->birth_day);
  g_date_add_years (out, (guint) age);
}

/* a date uniformly in [from, to]; @to if the range is empty */
void
demo_date_between (GRand       *r,
                   const GDate *from,
                   const GDate *to,
                   GDate       *out)
{
  int span = g_date_days_between (from, to);

  *out = *from;
  if (span <= 0)
    {
      *out = *to;
      return;
    }
  g_date_add_days (out, (guint) demo_rnd (r, 0, span));
}

gboolean
demo_date_is_before (const GDate *a,
                     const GDate *b)
{
  return g_date_compare (a, b) < 0;
}

gboolean
demo_invalid_data (GError    **error,
                   const char *file,
                   const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The demo data file %s is not valid: %s"), file, what);
  return FALSE;
}

const char *
demo_member_string (JsonObject *obj,
                    const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  node = json_object_get_member (obj, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
demo_member_object (JsonObject *obj,
                    const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  node = json_object_get_member (obj, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
demo_member_array (JsonObject *obj,
                   const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  node = json_object_get_member (obj, member);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
demo_member_bool (JsonObject *obj,
                  const char *member)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return FALSE;
  node = json_object_get_member (obj, member);
  return JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

gint64
demo_member_int (JsonObject *obj,
                 const char *member,
                 gint64      fallback)
{
  JsonNode *node;

  if (obj == NULL || !json_object_has_member (obj, member))
    return fallback;
  node = json_object_get_member (obj, member);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return fallback;
}

gboolean
demo_strv_array_contains (JsonArray  *array,
                          const char *str)
{
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), str) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Shanghai wall clock ↔ unix time */
void
demo_sh_date_of (gint64  t,
                 GDate  *out)
{
  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) ((t + SH_OFFSET) / DAY + 719163));
}

gint64
demo_sh_midnight (const GDate *date)
{
  return ((gint64) g_date_get_julian (date) - 719163) * DAY - SH_OFFSET;
}

char *
demo_format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Moves @t into office hours (09:00–17:30 Shanghai) of the same day. */
static gint64
snap_office (gint64 t)
{
  gint64 midnight = ((t + SH_OFFSET) / DAY) * DAY - SH_OFFSET;
  gint64 sec = t - midnight;
  const gint64 open = 9 * 3600, span = 8 * 3600 + 1800;

  if (sec < open || sec >= open + span)
    sec = open + (sec % span);
  return midnight + sec;
}

static int
cmp_gint64 (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* @n sorted times in [lo, hi], in office hours where possible */
void
demo_random_times (GRand  *r,
                   gint64  lo,
                   gint64  hi,
                   guint   n,
                   gint64 *out)
{
  if (hi < lo)
    hi = lo;
  for (guint i = 0; i < n; i++)
    {
      gint64 t = lo + (gint64) (g_rand_double (r) * (double) (hi - lo));

      t = snap_office (t);
      out[i] = CLAMP (t, lo, hi);
    }
  qsort (out, n, sizeof (gint64), cmp_gint64);
  for (guint i = 1; i < n; i++)
    if (out[i] <= out[i - 1])
      out[i] = MIN (out[i - 1] + 60, hi);
}
