/* zc-applicant-verification.c — the 未核验 notice at the top of a case
 * received while the licence library could not be reached: 核验申请人
 * looks the key up, shows the library's name, masked ID number and ID
 * photo beside the typed name with the differences marked, and on the
 * clerk's confirmation asks the platform to verify the applicant
 * (POST /cases/{id}/applicant-verification). "verified" hands over the
 * case as the platform returned it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "zc-mask.h"

#include "zc-applicant-verification.h"
#include "zc-ui-utils.h"

struct _ZcApplicantVerification
{
  GtkBox        parent_instance;

  /* widgets */
  GtkLabel     *notice_label;
  GtkButton    *verify_button;
  GtkSpinner   *spinner;
  GtkWidget    *compare_box;
  GtkLabel     *typed_label;
  GtkLabel     *library_label;
  GtkLabel     *key_label;
  GtkPicture   *photo;
  GtkLabel     *photo_missing;
  GtkLabel     *verdict_label;
  GtkButton    *confirm_button;
  GtkButton    *cancel_button;

  /* owned */
  ZcClient     *client;
  ZcCase       *kase;
  GCancellable *cancellable;
  char         *library_name;   /* of the last look-up */
  char         *idempotency_key; /* one per confirmation, kept for a retry */
  gboolean      in_flight;
};

G_DEFINE_FINAL_TYPE (ZcApplicantVerification, zc_applicant_verification, GTK_TYPE_BOX)

enum {
  VERIFIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers --------------------------------------------------------- */

/* @name as Pango markup, the characters that differ from @other (after
 * the common beginning and end) marked */
char *
zc_applicant_verification_mark_difference (const char *name,
                                           const char *other)
{
  g_autofree gunichar *a = g_utf8_to_ucs4_fast (name != NULL ? name : "", -1, NULL);
  g_autofree gunichar *b = g_utf8_to_ucs4_fast (other != NULL ? other : "", -1, NULL);
  glong na = 0, nb = 0, prefix = 0, suffix = 0;
  g_autofree char *head = NULL, *middle = NULL, *tail = NULL;
  g_autofree char *head_e = NULL, *middle_e = NULL, *tail_e = NULL;

  while (a[na] != 0)
    na++;
  while (b[nb] != 0)
    nb++;
  while (prefix < na && prefix < nb && a[prefix] == b[prefix])
    prefix++;
  while (suffix < na - prefix && suffix < nb - prefix && a[na - 1 - suffix] == b[nb - 1 - suffix])
    suffix++;

  head = g_ucs4_to_utf8 (a, prefix, NULL, NULL, NULL);
  middle = g_ucs4_to_utf8 (a + prefix, na - prefix - suffix, NULL, NULL, NULL);
  tail = g_ucs4_to_utf8 (a + na - suffix, suffix, NULL, NULL, NULL);
  head_e = g_markup_escape_text (head, -1);
  middle_e = g_markup_escape_text (middle, -1);
  tail_e = g_markup_escape_text (tail, -1);
  if (middle_e[0] == '\0')
    return g_strconcat (head_e, tail_e, NULL);
  return g_strconcat (head_e, "<span underline=\"error\" weight=\"bold\" background=\"#f8e45c\" foreground=\"#000000\">",
                      middle_e, "</span>", tail_e, NULL);
}

static void
set_busy (ZcApplicantVerification *self,
          gboolean                 busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), !busy);
}

static void
hide_comparison (ZcApplicantVerification *self)
{
  gtk_widget_set_visible (self->compare_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_button), TRUE);
  gtk_picture_set_paintable (self->photo, NULL);
  g_clear_pointer (&self->library_name, g_free);
}

/* --- the look-up ----------------------------------------------------- */

static void
photo_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ZcApplicantVerification) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  bytes = zc_client_get_licence_photo_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_debug ("No ID photo: %s", error->message);
      return;
    }
  gtk_picture_set_paintable (self->photo, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->photo), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_missing), FALSE);
}

