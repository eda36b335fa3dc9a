/* test-documents.c — the three window documents written as PDF and read
 * back with poppler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "zc-document.h"
#include "zc-pdf-test-util.h"

/* poppler-glib 22.12 has no autoptr support of its own */

#define FULL_ID "340104199001011234"
#define MASKED_ID "3401**********1234"

static ZcDocumentData *
sample (ZcDocumentKind kind)
{
  ZcDocumentData *d = zc_document_data_new (kind);

  d->case_number = g_strdup ("ZC-20261127-000123");
  d->local_ref = g_strdup ("L-7f3a");
  d->applicant_name = g_strdup ("王小明");
  d->applicant_key = g_strdup (FULL_ID);
  d->item_name = g_strdup ("开办餐饮店");
  zc_document_data_add_matter (d, "营业执照", "市场监督管理局", "2026-12-02", FALSE);
  zc_document_data_add_matter (d, "食品经营许可", "市场监督管理局", "2026-12-11", TRUE);
  zc_document_data_add_matter (d, "公众聚集场所投入使用前消防安全检查", "消防救援支队", "2026-12-09", FALSE);
  g_ptr_array_add (d->materials_received, g_strdup ("经营场所使用证明"));
  g_ptr_array_add (d->materials_received, g_strdup ("食品安全管理制度"));
  g_ptr_array_add (d->materials_exempt, g_strdup ("身份证复印件（居民身份证 3401**********1234）"));
  g_ptr_array_add (d->materials_pending, g_strdup ("健康证明 — 容缺，2026-12-04 前补交，已承诺"));
  d->window = g_strdup ("3 号综合窗口");
  d->clerk = g_strdup ("李娜");
  d->reason = g_strdup ("经营场所位于居民住宅楼内，不符合《食品经营许可管理办法》的要求");
  /* late evening UTC is already the next morning at the counter */
  d->issued_at = g_date_time_new_utc (2026, 11, 27, 20, 36, 0);
  return d;
}

