/* zc-platform-error.c — errors of libzc-platform and the sentences
 * people see for them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include <string.h>

#include "zc-mask.h"
#include "zc-platform-error.h"

/* What an error says beyond its code and message (extended error) */
typedef struct
{
  char *locked_until;   /* LOCKED: RFC 3339, from the platform */
} ZcPlatformErrorPrivate;

static void
zc_platform_error_private_init (ZcPlatformErrorPrivate *priv)
{
  priv->locked_until = NULL;
}

static void
zc_platform_error_private_copy (const ZcPlatformErrorPrivate *src,
                                ZcPlatformErrorPrivate       *dest)
{
  dest->locked_until = g_strdup (src->locked_until);
}

static void
zc_platform_error_private_clear (ZcPlatformErrorPrivate *priv)
{
  g_clear_pointer (&priv->locked_until, g_free);
}

G_DEFINE_EXTENDED_ERROR (ZcPlatformError, zc_platform_error)

/**
 * zc_platform_error_get_locked_until:
 * @error: any error
 *
 * Returns: (nullable): for %ZC_PLATFORM_ERROR_LOCKED, until when the
 *   account is locked as the platform said it (RFC 3339), else %NULL
 */
const char *
zc_platform_error_get_locked_until (const GError *error)
{
  ZcPlatformErrorPrivate *priv;

  if (error == NULL || error->domain != ZC_PLATFORM_ERROR)
    return NULL;
  priv = zc_platform_error_get_private (error);
  return priv ? priv->locked_until : NULL;
}

void
zc_platform_error_set_locked_until (GError     *error,
                                    const char *locked_until)
{
  ZcPlatformErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == ZC_PLATFORM_ERROR);
  priv = zc_platform_error_get_private (error);
  g_free (priv->locked_until);
  priv->locked_until = g_strdup (locked_until);
}

/**
 * zc_platform_error_to_user_message:
 * @error: any error
 *
 * Chooses the sentence by error code, not by the raw message (which goes
 * to the debug log only). For CONFLICT, INVALID and LOCKED the
 * platform's own message is the reason and is kept after the sentence;
 * START keeps the reason the platform did not start.
 *
 * Returns: (transfer full): a translated sentence
 */
char *
zc_platform_error_to_user_message (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup (_("The operation was cancelled"));

  if (error->domain != ZC_PLATFORM_ERROR)
    return g_strdup (_("Something went wrong. Please try again."));

  switch ((ZcPlatformError) error->code)
    {
    case ZC_PLATFORM_ERROR_NETWORK:
      return g_strdup (_("Cannot reach the platform. Please check the network."));
    case ZC_PLATFORM_ERROR_UNAUTHORIZED:
      return g_strdup (_("The user name or password is not correct, or the session has ended. Please log in again."));
    case ZC_PLATFORM_ERROR_FORBIDDEN:
      return g_strdup (_("Your role is not allowed to do this."));
    case ZC_PLATFORM_ERROR_NOT_FOUND:
      return g_strdup (_("Not found on the platform."));
    case ZC_PLATFORM_ERROR_CONFLICT:
      /* Translators: %s is the platform's reason, e.g. why a case may not move */
      return g_strdup_printf (_("Not allowed: %s"), error->message);
    case ZC_PLATFORM_ERROR_TOO_LARGE:
      return g_strdup (_("What was sent is too large for the platform."));
    case ZC_PLATFORM_ERROR_INVALID:
      /* Translators: %s is the platform's reason */
      return g_strdup_printf (_("The platform refused the request: %s"), error->message);
    case ZC_PLATFORM_ERROR_LOCKED:
      /* Translators: %s is the platform's message, saying until when */
      return g_strdup_printf (_("The account is locked after too many failed logins: %s"),
                              error->message);
    case ZC_PLATFORM_ERROR_SERVER:
      return g_strdup (_("The platform has a problem. Please try again later."));
    case ZC_PLATFORM_ERROR_BUSY:
      return g_strdup (_("The platform is busy. Please try again in a moment."));
    case ZC_PLATFORM_ERROR_BAD_RESPONSE:
      return g_strdup (_("The platform sent an answer that cannot be understood."));
    case ZC_PLATFORM_ERROR_INSECURE:
      /* the client's message already says what and is translated */
      return g_strdup (error->message);
    case ZC_PLATFORM_ERROR_START:
      /* Translators: %s says why, e.g. the program was not found */
      return g_strdup_printf (_("The demo platform could not be started: %s"), error->message);
    default:
      return g_strdup (_("Something went wrong. Please try again."));
    }
}

char *
zc_log_mask (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0';)
    {
      gsize n = 0;

      while (g_ascii_isdigit (p[n]) || ((p[n] == 'X' || p[n] == 'x') && n >= 14))
        {
          n++;
          if (p[n - 1] == 'X' || p[n - 1] == 'x')
            break;
        }
      if (n >= 15)
        {
          g_autofree char *run = g_strndup (p, n);
          g_autofree char *masked = zc_mask_id (run);

          g_string_append (out, masked);
          p += n;
        }
      else if (n > 0)
        {
          g_string_append_len (out, p, n);
          p += n;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}
