"""Whether two .xlsx files hold the same workbook: workload 1's check that the Python baseline's
`momentum.xlsx` (XlsxWriter) is the one sgdreport writes (libxlsxwriter).

    python workbook_check.py EXPECTED.xlsx ACTUAL.xlsx     # exit 0 when the same, 1 otherwise

`differences(expected, actual)` lists every difference as a sentence naming the sheet and the
cell or chart; bench.py calls it. Compared, with openpyxl:

* the sheet names, in order;
* per sheet, every cell that either file has: its formula text or its value (text or number), its
  stored formula result, its number format and its style (bold, italic, font size, fill colour,
  borders); the frozen panes, the column widths, the page orientation and fit to width;

and, reading the chart XML from the zip file (openpyxl does not keep what it cannot write back):

* per sheet, each chart in order: its type, title, axis titles, logarithmic axis, legend position,
  the cells its top-left and bottom-right corners are anchored to, and each series' name and
  category and value references.

Numbers are compared as both writers store them: a number cell as "%.16G" in both, a formula's
stored result as "%.16G" by libxlsxwriter and as Python's repr (17 digits where needed) by
XlsxWriter, so results are compared at 16 significant digits, which is all sgdreport's file
holds. The files' bytes are not compared: the writers differ (XlsxWriter keeps strings in a
shared table, libxlsxwriter's constant-memory mode writes them inline).
"""
import posixpath
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
CHART_TYPES = ("lineChart", "scatterChart", "barChart", "areaChart", "pieChart")


def number_text(value):
    return f"{value:.16G}"


def content(c):
    """A cell's content as comparable text: ('formula', '=…'), ('number', '%.16G'), ('text', …)."""
    if c.data_type == "f":
        return ("formula", str(c.value))
    if isinstance(c.value, bool):
        return ("bool", str(c.value))
    if isinstance(c.value, (int, float)):
        return ("number", number_text(c.value))
    return ("text", str(c.value))


def stored_result(c):
    if c is None or c.value is None:
        return None
    if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
        return number_text(c.value)
    return repr(c.value)


def style(c):
    f, fill, b = c.font, c.fill, c.border
    colour = fill.fgColor.rgb if fill is not None and fill.fill_type == "solid" else None
    return (c.number_format, bool(f.b), bool(f.i), float(f.sz or 11), colour,
            b.left.style, b.right.style, b.top.style, b.bottom.style)


STYLE_FIELDS = ("number format", "bold", "italic", "font size", "fill colour", "left border", "right border",
                "top border", "bottom border")


def cells(ws):
    return {(c.row, c.column): c for row in ws.iter_rows() for c in row if c.value is not None}


def sheet_differences(name, expected, actual, expected_values, actual_values):
    out = []
    where = f"sheet {name!r}"
    left, right = cells(expected), cells(actual)
    for key in sorted(set(left) | set(right)):
        coordinate = (left.get(key) or right.get(key)).coordinate
        a, b = left.get(key), right.get(key)
        if a is None or b is None:
            have, missing = ("sgdreport", "Python") if b is None else ("Python", "sgdreport")
            shown = content(a or b)
            out.append(f"{where}, cell {coordinate}: {have}'s file has {shown[0]} {shown[1]!r}, {missing}'s is empty")
            continue
        if content(a) != content(b):
            out.append(f"{where}, cell {coordinate}: {content(a)[0]} {content(a)[1]!r} in sgdreport's file, "
                       f"{content(b)[0]} {content(b)[1]!r} in Python's")
            continue
        if a.data_type == "f":
            ra = stored_result(expected_values.cell(*key))
            rb = stored_result(actual_values.cell(*key))
            if ra != rb:
                out.append(f"{where}, cell {coordinate} ({a.value}): stored result {ra} in sgdreport's file, {rb} in "
                           f"Python's")
        sa, sb = style(a), style(b)
        for field, x, y in zip(STYLE_FIELDS, sa, sb):
            if x != y:
                out.append(f"{where}, cell {coordinate}: {field} {x!r} in sgdreport's file, {y!r} in Python's")

    def widths(ws):
        return {k: round(d.width, 4) for k, d in ws.column_dimensions.items() if d.customWidth}

    for what, x, y in (
        ("frozen panes", expected.freeze_panes, actual.freeze_panes),
        ("column widths", widths(expected), widths(actual)),
        ("page orientation", expected.page_setup.orientation, actual.page_setup.orientation),
        ("fit to pages (wide, tall)", (expected.sheet_properties.pageSetUpPr.fitToPage if expected.sheet_properties.pageSetUpPr else None,
                                       expected.page_setup.fitToWidth, expected.page_setup.fitToHeight),
         (actual.sheet_properties.pageSetUpPr.fitToPage if actual.sheet_properties.pageSetUpPr else None,
          actual.page_setup.fitToWidth, actual.page_setup.fitToHeight)),
    ):
        if x != y:
            out.append(f"{where}: {what} {x!r} in sgdreport's file, {y!r} in Python's")
    return out


# --- Charts, from the zip file's XML --------------------------------------------------------------

def relationships(z, part):
    """{id: target path} of `part`'s relationships (an empty dict when it has none)."""
    folder, base = posixpath.split(part)
    path = posixpath.join(folder, "_rels", base + ".rels")
    if path not in z.namelist():
        return {}
    root = ET.fromstring(z.read(path))
    return {r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target")))
            for r in root.findall("rel:Relationship", NS)}


def text_of(element):
    """The text of a title (rich text runs or a cell reference's cached string), or None."""
    if element is None:
        return None
    runs = [t.text or "" for t in element.iter(f"{{{NS['a']}}}t")]
    if runs:
        return "".join(runs)
    v = element.find(".//c:v", NS)
    return v.text if v is not None else None