static PopplerDocument *
load (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;

  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  g_assert_true (memcmp (g_bytes_get_data (bytes, NULL), "%PDF-", 5) == 0);
  /* to look at them: ZC_DOCUMENTS_DUMP=/tmp/dir */
  if (g_getenv ("ZC_DOCUMENTS_DUMP") != NULL)
    {
      g_autofree char *base = g_strdelimit (g_strdup (g_test_get_path ()), "/", '_');
      g_autofree char *name = g_strconcat (base, ".pdf", NULL);
      g_autofree char *path = g_build_filename (g_getenv ("ZC_DOCUMENTS_DUMP"), name, NULL);
      g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
    }
  doc = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
assert_common (const char *text, ZcDocumentKind kind)
{
  zc_test_assert_has (text, zc_document_kind_title (kind));
  zc_test_assert_has (text, "ZC-20261127-000123");
  zc_test_assert_has (text, "王小明");
  zc_test_assert_has (text, MASKED_ID);
  g_assert_null (strstr (text, FULL_ID));
  g_assert_null (strstr (text, "199001011"));
  zc_test_assert_has (text, "开办餐饮店");
  zc_test_assert_has (text, "3 号综合窗口");
  zc_test_assert_has (text, "李娜");
  zc_test_assert_has (text, "2026-11-28 04:36");  /* China Standard Time */
}

static void
test_receipt (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_RECEIPT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = zc_document_write_sync (d, &error);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *provisional = NULL;

  g_assert_no_error (error);
  doc = load (bytes);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  text = zc_test_pdf_text (doc, 1);
  assert_common (text, ZC_DOCUMENT_RECEIPT);
  zc_test_assert_has (text, "营业执照");
  zc_test_assert_has (text, "食品经营许可");
  zc_test_assert_has (text, "公众聚集场所投入使用前消防安全检查");
  zc_test_assert_has (text, "市场监督管理局");
  zc_test_assert_has (text, "消防救援支队");
  zc_test_assert_has (text, "2026-12-02");
  zc_test_assert_has (text, "2026-12-09");
  /* only the provisional date carries the mark */
  provisional = g_strdup_printf (_("%s (provisional)"), "2026-12-11");
  zc_test_assert_has (text, provisional);
  g_assert_null (strstr (text, "2026-12-02(provisional)"));
  zc_test_assert_has (text, "经营场所使用证明");
  zc_test_assert_has (text, "食品安全管理制度");
  zc_test_assert_has (text, "居民身份证");
  zc_test_assert_has (text, "健康证明");
  zc_test_assert_has (text, "已承诺");
  {
    g_autofree char *foot = g_strdup_printf (_("Page %u of %u"), 1, 1);
    zc_test_assert_has (text, foot);
  }
  g_assert_null (strstr (text, "L-7f3a")); /* the number is known: no local ref */
  /* the refusal's reason does not leak onto a receipt */
  g_assert_null (strstr (text, "居民住宅楼"));
}

static void
test_pending_number (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_RECEIPT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pending = NULL;

  g_clear_pointer (&d->case_number, g_free);
  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  doc = load (bytes);
  text = zc_test_pdf_text (doc, 1);
  pending = g_strdup_printf (_("Pending sync (local reference %s)"), "L-7f3a");
  zc_test_assert_has (text, pending);
  g_assert_null (strstr (text, "ZC-2026"));
}

static void
test_one_time_notice (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_ONE_TIME_NOTICE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (d->materials_pending, g_strdup ("从业人员健康证明（缺 2 人）"));
  g_ptr_array_add (d->materials_pending, g_strdup ("房屋租赁合同（未盖章，需补正）"));
  /* a careless caller puts the full ID into a line: it is masked anyway */
  g_ptr_array_add (d->materials_pending, g_strdup ("申请人 " FULL_ID " 的户口簿"));
  g_clear_pointer (&d->reason, g_free);
  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  doc = load (bytes);
  text = zc_test_pdf_text (doc, 1);
  assert_common (text, ZC_DOCUMENT_ONE_TIME_NOTICE);
  /* every missing material, at once */
  zc_test_assert_has (text, "健康证明");
  zc_test_assert_has (text, "从业人员健康证明（缺2人）");
  zc_test_assert_has (text, "房屋租赁合同（未盖章，需补正）");
  zc_test_assert_has (text, "申请人" MASKED_ID "的户口簿");
  /* the legal basis */
  zc_test_assert_has (text, "Article 32 of the Administrative Licensing Law");
}

static void
test_refusal (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_REFUSAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;

  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  doc = load (bytes);
  text = zc_test_pdf_text (doc, 1);
  assert_common (text, ZC_DOCUMENT_REFUSAL);
  zc_test_assert_has (text, "经营场所位于居民住宅楼内，不符合《食品经营许可管理办法》的要求");
  zc_test_assert_has (text, "within 60 days");
  zc_test_assert_has (text, "within 6 months");
}

static void
test_long_list_flows (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_RECEIPT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *plast = NULL;
  int n;

  for (int i = 1; i <= 60; i++)
    g_ptr_array_add (d->materials_received, g_strdup_printf ("第%d号补充材料（原件一份，复印件两份）", i));
  for (int i = 1; i <= 12; i++)
    zc_document_data_add_matter (d, "分项事项", "部门", "2026-12-31", i % 2);
  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  doc = load (bytes);
  n = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n, >=, 2);
  text = zc_test_pdf_text (doc, 1);
  zc_test_assert_has (text, "第1号补充材料");
  zc_test_assert_has (text, "第60号补充材料");
  p1 = g_strdup_printf (_("Page %u of %u"), 1, (guint) n);
  plast = g_strdup_printf (_("Page %u of %u"), (guint) n, (guint) n);
  zc_test_assert_has (text, p1);
  zc_test_assert_has (text, plast);

  /* each page has its own footer: page i's text holds "i of n" */
  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *pt = poppler_page_get_text (page);
      g_autofree char *sq = zc_test_squeeze (pt);
      g_autofree char *foot = g_strdup_printf (_("Page %u of %u"), (guint) i + 1, (guint) n);
      zc_test_assert_has (sq, foot);
    }
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GBytes **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = zc_document_write_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  GBytes *bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;

  zc_document_write_async (sample (ZC_DOCUMENT_REFUSAL), NULL, on_written, &bytes);
  while (bytes == NULL)
    g_main_context_iteration (NULL, TRUE);
  doc = load (bytes);
  text = zc_test_pdf_text (doc, 1);
  zc_test_assert_has (text, zc_document_kind_title (ZC_DOCUMENT_REFUSAL));
  g_bytes_unref (bytes);
}

