/* zc-demo-records.c — records of other agencies in the demo: social insurance, housing fund, penalties, court rulings, liquidation and listing guidance filings, transport qualifications, vehicle licences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zc-demo-private.h"

/* --- records of other agencies (prefill sources): 社会保险个人参保证明,
 * 住房公积金缴存证明, 行政处罚决定书, 受理破产申请民事裁定书,
 * 清算组备案通知书.  From their own GRand, after every other licence. */

static char *
make_si_number (GRand    *r,
                gpointer  data)
{
  {
    /* one draw after another: C leaves the order of arguments open */
    int draw0 = demo_rnd (r, 0, 999999);
    int draw1 = demo_rnd (r, 100, 9999);
    return g_strdup_printf ("SB34%04d%06d", draw1, draw0);
  }
}

static char *
make_fund_number (GRand    *r,
                  gpointer  data)
{
  {
    /* one draw after another: C leaves the order of arguments open */
    int draw0 = demo_rnd (r, 0, 999999);
    int draw1 = demo_rnd (r, 10, 99);
    return g_strdup_printf ("1010%02d%06d", draw1, draw0);
  }
}

/* data: the prefix up to the sequence number, e.g. "合市监处罚〔2025〕" */
static char *
make_doc_number (GRand    *r,
                 gpointer  data)
{
  return g_strdup_printf ("%s%d号", (const char *) data, demo_rnd (r, 1, 999));
}

/* data: the prefix up to the case's sequence number, e.g. "（2026）皖01破" */
static char *
make_court_number (GRand    *r,
                   gpointer  data)
{
  return g_strdup_printf ("%s%d号", (const char *) data, demo_rnd (r, 1, 160));
}

static char *
make_filing_number (GRand    *r,
                    gpointer  data)
{
  return g_strdup_printf ("%s第%04d号", (const char *) data, demo_rnd (r, 1, 2999));
}

static int
months_between (const GDate *from,
                const GDate *to)
{
  int months = (g_date_get_year (to) - g_date_get_year (from)) * 12 +
               (int) g_date_get_month (to) - (int) g_date_get_month (from);

  if (g_date_get_day (to) < g_date_get_day (from))
    months--;
  return MAX (months, 0);
}

static const char *
make_employer_name (DemoLoad *self,
                    GRand    *r)
{
  {
    /* one draw after another: C leaves the order of arguments open */
    const char *draw0 = demo_pick (r, &self->employer_suffixes);
    const char *draw1 = demo_pick (r, &self->trade_names);
    return demo_keep (self, g_strconcat (demo_chance (r, 0.5) ? "合肥" : "安徽", draw1, draw0, NULL));
  }
}

/* an employer: the person's own company, a demo enterprise or another one */
static const char *
pick_employer (DemoLoad      *self,
               DemoApplicant *p,
               GRand         *r)
{
  if (p->flags & F_RETIRED)
    return make_employer_name (self, r);   /* long before the demo's companies */
  if (p->company != NULL && demo_chance (r, 0.7))
    return p->company->name;
  if (demo_chance (r, 0.5))
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, demo_rnd (r, 0, (int) self->enterprises->len - 1));

      return e->name;
    }
  return make_employer_name (self, r);
}

