#!/usr/bin/python3
"""bench/peer.py - what the office would script instead of normalize.

Reads every form (.docx) and 附件5 table (.xlsx) under the given folders of
unpacked bundles with python-docx and openpyxl, the way a short script would:
walk the paragraphs and the tables, find the label of each numeric field of
rules/fields/platform.tsv or factory.tsv (at most 40 per form kind), take the
text after the label (same cell, else the next cell of the row) and parse a
number from it (plain, 5,000, full-width, 1.2万, small Chinese numerals,
percents).  Summary tables: find the header row (申报企业名称) and read the
rows below it.  Prints one line of counts; the benchmark times it.

usage: peer.py [--rules DIR] FOLDER...
"""
import os
import re
import sys
import unicodedata

import docx
import openpyxl

PLATFORM_TITLE = "江苏省重点工业互联网平台申报书"
FACTORY_TITLE = "江苏省工业互联网标杆工厂申报书"
SUMMARY_TITLE = "申报情况汇总表"
NUMERIC = {"integer", "amount", "percent", "count_pair"}
MAX_FIELDS = 40

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
NUM_RE = re.compile(r"(-?\d+(?:\.\d+)?)\s*(亿|万)?\s*(%)?")
CN_RE = re.compile(r"[零一二两三四五六七八九十]+")


def labels(path):
    """The distinct labels of the numeric fields of one catalogue, at most MAX_FIELDS."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("key\t"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or cols[2] not in NUMERIC:
                continue
            # The longest piece without blanks: 提供____类工业微服务组件 -> 类工业微服务组件
            label = max(re.split(r"_+", cols[1]), key=len).strip()
            if label and label not in out:
                out.append(label)
    return out[:MAX_FIELDS]


def cn_number(s):
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + CN_DIGITS.get(ones, 0)
    v = 0
    for ch in s:
        v = v * 10 + CN_DIGITS.get(ch, 0)
    return v


def parse_number(text):
    t = unicodedata.normalize("NFKC", text).replace(",", "").replace("_", " ")
    m = NUM_RE.search(t)
    if m:
        v = float(m.group(1))
        if m.group(2) == "亿":
            v *= 10000 if "元" not in t[m.end():m.end() + 2] else 1e8
        elif m.group(2) == "万":
            v *= 10000
        if m.group(3):
            v /= 100
        return v
    m = CN_RE.search(t)
    if m:
        return float(cn_number(m.group(0)))
    return None


def read_form(path, catalogues):
    d = docx.Document(path)
    paras = [p.text for p in d.paragraphs]
    head = "\n".join(paras[:40])
    if PLATFORM_TITLE in head:
        wanted = catalogues["platform"]
    elif FACTORY_TITLE in head:
        wanted = catalogues["factory"]
    elif SUMMARY_TITLE in head:
        rows = 0
        for table in d.tables:
            rows += len(table.rows)
        return "summary", rows, 0
    else:
        return "other", 0, 0
    found = {}
    for text in paras:
        for label in wanted:
            if label in text and label not in found:
                v = parse_number(text[text.index(label) + len(label):])
                if v is not None:
                    found[label] = v
    for table in d.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            for i, text in enumerate(cells):
                for label in wanted:
                    if label in found or label not in text:
                        continue
                    rest = text[text.index(label) + len(label):]
                    v = parse_number(rest)
                    if v is None and i + 1 < len(cells):
                        v = parse_number(cells[i + 1])
                    if v is not None:
                        found[label] = v
    return "form", len(found), len(wanted)


def read_summary(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = 0
    for ws in wb.worksheets:
        header = False
        for row in ws.iter_rows(values_only=True):
            cells = ["" if c is None else str(c) for c in row]
            if not header:
                header = any("申报企业名称" in c for c in cells)
                continue
            if cells and cells[0].strip().isdigit():
                rows += 1
    wb.close()
    return rows


def main(argv):
    rules = "rules"
    folders = []
    i = 0
    while i < len(argv):
        if argv[i] == "--rules":
            rules = argv[i + 1]
            i += 2
        else:
            folders.append(argv[i])
            i += 1
    if not folders:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    catalogues = {k: labels(os.path.join(rules, "fields", k + ".tsv")) for k in ("platform", "factory")}
    forms = fields = wanted = xlsx = xlsx_rows = docx_summaries = failed = 0
    for folder in folders:
        for dirpath, _, names in os.walk(folder):
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                try:
                    if name.endswith(".docx"):
                        kind, n, w = read_form(path, catalogues)
                        if kind == "form":
                            forms += 1
                            fields += n
                            wanted += w
                        elif kind == "summary":
                            docx_summaries += 1
                    elif name.endswith(".xlsx"):
                        xlsx += 1
                        xlsx_rows += read_summary(path)
                except Exception as e:  # a broken form must not stop the batch
                    failed += 1
                    print("peer: %s: %s" % (path, e), file=sys.stderr)
    print("forms %d, numeric fields found %d of %d looked for, xlsx tables %d (%d rows), "
          "docx tables %d, unreadable %d" % (forms, fields, wanted, xlsx, xlsx_rows, docx_summaries, failed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
