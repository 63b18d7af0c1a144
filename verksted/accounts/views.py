from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from verksted.accounts import bp, services
from verksted.accounts.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LanguageForm,
    LoginForm,
    ProfileForm,
    ResetPasswordForm,
)
from verksted.calendar import services as calendar
from verksted.errors import Refused
from verksted.extensions import db


def safe_next(target: str | None) -> str | None:
    """Only same-site paths are followed after sign-in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/logg-inn", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("networks.home"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data, request.remote_addr or "")
        except Refused as refused:
            db.session.commit()  # keep the record of the failed attempt
            error = refused.message
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            session.pop("locale", None)
            return redirect(safe_next(request.args.get("next")) or url_for("networks.home"))
    status = 200 if error is None and not form.errors else 422
    return render_template("accounts/login.html", form=form, error=error), status


@bp.post("/logg-ut")
@login_required
def logout():
    logout_user()
    flash(_("Du er logget ut."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/glemt-passord", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(
            _(
                "Hvis %(email)s er registrert hos oss, har vi sendt en lenke for å velge nytt passord. "
                "Sjekk e-posten din, også søppelpost.",
                email=form.email.data,
            ),
            "success",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form), 422 if form.errors else 200


@bp.route("/nytt-passord/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        reset = services.password_reset_for(token)
    except Refused as refused:
        return render_template("accounts/link_invalid.html", message=refused.message), 410
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = services.reset_password(reset, form.password.data)
        db.session.commit()
        login_user(user)
        flash(_("Passordet er endret, og du er logget inn."), "success")
        return redirect(url_for("networks.home"))
    return render_template("accounts/reset_password.html", form=form, user=reset.user), 422 if form.errors else 200


def _profile_page(form, password_form, status: int = 200):
    feed = calendar.feed_for_person(current_user)
    if feed.id is None:
        db.session.commit()  # the personal calendar address is made the first time it is shown
    return render_template(
        "accounts/profile.html", form=form, password_form=password_form, calendar_links=calendar.links(feed)
    ), status


@bp.route("/profil", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        current_user.name = form.name.data
        services.set_locale(current_user, form.locale.data)
        db.session.commit()
        flash(_("Profilen er lagret."), "success")
        return redirect(url_for("accounts.profile"))
    return _profile_page(form, ChangePasswordForm(formdata=None), 422 if form.errors else 200)


@bp.route("/profil/passord", methods=["POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, form.current_password.data, form.password.data)
        except Refused as refused:
            form[refused.field].errors.append(refused.message)
        else:
            db.session.commit()
            login_user(current_user._get_current_object())  # the password change renewed this session's token
            flash(_("Passordet er endret. Andre innlogginger med det gamle passordet er logget ut."), "success")
            return redirect(url_for("accounts.profile"))
    return _profile_page(ProfileForm(obj=current_user, formdata=None), form, 422)


@bp.post("/sprak")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            services.set_locale(current_user, form.locale.data)
            db.session.commit()
        else:
            session["locale"] = form.locale.data
    return redirect(safe_next(request.form.get("next")) or url_for("networks.home"))