static void
applicant_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ZcApplicantVerification) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcApplicant) applicant = NULL;
  g_autofree char *typed_markup = NULL;
  g_autofree char *library_markup = NULL;
  g_autofree char *masked = NULL;
  const char *typed;
  GListModel *licences;
  ZcLicence *identity = NULL;
  gboolean same;

  applicant = zc_client_get_applicant_finish (ZC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (applicant == NULL || self->kase == NULL)
    {
      if (error != NULL)
        zc_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }

  /* the library's name is that of the identity licence, as the platform
   * compares it; the register's name when there is none */
  licences = zc_applicant_get_licences (applicant);
  for (guint i = 0; licences != NULL && i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(ZcLicence) licence = g_list_model_get_item (licences, i);
      const char *type = zc_licence_get_licence_type (licence);

      if (identity == NULL && (g_strcmp0 (type, "id_card") == 0 || g_strcmp0 (type, "business_licence") == 0))
        identity = g_object_ref (licence);
    }
  g_free (self->library_name);
  self->library_name = g_strdup (identity != NULL ? zc_licence_get_holder_name (identity)
                                                  : zc_applicant_get_name (applicant));
  typed = zc_case_get_applicant_typed_name (self->kase);
  same = g_strcmp0 (typed, self->library_name) == 0;

  typed_markup = zc_applicant_verification_mark_difference (typed, self->library_name);
  library_markup = zc_applicant_verification_mark_difference (self->library_name, typed);
  gtk_label_set_markup (self->typed_label, typed_markup);
  gtk_label_set_markup (self->library_label, library_markup);
  masked = zc_mask_id (zc_applicant_get_key (applicant));
  gtk_label_set_text (self->key_label, masked);

  gtk_widget_set_visible (GTK_WIDGET (self->photo), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_missing), TRUE);
  if (identity != NULL && zc_licence_get_has_photo (identity))
    zc_client_get_licence_photo_async (self->client, zc_licence_get_number (identity), self->cancellable,
                                       photo_cb, g_object_ref (self));
  g_clear_object (&identity);

  if (same)
    {
      gtk_label_set_text (self->verdict_label,
                          _("The typed name matches the licence library. Compare the ID photo with the applicant, then confirm."));
      gtk_button_set_label (self->confirm_button, _("_Confirm Verification"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
    }
  else
    {
      gtk_label_set_text (self->verdict_label,
                          _("The typed name differs from the licence library (marked). Check the applicant's ID document: if it shows the library's name, verify with that name."));
      gtk_button_set_label (self->confirm_button, _("Verify with the Library's _Name"));
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "error");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (self->verdict_label), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_button), FALSE);
  gtk_widget_set_visible (self->compare_box, TRUE);
  /* a new comparison, a new request */
  g_clear_pointer (&self->idempotency_key, g_free);
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_button));
}

static void
verify_clicked_cb (ZcApplicantVerification *self)
{
  if (self->kase == NULL || self->client == NULL || self->in_flight)
    return;
  set_busy (self, TRUE);
  zc_client_get_applicant_async (self->client, zc_case_get_applicant (self->kase), self->cancellable,
                                 applicant_cb, g_object_ref (self));
}

/* --- the verification ------------------------------------------------ */

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ZcApplicantVerification) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZcCase) kase = NULL;

  kase = zc_client_verify_case_applicant_finish (ZC_CLIENT (object), result, &error);
  self->in_flight = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (kase == NULL)
    {
      /* a network error keeps the key: the retry is the same request */
      if (!g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_NETWORK) &&
          !g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_BUSY))
        g_clear_pointer (&self->idempotency_key, g_free);
      zc_ui_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_pointer (&self->idempotency_key, g_free);
  hide_comparison (self);
  g_signal_emit (self, signals[VERIFIED], 0, kase);
}

