"""Text similarity for needs against offers: TF-IDF cosine over words and bigrams, plus
whole phrases. Pure Python, no Django import.

The texts are short lists ("3D modelling; post-production"), so a phrase list split on
';' or ',' says most; the TF-IDF vectors catch partial overlaps ("software testing" vs
"automated testing") and free prose.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

# Only words that carry no meaning in a list of services; the IDF weighting handles
# the rest of the common vocabulary.
STOP_WORDS = frozenset({
    "a", "an", "and", "any", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is",
    "it", "of", "on", "or", "our", "the", "their", "to", "we", "with", "you", "your",
    "service", "solution",
})
_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_PHRASE_SPLIT = re.compile(r"[;,\n；，、]+")

Vector = dict[str, float]


def words(text: str) -> list[str]:
    """Lower-cased words without stop words; CJK runs split into characters (no spaces
    between Chinese words) so that the bigrams carry the meaning."""
    tokens = []
    for word in _WORD.findall(text.lower()):
        if _CJK.search(word):
            tokens.extend(word)
            continue
        # A crude plural fold: "applications" meets "application".
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "is", "us")):
            word = word[:-1]
        if word not in STOP_WORDS:
            tokens.append(word)
    return tokens


def terms(text: str) -> list[str]:
    """Words and bigrams; bigrams stay inside one item of a list."""
    found = []
    for part in _PHRASE_SPLIT.split(text):
        tokens = words(part)
        found += tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    return found


def phrases(text: str) -> dict[str, str]:
    """Normalised phrase -> the phrase as written, for the items of a list."""
    found = {}
    for raw in _PHRASE_SPLIT.split(text):
        key = " ".join(words(raw))
        if key and key not in found:
            found[key] = raw.strip()
    return found


def idf(documents: Iterable[list[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency (as scikit-learn's default)."""
    frequency: Counter[str] = Counter()
    count = 0
    for document in documents:
        count += 1
        frequency.update(set(document))
    return {term: math.log((1 + count) / (1 + seen)) + 1 for term, seen in frequency.items()}


def vector(document: list[str], weights: Mapping[str, float]) -> Vector:
    """L2-normalised TF-IDF vector with sub-linear term frequency."""
    raw = {
        term: (1 + math.log(count)) * weights.get(term, 1.0)
        for term, count in Counter(document).items()
    }
    norm = math.sqrt(sum(value * value for value in raw.values()))
    return {term: value / norm for term, value in raw.items()} if norm else {}


def cosine_rows(
    queries: Mapping[int, Vector], documents: Mapping[int, Vector]
) -> dict[int, dict[int, float]]:
    """Cosine of every query against every document, only the non-zero ones, through an
    inverted index: the cost follows shared terms, not the number of pairs."""
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for key, vec in documents.items():
        for term, value in vec.items():
            index[term].append((key, value))
    rows = {}
    for key, vec in queries.items():
        row: dict[int, float] = defaultdict(float)
        for term, value in vec.items():
            for other, other_value in index.get(term, ()):
                row[other] += value * other_value
        rows[key] = dict(row)
    return rows


def shared_phrases(
    queries: Mapping[int, Mapping[str, str]], documents: Mapping[int, Mapping[str, str]]
) -> dict[int, dict[int, list[str]]]:
    """For each query, the documents sharing whole phrases, with those phrases as the
    query wrote them (in its order)."""
    index: dict[str, list[int]] = defaultdict(list)
    for key, found in documents.items():
        for phrase in found:
            index[phrase].append(key)
    rows = {}
    for key, found in queries.items():
        row: dict[int, list[str]] = defaultdict(list)
        for phrase, written in found.items():
            for other in index.get(phrase, ()):
                row[other].append(written)
        rows[key] = dict(row)
    return rows


def top_shared_terms(a: Vector, b: Vector, limit: int = 3, joined: bool = False) -> list[str]:
    """The single words contributing most to the cosine of two vectors. With `joined`
    (Chinese, whose single characters say little), the two-character words instead,
    written without the space."""
    if joined:
        shared = [(a[term] * b[term], term.replace(" ", "")) for term in a.keys() & b.keys()
                  if " " in term and all(_CJK.match(part) for part in term.split(" "))]
    else:
        shared = [(a[term] * b[term], term) for term in a.keys() & b.keys() if " " not in term]
    return [term for _weight, term in sorted(shared, key=lambda item: (-item[0], item[1]))][:limit]
