/* test-pdf-viewer.c — the PDF viewer under Xvfb: a 100-page PDF made
 * with cairo, real key events (XTest), rotation, the page cache's
 * budget, cancelled jobs, highlights on the right pixels
 *
 * Asserts order and behaviour, never time (timings: bench/bench-pdf-view).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "zc-pdf-job-scheduler.h"
#include "zc-pdf-load-job.h"
#include "zc-pdf-render-job.h"
#include "zc-pdf-test-util.h"
#include "zc-pdf-view-private.h"
#include "zc-ui-test-util.h"

static GBytes *pages_100;

typedef struct
{
  GtkWidget *window;
  ZcPdfView *view;
} Viewer;

static void
viewer_open (Viewer *v,
             int     width,
             int     height)
{
  v->window = gtk_window_new ();
  v->view = ZC_PDF_VIEW (zc_pdf_view_new ());
  gtk_window_set_default_size (GTK_WINDOW (v->window), width, height);
  gtk_window_set_child (GTK_WINDOW (v->window), GTK_WIDGET (v->view));
  gtk_window_present (GTK_WINDOW (v->window));
}

static void
viewer_close (Viewer *v)
{
  gtk_window_destroy (GTK_WINDOW (v->window));
  zc_test_spin_for (50);
}

static gboolean
has_texture (gpointer data)
{
  return zc_pdf_view_get_texture (ZC_PDF_VIEW (data)) != NULL;
}

static gboolean
texture_of_page (gpointer data)
{
  ZcPdfView *view = data;
  int want = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "want-page"));

  return zc_pdf_view_get_texture (view) != NULL && zc_pdf_view_get_page (view) == want;
}

static GdkTexture *
wait_texture (ZcPdfView *view)
{
  g_assert_true (zc_test_spin_until (has_texture, view, 20, "the page's texture"));
  return zc_pdf_view_get_texture (view);
}

static guchar *
download (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guchar *px = g_malloc ((gsize) w * h * 4);

  gdk_texture_download (texture, px, (gsize) w * 4);
  return px;
}

/* B, G, R, A (cairo's ARGB32 on a little-endian machine) */
static const guchar *
pixel (const guchar *px,
       GdkTexture   *texture,
       int           x,
       int           y)
{
  x = CLAMP (x, 0, gdk_texture_get_width (texture) - 1);
  y = CLAMP (y, 0, gdk_texture_get_height (texture) - 1);
  return px + ((gsize) y * gdk_texture_get_width (texture) + x) * 4;
}

static gboolean
is_dark (const guchar *p)
{
  return p[0] < 60 && p[1] < 60 && p[2] < 60;
}

static gboolean
is_white (const guchar *p)
{
  return p[0] > 240 && p[1] > 240 && p[2] > 240;
}

/* --- opening a 100-page PDF ------------------------------------------- */

typedef struct
{
  ZcPdfView *view;
  int first_page;            /* -1 until the first texture */
  guint thumbnails_then;
  int width;                 /* of the first texture */
} FirstTexture;

static void
first_texture_cb (ZcPdfView    *view,
                  GParamSpec   *pspec,
                  FirstTexture *first)
{
  if (first->first_page >= 0 || zc_pdf_view_get_texture (view) == NULL)
    return;
  first->first_page = zc_pdf_view_get_page (view);
  first->thumbnails_then = zc_pdf_thumbnails_get_n_rendered (_zc_pdf_view_get_thumbnails (view));
  first->width = gdk_texture_get_width (zc_pdf_view_get_texture (view));
}

static gboolean
some_thumbnails (gpointer data)
{
  return zc_pdf_thumbnails_get_n_rendered (_zc_pdf_view_get_thumbnails (ZC_PDF_VIEW (data))) >= 3;
}