static void
confirm_clicked_cb (ZcApplicantVerification *self)
{
  const char *typed;
  g_autofree char *body_name = NULL;

  if (self->kase == NULL || self->client == NULL || self->in_flight || self->library_name == NULL)
    return;
  typed = zc_case_get_applicant_typed_name (self->kase);
  if (self->idempotency_key == NULL)
    self->idempotency_key = g_uuid_string_random ();
  self->in_flight = TRUE;
  set_busy (self, TRUE);
  zc_client_verify_case_applicant_async (self->client, zc_case_get_id (self->kase),
                                         g_strcmp0 (typed, self->library_name) != 0 ? self->library_name : NULL,
                                         self->idempotency_key, self->cancellable,
                                         verified_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (ZcApplicantVerification *self)
{
  hide_comparison (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->verify_button));
}

/* --- GObject --------------------------------------------------------- */

static void
zc_applicant_verification_dispose (GObject *object)
{
  ZcApplicantVerification *self = ZC_APPLICANT_VERIFICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (zc_applicant_verification_parent_class)->dispose (object);
}

static void
zc_applicant_verification_finalize (GObject *object)
{
  ZcApplicantVerification *self = ZC_APPLICANT_VERIFICATION (object);

  g_clear_object (&self->cancellable);
  g_free (self->library_name);
  g_free (self->idempotency_key);

  G_OBJECT_CLASS (zc_applicant_verification_parent_class)->finalize (object);
}

static void
zc_applicant_verification_class_init (ZcApplicantVerificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = zc_applicant_verification_dispose;
  object_class->finalize = zc_applicant_verification_finalize;

  signals[VERIFIED] =
    g_signal_new ("verified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ZC_TYPE_CASE);
}

static GtkLabel *
add_pair (GtkGrid    *grid,
          int         row,
          const char *title)
{
  GtkWidget *caption = gtk_label_new (title);
  GtkWidget *value = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_add_css_class (value, "title-4");
  gtk_grid_attach (grid, caption, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
  return GTK_LABEL (value);
}

static void
zc_applicant_verification_init (ZcApplicantVerification *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *photo_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->cancellable = g_cancellable_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "unverified-notice");
  gtk_widget_set_name (GTK_WIDGET (self), "applicant-verification");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Applicant not verified"), -1);

  /* the notice: what is wrong and the one action */
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), icon);
  self->notice_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->notice_label, TRUE);
  gtk_label_set_xalign (self->notice_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->notice_label), TRUE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->notice_label));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Looking the applicant up"), -1);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->spinner));
  self->verify_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("Verify _Applicant")));
  gtk_widget_set_name (GTK_WIDGET (self->verify_button), "verify-applicant-button");
  gtk_widget_set_valign (GTK_WIDGET (self->verify_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->verify_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->verify_button), "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verify_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Verify the applicant in the licence library"), -1);
  g_signal_connect_swapped (self->verify_button, "clicked", G_CALLBACK (verify_clicked_cb), self);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->verify_button));
  gtk_box_append (GTK_BOX (self), top);

  /* the comparison, once looked up */
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_widget_set_hexpand (grid, TRUE);
  self->typed_label = add_pair (GTK_GRID (grid), 0, _("Typed at the counter"));
  gtk_widget_set_name (GTK_WIDGET (self->typed_label), "typed-name");
  self->library_label = add_pair (GTK_GRID (grid), 1, _("In the licence library"));
  gtk_widget_set_name (GTK_WIDGET (self->library_label), "library-name");
  self->key_label = add_pair (GTK_GRID (grid), 2, _("ID number"));
  gtk_box_append (GTK_BOX (details), grid);
  self->photo = GTK_PICTURE (gtk_picture_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->photo), 96, 120);
  gtk_picture_set_can_shrink (self->photo, TRUE);
  gtk_picture_set_alternative_text (self->photo, _("ID photo from the licence library"));
  gtk_widget_set_visible (GTK_WIDGET (self->photo), FALSE);
  gtk_box_append (GTK_BOX (photo_box), GTK_WIDGET (self->photo));
  self->photo_missing = GTK_LABEL (gtk_label_new (_("No ID photo")));
  gtk_widget_add_css_class (GTK_WIDGET (self->photo_missing), "dim-label");
  gtk_widget_set_size_request (GTK_WIDGET (self->photo_missing), 96, 120);
  gtk_box_append (GTK_BOX (photo_box), GTK_WIDGET (self->photo_missing));
  gtk_box_append (GTK_BOX (details), photo_box);

  self->verdict_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->verdict_label, TRUE);
  gtk_label_set_xalign (self->verdict_label, 0);
  gtk_widget_set_name (GTK_WIDGET (self->verdict_label), "verification-verdict");

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Later")));
  gtk_widget_add_css_class (GTK_WIDGET (self->cancel_button), "pill");
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->cancel_button));
  self->confirm_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Confirm Verification")));
  gtk_widget_set_name (GTK_WIDGET (self->confirm_button), "confirm-verification-button");
  gtk_widget_add_css_class (GTK_WIDGET (self->confirm_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->confirm_button), "suggested-action");
  g_signal_connect_swapped (self->confirm_button, "clicked", G_CALLBACK (confirm_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->confirm_button));

  self->compare_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (self->compare_box), details);
  gtk_box_append (GTK_BOX (self->compare_box), GTK_WIDGET (self->verdict_label));
  gtk_box_append (GTK_BOX (self->compare_box), buttons);
  gtk_widget_set_visible (self->compare_box, FALSE);
  gtk_box_append (GTK_BOX (self), self->compare_box);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* --- public API ------------------------------------------------------ */