static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = zc_document_write_finish (result, &error);

  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_async_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  g_cancellable_cancel (cancellable);
  zc_document_write_async (sample (ZC_DOCUMENT_RECEIPT), cancellable, on_cancelled, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_empty_and_bad (void)
{
  g_autoptr(ZcDocumentData) d = zc_document_data_new (ZC_DOCUMENT_RECEIPT);
  g_autoptr(ZcDocumentData) bad = zc_document_data_new (ZC_DOCUMENT_RECEIPT);
  g_autoptr(ZcDocumentData) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) none = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;

  /* nothing filled in: still a document, and the ID line is masked/blank */
  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  doc = load (bytes);
  text = zc_test_pdf_text (doc, 1);
  zc_test_assert_has (text, zc_document_kind_title (ZC_DOCUMENT_RECEIPT));

  bad->kind = (ZcDocumentKind) 42;
  none = zc_document_write_sync (bad, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  /* copy is deep */
  {
    g_autoptr(ZcDocumentData) s = sample (ZC_DOCUMENT_RECEIPT);
    copy = zc_document_data_copy (s);
  }
  g_assert_cmpstr (copy->applicant_name, ==, "王小明");
  g_assert_cmpuint (copy->matters->len, ==, 3);
  g_assert_true (((ZcDocumentMatter *) g_ptr_array_index (copy->matters, 1))->provisional);
  g_assert_cmpstr (g_ptr_array_index (copy->materials_exempt, 0), ==,
                   "身份证复印件（居民身份证 3401**********1234）");
}

/* Every character on the page leaves ink where poppler says it is: the
 * outlines are drawn, so no glyph can be lost in font subsetting (cairo
 * 1.16 drops e.g. 如 of Noto Sans CJK SC when only text is written). */
static void
test_every_glyph_inked (void)
{
  g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_REFUSAL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  PopplerRectangle *rects = NULL;
  guint n_rects = 0, checked = 0;
  const double scale = 2.0;
  cairo_surface_t *surface;
  cairo_t *cr;
  const char *p;
  guint i;

  g_free (d->applicant_name);
  d->applicant_name = g_strdup ("如意");
  g_free (d->reason);
  d->reason = g_strdup ("如不服，女儿好妈妈");
  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  doc = load (bytes);
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595 * scale, 842 * scale);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (p = text, i = 0; *p && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      int x0, x1, y0, y1, dark = 0;
      const guchar *data = cairo_image_surface_get_data (surface);
      int stride = cairo_image_surface_get_stride (surface);

      if (c < 0x4e00 || c > 0x9fff)   /* check the CJK ideographs */
        continue;
      x0 = rects[i].x1 * scale; x1 = rects[i].x2 * scale;
      y0 = rects[i].y1 * scale; y1 = rects[i].y2 * scale;
      for (int y = MAX (y0, 0); y < MIN (y1, 842 * scale); y++)
        for (int x = MAX (x0, 0); x < MIN (x1, 595 * scale); x++)
          if (data[y * stride + x * 4 + 1] < 128)
            dark++;
      if (dark < 4)
        {
          char buf[8] = { 0 };
          g_unichar_to_utf8 (c, buf);
          g_error ("no ink for “%s” (character %u of the page)", buf, i);
        }
      checked++;
    }
  g_assert_cmpuint (checked, >, 20);
  g_free (rects);
  cairo_surface_destroy (surface);
}

/* With the zh_CN catalogue built and merged, the titles are the real ones. */
static void
test_zh_cn_titles (void)
{
  const char *title;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  title = zc_document_kind_title (ZC_DOCUMENT_RECEIPT);
  if (g_strcmp0 (title, "受理回执") != 0)
    {
      g_setenv ("LANGUAGE", "C", TRUE);
      g_test_skip ("zh_CN translation of the documents not merged/built yet");
      return;
    }
  {
    g_autoptr(ZcDocumentData) d = sample (ZC_DOCUMENT_RECEIPT);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(PopplerDocument) doc = NULL;
    g_autofree char *text = NULL;

    g_clear_pointer (&d->case_number, g_free);
    bytes = zc_document_write_sync (d, &error);
    g_assert_no_error (error);
    doc = load (bytes);
    text = zc_test_pdf_text (doc, 1);
    zc_test_assert_has (text, "受理回执");
    zc_test_assert_has (text, "待同步");
    zc_test_assert_has (text, "暂定");
    zc_test_assert_has (text, "第1页共1页");
  }
  g_assert_cmpstr (zc_document_kind_title (ZC_DOCUMENT_ONE_TIME_NOTICE), ==, "一次性告知书");
  g_assert_cmpstr (zc_document_kind_title (ZC_DOCUMENT_REFUSAL), ==, "不予受理通知书");
  g_assert_cmpstr (zc_document_kind_title (ZC_DOCUMENT_TOLERANCE_REQUEST), ==, "申请容缺受理承诺书");
  g_assert_cmpstr (zc_document_kind_title (ZC_DOCUMENT_TOLERANCE_NOTICE), ==, "容缺受理通知书");
  g_assert_cmpstr (zc_document_kind_title (ZC_DOCUMENT_COMMITMENT), ==, "告知承诺书");
  g_setenv ("LANGUAGE", "C", TRUE);
  /* gettext notices a new LANGUAGE on the next setlocale only */
  setlocale (LC_ALL, "");
}

