/*
 * command.c: tokenizes and validates admin commands. Pure: no I/O, no
 * allocation, so it can be fuzzed and unit tested directly.
 */
#include "control/command.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_WORDS 16

struct word {
    const char *p; /* start of the word in the line */
    size_t len;    /* bytes */
};

/* Which words name a verb, and which options the verb accepts. */
struct verb_spec {
    enum command_verb verb;
    const char *w1;   /* first word */
    const char *w2;   /* second word, or NULL */
    const char *name; /* canonical text, both words */
    unsigned allowed; /* enum command_flag bits besides CMDF_JSON */
    bool takes_id;    /* one positional argument: a client id */
};

static const struct verb_spec verbs[] = {
    {CMD_STATUS, "status", NULL, "status", 0, false},
    {CMD_DEPLOY_INIT, "deploy", "init", "deploy init", 0, false},
    {CMD_DEPLOY_AWAIT, "deploy", "await", "deploy await",
     CMDF_POLL_INTERVAL | CMDF_LAG_THRESHOLD | CMDF_TIMEOUT, false},
    {CMD_DEPLOY_PROMOTE, "deploy", "promote", "deploy promote",
     CMDF_DRY_RUN | CMDF_WAIT | CMDF_POLL_INTERVAL | CMDF_LAG_THRESHOLD | CMDF_TIMEOUT |
         CMDF_PAUSE_TIMEOUT,
     false},
    {CMD_DEPLOY_CLEANUP, "deploy", "cleanup", "deploy cleanup", CMDF_DRY_RUN, false},
    {CMD_DEPLOY_ROLLBACK, "deploy", "rollback", "deploy rollback",
     CMDF_DRY_RUN | CMDF_PAUSE_TIMEOUT, false},
    {CMD_SHOW_CLIENTS, "show", "clients", "show clients", 0, false},
    {CMD_SHOW_ROUTES, "show", "routes", "show routes", 0, false},
    {CMD_SHOW_CONFIG, "show", "config", "show config", 0, false},
    {CMD_SHOW_STATS, "show", "stats", "show stats", 0, false},
    {CMD_SHOW_SUBSCRIPTIONS, "show", "subscriptions", "show subscriptions", 0, false},
    {CMD_PAUSE, "pause", NULL, "pause", CMDF_TIMEOUT, false},
    {CMD_RESUME, "resume", NULL, "resume", 0, false},
    {CMD_RELOAD, "reload", NULL, "reload", 0, false},
    {CMD_KILL, "kill", NULL, "kill", 0, true},
    {CMD_SHUTDOWN, "shutdown", NULL, "shutdown", CMDF_WAIT, false},
    {CMD_HELP, "help", NULL, "help", 0, false},
    {CMD_FLEET, "fleet", NULL, "fleet", 0, false},
};

/* Options: name, the flag it sets, whether it takes a duration value. */
struct option_spec {
    const char *name;
    unsigned flag;
    bool has_value;
};

static const struct option_spec options[] = {
    {"json", CMDF_JSON, false},
    {"dry-run", CMDF_DRY_RUN, false},
    {"wait", CMDF_WAIT, false},
    {"poll-interval", CMDF_POLL_INTERVAL, true},
    {"lag-threshold", CMDF_LAG_THRESHOLD, true},
    {"timeout", CMDF_TIMEOUT, true},
    {"pause-timeout", CMDF_PAUSE_TIMEOUT, true},
};

static bool word_is(const struct word *w, const char *s)
{
    size_t n = strlen(s);
    return w->len == n && memcmp(w->p, s, n) == 0;
}

