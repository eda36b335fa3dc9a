/* zc-test-case-body.h — the body of a case as the counter submits it, for
 * the tests that send cases to a platform (tests/common,
 * libzc-test-platform; the program links libzc-platform)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-client.h"
#include "zc-test-util.h"

G_BEGIN_DECLS

/* A case of @item_code for the applicant @applicant_key, read through
 * @client (logged in), complete by the app's own check (the platform
 * refuses to receive anything less): prefill, the applicant's known
 * parties (the applicant stands in for one the register lacks), a value
 * typed for each required field left empty, every material handed in.
 * Today is the process clock's (ZC_NOW). Asserts that it is complete. */
JsonObject *zc_test_complete_case_body (ZcClient   *client,
                                        const char *item_code,
                                        const char *applicant_key);

G_END_DECLS
