"""The profile's personal access tokens: make one (its secret shown once), list, revoke."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted.accounts import bp as accounts
from verksted.api import bp, tokens
from verksted.api.forms import NewTokenForm
from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import ConfirmForm, form_status, require_confirmation, show_refusal


@bp.app_context_processor
def token_panel():
    """What the profile's token section (api/_tokens.html) needs, read only when it is shown."""
    return {"api_tokens_of": tokens.tokens_of, "new_api_token_form": lambda: NewTokenForm(formdata=None),
            "new_api_confirm_form": ConfirmForm}


@accounts.route("/profil/nokler", methods=["GET", "POST"])
@login_required
def api_tokens():
    form = NewTokenForm()
    if form.validate_on_submit():
        try:
            token, secret = tokens.create(current_user, form.name.data, form.can_write.data, form.expires_on.data)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            # Shown here and never again: only its hash is kept.
            return render_template("api/token_created.html", token=token, secret=secret)
    return render_template("api/tokens.html", form=form, confirm=ConfirmForm()), form_status(form)


@accounts.post("/profil/nokler/<int:token_id>/trekk-tilbake")
@login_required
def revoke_api_token(token_id: int):
    require_confirmation()
    try:
        token = tokens.revoke(current_user, token_id)
    except Refused:
        abort(404)
    db.session.commit()
    flash(_("Nøkkelen «%(name)s» er trukket tilbake og virker ikke lenger.", name=token.name), "success")
    return redirect(url_for("accounts.api_tokens"))
