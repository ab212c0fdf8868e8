/* keyboard.c — typed-key FIFO, held-key state and a queue of scripted events. */
#include "devices/keyboard.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "machine/snapbuf.h"

int keyboard_init(void *dev, const device_host_t *host, const device_options_t *opts)
{
    keyboard_dev_t *kb = dev;
    bool modifiers = opts && device_arg_flag(opts->args, "modifiers");
    *kb = (keyboard_dev_t){.host = host, .kbd_modifiers = modifiers};
    uint32_t ring = 0;
    int found = device_arg_uint(opts ? opts->args : NULL, "ring", 0xffff, &ring);
    if (found < 0) {
        if (host->log)
            host->log(host->ctx, "keyboard: ring=ADDR needs a word address");
        return -1;
    }
    kb->ring = found > 0;
    kb->ring_addr = (uint16_t)ring;
    return 0;
}

void keyboard_free(void *dev)
{
    keyboard_dev_t *kb = dev;
    free(kb->script);
    kb->script = NULL;
    kb->script_len = kb->script_cap = kb->script_pos = 0;
}

static void keyboard_clear(keyboard_dev_t *kb)
{
    kb->head = kb->count = 0;
}

/* Drops the live events from the script: they belong to the run before a reset. */
static void keyboard_forget_live(keyboard_dev_t *kb)
{
    size_t kept = 0;
    for (size_t i = 0; i < kb->script_len; i++)
        if (!kb->script[i].live)
            kb->script[kept++] = kb->script[i];
    kb->script_len = kept;
}

/* Power-on state; the script stays and plays again from cycle 0. */
static void keyboard_reset(void *dev)
{
    keyboard_dev_t *kb = dev;
    keyboard_forget_live(kb);
    keyboard_clear(kb);
    for (unsigned i = 0; i < KEYBOARD_CODES; i++)
        kb->held[i] = false;
    kb->intmsg = kb->query = 0;
    kb->script_pos = 0;
    kb->ring_next = 0;
}

static void keyboard_raise(keyboard_dev_t *kb)
{
    if (kb->intmsg && kb->host->interrupt)
        kb->host->interrupt(kb->host->ctx, kb->intmsg);
}

static bool keyboard_is_modifier(uint16_t code)
{
    return code == KEYBOARD_SHIFT || code == KEYBOARD_CONTROL;
}

/* Adds a typed code at the tail; false when it cannot go in (full, 0, or a modifier
 * without kbd_modifiers). */
static bool keyboard_push_key(keyboard_dev_t *kb, uint16_t code)
{
    if (code == 0 || kb->count == KEYBOARD_BUFFER)
        return false;
    if (keyboard_is_modifier(code) && !kb->kbd_modifiers)
        return false;
    kb->buffer[(kb->head + kb->count) % KEYBOARD_BUFFER] = code;
    kb->count++;
    return true;
}

static uint16_t keyboard_pop_key(keyboard_dev_t *kb)
{
    if (kb->count == 0)
        return 0;
    uint16_t code = kb->buffer[kb->head];
    kb->head = (kb->head + 1) % KEYBOARD_BUFFER;
    kb->count--;
    return code;
}

static bool keyboard_is_held(const keyboard_dev_t *kb, uint16_t code)
{
    return code < KEYBOARD_CODES && kb->held[code];
}

static void keyboard_set_held(keyboard_dev_t *kb, uint16_t code, bool held)
{
    if (code < KEYBOARD_CODES)
        kb->held[code] = held;
}

/* The 1.1-era ring: every key that is a code for the buffer also takes the next ring word,
 * written through the bus like a CPU write, unless the program has not emptied it yet. */
static void keyboard_ring_put(keyboard_dev_t *kb, uint16_t code)
{
    if (code == 0 || (keyboard_is_modifier(code) && !kb->kbd_modifiers))
        return;
    uint16_t at = (uint16_t)(kb->ring_addr + kb->ring_next);
    kb->ring_next = (kb->ring_next + 1) % KEYBOARD_RING_WORDS;
    if (bus_peek_word(kb->host->bus, at) == 0)
        bus_write_word(kb->host->bus, at, code);
}

static void keyboard_hold(keyboard_dev_t *kb, uint16_t code, bool held)
{
    keyboard_set_held(kb, code, held);
    keyboard_raise(kb);
}

