/* zc-test-server.h — an in-process zc-platform for the tests, on loopback
 * (tests/common, libzc-test-util; the program links libzc-server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-server.h"
#include "zc-test-util.h"

G_BEGIN_DECLS

/* A zc-platform on the database at @db_path (with the demo data when
 * @demo; @data_dir NULL: the built-in data folder) listening on
 * 127.0.0.1:@port (0: any free port); asserts that it started. */
ZcServer *zc_test_server_start (const char *db_path,
                                gboolean    demo,
                                const char *data_dir,
                                guint       port);

G_END_DECLS
