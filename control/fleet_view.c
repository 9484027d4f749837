/*
 * fleet_view.c: see fleet_view.h.
 */
#include "control/fleet_view.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void copy_field(char *dst, size_t len, const char *src)
{
    size_t n = strnlen(src, len - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* A whole decimal int64 (the server's bigint as text); "" is 0, as the
 * watch's text columns that a row kind leaves empty. */
static bool parse_int(const char *s, int64_t *out)
{
    if (s[0] == '\0') {
        *out = 0;
        return true;
    }
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0')
        return false;
    *out = v;
    return true;
}

enum fleet_row_kind fleet_row_decode(const char *const col[FLEET_ROW_COLUMNS],
                                     struct fleet_row *out)
{
    memset(out, 0, sizeof *out);
    const char *k = col[0], *name = col[1], *a = col[2], *b = col[3], *detail = col[7];
    int64_t g, t, n;
    if (k[0] == '\0' || k[1] != '\0')
        return out->kind = FLEET_ROW_UNKNOWN;
    if (k[0] == 's') /* id and name are text: nothing to decode */
        return out->kind = FLEET_ROW_SCHEMA;
    if (!parse_int(col[4], &g) || !parse_int(col[5], &t) || !parse_int(col[6], &n))
        return out->kind = FLEET_ROW_UNKNOWN;
    switch (k[0]) {
    case 'm': {
        struct fleet_member_info *m = &out->u.member;
        copy_field(m->name, sizeof m->name, name);
        copy_field(m->address, sizeof m->address, a);
        copy_field(m->state, sizeof m->state, b);
        m->generation = g;
        m->heartbeat_ms = t;
        m->pid = n;
        return out->kind = FLEET_ROW_MEMBER;
    }
    case 'i': {
        struct fleet_intent_info *in = &out->u.intent;
        in->generation = g;
        copy_field(in->promoter, sizeof in->promoter, name);
        copy_field(in->action, sizeof in->action, a);
        copy_field(in->state, sizeof in->state, b);
        in->deadline_ms = t;
        copy_field(in->detail, sizeof in->detail, detail);
        return out->kind = FLEET_ROW_INTENT;
    }
    case 'r': {
        struct fleet_report *rp = &out->u.report;
        rp->generation = g;
        copy_field(rp->member, sizeof rp->member, name);
        copy_field(rp->kind, sizeof rp->kind, a);
        copy_field(rp->detail, sizeof rp->detail, detail);
        return out->kind = FLEET_ROW_REPORT;
    }
    case 'c':
        out->u.server_ms = t;
        return out->kind = FLEET_ROW_CLOCK;
    default:
        return out->kind = FLEET_ROW_UNKNOWN;
    }
}

int fleet_intent_state_rank(const char *state)
{
    if (strcmp(state, "open") == 0)
        return 0;
    if (strcmp(state, "committed") == 0 || strcmp(state, "aborted") == 0)
        return 1;
    if (strcmp(state, "done") == 0)
        return 2;
    return -1;
}

bool fleet_intent_newer(const struct fleet_intent_info *in, const struct fleet_intent_info *cur)
{
    if (in->generation != cur->generation)
        return in->generation > cur->generation;
    return fleet_intent_state_rank(in->state) > fleet_intent_state_rank(cur->state);
}

const struct fleet_report *fleet_reports_find(const struct fleet_reports *rs, int64_t generation,
                                              const char *member, const char *kind)
{
    for (size_t i = 0; i < rs->n; i++)
        if (rs->r[i].generation == generation && strcmp(rs->r[i].member, member) == 0 &&
            strcmp(rs->r[i].kind, kind) == 0)
            return &rs->r[i];
    return NULL;
}

bool fleet_reports_add(struct fleet_reports *rs, const struct fleet_report *rp,
                       int64_t min_generation)
{
    if (rp->generation < min_generation || rs->n == rs->cap ||
        fleet_reports_find(rs, rp->generation, rp->member, rp->kind) != NULL)
        return false;
    rs->r[rs->n++] = *rp;
    return true;
}

void fleet_reports_prune(struct fleet_reports *rs, int64_t min_generation)
{
    size_t kept = 0;
    for (size_t i = 0; i < rs->n; i++)
        if (rs->r[i].generation >= min_generation)
            rs->r[kept++] = rs->r[i];
    rs->n = kept;
}

/* The id that `sig` holds for `name`, into out; false when it has none. A
 * pair is split at its last '=' (ids have none). */
static bool sig_find(const char *sig, const char *name, const char *id, char *out, size_t outlen)
{
    const char *p = sig;
    while (*p) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = NULL;
        for (size_t i = 0; i < len; i++)
            if (p[i] == '=')
                eq = p + i;
        if (eq != NULL) {
            size_t nlen = (size_t)(eq - p), ilen = len - nlen - 1;
            bool by_name = name != NULL && strlen(name) == nlen && memcmp(p, name, nlen) == 0;
            bool by_id = id != NULL && strlen(id) == ilen && memcmp(eq + 1, id, ilen) == 0;
            if (by_name || by_id) {
                const char *src = by_name ? eq + 1 : p;
                size_t slen = by_name ? ilen : nlen;
                if (slen >= outlen)
                    return false;
                memcpy(out, src, slen);
                out[slen] = '\0';
                return true;
            }
        }
        p += len;
        while (*p == ' ')
            p++;
    }
    return false;
}

bool fleet_sig_swapped(const char *sig, const char *id, const char *name)
{
    char known_id[128], known_name[256];
    if (id[0] == '\0' || name[0] == '\0' || !sig_find(sig, name, NULL, known_id, sizeof known_id) ||
        !sig_find(sig, NULL, id, known_name, sizeof known_name))
        return false;
    return strcmp(known_id, id) != 0 && strcmp(known_name, name) != 0;
}
