/*
 * deploy_plan.c: the deployment lifecycle's decisions and SQL, pure.
 * See deploy_plan.h. Nothing here does I/O or reads the clock: times and
 * user names come in as arguments so that the output can be compared with
 * expected strings.
 */
#include "control/deploy_plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growable string with a sticky failure flag: one check at the end. */
struct sbuf {
    char *p;    /* NUL-terminated when len > 0 or after sbuf_take */
    size_t len; /* bytes used, without the NUL */
    size_t cap; /* bytes allocated */
    bool oom;   /* an append failed */
};

static void sbuf_reserve(struct sbuf *b, size_t more)
{
    if (b->oom || b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (p == NULL) {
        b->oom = true;
        return;
    }
    b->p = p;
    b->cap = cap;
}

static void sbuf_add(struct sbuf *b, const char *s, size_t n)
{
    sbuf_reserve(b, n);
    if (b->oom)
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sbuf_puts(struct sbuf *b, const char *s)
{
    sbuf_add(b, s, strlen(s));
}

static void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = true;
        return;
    }
    sbuf_reserve(b, (size_t)n);
    if (b->oom)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* `text` between two `q`s, each `q` inside doubled: how SQL quotes both
 * identifiers ("...") and string constants ('...'; standard_conforming_strings
 * is on on both servers). */
static void sbuf_quoted(struct sbuf *b, const char *text, char q)
{
    sbuf_add(b, &q, 1);
    for (const char *c = text; *c; c++) {
        if (*c == q)
            sbuf_add(b, &q, 1);
        sbuf_add(b, c, 1);
    }
    sbuf_add(b, &q, 1);
}

static void sbuf_ident(struct sbuf *b, const char *name)
{
    sbuf_quoted(b, name, '"');
}

static void sbuf_literal(struct sbuf *b, const char *text)
{
    sbuf_quoted(b, text, '\'');
}

/* A role in GRANT/REVOKE/FOR ROLE: PUBLIC is a keyword, not an identifier. */
static void sbuf_role(struct sbuf *b, const char *role)
{
    if (strcmp(role, "PUBLIC") == 0)
        sbuf_puts(b, "PUBLIC");
    else
        sbuf_ident(b, role);
}

/* Hands the string over (caller frees); NULL if anything failed. */
static char *sbuf_take(struct sbuf *b)
{
    if (b->oom) {
        free(b->p);
        *b = (struct sbuf){0};
        return NULL;
    }
    if (b->p == NULL)
        return strdup("");
    char *p = b->p;
    *b = (struct sbuf){0};
    return p;
}

/* Moves a finished sbuf into a line list. */
static bool lines_take(struct deploy_lines *l, struct sbuf *b)
{
    char *s = sbuf_take(b);
    if (s == NULL) {
        l->oom = true;
        return false;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **v = realloc(l->v, cap * sizeof *v);
        if (v == NULL) {
            free(s);
            l->oom = true;
            return false;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
    return true;
}

void deploy_lines_free(struct deploy_lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    *l = (struct deploy_lines){0};
}

bool deploy_lines_addf(struct deploy_lines *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    struct sbuf b = {0};
    if (n < 0) {
        l->oom = true;
        return false;
    }
    sbuf_reserve(&b, (size_t)n);
    if (!b.oom) {
        va_start(ap, fmt);
        vsnprintf(b.p, (size_t)n + 1, fmt, ap);
        va_end(ap);
        b.len = (size_t)n;
    }
    return lines_take(l, &b);
}

char *deploy_lines_join(const struct deploy_lines *l, const char *sep)
{
    struct sbuf b = {0};
    for (size_t i = 0; i < l->n; i++) {
        if (i > 0)
            sbuf_puts(&b, sep);
        sbuf_puts(&b, l->v[i]);
    }
    if (l->oom)
        b.oom = true;
    return sbuf_take(&b);
}

char *deploy_quote_ident(const char *name)
{
    struct sbuf b = {0};
    sbuf_ident(&b, name);
    return sbuf_take(&b);
}

char *deploy_quote_literal(const char *text)
{
    struct sbuf b = {0};
    sbuf_literal(&b, text);
    return sbuf_take(&b);
}

const char *deploy_state_name(enum deploy_state s)
{
    switch (s) {
    case DEPLOY_STATE_NONE:
        return "none";
    case DEPLOY_STATE_DEPLOYING:
        return "deploying";
    case DEPLOY_STATE_PROMOTED:
        return "promoted";
    case DEPLOY_STATE_INCONSISTENT:
        return "inconsistent";
    }
    return "unknown";
}

const char *deploy_action_name(enum deploy_action a)
{
    switch (a) {
    case DEPLOY_ACTION_INIT:
        return "init";
    case DEPLOY_ACTION_PROMOTE:
        return "promote";
    case DEPLOY_ACTION_ROLLBACK:
        return "rollback";
    case DEPLOY_ACTION_CLEANUP:
        return "cleanup";
    }
    return "unknown";
}

static void copy_name(char *dst, size_t dstlen, const char *src)
{
    snprintf(dst, dstlen, "%s", src ? src : "");
}

void deploy_spec_from_config(struct deploy_spec *s, const struct config *c, const char *marker)
{
    memset(s, 0, sizeof *s);
    s->dialect = c->backend_dialect;
    s->nschemas = c->nschemas;
    for (size_t i = 0; i < c->nschemas; i++)
        copy_name(s->schemas[i], sizeof s->schemas[i], c->schemas[i]);
    if (s->dialect == CONFIG_DIALECT_MATERIALIZE) {
        s->nclusters = c->nclusters;
        for (size_t i = 0; i < c->nclusters; i++)
            copy_name(s->clusters[i], sizeof s->clusters[i], c->clusters[i]);
    }
    copy_name(s->suffix, sizeof s->suffix, c->suffix[0] ? c->suffix : "_dbt_deploy");
    copy_name(s->marker, sizeof s->marker, marker && marker[0] ? marker : DEPLOY_MARKER_DEFAULT);
}

void deploy_twin_name(const struct deploy_spec *s, const char *name, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s%s", name, s->suffix);
}

void deploy_catalog_reset(struct deploy_catalog *cat, const struct deploy_spec *s)
{
    memset(cat, 0, sizeof *cat);
    cat->nschemas = s->nschemas;
    cat->nclusters = s->nclusters;
    for (size_t i = 0; i < s->nclusters; i++)
        cat->clusters[i].replication_factor = -1;
}

/* ---- the marker record ------------------------------------------------- */

/* %-encodes what would break a key=value word. */
static void sbuf_word(struct sbuf *b, const char *s)
{
    for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
        if (*q <= ' ' || *q == '=' || *q == '%' || *q == 0x7f)
            sbuf_printf(b, "%%%02X", *q);
        else
            sbuf_add(b, (const char *)q, 1);
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes n bytes of a %-encoded word into out; false if it does not fit. */
static bool word_decode(const char *w, size_t n, char *out, size_t outlen)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (c == '%' && i + 2 < n && hexval(w[i + 1]) >= 0 && hexval(w[i + 2]) >= 0) {
            c = (char)(hexval(w[i + 1]) * 16 + hexval(w[i + 2]));
            i += 2;
        }
        if (o + 1 >= outlen)
            return false;
        out[o++] = c;
    }
    if (outlen == 0)
        return false;
    out[o] = '\0';
    return true;
}

static void record_pair(struct sbuf *b, const char *kind, const char *name, const char *id)
{
    sbuf_printf(b, " %s.", kind);
    sbuf_word(b, name);
    sbuf_puts(b, "=");
    sbuf_word(b, id[0] ? id : "-");
}

char *deploy_marker_record(const struct deploy_spec *s, const struct deploy_catalog *cat,
                           bool deploy_side, const char *created_iso, const char *by)
{
    struct sbuf b = {0};
    char twin[2 * CONFIG_NAME_MAX + 2];
    sbuf_printf(&b, "cutover=1 side=%s created=", deploy_side ? "deploy" : "production");
    sbuf_word(&b, created_iso);
    sbuf_puts(&b, " by=");
    sbuf_word(&b, by);
    for (size_t i = 0; i < s->nschemas; i++) {
        deploy_twin_name(s, s->schemas[i], twin, sizeof twin);
        record_pair(&b, "schema", s->schemas[i], cat->schemas[i].prod.id);
        record_pair(&b, "schema", twin, cat->schemas[i].twin.id);
    }
    for (size_t i = 0; i < s->nclusters; i++) {
        deploy_twin_name(s, s->clusters[i], twin, sizeof twin);
        record_pair(&b, "cluster", s->clusters[i], cat->clusters[i].prod.id);
        record_pair(&b, "cluster", twin, cat->clusters[i].twin.id);
    }
    return sbuf_take(&b);
}

bool deploy_record_get(const char *record, const char *key, char *out, size_t outlen)
{
    size_t klen = strlen(key);
    const char *p = record;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        const char *eq = memchr(w, '=', (size_t)(p - w));
        if (eq == NULL)
            continue;
        /* keys are stored encoded: compare the decoded key */
        char k[2 * CONFIG_NAME_MAX + 32];
        if (!word_decode(w, (size_t)(eq - w), k, sizeof k))
            continue;
        if (strlen(k) == klen && memcmp(k, key, klen) == 0)
            return word_decode(eq + 1, (size_t)(p - eq - 1), out, outlen);
    }
    return false;
}

/* ---- state ------------------------------------------------------------- */

static bool any_twin(const struct deploy_spec *s, const struct deploy_catalog *cat)
{
    for (size_t i = 0; i < s->nschemas; i++)
        if (cat->schemas[i].twin.exists)
            return true;
    for (size_t i = 0; i < s->nclusters; i++)
        if (cat->clusters[i].twin.exists)
            return true;
    return false;
}

/* A record is cutover's when it carries cutover=1 and a side. */
static bool record_side(const char *record, bool *deploy_side)
{
    char v[32];
    if (!deploy_record_get(record, "cutover", v, sizeof v) || strcmp(v, "1") != 0)
        return false;
    if (!deploy_record_get(record, "side", v, sizeof v))
        return false;
    if (strcmp(v, "production") == 0)
        *deploy_side = false;
    else if (strcmp(v, "deploy") == 0)
        *deploy_side = true;
    else
        return false;
    return true;
}

enum item_verdict {
    ITEM_UNSWAPPED, /* production name holds the recorded production id */
    ITEM_SWAPPED,   /* production name holds the recorded deploy id */
    ITEM_UNKNOWN,   /* missing, or an id the record does not know */
};

static enum item_verdict judge_item(const struct deploy_spec *s, const char *record,
                                    const char *kind, const char *name,
                                    const struct deploy_object *prod, struct sbuf *why)
{
    char key[2 * CONFIG_NAME_MAX + 32], twin[2 * CONFIG_NAME_MAX + 2];
    char rec_prod[DEPLOY_ID_MAX] = "", rec_dep[DEPLOY_ID_MAX] = "";
    deploy_twin_name(s, name, twin, sizeof twin);
    snprintf(key, sizeof key, "%s.%s", kind, name);
    bool have_prod = deploy_record_get(record, key, rec_prod, sizeof rec_prod);
    snprintf(key, sizeof key, "%s.%s", kind, twin);
    bool have_dep = deploy_record_get(record, key, rec_dep, sizeof rec_dep);
    if (!prod->exists) {
        sbuf_printf(why, "; production %s %s does not exist", kind, name);
        return ITEM_UNKNOWN;
    }
    if (!have_prod || !have_dep) {
        sbuf_printf(why, "; %s %s is not in the cutover record", kind, name);
        return ITEM_UNKNOWN;
    }
    if (strcmp(prod->id, rec_prod) == 0)
        return ITEM_UNSWAPPED;
    if (strcmp(prod->id, rec_dep) == 0)
        return ITEM_SWAPPED;
    sbuf_printf(why, "; %s %s has id %s, recorded neither (%s / %s)", kind, name, prod->id,
                rec_prod, rec_dep);
    return ITEM_UNKNOWN;
}

void deploy_state_derive(const struct deploy_spec *s, const struct deploy_catalog *cat,
                         struct deploy_state_info *out)
{
    memset(out, 0, sizeof *out);
    bool twins = any_twin(s, cat);
    bool markers = cat->marker.exists || cat->marker_twin.exists;

    /* Which record to read: the one on the schema now named <marker>; if
     * that one is unreadable, the other with its side inverted. */
    const char *record = NULL;
    bool swapped_marker = false, side;
    if (cat->marker.exists && cat->marker.has_comment && record_side(cat->marker.comment, &side)) {
        record = cat->marker.comment;
        swapped_marker = side;
    } else if (cat->marker_twin.exists && cat->marker_twin.has_comment &&
               record_side(cat->marker_twin.comment, &side)) {
        record = cat->marker_twin.comment;
        swapped_marker = !side;
    }

    if (!twins) {
        out->state = DEPLOY_STATE_NONE;
        snprintf(out->explanation, sizeof out->explanation, "no deployment%s",
                 markers ? " (a cutover marker is left over from an interrupted cleanup; "
                           "cleanup drops it)"
                         : "");
        return;
    }
    if (record == NULL) {
        out->state = DEPLOY_STATE_DEPLOYING;
        snprintf(out->explanation, sizeof out->explanation,
                 "deploy environment present, no cutover marker%s: made outside cutover "
                 "(e.g. dbt deploy_init) or by an interrupted init; ids cannot be verified",
                 markers ? " record" : "");
        return;
    }
    out->marker_present = true;
    out->marker_swapped = swapped_marker;

    struct sbuf why = {0}, swapped = {0}, unswapped = {0};
    size_t nsw = 0, nun = 0, nunk = 0;
    for (size_t i = 0; i < s->nschemas + s->nclusters; i++) {
        bool is_schema = i < s->nschemas;
        const char *kind = is_schema ? "schema" : "cluster";
        const char *name = is_schema ? s->schemas[i] : s->clusters[i - s->nschemas];
        const struct deploy_object *prod =
            is_schema ? &cat->schemas[i].prod : &cat->clusters[i - s->nschemas].prod;
        switch (judge_item(s, record, kind, name, prod, &why)) {
        case ITEM_SWAPPED:
            sbuf_printf(&swapped, "%s%s %s", nsw ? ", " : "", kind, name);
            nsw++;
            break;
        case ITEM_UNSWAPPED:
            sbuf_printf(&unswapped, "%s%s %s", nun ? ", " : "", kind, name);
            nun++;
            break;
        case ITEM_UNKNOWN:
            nunk++;
            break;
        }
    }
    char *w = sbuf_take(&why), *sw = sbuf_take(&swapped), *un = sbuf_take(&unswapped);
    const char *ws = w ? w : "", *sws = sw ? sw : "", *uns = un ? un : "";
    if (nunk > 0 || (nsw > 0 && nun > 0)) {
        out->state = DEPLOY_STATE_INCONSISTENT;
        snprintf(out->explanation, sizeof out->explanation, "swapped: [%s]; not swapped: [%s]%s",
                 sws, uns, ws);
    } else {
        bool ids_swapped = nsw > 0;
        out->state = ids_swapped ? DEPLOY_STATE_PROMOTED : DEPLOY_STATE_DEPLOYING;
        out->marker_agrees = ids_swapped == swapped_marker;
        if (out->marker_agrees)
            snprintf(out->explanation, sizeof out->explanation, "%s (cutover marker agrees)",
                     ids_swapped ? "production names hold the new environment"
                                 : "production names hold the live environment");
        else
            snprintf(out->explanation, sizeof out->explanation,
                     "%s: the ids show %s but the cutover marker says %s: a swap was made "
                     "outside cutover (e.g. dbt deploy_promote); the ids win",
                     ids_swapped ? "promoted" : "deploying", ids_swapped ? "the swap" : "no swap",
                     swapped_marker ? "promoted" : "deploying");
    }
    free(w);
    free(sw);
    free(un);
}

/* ---- checks ------------------------------------------------------------ */

/* Ownership the way the server enforces it: the owner is the current role,
 * or a role it is a member of, or we are superuser. */
static bool owns(const struct deploy_catalog *cat, const struct deploy_object *o)
{
    if (cat->superuser || strcmp(o->owner, cat->current_role) == 0)
        return true;
    for (size_t i = 0; i < cat->nmember_of; i++)
        if (strcmp(o->owner, cat->member_of[i]) == 0)
            return true;
    return false;
}

bool deploy_check_init(const struct deploy_spec *s, const struct deploy_catalog *cat,
                       struct deploy_lines *fail)
{
    size_t before = fail->n;
    char twin[2 * CONFIG_NAME_MAX + 2];
    if (!cat->superuser) {
        if (!cat->db_create)
            deploy_lines_addf(fail, "role %s lacks CREATE on database %s", cat->current_role,
                              cat->database);
        if (!cat->db_usage)
            deploy_lines_addf(fail, "role %s lacks %s on database %s", cat->current_role,
                              s->dialect == CONFIG_DIALECT_POSTGRES ? "CONNECT" : "USAGE",
                              cat->database);
        if (s->nclusters > 0 && !cat->create_cluster)
            deploy_lines_addf(fail, "role %s lacks the CREATECLUSTER system privilege",
                              cat->current_role);
    }
    for (size_t i = 0; i < s->nschemas; i++) {
        const struct deploy_schema_info *si = &cat->schemas[i];
        deploy_twin_name(s, s->schemas[i], twin, sizeof twin);
        if (!si->prod.exists) {
            deploy_lines_addf(fail, "Production schema %s does not exist", s->schemas[i]);
            continue;
        }
        if (si->prod.has_sinks)
            deploy_lines_addf(fail,
                              "Production schema %s contains sinks: sinks must live in a "
                              "dedicated schema",
                              s->schemas[i]);
        if (!owns(cat, &si->prod))
            deploy_lines_addf(fail, "role %s does not own schema %s", cat->current_role,
                              s->schemas[i]);
        if (si->twin.exists && si->twin.has_objects)
            deploy_lines_addf(fail, "Deployment schema %s already exists and is not empty", twin);
        else if (si->twin.exists && !owns(cat, &si->twin))
            deploy_lines_addf(fail, "role %s does not own schema %s", cat->current_role, twin);
    }
    for (size_t i = 0; i < s->nclusters; i++) {
        const struct deploy_cluster_info *ci = &cat->clusters[i];
        deploy_twin_name(s, s->clusters[i], twin, sizeof twin);
        if (!ci->prod.exists) {
            deploy_lines_addf(fail, "Production cluster %s does not exist", s->clusters[i]);
            continue;
        }
        if (ci->prod.has_sinks)
            deploy_lines_addf(fail,
                              "Production cluster %s contains sinks: sinks must run on a "
                              "dedicated cluster",
                              s->clusters[i]);
        if (!ci->managed)
            deploy_lines_addf(fail, "Production cluster %s is not managed", s->clusters[i]);
        if (!owns(cat, &ci->prod))
            deploy_lines_addf(fail, "role %s does not own cluster %s", cat->current_role,
                              s->clusters[i]);
        if (ci->twin.exists && ci->twin.has_objects)
            deploy_lines_addf(fail, "Deployment cluster %s already exists and is not empty", twin);
        else if (ci->twin.exists && !owns(cat, &ci->twin))
            deploy_lines_addf(fail, "role %s does not own cluster %s", cat->current_role, twin);
    }
    if (cat->marker.exists || cat->marker_twin.exists)
        deploy_lines_addf(fail,
                          "cutover marker schema %s already exists: a deployment is in "
                          "progress (run cleanup first)",
                          cat->marker.exists ? s->marker : "(deploy side)");
    return fail->n == before && !fail->oom;
}

/* Existence and ownership of both sides, as deploy_promote's first step. */
static void check_both_sides(const struct deploy_spec *s, const struct deploy_catalog *cat,
                             struct deploy_lines *fail)
{
    char twin[2 * CONFIG_NAME_MAX + 2];
    for (size_t i = 0; i < s->nschemas + s->nclusters; i++) {
        bool is_schema = i < s->nschemas;
        const char *kind = is_schema ? "schema" : "cluster";
        const char *name = is_schema ? s->schemas[i] : s->clusters[i - s->nschemas];
        const struct deploy_object *prod =
            is_schema ? &cat->schemas[i].prod : &cat->clusters[i - s->nschemas].prod;
        const struct deploy_object *tw =
            is_schema ? &cat->schemas[i].twin : &cat->clusters[i - s->nschemas].twin;
        deploy_twin_name(s, name, twin, sizeof twin);
        if (!prod->exists)
            deploy_lines_addf(fail, "Production %s %s does not exist", kind, name);
        else if (!owns(cat, prod))
            deploy_lines_addf(fail, "role %s does not own %s %s", cat->current_role, kind, name);
        if (!tw->exists)
            deploy_lines_addf(fail, "Deployment %s %s does not exist", kind, twin);
        else if (!owns(cat, tw))
            deploy_lines_addf(fail, "role %s does not own %s %s", cat->current_role, kind, twin);
    }
}

static bool check_swap(const struct deploy_spec *s, const struct deploy_catalog *cat,
                       struct deploy_lines *fail, enum deploy_state want, const char *verb)
{
    size_t before = fail->n;
    check_both_sides(s, cat, fail);
    if (fail->n == before) {
        struct deploy_state_info st;
        deploy_state_derive(s, cat, &st);
        if (st.state != want)
            deploy_lines_addf(fail, "cannot %s: state is %s: %s", verb, deploy_state_name(st.state),
                              st.explanation);
    }
    return fail->n == before && !fail->oom;
}

bool deploy_check_promote(const struct deploy_spec *s, const struct deploy_catalog *cat,
                          struct deploy_lines *fail)
{
    return check_swap(s, cat, fail, DEPLOY_STATE_DEPLOYING, "promote");
}

bool deploy_check_rollback(const struct deploy_spec *s, const struct deploy_catalog *cat,
                           struct deploy_lines *fail)
{
    return check_swap(s, cat, fail, DEPLOY_STATE_PROMOTED, "roll back");
}

bool deploy_check_cleanup(const struct deploy_spec *s, const struct deploy_catalog *cat,
                          struct deploy_lines *fail)
{
    struct deploy_state_info st;
    deploy_state_derive(s, cat, &st);
    if (st.state == DEPLOY_STATE_INCONSISTENT) {
        deploy_lines_addf(fail, "cannot clean up: %s", st.explanation);
        return false;
    }
    return !fail->oom;
}

/* ---- init -------------------------------------------------------------- */

bool deploy_plan_init_create(const struct deploy_spec *s, const struct deploy_catalog *cat,
                             struct deploy_lines *out)
{
    char twin[2 * CONFIG_NAME_MAX + 2];
    struct sbuf b = {0};
    for (size_t i = 0; i < s->nschemas; i++) {
        if (cat->schemas[i].twin.exists)
            continue; /* empty twin: reused, as deploy_init does */
        deploy_twin_name(s, s->schemas[i], twin, sizeof twin);
        sbuf_puts(&b, "CREATE SCHEMA ");
        sbuf_ident(&b, twin);
        lines_take(out, &b);
    }
    for (size_t i = 0; i < s->nclusters; i++) {
        const struct deploy_cluster_info *ci = &cat->clusters[i];
        if (ci->twin.exists)
            continue;
        deploy_twin_name(s, s->clusters[i], twin, sizeof twin);
        sbuf_puts(&b, "CREATE CLUSTER ");
        sbuf_ident(&b, twin);
        sbuf_puts(&b, " (SIZE = ");
        sbuf_literal(&b, ci->size);
        if (ci->on_refresh) {
            sbuf_puts(&b, ", SCHEDULE = ON REFRESH");
            if (ci->hydration_estimate[0]) {
                sbuf_puts(&b, " (HYDRATION TIME ESTIMATE = ");
                sbuf_literal(&b, ci->hydration_estimate);
                sbuf_puts(&b, ")");
            }
        } else if (ci->replication_factor >= 0) {
            sbuf_printf(&b, ", REPLICATION FACTOR = %d", ci->replication_factor);
        }
        sbuf_puts(&b, ")");
        lines_take(out, &b);
    }
    deploy_twin_name(s, s->marker, twin, sizeof twin);
    if (!cat->marker.exists) {
        sbuf_puts(&b, "CREATE SCHEMA ");
        sbuf_ident(&b, s->marker);
        lines_take(out, &b);
    }
    if (!cat->marker_twin.exists) {
        sbuf_puts(&b, "CREATE SCHEMA ");
        sbuf_ident(&b, twin);
        lines_take(out, &b);
    }
    return !out->oom;
}

/* Grantees the macros never revoke from a new schema or cluster. */
static bool keep_grantee(const struct deploy_catalog *cat, const char *g)
{
    return strcmp(g, "none") == 0 || strcmp(g, "mz_system") == 0 || strcmp(g, "mz_support") == 0 ||
           strcmp(g, cat->current_role) == 0;
}

/* Upper-case plural of an object type for ON <type>s: "table" -> "TABLES". */
static void sbuf_type_plural(struct sbuf *b, const char *t)
{
    for (const char *q = t; *q; q++) {
        char c = *q;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c == '-')
            c = ' ';
        sbuf_add(b, &c, 1);
    }
    sbuf_puts(b, "S");
}

