"""The plan as a workbook: both bundled plans survive the round trip, review marks survive, a
workbook with many mistakes is refused with each at its cell, a hostile file never takes bdg down."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest

from bdg.catalogue import catalogue
from bdg.plan_loader import bundled_plan_path, read_plan_file
from cli import main
from plan_book_helpers import cell, columns, edit, field_row, row_of, values
from templates.plan_book import CellNote, layout as L, write_plan_book
from templates.plan_book.source import PlanBookError, book_data, export_plan, read_plan_book, read_plan_source

BUNDLED = ["bac-kan-2011-2020", "khung-tinh-2021-2030"]


@pytest.fixture(scope="module", params=BUNDLED)
def exported(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("plan-book")
    book = export_plan(request.param, folder / f"{request.param}.xlsx")
    return request.param, book


def _without_lines(to_fill: list[dict]) -> list[str]:
    return [i["field"] for i in to_fill]


def test_bundled_plans_survive_the_round_trip(exported):
    name, book = exported
    from_yaml = read_plan_file(bundled_plan_path(f"{name}.yaml")).plan
    from_book = read_plan_book(book).plan
    assert from_book.model_dump() == from_yaml.model_dump()
    yaml_json, book_json = catalogue(from_yaml), catalogue(from_book)
    assert {k: v for k, v in book_json.items() if k != "to_fill"} == \
        {k: v for k, v in yaml_json.items() if k != "to_fill"}
    # every value still to fill is marked in the workbook (a mark on a mapping becomes one per cell)
    fields = set(_without_lines(book_json["to_fill"]))
    for field in _without_lines(yaml_json["to_fill"]):
        assert field in fields or any(f.startswith(field + ".") for f in fields)


def test_plan_show_json_is_identical_from_the_yaml_and_from_the_workbook(exported, capsys):
    name, book = exported
    assert main(["plan", "show", "--json", "--plan", str(bundled_plan_path(f"{name}.yaml"))]) == 0
    from_yaml = json.loads(capsys.readouterr().out)
    assert main(["plan", "show", "--json", "--plan", str(book)]) == 0
    shown = capsys.readouterr()
    from_book = json.loads(shown.out)
    if name == "bac-kan-2011-2020":
        assert from_book == from_yaml
    else:  # values to fill are located by line in the YAML, by cell in the workbook
        assert {k: v for k, v in from_book.items() if k != "to_fill"} == \
            {k: v for k, v in from_yaml.items() if k != "to_fill"}
        assert "Kế hoạch!C3 (Mã kế hoạch (id))" in shown.err


def test_workbook_to_yaml_to_workbook_is_stable(exported, tmp_path):
    name, book = exported
    first = tmp_path / "first.yaml"
    assert main(["plan", "export", "--plan", str(book), "--out", str(first)]) == 0
    again = tmp_path / "again.xlsx"
    assert main(["plan", "export", "--plan", str(first), "--out", str(again)]) == 0
    second = tmp_path / "second.yaml"
    assert main(["plan", "export", "--plan", str(again), "--out", str(second)]) == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert values(again) == values(book)
    assert read_plan_file(first).plan.model_dump() == read_plan_book(book).plan.model_dump()


def test_the_shipped_starter_workbook_is_a_fresh_export(tmp_path):
    shipped = bundled_plan_path("khung-tinh-2021-2030.xlsx")
    fresh = export_plan("khung-tinh-2021-2030", tmp_path / "fresh.xlsx")
    assert values(shipped) == values(fresh), "regenerate it: make starter-workbook"


# --- review marks ---------------------------------------------------------------------------------
DRAFT_NOTES = {
    ("decision", "number"): CellNote(source="Số: 123/QĐ-UBND", review=None),
    ("series", 0, "lead"): CellNote(source="Sở Nội vụ chủ trì, phối hợp với Hội LHPN tỉnh",
                                    review="đoán từ câu giao việc"),
    ("series", 0, "variants", 0, "targets", 2025): CellNote(source="đến năm 2025 đạt 60%",
                                                            review="không rõ 'ít nhất' hay 'trên'"),
    ("series", 1): CellNote(review="chỉ tiêu ghép hai ý, có thể cần tách"),
    ("agencies", 2, "code"): CellNote(review="mã đề xuất"),
}


def _starter_data() -> dict:
    data, _ = book_data(bundled_plan_path("khung-tinh-2021-2030.yaml").read_text(encoding="utf-8"))
    return data


def test_review_marks_survive_and_are_listed(tmp_path, capsys):
    book = write_plan_book(_starter_data(), tmp_path / "draft.xlsx", DRAFT_NOTES)
    source = read_plan_book(book)
    reasons = {t.field: (t.cell, t.placeholder) for t in source.plan.to_fill}
    assert reasons["series[1.1].lead"][1] == "đoán từ câu giao việc"
    assert reasons["series[1.1].lead"][0].startswith("Chỉ tiêu!H")
    assert reasons["series[1.1].variants[0].targets.2025"] == (reasons["series[1.1].variants[0].targets.2025"][0],
                                                               "không rõ 'ít nhất' hay 'trên'")
    assert reasons["series[2.1]"][1] == "chỉ tiêu ghép hai ý, có thể cần tách"
    assert reasons["agencies[SYT].code"][1] == "mã đề xuất"
    assert "decision.number" not in reasons  # a source alone is no review mark
    assert "!can_dien" in source.text and 'lead: !can_dien "SNV"' in source.text
    assert main(["plan", "show", "--plan", str(book)]) == 0
    err = capsys.readouterr().err
    assert "cần xem lại" in err and "đoán từ câu giao việc" in err
    # the mark survives a trip through YAML and back (the reason becomes the generic one)
    yaml_file = tmp_path / "draft.yaml"
    yaml_file.write_text(source.text, encoding="utf-8")
    again = read_plan_book(export_plan(yaml_file, tmp_path / "again.xlsx")).plan
    assert {t.field for t in again.to_fill} == set(reasons)


def test_deleting_a_review_line_clears_that_mark_only(tmp_path):
    book = write_plan_book(_starter_data(), tmp_path / "draft.xlsx", DRAFT_NOTES)

    def clear(wb):
        ws = wb[L.SERIES.name]
        r = row_of(ws, "1.1")
        review = ws.cell(r, columns(ws)[L.REVIEW])
        assert review.value.startswith("Cơ quan chủ trì: ")
        review.value = None

    cleared = read_plan_book(edit(book, tmp_path / "cleared.xlsx", clear)).plan
    fields = {t.field for t in cleared.to_fill}
    assert "series[1.1].lead" not in fields and "series[1.1].variants[0].targets.2025" in fields


def test_a_draft_with_missing_parts_is_written(tmp_path):
    draft = {"decision": {"number": "12/QĐ-UBND", "date": dt.date(2021, 5, 1)},
             "series": [{"code": "1.1", "lead": "SO_MA", "direction": "lên",
                         "variants": [{"source": "text", "targets": {2025: {"value": 50}}}]}],
             "report": {}}
    book = write_plan_book(draft, tmp_path / "draft.xlsx", {("series", 0, "lead"): CellNote(review="cơ quan lạ")})
    with pytest.raises(PlanBookError) as err:
        read_plan_book(book)
    text = str(err.value)
    assert "trang 'Cơ quan' chưa có cơ quan nào" in text and "Chỉ tiêu!E3 (Tên chỉ tiêu): chưa điền" in text
    assert "Chỉ tiêu!G3 (Cách đánh giá): 'lên' không có trong danh sách (chọn" in text
    assert write_plan_book({}, tmp_path / "empty.xlsx").is_file()


def test_a_period_ending_before_it_starts_is_said_in_the_workbook_words(tmp_path):
    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")

    def swap(wb):
        ws = wb[L.PLAN_SHEET]
        ws[cell(ws, "value", field_row(ws, "period.end"))] = 2010

    with pytest.raises(PlanBookError) as err:
        read_plan_book(edit(book, tmp_path / "loi.xlsx", swap))
    text = " ".join(str(err.value).split())
    assert "'Năm kết thúc giai đoạn' phải không nhỏ hơn 'Năm bắt đầu giai đoạn'" in text
    assert "(end)" not in text and "(start)" not in text


def test_numbers_dates_and_choices_are_read_by_the_intake_rules(tmp_path):
    """Vietnamese numbers typed as text (1.234,5; 100.000; 58,3%), a date as text, a choice typed with
    decomposed diacritics: read as a clerk's form is read."""
    import unicodedata

    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")

    def retype(wb):
        ws = wb[L.SERIES.name]
        ws[cell(ws, "baseline.value", row_of(ws, "1.1a"))] = "1.234,5"
        ws = wb[L.VARIANTS.name]
        ws[cell(ws, "targets.2020.value", row_of(ws, "1.1a", "series"))] = "58,3%"
        ws = wb[L.DERIVATIONS.name]
        ws[cell(ws, "scale", row_of(ws, "1.1a", "series"))] = "100.000"
        ws = wb[L.UNITS.name]
        ws[cell(ws, "level", row_of(ws, "TXBK"))] = unicodedata.normalize("NFD", "cấp huyện")
        ws = wb[L.PLAN_SHEET]
        ws[cell(ws, "value", field_row(ws, "decision.date"))] = " 05/03/2011 "

    plan = read_plan_book(edit(book, tmp_path / "go-tay.xlsx", retype)).plan
    series = next(s for s in plan.series if s.code == "1.1a")
    assert series.baseline.value == 1234.5
    assert series.variants[0].targets[2020].value == 58.3
    assert series.derivation.scale == 100000
    assert next(u for u in plan.units if u.code == "TXBK").level == "district"
    assert plan.decision.date == dt.date(2011, 3, 5)