static size_t split_words(const char *line, size_t len, struct word *words, size_t max,
                          bool *overflow)
{
    size_t n = 0;
    size_t i = 0;
    *overflow = false;
    while (i < len) {
        while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            i++;
        if (i >= len)
            break;
        size_t start = i;
        while (i < len && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            i++;
        if (n == max) {
            *overflow = true;
            return n;
        }
        words[n].p = line + start;
        words[n].len = i - start;
        n++;
    }
    return n;
}

bool command_parse_duration(const char *s, size_t len, int64_t *ms)
{
    /* Digits with at most one '.', then an optional unit. Kept free of
     * strtod so that "nan", "1e9" and locale quirks cannot slip through. */
    size_t i = 0;
    int64_t whole = 0;
    int64_t frac = 0;
    int64_t frac_div = 1;
    bool digits = false;
    while (i < len && isdigit((unsigned char)s[i])) {
        if (whole > 1000000000LL)
            return false;
        whole = whole * 10 + (s[i] - '0');
        digits = true;
        i++;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && isdigit((unsigned char)s[i])) {
            if (frac_div < 1000000) {
                frac = frac * 10 + (s[i] - '0');
                frac_div *= 10;
            }
            digits = true;
            i++;
        }
    }
    if (!digits)
        return false;
    const char *unit = s + i;
    size_t ulen = len - i;
    int64_t scale;
    if (ulen == 0 || (ulen == 1 && unit[0] == 's'))
        scale = 1000;
    else if (ulen == 2 && memcmp(unit, "ms", 2) == 0)
        scale = 1;
    else if ((ulen == 1 && unit[0] == 'm') || (ulen == 3 && memcmp(unit, "min", 3) == 0))
        scale = 60 * 1000;
    else if (ulen == 1 && unit[0] == 'h')
        scale = 3600 * 1000;
    else
        return false;
    *ms = whole * scale + frac * scale / frac_div;
    return true;
}

static const struct option_spec *find_option(const struct word *w, size_t *name_len)
{
    /* w starts with "--"; the name ends at '=' or the word's end. */
    const char *name = w->p + 2;
    size_t n = w->len - 2;
    const char *eq = memchr(name, '=', n);
    if (eq)
        n = (size_t)(eq - name);
    *name_len = n;
    for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
        if (strlen(options[i].name) == n && memcmp(options[i].name, name, n) == 0)
            return &options[i];
    }
    return NULL;
}

static int64_t *option_target(struct command *c, unsigned flag)
{
    switch (flag) {
    case CMDF_POLL_INTERVAL:
        return &c->poll_interval_ms;
    case CMDF_LAG_THRESHOLD:
        return &c->lag_threshold_ms;
    case CMDF_TIMEOUT:
        return &c->timeout_ms;
    case CMDF_PAUSE_TIMEOUT:
        return &c->pause_timeout_ms;
    default:
        return NULL;
    }
}

static bool parse_client_id(const struct word *w, uint64_t *out)
{
    uint64_t v = 0;
    if (w->len == 0 || w->len > 19)
        return false;
    for (size_t i = 0; i < w->len; i++) {
        if (!isdigit((unsigned char)w->p[i]))
            return false;
        v = v * 10 + (uint64_t)(w->p[i] - '0');
    }
    *out = v;
    return true;
}

/* Sets `out`'s flags and durations from the --options among `words` and
 * copies the other (positional) words to `pos`. False with `err` set on an
 * unknown, repeated or malformed option. */
static bool parse_options(const struct word *words, size_t n, struct command *out, struct word *pos,
                          size_t *npos, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        const struct word *w = &words[i];
        if (w->len < 2 || w->p[0] != '-' || w->p[1] != '-') {
            pos[(*npos)++] = *w;
            continue;
        }
        size_t name_len;
        const struct option_spec *o = find_option(w, &name_len);
        if (!o) {
            snprintf(err, errlen, "unknown option '%.*s'", (int)(name_len + 2), w->p);
            return false;
        }
        if (out->flags & o->flag) {
            snprintf(err, errlen, "option --%s given twice", o->name);
            return false;
        }
        out->flags |= o->flag;
        const char *val = NULL;
        size_t vlen = 0;
        if (name_len + 2 < w->len) { /* --name=value */
            val = w->p + name_len + 3;
            vlen = w->len - name_len - 3;
            if (!o->has_value) {
                snprintf(err, errlen, "option --%s takes no value", o->name);
                return false;
            }
        } else if (o->has_value) {
            if (i + 1 >= n) {
                snprintf(err, errlen, "option --%s needs a duration", o->name);
                return false;
            }
            i++;
            val = words[i].p;
            vlen = words[i].len;
        }
        if (o->has_value) {
            int64_t *target = option_target(out, o->flag);
            if (!command_parse_duration(val, vlen, target)) {
                snprintf(err, errlen, "option --%s: '%.*s' is not a duration (e.g. 500ms, 15s, 2m)",
                         o->name, (int)(vlen > 64 ? 64 : vlen), val);
                return false;
            }
        }
    }
    return true;
}