static void keyboard_typed(keyboard_dev_t *kb, uint16_t code)
{
    keyboard_push_key(kb, code);
    if (kb->ring)
        keyboard_ring_put(kb, code);
    keyboard_raise(kb);
}

void keyboard_set_recorder(keyboard_dev_t *kb, keyboard_recorder_t *fn, void *ctx)
{
    kb->recorder = fn;
    kb->recorder_ctx = ctx;
}

/* Recording: the live event goes into the script for the next boundary. True when it did
 * (the caller then does nothing now). */
static bool keyboard_defer(keyboard_dev_t *kb, keyboard_action_t action, uint16_t code,
                           uint64_t now)
{
    if (!kb->recorder)
        return false;
    if (keyboard_insert(kb, now + 1, action, code, true) == 0)
        kb->recorder(kb->recorder_ctx, now + 1, action, code);
    return true;
}

void keyboard_key_down(keyboard_dev_t *kb, uint16_t code, uint64_t now)
{
    if (!keyboard_defer(kb, KEYBOARD_ACTION_DOWN, code, now))
        keyboard_hold(kb, code, true);
}

void keyboard_key_up(keyboard_dev_t *kb, uint16_t code, uint64_t now)
{
    if (keyboard_defer(kb, KEYBOARD_ACTION_UP, code, now))
        return;
    keyboard_set_held(kb, code, false);
    keyboard_raise(kb);
}


/* A typed key is an event even when the buffer has no room for it. */
void keyboard_type(keyboard_dev_t *kb, uint16_t code, uint64_t now)
{
    if (!keyboard_defer(kb, KEYBOARD_ACTION_TYPE, code, now))
        keyboard_typed(kb, code);
}


static void keyboard_play(keyboard_dev_t *kb, const keyboard_event_t *e)
{
    switch (e->action) {
    case KEYBOARD_ACTION_DOWN: keyboard_hold(kb, e->code, true); break;
    case KEYBOARD_ACTION_UP: keyboard_hold(kb, e->code, false); break;
    case KEYBOARD_ACTION_TYPE: keyboard_typed(kb, e->code); break;
    case KEYBOARD_ACTION_KEY:
        keyboard_hold(kb, e->code, true);
        keyboard_typed(kb, e->code);
        keyboard_hold(kb, e->code, false);
        break;
    case KEYBOARD_ACTION_LIVE_ON: kb->live = true; break;
    case KEYBOARD_ACTION_LIVE_OFF: kb->live = false; break;
    }
}

int keyboard_schedule(keyboard_dev_t *kb, uint64_t cycle, keyboard_action_t action,
                      uint16_t code)
{
    if (action > KEYBOARD_ACTION_LIVE_OFF)
        return -1;
    if (kb->script_len && cycle < kb->script[kb->script_len - 1].cycle)
        return -1;
    if (kb->script_len == kb->script_cap) {
        size_t cap = kb->script_cap ? kb->script_cap * 2 : 64;
        keyboard_event_t *grown = realloc(kb->script, cap * sizeof *grown);
        if (!grown)
            return -1;
        kb->script = grown;
        kb->script_cap = cap;
    }
    kb->script[kb->script_len++] = (keyboard_event_t){cycle, action, code, false};
    if (kb->host->reschedule)
        kb->host->reschedule(kb->host->ctx);
    return 0;
}

static int keyboard_grow(keyboard_dev_t *kb, size_t need)
{
    if (need <= kb->script_cap)
        return 0;
    size_t cap = kb->script_cap ? kb->script_cap : 64;
    while (cap < need)
        cap *= 2;
    keyboard_event_t *grown = realloc(kb->script, cap * sizeof *grown);
    if (!grown)
        return -1;
    kb->script = grown;
    kb->script_cap = cap;
    return 0;
}

int keyboard_insert(keyboard_dev_t *kb, uint64_t cycle, keyboard_action_t action,
                    uint16_t code, bool live)
{
    if (action > KEYBOARD_ACTION_LIVE_OFF || keyboard_grow(kb, kb->script_len + 1))
        return -1;
    size_t at = kb->script_len;
    while (at > kb->script_pos && kb->script[at - 1].cycle > cycle)
        at--;
    memmove(&kb->script[at + 1], &kb->script[at], (kb->script_len - at) * sizeof *kb->script);
    kb->script[at] = (keyboard_event_t){cycle, action, code, live};
    kb->script_len++;
    if (kb->host->reschedule)
        kb->host->reschedule(kb->host->ctx);
    return 0;
}

