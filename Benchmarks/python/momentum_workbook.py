"""The momentum study as a workbook, written with XlsxWriter: workload 1's baseline writes the
`<study>.xlsx` that `sgdreport build` writes (SPEC §4.5), from its own training and signals.

    write_workbook(path, title, runs, signals, signal_specs)

A port of sgdreport's workbook (Sources/SGDReport/Workbook: StudyWorkbook, RunSheet,
FormulaLayout, RunFormulas, SignalsSheet, WorkbookWriter) for what momentum_study.py trains:
chains of single neurons (no activation or ReLU), online, forward-difference derivatives, SGD or
momentum (dampened or not), every step recorded, and signals with their EWMA. Its cells are the
same: the same sheet names in the same order, each cell's text, number or formula (with the
value it computes stored beside it), the settings in yellow cells, the same native line charts
at the same cells. A run outside those cases (a diverged run, more than 20,000 steps: sgdreport
writes a sheet of values for them) is refused with NotImplementedError rather than written
differently. Benchmarks/workbook_check.py compares the file with sgdreport's.
"""
import datetime

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

# RunSheet.maximumRows: more step rows and sgdreport writes the first ones as values.
MAXIMUM_ROWS = 20_000
# RunCharts: the step table's header row (0-based), where the charts start and their size.
TABLE_HEADER = 22
CHART_COLUMN = 7
CHART_SPAN = 9
CHART_WIDTH, CHART_HEIGHT = 560, 340
# XlsxWriter's (and libxlsxwriter's) default chart: 480 x 288 pixels.
DEFAULT_CHART_WIDTH, DEFAULT_CHART_HEIGHT = 480, 288
# The creation time sgdreport records (WorkbookWriter.fixedCreationTime), so that two runs write
# the same workbook.
CREATED = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)


def cell(row, column):
    """`C7` for 0-based row 6, column 2."""
    return xl_rowcol_to_cell(row, column)


def absolute(row, column):
    """`$C$7`: a reference that stays put when a formula is copied."""
    return xl_rowcol_to_cell(row, column, row_abs=True, col_abs=True)


# --- Sheet names (StudyWorkbook.swift's SheetNames) --------------------------------------------

def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


def truncated(text, limit):
    """At most `limit` UTF-16 units (Excel's count), whole characters, spaces trimmed."""
    out, units = "", 0
    for character in text:
        size = utf16_length(character)
        if units + size > limit:
            break
        out += character
        units += size
    return out.strip(" ")


class SheetNames:
    """Excel's rules: at most 31 characters, none of [ ] : * ? / \\, not starting or ending with
    an apostrophe, not "History", unique regardless of case."""

    def __init__(self):
        self.taken = {"history"}

    def make(self, name):
        # Swift's Character.isNewline: CR LF is one character.
        cleaned = "".join("-" if c in "[]:*?/\\" or c in "\n\r\v\f\x85\u2028\u2029" else c
                          for c in name.replace("\r\n", "\n"))
        cleaned = cleaned.strip("'").strip(" ") or "Run"
        candidate = truncated(cleaned, 31)
        number = 2
        while candidate.lower() in self.taken:
            suffix = f" ({number})"
            candidate = truncated(cleaned, 31 - utf16_length(suffix)) + suffix
            number += 1
        self.taken.add(candidate.lower())
        return candidate


# --- Formulas (RunFormulas.swift, for no activation and ReLU) ----------------------------------

def apply(activation, z):
    return f"MAX({z},0)" if activation == "relu" else z


def layer_formula(activations, l, inp, p):
    """The output of layer `l` from its input cell or expression; weight p[2l], bias p[2l+1]."""
    return apply(activations[l], f"{p[2 * l]}*{inp}+{p[2 * l + 1]}")


def prediction_formula(activations, x, p):
    """The whole forward pass in one expression (for the finite differences)."""
    value = x
    for l in range(len(activations)):
        value = f"({layer_formula(activations, l, value, p)})"
    return value


def forward_difference(activations, x, y, p, k, loss, epsilon):
    """(loss(p + ε) − loss(p)) / ε, parameter `k` shifted."""
    shifted = list(p)
    shifted[k] = f"({p[k]}+{epsilon})"
    f = prediction_formula(activations, x, shifted)
    return f"(({f}-{y})*({f}-{y})-{loss})/{epsilon}"


# --- A run's sheet (RunSheet.swift, FormulaLayout.swift) ---------------------------------------

def values_reason(run):
    """Why sgdreport would write this run's sheet as values (not ported here); None for formulas."""
    if run["diverged"]:
        return f"the run diverged at step {run['diverged']}"
    if len(run["steps"]) > MAXIMUM_ROWS:
        return f"it has {len(run['steps']):,} steps"
    return None


