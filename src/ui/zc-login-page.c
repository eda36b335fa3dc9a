/* zc-login-page.c — the login form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "zc-login-page.h"
#include "zc-ui-private.h"

struct _ZcLoginPage
{
  GtkWidget     parent_instance;

  /* template widgets */
  GtkLabel     *address_label;
  AdwEntryRow  *username_row;
  AdwEntryRow  *password_row;
  GtkLabel     *error_label;
  GtkButton    *login_button;
  GtkSpinner   *spinner;

  /* borrowed */
  GCancellable *cancellable;

  /* owned */
  ZcClient     *client;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (ZcLoginPage, zc_login_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  LOGGED_IN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- helpers --------------------------------------------------------- */

static void
zc_login_page_show_error (ZcLoginPage *self,
                          const char  *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->login_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->login_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
zc_login_page_update_actions (ZcLoginPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.submit",
                                 self->client != NULL && !self->busy);
}

static void
zc_login_page_set_busy (ZcLoginPage *self,
                        gboolean     busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  /* Not insensitive: a focused entry made insensitive loses its
   * focus-out in GTK 4.8; read-only keeps what is typed unchanged. */
  gtk_editable_set_editable (GTK_EDITABLE (self->username_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  zc_login_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Until when the account is locked (the platform's "locked_until"),
 * as "HH:MM" China time, or NULL when the platform did not say. */
static char *
lock_end_clock_time (const GError *error)
{
  const char *until = zc_platform_error_get_locked_until (error);
  g_autoptr(GDateTime) when = until ? g_date_time_new_from_iso8601 (until, NULL) : NULL;
  g_autoptr(GDateTime) china = NULL;

  if (when == NULL)
    return NULL;
  china = zc_date_time_to_china (when);
  return g_date_time_format (china, "%H:%M");
}

static char *
zc_login_page_describe_error (ZcLoginPage  *self,
                              const GError *error)
{
  if (error->domain == ZC_PLATFORM_ERROR)
    {
      switch ((ZcPlatformError) error->code)
        {
        case ZC_PLATFORM_ERROR_UNAUTHORIZED:
          return g_strdup (_("The user name or password is wrong."));

        case ZC_PLATFORM_ERROR_LOCKED:
          {
            g_autofree char *until = lock_end_clock_time (error);

            if (until != NULL)
              /* Translators: %s is a clock time such as 14:35, China Standard Time */
              return g_strdup_printf (_("This account is locked after too many failed logins. "
                                        "Try again after %s (Beijing time), or ask the supervisor to unlock it."),
                                      until);
            return g_strdup (_("This account is locked for 15 minutes after too many failed logins. "
                               "Try again later, or ask the supervisor to unlock it."));
          }

        case ZC_PLATFORM_ERROR_NETWORK:
          return g_strdup_printf (_("The platform at %s cannot be reached. "
                                    "Check the network connection or the platform address."),
                                  zc_client_get_base_url (self->client));

        default:
          break;
        }
    }

  return zc_platform_error_to_user_message (error);
}

/* --- login ----------------------------------------------------------- */

static void
zc_login_page_login_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ZcLoginPage) self = user_data;
  g_autoptr(ZcUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = zc_client_login_finish (ZC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  zc_login_page_set_busy (self, FALSE);

  if (user == NULL)
    {
      g_autofree char *message = zc_login_page_describe_error (self, error);

      zc_debug_masked ("Login failed", error->message);
      zc_login_page_show_error (self, message);
      /* A refused password is typed again; one that never reached the
       * platform is kept */
      if (g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_UNAUTHORIZED)
          || g_error_matches (error, ZC_PLATFORM_ERROR, ZC_PLATFORM_ERROR_LOCKED))
        gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  zc_login_page_show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[LOGGED_IN], 0, user);
}

static void
zc_login_page_submit (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  ZcLoginPage *self = ZC_LOGIN_PAGE (widget);
  g_autofree char *username = NULL;
  const char *password;

  if (self->client == NULL || self->busy)
    return;

  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (username[0] == '\0')
    {
      zc_login_page_show_error (self, _("Enter your user name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }
  if (password[0] == '\0')
    {
      zc_login_page_show_error (self, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  zc_login_page_show_error (self, NULL);
  zc_login_page_set_busy (self, TRUE);
  zc_client_login_async (self->client, username, password,
                         self->cancellable,
                         zc_login_page_login_cb,
                         g_object_ref (self));
}

/* --- callbacks ------------------------------------------------------- */

static void
username_activated_cb (ZcLoginPage *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "login.submit", NULL);
}

static void
password_activated_cb (ZcLoginPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "login.submit", NULL);
}

static void
entry_changed_cb (ZcLoginPage *self)
{
  /* An old message no longer fits what is typed now */
  if (!self->busy && gtk_widget_get_visible (GTK_WIDGET (self->error_label))
      && gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] != '\0')
    zc_login_page_show_error (self, NULL);
}

/* --- GObject --------------------------------------------------------- */

static void
zc_login_page_dispose (GObject *object)
{
  ZcLoginPage *self = ZC_LOGIN_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ZC_TYPE_LOGIN_PAGE);
  /* children the template does not bind are unparented here */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (zc_login_page_parent_class)->dispose (object);
}

static void
zc_login_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ZcLoginPage *self = ZC_LOGIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zc_login_page_class_init (ZcLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _zc_ui_ensure_resources ();

  object_class->dispose = zc_login_page_dispose;
  object_class->get_property = zc_login_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOGGED_IN] =
    g_signal_new ("logged-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ZC_TYPE_USER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/zongchuang/Workstation/zc-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ZcLoginPage, address_label);
  gtk_widget_class_bind_template_child (widget_class, ZcLoginPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, ZcLoginPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, ZcLoginPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, ZcLoginPage, login_button);
  gtk_widget_class_bind_template_child (widget_class, ZcLoginPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, username_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "login.submit", NULL, zc_login_page_submit);
}

/* libadwaita 1.2 leaves the password row's reveal button unnamed; and
 * it is no Tab stop: Tab goes from the password straight to 登录 (the
 * button stays a click away) */
static void
name_unnamed_buttons (GtkWidget  *widget,
                      const char *name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c) && gtk_button_get_label (GTK_BUTTON (c)) == NULL)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (c),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                          -1);
          gtk_widget_set_focusable (c, FALSE);
          gtk_widget_set_focus_on_click (c, FALSE);
        }
      name_unnamed_buttons (c, name);
    }
}

