/* zc-reception-field.c — one field of the merged form, and the
 * validation of a value for its field type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "zc-clock.h"
#include "zc-calendar.h"
#include "zc-id.h"
#include "zc-mask.h"
#include "zc-reception-private.h"

#define TEXT_MAX_CHARS 200

/* ------------------------------------------------------------------ */
/* validation                                                          */
/* ------------------------------------------------------------------ */

/* Full-width ASCII → half-width, U+3000 → space; the rest kept. */
static char *
to_half_width (const char *input)
{
  g_autofree char *valid = g_utf8_make_valid (input != NULL ? input : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        g_string_append_c (out, (char) (c - 0xFF01 + 0x21));
      else if (c == 0x3000 || c == 0x00A0)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Drops every ASCII space. */
static char *
without_spaces (const char *input)
{
  GString *out = g_string_new (NULL);

  for (const char *p = input; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static gboolean
all_digits (const char *s,
            gsize       min,
            gsize       max)
{
  gsize n = strlen (s);

  if (n < min || n > max)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
invalid (GError **error,
         char   **normalized,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError    **error,
         char      **normalized,
         const char *format,
         ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ZC_RECEPTION_ERROR, ZC_RECEPTION_ERROR_INVALID_VALUE, message);
  g_free (message);
  if (normalized != NULL)
    *normalized = NULL;
  return FALSE;
}

static gboolean
validate_date (ZcFormField  *field,
               const char   *value,
               const GDate  *today,
               char        **normalized,
               GError      **error)
{
  g_autofree char *text = without_spaces (value);
  int y = 0, m = 0, d = 0;
  char sep1 = 0, sep2 = 0, rest = 0;
  GDate date;
  GDate now;

  for (char *p = text; *p != '\0'; p++)
    if (*p == '/' || *p == '.')
      *p = '-';

  if (!(sscanf (text, "%4d%c%2d%c%2d%c", &y, &sep1, &m, &sep2, &d, &rest) == 5 &&
        sep1 == '-' && sep2 == '-') &&
      !(all_digits (text, 8, 8) && sscanf (text, "%4d%2d%2d", &y, &m, &d) == 3))
    return invalid (error, normalized,
                    _("Enter the date as year-month-day, e.g. 2026-03-01"));
  if (y < 1900 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return invalid (error, normalized, _("“%s” is not a real date"), value);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  g_date_clear (&now, 1);
  if (today != NULL && g_date_valid (today))
    now = *today;
  else
    zc_clock_today_china (zc_clock_get_default (), &now);

  if (strstr (zc_form_field_get_key (field), "birth") != NULL &&
      g_date_compare (&date, &now) > 0)
    {
      g_autofree char *iso = zc_date_to_iso (&now);
      return invalid (error, normalized, _("A birth date cannot be after today (%s)"), iso);
    }

  if (normalized != NULL)
    *normalized = zc_date_to_iso (&date);
  return TRUE;
}

static gboolean
validate_number (const char  *value,
                 char       **normalized,
                 GError     **error)
{
  g_autofree char *text = without_spaces (value);
  GString *clean = g_string_new (NULL);
  gboolean dot = FALSE, digit = FALSE, ok = TRUE;
  g_autofree char *result = NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          digit = TRUE;
          g_string_append_c (clean, *p);
        }
      else if (*p == ',' && digit && !dot)
        continue; /* thousands separator */
      else if (*p == '.' && digit && !dot)
        {
          dot = TRUE;
          g_string_append_c (clean, *p);
        }
      else if (*p == '-' && p == text)
        {
          g_string_free (clean, TRUE);
          return invalid (error, normalized, _("The number cannot be negative"));
        }
      else
        ok = FALSE;
    }
  result = g_string_free (clean, FALSE);
  if (!ok || !digit || g_str_has_suffix (result, "."))
    return invalid (error, normalized, _("Enter a number, e.g. 50"));

  if (normalized != NULL)
    *normalized = g_steal_pointer (&result);
  return TRUE;
}

static gboolean
validate_phone (const char  *value,
                char       **normalized,
                GError     **error)
{
  g_autofree char *text = without_spaces (value);
  GString *digits = g_string_new (NULL);
  g_autofree char *flat = NULL;
  const char *hyphen = NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '-' || *p == '(' || *p == ')')
        {
          if (hyphen == NULL && *p != '(')
            hyphen = p;
          continue;
        }
      if (*p == '+' && p == text)
        continue;
      g_string_append_c (digits, *p);
    }
  flat = g_string_free (digits, FALSE);
  if (g_str_has_prefix (text, "+86") || (strlen (flat) == 13 && g_str_has_prefix (flat, "86")))
    memmove (flat, flat + 2, strlen (flat + 2) + 1);

  if (all_digits (flat, 11, 11) && flat[0] == '1' && flat[1] >= '3' && flat[1] <= '9')
    {
      if (normalized != NULL)
        *normalized = g_steal_pointer (&flat);
      return TRUE;
    }

  if (all_digits (flat, 10, 12) && flat[0] == '0')
    {
      /* area code: 3 digits for 010, 02x; else 4 */
      gsize area = (flat[1] == '1' || flat[1] == '2') ? 3 : 4;
      gsize local = strlen (flat) - area;

      if (local >= 7 && local <= 8)
        {
          if (normalized != NULL)
            *normalized = g_strdup_printf ("%.*s-%s", (int) area, flat, flat + area);
          return TRUE;
        }
    }

  return invalid (error, normalized,
                  _("Enter an 11-digit mobile number or a landline with its area code, "
                    "e.g. 13812345678 or 0551-12345678"));
}

static gboolean
validate_address (const char  *value,
                  char       **normalized,
                  GError     **error)
{
  static const char * const place_words[] = {
    "省", "市", "区", "县", "镇", "乡", "村", "路", "街", "道", "巷", "号", "弄", "园", "楼", NULL
  };
  g_autofree char *text = g_strstrip (g_strdup (value));
  gboolean has_word = FALSE;

  for (guint i = 0; place_words[i] != NULL; i++)
    has_word |= strstr (text, place_words[i]) != NULL;

  if (g_utf8_strlen (text, -1) < 5 || !has_word)
    return invalid (error, normalized,
                    _("Enter the full address, e.g. 合肥市蜀山区长江西路 100 号"));
  if (normalized != NULL)
    *normalized = g_steal_pointer (&text);
  return TRUE;
}

gboolean
zc_form_field_validate_value (ZcFormField  *field,
                              const char   *value,
                              const GDate  *today,
                              char        **normalized,
                              GError      **error)
{
  g_autofree char *half = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (ZC_IS_FORM_FIELD (field), FALSE);

  trimmed = g_strstrip (g_utf8_make_valid (value != NULL ? value : "", -1));
  /* an all-blank value (also U+3000) is empty */
  half = to_half_width (trimmed);
  g_strstrip (half);
  if (half[0] == '\0')
    {
      if (normalized != NULL)
        *normalized = g_strdup ("");
      return TRUE;
    }

  switch (zc_form_field_get_field_type (field))
    {
    case ZC_FIELD_TEXT:
      if (g_utf8_strlen (trimmed, -1) > TEXT_MAX_CHARS)
        return invalid (error, normalized, _("At most %d characters"), TEXT_MAX_CHARS);
      if (normalized != NULL)
        *normalized = g_steal_pointer (&trimmed);
      return TRUE;

    case ZC_FIELD_DATE:
      return validate_date (field, half, today, normalized, error);

    case ZC_FIELD_NUMBER:
      return validate_number (half, normalized, error);

    case ZC_FIELD_CHOICE:
      {
        const char * const *choices = zc_form_field_get_choices (field);

        if (choices != NULL && g_strv_contains (choices, trimmed))
          {
            if (normalized != NULL)
              *normalized = g_steal_pointer (&trimmed);
            return TRUE;
          }
        if (choices != NULL && g_strv_contains (choices, half))
          {
            if (normalized != NULL)
              *normalized = g_steal_pointer (&half);
            return TRUE;
          }
        {
          g_autofree char *list = choices != NULL ? g_strjoinv ("、", (char **) choices) : g_strdup ("");
          return invalid (error, normalized, _("“%s” is not one of the choices: %s"), trimmed, list);
        }
      }

    case ZC_FIELD_ADDRESS:
      return validate_address (trimmed, normalized, error);

    case ZC_FIELD_PHONE:
      return validate_phone (half, normalized, error);

    case ZC_FIELD_ID:
      {
        g_autofree char *id = zc_id_normalize (half);
        g_autoptr(GError) id_error = NULL;

        if (zc_applicant_key_kind (id, today, &id_error) == NULL)
          return invalid (error, normalized, "%s", id_error->message);
        if (normalized != NULL)
          *normalized = g_steal_pointer (&id);
        return TRUE;
      }

    default:
      break;
    }

  return invalid (error, normalized, _("This field has an unknown type"));
}

/* ------------------------------------------------------------------ */
/* masking of licence numbers                                          */
/* ------------------------------------------------------------------ */

char *
zc_reception_mask_licence_number (const char *type,
                                  const char *number)
{
  return zc_mask_licence_number (type, number);
}

/* ------------------------------------------------------------------ */
/* ZcReceptionField                                                    */
/* ------------------------------------------------------------------ */

struct _ZcReceptionField
{
  GObject       parent_instance;

  ZcFormField  *field;
  gboolean      applicable;
  gboolean      typed;
  char         *typed_value;
  GError       *error;

  char         *prefill_value;
  ZcFieldSource prefill_source;
  char         *prefill_label;
  char         *prefill_licence_type;
  char         *prefill_licence_number;
  char         *note;
  GError       *range_error;  /* before the start of its range (or after its end) */
  guint         typed_serial; /* when typed last, in the order of all typing */
};

G_DEFINE_FINAL_TYPE (ZcReceptionField, zc_reception_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_SOURCE,
  PROP_SOURCE_LABEL,
  PROP_ERROR,
  PROP_NOTE,
  PROP_APPLICABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
zc_reception_field_finalize (GObject *object)
{
  ZcReceptionField *self = ZC_RECEPTION_FIELD (object);

  g_clear_object (&self->field);
  g_clear_pointer (&self->typed_value, g_free);
  g_clear_error (&self->error);
  g_clear_error (&self->range_error);
  g_clear_pointer (&self->prefill_value, g_free);
  g_clear_pointer (&self->prefill_label, g_free);
  g_clear_pointer (&self->prefill_licence_type, g_free);
  g_clear_pointer (&self->prefill_licence_number, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (zc_reception_field_parent_class)->finalize (object);
}

static void
zc_reception_field_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ZcReceptionField *self = ZC_RECEPTION_FIELD (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, zc_reception_field_get_value (self));
      break;
    case PROP_SOURCE:
      g_value_set_int (value, zc_reception_field_get_source (self));
      break;
    case PROP_SOURCE_LABEL:
      g_value_set_string (value, zc_reception_field_get_source_label (self));
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, zc_reception_field_get_error (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_APPLICABLE:
      g_value_set_boolean (value, self->applicable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_reception_field_class_init (ZcReceptionFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = zc_reception_field_finalize;
  object_class->get_property = zc_reception_field_get_property;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_int ("source", NULL, NULL, ZC_FIELD_SOURCE_NONE, ZC_FIELD_SOURCE_TYPED,
                      ZC_FIELD_SOURCE_NONE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_LABEL] =
    g_param_spec_string ("source-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* FALSE while the choice field the field depends on ("when") does not
   * ask for it: the form hides it, checks skip it, the case leaves it out */
  properties[PROP_APPLICABLE] =
    g_param_spec_boolean ("applicable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
zc_reception_field_init (ZcReceptionField *self)
{
  self->applicable = TRUE;
}

ZcReceptionField *
zc_reception_field_new (ZcFormField *field)
{
  ZcReceptionField *self = g_object_new (ZC_TYPE_RECEPTION_FIELD, NULL);

  self->field = g_object_ref (field);
  return self;
}

ZcFormField *
zc_reception_field_get_field (ZcReceptionField *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_FIELD (self), NULL);
  return self->field;
}

gboolean
zc_reception_field_get_applicable (ZcReceptionField *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_FIELD (self), FALSE);
  return self->applicable;
}

void
zc_reception_field_set_applicable (ZcReceptionField *self,
                                   gboolean          applicable)
{
  g_return_if_fail (ZC_IS_RECEPTION_FIELD (self));
  applicable = !!applicable;
  if (self->applicable == applicable)
    return;
  self->applicable = applicable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLICABLE]);
}

const char *
zc_reception_field_get_value (ZcReceptionField *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_FIELD (self), "");
  if (self->typed)
    return self->typed_value != NULL ? self->typed_value : "";
  return self->prefill_value != NULL ? self->prefill_value : "";
}

/* A typed value equal to the prefill keeps the prefill's source. */
static gboolean
shows_prefill (ZcReceptionField *self)
{
  if (self->prefill_value == NULL)
    return FALSE;
  return !self->typed || g_strcmp0 (self->typed_value, self->prefill_value) == 0;
}

ZcFieldSource
zc_reception_field_get_source (ZcReceptionField *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_FIELD (self), ZC_FIELD_SOURCE_NONE);
  if (shows_prefill (self))
    return self->prefill_source;
  if (self->typed && self->typed_value != NULL && self->typed_value[0] != '\0')
    return ZC_FIELD_SOURCE_TYPED;
  return ZC_FIELD_SOURCE_NONE;
}

const char *
zc_reception_field_get_source_label (ZcReceptionField *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_FIELD (self), NULL);
  return shows_prefill (self) ? self->prefill_label : NULL;
}

const char *
zc_reception_field_get_source_licence_number (ZcReceptionField *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_FIELD (self), NULL);
  return shows_prefill (self) ? self->prefill_licence_number : NULL;
}

