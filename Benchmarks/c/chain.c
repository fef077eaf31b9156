/* The single-chain baseline of issue 18: online SGD over the workbook's 29 rows, the same
 * arithmetic in the same order as sgdreport's engine (no FMA: build with -ffp-contract=off),
 * the per-epoch sum of squared errors kept. Each step's prediction needs the previous step's
 * update, so the loop runs at the latency of that dependency chain; this measures it on the
 * machine at hand.
 *
 *   cc -O2 -ffp-contract=off -o chain chain.c && ./chain linear|relu STEPS
 * prints {"model":…,"steps":…,"seconds":…,"stepsPerSecond":…,"a":…} (the final weights, so the
 * work cannot be optimised away and can be compared with sgdreport's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const double X[29] = {14, 86, 28, 51, 28, 29, 72, 62, 84, 15, 42, 62, 47, 35, 9, 38, 44, 99, 13, 21, 28, 20, 8, 64, 99, 70, 27, 17, 8};

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "linear") && strcmp(argv[1], "relu"))) {
        fprintf(stderr, "usage: chain linear|relu STEPS\n");
        return 64;
    }
    long steps = atol(argv[2]);
    int relu = strcmp(argv[1], "relu") == 0;
    double y[29];
    for (int i = 0; i < 29; i++) y[i] = 2 * X[i] + 30;
    const double lr = 0.0001;
    double a = 1, b = 1, c = 1, d = 1, sse = 0, lastSSE = 0;
    double start = now();
    long done = 0;
    while (done < steps) {
        sse = 0;
        for (int i = 0; i < 29 && done < steps; i++, done++) {
            double x = X[i];
            if (!relu) {
                double prediction = a * x + b;
                double error = prediction - y[i];
                sse += error * error;
                double gb = 2 * error, ga = gb * x;
                a = a - lr * ga;
                b = b - lr * gb;
            } else {
                double z = a * x + b;
                double h = z > 0 ? z : 0;
                double prediction = c * h + d;
                double error = prediction - y[i];
                sse += error * error;
                double gd = 2 * error, gc = gd * h;
                double gz = z > 0 ? gd * c : 0;
                double gb = gz, ga = gz * x;
                a = a - lr * ga;
                b = b - lr * gb;
                c = c - lr * gc;
                d = d - lr * gd;
            }
        }
        lastSSE = sse;
    }
    double seconds = now() - start;
    printf("{\"model\":\"%s\",\"steps\":%ld,\"seconds\":%.6f,\"stepsPerSecond\":%.1f,\"a\":%.17g,\"sse\":%.17g}\n",
           argv[1], done, seconds, done / seconds, a, lastSSE);
    return 0;
}