/* A reprint from the case page says what the print at the counter said:
 * each material that applies once, by the state recorded at the counter;
 * a material of a sub-matter the case did not choose is not there. */
static void
test_reprint_from_case (void)
{
  static const char item_json[] =
    "{\"code\":\"open_restaurant\",\"name\":\"开办餐饮店\",\"initials\":\"kbcyd\",\"subject\":\"person\","
    "\"lead_department\":\"市场监督管理局\",\"matters\":["
    "{\"code\":\"m1\",\"name\":\"营业执照\",\"department\":\"市场监督管理局\",\"time_limit_days\":3,\"optional\":false},"
    "{\"code\":\"m2\",\"name\":\"户外招牌设置\",\"department\":\"城管局\",\"time_limit_days\":5,\"optional\":true}],"
    "\"fields\":[],\"materials\":["
    "{\"code\":\"id\",\"name\":\"法定代表人身份证\",\"party\":\"applicant\",\"matters\":[\"m1\"],"
    " \"replaced_by\":\"id_card\",\"tolerable\":false,\"commitment_allowed\":false},"
    "{\"code\":\"lease\",\"name\":\"经营场所使用证明\",\"party\":\"applicant\",\"matters\":[\"m1\"],"
    " \"tolerable\":true,\"commitment_allowed\":false},"
    "{\"code\":\"rules\",\"name\":\"食品安全管理制度\",\"party\":\"applicant\",\"matters\":[\"m1\"],"
    " \"tolerable\":false,\"commitment_allowed\":false},"
    "{\"code\":\"sign\",\"name\":\"招牌设计图\",\"party\":\"applicant\",\"matters\":[\"m2\"],"
    " \"tolerable\":false,\"commitment_allowed\":false}]}";
  static const char case_json[] =
    "{\"id\":7,\"number\":\"ZC-20261127-000123\",\"item\":\"open_restaurant\",\"item_name\":\"开办餐饮店\","
    "\"applicant\":\"" FULL_ID "\",\"applicant_name\":\"王小明\",\"applicant_kind\":\"person\",\"state\":\"received\","
    "\"window\":\"3 号综合窗口\",\"clerk\":\"clerk\",\"created_at\":\"2026-11-27T01:00:00Z\","
    "\"updated_at\":\"2026-11-27T01:00:00Z\",\"received_at\":\"2026-11-27T01:00:00Z\",\"matters\":[\"m1\"],"
    "\"materials\":{\"id\":{\"state\":\"exempt\",\"licence\":{\"type\":\"id_card\",\"number\":\"" FULL_ID "\"}},"
    "\"lease\":\"deferred\",\"rules\":\"received\"},"
    "\"tasks\":[{\"id\":1,\"case_id\":7,\"matter\":\"m1\",\"matter_name\":\"营业执照\",\"department\":\"市场监督管理局\","
    "\"state\":\"pending\",\"due_date\":\"2026-12-02\",\"due_provisional\":false}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) item_node = zc_json_parse (item_json, -1, ZC_JSON_MAX_DEPTH, &error);
  g_autoptr(ZcCatalogueItem) item = NULL;
  g_autoptr(JsonNode) case_node = NULL;
  g_autoptr(ZcCase) kase = NULL;
  g_autoptr(ZcDocumentData) d = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tolerated = NULL;
  const char *first;

  g_assert_no_error (error);
  item = zc_catalogue_item_new_from_json (item_node, &error);
  g_assert_no_error (error);
  case_node = zc_json_parse (case_json, -1, ZC_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  kase = zc_case_new_from_json (case_node, &error);
  g_assert_no_error (error);

  d = zc_document_data_new_for_case (ZC_DOCUMENT_RECEIPT, kase, item, "李娜");
  g_date_time_unref (d->issued_at);
  d->issued_at = g_date_time_new_utc (2026, 11, 27, 20, 36, 0);
  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  doc = load (bytes);
  text = zc_test_pdf_text (doc, 1);
  assert_common (text, ZC_DOCUMENT_RECEIPT);
  zc_test_assert_has (text, "2026-12-02");
  zc_test_assert_has (text, "食品安全管理制度");
  {
    /* 免提交 with the licence that replaced it, its number masked */
    g_autofree char *masked = zc_mask_licence_number ("id_card", FULL_ID);
    g_autofree char *exempt = g_strdup_printf ("法定代表人身份证（%s %s）", zc_licence_type_label ("id_card"), masked);

    zc_test_assert_has (text, exempt);
  }
  /* 容缺 in its own list, with what it is and the deadline (the time
   * limit of its sub-matter, 3 working days) */
  {
    g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "accepted as missing: hand it in within %u working day of acceptance",
                                                          "accepted as missing: hand it in within %u working days of acceptance",
                                                          3), 3);

    tolerated = g_strdup_printf (_("%s: %s"), "经营场所使用证明", note);
    zc_test_assert_has (text, tolerated);
  }
  /* once, and nothing of the sub-matter the case did not choose */
  first = strstr (text, "食品安全管理制度");
  g_assert_null (strstr (first + 1, "食品安全管理制度"));
  g_assert_null (strstr (text, "招牌设计图"));
  g_assert_null (strstr (text, "户外招牌设置"));
}