def test_text_that_looks_like_a_number_but_is_not_one_is_a_problem_at_its_cell(tmp_path):
    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")
    where = {}

    def retype(wb):
        for sheet, key, code, typed in ((L.SERIES.name, "baseline.value", "1.1a", "1.2.34"),
                                        (L.VARIANTS.name, "targets.2020.value", "1.1a", "58,3,1%")):
            ws = wb[sheet]
            at = cell(ws, key, row_of(ws, code, "series" if sheet == L.VARIANTS.name else None))
            ws[at] = typed
            where[f"{sheet}!{at}"] = typed

    with pytest.raises(PlanBookError) as err:
        read_plan_book(edit(book, tmp_path / "loi.xlsx", retype))
    found = {f"{p.sheet}!{p.cell}": p.message for p in err.value.problems if p.cell}
    for at, typed in where.items():
        assert at in found and f"phải là số (đang là '{typed}')" in found[at], (at, found)


# --- a workbook with a dozen mistakes ---------------------------------------------------------------
def _mistakes(wb) -> dict[str, str]:
    """Make twelve mistakes; return {sheet!cell: a word its message must hold}."""
    expected = {}

    def put(sheet, key, row, value, word):
        ws = wb[sheet]
        ws[cell(ws, key, row)] = value
        expected[f"{sheet}!{cell(ws, key, row)}"] = word

    plan = wb[L.PLAN_SHEET]
    put(L.PLAN_SHEET, "value", field_row(plan, "decision.date"), "32/13/2011", "ngày")
    put(L.PLAN_SHEET, "value", field_row(plan, "coordinator"), "XYZ", "'XYZ'")
    series = wb[L.SERIES.name]
    put(L.SERIES.name, "lead", row_of(series, "1.1a"), "SO_MA",
        "cơ quan chủ trì 'SO_MA' không có trong trang 'Cơ quan'")
    put(L.SERIES.name, "direction", row_of(series, "1.2"), "tăng lên", "'tăng lên' không có trong danh sách")
    put(L.SERIES.name, "objective", row_of(series, "1.3"), 9, "mục tiêu 9")
    put(L.SERIES.name, "target_no", row_of(series, "2.1"), "hai", "số nguyên")
    put(L.SERIES.name, "code", row_of(series, "2.2"), "1.2", "bị trùng")
    agencies = wb[L.AGENCIES.name]
    put(L.AGENCIES.name, "successor", 3, "NOPE", "'NOPE'")
    units = wb[L.UNITS.name]
    put(L.UNITS.name, "level", 4, "cấp thôn", "'cấp thôn'")
    variants = wb[L.VARIANTS.name]
    put(L.VARIANTS.name, "series", row_of(variants, "3.1", "series"), "9.9", "'9.9' không có trong trang 'Chỉ tiêu'")
    inputs = wb[L.INPUTS.name]
    put(L.INPUTS.name, "kind", 3, "số lớn", "'số lớn' không có trong danh sách")
    derivations = wb[L.DERIVATIONS.name]
    put(L.DERIVATIONS.name, "scale", 3, "một trăm", "phải là số")
    del agencies, units
    return expected


