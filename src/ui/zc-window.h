/* zc-window.h — the workstation window: demo platform start, login, main view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-application.h"

G_BEGIN_DECLS

#define ZC_TYPE_WINDOW (zc_window_get_type ())
G_DECLARE_FINAL_TYPE (ZcWindow, zc_window, ZC, WINDOW, AdwApplicationWindow)

ZcWindow   *zc_window_new            (ZcApplication *application);
/* TRUE when the window works against the bundled demo platform */
gboolean    zc_window_get_demo_mode  (ZcWindow      *self);
/* "starting", "start-error", "login", "main" or "locked" (idle lock) */
const char *zc_window_get_page       (ZcWindow      *self);

G_END_DECLS