def run_sheet(workbook, formats, name, run_name, run):
    """The sheet `name` of the run `run_name` (momentum_study.train's result with its "settings")."""
    settings = run["settings"]
    reason = values_reason(run)
    if reason:
        raise NotImplementedError(f"run {name!r}: sgdreport writes its sheet as values ({reason}); "
                                  "momentum_workbook.py ports only the formula sheets")
    optimizer = settings["optimizer"]
    if optimizer["type"] not in ("sgd", "momentum"):
        raise NotImplementedError(f"run {name!r}: optimizer {optimizer['type']!r} (ported: sgd, momentum)")
    momentum = optimizer["type"] == "momentum"
    dampening = optimizer.get("dampening", False)
    names, activations = run["names"], run["activations"]
    n = len(names)
    ws = workbook.add_worksheet(name)
    ws.write_string(0, 0, run_name, formats["title"])
    ws.write_string(1, 0, "Every computed cell is a formula. Change the learning rate or a starting weight (the "
                          "yellow cells) and the whole run recomputes.", formats["note"])

    # Settings: label in A, value in B, a note in C.
    row = 3

    def setting(label, value, input_=True, note=None):
        nonlocal row
        ws.write_string(row, 0, label, formats["label"])
        ws.write_number(row, 1, value, formats["input"] if input_ else None)
        if note:
            ws.write_string(row, 2, note, formats["note"])
        row += 1
        return absolute(row - 1, 1)

    lr = setting("lr", optimizer["lr"], note="learning rate")
    if momentum:
        beta = setting("beta", optimizer.get("beta", 0.9), note="dampened: avg = beta·avg + (1 − beta)·grad"
                       if dampening else "undampened (fastai): avg = beta·avg + grad")
    epsilon = setting("epsilon", run["epsilon"], note="step of the finite differences")
    rows_cell = setting("rows (N)", float(run["rows"]), input_=False, note="rows per epoch: mse = sse / N")
    start_weights = [setting(f"start {p}", run["initial"][k]) for k, p in enumerate(names)]
    start_average = [setting(f"start avg_{p}", 0.0) for p in names] if momentum else []

    # The step table, below the settings and the charts.
    header = max(row + 1, TABLE_HEADER)
    hidden_count = len(activations) - 1
    headers = ["step", "epoch", "row", "x", "y"] + names
    hidden_column = len(headers)
    headers += [f"h{l + 1}" for l in range(hidden_count)]
    prediction_column = len(headers)
    headers += ["prediction", "loss"]
    grad_column = len(headers)
    headers += ["grad_" + p for p in names]
    avg_column = len(headers)
    if momentum:
        headers += ["avg_" + p for p in names]
    new_column = len(headers)
    headers += ["new_" + p for p in names]
    for c, title in enumerate(headers):
        ws.write_string(header, c, title, formats["header"])
    ws.set_column(0, 0, 13)

    trace = {c: i for i, c in enumerate(run["header"])}
    weight_index = [trace[p] for p in names]
    grad_index = [trace["grad_" + p] for p in names]
    avg_index = [trace["avg_" + p] for p in names] if momentum else []
    steps = run["steps"]
    for i, values in enumerate(steps):
        r = header + 1 + i
        ws.write_number(r, 0, values[trace["step"]])
        ws.write_number(r, 1, values[trace["epoch"]])
        for c, column in ((2, "row"), (3, "x"), (4, "y")):
            ws.write_number(r, c, values[trace[column]])
        x, y = cell(r, 3), cell(r, 4)
        weights = [cell(r, 5 + k) for k in range(n)]
        for k in range(n):
            source = start_weights[k] if i == 0 else cell(r - 1, new_column + k)
            ws.write_formula(r, 5 + k, source, None, values[weight_index[k]])
        # Hidden outputs, then the prediction and the squared error.
        hidden = []
        value = values[trace["x"]]
        for l in range(hidden_count):
            z = values[weight_index[2 * l]] * value + values[weight_index[2 * l + 1]]
            value = (z if z > 0 else 0.0) if activations[l] == "relu" else z
            ws.write_formula(r, hidden_column + l, layer_formula(activations, l, x if l == 0 else hidden[-1], weights),
                             None, value)
            hidden.append(cell(r, hidden_column + l))
        last = len(activations) - 1
        prediction, loss = cell(r, prediction_column), cell(r, prediction_column + 1)
        ws.write_formula(r, prediction_column, layer_formula(activations, last, x if last == 0 else hidden[-1], weights),
                         None, values[trace["prediction"]])
        ws.write_formula(r, prediction_column + 1, f"({prediction}-{y})*({prediction}-{y})", None, values[trace["loss"]])
        grads = [cell(r, grad_column + k) for k in range(n)]
        for k in range(n):
            ws.write_formula(r, grad_column + k, forward_difference(activations, x, y, weights, k, loss, epsilon), None,
                             values[grad_index[k]])
        # The optimizer: the moment after this row's update, then the new weight.
        for k in range(n):
            p, g = values[weight_index[k]], values[grad_index[k]]
            if momentum:
                previous = start_average[k] if i == 0 else cell(r - 1, avg_column + k)
                average = (f"{beta}*{previous}+(1-{beta})*{grads[k]}" if dampening
                           else f"{beta}*{previous}+{grads[k]}")
                m = values[avg_index[k]]
                ws.write_formula(r, avg_column + k, average, None, m)
                ws.write_formula(r, new_column + k, f"{weights[k]}-{lr}*{cell(r, avg_column + k)}", None,
                                 p - optimizer["lr"] * m)
            else:
                ws.write_formula(r, new_column + k, f"{weights[k]}-{lr}*{grads[k]}", None, p - optimizer["lr"] * g)
    ws.freeze_panes(header + 1, 0)

    # Epochs: sums of the loss column over each epoch's rows, and the weights it ends with.
    epoch_column = len(headers) + 1
    for c, title in enumerate(["epoch", "sse", "mse", "rmse", "sqrt_sse"] + names):
        ws.write_string(header, epoch_column + c, title, formats["header"])
    loss_letter = xl_col_to_name(prediction_column + 1)
    for e, summary in enumerate(run["epochs"]):
        r = header + 1 + e
        first = header + 1 + e * run["rows"]
        last = first + run["rows"] - 1
        sse, mse = cell(r, epoch_column + 1), cell(r, epoch_column + 2)
        ws.write_number(r, epoch_column, summary[0])
        ws.write_formula(r, epoch_column + 1, f"SUM({loss_letter}{first + 1}:{loss_letter}{last + 1})", None, summary[1])
        ws.write_formula(r, epoch_column + 2, f"{sse}/{rows_cell}", None, summary[2])
        ws.write_formula(r, epoch_column + 3, f"SQRT({mse})", None, summary[3])
        ws.write_formula(r, epoch_column + 4, f"SQRT({sse})", None, summary[4])
        for k in range(n):
            ws.write_formula(r, epoch_column + 5 + k, cell(last, new_column + k), None, summary[5 + k])
    run_charts(workbook, ws, name, run, header, prediction_column + 1, epoch_column)
    print_setup(ws)


