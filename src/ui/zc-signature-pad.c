/* zc-signature-pad.c — the applicant's signature: strokes with pressure
 *
 * A stroke is a list of points (x, y in the canvas, pressure 0–1). The pen
 * (GDK_SOURCE_PEN) is followed by the stylus gesture, which reads the
 * pressure axis; the drag gesture takes everything else (mouse, touch)
 * at a middle pressure, so one movement never makes two strokes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "zc-signature-pad.h"
#include "zc-ui-private.h"

#define DEFAULT_PRESSURE 0.5

typedef struct
{
  double x;
  double y;
  double pressure;
} Point;

struct _ZcSignaturePad
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *box;
  GtkWidget      *frame;
  GtkDrawingArea *canvas;
  GtkLabel       *status;
  GtkWidget      *clear_button;
  GtkWidget      *done_button;

  /* owned */
  GPtrArray      *strokes;      /* of GArray of Point */
  GArray         *current;      /* the stroke being drawn (also in @strokes), or NULL */
  double          drag_x;       /* where the drag began */
  double          drag_y;
};

G_DEFINE_FINAL_TYPE (ZcSignaturePad, zc_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_STROKES,
  PROP_DONE_VISIBLE,
  N_PROPS
};

enum {
  DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ── helpers ── */

static double
stroke_width (double pressure)
{
  return 1.0 + 4.0 * CLAMP (pressure, 0.0, 1.0);
}

static void
draw_strokes (cairo_t   *cr,
              GPtrArray *strokes)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < strokes->len; s++)
    {
      GArray *points = g_ptr_array_index (strokes, s);

      if (points->len == 1)
        {
          const Point *p = &g_array_index (points, Point, 0);

          cairo_new_path (cr);
          cairo_arc (cr, p->x, p->y, stroke_width (p->pressure) / 2, 0, 2 * G_PI);
          cairo_fill (cr);
          continue;
        }
      for (guint i = 1; i < points->len; i++)
        {
          const Point *a = &g_array_index (points, Point, i - 1);
          const Point *b = &g_array_index (points, Point, i);

          cairo_set_line_width (cr, stroke_width ((a->pressure + b->pressure) / 2));
          cairo_move_to (cr, a->x, a->y);
          cairo_line_to (cr, b->x, b->y);
          cairo_stroke (cr);
        }
    }
}

/* the status line, the buttons and the accessible description follow
 * the number of strokes */
/* the status line, the buttons and the accessible description follow
 * the number of strokes */
static void
update_state (ZcSignaturePad *self)
{
  g_autofree char *text = zc_signature_pad_dup_description (self);
  guint n = self->strokes->len;

  gtk_label_set_text (self->status, n == 0 ? _("Sign in the box above with the pen, a finger or the mouse") : text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_widget_set_sensitive (self->clear_button, n > 0);
  gtk_widget_set_sensitive (self->done_button, n > 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
stroke_begin (ZcSignaturePad *self,
              double          x,
              double          y,
              double          pressure)
{
  Point p = { x, y, pressure };

  self->current = g_array_new (FALSE, FALSE, sizeof (Point));
  g_array_append_val (self->current, p);
  g_ptr_array_add (self->strokes, self->current);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
stroke_add (ZcSignaturePad *self,
            double          x,
            double          y,
            double          pressure)
{
  Point p = { x, y, pressure };

  if (self->current == NULL)
    return;
  g_array_append_val (self->current, p);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
stroke_end (ZcSignaturePad *self)
{
  if (self->current == NULL)
    return;
  self->current = NULL;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STROKES]);
}

static double
stylus_pressure (GtkGestureStylus *gesture)
{
  double pressure;

  if (gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &pressure))
    return pressure;
  return DEFAULT_PRESSURE;
}

static gboolean
is_pen (GtkGesture *gesture)
{
  GdkDevice *device = gtk_gesture_get_device (gesture);

  return device != NULL && gdk_device_get_source (device) == GDK_SOURCE_PEN;
}

/* ── callbacks ── */

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  ZcSignaturePad *self = user_data;

  /* the line to sign on */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 24, height - 32.5);
  cairo_line_to (cr, width - 24, height - 32.5);
  cairo_stroke (cr);
  draw_strokes (cr, self->strokes);
}

static void
on_stylus_down (GtkGestureStylus *gesture,
                double            x,
                double            y,
                ZcSignaturePad   *self)
{
  stroke_begin (self, x, y, stylus_pressure (gesture));
}

static void
on_stylus_motion (GtkGestureStylus *gesture,
                  double            x,
                  double            y,
                  ZcSignaturePad   *self)
{
  stroke_add (self, x, y, stylus_pressure (gesture));
}

