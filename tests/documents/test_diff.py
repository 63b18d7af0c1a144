"""Differences a team reads in a document's history: lines added and removed per field, and
which tiltak are new, carried over or dropped since the previous fremdriftsplan."""
from __future__ import annotations

from verksted.documents import diff

COLUMNS = ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"]

SECTIONS = [
    {"key": "s-mal", "heading": "Mål", "guidance": "", "fields": [
        {"key": "f-effektmal", "label": "Effektmål", "kind": "long_text"},
        {"key": "f-mote", "label": "Første arbeidsmøte", "kind": "meeting"},
    ]},
    {"key": "s-tiltak", "heading": "Tiltak", "guidance": "", "fields": [
        {"key": "f-tiltak", "label": "Tiltak", "kind": "table", "columns": COLUMNS},
        {"key": "f-punkter", "label": "Punkter", "kind": "list"},
    ]},
]


def test_line_diff_marks_added_and_removed_lines_in_reading_order():
    lines = diff.line_diff("Første linje\nAndre linje\nTredje linje", "Første linje\nNy andre linje\nTredje linje\nFjerde")

    assert [(line.change, line.text) for line in lines] == [
        ("same", "Første linje"),
        ("removed", "Andre linje"),
        ("added", "Ny andre linje"),
        ("same", "Tredje linje"),
        ("added", "Fjerde"),
    ]


def test_line_diff_of_identical_text_has_only_kept_lines():
    assert all(line.change == "same" for line in diff.line_diff("a\nb", "a\nb"))
    assert diff.line_diff("", "") == []


def test_compare_answers_lists_only_changed_fields_with_sami_letters_intact():
    old = {"f-effektmal": "Flere i hele stillinger i Čáhppesjávri", "f-mote": {"date": "2026-01-12", "time": "09:00", "place": "Rådhuset"},
           "f-punkter": ["Turnus", "Rekruttering"]}
    new = {"f-effektmal": "Flere i hele stillinger i Čáhppesjávri", "f-mote": {"date": "2026-01-12", "time": "10:00", "place": "Rådhuset"},
           "f-punkter": ["Turnus", "Heltidskultur 💪"]}

    changes = diff.compare_answers(SECTIONS, old, new)

    assert [change.field["key"] for change in changes] == ["f-mote", "f-punkter"]
    meeting, items = changes
    assert (meeting.removed, meeting.added) == (1, 1)
    assert [line.text for line in items.lines if line.change == "added"] == ["- Heltidskultur 💪"]
    assert [line.text for line in items.lines if line.change == "same"] == ["- Turnus"]


def test_compare_answers_sees_a_field_filled_in_or_emptied():
    changes = diff.compare_answers(SECTIONS, {"f-effektmal": "Før"}, {"f-tiltak": [["Rekruttere", "Sommerjobb", "Ola", "Juni"]]})

    keys = {change.field["key"]: change for change in changes}
    assert keys["f-effektmal"].lines == [diff.Line("removed", "Før")]
    assert keys["f-tiltak"].lines == [diff.Line("added", "Rekruttere | Sommerjobb | Ola | Juni")]


def test_compare_answers_does_not_break_on_a_refused_value_kept_as_typed():
    changes = diff.compare_answers(SECTIONS, {"f-tiltak": [["a", "b"]]}, {"f-tiltak": [7, "løs rad"]})

    assert [line.text for line in changes[0].lines if line.change == "added"] == ["7", "løs rad"]


def test_tiltak_column_is_found_by_name_or_falls_back_to_the_first():
    assert diff.tiltak_column(COLUMNS) == 1
    assert diff.tiltak_column(["Mål", "Planlagte tiltak"]) == 1
    assert diff.tiltak_column(["Hva", "Hvem"]) == 0
    assert diff.tiltak_column([]) == 0


def test_tiltak_are_sorted_into_new_carried_over_and_dropped():
    previous = [
        ["Heltid", "Ønsketurnus i to avdelinger", "Enhetsleder", "Høst 2026"],
        ["Rekruttere", "Sommerjobb for elever", "HR", "Juni"],
        ["Beholde", "Mentorordning for nyansatte", "Fagutvikler", "Hele året"],
    ]
    current = [
        ["Heltid", "ønsketurnus  i to avdelinger", "Enhetsleder", "Vår 2027"],  # carried, time changed
        ["Beholde", "Mentorordning for nyansatte", "Fagutvikler", "Hele året"],  # carried, unchanged
        ["Kompetanse", "Kurs i veiledning for Máret og Ánde", "Gruppeleder", "Mars"],  # new
    ]

    result = diff.compare_tiltak(previous, COLUMNS, current, COLUMNS)

    assert result.new == [current[2]]
    assert [row.cells for row in result.carried] == [current[0], current[1]]
    assert result.carried[0].previous == previous[0]
    assert result.carried[0].changed_columns == ["Tidsestimat"]
    assert result.carried[1].changed_columns == []
    assert result.dropped == [previous[1]]
    assert not result.is_empty


def test_a_tiltak_listed_twice_is_matched_once_per_row():
    previous = [["", "Turnusmøte", "", ""]]
    current = [["", "Turnusmøte", "", ""], ["", "Turnusmøte", "Ny", ""]]

    result = diff.compare_tiltak(previous, COLUMNS, current, COLUMNS)

    assert len(result.carried) == 1 and len(result.new) == 1 and result.dropped == []


def test_rows_without_tiltak_text_are_matched_on_all_cells():
    previous = [["Delmål uten tiltak", "", "Kari", ""]]

    same = diff.compare_tiltak(previous, COLUMNS, [["Delmål uten tiltak", "", "Kari", ""]], COLUMNS)
    changed = diff.compare_tiltak(previous, COLUMNS, [["Delmål uten tiltak", "", "Per", ""]], COLUMNS)

    assert len(same.carried) == 1
    assert (len(changed.new), len(changed.dropped)) == (1, 1)


def test_columns_renamed_between_template_versions_compare_by_name():
    previous_columns = ["Tiltak", "Ansvarlig"]
    current_columns = ["Delmål", "Tiltak", "Ansvarlig", "Status"]

    result = diff.compare_tiltak([["Sommerjobb", "HR"]], previous_columns, [["Rekruttere", "Sommerjobb", "Leder", "Pågår"]],
                                 current_columns)

    assert result.carried[0].changed_columns == ["Ansvarlig"]


def test_empty_and_malformed_tables_compare_as_empty():
    assert diff.compare_tiltak(None, COLUMNS, "ikke en tabell", COLUMNS).is_empty
    assert diff.compare_tiltak([["", "", "", ""], 5], COLUMNS, [], COLUMNS).is_empty