/* ── the notice of a reception, for three items of the catalogue ── */

static ZcCatalogueItem *
catalogue_item (const char *code)
{
  g_autofree char *path = g_build_filename (g_getenv ("ZC_DATA_DIR") ? g_getenv ("ZC_DATA_DIR") : ".",
                                            "catalogue.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GListModel) catalogue = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  root = zc_json_parse (text, -1, ZC_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  catalogue = zc_catalogue_parse (root, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (catalogue); i++)
    {
      g_autoptr(ZcCatalogueItem) item = g_list_model_get_item (catalogue, i);

      if (g_str_equal (zc_catalogue_item_get_code (item), code))
        return g_steal_pointer (&item);
    }
  g_assert_not_reached ();
  return NULL;
}

static ZcApplicant *
bare_person (const char *id,
             const char *name)
{
  g_autofree char *json = g_strdup_printf ("{\"key\":\"%s\",\"kind\":\"person\",\"name\":\"%s\","
                                           "\"licences\":[],\"parties\":[]}", id, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = zc_json_parse (json, -1, ZC_JSON_MAX_DEPTH, &error);
  ZcApplicant *applicant;

  g_assert_no_error (error);
  applicant = zc_applicant_new_from_json (node, &error);
  g_assert_no_error (error);
  return applicant;
}

static guint
count_in (const char *text,
          const char *needle)
{
  g_autofree char *squeezed = zc_test_squeeze (needle);
  guint n = 0;

  for (const char *p = strstr (text, squeezed); p != NULL; p = strstr (p + strlen (squeezed), squeezed))
    n++;
  return n;
}

/* The notice as the counter prints it, read back: each material of the
 * reception once (the listed ones, by party; the 容缺/承诺 ones in their
 * own section with the deadline), no form field, nothing that does not
 * apply */
static void
check_notice (ZcReception        *r,
              const char * const *absent)
{
  g_autoptr(ZcDocumentData) d = zc_document_data_new_for_reception (ZC_DOCUMENT_ONE_TIME_NOTICE, r, NULL,
                                                                     NULL, "L-0001");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  GListModel *materials = zc_reception_get_materials (r);
  GListModel *fields = zc_reception_get_fields (r);
  const char *later_heading = _("Materials that may follow or be replaced by a commitment");
  g_autofree char *later_squeezed = zc_test_squeeze (later_heading);
  const char *later_at;

  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  doc = load (bytes);
  text = zc_test_pdf_text (doc, 1);
  later_at = strstr (text, later_squeezed);

  g_assert_cmpuint (g_list_model_get_n_items (materials), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
      ZcMaterial *m = zc_reception_material_get_material (rm);
      g_autofree char *name = zc_test_squeeze (zc_material_get_name (m));
      const char *at = strstr (text, name);

      g_test_message ("%s", zc_material_get_name (m));
      g_assert_cmpuint (count_in (text, zc_material_get_name (m)), ==, 1);
      /* 容缺 and 承诺 after their heading, the others before it */
      if (zc_reception_material_get_status (rm) == ZC_MATERIAL_STATUS_TOLERABLE ||
          zc_reception_material_get_status (rm) == ZC_MATERIAL_STATUS_COMMITMENT)
        {
          g_assert_nonnull (later_at);
          g_assert_true (at > later_at);
        }
      else
        g_assert_true (later_at == NULL || at < later_at);
    }
  /* each says what it is and by when */
  if (later_at != NULL)
    {
      g_autofree char *days = zc_test_squeeze (_("working days of acceptance"));
      g_autofree char *signed_at = zc_test_squeeze (_("signed at acceptance"));

      g_assert_true (strstr (later_at, days) != NULL || strstr (later_at, signed_at) != NULL);
    }
  /* no form field: neither the labels nor a "required" */
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(ZcReceptionField) rf = g_list_model_get_item (fields, i);
      const char *label = zc_form_field_get_label (zc_reception_field_get_field (rf));
      g_autofree char *line = g_strdup_printf (_("%s: required"), label);

      g_assert_cmpuint (count_in (text, line), ==, 0);
    }
  /* nothing that does not apply */
  for (guint i = 0; absent[i] != NULL; i++)
    g_assert_cmpuint (count_in (text, absent[i]), ==, 0);
}

static void
test_notice_from_reception (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (27, 11, 2026);

  /* 社会保障卡 for a 77-year-old: no guardian, no minor's 户口簿, no old card */
  {
    g_autoptr(ZcCatalogueItem) item = catalogue_item ("social_security_card_services");
    g_autoptr(ZcApplicant) elder = bare_person ("340102194903151235", "张桂英");
    g_autoptr(ZcReception) r = zc_reception_new (item, elder, date);
    static const char * const absent[] = { "监护人身份证", "户口簿", "原社会保障卡", "监护人", "制卡合作银行", NULL };

    g_assert_true (zc_reception_set_matter_chosen (r, "card_application", TRUE, NULL));
    g_assert_true (zc_reception_set_matter_chosen (r, "info_change", TRUE, NULL));
    check_notice (r, absent);
  }
  /* 新生儿出生 settling where the parents' household is not: the
   * commitment in its section; not the newborn's name */
  {
    g_autoptr(ZcCatalogueItem) item = catalogue_item ("newborn");
    g_autoptr(ZcApplicant) mother = bare_person ("340102199202026784", "李娜");
    g_autoptr(ZcReception) r = zc_reception_new (item, mother, date);
    static const char * const absent[] = { "新生儿姓名", "新生儿近期免冠彩色证件照片", NULL };

    GListModel *materials = zc_reception_get_materials (r);
    g_autoptr(ZcReceptionMaterial) last = NULL;

    g_assert_true (zc_reception_set_answer (r, "settle_away", TRUE, NULL));
    last = g_list_model_get_item (materials, g_list_model_get_n_items (materials) - 1);
    g_assert_cmpstr (zc_material_get_code (zc_reception_material_get_material (last)), ==, "residence_commitment");
    check_notice (r, absent);
  }
  /* 开办餐饮店 for a 个体工商户: no articles of association */
  {
    g_autoptr(ZcCatalogueItem) item = catalogue_item ("open_restaurant");
    g_autoptr(ZcApplicant) founder = bare_person ("340102199001011236", "张三");
    g_autoptr(ZcReception) r = zc_reception_new (item, founder, date);
    static const char * const absent[] = { "公司章程", "招牌设计效果图", "拟用企业名称", NULL };

    g_assert_true (zc_reception_set_value (r, "company_type", "个体工商户", NULL));
    check_notice (r, absent);
  }
  /* only 容缺 left: the notice does not call the materials incomplete */
  {
    g_autoptr(ZcCatalogueItem) item = catalogue_item ("open_restaurant");
    g_autoptr(ZcApplicant) founder = bare_person ("340102199001011236", "张三");
    g_autoptr(ZcReception) r = zc_reception_new (item, founder, date);
    GListModel *materials;
    g_autoptr(ZcDocumentData) d = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(PopplerDocument) doc = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    g_autofree char *heading = zc_test_squeeze (_("Materials to supply or correct"));
    g_autofree char *later = zc_test_squeeze (_("Materials that may follow or be replaced by a commitment"));
    g_autofree char *incomplete = zc_test_squeeze (_("Administrative Licensing Law of the People's Republic of China"));
    guint n_deferred = 0;

    g_assert_true (zc_reception_set_value (r, "company_type", "个体工商户", NULL));
    materials = zc_reception_get_materials (r);
    for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
      {
        g_autoptr(ZcReceptionMaterial) rm = g_list_model_get_item (materials, i);
        ZcMaterial *m = zc_reception_material_get_material (rm);
        ZcMaterialState state = zc_material_get_tolerable (m) ? ZC_MATERIAL_STATE_DEFERRED
                                                               : ZC_MATERIAL_STATE_RECEIVED;

        if (zc_reception_material_get_state (rm) == ZC_MATERIAL_STATE_EXEMPT)
          continue;
        g_assert_true (zc_reception_set_material_state (r, zc_material_get_code (m), state, NULL));
        n_deferred += state == ZC_MATERIAL_STATE_DEFERRED;
      }
    g_assert_cmpuint (n_deferred, >, 0);
    d = zc_document_data_new_for_reception (ZC_DOCUMENT_ONE_TIME_NOTICE, r, NULL, NULL, "L-0002");
    bytes = zc_document_write_sync (d, &error);
    g_assert_no_error (error);
    doc = load (bytes);
    text = zc_test_pdf_text (doc, 1);
    g_assert_null (strstr (text, heading));
    g_assert_null (strstr (text, incomplete));
    g_assert_nonnull (strstr (text, later));
  }
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *bytes,
            unsigned int         length)
{
  g_byte_array_append (closure, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

/* ── the signed documents (issue 11) ── */

/* A signature as the pad exports it: a few black strokes on transparent */
static GBytes *
signature_png (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 100);
  cairo_t *cr = cairo_create (s);
  GByteArray *out = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 6);
  cairo_move_to (cr, 20, 70);
  cairo_curve_to (cr, 80, 10, 140, 90, 280, 30);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (s, append_png, out);
  cairo_surface_destroy (s);
  return g_byte_array_free_to_bytes (out);
}

static ZcDocumentData *
sample_signed (ZcDocumentKind kind)
{
  ZcDocumentData *d = sample (kind);

  g_clear_pointer (&d->reason, g_free);
  d->deadline = g_strdup ("2026-12-11");
  if (kind == ZC_DOCUMENT_COMMITMENT)
    {
      zc_document_data_add_material (d->later, "申请人", "消防安全承诺材料", "以告知承诺代替");
      d->conditions = g_strdup ("经营场所符合消防安全要求，疏散通道畅通");
      g_ptr_array_add (d->obligations, g_strdup ("经营场所已按规定配置灭火器材"));
      g_ptr_array_add (d->obligations, g_strdup ("在核查前不改变场所用途"));
    }
  else
    {
      zc_document_data_add_material (d->later, "申请人", "从业人员健康证明", "2026-12-04 前补齐");
      zc_document_data_add_material (d->later, "申请人", "房屋租赁合同备案证明", "2026-12-11 前补齐");
    }
  return d;
}

static char *
write_and_read (const ZcDocumentData *d,
                int                   expected_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = zc_document_write_sync (d, &error);
  g_autoptr(PopplerDocument) doc = NULL;

  g_assert_no_error (error);
  doc = load (bytes);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, expected_pages);
  return zc_test_pdf_text (doc, 1);
}

