/* Unit tests for the admin socket's reply framing, JSON escaper, user list
 * and secret masking (control/admin.c, control/commands.c). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "control/admin.h"
#include "control/commands.h"

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

Test(admin_mask, conninfo_and_uri_passwords)
{
    char out[256];
    commands_mask_secret("dsn", "host=h password=s3cret user=u", out, sizeof out);
    cr_assert_str_eq(out, "host=h password=**** user=u");
    commands_mask_secret("dsn", "password='a b\\'c' dbname=d", out, sizeof out);
    cr_assert_str_eq(out, "password=**** dbname=d");
    commands_mask_secret("dsn", "postgresql://u:pw@h:5432/d", out, sizeof out);
    cr_assert_str_eq(out, "postgresql://u:****@h:5432/d");
    commands_mask_secret("dsn", "postgresql://u@h/d", out, sizeof out);
    cr_assert_str_eq(out, "postgresql://u@h/d");
    commands_mask_secret("password", "x", out, sizeof out);
    cr_assert_str_eq(out, "****");
    commands_mask_secret("listen", "127.0.0.1:6432", out, sizeof out);
    cr_assert_str_eq(out, "127.0.0.1:6432");
}