/* REVOKE from the twin's grantees, then GRANT what production has. */
static void copy_grants(const struct deploy_catalog *cat, const char *kind, const char *twin,
                        const struct deploy_object *prod, const struct deploy_object *tw,
                        struct deploy_lines *out)
{
    struct sbuf b = {0};
    for (size_t g = 0; g < tw->ngrants; g++) {
        const char *who = tw->grants[g].grantee;
        if (keep_grantee(cat, who))
            continue;
        bool seen = false; /* one REVOKE ALL per grantee */
        for (size_t h = 0; h < g; h++)
            if (strcmp(tw->grants[h].grantee, who) == 0)
                seen = true;
        if (seen)
            continue;
        sbuf_printf(&b, "REVOKE ALL PRIVILEGES ON %s ", kind);
        sbuf_ident(&b, twin);
        sbuf_puts(&b, " FROM ");
        sbuf_role(&b, who);
        lines_take(out, &b);
    }
    for (size_t g = 0; g < prod->ngrants; g++) {
        const char *who = prod->grants[g].grantee;
        if (strcmp(who, "none") == 0 || strcmp(who, "mz_system") == 0 ||
            strcmp(who, "mz_support") == 0)
            continue;
        sbuf_printf(&b, "GRANT %s ON %s ", prod->grants[g].privilege, kind);
        sbuf_ident(&b, twin);
        sbuf_puts(&b, " TO ");
        sbuf_role(&b, who);
        lines_take(out, &b);
    }
}

