/* zc-ocr.c — libtesseract's C API: a grey image in, words with boxes and
 * confidences out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <tesseract/capi.h>

#include "zc-ocr.h"

/* Tesseract's text is allocated with new[]: it goes back through
 * TessDeleteText, never free () (ASan: alloc-dealloc-mismatch) */
typedef char ZcTessText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZcTessText, TessDeleteText)

#define LANGUAGES "chi_sim+eng"
/* a gap wider than this many times the line's height separates words
 * with a space (columns: a label and its value) */
#define SPACE_GAP 0.6
/* a reading of at least this many characters whose mean confidence
 * (Tesseract's, 0..100) is below GARBLED_MEAN is nonsense: the page may
 * lie upside down (a clean page reads above 80, one upside down near 30) */
#define GARBLED_MIN_CHARS 10
#define GARBLED_MEAN 50
/* a reading this sure is the page upright: no other turn is tried */
#define SURE_MEAN 75

typedef struct
{
  ETEXT_DESC    *monitor;
  GCancellable  *cancellable;
  ZcOcrProgress  progress;
  gpointer       progress_data;
  int            last;
} Watch;

G_DEFINE_QUARK (zc-ocr-error-quark, zc_ocr_error)

const char *
zc_ocr_languages (void)
{
  return LANGUAGES;
}

/* Tesseract asks now and then whether to stop; also tells the progress */
static bool
on_cancel (void *cancel_this,
           int   words)
{
  Watch *w = cancel_this;
  int done = TessMonitorGetProgress (w->monitor);

  if (w->progress != NULL && done != w->last)
    {
      w->last = done;
      w->progress (CLAMP (done, 0, 100) / 100.0, w->progress_data);
    }
  return g_cancellable_is_cancelled (w->cancellable);
}

/* ARGB32/RGB24 → 8-bit grey (luma) */
static guchar *
to_grey (cairo_surface_t *image,
         int             *width,
         int             *height)
{
  int stride;
  const guchar *data;
  guchar *grey;

  cairo_surface_flush (image);
  *width = cairo_image_surface_get_width (image);
  *height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  grey = g_malloc ((gsize) *width * *height);
  for (int y = 0; y < *height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < *width; x++)
        {
          guint32 p = row[x];
          guint r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

          grey[(gsize) y * *width + x] = (guchar) ((r * 299 + g * 587 + b * 114) / 1000);
        }
    }
  return grey;
}

static gboolean
is_cjk (gunichar c)
{
  return g_unichar_iswide (c);
}

static void
append_word (ZcPageText *page,
             const char *word,
             int         left,
             int         top,
             int         right,
             int         bottom,
             double      scale,
             float       confidence,
             GArray     *chars)
{
  glong n = g_utf8_strlen (word, -1);
  double each = n > 0 ? (right - left) * scale / n : 0;
  const char *p = word;

  for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
    {
      char c[8] = { 0 };
      ZcBox box = { left * scale + i * each, top * scale, each, (bottom - top) * scale };

      g_unichar_to_utf8 (g_utf8_get_char (p), c);
      zc_page_text_append (page, c, &box,
                           chars != NULL && chars->len == (guint) n
                           ? g_array_index (chars, float, i) : confidence);
    }
}

typedef struct
{
  char    *text;
  int      left;
  int      top;
  int      right;
  int      bottom;
  float    confidence;  /* the word's */
  GArray  *chars;       /* float: each character's, when they line up */
  gboolean line_start;
} Word;

static void
word_clear (gpointer data)
{
  Word *w = data;

  g_free (w->text);
  g_clear_pointer (&w->chars, g_array_unref);
}

static gboolean
latin_letters_only (const char *text)
{
  gboolean letters = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalpha (*p))
        letters = TRUE;
      else if (g_ascii_isdigit (*p) || (guchar) *p >= 0x80)
        return FALSE;
    }
  return letters;
}

