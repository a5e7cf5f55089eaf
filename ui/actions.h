/* actions.h: the keys that change the world (freeze, limits, move,
 * signal, renice, make and remove cgroups) and their dialogs.
 *
 * What an action is about is kept by identity (a process's pid and start
 * time, a cgroup's hierarchy, path and directory), never by row, because
 * refreshes go on while a dialog is open: a process that exits meanwhile
 * is reported, not mistaken for another. The work itself is done by
 * src/action/; this file only picks targets, asks and reports. */
#ifndef NSTOP_UI_ACTIONS_H
#define NSTOP_UI_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action/limits.h"
#include "util/buf.h"

struct tui;

enum dlg_kind { DLG_NONE, DLG_CONFIRM, DLG_SIGNAL, DLG_FORM, DLG_PICKER, DLG_NAME, DLG_ENTER, DLG_CREATE };

/* What a yes in a confirmation goes on to do. */
enum act_step {
        STEP_FREEZE,          /* freeze or thaw dlg.cg (dlg.freeze) */
        STEP_CHILD_FOR_LIMITS, /* move dlg.procs[0] into a new nstop-PID child, then the form */
        STEP_ENABLE,          /* enable the offered controllers in the parent, then the form */
        STEP_APPLY_LIMITS,    /* write the planned limits (after the below-usage warning) */
        STEP_SIGNAL_CGROUP,   /* send dlg.sig to every process in dlg.cg */
        STEP_REMOVE,          /* remove the empty cgroup dlg.cg */
};

struct act_proc {
        int32_t pid;
        uint64_t start;
        int nice;
        char comm[64];
};

struct act_cg {
        char hier[64];
        char path[512];
        uint64_t ino;
        int version;
        char *dir;
};

struct dialog {
        enum dlg_kind kind;
        enum act_step step;
        struct buf text;          /* confirmation: the question */
        int choice;               /* signal menu and picker: the chosen line; form: the focused field */
        struct act_proc *procs;   /* the processes acted on (tagged, or the selected one) */
        size_t nprocs;
        struct act_cg cg;         /* the cgroup acted on */
        bool freeze;              /* STEP_FREEZE: freeze (true) or thaw */
        int sig;
        /* The limits form. */
        struct limit_target lt;
        bool have_lt;
        char old[LIM_COUNT][160], now[LIM_COUNT][160];
        struct limit_plan plan;
        bool have_plan;
        /* The move picker: a hierarchy (ncg_hiers: all at once) and typed text. */
        uint32_t hier;
        char typed[64];
        char picked[512];         /* the chosen path */
        /* New cgroup name. */
        char name[256];
        /* Enter (ui/enter.c): namespace types (bit per enum ns_type), the
         * target's root and cwd, its user, the command line. */
        unsigned ns_mask;
        bool take_root, as_user;
        bool run;                 /* r: output into a panel; e: on the terminal */
        unsigned target_uid;
        char command[256];
        /* Create (ui/create.c); ns_mask and command as above. */
        char hostname[65], root_dir[256], cgroup_dir[512];
        bool map_root, mount_proc, background;
        bool for_create;          /* the picker chooses n's cgroup, it moves nothing */
        int create_item;          /* the form's line to come back to */
};

/* In the table: handles the action keys; false when ch is not one. */
bool tui_action_key(struct tui *t, int ch);
/* While a dialog is open: every key goes here. */
void tui_dialog_key(struct tui *t, int ch);
/* Draws the open dialog over the table. */
void tui_dialog_draw(struct tui *t);
/* Closes the dialog and frees what it holds. */
void tui_dialog_close(struct tui *t);

#endif
