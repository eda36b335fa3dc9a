/* test-page-share-dialog.c — 共享材料…: the case's documents from a real
 * zc-platform on loopback, one chosen, downloaded and its pages counted
 * on a worker, a page picked, 共享 emits the PDF and the page (issue 12).
 * ZC_TEST_SHOT_DIR=DIR keeps page-share-dialog.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "zc-client.h"
#include "zc-core.h"
#include "zc-i18n.h"
#include "zc-page-share-dialog.h"
#include "zc-test-client.h"
#include "zc-test-licence-pdf.h"
#include "zc-test-server.h"
#include "zc-test-util.h"
#include "zc-ui-private.h"
#include "zc-ui-utils.h"

#define PASSWORD "demo1234"
#define TIMEOUT_S 60

static char *tmp_dir;
static ZcServer *server;

static ZcLicence *
find_business_licence (ZcClient *client)
{
  g_autoptr(ZcClient) supervisor = zc_test_login (zc_server_get_url (server), "supervisor", PASSWORD);
  g_autoptr(GListModel) firms = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  GDate today;
  guint total = 0;

  g_date_clear (&today, 1);
  zc_ui_today (&today);
  zc_client_list_applicants_async (supervisor, NULL, "enterprise", 0, 100, NULL, zc_test_store_result_cb, &result);
  firms = ZC_TEST_AWAIT_FINISH (result, zc_client_list_applicants_finish (supervisor, result, &total, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (firms); i++)
    {
      g_autoptr(ZcApplicant) firm = g_list_model_get_item (firms, i);
      g_autoptr(GListModel) licences = NULL;

      zc_client_list_licences_async (client, zc_applicant_get_key (firm), NULL, zc_test_store_result_cb, &result);
      licences = ZC_TEST_AWAIT_FINISH (result, zc_client_list_licences_finish (client, result, &error));
      g_assert_no_error (error);
      for (guint k = 0; k < g_list_model_get_n_items (licences); k++)
        {
          g_autoptr(ZcLicence) l = g_list_model_get_item (licences, k);

          if (g_str_equal (zc_licence_get_licence_type (l), "business_licence") &&
              !zc_licence_get_revoked (l) && zc_licence_is_valid_on (l, &today))
            return g_steal_pointer (&l);
        }
    }
  g_assert_not_reached ();
}

/* a draft 企业变更 case of the licence's holder with its paper uploaded;
 * returns the case id */
static gint64
case_with_paper (ZcClient   *client,
                 ZcLicence  *licence,
                 const char *name_on_paper,
                 const char *file)
{
  g_autofree char *path = g_build_filename (tmp_dir, file, NULL);
  g_autofree char *code = g_strdup_printf ("统一社会信用代码\t%s", zc_licence_get_number (licence));
  g_autofree char *name_line = g_strdup_printf ("名　　称\t%s", name_on_paper);
  const char *lines[] = { code, name_line, "类　　型\t有限责任公司", NULL };
  g_autofree char *body_text = g_strdup_printf ("{\"item\":\"enterprise_change\",\"applicant\":\"%s\","
                                                "\"matters\":[\"business_change\"]}",
                                                zc_licence_get_holder (licence));
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autoptr(GFile) gfile = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GAsyncResult *result = NULL;

  if (name_on_paper[0] == '\0')
    {
      /* a blank page */
      const char *none[] = { NULL };

      zc_test_write_licence_pdf (path, ZC_TEST_PDF_TEXT, NULL, none, 0, 0);
    }
  else
    zc_test_write_licence_pdf (path, ZC_TEST_PDF_TEXT, "营业执照", lines, 0, 0);
  body = json_from_string (body_text, &error);
  g_assert_no_error (error);
  zc_client_create_case_async (client, json_node_get_object (body), NULL, NULL, zc_test_store_result_cb, &result);
  kase = ZC_TEST_AWAIT_FINISH (result, zc_client_create_case_finish (client, result, &error));
  g_assert_no_error (error);

  gfile = g_file_new_for_path (path);
  info = g_file_query_info (gfile, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
  g_assert_no_error (error);
  stream = g_file_read (gfile, NULL, &error);
  g_assert_no_error (error);
  zc_client_upload_document_async (client, zc_case_get_id (kase), "business_licence", NULL,
                                   G_INPUT_STREAM (stream), g_file_info_get_size (info), NULL, NULL, NULL,
                                   NULL, zc_test_store_result_cb, &result);
  doc = ZC_TEST_AWAIT_FINISH (result, zc_client_upload_document_finish (client, result, &error));
  g_assert_no_error (error);
  return zc_case_get_id (kase);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_type (c, type)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_row (gpointer data)
{
  return gtk_list_box_get_row_at_index (data, 0) != NULL;
}

static gboolean
is_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data);
}

typedef struct
{
  GBytes *pdf;
  int page;
  char *label;
} Shared;

static void
on_share (ZcPageShareDialog *dialog,
          GBytes            *pdf,
          int                page,
          const char        *label,
          Shared            *out)
{
  out->pdf = g_bytes_ref (pdf);
  out->page = page;
  out->label = g_strdup (label);
}

static gboolean
shared (gpointer data)
{
  return ((Shared *) data)->pdf != NULL;
}

static void
save_shot (GtkWidget  *widget,
           const char *name)
{
  const char *dir = g_getenv ("ZC_TEST_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderNode *node;
  int w, h;

  if (dir == NULL)
    return;
  zc_test_spin_for (300);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("screenshot %s", path);
  gsk_render_node_unref (node);
}

static void
test_dialog (void)
{
  g_autoptr(ZcClient) client = zc_test_login (zc_server_get_url (server), "clerk", PASSWORD);
  g_autoptr(ZcLicence) licence = find_business_licence (client);
  gint64 case_id = case_with_paper (client, licence, zc_licence_get_holder_name (licence), "licence.pdf");
  ZcPageShareDialog *dialog = zc_page_share_dialog_new (NULL, client, case_id);
  GtkWidget *list, *spin;
  Shared out = { NULL, -1, NULL };

  g_signal_connect (dialog, "share", G_CALLBACK (on_share), &out);
  gtk_window_present (GTK_WINDOW (dialog));
  list = find_type (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX);
  spin = find_type (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (list);
  g_assert_nonnull (spin);
  /* nothing chosen: nothing to share */
  g_assert_false (gtk_widget_is_sensitive (spin));
  g_assert_true (zc_test_spin_until (has_row, list, TIMEOUT_S, "the case's documents"));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  /* downloaded, pages counted: the page number can be chosen, 1 of 1 */
  g_assert_true (zc_test_spin_until (is_sensitive, spin, TIMEOUT_S, "the document's pages"));
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin))), ==, 1);
  save_shot (GTK_WIDGET (dialog), "page-share-dialog.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "share.share", NULL));
  g_assert_true (zc_test_spin_until (shared, &out, 10, "share emitted"));
  g_assert_cmpint (out.page, ==, 0);
  g_assert_cmpmem (g_bytes_get_data (out.pdf, NULL), 5, "%PDF-", 5);
  g_assert_nonnull (strstr (out.label, "1"));
  g_bytes_unref (out.pdf);
  g_free (out.label);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  int status;

  zc_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  _zc_ui_ensure_resources ();
  tmp_dir = g_dir_make_tmp ("zc-share-ui-XXXXXX", NULL);
  db_path = g_build_filename (tmp_dir, "platform.db", NULL);
  server = zc_test_server_start (db_path, TRUE, NULL, 0);

  g_test_add_func ("/ui/page-share-dialog", test_dialog);

  status = g_test_run ();
  g_clear_object (&server);
  zc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
