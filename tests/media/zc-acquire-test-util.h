/* zc-acquire-test-util.h — what the tests of acquiring materials share:
 * SANE's own `test` backend set up in a folder of the test's, and files
 * to import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Points SANE_CONFIG_DIR at a new folder under DIR holding a dll.conf
 * with only `test` and the system's test.conf followed by
 * EXTRA_CONF (lines "option value" that override it, may be NULL).
 * Call before the process's first SANE call (SANE reads it once). */
void    zc_acquire_test_setup_sane (const char *dir,
                                    const char *extra_conf);

/* A PNG of WIDTH × HEIGHT (a grey page with a black bar) */
GBytes *zc_acquire_test_png        (int         width,
                                    int         height);
/* A PDF of N_PAGES A4 pages, each with its number as text */
GBytes *zc_acquire_test_pdf        (int         n_pages);
/* A one-page PDF encrypted with a user password (not the empty one) */
GBytes *zc_acquire_test_encrypted_pdf (void);
/* A JPEG of WIDTH × HEIGHT */
GBytes *zc_acquire_test_jpeg       (int         width,
                                    int         height);
/* Writes BYTES to DIR/NAME; the file */
GFile  *zc_acquire_test_write      (const char *dir,
                                    const char *name,
                                    GBytes     *bytes);
/* The number of pages poppler finds in PDF (-1: it does not open it) */
int     zc_acquire_test_pdf_pages  (GBytes     *pdf);

G_END_DECLS
