/* zc-demo-licences.c — the licence library of the demo: ID cards (with their photos), household registers, marriage and birth certificates, business and food licences, premises
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-demo-private.h"

#include <cairo.h>

/* ------------------------------------------------------------------ */
/* Licences                                                             */
/* ------------------------------------------------------------------ */

DemoLicence *
demo_add_licence (DemoLoad      *self,
                  DemoApplicant *holder,
                  const char    *type,
                  const char    *number,
                  const char    *issuer,
                  const GDate   *issued_on,
                  const GDate   *valid_until,
                  JsonObject    *fields)   /* (transfer full) */
{
  DemoLicence *l = g_new0 (DemoLicence, 1);

  l->type = type;
  l->number = number;
  l->holder = holder;
  l->issuer = issuer;
  l->issued_on = *issued_on;
  g_date_clear (&l->valid_until, 1);
  if (valid_until != NULL)
    l->valid_until = *valid_until;
  l->fields = fields;
  g_ptr_array_add (holder->licences, l);
  self->n_licences++;
  return l;
}

/* a number not used before for @type, made by @make from @r */
const char *
demo_unique_number_from (DemoLoad   *self,
                         GRand      *r,
                         const char *type,
                         char       *(*make) (GRand *r, gpointer data),
                         gpointer    data)
{
  for (;;)
    {
      char *number = make (r, data);
      char *key = g_strconcat (type, ":", number, NULL);

      if (!g_hash_table_contains (self->used, key))
        {
          g_hash_table_add (self->used, (gpointer) demo_keep (self, key));
          return demo_keep (self, number);
        }
      g_free (key);
      g_free (number);
    }
}

static const char *
unique_number (DemoLoad   *self,
               const char *type,
               char       *(*make) (GRand *r, gpointer data),
               gpointer    data)
{
  return demo_unique_number_from (self, self->rl, type, make, data);
}

static char *
make_ss_number (GRand    *r,
                gpointer  data)
{
  {
    /* one draw after another: C leaves the order of arguments open */
    int draw0 = demo_rnd (r, 0, 99999999);
    int draw1 = demo_rnd (r, 0, 4);
    return g_strdup_printf ("%c%08d", "ABCDE"[draw1], draw0);
  }
}

static char *
make_hc_number (GRand    *r,
                gpointer  data)
{
  return g_strdup_printf ("HC%d-%07d", GPOINTER_TO_INT (data), demo_rnd (r, 1, 9999999));
}

static char *
make_birth_number (GRand    *r,
                   gpointer  data)
{
  return g_strdup_printf ("R34%07d", demo_rnd (r, 0, 9999999));
}

static char *
make_estate_number (GRand    *r,
                    gpointer  data)
{
  return g_strdup_printf ("皖(%d)合肥市不动产权第%07d号", GPOINTER_TO_INT (data), demo_rnd (r, 1, 2999999));
}

static char *
make_food_number (GRand    *r,
                  gpointer  data)
{
  {
    /* one draw after another: C leaves the order of arguments open */
    int draw0 = demo_rnd (r, 0, 9);
    int draw1 = demo_rnd (r, 1, 999999);
    return g_strdup_printf ("JY2%s%06d%d", (const char *) data, draw1, draw0);
  }
}

static char *
make_transport_number (GRand    *r,
                       gpointer  data)
{
  return g_strdup_printf ("皖交运管许可合字%s%06d号", (const char *) data, demo_rnd (r, 1, 9999));
}

static char *
make_marriage_number (GRand    *r,
                      gpointer  data)
{
  return g_strdup_printf ("J%s-%06d", (const char *) data, demo_rnd (r, 1, 9999));
}

/* --- the synthetic ID photo: a head-and-shoulders silhouette */

static cairo_status_t
png_append (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
ellipse (cairo_t *cr,
         double   x,
         double   y,
         double   rx,
         double   ry)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, rx, ry);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
}

