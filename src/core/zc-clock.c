/* zc-clock.c — the one clock of every layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-clock.h"

#include <glib/gi18n-lib.h>

#include "zc-calendar.h"

struct _ZcClock
{
  GObject    parent_instance;

  gboolean   fixed;
  gint64     start_usec;       /* fixed: the instant given, µs since the epoch */
  gint64     start_monotonic;  /* fixed: g_get_monotonic_time () at creation */
};

G_DEFINE_TYPE (ZcClock, zc_clock, G_TYPE_OBJECT)

G_DEFINE_QUARK (zc-clock-error-quark, zc_clock_error)

static ZcClock *default_clock;

static void
zc_clock_class_init (ZcClockClass *klass)
{
}

static void
zc_clock_init (ZcClock *self)
{
}

ZcClock *
zc_clock_new_system (void)
{
  return g_object_new (ZC_TYPE_CLOCK, NULL);
}

ZcClock *
zc_clock_new_fixed (GDateTime *start)
{
  ZcClock *self;

  g_return_val_if_fail (start != NULL, NULL);

  self = g_object_new (ZC_TYPE_CLOCK, NULL);
  self->fixed = TRUE;
  self->start_usec = g_date_time_to_unix (start) * G_USEC_PER_SEC
                     + g_date_time_get_microsecond (start);
  self->start_monotonic = g_get_monotonic_time ();
  return self;
}

gboolean
zc_clock_fixed_allowed (void)
{
#ifdef ZC_FIXED_CLOCK
  return TRUE;
#else
  return FALSE;
#endif
}

ZcClock *
zc_clock_new_from_iso (const char  *iso,
                       GError     **error)
{
  g_autoptr(GDateTime) start = NULL;

  g_return_val_if_fail (iso != NULL, NULL);

  if (!zc_clock_fixed_allowed ())
    {
      g_set_error (error, ZC_CLOCK_ERROR, ZC_CLOCK_ERROR_NOT_ALLOWED,
                   _("This build does not accept a fixed clock"));
      return NULL;
    }
  /* a zone is required: "09:00" alone would mean the machine's zone */
  start = g_date_time_new_from_iso8601 (iso, NULL);
  if (start == NULL)
    {
      g_set_error (error, ZC_CLOCK_ERROR, ZC_CLOCK_ERROR_INVALID,
                   _("“%s” is not a date and time with a zone, e.g. 2027-02-10T09:00:00+08:00"), iso);
      return NULL;
    }
  return zc_clock_new_fixed (start);
}

ZcClock *
zc_clock_get_default (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      if (default_clock == NULL)
        {
          const char *env = g_getenv ("ZC_NOW");
          g_autoptr(GError) error = NULL;

          if (env != NULL && env[0] != '\0')
            {
              default_clock = zc_clock_new_from_iso (env, &error);
              if (default_clock == NULL)
                g_critical ("ZC_NOW: %s", error->message);
            }
          if (default_clock == NULL)
            default_clock = zc_clock_new_system ();
        }
      g_once_init_leave (&initialised, 1);
    }
  return default_clock;
}

void
zc_clock_set_default (ZcClock *clock)
{
  ZcClock *old;

  g_return_if_fail (ZC_IS_CLOCK (clock));

  /* make sure the lazy initialisation has run, then replace */
  zc_clock_get_default ();
  old = default_clock;
  default_clock = g_object_ref (clock);
  g_clear_object (&old);
}

gboolean
zc_clock_is_fixed (ZcClock *self)
{
  g_return_val_if_fail (ZC_IS_CLOCK (self), FALSE);

  return self->fixed;
}

static gint64
now_usec (ZcClock *self)
{
  if (self->fixed)
    return self->start_usec + (g_get_monotonic_time () - self->start_monotonic);
  return g_get_real_time ();
}

GDateTime *
zc_clock_now_utc (ZcClock *self)
{
  gint64 usec;
  g_autoptr(GDateTime) seconds = NULL;

  g_return_val_if_fail (ZC_IS_CLOCK (self), NULL);

  usec = now_usec (self);
  seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

GDateTime *
zc_clock_now_china (ZcClock *self)
{
  g_autoptr(GDateTime) utc = zc_clock_now_utc (self);

  return zc_date_time_to_china (utc);
}

gint64
zc_clock_unix (ZcClock *self)
{
  g_return_val_if_fail (ZC_IS_CLOCK (self), 0);

  return now_usec (self) / G_USEC_PER_SEC;
}

void
zc_clock_today_china (ZcClock *self,
                      GDate   *today)
{
  g_autoptr(GDateTime) now = zc_clock_now_china (self);

  g_return_if_fail (today != NULL);

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

char *
zc_clock_now_iso (ZcClock *self)
{
  g_autoptr(GDateTime) now = zc_clock_now_utc (self);

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
zc_date_time_format_rfc3339 (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

GDateTime *
zc_date_time_parse_rfc3339 (const char *text)
{
  static GRegex *form;

  if (g_once_init_enter (&form))
    g_once_init_leave (&form, g_regex_new ("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}"
                                           "(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
                                           G_REGEX_OPTIMIZE, 0, NULL));
  if (text == NULL || !g_regex_match (form, text, 0, NULL))
    return NULL;
  return g_date_time_new_from_iso8601 (text, NULL);
}