static void
insurance_licences (DemoLoad      *self,
                    DemoApplicant *p)
{
  GRand *r = self->rx;
  int age = demo_age_on (p, &self->today);
  DemoQuota *band = age >= 50 ? &self->insured_50 : age >= 22 ? &self->insured_22
                  : age >= 19 ? &self->insured_19 : NULL;
  GDate start, issued, end, last, lo, hi, opened;
  gboolean paused;
  int months;
  JsonObject *f;

  /* 97 % of those 50 or older, 90 % of 22 to 49, 30 % of 19 to 21 */
  if ((p->flags & F_CHILD) || band == NULL || !demo_quota_take (band))
    return;
  p->flags |= F_INSURED;
  /* men retire at 60; women at 50 (workers) or 55 */
  p->retire_age = p->male ? 60 : age <= 51 ? 50 : 55;
  if (age > p->retire_age)
    p->flags |= F_RETIRED;

  /* 参加工作: at 18 to 24, some months before today */
  demo_birthday_at (p, demo_rnd (r, 18, MIN (24, age - 1)), &start);
  g_date_add_days (&start, (guint) demo_rnd (r, 0, 330));
  demo_days_from_today (self, &last, -150);
  if (demo_date_is_before (&last, &start))
    start = last;

  /* the certificate: printed before the demo's cases */
  demo_days_from_today (self, &issued, -demo_rnd (r, 95, 200));
  if (demo_date_is_before (&issued, &start))
    {
      issued = start;
      g_date_add_days (&issued, 30);
    }
  if (p->flags & F_RETIRED)
    demo_birthday_at (p, p->retire_age, &end);
  else
    end = issued;
  paused = (p->flags & F_RETIRED) || (age < 45 && demo_chance (r, 0.07));
  months = (int) (months_between (&start, &end) * (0.82 + g_rand_double (r) * 0.18));
  p->employer = pick_employer (self, p, r);

  f = json_object_new ();
  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "insured_place", p->district->name);
  json_object_set_string_member (f, "work_start_date", demo_iso (self, &start));
  json_object_set_string_member (f, "employer", p->employer);
  json_object_set_string_member (f, "contribution_months", demo_keep (self, g_strdup_printf ("%d", MAX (months, 1))));
  json_object_set_string_member (f, "status", paused ? "暂停参保" : "正常参保");
  /* the statutory age before the 2025 reform: 60, or 50 (workers) / 55 for women */
  json_object_set_string_member (f, "original_retirement_age",
                                 p->retire_age == 60 ? "60" : p->retire_age == 55 ? "55" : "50");
  demo_add_licence (self, p, "social_insurance_record",
                    demo_unique_number_from (self, r, "social_insurance_record", make_si_number, NULL),
                    "合肥市人力资源和社会保障局", &issued, NULL, f);

  /* 住房公积金: three in four of the insured; accounts since 1999 */
  if (!demo_quota_take (&self->fund))
    return;
  demo_set_date (&lo, 1999, 7, 1);
  if (demo_date_is_before (&lo, &start))
    lo = start;
  hi = start;
  g_date_add_years (&hi, 6);
  if (demo_date_is_before (&hi, &lo))
    {
      /* working before 1999: opened in the first years of the fund */
      hi = lo;
      g_date_add_years (&hi, 3);
    }
  demo_days_from_today (self, &last, -130);
  if (demo_date_is_before (&last, &hi))
    hi = last;
  demo_date_between (r, &lo, &hi, &opened);
  demo_days_from_today (self, &issued, -demo_rnd (r, 95, 300));
  if (!demo_date_is_before (&opened, &issued))
    {
      issued = opened;
      g_date_add_days (&issued, 20);
    }
  f = json_object_new ();
  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "employer", demo_chance (r, 0.85) ? p->employer : make_employer_name (self, r));
  json_object_set_string_member (f, "account_status", paused ? "封存" : "正常缴存");
  json_object_set_string_member (f, "opened_on", demo_iso (self, &opened));
  demo_add_licence (self, p, "housing_fund_certificate",
                    demo_unique_number_from (self, r, "housing_fund_certificate", make_fund_number, NULL),
                    "合肥市住房公积金管理中心", &issued, NULL, f);
}

