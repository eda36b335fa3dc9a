/* zc-scanner.c — scanning papers through SANE, on a worker thread
 *
 * Every SANE call blocks (a scan of an A4 page at 300 dpi takes
 * seconds) and backends are not thread-safe: each operation runs in a
 * GTask thread holding one process-wide lock, so SANE is used by one
 * thread at a time and the main loop never waits. Pages and progress go
 * back to the caller's main context as signals. Cancelling stops between
 * two reads (sane_cancel, then the device is closed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sane/sane.h>
#include <sane/saneopts.h>
#include <string.h>

#include "zc-acquire-error.h"
#include "zc-scan-device.h"
#include "zc-scanner.h"

struct _ZcScanner
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (ZcScanner, zc_scanner, G_TYPE_OBJECT)

enum {
  PAGE_SCANNED,
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char     *device;
  int       dpi;
  gboolean  color;
  gboolean  feeder;
  guint     max_pages;
} ScanRequest;

typedef struct {
  ZcScanner      *self;
  ZcAcquiredPage *page;      /* NULL for a progress report */
  guint           number;
  double          fraction;
} ScanReport;

static GMutex sane_lock;
static gboolean sane_ready;

static void
scan_request_free (ScanRequest *request)
{
  g_free (request->device);
  g_free (request);
}

static void
scan_report_free (ScanReport *report)
{
  g_clear_object (&report->self);
  g_clear_object (&report->page);
  g_free (report);
}

/* with sane_lock held */
static gboolean
ensure_sane (GError **error)
{
  SANE_Int version = 0;
  SANE_Status status;

  if (sane_ready)
    return TRUE;
  status = sane_init (&version, NULL);
  if (status != SANE_STATUS_GOOD)
    {
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DEVICE,
                   _("Scanning is not available on this computer (SANE: %s)."), sane_strstatus (status));
      return FALSE;
    }
  sane_ready = TRUE;
  return TRUE;
}

static void
set_sane_error (GError      **error,
                SANE_Status   status,
                const char   *device)
{
  switch (status)
    {
    case SANE_STATUS_CANCELLED:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The scan was cancelled."));
      break;
    case SANE_STATUS_DEVICE_BUSY:
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DEVICE_BUSY,
                   _("The scanner %s is busy: another program is using it. Try again in a moment."), device);
      break;
    case SANE_STATUS_JAMMED:
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_JAMMED,
                   _("Paper is jammed in the scanner %s: clear it and scan again."), device);
      break;
    case SANE_STATUS_NO_DOCS:
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_NO_DOCS,
                   _("The document feeder of %s is empty: put the papers in and scan again."), device);
      break;
    case SANE_STATUS_COVER_OPEN:
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_COVER_OPEN,
                   _("The cover of the scanner %s is open: close it and scan again."), device);
      break;
    case SANE_STATUS_INVAL:
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_NO_DEVICE,
                   _("The scanner %s is not connected. Choose another one or refresh the list."), device);
      break;
    case SANE_STATUS_ACCESS_DENIED:
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DEVICE,
                   _("This account may not use the scanner %s: ask the administrator."), device);
      break;
    default:
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DEVICE,
                   _("The scanner %s failed (%s). Check it and scan again."), device, sane_strstatus (status));
      break;
    }
}

static void
report_in_context (GTask          *task,
                   ZcAcquiredPage *page,
                   guint           number,
                   double          fraction);

static gboolean
emit_report (gpointer data)
{
  ScanReport *report = data;

  if (report->page != NULL)
    g_signal_emit (report->self, signals[PAGE_SCANNED], 0, report->page);
  else
    g_signal_emit (report->self, signals[PROGRESS], 0, report->number, report->fraction);
  return G_SOURCE_REMOVE;
}

static void
report_in_context (GTask          *task,
                   ZcAcquiredPage *page,
                   guint           number,
                   double          fraction)
{
  ScanReport *report = g_new0 (ScanReport, 1);

  report->self = g_object_ref (g_task_get_source_object (task));
  report->page = page != NULL ? g_object_ref (page) : NULL;
  report->number = number;
  report->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              emit_report, report, (GDestroyNotify) scan_report_free);
}

/* ---- device list ---- */

