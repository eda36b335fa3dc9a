/* bench-upload.c — material upload throughput on loopback: a clerk's
 * ZcClient streams PDFs of 16 MiB to an in-process zc-platform
 * (POST /cases/{id}/documents: the body to a file as it arrives, its
 * SHA-256 computed on the way, the file synced and renamed). Prints
 * MB/s per upload and overall; asserts nothing.
 *
 *   bench-upload [N_UPLOADS] [MIB]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "zc-client.h"
#include "zc-test-client.h"
#include "zc-test-server.h"
#include "zc-test-util.h"
#include "../tests/server/zc-test-server-fixture.h"

static GBytes *
pdf_bytes (gsize size,
           guint seed)
{
  guint32 *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < size / 4; i++)
    data[i] = g_rand_int (rand);
  memcpy (data, "%PDF-1.7\n", 9);
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 8;
  guint mib = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 16;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("zc-bench-upload-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autoptr(ZcServer) server = NULL;
  g_autoptr(ZcClient) clerk = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(ZcCase) zcase = NULL;
  GAsyncResult *result = NULL;
  gint64 total_us = 0;
  double best = 0;

  g_assert_no_error (error);
  db_path = g_build_filename (dir, "platform.db", NULL);
  {
    ZcServerDb *db = zc_server_db_open (db_path, &error);

    g_assert_no_error (error);
    zc_test_populate (db);
    zc_server_db_close (db);
  }
  server = zc_test_server_start (db_path, FALSE, NULL, 0);
  clerk = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  json_object_set_string_member (body, "item", ITEM_CODE);
  json_object_set_string_member (body, "applicant", PERSON_KEY);
  zc_client_create_case_async (clerk, body, NULL, NULL, zc_test_store_result_cb, &result);
  zcase = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (clerk, result, &error));
  g_assert_no_error (error);

  printf ("# %u uploads of %u MiB to 127.0.0.1 (client and platform in one process)\n", n, mib);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) pdf = pdf_bytes ((gsize) mib * 1024 * 1024, i + 1);
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (pdf);
      g_autoptr(JsonObject) doc = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 us;
      double rate;

      zc_client_upload_document_async (clerk, zc_case_get_id (zcase), "id_copy", NULL, stream,
                                       (goffset) g_bytes_get_size (pdf), NULL, NULL, NULL, NULL,
                                       zc_test_store_result_cb, &result);
      doc = ZC_TEST_AWAIT_FINISH (result, zc_client_upload_document_finish (clerk, result, &error));
      g_assert_no_error (error);
      us = g_get_monotonic_time () - start;
      total_us += us;
      rate = (double) g_bytes_get_size (pdf) / 1e6 / ((double) us / 1e6);
      best = MAX (best, rate);
      printf ("upload %u: %.1f ms, %.1f MB/s\n", i + 1, us / 1000.0, rate);
    }
  printf ("overall: %.1f MB/s (best %.1f MB/s)\n",
          (double) n * mib * 1024 * 1024 / 1e6 / ((double) total_us / 1e6), best);

  zc_server_shutdown (server);
  g_clear_object (&server);
  zc_test_remove_tree (dir);
  return 0;
}