def test_every_mistake_is_reported_at_its_cell_all_at_once(tmp_path, capsys):
    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")
    expected = {}
    broken = edit(book, tmp_path / "loi.xlsx", lambda wb: expected.update(_mistakes(wb)))
    assert len(expected) == 12
    with pytest.raises(PlanBookError) as err:
        read_plan_book(broken)
    problems = err.value.problems
    found = {f"{p.sheet}!{p.cell}": p.message for p in problems if p.cell}
    for where, word in expected.items():
        assert where in found, f"{where} not reported; got {sorted(found)}"
        assert word in found[where], (where, found[where])
    assert all(p.code.startswith("plan-book") for p in problems)
    assert main(["plan", "show", "--plan", str(broken)]) != 0
    err_text = capsys.readouterr().err
    assert "Traceback" not in err_text and "Chỉ tiêu!" in err_text


def test_rows_and_columns_may_move(tmp_path):
    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")

    def move(wb):
        for name in (L.INPUTS.name, L.SERIES.name, L.PLAN_SHEET):
            ws = wb[name]
            ws.insert_rows(5, 2)  # blank rows in the middle
            ws.insert_cols(3)  # a column of the person's own
        wb[L.SERIES.name].title = "Chỉ tiêu (sửa)"

    moved = read_plan_book(edit(book, tmp_path / "moved.xlsx", move)).plan
    assert moved.model_dump() == read_plan_book(book).plan.model_dump()


