/* createplan.h: what create.c and createspawn.c share; internal to
 * src/action. */
#ifndef NSTOP_ACTION_CREATEPLAN_H
#define NSTOP_ACTION_CREATEPLAN_H

/* Why user namespaces cannot be made here (a sysctl says no), or NULL;
 * *ret_err gets the errno the kernel gives then (ENOSPC or EPERM). */
const char *create_userns_refusal(int *ret_err);

/* Sets *cause for clone3 refusing to create the namespaces of mask with
 * err, with the likely reason; returns -err. */
int create_refused(unsigned mask, int err, char **cause);

#endif