bool deploy_plan_init_privileges(const struct deploy_spec *s, const struct deploy_catalog *cat,
                                 const char *now_iso, struct deploy_lines *out)
{
    char twin[2 * CONFIG_NAME_MAX + 2];
    struct sbuf b = {0};
    for (size_t i = 0; i < s->nschemas; i++) {
        const struct deploy_schema_info *si = &cat->schemas[i];
        deploy_twin_name(s, s->schemas[i], twin, sizeof twin);
        for (size_t d = 0; d < si->ndefprivs; d++) {
            const struct deploy_default_priv *dp = &si->defprivs[d];
            sbuf_puts(&b, "ALTER DEFAULT PRIVILEGES ");
            if (strcmp(dp->owner, "PUBLIC") == 0) {
                sbuf_puts(&b, "FOR ALL ROLES");
            } else {
                sbuf_puts(&b, "FOR ROLE ");
                sbuf_ident(&b, dp->owner);
            }
            sbuf_puts(&b, " IN SCHEMA ");
            sbuf_ident(&b, twin);
            sbuf_printf(&b, " GRANT %s ON ", dp->privilege);
            sbuf_type_plural(&b, dp->object_type);
            sbuf_puts(&b, " TO ");
            sbuf_role(&b, dp->grantee);
            lines_take(out, &b);
        }
        copy_grants(cat, "SCHEMA", twin, &si->prod, &si->twin, out);
    }
    for (size_t i = 0; i < s->nclusters; i++) {
        deploy_twin_name(s, s->clusters[i], twin, sizeof twin);
        copy_grants(cat, "CLUSTER", twin, &cat->clusters[i].prod, &cat->clusters[i].twin, out);
    }
    deploy_twin_name(s, s->marker, twin, sizeof twin);
    for (int side = 0; side < 2; side++) {
        char *rec = deploy_marker_record(s, cat, side == 1, now_iso, cat->current_role);
        if (rec == NULL) {
            out->oom = true;
            break;
        }
        sbuf_puts(&b, "COMMENT ON SCHEMA ");
        sbuf_ident(&b, side == 0 ? s->marker : twin);
        sbuf_puts(&b, " IS ");
        sbuf_literal(&b, rec);
        free(rec);
        lines_take(out, &b);
    }
    return !out->oom;
}

