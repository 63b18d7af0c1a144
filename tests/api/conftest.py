"""Tokens for the permission world's people, and a client that sends one."""
from __future__ import annotations

import pytest

from verksted.accounts.models import User
from verksted.api import tokens
from verksted.extensions import db


@pytest.fixture
def make_token(app):
    """make_token(user, can_write=False) -> the secret «vt_…» of a fresh token."""

    def make_token(user, can_write=False, name="Fagsystem", expires_on=None):
        with app.app_context():
            _token, secret = tokens.create(db.session.get(User, user.id), name, can_write, expires_on)
            db.session.commit()
        return secret

    return make_token


class Api:
    """The test client with a bearer token on every call."""

    def __init__(self, client, secret: str | None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path, **kwargs):
        return self.client.get("/api/v1" + path, headers=self.headers, **kwargs)

    def put(self, path, **kwargs):
        return self.client.put("/api/v1" + path, headers=self.headers, **kwargs)

    def post(self, path, **kwargs):
        return self.client.post("/api/v1" + path, headers=self.headers, **kwargs)


@pytest.fixture
def api_as(app, world, make_token):
    """api_as("facilitator", can_write=True): the API as one of the world's visitors."""

    def api_as(visitor: str, can_write: bool = True) -> Api:
        if visitor == "anonymous":
            return Api(app.test_client(), None)
        return Api(app.test_client(), make_token(getattr(world.people, visitor), can_write=can_write))

    return api_as
