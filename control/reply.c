/*
 * reply.c: the admin commands' row writer (see reply.h).
 */
#include "control/reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void reply_begin(struct reply *o, struct admin_request *r, const char *list_name)
{
    o->r = r;
    o->json = (r->cmd.flags & CMDF_JSON) != 0;
    o->buf = evbuffer_new();
    o->first_row = true;
    o->first_field = true;
    o->in_list = list_name != NULL;
    if (o->json) {
        evbuffer_add_printf(o->buf, "{");
        if (list_name) {
            admin_json_string(o->buf, list_name);
            evbuffer_add_printf(o->buf, ":[");
        }
    }
}

void reply_row_begin(struct reply *o)
{
    if (o->json)
        evbuffer_add_printf(o->buf, "%s{", o->first_row ? "" : ",");
    o->first_row = false;
    o->first_field = true;
}

void reply_row_end(struct reply *o)
{
    if (o->json) {
        evbuffer_add_printf(o->buf, "}");
    } else {
        size_t n = evbuffer_get_length(o->buf);
        char *s = malloc(n + 1);
        if (s) {
            evbuffer_remove(o->buf, s, n);
            s[n] = '\0';
            admin_req_body(o->r, "%s", s);
            free(s);
        }
        evbuffer_drain(o->buf, evbuffer_get_length(o->buf));
    }
}

/* One field; `raw` = a JSON number or literal (true/false/null). */
static void reply_field(struct reply *o, const char *key, const char *val, bool raw)
{
    if (o->json) {
        evbuffer_add_printf(o->buf, "%s", o->first_field ? "" : ",");
        admin_json_string(o->buf, key);
        evbuffer_add_printf(o->buf, ":");
        if (raw)
            evbuffer_add_printf(o->buf, "%s", val);
        else
            admin_json_string(o->buf, val);
    } else if (o->in_list) {
        bool space = val[0] == '\0' || strpbrk(val, " \t") != NULL;
        evbuffer_add_printf(o->buf, "%s%s=%s%s%s", o->first_field ? "" : " ", key,
                            space ? "\"" : "", val, space ? "\"" : "");
    } else {
        admin_req_body(o->r, "%s: %s", key, val);
    }
    o->first_field = false;
}

void reply_str(struct reply *o, const char *key, const char *val)
{
    reply_field(o, key, val ? val : "", false);
}

void reply_u64(struct reply *o, const char *key, uint64_t v)
{
    char b[32];
    snprintf(b, sizeof b, "%llu", (unsigned long long)v);
    reply_field(o, key, b, true);
}

void reply_bool(struct reply *o, const char *key, bool v)
{
    reply_field(o, key, v ? "true" : "false", true);
}

void reply_f64(struct reply *o, const char *key, double v)
{
    char b[64];
    snprintf(b, sizeof b, "%.3f", v);
    reply_field(o, key, b, true);
}

void reply_list_end(struct reply *o)
{
    if (!o->in_list)
        return;
    if (o->json)
        evbuffer_add_printf(o->buf, "]");
    o->in_list = false;
    o->first_field = false; /* the list was the object's first field */
}

void reply_end(struct reply *o)
{
    if (o->json) {
        evbuffer_add_printf(o->buf, o->in_list ? "]}" : "}");
        admin_req_body_buf(o->r, o->buf);
    }
    evbuffer_free(o->buf);
}