static void
test_first_page (void)
{
  Viewer v;
  FirstTexture first = { NULL, -1, 0, 0 };
  guint locks = zc_pdf_document_count_main_thread_locks ();
  guint rendered;

  viewer_open (&v, 900, 700);
  first.view = v.view;
  g_signal_connect (v.view, "notify::texture", G_CALLBACK (first_texture_cb), &first);
  zc_pdf_view_set_pdf (v.view, pages_100);
  /* the page list and the texture come from the worker, not at once */
  g_assert_cmpint (zc_pdf_view_get_n_pages (v.view), ==, 0);
  g_assert_null (zc_pdf_view_get_texture (v.view));
  wait_texture (v.view);

  /* page 1 is the first thing rendered: before any thumbnail */
  g_assert_cmpint (first.first_page, ==, 0);
  g_assert_cmpuint (first.thumbnails_then, ==, 0);
  g_assert_cmpint (zc_pdf_view_get_n_pages (v.view), ==, 100);

  /* then the thumbnails in sight, and only those */
  g_assert_true (zc_test_spin_until (some_thumbnails, v.view, 20, "thumbnails"));
  zc_test_spin_for (500);
  rendered = zc_pdf_thumbnails_get_n_rendered (_zc_pdf_view_get_thumbnails (v.view));
  g_test_message ("%u thumbnails rendered of 100", rendered);
  g_assert_cmpuint (rendered, <, 30);

  /* the first render was at the width the page is laid out at: the
   * strip that came with the page list was counted, nothing rendered
   * twice */
  g_assert_nonnull (zc_pdf_view_get_texture (v.view));
  g_assert_cmpint (gdk_texture_get_width (zc_pdf_view_get_texture (v.view)), ==, first.width);

  /* the main loop never took the document lock (never waited on poppler) */
  g_assert_cmpuint (zc_pdf_document_count_main_thread_locks (), ==, locks);
  viewer_close (&v);
}

/* --- keyboard ---------------------------------------------------------- */

static gboolean
page_is (gpointer data)
{
  ZcPdfView *view = data;

  return zc_pdf_view_get_page (view) == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "want-page"));
}

static void
key_to_page (ZcPdfView      *view,
             guint           keyval,
             GdkModifierType mods,
             int             page)
{
  g_object_set_data (G_OBJECT (view), "want-page", GINT_TO_POINTER (page));
  g_assert_true (zc_test_key_until (keyval, mods, page_is, view, 10, gdk_keyval_name (keyval)));
  g_assert_cmpint (zc_pdf_view_get_page (view), ==, page);
}

static void
test_keys (void)
{
  Viewer v;
  GtkWidget *entry;
  double zoom;

  if (!zc_test_keys_init ())
    {
      g_test_skip ("needs XTest on an X11 display");
      return;
    }
  viewer_open (&v, 900, 700);
  zc_pdf_view_set_pdf (v.view, pages_100);
  wait_texture (v.view);
  zc_test_focus_window (GTK_WINDOW (v.window));
  gtk_widget_grab_focus (GTK_WIDGET (v.view));

  key_to_page (v.view, GDK_KEY_Page_Down, 0, 1);
  key_to_page (v.view, GDK_KEY_Right, 0, 2);
  key_to_page (v.view, GDK_KEY_Right, GDK_ALT_MASK, 3);
  key_to_page (v.view, GDK_KEY_Left, 0, 2);
  key_to_page (v.view, GDK_KEY_Page_Up, 0, 1);
  key_to_page (v.view, GDK_KEY_End, 0, 99);
  zc_test_key (GDK_KEY_Page_Down, 0);            /* at the end: stays */
  g_assert_cmpint (zc_pdf_view_get_page (v.view), ==, 99);
  key_to_page (v.view, GDK_KEY_Home, 0, 0);

  /* the page number entry shows "1" and "/ 100"; typing 42 goes there */
  entry = zc_test_find_type (GTK_WIDGET (v.view), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "1");
  gtk_widget_grab_focus (entry);
  zc_test_replace_text ("42");
  key_to_page (v.view, GDK_KEY_Return, 0, 41);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "42");
  /* a page that does not exist: nothing moves, the entry says 42 again */
  gtk_widget_grab_focus (entry);
  zc_test_replace_text ("420");
  zc_test_key (GDK_KEY_Return, 0);
  g_assert_cmpint (zc_pdf_view_get_page (v.view), ==, 41);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "42");
  gtk_widget_grab_focus (GTK_WIDGET (v.view));

  /* zoom, fit, rotate */
  g_assert_true (zc_pdf_view_get_fit_width (v.view));
  zc_test_key (GDK_KEY_plus, GDK_CONTROL_MASK);
  g_assert_false (zc_pdf_view_get_fit_width (v.view));
  zoom = zc_pdf_view_get_zoom (v.view);
  zc_test_key (GDK_KEY_minus, GDK_CONTROL_MASK);
  g_assert_cmpfloat (zc_pdf_view_get_zoom (v.view), <, zoom);
  zc_test_key (GDK_KEY_0, GDK_CONTROL_MASK);
  g_assert_true (zc_pdf_view_get_fit_width (v.view));
  zc_test_key (GDK_KEY_r, 0);
  g_assert_cmpint (zc_pdf_view_get_rotation (v.view), ==, 90);
  zc_test_key (GDK_KEY_r, GDK_CONTROL_MASK);
  g_assert_cmpint (zc_pdf_view_get_rotation (v.view), ==, 180);
  viewer_close (&v);
}

