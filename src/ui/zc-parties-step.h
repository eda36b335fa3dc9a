/* zc-parties-step.h — the parties the item needs besides the applicant,
 * by their keys, looked up in the licence library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zc-client.h"
#include "zc-reception.h"

G_BEGIN_DECLS

#define ZC_TYPE_PARTIES_STEP (zc_parties_step_get_type ())
G_DECLARE_FINAL_TYPE (ZcPartiesStep, zc_parties_step, ZC, PARTIES_STEP, AdwBin)

/* The client that looks the keys up */
void         zc_parties_step_set_client    (ZcPartiesStep *self,
                                            ZcClient      *client);
void         zc_parties_step_set_reception (ZcPartiesStep *self,
                                            ZcReception   *reception);
ZcReception *zc_parties_step_get_reception (ZcPartiesStep *self);
/* Makes one row per role the chosen sub-matters need (kept as typed
 * for the roles still needed) */
void         zc_parties_step_refresh       (ZcPartiesStep *self);
/* "ready": every key typed names a party found */
gboolean     zc_parties_step_get_ready     (ZcPartiesStep *self);

/* signals: "done" — Enter in the last key with every party found */

G_END_DECLS
