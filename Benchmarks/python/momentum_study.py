"""Workload 1's baseline: `sgdreport build studies/momentum.json` written as the plain
Python + matplotlib script a learner would otherwise write.

    python momentum_study.py STUDY.json --output DIR

It reads the study file for its text, runs, signals and charts (json.load; the study's
settings are taken as given, nothing is validated) and does the same work as sgdreport:

* trains the runs — single-neuron chains such as y = c·relu(a·x + b) + d, online, one epoch
  on the workbook's 29 rows, every weight 1, forward-difference derivatives
  (loss(p + ε) − loss(p)) / ε, SGD or dampened momentum — keeping every step;
* computes the signals (a function of x, given values, or a run's column) and their EWMA;
* writes DIR/<study>/data/<run>.steps.csv, <run>.epochs.csv, <signal>.csv, results.json and
  study.json, with numbers in Python's shortest round-trip form;
* writes DIR/<study>/<study>.xlsx with XlsxWriter (momentum_workbook.py): a sheet per run whose
  cells are formulas over its settings cells, with their values stored, a sheet of the signals
  with their EWMA as formulas, and their native line charts, as sgdreport's workbook has them;
* draws every chart with matplotlib as PNG (Agg, 7.2 x 4.5 in at dpi 200: 1440x900, the 2x of
  sgdreport's 720x450 CSS px) and SVG (its SVG backend), default settings otherwise;
* writes the study's HTML page (the description as HTML, a table of the runs, the charts
  with their captions, links to the data) and DIR/index.html.

Benchmarks/bench.py checks that the CSVs it writes are byte-identical to sgdreport's, and that
the workbook has the same cells and charts (Benchmarks/workbook_check.py).
"""
import html
import json
import math
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from momentum_workbook import write_workbook  # noqa: E402

GRADDESC_X = [14, 86, 28, 51, 28, 29, 72, 62, 84, 15, 42, 62, 47, 35, 9, 38, 44, 99, 13, 21, 28, 20, 8, 64, 99, 70,
              27, 17, 8]
FUNCTIONS = {"sin": math.sin, "cos": math.cos, "exp": math.exp, "tanh": math.tanh}
COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]


def slug(name):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-")