# --- hostile and foreign files ---------------------------------------------------------------------
def test_foreign_and_broken_files_are_refused_in_vietnamese(tmp_path):
    text = tmp_path / "ke-hoach.xlsx"
    text.write_text("không phải bảng tính", encoding="utf-8")
    with pytest.raises(PlanBookError, match="không phải bảng tính"):
        read_plan_source(text)
    foreign = tmp_path / "khac.xlsx"
    write_plan_book({}, foreign)
    with zipfile.ZipFile(foreign) as z, zipfile.ZipFile(tmp_path / "la.xlsx", "w") as out:
        for info in z.infolist():
            out.writestr(info, z.read(info).replace(L.PLAN_BOOK_KIND.encode(), b"something-else").replace(
                L.FIELDS_MARKER.encode(), b"nothing:here"))
    with pytest.raises(PlanBookError, match="không phải tệp kế hoạch"):
        read_plan_source(tmp_path / "la.xlsx")
    with pytest.raises(PlanBookError, match="Không tìm thấy tệp"):
        read_plan_source(tmp_path / "khong-co.xlsx")


def test_a_sheet_reaching_the_last_cell_is_refused_not_read(tmp_path):
    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")
    far = edit(book, tmp_path / "xa.xlsx", lambda wb: wb[L.SERIES.name].cell(1048576, 16384, "x"))
    with pytest.raises(PlanBookError, match="XFD1048576"):
        read_plan_book(far)


# --- the whole cycle from a workbook ----------------------------------------------------------------
def test_init_forms_consolidate_report_from_a_plan_workbook(plan, tmp_path, capsys):
    from templates.forms.sample import fill_form, sample_fill

    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")
    master = tmp_path / "master.xlsx"
    assert main(["init", "--plan", str(book), "--out", str(master)]) == 0
    assert main(["plan", "show", "--master", str(master), "--plan", str(book)]) == 0  # the very plan it carries
    assert main(["forms", "--year", "2015", "--master", str(master), "--out", str(tmp_path / "forms")]) == 0
    assert list((tmp_path / "forms").glob("2015_*.xlsx"))
    (tmp_path / "inbox").mkdir()
    for agency in ("SGDDT", "STP"):
        fill = sample_fill(plan, 2015, agency, "TINH")
        fill_form(tmp_path / "inbox" / f"2015_{agency}_TINH.xlsx", plan, 2015, agency, "TINH", fill.inputs,
                  report_date=dt.date(2015, 11, 5), sources=fill.sources, narratives=fill.narratives)
    assert main(["consolidate", str(tmp_path / "inbox"), "--master", str(master)]) == 0
    assert main(["report", "--master", str(master), "--year", "2015", "--format", "docx",
                 "--out", str(tmp_path / "reports")]) == 0
    assert list((tmp_path / "reports").glob("*.docx"))
    capsys.readouterr()


