/* zc-server-demo.h — the demo data loader (catalogue, licence library,
 * cases, users) for an empty database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zc-server-db.h"

G_BEGIN_DECLS

gboolean zc_server_demo_load (ZcServerDb  *db,
                              const char  *data_dir,
                              GError     **error);

G_END_DECLS
