"""What each kind of question asks for: its settings, and what counts as a valid answer.

Settings are kept as JSON on the question. Answers are parsed from the participant's form
into a small JSON value; anything outside what the question allows is refused with a message.
"""
from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from verksted.errors import Refused
from verksted.polls.models import QuestionKind

PROMPT_MAX = 500
OPTION_MAX = 200
OPTIONS_MAX = 20
WORD_MAX = 40
TEXT_MAX = 1000
SCALE_MAXIMA = (5, 10)

KIND_LABELS = {
    QuestionKind.SCALE: _l("Skala"),
    QuestionKind.SINGLE: _l("Ett valg"),
    QuestionKind.MULTIPLE: _l("Flere valg"),
    QuestionKind.WORDS: _l("Ordsky"),
    QuestionKind.TEXT: _l("Åpent svar"),
    QuestionKind.RANKING: _l("Rangering"),
    QuestionKind.PROGRAMME: _l("Vurder hvert punkt i programmet"),
}


def default_settings(kind: QuestionKind) -> dict:
    if kind in (QuestionKind.SCALE, QuestionKind.PROGRAMME):
        settings = {"max": 5, "low_label": "", "high_label": "", "dont_know": False}
        if kind is QuestionKind.PROGRAMME:
            settings["items"] = []
        return settings
    if kind in (QuestionKind.SINGLE, QuestionKind.RANKING):
        return {"options": []}
    if kind is QuestionKind.MULTIPLE:
        return {"options": [], "max_choices": 2}
    if kind is QuestionKind.WORDS:
        return {"max_words": 3}
    return {}


def clean_settings(kind: QuestionKind, data: Mapping) -> dict:
    """Checked, normalised settings for a question of this kind; refuses what cannot work."""
    settings = default_settings(kind)
    if kind in (QuestionKind.SCALE, QuestionKind.PROGRAMME):
        top = _int(data.get("max", 5))
        if top not in SCALE_MAXIMA:
            raise Refused(_("Skalaen går fra 1 til 5 eller fra 1 til 10."), "max")
        settings["max"] = top
        settings["low_label"] = _text(data.get("low_label", ""), 60)
        settings["high_label"] = _text(data.get("high_label", ""), 60)
        settings["dont_know"] = bool(data.get("dont_know"))
        if kind is QuestionKind.PROGRAMME:
            settings["items"] = [
                {"id": str(item.get("id") or index), "title": _text(item.get("title", ""), OPTION_MAX)}
                for index, item in enumerate(data.get("items") or [])
                if _text(item.get("title", ""), OPTION_MAX)
            ][:OPTIONS_MAX * 2]
    elif kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING):
        options = [_text(option, OPTION_MAX) for option in (data.get("options") or [])]
        options = [option for option in options if option]
        if len(options) < 2:
            raise Refused(_("Spørsmålet trenger minst to svaralternativer."), "options")
        if len(options) > OPTIONS_MAX:
            raise Refused(_("Spørsmålet kan ha høyst %(max)d svaralternativer.", max=OPTIONS_MAX), "options")
        if len({option.casefold() for option in options}) < len(options):
            raise Refused(_("To svaralternativer er like."), "options")
        settings["options"] = options
        if kind is QuestionKind.MULTIPLE:
            most = _int(data.get("max_choices", len(options)))
            if not 1 <= most <= len(options):
                raise Refused(
                    _("Flest valg må være mellom 1 og %(max)d.", max=len(options)), "max_choices"
                )
            settings["max_choices"] = most
    elif kind is QuestionKind.WORDS:
        most = _int(data.get("max_words", 3))
        if not 1 <= most <= 3:
            raise Refused(_("Hver deltaker kan skrive fra ett til tre ord."), "max_words")
        settings["max_words"] = most
    return settings


