/*
 * feature.c: the list of session features and the dispatchers the core
 * calls (feature.h). The only file that names every feature.
 */
#include "proxy/feature.h"

#include "proxy/fleetgate.h"
#include "proxy/subscribe/subscribe.h"
#include "proxy/swapwatch.h"

/* In the order the core asks them: SUBSCRIBE carry-over first, so that a
 * backend message its carry-over consumes is never seen by swap watching
 * (the order the relay called them in before the hook table). The tables
 * themselves, not getters: the dispatchers run for every message of every
 * session, and a call per feature per hook was a visible share of the
 * relay's own CPU. */
static const struct session_feature *const feature_list[] = {
    &fleetgate_feature, /* a fleet member's fence decides before anything is routed */
    &subscribe_feature,
    &swapwatch_feature,
};
#define FEATURE_COUNT (sizeof feature_list / sizeof feature_list[0])

bool feature_watches_client(const struct conn *c)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->watches_client && f->watches_client(c))
            return true;
    }
    return false;
}

bool feature_holds_client(const struct conn *c, uint8_t type)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->holds_client && f->holds_client(c, type))
            return true;
    }
    return false;
}

enum feature_verdict feature_on_client_message(struct conn *c, const struct wire_frame *fr,
                                               struct evbuffer *in)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->on_client_message == NULL)
            continue;
        enum feature_verdict v = f->on_client_message(c, fr, in);
        if (v != FEATURE_PASS)
            return v;
    }
    return FEATURE_PASS;
}

bool feature_passes_barrier(const struct conn *c)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->passes_barrier && f->passes_barrier(c))
            return true;
    }
    return false;
}

bool feature_admits_statements(const struct conn *c)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->admits_statements && f->admits_statements(c))
            return true;
    }
    return false;
}

/* True when every feature that admits c's statements would pass this one. */
bool feature_passes_statement(const struct conn *c, const char *sql, size_t len)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->admits_statements && f->admits_statements(c) &&
            !(f->passes_statement && f->passes_statement(c, sql, len)))
            return false;
    }
    return true;
}

enum feature_verdict feature_admit_statement(struct conn *c, const char *sql, size_t len)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->admit_statement == NULL || !f->admits_statements(c))
            continue;
        enum feature_verdict v = f->admit_statement(c, sql, len);
        if (v != FEATURE_PASS)
            return v;
    }
    return FEATURE_PASS;
}

bool feature_tracks_statements(const struct conn *c)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->tracks_statements && f->tracks_statements(c))
            return true;
    }
    return false;
}

void feature_on_statement(struct conn *c, const char *sql, size_t len, const char *sent,
                          size_t sent_len)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->on_statement && f->tracks_statements(c))
            f->on_statement(c, sql, len, sent, sent_len);
    }
}

bool feature_watches_backend(const struct conn *c)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->watches_backend && f->watches_backend(c))
            return true;
    }
    return false;
}

bool feature_wants_backend_message(const struct conn *c, uint8_t type)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->wants_backend_message && f->wants_backend_message(c, type))
            return true;
    }
    return false;
}

enum feature_verdict feature_on_backend_message(struct conn *c, const uint8_t *msg, size_t len)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->on_backend_message == NULL)
            continue;
        enum feature_verdict v = f->on_backend_message(c, msg, len);
        if (v != FEATURE_PASS)
            return v;
    }
    return FEATURE_PASS;
}

void feature_on_ready(struct conn *c, uint8_t tx)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->on_ready)
            f->on_ready(c, tx);
    }
}

bool feature_lets_barrier_pass(const struct conn *c)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->lets_barrier_pass && f->lets_barrier_pass(c))
            return true;
    }
    return false;
}

bool feature_on_cancel(struct conn *c)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->on_cancel && f->on_cancel(c))
            return true;
    }
    return false;
}

void feature_on_close(struct conn *c)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->on_close)
            f->on_close(c);
    }
}

void feature_on_free(struct conn *c)
{
    for (size_t i = 0; i < FEATURE_COUNT; i++) {
        const struct session_feature *f = feature_list[i];
        if (f->on_free)
            f->on_free(c);
    }
}