/* ---- swap, post-swap, cleanup ----------------------------------------- */

static void swap_one(struct sbuf *b, const struct deploy_spec *s, const char *kind,
                     const char *name)
{
    char twin[2 * CONFIG_NAME_MAX + 2], tmp[2 * CONFIG_NAME_MAX + 16];
    deploy_twin_name(s, name, twin, sizeof twin);
    if (s->dialect == CONFIG_DIALECT_MATERIALIZE) {
        sbuf_printf(b, " ALTER %s ", kind);
        sbuf_ident(b, name);
        sbuf_puts(b, " SWAP WITH ");
        sbuf_ident(b, twin);
        sbuf_puts(b, ";");
        return;
    }
    /* PostgreSQL has no SWAP: three renames through a temporary name. */
    snprintf(tmp, sizeof tmp, "%s_cutover_tmp", name);
    sbuf_printf(b, " ALTER %s ", kind);
    sbuf_ident(b, name);
    sbuf_puts(b, " RENAME TO ");
    sbuf_ident(b, tmp);
    sbuf_printf(b, "; ALTER %s ", kind);
    sbuf_ident(b, twin);
    sbuf_puts(b, " RENAME TO ");
    sbuf_ident(b, name);
    sbuf_printf(b, "; ALTER %s ", kind);
    sbuf_ident(b, tmp);
    sbuf_puts(b, " RENAME TO ");
    sbuf_ident(b, twin);
    sbuf_puts(b, ";");
}