static void
list_devices_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GListStore) store = g_list_store_new (ZC_TYPE_SCAN_DEVICE);
  const SANE_Device **devices = NULL;
  g_autoptr(GError) error = NULL;
  SANE_Status status;

  g_mutex_lock (&sane_lock);
  if (!ensure_sane (&error))
    {
      g_mutex_unlock (&sane_lock);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = sane_get_devices (&devices, SANE_FALSE);
  if (status == SANE_STATUS_GOOD)
    for (int i = 0; devices[i] != NULL; i++)
      {
        g_autoptr(ZcScanDevice) device = zc_scan_device_new (devices[i]->name, devices[i]->vendor,
                                                             devices[i]->model);

        g_list_store_append (store, device);
      }
  g_mutex_unlock (&sane_lock);

  if (status != SANE_STATUS_GOOD)
    {
      set_sane_error (&error, status, "");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

void
zc_scanner_list_devices_async (ZcScanner           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ZC_IS_SCANNER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_scanner_list_devices_async);
  g_task_run_in_thread (task, list_devices_thread);
}

GListModel *
zc_scanner_list_devices_finish (ZcScanner     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- options ---- */

static int
find_option (SANE_Handle                    handle,
             const char                    *name,
             const SANE_Option_Descriptor **out)
{
  SANE_Int count = 0;

  if (sane_control_option (handle, 0, SANE_ACTION_GET_VALUE, &count, NULL) != SANE_STATUS_GOOD)
    return -1;
  for (int i = 1; i < count; i++)
    {
      const SANE_Option_Descriptor *desc = sane_get_option_descriptor (handle, i);

      if (desc != NULL && desc->name != NULL && g_strcmp0 (desc->name, name) == 0 &&
          SANE_OPTION_IS_ACTIVE (desc->cap) && SANE_OPTION_IS_SETTABLE (desc->cap))
        {
          *out = desc;
          return i;
        }
    }
  return -1;
}

/* the first entry of a string list that MATCH accepts, or NULL */
static const char *
pick_string (const SANE_Option_Descriptor *desc,
             gboolean (*match) (const char *value))
{
  if (desc->type != SANE_TYPE_STRING || desc->constraint_type != SANE_CONSTRAINT_STRING_LIST)
    return NULL;
  for (int i = 0; desc->constraint.string_list[i] != NULL; i++)
    if (match (desc->constraint.string_list[i]))
      return desc->constraint.string_list[i];
  return NULL;
}

static gboolean
is_feeder (const char *value)
{
  g_autofree char *folded = g_ascii_strdown (value, -1);

  return strstr (folded, "feeder") != NULL || strstr (folded, "adf") != NULL;
}

static gboolean
is_flatbed (const char *value)
{
  return !is_feeder (value);
}

static gboolean
is_color (const char *value)
{
  return g_ascii_strcasecmp (value, SANE_VALUE_SCAN_MODE_COLOR) == 0;
}

static gboolean
is_gray (const char *value)
{
  return g_ascii_strcasecmp (value, SANE_VALUE_SCAN_MODE_GRAY) == 0;
}

static void
set_string_option (SANE_Handle                   handle,
                   int                           index,
                   const SANE_Option_Descriptor *desc,
                   const char                   *value)
{
  g_autofree char *buffer = g_malloc0 (MAX (desc->size, (SANE_Int) strlen (value) + 1));

  strcpy (buffer, value);
  sane_control_option (handle, index, SANE_ACTION_SET_VALUE, buffer, NULL);
}

/* sets the resolution nearest DPI the device allows; gives what it took */
static double
set_resolution (SANE_Handle handle,
                int         dpi)
{
  const SANE_Option_Descriptor *desc = NULL;
  int index = find_option (handle, SANE_NAME_SCAN_RESOLUTION, &desc);
  double wanted = dpi;
  SANE_Word value;

  if (index < 0 || (desc->type != SANE_TYPE_FIXED && desc->type != SANE_TYPE_INT))
    return dpi;

#define TO_DOUBLE(w) (desc->type == SANE_TYPE_FIXED ? SANE_UNFIX (w) : (double) (w))
  if (desc->constraint_type == SANE_CONSTRAINT_RANGE)
    wanted = CLAMP (wanted, TO_DOUBLE (desc->constraint.range->min), TO_DOUBLE (desc->constraint.range->max));
  else if (desc->constraint_type == SANE_CONSTRAINT_WORD_LIST && desc->constraint.word_list[0] > 0)
    {
      double best = TO_DOUBLE (desc->constraint.word_list[1]);

      for (int i = 1; i <= desc->constraint.word_list[0]; i++)
        if (fabs (TO_DOUBLE (desc->constraint.word_list[i]) - dpi) < fabs (best - dpi))
          best = TO_DOUBLE (desc->constraint.word_list[i]);
      wanted = best;
    }
  value = desc->type == SANE_TYPE_FIXED ? SANE_FIX (wanted) : (SANE_Word) wanted;
  sane_control_option (handle, index, SANE_ACTION_SET_VALUE, &value, NULL);
  if (sane_control_option (handle, index, SANE_ACTION_GET_VALUE, &value, NULL) == SANE_STATUS_GOOD &&
      TO_DOUBLE (value) > 0)
    wanted = TO_DOUBLE (value);
#undef TO_DOUBLE
  return wanted;
}

static gboolean
set_options (SANE_Handle   handle,
             ScanRequest  *request,
             double       *dpi,
             GError      **error)
{
  const SANE_Option_Descriptor *desc = NULL;
  int index;

  index = find_option (handle, SANE_NAME_SCAN_MODE, &desc);
  if (index >= 0)
    {
      const char *mode = pick_string (desc, request->color ? is_color : is_gray);

      if (mode != NULL)
        set_string_option (handle, index, desc, mode);
    }

  index = find_option (handle, SANE_NAME_SCAN_SOURCE, &desc);
  if (index >= 0)
    {
      const char *source = pick_string (desc, request->feeder ? is_feeder : is_flatbed);

      if (source == NULL && request->feeder)
        {
          g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_NO_FEEDER,
                       _("The scanner %s has no document feeder: scan page by page from the glass."),
                       request->device);
          return FALSE;
        }
      if (source != NULL)
        set_string_option (handle, index, desc, source);
    }
  else if (request->feeder)
    {
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_NO_FEEDER,
                   _("The scanner %s has no document feeder: scan page by page from the glass."),
                   request->device);
      return FALSE;
    }

  *dpi = set_resolution (handle, request->dpi);
  return TRUE;
}

