"""Importing an archive: a new network, all or nothing; a hostile file is refused, nothing written."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from verksted.accounts.models import User
from verksted.archive import ArchiveRefused, archive_bytes, checks, import_archive
from verksted.extensions import db
from verksted.gatherings import files as gathering_files
from verksted.gatherings.models import GatheringFile
from verksted.networks.models import Invitation, Membership, Network, Role, Team
from verksted.polls.models import Participant, Poll

MINIMAL = Path(__file__).parent / "data" / "v1-minimal.json"


def minimal() -> dict:
    return json.loads(MINIMAL.read_text(encoding="utf-8"))


def as_bytes(data: dict) -> bytes:
    return json.dumps(data).encode()  # \u escapes: lone surrogates too


def row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def refused(raw: bytes) -> list[str]:
    before = row_counts()
    with pytest.raises(ArchiveRefused) as caught:
        import_archive(raw)
    assert not db.session.new and not db.session.dirty
    db.session.rollback()
    assert row_counts() == before, "nothing written"
    return caught.value.problems


def test_a_hand_written_version_1_archive_keeps_importing(ctx):
    network = import_archive(MINIMAL.read_bytes())
    db.session.commit()

    assert network.name == "Heltid i Tana og Kárášjohka 🌱"
    assert [team.municipality for team in network.teams] == ["Deatnu – Tana", "Kárášjohka – Karasjok"]
    assert network.teams[1].is_withdrawn
    member = db.session.scalar(sa.select(Membership).join(User).where(User.email == "ansatt@tana.example.no"))
    assert (member.role, member.team.municipality, member.is_group_leader) == (Role.TEAM_MEMBER, "Deatnu – Tana", True)
    assert member.user.locale == "nn" and member.user.password_hash is None


def test_people_are_matched_by_email_and_a_taken_name_gets_a_suffix(ctx, make_user, make_network):
    existing = make_user(email="leder@example.no", name="Áila")
    make_network(name="Heltid i Tana og Kárášjohka 🌱")

    first = import_archive(MINIMAL.read_bytes())
    db.session.commit()
    second = import_archive(MINIMAL.read_bytes())
    db.session.commit()

    assert first.name == "Heltid i Tana og Kárášjohka 🌱 (importert)"
    assert second.name == "Heltid i Tana og Kárášjohka 🌱 (importert 2)"
    leaders = db.session.scalars(sa.select(Membership.user_id).where(Membership.role == Role.FACILITATOR)).all()
    assert leaders == [existing.id, existing.id]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2


def test_a_network_imported_twice_into_the_same_database_gets_fresh_secrets(ctx, rich_network):
    raw = archive_bytes(db.session.get(Network, rich_network))
    copy = import_archive(raw)
    db.session.commit()

    invitation = db.session.scalar(sa.select(Invitation).where(Invitation.network_id == copy.id))
    original = db.session.scalar(sa.select(Invitation).where(Invitation.network_id == rich_network))
    assert invitation.token_hash != original.token_hash
    files = db.session.scalars(sa.select(GatheringFile).order_by(GatheringFile.id)).all()
    assert len({file.stored_name for file in files}) == 2
    assert gathering_files.path_of(files[0]).read_bytes() == gathering_files.path_of(files[1]).read_bytes()
    codes = db.session.scalars(sa.select(Poll.code)).all()
    hashes = db.session.scalars(sa.select(Participant.key_hash)).all()
    assert len(set(codes)) == len(codes) == 12 and len(set(hashes)) == len(hashes) > 0


def test_files_written_by_an_import_go_again_when_it_rolls_back(ctx, rich_network):
    raw = archive_bytes(db.session.get(Network, rich_network))
    import_archive(raw)
    db.session.flush()
    written = db.session.scalars(sa.select(GatheringFile).order_by(GatheringFile.id.desc())).first()
    path = gathering_files.path_of(written)
    assert path.is_file()

    db.session.rollback()

    assert not path.exists()


def _deep(levels: int) -> bytes:
    return b'{"format": "verksted-nettverksarkiv", "x": ' + b"[" * levels + b"]" * levels + b"}"


def _with(change) -> bytes:
    data = minimal()
    change(data)
    return as_bytes(data)


HOSTILE = {
    "empty": (b"", "Filen er tom."),
    "not json": (b"\x89PNG\r\n\x1a\n\x00\x00binary", "ikke UTF-8"),
    "broken json": (b'{"format": "verksted-nettverksarkiv",', "ikke gyldig JSON"),
    "NaN": (b'{"format": "verksted-nettverksarkiv", "format_version": NaN}', "ikke gyldig JSON"),
    "a number of 5000 digits": (b'{"format": "verksted-nettverksarkiv", "format_version": ' + b"9" * 5000 + b"}",
                                "ikke gyldig JSON"),
    "NUL and a lone surrogate": (_with(lambda d: d["network"]["teams"][0].update(municipality="Ta\u0000na",
                                                                             withdrawal_reason="\ud800")),
                                 "teams[0].municipality: teksten har tegn som ikke kan lagres"),
    "deep nesting": (_deep(10_000), "nøstet for dypt"),
    "wrong format": (_with(lambda d: d.update(format="noe-annet")), "ikke et nettverksarkiv"),
    "newer version": (_with(lambda d: d.update(format_version=99)), "formatversjon 99"),
    "version as text": (_with(lambda d: d.update(format_version="1")), "format_version"),
    "duplicate field": (b'{"format": "verksted-nettverksarkiv", "format": "x"}', "«format» står to ganger"),
    "missing reference": (_with(lambda d: d["network"]["memberships"][1].update(team="oslo")),
                          "memberships[1].team: «oslo» finnes ikke i teams"),
    "duplicate key": (_with(lambda d: d["network"]["teams"][1].update(key="tana")),
                      "teams[1].key: «tana» er brukt før i teams"),
    "same municipality twice": (_with(lambda d: d["network"]["teams"][1].update(municipality="Deatnu – Tana")),
                                "teams[1]: municipality er brukt før i teams"),
    "missing field": (_with(lambda d: d["network"]["teams"][0].pop("municipality")), "teams[0].municipality: mangler"),
    "huge string": (_with(lambda d: d["network"]["teams"][0].update(municipality="å" * 1_000_000)),
                    "teams[0].municipality: for lang tekst (høyst 120 tegn)"),
    "wrong type": (_with(lambda d: d["network"]["gatherings"][0].update(number="første")),
                   "gatherings[0].number: skal være heltall"),
    "unknown enum": (_with(lambda d: d["network"]["memberships"][0].update(role="king")),
                     "memberships[0].role: ukjent verdi «king»"),
    "impossible date": (_with(lambda d: d["network"]["gatherings"][0].update(held_on="2026-02-30")),
                        "gatherings[0].held_on: «2026-02-30» er ikke en gyldig verdi"),
    "not an e-mail address": (_with(lambda d: d["network"]["people"][1].update(email="ansatt")),
                               "people[1].email: «ansatt» har feil form"),
    "team member without a team": (_with(lambda d: d["network"]["memberships"][1].pop("team")),
                                   "memberships[1].team: et teammedlem må ha et team"),
    "unknown field": (_with(lambda d: d["network"]["teams"][0].update(password_hash="x")),
                      "teams[0]: ukjent felt «password_hash»"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_is_refused_with_a_clear_list_and_nothing_written(ctx, make_user, name):
    make_user(email="leder@example.no")
    raw, expected = HOSTILE[name]

    problems = refused(raw)

    assert any(expected in problem for problem in problems), problems


def test_every_problem_is_listed_at_once(ctx):
    data = minimal()
    data["network"]["teams"][0].pop("municipality")
    data["network"]["memberships"][0]["role"] = "king"
    data["network"]["gatherings"][0]["number"] = "første"

    assert len(refused(as_bytes(data))) == 3


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(ctx, app, monkeypatch):
    monkeypatch.setitem(app.config, "ARCHIVE_MAX_BYTES", 1000)

    assert "for stor" in refused(MINIMAL.read_bytes())[0]


def test_an_older_format_version_is_upgraded_step_by_step(ctx, monkeypatch):
    """There is only version 1 now; pretend this Verksted writes version 2 to prove the steps run."""
    def rename_goals(data: dict) -> dict:
        data["network"]["goals"] = data["network"].pop("delmål")
        return {**data, "format_version": 2}

    monkeypatch.setattr(checks, "FORMAT_VERSION", 2)
    monkeypatch.setitem(checks.UPGRADES, 1, rename_goals)
    data = minimal()
    data["network"]["delmål"] = data["network"].pop("goals")

    network = import_archive(as_bytes(data))

    assert [goal.text for goal in network.goals] == ["Flere i heltid"]


def test_the_import_command_prints_the_new_network_or_the_problems(runner, tmp_path, app):
    good = tmp_path / "arkiv.json"
    good.write_bytes(MINIMAL.read_bytes())
    bad = tmp_path / "tom.json"
    bad.write_bytes(b"")

    result = runner.invoke(args=["import", str(good)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        network = db.session.scalar(sa.select(Network))
        assert f"{network.id}: «Heltid i Tana og Kárášjohka 🌱»" in result.output
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Team)) == 2

    result = runner.invoke(args=["import", str(bad)])
    assert result.exit_code == 1
    assert "Filen er tom." in result.output


def test_brackets_and_escaped_quotes_inside_text_are_not_nesting(ctx):
    data = minimal()
    data["network"]["settings"]["description"] = '[{"\\' * 500 + "«sitat»"

    network = import_archive(as_bytes(data))

    assert network.description.endswith("«sitat»")
    assert checks.nesting_depth(b'{"a": ["[[[", "\\"[", {"b": [1, 2]}], "c\\\\": [[]]}') == 4


def test_a_realistic_archive_with_bad_values_deep_inside_is_refused_whole(ctx, app, rich_network, monkeypatch):
    data = json.loads(archive_bytes(db.session.get(Network, rich_network)))
    network = data["network"]
    network["submissions"][0]["answers"] = {"tiltak": "x" * (checks.TEXT_MAX + 1)}
    network["gathering_files"][0]["size"] += 1
    network["report_sections"][0]["report"] = "report-99"
    monkeypatch.setitem(app.config, "UPLOAD_MAX_BYTES", 10)

    problems = refused(as_bytes(data))

    assert "submissions[0].answers.tiltak: for lang tekst (høyst 200000 tegn)" in problems
    assert any(p.startswith("gathering_files[0].size: sier") for p in problems)
    assert "gathering_files[0].content: filen er større enn det Verksted tar imot" in problems
    assert "report_sections[0].report: «report-99» finnes ikke i reports" in problems


def test_a_database_refusal_halfway_leaves_nothing_behind(ctx, monkeypatch):
    from verksted.archive import importing

    before = row_counts()

    def fail_halfway(data, clashes):
        db.session.add(Network(name="Halvveis"))
        db.session.flush()
        raise sa.exc.IntegrityError("INSERT …", {}, Exception("unik verdi brutt"))

    monkeypatch.setattr(importing, "_create", fail_halfway)
    with pytest.raises(ArchiveRefused) as caught:
        import_archive(MINIMAL.read_bytes())

    assert "unik verdi brutt" in caught.value.problems[0]
    assert row_counts() == before


def test_rows_that_break_the_domains_rules_between_them_are_refused(ctx, rich_network):
    data = json.loads(archive_bytes(db.session.get(Network, rich_network)))
    network = data["network"]
    other_template = next(v["key"] for v in network["template_versions"]
                          if v["template"] != network["document_requests"][0]["template"])
    submission = next(i for i, s in enumerate(network["submissions"])
                      if s["request"] == network["document_requests"][0]["key"])
    network["submissions"][submission]["template_version"] = other_template
    question = next(i for i, q in enumerate(network["poll_questions"]) if q["question_version"])
    network["poll_questions"][question]["evaluation_question"] = None

    problems = refused(as_bytes(data))

    assert f"submissions[{submission}].template_version: hører til en annen mal enn innleveringen" in problems
    assert f"poll_questions[{question}].question_version: hører til et annet evalueringsspørsmål" in problems