char *deploy_plan_swap(const struct deploy_spec *s, const struct deploy_catalog *cat)
{
    struct sbuf b = {0};
    sbuf_puts(&b, "BEGIN;");
    for (size_t i = 0; i < s->nschemas; i++)
        swap_one(&b, s, "SCHEMA", s->schemas[i]);
    for (size_t i = 0; i < s->nclusters; i++)
        swap_one(&b, s, "CLUSTER", s->clusters[i]);
    if (cat->marker.exists && cat->marker_twin.exists) {
        struct deploy_state_info st;
        deploy_state_derive(s, cat, &st);
        if (st.marker_present && st.marker_agrees)
            swap_one(&b, s, "SCHEMA", s->marker);
    }
    sbuf_puts(&b, " COMMIT;");
    return sbuf_take(&b);
}

bool deploy_plan_post_swap(const struct deploy_spec *s, const struct deploy_catalog *cat,
                           const char *user, const char *now_iso, struct deploy_lines *out)
{
    struct sbuf b = {0}, c = {0};
    for (size_t i = 0; user != NULL && i < s->nschemas; i++) {
        sbuf_puts(&b, "COMMENT ON SCHEMA ");
        sbuf_ident(&b, s->schemas[i]);
        sbuf_puts(&b, " IS ");
        sbuf_printf(&c, "Deployment by %s on %s", user, now_iso);
        char *text = sbuf_take(&c);
        if (text == NULL) {
            out->oom = true;
            free(sbuf_take(&b));
            return false;
        }
        sbuf_literal(&b, text);
        free(text);
        lines_take(out, &b);
    }
    if (s->dialect != CONFIG_DIALECT_MATERIALIZE)
        return !out->oom;
    for (size_t i = 0; i < cat->nsinks; i++) {
        const struct deploy_sink *k = &cat->sinks[i];
        sbuf_puts(&b, "ALTER SINK ");
        sbuf_ident(&b, k->database);
        sbuf_puts(&b, ".");
        sbuf_ident(&b, k->schema);
        sbuf_puts(&b, ".");
        sbuf_ident(&b, k->name);
        sbuf_puts(&b, " SET FROM ");
        sbuf_ident(&b, k->up_database);
        sbuf_puts(&b, ".");
        sbuf_ident(&b, k->up_schema);
        sbuf_puts(&b, ".");
        sbuf_ident(&b, k->up_name);
        lines_take(out, &b);
    }
    return !out->oom;
}