static gboolean
has_cjk (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iswide (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* chi_sim+eng reads a short Chinese word now and then as Latin letters
 * (张伟 → "okt"): a word of letters alone on a line of Chinese is read
 * again with chi_sim alone, and the Chinese reading kept when it is
 * surer. Letters beside digits (a credit code) are left alone. */
static void
reread_latin_in_chinese (GArray       *words,
                         const guchar *grey,
                         int           width,
                         int           height,
                         double        dpi)
{
  TessBaseAPI *chinese = NULL;
  guint line = 0;

  for (guint i = 0; i < words->len; i++)
    {
      Word *w = &g_array_index (words, Word, i);
      gboolean chinese_line = FALSE;
      g_autoptr(ZcTessText) raw = NULL;
      g_autofree char *text = NULL;
      int pad, x, y, rw, rh;
      float confidence;

      if (w->line_start)
        line = i;
      if (!latin_letters_only (w->text))
        continue;
      for (guint k = line; k < words->len && (k == line || !g_array_index (words, Word, k).line_start); k++)
        chinese_line |= has_cjk (g_array_index (words, Word, k).text);
      if (!chinese_line)
        continue;

      if (chinese == NULL)
        {
          chinese = TessBaseAPICreate ();
          if (TessBaseAPIInit3 (chinese, NULL, "chi_sim") != 0)
            break;
          TessBaseAPISetImage (chinese, grey, width, height, 1, width);
          TessBaseAPISetSourceResolution (chinese, (int) dpi);
          TessBaseAPISetPageSegMode (chinese, PSM_SINGLE_LINE);
        }
      pad = (w->bottom - w->top) / 4;
      x = MAX (0, w->left - pad);
      y = MAX (0, w->top - pad);
      rw = MIN (width, w->right + pad) - x;
      rh = MIN (height, w->bottom + pad) - y;
      TessBaseAPISetRectangle (chinese, x, y, rw, rh);
      raw = TessBaseAPIGetUTF8Text (chinese);
      if (raw == NULL)
        continue;
      text = g_utf8_make_valid (raw, -1);
      g_strstrip (text);
      confidence = TessBaseAPIMeanTextConf (chinese) / 100.0f;
      if (text[0] != '\0' && has_cjk (text) && confidence > w->confidence)
        {
          g_free (w->text);
          w->text = g_steal_pointer (&text);
          w->confidence = CLAMP (confidence, 0.0f, 1.0f);
          g_array_set_size (w->chars, 0);
        }
    }
  if (chinese != NULL)
    {
      TessBaseAPIEnd (chinese);
      TessBaseAPIDelete (chinese);
    }
}

static ZcPageText *
read_grey (const guchar  *grey,
           int            width,
           int            height,
           double         dpi,
           guint          page_number,
           ZcOcrProgress  progress,
           gpointer       progress_data,
           GCancellable  *cancellable,
           int           *mean,
           GError       **error)
{
  TessBaseAPI *api = TessBaseAPICreate ();
  Watch watch = { NULL, cancellable, progress, progress_data, -1 };
  TessResultIterator *it = NULL;
  GArray *words = NULL;
  Word *current = NULL;
  ZcPageText *page = NULL;
  double scale = 72.0 / dpi;
  int prev_right = -1, line_height = 0;
  gunichar prev_last = 0;
  gboolean first_line = TRUE;

  if (TessBaseAPIInit3 (api, NULL, LANGUAGES) != 0)
    {
      g_set_error (error, ZC_OCR_ERROR, ZC_OCR_ERROR_NO_LANGUAGE,
                   _("Text recognition is not installed (Tesseract data for %s)"), LANGUAGES);
      TessBaseAPIDelete (api);
      return NULL;
    }
  TessBaseAPISetImage (api, grey, width, height, 1, width);
  TessBaseAPISetSourceResolution (api, (int) dpi);

  /* layout analysis cannot be stopped: do not start it when already told to */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      TessBaseAPIEnd (api);
      TessBaseAPIDelete (api);
      return NULL;
    }
  watch.monitor = TessMonitorCreate ();
  TessMonitorSetCancelFunc (watch.monitor, on_cancel);
  TessMonitorSetCancelThis (watch.monitor, &watch);
  if (TessBaseAPIRecognize (api, watch.monitor) != 0 || g_cancellable_is_cancelled (cancellable))
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, ZC_OCR_ERROR, ZC_OCR_ERROR_FAILED,
                     _("Text recognition failed on page %u"), page_number);
      goto out;
    }

  *mean = TessBaseAPIMeanTextConf (api);
  words = g_array_new (FALSE, TRUE, sizeof (Word));
  g_array_set_clear_func (words, word_clear);
  it = TessBaseAPIGetIterator (api);
  /* symbol by symbol: each character keeps its own confidence (a word's
   * is its weakest character's, and one wrong character in a long name
   * hides in a sure word) */
  if (it != NULL)
    do
      {
        const TessPageIterator *pi = TessResultIteratorGetPageIterator (it);
        g_autoptr(ZcTessText) symbol = NULL;
        float confidence;

        if (TessPageIteratorIsAtBeginningOf (pi, RIL_WORD))
          {
            g_autoptr(ZcTessText) raw = TessResultIteratorGetUTF8Text (it, RIL_WORD);
            Word w = { 0 };

            current = NULL;
            if (raw == NULL ||
                !TessPageIteratorBoundingBox (pi, RIL_WORD, &w.left, &w.top, &w.right, &w.bottom))
              continue;
            w.text = g_utf8_make_valid (raw, -1);
            g_strstrip (w.text);
            if (w.text[0] == '\0')
              {
                g_free (w.text);
                continue;
              }
            w.confidence = CLAMP (TessResultIteratorConfidence (it, RIL_WORD) / 100.0f, 0.0f, 1.0f);
            w.line_start = TessPageIteratorIsAtBeginningOf (pi, RIL_TEXTLINE);
            w.chars = g_array_new (FALSE, FALSE, sizeof (float));
            g_array_append_val (words, w);
            current = &g_array_index (words, Word, words->len - 1);
          }
        if (current == NULL)
          continue;
        symbol = TessResultIteratorGetUTF8Text (it, RIL_SYMBOL);
        if (symbol == NULL)
          continue;
        confidence = CLAMP (TessResultIteratorConfidence (it, RIL_SYMBOL) / 100.0f, 0.0f, 1.0f);
        for (const char *s = symbol; *s != '\0'; s = g_utf8_next_char (s))
          if (!g_unichar_isspace (g_utf8_get_char (s)))
            g_array_append_val (current->chars, confidence);
      }
    while (TessResultIteratorNext (it, RIL_SYMBOL));

  if (!g_cancellable_is_cancelled (cancellable))
    reread_latin_in_chinese (words, grey, width, height, dpi);

  page = zc_page_text_new (page_number, TRUE, width * scale, height * scale);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);

      if (w->line_start)
        {
          if (!first_line)
            zc_page_text_append (page, "\n", NULL, 1.0f);
          first_line = FALSE;
          prev_right = -1;
          line_height = w->bottom - w->top;
        }
      else if (prev_right >= 0)
        {
          gunichar next_first = g_utf8_get_char (w->text);
          /* words of Latin letters and digits keep their space; Chinese
           * runs join unless a wide gap parts them */
          if ((!is_cjk (prev_last) && !is_cjk (next_first)) ||
              w->left - prev_right > SPACE_GAP * MAX (line_height, w->bottom - w->top))
            zc_page_text_append (page, " ", NULL, 1.0f);
        }
      append_word (page, w->text, w->left, w->top, w->right, w->bottom, scale, w->confidence,
                   w->chars);
      prev_right = w->right;
      prev_last = g_utf8_get_char (g_utf8_find_prev_char (w->text, w->text + strlen (w->text)));
      line_height = MAX (line_height, w->bottom - w->top);
    }
  if (!first_line)
    zc_page_text_append (page, "\n", NULL, 1.0f);
  if (progress != NULL)
    progress (1.0, progress_data);

