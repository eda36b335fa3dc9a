/* zc-server-demo.c — the demo data of zc-platform --demo
 *
 * On an empty database, inside one transaction (all or nothing), loads:
 * the catalogue (DATA_DIR/catalogue.json), the users (password demo1234),
 * a demo licence library of persons (school-age children among them) and
 * enterprises of Anhui province (DATA_DIR/demo/names.json for names and
 * places), with the records other agencies share (social insurance,
 * housing fund, penalties, bankruptcy rulings, liquidation filings,
 * listing guidance filings, vehicle licences, transport qualifications),
 * and about 500 cases over the last 90 days with their tasks and audit
 * events.
 *
 * Everything is generated from GRands with fixed seeds, so identities
 * (ID numbers, credit codes, names) are the same on every load; dates
 * (validity, newborns, cases) are relative to the load day, read from the
 * database's clock (zc_server_db_get_clock); the shares the demo promises
 * (who is insured, who drives …) are quotas, the same on any day.
 *
 * This file is the entry point; the generator's parts are in demo/, by
 * what they make (see demo/zc-demo-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-server-demo.h"

#include "demo/zc-demo-private.h"

/* ------------------------------------------------------------------ */
/* Entry point                                                          */
/* ------------------------------------------------------------------ */

static void
demo_load_clear (DemoLoad *self)
{
  g_clear_pointer (&self->rp, g_rand_free);
  g_clear_pointer (&self->rl, g_rand_free);
  g_clear_pointer (&self->rc, g_rand_free);
  g_clear_pointer (&self->rx, g_rand_free);
  g_clear_pointer (&self->ry, g_rand_free);
  g_clear_object (&self->calendar);
  g_clear_object (&self->names_parser);
  g_clear_object (&self->catalogue_parser);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->case_pairs, g_hash_table_unref);
  g_clear_pointer (&self->models, g_hash_table_unref);
  g_clear_pointer (&self->item_models, g_hash_table_unref);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->clerks, g_ptr_array_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->dept_users, g_hash_table_unref);
  g_clear_pointer (&self->premises, g_ptr_array_unref);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->enterprises, g_ptr_array_unref);
  g_clear_pointer (&self->applicants, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->used, g_hash_table_unref);
  g_clear_pointer (&self->regions, g_array_unref);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_ptr_array_unref);
}

static gboolean
demo_generate_and_write (DemoLoad  *self,
                         GError   **error)
{
  g_autofree char *calendar_path = g_build_filename (self->data_dir, "holidays-cn.json", NULL);
  g_autofree char *detail = NULL;
  gint64 t0 = g_get_monotonic_time ();
  DemoHashJob jobs[2];
  GThread *hashers[2] = { NULL, NULL };
  gboolean ok;

  if (!demo_load_names (self, error) || !demo_load_catalogue (self, error))
    return FALSE;
  self->calendar = zc_calendar_new_from_file (calendar_path, error);
  if (self->calendar == NULL)
    {
      g_prefix_error (error, _("Cannot read the working-day calendar of the demo: "));
      return FALSE;
    }

  demo_generate_users (self);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i].users = self->users;
      jobs[i].first = i;
      /* without a thread, demo_write_users hashes the rest */
      hashers[i] = g_thread_try_new ("zc-demo-hash", demo_hash_passwords, &jobs[i], NULL);
    }
  demo_generate_people (self);
  ok = demo_generate_licences (self, error);
  if (ok)
    demo_generate_cases (self);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    if (hashers[i] != NULL)
      g_thread_join (hashers[i]);
  if (!ok)
    return FALSE;

  if (!demo_write_catalogue (self, error) ||
      !demo_write_users (self, error) ||
      !demo_write_applicants (self, error) ||
      !demo_write_cases (self, error) ||
      !demo_write_events (self, error))
    return FALSE;

  detail = g_strdup_printf ("{\"applicants\":%u,\"persons\":%u,\"enterprises\":%u,\"licences\":%u,"
                            "\"photos\":%u,\"cases\":%u,\"events\":%u,\"users\":%u,\"items\":%u,"
                            "\"milliseconds\":%" G_GINT64_FORMAT "}",
                            self->applicants->len, self->persons->len, self->enterprises->len,
                            self->n_licences, self->n_photos, self->cases->len, self->events->len,
                            self->users->len, self->items->len,
                            (g_get_monotonic_time () - t0) / 1000);
  return zc_server_db_add_event (self->db, "platform", "platform", NULL, "demo.load",
                                 0, 0, NULL, NULL, NULL, NULL, detail, error);
}

gboolean
zc_server_demo_load (ZcServerDb  *db,
                     const char  *data_dir,
                     GError     **error)
{
  DemoLoad load = { 0 };
  g_autoptr(GDateTime) now = zc_clock_now_china (zc_server_db_get_clock (db));
  sqlite3 *handle;
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* on a populated database the demo changes nothing */
  if (!zc_server_db_is_empty (db))
    return TRUE;

  load.db = db;
  load.data_dir = data_dir;
  load.rp = g_rand_new_with_seed (DEMO_SEED_PEOPLE);
  load.rl = g_rand_new_with_seed (DEMO_SEED_LICENCES);
  load.rc = g_rand_new_with_seed (DEMO_SEED_CASES);
  load.rx = g_rand_new_with_seed (DEMO_SEED_SOURCES);
  load.ry = g_rand_new_with_seed (DEMO_SEED_REGISTERS);
  demo_set_date (&load.today, g_date_time_get_year (now), g_date_time_get_month (now),
                 g_date_time_get_day_of_month (now));
  load.now = g_date_time_to_unix (now);
  demo_sh_date_of (load.now, &load.today_sh);
  load.strings = g_ptr_array_new_with_free_func (g_free);
  load.applicants = g_ptr_array_new_with_free_func (demo_applicant_free);
  load.persons = g_ptr_array_new ();
  load.enterprises = g_ptr_array_new ();
  load.keys = g_hash_table_new (g_str_hash, g_str_equal);
  load.used = g_hash_table_new (g_str_hash, g_str_equal);
  load.premises = g_ptr_array_new_with_free_func (g_free);
  load.regions = g_array_new (FALSE, FALSE, sizeof (DemoRegion));
  load.districts = g_ptr_array_new ();
  load.items = g_ptr_array_new ();
  load.users = g_ptr_array_new_with_free_func (demo_user_free);
  load.clerks = g_ptr_array_new ();
  load.dept_users = g_hash_table_new (g_str_hash, g_str_equal);
  load.cases = g_ptr_array_new_with_free_func (demo_case_free);
  load.events = g_ptr_array_new_with_free_func (demo_event_free);
  load.case_pairs = g_hash_table_new (g_str_hash, g_str_equal);
  load.models = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  load.item_models = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  load.insured_50.percent = 97;
  load.insured_22.percent = 90;
  load.insured_19.percent = 30;
  load.fund.percent = 75;
  load.child_id.percent = 35;
  load.drivers.percent = 30;
  load.drivers_lapsed.percent = 8;

  handle = zc_server_db_get_handle (db);
  own_transaction = sqlite3_get_autocommit (handle) != 0;
  if (own_transaction && !zc_server_db_begin (db, error))
    {
      demo_load_clear (&load);
      return FALSE;
    }

  ok = demo_generate_and_write (&load, error);
  if (ok && own_transaction)
    ok = zc_server_db_commit (db, error);
  if (!ok && own_transaction)
    zc_server_db_rollback (db);

  demo_load_clear (&load);
  return ok;
}
