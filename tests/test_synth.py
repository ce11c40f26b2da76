"""The synthetic corpus (fazhi.synth): determinism, gold that points at its
numbers in the landed text of .txt and .html files, planted contradictions
that the manifest lists (and none elsewhere), the shared gold checker, and
the size and format mix. About fifty reports each; a few seconds in all."""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from fazhi.config import PROJECT_DIR
from fazhi.ingest.readers import read_document
from fazhi.synth import ISSUES, generate, truth_dir, verify

CHECK_GOLD = PROJECT_DIR.parent / "shared" / "gold" / "check_gold.py"
SCHEMA = PROJECT_DIR.parent / "shared" / "gold" / "SCHEMA.md"
TAXONOMY = PROJECT_DIR / "dbt" / "seeds" / "metric_taxonomy.csv"
KINDS = {"case", "rate", "change", "amount", "duration", "count"}
QUALIFIERS = {None, "at_least", "approx", "at_most"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """50 reports with more pages, GB18030 files and contradictions than the defaults."""
    out = tmp_path_factory.mktemp("synth") / "corpus"
    summary = generate(50, out, seed=11, contradictions=0.4, html_share=0.25, gb18030_share=0.15)
    assert summary["reports"] == 50
    return out


@pytest.fixture(scope="module")
def default_corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synth_default") / "corpus"
    return out, generate(60, out, seed=3)


def _manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (truth_dir(out) / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def _base(doc: str) -> str:
    return doc[:-4] if doc.endswith(".txt") else doc


def _gold(out: Path, doc: str) -> list[dict]:
    path = truth_dir(out) / "gold" / f"{_base(doc)}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _landed(out: Path, doc: str) -> str:
    return read_document(doc, (out / doc).read_bytes()).text


def test_same_seed_same_bytes(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(12, a, seed=7)
    generate(12, b, seed=7)
    generate(12, c, seed=8)
    for x, y in ((a, b), (truth_dir(a), truth_dir(b))):
        files = sorted(p.relative_to(x) for p in x.rglob("*") if p.is_file())
        assert files and files == sorted(p.relative_to(y) for p in y.rglob("*") if p.is_file())
        for rel in files:
            assert (x / rel).read_bytes() == (y / rel).read_bytes(), rel
    assert (truth_dir(a) / "manifest.jsonl").read_bytes() != (truth_dir(c) / "manifest.jsonl").read_bytes()


def test_the_reports_folder_holds_only_reports(tmp_path):
    """`fazhi run OUT` must land the reports and nothing else: gold, texts and manifest are beside OUT."""
    out = tmp_path / "corpus"
    generate(6, out, seed=5)
    assert sorted(p.suffix for p in out.rglob("*")) == sorted(p.suffix for p in out.iterdir())   # no subfolders
    assert {p.suffix for p in out.iterdir()} <= {".txt", ".html"} and len(list(out.iterdir())) == 6
    assert len(list((truth_dir(out) / "gold").glob("*.jsonl"))) == 6


def test_rerun_replaces_an_older_corpus(tmp_path):
    out = tmp_path / "corpus"
    generate(8, out, seed=1)
    generate(3, out, seed=2)
    assert len(list(out.iterdir())) == 3
    assert len(list((truth_dir(out) / "gold").glob("*.jsonl"))) == 3


def test_gold_points_at_numbers_in_the_landed_text(corpus):
    """Every gold start and non-fact lands on its text in what the reader gives, pages included."""
    result = verify(corpus)
    assert result["reports"] == 50 and result["lines"] > 500
    assert result["bad"] == []
    entries = _manifest(corpus)
    assert {e["format"] for e in entries} == {"txt", "html"}
    assert {e["encoding"] for e in entries} >= {"utf-8", "gb18030"}
    for entry in entries:
        text = _landed(corpus, entry["doc"])
        assert len(text) == entry["chars"]
        for g in _gold(corpus, entry["doc"]):
            assert text[g["start"]:g["start"] + len(g["number_text"])] == g["number_text"]
            assert g["number_text"] in g["quote"] and g["quote"] in text
            assert 8 <= len(g["quote"]) <= 40


def test_pages_land_exactly_the_predicted_text(corpus):
    pages = [e["doc"] for e in _manifest(corpus) if e["format"] == "html"]
    assert pages
    for doc in pages:
        page = (corpus / doc).read_bytes()
        assert b"<article" in page or b'class="content"' in page
        assert "当前位置".encode() in page or "当前位置".encode("gb18030") in page
        assert _landed(corpus, doc) == (truth_dir(corpus) / "texts" / f"{doc}.txt").read_bytes().decode("utf-8")


def test_gold_fields_follow_the_schema(corpus):
    metrics = {row["metric_id"] for row in csv.DictReader(TAXONOMY.open(encoding="utf-8"))}
    seen = Counter()
    for entry in _manifest(corpus):
        lines = _gold(corpus, entry["doc"])
        starts = [g["start"] for g in lines]
        assert starts == sorted(starts)
        for g in lines:
            assert g["doc"] == entry["doc"]
            assert g["kind"] in KINDS and g["qualifier"] in QUALIFIERS
            assert g["metric"] is None or g["metric"] in metrics
            assert isinstance(g["value"], (int, float)) and g["subject"]
            assert "part_of" not in g or g["part_of"] in starts
            if g["kind"] in ("rate", "change"):
                assert g["unit"] in ("%", "百分点")
            if g["kind"] == "amount":
                assert g["unit"] == "元"
            seen[g["metric"]] += 1
        nonfacts = (truth_dir(corpus) / "gold" / f"{_base(entry['doc'])}.nonfacts.txt").read_text(encoding="utf-8")
        for line in nonfacts.splitlines():
            start, text, reason = line.split("\t")
            assert not any(int(start) <= s < int(start) + len(text) for s in starts), line
    assert len([m for m in seen if m]) >= 30  # most of the taxonomy in 50 reports


def _firsts(lines: list[dict]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for g in lines:
        if g["metric"] and "part_of" not in g:
            out.setdefault(g["metric"], g)
    return out


def _issues(lines: list[dict]) -> set[str]:
    """The contradictions a careful reader finds in one report's gold."""
    found = set()
    if any(g["kind"] == "rate" and g["value"] > 100 for g in lines):
        found.add("rate_over_100")
    first = _firsts(lines)
    for kind in ("admin_reconsideration", "info_disclosure"):
        rec = first.get(f"{kind}.received") or first.get(f"{kind}.requests_received")
        closed = first.get(f"{kind}.closed") or first.get(f"{kind}.requests_closed")
        if rec and closed and closed["value"] > rec["value"]:
            found.add("closed_exceeds_received")
    parts = Counter()
    for g in lines:
        if "part_of" in g and g["kind"] not in ("rate", "change"):
            parts[g["part_of"]] += g["value"]
    for g in lines:
        if g["start"] in parts and g["qualifier"] != "at_least" and "part_of" not in g \
                and parts[g["start"]] > g["value"]:
            found.add("parts_exceed_total")
    rate, corr, closed = (first.get(f"admin_reconsideration.{m}") for m in ("correction_rate", "corrected", "closed"))
    if rate and corr and closed and abs(rate["value"] - 100 * corr["value"] / closed["value"]) > 0.5:
        found.add("correction_rate_mismatch")
    resp, rec, done = (first.get(f"info_disclosure.{m}") for m in ("response_rate", "requests_received",
                                                                   "requests_closed"))
    if resp and rec and done and resp["value"] <= 100 and abs(resp["value"] - 100 * done["value"] / rec["value"]) > 0.5:
        found.add("response_rate_mismatch")
    return found


def test_planted_issues_are_listed_and_nothing_else_contradicts(corpus):
    entries = _manifest(corpus)
    planted = Counter(issue for e in entries for issue in e["planted"])
    assert set(planted) == set(ISSUES)  # 40% of 50 reports: every kind of issue is planted
    for entry in entries:
        lines = _gold(corpus, entry["doc"])
        assert _issues(lines) == set(entry["planted"]), entry["doc"]
        text = _landed(corpus, entry["doc"])
        for at in entry["planted_at"]:
            assert text[at["start"]:at["start"] + len(at["number_text"])] == at["number_text"]


def test_no_number_goes_unlabelled(corpus):
    """Every numeral in a report is a gold fact, a listed non-fact or inside a word (进一步, 另一方面)."""
    numeral = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]+")
    words = ("进一步", "统一", "一体化", "每一项", "同一", "另一方面", "下一步", "一审")
    for entry in _manifest(corpus):
        doc = entry["doc"]
        text = _landed(corpus, doc)
        covered = bytearray(len(text))
        for g in _gold(corpus, doc):
            covered[g["start"]:g["start"] + len(g["number_text"])] = b"\1" * len(g["number_text"])
        for line in (truth_dir(corpus) / "gold" / f"{_base(doc)}.nonfacts.txt").read_text(encoding="utf-8").splitlines():
            start, t, _ = line.split("\t")
            covered[int(start):int(start) + len(t)] = b"\1" * len(t)
        for m in numeral.finditer(text):
            if any(covered[m.start():m.end()]):
                continue
            around = text[max(0, m.start() - 3):m.end() + 3]
            assert any(w in around for w in words), f"{doc}@{m.start()}: unlabelled {around!r}"


@pytest.mark.skipif(not CHECK_GOLD.exists(), reason="../shared/gold/check_gold.py is not there")
def test_shared_checker_accepts_the_gold(corpus, tmp_path):
    """check_gold.py reads docs as UTF-8 with universal newlines: pages and GB18030 files are
    checked on their landed text, CRLF files are left out (their offsets count the \\r)."""
    entries = [e for e in _manifest(corpus) if e["newline"] == "lf"]
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    for e in entries:
        doc, base = e["doc"], _base(e["doc"])
        name = doc if doc.endswith(".txt") else f"{doc}.txt"   # check_gold's idea of the doc's name
        (docs / name).write_bytes(_landed(corpus, doc).encode("utf-8"))
        lines = [dict(g, doc=name) for g in _gold(corpus, doc)]
        (gold / f"{base}.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in lines),
                                            encoding="utf-8")
        shutil.copy(truth_dir(corpus) / "gold" / f"{base}.nonfacts.txt", gold / f"{base}.nonfacts.txt")
    result = subprocess.run([sys.executable, str(CHECK_GOLD), "--docs", str(docs),
                             *sorted(str(p) for p in gold.glob("*.jsonl"))],
                            capture_output=True, text=True, timeout=120)
    errors = [line for line in result.stdout.splitlines() if "ERROR" in line]
    allowed = {e["doc"] for e in entries if "rate_over_100" in e["planted"]}
    unexpected = [line for line in errors
                  if not ("outside [0,100]" in line and any(_base(d) in line for d in allowed))]
    assert unexpected == []
    assert "quote occurs" not in result.stdout


def test_size_and_format_mix(default_corpus):
    out, summary = default_corpus
    entries = _manifest(out)
    chars = [e["chars"] for e in entries]
    assert min(chars) >= 1500 and max(chars) <= 10500
    assert 3500 <= sum(chars) / len(chars) <= 5800
    assert 15 <= summary["facts_per_report"] <= 50
    formats = Counter("html" if e["format"] == "html" else e["encoding"] for e in entries)
    assert formats["utf-8"] >= 0.7 * len(entries)
    assert 1 <= formats["html"] <= 0.25 * len(entries)
    assert formats["gb18030"] <= 0.2 * len(entries)
    assert sum(1 for e in entries if e["planted"]) <= 0.15 * len(entries)
    assert set(summary) >= {"reports", "facts", "formats", "seconds", "planted"}
    levels = Counter(e["level"] for e in entries)
    assert len(levels) >= 4 and len({e["year"] for e in entries}) >= 4
    heads = ["".join(_landed(out, e["doc"]).strip().splitlines()[:4]) for e in entries]
    assert all("法治政府建设" in h and ("报告" in h or "总结" in h) for h in heads)


def test_headings_and_number_forms_vary(default_corpus):
    out, _ = default_corpus
    texts = "\n".join(_landed(out, e["doc"]) for e in _manifest(out))
    for pattern in (r"\n[　\s]*一、", r"（[一二三]）", r"\([一二三]\)", r"\n[　\s]*\d\.", r"\n[　\s]*\d、"):
        assert re.search(pattern, texts), pattern
    numbers = [g["number_text"] for e in _manifest(out) for g in _gold(out, e["doc"])]
    joined = " ".join(numbers)
    for form in ("万", "余", "%", "以上", "万元", "百分点", "未发生"):
        assert form in joined, form
    assert any(re.fullmatch(r"[一二两三四五六七八九十百千]+[^\d]*", n) for n in numbers)  # 两次, 三十余人
    assert any("," in n for n in numbers) or any(re.search(r"\d\.\d+万", n) for n in numbers)
    kinds = Counter(g["kind"] for e in _manifest(out) for g in _gold(out, e["doc"]))
    assert set(kinds) == KINDS
    assert any(g.get("respectively") for e in _manifest(out) for g in _gold(out, e["doc"]))
    assert any("part_of" in g for e in _manifest(out) for g in _gold(out, e["doc"]))


def test_full_width_digits_keep_their_offsets(tmp_path, monkeypatch):
    """Reports typed with full-width digits (５８４件): the gold quotes the text as written."""
    from fazhi.synth import layout

    monkeypatch.setattr(layout, "FULL_WIDTH_SHARE", 1.0)
    generate(6, tmp_path, seed=4, html_share=0.0)
    assert verify(tmp_path)["bad"] == []
    entries = _manifest(tmp_path)
    assert all(e["full_width_digits"] for e in entries)
    numbers = [g["number_text"] for e in entries for g in _gold(tmp_path, e["doc"])]
    assert any(re.search("[０-９]", n) for n in numbers)
    assert not any(re.search("[0-9]", n) for n in numbers)


def test_chinese_numerals():
    from fazhi.synth.numbers import chinese

    assert [chinese(n) for n in (2, 10, 12, 110, 210, 1005, 4000, 30000, 10010)] == \
        ["二", "十", "十二", "一百一十", "二百一十", "一千零五", "四千", "三万", "一万零一十"]
    assert chinese(2, two=True) == "两" and chinese(2000, two=True) == "两千" and chinese(200, two=True) == "二百"
