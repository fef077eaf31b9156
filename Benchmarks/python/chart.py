"""Workloads 2 and 3's matplotlib baseline: one line chart of a seeded random walk.

    python chart.py POINTS png|svg FILE

The same chart as `sgdreport-bench chart POINTS png|svg FILE`: a random walk of POINTS
points (steps uniform in [-1, 1], generated with numpy), drawn as one line with a title, axis
labels and a legend on a 720x450 figure; PNG through Agg at dpi 200 (1440x900, the 2x of
sgdreport's PNG), SVG through matplotlib's SVG backend. matplotlib's default settings otherwise
(including its default path simplification). The whole process is what is timed, import
included, as a learner's script would run; `renderSeconds` is the plotting and saving alone.
"""
import json
import os
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("png", "svg"):
        sys.exit("usage: chart.py POINTS png|svg FILE")
    points, fmt, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = np.random.default_rng(1)
    y = np.cumsum(rng.uniform(-1.0, 1.0, points))
    x = np.arange(points, dtype=np.float64)

    start = time.perf_counter()
    fig, ax = plt.subplots(figsize=(7.2, 4.5), dpi=100)
    ax.plot(x, y, label="random walk")
    ax.set_title(f"{points} points")
    ax.set_xlabel("step")
    ax.set_ylabel("value")
    ax.legend()
    if fmt == "png":
        fig.savefig(path, format="png", dpi=200)
    else:
        fig.savefig(path, format="svg")
    elapsed = time.perf_counter() - start
    print(json.dumps({"workload": "chart", "points": points, "format": fmt, "renderSeconds": elapsed,
                      "bytes": os.path.getsize(path)}))


if __name__ == "__main__":
    main()
