/* zc-reception-page-applicant.c — the applicant across the steps
 *
 * Every step after the first names the applicant in a compact banner
 * (name and masked key, 未核验 when typed by hand), so the clerk always
 * sees who is being served.
 *
 * An applicant typed by hand (the platform could not be reached at step
 * 1) is looked up in the licence library as soon as the platform answers
 * again: every few seconds while it is away, and at once when the outbox
 * delivers a submission. The bar above the step then shows what the
 * library knows and how it differs from what was typed; while the
 * reception is open, 核验并预填 takes the library's applicant: the form
 * is prefilled from their licences, what was typed stays. A reception
 * already submitted went with the typed name flagged
 * ("applicant_typed_name"); the bar tells the clerk to check the case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-mask.h"
#include "zc-platform-error.h"
#include "zc-reception.h"

#include "zc-reception-page-private.h"
#include "zc-ui-utils.h"

#define VERIFY_INTERVAL_S 5

void
_zc_reception_page_update_banner (ZcReceptionPage *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  gboolean later = g_strcmp0 (step, ZC_RECEPTION_STEP_APPLICANT) != 0;
  g_autofree char *masked = NULL;
  g_autofree char *text = NULL;

  if (self->applicant == NULL || !later)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->applicant_banner), FALSE);
      return;
    }
  masked = zc_mask_id (zc_applicant_get_key (self->applicant));
  text = self->applicant_unverified
    /* Translators: the banner on every step: name · masked ID · 未核验 */
    ? g_strdup_printf (_("Applicant: %s · %s · unverified"), zc_applicant_get_name (self->applicant), masked)
    /* Translators: the banner on every step: name · masked ID */
    : g_strdup_printf (_("Applicant: %s · %s"), zc_applicant_get_name (self->applicant), masked);
  gtk_label_set_text (self->applicant_banner, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->applicant_banner), text);
  if (self->applicant_unverified)
    gtk_widget_add_css_class (GTK_WIDGET (self->applicant_banner), "unverified");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->applicant_banner), "unverified");
  gtk_widget_set_visible (GTK_WIDGET (self->applicant_banner), TRUE);
}

static void
zc_reception_page_show_verified (ZcReceptionPage *self)
{
  const char *typed = zc_applicant_get_name (self->applicant);
  const char *known = zc_applicant_get_name (self->verified);
  gboolean open = !self->submitted && !self->submitting;
  g_autofree char *text = NULL;

  if (g_strcmp0 (typed, known) == 0)
    text = open
      ? g_strdup_printf (_("The licence library knows the applicant as typed: %s. Verify to prefill the form from their licences."), known)
      : g_strdup_printf (_("The licence library knows the applicant as typed: %s. The case was sent marked unverified."), known);
  else
    text = open
      /* Translators: the library's name, then the name typed */
      ? g_strdup_printf (_("The licence library names the applicant %s, typed as %s: check the ID document with the applicant, then verify to use the library’s data."), known, typed)
      : g_strdup_printf (_("The licence library names the applicant %s, typed as %s: the case was sent with the typed name marked unverified; correct it on the case page."), known, typed);
  gtk_label_set_text (self->verify_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_button), open);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_bar), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reception.verify", open);
}

typedef struct
{
  ZcReceptionPage *self;
  ZcApplicant     *asked;      /* the applicant it was asked for */
} VerifyRequest;

static void
verify_lookup_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VerifyRequest *request = user_data;
  g_autoptr(ZcReceptionPage) self = request->self;
  g_autoptr(ZcApplicant) asked = request->asked;
  g_autoptr(ZcApplicant) found = NULL;
  g_autoptr(GError) error = NULL;

  g_free (request);
  found = zc_client_get_applicant_finish (ZC_CLIENT (object), result, &error);
  if (self->disposed || asked != self->applicant || !self->applicant_unverified)
    return;   /* another applicant meanwhile */
  self->verify_pending = FALSE;
  if (found == NULL)
    {
      if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NOT_FOUND))
        {
          gtk_label_set_text (self->verify_label,
                              _("The platform is back, but the licence library has no applicant with this ID number: check the number on the ID document."));
          gtk_widget_set_visible (GTK_WIDGET (self->verify_button), FALSE);
          gtk_widget_set_visible (GTK_WIDGET (self->verify_bar), TRUE);
          g_clear_handle_id (&self->verify_source, g_source_remove);
        }
      return;   /* still away: the next try */
    }
  g_clear_handle_id (&self->verify_source, g_source_remove);
  g_set_object (&self->verified, found);
  zc_reception_page_show_verified (self);
}

/* Looks the typed applicant up once (nothing when a look-up is on its
 * way or the library's applicant is in) */