static GBytes *
draw_photo (DemoLoad       *self,
            DemoApplicant  *p,
            GError        **error)
{
  static const double backgrounds[][3] = {
    { 0.26, 0.55, 0.86 }, { 0.36, 0.62, 0.90 }, { 0.93, 0.94, 0.96 }, { 0.80, 0.17, 0.17 },
  };
  static const double skins[][3] = {
    { 0.96, 0.80, 0.67 }, { 0.91, 0.74, 0.60 }, { 0.85, 0.66, 0.52 }, { 0.98, 0.85, 0.73 },
  };
  static const double clothes[][3] = {
    { 0.10, 0.12, 0.18 }, { 0.20, 0.22, 0.30 }, { 0.90, 0.90, 0.92 }, { 0.38, 0.20, 0.22 }, { 0.15, 0.30, 0.45 },
  };
  GRand *r = self->rl;
  const int w = 96, h = 120;
  const double *bg = backgrounds[demo_rnd (r, 0, G_N_ELEMENTS (backgrounds) - 1)];
  const double *skin = skins[demo_rnd (r, 0, G_N_ELEMENTS (skins) - 1)];
  const double *cloth = clothes[demo_rnd (r, 0, G_N_ELEMENTS (clothes) - 1)];
  int age = demo_age_on (p, &self->today);
  double hair = age >= 62 ? 0.72 : age >= 50 ? 0.35 : 0.08;
  double cx = w / 2.0 + demo_rnd (r, -3, 3), cy = h * 0.40;
  double hrx = 19 + demo_rnd (r, 0, 3), hry = 24 + demo_rnd (r, 0, 3);
  cairo_surface_t *surface;
  cairo_pattern_t *gradient;
  cairo_t *cr;
  cairo_status_t status;
  g_autoptr(GByteArray) png = g_byte_array_sized_new (4096);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);

  gradient = cairo_pattern_create_linear (0, 0, 0, h);
  cairo_pattern_add_color_stop_rgb (gradient, 0, MIN (bg[0] * 1.15, 1), MIN (bg[1] * 1.15, 1), MIN (bg[2] * 1.1, 1));
  cairo_pattern_add_color_stop_rgb (gradient, 1, bg[0] * 0.9, bg[1] * 0.9, bg[2] * 0.9);
  cairo_set_source (cr, gradient);
  cairo_paint (cr);
  cairo_pattern_destroy (gradient);

  /* long hair behind the head */
  if (!p->male)
    {
      cairo_set_source_rgb (cr, hair, hair * 0.9, hair * 0.8);
      ellipse (cr, cx, cy + 8, hrx + 6, hry + 12);
      cairo_fill (cr);
    }
  /* shoulders */
  cairo_set_source_rgb (cr, cloth[0], cloth[1], cloth[2]);
  ellipse (cr, cx, h + 8, w * 0.52, 34);
  cairo_fill (cr);
  /* collar */
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
  cairo_move_to (cr, cx - 10, h - 30);
  cairo_line_to (cr, cx, h - 16);
  cairo_line_to (cr, cx + 10, h - 30);
  cairo_close_path (cr);
  cairo_fill (cr);
  /* neck */
  cairo_set_source_rgb (cr, skin[0] * 0.92, skin[1] * 0.92, skin[2] * 0.92);
  cairo_rectangle (cr, cx - 8, cy + hry - 6, 16, 20);
  cairo_fill (cr);
  /* head */
  cairo_set_source_rgb (cr, skin[0], skin[1], skin[2]);
  ellipse (cr, cx, cy, hrx, hry);
  cairo_fill (cr);
  /* hair on top */
  cairo_set_source_rgb (cr, hair, hair * 0.9, hair * 0.8);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, w, cy - hry * 0.35);
  cairo_clip (cr);
  ellipse (cr, cx, cy - 2, hrx + 2, hry + 2);
  cairo_fill (cr);
  cairo_restore (cr);
  /* eyes and mouth */
  cairo_set_source_rgb (cr, 0.15, 0.12, 0.10);
  ellipse (cr, cx - 7, cy + 1, 2, 1.5);
  ellipse (cr, cx + 7, cy + 1, 2, 1.5);
  cairo_fill (cr);
  cairo_set_line_width (cr, 1.2);
  cairo_set_source_rgb (cr, 0.65, 0.35, 0.32);
  cairo_arc (cr, cx, cy + 9, 5, 0.2 * G_PI, 0.8 * G_PI);
  cairo_stroke (cr);
  /* the surname, faint, so photos are told apart at a glance */
  cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 13);
  if (bg[0] > 0.9)
    cairo_set_source_rgba (cr, 0.2, 0.2, 0.25, 0.75);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
  cairo_move_to (cr, 4, 16);
  cairo_show_text (cr, p->surname);

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, png_append, png);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot draw a demo ID photo: %s"), cairo_status_to_string (status));
      return NULL;
    }
  self->n_photos++;
  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static const char *
station_of (DemoLoad      *self,
            DemoApplicant *p)
{
  const DemoDistrict *d = p->district;

  return demo_keep (self, g_strconcat (d->police, d->stations.v[(p->household_no[11] - '0') % d->stations.n], NULL));
}

