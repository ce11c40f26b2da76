"""The national 政府信息公开工作年度报告 form: its tables recognised, its cells named.

Used by ``table_facts.py`` while it reads a table. Every government body
files the same three tables (2019 and 2021 variants of the form):

* 二、主动公开 (第二十条第（一）（五）（六）（八）（九）项): 规章 / 行政规范性文件
  制发·废止·现行有效 (2019: 新制作·新公开·对外公开总数), 行政许可 / 处罚 /
  强制 / 其他对外管理服务事项 处理决定数量 (2019: 上一年项目数量, 本年增/减),
  行政事业性收费 金额, 政府集中采购;
* 三、收到和处理申请: rows 新收, 上年结转, each 办理结果, 总计, 结转下年度 ×
  columns 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计;
* 四、行政复议·行政诉讼: 维持 / 纠正 / 其他 / 尚未审结 / 总计, for 行政复议,
  诉讼 未经复议直接起诉 and 复议后起诉.

``Form`` follows one table's heads and groups and gives each cell its metric
id: a core id of the taxonomy where the cell is exactly that metric, else an
id of its own (``info_disclosure_form.*``), so fct_report_metrics has one
column per cell. ``taxonomy_rows`` lists those ids for metric_taxonomy.csv.
"""
from __future__ import annotations

import re
from functools import lru_cache

from fazhi.extract.metrics import NO_PROSE   # the form's taxonomy rows match no prose

PREFIX = "info_disclosure_form"

# 第二十条 rows (key, name, label pattern) and columns (key, name, head pattern, kind, unit)
_ART20_ROWS = (
    ("rules", "规章", r"^规章$"),
    ("normative_documents", "行政规范性文件", r"规范性文件$"),
    ("licensing", "行政许可", r"^行政许可$"),
    ("penalty", "行政处罚", r"^行政处罚$"),
    ("coercion", "行政强制", r"^行政强制$"),
    ("other_services", "其他对外管理服务事项", r"对外管理服务事项"),
    ("fees", "行政事业性收费", r"行政事业性收费"),
    ("procurement", "政府集中采购", r"政府集中采购"),
)
_ART20_COLS = (
    ("issued", "本年制发件数", r"制发|新制作|制定|印发|发布", "count"),
    ("abolished", "本年废止件数", r"废止", "count"),
    ("in_force", "现行有效件数", r"现行有效", "count"),
    ("published", "本年新公开数量", r"新公开", "count"),
    ("published_total", "对外公开总数量", r"公开总数", "count"),
    ("decisions", "本年处理决定数量", r"处理决定", "case"),
    ("items_last_year", "上一年项目数量", r"上一年项目", "count"),
    ("items_change", "本年增/减", r"增\s*/\s*减|增减", "change"),
    ("amount", "本年收费金额", r"收费金额", "amount"),
    ("purchases", "采购项目数量", r"采购项目", "count"),
    ("purchase_amount", "采购总金额", r"采购总金额", "amount"),
)
_ART20_CELLS = {
    "rules": ("issued", "abolished", "in_force", "published", "published_total"),
    "normative_documents": ("issued", "abolished", "in_force", "published", "published_total"),
    "licensing": ("decisions", "items_last_year", "items_change"),
    "penalty": ("decisions", "items_last_year", "items_change"),
    "coercion": ("decisions", "items_last_year", "items_change"),
    "other_services": ("decisions", "items_last_year", "items_change"),
    "fees": ("amount", "items_last_year", "items_change"),
    "procurement": ("purchases", "purchase_amount"),
}
_CORE = {
    ("normative_documents", "issued"): "normative_documents.issued",
    ("normative_documents", "abolished"): "normative_documents.abolished",
    ("penalty", "decisions"): "admin_penalty.cases",
    ("requests_new", "total"): "info_disclosure.requests_received",
}

