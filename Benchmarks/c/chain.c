/* The single-chain baseline of issue 18: online SGD over the workbook's 29 rows, the same
 * arithmetic in the same order as sgdreport's engine (no FMA: build with -ffp-contract=off),
 * the per-epoch sum of squared errors kept. Each step's prediction needs the previous step's
 * update, so the loop runs at the latency of that dependency chain; this measures it on the
 * machine at hand.
 *
 *   cc -O2 -ffp-contract=off -o chain chain.c && ./chain linear|relu STEPS [RUNS]
 * prints {"model":…,"steps":…,"seconds":…,"stepsPerSecond":…,"cpuSeconds":…,"a":…} (the final
 * weights, so the work cannot be optimised away and can be compared with sgdreport's). With
 * RUNS, it trains RUNS runs one after another, run k at lr = 1e-4·(1 − k/(2·RUNS)) (what
 * `sgdreport-bench sweep` trains interleaved), and "a" lists each run's final a. CPU time
 * (CLOCK_PROCESS_CPUTIME_ID) is reported beside wall-clock time: on a shared machine it is
 * the figure that other processes change least.
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

static double cpu(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* One run of `steps` online steps at rate lr from weights 1; returns the final a. */
static double train(int relu, long steps, double lr, const double *y, double *lastSSE) {
    double a = 1, b = 1, c = 1, d = 1, sse = 0;
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
        *lastSSE = sse;
    }
    return a;
}

static int sweep(const char *model, long steps, int runs) {
    double y[29];
    for (int i = 0; i < 29; i++) y[i] = 2 * X[i] + 30;
    int relu = strcmp(model, "relu") == 0;
    steps = steps / 29 * 29;
    double *a = malloc(sizeof(double) * runs), sse = 0;
    double start = now(), cpuStart = cpu();
    for (int k = 0; k < runs; k++) a[k] = train(relu, steps, 0.0001 * (1 - (double)k / (2.0 * runs)), y, &sse);
    double seconds = now() - start, cpuSeconds = cpu() - cpuStart;
    printf("{\"model\":\"%s\",\"runs\":%d,\"steps\":%ld,\"seconds\":%.6f,\"stepsPerSecond\":%.1f,\"cpuSeconds\":%.6f,\"stepsPerCPUSecond\":%.1f,\"a\":[",
           model, runs, steps * runs, seconds, steps * runs / seconds, cpuSeconds, steps * runs / cpuSeconds);
    for (int k = 0; k < runs; k++) printf("%s%.17g", k ? "," : "", a[k]);
    printf("]}\n");
    free(a);
    return 0;
}

int main(int argc, char **argv) {
    if ((argc != 3 && argc != 4) || (strcmp(argv[1], "linear") && strcmp(argv[1], "relu"))) {
        fprintf(stderr, "usage: chain linear|relu STEPS [RUNS]\n");
        return 64;
    }
    long steps = atol(argv[2]);
    int runs = argc == 4 ? atoi(argv[3]) : 0;
    if (runs > 0) return sweep(argv[1], steps, runs);
    int relu = strcmp(argv[1], "relu") == 0;
    double y[29];
    for (int i = 0; i < 29; i++) y[i] = 2 * X[i] + 30;
    const double lr = 0.0001;
    double a = 1, b = 1, c = 1, d = 1, sse = 0, lastSSE = 0;
    double start = now(), cpuStart = cpu();
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
    double seconds = now() - start, cpuSeconds = cpu() - cpuStart;
    printf("{\"model\":\"%s\",\"steps\":%ld,\"seconds\":%.6f,\"stepsPerSecond\":%.1f,\"cpuSeconds\":%.6f,\"stepsPerCPUSecond\":%.1f,\"a\":%.17g,\"sse\":%.17g}\n",
           argv[1], done, seconds, done / seconds, cpuSeconds, done / cpuSeconds, a, lastSSE);
    return 0;
}
