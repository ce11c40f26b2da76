"""Facts from the rows of a table (``tables.find_tables``): one per numeric cell.

Called by ``report.extract_report`` for every table region. Each row is read
as labels then values: the last label names the row, the labels before it
are parent labels or, when there are at least as many as values, the new
column heads. A row without values is a header row (its cells are the column
heads by position) or a group/caption row (第二十条第（五）项). A cell's fact:

* subject "row（column）", with the table's topic (its caption) in front when
  the labels alone name no counted thing;
* unit from the column head, the row or the caption (件数 → 件, (单位：万元)
  → 元 with the value scaled), else 件; % cells are rates, or changes in a
  同比/增减 column; 金额 is an amount;
* kind case when the labels name cases, applications or decisions, else count;
* part_of the total cell of its row (总计 column) or of its column (合计 row);
* a metric: the national 政府信息公开 template's own ids (``template.py``)
  for its cells; in other tables only a total cell is labelled, through the
  taxonomy, and not when an earlier fact already gave that metric another
  value (a narrower scope or a 受理 figure under a 收到 total).
Empty, "/" and "-" cells, row numbers (序号) and numbers in labels are not facts.
"""
from __future__ import annotations

from collections.abc import Callable

from fazhi.extract import template
from fazhi.extract.table_labels import (is_total, is_year, read_cell, strip_label, subject_of, topic_of,
                                         verb_of, year_of)
from fazhi.extract.table_rows import Cell, Table

Fields = dict


def table_facts(table: Table, match: Callable[[str, str | None, str | None], str | None],
                sentence_of: Callable[[int], int]) -> list[Fields]:
    """The fact fields (``report.py`` makes them ``Fact``s) of every numeric cell of ``table``."""
    reader = _Reader(table, match, sentence_of)
    for row in table.rows:
        reader.row(row)
    reader.link_totals()
    return reader.facts


def merge_facts(prose: list, cells: list[Fields], make: Callable[[Fields], object]) -> list:
    """Prose facts and table cells in text order. A cell gets no metric when an
    earlier fact of the report gave that metric another value (a narrower
    scope, a 受理 figure under a 收到 total, an earlier period's column)."""
    cells = sorted(cells, key=lambda f: f["start"])
    out: list = []
    earlier: dict[str, float] = {}
    k = 0
    for f in prose:
        while k < len(cells) and cells[k]["start"] < f.start:
            out.append(make(_restated(cells[k], earlier)))
            k += 1
        out.append(f)
        if f.metric is not None and f.part_of is None:
            earlier.setdefault(f.metric, f.value)
    out.extend(make(_restated(c, earlier)) for c in cells[k:])
    return out


def _restated(cell: Fields, earlier: dict[str, float]) -> Fields:
    m = cell["metric"]
    if m is not None and not cell.pop("form", False):
        if m in earlier and abs(earlier[m] - cell["value"]) > 1e-9:
            cell["metric"] = None
        elif cell["part_of"] is None:
            earlier.setdefault(m, cell["value"])
    return cell


