"""Turning an outbox row into the subject, text, HTML and attachments its reader gets.

Default wording lives in templates translated through the catalogue. Words written by
organizers (a per-conference override, a bulk mail) are Django template source rendered
by a sandboxed engine: it knows no template files and no tag libraries, and it only ever
sees the plain values of `values.py`. Their HTML is the text in the e-mail layout."""

import re
from dataclasses import dataclass, field

from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template, render_to_string
from django.utils import translation

from events.models import Conference
from matchmaking.outbox import catalogue, values
from matchmaking.outbox.models import OutgoingEmail, TemplateOverride

# No loaders and no libraries: {% include %}, {% extends %} and {% load %} cannot reach
# anything.
SANDBOX = Engine(dirs=[], app_dirs=False, libraries={}, autoescape=False)
BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")


class WordingError(ValueError):
    """Organizers' wording that cannot be rendered; the message says where and why."""


@dataclass
class Rendered:
    subject: str
    text: str
    html: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def render_written(source: str, variables: dict) -> str:
    """Render organizers' wording; WordingError for a syntax error or a missing include."""
    try:
        return SANDBOX.from_string(source).render(Context(variables, autoescape=False))
    except (TemplateSyntaxError, TemplateDoesNotExist) as error:
        raise WordingError(str(error)) from error


def _file(name: str, suffix: str, variables: dict, *, html: bool = False) -> str:
    template = get_template(f"outbox/email/{name}.{suffix}")
    return template.template.render(Context(variables, autoescape=html))


def compose(kind: catalogue.EmailKind, variables: dict,
            written: tuple[str, str] = ("", "")) -> Rendered:
    """Render in the active language; `written` is (subject, text) source that replaces
    the default wording of that part when not blank."""
    subject_source, text_source = written
    subject = (render_written(subject_source, variables) if subject_source.strip()
               else _file(kind.name, "subject.txt", variables))
    if text_source.strip():
        text = render_written(text_source, variables)
        html = render_to_string("outbox/email/written.html", {**variables, "text": text})
    else:
        text = _file(kind.name, "txt", variables)
        html = _file(kind.name, "html", variables, html=True)
    return Rendered(" ".join(subject.split()), BLANK_LINES.sub("\n\n", text).strip() + "\n", html)


def written_for(email: OutgoingEmail) -> tuple[str, str]:
    """(subject, text) source written by organizers for this e-mail, or blanks."""
    if email.mailing_id:
        return email.mailing.texts(email.language)
    kind = catalogue.get(email.template)
    if not (kind.overridable and email.conference_id):
        return "", ""
    override = TemplateOverride.objects.filter(conference=email.conference_id,
                                               template=email.template).first()
    return override.texts(email.language) if override else ("", "")


def render_email(email: OutgoingEmail) -> Rendered:
    kind = catalogue.get(email.template)
    conference = email.conference
    with translation.override(email.language):
        variables = {**values.common(conference, email.recipient_name),
                     **kind.build(email.context, conference)}
        rendered = compose(kind, variables, written_for(email))
        if kind.attach:
            rendered.attachments = kind.attach(email.context, conference)
    return rendered


def render_sample(*, template: str, conference: Conference | None, language: str,
                  written: tuple[str, str] = ("", ""), enterprise=None) -> Rendered:
    """A preview with sample values (and a real `enterprise`, when given), as a reader of
    `language` would see it."""
    from matchmaking.outbox.samples import sample_variables

    kind = catalogue.get(template)
    with translation.override(language):
        variables = {**values.common(conference, _sample_name()), **sample_variables(kind)}
        if enterprise is not None:
            variables["enterprise"] = values.enterprise_name(enterprise)
        return compose(kind, variables, written)


def _sample_name() -> str:
    return "Li Wei" if values.chinese() else "Anna Smith"
