#!/usr/bin/env python3
"""Recomputes a workbook sgdreport wrote in headless LibreOffice Calc and compares every formula.

    check_workbook.py WORKBOOK.xlsx WORKDIR [SHEET=STEPS.csv ...]

1. Copies the workbook with every formula's stored value removed, so that nothing can be read
   back unless LibreOffice computes it.
2. Opens that copy in LibreOffice (headless, a fresh profile whose settings recalculate every
   formula on load) and saves it as xlsx.
3. Compares every formula cell LibreOffice computed with the value sgdreport stored, and each
   run sheet's step table (its header row starts with "step") with the run's steps.csv, column by
   column (by header name) and row by row (by step).

Prints one JSON object: counts, the largest relative differences, and the first mismatches.
Standard library only (zipfile, xml.etree); LibreOffice's `soffice` must be on PATH.
"""
import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TOLERANCE = 1e-9

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def strip_values(source, target):
    """The workbook with the <v> of every formula cell removed."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text = re.sub(r"(<c [^>]*>)(<f>[^<]*</f>)<v>[^<]*</v>(</c>)", r"\1\2\3", text)
                data = text.encode("utf-8")
            zout.writestr(item, data)


def recalculate(source, workdir):
    profile = os.path.join(workdir, "profile")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(PROFILE)
    out = os.path.join(workdir, "recalculated")
    os.makedirs(out, exist_ok=True)
    result = subprocess.run(
        ["soffice", "-env:UserInstallation=file://" + os.path.abspath(profile), "--headless", "--norestore",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, source],
        capture_output=True, text=True, timeout=600)
    path = os.path.join(out, os.path.basename(source))
    if not os.path.exists(path):
        raise SystemExit(f"LibreOffice did not convert {source}: {result.stdout} {result.stderr}")
    return path


def read_workbook(path):
    """{sheet name: {(row, column): (formula or None, value)}} with 0-based rows and columns."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        strings = []
        if "xl/sharedStrings.xml" in names:
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(REL_NS + "Relationship")}
        sheets = {}
        for sheet in workbook.find("m:sheets", NS):
            target = targets[sheet.get("{%s}id" % NS["r"])]
            target = target.lstrip("/")
            if not target.startswith("xl/"):
                target = "xl/" + target
            cells = {}
            for c in ET.fromstring(z.read(target)).iter("{%s}c" % NS["m"]):
                ref = c.get("r")
                match = re.match(r"([A-Z]+)(\d+)$", ref)
                column = 0
                for letter in match.group(1):
                    column = column * 26 + ord(letter) - 64
                key = (int(match.group(2)) - 1, column - 1)
                f = c.find("m:f", NS)
                v = c.find("m:v", NS)
                kind = c.get("t")
                if kind == "s" and v is not None:
                    value = strings[int(v.text)]
                elif kind == "inlineStr":
                    value = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
                elif kind == "str":
                    value = v.text if v is not None else None
                elif v is not None and v.text is not None:
                    value = float(v.text)
                else:
                    value = None
                cells[key] = (f.text if f is not None else None, value)
            sheets[sheet.get("name")] = cells
        return sheets


def relative(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


def main():
    workbook, workdir = sys.argv[1], sys.argv[2]
    traces = dict(arg.split("=", 1) for arg in sys.argv[3:])
    os.makedirs(workdir, exist_ok=True)
    blank = os.path.join(workdir, os.path.basename(workbook))
    strip_values(workbook, blank)
    stored = read_workbook(workbook)
    recomputed = read_workbook(recalculate(blank, workdir))
    report = {"sheets": len(stored), "formulaCells": 0, "compared": 0, "maxRelativeToStored": 0.0,
              "traceCells": 0, "maxRelativeToTrace": 0.0, "mismatches": [], "formulaSheets": []}

    def mismatch(text):
        if len(report["mismatches"]) < 20:
            report["mismatches"].append(text)

    for name, cells in stored.items():
        other = recomputed.get(name)
        if other is None:
            mismatch(f"sheet {name!r} missing after recalculation")
            continue
        formulas = 0
        for key, (formula, value) in cells.items():
            if formula is None:
                continue
            formulas += 1
            report["formulaCells"] += 1
            got = other.get(key, (None, None))[1]
            if not isinstance(got, float) or not isinstance(value, float):
                mismatch(f"{name}!{key}: {formula} stored {value!r}, recomputed {got!r}")
                continue
            report["compared"] += 1
            difference = relative(got, value)
            report["maxRelativeToStored"] = max(report["maxRelativeToStored"], difference)
            if difference > TOLERANCE:
                mismatch(f"{name}!{key}: {formula} stored {value!r}, recomputed {got!r}")
        if formulas:
            report["formulaSheets"].append(name)
        if name not in traces:
            continue
        with open(traces[name], newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        header_row = next((r for (r, c), (_, v) in cells.items() if c == 0 and v == "step"), None)
        if header_row is None:
            mismatch(f"{name}: no step table")
            continue
        columns = {}
        for (r, c), (_, v) in sorted(cells.items()):
            if r == header_row and isinstance(v, str) and v not in columns:
                columns[v] = c
        # Rows by their step number (warm-up rows, which the trace does not record, have none).
        step_rows = {int(v): r for (r, c), (_, v) in cells.items() if c == 0 and r > header_row and isinstance(v, float)}
        step_index = header.index("step")
        for j, column_name in enumerate(header):
            if column_name not in columns:
                continue
            c = columns[column_name]
            for i, row in enumerate(body):
                if row[j] == "":
                    continue
                expected = float(row[j])
                sheet_row = step_rows.get(int(row[step_index]))
                got = other.get((sheet_row, c), (None, None))[1] if sheet_row is not None else None
                report["traceCells"] += 1
                if not math.isfinite(expected):
                    # Written as text, as steps.csv writes it.
                    if got != row[j]:
                        mismatch(f"{name} step {i + 1} {column_name}: trace {row[j]!r}, sheet {got!r}")
                    continue
                if not isinstance(got, float):
                    mismatch(f"{name} step {i + 1} {column_name}: trace {expected!r}, sheet {got!r}")
                    continue
                difference = relative(got, expected)
                report["maxRelativeToTrace"] = max(report["maxRelativeToTrace"], difference)
                if difference > TOLERANCE:
                    mismatch(f"{name} step {i + 1} {column_name}: trace {expected!r}, recomputed {got!r}")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
