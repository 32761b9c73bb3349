"""The Simplified Chinese catalogue is complete, well-formed and compiled."""

import gettext

import pytest

from tests.i18n.catalogue import MO_PATH, PLACEHOLDER, PO_PATH, parse_po, placeholders


@pytest.fixture(scope="module")
def entries():
    return parse_po(PO_PATH)


@pytest.fixture(scope="module")
def messages(entries):
    return [entry for entry in entries if entry.msgid]


def describe(entry):
    return f"line {entry.line}: {entry.msgid!r}"


def test_header_declares_chinese_plural_forms(entries):
    header = next(entry for entry in entries if entry.msgid == "")
    assert "Plural-Forms: nplurals=1; plural=0;" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]
    assert "fuzzy" not in header.flags


def test_catalogue_is_not_trivially_small(messages):
    assert len(messages) > 500


def test_every_message_is_translated(messages):
    untranslated = [describe(e) for e in messages if not all(s.strip() for s in e.translations)]
    assert not untranslated


def test_plural_messages_have_exactly_one_form(messages):
    wrong = [describe(e) for e in messages if e.msgid_plural and sorted(e.msgstr) != [0]]
    assert not wrong


def test_no_fuzzy_entries(entries):
    assert not [describe(e) for e in entries if "fuzzy" in e.flags]


def test_placeholders_survive_translation(messages):
    wrong = []
    for entry in messages:
        if "python-format" not in entry.flags:
            continue
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        expected = set().union(*(placeholders(source)[0] for source in sources))
        for translation in entry.translations:
            named, positional = placeholders(translation)
            if named != expected or positional != placeholders(entry.msgid)[1]:
                wrong.append(f"{describe(entry)} -> {translation!r}")
    assert not wrong


def test_leading_and_trailing_newlines_match(messages):
    wrong = [
        describe(e)
        for e in messages
        for s in e.translations
        if (s[:1] == "\n") != (e.msgid[:1] == "\n") or (s[-1:] == "\n") != (e.msgid[-1:] == "\n")
    ]
    assert not wrong


def test_translations_are_chinese(messages):
    # A message with words outside its placeholders needs at least one CJK character.
    not_chinese = [
        describe(e)
        for e in messages
        if any(c.isalpha() for c in PLACEHOLDER.sub("", e.msgid))
        and not any("\u4e00" <= c <= "\u9fff" for s in e.translations for c in s)
    ]
    assert not not_chinese


def test_mo_is_compiled_from_the_current_po(messages):
    with MO_PATH.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in messages:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural:
            for index, translation in entry.msgstr.items():
                expected[(key, index)] = translation
        else:
            expected[key] = entry.msgstr[0]
    compiled = {key: value for key, value in catalog.items() if key != ""}
    assert compiled == expected, "run `make messages` (or manage.py compilemessages)"
