import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from matchmaking.outbox.models import OutgoingEmail
from matchmaking.outbox.render import render_email

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def png_bytes(size=(8, 8)) -> bytes:
    """A real PNG: uploads are decoded, so a PNG signature alone no longer passes."""
    out = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(out, format="PNG")
    return out.getvalue()


PNG = png_bytes()
PASSWORD = "long-enough-passphrase-42"


def pdf(name="contract.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def application_data(field, **overrides) -> dict:
    """A complete, eligible application of a foreign buyer, as the form posts it."""
    data = {
        "enterprise-contact_name": "Anna Smith", "enterprise-contact_email": "anna@maple.example",
        "enterprise-legal_name": "Maple Analytics Inc.", "enterprise-name_zh": "枫叶分析公司",
        "enterprise-country": "CA", "enterprise-city": "Toronto", "enterprise-role": "buyer",
        "enterprise-fields": [field.pk], "enterprise-website": "https://www.maple.example",
        "enterprise-contract_value_usd": "9000000", "enterprise-needs": "Mobile testing",
        "enterprise-consent": "on", "enterprise-evidence_description": "Contract letter",
        "delegates-TOTAL_FORMS": "3", "delegates-INITIAL_FORMS": "0",
        "delegates-MIN_NUM_FORMS": "1", "delegates-MAX_NUM_FORMS": "10",
        "delegates-0-full_name": "Anna Smith", "delegates-0-title": "VP Sourcing",
        "delegates-0-seniority": "50", "delegates-0-email": "anna@maple.example",
        "delegates-0-languages": "en",
        "delegates-1-full_name": "王伟", "delegates-1-title": "经理",
        "delegates-1-seniority": "30", "delegates-1-email": "wang@maple.example",
        "delegates-1-languages": "zh",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def confirm_path(address: str) -> str:
    email = OutgoingEmail.objects.get(template="application_confirm", recipient=address)
    return re.search(r"https://match\.example\.com(\S*/apply/confirm/[\w-]+/)",
                     render_email(email).text).group(1)