bool keyboard_script_pending(const keyboard_dev_t *kb)
{
    return kb->script_pos < kb->script_len;
}

void keyboard_set_live(keyboard_dev_t *kb, bool live)
{
    keyboard_action_t action = live ? KEYBOARD_ACTION_LIVE_ON : KEYBOARD_ACTION_LIVE_OFF;
    /* Recording, this is an event like a key: the bus's clock is the cycle counter. */
    uint64_t now = kb->host->bus && kb->host->bus->clock ? *kb->host->bus->clock : 0;
    if (!keyboard_defer(kb, action, 0, now))
        kb->live = live;
}

static uint16_t keyboard_status(const keyboard_dev_t *kb)
{
    return kb->count ? 1 : 0;
}

static uint16_t keyboard_mods(const keyboard_dev_t *kb)
{
    return (uint16_t)((kb->held[KEYBOARD_SHIFT] ? KEYBOARD_MOD_SHIFT : 0) |
                      (kb->held[KEYBOARD_CONTROL] ? KEYBOARD_MOD_CONTROL : 0));
}

static uint16_t keyboard_peek(const void *dev, unsigned reg)
{
    const keyboard_dev_t *kb = dev;
    switch (reg) {
    case KEYBOARD_REG_STATUS: return keyboard_status(kb);
    case KEYBOARD_REG_KEY: return kb->count ? kb->buffer[kb->head] : 0;
    case KEYBOARD_REG_INTMSG: return kb->intmsg;
    case KEYBOARD_REG_QUERY: return keyboard_is_held(kb, kb->query);
    case KEYBOARD_REG_MODS: return keyboard_mods(kb);
    default: return 0;
    }
}

static uint16_t keyboard_read(void *dev, unsigned reg, uint64_t now)
{
    keyboard_dev_t *kb = dev;
    (void)now;
    if (reg == KEYBOARD_REG_KEY)
        return keyboard_pop_key(kb);
    return keyboard_peek(dev, reg);
}

static void keyboard_write(void *dev, unsigned reg, uint16_t value, uint64_t now)
{
    keyboard_dev_t *kb = dev;
    (void)now;
    switch (reg) {
    case KEYBOARD_REG_INTMSG: kb->intmsg = value; break;
    case KEYBOARD_REG_QUERY: kb->query = value; break;
    case KEYBOARD_REG_CLEAR: keyboard_clear(kb); break;
    default: break;
    }
}

static unsigned keyboard_hwi(void *dev, uint16_t reg[8], uint64_t now)
{
    keyboard_dev_t *kb = dev;
    (void)now;
    switch (reg[REG_A]) {
    case 0: keyboard_clear(kb); break;
    case 1: reg[REG_C] = keyboard_pop_key(kb); break;
    case 2: reg[REG_C] = keyboard_is_held(kb, reg[REG_B]); break;
    case 3: kb->intmsg = reg[REG_B]; break;
    default: break;
    }
    return 0;
}

static uint64_t keyboard_next_event(const void *dev)
{
    const keyboard_dev_t *kb = dev;
    return keyboard_script_pending(kb) ? kb->script[kb->script_pos].cycle : DEVICE_NEVER;
}

static void keyboard_advance(void *dev, uint64_t now)
{
    keyboard_dev_t *kb = dev;
    while (keyboard_script_pending(kb) && kb->script[kb->script_pos].cycle <= now)
        keyboard_play(kb, &kb->script[kb->script_pos++]);
}

/* Only a key can make the keyboard interrupt: one still scripted, or a live one. */
static bool keyboard_may_interrupt(const void *dev)
{
    const keyboard_dev_t *kb = dev;
    return kb->intmsg != 0 && (keyboard_script_pending(kb) || kb->live);
}

/* ---- snapshots (docs/snapshot.md §4): the buffer, held keys and the script still to come */

static void keyboard_save(const void *dev, snap_writer_t *w)
{
    const keyboard_dev_t *kb = dev;
    snap_put(w, 8, kb->kbd_modifiers);
    snap_put(w, 16, kb->intmsg);
    snap_put(w, 16, kb->query);
    snap_put(w, 16, kb->ring_next);
    snap_put(w, 8, kb->count);
    for (unsigned i = 0; i < kb->count; i++)
        snap_put(w, 16, kb->buffer[(kb->head + i) % KEYBOARD_BUFFER]);
    for (unsigned i = 0; i < KEYBOARD_CODES; i++)
        snap_put(w, 8, kb->held[i]);
    snap_put(w, 32, kb->script_len - kb->script_pos);
    for (size_t i = kb->script_pos; i < kb->script_len; i++) {
        const keyboard_event_t *e = &kb->script[i];
        snap_put(w, 64, e->cycle);
        snap_put(w, 8, e->action);
        snap_put(w, 16, e->code);
        snap_put(w, 8, e->live);
    }
}

