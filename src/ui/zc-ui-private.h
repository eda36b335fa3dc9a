/* zc-ui-private.h — in-library helpers of the UI layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the UI's GResource (templates, style, icons) once. */
void _zc_ui_ensure_resources (void);

G_END_DECLS
