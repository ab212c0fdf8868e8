/* test_window_keys.c — host keys to Generic Keyboard events: which keys the guest gets,
 * what a press, an auto-repeat, a release and text input put in the buffer and the held
 * state, and the interrupts they raise. No SDL initialisation: only its event structs. */
#include "frontend/window_keys.h"

#include <check.h>

#include "check_main.h"
#include "fake_host.h"

static const struct {
    SDL_Keycode sym;
    int code;
} codes[] = {
    {SDLK_BACKSPACE, KEYBOARD_BACKSPACE}, {SDLK_RETURN, KEYBOARD_RETURN},
    {SDLK_KP_ENTER, KEYBOARD_RETURN},     {SDLK_INSERT, KEYBOARD_INSERT},
    {SDLK_DELETE, KEYBOARD_DELETE},       {SDLK_UP, KEYBOARD_ARROW_UP},
    {SDLK_DOWN, KEYBOARD_ARROW_DOWN},     {SDLK_LEFT, KEYBOARD_ARROW_LEFT},
    {SDLK_RIGHT, KEYBOARD_ARROW_RIGHT},   {SDLK_LSHIFT, KEYBOARD_SHIFT},
    {SDLK_RSHIFT, KEYBOARD_SHIFT},        {SDLK_LCTRL, KEYBOARD_CONTROL},
    {SDLK_RCTRL, KEYBOARD_CONTROL},       {SDLK_a, 'a'},
    {SDLK_SPACE, ' '},                    {SDLK_1, '1'},
    {SDLK_BACKQUOTE, '`'},                {SDLK_F1, -1},
    {SDLK_F12, -1},                       {SDLK_TAB, -1},
    {SDLK_ESCAPE, -1},                    {SDLK_LALT, -1},
    {SDLK_KP_1, -1},                      {SDLK_UNKNOWN, -1},
    {0xe9 /* é on a French layout */, -1},
};

START_TEST(test_code)
{
    ck_assert_int_eq(window_keys_code(codes[_i].sym), codes[_i].code);
}
END_TEST

typedef struct kb_fixture {
    fake_host_t *h;
    keyboard_dev_t kb;
} kb_fixture_t;

static void kb_open(kb_fixture_t *f, bool kbd_modifiers)
{
    f->h = fake_host_new(100000);
    keyboard_init(&f->kb, &f->h->host, &(device_options_t){.args = kbd_modifiers ? "modifiers" : ""});
    keyboard_class.regs.write(&f->kb, KEYBOARD_REG_INTMSG, 7, 0);
}

static void kb_close(kb_fixture_t *f)
{
    keyboard_free(&f->kb);
    fake_host_free(f->h);
}

static void key(kb_fixture_t *f, Uint32 type, SDL_Keycode sym, bool repeat)
{
    SDL_KeyboardEvent e = {.type = type, .repeat = repeat, .keysym = {.sym = sym}};
    if (type == SDL_KEYDOWN)
        window_keys_down(&f->kb, &e, 0);
    else
        window_keys_up(&f->kb, &e, 0);
}

static uint16_t next_key(kb_fixture_t *f)
{
    return keyboard_class.regs.read(&f->kb, KEYBOARD_REG_KEY, 0);
}

static bool held(kb_fixture_t *f, uint16_t code)
{
    keyboard_class.regs.write(&f->kb, KEYBOARD_REG_QUERY, code, 0);
    return keyboard_class.regs.read(&f->kb, KEYBOARD_REG_QUERY, 0) == 1;
}