def chart_summary(z, path):
    root = ET.fromstring(z.read(path))
    chart = root.find("c:chart", NS)
    plot = chart.find("c:plotArea", NS)
    kinds = [k for k in CHART_TYPES if plot.find(f"c:{k}", NS) is not None]
    series = []
    for s in plot.iter(f"{{{NS['c']}}}ser"):
        name = s.find("c:tx", NS)
        name = (name.findtext("c:v", namespaces=NS) or name.findtext(".//c:f", namespaces=NS)) if name is not None else None
        series.append({"name": name, "categories": s.findtext("c:cat//c:f", namespaces=NS),
                       "values": s.findtext("c:val//c:f", namespaces=NS)})
    axes = {}
    for tag in ("catAx", "valAx", "dateAx"):
        for axis in plot.findall(f"c:{tag}", NS):
            log = axis.find("c:scaling/c:logBase", NS)
            position = axis.find("c:axPos", NS)
            axes[f"{tag} {position.get('val') if position is not None else '?'}"] = {
                "title": text_of(axis.find("c:title", NS)), "logBase": log.get("val") if log is not None else None}
    legend = chart.find("c:legend/c:legendPos", NS)
    return {"type": kinds, "title": text_of(chart.find("c:title", NS)), "series": series, "axes": axes,
            "legend": legend.get("val") if legend is not None else None}


def charts_by_sheet(path):
    """{sheet name: [chart, …]} in drawing order, each with its anchor cells."""
    out = {}
    with zipfile.ZipFile(path) as z:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        book_rels = relationships(z, "xl/workbook.xml")
        for sheet in book.findall("main:sheets/main:sheet", NS):
            part = book_rels[sheet.get(f"{{{NS['r']}}}id")]
            charts = []
            for drawing in relationships(z, part).values():
                if "/drawings/" not in drawing:
                    continue
                drawing_rels = relationships(z, drawing)
                root = ET.fromstring(z.read(drawing))
                for anchor in root:
                    ref = anchor.find(".//c:chart", NS)
                    if ref is None:
                        continue
                    summary = chart_summary(z, drawing_rels[ref.get(f"{{{NS['r']}}}id")])
                    for corner in ("from", "to"):
                        element = anchor.find(f"xdr:{corner}", NS)
                        summary[corner] = None if element is None else tuple(
                            int(element.findtext(f"xdr:{k}", namespaces=NS))
                            for k in ("col", "colOff", "row", "rowOff"))
                    charts.append(summary)
            out[sheet.get("name")] = charts
    return out


def chart_differences(name, expected, actual):
    where = f"sheet {name!r}"
    if len(expected) != len(actual):
        return [f"{where}: {len(expected)} charts in sgdreport's file, {len(actual)} in Python's"]
    out = []
    for i, (a, b) in enumerate(zip(expected, actual), 1):
        label = f"{where}, chart {i} ({a['title']!r})"
        for key in ("type", "title", "legend", "from", "to", "axes"):
            if a[key] != b[key]:
                out.append(f"{label}: {key} {a[key]!r} in sgdreport's file, {b[key]!r} in Python's")
        if len(a["series"]) != len(b["series"]):
            out.append(f"{label}: {len(a['series'])} series in sgdreport's file, {len(b['series'])} in Python's")
        for j, (x, y) in enumerate(zip(a["series"], b["series"]), 1):
            for key in ("name", "categories", "values"):
                if x[key] != y[key]:
                    out.append(f"{label}, series {j}: {key} {x[key]!r} in sgdreport's file, {y[key]!r} in Python's")
    return out


def differences(expected_path, actual_path):
    """Every difference between sgdreport's workbook (`expected_path`) and the Python baseline's
    (`actual_path`), each naming the sheet and the cell or chart; empty when they are the same."""
    import openpyxl

    expected = openpyxl.load_workbook(expected_path)
    actual = openpyxl.load_workbook(actual_path)
    expected_values = openpyxl.load_workbook(expected_path, data_only=True)
    actual_values = openpyxl.load_workbook(actual_path, data_only=True)
    if expected.sheetnames != actual.sheetnames:
        return [f"sheets {expected.sheetnames} in sgdreport's file, {actual.sheetnames} in Python's"]
    out = []
    for name in expected.sheetnames:
        out += sheet_differences(name, expected[name], actual[name], expected_values[name], actual_values[name])
    expected_charts, actual_charts = charts_by_sheet(expected_path), charts_by_sheet(actual_path)
    for name in expected.sheetnames:
        out += chart_differences(name, expected_charts.get(name, []), actual_charts.get(name, []))
    return out


def summary(path):
    """Sheets, cells, formulas and charts of a workbook: what the check covered."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    counted = [c for ws in book.worksheets for c in cells(ws).values()]
    charts = sum(len(v) for v in charts_by_sheet(path).values())
    return {"sheets": len(book.sheetnames), "cells": len(counted),
            "formulas": sum(1 for c in counted if c.data_type == "f"), "charts": charts}


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: workbook_check.py SGDREPORT.xlsx PYTHON.xlsx")
    found = differences(argv[1], argv[2])
    s = summary(argv[1])
    for line in found[:50]:
        print(line)
    if len(found) > 50:
        print(f"… and {len(found) - 50} more")
    verdict = "the same workbook" if not found else f"{len(found)} differences"
    print(f"{argv[1]} and {argv[2]}: {verdict} ({s['sheets']} sheets, {s['cells']:,} cells, "
          f"{s['formulas']:,} formulas, {s['charts']} charts compared)")
    return 0 if not found else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