# 三、收到和处理申请: columns, and rows (key, name, parent pattern or "", label pattern)
MATRIX_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_MATRIX_COLS = (
    ("natural_person", "自然人"), ("business", "商业企业"), ("research", "科研机构"),
    ("public_interest", "社会公益组织"), ("legal_service", "法律服务机构"), ("other_org", "其他"),
    ("total", "总计"), ("legal_person", "法人或其他组织"),
)
_MATRIX_ROWS = (
    ("requests_new", "本年新收政府信息公开申请", "", r"新收"),
    ("requests_carried_in", "上年结转政府信息公开申请", "", r"上年结转"),
    ("granted", "予以公开", "", r"予以公开"),
    ("partly_granted", "部分公开", "", r"部分公开"),
    ("withheld_state_secret", "不予公开：属于国家秘密", "不予公开", r"国家秘密"),
    ("withheld_prohibited", "不予公开：其他法律行政法规禁止公开", "不予公开", r"禁止公开"),
    ("withheld_security", "不予公开：危及“三安全一稳定”", "不予公开", r"三安全一稳定|危及"),
    ("withheld_third_party", "不予公开：保护第三方合法权益", "不予公开", r"第三方"),
    ("withheld_internal", "不予公开：属于三类内部事务信息", "不予公开", r"内部事务"),
    ("withheld_process", "不予公开：属于四类过程性信息", "不予公开", r"过程性"),
    ("withheld_enforcement_files", "不予公开：属于行政执法案卷", "不予公开", r"执法案卷"),
    ("withheld_query", "不予公开：属于行政查询事项", "不予公开", r"查询事项"),
    ("unavailable_not_held", "无法提供：本机关不掌握相关政府信息", "无法提供", r"不掌握"),
    ("unavailable_not_made", "无法提供：没有现成信息需要另行制作", "无法提供", r"另行制作|现成信息"),
    ("unavailable_unclear", "无法提供：补正后申请内容仍不明确", "无法提供", r"不明确"),
    ("ignored_petition", "不予处理：信访举报投诉类申请", "不予处理", r"信访|举报|投诉"),
    ("ignored_repeated", "不予处理：重复申请", "不予处理", r"^重复申请|[0-9.、]重复申请"),
    ("ignored_publications", "不予处理：要求提供公开出版物", "不予处理", r"出版物"),
    ("ignored_mass", "不予处理：无正当理由大量反复申请", "不予处理", r"大量反复"),
    ("ignored_confirmation", "不予处理：要求行政机关确认或重新出具已获取信息", "不予处理", r"确认或重新出具|重新出具"),
    ("other_no_correction", "其他处理：申请人逾期不补正", "其他处理", r"补正"),
    ("other_no_fee", "其他处理：申请人逾期未缴纳费用", "其他处理", r"收费|缴纳"),
    ("other_other", "其他处理：其他", "其他处理", r"其他$"),
    ("other_handling", "其他处理", "", r"其他处理"),
    ("results_total", "本年度办理结果：总计", "", r"总计"),
    ("requests_carried_out", "结转下年度继续办理", "", r"结转下年度"),
)
_PARENTS = ("不予公开", "无法提供", "不予处理", "其他处理")

# 四、行政复议·行政诉讼: 15 columns in three groups of five
_REVIEW_GROUPS = (("reconsideration", "行政复议"), ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
                  ("litigation_after", "行政诉讼（复议后起诉）"))
_REVIEW_COLS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
                ("pending", "尚未审结"), ("total", "总计"))

_ARTICLE = re.compile(r"第二十[条條]第?\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*[项項]")
_MARK = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|[0-9]+[.．、])\s*")
_SPACE = re.compile(r"\s+")


