/* zc-demo-people.c — the demo's persons and enterprises: names.json, households, couples, school-age children, enterprises and their premises
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-demo-private.h"

/* ------------------------------------------------------------------ */
/* names.json                                                           */
/* ------------------------------------------------------------------ */

static gboolean
get_strlist (DemoLoad    *self,
             JsonObject  *obj,
             const char  *member,
             StrList     *out,
             const char  *file,
             GError     **error)
{
  JsonArray *array = demo_member_array (obj, member);
  guint n;

  if (array == NULL || (n = json_array_get_length (array)) == 0)
    {
      g_autofree char *what = g_strdup_printf (_("“%s” is missing or empty"), member);
      return demo_invalid_data (error, file, what);
    }

  out->v = g_new0 (const char *, n + 1);
  out->n = n;
  g_ptr_array_add (self->strings, out->v);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *json_node_get_string (node) == '\0')
        {
          g_autofree char *what = g_strdup_printf (_("“%s” must hold only non-empty strings"), member);
          return demo_invalid_data (error, file, what);
        }
      out->v[i] = json_node_get_string (node);
    }
  return TRUE;
}

static gboolean
is_region_code (const char *code)
{
  if (code == NULL || strlen (code) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return code[0] != '0';
}

gboolean
demo_load_names (DemoLoad  *self,
                 GError   **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, "demo", "names.json", NULL);
  const char *file = "demo/names.json";
  JsonObject *root;
  JsonArray *regions, *districts;
  static const struct { const char *member; gsize offset; } lists[] = {
    { "surnames", G_STRUCT_OFFSET (DemoLoad, surnames) },
    { "double_surnames", G_STRUCT_OFFSET (DemoLoad, double_surnames) },
    { "given_male", G_STRUCT_OFFSET (DemoLoad, given_male) },
    { "given_female", G_STRUCT_OFFSET (DemoLoad, given_female) },
    { "given_child", G_STRUCT_OFFSET (DemoLoad, given_child) },
    { "compounds", G_STRUCT_OFFSET (DemoLoad, compounds) },
    { "hospitals", G_STRUCT_OFFSET (DemoLoad, hospitals) },
    { "banks", G_STRUCT_OFFSET (DemoLoad, banks) },
    { "health_institutions", G_STRUCT_OFFSET (DemoLoad, health_institutions) },
    { "trade_names", G_STRUCT_OFFSET (DemoLoad, trade_names) },
    { "restaurant_suffixes", G_STRUCT_OFFSET (DemoLoad, restaurant_suffixes) },
    { "transport_suffixes", G_STRUCT_OFFSET (DemoLoad, transport_suffixes) },
    { "trade_suffixes", G_STRUCT_OFFSET (DemoLoad, trade_suffixes) },
    { "property_companies", G_STRUCT_OFFSET (DemoLoad, property_suffixes) },
    { "given_boy", G_STRUCT_OFFSET (DemoLoad, given_boy) },
    { "given_girl", G_STRUCT_OFFSET (DemoLoad, given_girl) },
    { "employer_suffixes", G_STRUCT_OFFSET (DemoLoad, employer_suffixes) },
    { "firm_names", G_STRUCT_OFFSET (DemoLoad, firm_names) },
    { "securities_companies", G_STRUCT_OFFSET (DemoLoad, securities) },
  };

  self->names_parser = json_parser_new_immutable ();
  if (!json_parser_load_from_file (self->names_parser, path, error))
    {
      g_prefix_error (error, _("Cannot read the demo data file %s: "), file);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (self->names_parser)))
    return demo_invalid_data (error, file, _("the top level is not an object"));
  root = json_node_get_object (json_parser_get_root (self->names_parser));

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (!get_strlist (self, root, lists[i].member,
                      G_STRUCT_MEMBER_P (self, lists[i].offset), file, error))
      return FALSE;

  regions = demo_member_array (root, "birth_regions");
  if (regions == NULL || json_array_get_length (regions) == 0)
    return demo_invalid_data (error, file, _("“birth_regions” is missing or empty"));
  for (guint i = 0; i < json_array_get_length (regions); i++)
    {
      JsonObject *o = json_array_get_object_element (regions, i);
      DemoRegion region;

      region.code = demo_member_string (o, "code");
      region.name = demo_member_string (o, "name");
      region.weight = (int) demo_member_int (o, "weight", 1);
      if (!is_region_code (region.code) || region.name == NULL || region.weight < 1 || region.weight > 1000)
        return demo_invalid_data (error, file, _("a birth region needs a 6-digit “code”, a “name” and a positive “weight”"));
      g_array_append_val (self->regions, region);
      self->region_weight += region.weight;
    }

  districts = demo_member_array (root, "districts");
  if (districts == NULL || json_array_get_length (districts) == 0)
    return demo_invalid_data (error, file, _("“districts” is missing or empty"));
  for (guint i = 0; i < json_array_get_length (districts); i++)
    {
      JsonObject *o = json_array_get_object_element (districts, i);
      DemoDistrict *d = g_new0 (DemoDistrict, 1);

      g_ptr_array_add (self->strings, d);
      d->code = demo_member_string (o, "code");
      d->name = demo_member_string (o, "name");
      d->short_name = demo_member_string (o, "short");
      d->police = demo_member_string (o, "police");
      if (!is_region_code (d->code) || d->name == NULL || d->short_name == NULL || d->police == NULL)
        return demo_invalid_data (error, file, _("a district needs a 6-digit “code”, “name”, “short” and “police”"));
      if (!get_strlist (self, o, "station", &d->stations, file, error) ||
          !get_strlist (self, o, "streets", &d->streets, file, error))
        return FALSE;
      g_ptr_array_add (self->districts, d);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Applicants                                                           */
/* ------------------------------------------------------------------ */

static void
licence_free (gpointer data)
{
  DemoLicence *l = data;

  g_clear_pointer (&l->fields, json_object_unref);
  g_clear_pointer (&l->photo, g_bytes_unref);
  g_free (l);
}

void
demo_applicant_free (gpointer data)
{
  DemoApplicant *a = data;

  g_ptr_array_unref (a->licences);
  g_array_unref (a->parties);
  g_free (a);
}

static DemoApplicant *
applicant_new (DemoLoad *self,
               gboolean  enterprise)
{
  DemoApplicant *a = g_new0 (DemoApplicant, 1);

  a->enterprise = enterprise;
  a->licences = g_ptr_array_new_with_free_func (licence_free);
  a->parties = g_array_new (FALSE, FALSE, sizeof (DemoParty));
  g_ptr_array_add (self->applicants, a);
  g_ptr_array_add (enterprise ? self->enterprises : self->persons, a);
  return a;
}

void
demo_add_party (DemoApplicant *a,
                const char    *role,
                DemoApplicant *party)
{
  DemoParty p = { role, party };

  if (party == NULL)
    return;
  for (guint i = 0; i < a->parties->len; i++)
    {
      DemoParty *q = &g_array_index (a->parties, DemoParty, i);

      if (q->party == party && strcmp (q->role, role) == 0)
        return;
    }
  g_array_append_val (a->parties, p);
}

DemoApplicant *
demo_find_party (DemoApplicant *a,
                 const char    *role)
{
  for (guint i = 0; i < a->parties->len; i++)
    {
      DemoParty *q = &g_array_index (a->parties, DemoParty, i);

      if (strcmp (q->role, role) == 0)
        return q->party;
    }
  return NULL;
}

static const DemoRegion *
pick_region (DemoLoad *self)
{
  int w = demo_rnd (self->rp, 0, self->region_weight - 1);

  for (guint i = 0; i < self->regions->len; i++)
    {
      const DemoRegion *r = &g_array_index (self->regions, DemoRegion, i);

      if (w < r->weight)
        return r;
      w -= r->weight;
    }
  return &g_array_index (self->regions, DemoRegion, 0);
}

static const DemoDistrict *
pick_district (DemoLoad *self,
               GRand    *r)
{
  /* the city districts (listed first) are more likely */
  guint n = self->districts->len;
  guint i = demo_chance (r, 0.8) ? (guint) demo_rnd (r, 0, (int) MIN (n, 4) - 1) : (guint) demo_rnd (r, 0, (int) n - 1);

  return g_ptr_array_index (self->districts, i);
}

static const char *
make_phone (DemoLoad *self,
            GRand    *r)
{
  static const char * const prefixes[] = {
    "139", "138", "137", "136", "135", "159", "158", "157", "152", "151", "150",
    "188", "187", "182", "183", "178", "177", "180", "181", "189", "186", "185",
    "133", "153", "199", "198", "166", "176", "173", "191",
  };

  {
    /* one draw after another: C leaves the order of arguments open */
    int draw0 = demo_rnd (r, 0, 99999999);
    const char *draw1 = demo_pick_array (r, prefixes, G_N_ELEMENTS (prefixes));
    return demo_keep (self, g_strdup_printf ("%s%08d", draw1, draw0));
  }
}

static const char *
make_home_address (DemoLoad           *self,
                   GRand              *r,
                   const DemoDistrict *d)
{
  {
    /* one draw after another: C leaves the order of arguments open */
    int draw0 = demo_rnd (r, 1, 4);
    int draw1 = demo_rnd (r, 1, 32);
    int draw2 = demo_rnd (r, 1, 36);
    const char *draw3 = demo_pick (r, &self->compounds);
    int draw4 = demo_rnd (r, 1, 399);
    const char *draw5 = demo_pick (r, &d->streets);
    return demo_keep (self, g_strdup_printf ("%s%s%d号%s%d栋%d%02d室", d->name, draw5, draw4, draw3, draw2, draw1, draw0));
  }
}

const char *
demo_make_shop_address (DemoLoad           *self,
                        GRand              *r,
                        const DemoDistrict *d)
{
  {
    /* one draw after another: C leaves the order of arguments open */
    int draw0 = demo_rnd (r, 1, 30);
    int draw1 = demo_rnd (r, 1, 12);
    const char *draw2 = demo_pick (r, &self->compounds);
    int draw3 = demo_rnd (r, 1, 399);
    const char *draw4 = demo_pick (r, &d->streets);
    return demo_keep (self, g_strdup_printf ("%s%s%d号%s商业街%d栋1%02d室", d->name, draw4, draw3, draw2, draw1, draw0));
  }
}

/* A person born in [@year_min, @year_max] in a weighted birth region; or,
 * with @region_code and @born, born on that day there (children). */
static DemoApplicant *
make_person_full (DemoLoad    *self,
                  gboolean     male,
                  int          year_min,
                  int          year_max,
                  const char  *surname,
                  const char  *region_code,
                  const GDate *born)
{
  GRand *r = self->rp;
  DemoApplicant *p = applicant_new (self, FALSE);

  for (;;)
    {
      const char *region = region_code ? region_code : pick_region (self)->code;
      int year = born ? g_date_get_year (born) : demo_rnd (r, year_min, year_max);
      int month = born ? (int) g_date_get_month (born) : demo_rnd (r, 1, 12);
      int day = born ? g_date_get_day (born)
                     : demo_rnd (r, 1, g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      int seq = demo_rnd (r, 1, 999);
      char first17[18];
      char check;

      if ((seq & 1) != (male ? 1 : 0))
        seq = seq < 999 ? seq + 1 : seq - 1;
      g_snprintf (first17, sizeof first17, "%s%04d%02d%02d%03d",
                  region, year, month, day, seq);
      check = zc_resident_id_check_char (first17);
      if (check == '\0')
        continue;
      g_snprintf (p->key, sizeof p->key, "%s%c", first17, check);
      if (g_hash_table_contains (self->keys, p->key))
        continue;
      p->birth_year = year;
      p->birth_month = month;
      p->birth_day = day;
      break;
    }
  g_hash_table_insert (self->keys, p->key, p);

  p->male = male;
  if (surname == NULL)
    surname = demo_chance (r, 0.04) ? demo_pick (r, &self->double_surnames) : demo_pick (r, &self->surnames);
  p->surname = surname;
  p->name = demo_keep (self, g_strconcat (surname,
                                          demo_pick (r, male ? &self->given_male : &self->given_female),
                                          NULL));
  p->phone = make_phone (self, r);
  p->district = pick_district (self, r);
  p->address = make_home_address (self, r, p->district);
  return p;
}

static DemoApplicant *
make_person (DemoLoad   *self,
             gboolean    male,
             int         year_min,
             int         year_max,
             const char *surname)
{
  return make_person_full (self, male, year_min, year_max, surname, NULL, NULL);
}

static void
make_household (DemoLoad       *self,
                DemoApplicant **members,
                const char    **relations,
                guint           n)
{
  GRand *r = self->rp;
  DemoApplicant *head = members[0];
  const char *number;

  do
    number = demo_keep (self, g_strdup_printf ("%s%06d", head->district->code, demo_rnd (r, 1, 999999)));
  while (g_hash_table_contains (self->used, number));
  g_hash_table_add (self->used, (gpointer) number);

  for (guint i = 0; i < n; i++)
    {
      DemoApplicant *m = members[i];

      m->head = head;
      m->relation = relations[i];
      m->household_no = number;
      m->district = head->district;
      m->address = head->address;
      if (m != head)
        demo_add_party (m, "household_head", head);
    }
}

static void
marry (DemoLoad      *self,
       DemoApplicant *husband,
       DemoApplicant *wife)
{
  DemoApplicant *members[2] = { husband, wife };
  const char *relations[2] = { "户主", "配偶" };

  husband->spouse = wife;
  wife->spouse = husband;
  demo_add_party (husband, "spouse", wife);
  demo_add_party (wife, "spouse", husband);
  if (demo_chance (self->rp, 0.15))
    {
      /* the wife heads the household */
      members[0] = wife;
      members[1] = husband;
    }
  make_household (self, members, relations, 2);
}

static void
make_single (DemoLoad *self,
             int       year_min,
             int       year_max)
{
  DemoApplicant *p = make_person (self, demo_chance (self->rp, 0.5), year_min, year_max, NULL);
  const char *relation = "户主";

  make_household (self, &p, &relation, 1);
}

static void
make_couple (DemoLoad *self,
             int       year_min,
             int       year_max,
             guint     flags)
{
  DemoApplicant *husband = make_person (self, TRUE, year_min, year_max, NULL);
  int wy = CLAMP (husband->birth_year + demo_rnd (self->rp, -2, 5), year_min, year_max + 3);
  DemoApplicant *wife = make_person (self, FALSE, wy, wy, NULL);

  husband->flags |= flags;
  wife->flags |= flags;
  marry (self, husband, wife);
}

/* a person born in [year_min, year_max] without any of @exclude, or NULL */
static DemoApplicant *
pick_person (DemoLoad *self,
             int       year_min,
             int       year_max,
             guint     exclude)
{
  guint n = self->persons->len;
  guint start = (guint) demo_rnd (self->rp, 0, (int) n - 1);

  for (guint k = 0; k < n; k++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, (start + k) % n);

      if (p->birth_year >= year_min && p->birth_year <= year_max && (p->flags & exclude) == 0)
        return p;
    }
  return NULL;
}

static char
org_check_char (const char *body8)
{
  static const int weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0, c9;

  for (guint i = 0; i < 8; i++)
    {
      char c = body8[i];
      int v = g_ascii_isdigit (c) ? c - '0' : c - 'A' + 10;

      sum += v * weights[i];
    }
  c9 = 11 - sum % 11;
  if (c9 == 10)
    return 'X';
  if (c9 == 11)
    return '0';
  return (char) ('0' + c9);
}

static const char *
unique_name (DemoLoad   *self,
             const char *prefix,
             const StrList *suffixes)
{
  GRand *r = self->rp;

  for (guint attempt = 0; ; attempt++)
    {
      const char *name;

      if (attempt < 200)
        {
          /* one draw after another: C leaves the order of arguments open */
          const char *draw0 = demo_pick (r, suffixes);
          const char *draw1 = demo_pick (r, &self->trade_names);
          name = demo_keep (self, g_strconcat (prefix, draw1, draw0, NULL));
        }
      else
        {
          /* one draw after another: C leaves the order of arguments open */
          const char *draw0 = demo_pick (r, suffixes);
          const char *draw1 = demo_pick (r, &self->trade_names);
          name = demo_keep (self, g_strdup_printf ("%s%s%u%s", prefix, draw1, attempt, draw0));
        }
      if (!g_hash_table_contains (self->used, name))
        {
          g_hash_table_add (self->used, (gpointer) name);
          return name;
        }
    }
}

const char *
demo_company_name (DemoLoad           *self,
                   DemoBiz             biz,
                   const DemoDistrict *d)
{
  switch (biz)
    {
    case BIZ_RESTAURANT:
      return unique_name (self, d->name, &self->restaurant_suffixes);
    case BIZ_TRANSPORT:
      return unique_name (self, "合肥", &self->transport_suffixes);
    case BIZ_PROPERTY:
      return unique_name (self, "合肥", &self->property_suffixes);
    case BIZ_TRADE:
    case BIZ_NONE:
    default:
      return unique_name (self, "安徽", &self->trade_suffixes);
    }
}

static DemoApplicant *
make_enterprise (DemoLoad      *self,
                 DemoBiz        biz,
                 DemoApplicant *rep)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  GRand *r = self->rp;
  DemoApplicant *e = applicant_new (self, TRUE);
  const DemoDistrict *d = g_ptr_array_index (self->districts, demo_rnd (r, 0, (int) MIN (self->districts->len, 4) - 1));

  for (;;)
    {
      char body[9], first17[18], check;

      if (demo_chance (r, 0.7))
        {
          body[0] = 'M';
          body[1] = 'A';
          for (guint i = 2; i < 8; i++)
            body[i] = alphabet[demo_rnd (r, 0, 30)];
        }
      else
        {
          for (guint i = 0; i < 8; i++)
            body[i] = (char) ('0' + demo_rnd (r, 0, 9));
          if (body[0] == '0')
            body[0] = '7';
        }
      body[8] = '\0';
      g_snprintf (first17, sizeof first17, "91%s%s%c", d->code, body, org_check_char (body));
      check = zc_uscc_check_char (first17);
      if (check == '\0')
        continue;
      g_snprintf (e->key, sizeof e->key, "%s%c", first17, check);
      if (!g_hash_table_contains (self->keys, e->key))
        break;
    }
  g_hash_table_insert (self->keys, e->key, e);

  e->biz = biz;
  e->district = d;
  e->name = demo_company_name (self, biz, d);
  e->legal_rep = rep;
  rep->flags |= F_LEGAL_REP;
  if (rep->company == NULL)
    rep->company = e;
  demo_add_party (e, "legal_representative", rep);
  e->phone = demo_chance (r, 0.6)
             ? demo_keep (self, g_strdup_printf ("0551-6%07d", demo_rnd (r, 0, 9999999)))
             : make_phone (self, r);
  if (biz == BIZ_RESTAURANT)
    e->address = NULL;          /* its premises, set later */
  else
    {
      /* one draw after another: C leaves the order of arguments open */
      int draw0 = demo_rnd (r, 1, 20);
      int draw1 = demo_rnd (r, 2, 28);
      const char *draw2 = demo_pick (r, &self->trade_names);
      int draw3 = demo_rnd (r, 1, 399);
      const char *draw4 = demo_pick (r, &d->streets);
      e->address = demo_keep (self, g_strdup_printf ("%s%s%d号%s大厦%d%02d室", d->name, draw4, draw3, draw2, draw1, draw0));
    }
  return e;
}

