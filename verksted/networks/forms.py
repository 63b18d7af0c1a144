from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import InputRequired, Optional, Regexp

from verksted.accounts.forms import email_field
from verksted.forms import DateInput, PlainText, PlainTextArea, max_length, required, strip
from verksted.networks.models import OrgGroup, Role


def _optional_int(value):
    if value in (None, "", "0", 0):
        return None
    return int(value)


class NetworkForm(FlaskForm):
    name = StringField(_l("Navn på nettverket"), filters=[strip], validators=[required(), max_length(200), PlainText()])
    description = PlainTextArea(
        _l("Kort beskrivelse"), limit=2000, description=_l("Vises øverst på nettverkets side. Du kan bruke Markdown.")
    )
    owner_organisation = StringField(
        _l("Eier"), filters=[strip], validators=[max_length(200), PlainText()],
        description=_l("For eksempel utviklingssenteret og KS."),
    )
    starts_on = DateInput(_l("Startdato"), validators=[Optional()])
    ends_on = DateInput(_l("Sluttdato"), validators=[Optional()])
    main_goal = PlainTextArea(_l("Hovedmål"), limit=2000)
    goals = PlainTextArea(
        _l("Delmål"), limit=5000, description=_l("Ett delmål per linje, i den rekkefølgen de skal vises.")
    )

    def goal_lines(self) -> list[str]:
        return (self.goals.data or "").splitlines()

    def network_data(self) -> dict:
        return {
            key: getattr(self, key).data
            for key in ("name", "description", "owner_organisation", "starts_on", "ends_on", "main_goal")
        }


class OrganisationMemberForm(FlaskForm):
    group = SelectField(
        _l("Gruppe"),
        choices=[
            (OrgGroup.STEERING.value, _l("Styringsgruppe")),
            (OrgGroup.WORKING.value, _l("Arbeidsgruppe")),
            (OrgGroup.REFERENCE.value, _l("Referansegruppe")),
        ],
    )
    name = StringField(_l("Navn"), filters=[strip], validators=[required(), max_length(120), PlainText()])
    role = StringField(
        _l("Rolle"), filters=[strip], validators=[max_length(120), PlainText()],
        description=_l("For eksempel leder, sekretær eller medlem."),
    )
    organisation = StringField(_l("Organisasjon"), filters=[strip], validators=[max_length(200), PlainText()])


class TeamForm(FlaskForm):
    municipality = StringField(
        _l("Kommune"), filters=[strip], validators=[required(), max_length(120), PlainText()],
        description=_l("Kommunens navn slik den vil bli omtalt, for eksempel Fjordvik kommune."),
    )
    municipality_number = StringField(
        _l("Kommunenummer (valgfritt)"),
        filters=[strip],
        validators=[Optional(), Regexp(r"^\d{4}$", message=_l("Kommunenummeret har fire sifre, for eksempel 4601."))],
    )
    contact_user_id = SelectField(_l("Kontaktperson"), coerce=_optional_int, validate_choice=False)


class WithdrawTeamForm(FlaskForm):
    withdrawn_on = DateInput(
        _l("Dato for uttrekk"), validators=[InputRequired(message=_l("Skriv datoen teamet trakk seg."))]
    )
    reason = PlainTextArea(
        _l("Årsak"), limit=2000, validators=[required(_l("Skriv hvorfor teamet trakk seg. Årsaken blir stående i rapporten."))],
    )


class InviteForm(FlaskForm):
    email = email_field()
    name = StringField(_l("Navn"), filters=[strip], validators=[Optional(), max_length(120), PlainText()])
    role = SelectField(
        _l("Rolle"),
        choices=[
            (Role.TEAM_MEMBER.value, _l("Teammedlem")),
            (Role.OBSERVER.value, _l("Observatør (leser alt, endrer ingenting)")),
            (Role.FACILITATOR.value, _l("Prosjektleder")),
        ],
    )
    team_id = SelectField(_l("Kommuneteam"), coerce=_optional_int, validate_choice=False)
    is_group_leader = BooleanField(_l("Gruppeleder for teamet"))
    team_role = StringField(
        _l("Rolle i teamet"), filters=[strip], validators=[max_length(120), PlainText()],
        description=_l("For eksempel enhetsleder, sykepleier eller tillitsvalgt."),
    )


class MembershipForm(FlaskForm):
    role = InviteForm.role
    team_id = InviteForm.team_id
    is_group_leader = InviteForm.is_group_leader
    team_role = InviteForm.team_role
