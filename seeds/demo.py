"""The demo conferences, loaded through the same services the admin uses.

Deterministic (a fixed random seed per edition) and idempotent: every
enterprise is created in its own transaction and skipped when it exists.
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from accounts import services as accounts_services
from accounts.models import Enterprise, User
from accounts.roles import ORGANIZERS, REVIEWERS
from events import services as events_services
from events.models import Conference, ConferenceDay, IndustryField, SessionPlan
from seeds import names
from seeds.figures import EDITIONS, FIELDS, RULES

DEMO_PASSWORD = "matchmaking-demo"
ORGANIZER_EMAIL = "organizer@cisocc.test"
REVIEWER_EMAIL = "reviewer@cisocc.test"
BUYER_EMAIL = "buyer@cisocc.test"
SUPPLIER_EMAIL = "supplier@cisocc.test"
DEMO_SLUGS = {"maple-leaf-animation-studios-inc", "suzhou-taihu-animation-co-ltd"}


@dataclass
class DelegatePlan:
    full_name: str
    title: str
    seniority: int
    email: str
    languages: str


@dataclass
class EnterprisePlan:
    legal_name: str
    name_zh: str
    country: str
    province: str
    city: str
    role: str
    field_slugs: list[str]
    offers: str
    needs: str
    contract_value_usd: int | None
    employees: int
    decision: str  # "approve" or "pending"
    delegates: list[DelegatePlan] = field(default_factory=list)
    login: str = ""

    @property
    def slug(self) -> str:
        return slugify(self.legal_name)[:80]


def is_demo_login(enterprise) -> bool:
    return enterprise.slug in DEMO_SLUGS


def demo_logins() -> list[tuple[str, str, str]]:
    return [
        ("Organizer", ORGANIZER_EMAIL, DEMO_PASSWORD),
        ("Reviewer", REVIEWER_EMAIL, DEMO_PASSWORD),
        ("Foreign buyer (Toronto)", BUYER_EMAIL, DEMO_PASSWORD),
        ("Domestic supplier (Suzhou)", SUPPLIER_EMAIL, DEMO_PASSWORD),
    ]


def load(*, edition: int, progress: Callable[[int, int], None] | None = None,
         life_cycle: bool = True) -> dict:
    """Load one demo edition; returns counts of what was created this time. Without
    `life_cycle`, only its enterprises and registrations."""
    ensure_fields()
    organizer = ensure_staff()
    spec = EDITIONS[edition]
    conference = ensure_conference(edition, spec, organizer)
    plans = enterprise_plans(edition, spec)
    created = 0
    for index, plan in enumerate(plans, start=1):
        created += ensure_enterprise(plan, conference, organizer)
        if progress:
            progress(index, len(plans))
    requests = 0
    if not life_cycle:
        return {"conference": conference, "enterprises": len(plans), "created": created,
                "requests": requests}
    if spec.get("life_cycle"):
        from seeds import results

        results.open_matchmaking(conference, organizer)
        conference.refresh_from_db()
    if conference.status != "closed" and spec.get("requests", True) and (
            conference.status in ("matchmaking_open", "scheduled")):
        requests = load_matchmaking(conference, spec, organizer)
    if spec.get("life_cycle"):
        from seeds import results

        results.load_life_cycle(conference, spec, organizer)
    return {"conference": conference, "enterprises": len(plans), "created": created,
            "requests": requests}


def load_matchmaking(conference: Conference, spec: dict, organizer: User) -> int:
    from matchmaking.models import Recommendation
    from matchmaking.recommendations.services import compute_recommendations
    from seeds.requests import load_requests

    # First the fit of every pair, so the requests get their weights from it.
    if spec.get("recommendations", True) and not Recommendation.objects.filter(
            conference=conference).exists():
        compute_recommendations(conference=conference, actor=organizer)
    return load_requests(conference=conference)


def ensure_fields() -> None:
    for slug, name, name_zh in FIELDS:
        IndustryField.objects.get_or_create(slug=slug, defaults={"name": name, "name_zh": name_zh})


def ensure_staff() -> User:
    for email, role, full_name in [
        (ORGANIZER_EMAIL, ORGANIZERS, "Organizing Committee"),
        (REVIEWER_EMAIL, REVIEWERS, "Vetting Reviewer"),
    ]:
        if not User.objects.filter(email=email).exists():
            accounts_services.create_staff_user(
                email=email, password=DEMO_PASSWORD, role=role, full_name=full_name
            )
    return User.objects.get(email=ORGANIZER_EMAIL)


@transaction.atomic
def ensure_conference(edition: int, spec: dict, organizer: User) -> Conference:
    conference = Conference.objects.filter(edition=edition).first()
    if conference:
        return conference
    conference = Conference.objects.create(
        edition=edition, host_country="CN", time_zone="Asia/Shanghai",
        **{key: spec[key] for key in ("name", "name_zh", "slug", "host_city", "venue",
                                      "start_date", "end_date", "status")},
    )
    rules = events_services.ensure_rules(conference=conference)
    for key, value in RULES.items():
        setattr(rules, key, value)
    rules.save()
    rules.allowed_fields.set(IndustryField.objects.all())
    ensure_grid(conference, spec, organizer)
    return conference


def ensure_grid(conference: Conference, spec: dict, organizer: User) -> None:
    day = conference.start_date
    while day <= conference.end_date:
        conference_day = ConferenceDay.objects.create(conference=conference, date=day)
        for name, start, end in [("Morning", dt.time(9), dt.time(12)),
                                 ("Afternoon", dt.time(14), dt.time(17, 30))]:
            plan = SessionPlan.objects.create(
                day=conference_day, name=name, start_time=start, end_time=end,
                slot_minutes=spec["slot_minutes"],
            )
            events_services.generate_slots(plan=plan, actor=organizer)
        day += dt.timedelta(days=1)
    events_services.set_tables(conference=conference, count=spec["tables"], actor=organizer)


@transaction.atomic
def ensure_enterprise(plan: EnterprisePlan, conference: Conference, organizer: User) -> int:
    """Create one enterprise with its delegates, and its registration and decision for
    this conference; 0 if that registration exists. An enterprise of the same name and
    country from another edition is a returning exhibitor and is reused."""
    enterprise = find_returning(plan)
    if enterprise is None:
        enterprise = create_enterprise(plan, organizer)
    elif enterprise.registrations.filter(conference=conference).exists():
        return 0
    registration = accounts_services.submit_registration(
        conference=conference, enterprise=enterprise, actor=organizer
    )
    # A returning exhibitor may fail a rule it passed before: it waits for review.
    if plan.decision == "approve" and registration.passes_rules:
        accounts_services.approve_registration(registration=registration, actor=organizer)
    return 1


def find_returning(plan: EnterprisePlan) -> Enterprise | None:
    enterprise = Enterprise.objects.filter(slug=plan.slug).first()
    if enterprise is not None and enterprise.country.code != plan.country:
        # Same name, another country: a different company.
        plan.legal_name = f"{plan.legal_name} ({plan.country})"
        enterprise = Enterprise.objects.filter(slug=plan.slug).first()
    return enterprise


def create_enterprise(plan: EnterprisePlan, organizer: User) -> Enterprise:
    enterprise = accounts_services.create_enterprise(
        actor=organizer,
        data={
            "fields": list(IndustryField.objects.filter(slug__in=plan.field_slugs)),
            "legal_name": plan.legal_name, "name_zh": plan.name_zh, "slug": plan.slug,
            "country": plan.country, "province": plan.province, "city": plan.city,
            "role": plan.role, "offers": plan.offers, "needs": plan.needs,
            "contract_value_usd": plan.contract_value_usd, "employees": plan.employees,
            "website": f"https://{plan.slug}.example.com",
            "description": f"{plan.legal_name}, {plan.city}.",
        },
        delegates=[delegate.__dict__ for delegate in plan.delegates],
    ).enterprise
    if plan.login:
        accounts_services.create_company_user(
            enterprise=enterprise, email=plan.login, password=DEMO_PASSWORD,
            full_name=plan.delegates[0].full_name, actor=organizer,
        )
    return enterprise


def enterprise_plans(edition: int, spec: dict) -> list[EnterprisePlan]:
    rng = random.Random(edition * 7919)
    plans = []
    for country, count in spec["foreign_approved"].items():
        plans += [foreign_plan(rng, country, "approve") for _ in range(count)]
    pending = [foreign_plan(rng, country, "pending")
               for country, count in spec["foreign_pending"].items() for _ in range(count)]
    make_failing(pending, spec["failing"])
    plans += pending
    plans += [domestic_plan(rng, index) for index in range(spec["domestic_suppliers"])]
    plans = unique_names(plans)
    if edition == 2:
        add_demo_logins(plans)
    return plans


def foreign_plan(rng: random.Random, country: str, decision: str) -> EnterprisePlan:
    field_slugs = sorted(rng.sample(list(names.SERVICES), rng.choice([1, 1, 2])))
    province, city = rng.choice(names.CITIES[country])
    word = rng.choice(names.FOREIGN_WORDS)
    business = names.FIELD_WORDS[field_slugs[0]][0]
    return EnterprisePlan(
        legal_name=f"{word} {business} {names.FOREIGN_SUFFIX[country]}", name_zh="",
        country=country, province=province, city=city,
        role=rng.choice(["buyer"] * 5 + ["both"]), field_slugs=field_slugs,
        offers="", needs=services_text(rng, field_slugs),
        contract_value_usd=rng.randrange(8_000_000, 60_000_001, 500_000),
        employees=rng.choice([250, 800, 1500, 5000, 12000, 40000]), decision=decision,
        delegates=delegates(rng, country, rng.choice([1, 1, 2])),
    )


def domestic_plan(rng: random.Random, index: int) -> EnterprisePlan:
    field_slugs = sorted(rng.sample(list(names.SERVICES), rng.choice([1, 1, 2])))
    province, city = rng.choice(names.CITIES["CN"])
    word, word_zh = rng.choice(names.CHINESE_WORDS)
    business, business_zh = names.FIELD_WORDS[field_slugs[0]]
    return EnterprisePlan(
        legal_name=f"{city} {word} {business} Co., Ltd.",
        name_zh=f"{names.CITY_ZH[city]}{word_zh}{business_zh}有限公司",
        country="CN", province=province, city=city, role="supplier", field_slugs=field_slugs,
        offers=services_text(rng, field_slugs), needs="", contract_value_usd=None,
        employees=rng.choice([60, 120, 300, 600, 1200, 3000]), decision="approve",
        delegates=delegates(rng, "CN", rng.choice([1, 2])),
    )


def services_text(rng: random.Random, field_slugs: list[str]) -> str:
    chosen = [item for slug in field_slugs for item in rng.sample(names.SERVICES[slug], 2)]
    return "; ".join(chosen)


def delegates(rng: random.Random, country: str, count: int) -> list[DelegatePlan]:
    language = names.LANGUAGE_OF.get(country, "en")
    people = []
    for _ in range(count):
        given, family = rng.choice(names.GIVEN[language]), rng.choice(names.FAMILY[language])
        title, seniority = rng.choice(names.TITLES)
        people.append(DelegatePlan(
            full_name=f"{given} {family}", title=title, seniority=seniority,
            email=f"{given}.{family}.{len(people)}@example.com".lower().replace(" ", ""),
            languages=names.SPOKEN[language],
        ))
    return people


def make_failing(pending: list[EnterprisePlan], failing: dict) -> None:
    """Some applicants miss a rule, so the vetting has something to refuse."""
    for plan in pending[: failing["contract"]]:
        plan.contract_value_usd = 5_000_000
    for plan in pending[failing["contract"]: failing["contract"] + failing["seniority"]]:
        plan.delegates[0].title, plan.delegates[0].seniority = names.JUNIOR_TITLE


def unique_names(plans: list[EnterprisePlan]) -> list[EnterprisePlan]:
    seen: dict[str, int] = {}
    for plan in plans:
        count = seen.get(plan.legal_name, 0)
        seen[plan.legal_name] = count + 1
        if count:
            plan.legal_name = plan.legal_name.replace(" ", f" {roman(count + 1)} ", 1)
            plan.name_zh = plan.name_zh.replace("有限公司", f"（{count + 1}）有限公司")
    return plans


def roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, numeral in numerals:
        while number >= value:
            out, number = out + numeral, number - value
    return out


def add_demo_logins(plans: list[EnterprisePlan]) -> None:
    buyer = next(p for p in plans if p.country == "CA" and p.decision == "approve")
    buyer.legal_name, buyer.province, buyer.city = (
        "Maple Leaf Animation Studios Inc.", "Ontario", "Toronto")
    buyer.field_slugs, buyer.role = ["cartoon-animation", "software"], "buyer"
    buyer.needs = "3D modelling; post-production; mobile applications"
    buyer.login = BUYER_EMAIL
    supplier = next(p for p in plans if p.country == "CN")
    supplier.legal_name = "Suzhou Taihu Animation Co., Ltd."
    supplier.name_zh = "苏州太湖动漫有限公司"
    supplier.province, supplier.city = "Jiangsu", "Suzhou"
    supplier.field_slugs = ["cartoon-animation"]
    supplier.offers = "3D modelling; post-production; character design"
    supplier.login = SUPPLIER_EMAIL