class _Reader:
    def __init__(self, table: Table, match, sentence_of) -> None:
        self.table = table
        self.match = match
        self.sentence_of = sentence_of
        self.facts: list[Fields] = []
        self.topic = topic_of(table.caption.text) if table.caption is not None else ""
        self.columns: list[str] = []      # column heads by position
        self.group = ""                   # 第二十条第（五）项, 三、本年度办理结果 …
        self.template = template.Form()
        self.cells: list[tuple[Fields, str, bool]] = []   # (fact, column head, in a total row)
        self.subtotals: set[int] = set()                   # cells (by index) of 小计 rows

    # ------------------------------------------------------------ rows
    def row(self, cells: list[Cell]) -> None:
        cells = list(cells)
        # leading values before a label are row numbers (序号)
        while cells and (cells[0].is_value or cells[0].is_empty) and any(
                not (c.is_value or c.is_empty) for c in cells[1:]):
            cells.pop(0)
        values = [c for c in cells if c.is_value or c.is_empty]
        labels = [c for c in cells if not (c.is_value or c.is_empty)]
        if not any(c.is_value for c in values):
            self._header(cells)
            return
        if self._year_heads(labels, values):
            self._header(cells)
            return
        if self.table.layout == "cells":
            last = max((k for k, c in enumerate(cells) if not (c.is_value or c.is_empty)), default=-1)
            self._cells_row(labels, cells[last + 1:])   # a value before the row's label is its number
            return
        # positions: several label+values segments in one row (省份 | 数量 | 省份 | 数量)
        segments: list[tuple[list[Cell], list[tuple[int, Cell]]]] = []
        for pos, c in enumerate(cells):
            if c.is_value or c.is_empty:
                if not segments:
                    segments.append(([], []))
                segments[-1][1].append((pos, c))
            elif not segments or segments[-1][1]:
                segments.append(([c], []))
            else:
                segments[-1][0].append(c)
        width = len(cells)
        for seg_labels, seg_values in segments:
            names = [self._column(pos, width, len(seg_values), k) for k, (pos, _c) in enumerate(seg_values)]
            self._data(seg_labels, [c for _p, c in seg_values], names)

    def _column(self, pos: int, width: int, n: int, k: int) -> str:
        cols = self.columns
        if not cols:
            return ""
        if len(cols) == width or pos < len(cols) and len(cols) > width:
            return cols[pos] if pos < len(cols) else ""
        # fewer or more heads than cells: right-align the values with the heads
        return cols[len(cols) - n + k] if len(cols) >= n else (cols[pos] if pos < len(cols) else "")

    def _header(self, cells: list[Cell]) -> None:
        texts = [c.text for c in cells]
        filled = [t for t in texts if t and t not in ("/", "-")]
        if len(filled) >= 2:
            self.columns = texts
            self.template.heads(filled)
        elif filled:
            self._group(filled[0])

    def _group(self, text: str) -> None:
        if self.template.group(text):
            self.group = text
        elif not self.topic or "表" in text:
            self.topic = topic_of(text)
        else:
            self.group = text

    def _year_heads(self, labels: list[Cell], values: list[Cell]) -> bool:
        """A first row of years (单位 | 2019 | 2020) is a header row."""
        return (not self.columns and len(values) >= 2
                and all(is_year(v.text) for v in values if not v.is_empty))

    def _cells_row(self, labels: list[Cell], values: list[Cell]) -> None:
        n = len(values)
        label = labels[-1] if labels else None
        before = [c.text for c in labels[:-1]]
        if len(before) >= n:
            heads = before[-n:]
            for t in before[:-n]:
                self._group(t)
            self.columns = heads
            self.template.heads(before)
            self.group = "" if not self.template.group_seen(before) else self.group
        else:
            for t in before:
                self._group(t)
        names = self.columns[-n:] if len(self.columns) >= n else [""] * (n - len(self.columns)) + self.columns
        self._data([label] if label else [], values, names)

    # ------------------------------------------------------------ cells
    def _data(self, labels: list[Cell], values: list[Cell], names: list[str]) -> None:
        if len(labels) > 1:
            for c in labels[:-1]:
                self._group(c.text)
        row = labels[-1].text if labels else ""
        names = self.template.columns(row, names, [c.text for c in values])
        row_total = is_total(row)
        row_facts: list[tuple[Fields, str]] = []
        for c, col in zip(values, names):
            if c.is_empty:
                continue
            f = self._fact(c, row, col)
            row_facts.append((f, col))
        # the row's own total cells (总计 columns): each cell's is the next one to its right
        total = None
        for f, col in row_facts[::-1]:
            if is_total(col) and f["kind"] not in ("change", "rate"):
                total = f
            elif total is not None and f["kind"] != "change" and f["unit"] == total["unit"]:
                f["part_of"] = total["start"]
        for f, col in row_facts:
            if row_total and "小计" in row:
                self.subtotals.add(len(self.cells))
            self.cells.append((f, col, row_total))
            self.facts.append(f)

    def _fact(self, c: Cell, row: str, col: str) -> Fields:
        text = c.text
        value, unit, kind = read_cell(text, row, col, self.topic, self.group, self.columns, self.template.part)
        subject = subject_of(self.topic, row, col)
        action = verb_of(col) or verb_of(row) or verb_of(self.topic)
        metric = self.template.metric(row, col)   # other tables: totals, in link_totals
        form = metric is not None   # the form's cells are what they are, whatever the prose said
        return {"start": c.start, "end": c.end, "number_text": text, "value": value, "unit": unit,
                "kind": kind, "qualifier": None, "subject": subject, "action": action, "metric": metric,
                "sentence": self.sentence_of(c.start), "respectively": False, "part_of": None,
                "prior_of": None, "form": form}

    def link_totals(self) -> None:
        """Cells of a table with total rows point to the total of their column
        below them (or, failing that, above them: totals printed on top); a
        小计 points on to the next total. The last total of a column gets the
        taxonomy metric of the table's topic."""
        by_col: dict[str, list[int]] = {}
        for k, (f, col, in_total) in enumerate(self.cells):
            if in_total:
                by_col.setdefault(col, []).append(k)
        if not by_col:
            return
        # a repeated head (收案数 | 受理数 | 收案数 | 受理数) shares its totals
        for k, (f, col, in_total) in enumerate(self.cells):
            ks = by_col.get(col)
            if ks is None or f["part_of"] is not None or f["kind"] == "change":
                continue
            after = [j for j in ks if j > k and (not in_total or j not in self.subtotals)]
            if in_total:   # a 小计 is part of the next grand total; a grand total of none
                j = after[0] if after and k in self.subtotals else None
            else:
                j = after[0] if after else ks[-1]
            if j is not None and self.cells[j][0]["unit"] == f["unit"]:
                f["part_of"] = self.cells[j][0]["start"]
        if self.template.active:
            return
        totals = {col: self.cells[([j for j in ks if j not in self.subtotals] or ks)[-1]][0]
                  for col, ks in by_col.items()}
        years = {col: y for col in totals if (y := year_of(col)) is not None}
        for col, t in totals.items():
            if t["kind"] in ("change",) or col in years and years[col] < max(years.values()):
                continue   # an earlier period's column is no figure of this report's
            subject = f"{self.topic}{strip_label(col)}" if self.topic else t["subject"]
            t["metric"] = self.match(t["kind"], subject, t["action"])
