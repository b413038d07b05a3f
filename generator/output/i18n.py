"""The site's two editions, English (at /) and Arabic (at /ar/): every interface string in one message catalogue
per language, and the words of the things that depend on the language (dates, labels, names, figures).

The catalogue works like gettext: the English text is the message id and the English edition shows it as it is;
the Arabic edition looks it up in ARABIC and refuses to render a message it does not have (MissingMessage), so
a new English string cannot slip onto an Arabic page untranslated (tests/test_i18n.py renders every template in
both languages). To add a string, write it in English in the template (`t("...")`) and add its Arabic here; to
add a language, add its catalogue and its date words beside ARABIC.

Digits: the Arabic edition writes Western digits (0-9), as Syrian news sites do online and as the translators'
conventions (ARABIC.md) chose; months have their Levantine names (كانون الثاني، شباط، آذار …).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from generator.input.dates import MONTH_NAMES, DatePart, FuzzyDate, Precision

LANGUAGES = ("en", "ar")
DEFAULT_LANGUAGE = "en"


class MissingMessage(KeyError):
    """A message the Arabic catalogue lacks: the page would show English interface text."""


# Month names as the Levant writes them (Syria, Lebanon, Jordan, Palestine, Iraq).
ARABIC_MONTHS = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)

# Seasons, quarters and halves (dates.YEAR_PARTS), by EDTF code.
ARABIC_YEAR_PARTS = {
    21: "ربيع {year}",
    22: "صيف {year}",
    23: "خريف {year}",
    33: "الربع الأول من {year}",
    34: "الربع الثاني من {year}",
    35: "الربع الثالث من {year}",
    36: "الربع الرابع من {year}",
    40: "النصف الأول من {year}",
    41: "النصف الثاني من {year}",
}

# The schema's x-labels in Arabic, by field and value (the English ones stay in timeline.schema.json).
ARABIC_LABELS: dict[str, dict[str, str]] = {
    "kind": {
        "offensive-launched": "إطلاق هجوم",
        "territory-taken": "سيطرة على أرض",
        "territory-lost": "خسارة أرض",
        "clash": "اشتباك",
        "counter-attack": "هجوم معاكس",
        "strike": "قصف جوي أو مدفعي",
        "civilian-harm": "أذى بالمدنيين",
        "displacement": "نزوح أو إجلاء",
        "operational-pause": "توقف عملياتي",
        "statement": "تصريح",
        "estimate": "تقدير",
    },
    "confidence": {"confirmed": "مؤكد", "reported": "بحسب التقارير", "disputed": "متنازع عليه"},
    "claim.what": {
        "killed": "قتلى",
        "wounded": "جرحى",
        "captured": "أسرى",
        "surrendered": "مستسلمون",
        "abducted": "مخطوفون",
        "displaced": "نازحون",
        "evacuated": "مُجلَون",
        "fled": "فارّون",
        "fighters-present": "مقاتلون موجودون",
        "fighters-redeployed": "مقاتلون أُعيد نشرهم",
        "fighters-involved": "مقاتلون مشاركون",
        "area-taken": "مساحة سيطر عليها",
        "area-held": "مساحة لا تزال تحت السيطرة",
        "distance-advanced": "مسافة التقدم",
        "distance-from": "المسافة",
    },
    "claim.unit": {"people": "", "families": "عائلة", "km2": "كم²", "sq-mi": "ميل²", "km": "كم", "mi": "ميل"},
    "source.stance": {
        "independent": "مستقل",
        "pro-sdf": "مؤيد لقسد",
        "pro-government": "مؤيد للحكومة السورية",
        "pro-opposition": "مؤيد للمعارضة",
        "pro-iran": "مؤيد لإيران",
        "turkish-state": "إعلام الدولة التركية",
        "qatar-linked": "مرتبط بقطر",
        "saudi-owned": "مملوك سعودياً",
        "monitor": "مرصد",
        "isis": "منبر لداعش",
        "coalition": "التحالف",
        "government": "حكومي",
        "encyclopedia": "موسوعة",
    },
    "assessment.grade": {
        "confirmed": "مؤكد",
        "fair": "معقول",
        "weak": "ضعيف",
        "contested": "متنازع عليه",
        "discounted": "مستبعد",
        "credible": "موثوق",
        "non-credible": "غير موثوق",
        "insufficient-information": "معلومات غير كافية",
        "duplicate": "مكرر",
    },
    "place.coordinates.precision": {
        "site": "الموقع نفسه",
        "village": "وسط القرية",
        "town": "وسط البلدة",
        "area": "منطقة تقريبية",
    },
}

# Whom a claim is about when it is not an actor.
ARABIC_GROUPS = {"civilians": "مدنيون", "children": "أطفال", "women": "نساء", "people": "أشخاص"}

# How each kind of figure reads in an Arabic sentence (filters._CLAIM_PHRASES in English).
ARABIC_CLAIM_PHRASES = {
    "area-taken": "سيطرت {who} على {n}",
    "distance-advanced": "تقدمت {who} مسافة {n}",
    "distance-from": "{who} على بعد {n}",
    "fighters-present": "{n} من مقاتلي {who} موجودون",
    "fighters-redeployed": "أُعيد نشر {n} من مقاتلي {who}",
    "fighters-involved": "شارك {n} من مقاتلي {who}",
    "area-held": "لا تزال {who} تسيطر على {n}",
}

# Country names on the maps.
ARABIC_COUNTRIES = {"Syria": "سوريا", "Iraq": "العراق"}

# The languages of the sources, by ISO 639-1 code, as the Arabic edition names them beside a source (the English
# edition shows the code); a code not listed here is shown as it is, isolated.
ARABIC_LANGUAGES = {
    "ar": "العربية",
    "en": "الإنجليزية",
    "fr": "الفرنسية",
    "de": "الألمانية",
    "it": "الإيطالية",
    "pt": "البرتغالية",
    "es": "الإسبانية",
    "cs": "التشيكية",
    "no": "النرويجية",
    "nl": "الهولندية",
    "ru": "الروسية",
    "tr": "التركية",
    "ku": "الكردية",
    "fa": "الفارسية",
    "he": "العبرية",
    "vi": "الفيتنامية",
    "id": "الإندونيسية",
}


@dataclass(frozen=True, slots=True)
class Edition:
    """One language edition: its code, direction, where it is published and its catalogue."""

    lang: str
    dir: str
    # The folder of the site the edition is published in ('' for English at /, 'ar/' for Arabic at /ar/).
    prefix: str
    messages: Mapping[str, str] | None

    @property
    def arabic(self) -> bool:
        """True for the Arabic edition."""
        return self.lang == "ar"

    def t(self, message: str, **values: object) -> str:
        """The message in this edition's language, with `{name}` placeholders filled in."""
        if self.messages is None:
            text = message
        else:
            try:
                text = self.messages[message]
            except KeyError:
                raise MissingMessage(
                    f"no Arabic for the message {message!r} (add it to generator/output/i18n.py)"
                ) from None
        return text.format(**values) if values else text

    def language(self, code: str) -> str:
        """A source's language as this edition names it: the code in English ('en'), the name in Arabic."""
        return ARABIC_LANGUAGES.get(code, code) if self.arabic else code

    def label(self, field: str, value: str, english: str) -> str:
        """A schema label (kind, confidence, claim words …) in this edition's language."""
        if not self.arabic:
            return english
        return ARABIC_LABELS[field].get(value, english)

    def number(self, value: int) -> str:
        """A count as this edition writes it: '2,500' (Arabic: the same Western digits and separator)."""
        return f"{value:,}"

    def date(self, fuzzy: FuzzyDate) -> str:
        """A date as a reader of this edition reads it, never more precise than written."""
        return fuzzy.label if not self.arabic else arabic_date(fuzzy)

    def explanation(self, fuzzy: FuzzyDate) -> str:
        """One sentence on how precise the date is."""
        return fuzzy.explanation if not self.arabic else arabic_explanation(fuzzy)

    @property
    def month_names(self) -> tuple[str, ...]:
        """The twelve months' names in this edition (the page's script writes the reader's access date with them)."""
        return ARABIC_MONTHS if self.arabic else MONTH_NAMES

    def month(self, key: str) -> str:
        """A month key ('2018-09'; '2018-00' for an unknown month) in words."""
        year, month = key.split("-")
        if not self.arabic:
            return f"{year}, month unknown" if month == "00" else f"{MONTH_NAMES[int(month) - 1]} {year}"
        return f"{year}، الشهر غير معروف" if month == "00" else f"{ARABIC_MONTHS[int(month) - 1]} {year}"


