/* fuzz_disasm.c — the disassembler on any words, and the round trip: its text (plain, and
 * with symbols defined by .equ) assembles back to exactly the same words. The input is
 * big-endian words. */
#include "fuzz.h"

#include <string.h>

#include "asm/asm.h"
#include "asm/disasm.h"

static const struct {
    const char *name;
    uint16_t value;
} fuzz_syms[] = {{"sym_lo", 0x0004}, {"sym_mid", 0x0100}, {"sym_io", 0xff00}};

static const char *lookup(void *ctx, uint16_t value, uint16_t *offset)
{
    (void)ctx;
    for (size_t i = 0; i < sizeof fuzz_syms / sizeof fuzz_syms[0]; i++)
        if (value >= fuzz_syms[i].value && value - fuzz_syms[i].value < 8) {
            *offset = (uint16_t)(value - fuzz_syms[i].value);
            return fuzz_syms[i].name;
        }
    return NULL;
}

static void round_trip(const uint16_t *words, size_t n, bool with_symbols)
{
    size_t cap = n * (DISASM_TEXT_MAX + 1) + 256;
    char *text = malloc(cap);
    FUZZ_CHECK(text != NULL);
    size_t len = 0;
    if (with_symbols)
        for (size_t i = 0; i < sizeof fuzz_syms / sizeof fuzz_syms[0]; i++)
            len += (size_t)snprintf(text + len, cap - len, ".equ %s, 0x%04x\n",
                                    fuzz_syms[i].name, fuzz_syms[i].value);
    for (size_t at = 0; at < n;) {
        uint16_t w3[3];
        for (unsigned k = 0; k < 3; k++)
            w3[k] = at + k < n ? words[at + k] : 0;
        char line[DISASM_TEXT_MAX];
        unsigned used = with_symbols ? disasm_format_sym(w3, line, sizeof line, lookup, NULL)
                                     : disasm_format(w3, line, sizeof line);
        FUZZ_CHECK(used >= 1 && used <= 3 && strlen(line) < sizeof line - 1);
        if (at + used > n) { /* cut short at the end */
            snprintf(line, sizeof line, "DAT 0x%04x", words[at]);
            used = 1;
        }
        len += (size_t)snprintf(text + len, cap - len, "%s\n", line);
        at += used;
    }
    asm_options_t opts = {0};
    asm_output_t out;
    int rc = asm_assemble_string("roundtrip.dasm", text, len, &opts, &out);
    if (rc != 0 || out.count != n || memcmp(out.words, words, n * sizeof *words) != 0)
        fprintf(stderr, "round trip (%s) changed the words of:\n%s", with_symbols ? "symbols" : "plain",
                text);
    FUZZ_CHECK(rc == 0);
    FUZZ_CHECK(out.count == n);
    FUZZ_CHECK(memcmp(out.words, words, n * sizeof *words) == 0);
    asm_output_free(&out);
    free(text);
}

D16_FUZZ_TARGET(disasm)
{
    size_t n = size / 2;
    if (n == 0 || n > 4096)
        return 0;
    uint16_t *words = malloc(n * sizeof *words);
    FUZZ_CHECK(words != NULL);
    for (size_t i = 0; i < n; i++)
        words[i] = (uint16_t)(data[2 * i] << 8 | data[2 * i + 1]);
    round_trip(words, n, false);
    round_trip(words, n, true);
    free(words);
    return 0;
}
