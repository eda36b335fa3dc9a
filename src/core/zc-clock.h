/* zc-clock.h — the one clock of every layer
 *
 * "Now" is an input. The platform, the demo generator, zcctl and the app
 * read the time through a ZcClock: the system clock in production, a
 * fixed clock in tests and demos ("2027-02-10T09:00:00+08:00", which then
 * runs on at the pace of the monotonic clock so that timeouts, ordering
 * and expiry still work). Every "today" is China Standard Time
 * (Asia/Shanghai), whatever the machine's own zone.
 *
 * The process-wide default clock is the system clock unless ZC_NOW is set
 * and the build allows a fixed clock (meson option fixed_clock, on by
 * default; production packages turn it off). Components that take a clock
 * as a parameter (ZcServer, the demo loader) use the default when given
 * NULL.
 *
 * A clock never changes after construction: it may be shared between
 * threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ZC_CLOCK_ERROR (zc_clock_error_quark ())

typedef enum
{
  ZC_CLOCK_ERROR_INVALID,      /* not an ISO 8601 date and time with a zone */
  ZC_CLOCK_ERROR_NOT_ALLOWED,  /* this build does not accept a fixed clock */
} ZcClockError;

GQuark zc_clock_error_quark (void);

#define ZC_TYPE_CLOCK (zc_clock_get_type ())
G_DECLARE_FINAL_TYPE (ZcClock, zc_clock, ZC, CLOCK, GObject)

ZcClock    *zc_clock_new_system       (void);
/* Starts at @start and runs on with the monotonic clock. */
ZcClock    *zc_clock_new_fixed        (GDateTime   *start);
/* @iso: "2027-02-10T09:00:00+08:00" (a zone or Z is required).
 * Errors: ZC_CLOCK_ERROR_INVALID, ZC_CLOCK_ERROR_NOT_ALLOWED. */
ZcClock    *zc_clock_new_from_iso     (const char  *iso,
                                       GError     **error);
/* TRUE when this build accepts fixed clocks (--now, ZC_NOW). */
gboolean    zc_clock_fixed_allowed    (void);

/* (transfer none) The process-wide clock: ZC_NOW when set and allowed
 * (an invalid or refused ZC_NOW is a g_critical and the system clock),
 * else the system clock. */
ZcClock    *zc_clock_get_default      (void);
/* Replaces the process-wide clock (zc-platform --now). Call before any
 * thread reads it. */
void        zc_clock_set_default      (ZcClock     *clock);

gboolean    zc_clock_is_fixed         (ZcClock     *self);

GDateTime  *zc_clock_now_utc          (ZcClock     *self);
GDateTime  *zc_clock_now_china        (ZcClock     *self);
/* Seconds since the epoch */
gint64      zc_clock_unix             (ZcClock     *self);
/* Today's date in China Standard Time */
void        zc_clock_today_china      (ZcClock     *self,
                                       GDate       *today);
/* "2026-11-27T09:30:00Z" (UTC, RFC 3339) */
char       *zc_clock_now_iso          (ZcClock     *self);

/* "2026-12-08T09:43:13+08:00": RFC 3339 in @time's own offset, whole
 * seconds (GLib's ISO 8601 writes "+08", which RFC 3339 refuses) */
char       *zc_date_time_format_rfc3339 (GDateTime  *time);
/* Only RFC 3339's date-time ("YYYY-MM-DDTHH:MM:SS[.frac](Z|±hh:mm)");
 * NULL for anything else, including ISO 8601's other forms */
GDateTime  *zc_date_time_parse_rfc3339  (const char *text);

G_END_DECLS
