/* zc-store-private.h — inside the local store (src/platform)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "zc-store.h"

G_BEGIN_DECLS

/* What a salvage copied from a damaged store */
typedef struct
{
  guint unsent;    /* outbox entries queued or refused */
  guint drafts;
  guint history;   /* outbox entries sent or discarded */
  gboolean unreadable;  /* some rows could not be read */
} ZcStoreSalvage;

/* Copies every row it can still read from @from (a damaged store) into
 * @to (a fresh one with the current schema), unsent outbox entries
 * first, then drafts, then the rest of the outbox, material files not
 * uploaded yet and the local reference counters: row by row, stepping over what cannot be read.
 * Keeps ids and Idempotency-Keys (a salvaged entry sent again is
 * recognised by the platform). @to must not be in a transaction. */
void _zc_store_salvage (sqlite3        *from,
                        sqlite3        *to,
                        ZcStoreSalvage *salvage);

G_END_DECLS