class Form:
    """The form's state while one table is read: which of its tables, and the parent row."""

    def __init__(self) -> None:
        self.part = ""         # "art20" | "matrix" | "review" | ""
        self.parent = ""
        self.seen = ""         # the heads so far (a table's heads may take several rows)

    @property
    def active(self) -> bool:
        return bool(self.part)

    def heads(self, labels: list[str]) -> None:
        self.seen = joined = self.seen[-200:] + "".join(labels)
        # the form's tables come in this order: 二 (第二十条), 三 (the matrix), 四 (复议·诉讼)
        if "行政复议" in joined and "行政诉讼" in joined and ("维持" in joined or "纠正" in joined):
            self.part = "review"
        elif "自然人" in joined and ("总计" in joined or "法人" in joined):
            self.part = "matrix"
        elif "信息内容" in joined or _ARTICLE.search(joined):
            self.part = "art20"

    def group(self, text: str) -> bool:
        """Whether ``text`` is a group row of the form (第二十条第（五）项, (三)不予公开 …)."""
        if _ARTICLE.search(text):
            self.part = self.part or "art20"
            return True
        if self.part == "matrix":
            label = _label(text)
            for p in _PARENTS:
                if label.startswith(p):
                    self.parent = p
                    return True
            if "办理结果" in label:
                self.parent = ""
                return True
        return False

    def group_seen(self, labels: list[str]) -> bool:
        return any(_ARTICLE.search(t) for t in labels)

    def columns(self, row: str, names: list[str], values: list[str]) -> list[str]:
        """The column heads of a row's value cells: the form's own where it is the matrix.

        Blank cells beyond the matrix's seven are layout (a row's trailing
        delimiters, the columns a label spans): those at the end go first."""
        n = len(values)
        if self.part == "matrix" and n >= 7:
            tail = 0
            while n - tail > 7 and not values[n - 1 - tail]:
                tail += 1
            return [""] * (n - tail - 7) + list(MATRIX_COLUMNS) + [""] * tail
        if self.part == "matrix" and n == 3:
            return ["自然人", "法人或其他组织", "总计"]
        if self.part == "review" and n == 15:
            return [f"{g}（{c}）" for _k, g in _REVIEW_GROUPS for _c, c in _REVIEW_COLS]
        return names

    def metric(self, row: str, col: str) -> str | None:
        if not self.part:
            return None
        label = _label(row)
        if self.part == "art20":
            rkey = _art20_row(label)
            ckey = _art20_col(_label(col))
            if rkey is None or ckey is None or ckey not in _ART20_CELLS[rkey]:
                return None
            return _CORE.get((rkey, ckey), f"{PREFIX}.{rkey}__{ckey}")
        if self.part == "matrix":
            rkey = self._matrix_row(label)
            ckey = next((k for k, n in _MATRIX_COLS if _label(col) == n), None)
            if rkey is None or ckey is None:
                return None
            return _CORE.get((rkey, ckey), f"{PREFIX}.{rkey}__{ckey}")
        if self.part == "review":
            for gkey, gname in _REVIEW_GROUPS:
                for ckey, cname in _REVIEW_COLS:
                    if col == f"{gname}（{cname}）":
                        return f"{PREFIX}.{gkey}__{ckey}"
        return None

    def _matrix_row(self, label: str) -> str | None:
        if "新收" in label:
            self.parent = ""
        for key, _name, parent, pattern in _MATRIX_ROWS:
            if parent and parent != self.parent:
                continue
            if re.search(pattern, label):
                if not parent:
                    self.parent = ""   # a top row (（七）总计, 四、结转…) ends the parent's sub-rows
                return key
        return None


@lru_cache(maxsize=4096)
def _label(text: str) -> str:
    return _MARK.sub("", _SPACE.sub("", text)).strip()


@lru_cache(maxsize=1024)
def _art20_row(label: str) -> str | None:
    return next((k for k, _n, p in _ART20_ROWS if re.search(p, label)), None)


@lru_cache(maxsize=1024)
def _art20_col(label: str) -> str | None:
    return next((k for k, _n, p, _kind in _ART20_COLS if re.search(p, label)), None)


def taxonomy_rows() -> list[tuple[str, str, str, str, str, str]]:
    """(metric_id, name_zh, kind, subject_pattern, action_pattern, description) of every
    cell of the form that has no core id: the block of metric_taxonomy.csv."""
    rows = []
    cols = {k: (n, kind) for k, n, _p, kind in _ART20_COLS}
    for rkey, rname, _p in _ART20_ROWS:
        for ckey in _ART20_CELLS[rkey]:
            if (rkey, ckey) in _CORE:
                continue
            cname, kind = cols[ckey]
            rows.append((f"{PREFIX}.{rkey}__{ckey}", f"{rname}（{cname}）", kind, NO_PROSE, "",
                         f"政府信息公开年度报告表格 二、主动公开 第二十条：{rname}·{cname}。"))
    for rkey, rname, _parent, _p in _MATRIX_ROWS:
        for ckey, cname in _MATRIX_COLS:
            if (rkey, ckey) in _CORE:
                continue
            rows.append((f"{PREFIX}.{rkey}__{ckey}", f"{rname}（{cname}）", "case", NO_PROSE, "",
                         f"政府信息公开年度报告表格 三、收到和处理政府信息公开申请：{rname}·申请人{cname}。"))
    for gkey, gname in _REVIEW_GROUPS:
        for ckey, cname in _REVIEW_COLS:
            rows.append((f"{PREFIX}.{gkey}__{ckey}", f"{gname}（{cname}）", "case", NO_PROSE, "",
                         f"政府信息公开年度报告表格 四、因政府信息公开申请行政复议、行政诉讼：{gname}·{cname}。"))
    return rows
