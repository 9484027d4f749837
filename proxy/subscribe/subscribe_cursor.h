/*
 * subscribe_cursor.h: carrying the cursor form of SUBSCRIBE (`DECLARE c
 * CURSOR FOR SUBSCRIBE ...; FETCH ... c`) over a deployment swap
 * (docs/subscribe.md, "The cursor form").
 *
 * The splice (subscribe_upstream.c) decides the rows exactly as for the
 * plain form; for a cursor its output goes to a FIFO here instead of to the
 * client, and the client's FETCHes take their rows from it: while the old
 * cursor still feeds the splice, a FETCH goes to the server and its rows are
 * replaced by the FIFO's at its CommandComplete; once the old cursor is done
 * (the switch, or the splice no longer needs it) the proxy closes it on the
 * server and answers FETCH (simple or extended protocol) and CLOSE itself.
 */
#ifndef CUTOVER_PROXY_SUBSCRIBE_CURSOR_H
#define CUTOVER_PROXY_SUBSCRIBE_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct conn;
struct evbuffer;
struct subscription;
struct subscribe_cursor;
struct wire_frame;

/* The cursor state of a new cursor subscription; NULL on allocation failure
 * (the subscription is then not carried). */
struct subscribe_cursor *subscribe_cursor_new(struct subscription *s);
/* Frees it (events, FIFO, saved messages). */
void subscribe_cursor_free(struct subscribe_cursor *k);

enum subcur_verdict {
    SUBCUR_PASS,     /* relay the message to the server as usual */
    SUBCUR_CONSUMED, /* answered here; its bytes were drained from the input */
    SUBCUR_WAIT,     /* leave it in the input buffer; the relay is called again later */
};

/*
 * A client message whose 5-byte header is `f`, at the head of `in`, while
 * c->sub is set (relay, client -> server). Notes the FETCHes that go to the
 * server and answers them here once the cursor is carried. May free c->sub,
 * never `c`.
 */
enum subcur_verdict subscribe_cursor_client(struct conn *c, const struct wire_frame *f,
                                            struct evbuffer *in);

/* A whole backend message of a cursor subscription still streaming from its
 * own session (before any swap): bookkeeping only. */
void subscribe_cursor_track(struct subscription *s, const uint8_t *msg, size_t len);

/*
 * A whole backend message of a cursor subscription once a swap started
 * (splicing, carried, or failed). Returns true to forward it to the client,
 * false when consumed here. May free `s` (c->sub NULL), never the conn.
 */
bool subscribe_cursor_old_message(struct subscription *s, const uint8_t *msg, size_t len);

/* The live splice's output for a cursor: queued for the client's FETCHes.
 * The queue has a budget of its own of [subscribe] splice_memory bytes (as
 * each splice has); past it the FIFO is marked overflowed
 * (subscribe_cursor_overflowed) and the carry-over fails with ZC002. */
void subscribe_cursor_sink(struct subscription *s, const uint8_t *msg, size_t len);
bool subscribe_cursor_overflowed(const struct subscription *s);

/* No more rows of the server's old cursor are wanted: it is closed as soon
 * as no FETCH is in flight, and FETCHes are answered here from then on. */
void subscribe_cursor_old_ended(struct subscription *s);
/* The carry-over failed (s->error set): the next FETCH gets ZC002. */
void subscribe_cursor_failed(struct subscription *s);
/* The carried stream ended cleanly (UP TO): FETCHes no longer wait. */
void subscribe_cursor_new_ended(struct subscription *s);

/* A CancelRequest for `c`: ends a FETCH the proxy is holding with 57014.
 * False when there is none (the cancel goes to the server). */
bool subscribe_cursor_cancel(struct conn *c);

/* Cleanup is about to drop the old objects: a FETCH still running on the
 * old cursor is cancelled (the client gets its answer from the FIFO). */
void subscribe_cursor_before_cleanup(struct subscription *s);

/* Whether the server's old cursor is still open (cleanup waits for it). */
bool subscribe_cursor_reads_old(const struct subscription *s);

#endif
