/* zc-ui-test-util.c — helpers shared by the UI tests (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>

#include "zc-ui-test-util.h"

gpointer
zc_test_template_child (gpointer    widget,
                        GType       type,
                        const char *name)
{
  GObject *obj = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (obj);
  return obj;
}

GtkWidget *
zc_test_find_named (GtkWidget  *widget,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = zc_test_find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
zc_test_find_type (GtkWidget *widget,
                   GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = zc_test_find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
zc_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      /* the list keeps its own reference */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* Enter in an entry (or an entry row): GtkText binds Return to its
 * "activate" signal, which is what is emitted here */
void
zc_test_press_enter (GtkWidget *widget)
{
  GtkWidget *text = GTK_IS_TEXT (widget) ? widget : zc_test_find_type (widget, GTK_TYPE_TEXT);

  g_assert_nonnull (text);
  gtk_widget_grab_focus (text);
  g_signal_emit_by_name (text, "activate");
}

void
zc_test_type_text (GtkWidget  *widget,
                   const char *text)
{
  gtk_widget_grab_focus (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), "");
  gtk_editable_insert_text (GTK_EDITABLE (widget), text, -1, &(int) { 0 });
}

gboolean
zc_test_has_licence (ZcApplicant *applicant,
                     const char  *type)
{
  GListModel *licences = zc_applicant_get_licences (applicant);

  for (guint i = 0; licences != NULL && i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(ZcLicence) l = g_list_model_get_item (licences, i);

      if (g_strcmp0 (zc_licence_get_licence_type (l), type) == 0 && !zc_licence_get_revoked (l))
        return TRUE;
    }
  return FALSE;
}

ZcApplicant *
zc_test_fetch_applicant (ZcClient   *client,
                         const char *key,
                         guint       seconds)
{
  g_autoptr(GAsyncResult) result = NULL;

  zc_client_get_applicant_async (client, key, NULL, zc_test_store_result_cb, &result);
  g_assert_true (zc_test_spin_until (zc_test_have_result, &result, seconds, "applicant"));
  return zc_client_get_applicant_finish (client, result, NULL);
}

/* --- real key events (XTest) ----------------------------------------- */