static DemoPremises *
make_premises (DemoLoad      *self,
               DemoApplicant *owner)
{
  DemoPremises *pr = g_new0 (DemoPremises, 1);
  const DemoDistrict *d = owner->district != NULL
                          ? owner->district
                          : g_ptr_array_index (self->districts, 0);

  pr->owner = owner;
  pr->location = demo_make_shop_address (self, self->rp, d);
  {
    /* one draw after another: C leaves the order of arguments open */
    int draw0 = demo_rnd (self->rp, 0, 99);
    int draw1 = demo_rnd (self->rp, 35, 260);
    pr->area = demo_keep (self, g_strdup_printf ("%d.%02d", draw1, draw0));
  }
  owner->flags |= F_PREMISES_OWNER;
  g_ptr_array_add (self->premises, pr);
  return pr;
}

static DemoPremises *
free_premises (DemoLoad      *self,
               DemoApplicant *user)
{
  guint n = self->premises->len;
  guint start = (guint) demo_rnd (self->rp, 0, (int) n - 1);

  for (guint k = 0; k < n; k++)
    {
      DemoPremises *pr = g_ptr_array_index (self->premises, (start + k) % n);

      if (pr->user == NULL)
        {
          pr->user = user;
          return pr;
        }
    }
  /* none left: a new unit of a property company */
  {
    DemoApplicant *owner = NULL;

    for (guint i = 0; i < self->enterprises->len && owner == NULL; i++)
      {
        DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

        if (e->biz == BIZ_PROPERTY)
          owner = e;
      }
    if (owner == NULL)
      owner = g_ptr_array_index (self->persons, 0);
    {
      DemoPremises *pr = make_premises (self, owner);

      pr->user = user;
      return pr;
    }
  }
}

