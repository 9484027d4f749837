/* Unit tests for the admin socket's reply framing, JSON escaper, user list
 * (control/admin.c) and the secret masking `show config` relies on. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "control/admin.h"
#include "proxy/config.h"

/* The evbuffer's contents as a NUL-terminated string (caller frees). */
static char *drain(struct evbuffer *b)
{
    size_t n = evbuffer_get_length(b);
    char *s = malloc(n + 1);
    cr_assert_not_null(s);
    evbuffer_remove(b, s, n);
    s[n] = '\0';
    return s;
}

Test(admin_reply, body_prefixes_every_line)
{
    struct evbuffer *b = evbuffer_new();
    admin_reply_body(b, "a\nb c\n");
    admin_reply_progress(b, "step 1/2");
    admin_reply_body(b, "");
    admin_reply_body(b, "x\n\ny");
    char *s = drain(b);
    cr_assert_str_eq(s, "| a\n| b c\n# step 1/2\n| \n| x\n| \n| y\n");
    free(s);
    evbuffer_free(b);
}

Test(admin_reply, final_line_is_one_line)
{
    struct evbuffer *b = evbuffer_new();
    admin_reply_final(b, true, "ignored");
    admin_reply_final(b, false, "two\nlines\r");
    admin_reply_final(b, false, NULL);
    char *s = drain(b);
    cr_assert_str_eq(s, "ok\nerror: two lines \nerror: failed\n");
    free(s);
    evbuffer_free(b);
}

Test(admin_json, escapes_quotes_backslashes_and_controls)
{
    char out[128];
    cr_assert(admin_json_escape("a\"b\\c\n\t\x01\x7f", out, sizeof out));
    cr_assert_str_eq(out, "a\\\"b\\\\c\\n\\t\\u0001\\u007f");
    cr_assert(admin_json_escape("caf\xc3\xa9", out, sizeof out));
    cr_assert_str_eq(out, "caf\xc3\xa9");
    cr_assert(admin_json_escape(NULL, out, sizeof out));
    cr_assert_str_eq(out, "");
}

Test(admin_json, refuses_what_does_not_fit)
{
    char out[5];
    cr_assert(admin_json_escape("abcd", out, sizeof out));
    cr_assert_not(admin_json_escape("abc\"", out, sizeof out));
    cr_assert_str_eq(out, "");
}

Test(admin_json, evbuffer_variant_quotes)
{
    struct evbuffer *b = evbuffer_new();
    admin_json_string(b, "say \"hi\"\r\n");
    char *s = drain(b);
    cr_assert_str_eq(s, "\"say \\\"hi\\\"\\r\\n\"");
    free(s);
    evbuffer_free(b);
}

Test(admin_users, numeric_names_and_default)
{
    uid_t u[ADMIN_MAX_USERS];
    size_t n;
    char err[128];
    cr_assert(admin_resolve_users("1001, root,42", u, ADMIN_MAX_USERS, &n, err, sizeof err));
    cr_assert_eq(n, 3);
    cr_assert_eq(u[0], 1001);
    cr_assert_eq(u[1], 0);
    cr_assert_eq(u[2], 42);
    cr_assert(admin_resolve_users("", u, ADMIN_MAX_USERS, &n, err, sizeof err));
    cr_assert_geq(n, 1);
    cr_assert_eq(u[0], geteuid());
    bool root = false;
    for (size_t i = 0; i < n; i++)
        root |= u[i] == 0;
    cr_assert(root);
    cr_assert_not(admin_resolve_users("no_such_user_xyz", u, ADMIN_MAX_USERS, &n, err, sizeof err));
    cr_assert(strstr(err, "no_such_user_xyz") != NULL);
}

/* `show config` rows come from config_foreach, whose one masker
 * (cfg_mask_dsn) is the only one: what the admin prints is masked there. */
struct shown_value {
    const char *section, *key; /* wanted */
    char value[512];           /* as shown */
    size_t secret_keys;        /* keys whose name says password or secret */
    char secret_names[8][64];
};

static void find_value(const char *section, const char *key, const char *value, const char *help,
                       void *arg)
{
    (void)help;
    struct shown_value *w = arg;
    if (strcmp(section, w->section) == 0 && strcmp(key, w->key) == 0)
        snprintf(w->value, sizeof w->value, "%s", value);
    if ((strstr(key, "password") || strstr(key, "secret")) && w->secret_keys < 8)
        snprintf(w->secret_names[w->secret_keys++], 64, "%s.%s", section, key);
}

Test(admin_mask, show_config_masks_every_secret)
{
    static const struct {
        const char *dsn;   /* as configured */
        const char *shown; /* as `show config` prints it */
    } cases[] = {
        {"host=h password=s3cret user=u", "host=h password=******** user=u"},
        {"password='a b\\'c' dbname=d", "password='********' dbname=d"},
        {"postgresql://u:s3cret@h:5432/d", "postgresql://u:********@h:5432/d"},
        {"postgresql://u@h/d?password=s3cret", "postgresql://u@h/d?password=********"},
        {"postgresql://u@h/d", "postgresql://u@h/d"},
    };
    struct config c;
    char err[256];
    cr_assert(config_init_defaults(&c));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cr_assert(config_set(&c, "admin", "dsn", cases[i].dsn, err, sizeof err), "%s", err);
        struct shown_value w = {.section = "admin", .key = "dsn"};
        config_foreach(&c, find_value, &w);
        cr_assert_str_eq(w.value, cases[i].shown);
        cr_assert_null(strstr(w.value, "s3cret"));
        cr_assert_null(strstr(w.value, "a b"));
    }
    /* A key named after a password holds a secret: it must be masked too. */
    struct shown_value w = {.section = "", .key = ""};
    config_foreach(&c, find_value, &w);
    for (size_t i = 0; i < w.secret_keys; i++) {
        char section[64], *key;
        snprintf(section, sizeof section, "%s", w.secret_names[i]);
        key = strchr(section, '.');
        *key++ = '\0';
        cr_assert(config_set(&c, section, key, "password=s3cret", err, sizeof err), "%s", err);
        struct shown_value v = {.section = section, .key = key};
        config_foreach(&c, find_value, &v);
        cr_assert_null(strstr(v.value, "s3cret"), "%s.%s shown as %s", section, key, v.value);
    }
    config_free(&c);
}