/* The events are read into a new array first: a failed load leaves the old script. */
static void keyboard_load(void *dev, snap_reader_t *r)
{
    keyboard_dev_t *kb = dev;
    kb->kbd_modifiers = snap_get_bool(r, "kbd_modifiers");
    kb->intmsg = (uint16_t)snap_get(r, 16, "intmsg");
    kb->query = (uint16_t)snap_get(r, 16, "query");
    kb->ring_next = (uint16_t)snap_get_range(r, 16, 0, 15, "ring_next");
    kb->head = 0;
    kb->count = (unsigned)snap_get_range(r, 8, 0, KEYBOARD_BUFFER, "buffer count");
    for (unsigned i = 0; i < kb->count; i++)
        kb->buffer[i] = (uint16_t)snap_get(r, 16, "buffer");
    for (unsigned i = 0; i < KEYBOARD_CODES; i++)
        kb->held[i] = snap_get_bool(r, "held");
    /* Each event takes 12 bytes: a count the section cannot hold is refused before any
     * memory is asked for. */
    uint64_t n = snap_get(r, 32, "script events");
    if (r->failed)
        return;
    if (n > (r->size - r->pos) / 12) {
        snap_fail(r, "%llu script events do not fit in the section", (unsigned long long)n);
        return;
    }
    keyboard_event_t *ev = n ? malloc(n * sizeof *ev) : NULL;
    if (n && !ev) {
        snap_fail(r, "out of memory for %llu script events", (unsigned long long)n);
        return;
    }
    uint64_t last = 0;
    for (uint64_t i = 0; i < n && !r->failed; i++) {
        ev[i].cycle = snap_get(r, 64, "event cycle");
        ev[i].action = (keyboard_action_t)snap_get_range(r, 8, 0, KEYBOARD_ACTION_LIVE_OFF,
                                                          "event action");
        ev[i].code = (uint16_t)snap_get(r, 16, "event code");
        ev[i].live = snap_get_bool(r, "event live");
        if (!r->failed && ev[i].cycle < last)
            snap_fail(r, "script event %llu goes back in time", (unsigned long long)i);
        last = ev[i].cycle;
    }
    if (r->failed) {
        free(ev);
        return;
    }
    free(kb->script);
    kb->script = ev;
    kb->script_len = kb->script_cap = (size_t)n;
    kb->script_pos = 0;
}

static const device_reg_t keyboard_regs[] = {
    {"STATUS", DEVICE_R, "bit0 a key is waiting in the buffer"},
    {"KEY", DEVICE_R, "next key code from the buffer (removed), 0 when empty"},
    {"INTMSG", DEVICE_RW, "interrupt message for every press, release and typed key, 0 = none"},
    {"QUERY", DEVICE_RW, "W: a key code; R: 1 if that key is held down now, else 0"},
    {"CLEAR", DEVICE_W, "empties the buffer"},
    {"MODS", DEVICE_R, "bit0 Shift held, bit1 Control held"},
};

static const char *const keyboard_hwi_names[] = {"CLEAR", "GET_KEY", "IS_PRESSED",
                                                 "SET_INTMSG"};

const device_class_t keyboard_class = {
    .name = "keyboard",
    .title = "Generic Keyboard-compatible keyboard",
    .symbol = "KBD",
    .id = 0x30cf7406u,
    .version = 1,
    .manufacturer = DEVICE_MFR_NYA,
    DEVICE_REGS(keyboard_regs),
    DEVICE_HWI(keyboard_hwi_names),
    .size = sizeof(keyboard_dev_t),
    .init = keyboard_init,
    .free = keyboard_free,
    .regs = {keyboard_read, keyboard_write, keyboard_peek},
    .hwi = keyboard_hwi,
    .reset = keyboard_reset,
    .next_event = keyboard_next_event,
    .advance = keyboard_advance,
    .may_interrupt = keyboard_may_interrupt,
    .snap_tag = "KEYB",
    .save = keyboard_save,
    .load = keyboard_load,
};