static void
test_tolerance_request (void)
{
  g_autoptr(ZcDocumentData) d = sample_signed (ZC_DOCUMENT_TOLERANCE_REQUEST);
  g_autofree char *text = NULL;
  g_autofree char *unsigned_text = NULL;

  d->signature_png = signature_png ();
  text = write_and_read (d, 1);
  assert_common (text, ZC_DOCUMENT_TOLERANCE_REQUEST);
  zc_test_assert_has (text, "从业人员健康证明");
  zc_test_assert_has (text, "2026-12-04");
  zc_test_assert_has (text, "房屋租赁合同备案证明");
  zc_test_assert_has (text, "2026-12-11");
  /* signed on the pad: no "see the attachment" */
  g_assert_null (strstr (text, _("(signature attached)")));
  g_clear_pointer (&d->signature_png, g_bytes_unref);
  unsigned_text = write_and_read (d, 1);
  zc_test_assert_has (unsigned_text, _("(signature attached)"));
}

static void
test_tolerance_notice (void)
{
  g_autoptr(ZcDocumentData) d = sample_signed (ZC_DOCUMENT_TOLERANCE_NOTICE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;
  char *copies[2];
  int n;

  d->signature_png = signature_png ();
  bytes = zc_document_write_sync (d, &error);
  g_assert_no_error (error);
  doc = load (bytes);
  n = poppler_document_get_n_pages (doc);
  /* two copies of the same length, the second starting a page */
  g_assert_cmpint (n, >=, 2);
  g_assert_cmpint (n % 2, ==, 0);
  text = zc_test_pdf_text (doc, 1);
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), ==, (guint) n + 1); /* each page ends in a form feed */
  zc_test_assert_has (pages[0], _("Copy 1 of 2 (kept by the applicant)"));
  zc_test_assert_has (pages[n / 2], _("Copy 2 of 2 (kept by the window)"));
  g_clear_pointer (&pages[n], g_free);
  {
    char *second = pages[n / 2];

    pages[n / 2] = NULL;
    copies[0] = g_strjoinv ("", pages);
    pages[n / 2] = second;
    copies[1] = g_strjoinv ("", pages + n / 2);
  }
  for (guint i = 0; i < 2; i++)
    {
      assert_common (copies[i], ZC_DOCUMENT_TOLERANCE_NOTICE);
      zc_test_assert_has (copies[i], "从业人员健康证明");
      zc_test_assert_has (copies[i], "2026-12-04");
      zc_test_assert_has (copies[i], "房屋租赁合同备案证明");
      zc_test_assert_has (copies[i], "2026-12-11");
      zc_test_assert_has (copies[i], _("If the deadline is missed"));
      g_free (copies[i]);
    }
}