def number(value):
    """Shortest round-trip form; whole numbers without '.0'; nan, inf, -inf."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(number(v) for v in row) + "\n")


def merged(defaults, run):
    """A run's settings over the study's defaults; the optimizer field by field."""
    settings = dict(defaults)
    settings.update(run)
    optimizer = dict(defaults.get("optimizer", {}))
    optimizer.update(run.get("optimizer", {}))
    settings["optimizer"] = optimizer
    return settings


# --- Training ---------------------------------------------------------------------------------

def train(settings, xs, ys):
    """One run: a chain of single neurons, online, forward differences; every step kept."""
    layers = settings["model"]["layers"] if isinstance(settings["model"], dict) else [{"units": 1}]
    activations = [layer.get("activation", "none") for layer in layers]
    names = "abcdefghijklmnopqrstuvwxyz"[: 2 * len(layers)]
    count = len(names)
    p = [float(settings.get("init", 1))] * count
    method = settings.get("derivatives", {}).get("method", "analytic")
    assert method == "forward", "this script implements the spreadsheets' forward differences"
    eps = settings["derivatives"].get("epsilon", 0.01)
    opt = settings["optimizer"]
    lr = opt["lr"]
    momentum = opt["type"] == "momentum"
    beta = opt.get("beta", 0.9)
    gain = 1 - beta if opt.get("dampening", False) else 1.0
    avg = [0.0] * count

    def predict(x):
        v = x
        for layer, activation in enumerate(activations):
            s = p[2 * layer] * v + p[2 * layer + 1]
            v = (s if s > 0 else 0.0) if activation == "relu" else s
        return v

    steps, epochs = [], []
    step = 0
    diverged = None
    for epoch in range(1, settings.get("epochs", 1) + 1):
        sse = 0.0
        for row, (x, y) in enumerate(zip(xs, ys), 1):
            used = list(p)
            prediction = predict(x)
            error = prediction - y
            loss = error * error
            sse += loss
            grad = [0.0] * count
            for k in range(count):
                kept = p[k]
                p[k] = kept + eps
                e = predict(x) - y
                grad[k] = (e * e - loss) / eps
                p[k] = kept
            if momentum:
                for k in range(count):
                    avg[k] = beta * avg[k] + gain * grad[k]
                    p[k] = p[k] - lr * avg[k]
            else:
                for k in range(count):
                    p[k] = p[k] - lr * grad[k]
            step += 1
            steps.append([step, epoch, row, x, y, prediction, loss] + used + grad + (list(avg) if momentum else []))
            if not all(math.isfinite(v) for v in [loss] + p + grad):
                diverged = step
                break
        n = len(xs)
        epochs.append([epoch, sse, sse / n, math.sqrt(sse / n), math.sqrt(sse)] + list(p))
        if diverged:
            break
    header = ["step", "epoch", "row", "x", "y", "prediction", "loss"] + list(names) + ["grad_" + n for n in names]
    if momentum:
        header += ["avg_" + n for n in names]
    return {"names": list(names), "header": header, "steps": steps, "epochs": epochs, "weights": list(p),
            "diverged": diverged, "formula": formula(activations), "activations": activations,
            "initial": [float(settings.get("init", 1))] * count, "epsilon": eps, "rows": len(xs)}


def formula(activations):
    if len(activations) == 2:
        inner = "relu(a·x + b)" if activations[0] == "relu" else "(a·x + b)"
        return f"y = c·{inner} + d"
    return "y = a·x + b"


def ewma(values, spec):
    beta, mom = spec.get("beta", 0.9), spec.get("initial", 0.0)
    gain = 1 - beta
    dampening = spec.get("dampening", True)
    average, debiased = [], []
    for t, v in enumerate(values, 1):
        mom = beta * mom + gain * v if dampening else beta * mom + v
        average.append(mom)
        # Divided by the weight the terms add up to (fastai's debias): 1 − βᵗ dampened,
        # (1 − βᵗ)/(1 − β) undampened.
        decayed = 1 - beta ** t
        debiased.append(mom / (decayed if dampening else decayed / gain))
    return average, (debiased if spec.get("debias", False) else None)


def signal_series(signal, runs):
    if "f" in signal:
        grid = signal["x"]
        n = int((grid["to"] - grid["from"]) / grid["step"] + 1e-9) + 1
        x = [grid["from"] + i * grid["step"] for i in range(n)]
        values = [FUNCTIONS[signal["f"]](v) for v in x]
    elif "values" in signal:
        values = [float(v) for v in signal["values"]]
        x = [float(i) for i in range(1, len(values) + 1)]
    else:
        run = runs[signal["from"]["run"]]
        column = run["header"].index(signal["from"]["column"])
        x = [float(r[0]) for r in run["steps"]]
        values = [r[column] for r in run["steps"]]
    average, debiased = ewma(values, signal.get("ewma", {}))
    return {"x": x, "value": values, "ewma": average, "debiased": debiased}


# --- Charts -----------------------------------------------------------------------------------

def axis_label(column):
    return f"∂E/∂{column[5:]}" if column.startswith("grad_") else column


def draw(chart, runs, signals, study, folder):
    fig, ax = plt.subplots(figsize=(7.2, 4.5), dpi=100)
    if "signal" in chart:
        series = signals[chart["signal"]]
        spec = next(s for s in study["signals"] if s["name"] == chart["signal"])
        beta = spec.get("ewma", {}).get("beta", 0.9)
        ax.plot(series["x"], series["value"], color=COLORS[0], label=chart["signal"])
        ax.plot(series["x"], series["ewma"], color=COLORS[1], linestyle="--", label=f"EWMA (β = {beta})")
        if series["debiased"] is not None:
            ax.plot(series["x"], series["debiased"], color=COLORS[2], linestyle=":", label="debiased EWMA")
        ax.set_xlabel("x" if "f" in spec else "step")
    else:
        column = chart["y"]
        for i, name in enumerate(chart.get("runs", list(runs))):
            run = runs[name]
            c = run["header"].index(column)
            xs = [r[0] for r in run["steps"]]
            ys = [r[c] for r in run["steps"]]
            ax.plot(xs, ys, color=COLORS[i % len(COLORS)], marker="o" if len(xs) <= 60 else None, markersize=4,
                    label=name)
        ax.set_xlabel("step")
        ax.set_ylabel(axis_label(column))
        if chart.get("yScale") == "symlog":
            ax.set_yscale("symlog", linthresh=1)
        elif chart.get("yScale") == "log":
            ax.set_yscale("log")
    ax.set_title(chart["title"], fontweight="bold")
    ax.grid(True, color="#e1e3e7")
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.legend()
    name = slug(chart["title"])
    fig.savefig(os.path.join(folder, name + ".png"), dpi=200)
    fig.savefig(os.path.join(folder, name + ".svg"))
    plt.close(fig)
    return name


# --- The page ---------------------------------------------------------------------------------

def markdown(text):
    """Paragraphs, **bold**, *italic* and `code`: what the bundled studies use."""
    out = []
    for paragraph in text.split("\n\n"):
        s = html.escape(paragraph.strip(), quote=False)
        s = re.sub(r"`([^`]+)`", r"<code>\1</code>", s)
        s = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", s)
        s = re.sub(r"\*([^*]+)\*", r"<em>\1</em>", s)
        out.append(f"<p>{s}</p>")
    return "\n".join(out)


STYLE = """body{margin:0;background:#f7f7f5;color:#1c1e21;font:16px/1.6 system-ui,"DejaVu Sans",sans-serif}
.page{max-width:76rem;margin:0 auto;padding:1.5rem 2rem 3rem}h2{border-top:1px solid #e1e3e7;padding-top:1rem}
table{border-collapse:collapse}td,th{padding:.3rem .6rem;border-bottom:1px solid #e1e3e7;text-align:left}
figure{margin:2rem 0}img{max-width:100%;height:auto}figcaption{color:#5b6270}code{background:#eef0f3}"""


def page(study, slug_name, runs, charts, signals):
    e = html.escape
    rows = []
    for name, run in runs.items():
        s = run["settings"]
        last = run["epochs"][-1]
        weights = ", ".join(f"{n} = {w:.4g}" for n, w in zip(run["names"], run["weights"]))
        opt = s["optimizer"]
        optimizer = "SGD" if opt["type"] == "sgd" else f"momentum β={opt.get('beta', 0.9)}" + (
            ", dampened" if opt.get("dampening") else "")
        rows.append(f"<tr><td>{e(name)}</td><td>{e(run['formula'])}</td><td>{e(optimizer)}</td><td>{opt['lr']}</td>"
                    f"<td>forward ε={s['derivatives'].get('epsilon', 0.01)}</td><td>{s.get('epochs', 1)}</td>"
                    f"<td>{last[4]:.4g}</td><td>{last[2]:.4g}</td><td>{e(weights)}</td></tr>")
    figures = []
    for chart, name in charts:
        caption = f"<figcaption>{markdown(chart['caption'])}</figcaption>" if "caption" in chart else ""
        figures.append(f"<figure><h3>{e(chart['title'])}</h3><img src=\"charts/{name}.png\" width=\"720\" "
                       f"height=\"450\" alt=\"{e(chart['title'])}\">{caption}<p><a href=\"charts/{name}.png\">PNG</a> "
                       f"<a href=\"charts/{name}.svg\">SVG</a></p></figure>")
    data = [f"<li><a href=\"data/{slug(n)}.steps.csv\">{e(n)} steps.csv</a> · "
            f"<a href=\"data/{slug(n)}.epochs.csv\">epochs.csv</a></li>" for n in runs]
    data += [f"<li><a href=\"data/{slug(n)}.csv\">{e(n)}</a></li>" for n in signals]
    steps = sum(len(r["steps"]) for r in runs.values())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(study['title'])}</title><style>{STYLE}</style></head>
<body><div class="page"><p><a href="../index.html">All studies</a></p>
<h1>{e(study['title'])}</h1><p>{len(runs)} runs · {len(charts)} charts · {steps} updates</p>
{markdown(study.get('description', ''))}
<h2>Runs</h2><table><tr><th>Run</th><th>Model</th><th>Optimizer</th><th>Learning rate</th><th>Derivatives</th>
<th>Epochs</th><th>√SSE</th><th>MSE</th><th>Weights</th></tr>
{chr(10).join(rows)}</table>
<h2>Charts</h2>
{chr(10).join(figures)}
<h2>Data</h2><ul>{''.join(data)}<li><a href="study.json">study.json</a></li><li><a href="results.json">results.json</a></li></ul>
</div></body></html>
"""


def main():
    if len(sys.argv) != 4 or sys.argv[2] != "--output":
        sys.exit("usage: momentum_study.py STUDY.json --output DIR")
    path, output = sys.argv[1], sys.argv[3]
    with open(path) as f:
        study = json.load(f)
    name = os.path.splitext(os.path.basename(path))[0]
    folder = os.path.join(output, name)
    for sub in ("data", "charts"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)

    assert study.get("data") == "graddesc"
    xs = [float(x) for x in GRADDESC_X]
    ys = [2 * x + 30 for x in xs]
    defaults = study.get("defaults", {})
    runs = {}
    for spec in study["runs"]:
        settings = merged(defaults, spec)
        run = train(settings, xs, ys)
        run["settings"] = settings
        runs[spec["name"]] = run
        write_csv(os.path.join(folder, "data", slug(spec["name"]) + ".steps.csv"), run["header"], run["steps"])
        write_csv(os.path.join(folder, "data", slug(spec["name"]) + ".epochs.csv"),
                  ["epoch", "sse", "mse", "rmse", "sqrt_sse"] + run["names"], run["epochs"])

    signals = {}
    for spec in study.get("signals", []):
        series = signal_series(spec, runs)
        signals[spec["name"]] = series
        header = ["t", "x", "value", "ewma"] + (["debiased"] if series["debiased"] is not None else [])
        columns = [range(1, len(series["x"]) + 1), series["x"], series["value"], series["ewma"]]
        if series["debiased"] is not None:
            columns.append(series["debiased"])
        write_csv(os.path.join(folder, "data", slug(spec["name"]) + ".csv"), header, zip(*columns))

    results = {"runs": [{"name": n, "slug": slug(n), "steps": len(r["steps"]), "epochs": len(r["epochs"]),
                         "diverged": r["diverged"],
                         "final": dict(zip(["sse", "mse", "rmse", "sqrt_sse"], r["epochs"][-1][1:5])),
                         "weights": dict(zip(r["names"], r["weights"]))} for n, r in runs.items()]}
    with open(os.path.join(folder, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    built = dict(study)
    built["runs"] = [dict(merged(defaults, spec), name=spec["name"]) for spec in study["runs"]]
    with open(os.path.join(folder, "study.json"), "w") as f:
        json.dump(built, f, indent=2, ensure_ascii=False)
    write_workbook(os.path.join(folder, name + ".xlsx"), study.get("title") or name, runs, signals,
                   study.get("signals", []))

    charts = [(chart, draw(chart, runs, signals, study, os.path.join(folder, "charts"))) for chart in study["charts"]]

    with open(os.path.join(folder, "index.html"), "w") as f:
        f.write(page(study, name, runs, charts, signals))
    with open(os.path.join(output, "index.html"), "w") as f:
        f.write(f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Studies</title>"
                f"<style>{STYLE}</style></head><body><div class=\"page\"><h1>Studies</h1><ul><li>"
                f"<a href=\"{name}/index.html\">{html.escape(study['title'])}</a></li></ul></div></body></html>\n")
    print(f"built {folder}/index.html — {len(runs)} runs, {len(signals)} signals, {len(charts)} charts, "
          f"{sum(len(r['steps']) for r in runs.values())} updates")


if __name__ == "__main__":
    main()