static void
on_stylus_up (GtkGestureStylus *gesture,
              double            x,
              double            y,
              ZcSignaturePad   *self)
{
  stroke_add (self, x, y, stylus_pressure (gesture));
  stroke_end (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               ZcSignaturePad *self)
{
  /* the pen is the stylus gesture's */
  if (is_pen (GTK_GESTURE (gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_x = x;
  self->drag_y = y;
  stroke_begin (self, x, y, DEFAULT_PRESSURE);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                ZcSignaturePad *self)
{
  if (is_pen (GTK_GESTURE (gesture)))
    return;
  stroke_add (self, self->drag_x + dx, self->drag_y + dy, DEFAULT_PRESSURE);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             ZcSignaturePad *self)
{
  if (is_pen (GTK_GESTURE (gesture)))
    return;
  stroke_add (self, self->drag_x + dx, self->drag_y + dy, DEFAULT_PRESSURE);
  stroke_end (self);
}

static void
on_clear_clicked (ZcSignaturePad *self)
{
  zc_signature_pad_clear (self);
  /* on to sign again: the canvas when the window around says done */
  if (gtk_widget_get_visible (self->done_button))
    gtk_widget_grab_focus (self->done_button);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
on_done_clicked (ZcSignaturePad *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

/* ── GObject ── */

static void
zc_signature_pad_dispose (GObject *object)
{
  ZcSignaturePad *self = ZC_SIGNATURE_PAD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ZC_TYPE_SIGNATURE_PAD);
  G_OBJECT_CLASS (zc_signature_pad_parent_class)->dispose (object);
}

static void
zc_signature_pad_finalize (GObject *object)
{
  ZcSignaturePad *self = ZC_SIGNATURE_PAD (object);

  g_clear_pointer (&self->strokes, g_ptr_array_unref);
  G_OBJECT_CLASS (zc_signature_pad_parent_class)->finalize (object);
}

static void
zc_signature_pad_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ZcSignaturePad *self = ZC_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_N_STROKES:
      g_value_set_uint (value, zc_signature_pad_get_n_strokes (self));
      break;
    case PROP_DONE_VISIBLE:
      g_value_set_boolean (value, gtk_widget_get_visible (self->done_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_signature_pad_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ZcSignaturePad *self = ZC_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_DONE_VISIBLE:
      gtk_widget_set_visible (self->done_button, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_signature_pad_class_init (ZcSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zc_signature_pad_dispose;
  object_class->finalize = zc_signature_pad_finalize;
  object_class->get_property = zc_signature_pad_get_property;
  object_class->set_property = zc_signature_pad_set_property;

  properties[PROP_N_STROKES] =
    g_param_spec_uint ("n-strokes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* FALSE where the window around has its own "signed" action (the
   * commitment dialog's header): one primary action, not two */
  properties[PROP_DONE_VISIBLE] =
    g_param_spec_boolean ("done-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ZcSignaturePad::done:
   *
   * The applicant (or the clerk, by keyboard) says the signature is done.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  _zc_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-signature-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcSignaturePad, box);
  gtk_widget_class_bind_template_child (widget_class, ZcSignaturePad, frame);
  gtk_widget_class_bind_template_child (widget_class, ZcSignaturePad, canvas);
  gtk_widget_class_bind_template_child (widget_class, ZcSignaturePad, status);
  gtk_widget_class_bind_template_child (widget_class, ZcSignaturePad, clear_button);
  gtk_widget_class_bind_template_child (widget_class, ZcSignaturePad, done_button);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "signaturepad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
zc_signature_pad_init (ZcSignaturePad *self)
{
  GtkGesture *stylus, *drag;

  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->canvas, draw_canvas, self, NULL);

  stylus = gtk_gesture_stylus_new ();
  g_signal_connect (stylus, "down", G_CALLBACK (on_stylus_down), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (on_stylus_motion), self);
  g_signal_connect (stylus, "up", G_CALLBACK (on_stylus_up), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (stylus));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (drag));

  update_state (self);
}

/* ── public API ── */

GtkWidget *
zc_signature_pad_new (void)
{
  return g_object_new (ZC_TYPE_SIGNATURE_PAD, NULL);
}

guint
zc_signature_pad_get_n_strokes (ZcSignaturePad *self)
{
  g_return_val_if_fail (ZC_IS_SIGNATURE_PAD (self), 0);

  /* a stroke being drawn counts once it is finished */
  return self->strokes->len - (self->current != NULL ? 1 : 0);
}

void
zc_signature_pad_clear (ZcSignaturePad *self)
{
  g_return_if_fail (ZC_IS_SIGNATURE_PAD (self));

  self->current = NULL;
  if (self->strokes->len == 0)
    return;
  g_ptr_array_set_size (self->strokes, 0);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STROKES]);
}

/* The text equivalent of the signature, the pad's accessible
 * description: "已签名，N 笔" or "尚未签名" */
char *
zc_signature_pad_dup_description (ZcSignaturePad *self)
{
  guint n;

  g_return_val_if_fail (ZC_IS_SIGNATURE_PAD (self), NULL);

  n = zc_signature_pad_get_n_strokes (self);
  if (n == 0)
    return g_strdup (_("Not signed yet"));
  /* TRANSLATORS: the signature pad's state, %u is the number of strokes */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Signed, %u stroke", "Signed, %u strokes", n), n);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
zc_signature_pad_to_png (ZcSignaturePad *self)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *out;
  cairo_status_t status;
  int width, height;

  g_return_val_if_fail (ZC_IS_SIGNATURE_PAD (self), NULL);

  if (zc_signature_pad_get_n_strokes (self) == 0)
    return NULL;
  width = MAX (gtk_widget_get_width (GTK_WIDGET (self->canvas)), 1);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self->canvas)), 1);
  if (width == 1 && height == 1)
    {
      width = gtk_drawing_area_get_content_width (self->canvas);
      height = gtk_drawing_area_get_content_height (self->canvas);
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  draw_strokes (cr, self->strokes);
  cairo_destroy (cr);
  out = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_png, out);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (out);
      return NULL;
    }
  return g_byte_array_free_to_bytes (out);
}