bool deploy_plan_cleanup(const struct deploy_spec *s, struct deploy_lines *out)
{
    char twin[2 * CONFIG_NAME_MAX + 2];
    struct sbuf b = {0};
    for (size_t i = 0; i < s->nschemas; i++) {
        deploy_twin_name(s, s->schemas[i], twin, sizeof twin);
        sbuf_puts(&b, "DROP SCHEMA IF EXISTS ");
        sbuf_ident(&b, twin);
        sbuf_puts(&b, " CASCADE");
        lines_take(out, &b);
    }
    for (size_t i = 0; i < s->nclusters; i++) {
        deploy_twin_name(s, s->clusters[i], twin, sizeof twin);
        sbuf_puts(&b, "DROP CLUSTER IF EXISTS ");
        sbuf_ident(&b, twin);
        sbuf_puts(&b, " CASCADE");
        lines_take(out, &b);
    }
    /* markers last: a cleanup killed half-way still shows a marker, and with
     * no twins left the state reads NONE with a note */
    deploy_twin_name(s, s->marker, twin, sizeof twin);
    sbuf_puts(&b, "DROP SCHEMA IF EXISTS ");
    sbuf_ident(&b, s->marker);
    sbuf_puts(&b, " CASCADE");
    lines_take(out, &b);
    sbuf_puts(&b, "DROP SCHEMA IF EXISTS ");
    sbuf_ident(&b, twin);
    sbuf_puts(&b, " CASCADE");
    lines_take(out, &b);
    return !out->oom;
}