out:
  g_clear_pointer (&words, g_array_unref);
  if (it != NULL)
    TessResultIteratorDelete (it);
  TessMonitorDelete (watch.monitor);
  TessBaseAPIEnd (api);
  TessBaseAPIDelete (api);
  return page;
}

/* Letters, digits and Chinese characters in a reading */
static guint
count_read (const ZcPageText *page)
{
  guint n = 0;

  for (const char *p = page->text->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || g_unichar_iswide (c))
        n++;
    }
  return n;
}

/* How a page lies: the quarter turns, clockwise, that bring its text
 * upright */
typedef enum
{
  TURN_NONE,
  TURN_90,   /* the page lies turned 90° anticlockwise: read it turned clockwise */
  TURN_180,
  TURN_270,
} Turn;

/* @grey turned @turn quarter turns clockwise; its size in *width, *height */
static guchar *
turn_grey (const guchar *grey,
           int          *width,
           int          *height,
           Turn          turn)
{
  int w = *width, h = *height;
  gsize n = (gsize) w * h;
  guchar *out = g_malloc (n);

  switch (turn)
    {
    case TURN_NONE:
      memcpy (out, grey, n);
      break;
    case TURN_180:
      for (gsize i = 0; i < n; i++)
        out[i] = grey[n - 1 - i];
      break;
    case TURN_90:
      /* (x, y) → (h - 1 - y, x) in an image h wide */
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          out[(gsize) x * h + (h - 1 - y)] = grey[(gsize) y * w + x];
      *width = h;
      *height = w;
      break;
    case TURN_270:
      /* (x, y) → (y, w - 1 - x) */
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          out[(gsize) (w - 1 - x) * h + y] = grey[(gsize) y * w + x];
      *width = h;
      *height = w;
      break;
    default:
      g_assert_not_reached ();
    }
  return out;
}

/* Boxes read on the image turned @turn back onto the page as it lies
 * (@width × @height points, as it lies) */