/* ---- one page ---- */

static guint8
sample (const guint8 *line,
        int           depth,
        int           x,
        int           channels,
        int           channel)
{
  int n = x * channels + channel;

  switch (depth)
    {
    case 1:   /* lineart: a set bit is black */
      return (line[n / 8] & (0x80 >> (n % 8))) ? 0 : 255;
    case 16:
      {
        guint16 value;

        memcpy (&value, line + (gsize) n * 2, sizeof value);
        return value >> 8;
      }
    default:
      return line[n];
    }
}

/* The frames read (grey, RGB or three passes of R, G, B) as RGB8 */
static GdkTexture *
frames_to_texture (GByteArray      *frames[3],
                   SANE_Parameters *params,
                   gboolean         three_pass)
{
  int width = params->pixels_per_line;
  int bpl = params->bytes_per_line;
  int height = params->lines > 0 ? params->lines : (int) (frames[0]->len / MAX (bpl, 1));
  gsize stride = (gsize) width * 3;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *rgb;

  if (width <= 0 || bpl <= 0 || height <= 0)
    return NULL;
  for (int f = 0; f < (three_pass ? 3 : 1); f++)
    if (frames[f]->len < (gsize) bpl * height)
      height = frames[f]->len / bpl;
  if (height <= 0)
    return NULL;

  rgb = g_malloc (stride * height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *out = rgb + y * stride + x * 3;

        if (three_pass)
          for (int c = 0; c < 3; c++)
            out[c] = sample (frames[c]->data + (gsize) y * bpl, params->depth, x, 1, 0);
        else if (params->format == SANE_FRAME_RGB)
          for (int c = 0; c < 3; c++)
            out[c] = sample (frames[0]->data + (gsize) y * bpl, params->depth, x, 3, c);
        else
          out[0] = out[1] = out[2] = sample (frames[0]->data + (gsize) y * bpl, params->depth, x, 1, 0);
      }
  bytes = g_bytes_new_take (rgb, stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, bytes, stride);
}

static int
frame_slot (SANE_Frame format)
{
  switch (format)
    {
    case SANE_FRAME_GREEN: return 1;
    case SANE_FRAME_BLUE:  return 2;
    default:               return 0;
    }
}

