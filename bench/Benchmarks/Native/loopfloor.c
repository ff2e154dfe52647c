/*
 * The machine's own floor for a periodic loop, without .NET: a thread that does nothing but wake
 * on an absolute grid. Compiled by the benchmark at run time with the system's cc (LoopFloor.cs).
 *
 *   loopfloor <period_us> <ticks> <nice|fifo> <spin_us>
 *
 * The thread is set up as LoopScheduler sets up its own: timer slack 1 ns, and either nice -20
 * with a 0.1 ms EEVDF slice (normal scheduler) or SCHED_FIFO 50. spin_us 0 sleeps to the deadline
 * itself (clock_nanosleep TIMER_ABSTIME, as cyclictest does); spin_us > 0 sleeps until that long
 * before it and spins the rest, as LoopScheduler does. A deadline that has passed by more than a
 * period is skipped, as LoopScheduler does. It stops after <ticks> wake-ups or at SIGTERM, whichever
 * comes first, and then prints the first deadline, the CPU time used and every wake-up, as
 * CLOCK_MONOTONIC nanoseconds (the clock .NET's Stopwatch reads on Linux).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct sched_attr_v1 {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
};

static volatile sig_atomic_t stop_requested;

static void on_terminate(int signal_number)
{
    (void)signal_number;
    stop_requested = 1;
}

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static struct timespec to_timespec(int64_t ns)
{
    struct timespec t = { ns / 1000000000, ns % 1000000000 };
    return t;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s <period_us> <ticks> <nice|fifo> <spin_us>\n", argv[0]);
        return 2;
    }
    int64_t period = (int64_t)(atof(argv[1]) * 1000.0);
    long ticks = atol(argv[2]);
    int fifo = strcmp(argv[3], "fifo") == 0;
    int64_t spin = (int64_t)(atof(argv[4]) * 1000.0);
    if (period <= 0 || ticks <= 0 || (!fifo && strcmp(argv[3], "nice") != 0) || spin < 0) {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }

    int64_t *starts = calloc((size_t)ticks, sizeof *starts);
    if (starts == NULL || mlockall(MCL_CURRENT | MCL_FUTURE) != 0) {
        fprintf(stderr, "cannot allocate or lock memory: %s\n", strerror(errno));
        return 1;
    }
    memset(starts, 0, (size_t)ticks * sizeof *starts);
    prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0);
    if (fifo) {
        struct sched_param p = { .sched_priority = 50 };
        if (sched_setscheduler(0, SCHED_FIFO, &p) != 0) {
            fprintf(stderr, "sched_setscheduler(SCHED_FIFO, 50): %s\n", strerror(errno));
            return 1;
        }
    } else {
        if (setpriority(PRIO_PROCESS, 0, -20) != 0) {
            fprintf(stderr, "setpriority(-20): %s\n", strerror(errno));
            return 1;
        }
        struct sched_attr_v1 a = { .size = sizeof a, .policy = SCHED_OTHER, .nice = -20, .runtime = 100000 };
        /* Older kernels refuse the slice; LoopScheduler carries on without it too. */
        (void)syscall(SYS_sched_setattr, 0, &a, 0);
    }

    /* No SA_RESTART: the signal ends the sleep it arrives in. */
    struct sigaction term;
    memset(&term, 0, sizeof term);
    term.sa_handler = on_terminate;
    sigaction(SIGTERM, &term, NULL);

    int64_t first = now_ns() + period;
    int64_t next = first;
    long recorded = 0;
    for (long i = 0; i < ticks && !stop_requested; i++) {
        if (spin == 0) {
            struct timespec t = to_timespec(next);
            while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR && !stop_requested) {
            }
        } else {
            int64_t remaining = next - now_ns();
            while (remaining > spin && !stop_requested) {
                struct timespec t = to_timespec(remaining - spin);
                clock_nanosleep(CLOCK_MONOTONIC, 0, &t, NULL);
                remaining = next - now_ns();
            }
            while (now_ns() < next && !stop_requested) {
            }
        }
        if (stop_requested) {
            break;
        }
        int64_t start = now_ns();
        starts[i] = start;
        recorded = i + 1;
        next += period;
        if (start >= next + period) {
            next += (start - next) / period * period;
        }
    }

    /* A second SIGTERM must not interrupt the writes below (a write to a full pipe would lose its data). */
    signal(SIGTERM, SIG_IGN);
    struct timespec cpu;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    printf("first %lld\ncpu %lld\n", (long long)first, (long long)cpu.tv_sec * 1000000000LL + cpu.tv_nsec);
    for (long i = 0; i < recorded; i++) {
        printf("%lld\n", (long long)starts[i]);
    }
    return 0;
}