/* --- school-age children */

/* the year of the school entry a case on @date is about: registration
 * runs in spring and summer for September; the autumn term is the same
 * school year */
int
demo_enrolment_year (const GDate *date)
{
  return g_date_get_year (date) - (g_date_get_month (date) < 3 ? 1 : 0);
}

/* "小学一年级" or "初中一年级" when @child enters it in @year (six or twelve
 * years old on August 31), NULL otherwise */
const char *
demo_entry_stage (const DemoApplicant *child,
                  int                  year)
{
  GDate born, from, to;

  demo_set_date (&born, child->birth_year, child->birth_month, child->birth_day);
  demo_set_date (&from, year - 7, 9, 1);
  demo_set_date (&to, year - 6, 8, 31);
  if (g_date_compare (&born, &from) >= 0 && g_date_compare (&born, &to) <= 0)
    return "小学一年级";
  demo_set_date (&from, year - 13, 9, 1);
  demo_set_date (&to, year - 12, 8, 31);
  if (g_date_compare (&born, &from) >= 0 && g_date_compare (&born, &to) <= 0)
    return "初中一年级";
  return NULL;
}

static DemoApplicant *
make_child (DemoLoad      *self,
            DemoApplicant *father,
            DemoApplicant *mother,
            const GDate   *born)
{
  GRand *r = self->rp;
  gboolean boy = demo_chance (r, 0.52);
  const char *surname = demo_chance (r, 0.92) ? father->surname : mother->surname;
  DemoApplicant *head = father->head;
  DemoApplicant *c = make_person_full (self, boy, 0, 0, surname, head->district->code, born);

  /* a name of the 2010s, not the sibling's */
  for (;;)
    {
      const char *name = demo_keep (self, g_strconcat (surname, demo_pick (r, boy ? &self->given_boy : &self->given_girl), NULL));

      if (father->n_children == 0 || strcmp (father->children[0]->name, name) != 0)
        {
          c->name = name;
          break;
        }
    }
  c->flags |= F_CHILD;
  c->phone = mother->phone;   /* the guardian's */
  c->father = father;
  c->mother = mother;
  c->head = head;
  if (head == father || head == mother)
    c->relation = boy ? "子" : "女";
  else
    c->relation = boy ? "孙子" : "孙女";
  c->household_no = head->household_no;
  c->district = head->district;
  c->address = head->address;
  demo_add_party (c, "household_head", head);
  demo_add_party (c, "guardian", demo_chance (r, 0.6) ? mother : father);
  father->children[father->n_children++] = c;
  mother->children[mother->n_children++] = c;
  return c;
}