# --- LibreOffice ------------------------------------------------------------------------------------
@pytest.mark.office
def test_libreoffice_round_trip_reads_identically(tmp_path, soffice):
    """Saved again by LibreOffice (xlsx, ods, xls): the same plan and the same review marks."""
    book = write_plan_book(_starter_data(), tmp_path / "src" / "ke-hoach.xlsx", DRAFT_NOTES)
    expected = read_plan_book(book).plan
    marks = {(t.field, t.cell, t.placeholder) for t in expected.to_fill}
    for ext in ("xlsx", "ods", "xls"):
        (saved,) = soffice.convert([book], ext, tmp_path / ext)
        again = read_plan_book(saved).plan
        assert again.model_dump() == expected.model_dump(), ext
        assert {(t.field, t.cell, t.placeholder) for t in again.to_fill} == marks, ext


def test_a_draft_without_milestones_keeps_its_targets(tmp_path):
    draft = {"series": [{"code": "1.1", "variants": [{"source": "text", "targets": {2030: {"value": 75}}}]}]}
    book = write_plan_book(draft, tmp_path / "draft.xlsx")
    rows = values(book)[L.VARIANTS.name]
    keys = rows[0]
    assert rows[2][keys.index(L.column_key("targets.2030.value"))] == 75


def test_messages_fit_excel_limits():
    """Excel refuses a validation whose input message passes 255 characters or whose title passes 32."""
    prompts = [f.prompt for f in L.FIELDS] + [c.prompt for t in L.TABLES for c in L.columns_of(t, [2025, 2030])]
    assert prompts and max(len(p) for p in prompts) <= 255
    assert all(len(t.name) <= 31 for t in L.TABLES)