static void
penalty_licence (DemoLoad      *self,
                 DemoApplicant *e)
{
  static const struct { const char *violation; const char *penalty; } market_food[] = {
    { "未在经营场所显著位置公示食品经营许可证", "警告，罚款人民币2000元" },
    { "经营超过保质期的食品原料", "没收违法所得，罚款人民币5000元" },
    { "安排未取得健康证明的人员从事接触直接入口食品的工作", "警告，罚款人民币3000元" },
    { "餐饮具未按规定清洗消毒", "警告，罚款人民币5000元" },
  }, market_trade[] = {
    { "发布虚假广告，对商品的性能作虚假宣传", "罚款人民币20000元" },
    { "销售不符合保障人体健康和人身安全的国家标准的产品", "没收违法所得，罚款人民币8000元" },
    { "未按规定公示即时信息", "罚款人民币5000元" },
    { "使用未经检定的计量器具", "责令改正，罚款人民币3000元" },
  }, tax[] = {
    { "未按照规定期限办理纳税申报和报送纳税资料", "罚款人民币500元" },
    { "未按照规定开具发票", "罚款人民币2000元" },
    { "未按照规定保管账簿和记账凭证", "罚款人民币1000元" },
  }, environment[] = {
    { "未按规定贮存一般工业固体废物", "罚款人民币30000元" },
    { "施工工地扬尘污染防治措施不到位", "罚款人民币20000元" },
    { "超过大气污染物排放标准排放大气污染物", "罚款人民币100000元" },
  }, transport[] = {
    { "道路运输车辆未按规定进行年度审验", "罚款人民币3000元" },
    { "货运车辆超限运输", "罚款人民币5000元" },
    { "未按规定维护和检测运输车辆", "罚款人民币2000元" },
  };
  GRand *r = self->rx;
  const DemoDistrict *d = e->district;
  g_autofree char *abbrev = g_utf8_substring (d->short_name, 0, 1);
  GDate issued, lo, hi, fulfilled;
  const char *issuer, *prefix, *violation, *penalty, *number;
  int kind = demo_rnd (r, 0, 99), k;
  JsonObject *f;

  lo = e->established;
  g_date_add_days (&lo, 30);
  demo_days_from_today (self, &hi, -1095);
  if (demo_date_is_before (&lo, &hi))
    lo = hi;
  demo_days_from_today (self, &hi, -30);
  demo_date_between (r, &lo, &hi, &issued);

  if (e->biz == BIZ_TRANSPORT && kind < 50)
    {
      k = demo_rnd (r, 0, G_N_ELEMENTS (transport) - 1);
      violation = transport[k].violation;
      penalty = transport[k].penalty;
      issuer = "合肥市交通运输局";
      prefix = "合交执罚";
    }
  else if (kind < 65 && e->biz != BIZ_TRANSPORT)
    {
      gboolean food = e->biz == BIZ_RESTAURANT;

      k = food ? demo_rnd (r, 0, G_N_ELEMENTS (market_food) - 1) : demo_rnd (r, 0, G_N_ELEMENTS (market_trade) - 1);
      violation = food ? market_food[k].violation : market_trade[k].violation;
      penalty = food ? market_food[k].penalty : market_trade[k].penalty;
      if (demo_chance (r, 0.4))
        {
          issuer = "合肥市市场监督管理局";
          prefix = "合市监处罚";
        }
      else
        {
          issuer = demo_keep (self, g_strconcat (d->name, "市场监督管理局", NULL));
          prefix = demo_keep (self, g_strconcat (abbrev, "市监处罚", NULL));
        }
    }
  else if (kind < 88 || e->biz == BIZ_RESTAURANT)
    {
      k = demo_rnd (r, 0, G_N_ELEMENTS (tax) - 1);
      violation = tax[k].violation;
      penalty = tax[k].penalty;
      issuer = demo_keep (self, g_strconcat ("国家税务总局", d->name, "税务局", NULL));
      prefix = demo_keep (self, g_strconcat (abbrev, "税罚", NULL));
    }
  else
    {
      k = demo_rnd (r, 0, G_N_ELEMENTS (environment) - 1);
      violation = environment[k].violation;
      penalty = environment[k].penalty;
      issuer = "合肥市生态环境局";
      prefix = "合环罚";
    }

  f = json_object_new ();
  json_object_set_string_member (f, "subject_name", e->name);
  json_object_set_string_member (f, "breach_type", "行政处罚信息");
  json_object_set_string_member (f, "violation", violation);
  json_object_set_string_member (f, "penalty", penalty);
  number = demo_unique_number_from (self, r, "administrative_penalty_decision", make_doc_number,
                                    (gpointer) demo_keep (self, g_strdup_printf ("%s〔%d〕", prefix, g_date_get_year (&issued))));
  /* 履行完毕: the fine paid 10–84 days after the decision (derived from the
   * number, so that no later random draw moves), never after today */
  fulfilled = issued;
  g_date_add_days (&fulfilled, 10 + g_str_hash (number) % 75);
  demo_days_from_today (self, &hi, -1);
  if (demo_date_is_before (&hi, &fulfilled))
    fulfilled = hi;
  json_object_set_string_member (f, "fulfilled_on", demo_iso (self, &fulfilled));
  demo_add_licence (self, e, "administrative_penalty_decision", number, issuer, &issued, NULL, f);
  e->flags |= F_PENALTY;
}