/* @m joins the household of @head as @relation (household_head party too) */
static void
move_into_household (DemoApplicant *m,
                     DemoApplicant *head,
                     const char    *relation)
{
  gboolean listed = FALSE;

  m->head = head;
  m->relation = relation;
  m->household_no = head->household_no;
  m->district = head->district;
  m->address = head->address;
  for (guint i = 0; i < m->parties->len; i++)
    {
      DemoParty *q = &g_array_index (m->parties, DemoParty, i);

      if (strcmp (q->role, "household_head") == 0)
        {
          q->party = head;
          listed = TRUE;
        }
    }
  if (!listed)
    demo_add_party (m, "household_head", head);
}

/* a widowed mother of @father (22 to 38 years older, living alone) whose
 * household the family joins: three generations, or NULL */
static DemoApplicant *
pick_grandmother (DemoLoad      *self,
                  DemoApplicant *father)
{
  guint n = self->persons->len;
  guint start = (guint) demo_rnd (self->rp, 0, (int) n - 1);

  for (guint k = 0; k < n; k++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, (start + k) % n);

      if (!p->male && p->spouse == NULL && p->head == p && !(p->flags & F_CHILD) &&
          p->birth_year >= father->birth_year - 38 && p->birth_year <= father->birth_year - 22 &&
          (p->flags & (F_REST_FOUNDER | F_TRANS_FOUNDER | F_LEGAL_REP | F_PREMISES_OWNER)) == 0)
        {
          gboolean taken = FALSE;

          for (guint i = 0; i < n && !taken; i++)
            {
              DemoApplicant *o = g_ptr_array_index (self->persons, i);

              taken = o != p && o->head == p;
            }
          if (!taken)
            return p;
        }
    }
  return NULL;
}

