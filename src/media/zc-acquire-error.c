/* zc-acquire-error.c — the error domain of acquiring materials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "zc-acquire-error.h"

G_DEFINE_QUARK (zc-acquire-error-quark, zc_acquire_error)