/* every button of the toolbar has a tooltip (and the accessible name set
 * with it, by the same call) */
static void
check_buttons (GtkWidget *widget)
{
  /* a menu button's own inner button takes its name from it */
  if (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    {
      g_assert_nonnull (gtk_widget_get_tooltip_text (widget));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (widget), !=, "");
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_buttons (c);
}

static void
test_buttons_named (void)
{
  Viewer v;

  viewer_open (&v, 900, 700);
  zc_pdf_view_set_pdf (v.view, pages_100);
  wait_texture (v.view);
  check_buttons (GTK_WIDGET (v.view));
  viewer_close (&v);
}

/* --- rotation ---------------------------------------------------------- */

static gboolean
texture_rotated (gpointer data)
{
  ZcPdfView *view = data;
  GdkTexture *t = zc_pdf_view_get_texture (view);

  return t != NULL && gdk_texture_get_width (t) > gdk_texture_get_height (t);
}

static void
test_rotation (void)
{
  Viewer v;
  GdkTexture *t;
  g_autofree guchar *px = NULL;
  g_autofree guchar *px90 = NULL;
  double s;
  graphene_rect_t mark;

  viewer_open (&v, 900, 700);
  zc_pdf_view_set_pdf (v.view, pages_100);
  zc_pdf_view_set_zoom (v.view, 1.0);
  t = g_object_ref (wait_texture (v.view));
  while (gdk_texture_get_width (t) != 595 * gtk_widget_get_scale_factor (GTK_WIDGET (v.view)))
    {
      g_object_unref (t);
      zc_test_spin_for (20);
      t = g_object_ref (wait_texture (v.view));
    }
  /* portrait, the mark in the top left corner */
  g_assert_cmpint (gdk_texture_get_height (t), >, gdk_texture_get_width (t));
  s = gdk_texture_get_width (t) / 595.0;
  px = download (t);
  g_assert_true (is_dark (pixel (px, t, (ZC_TEST_MARK_X + 20) * s, (ZC_TEST_MARK_Y + 20) * s)));
  g_assert_true (is_white (pixel (px, t, gdk_texture_get_width (t) - (ZC_TEST_MARK_X + 20) * s,
                                  (ZC_TEST_MARK_Y + 20) * s)));
  g_object_unref (t);

  /* a quarter turn clockwise: landscape, the same aspect turned, the mark
   * in the top right corner */
  zc_pdf_view_rotate (v.view, 90);
  g_assert_true (zc_test_spin_until (texture_rotated, v.view, 20, "a landscape texture"));
  t = zc_pdf_view_get_texture (v.view);
  g_assert_cmpfloat_with_epsilon ((double) gdk_texture_get_width (t) / gdk_texture_get_height (t),
                                  842.0 / 595.0, 0.01);
  px90 = download (t);
  zc_pdf_rotate_rect (90, 595, 842, s, ZC_TEST_MARK_X, ZC_TEST_MARK_Y, ZC_TEST_MARK_SIDE, ZC_TEST_MARK_SIDE, &mark);
  g_assert_cmpfloat (mark.origin.x, >, gdk_texture_get_width (t) / 2.0);
  g_assert_true (is_dark (pixel (px90, t, mark.origin.x + mark.size.width / 2, mark.origin.y + mark.size.height / 2)));
  g_assert_true (is_white (pixel (px90, t, (ZC_TEST_MARK_X + 20) * s, (ZC_TEST_MARK_Y + 20) * s)));

  /* four quarter turns: back to portrait */
  zc_pdf_view_rotate (v.view, 270);
  g_assert_cmpint (zc_pdf_view_get_rotation (v.view), ==, 0);
  viewer_close (&v);
}

/* --- the cache's budget -------------------------------------------------- */

static void
test_cache_budget (void)
{
  Viewer v;
  ZcPdfPageCache *cache;
  gsize page_bytes, budget, most = 0;
  GdkTexture *t;

  viewer_open (&v, 700, 700);
  zc_pdf_view_set_pdf (v.view, pages_100);
  t = wait_texture (v.view);
  page_bytes = (gsize) gdk_texture_get_width (t) * gdk_texture_get_height (t) * 4;

  /* room for three pages of this size, not for the five of ±2 */
  budget = page_bytes * 3 + page_bytes / 2;
  zc_pdf_view_set_cache_budget (v.view, budget);
  zc_pdf_view_set_pdf (v.view, pages_100);
  wait_texture (v.view);
  zc_test_spin_for (300);
  cache = _zc_pdf_view_get_page_cache (v.view);
  g_assert_cmpuint (zc_pdf_page_cache_get_budget (cache), ==, budget);

  for (int p = 0; p < 100; p++)
    {
      zc_pdf_view_set_page (v.view, p);
      g_object_set_data (G_OBJECT (v.view), "want-page", GINT_TO_POINTER (p));
      g_assert_true (zc_test_spin_until (texture_of_page, v.view, 20, "the page's texture"));
      g_assert_cmpuint (zc_pdf_page_cache_get_size_bytes (cache), <=, budget);
      g_assert_cmpuint (zc_pdf_page_cache_get_n_textures (cache), <=, 5);
      most = MAX (most, zc_pdf_page_cache_get_size_bytes (cache));
    }
  /* the neighbours were used: more than the shown page was held */
  g_assert_cmpuint (most, >, page_bytes);
  g_test_message ("at most %" G_GSIZE_FORMAT " bytes of %" G_GSIZE_FORMAT, most, budget);

  /* going back one page is immediate: the page before is in the cache */
  zc_test_spin_for (300);
  zc_pdf_view_set_page (v.view, 98);
  g_assert_nonnull (zc_pdf_view_get_texture (v.view));
  viewer_close (&v);
}

/* --- stale renders ---------------------------------------------------- */

static void
record_width_cb (ZcPdfView  *view,
                 GParamSpec *pspec,
                 GArray     *widths)
{
  GdkTexture *t = zc_pdf_view_get_texture (view);
  int w = t != NULL ? gdk_texture_get_width (t) : 0;

  if (t != NULL)
    g_array_append_val (widths, w);
}

static gboolean
texture_width_is (gpointer data)
{
  ZcPdfView *view = data;
  GdkTexture *t = zc_pdf_view_get_texture (view);

  return t != NULL && gdk_texture_get_width (t) == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "want-width"));
}