def run_charts(workbook, ws, name, run, header, loss_column, epoch_column):
    """RunCharts.add: the squared error and the weights per step, and the error per epoch."""
    rows = len(run["steps"])
    if rows == 0:
        return

    def ref(column, count=rows):
        return [name, header + 1, column, header + count, column]

    losses = [r[run["header"].index("loss")] for r in run["steps"]]
    positive = all(v > 0 for v in losses)
    spread = max(losses) / max(min(losses), 2.2250738585072014e-308)
    place = CHART_COLUMN
    insert_chart(workbook, ws, "Squared error per step", "step", "loss", ref(0), [("loss", ref(loss_column))], 3, place,
                 CHART_WIDTH, CHART_HEIGHT, logarithmic=positive and spread > 1000)
    place += CHART_SPAN
    insert_chart(workbook, ws, "Weights per step", "step", "weight", ref(0),
                 [(p, ref(5 + k)) for k, p in enumerate(run["names"])], 3, place, CHART_WIDTH, CHART_HEIGHT)
    place += CHART_SPAN
    epochs = min(len(run["epochs"]), MAXIMUM_ROWS)
    if epochs > 1:
        insert_chart(workbook, ws, "Error per epoch (sqrt of the sum of squared errors)", "epoch", "sqrt_sse",
                     ref(epoch_column, epochs), [("sqrt_sse", ref(epoch_column + 4, epochs))], 3, place,
                     CHART_WIDTH, CHART_HEIGHT)


def insert_chart(workbook, ws, title, x_title, y_title, categories, series, row, column, width, height,
                 logarithmic=False):
    """A native line chart (WorkbookWriter.insert): one series per range, the legend below."""
    chart = workbook.add_chart({"type": "line"})
    chart.set_title({"name": title})
    for series_name, values in series:
        chart.add_series({"name": series_name, "categories": categories, "values": values})
    chart.set_x_axis({"name": x_title})
    chart.set_y_axis({"name": y_title, "log_base": 10} if logarithmic else {"name": y_title})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(row, column, chart, {"x_scale": width / DEFAULT_CHART_WIDTH,
                                         "y_scale": height / DEFAULT_CHART_HEIGHT})