START_TEST(test_special_key_types_itself)
{
    kb_fixture_t f;
    kb_open(&f, false);
    key(&f, SDL_KEYDOWN, SDLK_BACKSPACE, false);
    ck_assert(held(&f, KEYBOARD_BACKSPACE));
    key(&f, SDL_KEYDOWN, SDLK_BACKSPACE, true); /* auto-repeat: typed again, no new down */
    key(&f, SDL_KEYUP, SDLK_BACKSPACE, false);
    ck_assert(!held(&f, KEYBOARD_BACKSPACE));
    ck_assert_uint_eq(next_key(&f), KEYBOARD_BACKSPACE);
    ck_assert_uint_eq(next_key(&f), KEYBOARD_BACKSPACE);
    ck_assert_uint_eq(next_key(&f), 0);
    ck_assert_uint_eq(f.h->irqs, 4); /* down, type, type, up */
    kb_close(&f);
}
END_TEST

START_TEST(test_printable_key_types_through_text)
{
    kb_fixture_t f;
    kb_open(&f, false);
    key(&f, SDL_KEYDOWN, SDLK_LSHIFT, false);
    key(&f, SDL_KEYDOWN, SDLK_a, false);
    ck_assert(held(&f, 'a'));
    ck_assert_uint_eq(keyboard_class.regs.read(&f.kb, KEYBOARD_REG_MODS, 0), KEYBOARD_MOD_SHIFT);
    ck_assert_uint_eq(next_key(&f), 0); /* the key event alone types nothing */
    window_keys_text(&f.kb, "A", 0);
    key(&f, SDL_KEYUP, SDLK_a, false);
    key(&f, SDL_KEYUP, SDLK_LSHIFT, false);
    ck_assert(!held(&f, 'a') && !held(&f, KEYBOARD_SHIFT));
    ck_assert_uint_eq(next_key(&f), 'A');
    ck_assert_uint_eq(next_key(&f), 0); /* Shift stays out of the buffer */
    /* Shift down, type (dropped, still an event); a down, type; a up; Shift up. */
    ck_assert_uint_eq(f.h->irqs, 6);
    kb_close(&f);
}
END_TEST

START_TEST(test_modifier_with_kbd_modifiers)
{
    kb_fixture_t f;
    kb_open(&f, true);
    key(&f, SDL_KEYDOWN, SDLK_RCTRL, false);
    key(&f, SDL_KEYDOWN, SDLK_RCTRL, true); /* a held modifier repeats nothing */
    ck_assert_uint_eq(keyboard_class.regs.read(&f.kb, KEYBOARD_REG_MODS, 0),
                      KEYBOARD_MOD_CONTROL);
    key(&f, SDL_KEYUP, SDLK_RCTRL, false);
    ck_assert_uint_eq(next_key(&f), KEYBOARD_CONTROL);
    ck_assert_uint_eq(next_key(&f), 0);
    kb_close(&f);
}
END_TEST

START_TEST(test_not_the_guests)
{
    kb_fixture_t f;
    kb_open(&f, false);
    key(&f, SDL_KEYDOWN, SDLK_F5, false);
    key(&f, SDL_KEYUP, SDLK_F5, false);
    key(&f, SDL_KEYDOWN, SDLK_TAB, false);
    window_keys_text(&f.kb, "\t\xc3\xa9", 0); /* a tab and é: no codes */
    ck_assert_uint_eq(f.h->irqs, 0);
    window_keys_text(&f.kb, "@\xe2\x82\xac~", 0); /* AltGr symbols: @ € ~ */
    ck_assert_uint_eq(next_key(&f), '@');
    ck_assert_uint_eq(next_key(&f), '~');
    ck_assert_uint_eq(next_key(&f), 0);
    kb_close(&f);
}
END_TEST

static Suite *window_keys_suite(void)
{
    Suite *s = suite_create("window_keys");
    TCase *tc = tcase_create("window_keys");
    tcase_add_loop_test(tc, test_code, 0, sizeof codes / sizeof codes[0]);
    tcase_add_test(tc, test_special_key_types_itself);
    tcase_add_test(tc, test_printable_key_types_through_text);
    tcase_add_test(tc, test_modifier_with_kbd_modifiers);
    tcase_add_test(tc, test_not_the_guests);
    suite_add_tcase(s, tc);
    return s;
}

D16_CHECK_MAIN(window_keys_suite)
