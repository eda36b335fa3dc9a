/* test-signature-pad.c — the applicant's signature pad under Xvfb: real
 * mouse drags through X (XTest) make strokes, the PNG has ink where they
 * were drawn and none elsewhere, Clear empties it, and the accessible
 * description follows ("已签名，N 笔" / "尚未签名").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "zc-signature-pad.h"
#include "zc-ui-test-util.h"

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  GInputStream *in = closure;

  return g_input_stream_read_all (in, data, length, NULL, NULL, NULL) ? CAIRO_STATUS_SUCCESS
                                                                     : CAIRO_STATUS_READ_ERROR;
}

/* ink (alpha) in the square of side 2·r around (x, y) */
static guint
ink_around (cairo_surface_t *s,
            int              x,
            int              y,
            int              r)
{
  const guchar *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  guint n = 0;

  for (int j = MAX (y - r, 0); j < MIN (y + r, h); j++)
    for (int i = MAX (x - r, 0); i < MIN (x + r, w); i++)
      if (((const guint32 *) (data + j * stride))[i] >> 24 > 128)
        n++;
  return n;
}

static cairo_surface_t *
decode (GBytes *png)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (png);
  cairo_surface_t *s = cairo_image_surface_create_from_png_stream (read_png, in);

  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (s);
  return s;
}

/* ZC_SCREENSHOT_DIR=… keeps a PNG of the pad as the applicant sees it */
static void
screenshot (GtkWidget  *window,
            const char *name)
{
  const char *dir = g_getenv ("ZC_SCREENSHOT_DIR");
  GdkPaintable *paintable;
  GskRenderNode *node;
  GtkSnapshot *snapshot;
  int w, h;

  if (dir == NULL)
    return;
  zc_test_spin_for (300);
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    {
      g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                                                   node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      gdk_texture_save_to_png (texture, path);
      gsk_render_node_unref (node);
    }
  g_object_unref (paintable);
}

static void
on_done (gboolean *done)
{
  *done = TRUE;
}

/* GTK 4.8 has no getter of an accessible property: the pad sets its
 * description from this, on every change */
static void
assert_description (GtkWidget  *pad,
                    const char *expected)
{
  g_autofree char *text = zc_signature_pad_dup_description (ZC_SIGNATURE_PAD (pad));

  g_assert_cmpstr (text, ==, expected);
}

static void
test_draw_clear (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *pad = zc_signature_pad_new ();
  GtkWidget *canvas = zc_test_find_type (pad, GTK_TYPE_DRAWING_AREA);
  GtkWidget *status = zc_test_find_type (pad, GTK_TYPE_LABEL);
  static const double stroke1[] = { 40, 40, 80, 60, 120, 80, 160, 100 };
  static const double stroke2[] = { 300, 120, 340, 60, 380, 30 };
  g_autoptr(GBytes) png = NULL;
  g_autofree char *signed2 = NULL;
  cairo_surface_t *s;
  gboolean done = FALSE;

  g_assert_nonnull (canvas);
  gtk_window_set_child (GTK_WINDOW (window), pad);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 260);
  zc_test_focus_window (GTK_WINDOW (window));
  zc_test_keys_settle ();
  screenshot (window, "signature-pad-empty.png");

  /* nothing drawn: no PNG, the clerk cannot say it is done */
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 0);
  g_assert_null (zc_signature_pad_to_png (ZC_SIGNATURE_PAD (pad)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==,
                   _("Sign in the box above with the pen, a finger or the mouse"));
  assert_description (pad, _("Not signed yet"));

  zc_test_pointer_drag (canvas, stroke1, G_N_ELEMENTS (stroke1) / 2);
  zc_test_pointer_drag (canvas, stroke2, G_N_ELEMENTS (stroke2) / 2);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 2);
  signed2 = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Signed, %u stroke", "Signed, %u strokes", 2), 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, signed2);
  assert_description (pad, signed2);
  screenshot (window, "signature-pad-signed.png");

  png = zc_signature_pad_to_png (ZC_SIGNATURE_PAD (pad));
  g_assert_nonnull (png);
  s = decode (png);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, gtk_widget_get_width (canvas));
  /* ink along both strokes, none far from them */
  g_assert_cmpuint (ink_around (s, 80, 60, 4), >, 0);
  g_assert_cmpuint (ink_around (s, 160, 100, 4), >, 0);
  g_assert_cmpuint (ink_around (s, 340, 60, 4), >, 0);
  g_assert_cmpuint (ink_around (s, 60, 130, 12), ==, 0);
  g_assert_cmpuint (ink_around (s, 250, 40, 12), ==, 0);
  cairo_surface_destroy (s);

  g_signal_connect_swapped (pad, "done", G_CALLBACK (on_done), &done);
  {
    GtkWidget *buttons[2] = { NULL, NULL };
    guint n = 0;

    for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_parent (status)); c; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_BUTTON (c))
        buttons[n++] = c;
    g_assert_cmpuint (n, ==, 2);
    g_assert_true (gtk_widget_get_sensitive (buttons[0]));
    g_assert_true (gtk_widget_get_sensitive (buttons[1]));
    /* the keyboard's way: Signature Done, then Clear to sign again */
    gtk_widget_grab_focus (buttons[1]);
    zc_test_key (GDK_KEY_space, 0);
    zc_test_keys_settle ();
    g_assert_true (done);
    g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 2);
    gtk_widget_grab_focus (buttons[0]);
    zc_test_key (GDK_KEY_space, 0);
    zc_test_keys_settle ();
    g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 0);
    g_assert_null (zc_signature_pad_to_png (ZC_SIGNATURE_PAD (pad)));
    g_assert_false (gtk_widget_get_sensitive (buttons[0]));
    g_assert_false (gtk_widget_get_sensitive (buttons[1]));
    assert_description (pad, _("Not signed yet"));
  }
  /* and sign again */
  zc_test_pointer_drag (canvas, stroke2, G_N_ELEMENTS (stroke2) / 2);
  g_assert_cmpuint (zc_signature_pad_get_n_strokes (ZC_SIGNATURE_PAD (pad)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  if (g_getenv ("ZC_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ZC_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  /* the pointer moves through the X server */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display (run with: meson test --setup xvfb)\n");
      return 0;
    }
  if (!zc_test_keys_init ())
    {
      g_print ("1..0 # SKIP no X server with the XTest extension (run with: meson test --setup xvfb)\n");
      return 0;
    }
  adw_init ();

  g_test_add_func ("/ui/signature-pad/draw-clear", test_draw_clear);
  return g_test_run ();
}
