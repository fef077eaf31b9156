#!/usr/bin/env python3
"""Writes fastai-optimizer-steps.csv: 60 steps of fastai's Adam and RMSProp and PyTorch's Adagrad
on three parameters, transcribed line by line from their sources in float64 Python (PyTorch is not
installed where the tests run). Each in-place tensor operation is spelled as PyTorch's CPU kernel
computes it for one element (aten/src/ATen/native/cpu/PointwiseOpsKernel.cpp, BinaryOpsKernel.cpp):

    a.mul_(b)                   a*b
    a.add_(t, alpha=s)          a + s*t
    a.addcmul_(t1, t2, value=s) a + s*t1*t2   (left to right: (s*t1)*t2)
    a.addcdiv_(t1, t2, value=s) a + s*t1/t2   (left to right: (s*t1)/t2)

fastai/fastai, fastai/optimizer.py: weight_decay, l2_reg, average_grad (dampening=True for Adam),
average_sqr_grad, step_stat, debias, adam_step, rms_prop_step; pytorch/pytorch,
torch/optim/adagrad.py (_single_tensor_adagrad, lr_decay 0, initial_accumulator_value 0).

The gradients are made up (a fixed formula, written to the file with repr so that they read back
exactly); the test feeds them to sgdreport's optimizers and compares every parameter and moment
(m: grad_avg; v: sqr_avg, or Adagrad's state_sum) after every step to the last bit. Run: python3 make-fastai-optimizer-steps.py > fastai-optimizer-steps.csv
"""
import math

STEPS = 60


def gradients(t):
    # Three gradients that change sign and size, so that every moment moves.
    return [round(0.3 * math.sin(0.7 * t) + 0.05, 15),
            round(-2.5 + 0.11 * t, 15),
            round(4.0 / t - 0.9 * math.cos(1.3 * t), 15)]


def debias(mom, damp, step):
    return damp * (1 - mom**step) / (1 - mom)


def adam(decay, lr=0.01, mom=0.9, sqr_mom=0.99, eps=1e-5, wd=0.01):
    p, grad_avg, sqr_avg, rows = [1.0, -2.0, 3.0], [0.0] * 3, [0.0] * 3, []
    for step in range(1, STEPS + 1):
        g = gradients(step)
        for i in range(3):
            gi = g[i]
            if decay == "decoupled":
                p[i] = p[i] * (1 - lr * wd)              # weight_decay: p.data.mul_(1 - lr*wd)
            elif decay == "l2":
                gi = gi + wd * p[i]                      # l2_reg: p.grad.data.add_(p.data, alpha=wd)
            damp = 1 - mom
            grad_avg[i] = grad_avg[i] * mom + damp * gi  # average_grad(dampening=True)
            sqr_damp = 1 - sqr_mom
            sqr_avg[i] = sqr_avg[i] * sqr_mom + sqr_damp * gi * gi  # average_sqr_grad: addcmul_
            debias1 = debias(mom, 1 - mom, step)
            debias2 = debias(sqr_mom, 1 - sqr_mom, step)
            denom = math.sqrt(sqr_avg[i] / debias2) + eps
            p[i] = p[i] + (-lr / debias1) * grad_avg[i] / denom  # addcdiv_(grad_avg, denom, value=-lr/debias1)
        rows.append((g, list(p), list(grad_avg), list(sqr_avg)))
    return rows


def rmsprop(lr=0.01, sqr_mom=0.99, eps=1e-8):
    p, sqr_avg, rows = [1.0, -2.0, 3.0], [0.0] * 3, []
    for step in range(1, STEPS + 1):
        g = gradients(step)
        for i in range(3):
            sqr_avg[i] = sqr_avg[i] * sqr_mom + (1 - sqr_mom) * g[i] * g[i]  # average_sqr_grad
            denom = math.sqrt(sqr_avg[i]) + eps                               # sqr_avg.sqrt().add_(eps)
            p[i] = p[i] + (-lr) * g[i] / denom                                # addcdiv_(g, denom, value=-lr)
        rows.append((g, list(p), [0.0] * 3, list(sqr_avg)))
    return rows


def adagrad(lr=0.1, eps=1e-10):
    p, state_sum, rows = [1.0, -2.0, 3.0], [0.0] * 3, []
    for step in range(1, STEPS + 1):
        g = gradients(step)
        clr = lr / (1 + (step - 1) * 0.0)
        for i in range(3):
            state_sum[i] = state_sum[i] + 1 * g[i] * g[i]  # addcmul_(g, g, value=1)
            std = math.sqrt(state_sum[i]) + eps             # state_sum.sqrt().add_(eps)
            p[i] = p[i] + (-clr) * g[i] / std               # addcdiv_(g, std, value=-clr)
        rows.append((g, list(p), [0.0] * 3, list(state_sum)))
    return rows


print("optimizer,step,g0,g1,g2,p0,p1,p2,m0,m1,m2,v0,v1,v2")
for name, rows in [("adam", adam("none")), ("adam-decoupled", adam("decoupled")), ("adam-l2", adam("l2")),
                   ("rmsprop", rmsprop()), ("adagrad", adagrad())]:
    for step, (g, p, m, v) in enumerate(rows, 1):
        print(",".join([name, str(step)] + [repr(x) for x in g + p + m + v]))
