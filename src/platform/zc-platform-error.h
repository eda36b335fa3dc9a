/* zc-platform-error.h — errors of libzc-platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ZC_PLATFORM_ERROR (zc_platform_error_quark ())

typedef enum
{
  ZC_PLATFORM_ERROR_NETWORK,       /* cannot reach the platform (offline) */
  ZC_PLATFORM_ERROR_UNAUTHORIZED,  /* 401: bad credentials or session ended */
  ZC_PLATFORM_ERROR_FORBIDDEN,     /* 403: the role may not do this */
  ZC_PLATFORM_ERROR_NOT_FOUND,     /* 404 */
  ZC_PLATFORM_ERROR_CONFLICT,      /* 409: e.g. a state move not allowed (message = the reason) */
  ZC_PLATFORM_ERROR_TOO_LARGE,     /* 413 */
  ZC_PLATFORM_ERROR_INVALID,       /* 400 / 422: the request was refused as malformed or invalid */
  ZC_PLATFORM_ERROR_LOCKED,        /* 423: account locked after failed logins */
  ZC_PLATFORM_ERROR_SERVER,        /* 5xx */
  ZC_PLATFORM_ERROR_BAD_RESPONSE,  /* the platform answered something that is not the contract */
  ZC_PLATFORM_ERROR_START,         /* the embedded platform did not start */
  ZC_PLATFORM_ERROR_BUSY,          /* 408 / 429: try again later */
  ZC_PLATFORM_ERROR_INSECURE,      /* refused before sending: plain http to a non-loopback
                                    * address, an untrusted certificate, an unreadable CA file */
} ZcPlatformError;

GQuark zc_platform_error_quark (void);

/* LOCKED: until when (RFC 3339, the platform's "locked_until"), or NULL */
const char *zc_platform_error_get_locked_until (const GError *error);
void        zc_platform_error_set_locked_until (GError       *error,
                                                const char   *locked_until);

/* The translated sentence to show a person for @error (any domain);
 * the server's own message is kept for CONFLICT/INVALID where it is the
 * reason. Never contains personal data. */
char  *zc_platform_error_to_user_message (const GError *error);

/* @text (e.g. an error message that may quote what the platform was
 * sent) with every run that looks like a resident id (17 digits and a
 * digit or X) or another long number (15+ digits) masked as zc_mask_id()
 * does: for the debug log, which never holds personal data. */
char  *zc_log_mask (const char *text);

/* g_debug() / g_warning() of "@what: @text" with @text through
 * zc_log_mask(), in the caller's log domain */
#define zc_debug_masked(what, text) \
  G_STMT_START { \
    g_autofree char *zc_masked_ = zc_log_mask (text); \
    g_debug ("%s: %s", what, zc_masked_); \
  } G_STMT_END
#define zc_warning_masked(what, text) \
  G_STMT_START { \
    g_autofree char *zc_masked_ = zc_log_mask (text); \
    g_warning ("%s: %s", what, zc_masked_); \
  } G_STMT_END

G_END_DECLS