static void
turn_boxes_back (ZcPageText *page,
                 Turn        turn,
                 double      width,
                 double      height)
{
  for (guint i = 0; i < page->chars->len; i++)
    {
      ZcBox *b = &g_array_index (page->chars, ZcTextChar, i).box;
      ZcBox r = *b;

      if (b->width <= 0 && b->height <= 0)
        continue;
      switch (turn)
        {
        case TURN_NONE:
          break;
        case TURN_180:
          *b = (ZcBox) { width - r.x - r.width, height - r.y - r.height, r.width, r.height };
          break;
        case TURN_90:
          /* read turned clockwise: read x runs up the page, read y
           * rightwards */
          *b = (ZcBox) { r.y, height - r.x - r.width, r.height, r.width };
          break;
        case TURN_270:
          /* read turned anticlockwise: read x runs down the page, read y
           * leftwards */
          *b = (ZcBox) { width - r.y - r.height, r.x, r.height, r.width };
          break;
        default:
          g_assert_not_reached ();
        }
    }
  page->width = width;
  page->height = height;
}

/* Lines of print run along the rows of an upright page: dark and light
 * rows alternate, so the ink per row varies more than the ink per column.
 * TRUE when the columns vary more: the lines run up or down, the page
 * lies on its side. */
static gboolean
lines_run_down (const guchar *grey,
                int           width,
                int           height)
{
  g_autofree double *rows = g_new0 (double, height);
  g_autofree double *cols = g_new0 (double, width);
  double rows_var = 0, cols_var = 0, rows_mean = 0, cols_mean = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (grey[(gsize) y * width + x] < 128)
        {
          rows[y]++;
          cols[x]++;
        }
  for (int y = 0; y < height; y++)
    rows_mean += rows[y] / height;
  for (int x = 0; x < width; x++)
    cols_mean += cols[x] / width;
  /* relative spread: a row is as long as the page is wide */
  for (int y = 0; y < height; y++)
    rows_var += (rows[y] - rows_mean) * (rows[y] - rows_mean) / height;
  for (int x = 0; x < width; x++)
    cols_var += (cols[x] - cols_mean) * (cols[x] - cols_mean) / width;
  if (rows_mean <= 0 || cols_mean <= 0)
    return FALSE;
  return cols_var / (cols_mean * cols_mean) > rows_var / (rows_mean * rows_mean);
}

ZcPageText *
zc_ocr_read_image (cairo_surface_t *image,
                   double           dpi,
                   guint            page_number,
                   ZcOcrProgress    progress,
                   gpointer         progress_data,
                   GCancellable    *cancellable,
                   GError         **error)
{
  int width, height;
  g_autofree guchar *grey = to_grey (image, &width, &height);
  ZcPageText *best;
  int best_mean = 0;
  Turn order[3];
  gboolean sideways;
  double page_width = width * 72.0 / dpi, page_height = height * 72.0 / dpi;

  best = read_grey (grey, width, height, dpi, page_number, progress, progress_data,
                    cancellable, &best_mean, error);
  if (best == NULL)
    return NULL;
  g_debug ("page %u: mean confidence %d", page_number, best_mean);
  if (count_read (best) >= GARBLED_MIN_CHARS && best_mean >= GARBLED_MEAN)
    return best;
  sideways = lines_run_down (grey, width, height);
  if (count_read (best) < GARBLED_MIN_CHARS)
    {
      /* next to nothing read on a page whose lines (if any) run across:
       * blank, or a few words upright */
      if (!sideways)
        return best;
      best_mean = 0;
    }

  /* garbled or next to nothing: a page fed upside down or on its side
   * reads as nonsense. Read it turned, the likeliest turns first, and
   * keep the surest reading. (Tesseract's orientation detection needs
   * its "osd" data, which Debian packages apart: not relied on.) */
  if (sideways)
    order[0] = TURN_90, order[1] = TURN_270, order[2] = TURN_180;
  else
    order[0] = TURN_180, order[1] = TURN_90, order[2] = TURN_270;
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      g_autoptr(GError) local = NULL;
      int w = width, h = height, mean = 0;
      g_autofree guchar *turned_grey = turn_grey (grey, &w, &h, order[k]);
      ZcPageText *turned = read_grey (turned_grey, w, h, dpi, page_number, progress, progress_data,
                                      cancellable, &mean, &local);

      if (turned == NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              zc_page_text_free (best);
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          continue;
        }
      g_debug ("page %u: turned %d°, mean confidence %d", page_number, order[k] * 90, mean);
      if (mean <= best_mean || count_read (turned) < GARBLED_MIN_CHARS)
        {
          zc_page_text_free (turned);
          continue;
        }
      turn_boxes_back (turned, order[k], page_width, page_height);
      zc_page_text_free (best);
      best = turned;
      best_mean = mean;
      /* upright: the other turns would read worse */
      if (best_mean >= SURE_MEAN)
        break;
    }
  return best;
}
