"""What the two source articles say (shared/context/), and how the demo follows them.

The press conference of 27 May 2010 reported $260 million of intentional
cooperation investment, required foreign buyers to offer contracts of at least
$8 million through delegates of outsourcing-manager rank or higher, and counted
57 qualified enterprises from 10 countries (the United States, Canada, Japan,
India and Korea among them) with about 20 awaiting confirmation; the
developers' guide files these under the 2nd edition, and so does the demo.
The 5th edition opened in Nanjing on 19 June 2012 with more than 700
companies from 21 countries and regions.
"""

import datetime as dt

FIELDS = [
    ("cartoon-animation", "Cartoon and animation", "动漫"),
    ("software", "Software", "软件"),
    ("applied-tech-rd", "Applied-technology R&D", "应用技术研发"),
    ("pharma-rd", "Pharmaceutical R&D", "医药研发"),
]

EDITIONS = {
    # The previous edition the 2nd is compared with: "about 80 enterprises ... 30 percent
    # more than last time". 44 approved foreign enterprises and 46 domestic suppliers make
    # the 2nd edition's 57 and 117 approved both +30 %. The articles give no dates; the
    # demo holds it a year before its 2nd edition, closed, registrations only.
    1: {
        "name": "1st China International Service Outsourcing Cooperation Conference",
        "name_zh": "第一届中国国际服务外包合作大会",
        "slug": "cisocc-1",
        "host_city": "Nanjing",
        "venue": "Nanjing International Expo Center",
        "start_date": dt.date(2026, 6, 24),
        "end_date": dt.date(2026, 6, 25),
        "status": "closed",
        "foreign_approved": {"US": 11, "JP": 7, "IN": 6, "KR": 5, "CA": 4, "GB": 4, "DE": 4,
                             "SG": 3},
        "foreign_pending": {},
        "failing": {"contract": 0, "seniority": 0},
        "domestic_suppliers": 46,
        "slot_minutes": 30,
        "tables": 20,
        "requests": False,
    },
    2: {
        "name": "2nd China International Service Outsourcing Cooperation Conference",
        "name_zh": "第二届中国国际服务外包合作大会",
        "slug": "cisocc-2",
        "host_city": "Nanjing",
        "venue": "Nanjing International Expo Center",
        # The articles give no dates for this edition. The demo holds it in the future, so
        # that its meeting slots can still be booked when the demo is tried.
        "start_date": dt.date(2027, 6, 24),
        "end_date": dt.date(2027, 6, 25),
        "status": "matchmaking_open",
        # The reported result, which the demo's outcomes add up to (seeds/results.py);
        # the application computes it from the outcomes, never from this number.
        "outcomes_total_usd": 260_000_000,
        # A published schedule and the outcomes; the conference stays scheduled.
        "life_cycle": "scheduled",
        "schedule_seconds": 5,
        # 57 approved foreign enterprises from 10 countries.
        "foreign_approved": {"US": 14, "JP": 9, "IN": 8, "KR": 6, "CA": 5, "GB": 4, "DE": 4,
                             "SG": 3, "FR": 2, "AU": 2},
        # About 20 awaiting confirmation, four of which fail a rule.
        "foreign_pending": {"US": 5, "JP": 3, "IN": 3, "KR": 3, "CA": 2, "GB": 2, "DE": 2},
        "failing": {"contract": 2, "seniority": 2},
        "domestic_suppliers": 60,
        "slot_minutes": 30,
        "tables": 30,
    },
    5: {
        "name": "5th China International Service Outsourcing Cooperation Conference",
        "name_zh": "第五届中国国际服务外包合作大会",
        "slug": "cisocc-5",
        "host_city": "Nanjing",
        "venue": "Nanjing International Expo Center",
        "start_date": dt.date(2012, 6, 19),
        "end_date": dt.date(2012, 6, 20),
        "status": "registration_open",
        # The articles give no result for this edition: the outcomes' values are the
        # demo's own. Its whole life cycle: requests, a published schedule, outcomes, closed.
        "outcomes_total_usd": None,
        "life_cycle": "closed",
        "schedule_seconds": 10,
        "recommendations": False,
        # 700 companies from 21 countries and regions: China and 20 others.
        "foreign_approved": {"US": 40, "JP": 30, "IN": 22, "KR": 20, "CA": 14, "GB": 14,
                             "DE": 12, "FR": 8, "SG": 10, "AU": 8, "IE": 6, "NL": 6, "SE": 5,
                             "FI": 5, "IL": 5, "RU": 5, "MY": 6, "HK": 12, "TW": 8, "PH": 4},
        "foreign_pending": {},
        "failing": {"contract": 0, "seniority": 0},
        "domestic_suppliers": 460,
        "slot_minutes": 20,
        "tables": 120,
    },
    # The next edition, open for registration: where a new company tries the public
    # application form (/apply/cisocc-6/). No enterprises yet; the demo invents no figures.
    6: {
        "name": "6th China International Service Outsourcing Cooperation Conference",
        "name_zh": "第六届中国国际服务外包合作大会",
        "slug": "cisocc-6",
        "host_city": "Nanjing",
        "venue": "Nanjing International Expo Center",
        "start_date": dt.date(2028, 6, 21),
        "end_date": dt.date(2028, 6, 22),
        "status": "registration_open",
        "foreign_approved": {},
        "foreign_pending": {},
        "failing": {"contract": 0, "seniority": 0},
        "domestic_suppliers": 0,
        "slot_minutes": 30,
        "tables": 30,
        "requests": False,
    },
}

RULES = {"min_foreign_buyer_contract_usd": 8_000_000, "min_delegates": 1, "max_delegates": 3}