def print_setup(ws):
    """Printed (or exported to PDF) landscape, one page wide."""
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


# --- The signals sheet (SignalsSheet.swift) ----------------------------------------------------

def signals_sheet(workbook, formats, name, signals, specs):
    ws = workbook.add_worksheet(name)
    ws.write_string(0, 0, "Signals", formats["title"])
    ws.write_string(1, 0, "Each signal's values, and its moving average as formulas: change a beta (the yellow "
                          "cells) and the average recomputes.", formats["note"])
    header = 6
    column = 0
    for spec in specs:
        series = signals[spec["name"]]
        values = series["value"]
        count = min(len(values), MAXIMUM_ROWS)
        ws.write_string(3, column, spec["name"], formats["label"])
        headers = ["t", "x", "value"]
        ewma = spec.get("ewma")
        if ewma is not None:
            ws.write_string(4, column, "beta", formats["label"])
            ws.write_number(4, column + 1, ewma.get("beta", 0.9), formats["input"])
            ws.write_string(5, column, "initial", formats["label"])
            ws.write_number(5, column + 1, ewma.get("initial", 0.0), formats["input"])
            beta, initial = absolute(4, column + 1), absolute(5, column + 1)
            dampening = ewma.get("dampening", True)
            headers.append("ewma")
            if ewma.get("debias", False):
                headers.append("debiased")
        for c, title in enumerate(headers):
            ws.write_string(header, column + c, title, formats["header"])
        for i in range(count):
            r = header + 1 + i
            ws.write_number(r, column, i + 1)
            if finite(series["x"][i]):
                ws.write_number(r, column + 1, series["x"][i])
            if not finite(values[i]):
                continue
            ws.write_number(r, column + 2, values[i])
            if ewma is None or not finite(series["ewma"][i]):
                continue
            previous = initial if i == 0 else cell(r - 1, column + 3)
            value = cell(r, column + 2)
            formula = f"{beta}*{previous}+(1-{beta})*{value}" if dampening else f"{beta}*{previous}+{value}"
            ws.write_formula(r, column + 3, formula, None, series["ewma"][i])
            if series["debiased"] is not None and finite(series["debiased"][i]):
                # Divided by the weight the terms add up to (fastai's debias).
                decayed = f"(1-POWER({beta},{cell(r, column)}))"
                weight = decayed if dampening else f"({decayed}/(1-{beta}))"
                ws.write_formula(r, column + 4, f"{cell(r, column + 3)}/{weight}", None, series["debiased"][i])
        if count > 0:
            def ref(c):
                return [name, header + 1, column + c, header + count, column + c]

            lines = [("value", ref(2))]
            if ewma is not None:
                lines.append(("ewma", ref(3)))
            if series["debiased"] is not None:
                lines.append(("debiased", ref(4)))
            insert_chart(workbook, ws, spec["name"], "x", "value", ref(1), lines, header + 1, column + len(headers),
                         DEFAULT_CHART_WIDTH, DEFAULT_CHART_HEIGHT)
        column += len(headers) + 8
    ws.freeze_panes(header + 1, 0)
    print_setup(ws)


def finite(value):
    return value == value and value not in (float("inf"), float("-inf"))


# --- The workbook (StudyWorkbook.swift, WorkbookWriter.swift) ----------------------------------

def write_workbook(path, title, runs, signals, signal_specs, generator="momentum_study.py"):
    """Writes `path`: a sheet per run of `runs` (name -> momentum_study.train's result with its
    "settings"), in order, then a sheet of `signals` (name -> signal_series's result) in the
    order of `signal_specs` when there are any."""
    # In memory: XlsxWriter's default writes each of the file's ~35 parts to a temporary file
    # first, which took ~95 ms more of the ~230 ms here (2026-11-30); the faster choice keeps
    # the baseline a fair one.
    workbook = xlsxwriter.Workbook(path, {"in_memory": True})
    workbook.set_properties({"title": title, "comments": f"Written by {generator}", "created": CREATED})
    formats = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "note": workbook.add_format({"italic": True}),
        "label": workbook.add_format({"bold": True}),
        "header": workbook.add_format({"bold": True, "bottom": 1}),
        "input": workbook.add_format({"bg_color": "#FFF2CC", "border": 1}),
    }
    names = SheetNames()
    for run_name, run in runs.items():
        run_sheet(workbook, formats, names.make(run_name), run_name, run)
    if signal_specs:
        signals_sheet(workbook, formats, names.make("Signals"), signals, signal_specs)
    workbook.close()