/* zoom and page changed quickly: only what was asked last is shown */
static void
test_stale_dropped (void)
{
  Viewer v;
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (int));
  int sf;

  viewer_open (&v, 900, 700);
  zc_pdf_view_set_pdf (v.view, pages_100);
  wait_texture (v.view);
  sf = gtk_widget_get_scale_factor (GTK_WIDGET (v.view));
  g_signal_connect (v.view, "notify::texture", G_CALLBACK (record_width_cb), widths);

  for (int i = 0; i < 10; i++)
    {
      zc_pdf_view_set_page (v.view, 10 + i);
      zc_pdf_view_set_zoom (v.view, 0.5 + 0.25 * (i % 4));
    }
  zc_pdf_view_set_zoom (v.view, 1.5);
  g_object_set_data (G_OBJECT (v.view), "want-width", GINT_TO_POINTER ((int) (595 * 1.5 * sf + 0.5)));
  g_assert_true (zc_test_spin_until (texture_width_is, v.view, 20, "the last zoom's texture"));
  zc_test_spin_for (300);

  /* every texture shown was of the last request: page 20 at 1.5 */
  g_assert_cmpint (zc_pdf_view_get_page (v.view), ==, 19);
  g_assert_cmpuint (widths->len, >=, 1);
  for (guint i = 0; i < widths->len; i++)
    g_assert_cmpint (g_array_index (widths, int, i), ==, (int) (595 * 1.5 * sf + 0.5));
  viewer_close (&v);
}

