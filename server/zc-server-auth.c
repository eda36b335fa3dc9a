/* zc-server-auth.c — password hashing (libxcrypt) and session tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-server-auth.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>

static gboolean
fill_random (guint8 *buf,
             gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t r = getrandom (buf + done, len - done, 0);

      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      done += (gsize) r;
    }
  return TRUE;
}

char *
zc_server_hash_password (const char *password)
{
  g_autofree char *setting = NULL;
  void *data = NULL;
  int size = 0;
  char *hashed;
  char *result = NULL;

  g_return_val_if_fail (password != NULL, NULL);

  /* NULL prefix: the library's preferred method ($y$ yescrypt) */
  setting = crypt_gensalt_ra (NULL, 0, NULL, 0);
  if (setting == NULL)
    return NULL;

  hashed = crypt_ra (password, setting, &data, &size);
  if (hashed != NULL && hashed[0] != '*')
    result = g_strdup (hashed);

  if (data != NULL)
    {
      explicit_bzero (data, (size_t) size);
      free (data);
    }
  return result;
}

gboolean
zc_server_verify_password (const char *password,
                           const char *hash)
{
  void *data = NULL;
  int size = 0;
  const char *hashed;
  gboolean ok = FALSE;

  if (password == NULL || hash == NULL || hash[0] == '\0' || hash[0] == '*')
    return FALSE;

  hashed = crypt_ra (password, hash, &data, &size);
  if (hashed != NULL && hashed[0] != '*')
    {
      gsize a = strlen (hashed);
      gsize b = strlen (hash);
      guint8 diff = (a == b) ? 0 : 1;

      for (gsize i = 0; i < MIN (a, b); i++)
        diff |= (guint8) (hashed[i] ^ hash[i]);
      ok = (diff == 0);
    }

  if (data != NULL)
    {
      explicit_bzero (data, (size_t) size);
      free (data);
    }
  return ok;
}

char *
zc_server_new_token (void)
{
  guint8 bytes[32];
  GString *hex = g_string_sized_new (64);

  if (!fill_random (bytes, sizeof bytes))
    {
      g_string_free (hex, TRUE);
      return NULL;
    }
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  explicit_bzero (bytes, sizeof bytes);
  return g_string_free (hex, FALSE);
}

char *
zc_server_token_digest (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