static void
bankruptcy_licence (DemoLoad      *self,
                    DemoApplicant *e)
{
  static const char * const firm_kinds[] = { "律师事务所", "律师事务所", "律师事务所", "会计师事务所", "破产清算事务所有限公司" };
  GRand *r = self->rx;
  GDate issued, lo, hi;
  const char *court, *number;
  g_autofree char *prefix = NULL;
  JsonObject *f;

  lo = e->established;
  g_date_add_days (&lo, 365);
  demo_days_from_today (self, &hi, -540);
  if (demo_date_is_before (&lo, &hi))
    lo = hi;
  demo_days_from_today (self, &hi, -30);
  demo_date_between (r, &lo, &hi, &issued);

  /* the intermediate court (皖01), or the basic court of the district (皖0104 …) */
  if (demo_chance (r, 0.7))
    {
      court = "安徽省合肥市中级人民法院";
      prefix = g_strdup_printf ("（%d）皖01破", g_date_get_year (&issued));
    }
  else
    {
      court = demo_keep (self, g_strconcat ("安徽省", e->district->name, "人民法院", NULL));
      prefix = g_strdup_printf ("（%d）皖%.4s破", g_date_get_year (&issued), e->district->code + 2);
    }
  number = demo_unique_number_from (self, r, "bankruptcy_ruling", make_court_number, prefix);

  f = json_object_new ();
  json_object_set_string_member (f, "subject_name", e->name);
  {
    /* one draw after another: C leaves the order of arguments open */
    const char *draw0 = demo_pick_array (r, firm_kinds, G_N_ELEMENTS (firm_kinds));
    const char *draw1 = demo_pick (r, &self->firm_names);
    json_object_set_string_member (f, "administrator_name", demo_keep (self, g_strconcat ("安徽", draw1, draw0, NULL)));
  }
  json_object_set_string_member (f, "administrator_decision_number", demo_keep (self, g_strconcat (number, "之一", NULL)));
  json_object_set_string_member (f, "ruling", "受理破产清算申请");
  demo_add_licence (self, e, "bankruptcy_ruling", number, court, &issued, NULL, f);
  e->flags |= F_BANKRUPT;

  /* the administrator's head, named with the administrator: the agent
   * who comes to the counter for the enterprise */
  for (guint k = 0, n = self->persons->len, start = (guint) demo_rnd (r, 0, (int) n - 1); k < n; k++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, (start + k) % n);
      int age = demo_age_on (p, &self->today);

      if (!(p->flags & F_CHILD) && age >= 30 && age <= 60)
        {
          demo_add_party (e, "agent", p);
          break;
        }
    }
}

static void
liquidation_licence (DemoLoad      *self,
                     DemoApplicant *e)
{
  GRand *r = self->rx;
  GDate established, issued, notice, lo, hi;
  const char *leader;
  JsonObject *f;

  /* the liquidation group: 2 to 10 months ago, half a year or more after the founding */
  lo = e->established;
  g_date_add_days (&lo, 180);
  demo_days_from_today (self, &hi, -300);
  if (demo_date_is_before (&lo, &hi))
    lo = hi;
  demo_days_from_today (self, &hi, -60);
  demo_date_between (r, &lo, &hi, &established);
  issued = established;
  g_date_add_days (&issued, (guint) demo_rnd (r, 1, 10));
  notice = established;
  g_date_add_days (&notice, (guint) demo_rnd (r, 1, 20));
  if (demo_date_is_before (&self->today, &issued))
    issued = self->today;
  if (demo_date_is_before (&self->today, &notice))
    notice = self->today;

  if (demo_chance (r, 0.7))
    leader = e->legal_rep->name;
  else
    {
      DemoApplicant *p;

      do
        p = g_ptr_array_index (self->persons, demo_rnd (r, 0, (int) self->persons->len - 1));
      while ((p->flags & F_CHILD) || demo_age_on (p, &self->today) < 25);
      leader = p->name;
    }

  f = json_object_new ();
  json_object_set_string_member (f, "liquidation_leader", leader);
  json_object_set_string_member (f, "established_on", demo_iso (self, &established));
  json_object_set_string_member (f, "creditor_notice_date", demo_iso (self, &notice));
  demo_add_licence (self, e, "liquidation_filing",
                    demo_unique_number_from (self, r, "liquidation_filing", make_filing_number,
                                             (gpointer) demo_keep (self, g_strdup_printf ("合市监清备〔%d〕", g_date_get_year (&issued)))),
                    "合肥市市场监督管理局", &issued, NULL, f);
  e->flags |= F_LIQUIDATING;
}