static void
test_commitment_letter (void)
{
  g_autoptr(ZcDocumentData) d = sample_signed (ZC_DOCUMENT_COMMITMENT);
  g_autofree char *text = NULL;

  text = write_and_read (d, 1);
  assert_common (text, ZC_DOCUMENT_COMMITMENT);
  zc_test_assert_has (text, "经营场所符合消防安全要求，疏散通道畅通");
  zc_test_assert_has (text, "经营场所已按规定配置灭火器材");
  zc_test_assert_has (text, "在核查前不改变场所用途");
  zc_test_assert_has (text, "消防安全承诺材料");
  zc_test_assert_has (text, _("3. The consequences of a false commitment"));
  zc_test_assert_has (text, _("(signature attached)"));
}

/* a signature that is not a PNG is refused with its own error */
static void
test_bad_signature (void)
{
  g_autoptr(ZcDocumentData) d = sample_signed (ZC_DOCUMENT_COMMITMENT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  d->signature_png = g_bytes_new_static ("\x89PNG\r\n\x1a\nnot really", 18);
  bytes = zc_document_write_sync (d, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("ZC_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/media/document/receipt", test_receipt);
  g_test_add_func ("/media/document/pending-number", test_pending_number);
  g_test_add_func ("/media/document/one-time-notice", test_one_time_notice);
  g_test_add_func ("/media/document/refusal", test_refusal);
  g_test_add_func ("/media/document/long-list-flows", test_long_list_flows);
  g_test_add_func ("/media/document/async", test_async);
  g_test_add_func ("/media/document/async-cancelled", test_async_cancelled);
  g_test_add_func ("/media/document/empty-and-bad", test_empty_and_bad);
  g_test_add_func ("/media/document/every-glyph-inked", test_every_glyph_inked);
  g_test_add_func ("/media/document/reprint-from-case", test_reprint_from_case);
  g_test_add_func ("/media/document/zh-cn", test_zh_cn_titles);
  g_test_add_func ("/media/document/notice-from-reception", test_notice_from_reception);
  g_test_add_func ("/media/document/tolerance-request", test_tolerance_request);
  g_test_add_func ("/media/document/tolerance-notice", test_tolerance_notice);
  g_test_add_func ("/media/document/commitment", test_commitment_letter);
  g_test_add_func ("/media/document/bad-signature", test_bad_signature);
  return g_test_run ();
}
