/* plugin_device.c — device_class_t handlers that pass through to a plugin's class. */
#include "machine/plugin_device.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>

#define PLUGIN_MAX_STATE (16u << 20) /* a device needing more is surely broken */

typedef struct plugin_class {
    device_class_t cls; /* first: the machine hands init a device_class_t * */
    const d16_device_class_t *pc;
    device_reg_t reg[D16_SLOT_WORDS];
} plugin_class_t;

typedef struct plugin_dev {
    const d16_device_class_t *pc;
    const device_host_t *host;
    d16_host_t phost; /* what the plugin was given; its ctx is this wrapper */
    alignas(max_align_t) unsigned char state[];
} plugin_dev_t;

/* ---- the host as the plugin sees it */

static void p_interrupt(void *ctx, uint16_t msg)
{
    const device_host_t *h = ((plugin_dev_t *)ctx)->host;
    if (h->interrupt)
        h->interrupt(h->ctx, msg);
}

static void p_reschedule(void *ctx)
{
    const device_host_t *h = ((plugin_dev_t *)ctx)->host;
    if (h->reschedule)
        h->reschedule(h->ctx);
}

static uint16_t p_read_word(void *ctx, uint16_t addr)
{
    return bus_read_word(((plugin_dev_t *)ctx)->host->bus, addr);
}

static void p_write_word(void *ctx, uint16_t addr, uint16_t value)
{
    bus_write_word(((plugin_dev_t *)ctx)->host->bus, addr, value);
}

static uint16_t p_peek_word(void *ctx, uint16_t addr)
{
    return bus_peek_word(((plugin_dev_t *)ctx)->host->bus, addr);
}

static void p_log(void *ctx, const char *line)
{
    const device_host_t *h = ((plugin_dev_t *)ctx)->host;
    if (h->log)
        h->log(h->ctx, line);
}

static uint64_t p_cycles(void *ctx)
{
    const bus_t *bus = ((plugin_dev_t *)ctx)->host->bus;
    return bus->clock ? *bus->clock : 0;
}

/* ---- the device as the machine sees it */

static int w_init(void *dev, const device_host_t *host, const device_options_t *opts)
{
    plugin_dev_t *d = dev;
    d->pc = ((const plugin_class_t *)opts->cls)->pc;
    d->host = host;
    d->phost = (d16_host_t){
        .ctx = d,
        .clock_hz = host->clock_hz,
        .interrupt = p_interrupt,
        .reschedule = p_reschedule,
        .read_word = p_read_word,
        .write_word = p_write_word,
        .peek_word = p_peek_word,
        .log = p_log,
        .cycles = p_cycles,
    };
    if (d->pc->init && d->pc->init(d->state, &d->phost, opts->args ? opts->args : "") != 0)
        return -1;
    return 0;
}

static void w_free(void *dev)
{
    plugin_dev_t *d = dev;
    if (d->pc && d->pc->free)
        d->pc->free(d->state);
}

static uint16_t w_read(void *dev, unsigned reg, uint64_t now)
{
    plugin_dev_t *d = dev;
    return d->pc->read ? d->pc->read(d->state, reg, now) : 0;
}

static void w_write(void *dev, unsigned reg, uint16_t value, uint64_t now)
{
    plugin_dev_t *d = dev;
    if (d->pc->write)
        d->pc->write(d->state, reg, value, now);
}

static uint16_t w_peek(const void *dev, unsigned reg)
{
    const plugin_dev_t *d = dev;
    return d->pc->peek ? d->pc->peek(d->state, reg) : 0;
}

static unsigned w_hwi(void *dev, uint16_t reg[8], uint64_t now)
{
    plugin_dev_t *d = dev;
    return d->pc->hwi ? d->pc->hwi(d->state, reg, now) : 0;
}

static void w_reset(void *dev)
{
    plugin_dev_t *d = dev;
    if (d->pc->reset)
        d->pc->reset(d->state);
}

static uint64_t w_next_event(const void *dev)
{
    const plugin_dev_t *d = dev;
    return d->pc->next_event ? d->pc->next_event(d->state) : DEVICE_NEVER;
}

static void w_advance(void *dev, uint64_t now)
{
    plugin_dev_t *d = dev;
    if (d->pc->advance)
        d->pc->advance(d->state, now);
}

static bool w_may_interrupt(const void *dev)
{
    const plugin_dev_t *d = dev;
    return d->pc->may_interrupt && d->pc->may_interrupt(d->state) != 0;
}

static const char *check_class(const d16_device_class_t *pc, char *why, size_t size)
{
    if (pc->api_version != D16_DEVICE_API_VERSION) {
        snprintf(why, size, "built for device API version %u, this d16 has version %u",
                 (unsigned)pc->api_version, (unsigned)D16_DEVICE_API_VERSION);
        return why;
    }
    if (!pc->name || !*pc->name)
        return "the device class has no name";
    if (pc->reg_count > D16_SLOT_WORDS || (pc->reg_count && !pc->reg))
        return "more than 16 registers, or a register count without a table";
    for (unsigned r = 0; r < pc->reg_count; r++)
        if (!pc->reg[r].name)
            return "a register without a name";
    if (pc->hwi_count && !pc->hwi_name)
        return "an HWI count without names";
    if (pc->size > PLUGIN_MAX_STATE)
        return "its state is larger than 16 MiB";
    return NULL;
}

device_class_t *plugin_class_new(const d16_device_class_t *pc, char *err, size_t err_size)
{
    char why[128];
    const char *problem = pc ? check_class(pc, why, sizeof why) : "no device class";
    if (problem) {
        snprintf(err, err_size, "%s", problem);
        return NULL;
    }
    plugin_class_t *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    p->pc = pc;
    for (unsigned r = 0; r < pc->reg_count; r++)
        p->reg[r] = (device_reg_t){pc->reg[r].name, (device_access_t)(pc->reg[r].access & DEVICE_RW),
                                   pc->reg[r].meaning ? pc->reg[r].meaning : ""};
    p->cls = (device_class_t){
        .name = pc->name,
        .title = pc->title ? pc->title : pc->name,
        .symbol = pc->symbol ? pc->symbol : "",
        .id = pc->id,
        .version = pc->version,
        .manufacturer = pc->manufacturer,
        .reg = p->reg,
        .reg_count = pc->reg_count,
        .hwi_name = pc->hwi_name,
        .hwi_count = pc->hwi_count,
        .size = sizeof(plugin_dev_t) + pc->size,
        .init = w_init,
        .free = w_free,
        .regs = {w_read, w_write, w_peek},
        .hwi = w_hwi,
        .reset = w_reset,
        .next_event = w_next_event,
        .advance = w_advance,
        .may_interrupt = w_may_interrupt,
    };
    return &p->cls;
}

void plugin_class_free(device_class_t *cls)
{
    free(cls); /* the plugin_class_t it is the first member of */
}