/* After sane_start succeeded: reads every frame of the page */
static GdkTexture *
read_page (GTask        *task,
           SANE_Handle   handle,
           guint         number,
           ScanRequest  *request,
           GCancellable *cancellable,
           GError      **error)
{
  g_autoptr(GByteArray) red = g_byte_array_new ();
  g_autoptr(GByteArray) green = g_byte_array_new ();
  g_autoptr(GByteArray) blue = g_byte_array_new ();
  GByteArray *frames[3] = { red, green, blue };
  g_autofree SANE_Byte *buffer = g_malloc (64 * 1024);
  SANE_Parameters params = { 0 };
  gboolean three_pass = FALSE;
  guint n_frames = 0;

  for (;;)
    {
      SANE_Status status;
      GByteArray *frame;
      gsize expected;
      double reported = 0;

      if (n_frames > 0)
        {
          status = sane_start (handle);
          if (status != SANE_STATUS_GOOD)
            {
              set_sane_error (error, status, request->device);
              return NULL;
            }
        }
      status = sane_get_parameters (handle, &params);
      if (status != SANE_STATUS_GOOD)
        {
          set_sane_error (error, status, request->device);
          return NULL;
        }
      three_pass = three_pass || params.format == SANE_FRAME_RED || params.format == SANE_FRAME_GREEN ||
                   params.format == SANE_FRAME_BLUE;
      frame = frames[frame_slot (params.format)];
      expected = params.lines > 0 ? (gsize) params.lines * params.bytes_per_line : 0;

      for (;;)
        {
          SANE_Int length = 0;

          /* sane_cancel once, when the device is closed (scan_thread) */
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The scan was cancelled."));
              return NULL;
            }
          status = sane_read (handle, buffer, 64 * 1024, &length);
          if (status == SANE_STATUS_EOF)
            break;
          if (status != SANE_STATUS_GOOD)
            {
              set_sane_error (error, status, request->device);
              return NULL;
            }
          if (frame->len + length > (gsize) ZC_ACQUIRE_MAX_PIXELS * 3 * 2)
            {
              g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_TOO_LARGE,
                           _("The scan is too large: choose a lower resolution."));
              return NULL;
            }
          g_byte_array_append (frame, buffer, length);
          if (expected > 0)
            {
              double fraction = ((double) n_frames + MIN (1.0, (double) frame->len / expected)) /
                                (three_pass ? 3 : 1);

              if (fraction - reported >= 0.02)
                {
                  report_in_context (task, NULL, number, fraction);
                  reported = fraction;
                }
            }
        }
      n_frames++;
      if (params.last_frame || n_frames >= 3)
        break;
    }

  {
    GdkTexture *texture = frames_to_texture (frames, &params, three_pass);

    if (texture == NULL)
      g_set_error (error, ZC_ACQUIRE_ERROR, ZC_ACQUIRE_ERROR_DEVICE,
                   _("The scanner %s sent an empty page. Check it and scan again."), request->device);
    return texture;
  }
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  SANE_Handle handle = NULL;
  SANE_Status status;
  double dpi = request->dpi;
  guint number = 0;

  g_mutex_lock (&sane_lock);
  if (!ensure_sane (&error))
    goto out;
  status = sane_open (request->device, &handle);
  if (status != SANE_STATUS_GOOD)
    {
      set_sane_error (&error, status, request->device);
      handle = NULL;
      goto out;
    }
  if (!set_options (handle, request, &dpi, &error))
    goto out;

  for (;;)
    {
      g_autoptr(GdkTexture) texture = NULL;
      g_autoptr(ZcAcquiredPage) page = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
      status = sane_start (handle);
      if (status == SANE_STATUS_NO_DOCS && request->feeder && number > 0)
        break;   /* the feeder is empty: every page was taken */
      if (status != SANE_STATUS_GOOD)
        {
          set_sane_error (&error, status, request->device);
          break;
        }
      report_in_context (task, NULL, number + 1, 0);
      texture = read_page (task, handle, number + 1, request, cancellable, &error);
      if (texture == NULL)
        break;
      number++;
      page = zc_acquired_page_new_image (texture, dpi, NULL);
      report_in_context (task, page, number, 1);
      if (!request->feeder || (request->max_pages > 0 && number >= request->max_pages))
        break;
    }

out:
  if (handle != NULL)
    {
      sane_cancel (handle);
      sane_close (handle);
    }
  g_mutex_unlock (&sane_lock);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, number);
}

void
zc_scanner_scan_async (ZcScanner           *self,
                       const char          *device,
                       int                  dpi,
                       gboolean             color,
                       gboolean             feeder,
                       guint                max_pages,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanRequest *request;

  g_return_if_fail (ZC_IS_SCANNER (self));
  g_return_if_fail (device != NULL);
  g_return_if_fail (dpi > 0);

  request = g_new0 (ScanRequest, 1);
  request->device = g_strdup (device);
  request->dpi = dpi;
  request->color = color;
  request->feeder = feeder;
  request->max_pages = max_pages;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, zc_scanner_scan_async);
  g_task_set_task_data (task, request, (GDestroyNotify) scan_request_free);
  /* the pages already given stand even when the scan is cancelled later */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, scan_thread);
}

guint
zc_scanner_scan_finish (ZcScanner     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

static void
zc_scanner_class_init (ZcScannerClass *klass)
{
  signals[PAGE_SCANNED] =
    g_signal_new ("page-scanned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ZC_TYPE_ACQUIRED_PAGE);
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_DOUBLE);
}

static void
zc_scanner_init (ZcScanner *self)
{
}

ZcScanner *
zc_scanner_new (void)
{
  return g_object_new (ZC_TYPE_SCANNER, NULL);
}