/* ---- dry run ----------------------------------------------------------- */

/* "(analytics=u12, compute=u2)" from one side of the catalog. */
static void sbuf_env(struct sbuf *b, const struct deploy_spec *s, const struct deploy_catalog *cat,
                     bool twin_side)
{
    sbuf_puts(b, "(");
    for (size_t i = 0; i < s->nschemas + s->nclusters; i++) {
        bool is_schema = i < s->nschemas;
        const char *name = is_schema ? s->schemas[i] : s->clusters[i - s->nschemas];
        const struct deploy_object *o =
            is_schema ? (twin_side ? &cat->schemas[i].twin : &cat->schemas[i].prod)
                      : (twin_side ? &cat->clusters[i - s->nschemas].twin
                                   : &cat->clusters[i - s->nschemas].prod);
        sbuf_printf(b, "%s%s=%s", i ? ", " : "", name, o->exists ? o->id : "?");
    }
    sbuf_puts(b, ")");
}

char *deploy_plan_routing_text(const struct deploy_spec *s, const struct deploy_catalog *cat,
                               enum deploy_action a)
{
    struct sbuf b = {0};
    switch (a) {
    case DEPLOY_ACTION_INIT:
        sbuf_puts(&b, "production route -> unchanged, deploy route -> new environment (");
        for (size_t i = 0; i < s->nschemas + s->nclusters; i++) {
            const char *name = i < s->nschemas ? s->schemas[i] : s->clusters[i - s->nschemas];
            sbuf_printf(&b, "%s%s%s", i ? ", " : "", name, s->suffix);
        }
        sbuf_puts(&b, "), previous route -> unavailable");
        break;
    case DEPLOY_ACTION_PROMOTE:
        sbuf_puts(&b, "production route -> new environment ");
        sbuf_env(&b, s, cat, true);
        sbuf_puts(&b, ", deploy route -> unavailable, previous route -> old environment ");
        sbuf_env(&b, s, cat, false);
        break;
    case DEPLOY_ACTION_ROLLBACK:
        sbuf_puts(&b, "production route -> old environment ");
        sbuf_env(&b, s, cat, true);
        sbuf_puts(&b, ", deploy route -> new environment ");
        sbuf_env(&b, s, cat, false);
        sbuf_puts(&b, ", previous route -> unavailable");
        break;
    case DEPLOY_ACTION_CLEANUP:
        sbuf_puts(&b, "production route -> unchanged, deploy route -> unavailable, "
                      "previous route -> unavailable");
        break;
    }
    return sbuf_take(&b);
}