static const char *
birth_iso (DemoLoad            *self,
           const DemoApplicant *p)
{
  return demo_keep (self, g_strdup_printf ("%04d-%02d-%02d", p->birth_year, p->birth_month, p->birth_day));
}

/* 户口簿 (常住人口登记卡): one per person, the household's number */
static void
household_register_licence (DemoLoad      *self,
                            DemoApplicant *p,
                            const GDate   *issued)
{
  JsonObject *f = json_object_new ();

  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "sex", p->male ? "男" : "女");
  json_object_set_string_member (f, "birth_date", birth_iso (self, p));
  json_object_set_string_member (f, "ethnicity", p->ethnicity ? p->ethnicity : "汉");
  json_object_set_string_member (f, "household_head", p->head->name);
  json_object_set_string_member (f, "household_head_id", p->head->key);
  json_object_set_string_member (f, "relation_to_head", p->relation);
  json_object_set_string_member (f, "address", p->address);
  json_object_set_string_member (f, "registration_type", "家庭户");
  json_object_set_string_member (f, "district", p->district->name);
  demo_add_licence (self, p, "household_register", p->household_no, station_of (self, p), issued, NULL, f);
}

static gboolean
person_licences (DemoLoad       *self,
                 DemoApplicant  *p,
                 GError        **error)
{
  GRand *r = self->rl;
  int age = demo_age_on (p, &self->today);
  GDate sixteen, issued, until, d1;
  DemoLicence *id;
  JsonObject *f;
  int period;

  /* 居民身份证 */
  demo_birthday_at (p, 16, &sixteen);
  period = age >= 46 ? 0 : age >= 26 ? 20 : 10;
  if (period == 0)
    {
      GDate fortysix;

      demo_birthday_at (p, 46, &fortysix);
      demo_days_from_today (self, &d1, -30);
      demo_date_between (r, &fortysix, &d1, &issued);
      if (demo_date_is_before (&issued, &fortysix))
        issued = fortysix;
    }
  else if (demo_chance (r, 0.05))
    {
      demo_days_from_today (self, &issued, -demo_rnd (r, 15, 400));
      g_date_subtract_years (&issued, (guint) period);
    }
  else
    demo_days_from_today (self, &issued, -demo_rnd (r, 20, period * 365 - 20));
  if (demo_date_is_before (&issued, &sixteen))
    issued = sixteen;
  if (!demo_date_is_before (&issued, &self->today))
    demo_days_from_today (self, &issued, -1);
  until = issued;
  g_date_add_years (&until, (guint) period);

  f = json_object_new ();
  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "sex", p->male ? "男" : "女");
  p->ethnicity = demo_chance (r, 0.95) ? "汉" : "回";
  json_object_set_string_member (f, "ethnicity", p->ethnicity);
  json_object_set_string_member (f, "birth_date", birth_iso (self, p));
  json_object_set_string_member (f, "address", p->address);
  id = demo_add_licence (self, p, "id_card", p->key, p->district->police, &issued,
                         period ? &until : NULL, f);
  id->photo = draw_photo (self, p, error);
  if (id->photo == NULL)
    return FALSE;

  /* 户口簿 */
  if (!g_date_valid (&p->head->household_since))
    demo_days_from_today (self, &p->head->household_since, -demo_rnd (r, 200, 7000));
  issued = p->head->household_since;
  if (demo_date_is_before (&issued, &sixteen))
    issued = sixteen;
  household_register_licence (self, p, &issued);

  /* 社会保障卡: most people; some renewed, a few expired */
  if (demo_chance (r, 0.85))
    {
      int kind = demo_rnd (r, 0, 99);   /* < 8 renewed, < 11 expired only */
      const char *bank = demo_pick (r, &self->banks);
      const char *number;
      const char *issuer = "合肥市人力资源和社会保障局";

      if (kind < 11)
        {
          GDate old;

          demo_days_from_today (self, &old, -demo_rnd (r, 3700, 4300));
          until = old;
          g_date_add_years (&until, 10);
          f = json_object_new ();
          json_object_set_string_member (f, "name", p->name);
          json_object_set_string_member (f, "social_security_number", p->key);
          json_object_set_string_member (f, "bank", bank);
          json_object_set_string_member (f, "insured_place", p->district->name);
          json_object_set_string_member (f, "issued_city", "合肥市");
          number = unique_number (self, "social_security_card", make_ss_number, NULL);
          demo_add_licence (self, p, "social_security_card", number, issuer, &old, &until, f);
          if (kind < 8)
            {
              issued = until;
              g_date_subtract_days (&issued, (guint) demo_rnd (r, 0, 40));
            }
        }
      else
        demo_days_from_today (self, &issued, -demo_rnd (r, 30, 3300));
      if (kind >= 8 && kind < 11)
        ;   /* expired only: no renewal yet */
      else
        {
          if (!demo_date_is_before (&issued, &self->today))
            demo_days_from_today (self, &issued, -1);
          until = issued;
          g_date_add_years (&until, 10);
          f = json_object_new ();
          json_object_set_string_member (f, "name", p->name);
          json_object_set_string_member (f, "social_security_number", p->key);
          json_object_set_string_member (f, "bank", bank);
          json_object_set_string_member (f, "insured_place", p->district->name);
          json_object_set_string_member (f, "issued_city", "合肥市");
          number = unique_number (self, "social_security_card", make_ss_number, NULL);
          demo_add_licence (self, p, "social_security_card", number, issuer, &issued, &until, f);
        }
    }

  /* 健康证明: food staff; valid one year */
  if (p->flags & F_FOOD_STAFF)
    {
      int kind = demo_rnd (r, 0, 99);   /* < 15 renewed, < 25 expired only, < 28 revoked */
      const char *inst = demo_pick (r, &self->health_institutions);

      for (guint k = 0; k < 2; k++)
        {
          DemoLicence *l;

          if (k == 0 && kind >= 25)
            continue;
          if (k == 1 && kind >= 15 && kind < 25)
            break;
          if (k == 0)
            demo_days_from_today (self, &issued, -demo_rnd (r, 380, 700));
          else if (kind < 15)
            {
              issued = until;
              g_date_subtract_days (&issued, (guint) demo_rnd (r, 0, 20));
              if (!demo_date_is_before (&issued, &self->today))
                demo_days_from_today (self, &issued, -1);
            }
          else
            demo_days_from_today (self, &issued, -demo_rnd (r, 5, 340));
          until = issued;
          g_date_add_years (&until, 1);
          f = json_object_new ();
          json_object_set_string_member (f, "name", p->name);
          json_object_set_string_member (f, "sex", p->male ? "男" : "女");
          json_object_set_string_member (f, "exam_date", demo_iso (self, &issued));
          json_object_set_string_member (f, "institution", inst);
          json_object_set_string_member (f, "result", "合格");
          json_object_set_string_member (f, "occupation", "餐饮服务");
          l = demo_add_licence (self, p, "health_certificate",
                                unique_number (self, "health_certificate", make_hc_number,
                                               GINT_TO_POINTER (g_date_get_year (&issued))),
                                inst, &issued, &until, f);
          l->revoked = k == 1 && kind >= 25 && kind < 28;
        }
    }

  /* 残疾人证 */
  if (p->flags & F_DISABLED)
    {
      static const char * const categories[] = { "视力", "听力", "言语", "肢体", "智力", "精神", "多重" };
      static const char * const levels[] = { "一级", "二级", "三级", "四级" };
      int cat = age >= 60 ? (demo_chance (r, 0.6) ? 3 : demo_rnd (r, 0, 1)) : demo_rnd (r, 0, 6);
      int level = demo_rnd (r, 1, 4);
      gboolean renewed = (self->n_disabled++ % 3) == 1;
      const char *issuer = demo_keep (self, g_strdup_printf ("%s残疾人联合会", p->district->name));
      const char *guardian = (cat == 4 || cat == 5 || level == 1) && p->spouse ? p->spouse->name : "";

      if (renewed)
        {
          demo_days_from_today (self, &issued, -demo_rnd (r, 3700, 4200));
          until = issued;
          g_date_add_years (&until, 10);
          f = json_object_new ();
          json_object_set_string_member (f, "name", p->name);
          json_object_set_string_member (f, "disability_category", categories[cat]);
          json_object_set_string_member (f, "disability_level", levels[MIN (level, 3)]);
          json_object_set_string_member (f, "guardian_name", guardian);
          demo_add_licence (self, p, "disability_certificate",
                            demo_keep (self, g_strdup_printf ("%s%d%d", p->key, cat + 1, MIN (level + 1, 4))),
                            issuer, &issued, &until, f);
          issued = until;
          g_date_subtract_days (&issued, (guint) demo_rnd (r, 1, 30));
          level = MAX (1, MIN (level, 3));
        }
      else
        demo_days_from_today (self, &issued, -demo_rnd (r, 60, 3000));
      until = issued;
      g_date_add_years (&until, 10);
      f = json_object_new ();
      json_object_set_string_member (f, "name", p->name);
      json_object_set_string_member (f, "disability_category", categories[cat]);
      json_object_set_string_member (f, "disability_level", levels[level - 1]);
      json_object_set_string_member (f, "guardian_name", guardian);
      demo_add_licence (self, p, "disability_certificate",
                        demo_keep (self, g_strdup_printf ("%s%d%d", p->key, cat + 1, level)),
                        issuer, &issued, &until, f);
      if (*guardian != '\0')
        demo_add_party (p, "guardian", p->spouse);
    }

  /* 不动产权证书 of the home */
  if ((p->flags & F_HOME_OWNER) && p->head == p)
    {
      demo_days_from_today (self, &issued, -demo_rnd (r, 200, 4500));
      if (demo_date_is_before (&issued, &sixteen))
        issued = sixteen;
      f = json_object_new ();
      json_object_set_string_member (f, "owner", p->name);
      json_object_set_string_member (f, "location", p->address);
      {
        /* one draw after another: C leaves the order of arguments open */
        int draw0 = demo_rnd (r, 0, 99);
        int draw1 = demo_rnd (r, 55, 150);
        json_object_set_string_member (f, "area", demo_keep (self, g_strdup_printf ("%d.%02d", draw1, draw0)));
      }
      json_object_set_string_member (f, "usage", "住宅");
      json_object_set_string_member (f, "right_type", "国有建设用地使用权/房屋所有权");
      demo_add_licence (self, p, "real_estate_certificate",
                        unique_number (self, "real_estate_certificate", make_estate_number,
                                       GINT_TO_POINTER (g_date_get_year (&issued))),
                        "合肥市不动产登记中心", &issued, NULL, f);
    }
  return TRUE;
}

