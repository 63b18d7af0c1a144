"""Forms of the project leader's review: feedback, saved phrases and the overview's filters."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from verksted.forms import PlainTextArea, required

COMMENT_MAX = 10_000
PHRASE_MAX = 1_000


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class CommentForm(FlaskForm):
    """A comment on the whole document or on one of its sections."""

    section_key = SelectField(
        _l("Gjelder"), description=_l("Velg en del av dokumentet, eller hele dokumentet."),
        validate_choice=False,  # the service checks the section against the document, in Norwegian
    )
    body = PlainTextArea(
        _l("Kommentar"), limit=COMMENT_MAX, validators=[required(_l("Skriv kommentaren før du lagrer den."))],
        description=_l("Teamet ser kommentaren ved siden av teksten. Du kan bruke Markdown."),
    )

    def __init__(self, sections: list[tuple[str, str]], *args, **kwargs):
        kwargs.setdefault("prefix", "kommentar")
        super().__init__(*args, **kwargs)
        self.section_key.choices = _choices([("", _l("Hele dokumentet")), *sections])


class ReturnForm(FlaskForm):
    """Sending a document back to the team for revision: the message says what to change."""

    message = PlainTextArea(
        _l("Hva skal teamet endre?"), limit=COMMENT_MAX,
        validators=[required(_l("Skriv hva teamet skal endre før du sender dokumentet tilbake."))],
        description=_l("Teamet får meldingen på e-post og ser den øverst i dokumentet."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "tilbake")
        super().__init__(*args, **kwargs)


class ApproveForm(FlaskForm):
    message = PlainTextArea(
        _l("Melding til teamet (valgfritt)"), limit=COMMENT_MAX,
        description=_l("For eksempel hva som var særlig godt."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "godkjenn")
        super().__init__(*args, **kwargs)


class PhraseForm(FlaskForm):
    text = PlainTextArea(
        _l("Frase"), limit=PHRASE_MAX, validators=[required(_l("Skriv frasen."))],
        description=_l("En setning du ofte skriver i tilbakemeldinger. Du kan bruke Markdown."),
    )


class OverviewFilterForm(FlaskForm):
    """The overview's filters, read from the address so a filtered view can be bookmarked."""

    class Meta:
        csrf = False

    # Values that match nothing are ignored by the overview itself, so nothing to validate here.
    team = SelectField(_l("Team"), validate_choice=False)
    type = SelectField(_l("Dokumenttype"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)

    def __init__(self, teams: list[tuple[str, str]], kinds: list[tuple[str, str]], states: list[tuple[str, str]],
                 *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.team.choices = _choices([("", _l("Alle team")), *teams])
        self.type.choices = _choices([("", _l("Alle typer")), *kinds])
        self.status.choices = _choices([("", _l("Alle statuser")), *states])
