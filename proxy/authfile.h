/*
 * authfile.h: the SCRAM verifiers cutoverd may hold, read from a file in
 * PgBouncer's userlist.txt format, for SCRAM pass-through (docs/scram.md).
 *
 * Format: one user per line, `"name" "SCRAM-SHA-256$<iter>:<salt>$<StoredKey>:<ServerKey>"`;
 * a '"' inside a quoted field is written twice; blank lines and lines whose
 * first non-blank character is ';' are ignored; after the second field only
 * blanks or a ';' comment may follow. Refused, with file:line:
 * - an MD5 verifier ("md5..."): it cannot run SCRAM with the client, so it
 *   would give nothing pass-through needs; users who still have one must
 *   reset their password under password_encryption = scram-sha-256;
 * - a plaintext password: cutoverd never needs one, and a file of them is
 *   a liability (make the verifier from pg_authid, or with a tool);
 * - a malformed verifier, an empty or duplicate user, a broken quote.
 * No error message ever contains a verifier.
 *
 * Reload-safe by construction: authfile_load() builds a new table and never
 * touches the one in use; the caller swaps the pointer when it succeeds and
 * keeps the old table (and says why) when it fails.
 */
#ifndef CUTOVER_PROXY_AUTHFILE_H
#define CUTOVER_PROXY_AUTHFILE_H

#include "protocol/scram.h"

#define AUTHFILE_MAX_BYTES (16u * 1024u * 1024u) /* a file larger than this is refused */

struct authfile; /* opaque: an immutable table of users and verifiers */

/* Parses `len` bytes named `name` (for messages). NULL on error, with a
 * message "name:line: reason" in err (errlen bytes). */
struct authfile *authfile_parse(const char *text, size_t len, const char *name, char *err,
                                size_t errlen);
/* Reads and parses the file at `path`. NULL on error (err as above, or
 * "path: <errno text>"). */
struct authfile *authfile_load(const char *path, char *err, size_t errlen);
/* The verifier for `user`, or NULL (then the session falls back to relaying
 * authentication). Points into the table: valid until authfile_free(). */
const struct scram_verifier *authfile_lookup(const struct authfile *a, const char *user);
/* Number of users. */
size_t authfile_count(const struct authfile *a);
/* Wipes the verifiers and frees; NULL is fine. */
void authfile_free(struct authfile *a);

#endif