/* One line each; `terminate` adds the ';' a statement does not already end with. */
static void add_lines(struct sbuf *b, const struct deploy_lines *l, const char *prefix,
                      bool terminate)
{
    for (size_t i = 0; i < l->n; i++) {
        size_t len = strlen(l->v[i]);
        bool semi = terminate && (len == 0 || l->v[i][len - 1] != ';');
        sbuf_printf(b, "%s%s%s\n", prefix, l->v[i], semi ? ";" : "");
    }
    if (l->oom)
        b->oom = true;
}

char *deploy_plan_dry_run(const struct deploy_spec *s, const struct deploy_catalog *cat,
                          enum deploy_action a, const char *user, const char *now_iso)
{
    struct sbuf b = {0};
    struct deploy_lines fail = {0}, sql = {0};
    struct deploy_state_info st;
    deploy_state_derive(s, cat, &st);
    sbuf_printf(&b, "-- deploy %s (dry run): nothing is executed\n", deploy_action_name(a));
    sbuf_printf(&b, "-- state: %s: %s\n", deploy_state_name(st.state), st.explanation);
    bool ok = false;
    switch (a) {
    case DEPLOY_ACTION_INIT:
        ok = deploy_check_init(s, cat, &fail);
        deploy_plan_init_create(s, cat, &sql);
        deploy_plan_init_privileges(s, cat, now_iso, &sql);
        break;
    case DEPLOY_ACTION_PROMOTE:
    case DEPLOY_ACTION_ROLLBACK: {
        ok = a == DEPLOY_ACTION_PROMOTE ? deploy_check_promote(s, cat, &fail)
                                        : deploy_check_rollback(s, cat, &fail);
        char *tx = deploy_plan_swap(s, cat);
        if (tx == NULL)
            b.oom = true;
        else
            deploy_lines_addf(&sql, "%s", tx);
        free(tx);
        deploy_plan_post_swap(s, cat, user, now_iso, &sql);
        break;
    }
    case DEPLOY_ACTION_CLEANUP:
        ok = deploy_check_cleanup(s, cat, &fail);
        deploy_plan_cleanup(s, &sql);
        break;
    }
    if (!ok)
        add_lines(&b, &fail, "-- check failed: ", false);
    if (a == DEPLOY_ACTION_INIT)
        sbuf_puts(&b, "-- grants and the marker record as read before the schemas exist\n");
    add_lines(&b, &sql, "", true);
    char *route = deploy_plan_routing_text(s, cat, a);
    if (route == NULL)
        b.oom = true;
    else
        sbuf_printf(&b, "-- routing: %s\n", route);
    free(route);
    deploy_lines_free(&fail);
    deploy_lines_free(&sql);
    return sbuf_take(&b);
}
