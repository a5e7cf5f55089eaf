/* sysnum.h: syscall numbers that old headers may lack. They are the same
 * on every architecture but alpha (the unified syscall table, since 5.1). */
#ifndef NSTOP_ACTION_SYSNUM_H
#define NSTOP_ACTION_SYSNUM_H

#include <sys/syscall.h>

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

#endif