static void
couple_licences (DemoLoad      *self,
                 DemoApplicant *husband)
{
  GRand *r = self->rl;
  DemoApplicant *wife = husband->spouse;
  const char *office = demo_keep (self, g_strdup_printf ("%s民政局婚姻登记处", husband->district->name));
  const char *number;
  GDate registered, lo, hi;

  /* married after both reached the legal age (22 / 20), at least a year ago */
  demo_birthday_at (husband, 23, &lo);
  demo_birthday_at (wife, 21, &hi);
  if (demo_date_is_before (&lo, &hi))
    lo = hi;
  if (husband->flags & F_NEWBORN_PARENT)
    demo_days_from_today (self, &hi, -demo_rnd (r, 300, 2500));
  else
    {
      hi = lo;
      g_date_add_years (&hi, 8);
    }
  {
    GDate last;

    demo_days_from_today (self, &last, (husband->flags & F_NEWBORN_PARENT) ? -300 : -365);
    if (demo_date_is_before (&last, &hi))
      hi = last;
    if (demo_date_is_before (&hi, &lo))
      hi = lo;
    if (demo_date_is_before (&last, &hi))
      hi = last;
  }
  /* before their children (born when he was 24 or older, she 22) */
  if (husband->n_children > 0)
    {
      DemoApplicant *eldest = husband->children[0];
      GDate before;

      demo_set_date (&before, eldest->birth_year, eldest->birth_month, eldest->birth_day);
      g_date_subtract_days (&before, 300);
      if (demo_date_is_before (&before, &hi))
        hi = before;
      if (demo_date_is_before (&hi, &lo))
        lo = hi;
    }
  demo_date_between (r, &lo, &hi, &registered);
  if (demo_date_is_before (&registered, &lo) && demo_date_is_before (&lo, &self->today))
    registered = lo;
  number = unique_number (self, "marriage_certificate", make_marriage_number,
                          (gpointer) demo_keep (self, g_strdup_printf ("%s-%d", husband->district->code,
                                                                       g_date_get_year (&registered))));
  for (guint k = 0; k < 2; k++)
    {
      DemoApplicant *me = k == 0 ? husband : wife;
      DemoApplicant *other = k == 0 ? wife : husband;
      JsonObject *f = json_object_new ();

      json_object_set_string_member (f, "name", me->name);
      json_object_set_string_member (f, "spouse_name", other->name);
      json_object_set_string_member (f, "spouse_id", other->key);
      json_object_set_string_member (f, "registered_on", demo_iso (self, &registered));
      json_object_set_string_member (f, "registration_office", office);
      demo_add_licence (self, me, "marriage_certificate", number, office, &registered, NULL, f);
    }

  if (husband->flags & F_NEWBORN_PARENT)
    {
      GDate born, issued;
      gboolean boy = demo_chance (r, 0.5);
      const char *hospital = demo_pick (r, &self->hospitals);
      JsonObject *f = json_object_new ();
      const char *child = demo_keep (self, g_strconcat (husband->surname, demo_pick (r, &self->given_child), NULL));

      demo_days_from_today (self, &born, -demo_rnd (r, 5, 40));
      issued = born;
      g_date_add_days (&issued, (guint) demo_rnd (r, 0, 3));
      json_object_set_string_member (f, "child_name", child);
      json_object_set_string_member (f, "sex", boy ? "男" : "女");
      json_object_set_string_member (f, "birth_date", demo_iso (self, &born));
      json_object_set_string_member (f, "birth_place", demo_keep (self, g_strconcat ("安徽省", husband->district->name, NULL)));
      json_object_set_string_member (f, "hospital", hospital);
      json_object_set_string_member (f, "mother_name", wife->name);
      json_object_set_string_member (f, "mother_id", wife->key);
      json_object_set_string_member (f, "father_name", husband->name);
      json_object_set_string_member (f, "father_id", husband->key);
      demo_add_licence (self, wife, "birth_certificate",
                        unique_number (self, "birth_certificate", make_birth_number, NULL),
                        hospital, &issued, NULL, f);
      demo_add_party (wife, "mother", wife);
      demo_add_party (wife, "father", husband);
      demo_add_party (husband, "mother", wife);
      demo_add_party (husband, "father", husband);
    }
}