static void
shuffle (GRand     *r,
         GPtrArray *array)
{
  for (guint i = array->len; i > 1; i--)
    {
      guint j = (guint) demo_rnd (r, 0, (int) i - 1);
      gpointer tmp = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = tmp;
    }
}

void
demo_source_licences (DemoLoad *self)
{
  GRand *r = self->rx;
  g_autoptr(GPtrArray) pool = g_ptr_array_new ();
  guint n_penalties = (self->enterprises->len * 30 + 50) / 100;
  guint n_bankrupt = (self->enterprises->len * 8 + 50) / 100;
  guint n_liquidating = (self->enterprises->len * 10 + 50) / 100;
  guint n = 0;
  GDate old;

  for (guint i = 0; i < self->persons->len; i++)
    insurance_licences (self, g_ptr_array_index (self->persons, i));

  /* penalties: 30 %, every enterprise flagged breach among them */
  for (guint i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (e->breach)
        n++;
      else
        g_ptr_array_add (pool, e);
    }
  shuffle (r, pool);
  for (guint i = 0; i < pool->len && n + i < n_penalties; i++)
    ((DemoApplicant *) g_ptr_array_index (pool, i))->flags |= F_PENALTY;
  for (guint i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (e->breach || (e->flags & F_PENALTY))
        penalty_licence (self, e);
    }
  g_ptr_array_set_size (pool, 0);

  /* bankruptcy and liquidation: disjoint, a year old or more, never the
   * property developers whose premises are in use */
  demo_days_from_today (self, &old, -400);
  for (guint i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);

      if (e->biz != BIZ_PROPERTY && demo_date_is_before (&e->established, &old))
        g_ptr_array_add (pool, e);
    }
  shuffle (r, pool);
  for (guint i = 0; i < pool->len && i < n_bankrupt + n_liquidating; i++)
    {
      if (i < n_bankrupt)
        bankruptcy_licence (self, g_ptr_array_index (pool, i));
      else
        liquidation_licence (self, g_ptr_array_index (pool, i));
    }
}

/* --- registers of listing filings, qualifications and vehicles, from
 * their own GRand after every other licence:
 * 上市辅导备案证明, 道路运输从业人员从业资格证 (with the transport
 * founders' safety managers) and 机动车行驶证 */

/* the first licence of @type held by @a, or NULL */
static DemoLicence *
held_licence (DemoApplicant *a,
              const char    *type)
{
  for (guint i = 0; i < a->licences->len; i++)
    {
      DemoLicence *l = g_ptr_array_index (a->licences, i);

      if (strcmp (l->type, type) == 0)
        return l;
    }
  return NULL;
}

/* data: the year of the filing */
static char *
make_listing_number (GRand    *r,
                     gpointer  data)
{
  return g_strdup_printf ("皖证监辅导〔%d〕%d号", GPOINTER_TO_INT (data), demo_rnd (r, 1, 60));
}

static void
listing_licence (DemoLoad      *self,
                 DemoApplicant *e,
                 int            capital,
                 const char    *scope)
{
  static const char * const main_boards[] = { "上海证券交易所主板", "深圳证券交易所主板" };
  static const char * const other_boards[] = {
    "上海证券交易所主板", "深圳证券交易所主板", "创业板", "创业板", "北京证券交易所",
  };
  GRand *r = self->ry;
  GDate issued, lo, hi;
  const char *board;
  JsonObject *f;

  /* the board fits the company: large ones the main boards, technology
   * the STAR market or ChiNext, small ones the Beijing exchange */
  if (e->biz == BIZ_PROPERTY || capital >= 1000)
    board = demo_pick_array (r, main_boards, G_N_ELEMENTS (main_boards));
  else if (scope != NULL && strstr (scope, "技术") != NULL)
    board = demo_chance (r, 0.6) ? "科创板" : "创业板";
  else if (capital < 100)
    board = demo_chance (r, 0.6) ? "北京证券交易所" : "创业板";
  else
    board = demo_pick_array (r, other_boards, G_N_ELEMENTS (other_boards));

  /* filed three months to two and a half years ago, after three years of business */
  lo = e->established;
  g_date_add_years (&lo, 3);
  demo_days_from_today (self, &hi, -912);
  if (demo_date_is_before (&lo, &hi))
    lo = hi;
  demo_days_from_today (self, &hi, -95);
  demo_date_between (r, &lo, &hi, &issued);

  f = json_object_new ();
  json_object_set_string_member (f, "subject_name", e->name);
  json_object_set_string_member (f, "listing_board", board);
  json_object_set_string_member (f, "sponsor", demo_pick (r, &self->securities));
  json_object_set_string_member (f, "filed_on", demo_iso (self, &issued));
  demo_add_licence (self, e, "listing_guidance_filing",
                    demo_unique_number_from (self, r, "listing_guidance_filing", make_listing_number,
                                             GINT_TO_POINTER (g_date_get_year (&issued))),
                    "中国证券监督管理委员会安徽监管局", &issued, NULL, f);
  e->flags |= F_LISTING;
}