/* About half of the couples born 1975–1994 have a child born 2013–2020
 * (some two), a good share of them at the school entry ages of 2026;
 * each parent lists one child as the party "child": the one entering
 * school this year if any, else the youngest.  Most of these households
 * own their home.  Made last, after every other person, so the other
 * identities do not move. */
static void
generate_children (DemoLoad *self)
{
  GRand *r = self->rp;
  guint n = self->persons->len;
  int year = demo_enrolment_year (&self->today);

  for (guint i = 0; i < n; i++)
    {
      DemoApplicant *father = g_ptr_array_index (self->persons, i);
      DemoApplicant *mother = father->spouse;
      DemoApplicant *listed = NULL;
      guint n_kids;
      GDate latest, d;

      if (!father->male || mother == NULL || father->head == NULL ||
          father->birth_year < 1975 || father->birth_year > 1994)
        continue;
      /* about half of the couples: most of those old enough for a child born by 2020 */
      demo_set_date (&latest, 2020, 12, 31);
      demo_birthday_at (mother, 22, &d);
      if (demo_date_is_before (&latest, &d))
        continue;
      demo_birthday_at (father, 24, &d);
      if (demo_date_is_before (&latest, &d) || !demo_chance (r, 0.55))
        continue;
      /* some live with the husband's widowed mother: the children are 孙子/孙女 */
      if (demo_chance (r, 0.15))
        {
          DemoApplicant *grandmother = pick_grandmother (self, father);

          if (grandmother != NULL)
            {
              move_into_household (father, grandmother, "子");
              move_into_household (mother, grandmother, "儿媳");
            }
        }
      n_kids = demo_chance (r, 0.3) ? 2 : 1;
      for (guint k = 0; k < n_kids; k++)
        {
          GDate lo, hi, from, to, born;
          int roll = demo_rnd (r, 0, 99);

          /* the mother 22 or older, the father 24 (married before, at the
           * legal ages); a sibling two years or more later */
          demo_set_date (&lo, 2013, 1, 1);
          demo_set_date (&hi, 2020, 12, 31);
          demo_birthday_at (mother, 22, &d);
          if (demo_date_is_before (&lo, &d))
            lo = d;
          demo_birthday_at (father, 24, &d);
          if (demo_date_is_before (&lo, &d))
            lo = d;
          if (k == 1)
            {
              DemoApplicant *first = father->children[0];

              demo_birthday_at (first, 2, &d);
              if (demo_date_is_before (&lo, &d))
                lo = d;
            }
          if (demo_date_is_before (&hi, &lo))
            break;
          /* the entrants of the 2026 school year: primary, junior middle */
          if (roll < 40)
            {
              demo_set_date (&from, roll < 25 ? 2019 : 2013, 9, 1);
              demo_set_date (&to, roll < 25 ? 2020 : 2014, 8, 31);
              if (demo_date_is_before (&from, &lo))
                from = lo;
              if (demo_date_is_before (&hi, &to))
                to = hi;
              if (!demo_date_is_before (&to, &from))
                {
                  lo = from;
                  hi = to;
                }
            }
          demo_date_between (r, &lo, &hi, &born);
          make_child (self, father, mother, &born);
        }
      for (guint k = 0; k < father->n_children; k++)
        {
          DemoApplicant *c = father->children[k];

          if (listed == NULL || demo_entry_stage (c, year) != NULL)
            listed = c;
          if (demo_entry_stage (c, year) != NULL)
            break;
        }
      /* no entrant: the youngest */
      if (listed != NULL && demo_entry_stage (listed, year) == NULL)
        listed = father->children[father->n_children - 1];
      demo_add_party (father, "child", listed);
      demo_add_party (mother, "child", listed);
      /* families with pupils mostly own their home (the school district) */
      if (listed != NULL && demo_chance (r, 0.7))
        father->head->flags |= F_HOME_OWNER;
    }
}

