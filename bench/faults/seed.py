"""A small conference for the fault scripts: approved buyers, one supplier whose user is
signed in (a session cookie) and holds a personal API key, and a partner key."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class World:
    conference_slug: str
    buyer_ids: list[int]
    session_cookie: str
    company_key: str
    partner_key: str
    partner_id: int


def seed(buyers: int = 3) -> World:
    from django.conf import settings
    from django.test import Client

    from accounts import keys
    from accounts.models import Partner
    from tests import factories

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Room for every request a script sends (the default caps a company's open requests).
    conference = factories.ConferenceFactory(max_open_requests=buyers)
    buyer_ids = [factories.approved(conference).enterprise.pk for _ in range(buyers)]
    supplier = factories.approved(conference, factories.SupplierFactory()).enterprise
    user = factories.CompanyUserFactory(enterprise=supplier)
    client = Client()
    client.force_login(user)
    _key, company_key = keys.create_api_key(name="faults", scope="write", user=user)
    partner = Partner.objects.create(name=f"Faults partner {conference.slug}")
    partner.conferences.add(conference)
    _key, partner_key = keys.create_api_key(name="faults", scope="read", partner=partner,
                                            conferences=[conference])
    return World(conference.slug, buyer_ids, client.cookies[settings.SESSION_COOKIE_NAME].value,
                 company_key, partner_key, partner.pk)