GtkWidget *
zc_applicant_verification_new (void)
{
  return g_object_new (ZC_TYPE_APPLICANT_VERIFICATION, NULL);
}

/* Shows the notice for @kase when its applicant was typed by hand and
 * the user may verify it (a clerk or helper, the case received and not
 * closed); hides it otherwise. A new case drops the comparison. */
void
zc_applicant_verification_show (ZcApplicantVerification *self,
                                ZcClient                *client,
                                ZcCase                  *kase)
{
  ZcUser *user;
  ZcCaseState state;
  gboolean same_case;
  gboolean show;

  g_return_if_fail (ZC_IS_APPLICANT_VERIFICATION (self));

  same_case = kase != NULL && self->kase != NULL && zc_case_get_id (kase) == zc_case_get_id (self->kase);
  if (!same_case)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->in_flight = FALSE;
      set_busy (self, FALSE);
      hide_comparison (self);
      g_clear_pointer (&self->idempotency_key, g_free);
    }
  g_set_object (&self->client, client);
  g_set_object (&self->kase, kase);

  user = client != NULL ? zc_client_get_user (client) : NULL;
  state = kase != NULL ? zc_case_get_state (kase) : ZC_CASE_STATE_INVALID;
  show = kase != NULL && zc_case_get_applicant_typed_name (kase) != NULL
         && (state == ZC_CASE_STATE_RECEIVED || state == ZC_CASE_STATE_RETURNED);
  if (show)
    {
      gboolean may = user != NULL && (zc_user_get_role (user) == ZC_ROLE_CLERK ||
                                      zc_user_get_role (user) == ZC_ROLE_HELPER);
      g_autofree char *text = g_strdup_printf (
        /* Translators: %s is the applicant's name as typed by hand */
        _("Applicant not verified: the licence library could not be reached at reception, the name “%s” was typed by hand."),
        zc_case_get_applicant_typed_name (kase));

      gtk_label_set_text (self->notice_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->verify_button), may && !gtk_widget_get_visible (self->compare_box));
    }
  else
    hide_comparison (self);
  gtk_widget_set_visible (GTK_WIDGET (self), show);
}