void
demo_generate_people (DemoLoad *self)
{
  GRand *r = self->rp;
  guint i;

  /* households */
  for (i = 0; i < 46; i++)
    make_couple (self, 1964, 1996, 0);
  for (i = 0; i < 28; i++)
    make_couple (self, 1988, 1999, F_NEWBORN_PARENT);
  for (i = 0; i < 12; i++)
    make_couple (self, 1945, 1962, 0);
  for (i = 0; i < 20; i++)
    make_single (self, 1945, 1960);
  for (i = 0; i < 62; i++)
    make_single (self, 1972, 2006);

  /* roles */
  for (i = 0; i < 42; i++)
    {
      DemoApplicant *p = pick_person (self, 1968, 2005, F_FOOD_STAFF);

      if (p != NULL)
        p->flags |= F_FOOD_STAFF;
    }
  for (i = 0; i < 10; i++)
    {
      DemoApplicant *p = i < 6 ? pick_person (self, 1945, 1962, F_DISABLED)
                               : pick_person (self, 1965, 2004, F_DISABLED);

      if (p != NULL)
        p->flags |= F_DISABLED;
    }
  for (i = 0; i < 40; i++)
    {
      DemoApplicant *p = pick_person (self, 1950, 1995, F_HOME_OWNER);

      if (p != NULL)
        p->flags |= F_HOME_OWNER;
    }
  for (i = 0; i < 4; i++)
    {
      DemoApplicant *p = pick_person (self, 1960, 2000, 0);

      if (p != NULL)
        p->breach = TRUE;
    }

  /* enterprises with their legal representatives */
  for (i = 0; i < 5; i++)
    make_enterprise (self, BIZ_PROPERTY, pick_person (self, 1958, 1985, 0));
  for (i = 0; i < 14; i++)
    {
      DemoApplicant *owner = pick_person (self, 1950, 1985, F_PREMISES_OWNER | F_REST_FOUNDER);

      if (owner != NULL)
        make_premises (self, owner);
    }
  for (i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (e->biz == BIZ_PROPERTY)
        for (guint k = 0; k < 11; k++)
          make_premises (self, e);
    }
  for (i = 0; i < 30; i++)
    make_enterprise (self, BIZ_RESTAURANT, pick_person (self, 1965, 2000, 0));
  for (i = 0; i < 14; i++)
    make_enterprise (self, BIZ_TRANSPORT, pick_person (self, 1962, 1995, 0));
  for (i = 0; i < 26; i++)
    make_enterprise (self, BIZ_TRADE, pick_person (self, 1960, 2000, 0));

  for (i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (i % 17 == 5)
        e->breach = TRUE;
      if (e->biz != BIZ_RESTAURANT)
        continue;
      e->premises = free_premises (self, e);
      e->address = e->premises->location;
      demo_add_party (e, "premises_owner", e->premises->owner);
      demo_add_party (e, "staff", pick_person (self, 1968, 2005, 0) /* re-flagged below */);
    }

  /* founders of future restaurants and transport companies */
  for (i = 0; i < 26; i++)
    {
      DemoApplicant *f = pick_person (self, 1968, 2002, F_REST_FOUNDER | F_TRANS_FOUNDER | F_NEWBORN_PARENT);
      DemoApplicant *staff;

      if (f == NULL)
        break;
      f->flags |= F_REST_FOUNDER;
      f->planned_biz = BIZ_RESTAURANT;
      f->planned_name = demo_company_name (self, BIZ_RESTAURANT, f->district);
      if (demo_chance (r, 0.7) || f->spouse == NULL)
        demo_add_party (f, "legal_representative", f);
      else
        demo_add_party (f, "legal_representative", f->spouse);
      staff = (f->flags & F_FOOD_STAFF) && demo_chance (r, 0.5) ? f : pick_person (self, 1968, 2005, F_REST_FOUNDER);
      if (staff != NULL)
        {
          staff->flags |= F_FOOD_STAFF;
          demo_add_party (f, "staff", staff);
        }
      if (demo_chance (r, 0.15))
        {
          f->premises = make_premises (self, f);
          f->premises->user = f;
        }
      else
        f->premises = free_premises (self, f);
      demo_add_party (f, "premises_owner", f->premises->owner);
    }
  for (i = 0; i < 16; i++)
    {
      DemoApplicant *f = pick_person (self, 1965, 1998, F_REST_FOUNDER | F_TRANS_FOUNDER | F_NEWBORN_PARENT);

      if (f == NULL)
        break;
      f->flags |= F_TRANS_FOUNDER;
      f->planned_biz = BIZ_TRANSPORT;
      f->planned_name = demo_company_name (self, BIZ_TRANSPORT, f->district);
      demo_add_party (f, "legal_representative", demo_chance (r, 0.8) || f->spouse == NULL ? f : f->spouse);
      f->premises = free_premises (self, f);
      demo_add_party (f, "premises_owner", f->premises->owner);
    }

  /* every named staff member is food staff (health certificate) */
  for (i = 0; i < self->applicants->len; i++)
    {
      DemoApplicant *a = g_ptr_array_index (self->applicants, i);
      DemoApplicant *staff = demo_find_party (a, "staff");

      if (staff != NULL)
        staff->flags |= F_FOOD_STAFF;
    }

  generate_children (self);
}