typedef struct
{
  DemoApplicant *e;
  int            capital;
  const char    *scope;
  double         score;
} DemoCandidate;

static int
cmp_candidate (gconstpointer a,
               gconstpointer b)
{
  const DemoCandidate *x = a, *y = b;

  return x->score > y->score ? -1 : x->score < y->score;
}

/* 12 % of the enterprises (a quota): three years old or more, never penalised,
 * bankrupt, liquidating or revoked, no restaurant; larger capital preferred */
static void
listing_licences (DemoLoad *self)
{
  GRand *r = self->ry;
  g_autoptr(GArray) pool = g_array_new (FALSE, FALSE, sizeof (DemoCandidate));
  guint n = (self->enterprises->len * 12 + 50) / 100;
  GDate old;

  demo_days_from_today (self, &old, -(3 * 365 + 100));
  for (guint i = 0; i < self->enterprises->len; i++)
    {
      DemoApplicant *e = g_ptr_array_index (self->enterprises, i);
      DemoLicence *bl = held_licence (e, "business_licence");
      DemoCandidate c = { e, 0, NULL, 0.0 };
      const char *capital;

      if (bl == NULL || e->breach || e->biz == BIZ_RESTAURANT ||
          (e->flags & (F_PENALTY | F_BANKRUPT | F_LIQUIDATING | F_REVOKED)) ||
          !demo_date_is_before (&e->established, &old))
        continue;
      capital = demo_member_string (bl->fields, "registered_capital");
      c.capital = capital != NULL ? atoi (capital) : 0;
      c.scope = demo_member_string (bl->fields, "business_scope");
      c.score = 0.5 * log (MAX (c.capital, 1)) + 3.0 * g_rand_double (r);
      g_array_append_val (pool, c);
    }
  g_array_sort (pool, cmp_candidate);
  for (guint i = 0; i < pool->len && i < n; i++)
    {
      DemoCandidate *c = &g_array_index (pool, DemoCandidate, i);

      listing_licence (self, c->e, c->capital, c->scope);
    }
}

/* data: the year of the first issue.  (Newer certificates carry the ID
 * number, but a licence is keyed by number and holder, and the holder's
 * ID card has that number already: the older 16-digit form, the issuing
 * authority's code, the year of the first issue and a serial number.) */
static char *
make_qualification_number (GRand    *r,
                           gpointer  data)
{
  return g_strdup_printf ("340100%04d%06d", GPOINTER_TO_INT (data), demo_rnd (r, 1, 99999));
}

/* 道路运输从业人员从业资格证: valid six years, the current one a renewal
 * of the first sometimes. FALSE when @p was too young for one. */