/* --- jobs -------------------------------------------------------------- */

static void
count_cb (ZcPdfJob *job,
          guint    *count)
{
  (*count)++;
}

static gboolean
counted (gpointer data)
{
  return *(guint *) data > 0;
}

static void
test_cancelled_never_deliver (void)
{
  g_autoptr(ZcPdfDocument) doc = zc_pdf_document_new (pages_100);
  g_autoptr(ZcPdfJob) load = zc_pdf_load_job_new (doc);
  g_autoptr(ZcPdfJob) control = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  guint loaded = 0, delivered = 0, control_delivered = 0;

  g_signal_connect (load, "finished", G_CALLBACK (count_cb), &loaded);
  zc_pdf_job_scheduler_push (load, ZC_PDF_JOB_PRIORITY_URGENT);
  g_assert_true (zc_test_spin_until (counted,
                                     &loaded, 20, "the load"));
  g_assert_null (zc_pdf_job_get_error (load));

  /* pushed, some run at once by the worker, all cancelled before the
   * main loop runs again: none delivers */
  for (int i = 0; i < 20; i++)
    {
      ZcPdfJob *job = zc_pdf_render_job_new (doc, i, 1.0, 0);

      g_signal_connect (job, "finished", G_CALLBACK (count_cb), &delivered);
      zc_pdf_job_scheduler_push (job, i % 2 ? ZC_PDF_JOB_PRIORITY_HIGH : ZC_PDF_JOB_PRIORITY_URGENT);
      g_ptr_array_add (jobs, job);
    }
  g_usleep (50 * 1000);   /* the worker renders some meanwhile */
  for (guint i = 0; i < jobs->len; i++)
    zc_pdf_job_cancel (g_ptr_array_index (jobs, i));

  /* one more, not cancelled, behind them all: once it delivered, the
   * worker is past the cancelled ones */
  control = zc_pdf_render_job_new (doc, 0, 0.5, 0);
  g_signal_connect (control, "finished", G_CALLBACK (count_cb), &control_delivered);
  zc_pdf_job_scheduler_push (control, ZC_PDF_JOB_PRIORITY_LOW);
  g_assert_true (zc_test_spin_until (counted,
                                     &control_delivered, 20, "the control job"));
  zc_test_spin_for (100);
  g_assert_cmpuint (delivered, ==, 0);
  g_assert_cmpuint (control_delivered, ==, 1);
  g_assert_nonnull (zc_pdf_render_job_get_texture (ZC_PDF_RENDER_JOB (control)));
  g_assert_cmpint (gdk_texture_get_width (zc_pdf_render_job_get_texture (ZC_PDF_RENDER_JOB (control))), ==, 298);
}

/* --- highlights -------------------------------------------------------- */

/* the page widget drawn as it draws itself (its snapshot()) */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static gboolean
laid_out_at (gpointer data)
{
  ZcPdfView *view = data;
  GtkWidget *page = _zc_pdf_view_get_page_view (view);
  GdkTexture *t = zc_pdf_view_get_texture (view);

  return t != NULL && gtk_widget_get_width (page) * gtk_widget_get_scale_factor (page) == gdk_texture_get_width (t)
         && gtk_widget_get_height (page) * gtk_widget_get_scale_factor (page) == gdk_texture_get_height (t);
}

static gboolean
highlight_in_sight (gpointer data)
{
  ZcPdfView *view = data;
  graphene_rect_t area;
  double cy;

  if (!zc_pdf_view_get_highlight_area (view, 1, &area))
    return FALSE;
  cy = area.origin.y + area.size.height / 2;
  return cy > 40 && cy < gtk_widget_get_height (GTK_WIDGET (view));
}