static void
zc_login_page_init (ZcLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_unnamed_buttons (GTK_WIDGET (self->password_row), _("Show Password"));
  zc_login_page_update_actions (self);
}

/* --- public API ------------------------------------------------------ */

GtkWidget *
zc_login_page_new (void)
{
  return g_object_new (ZC_TYPE_LOGIN_PAGE, NULL);
}

void
zc_login_page_set_client (ZcLoginPage  *self,
                          ZcClient     *client,
                          GCancellable *cancellable)
{
  g_return_if_fail (ZC_IS_LOGIN_PAGE (self));
  g_return_if_fail (!client || ZC_IS_CLIENT (client));

  g_set_object (&self->client, client);
  g_set_object (&self->cancellable, cancellable);

  if (client != NULL)
    {
      g_autofree char *address = NULL;

      /* Translators: %s is the platform's address (URL) */
      address = g_strdup_printf (_("Platform: %s"), zc_client_get_base_url (client));
      gtk_label_set_text (self->address_label, address);
    }
  else
    gtk_label_set_text (self->address_label, "");

  zc_login_page_update_actions (self);
}

ZcClient *
zc_login_page_get_client (ZcLoginPage *self)
{
  g_return_val_if_fail (ZC_IS_LOGIN_PAGE (self), NULL);

  return self->client;
}

void
zc_login_page_set_username (ZcLoginPage *self,
                            const char  *username)
{
  g_return_if_fail (ZC_IS_LOGIN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username ? username : "");
}

void
zc_login_page_reset (ZcLoginPage *self)
{
  g_return_if_fail (ZC_IS_LOGIN_PAGE (self));

  zc_login_page_set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  /* an address that is refused (plain http to another computer, an
   * unreadable CA file) is said before anyone types a password */
  zc_login_page_show_error (self, self->client != NULL ? zc_client_get_refusal (self->client) : NULL);

  if (gtk_editable_get_text (GTK_EDITABLE (self->username_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

gboolean
zc_login_page_get_busy (ZcLoginPage *self)
{
  g_return_val_if_fail (ZC_IS_LOGIN_PAGE (self), FALSE);

  return self->busy;
}

void
zc_login_page_set_message (ZcLoginPage *self,
                           const char  *message)
{
  g_return_if_fail (ZC_IS_LOGIN_PAGE (self));

  zc_login_page_show_error (self, message);
}
