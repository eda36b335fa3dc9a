/* zc-test-client.h — a logged-in client and a demo applicant, for the
 * tests and benchmarks that talk to a platform (tests/common,
 * libzc-test-platform; the program links libzc-platform)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zc-client.h"
#include "zc-test-util.h"

G_BEGIN_DECLS

/* A client of the platform at @base_url logged in as @username with
 * @password; asserts that the login succeeded */
ZcClient *zc_test_login                  (const char *base_url,
                                          const char *username,
                                          const char *password);
/* The key of the first person in the platform's applicant register, as
 * @client (logged in) lists it; asserts that there is one */
char     *zc_test_first_person_applicant (ZcClient   *client);

G_END_DECLS
