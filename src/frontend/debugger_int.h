/* debugger_int.h — what the debugger's two files share: its state (debugger.c keeps the
 * points and runs the machine, debugger_cmds.c carries out the commands). Not for other
 * modules: they use debugger.h. */
#ifndef D16_DEBUGGER_INT_H
#define D16_DEBUGGER_INT_H

#include "frontend/dbgcmd.h"
#include "frontend/debugger.h"
#include "frontend/lineinput.h"
#include "frontend/timeline.h"

#define DEBUGGER_PROMPT "(d16) "
#define ADDR_TEXT (SYMBOLS_NAME_MAX + 24) /* "0x0004 (name+65535)" */

typedef struct debugger_point {
    unsigned id; /* 1, 2, ... in order of creation, never reused */
    bool watch;
    uint16_t addr;
    uint16_t before; /* a watchpoint's word before the current step */
} debugger_point_t;

typedef enum run_mode {
    RUN_CONTINUE,
    RUN_STEP, /* steps_left more steps */
    RUN_NEXT, /* until PC and SP are back where a JSR returns to */
} run_mode_t;

typedef enum cmd_result { CMD_STAY, CMD_RESUME, CMD_QUIT } cmd_result_t;

typedef void (*write_hook_fn)(void *ctx, uint32_t addr);

struct debugger {
    session_t *s;
    machine_t *m;
    FILE *out;
    lineinput_t in;
    bool stopped;
    bool resuming; /* the first step after a stop runs even on a breakpoint */
    run_mode_t mode;
    uint64_t steps_left;
    uint16_t return_pc, return_sp;

    debugger_point_t point[DEBUGGER_MAX_POINTS];
    unsigned points, last_id, watches;
    bool watch_hit; /* a watched word was written in this step (the first one: hit_word) */
    uint16_t hit_word;
    bool own_write; /* the debugger's set is not a watch hit */
    write_hook_fn chained_ram_write, chained_io_write; /* hooks that were there before */
    void *chained_ram_ctx, *chained_io_ctx;

    char repeat[LINEINPUT_MAX + 1]; /* a blank line at the terminal repeats step or next */
    uint8_t breakpoint[0x10000];    /* breakpoints per address */
    uint8_t watched[0x10000];       /* watchpoints per word */
    timeline_t timeline;            /* a snapshot at each stop, for back */
};

/* save, load and back (debugger_time.c). */
cmd_result_t debugger_time_command(debugger_t *d, const dbgcmd_t *cmd);
/* Keeps a snapshot of where the machine stopped, for back. */
void debugger_remember_stop(debugger_t *d);

/* Output: a line; an error line (naming the batch line); "0x0004 (loop)". */
void debugger_say(debugger_t *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void debugger_complain(debugger_t *d, const char *message);
const char *debugger_addr_text(const debugger_t *d, uint16_t addr, char *buf);

/* Stops the run: "stopped: why" (fmt NULL: no why), then the next instruction. */
void debugger_stop(debugger_t *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *debugger_end_text(const debugger_t *d, char *buf, size_t size);
void debugger_report_end(debugger_t *d);

debugger_point_t *debugger_find_point(debugger_t *d, bool watch, uint16_t addr);
/* Returns 0, or -1 with the reason in err. */
int debugger_add_point(debugger_t *d, bool watch, uint16_t addr, char *err, size_t size);
bool debugger_delete_point(debugger_t *d, unsigned id);
void debugger_list_points(debugger_t *d);

/* Carries out one parsed command. */
cmd_result_t debugger_execute(debugger_t *d, const dbgcmd_t *cmd);

#endif