void
_zc_reception_page_verify_now (ZcReceptionPage *self)
{
  VerifyRequest *request;

  if (!self->applicant_unverified || self->applicant == NULL || self->client == NULL
      || self->verify_pending)
    return;
  if (self->verified != NULL)
    {
      zc_reception_page_show_verified (self);
      return;
    }
  self->verify_pending = TRUE;
  request = g_new0 (VerifyRequest, 1);
  request->self = g_object_ref (self);
  request->asked = g_object_ref (self->applicant);
  zc_client_get_applicant_async (self->client, zc_applicant_get_key (self->applicant),
                                 self->cancellable, verify_lookup_cb, request);
}

static gboolean
verify_timeout_cb (gpointer user_data)
{
  _zc_reception_page_verify_now (user_data);
  return G_SOURCE_CONTINUE;
}

void
_zc_reception_page_verify_start (ZcReceptionPage *self)
{
  g_clear_handle_id (&self->verify_source, g_source_remove);
  self->verify_source = g_timeout_add_seconds (VERIFY_INTERVAL_S, verify_timeout_cb, self);
}

void
_zc_reception_page_verify_stop (ZcReceptionPage *self)
{
  g_clear_handle_id (&self->verify_source, g_source_remove);
  g_clear_object (&self->verified);
  self->verify_pending = FALSE;   /* a late answer finds another applicant */
  if (self->verify_bar != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->verify_bar), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reception.verify", FALSE);
}

/* 核验并预填: the library's applicant replaces the typed one; the
 * reception is made again for them, what was typed restored over it */
void
_zc_reception_page_verify_apply (ZcReceptionPage *self)
{
  g_autoptr(ZcApplicant) verified = NULL;
  g_autoptr(GError) error = NULL;

  if (self->verified == NULL || self->submitted || self->submitting)
    return;
  verified = g_object_ref (self->verified);
  if (self->reception != NULL)
    {
      g_autoptr(JsonObject) body = zc_reception_to_json (self->reception);
      g_autoptr(ZcReception) reception = NULL;
      GDate today;

      zc_ui_today (&today);
      reception = zc_reception_new (zc_reception_get_item (self->reception), verified, &today);
      if (!zc_reception_restore (reception, body, &error))
        {
          zc_ui_toast_error (GTK_WIDGET (self), error);
          return;
        }
      /* the parties stay; the applicant's own role is now the library's */
      {
        JsonArray *parties = json_object_get_array_member (body, "parties");

        for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
          {
            JsonObject *p = json_array_get_object_element (parties, i);
            const char *role = json_object_get_string_member_with_default (p, "role", NULL);
            const char *key = json_object_get_string_member_with_default (p, "key", NULL);

            if (role == NULL)
              continue;
            if (g_strcmp0 (key, zc_applicant_get_key (verified)) == 0)
              zc_reception_set_party (reception, role, verified);
            else if (zc_reception_get_party (self->reception, role) != NULL)
              zc_reception_set_party (reception, role, zc_reception_get_party (self->reception, role));
          }
      }
      {
        /* the paper taken stays with the reception (it is kept in the
         * local store already): only the reception object changes */
        g_autoptr(GHashTable) papers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              (GDestroyNotify) g_bytes_unref);
        g_autoptr(GHashTable) pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        GHashTableIter iter;
        gpointer code, pdf;

        g_hash_table_iter_init (&iter, self->material_pdfs);
        while (g_hash_table_iter_next (&iter, &code, &pdf))
          {
            g_hash_table_insert (papers, g_strdup (code), g_bytes_ref (pdf));
            g_hash_table_insert (pages, g_strdup (code),
                                 GUINT_TO_POINTER (zc_materials_step_get_captured_pages (self->materials_step, code)));
          }
        _zc_reception_page_set_reception (self, reception);
        g_hash_table_iter_init (&iter, papers);
        while (g_hash_table_iter_next (&iter, &code, &pdf))
          {
            g_hash_table_insert (self->material_pdfs, g_strdup (code), g_bytes_ref (pdf));
            zc_materials_step_set_captured_pages (self->materials_step, code,
                                                  GPOINTER_TO_UINT (g_hash_table_lookup (pages, code)));
          }
      }
      _zc_reception_page_rebuild_shown_step (self);
    }
  g_set_object (&self->applicant, verified);
  self->applicant_unverified = FALSE;
  /* the papers waited for the library: checked now */
  _zc_reception_page_check_all_materials (self);
  _zc_reception_page_verify_stop (self);
  zc_applicant_step_set_applicant (self->applicant_step, verified);
  _zc_reception_page_update_banner (self);
  /* the bar (and its button, which may have had the focus) is gone: the
   * keys go where the clerk types next in the step */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  zc_ui_toast (GTK_WIDGET (self), _("Applicant verified in the licence library; the form is prefilled from their licences"));
}