static void
enterprise_licences (DemoLoad      *self,
                     DemoApplicant *e,
                     guint          index)
{
  static const char * const types[] = {
    "有限责任公司(自然人独资)", "有限责任公司(自然人投资或控股)", "其他有限责任公司",
  };
  static const char * const trade_scopes[] = {
    "日用百货、五金交电、建筑材料销售",
    "技术开发、技术咨询、技术服务；软件开发；信息系统集成服务",
    "建筑材料、装饰材料销售；建筑工程施工",
    "文化艺术交流活动策划；广告设计、制作、代理、发布",
    "互联网销售（除销售需要许可的商品）；农副产品销售",
  };
  GRand *r = self->rl;
  GDate established, issued, until;
  const char *regulator = demo_keep (self, g_strdup_printf ("%s市场监督管理局", e->district->name));
  const char *scope;
  JsonObject *f;
  DemoLicence *bl;

  switch (e->biz)
    {
    case BIZ_RESTAURANT:
      scope = "餐饮服务；食品销售（仅销售预包装食品）";
      break;
    case BIZ_TRANSPORT:
      scope = "道路普通货物运输；货物仓储（不含危险化学品）；国内货物运输代理";
      break;
    case BIZ_PROPERTY:
      scope = "房地产开发经营；物业管理；非居住房地产租赁";
      break;
    case BIZ_TRADE:
    case BIZ_NONE:
    default:
      scope = demo_pick_array (r, trade_scopes, G_N_ELEMENTS (trade_scopes));
      break;
    }

  demo_days_from_today (self, &established, -demo_rnd (r, 120, 4800));
  issued = established;
  if (demo_chance (r, 0.3))
    demo_days_from_today (self, &issued, -demo_rnd (r, 30, MAX (31, g_date_days_between (&established, &self->today) - 1)));
  f = json_object_new ();
  json_object_set_string_member (f, "company_name", e->name);
  json_object_set_string_member (f, "company_type", demo_pick_array (r, types, G_N_ELEMENTS (types)));
  json_object_set_string_member (f, "legal_representative", e->legal_rep->name);
  json_object_set_string_member (f, "legal_representative_id", e->legal_rep->key);
  json_object_set_string_member (f, "registered_capital",
                                 demo_keep (self, g_strdup_printf ("%d万元", e->biz == BIZ_PROPERTY ? demo_rnd (r, 10, 50) * 100
                                                                             : demo_rnd (r, 1, 60) * 10)));
  json_object_set_string_member (f, "registered_address", e->address);
  json_object_set_string_member (f, "business_scope", scope);
  json_object_set_string_member (f, "established_on", demo_iso (self, &established));
  json_object_set_string_member (f, "phone", e->phone);
  bl = demo_add_licence (self, e, "business_licence", e->key, regulator, &issued, NULL, f);
  bl->revoked = index == 9 || index == 40;   /* 吊销 */
  if (bl->revoked)
    e->flags |= F_REVOKED;
  e->established = established;

  if (e->biz == BIZ_RESTAURANT)
    {
      /* every 5th renewed, every 7th expired only, two revoked */
      guint n = self->n_restaurants++;
      int kind = n % 5 == 2 ? 0 : n % 7 == 3 ? 20 : (n == 4 || n == 11) ? 27 : 50 + demo_rnd (r, 0, 49);
      DemoApplicant *staff = demo_find_party (e, "staff");
      const char *items = demo_chance (r, 0.6) ? "热食类食品制售" : "热食类食品制售；冷食类食品制售";

      for (guint k = 0; k < 2; k++)
        {
          DemoLicence *l;

          if (k == 1 && kind >= 15 && kind < 25)
            break;
          if (k == 0 && kind >= 25)
            continue;
          if (k == 0)
            {
              demo_days_from_today (self, &issued, -demo_rnd (r, 1850, 2400));
              if (demo_date_is_before (&issued, &established))
                issued = established;
            }
          else if (kind < 15)
            {
              issued = until;
              g_date_subtract_days (&issued, (guint) demo_rnd (r, 0, 30));
            }
          else
            {
              GDate lo;

              demo_days_from_today (self, &lo, -1700);
              if (demo_date_is_before (&lo, &established))
                lo = established;
              demo_days_from_today (self, &until, -10);
              demo_date_between (r, &lo, &until, &issued);
            }
          if (!demo_date_is_before (&issued, &self->today))
            demo_days_from_today (self, &issued, -1);
          until = issued;
          g_date_add_years (&until, 5);
          if (k == 0 && !demo_date_is_before (&until, &self->today))
            demo_days_from_today (self, &until, -demo_rnd (r, 5, 200));
          f = json_object_new ();
          json_object_set_string_member (f, "operator_name", e->name);
          json_object_set_string_member (f, "legal_representative", e->legal_rep->name);
          json_object_set_string_member (f, "premises_address", e->address);
          json_object_set_string_member (f, "main_business_type", "餐饮服务经营者");
          json_object_set_string_member (f, "business_items", items);
          json_object_set_string_member (f, "food_safety_manager", staff ? staff->name : e->legal_rep->name);
          l = demo_add_licence (self, e, "food_business_permit",
                                unique_number (self, "food_business_permit", make_food_number,
                                               (gpointer) e->district->code),
                                regulator, &issued, &until, f);
          l->revoked = k == 1 && kind >= 25 && kind < 30;
        }
    }
  else if (e->biz == BIZ_TRANSPORT)
    {
      gboolean expired = demo_chance (r, 0.2);

      if (expired)
        demo_days_from_today (self, &issued, -demo_rnd (r, 1480, 1800));
      else
        demo_days_from_today (self, &issued, -demo_rnd (r, 10, 1400));
      if (demo_date_is_before (&issued, &established))
        issued = established;
      until = issued;
      g_date_add_years (&until, 4);
      if (expired && !demo_date_is_before (&until, &self->today))
        demo_days_from_today (self, &until, -demo_rnd (r, 3, 90));
      f = json_object_new ();
      json_object_set_string_member (f, "operator_name", e->name);
      json_object_set_string_member (f, "legal_representative", e->legal_rep->name);
      json_object_set_string_member (f, "address", e->address);
      json_object_set_string_member (f, "business_scope", "道路普通货物运输");
      /* licence fields are strings in the contract (Licence.fields) */
      json_object_set_string_member (f, "vehicle_count",
                                     demo_keep (self, g_strdup_printf ("%d", demo_rnd (r, 3, 60))));
      demo_add_licence (self, e, "road_transport_permit",
                        unique_number (self, "road_transport_permit", make_transport_number,
                                       (gpointer) demo_keep (self, g_strdup_printf ("%.4s00", e->district->code))),
                        "合肥市交通运输局", &issued, &until, f);
    }
}

