/* zc-server-auth.h — password hashing and session tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A crypt(3) string (yescrypt, the libxcrypt default) or NULL on failure. */
char     *zc_server_hash_password   (const char *password);
/* Constant-time comparison of crypt (@password, @hash) with @hash. */
gboolean  zc_server_verify_password (const char *password,
                                     const char *hash);
/* 32 random bytes from getrandom() as 64 lower-case hex characters. */
char     *zc_server_new_token       (void);
/* What the sessions table keeps of a token: SHA-256 of it, 64 lower-case
 * hex characters (a stolen database holds no usable session). */
char     *zc_server_token_digest    (const char *token);

G_END_DECLS
