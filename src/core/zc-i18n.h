/* zc-i18n.h — one place that sets up translation for every program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* setlocale (LC_ALL, "") and the gettext domain, from $ZC_LOCALEDIR when
 * set (uninstalled runs: `meson devenv`, tests) else the installed
 * LOCALEDIR. */
void zc_i18n_init (void);

G_END_DECLS