static void
premises_licences (DemoLoad     *self,
                   DemoPremises *pr)
{
  GRand *r = self->rl;
  GDate issued;
  JsonObject *f = json_object_new ();

  demo_days_from_today (self, &issued, -demo_rnd (r, 200, 5000));
  if (!pr->owner->enterprise)
    {
      GDate adult;

      demo_birthday_at (pr->owner, 20, &adult);
      if (demo_date_is_before (&issued, &adult))
        issued = adult;
    }
  json_object_set_string_member (f, "owner", pr->owner->name);
  json_object_set_string_member (f, "location", pr->location);
  json_object_set_string_member (f, "area", pr->area);
  json_object_set_string_member (f, "usage", "商业");
  json_object_set_string_member (f, "right_type", "国有建设用地使用权/房屋所有权");
  demo_add_licence (self, pr->owner, "real_estate_certificate",
                    unique_number (self, "real_estate_certificate", make_estate_number,
                                   GINT_TO_POINTER (g_date_get_year (&issued))),
                    "合肥市不动产登记中心", &issued, NULL, f);
}

/* --- school-age children: 户口簿, sometimes 居民身份证 and 社会保障卡 */

static gboolean
child_licences (DemoLoad       *self,
                DemoApplicant  *c,
                GError        **error)
{
  GRand *r = self->rl;
  int age = demo_age_on (c, &self->today);
  GDate born, issued, until, lo, hi;
  JsonObject *f;

  c->ethnicity = c->father->ethnicity;
  demo_set_date (&born, c->birth_year, c->birth_month, c->birth_day);

  /* registered within two months of the birth, or when the household moved in */
  issued = born;
  g_date_add_days (&issued, (guint) demo_rnd (r, 7, 60));
  if (demo_date_is_before (&issued, &c->head->household_since))
    issued = c->head->household_since;
  if (!demo_date_is_before (&issued, &self->today))
    demo_days_from_today (self, &issued, -1);
  household_register_licence (self, c, &issued);

  /* 居民身份证: voluntary under sixteen (35 % of those of 9 to 15), valid
   * five years; those sixteen already took theirs at fifteen */
  if (age >= 16 || (age >= 9 && demo_quota_take (&self->child_id)))
    {
      DemoLicence *id;

      if (age >= 16)
        {
          /* at fifteen, before the senior middle school entrance exam */
          demo_birthday_at (c, 15, &lo);
          demo_birthday_at (c, 16, &hi);
          g_date_subtract_days (&hi, 1);
        }
      else
        {
          demo_birthday_at (c, 8, &lo);
          demo_days_from_today (self, &hi, -5 * 365 + 30);
          if (demo_date_is_before (&lo, &hi))
            lo = hi;
          demo_days_from_today (self, &hi, -20);
        }
      demo_date_between (r, &lo, &hi, &issued);
      until = issued;
      g_date_add_years (&until, 5);
      f = json_object_new ();
      json_object_set_string_member (f, "name", c->name);
      json_object_set_string_member (f, "sex", c->male ? "男" : "女");
      json_object_set_string_member (f, "ethnicity", c->ethnicity);
      json_object_set_string_member (f, "birth_date", birth_iso (self, c));
      json_object_set_string_member (f, "address", c->address);
      id = demo_add_licence (self, c, "id_card", c->key, c->district->police, &issued, &until, f);
      id->photo = draw_photo (self, c, error);
      if (id->photo == NULL)
        return FALSE;
    }

  /* 社会保障卡 of the residents' medical insurance */
  if (demo_chance (r, 0.5))
    {
      lo = born;
      g_date_add_days (&lo, 30);
      demo_days_from_today (self, &hi, -30);
      demo_date_between (r, &lo, &hi, &issued);
      until = issued;
      g_date_add_years (&until, 10);
      f = json_object_new ();
      json_object_set_string_member (f, "name", c->name);
      json_object_set_string_member (f, "social_security_number", c->key);
      json_object_set_string_member (f, "bank", demo_pick (r, &self->banks));
      json_object_set_string_member (f, "insured_place", c->district->name);
      json_object_set_string_member (f, "issued_city", "合肥市");
      demo_add_licence (self, c, "social_security_card",
                        unique_number (self, "social_security_card", make_ss_number, NULL),
                        "合肥市人力资源和社会保障局", &issued, &until, f);
    }
  return TRUE;
}

gboolean
demo_generate_licences (DemoLoad  *self,
                        GError   **error)
{
  guint i;

  for (i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);

      if (!(p->flags & F_CHILD) && !person_licences (self, p, error))
        return FALSE;
    }
  for (i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);

      if (p->male && p->spouse != NULL)
        couple_licences (self, p);
    }
  for (i = 0; i < self->enterprises->len; i++)
    enterprise_licences (self, g_ptr_array_index (self->enterprises, i), i);
  for (i = 0; i < self->premises->len; i++)
    premises_licences (self, g_ptr_array_index (self->premises, i));
  for (i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);

      if ((p->flags & F_CHILD) && !child_licences (self, p, error))
        return FALSE;
    }
  demo_source_licences (self);
  demo_registry_licences (self);
  return TRUE;
}
