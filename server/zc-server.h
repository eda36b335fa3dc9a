/* zc-server.h — the bundled reference platform, embeddable in tests.
 *
 * ZcServer owns the database (zc-server-db), the libsoup-free request
 * layer (zc-server-api) and a thin SoupServer adapter. zc-platform.c is
 * only option parsing around this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "zc-clock.h"

G_BEGIN_DECLS

#define ZC_TYPE_SERVER (zc_server_get_type ())
G_DECLARE_FINAL_TYPE (ZcServer, zc_server, ZC, SERVER, GObject)

/* Opens (creates) the SQLite database at @db_path (WAL). With @demo on
 * an empty database, loads the demo catalogue, licence library, cases
 * and users from @data_dir (NULL = the build's data folder). On a
 * populated database @demo changes nothing. */
ZcServer   *zc_server_new      (const char  *db_path,
                                gboolean     demo,
                                const char  *data_dir,
                                GError     **error);
/* Before listening: serve HTTPS with @certificate (its private key
 * included; g_tls_certificate_new_from_files). */
void        zc_server_set_tls_certificate (ZcServer        *self,
                                           GTlsCertificate *certificate);
/* The address citizens reach the platform by ("https://host:port"):
 * the base of a video session's citizen_url. Default: the URL it
 * listens on. */
void        zc_server_set_public_url      (ZcServer        *self,
                                           const char      *url);
/* Seconds a video signalling socket may stay silent (no frame, no pong)
 * before it is closed (default 30; tests shorten it) */
void        zc_server_set_signal_liveness (ZcServer        *self,
                                           guint            seconds);
/* The platform's clock (tests: a fixed clock moved on) */
void        zc_server_set_clock           (ZcServer        *self,
                                           ZcClock         *clock);
/* Listens on @address (e.g. "127.0.0.1") and @port (0 = a free one) in
 * the thread-default main context. */
gboolean    zc_server_listen   (ZcServer    *self,
                                const char  *address,
                                guint        port,
                                GError     **error);
/* "http://127.0.0.1:NNNNN" (https with a certificate) once listening */
const char *zc_server_get_url  (ZcServer    *self);
void        zc_server_shutdown (ZcServer    *self);

/* Once listening, zc-platform checks every @seconds (0: never) whether
 * open commitments passed their deadline on its clock (and once when it
 * starts listening). */
#define ZC_SERVER_DEFAULT_CHECK_INTERVAL 60
void        zc_server_set_check_interval    (ZcServer *self,
                                             guint     seconds);
/* 事后核查 due this many working days after approval (default 20) */
void        zc_server_set_verification_days (ZcServer *self,
                                             guint     days);

G_END_DECLS
