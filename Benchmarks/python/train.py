"""Workload 4's baseline: the training loop a learner would write in a notebook.

    python train.py linear|relu STEPS [--trace]

Online SGD (one row a step, in data order) on the fast.ai workbook's 29 rows, y = 2x + 30,
every weight starting at 1, lr 1e-4, analytic derivatives, the sum of squared errors kept per
epoch. With --trace every step's row (step, epoch, row, x, y, prediction, loss, the weights
used, the derivatives) is appended to a list, as `sgdreport-bench train … --trace` keeps it.
Plain Python: no numpy (a per-row loop gains nothing from it). Prints one JSON line shaped like
sgdreport-bench's, timed around the training alone.
"""
import json
import sys
import time

X = [14, 86, 28, 51, 28, 29, 72, 62, 84, 15, 42, 62, 47, 35, 9, 38, 44, 99, 13, 21, 28, 20, 8, 64, 99, 70, 27, 17, 8]
DATA = [(float(x), 2.0 * x + 30.0) for x in X]
LR = 1e-4


def train_linear(epochs, trace):
    """y = a·x + b."""
    a, b = 1.0, 1.0
    steps, epoch_rows = [], []
    step = 0
    for epoch in range(1, epochs + 1):
        sse = 0.0
        for row, (x, y) in enumerate(DATA, 1):
            prediction = a * x + b
            error = prediction - y
            loss = error * error
            sse += loss
            grad_b = 2 * error
            grad_a = grad_b * x
            step += 1
            if trace:
                steps.append((step, epoch, row, x, y, prediction, loss, a, b, grad_a, grad_b))
            a -= LR * grad_a
            b -= LR * grad_b
        epoch_rows.append((epoch, sse, a, b))
    return step, steps, epoch_rows


def train_relu(epochs, trace):
    """y = c·relu(a·x + b) + d."""
    a = b = c = d = 1.0
    steps, epoch_rows = [], []
    step = 0
    for epoch in range(1, epochs + 1):
        sse = 0.0
        for row, (x, y) in enumerate(DATA, 1):
            z = a * x + b
            h = z if z > 0 else 0.0
            prediction = c * h + d
            error = prediction - y
            loss = error * error
            sse += loss
            grad_d = 2 * error
            grad_c = grad_d * h
            dz = grad_d if z > 0 else 0.0  # ReLU's derivative at 0 is 0
            grad_b = dz * c
            grad_a = grad_b * x
            step += 1
            if trace:
                steps.append((step, epoch, row, x, y, prediction, loss, a, b, c, d, grad_a, grad_b, grad_c, grad_d))
            a -= LR * grad_a
            b -= LR * grad_b
            c -= LR * grad_c
            d -= LR * grad_d
        epoch_rows.append((epoch, sse, a, b, c, d))
    return step, steps, epoch_rows


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("linear", "relu"):
        sys.exit("usage: train.py linear|relu STEPS [--trace]")
    model, trace = sys.argv[1], "--trace" in sys.argv[3:]
    epochs = max(1, int(sys.argv[2]) // len(DATA))
    train = train_linear if model == "linear" else train_relu
    start = time.perf_counter()
    done, steps, epoch_rows = train(epochs, trace)
    elapsed = time.perf_counter() - start
    print(json.dumps({"workload": "train", "model": model, "trace": trace, "steps": done, "seconds": elapsed,
                      "stepsPerSecond": done / elapsed, "recordedRows": len(steps), "final": list(epoch_rows[-1])}))


if __name__ == "__main__":
    main()