def test_plan_update_takes_the_edited_workbook(tmp_path, capsys):
    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")
    master = tmp_path / "master.xlsx"
    assert main(["init", "--plan", str(book), "--out", str(master)]) == 0

    def retarget(wb):
        ws = wb[L.VARIANTS.name]
        ws[cell(ws, "targets.2020.value", row_of(ws, "1.2", "series"))] = 42

    edited = edit(book, tmp_path / "ke-hoach-sua.xlsx", retarget)
    capsys.readouterr()
    assert main(["plan", "update", str(edited), "--master", str(master)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "1.2" in out and "42" in out and "Đã cập nhật sổ tổng hợp" in out
    assert main(["plan", "show", "--master", str(master), "--plan", str(edited)]) == 0


def test_a_failed_export_keeps_the_old_plan_file(tmp_path, monkeypatch):
    import pathlib

    from bdg.files import temp_name_pattern

    out = tmp_path / "ke-hoach.yaml"
    out.write_text("reviewed", encoding="utf-8")
    real = pathlib.Path.write_text

    def half(self, text, *args, **kwargs):
        real(self, text[:100], *args, **kwargs)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pathlib.Path, "write_text", half)
    with pytest.raises(OSError):
        export_plan("khung-tinh-2021-2030", out)
    monkeypatch.undo()
    assert out.read_text(encoding="utf-8") == "reviewed"
    assert list(tmp_path.glob(temp_name_pattern(out))) == []


def test_workbook_to_workbook_keeps_the_reasons(tmp_path):
    book = write_plan_book(_starter_data(), tmp_path / "draft.xlsx", DRAFT_NOTES)
    again = export_plan(book, tmp_path / "again.xlsx")
    first = {(t.field, t.placeholder) for t in read_plan_book(book).plan.to_fill}
    assert {(t.field, t.placeholder) for t in read_plan_book(again).plan.to_fill} == first
    assert ("series[1.1].lead", "đoán từ câu giao việc") in first
    sources = _source_cells(book)
    assert _source_cells(again) == sources
    assert "Số: 123/QĐ-UBND" in sources.values()
    assert {"Sở Nội vụ chủ trì, phối hợp với Hội LHPN tỉnh", "đến năm 2025 đạt 60%"} <= set(sources.values())


def _source_cells(book) -> dict:
    """Each "Nguồn trong văn bản" cell of a plan workbook that holds text: {(sheet, row's key): text}."""
    found = {}
    for name, rows in values(book).items():
        head = next((i for i, row in enumerate(rows[:20]) if row and row[0] in (L.COLUMNS_MARKER, L.FIELDS_MARKER)),
                    None)
        keys = [L.parse_column_key(v) for v in rows[head]] if head is not None else []
        if L.SOURCE in keys:
            c = keys.index(L.SOURCE)
            found.update({(name, row[0] or row[1]): row[c] for row in rows[head + 1:] if row[c]})
    return found


def test_every_field_of_the_schema_survives(tmp_path, second_plan):
    """Fields neither bundled plan uses (agency renames with a short name, the decision's kind, a plan
    that follows its annex, every report change) and the tests' second plan come back unchanged."""
    from bdg.plan import Plan
    from conftest import SECOND_PLAN

    data, _ = book_data(bundled_plan_path("bac-kan-2011-2020.yaml").read_text(encoding="utf-8"))
    data["decision"]["kind"] = "Quyết định"
    data["agencies"][1]["renamed"] = [{"year": 2016, "name": "Ban Tổ chức Tỉnh ủy (mới)", "short": "BTC mới"}]
    data["agencies"][1]["from"] = 2011
    data["agencies"][1]["until"] = 2020
    annexed = next(s for s in data["series"] if any(v["source"] == "annex" for v in s["variants"]))
    annexed["in_force"] = "annex"
    annexed["coordinating"] = ["SYT", "CA"]
    annexed["lead_changes"] = [{"year": 2016, "agency": "SYT"}]
    data["report"]["changes"] = [{"year": 2016, "parent_body": "A", "issuing_body": "B", "number_suffix": "/BC-X",
                                  "place": "C", "signer_title": "D", "signer_role": "E", "signer_name": "F",
                                  "recipients": ["G;", "H."]}]
    expected = Plan.model_validate(data)
    book = write_plan_book(data, tmp_path / "day-du.xlsx")
    assert read_plan_book(book).plan.model_dump() == expected.model_dump()
    second = export_plan(SECOND_PLAN, tmp_path / "second.xlsx")
    assert read_plan_book(second).plan.model_dump() == second_plan.model_dump()


def test_notes_about_missing_or_listed_parts_are_shown_on_a_row(tmp_path):
    """A draft flags a derivation it could not propose (no row) and a list of proposed inputs (every row)."""
    data = _starter_data()
    del data["series"][0]["derivation"]
    notes = {("series", 0, "derivation"): CellNote(review="văn bản không nói cách tính"),
             ("series", 1, "inputs"): CellNote(review="số liệu đầu vào do phần mềm đề xuất")}
    book = write_plan_book(data, tmp_path / "draft.xlsx", notes)
    sheets = values(book)
    series, inputs = sheets[L.SERIES.name], sheets[L.INPUTS.name]
    review = series[0].index(L.column_key(L.REVIEW))
    assert series[2][review].startswith(f"{L.WHOLE_ROW}: trang 'Cách tính': văn bản không nói cách tính")
    lines = [row[inputs[0].index(L.column_key(L.REVIEW))] for row in inputs[2:] if row[1] == "2.1"]
    assert len(lines) == 2 and all(line == f"{L.WHOLE_ROW}: số liệu đầu vào do phần mềm đề xuất" for line in lines)


def test_a_deleted_sheet_is_named_once(tmp_path):
    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")
    gone = edit(book, tmp_path / "mat-trang.xlsx", lambda wb: wb.remove(wb[L.DERIVATIONS.name]))
    with pytest.raises(PlanBookError) as err:
        read_plan_book(gone)
    assert [p.message for p in err.value.problems] == [
        f"Trang '{L.DERIVATIONS.name}': thiếu trang này (đã bị xóa hoặc đổi hẳn cấu trúc); chép lại trang từ tệp "
        "kế hoạch gốc — hãy sửa trang này."]


def test_codes_typed_into_new_rows_stay_text(tmp_path):
    """Below the written rows a text column is formatted as text: "1.10" typed there stays the code "1.10"."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = export_plan("bac-kan-2011-2020", tmp_path / "ke-hoach.xlsx")
    wb = openpyxl.load_workbook(book)
    try:
        for table in L.TABLES:
            ws = wb[table.name]
            keys = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
            column = keys[L.column_key(next(c.key for c in table.columns if c.kind == "text"))]
            assert ws.column_dimensions[get_column_letter(column)].number_format == "@", table.name
    finally:
        wb.close()