ENGLISH = Edition("en", "ltr", "", None)


def _arabic_catalogue() -> dict[str, str]:
    """The Arabic messages (generator/output/i18n_ar.py), loaded once."""
    from generator.output.i18n_ar import MESSAGES

    return MESSAGES


ARABIC = Edition("ar", "rtl", "ar/", _arabic_catalogue())
EDITIONS = {"en": ENGLISH, "ar": ARABIC}


def edition(lang: str | None) -> Edition:
    """The edition of a language code (the theme's `language`); English for anything else."""
    return EDITIONS.get(lang or DEFAULT_LANGUAGE, ENGLISH)


def arabic_short_name(name_ar: str | None, aliases: tuple[str, ...], short_name: str) -> str:
    """An actor's short name on the Arabic edition: the shortest of its Arabic name and Arabic aliases (قسد, داعش),
    as the English short name is the shortest English one; the Latin short name when it has none."""
    arabic = [name for name in (name_ar, *aliases) if name and is_arabic_text(name)]
    return min(arabic, key=len) if arabic else short_name


def _plain(part: DatePart) -> str:
    """'20 أيلول 2018', 'أيلول 2018', '2018'."""
    if part.month is None:
        return str(part.year)
    month = ARABIC_MONTHS[part.month - 1]
    return f"{part.day} {month} {part.year}" if part.day is not None else f"{month} {part.year}"