def parse_answer(kind: QuestionKind, settings: Mapping, form: Mapping) -> dict:
    """The answer a participant sent, as stored; refuses anything the question does not allow.

    `form` is a MultiDict-like mapping (request.form or a JSON object): lists are read with
    `getlist` where there is one.
    """
    if kind is QuestionKind.SCALE:
        return _scale_answer(settings, form.get("score"))
    if kind is QuestionKind.SINGLE:
        return {"choice": _option(settings, form.get("choice"))}
    if kind is QuestionKind.MULTIPLE:
        choices = sorted({_option(settings, value) for value in _list(form, "choices")})
        if not choices:
            raise Refused(_("Velg minst ett svar."))
        if len(choices) > settings.get("max_choices", len(settings["options"])):
            raise Refused(_("Du kan velge høyst %(max)d svar.", max=settings.get("max_choices")))
        return {"choices": choices}
    if kind is QuestionKind.WORDS:
        return {"words": _words(settings, _list(form, "words"))}
    if kind is QuestionKind.TEXT:
        text = _str(form.get("text")).replace("\r\n", "\n").strip()  # a browser sends a line break as two characters
        if not text:
            raise Refused(_("Skriv et svar før du sender."))
        if len(text) > TEXT_MAX:
            raise Refused(_("Svaret kan være høyst %(max)d tegn.", max=TEXT_MAX))
        return {"text": text}
    if kind is QuestionKind.RANKING:
        return {"order": _ranking(settings, _list(form, "order"), form)}
    if kind is QuestionKind.PROGRAMME:
        scores = {}
        for item in settings.get("items", []):
            value = form.get(f"score-{item['id']}")
            if value in (None, ""):
                continue
            scores[item["id"]] = _scale_answer(settings, value).get("score", "dont_know")
        if not scores:
            raise Refused(_("Gi en vurdering av minst ett punkt i programmet."))
        return {"scores": scores}
    raise Refused(_("Ukjent spørsmålstype."))


def _scale_answer(settings: Mapping, value) -> dict:
    value = _str(value).strip()
    if value == "dont_know" and settings.get("dont_know"):
        return {"dont_know": True}
    top = settings.get("max", 5)
    score = _int(value, None)
    if score is None or not 1 <= score <= top:
        raise Refused(_("Velg et tall fra 1 til %(max)d.", max=top))
    return {"score": score}


def _option(settings: Mapping, value) -> int:
    index = _int(value, None)
    if index is None or not 0 <= index < len(settings.get("options", [])):
        raise Refused(_("Velg ett av svaralternativene."))
    return index


def _words(settings: Mapping, values: list) -> list[str]:
    words = []
    for value in values:
        for word in _str(value).split(",") if "," in _str(value) else [_str(value)]:
            word = " ".join(word.split())
            if not word:
                continue
            if len(word) > WORD_MAX:
                raise Refused(_("Et ord kan være høyst %(max)d tegn.", max=WORD_MAX))
            if word.casefold() not in {w.casefold() for w in words}:
                words.append(word)
    if not words:
        raise Refused(_("Skriv minst ett ord."))
    most = settings.get("max_words", 3)
    if len(words) > most:
        raise Refused(_("Du kan skrive høyst %(max)d ord.", max=most))
    return words


def _ranking(settings: Mapping, values: list, form: Mapping) -> list[int]:
    count = len(settings.get("options", []))
    if not values:
        # Without JavaScript each option gets its place from a list: rank-<option> = 1..n.
        places = {index: _int(form.get(f"rank-{index}"), None) for index in range(count)}
        if sorted(p for p in places.values() if p is not None) == list(range(1, count + 1)):
            values = [index for index, _place in sorted(places.items(), key=lambda pair: pair[1])]
    order = [_int(value, None) for value in values]
    if sorted(i for i in order if i is not None) != list(range(count)) or None in order:
        raise Refused(_("Sett alle alternativene i rekkefølge, hvert én gang."))
    return order


def _list(form: Mapping, key: str) -> list:
    if hasattr(form, "getlist"):
        return form.getlist(key)
    value = form.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _str(value) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _int(value, default=0):
    try:
        return int(_str(value).strip())
    except ValueError:
        return default


def _text(value, limit: int) -> str:
    text = " ".join(_str(value).split())
    if len(text) > limit:
        raise Refused(_("Teksten kan være høyst %(max)d tegn.", max=limit))
    return text
