/*
 * deploy_catalog.c: catalog SQL for Materialize (mz_catalog / mz_internal, as
 * in the fact sheet §6) and PostgreSQL (pg_namespace, pg_roles, aclexplode,
 * obj_description), and the parsing of their results. See deploy_catalog.h.
 */
#include "control/deploy_catalog.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Growable string, same idea as deploy_plan.c's (kept static per file). */
struct cbuf {
    char *p;    /* NUL-terminated */
    size_t len; /* used */
    size_t cap; /* allocated */
    bool oom;   /* sticky failure */
};

static void cbuf_printf(struct cbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cbuf_printf(struct cbuf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = true;
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 512;
        while (cap < b->len + (size_t)n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void cbuf_literal(struct cbuf *b, const char *s)
{
    cbuf_printf(b, "'");
    for (const char *q = s; *q; q++)
        cbuf_printf(b, *q == '\'' ? "''" : "%c", *q);
    cbuf_printf(b, "'");
}

static char *cbuf_take(struct cbuf *b, bool *oom)
{
    if (b->oom) {
        free(b->p);
        *oom = true;
        return NULL;
    }
    return b->p;
}

/* "('a', 'b')" of production names, with twins and/or markers. */
static void cbuf_names(struct cbuf *b, const struct deploy_spec *s, bool schemas, bool twins,
                       bool markers)
{
    char twin[2 * CONFIG_NAME_MAX + 2];
    size_t n = schemas ? s->nschemas : s->nclusters;
    bool first = true;
    cbuf_printf(b, "(");
    for (size_t i = 0; i < n; i++) {
        const char *name = schemas ? s->schemas[i] : s->clusters[i];
        cbuf_printf(b, "%s", first ? "" : ", ");
        first = false;
        cbuf_literal(b, name);
        if (twins) {
            deploy_twin_name(s, name, twin, sizeof twin);
            cbuf_printf(b, ", ");
            cbuf_literal(b, twin);
        }
    }
    if (markers) {
        deploy_twin_name(s, s->marker, twin, sizeof twin);
        cbuf_printf(b, "%s", first ? "" : ", ");
        first = false;
        cbuf_literal(b, s->marker);
        cbuf_printf(b, ", ");
        cbuf_literal(b, twin);
    }
    if (first)
        cbuf_printf(b, "NULL"); /* IN (NULL) matches nothing */
    cbuf_printf(b, ")");
}

const char *deploy_catalog_query_name(enum deploy_catalog_query q)
{
    static const char *const names[DEPLOY_Q_COUNT] = {
        "session",  "roles",          "schemas", "schema grants", "default privileges",
        "clusters", "cluster grants", "sinks"};
    return (unsigned)q < DEPLOY_Q_COUNT ? names[q] : "unknown";
}

static void sql_mz(struct cbuf *b, const struct deploy_spec *s, enum deploy_catalog_query q)
{
    switch (q) {
    case DEPLOY_Q_SESSION:
        cbuf_printf(b, "SELECT current_role::text, current_database()::text, mz_is_superuser(), "
                       "has_system_privilege('CREATECLUSTER'), EXISTS (SELECT 1 FROM "
                       "mz_internal.mz_show_my_database_privileges p WHERE p.name = "
                       "current_database() AND p.privilege_type = 'CREATE'), EXISTS (SELECT 1 "
                       "FROM mz_internal.mz_show_my_database_privileges p WHERE p.name = "
                       "current_database() AND p.privilege_type = 'USAGE')");
        break;
    case DEPLOY_Q_ROLES:
        /* direct memberships; not in the fact sheet: optional (see deploy.c) */
        cbuf_printf(b, "SELECT r.name FROM mz_catalog.mz_role_members m JOIN mz_catalog.mz_roles "
                       "r ON r.id = m.role_id JOIN mz_catalog.mz_roles me ON me.id = m.member "
                       "WHERE me.name = current_role ORDER BY 1");
        break;
    case DEPLOY_Q_SCHEMAS:
        cbuf_printf(b, "SELECT s.name, s.id, r.name, EXISTS (SELECT 1 FROM mz_catalog.mz_sinks k "
                       "WHERE k.schema_id = s.id), EXISTS (SELECT 1 FROM mz_catalog.mz_objects o "
                       "WHERE o.schema_id = s.id AND o.id LIKE 'u%%'), (SELECT c.comment FROM "
                       "mz_internal.mz_comments c WHERE c.id = s.id AND c.object_type = 'schema' "
                       "AND c.object_sub_id IS NULL LIMIT 1) FROM mz_catalog.mz_schemas s "
                       "JOIN mz_catalog.mz_databases d ON d.id = s.database_id LEFT JOIN "
                       "mz_catalog.mz_roles r ON r.id = "
                       "s.owner_id WHERE d.name = current_database() AND s.name IN ");
        cbuf_names(b, s, true, true, true);
        break;
    case DEPLOY_Q_SCHEMA_GRANTS:
        cbuf_printf(b, "SELECT s.name, COALESCE(g.name, 'PUBLIC'), a.privilege_type FROM "
                       "mz_catalog.mz_schemas s JOIN mz_catalog.mz_databases d ON d.id = "
                       "s.database_id CROSS JOIN mz_internal.mz_aclexplode(s.privileges) a LEFT "
                       "JOIN mz_catalog.mz_roles g ON g.id = a.grantee WHERE d.name = "
                       "current_database() AND s.name IN ");
        cbuf_names(b, s, true, true, false);
        cbuf_printf(b, " ORDER BY 1, 2, 3");
        break;
    case DEPLOY_Q_DEFAULT_PRIVS:
        cbuf_printf(b, "SELECT p.schema, p.object_owner, p.object_type, p.grantee, "
                       "p.privilege_type FROM mz_internal.mz_show_default_privileges p WHERE "
                       "p.database = current_database() AND p.schema IN ");
        cbuf_names(b, s, true, false, false);
        cbuf_printf(b, " ORDER BY 1, 2, 3, 4, 5");
        break;
    case DEPLOY_Q_CLUSTERS:
        cbuf_printf(b, "SELECT c.name, c.id, r.name, c.managed, c.size, c.replication_factor, "
                       "sc.type, sc.refresh_hydration_time_estimate::text, EXISTS (SELECT 1 FROM "
                       "mz_catalog.mz_sinks k WHERE k.cluster_id = c.id), EXISTS (SELECT 1 FROM "
                       "mz_catalog.mz_objects o WHERE o.cluster_id = c.id AND o.id LIKE 'u%%' AND "
                       "o.type IN ('index', 'materialized-view', 'source', 'sink')) FROM "
                       "mz_catalog.mz_clusters c LEFT JOIN mz_catalog.mz_roles r ON r.id = "
                       "c.owner_id LEFT JOIN mz_internal.mz_cluster_schedules sc ON sc.cluster_id "
                       "= c.id WHERE c.name IN ");
        cbuf_names(b, s, false, true, false);
        break;
    case DEPLOY_Q_CLUSTER_GRANTS:
        cbuf_printf(b,
                    "SELECT c.name, COALESCE(g.name, 'PUBLIC'), a.privilege_type FROM "
                    "mz_catalog.mz_clusters c CROSS JOIN mz_internal.mz_aclexplode(c.privileges) "
                    "a LEFT JOIN mz_catalog.mz_roles g ON g.id = a.grantee WHERE c.name IN ");
        cbuf_names(b, s, false, true, false);
        cbuf_printf(b, " ORDER BY 1, 2, 3");
        break;
    case DEPLOY_Q_SINKS:
        /* mz_object_dependencies is not in the fact sheet: optional (see deploy.c) */
        cbuf_printf(b, "SELECT sd.name, ss.name, k.name, od.name, os.name, o.name FROM "
                       "mz_catalog.mz_sinks k JOIN mz_catalog.mz_schemas ss ON ss.id = "
                       "k.schema_id JOIN mz_catalog.mz_databases sd ON sd.id = ss.database_id "
                       "JOIN mz_internal.mz_object_dependencies dep ON dep.object_id = k.id JOIN "
                       "mz_catalog.mz_objects o ON o.id = dep.referenced_object_id JOIN "
                       "mz_catalog.mz_schemas os ON os.id = o.schema_id JOIN "
                       "mz_catalog.mz_databases od ON od.id = os.database_id WHERE od.name = "
                       "current_database() AND os.name IN ");
        cbuf_names(b, s, true, true, false);
        cbuf_printf(b, " ORDER BY 1, 2, 3");
        break;
    }
}

static bool sql_pg(struct cbuf *b, const struct deploy_spec *s, enum deploy_catalog_query q)
{
    switch (q) {
    case DEPLOY_Q_SESSION:
        cbuf_printf(b, "SELECT current_user::text, current_database()::text, r.rolsuper, true, "
                       "has_database_privilege(current_database(), 'CREATE'), "
                       "has_database_privilege(current_database(), 'CONNECT') FROM pg_roles r "
                       "WHERE r.rolname = current_user");
        return true;
    case DEPLOY_Q_ROLES:
        /* ownership rights come with USAGE-membership (inherited privileges) */
        cbuf_printf(b, "SELECT r.rolname::text FROM pg_roles r WHERE r.rolname <> current_user "
                       "AND pg_has_role(current_user, r.oid, 'USAGE') ORDER BY 1");
        return true;
    case DEPLOY_Q_SCHEMAS:
        cbuf_printf(b, "SELECT n.nspname::text, n.oid::text, r.rolname::text, false, EXISTS "
                       "(SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid) OR EXISTS "
                       "(SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid), "
                       "obj_description(n.oid, 'pg_namespace') FROM pg_namespace n JOIN pg_roles "
                       "r ON r.oid = n.nspowner WHERE n.nspname IN ");
        cbuf_names(b, s, true, true, true);
        return true;
    case DEPLOY_Q_SCHEMA_GRANTS:
        cbuf_printf(b, "SELECT n.nspname::text, COALESCE(g.rolname::text, 'PUBLIC'), "
                       "a.privilege_type FROM pg_namespace n CROSS JOIN LATERAL "
                       "aclexplode(n.nspacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee WHERE "
                       "n.nspname IN ");
        cbuf_names(b, s, true, true, false);
        cbuf_printf(b, " ORDER BY 1, 2, 3");
        return true;
    case DEPLOY_Q_DEFAULT_PRIVS:
        cbuf_printf(b, "SELECT n.nspname::text, pg_get_userbyid(d.defaclrole)::text, CASE "
                       "d.defaclobjtype WHEN 'r' THEN 'table' WHEN 'S' THEN 'sequence' WHEN 'f' "
                       "THEN 'function' WHEN 'T' THEN 'type' WHEN 'n' THEN 'schema' ELSE "
                       "d.defaclobjtype::text END, COALESCE(g.rolname::text, 'PUBLIC'), "
                       "a.privilege_type FROM pg_default_acl d JOIN pg_namespace n ON n.oid = "
                       "d.defaclnamespace CROSS JOIN LATERAL aclexplode(d.defaclacl) a LEFT JOIN "
                       "pg_roles g ON g.oid = a.grantee WHERE n.nspname IN ");
        cbuf_names(b, s, true, false, false);
        cbuf_printf(b, " ORDER BY 1, 2, 3, 4, 5");
        return true;
    case DEPLOY_Q_CLUSTERS:
    case DEPLOY_Q_CLUSTER_GRANTS:
    case DEPLOY_Q_SINKS:
        return false; /* no clusters, no sinks */
    }
    return false;
}

char *deploy_catalog_sql(const struct deploy_spec *s, enum deploy_catalog_query q, bool *oom)
{
    struct cbuf b = {0};
    *oom = false;
    if (s->dialect == CONFIG_DIALECT_POSTGRES) {
        if (!sql_pg(&b, s, q))
            return NULL;
    } else {
        if ((q == DEPLOY_Q_CLUSTERS || q == DEPLOY_Q_CLUSTER_GRANTS) && s->nclusters == 0)
            return NULL;
        sql_mz(&b, s, q);
    }
    return cbuf_take(&b, oom);
}

/* ---- parsing ----------------------------------------------------------- */

static bool fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

static const char *val(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

static bool vbool(const PGresult *r, int row, int col)
{
    const char *v = val(r, row, col);
    return v && (v[0] == 't' || v[0] == 'T' || v[0] == '1');
}

/* Copies a value; false if it does not fit (a name too long is refused, not cut). */
static bool vcopy(char *dst, size_t dstlen, const PGresult *r, int row, int col)
{
    const char *v = val(r, row, col);
    if (v == NULL)
        v = "";
    if (strlen(v) >= dstlen)
        return false;
    memcpy(dst, v, strlen(v) + 1);
    return true;
}

static bool need_cols(const PGresult *r, int n, enum deploy_catalog_query q, char *err,
                      size_t errlen)
{
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        return fail(err, errlen, "%s query: %s", deploy_catalog_query_name(q),
                    PQresStatus(PQresultStatus(r)));
    if (PQnfields(r) != n)
        return fail(err, errlen, "%s query: %d columns, expected %d", deploy_catalog_query_name(q),
                    PQnfields(r), n);
    return true;
}

/* Which configured object a name is: production (twin=false) or twin. */
static bool find_name(const struct deploy_spec *s, bool schemas, const char *name, size_t *idx,
                      bool *twin)
{
    char t[2 * CONFIG_NAME_MAX + 2];
    size_t n = schemas ? s->nschemas : s->nclusters;
    for (size_t i = 0; i < n; i++) {
        const char *base = schemas ? s->schemas[i] : s->clusters[i];
        if (strcmp(name, base) == 0) {
            *idx = i;
            *twin = false;
            return true;
        }
        deploy_twin_name(s, base, t, sizeof t);
        if (strcmp(name, t) == 0) {
            *idx = i;
            *twin = true;
            return true;
        }
    }
    return false;
}

static bool add_grant(struct deploy_object *o, const PGresult *r, int row, char *err, size_t errlen)
{
    if (o->ngrants >= DEPLOY_MAX_GRANTS)
        return fail(err, errlen, "more than %d grants on one object", DEPLOY_MAX_GRANTS);
    struct deploy_grant *g = &o->grants[o->ngrants];
    if (!vcopy(g->grantee, sizeof g->grantee, r, row, 1) ||
        !vcopy(g->privilege, sizeof g->privilege, r, row, 2))
        return fail(err, errlen, "grant value too long");
    o->ngrants++;
    return true;
}

static bool parse_session(const PGresult *r, struct deploy_catalog *cat, char *err, size_t errlen)
{
    if (PQntuples(r) != 1)
        return fail(err, errlen, "session query: %d rows, expected 1", PQntuples(r));
    if (!vcopy(cat->current_role, sizeof cat->current_role, r, 0, 0) ||
        !vcopy(cat->database, sizeof cat->database, r, 0, 1))
        return fail(err, errlen, "session query: name too long");
    cat->superuser = vbool(r, 0, 2);
    cat->create_cluster = vbool(r, 0, 3);
    cat->db_create = vbool(r, 0, 4);
    cat->db_usage = vbool(r, 0, 5);
    return true;
}

static bool parse_schemas(const struct deploy_spec *s, const PGresult *r,
                          struct deploy_catalog *cat, char *err, size_t errlen)
{
    char mtwin[2 * CONFIG_NAME_MAX + 2];
    deploy_twin_name(s, s->marker, mtwin, sizeof mtwin);
    for (int row = 0; row < PQntuples(r); row++) {
        const char *name = val(r, row, 0);
        if (name == NULL)
            continue;
        struct deploy_marker *m = NULL;
        if (strcmp(name, s->marker) == 0)
            m = &cat->marker;
        else if (strcmp(name, mtwin) == 0)
            m = &cat->marker_twin;
        if (m != NULL) {
            m->exists = true;
            m->has_comment = val(r, row, 5) != NULL;
            if (!vcopy(m->id, sizeof m->id, r, row, 1) ||
                !vcopy(m->comment, sizeof m->comment, r, row, 5))
                return fail(err, errlen, "marker %s: id or comment too long", name);
            continue;
        }
        size_t i;
        bool twin;
        if (!find_name(s, true, name, &i, &twin))
            continue;
        struct deploy_object *o = twin ? &cat->schemas[i].twin : &cat->schemas[i].prod;
        o->exists = true;
        if (!vcopy(o->id, sizeof o->id, r, row, 1) || !vcopy(o->owner, sizeof o->owner, r, row, 2))
            return fail(err, errlen, "schema %s: id or owner too long", name);
        o->has_sinks = vbool(r, row, 3);
        o->has_objects = vbool(r, row, 4);
    }
    return true;
}

static bool parse_grants(const struct deploy_spec *s, bool schemas, const PGresult *r,
                         struct deploy_catalog *cat, char *err, size_t errlen)
{
    for (int row = 0; row < PQntuples(r); row++) {
        const char *name = val(r, row, 0);
        size_t i;
        bool twin;
        if (name == NULL || !find_name(s, schemas, name, &i, &twin))
            continue;
        struct deploy_object *o = schemas
                                      ? (twin ? &cat->schemas[i].twin : &cat->schemas[i].prod)
                                      : (twin ? &cat->clusters[i].twin : &cat->clusters[i].prod);
        if (!add_grant(o, r, row, err, errlen))
            return false;
    }
    return true;
}

static bool parse_defprivs(const struct deploy_spec *s, const PGresult *r,
                           struct deploy_catalog *cat, char *err, size_t errlen)
{
    for (int row = 0; row < PQntuples(r); row++) {
        const char *name = val(r, row, 0);
        size_t i;
        bool twin;
        if (name == NULL || !find_name(s, true, name, &i, &twin) || twin)
            continue;
        struct deploy_schema_info *si = &cat->schemas[i];
        if (si->ndefprivs >= DEPLOY_MAX_DEFPRIVS)
            return fail(err, errlen, "more than %d default privileges on schema %s",
                        DEPLOY_MAX_DEFPRIVS, name);
        struct deploy_default_priv *d = &si->defprivs[si->ndefprivs];
        if (!vcopy(d->owner, sizeof d->owner, r, row, 1) ||
            !vcopy(d->object_type, sizeof d->object_type, r, row, 2) ||
            !vcopy(d->grantee, sizeof d->grantee, r, row, 3) ||
            !vcopy(d->privilege, sizeof d->privilege, r, row, 4))
            return fail(err, errlen, "default privilege value too long");
        for (char *c = d->object_type; *c; c++) /* "TABLE" or "table": normalize */
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        si->ndefprivs++;
    }
    return true;
}

static bool parse_clusters(const struct deploy_spec *s, const PGresult *r,
                           struct deploy_catalog *cat, char *err, size_t errlen)
{
    for (int row = 0; row < PQntuples(r); row++) {
        const char *name = val(r, row, 0);
        size_t i;
        bool twin;
        if (name == NULL || !find_name(s, false, name, &i, &twin))
            continue;
        struct deploy_cluster_info *ci = &cat->clusters[i];
        struct deploy_object *o = twin ? &ci->twin : &ci->prod;
        o->exists = true;
        if (!vcopy(o->id, sizeof o->id, r, row, 1) || !vcopy(o->owner, sizeof o->owner, r, row, 2))
            return fail(err, errlen, "cluster %s: id or owner too long", name);
        o->has_sinks = vbool(r, row, 8);
        o->has_objects = vbool(r, row, 9);
        if (twin)
            continue;
        ci->managed = vbool(r, row, 3);
        const char *rf = val(r, row, 5), *type = val(r, row, 6);
        ci->replication_factor = rf ? atoi(rf) : -1;
        ci->on_refresh = type && strcmp(type, "on-refresh") == 0;
        if (!vcopy(ci->size, sizeof ci->size, r, row, 4) ||
            !vcopy(ci->hydration_estimate, sizeof ci->hydration_estimate, r, row, 7))
            return fail(err, errlen, "cluster %s: size too long", name);
    }
    return true;
}

static bool parse_sinks(const struct deploy_spec *s, const PGresult *r, struct deploy_catalog *cat,
                        char *err, size_t errlen)
{
    for (int row = 0; row < PQntuples(r); row++) {
        if (cat->nsinks >= DEPLOY_MAX_SINKS)
            return fail(err, errlen, "more than %d sinks to re-point", DEPLOY_MAX_SINKS);
        struct deploy_sink *k = &cat->sinks[cat->nsinks];
        if (!vcopy(k->database, sizeof k->database, r, row, 0) ||
            !vcopy(k->schema, sizeof k->schema, r, row, 1) ||
            !vcopy(k->name, sizeof k->name, r, row, 2) ||
            !vcopy(k->up_database, sizeof k->up_database, r, row, 3) ||
            !vcopy(k->up_schema, sizeof k->up_schema, r, row, 4) ||
            !vcopy(k->up_name, sizeof k->up_name, r, row, 5))
            return fail(err, errlen, "sink name too long");
        size_t i;
        bool twin;
        if (find_name(s, true, k->up_schema, &i, &twin)) /* re-point to the production name */
            snprintf(k->up_schema, sizeof k->up_schema, "%s", s->schemas[i]);
        cat->nsinks++;
    }
    return true;
}

bool deploy_catalog_parse(const struct deploy_spec *s, enum deploy_catalog_query q,
                          const PGresult *r, struct deploy_catalog *cat, char *err, size_t errlen)
{
    static const int ncols[DEPLOY_Q_COUNT] = {6, 1, 6, 3, 5, 10, 3, 6};
    if ((unsigned)q >= DEPLOY_Q_COUNT)
        return fail(err, errlen, "unknown catalog query %d", (int)q);
    if (!need_cols(r, ncols[q], q, err, errlen))
        return false;
    switch (q) {
    case DEPLOY_Q_SESSION:
        return parse_session(r, cat, err, errlen);
    case DEPLOY_Q_ROLES:
        for (int row = 0; row < PQntuples(r); row++) {
            if (cat->nmember_of >= DEPLOY_MAX_ROLES)
                break; /* more memberships only make the check stricter */
            if (vcopy(cat->member_of[cat->nmember_of], sizeof cat->member_of[0], r, row, 0))
                cat->nmember_of++;
        }
        return true;
    case DEPLOY_Q_SCHEMAS:
        return parse_schemas(s, r, cat, err, errlen);
    case DEPLOY_Q_SCHEMA_GRANTS:
        return parse_grants(s, true, r, cat, err, errlen);
    case DEPLOY_Q_DEFAULT_PRIVS:
        return parse_defprivs(s, r, cat, err, errlen);
    case DEPLOY_Q_CLUSTERS:
        return parse_clusters(s, r, cat, err, errlen);
    case DEPLOY_Q_CLUSTER_GRANTS:
        return parse_grants(s, false, r, cat, err, errlen);
    case DEPLOY_Q_SINKS:
        return parse_sinks(s, r, cat, err, errlen);
    }
    return false;
}

/* ---- await ------------------------------------------------------------- */

const char *deploy_cluster_status_name(enum deploy_cluster_status st)
{
    switch (st) {
    case DEPLOY_CLUSTER_READY:
        return "ready";
    case DEPLOY_CLUSTER_HYDRATING:
        return "hydrating";
    case DEPLOY_CLUSTER_LAGGING:
        return "lagging";
    case DEPLOY_CLUSTER_FAILING:
        return "failing";
    }
    return "unknown";
}

char *deploy_session_alive_sql(const struct deploy_spec *s, uint32_t backend_key)
{
    char *sql = NULL;
    int n;
    if (s->dialect == CONFIG_DIALECT_POSTGRES)
        n = asprintf(&sql,
                     "SELECT pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity "
                     "WHERE pid = %d",
                     (int)backend_key);
    else
        n = asprintf(&sql,
                     "SELECT connection_id FROM mz_internal.mz_sessions WHERE connection_id = %u",
                     backend_key);
    return n < 0 ? NULL : sql;
}

char *deploy_await_sql(const struct deploy_spec *s, bool *oom)
{
    *oom = false;
    if (s->dialect == CONFIG_DIALECT_POSTGRES || s->nclusters == 0)
        return NULL;
    struct cbuf b = {0};
    char twin[2 * CONFIG_NAME_MAX + 2];
    /* One row per deployment cluster, in config order. Counts are taken per
     * replica and the best replica wins, as deploy_await does; unlike its
     * query, a cluster without objects is not read as hydrating. */
    cbuf_printf(&b, "WITH names (ord, name) AS (VALUES ");
    for (size_t i = 0; i < s->nclusters; i++) {
        deploy_twin_name(s, s->clusters[i], twin, sizeof twin);
        cbuf_printf(&b, "%s(%zu, ", i ? ", " : "", i);
        cbuf_literal(&b, twin);
        cbuf_printf(&b, ")");
    }
    cbuf_printf(
        &b,
        "), cl AS (SELECT n.ord, n.name, c.id FROM names n LEFT JOIN mz_catalog.mz_clusters c ON "
        "c.name = n.name), objs AS (SELECT i.id, i.cluster_id FROM mz_catalog.mz_indexes i "
        "WHERE i.id LIKE 'u%%' UNION ALL SELECT m.id, m.cluster_id FROM "
        "mz_catalog.mz_materialized_views m WHERE m.id LIKE 'u%%'), problem AS (SELECT "
        "h.replica_id FROM mz_internal.mz_cluster_replica_status_history h WHERE h.reason = "
        "'oom-killed' AND h.occurred_at > now() - INTERVAL '24 hours' GROUP BY h.replica_id "
        "HAVING count(*) >= 3), per_replica AS (SELECT r.cluster_id, r.id, (SELECT count(*) FROM "
        "mz_internal.mz_hydration_statuses h JOIN objs o ON o.id = h.object_id WHERE "
        "h.replica_id = r.id AND o.cluster_id = r.cluster_id AND h.hydrated) AS hydrated FROM "
        "mz_catalog.mz_cluster_replicas r), lags AS (SELECT o.cluster_id, o.id, l.lag FROM objs "
        "o JOIN mz_internal.mz_wallclock_global_lag l ON l.object_id = o.id) SELECT cl.name, "
        "cl.id IS NOT NULL, (SELECT count(*) FROM mz_catalog.mz_cluster_replicas r WHERE "
        "r.cluster_id = cl.id), (SELECT count(*) FROM mz_catalog.mz_cluster_replicas r WHERE "
        "r.cluster_id = cl.id AND r.id IN (SELECT replica_id FROM problem)), (SELECT count(*) "
        "FROM objs o WHERE o.cluster_id = cl.id), (SELECT COALESCE(max(p.hydrated), 0) FROM "
        "per_replica p WHERE p.cluster_id = cl.id), (SELECT (EXTRACT(EPOCH FROM max(x.lag)) * "
        "1000)::bigint FROM lags x WHERE x.cluster_id = cl.id), (SELECT x.id || ' ' || "
        "COALESCE(ob.name, '') FROM lags x LEFT JOIN mz_catalog.mz_objects ob ON ob.id = x.id "
        "WHERE x.cluster_id = cl.id ORDER BY x.lag DESC, x.id LIMIT 1) FROM cl ORDER BY cl.ord");
    return cbuf_take(&b, oom);
}

void deploy_await_trivial(const struct deploy_spec *s, struct deploy_await_status *out)
{
    memset(out, 0, sizeof *out);
    out->all_ready = true;
    (void)s;
}

bool deploy_await_parse(const struct deploy_spec *s, const PGresult *r, int64_t lag_threshold_ms,
                        struct deploy_await_status *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        return fail(err, errlen, "await query: %s", PQresStatus(PQresultStatus(r)));
    if (PQnfields(r) != 8)
        return fail(err, errlen, "await query: %d columns, expected 8", PQnfields(r));
    if ((size_t)PQntuples(r) != s->nclusters)
        return fail(err, errlen, "await query: %d rows, expected %zu", PQntuples(r), s->nclusters);
    out->all_ready = true;
    for (int row = 0; row < PQntuples(r); row++) {
        struct deploy_await_cluster *c = &out->clusters[out->n++];
        if (!vcopy(c->name, sizeof c->name, r, row, 0) ||
            !vcopy(c->worst_object, sizeof c->worst_object, r, row, 7))
            return fail(err, errlen, "await query: name too long");
        bool exists = vbool(r, row, 1);
        c->replicas = val(r, row, 2) ? atol(val(r, row, 2)) : 0;
        long problematic = val(r, row, 3) ? atol(val(r, row, 3)) : 0;
        c->total = val(r, row, 4) ? atol(val(r, row, 4)) : 0;
        c->hydrated = val(r, row, 5) ? atol(val(r, row, 5)) : 0;
        c->worst_lag_ms = val(r, row, 6) ? atoll(val(r, row, 6)) : -1;
        if (!exists) {
            c->status = DEPLOY_CLUSTER_FAILING;
            snprintf(c->reason, sizeof c->reason, "cluster not found");
        } else if (c->replicas == 0) {
            c->status = DEPLOY_CLUSTER_FAILING;
            snprintf(c->reason, sizeof c->reason, "no replicas");
        } else if (problematic >= c->replicas) {
            c->status = DEPLOY_CLUSTER_FAILING;
            snprintf(c->reason, sizeof c->reason,
                     "every replica oom-killed 3 or more times in the last 24 hours");
        } else if (c->hydrated < c->total) {
            c->status = DEPLOY_CLUSTER_HYDRATING;
        } else if (c->total > 0 && c->worst_lag_ms > lag_threshold_ms) {
            c->status = DEPLOY_CLUSTER_LAGGING;
        } else {
            c->status = DEPLOY_CLUSTER_READY; /* including a cluster with no objects */
        }
        if (c->status != DEPLOY_CLUSTER_READY)
            out->all_ready = false;
    }
    return true;
}

char *deploy_await_summary(const struct deploy_await_status *st, bool only_laggards)
{
    struct cbuf b = {0};
    bool oom = false, first = true;
    for (size_t i = 0; i < st->n; i++) {
        const struct deploy_await_cluster *c = &st->clusters[i];
        if (only_laggards && c->status == DEPLOY_CLUSTER_READY)
            continue;
        cbuf_printf(&b, "%s%s %s %ld/%ld", first ? "" : "; ", c->name,
                    deploy_cluster_status_name(c->status), c->hydrated, c->total);
        first = false;
        if (c->worst_lag_ms >= 0)
            cbuf_printf(&b, " lag %lldms (%s)", (long long)c->worst_lag_ms, c->worst_object);
        if (c->reason[0])
            cbuf_printf(&b, ": %s", c->reason);
    }
    if (first)
        cbuf_printf(&b, "%s", st->n == 0 ? "no clusters to await" : "all ready");
    return cbuf_take(&b, &oom);
}