static Display *
test_xdisplay (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

/* TRUE when key events can be injected: an X11 display with XTest */
gboolean
zc_test_keys_init (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  int event_base, error_base, major, minor;

  if (display == NULL || !GDK_IS_X11_DISPLAY (display))
    return FALSE;
  return XTestQueryExtension (gdk_x11_display_get_xdisplay (display),
                              &event_base, &error_base, &major, &minor);
}

/* Everything the X server sent so far is handled by GTK: a round trip
 * puts the injected events in Xlib's queue, then the main loop runs
 * until nothing is ready (bounded: a spinner keeps the frame clock busy) */
void
zc_test_keys_settle (void)
{
  gint64 end;

  XSync (test_xdisplay (), False);
  /* every queued event is handled; the bound only stops a loop that
   * never runs dry (a sanitizer build on a busy machine needs seconds
   * for a typed ID number) */
  end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (g_main_context_pending (NULL) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
window_viewable (gpointer data)
{
  GtkWidget *window = data;
  GdkSurface *surface;
  XWindowAttributes attributes;

  if (!gtk_widget_get_mapped (window))
    return FALSE;
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (surface == NULL)
    return FALSE;
  return XGetWindowAttributes (test_xdisplay (), gdk_x11_surface_get_xid (surface), &attributes)
         && attributes.map_state == IsViewable;
}

static gboolean
window_active (gpointer data)
{
  return gtk_window_is_active (data);
}

/* Presents @window and gives it the X input focus (there is no window
 * manager under Xvfb to do it), so the keys typed go to it */
void
zc_test_focus_window (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);
  Window xid;

  gtk_window_present (window);
  g_assert_true (zc_test_spin_until (window_viewable, window, 30, "the window mapped"));
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
  gdk_x11_display_error_trap_push (display);
  XRaiseWindow (xdisplay, xid);
  XSetInputFocus (xdisplay, xid, RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  gdk_x11_display_error_trap_pop_ignored (display);
  g_assert_true (zc_test_spin_until (window_active, window, 30, "the window has the keyboard focus"));
}

static KeyCode
keycode_for (Display *xdisplay,
             KeySym   sym,
             gboolean *shift)
{
  KeyCode code = XKeysymToKeycode (xdisplay, sym);

  *shift = FALSE;
  if (code == 0)
    return 0;
  /* an upper-case letter or a shifted symbol: level 2 of its key */
  if (XkbKeycodeToKeysym (xdisplay, code, 0, 0) != sym
      && XkbKeycodeToKeysym (xdisplay, code, 0, 1) == sym)
    *shift = TRUE;
  return code;
}

static void
fake_key (Display *xdisplay,
          KeySym   sym,
          gboolean press)
{
  gboolean shift;
  KeyCode code = keycode_for (xdisplay, sym, &shift);

  if (code == 0)
    g_error ("no key for keysym 0x%lx in the X keymap", (unsigned long) sym);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}

static void
send_key (Display        *xdisplay,
          guint           keyval,
          GdkModifierType mods)
{
  gboolean shift = FALSE;
  KeyCode code = keycode_for (xdisplay, keyval, &shift);

  if (code == 0)
    g_error ("no key for %s in the X keymap", gdk_keyval_name (keyval));
  if (mods & GDK_SHIFT_MASK)
    shift = TRUE;
  if (mods & GDK_CONTROL_MASK)
    fake_key (xdisplay, XK_Control_L, TRUE);
  if (mods & GDK_ALT_MASK)
    fake_key (xdisplay, XK_Alt_L, TRUE);
  if (shift)
    fake_key (xdisplay, XK_Shift_L, TRUE);
  XTestFakeKeyEvent (xdisplay, code, True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, code, False, CurrentTime);
  if (shift)
    fake_key (xdisplay, XK_Shift_L, FALSE);
  if (mods & GDK_ALT_MASK)
    fake_key (xdisplay, XK_Alt_L, FALSE);
  if (mods & GDK_CONTROL_MASK)
    fake_key (xdisplay, XK_Control_L, FALSE);
  XFlush (xdisplay);
}

/* One key (with modifiers) pressed and released on the focused window,
 * then handled */
void
zc_test_key (guint           keyval,
             GdkModifierType mods)
{
  send_key (test_xdisplay (), keyval, mods);
  zc_test_keys_settle ();
}

/* Keycodes the X keymap leaves empty: a character that no key has (a
 * Chinese one, as an input method would commit it) is put on one of them
 * for the time of typing, as xdotool does */
static GArray *
spare_keycodes (Display *xdisplay)
{
  static GArray *spare;
  int min_code, max_code, per_code;
  KeySym *syms;

  if (spare != NULL)
    return spare;
  spare = g_array_new (FALSE, FALSE, sizeof (KeyCode));
  XDisplayKeycodes (xdisplay, &min_code, &max_code);
  syms = XGetKeyboardMapping (xdisplay, min_code, max_code - min_code + 1, &per_code);
  for (int code = min_code; code <= max_code; code++)
    {
      gboolean empty = TRUE;

      for (int l = 0; l < per_code && empty; l++)
        empty = syms[(code - min_code) * per_code + l] == NoSymbol;
      if (empty)
        {
          KeyCode c = code;

          g_array_append_val (spare, c);
        }
    }
  XFree (syms);
  g_assert_cmpuint (spare->len, >, 0);
  return spare;
}

/* Types @text key by key: printable ASCII on its own keys (digits, Latin
 * letters, punctuation), any other character through a spare key */
void
zc_test_type (const char *text)
{
  Display *xdisplay = test_xdisplay ();
  const char *p = text;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  while (*p != '\0')
    {
      GArray *spare;
      guint n = 0;
      const char *q;

      if (*p >= 0x20 && *p < 0x7f)
        {
          /* printable ASCII is its own keysym */
          send_key (xdisplay, (guint) *p, 0);
          p++;
          continue;
        }

      /* the next run of other characters, as many as there are spare keys */
      spare = spare_keycodes (xdisplay);
      for (q = p; *q != '\0' && !(*q >= 0x20 && *q < 0x7f) && n < spare->len; q = g_utf8_next_char (q), n++)
        {
          KeySym sym = 0x1000000 | g_utf8_get_char (q);

          XChangeKeyboardMapping (xdisplay, g_array_index (spare, KeyCode, n), 1, &sym, 1);
        }
      /* GTK sees the new keymap before the keys */
      zc_test_keys_settle ();
      for (guint i = 0; i < n; i++)
        {
          XTestFakeKeyEvent (xdisplay, g_array_index (spare, KeyCode, i), True, CurrentTime);
          XTestFakeKeyEvent (xdisplay, g_array_index (spare, KeyCode, i), False, CurrentTime);
          p = g_utf8_next_char (p);
        }
      XFlush (xdisplay);
      zc_test_keys_settle ();
    }
  zc_test_keys_settle ();
}

/* Ctrl+A and typing: what the focused entry holds is replaced */
void
zc_test_replace_text (const char *text)
{
  zc_test_key (GDK_KEY_a, GDK_CONTROL_MASK);
  zc_test_type (text);
}

gboolean
zc_test_key_until (guint           keyval,
                   GdkModifierType mods,
                   ZcTestCondition cond,
                   gpointer        data,
                   guint           seconds,
                   const char     *what)
{
  zc_test_key (keyval, mods);
  return zc_test_spin_until (cond, data, seconds, what);
}

GtkWidget *
zc_test_focus_widget (GtkWidget *any)
{
  GtkRoot *root = gtk_widget_get_root (any);

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

/* the keyboard focus is @widget or inside it */
gboolean
zc_test_focus_is_in (GtkWidget *widget)
{
  GtkWidget *focus = zc_test_focus_widget (widget);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Tab until the focus is in @target; FALSE after @max_tabs */
gboolean
zc_test_tab_to (GtkWidget *target,
                guint      max_tabs)
{
  for (guint i = 0; i < max_tabs && !zc_test_focus_is_in (target); i++)
    zc_test_key (GDK_KEY_Tab, 0);
  return zc_test_focus_is_in (target);
}

/* --- real pointer events (XTest) ------------------------------------- */

/* A press at the first point of @points (x, y pairs in @widget's
 * coordinates), moves through the others, a release at the last: a real
 * mouse drag through X, so GTK's gestures see what a hand makes */
void
zc_test_pointer_drag (GtkWidget    *widget,
                      const double *points,
                      guint         n_points)
{
  Display *xdisplay = test_xdisplay ();
  GtkNative *native = gtk_widget_get_native (widget);
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  double nx, ny;
  int root_x, root_y, screen = DefaultScreen (xdisplay);
  Window child;

  g_assert_cmpuint (n_points, >=, 1);
  gtk_native_get_surface_transform (native, &nx, &ny);
  for (guint i = 0; i < n_points; i++)
    {
      graphene_point_t in = GRAPHENE_POINT_INIT (points[2 * i], points[2 * i + 1]), out;

      g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
      XTranslateCoordinates (xdisplay, xid, RootWindow (xdisplay, screen),
                             (int) (out.x + nx), (int) (out.y + ny), &root_x, &root_y, &child);
      XTestFakeMotionEvent (xdisplay, screen, root_x, root_y, CurrentTime);
      zc_test_keys_settle ();
      /* GTK compresses the motions of one frame: let a frame pass */
      zc_test_spin_for (40);
      if (i == 0)
        {
          XTestFakeButtonEvent (xdisplay, 1, True, CurrentTime);
          zc_test_keys_settle ();
        }
    }
  XTestFakeButtonEvent (xdisplay, 1, False, CurrentTime);
  zc_test_keys_settle ();
}