static void
test_highlights (void)
{
  Viewer v;
  g_autoptr(GPtrArray) highlights = g_ptr_array_new_with_free_func ((GDestroyNotify) zc_pdf_highlight_free);
  GtkWidget *page_view;
  GdkTexture *t;
  g_autoptr(GdkTexture) drawn = NULL;
  g_autoptr(GdkTexture) plain = NULL;
  g_autofree guchar *px = NULL;
  g_autofree guchar *drawn_px = NULL;
  g_autofree guchar *plain_px = NULL;
  graphene_rect_t expected, area, in_page;
  graphene_point_t origin;
  int sf, ex, ey;

  g_ptr_array_add (highlights, zc_pdf_highlight_new (0, ZC_TEST_BOX_X, ZC_TEST_BOX_Y, ZC_TEST_BOX_W, ZC_TEST_BOX_H,
                                                     ZC_PDF_HIGHLIGHT_MISMATCH, "统一社会信用代码"));
  g_ptr_array_add (highlights, zc_pdf_highlight_new (5, 400, 700, 100, 40, ZC_PDF_HIGHLIGHT_MATCH, NULL));

  viewer_open (&v, 900, 700);
  zc_pdf_view_set_pdf (v.view, pages_100);
  wait_texture (v.view);
  zc_pdf_view_set_zoom (v.view, 2.0);
  zc_pdf_view_set_rotation (v.view, 90);
  g_assert_true (zc_test_spin_until (texture_rotated, v.view, 20, "a landscape texture"));
  g_assert_true (zc_test_spin_until (laid_out_at, v.view, 20, "the page laid out at its texture's size"));
  page_view = _zc_pdf_view_get_page_view (v.view);
  sf = gtk_widget_get_scale_factor (page_view);
  t = zc_pdf_view_get_texture (v.view);
  g_assert_cmpint (gdk_texture_get_width (t), ==, 842 * 2 * sf);

  /* where poppler drew the box, turned and zoomed: dark in the texture */
  zc_pdf_rotate_rect (90, 595, 842, 2.0 * sf, ZC_TEST_BOX_X, ZC_TEST_BOX_Y, ZC_TEST_BOX_W, ZC_TEST_BOX_H, &expected);
  px = download (t);
  g_assert_true (is_dark (pixel (px, t, expected.origin.x + 3, expected.origin.y + 3)));
  g_assert_true (is_dark (pixel (px, t, expected.origin.x + expected.size.width - 3,
                                 expected.origin.y + expected.size.height - 3)));
  g_assert_true (is_white (pixel (px, t, expected.origin.x - 4, expected.origin.y + expected.size.height / 2)));

  /* the highlight is drawn there */
  zc_pdf_view_set_highlights (v.view, highlights);
  g_assert_true (zc_pdf_view_get_highlight_area (v.view, 0, &area));
  g_assert_true (gtk_widget_compute_point (page_view, GTK_WIDGET (v.view), &GRAPHENE_POINT_INIT (0, 0), &origin));
  g_assert_true (zc_pdf_view_get_highlight_area (v.view, 0, &area));
  in_page = GRAPHENE_RECT_INIT ((area.origin.x - origin.x) * sf, (area.origin.y - origin.y) * sf,
                                area.size.width * sf, area.size.height * sf);
  g_assert_cmpfloat (fabs (in_page.origin.x - expected.origin.x), <=, 1);
  g_assert_cmpfloat (fabs (in_page.origin.y - expected.origin.y), <=, 1);
  g_assert_cmpfloat (fabs (in_page.size.width - expected.size.width), <=, 1);
  g_assert_cmpfloat (fabs (in_page.size.height - expected.size.height), <=, 1);

  /* in the drawn widget: the frame just outside the box is red (a
   * mismatch), white without highlights; the box itself stays dark */
  drawn = render_widget (page_view);
  drawn_px = download (drawn);
  ex = (int) (expected.origin.x / sf) - 1;
  ey = (int) ((expected.origin.y + expected.size.height / 2) / sf);
  {
    const guchar *p = pixel (drawn_px, drawn, ex, ey);
    g_test_message ("frame pixel B%u G%u R%u", p[0], p[1], p[2]);
    g_assert_cmpuint (p[2], >, 180);
    g_assert_cmpuint (p[1], <, 90);
    g_assert_cmpuint (p[0], <, 90);
  }
  g_assert_true (is_dark (pixel (drawn_px, drawn, ex + 10, ey)));
  zc_pdf_view_set_highlights (v.view, NULL);
  plain = render_widget (page_view);
  plain_px = download (plain);
  g_assert_true (is_white (pixel (plain_px, plain, ex, ey)));

  /* showing highlight 1 goes to page 6 and scrolls it into sight */
  zc_pdf_view_set_highlights (v.view, highlights);
  zc_pdf_view_show_highlight (v.view, 1);
  g_assert_cmpint (zc_pdf_view_get_page (v.view), ==, 5);
  g_object_set_data (G_OBJECT (v.view), "want-page", GINT_TO_POINTER (5));
  g_assert_true (zc_test_spin_until (texture_of_page, v.view, 20, "page 6"));
  g_assert_true (zc_test_spin_until (highlight_in_sight, v.view, 20, "the finding scrolled into sight"));
  g_assert_true (zc_pdf_view_get_highlight_area (v.view, 1, &area));
  g_assert_false (zc_pdf_view_get_highlight_area (v.view, 0, &in_page));
  {
    int vw = gtk_widget_get_width (GTK_WIDGET (v.view)), vh = gtk_widget_get_height (GTK_WIDGET (v.view));
    double cx = area.origin.x + area.size.width / 2, cy = area.origin.y + area.size.height / 2;

    g_test_message ("highlight centre %.0f,%.0f in a view of %dx%d", cx, cy, vw, vh);
    g_assert_cmpfloat (cx, >, 0);
    g_assert_cmpfloat (cx, <, vw);
    g_assert_cmpfloat (cy, >, 40);   /* below the toolbar */
    g_assert_cmpfloat (cy, <, vh);
  }
  viewer_close (&v);
}