def _qualified(part: DatePart) -> str:
    """The part with its qualifiers in words: 'نحو أيلول 2018', 'أيلول 2018 (غير مؤكد)'."""
    text = _plain(part)
    if part.approximate:
        text = f"نحو {text}"
    return f"{text} (غير مؤكد)" if part.uncertain else text


def arabic_date(fuzzy: FuzzyDate) -> str:
    """The date in Arabic words: 'من 12 إلى 13 أيلول 2017', 'من تشرين الأول إلى تشرين الثاني 2018'."""
    if fuzzy.words is not None:
        # A season or part of a year, written `2018-23`: its EDTF code names it.
        return ARABIC_YEAR_PARTS[int(fuzzy.text[5:7])].format(year=fuzzy.first.year)
    first, last = fuzzy.first, fuzzy.last
    if last is None:
        return _qualified(first)
    if not (first.is_qualified or last.is_qualified) and first.precision == last.precision:
        same_year = first.year == last.year
        if first.precision is Precision.DAY and same_year and first.month == last.month:
            return f"من {first.day} إلى {_plain(last)}"
        if first.precision is Precision.DAY and same_year:
            assert first.month is not None
            return f"من {first.day} {ARABIC_MONTHS[first.month - 1]} إلى {_plain(last)}"
        if first.precision is Precision.MONTH and same_year:
            assert first.month is not None
            return f"من {ARABIC_MONTHS[first.month - 1]} إلى {_plain(last)}"
    return f"من {_qualified(first)} إلى {_qualified(last)}"


def arabic_explanation(fuzzy: FuzzyDate) -> str:
    """How precise the date is, in one Arabic sentence."""
    if fuzzy.words is not None and fuzzy.last is not None:
        text = f"لا يُعرف إلا جزء السنة: {arabic_date(fuzzy)}"
    elif fuzzy.last is not None:
        text = "يمتد الحدث على هذه الفترة، أو تضعه المصادر المختلفة ضمنها"
    else:
        text = {
            Precision.DAY: "اليوم معروف",
            Precision.MONTH: "الشهر وحده معروف، لا اليوم",
            Precision.YEAR: "السنة وحدها معروفة",
        }[fuzzy.precision]
    if fuzzy.approximate:
        text += "؛ والتاريخ تقريبي"
    if fuzzy.uncertain:
        text += "؛ والتاريخ غير مؤكد"
    return text + "."


# Arabic letters (the Arabic block and its presentation forms); what `timeline check` expects in `ar` text.
ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
# Diacritics (tashkil), the superscript alef and the tatweel: not part of a word's spelling for search.
_TASHKIL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_ARTICLE = re.compile(r"(?<![\w])(?:ال|وال|بال|فال|كال|لل)(?=\w{2,})")


def normalize_arabic(text: str) -> str:
    """Arabic text as search compares it: no diacritics, one alef, ى as ي, ة as ه, without the article ال.

    The same function (in JavaScript, content/javascripts/timeline.js) normalizes what a reader types."""
    text = unicodedata.normalize("NFKC", text)
    text = _TASHKIL.sub("", text).translate(_ALEFS)
    return _ARTICLE.sub("", text)


def unvocalized(text: str) -> str:
    """Arabic as the site shows a name: without diacritics and with the wasla alef as a plain one (ٱلْمَرَاشِدَة
    is shown المراشدة, as Syrian news sites write it and as the translators' conventions ask; the registry keeps
    the spelling as its source gives it, and search matches both)."""
    return _TASHKIL.sub("", text).replace("ٱ", "ا")


def is_arabic_text(text: str) -> bool:
    """True when the text is written in Arabic script: it has Arabic letters and more of them than Latin ones
    (Latin names and figures inside Arabic text are fine)."""
    arabic = len(ARABIC_LETTER.findall(text))
    return arabic > 0 and arabic >= len(LATIN_LETTER.findall(text))