const char *
zc_reception_field_get_source_licence_type (ZcReceptionField *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_FIELD (self), NULL);
  return shows_prefill (self) ? self->prefill_licence_type : NULL;
}

const GError *
zc_reception_field_get_error (ZcReceptionField *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_FIELD (self), NULL);
  return self->error != NULL ? self->error : self->range_error;
}

const char *
zc_reception_field_get_note (ZcReceptionField *self)
{
  g_return_val_if_fail (ZC_IS_RECEPTION_FIELD (self), NULL);
  return self->note;
}

gboolean
zc_reception_field_get_typed (ZcReceptionField *self)
{
  return self->typed;
}

guint
zc_reception_field_get_typed_serial (ZcReceptionField *self)
{
  return self->typed_serial;
}

const char *
zc_reception_field_get_prefill_value (ZcReceptionField *self)
{
  return self->prefill_value;
}

static void
notify_all (ZcReceptionField *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_LABEL]);
}

void
zc_reception_field_set_error (ZcReceptionField *self,
                              const GError     *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
zc_reception_field_set_range_error (ZcReceptionField *self,
                                    const GError     *error)
{
  if (self->range_error == NULL && error == NULL)
    return;
  if (self->range_error != NULL && error != NULL &&
      g_str_equal (self->range_error->message, error->message))
    return;
  g_clear_error (&self->range_error);
  if (error != NULL)
    self->range_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
zc_reception_field_set_prefill (ZcReceptionField *self,
                                const char       *value,
                                ZcFieldSource     source,
                                const char       *source_label,
                                const char       *licence_type,
                                const char       *licence_number,
                                const char       *note)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_free (self->prefill_value);
  self->prefill_value = g_strdup (value);
  self->prefill_source = value != NULL ? source : ZC_FIELD_SOURCE_NONE;
  g_free (self->prefill_label);
  self->prefill_label = value != NULL ? g_strdup (source_label) : NULL;
  g_free (self->prefill_licence_type);
  self->prefill_licence_type = value != NULL ? g_strdup (licence_type) : NULL;
  g_free (self->prefill_licence_number);
  self->prefill_licence_number = value != NULL ? g_strdup (licence_number) : NULL;
  if (g_strcmp0 (self->note, note) != 0)
    {
      g_free (self->note);
      self->note = g_strdup (note);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
    }
  notify_all (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
zc_reception_field_set_typed (ZcReceptionField *self,
                              gboolean          typed,
                              const char       *value,
                              const GError     *error)
{
  static gint serial;

  g_object_freeze_notify (G_OBJECT (self));
  if (typed)
    self->typed_serial = (guint) g_atomic_int_add (&serial, 1) + 1;
  self->typed = typed;
  g_free (self->typed_value);
  self->typed_value = typed ? g_strdup (value != NULL ? value : "") : NULL;
  zc_reception_field_set_error (self, error);
  notify_all (self);
  g_object_thaw_notify (G_OBJECT (self));
}