static gboolean
qualification_licence (DemoLoad      *self,
                       DemoApplicant *p,
                       gboolean       manager,
                       gboolean       expired)
{
  GRand *r = self->ry;
  GDate adult, issued, until, first, lo, hi;
  JsonObject *f;

  demo_birthday_at (p, manager ? 22 : 21, &adult);
  if (expired)
    {
      /* not renewed: expired one day to a year ago */
      demo_days_from_today (self, &lo, -(6 * 365 + 365));
      demo_days_from_today (self, &hi, -(6 * 365 + 3));
    }
  else
    {
      /* managers: before the demo's first cases */
      demo_days_from_today (self, &lo, -(6 * 365 - 30));
      demo_days_from_today (self, &hi, manager ? -100 : -1);
    }
  if (demo_date_is_before (&lo, &adult))
    lo = adult;
  if (demo_date_is_before (&hi, &lo))
    return FALSE;
  demo_date_between (r, &lo, &hi, &issued);
  if (g_date_get_month (&issued) == G_DATE_FEBRUARY && g_date_get_day (&issued) == 29)
    g_date_subtract_days (&issued, 1);
  until = issued;
  g_date_add_years (&until, 6);
  first = issued;
  for (int k = demo_rnd (r, 0, 2); k > 0; k--)
    {
      GDate earlier = first;

      g_date_subtract_years (&earlier, 6);
      if (demo_date_is_before (&earlier, &adult))
        break;
      first = earlier;
    }

  f = json_object_new ();
  json_object_set_string_member (f, "name", p->name);
  json_object_set_string_member (f, "category", manager ? "道路运输企业主要负责人和安全生产管理人员"
                                                        : "经营性道路货物运输驾驶员");
  json_object_set_string_member (f, "first_issued_on", demo_iso (self, &first));
  demo_add_licence (self, p, "transport_qualification",
                    demo_unique_number_from (self, r, "transport_qualification", make_qualification_number,
                                             GINT_TO_POINTER (g_date_get_year (&first))),
                    "合肥市交通运输局", &issued, &until, f);
  p->flags |= F_QUALIFIED;
  return TRUE;
}

static gboolean
holds_manager_qualification (DemoApplicant *p)
{
  DemoLicence *l = held_licence (p, "transport_qualification");

  return l != NULL && g_strcmp0 (demo_member_string (l->fields, "category"), "道路运输企业主要负责人和安全生产管理人员") == 0;
}

/* a safety manager: 25 to 58, working age for the whole demo */
static gboolean
can_manage (DemoLoad      *self,
            DemoApplicant *p)
{
  int age = demo_age_on (p, &self->today);

  return !p->enterprise && !(p->flags & F_CHILD) && age >= 25 && age <= 58;
}

/* each transport founder's 安全生产管理人员: the founder or another
 * working-age person, with a valid qualification of that category.  30 %
 * of the founders are their own (a quota among those of working age, so
 * that the share does not move with the day) */
static void
safety_managers (DemoLoad *self)
{
  GRand *r = self->ry;
  guint n_founders = 0, n_eligible = 0, n_self, n_met = 0;

  for (guint i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *f = g_ptr_array_index (self->persons, i);

      if (f->flags & F_TRANS_FOUNDER)
        {
          n_founders++;
          if (can_manage (self, f) && !(f->flags & F_QUALIFIED))
            n_eligible++;
        }
    }
  n_self = MIN ((n_founders * 30 + 50) / 100, n_eligible);

  for (guint i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *f = g_ptr_array_index (self->persons, i);
      DemoApplicant *manager = NULL;

      if (!(f->flags & F_TRANS_FOUNDER))
        continue;
      if (holds_manager_qualification (f))
        manager = f;
      else if (can_manage (self, f) && !(f->flags & F_QUALIFIED) &&
               demo_spread_take (n_met++, n_self, n_eligible) &&
               qualification_licence (self, f, TRUE, FALSE))
        manager = f;
      for (guint k = 0, n = self->persons->len, start = (guint) demo_rnd (r, 0, (int) n - 1);
           manager == NULL && k < n; k++)
        {
          DemoApplicant *p = g_ptr_array_index (self->persons, (start + k) % n);

          if (p != f && can_manage (self, p) && !(p->flags & (F_QUALIFIED | F_TRANS_FOUNDER)) &&
              qualification_licence (self, p, TRUE, FALSE))
            manager = p;
        }
      demo_add_party (f, "safety_manager", manager);
    }
}

/* drivers: 30 % of the working-age men (quota), 8 % of them not renewed
 * (quota; a driver too young for a lapsed one holds a valid one) */
static void
driver_qualifications (DemoLoad *self)
{
  for (guint i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);
      int age = demo_age_on (p, &self->today);

      if (p->male && !(p->flags & (F_CHILD | F_QUALIFIED)) && age >= 22 && age <= 60 &&
          demo_quota_take (&self->drivers) &&
          !qualification_licence (self, p, FALSE, demo_quota_take (&self->drivers_lapsed)))
        qualification_licence (self, p, FALSE, FALSE);
    }
}