/* The verb that the first one or two positional words name; `used` = how many. NULL if none. */
static const struct verb_spec *find_verb(const struct word *pos, size_t npos, size_t *used)
{
    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
        if (!word_is(&pos[0], verbs[i].w1))
            continue;
        if (verbs[i].w2 == NULL) {
            *used = 1;
            return &verbs[i];
        }
        if (npos >= 2 && word_is(&pos[1], verbs[i].w2)) {
            *used = 2;
            return &verbs[i];
        }
    }
    return NULL;
}

bool command_parse(const char *line, size_t len, struct command *out, char *err, size_t errlen)
{
    struct word words[MAX_WORDS];
    bool overflow;

    memset(out, 0, sizeof(*out));
    out->poll_interval_ms = 15000;
    out->lag_threshold_ms = 1000;
    out->pause_timeout_ms = 10000;

    if (len > COMMAND_LINE_MAX) {
        snprintf(err, errlen, "command longer than %d bytes", COMMAND_LINE_MAX);
        return false;
    }
    if (memchr(line, '\0', len) || memchr(line, '\n', len)) {
        snprintf(err, errlen, "command contains a NUL or newline byte");
        return false;
    }
    size_t n = split_words(line, len, words, MAX_WORDS, &overflow);
    if (overflow) {
        snprintf(err, errlen, "too many words (at most %d)", MAX_WORDS);
        return false;
    }

    /* Separate positional words from options, validating option syntax. */
    struct word pos[MAX_WORDS];
    size_t npos = 0;
    if (!parse_options(words, n, out, pos, &npos, err, errlen))
        return false;

    if (npos == 0) {
        snprintf(err, errlen, "empty command; try 'help'");
        return false;
    }
    size_t used = 0;
    const struct verb_spec *spec = find_verb(pos, npos, &used);
    if (!spec) {
        if (npos >= 2)
            snprintf(err, errlen, "unknown command '%.*s %.*s'; try 'help'",
                     (int)(pos[0].len > 32 ? 32 : pos[0].len), pos[0].p,
                     (int)(pos[1].len > 32 ? 32 : pos[1].len), pos[1].p);
        else
            snprintf(err, errlen, "unknown command '%.*s'; try 'help'",
                     (int)(pos[0].len > 32 ? 32 : pos[0].len), pos[0].p);
        return false;
    }
    out->verb = spec->verb;

    unsigned extra = out->flags & ~(spec->allowed | CMDF_JSON);
    if (extra) {
        for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
            if (extra & options[i].flag) {
                snprintf(err, errlen, "option --%s is not valid for '%s'", options[i].name,
                         command_verb_name(spec->verb));
                return false;
            }
        }
    }
    if (spec->takes_id) {
        if (npos != used + 1 || !parse_client_id(&pos[used], &out->client_id)) {
            snprintf(err, errlen, "'%s' needs one numeric client id",
                     command_verb_name(spec->verb));
            return false;
        }
    } else if (npos != used) {
        snprintf(err, errlen, "'%s' takes no argument '%.*s'", command_verb_name(spec->verb),
                 (int)(pos[used].len > 32 ? 32 : pos[used].len), pos[used].p);
        return false;
    }
    return true;
}

const char *command_verb_name(enum command_verb v)
{
    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
        if (verbs[i].verb == v)
            return verbs[i].name;
    }
    return "?";
}

const char *command_usage(void)
{
    return "status\n"
           "deploy init\n"
           "deploy await [--poll-interval 15s] [--lag-threshold 1s] [--timeout D]\n"
           "deploy promote [--dry-run] [--wait] [--poll-interval 15s] [--lag-threshold 1s]\n"
           "               [--timeout D] [--pause-timeout 10s]\n"
           "deploy cleanup [--dry-run]\n"
           "deploy rollback [--dry-run] [--pause-timeout 10s]\n"
           "show clients | routes | config | stats | subscriptions\n"
           "pause [--timeout D]\n"
           "resume\n"
           "reload\n"
           "kill CLIENT_ID\n"
           "shutdown [--wait]\n"
           "help\n"
           "fleet\n"
           "Any command takes --json for a machine-readable reply.\n";
}