/* --- bad files -------------------------------------------------------- */

static gboolean
has_error (gpointer data)
{
  return zc_pdf_view_get_error (ZC_PDF_VIEW (data)) != NULL;
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, text))
      return TRUE;
  return FALSE;
}

/* a PDF whose standard security handler wants a user password (its U
 * entry matches no password, the empty one included) */
static GBytes *
encrypted_pdf (void)
{
  static const char pdf[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    "4 0 obj << /Filter /Standard /V 1 /R 2 /P -4\n"
    " /O <0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20>\n"
    " /U <a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0> >> endobj\n"
    "trailer << /Root 1 0 R /Size 5 /Encrypt 4 0 R\n"
    " /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n"
    "%%EOF\n";

  return g_bytes_new_static (pdf, sizeof pdf - 1);
}

static void
test_bad_files (void)
{
  g_autoptr(GBytes) encrypted = encrypted_pdf ();
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (pages_100, 0, g_bytes_get_size (pages_100) / 3);
  Viewer v;

  viewer_open (&v, 700, 600);

  /* a password: said so, in words */
  zc_pdf_view_set_pdf (v.view, encrypted);
  g_assert_true (zc_test_spin_until (has_error, v.view, 20, "an error"));
  g_assert_error (zc_pdf_view_get_error (v.view), G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_true (shows_text (GTK_WIDGET (v.view), zc_pdf_view_get_error (v.view)->message));
  g_assert_cmpint (zc_pdf_view_get_n_pages (v.view), ==, 0);

  /* cut off: an error, or the pages that can be read; never a crash */
  zc_pdf_view_set_pdf (v.view, truncated);
  zc_test_spin_for (1500);
  if (zc_pdf_view_get_error (v.view) != NULL)
    g_assert_error (zc_pdf_view_get_error (v.view), G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  else
    g_test_message ("a third of the PDF: %d pages shown", zc_pdf_view_get_n_pages (v.view));
  viewer_close (&v);
}

int
main (int argc, char **argv)
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display (run with --setup xvfb)");
      return g_test_run ();
    }
  pages_100 = zc_test_pages_pdf (100);

  g_test_add_func ("/media/pdf-viewer/first-page", test_first_page);
  g_test_add_func ("/media/pdf-viewer/keys", test_keys);
  g_test_add_func ("/media/pdf-viewer/buttons-named", test_buttons_named);
  g_test_add_func ("/media/pdf-viewer/rotation", test_rotation);
  g_test_add_func ("/media/pdf-viewer/cache-budget", test_cache_budget);
  g_test_add_func ("/media/pdf-viewer/stale-dropped", test_stale_dropped);
  g_test_add_func ("/media/pdf-viewer/cancelled-never-deliver", test_cancelled_never_deliver);
  g_test_add_func ("/media/pdf-viewer/highlights", test_highlights);
  g_test_add_func ("/media/pdf-viewer/bad-files", test_bad_files);
  return g_test_run ();
}
