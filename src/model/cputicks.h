/* cputicks.h: the CPU time counters of /proc/stat, shared by the parser,
 * the libproc2 reader and the snapshot. */
#ifndef NSTOP_MODEL_CPUTICKS_H
#define NSTOP_MODEL_CPUTICKS_H

#include <stdint.h>

enum cpu_tick {
        TICK_USER,
        TICK_NICE,
        TICK_SYSTEM,
        TICK_IDLE,
        TICK_IOWAIT,
        TICK_IRQ,
        TICK_SOFTIRQ,
        TICK_STEAL,
        TICK_GUEST,
        TICK_GUEST_NICE,
        TICK_COUNT
};

struct cpu_ticks {
        int32_t id; /* -1 for the all-CPU total */
        uint64_t t[TICK_COUNT];
};

#endif
