/* zc-json.c — JSON from outside, checked before json-glib sees it
 *
 * A single pass over the bytes with an explicit stack of open containers:
 * no recursion, so no input can exhaust the C stack, and the depth limit
 * is known before any allocation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-json.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (zc-json-error-quark, zc_json_error)

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_END,   /* just after '[' */
  EXPECT_KEY,
  EXPECT_KEY_OR_END,     /* just after '{' */
  EXPECT_COLON,
  EXPECT_COMMA_OR_END,
  EXPECT_NOTHING,        /* the top-level value is complete */
} State;

static gboolean
syntax_error (GError **error,
              gsize    offset)
{
  g_set_error (error, ZC_JSON_ERROR, ZC_JSON_ERROR_SYNTAX,
               _("The JSON text is malformed at byte %lu"), (gulong) offset);
  return FALSE;
}

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

/* *p is just past the opening quote; on success just past the closing one */
static gboolean
scan_string (const char  *start,
             const char  *end,
             const char **p,
             GError     **error)
{
  const char *s = *p;

  while (s < end)
    {
      guchar c = (guchar) *s;

      if (c == '"')
        {
          *p = s + 1;
          return TRUE;
        }
      if (c < 0x20)
        return syntax_error (error, (gsize) (s - start));
      if (c == '\\')
        {
          if (s + 1 >= end)
            break;
          switch (s[1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              s += 2;
              continue;
            case 'u':
              if (s + 6 > end || !is_hex (s[2]) || !is_hex (s[3]) || !is_hex (s[4]) || !is_hex (s[5]))
                return syntax_error (error, (gsize) (s - start));
              if (strncmp (s + 2, "0000", 4) == 0)
                {
                  g_set_error (error, ZC_JSON_ERROR, ZC_JSON_ERROR_ENCODING,
                               _("The JSON text holds a NUL character (\\u0000) at byte %lu"),
                               (gulong) (s - start));
                  return FALSE;
                }
              s += 6;
              continue;
            default:
              return syntax_error (error, (gsize) (s - start));
            }
        }
      s++;
    }
  g_set_error (error, ZC_JSON_ERROR, ZC_JSON_ERROR_SYNTAX,
               _("The JSON text ends inside a string"));
  return FALSE;
}

static gboolean
scan_number (const char  *start,
             const char  *end,
             const char **p,
             GError     **error)
{
  const char *s = *p;

  if (s < end && *s == '-')
    s++;
  if (s >= end || !g_ascii_isdigit (*s))
    return syntax_error (error, (gsize) (s - start));
  if (*s == '0')
    s++;
  else
    while (s < end && g_ascii_isdigit (*s))
      s++;
  if (s < end && *s == '.')
    {
      s++;
      if (s >= end || !g_ascii_isdigit (*s))
        return syntax_error (error, (gsize) (s - start));
      while (s < end && g_ascii_isdigit (*s))
        s++;
    }
  if (s < end && (*s == 'e' || *s == 'E'))
    {
      s++;
      if (s < end && (*s == '+' || *s == '-'))
        s++;
      if (s >= end || !g_ascii_isdigit (*s))
        return syntax_error (error, (gsize) (s - start));
      while (s < end && g_ascii_isdigit (*s))
        s++;
    }
  *p = s;
  return TRUE;
}

static gboolean
scan_literal (const char  *start,
              const char  *end,
              const char **p,
              GError     **error)
{
  static const char *const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if ((gsize) (end - *p) >= n && memcmp (*p, literals[i], n) == 0)
        {
          *p += n;
          return TRUE;
        }
    }
  return syntax_error (error, (gsize) (*p - start));
}

gboolean
zc_json_check (const char  *data,
               gssize       length,
               guint        max_depth,
               GError     **error)
{
  g_autofree char *stack = NULL;   /* '{' or '[' per open container */
  const char *p, *end;
  guint depth = 0;
  State state = EXPECT_VALUE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length < 0)
    length = (gssize) strlen (data);
  if (!g_utf8_validate_len (data, (gsize) length, NULL))
    {
      g_set_error (error, ZC_JSON_ERROR, ZC_JSON_ERROR_ENCODING,
                   _("The JSON text is not valid UTF-8 or holds a NUL byte"));
      return FALSE;
    }

  stack = g_malloc (max_depth + 1);
  p = data;
  end = data + length;

  for (;;)
    {
      char c;

      while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
      if (p >= end)
        {
          if (state == EXPECT_NOTHING)
            return TRUE;
          g_set_error (error, ZC_JSON_ERROR, ZC_JSON_ERROR_SYNTAX,
                       _("The JSON text ends too early"));
          return FALSE;
        }
      c = *p;

      switch (state)
        {
        case EXPECT_NOTHING:
          return syntax_error (error, (gsize) (p - data));

        case EXPECT_VALUE_OR_END:
          if (c == ']')
            {
              depth--;
              p++;
              state = depth == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_END;
              continue;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (c == '{' || c == '[')
            {
              if (depth >= max_depth)
                {
                  g_set_error (error, ZC_JSON_ERROR, ZC_JSON_ERROR_TOO_DEEP,
                               _("The JSON text is nested deeper than %u levels"), max_depth);
                  return FALSE;
                }
              stack[depth++] = c;
              p++;
              state = c == '{' ? EXPECT_KEY_OR_END : EXPECT_VALUE_OR_END;
              continue;
            }
          if (c == '"')
            {
              p++;
              if (!scan_string (data, end, &p, error))
                return FALSE;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (data, end, &p, error))
                return FALSE;
            }
          else if (!scan_literal (data, end, &p, error))
            return FALSE;
          state = depth == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_END;
          continue;

        case EXPECT_KEY_OR_END:
          if (c == '}')
            {
              depth--;
              p++;
              state = depth == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_END;
              continue;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_KEY:
          if (c != '"')
            return syntax_error (error, (gsize) (p - data));
          p++;
          if (!scan_string (data, end, &p, error))
            return FALSE;
          state = EXPECT_COLON;
          continue;

        case EXPECT_COLON:
          if (c != ':')
            return syntax_error (error, (gsize) (p - data));
          p++;
          state = EXPECT_VALUE;
          continue;

        case EXPECT_COMMA_OR_END:
          if (c == ',')
            {
              p++;
              state = stack[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
              continue;
            }
          if ((c == '}' && stack[depth - 1] == '{') || (c == ']' && stack[depth - 1] == '['))
            {
              depth--;
              p++;
              state = depth == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_END;
              continue;
            }
          return syntax_error (error, (gsize) (p - data));

        default:
          g_assert_not_reached ();
        }
    }
}

JsonNode *
zc_json_parse (const char  *data,
               gssize       length,
               guint        max_depth,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (length < 0)
    length = data ? (gssize) strlen (data) : 0;
  if (!zc_json_check (data, length, max_depth, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, ZC_JSON_ERROR, ZC_JSON_ERROR_SYNTAX, _("The JSON text is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

char *
zc_json_to_data (JsonNode *node,
                 gboolean  pretty,
                 gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  GString *out;
  gsize len = 0;

  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);

  if (memchr (text, 0x1f, len) == NULL)
    {
      if (length != NULL)
        *length = len;
      return g_steal_pointer (&text);
    }

  /* The generator escapes every other control character, so a raw 0x1f
   * byte can only stand inside a string, where \u001f is its escape. */
  out = g_string_sized_new (len + 16);
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == 0x1f)
        g_string_append (out, "\\u001f");
      else
        g_string_append_c (out, text[i]);
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