/* a Hefei plate: 皖A·D1234 or 皖A·5K3B2 (no I or O) */
static char *
make_plate (GRand    *r,
            gpointer  data)
{
  static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  char tail[6];

  for (guint i = 0; i < 5; i++)
    tail[i] = (char) ('0' + demo_rnd (r, 0, 9));
  if (demo_chance (r, 0.6))
    tail[0] = letters[demo_rnd (r, 0, (int) sizeof letters - 2)];
  else
    {
      tail[1] = letters[demo_rnd (r, 0, (int) sizeof letters - 2)];
      tail[3] = letters[demo_rnd (r, 0, (int) sizeof letters - 2)];
    }
  tail[5] = '\0';
  return g_strdup_printf ("皖A·%s", tail);
}

static int
cmp_date (gconstpointer a,
          gconstpointer b)
{
  return g_date_compare (a, b);
}

/* 机动车行驶证 of a transport founder's trucks: registered one to eight
 * years ago (one a day at most), the inspection due within a year; a few
 * overdue */
static void
vehicle_licences (DemoLoad      *self,
                  DemoApplicant *owner)
{
  static const struct { const char *type; const char *models[4]; } trucks[] = {
    { "重型厢式货车", { "解放牌CA5250XXYP62K1L5T3E6", "东风牌DFH5250XXYA1", "乘龙牌LZ5250XXYM5DB", "江淮牌HFC5251XXYP1K7D54S" } },
    { "中型普通货车", { "解放牌CA1125P40K2L5E6A85", "福田牌BJ1126VGPEA-1", "江淮牌HFC1121P71K1D4V", "东风牌EQ1120GD6DJ" } },
    { "轻型厢式货车", { "江淮牌HFC5043XXYP22K1C7S", "福田牌BJ5045XXY9JBA-AB1", "江铃牌JX5045XXYTGC26", "凯马牌KMC5042XXYA33D6" } },
    { "重型半挂牵引车", { "解放牌CA4250P66K24T1E6", "东风牌DFH4250C3", "陕汽牌SX4250MD4Q1", "豪沃牌ZZ4257V384HF1" } },
  };
  GRand *r = self->ry;
  int roll = demo_rnd (r, 0, 99);
  guint n = roll < 35 ? 1 : roll < 70 ? 2 : roll < 88 ? 3 : 4;
  GDate registered[4], adult;

  demo_birthday_at (owner, 18, &adult);
  for (guint k = 0; k < n; k++)
    {
      demo_days_from_today (self, &registered[k], -demo_rnd (r, 365, 8 * 365));
      if (demo_date_is_before (&registered[k], &adult))
        registered[k] = adult;
    }
  qsort (registered, n, sizeof (GDate), cmp_date);
  for (guint k = 1; k < n; k++)
    if (g_date_compare (&registered[k], &registered[k - 1]) <= 0)
      {
        registered[k] = registered[k - 1];
        g_date_add_days (&registered[k], 1);
      }

  for (guint k = 0; k < n; k++)
    {
      guint t = (guint) demo_rnd (r, 0, G_N_ELEMENTS (trucks) - 1);
      const char *plate = demo_unique_number_from (self, r, "vehicle_licence", make_plate, NULL);
      GDate due;
      JsonObject *f;

      if (demo_chance (r, 0.08))
        demo_days_from_today (self, &due, -demo_rnd (r, 1, 60));
      else
        demo_days_from_today (self, &due, demo_rnd (r, 30, 365));
      f = json_object_new ();
      json_object_set_string_member (f, "plate_number", plate);
      json_object_set_string_member (f, "vehicle_type", trucks[t].type);
      json_object_set_string_member (f, "brand_model", trucks[t].models[demo_rnd (r, 0, 3)]);
      json_object_set_string_member (f, "use_nature", "货运");
      json_object_set_string_member (f, "owner", owner->name);
      demo_add_licence (self, owner, "vehicle_licence", plate, "合肥市公安局交通警察支队",
                        &registered[k], &due, f);
    }
}

void
demo_registry_licences (DemoLoad *self)
{
  guint k = 0;

  listing_licences (self);
  safety_managers (self);
  driver_qualifications (self);
  /* four of every five transport founders own one to four trucks: a
   * quota, not a chance draw, so the share is the same on any day */
  for (guint i = 0; i < self->persons->len; i++)
    {
      DemoApplicant *p = g_ptr_array_index (self->persons, i);

      if (!(p->flags & F_TRANS_FOUNDER))
        continue;
      if (k % 5 != 4)
        vehicle_licences (self, p);
      k++;
    }
}
