SELECT a.product_id, max(b.amount) AS total
FROM "Staging ""Q""".sessions AS a
JOIN marts_dbt_deploy.orders b ON a.id = b.customer_id
WHERE a.status = 'staging.payments' AND b.amount > 463
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 432;
-- ;;
SELECT a.id, min(b.id) AS total
FROM raw.products AS a
JOIN "Staging ""Q""".products b ON a.id = b.status
WHERE a.status = 'raw.customers' AND b.id > 635
GROUP BY a.id
ORDER BY total DESC
LIMIT 43;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."line_items";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."Staging ""Q"""."line_items";
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.qty, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "public"."orders";
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.region, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET search_path TO analytics_dbt_deploy, marts_dbt_deploy, raw;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
SELECT a.amount, max(b.created_at) AS total
FROM analytics_dbt_deploy.products AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.status
WHERE a.status = 'raw.events' AND b.created_at > 108
GROUP BY a.amount
ORDER BY total DESC
LIMIT 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.raw.customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q"""."payments";
-- ;;
SELECT a.customer_id, sum(b.id) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN public.sessions b ON a.id = b.status
WHERE a.status = 'marts.events' AND b.id > 610
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 183;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SELECT a.region, min(b.product_id) AS total
FROM marts_dbt_deploy.sessions AS a
JOIN materialize.marts_dbt_deploy.products b ON a.id = b.product_id
WHERE a.status = 'public.products' AND b.product_id > 480
GROUP BY a.region
ORDER BY total DESC
LIMIT 252;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.customer_id, avg(b.id) AS total
FROM raw.orders AS a
JOIN "Staging ""Q""".products b ON a.id = b.id
WHERE a.status = 'public.payments' AND b.id > 813
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 225;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE INDEX idx_65 IN CLUSTER "compute_dbt_deploy" ON raw.payments (id);
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.line_items)) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.events;
-- ;;
SELECT a.qty, sum(b.status) AS total
FROM analytics_dbt_deploy.payments AS a
JOIN "materialize"."marts_dbt_deploy"."payments" b ON a.id = b.product_id
WHERE a.status = 'raw.orders' AND b.status > 157
GROUP BY a.qty
ORDER BY total DESC
LIMIT 6;
-- ;;
SET schema 'Staging "Q"';
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.created_at, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SUBSCRIBE TO raw.sessions WITH (SNAPSHOT = false);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.created_at, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.status, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.qty, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
CREATE MATERIALIZED VIEW raw.mv_35 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM raw.events GROUP BY customer_id;
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.status, max(b.created_at) AS total
FROM "marts_dbt_deploy"."events" AS a
JOIN "Staging ""Q""".orders b ON a.id = b.qty
WHERE a.status = 'staging.orders' AND b.created_at > 601
GROUP BY a.status
ORDER BY total DESC
LIMIT 474;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_67 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM "Staging ""Q""".orders GROUP BY customer_id;
-- ;;
SUBSCRIBE TO materialize."Staging ""Q""".sessions WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.marts_dbt_deploy.sessions;
-- ;;
SELECT a.id, count(b.product_id) AS total
FROM raw.sessions AS a
JOIN materialize."Staging ""Q""".events b ON a.id = b.qty
WHERE a.status = 'staging.products' AND b.product_id > 781
GROUP BY a.id
ORDER BY total DESC
LIMIT 413;
-- ;;
SELECT a.qty, count(b.created_at) AS total
FROM "Staging ""Q""".products AS a
JOIN materialize."Staging ""Q""".products b ON a.id = b.amount
WHERE a.status = 'public.sessions' AND b.created_at > 927
GROUP BY a.qty
ORDER BY total DESC
LIMIT 406;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "raw"."sessions")) TO STDOUT;
-- ;;
SELECT a.status, avg(b.qty) AS total
FROM "Staging ""Q"""."events" AS a
JOIN public.payments b ON a.id = b.status
WHERE a.status = 'analytics.events' AND b.qty > 402
GROUP BY a.status
ORDER BY total DESC
LIMIT 157;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.product_id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "raw"."events";
-- ;;
SELECT a.created_at, avg(b.created_at) AS total
FROM "materialize"."Staging ""Q"""."line_items" AS a
JOIN analytics_dbt_deploy.events b ON a.id = b.qty
WHERE a.status = 'analytics.events' AND b.created_at > 168
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 51;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."sessions");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.status, count(b.status) AS total
FROM "analytics_dbt_deploy"."line_items" AS a
JOIN "raw"."products" b ON a.id = b.product_id
WHERE a.status = 'raw.customers' AND b.status > 259
GROUP BY a.status
ORDER BY total DESC
LIMIT 83;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.line_items SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."orders");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.marts_dbt_deploy.orders;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".products;
-- ;;
SET schema 'public';
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.customer_id, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM public.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE INDEX idx_26 IN CLUSTER "quickstart" ON "Staging ""Q""".orders (id);
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "raw";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.region, min(b.status) AS total
FROM materialize.analytics_dbt_deploy.sessions AS a
JOIN PUBLIC.line_items b ON a.id = b.region
WHERE a.status = 'marts.events' AND b.status > 683
GROUP BY a.region
ORDER BY total DESC
LIMIT 186;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = quickstart;
-- ;;
SET search_path TO analytics_dbt_deploy, public, raw;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.line_items)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.created_at, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.qty, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'Staging "Q"', "marts_dbt_deploy";
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_69 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM RAW.orders GROUP BY customer_id;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.qty, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.status, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.product_id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.product_id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize."Staging ""Q""".customers;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."sessions";
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
SELECT a.id, sum(b.amount) AS total
FROM marts_dbt_deploy.products AS a
JOIN "Staging ""Q"""."orders" b ON a.id = b.created_at
WHERE a.status = 'analytics.sessions' AND b.amount > 169
GROUP BY a.id
ORDER BY total DESC
LIMIT 141;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.region, avg(b.product_id) AS total
FROM "materialize"."raw"."customers" AS a
JOIN analytics_dbt_deploy.customers b ON a.id = b.region
WHERE a.status = 'staging.customers' AND b.product_id > 538
GROUP BY a.region
ORDER BY total DESC
LIMIT 58;
-- ;;
SELECT a.created_at, avg(b.customer_id) AS total
FROM RAW.line_items AS a
JOIN "materialize"."marts_dbt_deploy"."orders" b ON a.id = b.qty
WHERE a.status = 'staging.orders' AND b.customer_id > 780
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 451;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."customers" SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.qty, min(b.customer_id) AS total
FROM public.payments AS a
JOIN RAW.events b ON a.id = b.customer_id
WHERE a.status = 'raw.products' AND b.customer_id > 868
GROUP BY a.qty
ORDER BY total DESC
LIMIT 93;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.events)) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.orders;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."products");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."marts_dbt_deploy"."payments";
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.orders)) TO STDOUT;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE INDEX idx_80 IN CLUSTER "serving" ON marts_dbt_deploy.products (id);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "public"."customers";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.line_items;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET search_path TO raw, marts_dbt_deploy, "Staging ""Q""";
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.customers;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.line_items SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.amount, avg(b.region) AS total
FROM "analytics_dbt_deploy"."products" AS a
JOIN materialize.public.events b ON a.id = b.product_id
WHERE a.status = 'marts.customers' AND b.region > 761
GROUP BY a.amount
ORDER BY total DESC
LIMIT 163;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE INDEX idx_27 IN CLUSTER "serving" ON raw.line_items (id);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.raw.orders;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.amount, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT a.product_id, sum(b.customer_id) AS total
FROM analytics_dbt_deploy.payments AS a
JOIN materialize.public.payments b ON a.id = b.product_id
WHERE a.status = 'analytics.line_items' AND b.customer_id > 515
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 298;
-- ;;
SELECT a.amount, sum(b.amount) AS total
FROM "public"."customers" AS a
JOIN materialize.public.orders b ON a.id = b.product_id
WHERE a.status = 'marts.products' AND b.amount > 992
GROUP BY a.amount
ORDER BY total DESC
LIMIT 371;
-- ;;
SELECT a.amount, sum(b.status) AS total
FROM "Staging ""Q""".events AS a
JOIN public.products b ON a.id = b.qty
WHERE a.status = 'staging.events' AND b.status > 491
GROUP BY a.amount
ORDER BY total DESC
LIMIT 406;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.product_id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."products" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE INDEX idx_42 IN CLUSTER "quickstart" ON raw.events (id);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.region, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT a.region, avg(b.customer_id) AS total
FROM analytics_dbt_deploy.products AS a
JOIN raw.payments b ON a.id = b.status
WHERE a.status = 'public.orders' AND b.customer_id > 231
GROUP BY a.region
ORDER BY total DESC
LIMIT 175;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.sessions;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.region, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "raw"."orders"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET search_path TO public, analytics_dbt_deploy, raw;
-- ;;
SET SESSION search_path = 'Staging "Q"', "public";
-- ;;
SET schema 'raw';
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".line_items;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.sessions;
-- ;;
SELECT a.product_id, max(b.product_id) AS total
FROM analytics_dbt_deploy.customers AS a
JOIN materialize.analytics_dbt_deploy.events b ON a.id = b.customer_id
WHERE a.status = 'analytics.customers' AND b.product_id > 403
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 228;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".payments SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.customer_id, count(b.id) AS total
FROM "materialize"."raw"."payments" AS a
JOIN "Staging ""Q""".payments b ON a.id = b.customer_id
WHERE a.status = 'public.line_items' AND b.id > 914
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 21;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.region, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT a.customer_id, max(b.created_at) AS total
FROM "materialize"."marts_dbt_deploy"."events" AS a
JOIN RAW.products b ON a.id = b.amount
WHERE a.status = 'staging.orders' AND b.created_at > 742
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 387;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."customers";
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SET cluster = serving;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".products)) TO STDOUT;
-- ;;
SUBSCRIBE TO "Staging ""Q""".customers WITH (SNAPSHOT = false);
-- ;;
SELECT a.id, min(b.qty) AS total
FROM materialize.raw.products AS a
JOIN materialize."Staging ""Q""".products b ON a.id = b.created_at
WHERE a.status = 'staging.events' AND b.qty > 282
GROUP BY a.id
ORDER BY total DESC
LIMIT 102;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".line_items SET status = 'x' WHERE id IN (SELECT id FROM RAW.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "analytics_dbt_deploy";
-- ;;
SET search_path TO "Staging ""Q""", public, analytics_dbt_deploy;
-- ;;
SELECT a.customer_id, min(b.customer_id) AS total
FROM RAW.line_items AS a
JOIN marts_dbt_deploy.customers b ON a.id = b.status
WHERE a.status = 'raw.customers' AND b.customer_id > 954
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 435;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.sessions;
-- ;;
SUBSCRIBE TO "analytics_dbt_deploy"."orders" WITH (SNAPSHOT = false);
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_82 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM materialize.raw.line_items GROUP BY customer_id;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.customers SET status = 'x' WHERE id IN (SELECT id FROM raw.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.amount, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT a.amount, count(b.created_at) AS total
FROM materialize.raw.products AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.created_at
WHERE a.status = 'public.events' AND b.created_at > 8
GROUP BY a.amount
ORDER BY total DESC
LIMIT 441;
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM RAW.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.amount, max(b.status) AS total
FROM "materialize"."raw"."products" AS a
JOIN analytics_dbt_deploy.events b ON a.id = b.qty
WHERE a.status = 'raw.products' AND b.status > 69
GROUP BY a.amount
ORDER BY total DESC
LIMIT 211;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.created_at, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE INDEX idx_73 IN CLUSTER "quickstart" ON marts_dbt_deploy.line_items (id);
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.region, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
SELECT a.id, avg(b.status) AS total
FROM "materialize"."marts_dbt_deploy"."events" AS a
JOIN analytics_dbt_deploy.products b ON a.id = b.qty
WHERE a.status = 'marts.events' AND b.status > 113
GROUP BY a.id
ORDER BY total DESC
LIMIT 109;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.id, sum(b.qty) AS total
FROM materialize."Staging ""Q""".orders AS a
JOIN analytics_dbt_deploy.sessions b ON a.id = b.status
WHERE a.status = 'staging.products' AND b.qty > 234
GROUP BY a.id
ORDER BY total DESC
LIMIT 416;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".line_items;
-- ;;
SUBSCRIBE TO "Staging ""Q""".line_items WITH (SNAPSHOT = false);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.product_id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.products SET status = 'x' WHERE id IN (SELECT id FROM "raw"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.customers SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.created_at, count(b.qty) AS total
FROM "materialize"."public"."sessions" AS a
JOIN materialize."Staging ""Q""".orders b ON a.id = b.region
WHERE a.status = 'public.line_items' AND b.qty > 559
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 468;
-- ;;
SELECT a.created_at, min(b.amount) AS total
FROM "materialize"."analytics_dbt_deploy"."events" AS a
JOIN PUBLIC.sessions b ON a.id = b.amount
WHERE a.status = 'public.orders' AND b.amount > 817
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 136;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".payments)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.customer_id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".payments)) TO STDOUT;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "Staging ""Q""";
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.region, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT a.status, count(b.id) AS total
FROM "Staging ""Q""".payments AS a
JOIN materialize.public.orders b ON a.id = b.status
WHERE a.status = 'staging.orders' AND b.id > 171
GROUP BY a.status
ORDER BY total DESC
LIMIT 364;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."marts_dbt_deploy"."customers"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SET schema 'raw';
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".customers SET status = 'x' WHERE id IN (SELECT id FROM raw.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.id, count(b.qty) AS total
FROM "materialize"."public"."events" AS a
JOIN analytics_dbt_deploy.products b ON a.id = b.status
WHERE a.status = 'raw.events' AND b.qty > 621
GROUP BY a.id
ORDER BY total DESC
LIMIT 116;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.product_id, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".orders;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT a.id, avg(b.amount) AS total
FROM materialize.analytics_dbt_deploy.events AS a
JOIN public.products b ON a.id = b.product_id
WHERE a.status = 'analytics.sessions' AND b.amount > 459
GROUP BY a.id
ORDER BY total DESC
LIMIT 226;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.region, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT a.qty, avg(b.created_at) AS total
FROM materialize.raw.payments AS a
JOIN "raw"."customers" b ON a.id = b.customer_id
WHERE a.status = 'raw.customers' AND b.created_at > 524
GROUP BY a.qty
ORDER BY total DESC
LIMIT 379;
-- ;;
SELECT a.status, sum(b.amount) AS total
FROM "materialize"."analytics_dbt_deploy"."payments" AS a
JOIN materialize."Staging ""Q""".payments b ON a.id = b.created_at
WHERE a.status = 'marts.customers' AND b.amount > 415
GROUP BY a.status
ORDER BY total DESC
LIMIT 314;
-- ;;
SELECT a.product_id, min(b.status) AS total
FROM "Staging ""Q""".orders AS a
JOIN "materialize"."analytics_dbt_deploy"."customers" b ON a.id = b.customer_id
WHERE a.status = 'marts.orders' AND b.status > 917
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 489;
-- ;;
SELECT a.amount, count(b.status) AS total
FROM "public"."products" AS a
JOIN materialize."Staging ""Q""".payments b ON a.id = b.customer_id
WHERE a.status = 'marts.products' AND b.status > 68
GROUP BY a.amount
ORDER BY total DESC
LIMIT 189;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".line_items SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.region, avg(b.customer_id) AS total
FROM RAW.sessions AS a
JOIN public.events b ON a.id = b.id
WHERE a.status = 'raw.line_items' AND b.customer_id > 821
GROUP BY a.region
ORDER BY total DESC
LIMIT 44;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.created_at, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.events SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE MATERIALIZED VIEW public.mv_16 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM analytics_dbt_deploy.events GROUP BY customer_id;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.raw.line_items;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.events SET status = 'x' WHERE id IN (SELECT id FROM "public"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.region, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM RAW.orders;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.customer_id, min(b.amount) AS total
FROM raw.line_items AS a
JOIN materialize.marts_dbt_deploy.customers b ON a.id = b.customer_id
WHERE a.status = 'raw.payments' AND b.amount > 116
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 73;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.product_id, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SET search_path TO analytics_dbt_deploy, public, marts_dbt_deploy;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "raw"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.amount, sum(b.status) AS total
FROM RAW.products AS a
JOIN materialize.raw.customers b ON a.id = b.id
WHERE a.status = 'analytics.sessions' AND b.status > 171
GROUP BY a.amount
ORDER BY total DESC
LIMIT 13;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.customer_id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET schema 'public';
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.id, count(b.amount) AS total
FROM "Staging ""Q"""."products" AS a
JOIN "marts_dbt_deploy"."orders" b ON a.id = b.customer_id
WHERE a.status = 'staging.payments' AND b.amount > 285
GROUP BY a.id
ORDER BY total DESC
LIMIT 60;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SET search_path TO "Staging ""Q""", raw, marts_dbt_deploy;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.public.events)) TO STDOUT;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".products SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
SELECT a.region, count(b.created_at) AS total
FROM "Staging ""Q""".line_items AS a
JOIN analytics_dbt_deploy.customers b ON a.id = b.id
WHERE a.status = 'marts.orders' AND b.created_at > 602
GROUP BY a.region
ORDER BY total DESC
LIMIT 173;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.customer_id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.customer_id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET search_path TO analytics_dbt_deploy, raw, marts_dbt_deploy;
-- ;;
SELECT a.qty, count(b.region) AS total
FROM analytics_dbt_deploy.customers AS a
JOIN PUBLIC.sessions b ON a.id = b.customer_id
WHERE a.status = 'marts.sessions' AND b.region > 749
GROUP BY a.qty
ORDER BY total DESC
LIMIT 177;
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM RAW.line_items;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."customers" SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.customers;
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
SET schema 'raw';
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SELECT a.created_at, min(b.amount) AS total
FROM public.products AS a
JOIN materialize.public.events b ON a.id = b.product_id
WHERE a.status = 'marts.events' AND b.amount > 940
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 277;
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_38 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM analytics_dbt_deploy.line_items GROUP BY customer_id;
-- ;;
SET search_path TO marts_dbt_deploy, public, "Staging ""Q""";
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM RAW.orders;
-- ;;
SET cluster TO 'serving';
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.events)) TO STDOUT;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE INDEX idx_5 IN CLUSTER "compute_dbt_deploy" ON analytics_dbt_deploy.orders (id);
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.analytics_dbt_deploy.line_items;
-- ;;
SELECT a.customer_id, max(b.region) AS total
FROM public.sessions AS a
JOIN "materialize"."Staging ""Q"""."customers" b ON a.id = b.qty
WHERE a.status = 'staging.line_items' AND b.region > 642
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 371;
-- ;;
SELECT a.qty, min(b.region) AS total
FROM marts_dbt_deploy.payments AS a
JOIN "Staging ""Q"""."line_items" b ON a.id = b.status
WHERE a.status = 'raw.line_items' AND b.region > 213
GROUP BY a.qty
ORDER BY total DESC
LIMIT 196;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."line_items";
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."payments" SET status = 'x' WHERE id IN (SELECT id FROM public.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.id, avg(b.qty) AS total
FROM public.products AS a
JOIN "materialize"."analytics_dbt_deploy"."line_items" b ON a.id = b.region
WHERE a.status = 'public.line_items' AND b.qty > 6
GROUP BY a.id
ORDER BY total DESC
LIMIT 38;
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.raw.sessions;
-- ;;
SELECT a.region, count(b.created_at) AS total
FROM public.events AS a
JOIN marts_dbt_deploy.products b ON a.id = b.customer_id
WHERE a.status = 'raw.payments' AND b.created_at > 711
GROUP BY a.region
ORDER BY total DESC
LIMIT 33;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q"""."payments"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.amount, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."payments";
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET cluster = serving;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."marts_dbt_deploy"."customers";
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
SELECT a.amount, min(b.status) AS total
FROM "materialize"."analytics_dbt_deploy"."sessions" AS a
JOIN materialize.analytics_dbt_deploy.payments b ON a.id = b.region
WHERE a.status = 'staging.sessions' AND b.status > 685
GROUP BY a.amount
ORDER BY total DESC
LIMIT 126;
-- ;;
SET SESSION search_path = 'raw', "public";
-- ;;
SELECT a.product_id, max(b.status) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN materialize.public.events b ON a.id = b.qty
WHERE a.status = 'raw.customers' AND b.status > 488
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 408;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
SELECT a.amount, max(b.amount) AS total
FROM "raw"."products" AS a
JOIN "raw"."orders" b ON a.id = b.product_id
WHERE a.status = 'public.orders' AND b.amount > 369
GROUP BY a.amount
ORDER BY total DESC
LIMIT 431;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
CREATE MATERIALIZED VIEW public.mv_89 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "raw"."events" GROUP BY customer_id;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "analytics_dbt_deploy";
-- ;;
SELECT a.amount, min(b.amount) AS total
FROM "materialize"."Staging ""Q"""."payments" AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.id
WHERE a.status = 'staging.events' AND b.amount > 507
GROUP BY a.amount
ORDER BY total DESC
LIMIT 119;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.analytics_dbt_deploy.events;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "raw"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.status, max(b.created_at) AS total
FROM materialize.public.payments AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.created_at
WHERE a.status = 'staging.line_items' AND b.created_at > 958
GROUP BY a.status
ORDER BY total DESC
LIMIT 211;
-- ;;
SELECT a.created_at, avg(b.created_at) AS total
FROM raw.sessions AS a
JOIN public.line_items b ON a.id = b.id
WHERE a.status = 'staging.sessions' AND b.created_at > 561
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 111;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.status, count(b.qty) AS total
FROM "Staging ""Q""".customers AS a
JOIN public.line_items b ON a.id = b.customer_id
WHERE a.status = 'marts.orders' AND b.qty > 377
GROUP BY a.status
ORDER BY total DESC
LIMIT 317;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.created_at, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.products;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO "Staging ""Q"""."payments" WITH (SNAPSHOT = false);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE RAW.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "analytics_dbt_deploy"."sessions";
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.products SET status = 'x' WHERE id IN (SELECT id FROM "raw"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "public";
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.amount, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.amount, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "analytics_dbt_deploy"."products";
-- ;;
SELECT a.id, max(b.id) AS total
FROM "materialize"."raw"."orders" AS a
JOIN analytics_dbt_deploy.events b ON a.id = b.id
WHERE a.status = 'analytics.payments' AND b.id > 166
GROUP BY a.id
ORDER BY total DESC
LIMIT 230;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SUBSCRIBE TO "analytics_dbt_deploy"."sessions" WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SHOW MATERIALIZED VIEWS FROM marts_dbt_deploy;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.region, count(b.id) AS total
FROM analytics_dbt_deploy.sessions AS a
JOIN materialize.marts_dbt_deploy.orders b ON a.id = b.amount
WHERE a.status = 'marts.products' AND b.id > 547
GROUP BY a.region
ORDER BY total DESC
LIMIT 121;
-- ;;
SET cluster = serving;
-- ;;
SET cluster TO 'serving';
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."orders" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SUBSCRIBE TO RAW.customers WITH (SNAPSHOT = false);
-- ;;
SET SESSION search_path = 'raw', "marts_dbt_deploy";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.line_items;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."events" SET status = 'x' WHERE id IN (SELECT id FROM "public"."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.status, sum(b.created_at) AS total
FROM materialize.analytics_dbt_deploy.sessions AS a
JOIN PUBLIC.line_items b ON a.id = b.status
WHERE a.status = 'public.payments' AND b.created_at > 533
GROUP BY a.status
ORDER BY total DESC
LIMIT 480;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.analytics_dbt_deploy.payments;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q"""."line_items")) TO STDOUT;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.line_items;
-- ;;
SUBSCRIBE TO "Staging ""Q""".products WITH (SNAPSHOT = false);
-- ;;
SET SESSION search_path = 'public', "raw";
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.qty, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'Staging "Q"', "raw";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM PUBLIC.events;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.line_items SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE MATERIALIZED VIEW raw.mv_69 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM "Staging ""Q""".events GROUP BY customer_id;
-- ;;
CREATE MATERIALIZED VIEW raw.mv_47 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM analytics_dbt_deploy.sessions GROUP BY customer_id;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.amount, max(b.customer_id) AS total
FROM "materialize"."Staging ""Q"""."line_items" AS a
JOIN materialize.raw.products b ON a.id = b.region
WHERE a.status = 'analytics.events' AND b.customer_id > 64
GROUP BY a.amount
ORDER BY total DESC
LIMIT 479;
-- ;;
SELECT a.amount, avg(b.amount) AS total
FROM "materialize"."Staging ""Q"""."sessions" AS a
JOIN "public"."products" b ON a.id = b.created_at
WHERE a.status = 'staging.customers' AND b.amount > 607
GROUP BY a.amount
ORDER BY total DESC
LIMIT 349;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.created_at, max(b.created_at) AS total
FROM analytics_dbt_deploy.line_items AS a
JOIN "materialize"."analytics_dbt_deploy"."payments" b ON a.id = b.id
WHERE a.status = 'marts.customers' AND b.created_at > 691
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 282;
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_78 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM raw.events GROUP BY customer_id;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.customers SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."orders");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET SESSION search_path = 'raw', "marts_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.product_id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.payments;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.events)) TO STDOUT;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM RAW.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM public.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM PUBLIC.customers)) TO STDOUT;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".sessions)) TO STDOUT;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.region, avg(b.customer_id) AS total
FROM "Staging ""Q""".payments AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.created_at
WHERE a.status = 'staging.customers' AND b.customer_id > 737
GROUP BY a.region
ORDER BY total DESC
LIMIT 484;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."public"."events";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM PUBLIC.sessions;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.payments;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.region, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.amount, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."orders" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."customers");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.product_id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".events)) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.line_items;
-- ;;
SELECT a.created_at, avg(b.region) AS total
FROM "raw"."customers" AS a
JOIN public.products b ON a.id = b.customer_id
WHERE a.status = 'staging.payments' AND b.region > 288
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 466;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.customer_id, count(b.customer_id) AS total
FROM marts_dbt_deploy.orders AS a
JOIN "analytics_dbt_deploy"."orders" b ON a.id = b.amount
WHERE a.status = 'marts.products' AND b.customer_id > 332
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 144;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "raw"."payments"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM PUBLIC.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
SELECT a.status, count(b.created_at) AS total
FROM materialize.public.orders AS a
JOIN "Staging ""Q""".orders b ON a.id = b.amount
WHERE a.status = 'staging.payments' AND b.created_at > 275
GROUP BY a.status
ORDER BY total DESC
LIMIT 264;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.orders;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "public";
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.qty, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.customer_id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET schema 'public';
-- ;;
SET cluster TO 'quickstart';
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."orders" SET status = 'x' WHERE id IN (SELECT id FROM "public"."products");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET schema 'raw';
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SUBSCRIBE TO materialize.marts_dbt_deploy.orders WITH (SNAPSHOT = false);
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "public"."orders";
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
SUBSCRIBE TO "materialize"."raw"."sessions" WITH (SNAPSHOT = false);
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."Staging ""Q"""."sessions";
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".events SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster TO 'quickstart';
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET search_path TO raw, analytics_dbt_deploy, marts_dbt_deploy;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM PUBLIC.sessions;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "public"."orders";
-- ;;
SET cluster TO 'quickstart';
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."raw"."products")) TO STDOUT;
-- ;;
SELECT a.qty, min(b.region) AS total
FROM "Staging ""Q""".orders AS a
JOIN PUBLIC.orders b ON a.id = b.region
WHERE a.status = 'public.events' AND b.region > 681
GROUP BY a.qty
ORDER BY total DESC
LIMIT 458;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."customers";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."line_items";
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SUBSCRIBE TO "materialize"."marts_dbt_deploy"."line_items" WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.orders;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.marts_dbt_deploy.products)) TO STDOUT;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
SELECT a.region, avg(b.product_id) AS total
FROM "analytics_dbt_deploy"."line_items" AS a
JOIN "materialize"."marts_dbt_deploy"."line_items" b ON a.id = b.amount
WHERE a.status = 'raw.orders' AND b.product_id > 415
GROUP BY a.region
ORDER BY total DESC
LIMIT 365;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.product_id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.customers;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.customer_id, count(b.id) AS total
FROM RAW.line_items AS a
JOIN "materialize"."marts_dbt_deploy"."sessions" b ON a.id = b.region
WHERE a.status = 'staging.orders' AND b.id > 499
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 80;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.events)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.qty, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.product_id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.sessions WITH (SNAPSHOT = false);
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.marts_dbt_deploy.events;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.region, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."products");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.products WITH (SNAPSHOT = false);
-- ;;
SET search_path TO "Staging ""Q""", public, raw;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = serving;
-- ;;
SELECT a.status, count(b.region) AS total
FROM public.orders AS a
JOIN analytics_dbt_deploy.customers b ON a.id = b.region
WHERE a.status = 'marts.payments' AND b.region > 488
GROUP BY a.status
ORDER BY total DESC
LIMIT 228;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "marts_dbt_deploy"."orders";
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.customer_id, avg(b.amount) AS total
FROM analytics_dbt_deploy.events AS a
JOIN "materialize"."public"."events" b ON a.id = b.created_at
WHERE a.status = 'staging.customers' AND b.amount > 189
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 441;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "public"."customers";
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.qty, avg(b.id) AS total
FROM analytics_dbt_deploy.sessions AS a
JOIN materialize.analytics_dbt_deploy.line_items b ON a.id = b.product_id
WHERE a.status = 'marts.products' AND b.id > 319
GROUP BY a.qty
ORDER BY total DESC
LIMIT 415;
-- ;;
SELECT a.customer_id, min(b.created_at) AS total
FROM materialize."Staging ""Q""".sessions AS a
JOIN "Staging ""Q"""."customers" b ON a.id = b.product_id
WHERE a.status = 'staging.customers' AND b.created_at > 645
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 366;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q"""."sessions")) TO STDOUT;
-- ;;
SET cluster = quickstart;
-- ;;
SET cluster TO 'serving';
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.product_id, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT a.customer_id, min(b.id) AS total
FROM "public"."sessions" AS a
JOIN marts_dbt_deploy.events b ON a.id = b.id
WHERE a.status = 'staging.line_items' AND b.id > 288
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 344;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM RAW.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET search_path TO raw, public, analytics_dbt_deploy;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM PUBLIC.payments;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.orders WITH (SNAPSHOT = false);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.customer_id, sum(b.customer_id) AS total
FROM "Staging ""Q""".events AS a
JOIN materialize.public.orders b ON a.id = b.product_id
WHERE a.status = 'staging.line_items' AND b.customer_id > 405
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 139;
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SELECT a.created_at, min(b.qty) AS total
FROM "materialize"."marts_dbt_deploy"."orders" AS a
JOIN "Staging ""Q""".products b ON a.id = b.status
WHERE a.status = 'public.customers' AND b.qty > 424
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 355;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO materialize.analytics_dbt_deploy.customers WITH (SNAPSHOT = false);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".sessions SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.customers WITH (SNAPSHOT = false);
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."orders" SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.amount, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT a.customer_id, sum(b.qty) AS total
FROM "raw"."events" AS a
JOIN "public"."events" b ON a.id = b.created_at
WHERE a.status = 'public.customers' AND b.qty > 606
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 94;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "raw"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.created_at, min(b.created_at) AS total
FROM "marts_dbt_deploy"."payments" AS a
JOIN "Staging ""Q""".events b ON a.id = b.qty
WHERE a.status = 'raw.orders' AND b.created_at > 618
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 34;
-- ;;
SET cluster = quickstart;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.events SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET cluster TO 'quickstart';
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.status, sum(b.status) AS total
FROM materialize."Staging ""Q""".payments AS a
JOIN "materialize"."public"."customers" b ON a.id = b.region
WHERE a.status = 'analytics.line_items' AND b.status > 328
GROUP BY a.status
ORDER BY total DESC
LIMIT 79;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q"""."line_items";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.public.sessions;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."Staging ""Q"""."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.amount, count(b.id) AS total
FROM "materialize"."raw"."line_items" AS a
JOIN RAW.orders b ON a.id = b.created_at
WHERE a.status = 'raw.payments' AND b.id > 573
GROUP BY a.amount
ORDER BY total DESC
LIMIT 301;
-- ;;
SET schema 'public';
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_69 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM "materialize"."raw"."payments" GROUP BY customer_id;
-- ;;
SELECT a.customer_id, max(b.id) AS total
FROM "Staging ""Q"""."customers" AS a
JOIN materialize.public.line_items b ON a.id = b.id
WHERE a.status = 'analytics.payments' AND b.id > 817
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 238;
-- ;;
SELECT a.region, count(b.status) AS total
FROM materialize.public.line_items AS a
JOIN "Staging ""Q"""."customers" b ON a.id = b.qty
WHERE a.status = 'analytics.payments' AND b.status > 200
GROUP BY a.region
ORDER BY total DESC
LIMIT 258;
-- ;;
SELECT a.qty, sum(b.amount) AS total
FROM "materialize"."raw"."orders" AS a
JOIN "materialize"."analytics_dbt_deploy"."payments" b ON a.id = b.id
WHERE a.status = 'raw.payments' AND b.amount > 651
GROUP BY a.qty
ORDER BY total DESC
LIMIT 237;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.status, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.customer_id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.qty, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.amount, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT a.amount, sum(b.created_at) AS total
FROM "marts_dbt_deploy"."orders" AS a
JOIN "materialize"."marts_dbt_deploy"."products" b ON a.id = b.created_at
WHERE a.status = 'public.orders' AND b.created_at > 729
GROUP BY a.amount
ORDER BY total DESC
LIMIT 17;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."marts_dbt_deploy"."line_items"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.sessions;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.marts_dbt_deploy.orders)) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.orders;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.customer_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.payments;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE RAW.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."marts_dbt_deploy"."orders"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.sessions)) TO STDOUT;
-- ;;
CREATE MATERIALIZED VIEW public.mv_65 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM marts_dbt_deploy.customers GROUP BY customer_id;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM "public"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".sessions;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.public.payments)) TO STDOUT;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.id, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SET schema 'Staging "Q"';
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.created_at, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT a.created_at, min(b.amount) AS total
FROM "Staging ""Q""".products AS a
JOIN "materialize"."analytics_dbt_deploy"."orders" b ON a.id = b.customer_id
WHERE a.status = 'staging.sessions' AND b.amount > 27
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 191;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.public.payments;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.product_id, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.customers;
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.amount, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.created_at, sum(b.created_at) AS total
FROM "marts_dbt_deploy"."events" AS a
JOIN "raw"."events" b ON a.id = b.amount
WHERE a.status = 'public.orders' AND b.created_at > 14
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 384;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.created_at, avg(b.region) AS total
FROM marts_dbt_deploy.orders AS a
JOIN "raw"."customers" b ON a.id = b.product_id
WHERE a.status = 'staging.orders' AND b.region > 255
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 54;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_77 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "materialize"."analytics_dbt_deploy"."payments" GROUP BY customer_id;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.products)) TO STDOUT;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."sessions" SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
CREATE INDEX idx_41 IN CLUSTER "quickstart" ON public.payments (id);
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_66 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "marts_dbt_deploy"."payments" GROUP BY customer_id;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.amount, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.amount, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SET search_path TO public, raw, "Staging ""Q""";
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".customers;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.orders)) TO STDOUT;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."customers" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."payments" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET search_path TO "Staging ""Q""", public, raw;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".products;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.amount, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.product_id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT a.region, min(b.status) AS total
FROM analytics_dbt_deploy.customers AS a
JOIN "materialize"."public"."products" b ON a.id = b.status
WHERE a.status = 'analytics.products' AND b.status > 226
GROUP BY a.region
ORDER BY total DESC
LIMIT 334;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.created_at, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.product_id, count(b.customer_id) AS total
FROM analytics_dbt_deploy.events AS a
JOIN "Staging ""Q""".payments b ON a.id = b.status
WHERE a.status = 'analytics.sessions' AND b.customer_id > 544
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 395;
-- ;;
SET cluster TO 'quickstart';
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."products" SET status = 'x' WHERE id IN (SELECT id FROM public.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.id, max(b.amount) AS total
FROM "marts_dbt_deploy"."orders" AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.id
WHERE a.status = 'marts.line_items' AND b.amount > 101
GROUP BY a.id
ORDER BY total DESC
LIMIT 219;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.sessions;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.products SET status = 'x' WHERE id IN (SELECT id FROM public.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.amount, min(b.id) AS total
FROM marts_dbt_deploy.payments AS a
JOIN marts_dbt_deploy.events b ON a.id = b.status
WHERE a.status = 'public.payments' AND b.id > 122
GROUP BY a.amount
ORDER BY total DESC
LIMIT 168;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.customers;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.events SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."customers" SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.qty, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "analytics_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.region, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize."Staging ""Q""".payments;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.products;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
CREATE INDEX idx_60 IN CLUSTER "serving" ON analytics_dbt_deploy.payments (id);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.customers SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SUBSCRIBE TO materialize.raw.customers WITH (SNAPSHOT = false);
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.products SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET schema 'raw';
-- ;;
SELECT a.qty, avg(b.qty) AS total
FROM marts_dbt_deploy.customers AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.id
WHERE a.status = 'public.sessions' AND b.qty > 91
GROUP BY a.qty
ORDER BY total DESC
LIMIT 316;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.region, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.status, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".line_items;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q"""."line_items";
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.id, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.sessions SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."events" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."orders");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM PUBLIC.customers)) TO STDOUT;
-- ;;
SET search_path TO marts_dbt_deploy, raw, "Staging ""Q""";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."marts_dbt_deploy"."customers";
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "public";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.sessions;
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
SELECT a.id, avg(b.region) AS total
FROM materialize.raw.payments AS a
JOIN marts_dbt_deploy.line_items b ON a.id = b.created_at
WHERE a.status = 'marts.line_items' AND b.region > 549
GROUP BY a.id
ORDER BY total DESC
LIMIT 429;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SET search_path TO marts_dbt_deploy, public, raw;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SUBSCRIBE TO raw.customers WITH (SNAPSHOT = false);
-- ;;
CREATE INDEX idx_83 IN CLUSTER "quickstart" ON public.payments (id);
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.customer_id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.sessions)) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.marts_dbt_deploy.orders;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.line_items;
-- ;;
SELECT a.id, count(b.customer_id) AS total
FROM public.products AS a
JOIN "materialize"."marts_dbt_deploy"."products" b ON a.id = b.region
WHERE a.status = 'public.products' AND b.customer_id > 675
GROUP BY a.id
ORDER BY total DESC
LIMIT 393;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.analytics_dbt_deploy.payments;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.status, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.status, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SUBSCRIBE TO public.line_items WITH (SNAPSHOT = false);
-- ;;
SET SESSION search_path = 'public', "public";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.raw.sessions;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM raw.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.region, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."payments" SET status = 'x' WHERE id IN (SELECT id FROM public.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.products;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."raw"."sessions")) TO STDOUT;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM marts_dbt_deploy;
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".line_items;
-- ;;
SUBSCRIBE TO "analytics_dbt_deploy"."customers" WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.product_id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.line_items)) TO STDOUT;
-- ;;
SELECT a.region, avg(b.id) AS total
FROM materialize.public.payments AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.customer_id
WHERE a.status = 'raw.customers' AND b.id > 70
GROUP BY a.region
ORDER BY total DESC
LIMIT 305;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.orders;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
SELECT a.created_at, count(b.customer_id) AS total
FROM analytics_dbt_deploy.payments AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.id
WHERE a.status = 'marts.sessions' AND b.customer_id > 228
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 298;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "analytics_dbt_deploy"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.id, max(b.customer_id) AS total
FROM raw.events AS a
JOIN "Staging ""Q"""."sessions" b ON a.id = b.qty
WHERE a.status = 'analytics.line_items' AND b.customer_id > 486
GROUP BY a.id
ORDER BY total DESC
LIMIT 53;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."line_items" SET status = 'x' WHERE id IN (SELECT id FROM "public"."orders");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."customers" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."sessions");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.region, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT a.qty, max(b.amount) AS total
FROM "materialize"."Staging ""Q"""."products" AS a
JOIN "raw"."orders" b ON a.id = b.region
WHERE a.status = 'raw.payments' AND b.amount > 281
GROUP BY a.qty
ORDER BY total DESC
LIMIT 127;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.line_items SET status = 'x' WHERE id IN (SELECT id FROM raw.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.region, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'Staging "Q"', "raw";
-- ;;
CREATE INDEX idx_35 IN CLUSTER "compute_dbt_deploy" ON analytics_dbt_deploy.sessions (id);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".products;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SUBSCRIBE TO "public"."line_items" WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.sessions SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.products;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.line_items)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.product_id, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT a.created_at, count(b.amount) AS total
FROM "Staging ""Q""".orders AS a
JOIN "materialize"."Staging ""Q"""."events" b ON a.id = b.id
WHERE a.status = 'marts.line_items' AND b.amount > 87
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 81;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.sessions SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.status, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.created_at, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT a.status, min(b.region) AS total
FROM analytics_dbt_deploy.products AS a
JOIN public.payments b ON a.id = b.region
WHERE a.status = 'analytics.customers' AND b.region > 813
GROUP BY a.status
ORDER BY total DESC
LIMIT 153;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.amount, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".products SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.raw.sessions;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".products;
-- ;;
SELECT a.status, min(b.created_at) AS total
FROM "materialize"."Staging ""Q"""."customers" AS a
JOIN "materialize"."marts_dbt_deploy"."sessions" b ON a.id = b.qty
WHERE a.status = 'public.sessions' AND b.created_at > 912
GROUP BY a.status
ORDER BY total DESC
LIMIT 354;
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_36 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM "raw"."line_items" GROUP BY customer_id;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."events" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.public.customers)) TO STDOUT;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.region, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SET cluster = serving;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SET search_path TO raw, analytics_dbt_deploy, public;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
SELECT a.amount, max(b.amount) AS total
FROM analytics_dbt_deploy.line_items AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.region
WHERE a.status = 'raw.sessions' AND b.amount > 457
GROUP BY a.amount
ORDER BY total DESC
LIMIT 107;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
SELECT a.status, count(b.customer_id) AS total
FROM public.line_items AS a
JOIN public.customers b ON a.id = b.customer_id
WHERE a.status = 'marts.line_items' AND b.customer_id > 797
GROUP BY a.status
ORDER BY total DESC
LIMIT 115;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."marts_dbt_deploy"."orders";
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.amount, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.analytics_dbt_deploy.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE INDEX idx_99 IN CLUSTER "compute_dbt_deploy" ON "Staging ""Q""".payments (id);
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."Staging ""Q"""."customers";
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.marts_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."payments";
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.product_id, count(b.amount) AS total
FROM "materialize"."Staging ""Q"""."events" AS a
JOIN "raw"."customers" b ON a.id = b.product_id
WHERE a.status = 'raw.payments' AND b.amount > 474
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 398;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."raw"."orders";
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.status, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".products SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.customer_id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.orders; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.created_at, avg(b.product_id) AS total
FROM materialize.analytics_dbt_deploy.sessions AS a
JOIN "materialize"."Staging ""Q"""."products" b ON a.id = b.id
WHERE a.status = 'staging.customers' AND b.product_id > 339
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 271;
-- ;;
SELECT a.product_id, count(b.status) AS total
FROM marts_dbt_deploy.customers AS a
JOIN PUBLIC.orders b ON a.id = b.id
WHERE a.status = 'raw.payments' AND b.status > 558
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 353;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.products SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.status, min(b.product_id) AS total
FROM materialize.marts_dbt_deploy.events AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.product_id
WHERE a.status = 'staging.sessions' AND b.product_id > 366
GROUP BY a.status
ORDER BY total DESC
LIMIT 278;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.orders)) TO STDOUT;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.orders SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."orders");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_64 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM raw.sessions GROUP BY customer_id;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."marts_dbt_deploy"."orders";
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.marts_dbt_deploy.products)) TO STDOUT;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize."Staging ""Q""".payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SUBSCRIBE TO "public"."events" WITH (SNAPSHOT = false);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM RAW.sessions)) TO STDOUT;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
SUBSCRIBE TO public.orders WITH (SNAPSHOT = false);
-- ;;
SHOW MATERIALIZED VIEWS FROM marts_dbt_deploy;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."Staging ""Q"""."products");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.region, min(b.customer_id) AS total
FROM "Staging ""Q"""."sessions" AS a
JOIN "raw"."customers" b ON a.id = b.id
WHERE a.status = 'public.line_items' AND b.customer_id > 794
GROUP BY a.region
ORDER BY total DESC
LIMIT 283;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.qty, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.created_at, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.region, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.amount, count(b.created_at) AS total
FROM "marts_dbt_deploy"."orders" AS a
JOIN materialize."Staging ""Q""".products b ON a.id = b.customer_id
WHERE a.status = 'staging.sessions' AND b.created_at > 980
GROUP BY a.amount
ORDER BY total DESC
LIMIT 305;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.qty, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT a.qty, min(b.status) AS total
FROM public.orders AS a
JOIN "analytics_dbt_deploy"."sessions" b ON a.id = b.status
WHERE a.status = 'marts.products' AND b.status > 976
GROUP BY a.qty
ORDER BY total DESC
LIMIT 166;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.events SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."orders");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.qty, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT a.id, sum(b.customer_id) AS total
FROM PUBLIC.orders AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.id
WHERE a.status = 'analytics.line_items' AND b.customer_id > 484
GROUP BY a.id
ORDER BY total DESC
LIMIT 362;
-- ;;
SET cluster = serving;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.qty, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SUBSCRIBE TO "marts_dbt_deploy"."customers" WITH (SNAPSHOT = false);
-- ;;
SET cluster = quickstart;
-- ;;
SELECT a.amount, sum(b.region) AS total
FROM "Staging ""Q""".events AS a
JOIN RAW.sessions b ON a.id = b.region
WHERE a.status = 'marts.payments' AND b.region > 645
GROUP BY a.amount
ORDER BY total DESC
LIMIT 110;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SET SESSION search_path = 'Staging "Q"', "public";
-- ;;
SELECT a.created_at, count(b.product_id) AS total
FROM marts_dbt_deploy.events AS a
JOIN materialize."Staging ""Q""".sessions b ON a.id = b.region
WHERE a.status = 'public.products' AND b.product_id > 548
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 339;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.orders)) TO STDOUT;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.created_at, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "public"."products")) TO STDOUT;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.qty, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT a.qty, count(b.id) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN materialize.public.events b ON a.id = b.amount
WHERE a.status = 'staging.events' AND b.id > 77
GROUP BY a.qty
ORDER BY total DESC
LIMIT 277;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.amount, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.status, min(b.id) AS total
FROM public.customers AS a
JOIN marts_dbt_deploy.payments b ON a.id = b.amount
WHERE a.status = 'raw.line_items' AND b.id > 254
GROUP BY a.status
ORDER BY total DESC
LIMIT 385;
-- ;;
SUBSCRIBE TO materialize.raw.line_items WITH (SNAPSHOT = false);
-- ;;
SET search_path TO analytics_dbt_deploy, marts_dbt_deploy, raw;
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "marts_dbt_deploy";
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.id, min(b.product_id) AS total
FROM PUBLIC.customers AS a
JOIN "analytics_dbt_deploy"."sessions" b ON a.id = b.region
WHERE a.status = 'marts.events' AND b.product_id > 274
GROUP BY a.id
ORDER BY total DESC
LIMIT 109;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.qty, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "raw"."line_items";
-- ;;
SELECT a.product_id, count(b.id) AS total
FROM materialize.raw.line_items AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.created_at
WHERE a.status = 'public.events' AND b.id > 606
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 351;
-- ;;
SELECT a.created_at, max(b.product_id) AS total
FROM "Staging ""Q""".products AS a
JOIN raw.events b ON a.id = b.status
WHERE a.status = 'public.products' AND b.product_id > 936
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 243;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.events)) TO STDOUT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."public"."orders";
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.qty, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_20 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM public.customers GROUP BY customer_id;
-- ;;
SELECT a.created_at, sum(b.customer_id) AS total
FROM materialize."Staging ""Q""".sessions AS a
JOIN materialize."Staging ""Q""".customers b ON a.id = b.status
WHERE a.status = 'staging.customers' AND b.customer_id > 527
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 206;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.region, max(b.qty) AS total
FROM "analytics_dbt_deploy"."orders" AS a
JOIN public.sessions b ON a.id = b.region
WHERE a.status = 'staging.payments' AND b.qty > 419
GROUP BY a.region
ORDER BY total DESC
LIMIT 355;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.created_at, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT a.product_id, max(b.amount) AS total
FROM materialize.raw.products AS a
JOIN "public"."line_items" b ON a.id = b.created_at
WHERE a.status = 'staging.events' AND b.amount > 452
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 27;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.customers SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."Staging ""Q"""."events";
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
SET cluster TO 'serving';
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.amount, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.product_id, count(b.created_at) AS total
FROM analytics_dbt_deploy.sessions AS a
JOIN "Staging ""Q""".payments b ON a.id = b.product_id
WHERE a.status = 'analytics.payments' AND b.created_at > 679
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 304;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.orders)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.customer_id, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SUBSCRIBE TO "analytics_dbt_deploy"."events" WITH (SNAPSHOT = false);
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM PUBLIC.sessions)) TO STDOUT;
-- ;;
SET SESSION search_path = 'Staging "Q"', "Staging ""Q""";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.public.payments;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.region, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "marts_dbt_deploy"."products";
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.status, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.qty, min(b.amount) AS total
FROM "marts_dbt_deploy"."sessions" AS a
JOIN "Staging ""Q""".orders b ON a.id = b.region
WHERE a.status = 'marts.events' AND b.amount > 111
GROUP BY a.qty
ORDER BY total DESC
LIMIT 273;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.status, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."customers" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.customer_id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_22 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM analytics_dbt_deploy.customers GROUP BY customer_id;
-- ;;
SELECT a.product_id, avg(b.status) AS total
FROM raw.events AS a
JOIN "Staging ""Q""".events b ON a.id = b.product_id
WHERE a.status = 'marts.products' AND b.status > 602
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 100;
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SET search_path TO "Staging ""Q""", public, analytics_dbt_deploy;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.orders;
-- ;;
SELECT a.id, avg(b.status) AS total
FROM "materialize"."analytics_dbt_deploy"."line_items" AS a
JOIN "Staging ""Q""".products b ON a.id = b.product_id
WHERE a.status = 'marts.payments' AND b.status > 180
GROUP BY a.id
ORDER BY total DESC
LIMIT 470;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "marts_dbt_deploy"."payments"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE PUBLIC.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.product_id, avg(b.created_at) AS total
FROM marts_dbt_deploy.events AS a
JOIN "materialize"."analytics_dbt_deploy"."line_items" b ON a.id = b.region
WHERE a.status = 'analytics.orders' AND b.created_at > 668
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 21;
-- ;;
SELECT a.region, avg(b.created_at) AS total
FROM "materialize"."Staging ""Q"""."line_items" AS a
JOIN materialize."Staging ""Q""".sessions b ON a.id = b.product_id
WHERE a.status = 'marts.orders' AND b.created_at > 647
GROUP BY a.region
ORDER BY total DESC
LIMIT 483;
-- ;;
SELECT a.customer_id, max(b.qty) AS total
FROM "analytics_dbt_deploy"."customers" AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.created_at
WHERE a.status = 'marts.events' AND b.qty > 78
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 28;
-- ;;
SELECT a.id, max(b.product_id) AS total
FROM "Staging ""Q""".events AS a
JOIN "materialize"."Staging ""Q"""."line_items" b ON a.id = b.customer_id
WHERE a.status = 'raw.sessions' AND b.product_id > 282
GROUP BY a.id
ORDER BY total DESC
LIMIT 217;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.region, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SET search_path TO analytics_dbt_deploy, "Staging ""Q""", marts_dbt_deploy;
-- ;;
SELECT a.amount, sum(b.customer_id) AS total
FROM materialize."Staging ""Q""".sessions AS a
JOIN "marts_dbt_deploy"."line_items" b ON a.id = b.region
WHERE a.status = 'marts.sessions' AND b.customer_id > 234
GROUP BY a.amount
ORDER BY total DESC
LIMIT 258;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM PUBLIC.customers;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE MATERIALIZED VIEW public.mv_48 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM raw.orders GROUP BY customer_id;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "raw"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO public.events WITH (SNAPSHOT = false);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "analytics_dbt_deploy"."payments";
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.qty, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".products SET status = 'x' WHERE id IN (SELECT id FROM RAW.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE MATERIALIZED VIEW raw.mv_35 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM marts_dbt_deploy.orders GROUP BY customer_id;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.customer_id, avg(b.product_id) AS total
FROM public.customers AS a
JOIN "materialize"."Staging ""Q"""."customers" b ON a.id = b.id
WHERE a.status = 'analytics.events' AND b.product_id > 761
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 246;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.created_at, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.orders SET status = 'x' WHERE id IN (SELECT id FROM public.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.amount, count(b.qty) AS total
FROM "materialize"."analytics_dbt_deploy"."orders" AS a
JOIN "materialize"."Staging ""Q"""."customers" b ON a.id = b.id
WHERE a.status = 'staging.payments' AND b.qty > 785
GROUP BY a.amount
ORDER BY total DESC
LIMIT 48;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.status, min(b.region) AS total
FROM public.products AS a
JOIN raw.sessions b ON a.id = b.status
WHERE a.status = 'staging.events' AND b.region > 978
GROUP BY a.status
ORDER BY total DESC
LIMIT 119;
-- ;;
SET search_path TO public, "Staging ""Q""", analytics_dbt_deploy;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.customers)) TO STDOUT;
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SELECT a.qty, sum(b.qty) AS total
FROM "public"."orders" AS a
JOIN marts_dbt_deploy.orders b ON a.id = b.customer_id
WHERE a.status = 'staging.orders' AND b.qty > 881
GROUP BY a.qty
ORDER BY total DESC
LIMIT 125;
-- ;;
SET schema 'raw';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM RAW.sessions;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.region, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.status, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.qty, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "marts_dbt_deploy"."customers")) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.events;
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.product_id, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."line_items";
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.raw.events;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM public.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.qty, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."payments" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".sessions;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "raw"."payments";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.sessions)) TO STDOUT;
-- ;;
SELECT a.id, min(b.customer_id) AS total
FROM raw.products AS a
JOIN public.products b ON a.id = b.amount
WHERE a.status = 'analytics.customers' AND b.customer_id > 821
GROUP BY a.id
ORDER BY total DESC
LIMIT 88;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM "public"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SUBSCRIBE TO "marts_dbt_deploy"."orders" WITH (SNAPSHOT = false);
-- ;;
SUBSCRIBE TO raw.products WITH (SNAPSHOT = false);
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.customers SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."payments" WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.customers;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.customer_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.region, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."orders");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."line_items" SET status = 'x' WHERE id IN (SELECT id FROM raw.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.amount, min(b.qty) AS total
FROM marts_dbt_deploy.customers AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.id
WHERE a.status = 'public.orders' AND b.qty > 32
GROUP BY a.amount
ORDER BY total DESC
LIMIT 362;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SET search_path TO marts_dbt_deploy, "Staging ""Q""", analytics_dbt_deploy;
-- ;;
SUBSCRIBE TO materialize.analytics_dbt_deploy.orders WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.status, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT a.product_id, sum(b.product_id) AS total
FROM analytics_dbt_deploy.sessions AS a
JOIN public.customers b ON a.id = b.qty
WHERE a.status = 'staging.line_items' AND b.product_id > 219
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 160;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."products";
-- ;;
SET search_path TO public, marts_dbt_deploy, analytics_dbt_deploy;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q"""."events")) TO STDOUT;
-- ;;
SUBSCRIBE TO "Staging ""Q"""."products" WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.amount, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.sessions;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.events SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "raw"."events")) TO STDOUT;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SUBSCRIBE TO materialize.analytics_dbt_deploy.events WITH (SNAPSHOT = false);
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."Staging ""Q"""."payments";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."payments";
-- ;;
SET schema 'raw';
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.product_id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.line_items;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.line_items SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."sessions");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.qty, sum(b.qty) AS total
FROM materialize.marts_dbt_deploy.orders AS a
JOIN "materialize"."analytics_dbt_deploy"."customers" b ON a.id = b.product_id
WHERE a.status = 'analytics.line_items' AND b.qty > 102
GROUP BY a.qty
ORDER BY total DESC
LIMIT 188;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.region, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".orders)) TO STDOUT;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET SESSION search_path = 'Staging "Q"', "analytics_dbt_deploy";
-- ;;
CREATE INDEX idx_36 IN CLUSTER "compute_dbt_deploy" ON analytics_dbt_deploy.sessions (id);
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM "public"."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SET cluster TO 'serving';
-- ;;
SET SESSION search_path = 'raw', "public";
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SET search_path TO analytics_dbt_deploy, "Staging ""Q""", public;
-- ;;
SET cluster TO 'quickstart';
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."orders" SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "analytics_dbt_deploy"."sessions")) TO STDOUT;
-- ;;
SELECT a.region, min(b.created_at) AS total
FROM analytics_dbt_deploy.products AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.status
WHERE a.status = 'public.payments' AND b.created_at > 111
GROUP BY a.region
ORDER BY total DESC
LIMIT 312;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.products)) TO STDOUT;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SUBSCRIBE TO materialize.public.line_items WITH (SNAPSHOT = false);
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM RAW.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.amount, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "public"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE INDEX idx_45 IN CLUSTER "compute_dbt_deploy" ON marts_dbt_deploy.sessions (id);
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.qty, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT a.amount, avg(b.region) AS total
FROM "Staging ""Q""".payments AS a
JOIN "raw"."payments" b ON a.id = b.id
WHERE a.status = 'marts.orders' AND b.region > 125
GROUP BY a.amount
ORDER BY total DESC
LIMIT 430;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = quickstart;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "public"."events";
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.product_id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "analytics_dbt_deploy"."events";
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.qty, min(b.product_id) AS total
FROM "raw"."line_items" AS a
JOIN "raw"."orders" b ON a.id = b.customer_id
WHERE a.status = 'analytics.orders' AND b.product_id > 97
GROUP BY a.qty
ORDER BY total DESC
LIMIT 51;
-- ;;
SET cluster TO 'quickstart';
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE RAW.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.region, count(b.amount) AS total
FROM materialize."Staging ""Q""".events AS a
JOIN materialize.analytics_dbt_deploy.products b ON a.id = b.region
WHERE a.status = 'analytics.orders' AND b.amount > 600
GROUP BY a.region
ORDER BY total DESC
LIMIT 230;
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SUBSCRIBE TO raw.line_items WITH (SNAPSHOT = false);
-- ;;
SELECT a.qty, max(b.created_at) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN marts_dbt_deploy.products b ON a.id = b.qty
WHERE a.status = 'raw.events' AND b.created_at > 328
GROUP BY a.qty
ORDER BY total DESC
LIMIT 196;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.status, sum(b.region) AS total
FROM materialize.raw.payments AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.amount
WHERE a.status = 'raw.events' AND b.region > 503
GROUP BY a.status
ORDER BY total DESC
LIMIT 232;
-- ;;
SUBSCRIBE TO "Staging ""Q""".events WITH (SNAPSHOT = false);
-- ;;
SELECT a.created_at, max(b.product_id) AS total
FROM public.payments AS a
JOIN materialize.marts_dbt_deploy.products b ON a.id = b.product_id
WHERE a.status = 'analytics.events' AND b.product_id > 56
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 277;
-- ;;
SELECT a.product_id, count(b.id) AS total
FROM public.products AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.product_id
WHERE a.status = 'raw.orders' AND b.id > 109
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 216;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".events SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.region, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.payments SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."orders");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET SESSION search_path = 'raw', "raw";
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.product_id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO "materialize"."raw"."products" WITH (SNAPSHOT = false);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET cluster = serving;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."marts_dbt_deploy"."events"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "raw"."orders";
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.qty, min(b.amount) AS total
FROM "raw"."sessions" AS a
JOIN "Staging ""Q""".events b ON a.id = b.region
WHERE a.status = 'raw.sessions' AND b.amount > 256
GROUP BY a.qty
ORDER BY total DESC
LIMIT 429;
-- ;;
SELECT a.qty, count(b.status) AS total
FROM marts_dbt_deploy.events AS a
JOIN "materialize"."public"."line_items" b ON a.id = b.created_at
WHERE a.status = 'analytics.events' AND b.status > 314
GROUP BY a.qty
ORDER BY total DESC
LIMIT 445;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.amount, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."customers" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."marts_dbt_deploy"."customers"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.events SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_28 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM "materialize"."analytics_dbt_deploy"."events" GROUP BY customer_id;
-- ;;
CREATE INDEX idx_37 IN CLUSTER "serving" ON marts_dbt_deploy.orders (id);
-- ;;
SET schema 'public';
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.line_items SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.orders;
-- ;;
SELECT a.status, min(b.region) AS total
FROM analytics_dbt_deploy.products AS a
JOIN "materialize"."analytics_dbt_deploy"."line_items" b ON a.id = b.qty
WHERE a.status = 'staging.customers' AND b.region > 839
GROUP BY a.status
ORDER BY total DESC
LIMIT 156;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
SUBSCRIBE TO materialize.marts_dbt_deploy.events WITH (SNAPSHOT = false);
-- ;;
SET search_path TO marts_dbt_deploy, "Staging ""Q""", public;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "analytics_dbt_deploy"."sessions")) TO STDOUT;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."Staging ""Q"""."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.region, sum(b.product_id) AS total
FROM "materialize"."public"."line_items" AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.status
WHERE a.status = 'raw.line_items' AND b.product_id > 718
GROUP BY a.region
ORDER BY total DESC
LIMIT 204;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.region, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.customer_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."events" SET status = 'x' WHERE id IN (SELECT id FROM public.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SUBSCRIBE TO marts_dbt_deploy.events WITH (SNAPSHOT = false);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "analytics_dbt_deploy"."events";
-- ;;
SELECT a.id, avg(b.qty) AS total
FROM analytics_dbt_deploy.customers AS a
JOIN marts_dbt_deploy.payments b ON a.id = b.qty
WHERE a.status = 'public.products' AND b.qty > 826
GROUP BY a.id
ORDER BY total DESC
LIMIT 425;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.created_at, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.region, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."Staging ""Q"""."sessions"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET cluster TO 'quickstart';
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.customers SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
SUBSCRIBE TO "materialize"."raw"."customers" WITH (SNAPSHOT = false);
-- ;;
SUBSCRIBE TO marts_dbt_deploy.sessions WITH (SNAPSHOT = false);
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.line_items;
-- ;;
SELECT a.status, count(b.id) AS total
FROM analytics_dbt_deploy.products AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.region
WHERE a.status = 'marts.events' AND b.id > 846
GROUP BY a.status
ORDER BY total DESC
LIMIT 7;
-- ;;
CREATE INDEX idx_66 IN CLUSTER "compute_dbt_deploy" ON "Staging ""Q""".orders (id);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE RAW.orders; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO public.products WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.amount, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.created_at, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".payments SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.orders SET status = 'x' WHERE id IN (SELECT id FROM raw.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE INDEX idx_41 IN CLUSTER "quickstart" ON marts_dbt_deploy.events (id);
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize."Staging ""Q""".sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.customer_id, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "public"."line_items";
-- ;;
SELECT a.region, count(b.status) AS total
FROM raw.products AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.qty
WHERE a.status = 'marts.products' AND b.status > 540
GROUP BY a.region
ORDER BY total DESC
LIMIT 117;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."products" SET status = 'x' WHERE id IN (SELECT id FROM raw.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.line_items SET status = 'x' WHERE id IN (SELECT id FROM "raw"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."events" SET status = 'x' WHERE id IN (SELECT id FROM "raw"."line_items");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q"""."events")) TO STDOUT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "raw"."customers";
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."Staging ""Q"""."events";
-- ;;
SET SESSION search_path = 'public', "marts_dbt_deploy";
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SET SESSION search_path = 'Staging "Q"', "marts_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.status, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SET search_path TO "Staging ""Q""", public, marts_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."products" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.raw.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_14 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM marts_dbt_deploy.line_items GROUP BY customer_id;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM public.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."payments" SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.qty, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT a.status, count(b.region) AS total
FROM "materialize"."marts_dbt_deploy"."sessions" AS a
JOIN "raw"."line_items" b ON a.id = b.region
WHERE a.status = 'raw.products' AND b.region > 31
GROUP BY a.status
ORDER BY total DESC
LIMIT 232;
-- ;;
SELECT a.customer_id, count(b.id) AS total
FROM materialize.analytics_dbt_deploy.customers AS a
JOIN "materialize"."raw"."customers" b ON a.id = b.region
WHERE a.status = 'marts.events' AND b.id > 345
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 265;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."sessions";
-- ;;
SELECT a.region, count(b.region) AS total
FROM analytics_dbt_deploy.events AS a
JOIN analytics_dbt_deploy.events b ON a.id = b.amount
WHERE a.status = 'analytics.products' AND b.region > 237
GROUP BY a.region
ORDER BY total DESC
LIMIT 408;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SET cluster TO 'quickstart';
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.amount, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.status, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."products" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."orders");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."products" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM RAW.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."customers" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE INDEX idx_32 IN CLUSTER "compute_dbt_deploy" ON "Staging ""Q""".line_items (id);
-- ;;
SET schema 'raw';
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".sessions;
-- ;;
SELECT a.product_id, count(b.status) AS total
FROM marts_dbt_deploy.payments AS a
JOIN analytics_dbt_deploy.customers b ON a.id = b.customer_id
WHERE a.status = 'analytics.payments' AND b.status > 388
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 306;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.events SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."sessions");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.customers)) TO STDOUT;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".line_items SET status = 'x' WHERE id IN (SELECT id FROM "raw"."line_items");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.status, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.amount, min(b.created_at) AS total
FROM "Staging ""Q""".sessions AS a
JOIN materialize."Staging ""Q""".customers b ON a.id = b.status
WHERE a.status = 'staging.payments' AND b.created_at > 623
GROUP BY a.amount
ORDER BY total DESC
LIMIT 238;
-- ;;
SELECT a.id, min(b.created_at) AS total
FROM RAW.events AS a
JOIN "Staging ""Q"""."customers" b ON a.id = b.qty
WHERE a.status = 'analytics.customers' AND b.created_at > 908
GROUP BY a.id
ORDER BY total DESC
LIMIT 145;
-- ;;
SUBSCRIBE TO "materialize"."marts_dbt_deploy"."orders" WITH (SNAPSHOT = false);
-- ;;
SUBSCRIBE TO materialize.marts_dbt_deploy.orders WITH (SNAPSHOT = false);
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.created_at, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."Staging ""Q"""."customers";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.line_items)) TO STDOUT;
-- ;;
SELECT a.status, max(b.product_id) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN "Staging ""Q"""."sessions" b ON a.id = b.status
WHERE a.status = 'raw.events' AND b.product_id > 717
GROUP BY a.status
ORDER BY total DESC
LIMIT 102;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "analytics_dbt_deploy";
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM raw.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.orders; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".events SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SUBSCRIBE TO "materialize"."Staging ""Q"""."payments" WITH (SNAPSHOT = false);
-- ;;
SELECT a.region, max(b.customer_id) AS total
FROM marts_dbt_deploy.customers AS a
JOIN materialize.raw.customers b ON a.id = b.amount
WHERE a.status = 'marts.customers' AND b.customer_id > 403
GROUP BY a.region
ORDER BY total DESC
LIMIT 373;
-- ;;
SELECT a.created_at, min(b.status) AS total
FROM "public"."sessions" AS a
JOIN "raw"."events" b ON a.id = b.amount
WHERE a.status = 'staging.line_items' AND b.status > 868
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 154;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.status, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.marts_dbt_deploy.payments;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.raw.orders;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.amount, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.customer_id, min(b.product_id) AS total
FROM "raw"."payments" AS a
JOIN raw.payments b ON a.id = b.region
WHERE a.status = 'public.customers' AND b.product_id > 469
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 337;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".sessions;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."events" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
CREATE INDEX idx_12 IN CLUSTER "compute_dbt_deploy" ON raw.line_items (id);
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."payments" WITH (SNAPSHOT = false);
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "analytics_dbt_deploy"."products";
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.created_at, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT a.amount, sum(b.amount) AS total
FROM raw.orders AS a
JOIN "materialize"."marts_dbt_deploy"."events" b ON a.id = b.amount
WHERE a.status = 'staging.orders' AND b.amount > 408
GROUP BY a.amount
ORDER BY total DESC
LIMIT 87;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.region, sum(b.id) AS total
FROM materialize."Staging ""Q""".line_items AS a
JOIN "Staging ""Q""".products b ON a.id = b.amount
WHERE a.status = 'staging.customers' AND b.id > 108
GROUP BY a.region
ORDER BY total DESC
LIMIT 12;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "analytics_dbt_deploy"."customers")) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.events;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.id, max(b.product_id) AS total
FROM materialize.raw.sessions AS a
JOIN public.orders b ON a.id = b.amount
WHERE a.status = 'raw.orders' AND b.product_id > 922
GROUP BY a.id
ORDER BY total DESC
LIMIT 73;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.status, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM "raw"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.qty, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster TO 'quickstart';
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."orders");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."raw"."customers")) TO STDOUT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT a.id, max(b.qty) AS total
FROM analytics_dbt_deploy.events AS a
JOIN PUBLIC.sessions b ON a.id = b.created_at
WHERE a.status = 'raw.payments' AND b.qty > 766
GROUP BY a.id
ORDER BY total DESC
LIMIT 271;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".events)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.created_at, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.id, avg(b.created_at) AS total
FROM marts_dbt_deploy.events AS a
JOIN "materialize"."analytics_dbt_deploy"."line_items" b ON a.id = b.id
WHERE a.status = 'analytics.orders' AND b.created_at > 495
GROUP BY a.id
ORDER BY total DESC
LIMIT 395;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.events SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.qty, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
SELECT a.id, max(b.amount) AS total
FROM "Staging ""Q"""."customers" AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.region
WHERE a.status = 'public.line_items' AND b.amount > 924
GROUP BY a.id
ORDER BY total DESC
LIMIT 436;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.public.orders; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."customers" WITH (SNAPSHOT = false);
-- ;;
SHOW MATERIALIZED VIEWS FROM marts_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT a.amount, max(b.id) AS total
FROM "marts_dbt_deploy"."sessions" AS a
JOIN "Staging ""Q""".payments b ON a.id = b.customer_id
WHERE a.status = 'public.orders' AND b.id > 391
GROUP BY a.amount
ORDER BY total DESC
LIMIT 222;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.raw.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "public";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "public"."customers")) TO STDOUT;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.line_items SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.sessions SET status = 'x' WHERE id IN (SELECT id FROM "raw"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."events" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.orders;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".line_items;
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_16 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM materialize.analytics_dbt_deploy.orders GROUP BY customer_id;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM raw.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.qty, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT a.customer_id, sum(b.qty) AS total
FROM public.payments AS a
JOIN "materialize"."analytics_dbt_deploy"."products" b ON a.id = b.amount
WHERE a.status = 'analytics.sessions' AND b.qty > 618
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
SET schema 'public';
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.orders SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.region, count(b.product_id) AS total
FROM "materialize"."analytics_dbt_deploy"."products" AS a
JOIN public.orders b ON a.id = b.qty
WHERE a.status = 'raw.payments' AND b.product_id > 170
GROUP BY a.region
ORDER BY total DESC
LIMIT 342;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.customers;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = quickstart;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.events;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster TO 'quickstart';
-- ;;
CREATE MATERIALIZED VIEW public.mv_67 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "materialize"."raw"."products" GROUP BY customer_id;
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_42 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM PUBLIC.products GROUP BY customer_id;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.line_items)) TO STDOUT;
-- ;;
SELECT a.created_at, avg(b.id) AS total
FROM marts_dbt_deploy.products AS a
JOIN public.payments b ON a.id = b.status
WHERE a.status = 'staging.orders' AND b.id > 920
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 350;
-- ;;
SUBSCRIBE TO "Staging ""Q"""."payments" WITH (SNAPSHOT = false);
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.line_items;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.region, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "marts_dbt_deploy"."line_items"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "raw";
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.customer_id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.amount, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SUBSCRIBE TO "materialize"."marts_dbt_deploy"."events" WITH (SNAPSHOT = false);
-- ;;
SELECT a.amount, sum(b.customer_id) AS total
FROM raw.line_items AS a
JOIN "materialize"."public"."customers" b ON a.id = b.created_at
WHERE a.status = 'raw.products' AND b.customer_id > 881
GROUP BY a.amount
ORDER BY total DESC
LIMIT 176;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "public";
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM RAW.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."payments" SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."products" SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.product_id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.customers;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."events";
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "analytics_dbt_deploy";
-- ;;
SELECT a.region, min(b.amount) AS total
FROM "public"."customers" AS a
JOIN marts_dbt_deploy.line_items b ON a.id = b.region
WHERE a.status = 'analytics.customers' AND b.amount > 388
GROUP BY a.region
ORDER BY total DESC
LIMIT 129;
-- ;;
SELECT a.created_at, sum(b.status) AS total
FROM "Staging ""Q""".line_items AS a
JOIN "Staging ""Q""".line_items b ON a.id = b.created_at
WHERE a.status = 'public.orders' AND b.status > 39
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 475;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".customers;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
SET cluster TO 'quickstart';
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.qty, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SUBSCRIBE TO "Staging ""Q""".products WITH (SNAPSHOT = false);
-- ;;
SUBSCRIBE TO "analytics_dbt_deploy"."line_items" WITH (SNAPSHOT = false);
-- ;;
SELECT a.created_at, max(b.customer_id) AS total
FROM "materialize"."Staging ""Q"""."sessions" AS a
JOIN materialize.analytics_dbt_deploy.payments b ON a.id = b.customer_id
WHERE a.status = 'raw.line_items' AND b.customer_id > 720
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 392;
-- ;;
SELECT a.region, min(b.status) AS total
FROM "Staging ""Q"""."line_items" AS a
JOIN marts_dbt_deploy.orders b ON a.id = b.region
WHERE a.status = 'staging.customers' AND b.status > 713
GROUP BY a.region
ORDER BY total DESC
LIMIT 279;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.events;
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
SELECT a.id, max(b.created_at) AS total
FROM marts_dbt_deploy.sessions AS a
JOIN "materialize"."marts_dbt_deploy"."sessions" b ON a.id = b.product_id
WHERE a.status = 'raw.line_items' AND b.created_at > 544
GROUP BY a.id
ORDER BY total DESC
LIMIT 91;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.events;
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_10 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "Staging ""Q""".events GROUP BY customer_id;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.orders;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM raw.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET SESSION search_path = 'Staging "Q"', "analytics_dbt_deploy";
-- ;;
SELECT a.amount, avg(b.customer_id) AS total
FROM marts_dbt_deploy.sessions AS a
JOIN "Staging ""Q""".line_items b ON a.id = b.qty
WHERE a.status = 'analytics.products' AND b.customer_id > 76
GROUP BY a.amount
ORDER BY total DESC
LIMIT 244;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.created_at, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
CREATE INDEX idx_38 IN CLUSTER "quickstart" ON analytics_dbt_deploy.line_items (id);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.customer_id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE INDEX idx_84 IN CLUSTER "quickstart" ON public.events (id);
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."payments" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."Staging ""Q"""."customers");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".orders)) TO STDOUT;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
SHOW MATERIALIZED VIEWS FROM marts_dbt_deploy;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.payments SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM raw.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.product_id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET search_path TO "Staging ""Q""", analytics_dbt_deploy, raw;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize."Staging ""Q""".products)) TO STDOUT;
-- ;;
SET cluster = quickstart;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."products";
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".customers;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "raw"."orders";
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."payments" WITH (SNAPSHOT = false);
-- ;;
SET cluster = quickstart;
-- ;;
CREATE INDEX idx_76 IN CLUSTER "compute_dbt_deploy" ON analytics_dbt_deploy.customers (id);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.analytics_dbt_deploy.products)) TO STDOUT;
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET search_path TO raw, analytics_dbt_deploy, "Staging ""Q""";
-- ;;
SELECT a.product_id, count(b.created_at) AS total
FROM marts_dbt_deploy.payments AS a
JOIN "Staging ""Q"""."events" b ON a.id = b.created_at
WHERE a.status = 'public.events' AND b.created_at > 723
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 254;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."events" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."line_items");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."products" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.amount, min(b.customer_id) AS total
FROM materialize.analytics_dbt_deploy.customers AS a
JOIN "materialize"."marts_dbt_deploy"."sessions" b ON a.id = b.qty
WHERE a.status = 'analytics.events' AND b.customer_id > 272
GROUP BY a.amount
ORDER BY total DESC
LIMIT 480;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE MATERIALIZED VIEW "Staging ""Q""".mv_68 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "Staging ""Q""".sessions GROUP BY customer_id;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.product_id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."analytics_dbt_deploy"."products")) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.qty, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "marts_dbt_deploy";
-- ;;
SELECT a.amount, min(b.qty) AS total
FROM marts_dbt_deploy.sessions AS a
JOIN "raw"."line_items" b ON a.id = b.created_at
WHERE a.status = 'marts.orders' AND b.qty > 597
GROUP BY a.amount
ORDER BY total DESC
LIMIT 114;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."events" SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.qty, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.products WITH (SNAPSHOT = false);
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."orders" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.status, sum(b.created_at) AS total
FROM materialize.marts_dbt_deploy.line_items AS a
JOIN raw.events b ON a.id = b.qty
WHERE a.status = 'staging.customers' AND b.created_at > 307
GROUP BY a.status
ORDER BY total DESC
LIMIT 39;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."orders");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.product_id, max(b.qty) AS total
FROM materialize."Staging ""Q""".products AS a
JOIN raw.line_items b ON a.id = b.product_id
WHERE a.status = 'raw.line_items' AND b.qty > 686
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 2;
-- ;;
SET cluster TO 'serving';
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.customers)) TO STDOUT;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET SESSION search_path = 'public', "analytics_dbt_deploy";
-- ;;
SELECT a.created_at, sum(b.id) AS total
FROM marts_dbt_deploy.line_items AS a
JOIN "public"."sessions" b ON a.id = b.amount
WHERE a.status = 'public.line_items' AND b.id > 967
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 121;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."raw"."sessions";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.public.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."products" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET SESSION search_path = 'public', "marts_dbt_deploy";
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".sessions;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."raw"."orders";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.raw.products)) TO STDOUT;
-- ;;
SELECT a.region, sum(b.qty) AS total
FROM RAW.sessions AS a
JOIN materialize.raw.orders b ON a.id = b.created_at
WHERE a.status = 'marts.events' AND b.qty > 374
GROUP BY a.region
ORDER BY total DESC
LIMIT 410;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.public.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.sessions;
-- ;;
SELECT a.amount, sum(b.region) AS total
FROM "materialize"."Staging ""Q"""."sessions" AS a
JOIN "materialize"."marts_dbt_deploy"."events" b ON a.id = b.customer_id
WHERE a.status = 'marts.line_items' AND b.region > 810
GROUP BY a.amount
ORDER BY total DESC
LIMIT 79;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.status, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."raw"."customers";
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET search_path TO "Staging ""Q""", analytics_dbt_deploy, raw;
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.product_id, avg(b.product_id) AS total
FROM materialize."Staging ""Q""".products AS a
JOIN analytics_dbt_deploy.products b ON a.id = b.id
WHERE a.status = 'public.payments' AND b.product_id > 322
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 227;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.qty, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.payments;
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET search_path TO raw, public, marts_dbt_deploy;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.qty, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
CREATE INDEX idx_70 IN CLUSTER "serving" ON "Staging ""Q""".products (id);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.payments;
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."events" WITH (SNAPSHOT = false);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.product_id, min(b.qty) AS total
FROM public.orders AS a
JOIN materialize.analytics_dbt_deploy.products b ON a.id = b.amount
WHERE a.status = 'marts.customers' AND b.qty > 25
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 382;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_74 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM raw.line_items GROUP BY customer_id;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.sessions)) TO STDOUT;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.orders SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."products");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET SESSION search_path = 'public', "Staging ""Q""";
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.orders SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".line_items;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.product_id, count(b.id) AS total
FROM marts_dbt_deploy.orders AS a
JOIN materialize.analytics_dbt_deploy.sessions b ON a.id = b.id
WHERE a.status = 'marts.sessions' AND b.id > 917
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 444;
-- ;;
SELECT a.customer_id, sum(b.customer_id) AS total
FROM materialize.marts_dbt_deploy.events AS a
JOIN materialize."Staging ""Q""".events b ON a.id = b.region
WHERE a.status = 'raw.events' AND b.customer_id > 111
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 455;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster = serving;
-- ;;
SET cluster TO 'serving';
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.customer_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.events;
-- ;;
SELECT a.qty, count(b.product_id) AS total
FROM analytics_dbt_deploy.events AS a
JOIN "materialize"."Staging ""Q"""."line_items" b ON a.id = b.customer_id
WHERE a.status = 'marts.customers' AND b.product_id > 831
GROUP BY a.qty
ORDER BY total DESC
LIMIT 260;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.product_id, max(b.id) AS total
FROM "materialize"."public"."customers" AS a
JOIN materialize.raw.line_items b ON a.id = b.customer_id
WHERE a.status = 'staging.customers' AND b.id > 3
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 106;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.orders;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM raw.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "raw"."line_items";
-- ;;
CREATE INDEX idx_86 IN CLUSTER "compute_dbt_deploy" ON "Staging ""Q""".sessions (id);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."events";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "raw"."orders")) TO STDOUT;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE MATERIALIZED VIEW raw.mv_31 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM "materialize"."marts_dbt_deploy"."products" GROUP BY customer_id;
-- ;;
SET cluster = serving;
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SUBSCRIBE TO "materialize"."public"."line_items" WITH (SNAPSHOT = false);
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.customer_id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."products" SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "marts_dbt_deploy"."products";
-- ;;
SET search_path TO public, "Staging ""Q""", marts_dbt_deploy;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SET search_path TO analytics_dbt_deploy, marts_dbt_deploy, raw;
-- ;;
SET cluster TO 'serving';
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.product_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "Staging ""Q""";
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".payments SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM RAW.line_items;
-- ;;
SELECT a.region, min(b.region) AS total
FROM raw.sessions AS a
JOIN "analytics_dbt_deploy"."sessions" b ON a.id = b.qty
WHERE a.status = 'analytics.customers' AND b.region > 742
GROUP BY a.region
ORDER BY total DESC
LIMIT 202;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.customer_id, count(b.status) AS total
FROM raw.customers AS a
JOIN analytics_dbt_deploy.events b ON a.id = b.created_at
WHERE a.status = 'marts.line_items' AND b.status > 803
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 325;
-- ;;
SELECT a.region, count(b.product_id) AS total
FROM "analytics_dbt_deploy"."products" AS a
JOIN "Staging ""Q"""."payments" b ON a.id = b.created_at
WHERE a.status = 'analytics.sessions' AND b.product_id > 409
GROUP BY a.region
ORDER BY total DESC
LIMIT 8;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."public"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET schema 'raw';
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.status, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_93 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "materialize"."raw"."payments" GROUP BY customer_id;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.created_at, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.product_id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.sessions)) TO STDOUT;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.product_id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT a.region, sum(b.product_id) AS total
FROM "public"."sessions" AS a
JOIN RAW.customers b ON a.id = b.id
WHERE a.status = 'raw.products' AND b.product_id > 564
GROUP BY a.region
ORDER BY total DESC
LIMIT 236;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "public"."sessions")) TO STDOUT;
-- ;;
SELECT a.created_at, sum(b.id) AS total
FROM "materialize"."Staging ""Q"""."payments" AS a
JOIN materialize.analytics_dbt_deploy.orders b ON a.id = b.customer_id
WHERE a.status = 'raw.payments' AND b.id > 739
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 189;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.region, count(b.customer_id) AS total
FROM "Staging ""Q""".line_items AS a
JOIN "public"."orders" b ON a.id = b.product_id
WHERE a.status = 'public.orders' AND b.customer_id > 221
GROUP BY a.region
ORDER BY total DESC
LIMIT 499;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.qty, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT a.id, avg(b.amount) AS total
FROM marts_dbt_deploy.customers AS a
JOIN materialize.marts_dbt_deploy.events b ON a.id = b.created_at
WHERE a.status = 'raw.line_items' AND b.amount > 100
GROUP BY a.id
ORDER BY total DESC
LIMIT 70;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.products)) TO STDOUT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".customers;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."products";
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET search_path TO raw, analytics_dbt_deploy, public;
-- ;;
SELECT a.id, sum(b.status) AS total
FROM RAW.line_items AS a
JOIN "Staging ""Q""".customers b ON a.id = b.status
WHERE a.status = 'analytics.products' AND b.status > 134
GROUP BY a.id
ORDER BY total DESC
LIMIT 478;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.region, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.qty, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."Staging ""Q"""."payments")) TO STDOUT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.customers;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "raw";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.orders)) TO STDOUT;
-- ;;
CREATE MATERIALIZED VIEW "Staging ""Q""".mv_47 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "materialize"."analytics_dbt_deploy"."sessions" GROUP BY customer_id;
-- ;;
SET cluster = quickstart;
-- ;;
SELECT a.region, count(b.id) AS total
FROM analytics_dbt_deploy.payments AS a
JOIN "marts_dbt_deploy"."payments" b ON a.id = b.qty
WHERE a.status = 'public.orders' AND b.id > 968
GROUP BY a.region
ORDER BY total DESC
LIMIT 253;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."public"."orders")) TO STDOUT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.raw.line_items;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".sessions SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."public"."line_items";
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.customer_id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.region, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SELECT a.product_id, min(b.status) AS total
FROM materialize.marts_dbt_deploy.products AS a
JOIN "raw"."events" b ON a.id = b.status
WHERE a.status = 'marts.products' AND b.status > 554
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 278;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SET search_path TO public, marts_dbt_deploy, "Staging ""Q""";
-- ;;
SET search_path TO analytics_dbt_deploy, public, marts_dbt_deploy;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."events";
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "marts_dbt_deploy"."products")) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.sessions;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.public.customers;
-- ;;
SELECT a.id, count(b.id) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN materialize.marts_dbt_deploy.line_items b ON a.id = b.amount
WHERE a.status = 'marts.line_items' AND b.id > 687
GROUP BY a.id
ORDER BY total DESC
LIMIT 493;
-- ;;
SET cluster = serving;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.region, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
CREATE MATERIALIZED VIEW public.mv_65 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM analytics_dbt_deploy.products GROUP BY customer_id;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.events SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."Staging ""Q"""."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.products;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "raw"."products";
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.amount, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.sessions;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.line_items;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.events SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.public.products;
-- ;;
SET SESSION search_path = 'Staging "Q"', "raw";
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "raw";
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.amount, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "analytics_dbt_deploy"."customers";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.orders;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."sessions" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.products)) TO STDOUT;
-- ;;
SELECT a.id, max(b.amount) AS total
FROM raw.products AS a
JOIN materialize."Staging ""Q""".products b ON a.id = b.created_at
WHERE a.status = 'raw.customers' AND b.amount > 127
GROUP BY a.id
ORDER BY total DESC
LIMIT 257;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.status, min(b.customer_id) AS total
FROM "materialize"."marts_dbt_deploy"."events" AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.created_at
WHERE a.status = 'analytics.events' AND b.customer_id > 612
GROUP BY a.status
ORDER BY total DESC
LIMIT 166;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."sessions";
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."sessions" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."events" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.orders;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".sessions)) TO STDOUT;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = quickstart;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "marts_dbt_deploy";
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM public.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.region, sum(b.qty) AS total
FROM "materialize"."marts_dbt_deploy"."products" AS a
JOIN public.line_items b ON a.id = b.id
WHERE a.status = 'analytics.payments' AND b.qty > 858
GROUP BY a.region
ORDER BY total DESC
LIMIT 330;
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."sessions" WITH (SNAPSHOT = false);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."public"."sessions";
-- ;;
SUBSCRIBE TO "Staging ""Q""".orders WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "public"."customers";
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.qty, max(b.region) AS total
FROM "Staging ""Q""".payments AS a
JOIN materialize."Staging ""Q""".events b ON a.id = b.created_at
WHERE a.status = 'marts.line_items' AND b.region > 252
GROUP BY a.qty
ORDER BY total DESC
LIMIT 107;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."events" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."products" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.status, max(b.qty) AS total
FROM "Staging ""Q""".orders AS a
JOIN RAW.events b ON a.id = b.id
WHERE a.status = 'marts.customers' AND b.qty > 502
GROUP BY a.status
ORDER BY total DESC
LIMIT 148;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".sessions;
-- ;;
SELECT a.product_id, max(b.id) AS total
FROM PUBLIC.products AS a
JOIN "materialize"."marts_dbt_deploy"."events" b ON a.id = b.customer_id
WHERE a.status = 'staging.customers' AND b.id > 673
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 409;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SET search_path TO raw, public, marts_dbt_deploy;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."sessions";
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."customers" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.amount, avg(b.product_id) AS total
FROM raw.products AS a
JOIN "materialize"."raw"."orders" b ON a.id = b.id
WHERE a.status = 'staging.payments' AND b.product_id > 219
GROUP BY a.amount
ORDER BY total DESC
LIMIT 458;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.payments WITH (SNAPSHOT = false);
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.status, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT a.qty, sum(b.id) AS total
FROM materialize.raw.orders AS a
JOIN "Staging ""Q""".line_items b ON a.id = b.customer_id
WHERE a.status = 'marts.line_items' AND b.id > 461
GROUP BY a.qty
ORDER BY total DESC
LIMIT 221;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".line_items SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.customer_id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT a.status, min(b.region) AS total
FROM analytics_dbt_deploy.sessions AS a
JOIN analytics_dbt_deploy.products b ON a.id = b.status
WHERE a.status = 'marts.products' AND b.region > 121
GROUP BY a.status
ORDER BY total DESC
LIMIT 145;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.qty, max(b.id) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN "public"."orders" b ON a.id = b.customer_id
WHERE a.status = 'public.sessions' AND b.id > 647
GROUP BY a.qty
ORDER BY total DESC
LIMIT 366;
-- ;;
SET search_path TO raw, public, "Staging ""Q""";
-- ;;
SET SESSION search_path = 'Staging "Q"', "analytics_dbt_deploy";
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE MATERIALIZED VIEW raw.mv_0 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM "materialize"."Staging ""Q"""."events" GROUP BY customer_id;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."orders");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_47 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM analytics_dbt_deploy.products GROUP BY customer_id;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM PUBLIC.line_items;
-- ;;
SELECT a.customer_id, count(b.region) AS total
FROM materialize.analytics_dbt_deploy.customers AS a
JOIN "Staging ""Q""".products b ON a.id = b.region
WHERE a.status = 'staging.payments' AND b.region > 332
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 207;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."line_items" SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.region, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT a.id, avg(b.region) AS total
FROM raw.events AS a
JOIN "materialize"."raw"."line_items" b ON a.id = b.region
WHERE a.status = 'raw.payments' AND b.region > 955
GROUP BY a.id
ORDER BY total DESC
LIMIT 51;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "raw"."orders";
-- ;;
SET search_path TO marts_dbt_deploy, raw, analytics_dbt_deploy;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.created_at, max(b.amount) AS total
FROM materialize.public.products AS a
JOIN "materialize"."Staging ""Q"""."sessions" b ON a.id = b.region
WHERE a.status = 'raw.line_items' AND b.amount > 904
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 400;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SUBSCRIBE TO "Staging ""Q""".customers WITH (SNAPSHOT = false);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
SELECT a.id, count(b.product_id) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN RAW.products b ON a.id = b.qty
WHERE a.status = 'public.customers' AND b.product_id > 308
GROUP BY a.id
ORDER BY total DESC
LIMIT 254;
-- ;;
SELECT a.amount, count(b.amount) AS total
FROM "analytics_dbt_deploy"."orders" AS a
JOIN "materialize"."analytics_dbt_deploy"."events" b ON a.id = b.id
WHERE a.status = 'staging.line_items' AND b.amount > 238
GROUP BY a.amount
ORDER BY total DESC
LIMIT 413;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.customers SET status = 'x' WHERE id IN (SELECT id FROM public.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.line_items;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."line_items" SET status = 'x' WHERE id IN (SELECT id FROM public.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.status, max(b.product_id) AS total
FROM "Staging ""Q"""."payments" AS a
JOIN materialize.marts_dbt_deploy.products b ON a.id = b.product_id
WHERE a.status = 'public.customers' AND b.product_id > 871
GROUP BY a.status
ORDER BY total DESC
LIMIT 494;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.qty, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
SET search_path TO analytics_dbt_deploy, public, raw;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.status, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.products;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.qty, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.qty, count(b.customer_id) AS total
FROM "Staging ""Q"""."payments" AS a
JOIN materialize.analytics_dbt_deploy.orders b ON a.id = b.customer_id
WHERE a.status = 'raw.orders' AND b.customer_id > 484
GROUP BY a.qty
ORDER BY total DESC
LIMIT 81;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."line_items" SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.region, count(b.created_at) AS total
FROM "public"."events" AS a
JOIN raw.customers b ON a.id = b.qty
WHERE a.status = 'public.line_items' AND b.created_at > 446
GROUP BY a.region
ORDER BY total DESC
LIMIT 160;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q"""."line_items";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.line_items)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.created_at, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM RAW.orders;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."payments" SET status = 'x' WHERE id IN (SELECT id FROM public.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.events)) TO STDOUT;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "public"."products")) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "marts_dbt_deploy"."orders";
-- ;;
CREATE MATERIALIZED VIEW "Staging ""Q""".mv_44 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "Staging ""Q""".sessions GROUP BY customer_id;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".sessions;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'raw', "analytics_dbt_deploy";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."public"."orders";
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.created_at, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize."Staging ""Q""".events;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".products SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.payments;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.qty, count(b.status) AS total
FROM "raw"."customers" AS a
JOIN "materialize"."marts_dbt_deploy"."products" b ON a.id = b.region
WHERE a.status = 'marts.customers' AND b.status > 770
GROUP BY a.qty
ORDER BY total DESC
LIMIT 63;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "public"."payments";
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.products SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SUBSCRIBE TO "materialize"."Staging ""Q"""."sessions" WITH (SNAPSHOT = false);
-- ;;
CREATE INDEX idx_1 IN CLUSTER "quickstart" ON "Staging ""Q""".customers (id);
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.status, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.amount, count(b.amount) AS total
FROM materialize.public.payments AS a
JOIN raw.orders b ON a.id = b.created_at
WHERE a.status = 'raw.line_items' AND b.amount > 438
GROUP BY a.amount
ORDER BY total DESC
LIMIT 287;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.amount, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".payments)) TO STDOUT;
-- ;;
SELECT a.customer_id, count(b.created_at) AS total
FROM analytics_dbt_deploy.line_items AS a
JOIN materialize.analytics_dbt_deploy.line_items b ON a.id = b.region
WHERE a.status = 'analytics.events' AND b.created_at > 635
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 106;
-- ;;
SET search_path TO marts_dbt_deploy, analytics_dbt_deploy, raw;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.region, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET search_path TO public, marts_dbt_deploy, analytics_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.product_id, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT a.qty, min(b.product_id) AS total
FROM "marts_dbt_deploy"."products" AS a
JOIN materialize.public.orders b ON a.id = b.amount
WHERE a.status = 'public.customers' AND b.product_id > 173
GROUP BY a.qty
ORDER BY total DESC
LIMIT 337;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".payments;
-- ;;
SELECT a.status, min(b.amount) AS total
FROM materialize.public.events AS a
JOIN materialize.marts_dbt_deploy.orders b ON a.id = b.region
WHERE a.status = 'raw.customers' AND b.amount > 417
GROUP BY a.status
ORDER BY total DESC
LIMIT 398;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET SESSION search_path = 'public', "marts_dbt_deploy";
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
SET cluster = quickstart;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."marts_dbt_deploy"."line_items";
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT a.status, count(b.status) AS total
FROM materialize.raw.sessions AS a
JOIN "Staging ""Q"""."products" b ON a.id = b.region
WHERE a.status = 'marts.products' AND b.status > 58
GROUP BY a.status
ORDER BY total DESC
LIMIT 173;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "Staging ""Q""";
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.customer_id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT a.amount, sum(b.product_id) AS total
FROM "public"."orders" AS a
JOIN "marts_dbt_deploy"."products" b ON a.id = b.product_id
WHERE a.status = 'raw.customers' AND b.product_id > 864
GROUP BY a.amount
ORDER BY total DESC
LIMIT 439;
-- ;;
SELECT a.product_id, sum(b.product_id) AS total
FROM public.events AS a
JOIN "Staging ""Q""".products b ON a.id = b.region
WHERE a.status = 'raw.customers' AND b.product_id > 966
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 424;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM raw.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.status, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
CREATE INDEX idx_61 IN CLUSTER "serving" ON marts_dbt_deploy.products (id);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE RAW.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.created_at, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.public.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.orders;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."payments" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".payments;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.sessions;
-- ;;
SET search_path TO analytics_dbt_deploy, raw, "Staging ""Q""";
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.orders SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."line_items");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.raw.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.line_items;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.line_items SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.products;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.customer_id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."orders" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.customers SET status = 'x' WHERE id IN (SELECT id FROM raw.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.id, sum(b.amount) AS total
FROM materialize."Staging ""Q""".customers AS a
JOIN public.customers b ON a.id = b.amount
WHERE a.status = 'staging.products' AND b.amount > 647
GROUP BY a.id
ORDER BY total DESC
LIMIT 336;
-- ;;
SELECT a.customer_id, sum(b.qty) AS total
FROM raw.products AS a
JOIN "materialize"."analytics_dbt_deploy"."orders" b ON a.id = b.qty
WHERE a.status = 'marts.products' AND b.qty > 920
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 305;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.amount, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".payments)) TO STDOUT;
-- ;;
SELECT a.region, sum(b.status) AS total
FROM RAW.sessions AS a
JOIN marts_dbt_deploy.line_items b ON a.id = b.id
WHERE a.status = 'raw.line_items' AND b.status > 43
GROUP BY a.region
ORDER BY total DESC
LIMIT 426;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.analytics_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.customer_id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.region, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM raw.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.customer_id, count(b.id) AS total
FROM "raw"."products" AS a
JOIN raw.customers b ON a.id = b.id
WHERE a.status = 'raw.payments' AND b.id > 543
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 408;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "Staging ""Q""";
-- ;;
SELECT a.id, count(b.created_at) AS total
FROM marts_dbt_deploy.customers AS a
JOIN raw.products b ON a.id = b.product_id
WHERE a.status = 'raw.products' AND b.created_at > 689
GROUP BY a.id
ORDER BY total DESC
LIMIT 344;
-- ;;
SELECT a.region, max(b.qty) AS total
FROM materialize.raw.customers AS a
JOIN public.events b ON a.id = b.id
WHERE a.status = 'raw.sessions' AND b.qty > 61
GROUP BY a.region
ORDER BY total DESC
LIMIT 394;
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.region, count(b.amount) AS total
FROM PUBLIC.line_items AS a
JOIN "materialize"."Staging ""Q"""."customers" b ON a.id = b.qty
WHERE a.status = 'marts.payments' AND b.amount > 1
GROUP BY a.region
ORDER BY total DESC
LIMIT 193;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.product_id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.sessions SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE PUBLIC.customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.created_at, sum(b.status) AS total
FROM "marts_dbt_deploy"."line_items" AS a
JOIN "Staging ""Q""".products b ON a.id = b.id
WHERE a.status = 'staging.events' AND b.status > 576
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 437;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."products";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SET SESSION search_path = 'public', "public";
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.created_at, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.product_id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.status, max(b.customer_id) AS total
FROM public.products AS a
JOIN "Staging ""Q""".line_items b ON a.id = b.id
WHERE a.status = 'staging.events' AND b.customer_id > 270
GROUP BY a.status
ORDER BY total DESC
LIMIT 483;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."sessions" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.amount, max(b.created_at) AS total
FROM materialize."Staging ""Q""".line_items AS a
JOIN "materialize"."public"."orders" b ON a.id = b.product_id
WHERE a.status = 'staging.payments' AND b.created_at > 680
GROUP BY a.amount
ORDER BY total DESC
LIMIT 108;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.sessions;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."payments";
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."events";
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."raw"."line_items")) TO STDOUT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.customers;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.customer_id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = serving;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.customer_id, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".customers SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."payments";
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_11 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM "Staging ""Q"""."events" GROUP BY customer_id;
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.orders SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.qty, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.product_id, count(b.product_id) AS total
FROM materialize.public.sessions AS a
JOIN raw.orders b ON a.id = b.status
WHERE a.status = 'raw.customers' AND b.product_id > 283
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 338;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.orders;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."public"."sessions")) TO STDOUT;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.product_id, min(b.id) AS total
FROM marts_dbt_deploy.products AS a
JOIN materialize.marts_dbt_deploy.payments b ON a.id = b.qty
WHERE a.status = 'raw.payments' AND b.id > 71
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 106;
-- ;;
SUBSCRIBE TO materialize."Staging ""Q""".sessions WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.analytics_dbt_deploy.orders;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."Staging ""Q"""."payments";
-- ;;
SET cluster = quickstart;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.status, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT a.region, avg(b.amount) AS total
FROM "materialize"."marts_dbt_deploy"."line_items" AS a
JOIN raw.sessions b ON a.id = b.amount
WHERE a.status = 'analytics.events' AND b.amount > 805
GROUP BY a.region
ORDER BY total DESC
LIMIT 324;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."products" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."customers");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".products SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.created_at, sum(b.qty) AS total
FROM marts_dbt_deploy.line_items AS a
JOIN PUBLIC.customers b ON a.id = b.amount
WHERE a.status = 'public.customers' AND b.qty > 809
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 184;
-- ;;
SELECT a.created_at, sum(b.created_at) AS total
FROM "marts_dbt_deploy"."orders" AS a
JOIN materialize."Staging ""Q""".products b ON a.id = b.amount
WHERE a.status = 'analytics.line_items' AND b.created_at > 723
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 219;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.amount, avg(b.qty) AS total
FROM marts_dbt_deploy.customers AS a
JOIN "public"."payments" b ON a.id = b.qty
WHERE a.status = 'marts.events' AND b.qty > 232
GROUP BY a.amount
ORDER BY total DESC
LIMIT 449;
-- ;;
SET cluster = serving;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
SUBSCRIBE TO marts_dbt_deploy.line_items WITH (SNAPSHOT = false);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.sessions)) TO STDOUT;
-- ;;
SET search_path TO "Staging ""Q""", raw, public;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SUBSCRIBE TO "Staging ""Q""".customers WITH (SNAPSHOT = false);
-- ;;
SET cluster = quickstart;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.qty, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE INDEX idx_30 IN CLUSTER "quickstart" ON "Staging ""Q""".products (id);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM PUBLIC.events;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM raw.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.marts_dbt_deploy.customers;
-- ;;
SELECT a.product_id, avg(b.created_at) AS total
FROM public.customers AS a
JOIN "marts_dbt_deploy"."customers" b ON a.id = b.product_id
WHERE a.status = 'public.line_items' AND b.created_at > 46
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 375;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
CREATE INDEX idx_86 IN CLUSTER "quickstart" ON public.line_items (id);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE RAW.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.created_at, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.customers SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.customer_id, sum(b.amount) AS total
FROM materialize.marts_dbt_deploy.payments AS a
JOIN materialize.analytics_dbt_deploy.customers b ON a.id = b.amount
WHERE a.status = 'marts.customers' AND b.amount > 128
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 134;
-- ;;
SELECT a.customer_id, avg(b.amount) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN raw.payments b ON a.id = b.customer_id
WHERE a.status = 'analytics.orders' AND b.amount > 867
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 464;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.line_items SET status = 'x' WHERE id IN (SELECT id FROM raw.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.region, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".orders;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.status, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT a.id, min(b.qty) AS total
FROM "materialize"."raw"."payments" AS a
JOIN "Staging ""Q"""."line_items" b ON a.id = b.customer_id
WHERE a.status = 'raw.events' AND b.qty > 2
GROUP BY a.id
ORDER BY total DESC
LIMIT 74;
-- ;;
SET cluster = quickstart;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.status, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "marts_dbt_deploy"."events";
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.sessions SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.marts_dbt_deploy.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE INDEX idx_84 IN CLUSTER "serving" ON raw.events (id);
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SUBSCRIBE TO "materialize"."marts_dbt_deploy"."payments" WITH (SNAPSHOT = false);
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."line_items" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
SET SESSION search_path = 'raw', "Staging ""Q""";
-- ;;
SELECT a.created_at, min(b.product_id) AS total
FROM "Staging ""Q""".events AS a
JOIN "analytics_dbt_deploy"."payments" b ON a.id = b.region
WHERE a.status = 'staging.payments' AND b.product_id > 23
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 4;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."Staging ""Q"""."products";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.orders;
-- ;;
SET search_path TO public, "Staging ""Q""", marts_dbt_deploy;
-- ;;
SELECT a.id, avg(b.qty) AS total
FROM "marts_dbt_deploy"."payments" AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.status
WHERE a.status = 'public.payments' AND b.qty > 482
GROUP BY a.id
ORDER BY total DESC
LIMIT 382;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.orders;
-- ;;
SUBSCRIBE TO "materialize"."raw"."products" WITH (SNAPSHOT = false);
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SET search_path TO analytics_dbt_deploy, "Staging ""Q""", raw;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT a.id, avg(b.status) AS total
FROM raw.products AS a
JOIN "raw"."payments" b ON a.id = b.region
WHERE a.status = 'raw.line_items' AND b.status > 415
GROUP BY a.id
ORDER BY total DESC
LIMIT 463;
-- ;;
SUBSCRIBE TO materialize.raw.sessions WITH (SNAPSHOT = false);
-- ;;
SET search_path TO "Staging ""Q""", public, analytics_dbt_deploy;
-- ;;
CREATE INDEX idx_66 IN CLUSTER "serving" ON "Staging ""Q""".line_items (id);
-- ;;
SET cluster = quickstart;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE INDEX idx_77 IN CLUSTER "serving" ON raw.events (id);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.customer_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM PUBLIC.payments;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SUBSCRIBE TO "Staging ""Q""".events WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.public.line_items;
-- ;;
CREATE INDEX idx_40 IN CLUSTER "compute_dbt_deploy" ON raw.orders (id);
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.status, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT a.customer_id, max(b.customer_id) AS total
FROM analytics_dbt_deploy.products AS a
JOIN materialize."Staging ""Q""".products b ON a.id = b.qty
WHERE a.status = 'marts.orders' AND b.customer_id > 859
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 346;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".line_items;
-- ;;
SET cluster = quickstart;
-- ;;
SET SESSION search_path = 'raw', "marts_dbt_deploy";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".orders;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.payments;
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.amount, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM raw.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".events SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SUBSCRIBE TO raw.orders WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."Staging ""Q"""."orders";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.events;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.region, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.product_id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.product_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.customers)) TO STDOUT;
-- ;;
SELECT a.status, count(b.id) AS total
FROM materialize.raw.products AS a
JOIN marts_dbt_deploy.products b ON a.id = b.qty
WHERE a.status = 'raw.line_items' AND b.id > 438
GROUP BY a.status
ORDER BY total DESC
LIMIT 183;
-- ;;
SELECT a.id, min(b.amount) AS total
FROM analytics_dbt_deploy.payments AS a
JOIN materialize.analytics_dbt_deploy.customers b ON a.id = b.status
WHERE a.status = 'analytics.orders' AND b.amount > 251
GROUP BY a.id
ORDER BY total DESC
LIMIT 397;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
SELECT a.qty, min(b.qty) AS total
FROM "materialize"."analytics_dbt_deploy"."customers" AS a
JOIN raw.orders b ON a.id = b.customer_id
WHERE a.status = 'raw.products' AND b.qty > 741
GROUP BY a.qty
ORDER BY total DESC
LIMIT 7;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.customers;
-- ;;
SELECT a.qty, avg(b.qty) AS total
FROM PUBLIC.line_items AS a
JOIN "public"."line_items" b ON a.id = b.product_id
WHERE a.status = 'staging.products' AND b.qty > 876
GROUP BY a.qty
ORDER BY total DESC
LIMIT 266;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM RAW.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.created_at, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT a.region, max(b.product_id) AS total
FROM public.customers AS a
JOIN materialize.analytics_dbt_deploy.payments b ON a.id = b.product_id
WHERE a.status = 'raw.orders' AND b.product_id > 583
GROUP BY a.region
ORDER BY total DESC
LIMIT 242;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.amount, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM RAW.sessions)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.qty, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "analytics_dbt_deploy";
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".products)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.customer_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."Staging ""Q"""."customers";
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.line_items SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."Staging ""Q"""."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SUBSCRIBE TO materialize.public.payments WITH (SNAPSHOT = false);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.events)) TO STDOUT;
-- ;;
SELECT a.qty, avg(b.status) AS total
FROM marts_dbt_deploy.products AS a
JOIN materialize."Staging ""Q""".sessions b ON a.id = b.amount
WHERE a.status = 'marts.payments' AND b.status > 429
GROUP BY a.qty
ORDER BY total DESC
LIMIT 247;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.analytics_dbt_deploy.orders;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."customers");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.product_id, count(b.qty) AS total
FROM public.line_items AS a
JOIN public.orders b ON a.id = b.customer_id
WHERE a.status = 'analytics.orders' AND b.qty > 495
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 89;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.line_items;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.created_at, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.qty, count(b.region) AS total
FROM marts_dbt_deploy.orders AS a
JOIN materialize.raw.payments b ON a.id = b.region
WHERE a.status = 'staging.line_items' AND b.region > 971
GROUP BY a.qty
ORDER BY total DESC
LIMIT 24;
-- ;;
SELECT a.amount, sum(b.status) AS total
FROM materialize.analytics_dbt_deploy.line_items AS a
JOIN marts_dbt_deploy.events b ON a.id = b.region
WHERE a.status = 'marts.sessions' AND b.status > 38
GROUP BY a.amount
ORDER BY total DESC
LIMIT 314;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
CREATE INDEX idx_41 IN CLUSTER "compute_dbt_deploy" ON public.events (id);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.sessions SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.customers)) TO STDOUT;
-- ;;
SELECT a.created_at, min(b.qty) AS total
FROM "Staging ""Q"""."line_items" AS a
JOIN PUBLIC.orders b ON a.id = b.id
WHERE a.status = 'analytics.line_items' AND b.qty > 41
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 485;
-- ;;
SELECT a.amount, max(b.amount) AS total
FROM "Staging ""Q""".payments AS a
JOIN materialize.raw.orders b ON a.id = b.amount
WHERE a.status = 'raw.payments' AND b.amount > 104
GROUP BY a.amount
ORDER BY total DESC
LIMIT 375;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."payments" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.created_at, min(b.amount) AS total
FROM marts_dbt_deploy.line_items AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.product_id
WHERE a.status = 'marts.sessions' AND b.amount > 300
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 454;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."events" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."customers");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.events SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.products SET status = 'x' WHERE id IN (SELECT id FROM raw.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."events" SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "raw"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE INDEX idx_88 IN CLUSTER "compute_dbt_deploy" ON raw.payments (id);
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.customer_id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.events WITH (SNAPSHOT = false);
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.raw.events;
-- ;;
SELECT a.created_at, min(b.qty) AS total
FROM "Staging ""Q"""."products" AS a
JOIN public.products b ON a.id = b.id
WHERE a.status = 'raw.events' AND b.qty > 772
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 267;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.amount, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "marts_dbt_deploy";
-- ;;
SELECT a.qty, min(b.id) AS total
FROM marts_dbt_deploy.products AS a
JOIN materialize."Staging ""Q""".payments b ON a.id = b.amount
WHERE a.status = 'raw.customers' AND b.id > 599
GROUP BY a.qty
ORDER BY total DESC
LIMIT 376;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
CREATE INDEX idx_92 IN CLUSTER "compute_dbt_deploy" ON public.line_items (id);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.line_items;
-- ;;
SET cluster TO 'serving';
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT a.created_at, max(b.product_id) AS total
FROM "Staging ""Q"""."customers" AS a
JOIN materialize.raw.orders b ON a.id = b.status
WHERE a.status = 'analytics.sessions' AND b.product_id > 303
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 197;
-- ;;
SUBSCRIBE TO materialize."Staging ""Q""".products WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.customers;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "marts_dbt_deploy"."events"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.amount, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.products SET status = 'x' WHERE id IN (SELECT id FROM public.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = quickstart;
-- ;;
SELECT a.id, max(b.qty) AS total
FROM raw.products AS a
JOIN materialize.marts_dbt_deploy.sessions b ON a.id = b.id
WHERE a.status = 'public.orders' AND b.qty > 22
GROUP BY a.id
ORDER BY total DESC
LIMIT 375;
-- ;;
CREATE INDEX idx_53 IN CLUSTER "quickstart" ON public.payments (id);
-- ;;
SELECT a.status, max(b.status) AS total
FROM "public"."sessions" AS a
JOIN "marts_dbt_deploy"."products" b ON a.id = b.id
WHERE a.status = 'analytics.orders' AND b.status > 110
GROUP BY a.status
ORDER BY total DESC
LIMIT 257;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.status, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT a.id, min(b.qty) AS total
FROM analytics_dbt_deploy.products AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.amount
WHERE a.status = 'analytics.line_items' AND b.qty > 606
GROUP BY a.id
ORDER BY total DESC
LIMIT 80;
-- ;;
SUBSCRIBE TO "Staging ""Q"""."orders" WITH (SNAPSHOT = false);
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."marts_dbt_deploy"."events";
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."customers" SET status = 'x' WHERE id IN (SELECT id FROM raw.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.status, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_2 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM raw.line_items GROUP BY customer_id;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE INDEX idx_84 IN CLUSTER "quickstart" ON public.customers (id);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.payments SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.customer_id, avg(b.qty) AS total
FROM "materialize"."Staging ""Q"""."events" AS a
JOIN marts_dbt_deploy.orders b ON a.id = b.qty
WHERE a.status = 'raw.orders' AND b.qty > 567
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 46;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.customer_id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."customers");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.id, count(b.id) AS total
FROM PUBLIC.products AS a
JOIN marts_dbt_deploy.orders b ON a.id = b.amount
WHERE a.status = 'raw.customers' AND b.id > 586
GROUP BY a.id
ORDER BY total DESC
LIMIT 252;
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."customers" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.status, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.qty, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.customer_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".sessions SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.amount, max(b.customer_id) AS total
FROM marts_dbt_deploy.events AS a
JOIN "materialize"."public"."payments" b ON a.id = b.created_at
WHERE a.status = 'public.sessions' AND b.customer_id > 792
GROUP BY a.amount
ORDER BY total DESC
LIMIT 75;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.line_items SET status = 'x' WHERE id IN (SELECT id FROM RAW.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".orders;
-- ;;
CREATE MATERIALIZED VIEW public.mv_45 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM raw.events GROUP BY customer_id;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize."Staging ""Q""".orders)) TO STDOUT;
-- ;;
SET search_path TO analytics_dbt_deploy, public, marts_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.qty, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.line_items)) TO STDOUT;
-- ;;
SELECT a.id, avg(b.amount) AS total
FROM analytics_dbt_deploy.products AS a
JOIN materialize."Staging ""Q""".payments b ON a.id = b.id
WHERE a.status = 'public.events' AND b.amount > 915
GROUP BY a.id
ORDER BY total DESC
LIMIT 147;
-- ;;
SET SESSION search_path = 'raw', "raw";
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.region, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.public.products;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM PUBLIC.products;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.status, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.raw.products)) TO STDOUT;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.status, max(b.region) AS total
FROM marts_dbt_deploy.products AS a
JOIN RAW.line_items b ON a.id = b.region
WHERE a.status = 'marts.line_items' AND b.region > 387
GROUP BY a.status
ORDER BY total DESC
LIMIT 294;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".line_items SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.customer_id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.products SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE INDEX idx_75 IN CLUSTER "serving" ON "Staging ""Q""".products (id);
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.region, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.payments SET status = 'x' WHERE id IN (SELECT id FROM "raw"."sessions");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize."Staging ""Q""".customers;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT a.customer_id, count(b.amount) AS total
FROM raw.products AS a
JOIN materialize.analytics_dbt_deploy.orders b ON a.id = b.customer_id
WHERE a.status = 'staging.events' AND b.amount > 751
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 466;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."customers";
-- ;;
SELECT a.amount, sum(b.amount) AS total
FROM analytics_dbt_deploy.payments AS a
JOIN marts_dbt_deploy.customers b ON a.id = b.created_at
WHERE a.status = 'staging.products' AND b.amount > 436
GROUP BY a.amount
ORDER BY total DESC
LIMIT 25;
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_41 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM "materialize"."marts_dbt_deploy"."products" GROUP BY customer_id;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
CREATE INDEX idx_45 IN CLUSTER "serving" ON "Staging ""Q""".customers (id);
-- ;;
CREATE INDEX idx_14 IN CLUSTER "serving" ON "Staging ""Q""".sessions (id);
-- ;;
SUBSCRIBE TO "materialize"."raw"."customers" WITH (SNAPSHOT = false);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM PUBLIC.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.created_at, max(b.created_at) AS total
FROM "materialize"."raw"."customers" AS a
JOIN "materialize"."public"."products" b ON a.id = b.id
WHERE a.status = 'raw.sessions' AND b.created_at > 938
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 74;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.status, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SET cluster = quickstart;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.customer_id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SET schema 'raw';
-- ;;
SELECT a.region, min(b.status) AS total
FROM public.products AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.customer_id
WHERE a.status = 'marts.products' AND b.status > 353
GROUP BY a.region
ORDER BY total DESC
LIMIT 477;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.region, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "raw";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.line_items)) TO STDOUT;
-- ;;
SET schema 'public';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "public"."payments";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."payments";
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".products;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize."Staging ""Q""".sessions)) TO STDOUT;
-- ;;
SELECT a.qty, sum(b.qty) AS total
FROM "materialize"."Staging ""Q"""."sessions" AS a
JOIN "Staging ""Q"""."products" b ON a.id = b.customer_id
WHERE a.status = 'staging.sessions' AND b.qty > 492
GROUP BY a.qty
ORDER BY total DESC
LIMIT 94;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "analytics_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.qty, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.status, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'Staging "Q"', "analytics_dbt_deploy";
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "analytics_dbt_deploy";
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster TO 'serving';
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT a.region, count(b.product_id) AS total
FROM public.customers AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.customer_id
WHERE a.status = 'analytics.payments' AND b.product_id > 914
GROUP BY a.region
ORDER BY total DESC
LIMIT 398;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.customer_id, max(b.created_at) AS total
FROM materialize.raw.products AS a
JOIN marts_dbt_deploy.products b ON a.id = b.amount
WHERE a.status = 'public.customers' AND b.created_at > 950
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 116;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET search_path TO analytics_dbt_deploy, public, "Staging ""Q""";
-- ;;
CREATE MATERIALIZED VIEW "Staging ""Q""".mv_53 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM "Staging ""Q"""."sessions" GROUP BY customer_id;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SUBSCRIBE TO materialize."Staging ""Q""".customers WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.customer_id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.qty, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize."Staging ""Q""".sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET search_path TO public, raw, marts_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.status, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.region, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SET cluster = quickstart;
-- ;;
CREATE INDEX idx_14 IN CLUSTER "serving" ON "Staging ""Q""".orders (id);
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".events SET status = 'x' WHERE id IN (SELECT id FROM RAW.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "analytics_dbt_deploy"."line_items")) TO STDOUT;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.status, avg(b.status) AS total
FROM materialize.public.orders AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.customer_id
WHERE a.status = 'raw.customers' AND b.status > 552
GROUP BY a.status
ORDER BY total DESC
LIMIT 157;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM public.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SHOW MATERIALIZED VIEWS FROM marts_dbt_deploy;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."customers");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.sessions;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."payments";
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.created_at, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM RAW.products)) TO STDOUT;
-- ;;
SET schema 'raw';
-- ;;
SET search_path TO marts_dbt_deploy, public, analytics_dbt_deploy;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.amount, count(b.id) AS total
FROM marts_dbt_deploy.events AS a
JOIN materialize.public.line_items b ON a.id = b.product_id
WHERE a.status = 'marts.products' AND b.id > 715
GROUP BY a.amount
ORDER BY total DESC
LIMIT 59;
-- ;;
SUBSCRIBE TO "Staging ""Q""".events WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.analytics_dbt_deploy.sessions;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.products)) TO STDOUT;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.customer_id, max(b.region) AS total
FROM PUBLIC.customers AS a
JOIN materialize.public.customers b ON a.id = b.amount
WHERE a.status = 'raw.line_items' AND b.region > 155
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 248;
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.orders SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".customers;
-- ;;
CREATE INDEX idx_91 IN CLUSTER "compute_dbt_deploy" ON "Staging ""Q""".orders (id);
-- ;;
SELECT a.region, count(b.id) AS total
FROM PUBLIC.products AS a
JOIN analytics_dbt_deploy.events b ON a.id = b.status
WHERE a.status = 'analytics.events' AND b.id > 179
GROUP BY a.region
ORDER BY total DESC
LIMIT 362;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.customer_id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SET search_path TO "Staging ""Q""", raw, public;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.public.events;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.region, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SET schema 'public';
-- ;;
SUBSCRIBE TO "materialize"."marts_dbt_deploy"."line_items" WITH (SNAPSHOT = false);
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."products" SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."sessions");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.qty, min(b.product_id) AS total
FROM "marts_dbt_deploy"."products" AS a
JOIN RAW.payments b ON a.id = b.customer_id
WHERE a.status = 'analytics.customers' AND b.product_id > 727
GROUP BY a.qty
ORDER BY total DESC
LIMIT 123;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.region, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".orders;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster TO 'quickstart';
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.customer_id, min(b.region) AS total
FROM public.line_items AS a
JOIN marts_dbt_deploy.line_items b ON a.id = b.id
WHERE a.status = 'staging.orders' AND b.region > 774
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 433;
-- ;;
SELECT a.region, sum(b.region) AS total
FROM "Staging ""Q""".orders AS a
JOIN materialize.analytics_dbt_deploy.line_items b ON a.id = b.amount
WHERE a.status = 'staging.products' AND b.region > 236
GROUP BY a.region
ORDER BY total DESC
LIMIT 380;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.region, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.customer_id, count(b.customer_id) AS total
FROM RAW.line_items AS a
JOIN marts_dbt_deploy.payments b ON a.id = b.customer_id
WHERE a.status = 'public.customers' AND b.customer_id > 782
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 455;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster TO 'serving';
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.qty, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "marts_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.product_id, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.customer_id, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.events SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET SESSION search_path = 'Staging "Q"', "public";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.orders;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM "public"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "raw"."events";
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."customers" SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."products");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.qty, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.products SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SUBSCRIBE TO "materialize"."raw"."line_items" WITH (SNAPSHOT = false);
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET SESSION search_path = 'Staging "Q"', "marts_dbt_deploy";
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.customers SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO "materialize"."Staging ""Q"""."orders" WITH (SNAPSHOT = false);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE INDEX idx_56 IN CLUSTER "serving" ON "Staging ""Q""".payments (id);
-- ;;
SELECT a.created_at, min(b.amount) AS total
FROM analytics_dbt_deploy.payments AS a
JOIN "materialize"."marts_dbt_deploy"."payments" b ON a.id = b.product_id
WHERE a.status = 'marts.events' AND b.amount > 26
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 49;
-- ;;
SUBSCRIBE TO "Staging ""Q""".sessions WITH (SNAPSHOT = false);
-- ;;
SELECT a.status, avg(b.qty) AS total
FROM materialize.raw.customers AS a
JOIN "Staging ""Q""".products b ON a.id = b.product_id
WHERE a.status = 'raw.orders' AND b.qty > 414
GROUP BY a.status
ORDER BY total DESC
LIMIT 340;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.public.events;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "public";
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.region, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.orders SET status = 'x' WHERE id IN (SELECT id FROM raw.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."Staging ""Q"""."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SUBSCRIBE TO "public"."customers" WITH (SNAPSHOT = false);
-- ;;
CREATE MATERIALIZED VIEW public.mv_42 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM "Staging ""Q""".line_items GROUP BY customer_id;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM raw.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.sessions SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET SESSION search_path = 'public', "Staging ""Q""";
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".customers;
-- ;;
SET cluster TO 'serving';
-- ;;
CREATE INDEX idx_77 IN CLUSTER "serving" ON public.products (id);
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.events)) TO STDOUT;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.line_items)) TO STDOUT;
-- ;;
SET cluster = serving;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."customers";
-- ;;
SELECT a.qty, avg(b.qty) AS total
FROM materialize.public.line_items AS a
JOIN analytics_dbt_deploy.sessions b ON a.id = b.id
WHERE a.status = 'staging.customers' AND b.qty > 886
GROUP BY a.qty
ORDER BY total DESC
LIMIT 369;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."orders" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.created_at, avg(b.id) AS total
FROM "analytics_dbt_deploy"."products" AS a
JOIN "materialize"."raw"."orders" b ON a.id = b.region
WHERE a.status = 'staging.line_items' AND b.id > 331
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 92;
-- ;;
SELECT a.status, min(b.created_at) AS total
FROM raw.orders AS a
JOIN "materialize"."analytics_dbt_deploy"."events" b ON a.id = b.created_at
WHERE a.status = 'public.events' AND b.created_at > 505
GROUP BY a.status
ORDER BY total DESC
LIMIT 299;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."payments";
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.customer_id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".orders;
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE PUBLIC.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.created_at, max(b.id) AS total
FROM "Staging ""Q""".orders AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.region
WHERE a.status = 'raw.line_items' AND b.id > 96
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 260;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM PUBLIC.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.products;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.customer_id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.products;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "public"."payments";
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SET search_path TO raw, "Staging ""Q""", analytics_dbt_deploy;
-- ;;
SET schema 'Staging "Q"';
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.region, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM RAW.sessions)) TO STDOUT;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.region, sum(b.created_at) AS total
FROM analytics_dbt_deploy.sessions AS a
JOIN "Staging ""Q""".events b ON a.id = b.customer_id
WHERE a.status = 'marts.sessions' AND b.created_at > 373
GROUP BY a.region
ORDER BY total DESC
LIMIT 13;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."Staging ""Q"""."line_items";
-- ;;
SELECT a.qty, sum(b.id) AS total
FROM "Staging ""Q""".events AS a
JOIN "raw"."events" b ON a.id = b.region
WHERE a.status = 'raw.orders' AND b.id > 911
GROUP BY a.qty
ORDER BY total DESC
LIMIT 66;
-- ;;
SET schema 'raw';
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.id, avg(b.customer_id) AS total
FROM "Staging ""Q""".sessions AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.id
WHERE a.status = 'raw.products' AND b.customer_id > 990
GROUP BY a.id
ORDER BY total DESC
LIMIT 60;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."line_items" SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.qty, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."customers" SET status = 'x' WHERE id IN (SELECT id FROM "raw"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "raw"."customers";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE PUBLIC.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SET schema 'raw';
-- ;;
SELECT a.id, sum(b.amount) AS total
FROM "Staging ""Q""".sessions AS a
JOIN "raw"."products" b ON a.id = b.region
WHERE a.status = 'raw.products' AND b.amount > 342
GROUP BY a.id
ORDER BY total DESC
LIMIT 301;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE INDEX idx_3 IN CLUSTER "quickstart" ON raw.customers (id);
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
SET schema 'Staging "Q"';
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.product_id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "public"."customers")) TO STDOUT;
-- ;;
SELECT a.product_id, avg(b.customer_id) AS total
FROM "raw"."sessions" AS a
JOIN "materialize"."public"."orders" b ON a.id = b.qty
WHERE a.status = 'public.events' AND b.customer_id > 552
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 247;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".events SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.products;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.sessions;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT a.created_at, max(b.id) AS total
FROM "public"."payments" AS a
JOIN materialize.marts_dbt_deploy.products b ON a.id = b.id
WHERE a.status = 'staging.sessions' AND b.id > 230
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 223;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize."Staging ""Q""".payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SUBSCRIBE TO materialize.raw.events WITH (SNAPSHOT = false);
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.orders;
-- ;;
SET schema 'raw';
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.customers;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "public"."line_items";
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.products SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.product_id, avg(b.customer_id) AS total
FROM materialize."Staging ""Q""".line_items AS a
JOIN "marts_dbt_deploy"."products" b ON a.id = b.qty
WHERE a.status = 'marts.line_items' AND b.customer_id > 711
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 59;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.events;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
SELECT a.region, count(b.product_id) AS total
FROM public.events AS a
JOIN marts_dbt_deploy.orders b ON a.id = b.region
WHERE a.status = 'public.customers' AND b.product_id > 490
GROUP BY a.region
ORDER BY total DESC
LIMIT 270;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM "raw"."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.analytics_dbt_deploy.payments)) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.marts_dbt_deploy.line_items;
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM PUBLIC.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".line_items;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO PUBLIC.orders WITH (SNAPSHOT = false);
-- ;;
SET SESSION search_path = 'raw', "Staging ""Q""";
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."customers" SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize."Staging ""Q""".events;
-- ;;
SELECT a.customer_id, count(b.region) AS total
FROM "Staging ""Q"""."orders" AS a
JOIN RAW.orders b ON a.id = b.amount
WHERE a.status = 'raw.events' AND b.region > 908
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 367;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.sessions SET status = 'x' WHERE id IN (SELECT id FROM "raw"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.created_at, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.customer_id, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT a.product_id, min(b.created_at) AS total
FROM "materialize"."analytics_dbt_deploy"."orders" AS a
JOIN materialize.marts_dbt_deploy.payments b ON a.id = b.amount
WHERE a.status = 'public.sessions' AND b.created_at > 773
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 82;
-- ;;
SELECT a.customer_id, sum(b.product_id) AS total
FROM "materialize"."raw"."events" AS a
JOIN materialize.public.payments b ON a.id = b.amount
WHERE a.status = 'public.line_items' AND b.product_id > 490
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 274;
-- ;;
CREATE INDEX idx_35 IN CLUSTER "compute_dbt_deploy" ON raw.sessions (id);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.customers SET status = 'x' WHERE id IN (SELECT id FROM raw.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "analytics_dbt_deploy"."orders";
-- ;;
SET cluster TO 'serving';
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.product_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.marts_dbt_deploy.orders;
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.raw.line_items;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "raw"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."products" SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.id, sum(b.id) AS total
FROM marts_dbt_deploy.line_items AS a
JOIN "materialize"."Staging ""Q"""."orders" b ON a.id = b.qty
WHERE a.status = 'public.events' AND b.id > 595
GROUP BY a.id
ORDER BY total DESC
LIMIT 44;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.payments;
-- ;;
SELECT a.product_id, max(b.status) AS total
FROM "marts_dbt_deploy"."orders" AS a
JOIN "Staging ""Q"""."line_items" b ON a.id = b.product_id
WHERE a.status = 'analytics.products' AND b.status > 84
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 160;
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = serving;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.products;
-- ;;
SET SESSION search_path = 'Staging "Q"', "Staging ""Q""";
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.payments SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.region, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT a.status, min(b.created_at) AS total
FROM "Staging ""Q""".products AS a
JOIN "marts_dbt_deploy"."orders" b ON a.id = b.status
WHERE a.status = 'raw.payments' AND b.created_at > 297
GROUP BY a.status
ORDER BY total DESC
LIMIT 183;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."Staging ""Q"""."events";
-- ;;
SUBSCRIBE TO "materialize"."public"."customers" WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.region, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.customer_id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.analytics_dbt_deploy.customers)) TO STDOUT;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.amount, max(b.amount) AS total
FROM "materialize"."analytics_dbt_deploy"."payments" AS a
JOIN "raw"."orders" b ON a.id = b.status
WHERE a.status = 'raw.sessions' AND b.amount > 551
GROUP BY a.amount
ORDER BY total DESC
LIMIT 226;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.qty, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.qty, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.region, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT a.region, max(b.qty) AS total
FROM "Staging ""Q"""."line_items" AS a
JOIN "materialize"."Staging ""Q"""."line_items" b ON a.id = b.amount
WHERE a.status = 'public.payments' AND b.qty > 977
GROUP BY a.region
ORDER BY total DESC
LIMIT 64;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.status, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.qty, sum(b.amount) AS total
FROM RAW.events AS a
JOIN materialize.public.orders b ON a.id = b.id
WHERE a.status = 'public.sessions' AND b.amount > 506
GROUP BY a.qty
ORDER BY total DESC
LIMIT 466;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.amount, count(b.region) AS total
FROM marts_dbt_deploy.customers AS a
JOIN "materialize"."public"."payments" b ON a.id = b.status
WHERE a.status = 'public.line_items' AND b.region > 647
GROUP BY a.amount
ORDER BY total DESC
LIMIT 65;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM "raw"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET search_path TO analytics_dbt_deploy, public, raw;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".customers;
-- ;;
SELECT a.created_at, min(b.created_at) AS total
FROM "materialize"."Staging ""Q"""."sessions" AS a
JOIN "raw"."customers" b ON a.id = b.region
WHERE a.status = 'marts.payments' AND b.created_at > 916
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 253;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."sessions";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.events;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE PUBLIC.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.id, min(b.product_id) AS total
FROM "public"."sessions" AS a
JOIN "marts_dbt_deploy"."payments" b ON a.id = b.qty
WHERE a.status = 'public.payments' AND b.product_id > 509
GROUP BY a.id
ORDER BY total DESC
LIMIT 350;
-- ;;
SET cluster = serving;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."line_items");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.id, min(b.product_id) AS total
FROM "Staging ""Q"""."events" AS a
JOIN "materialize"."analytics_dbt_deploy"."events" b ON a.id = b.qty
WHERE a.status = 'staging.events' AND b.product_id > 724
GROUP BY a.id
ORDER BY total DESC
LIMIT 263;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.raw.customers;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.qty, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SET schema 'Staging "Q"';
-- ;;
SELECT a.status, min(b.qty) AS total
FROM "materialize"."analytics_dbt_deploy"."sessions" AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.id
WHERE a.status = 'analytics.events' AND b.qty > 21
GROUP BY a.status
ORDER BY total DESC
LIMIT 345;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.status, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.product_id, avg(b.amount) AS total
FROM marts_dbt_deploy.sessions AS a
JOIN raw.orders b ON a.id = b.amount
WHERE a.status = 'raw.line_items' AND b.amount > 263
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 407;
-- ;;
SET cluster = quickstart;
-- ;;
CREATE MATERIALIZED VIEW "Staging ""Q""".mv_99 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM raw.customers GROUP BY customer_id;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.customers SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT a.product_id, count(b.status) AS total
FROM "materialize"."marts_dbt_deploy"."products" AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.created_at
WHERE a.status = 'staging.payments' AND b.status > 675
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 401;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".payments)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.region, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."analytics_dbt_deploy"."customers"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.product_id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.status, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."sessions";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM PUBLIC.customers;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."line_items" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.products SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "raw"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."products" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.product_id, max(b.id) AS total
FROM marts_dbt_deploy.products AS a
JOIN "Staging ""Q""".orders b ON a.id = b.id
WHERE a.status = 'raw.payments' AND b.id > 462
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 315;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.orders;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.customers SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.line_items SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "public"."products")) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.amount, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT a.created_at, count(b.customer_id) AS total
FROM "Staging ""Q""".products AS a
JOIN analytics_dbt_deploy.products b ON a.id = b.status
WHERE a.status = 'public.sessions' AND b.customer_id > 764
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 402;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.qty, min(b.amount) AS total
FROM public.line_items AS a
JOIN "materialize"."analytics_dbt_deploy"."events" b ON a.id = b.customer_id
WHERE a.status = 'marts.events' AND b.amount > 538
GROUP BY a.qty
ORDER BY total DESC
LIMIT 221;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.status, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT a.qty, sum(b.amount) AS total
FROM "materialize"."Staging ""Q"""."sessions" AS a
JOIN "analytics_dbt_deploy"."payments" b ON a.id = b.qty
WHERE a.status = 'raw.line_items' AND b.amount > 296
GROUP BY a.qty
ORDER BY total DESC
LIMIT 84;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM PUBLIC.sessions)) TO STDOUT;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT a.status, avg(b.created_at) AS total
FROM materialize.public.orders AS a
JOIN marts_dbt_deploy.orders b ON a.id = b.amount
WHERE a.status = 'raw.orders' AND b.created_at > 885
GROUP BY a.status
ORDER BY total DESC
LIMIT 26;
-- ;;
SUBSCRIBE TO marts_dbt_deploy.products WITH (SNAPSHOT = false);
-- ;;
SELECT a.status, min(b.region) AS total
FROM "materialize"."public"."customers" AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.status
WHERE a.status = 'analytics.orders' AND b.region > 462
GROUP BY a.status
ORDER BY total DESC
LIMIT 101;
-- ;;
SELECT a.created_at, sum(b.qty) AS total
FROM materialize.public.line_items AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.product_id
WHERE a.status = 'raw.line_items' AND b.qty > 330
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 268;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".orders;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.region, min(b.product_id) AS total
FROM "analytics_dbt_deploy"."customers" AS a
JOIN "Staging ""Q""".products b ON a.id = b.product_id
WHERE a.status = 'analytics.line_items' AND b.product_id > 724
GROUP BY a.region
ORDER BY total DESC
LIMIT 353;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT a.region, max(b.id) AS total
FROM "marts_dbt_deploy"."sessions" AS a
JOIN "materialize"."raw"."events" b ON a.id = b.id
WHERE a.status = 'raw.orders' AND b.id > 251
GROUP BY a.region
ORDER BY total DESC
LIMIT 120;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.customers;
-- ;;
SELECT a.status, avg(b.amount) AS total
FROM marts_dbt_deploy.orders AS a
JOIN "Staging ""Q"""."events" b ON a.id = b.customer_id
WHERE a.status = 'staging.line_items' AND b.amount > 908
GROUP BY a.status
ORDER BY total DESC
LIMIT 244;
-- ;;
SELECT a.region, min(b.region) AS total
FROM materialize.raw.payments AS a
JOIN materialize.analytics_dbt_deploy.orders b ON a.id = b.status
WHERE a.status = 'public.payments' AND b.region > 591
GROUP BY a.region
ORDER BY total DESC
LIMIT 203;
-- ;;
SELECT a.id, max(b.product_id) AS total
FROM analytics_dbt_deploy.products AS a
JOIN public.line_items b ON a.id = b.created_at
WHERE a.status = 'raw.events' AND b.product_id > 316
GROUP BY a.id
ORDER BY total DESC
LIMIT 73;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."raw"."line_items")) TO STDOUT;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.region, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SET cluster TO 'quickstart';
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."marts_dbt_deploy"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET schema 'Staging "Q"';
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
CREATE MATERIALIZED VIEW public.mv_36 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM marts_dbt_deploy.events GROUP BY customer_id;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
SUBSCRIBE TO public.sessions WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.events;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.sessions SET status = 'x' WHERE id IN (SELECT id FROM raw.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize."Staging ""Q""".payments;
-- ;;
SELECT a.amount, max(b.customer_id) AS total
FROM raw.payments AS a
JOIN "materialize"."raw"."orders" b ON a.id = b.id
WHERE a.status = 'analytics.line_items' AND b.customer_id > 764
GROUP BY a.amount
ORDER BY total DESC
LIMIT 155;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."payments" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.sessions SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.qty, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."sessions";
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."orders");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SHOW MATERIALIZED VIEWS FROM marts_dbt_deploy;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."analytics_dbt_deploy"."customers")) TO STDOUT;
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_75 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM public.customers GROUP BY customer_id;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM raw.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.amount, avg(b.amount) AS total
FROM RAW.products AS a
JOIN "raw"."payments" b ON a.id = b.id
WHERE a.status = 'marts.payments' AND b.amount > 36
GROUP BY a.amount
ORDER BY total DESC
LIMIT 191;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".orders)) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."sessions";
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.line_items SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."products");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.amount, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
CREATE MATERIALIZED VIEW raw.mv_73 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM "Staging ""Q""".events GROUP BY customer_id;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."customers" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.id, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.product_id, sum(b.customer_id) AS total
FROM public.sessions AS a
JOIN raw.customers b ON a.id = b.qty
WHERE a.status = 'analytics.orders' AND b.customer_id > 792
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 405;
-- ;;
SUBSCRIBE TO "marts_dbt_deploy"."payments" WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize."Staging ""Q""".customers;
-- ;;
SET cluster = serving;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.status, min(b.id) AS total
FROM materialize.raw.line_items AS a
JOIN "Staging ""Q""".orders b ON a.id = b.created_at
WHERE a.status = 'raw.sessions' AND b.id > 974
GROUP BY a.status
ORDER BY total DESC
LIMIT 430;
-- ;;
CREATE INDEX idx_47 IN CLUSTER "compute_dbt_deploy" ON marts_dbt_deploy.events (id);
-- ;;
CREATE INDEX idx_73 IN CLUSTER "compute_dbt_deploy" ON "Staging ""Q""".orders (id);
-- ;;
SET search_path TO public, raw, "Staging ""Q""";
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.payments SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.sessions SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET SESSION search_path = 'raw', "Staging ""Q""";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.analytics_dbt_deploy.orders; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "public"."orders";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q"""."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.created_at, avg(b.qty) AS total
FROM materialize.raw.line_items AS a
JOIN raw.products b ON a.id = b.qty
WHERE a.status = 'raw.sessions' AND b.qty > 927
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 8;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q"""."products")) TO STDOUT;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SUBSCRIBE TO "raw"."products" WITH (SNAPSHOT = false);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET schema 'raw';
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = quickstart;
-- ;;
SELECT a.id, max(b.id) AS total
FROM PUBLIC.products AS a
JOIN PUBLIC.sessions b ON a.id = b.region
WHERE a.status = 'raw.payments' AND b.id > 725
GROUP BY a.id
ORDER BY total DESC
LIMIT 431;
-- ;;
SELECT a.qty, max(b.region) AS total
FROM marts_dbt_deploy.events AS a
JOIN public.line_items b ON a.id = b.customer_id
WHERE a.status = 'marts.customers' AND b.region > 841
GROUP BY a.qty
ORDER BY total DESC
LIMIT 200;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.customer_id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SUBSCRIBE TO materialize.analytics_dbt_deploy.events WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.status, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SELECT a.customer_id, count(b.region) AS total
FROM public.line_items AS a
JOIN public.events b ON a.id = b.created_at
WHERE a.status = 'staging.sessions' AND b.region > 953
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 77;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "raw";
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO materialize.analytics_dbt_deploy.customers WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.amount, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SUBSCRIBE TO "Staging ""Q"""."line_items" WITH (SNAPSHOT = false);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
SELECT a.amount, avg(b.product_id) AS total
FROM public.customers AS a
JOIN "public"."sessions" b ON a.id = b.qty
WHERE a.status = 'marts.products' AND b.product_id > 381
GROUP BY a.amount
ORDER BY total DESC
LIMIT 432;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.products)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.id, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.product_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.region, min(b.qty) AS total
FROM "public"."products" AS a
JOIN analytics_dbt_deploy.products b ON a.id = b.customer_id
WHERE a.status = 'public.orders' AND b.qty > 284
GROUP BY a.region
ORDER BY total DESC
LIMIT 97;
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.created_at, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.product_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT a.qty, sum(b.product_id) AS total
FROM "materialize"."raw"."customers" AS a
JOIN materialize.raw.payments b ON a.id = b.status
WHERE a.status = 'public.payments' AND b.product_id > 944
GROUP BY a.qty
ORDER BY total DESC
LIMIT 147;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."orders" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."sessions");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.product_id, sum(b.amount) AS total
FROM "analytics_dbt_deploy"."line_items" AS a
JOIN raw.products b ON a.id = b.customer_id
WHERE a.status = 'public.line_items' AND b.amount > 17
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 138;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.events;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.marts_dbt_deploy.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.sessions;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.region, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".products SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET SESSION search_path = 'Staging "Q"', "Staging ""Q""";
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".payments SET status = 'x' WHERE id IN (SELECT id FROM raw.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM "raw"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."payments" SET status = 'x' WHERE id IN (SELECT id FROM RAW.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster = quickstart;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.analytics_dbt_deploy.events;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.amount, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.product_id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SUBSCRIBE TO public.products WITH (SNAPSHOT = false);
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.amount, avg(b.product_id) AS total
FROM "Staging ""Q""".events AS a
JOIN "materialize"."Staging ""Q"""."customers" b ON a.id = b.customer_id
WHERE a.status = 'marts.sessions' AND b.product_id > 281
GROUP BY a.amount
ORDER BY total DESC
LIMIT 430;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.customers WITH (SNAPSHOT = false);
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."customers" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.product_id, avg(b.region) AS total
FROM "materialize"."analytics_dbt_deploy"."events" AS a
JOIN PUBLIC.line_items b ON a.id = b.qty
WHERE a.status = 'public.events' AND b.region > 263
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 242;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE INDEX idx_95 IN CLUSTER "compute_dbt_deploy" ON raw.line_items (id);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.analytics_dbt_deploy.products)) TO STDOUT;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.region, avg(b.region) AS total
FROM analytics_dbt_deploy.events AS a
JOIN analytics_dbt_deploy.customers b ON a.id = b.amount
WHERE a.status = 'marts.customers' AND b.region > 59
GROUP BY a.region
ORDER BY total DESC
LIMIT 270;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT a.id, max(b.status) AS total
FROM marts_dbt_deploy.events AS a
JOIN raw.orders b ON a.id = b.amount
WHERE a.status = 'staging.orders' AND b.status > 113
GROUP BY a.id
ORDER BY total DESC
LIMIT 436;
-- ;;
SELECT a.qty, sum(b.amount) AS total
FROM PUBLIC.products AS a
JOIN analytics_dbt_deploy.sessions b ON a.id = b.created_at
WHERE a.status = 'analytics.sessions' AND b.amount > 860
GROUP BY a.qty
ORDER BY total DESC
LIMIT 450;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.public.products;
-- ;;
ALTER SCHEMA "analytics_dbt_deploy" SWAP WITH "analytics_dbt_deploy";
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."events" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.products;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.amount, max(b.qty) AS total
FROM RAW.line_items AS a
JOIN "marts_dbt_deploy"."customers" b ON a.id = b.status
WHERE a.status = 'raw.payments' AND b.qty > 766
GROUP BY a.amount
ORDER BY total DESC
LIMIT 241;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize."Staging ""Q""".orders;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.raw.payments)) TO STDOUT;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".orders;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".events)) TO STDOUT;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.customers SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.customers)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.qty, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.created_at, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."public"."sessions";
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."payments" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.payments)) TO STDOUT;
-- ;;
CREATE MATERIALIZED VIEW raw.mv_44 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM materialize."Staging ""Q""".events GROUP BY customer_id;
-- ;;
SUBSCRIBE TO "materialize"."marts_dbt_deploy"."payments" WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.events;
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "raw"."events")) TO STDOUT;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.products;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.qty, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."products");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.customer_id, min(b.status) AS total
FROM marts_dbt_deploy.customers AS a
JOIN "materialize"."raw"."customers" b ON a.id = b.id
WHERE a.status = 'raw.events' AND b.status > 41
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 451;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize."Staging ""Q""".payments)) TO STDOUT;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.sessions;
-- ;;
SELECT a.created_at, count(b.qty) AS total
FROM marts_dbt_deploy.events AS a
JOIN public.customers b ON a.id = b.amount
WHERE a.status = 'raw.payments' AND b.qty > 383
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 311;
-- ;;
SELECT a.created_at, sum(b.created_at) AS total
FROM "analytics_dbt_deploy"."customers" AS a
JOIN "materialize"."marts_dbt_deploy"."events" b ON a.id = b.product_id
WHERE a.status = 'raw.sessions' AND b.created_at > 300
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 169;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.product_id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.qty, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.events;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."marts_dbt_deploy"."sessions"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.amount, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SUBSCRIBE TO "public"."customers" WITH (SNAPSHOT = false);
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.status, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM "raw"."sessions");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE INDEX idx_73 IN CLUSTER "quickstart" ON marts_dbt_deploy.sessions (id);
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.amount, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SUBSCRIBE TO marts_dbt_deploy.events WITH (SNAPSHOT = false);
-- ;;
SET search_path TO analytics_dbt_deploy, marts_dbt_deploy, public;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.products SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."marts_dbt_deploy"."orders";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".sessions;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.orders SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
SELECT a.product_id, min(b.status) AS total
FROM raw.orders AS a
JOIN "public"."payments" b ON a.id = b.status
WHERE a.status = 'analytics.events' AND b.status > 288
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 456;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SET search_path TO public, "Staging ""Q""", marts_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."sessions" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.id, max(b.qty) AS total
FROM "public"."sessions" AS a
JOIN marts_dbt_deploy.products b ON a.id = b.id
WHERE a.status = 'staging.orders' AND b.qty > 832
GROUP BY a.id
ORDER BY total DESC
LIMIT 121;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET search_path TO "Staging ""Q""", analytics_dbt_deploy, public;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.payments;
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.payments)) TO STDOUT;
-- ;;
SELECT a.region, max(b.status) AS total
FROM marts_dbt_deploy.products AS a
JOIN analytics_dbt_deploy.products b ON a.id = b.created_at
WHERE a.status = 'analytics.orders' AND b.status > 524
GROUP BY a.region
ORDER BY total DESC
LIMIT 156;
-- ;;
SUBSCRIBE TO "Staging ""Q"""."payments" WITH (SNAPSHOT = false);
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.customers SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."products" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE INDEX idx_98 IN CLUSTER "compute_dbt_deploy" ON public.payments (id);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.marts_dbt_deploy.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET schema 'raw';
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "analytics_dbt_deploy"."payments")) TO STDOUT;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.status, count(b.qty) AS total
FROM "Staging ""Q""".sessions AS a
JOIN "Staging ""Q""".payments b ON a.id = b.amount
WHERE a.status = 'public.line_items' AND b.qty > 518
GROUP BY a.status
ORDER BY total DESC
LIMIT 182;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM RAW.sessions;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.orders; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.amount, max(b.created_at) AS total
FROM "raw"."customers" AS a
JOIN "Staging ""Q""".line_items b ON a.id = b.qty
WHERE a.status = 'raw.sessions' AND b.created_at > 38
GROUP BY a.amount
ORDER BY total DESC
LIMIT 88;
-- ;;
SELECT a.created_at, count(b.customer_id) AS total
FROM "analytics_dbt_deploy"."line_items" AS a
JOIN "Staging ""Q""".orders b ON a.id = b.amount
WHERE a.status = 'staging.events' AND b.customer_id > 11
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 331;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET search_path TO public, analytics_dbt_deploy, marts_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.status, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q"""."sessions";
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.region, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "marts_dbt_deploy"."orders";
-- ;;
SELECT a.status, min(b.status) AS total
FROM marts_dbt_deploy.events AS a
JOIN "materialize"."analytics_dbt_deploy"."events" b ON a.id = b.region
WHERE a.status = 'marts.orders' AND b.status > 958
GROUP BY a.status
ORDER BY total DESC
LIMIT 378;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.raw.sessions;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".sessions)) TO STDOUT;
-- ;;
SET schema 'Staging "Q"';
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.customer_id, sum(b.created_at) AS total
FROM materialize.raw.events AS a
JOIN marts_dbt_deploy.payments b ON a.id = b.product_id
WHERE a.status = 'marts.products' AND b.created_at > 707
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 205;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.line_items SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.region, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.sessions;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.orders;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "analytics_dbt_deploy"."customers"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.payments;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.line_items SET status = 'x' WHERE id IN (SELECT id FROM public.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.amount, max(b.region) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN "Staging ""Q""".payments b ON a.id = b.created_at
WHERE a.status = 'public.orders' AND b.region > 901
GROUP BY a.amount
ORDER BY total DESC
LIMIT 323;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "public"."orders";
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET schema 'Staging "Q"';
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.region, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.customers;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.region, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."orders");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET SESSION search_path = 'public', "public";
-- ;;
SET schema 'raw';
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize."Staging ""Q""".products;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.customer_id, min(b.product_id) AS total
FROM "Staging ""Q""".events AS a
JOIN "Staging ""Q""".line_items b ON a.id = b.customer_id
WHERE a.status = 'raw.events' AND b.product_id > 665
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 483;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "marts_dbt_deploy"."products";
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_29 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM materialize.analytics_dbt_deploy.customers GROUP BY customer_id;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."Staging ""Q"""."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."public"."customers"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.sessions)) TO STDOUT;
-- ;;
CREATE INDEX idx_13 IN CLUSTER "quickstart" ON analytics_dbt_deploy.orders (id);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.public.payments;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".customers)) TO STDOUT;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "raw";
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.id, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SUBSCRIBE TO marts_dbt_deploy.events WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.payments;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".customers SET status = 'x' WHERE id IN (SELECT id FROM "raw"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.region, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.public.orders;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.products SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.region, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
SELECT a.created_at, count(b.status) AS total
FROM materialize.analytics_dbt_deploy.payments AS a
JOIN marts_dbt_deploy.customers b ON a.id = b.id
WHERE a.status = 'public.line_items' AND b.status > 869
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 310;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.product_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SUBSCRIBE TO PUBLIC.sessions WITH (SNAPSHOT = false);
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".line_items SET status = 'x' WHERE id IN (SELECT id FROM public.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.created_at, avg(b.product_id) AS total
FROM raw.orders AS a
JOIN "Staging ""Q""".orders b ON a.id = b.product_id
WHERE a.status = 'public.products' AND b.product_id > 74
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 455;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM raw.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."orders";
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.customers SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.customer_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT a.status, max(b.qty) AS total
FROM materialize.analytics_dbt_deploy.products AS a
JOIN "Staging ""Q""".events b ON a.id = b.qty
WHERE a.status = 'raw.payments' AND b.qty > 609
GROUP BY a.status
ORDER BY total DESC
LIMIT 229;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.customer_id, min(b.product_id) AS total
FROM analytics_dbt_deploy.line_items AS a
JOIN "Staging ""Q"""."payments" b ON a.id = b.product_id
WHERE a.status = 'raw.customers' AND b.product_id > 143
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 376;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "raw"."sessions";
-- ;;
SET SESSION search_path = 'Staging "Q"', "analytics_dbt_deploy";
-- ;;
SUBSCRIBE TO "public"."products" WITH (SNAPSHOT = false);
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.customers;
-- ;;
SET schema 'public';
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.customer_id, sum(b.status) AS total
FROM materialize.public.payments AS a
JOIN raw.events b ON a.id = b.qty
WHERE a.status = 'marts.events' AND b.status > 878
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 101;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT a.region, sum(b.created_at) AS total
FROM analytics_dbt_deploy.customers AS a
JOIN marts_dbt_deploy.products b ON a.id = b.qty
WHERE a.status = 'raw.customers' AND b.created_at > 659
GROUP BY a.region
ORDER BY total DESC
LIMIT 438;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE MATERIALIZED VIEW public.mv_98 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM "public"."sessions" GROUP BY customer_id;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.events;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.raw.line_items)) TO STDOUT;
-- ;;
SELECT a.product_id, min(b.id) AS total
FROM "Staging ""Q""".customers AS a
JOIN "Staging ""Q""".line_items b ON a.id = b.product_id
WHERE a.status = 'raw.customers' AND b.id > 40
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 54;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
SUBSCRIBE TO "materialize"."Staging ""Q"""."sessions" WITH (SNAPSHOT = false);
-- ;;
SUBSCRIBE TO "public"."events" WITH (SNAPSHOT = false);
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
DROP SCHEMA IF EXISTS "public_old", public CASCADE;
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."products" WITH (SNAPSHOT = false);
-- ;;
SELECT a.amount, min(b.created_at) AS total
FROM "Staging ""Q""".customers AS a
JOIN raw.payments b ON a.id = b.region
WHERE a.status = 'analytics.events' AND b.created_at > 371
GROUP BY a.amount
ORDER BY total DESC
LIMIT 319;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = serving;
-- ;;
SELECT a.id, min(b.amount) AS total
FROM public.sessions AS a
JOIN marts_dbt_deploy.payments b ON a.id = b.customer_id
WHERE a.status = 'raw.orders' AND b.amount > 221
GROUP BY a.id
ORDER BY total DESC
LIMIT 313;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM PUBLIC.sessions;
-- ;;
SELECT a.id, sum(b.region) AS total
FROM analytics_dbt_deploy.products AS a
JOIN materialize.public.customers b ON a.id = b.customer_id
WHERE a.status = 'analytics.line_items' AND b.region > 568
GROUP BY a.id
ORDER BY total DESC
LIMIT 335;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."line_items" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.amount, count(b.amount) AS total
FROM RAW.sessions AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.product_id
WHERE a.status = 'raw.orders' AND b.amount > 585
GROUP BY a.amount
ORDER BY total DESC
LIMIT 471;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.created_at, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM marts_dbt_deploy;
-- ;;
SELECT a.qty, sum(b.amount) AS total
FROM RAW.line_items AS a
JOIN materialize.marts_dbt_deploy.products b ON a.id = b.status
WHERE a.status = 'marts.customers' AND b.amount > 143
GROUP BY a.qty
ORDER BY total DESC
LIMIT 132;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.analytics_dbt_deploy.products;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."line_items" SET status = 'x' WHERE id IN (SELECT id FROM "raw"."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.raw.customers;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.product_id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.status, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM RAW.customers)) TO STDOUT;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "analytics_dbt_deploy"."customers")) TO STDOUT;
-- ;;
SET schema 'raw';
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
SUBSCRIBE TO "materialize"."marts_dbt_deploy"."line_items" WITH (SNAPSHOT = false);
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.amount, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.analytics_dbt_deploy.line_items;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.status, min(b.product_id) AS total
FROM "materialize"."public"."line_items" AS a
JOIN "materialize"."public"."events" b ON a.id = b.created_at
WHERE a.status = 'raw.events' AND b.product_id > 256
GROUP BY a.status
ORDER BY total DESC
LIMIT 485;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.line_items SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE INDEX idx_51 IN CLUSTER "serving" ON raw.orders (id);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.created_at, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.orders)) TO STDOUT;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.product_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT a.qty, sum(b.customer_id) AS total
FROM public.products AS a
JOIN marts_dbt_deploy.orders b ON a.id = b.created_at
WHERE a.status = 'marts.orders' AND b.customer_id > 48
GROUP BY a.qty
ORDER BY total DESC
LIMIT 266;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.customer_id, sum(b.created_at) AS total
FROM materialize.marts_dbt_deploy.line_items AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.status
WHERE a.status = 'raw.products' AND b.created_at > 715
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 93;
-- ;;
SUBSCRIBE TO "Staging ""Q""".sessions WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SUBSCRIBE TO "materialize"."public"."events" WITH (SNAPSHOT = false);
-- ;;
SUBSCRIBE TO marts_dbt_deploy.sessions WITH (SNAPSHOT = false);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "raw"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET schema 'Staging "Q"';
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.id, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT a.qty, sum(b.amount) AS total
FROM "raw"."customers" AS a
JOIN analytics_dbt_deploy.products b ON a.id = b.status
WHERE a.status = 'public.sessions' AND b.amount > 157
GROUP BY a.qty
ORDER BY total DESC
LIMIT 3;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.product_id, max(b.status) AS total
FROM analytics_dbt_deploy.events AS a
JOIN public.customers b ON a.id = b.qty
WHERE a.status = 'raw.sessions' AND b.status > 958
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 29;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.amount, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
SET cluster TO 'serving';
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.amount, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM RAW.payments;
-- ;;
SET cluster = serving;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".payments;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.products;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM raw.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.status, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.customer_id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.amount, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."orders";
-- ;;
SET cluster TO 'quickstart';
-- ;;
SET schema 'Staging "Q"';
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."events";
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
SELECT a.created_at, sum(b.id) AS total
FROM materialize.raw.products AS a
JOIN RAW.orders b ON a.id = b.region
WHERE a.status = 'marts.line_items' AND b.id > 976
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 65;
-- ;;
SELECT a.id, avg(b.product_id) AS total
FROM "materialize"."public"."customers" AS a
JOIN RAW.sessions b ON a.id = b.status
WHERE a.status = 'staging.line_items' AND b.product_id > 515
GROUP BY a.id
ORDER BY total DESC
LIMIT 94;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.sessions SET status = 'x' WHERE id IN (SELECT id FROM raw.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "analytics_dbt_deploy"."sessions"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM PUBLIC.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."Staging ""Q"""."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.customer_id, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.customer_id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q"""."events";
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.created_at, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.payments;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."events" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."customers" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SET cluster = serving;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "public"."products";
-- ;;
SET cluster = serving;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM RAW.products;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.product_id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."marts_dbt_deploy"."line_items")) TO STDOUT;
-- ;;
SELECT a.product_id, count(b.qty) AS total
FROM marts_dbt_deploy.sessions AS a
JOIN "marts_dbt_deploy"."sessions" b ON a.id = b.id
WHERE a.status = 'public.customers' AND b.qty > 117
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 169;
-- ;;
SELECT a.status, min(b.product_id) AS total
FROM "public"."customers" AS a
JOIN marts_dbt_deploy.orders b ON a.id = b.customer_id
WHERE a.status = 'analytics.orders' AND b.product_id > 446
GROUP BY a.status
ORDER BY total DESC
LIMIT 456;
-- ;;
CREATE MATERIALIZED VIEW public.mv_20 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM materialize.marts_dbt_deploy.customers GROUP BY customer_id;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.sessions)) TO STDOUT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.orders;
-- ;;
SUBSCRIBE TO "analytics_dbt_deploy"."events" WITH (SNAPSHOT = false);
-- ;;
SET search_path TO public, marts_dbt_deploy, analytics_dbt_deploy;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.customer_id, avg(b.qty) AS total
FROM "raw"."payments" AS a
JOIN PUBLIC.line_items b ON a.id = b.id
WHERE a.status = 'analytics.line_items' AND b.qty > 600
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 340;
-- ;;
SUBSCRIBE TO public.payments WITH (SNAPSHOT = false);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = quickstart;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".products;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET search_path TO public, raw, marts_dbt_deploy;
-- ;;
CREATE MATERIALIZED VIEW public.mv_72 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM "Staging ""Q""".products GROUP BY customer_id;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "raw"."line_items";
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.customer_id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET search_path TO raw, "Staging ""Q""", public;
-- ;;
SUBSCRIBE TO "Staging ""Q"""."orders" WITH (SNAPSHOT = false);
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "analytics_dbt_deploy"."products";
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT a.qty, max(b.id) AS total
FROM materialize.raw.line_items AS a
JOIN materialize.public.line_items b ON a.id = b.region
WHERE a.status = 'staging.customers' AND b.id > 569
GROUP BY a.qty
ORDER BY total DESC
LIMIT 30;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.line_items;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q"""."events";
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET search_path TO public, "Staging ""Q""", analytics_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.created_at, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.sessions;
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.id, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.products;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.events;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.region, sum(b.created_at) AS total
FROM materialize.raw.orders AS a
JOIN analytics_dbt_deploy.sessions b ON a.id = b.id
WHERE a.status = 'raw.payments' AND b.created_at > 255
GROUP BY a.region
ORDER BY total DESC
LIMIT 1;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "raw"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.product_id, avg(b.amount) AS total
FROM "Staging ""Q""".events AS a
JOIN materialize.analytics_dbt_deploy.events b ON a.id = b.amount
WHERE a.status = 'marts.orders' AND b.amount > 538
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 151;
-- ;;
SELECT a.id, avg(b.product_id) AS total
FROM public.orders AS a
JOIN "analytics_dbt_deploy"."payments" b ON a.id = b.customer_id
WHERE a.status = 'raw.products' AND b.product_id > 99
GROUP BY a.id
ORDER BY total DESC
LIMIT 461;
-- ;;
SELECT a.amount, count(b.qty) AS total
FROM materialize.raw.sessions AS a
JOIN PUBLIC.events b ON a.id = b.region
WHERE a.status = 'public.payments' AND b.qty > 257
GROUP BY a.amount
ORDER BY total DESC
LIMIT 456;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."orders";
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."orders" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SELECT a.status, max(b.customer_id) AS total
FROM "Staging ""Q""".payments AS a
JOIN "analytics_dbt_deploy"."events" b ON a.id = b.created_at
WHERE a.status = 'marts.payments' AND b.customer_id > 213
GROUP BY a.status
ORDER BY total DESC
LIMIT 88;
-- ;;
SET cluster = serving;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SET cluster = quickstart;
-- ;;
SELECT a.qty, count(b.qty) AS total
FROM "Staging ""Q""".orders AS a
JOIN materialize.public.sessions b ON a.id = b.customer_id
WHERE a.status = 'raw.products' AND b.qty > 761
GROUP BY a.qty
ORDER BY total DESC
LIMIT 356;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.created_at, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.events;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SUBSCRIBE TO RAW.customers WITH (SNAPSHOT = false);
-- ;;
SELECT a.amount, count(b.region) AS total
FROM materialize.marts_dbt_deploy.events AS a
JOIN "materialize"."public"."products" b ON a.id = b.region
WHERE a.status = 'marts.sessions' AND b.region > 786
GROUP BY a.amount
ORDER BY total DESC
LIMIT 336;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET schema 'marts_dbt_deploy';
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.orders; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.id, avg(b.id) AS total
FROM "Staging ""Q""".orders AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.created_at
WHERE a.status = 'public.orders' AND b.id > 952
GROUP BY a.id
ORDER BY total DESC
LIMIT 448;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.raw.products)) TO STDOUT;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "marts_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".events)) TO STDOUT;
-- ;;
SELECT a.status, min(b.amount) AS total
FROM materialize.public.customers AS a
JOIN materialize.raw.sessions b ON a.id = b.customer_id
WHERE a.status = 'public.products' AND b.amount > 510
GROUP BY a.status
ORDER BY total DESC
LIMIT 368;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q"""."line_items";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "analytics_dbt_deploy"."line_items"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.status, sum(b.product_id) AS total
FROM PUBLIC.line_items AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.customer_id
WHERE a.status = 'marts.sessions' AND b.product_id > 758
GROUP BY a.status
ORDER BY total DESC
LIMIT 20;
-- ;;
SET schema 'public';
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
SELECT a.created_at, min(b.created_at) AS total
FROM marts_dbt_deploy.orders AS a
JOIN "raw"."customers" b ON a.id = b.region
WHERE a.status = 'public.events' AND b.created_at > 397
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 493;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "raw"."orders";
-- ;;
SELECT a.product_id, min(b.product_id) AS total
FROM "materialize"."Staging ""Q"""."payments" AS a
JOIN "Staging ""Q""".events b ON a.id = b.qty
WHERE a.status = 'analytics.events' AND b.product_id > 305
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 15;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.created_at, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."customers";
-- ;;
SELECT a.amount, count(b.region) AS total
FROM "materialize"."Staging ""Q"""."payments" AS a
JOIN "raw"."orders" b ON a.id = b.amount
WHERE a.status = 'analytics.line_items' AND b.region > 737
GROUP BY a.amount
ORDER BY total DESC
LIMIT 435;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.products;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.line_items;
-- ;;
SET search_path TO marts_dbt_deploy, analytics_dbt_deploy, "Staging ""Q""";
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = serving;
-- ;;
SET cluster = serving;
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."sessions" WITH (SNAPSHOT = false);
-- ;;
SUBSCRIBE TO marts_dbt_deploy.customers WITH (SNAPSHOT = false);
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".sessions SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.region, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.orders SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT a.region, avg(b.created_at) AS total
FROM raw.line_items AS a
JOIN "raw"."sessions" b ON a.id = b.product_id
WHERE a.status = 'marts.orders' AND b.created_at > 147
GROUP BY a.region
ORDER BY total DESC
LIMIT 459;
-- ;;
CREATE SCHEMA IF NOT EXISTS "Staging ""Q""";
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.product_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.amount, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.created_at, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.amount, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."analytics_dbt_deploy"."products")) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.customer_id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.events SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster = serving;
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.created_at, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SET SESSION search_path = 'raw', "Staging ""Q""";
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.status, max(b.customer_id) AS total
FROM materialize.analytics_dbt_deploy.events AS a
JOIN "materialize"."analytics_dbt_deploy"."customers" b ON a.id = b.status
WHERE a.status = 'analytics.products' AND b.customer_id > 891
GROUP BY a.status
ORDER BY total DESC
LIMIT 292;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.region, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SET schema 'public';
-- ;;
SET SESSION search_path = 'public', "marts_dbt_deploy";
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.sessions.region, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.region, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."marts_dbt_deploy"."customers";
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM public.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize."Staging ""Q""".orders;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM public.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".customers SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.qty, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "marts_dbt_deploy"."orders";
-- ;;
SET cluster = quickstart;
-- ;;
SELECT a.product_id, min(b.product_id) AS total
FROM "materialize"."Staging ""Q"""."payments" AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.product_id
WHERE a.status = 'staging.products' AND b.product_id > 298
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 329;
-- ;;
SELECT a.region, sum(b.region) AS total
FROM public.customers AS a
JOIN materialize.public.sessions b ON a.id = b.amount
WHERE a.status = 'marts.customers' AND b.region > 545
GROUP BY a.region
ORDER BY total DESC
LIMIT 106;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE raw.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET SESSION search_path = 'raw', "marts_dbt_deploy";
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.customers;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE PUBLIC.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."public"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE INDEX idx_90 IN CLUSTER "serving" ON analytics_dbt_deploy.events (id);
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SUBSCRIBE TO materialize."Staging ""Q""".customers WITH (SNAPSHOT = false);
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "analytics_dbt_deploy"."payments")) TO STDOUT;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.sessions SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.sessions SET status = 'x' WHERE id IN (SELECT id FROM raw.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "raw"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.region, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SET cluster = serving;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.marts_dbt_deploy.line_items)) TO STDOUT;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = quickstart;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.analytics_dbt_deploy.orders;
-- ;;
SET search_path TO raw, analytics_dbt_deploy, "Staging ""Q""";
-- ;;
SELECT a.status, avg(b.id) AS total
FROM "marts_dbt_deploy"."payments" AS a
JOIN public.line_items b ON a.id = b.amount
WHERE a.status = 'staging.payments' AND b.id > 455
GROUP BY a.status
ORDER BY total DESC
LIMIT 407;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.payments SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.raw.payments;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."events";
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.customers SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."products");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.products;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.created_at, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM "public"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.customers;
-- ;;
SELECT a.id, min(b.created_at) AS total
FROM "raw"."products" AS a
JOIN RAW.orders b ON a.id = b.region
WHERE a.status = 'public.products' AND b.created_at > 569
GROUP BY a.id
ORDER BY total DESC
LIMIT 361;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE PUBLIC.payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.created_at, max(b.amount) AS total
FROM "materialize"."Staging ""Q"""."products" AS a
JOIN marts_dbt_deploy.line_items b ON a.id = b.id
WHERE a.status = 'marts.customers' AND b.amount > 866
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 468;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO marts_dbt_deploy.products WITH (SNAPSHOT = false);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "public"."customers"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.amount, avg(b.id) AS total
FROM analytics_dbt_deploy.products AS a
JOIN analytics_dbt_deploy.sessions b ON a.id = b.status
WHERE a.status = 'public.orders' AND b.id > 80
GROUP BY a.amount
ORDER BY total DESC
LIMIT 319;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM RAW.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.product_id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.products SET status = 'x' WHERE id IN (SELECT id FROM "raw"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.public.payments;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT a.qty, max(b.product_id) AS total
FROM marts_dbt_deploy.events AS a
JOIN "Staging ""Q"""."orders" b ON a.id = b.region
WHERE a.status = 'analytics.sessions' AND b.product_id > 311
GROUP BY a.qty
ORDER BY total DESC
LIMIT 245;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."raw"."events")) TO STDOUT;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
SELECT a.amount, min(b.status) AS total
FROM "materialize"."Staging ""Q"""."products" AS a
JOIN "marts_dbt_deploy"."customers" b ON a.id = b.id
WHERE a.status = 'raw.sessions' AND b.status > 424
GROUP BY a.amount
ORDER BY total DESC
LIMIT 89;
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "raw"."line_items")) TO STDOUT;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE INDEX idx_12 IN CLUSTER "serving" ON public.payments (id);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SUBSCRIBE TO "Staging ""Q""".payments WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."raw"."customers";
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE SCHEMA IF NOT EXISTS analytics_dbt_deploy;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.qty, count(b.qty) AS total
FROM public.customers AS a
JOIN analytics_dbt_deploy.sessions b ON a.id = b.status
WHERE a.status = 'public.events' AND b.qty > 883
GROUP BY a.qty
ORDER BY total DESC
LIMIT 134;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT a.qty, count(b.customer_id) AS total
FROM RAW.customers AS a
JOIN "materialize"."raw"."products" b ON a.id = b.customer_id
WHERE a.status = 'analytics.events' AND b.customer_id > 259
GROUP BY a.qty
ORDER BY total DESC
LIMIT 76;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.line_items SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.events;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SUBSCRIBE TO marts_dbt_deploy.orders WITH (SNAPSHOT = false);
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."analytics_dbt_deploy"."customers"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q"""."events";
-- ;;
SELECT a.region, sum(b.status) AS total
FROM "Staging ""Q""".sessions AS a
JOIN "Staging ""Q""".orders b ON a.id = b.status
WHERE a.status = 'public.sessions' AND b.status > 716
GROUP BY a.region
ORDER BY total DESC
LIMIT 12;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT a.region, avg(b.product_id) AS total
FROM "materialize"."Staging ""Q"""."sessions" AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.amount
WHERE a.status = 'staging.products' AND b.product_id > 443
GROUP BY a.region
ORDER BY total DESC
LIMIT 450;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.customers;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "marts_dbt_deploy"."sessions";
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.status, min(b.id) AS total
FROM raw.events AS a
JOIN materialize.raw.products b ON a.id = b.region
WHERE a.status = 'public.products' AND b.id > 631
GROUP BY a.status
ORDER BY total DESC
LIMIT 377;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize."Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."customers" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."public"."orders";
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE PUBLIC.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET cluster TO 'serving';
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".payments SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.customer_id, min(b.product_id) AS total
FROM analytics_dbt_deploy.orders AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.product_id
WHERE a.status = 'analytics.orders' AND b.product_id > 844
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 303;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.created_at, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".sessions);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.id, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.public.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."line_items" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.events;
-- ;;
SET cluster TO 'serving';
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.customer_id, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.orders WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.status, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.region, max(b.id) AS total
FROM raw.customers AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.qty
WHERE a.status = 'marts.orders' AND b.id > 13
GROUP BY a.region
ORDER BY total DESC
LIMIT 491;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.orders;
-- ;;
SET search_path TO "Staging ""Q""", public, analytics_dbt_deploy;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.region, max(b.id) AS total
FROM analytics_dbt_deploy.products AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.qty
WHERE a.status = 'public.products' AND b.id > 436
GROUP BY a.region
ORDER BY total DESC
LIMIT 413;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."line_items" SET status = 'x' WHERE id IN (SELECT id FROM "public"."line_items");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."products" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM marts_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE SCHEMA IF NOT EXISTS public;
-- ;;
SET schema 'raw';
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."Staging ""Q"""."orders")) TO STDOUT;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SUBSCRIBE TO "materialize"."public"."products" WITH (SNAPSHOT = false);
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET search_path TO marts_dbt_deploy, "Staging ""Q""", public;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.line_items SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.line_items;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q"""."payments" SET status = 'x' WHERE id IN (SELECT id FROM public.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.amount, max(b.product_id) AS total
FROM marts_dbt_deploy.payments AS a
JOIN "raw"."products" b ON a.id = b.customer_id
WHERE a.status = 'raw.orders' AND b.product_id > 330
GROUP BY a.amount
ORDER BY total DESC
LIMIT 177;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.region, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.region, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."public"."events";
-- ;;
SET search_path TO public, analytics_dbt_deploy, raw;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.amount, count(b.customer_id) AS total
FROM marts_dbt_deploy.sessions AS a
JOIN PUBLIC.events b ON a.id = b.qty
WHERE a.status = 'analytics.payments' AND b.customer_id > 857
GROUP BY a.amount
ORDER BY total DESC
LIMIT 374;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.region, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.marts_dbt_deploy.products;
-- ;;
CREATE INDEX idx_95 IN CLUSTER "serving" ON raw.line_items (id);
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_86 IN CLUSTER serving AS
SELECT customer_id, count(*) FROM marts_dbt_deploy.sessions GROUP BY customer_id;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.orders;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.raw.orders SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".products SET status = 'x' WHERE id IN (SELECT id FROM PUBLIC.products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET cluster TO 'quickstart';
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".sessions SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SUBSCRIBE TO "Staging ""Q""".payments WITH (SNAPSHOT = false);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.line_items;
-- ;;
CREATE SCHEMA IF NOT EXISTS raw;
-- ;;
SELECT a.id, avg(b.status) AS total
FROM raw.orders AS a
JOIN "Staging ""Q""".payments b ON a.id = b.qty
WHERE a.status = 'staging.customers' AND b.status > 695
GROUP BY a.id
ORDER BY total DESC
LIMIT 417;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.raw.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SUBSCRIBE TO "Staging ""Q""".payments WITH (SNAPSHOT = false);
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT a.product_id, sum(b.id) AS total
FROM materialize.public.line_items AS a
JOIN materialize.public.sessions b ON a.id = b.customer_id
WHERE a.status = 'marts.products' AND b.id > 884
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 341;
-- ;;
SET cluster TO 'serving';
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT a.amount, max(b.created_at) AS total
FROM "analytics_dbt_deploy"."products" AS a
JOIN "Staging ""Q"""."events" b ON a.id = b.amount
WHERE a.status = 'raw.line_items' AND b.created_at > 984
GROUP BY a.amount
ORDER BY total DESC
LIMIT 124;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM public.customers)) TO STDOUT;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."orders";
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
SELECT a.amount, max(b.created_at) AS total
FROM "analytics_dbt_deploy"."orders" AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.product_id
WHERE a.status = 'marts.products' AND b.created_at > 760
GROUP BY a.amount
ORDER BY total DESC
LIMIT 111;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.qty, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
SELECT a.id, max(b.amount) AS total
FROM analytics_dbt_deploy.events AS a
JOIN "Staging ""Q"""."products" b ON a.id = b.status
WHERE a.status = 'raw.customers' AND b.amount > 403
GROUP BY a.id
ORDER BY total DESC
LIMIT 42;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "public"."products";
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.payments SET status = 'x' WHERE id IN (SELECT id FROM materialize."Staging ""Q""".products);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.status, max(b.region) AS total
FROM materialize."Staging ""Q""".line_items AS a
JOIN public.payments b ON a.id = b.region
WHERE a.status = 'staging.events' AND b.region > 908
GROUP BY a.status
ORDER BY total DESC
LIMIT 321;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.amount, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
DROP SCHEMA IF EXISTS "staging_old", "Staging ""Q""" CASCADE;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q""".products;
-- ;;
SET schema 'raw';
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q""".sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.created_at, max(b.qty) AS total
FROM marts_dbt_deploy.payments AS a
JOIN "Staging ""Q""".orders b ON a.id = b.created_at
WHERE a.status = 'marts.orders' AND b.qty > 246
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 295;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."products" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SET cluster = serving;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".events;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."line_items");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM public.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET SESSION search_path = 'Staging "Q"', "raw";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.products;
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SET SESSION search_path = 'raw', "analytics_dbt_deploy";
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.qty, min(b.product_id) AS total
FROM "analytics_dbt_deploy"."events" AS a
JOIN "Staging ""Q""".customers b ON a.id = b.status
WHERE a.status = 'analytics.customers' AND b.product_id > 319
GROUP BY a.qty
ORDER BY total DESC
LIMIT 126;
-- ;;
SELECT a.customer_id, count(b.status) AS total
FROM "materialize"."marts_dbt_deploy"."events" AS a
JOIN materialize.raw.events b ON a.id = b.qty
WHERE a.status = 'public.products' AND b.status > 177
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 275;
-- ;;
SET cluster = quickstart;
-- ;;
SET schema 'Staging "Q"';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".line_items;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET schema 'Staging "Q"';
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT a.customer_id, avg(b.qty) AS total
FROM raw.products AS a
JOIN marts_dbt_deploy.sessions b ON a.id = b.id
WHERE a.status = 'raw.products' AND b.qty > 31
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 12;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.region, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.product_id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SET search_path TO marts_dbt_deploy, analytics_dbt_deploy, "Staging ""Q""";
-- ;;
SELECT a.region, count(b.customer_id) AS total
FROM marts_dbt_deploy.sessions AS a
JOIN "materialize"."raw"."sessions" b ON a.id = b.region
WHERE a.status = 'raw.customers' AND b.customer_id > 881
GROUP BY a.region
ORDER BY total DESC
LIMIT 347;
-- ;;
SUBSCRIBE TO marts_dbt_deploy.sessions WITH (SNAPSHOT = false);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q"""."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."customers" SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.region, count(b.region) AS total
FROM materialize.marts_dbt_deploy.events AS a
JOIN "public"."customers" b ON a.id = b.customer_id
WHERE a.status = 'analytics.products' AND b.region > 680
GROUP BY a.region
ORDER BY total DESC
LIMIT 328;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "Staging ""Q"""."customers"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.qty, count(b.status) AS total
FROM analytics_dbt_deploy.payments AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.id
WHERE a.status = 'staging.orders' AND b.status > 5
GROUP BY a.qty
ORDER BY total DESC
LIMIT 315;
-- ;;
ALTER SCHEMA "raw" SWAP WITH "raw_dbt_deploy";
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM materialize.marts_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_30 IN CLUSTER compute_dbt_deploy AS
SELECT customer_id, count(*) FROM materialize.raw.products GROUP BY customer_id;
-- ;;
SELECT a.region, max(b.qty) AS total
FROM marts_dbt_deploy.payments AS a
JOIN raw.events b ON a.id = b.amount
WHERE a.status = 'analytics.customers' AND b.qty > 865
GROUP BY a.region
ORDER BY total DESC
LIMIT 342;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.amount, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.payments;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."customers";
-- ;;
SELECT a.qty, sum(b.created_at) AS total
FROM materialize.public.customers AS a
JOIN "materialize"."raw"."events" b ON a.id = b.qty
WHERE a.status = 'marts.payments' AND b.created_at > 720
GROUP BY a.qty
ORDER BY total DESC
LIMIT 305;
-- ;;
SUBSCRIBE TO marts_dbt_deploy.payments WITH (SNAPSHOT = false);
-- ;;
SET SESSION search_path = 'public', "analytics_dbt_deploy";
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.created_at, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.marts_dbt_deploy.payments;
-- ;;
SELECT a.customer_id, sum(b.created_at) AS total
FROM "materialize"."Staging ""Q"""."orders" AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.region
WHERE a.status = 'analytics.customers' AND b.created_at > 996
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 154;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."raw"."orders" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."marts_dbt_deploy"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT a.created_at, min(b.product_id) AS total
FROM materialize.public.sessions AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.status
WHERE a.status = 'raw.sessions' AND b.product_id > 754
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 114;
-- ;;
CREATE INDEX idx_87 IN CLUSTER "compute_dbt_deploy" ON analytics_dbt_deploy.orders (id);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.customer_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.id, avg(b.product_id) AS total
FROM "Staging ""Q""".payments AS a
JOIN PUBLIC.events b ON a.id = b.product_id
WHERE a.status = 'raw.products' AND b.product_id > 457
GROUP BY a.id
ORDER BY total DESC
LIMIT 355;
-- ;;
SELECT a.customer_id, count(b.status) AS total
FROM "public"."sessions" AS a
JOIN RAW.orders b ON a.id = b.customer_id
WHERE a.status = 'public.payments' AND b.status > 657
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 476;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."orders" SET status = 'x' WHERE id IN (SELECT id FROM RAW.customers);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."Staging ""Q"""."customers";
-- ;;
SELECT a.status, avg(b.status) AS total
FROM materialize.public.line_items AS a
JOIN "materialize"."analytics_dbt_deploy"."orders" b ON a.id = b.region
WHERE a.status = 'raw.orders' AND b.status > 563
GROUP BY a.status
ORDER BY total DESC
LIMIT 381;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.region, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."orders";
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "raw"."orders"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET search_path TO marts_dbt_deploy, raw, public;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."analytics_dbt_deploy"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.orders SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."events");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.product_id, avg(b.qty) AS total
FROM "materialize"."analytics_dbt_deploy"."line_items" AS a
JOIN "materialize"."public"."orders" b ON a.id = b.amount
WHERE a.status = 'staging.customers' AND b.qty > 866
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 162;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."Staging ""Q"""."products";
-- ;;
INSERT INTO marts_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."events" SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.products;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."payments" WITH (SNAPSHOT = false);
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.analytics_dbt_deploy.sessions; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.line_items;
-- ;;
SELECT a.amount, count(b.qty) AS total
FROM raw.sessions AS a
JOIN marts_dbt_deploy.products b ON a.id = b.region
WHERE a.status = 'analytics.customers' AND b.qty > 138
GROUP BY a.amount
ORDER BY total DESC
LIMIT 313;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "raw"."products")) TO STDOUT;
-- ;;
INSERT INTO marts_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.products SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q""".payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SUBSCRIBE TO "raw"."customers" WITH (SNAPSHOT = false);
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "public"."products" SET status = 'x' WHERE id IN (SELECT id FROM public.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET cluster = quickstart;
-- ;;
CREATE CLUSTER serving_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.products;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SHOW MATERIALIZED VIEWS FROM public;
-- ;;
SET SESSION search_path = 'raw', "raw";
-- ;;
CREATE INDEX idx_8 IN CLUSTER "compute_dbt_deploy" ON analytics_dbt_deploy.orders (id);
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."public"."products" SET status = 'x' WHERE id IN (SELECT id FROM "analytics_dbt_deploy"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.region, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.line_items;
-- ;;
SUBSCRIBE TO "Staging ""Q""".orders WITH (SNAPSHOT = false);
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.marts_dbt_deploy.line_items SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.sessions);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "raw"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM RAW.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET SESSION search_path = 'raw', "Staging ""Q""";
-- ;;
SELECT a.region, sum(b.amount) AS total
FROM marts_dbt_deploy.orders AS a
JOIN "materialize"."public"."payments" b ON a.id = b.customer_id
WHERE a.status = 'public.customers' AND b.amount > 483
GROUP BY a.region
ORDER BY total DESC
LIMIT 82;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.product_id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.id, max(b.created_at) AS total
FROM materialize.raw.line_items AS a
JOIN "Staging ""Q""".sessions b ON a.id = b.created_at
WHERE a.status = 'marts.orders' AND b.created_at > 24
GROUP BY a.id
ORDER BY total DESC
LIMIT 184;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.status, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.raw.sessions;
-- ;;
SET cluster = serving;
-- ;;
SELECT a.created_at, sum(b.amount) AS total
FROM public.customers AS a
JOIN marts_dbt_deploy.line_items b ON a.id = b.created_at
WHERE a.status = 'marts.payments' AND b.amount > 350
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 441;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.events;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO PUBLIC.sessions WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.customer_id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO PUBLIC.sessions WITH (SNAPSHOT = false);
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.products SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.events);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.customer_id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "raw";
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."customers" SET status = 'x' WHERE id IN (SELECT id FROM "marts_dbt_deploy"."orders");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO RAW.products WITH (SNAPSHOT = false);
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.marts_dbt_deploy.payments; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT a.customer_id, avg(b.product_id) AS total
FROM "materialize"."marts_dbt_deploy"."sessions" AS a
JOIN materialize."Staging ""Q""".products b ON a.id = b.region
WHERE a.status = 'public.products' AND b.product_id > 550
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 278;
-- ;;
SELECT a.qty, avg(b.amount) AS total
FROM public.events AS a
JOIN materialize."Staging ""Q""".orders b ON a.id = b.id
WHERE a.status = 'staging.customers' AND b.amount > 970
GROUP BY a.qty
ORDER BY total DESC
LIMIT 392;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize."Staging ""Q""".customers;
-- ;;
SET search_path TO analytics_dbt_deploy, public, raw;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "analytics_dbt_deploy"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.qty, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.raw.products)) TO STDOUT;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".customers SET status = 'x' WHERE id IN (SELECT id FROM materialize.public.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "analytics_dbt_deploy"."line_items"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE materialize.raw.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".products)) TO STDOUT;
-- ;;
SELECT a.status, sum(b.product_id) AS total
FROM materialize.raw.customers AS a
JOIN materialize.raw.orders b ON a.id = b.qty
WHERE a.status = 'raw.orders' AND b.product_id > 403
GROUP BY a.status
ORDER BY total DESC
LIMIT 366;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.marts_dbt_deploy.products)) TO STDOUT;
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".customers SET status = 'x' WHERE id IN (SELECT id FROM raw.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.product_id, sum(b.product_id) AS total
FROM "materialize"."raw"."payments" AS a
JOIN analytics_dbt_deploy.products b ON a.id = b.amount
WHERE a.status = 'analytics.line_items' AND b.product_id > 615
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 429;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.line_items; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize."Staging ""Q""".line_items;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM RAW.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SHOW MATERIALIZED VIEWS FROM raw;
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE raw.orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
DROP SCHEMA IF EXISTS "analytics_old", analytics_dbt_deploy CASCADE;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.orders;
-- ;;
CREATE SCHEMA IF NOT EXISTS marts_dbt_deploy;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."analytics_dbt_deploy"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.payments SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
ALTER SCHEMA "public" SWAP WITH "public_dbt_deploy";
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM RAW.orders;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.region, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."Staging ""Q"""."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM raw.line_items);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.id, avg(b.id) AS total
FROM "Staging ""Q"""."products" AS a
JOIN "materialize"."marts_dbt_deploy"."payments" b ON a.id = b.status
WHERE a.status = 'marts.products' AND b.id > 774
GROUP BY a.id
ORDER BY total DESC
LIMIT 212;
-- ;;
SELECT a.customer_id, avg(b.qty) AS total
FROM "public"."events" AS a
JOIN materialize.raw.events b ON a.id = b.status
WHERE a.status = 'staging.sessions' AND b.qty > 611
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 400;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.analytics_dbt_deploy.orders;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.payments;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "Staging ""Q""".sessions;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE PUBLIC.products SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SUBSCRIBE TO "Staging ""Q"""."events" WITH (SNAPSHOT = false);
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."analytics_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
CREATE INDEX idx_98 IN CLUSTER "serving" ON marts_dbt_deploy.products (id);
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.qty, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."public"."orders";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM materialize.analytics_dbt_deploy.customers;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.payments;
-- ;;
SUBSCRIBE TO "public"."customers" WITH (SNAPSHOT = false);
-- ;;
INSERT INTO analytics_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.public.sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."public"."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."events" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.status, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM "marts_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.products.created_at, rn FROM ranked, marts_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT marts.id, marts.amount FROM analytics_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.customer_id, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.amount, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SET search_path TO analytics_dbt_deploy, public, raw;
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.amount, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.events;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.amount, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "public"."line_items"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."products" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.customer_id, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.customers SET status = 'x' WHERE id IN (SELECT id FROM "raw"."products");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "Staging ""Q""".customers SET status = 'x' WHERE id IN (SELECT id FROM public.payments);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."sessions" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE RAW.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."sessions");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SET search_path TO analytics_dbt_deploy, "Staging ""Q""", public;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.region, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT customer_id, lag(customer_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.marts_dbt_deploy.products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET cluster = serving;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."analytics_dbt_deploy"."orders"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.line_items;
-- ;;
SET cluster = quickstart;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM marts_dbt_deploy.events;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM marts_dbt_deploy.orders;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."line_items" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.qty, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM analytics_dbt_deploy.events;
-- ;;
SET cluster = serving;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
SET cluster TO 'serving';
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.created_at, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT a.id, avg(b.amount) AS total
FROM "materialize"."public"."line_items" AS a
JOIN materialize."Staging ""Q""".payments b ON a.id = b.amount
WHERE a.status = 'staging.products' AND b.amount > 288
GROUP BY a.id
ORDER BY total DESC
LIMIT 229;
-- ;;
SET search_path TO marts_dbt_deploy, public, raw;
-- ;;
SUBSCRIBE TO "materialize"."analytics_dbt_deploy"."sessions" WITH (SNAPSHOT = false);
-- ;;
SELECT a.id, max(b.amount) AS total
FROM public.payments AS a
JOIN materialize.analytics_dbt_deploy.line_items b ON a.id = b.id
WHERE a.status = 'public.payments' AND b.amount > 424
GROUP BY a.id
ORDER BY total DESC
LIMIT 359;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.qty, sum(b.amount) AS total
FROM "Staging ""Q""".customers AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.amount
WHERE a.status = 'analytics.products' AND b.amount > 963
GROUP BY a.qty
ORDER BY total DESC
LIMIT 278;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.product_id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SET schema 'public';
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SUBSCRIBE TO "Staging ""Q""".sessions WITH (SNAPSHOT = false);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.qty, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM raw.payments;
-- ;;
DROP SCHEMA IF EXISTS "raw_old", raw CASCADE;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.customer_id, rn FROM ranked, marts_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SUBSCRIBE TO raw.line_items WITH (SNAPSHOT = false);
-- ;;
INSERT INTO analytics_dbt_deploy.customers (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."marts_dbt_deploy"."payments" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.line_items.id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.created_at, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.line_items.qty, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.line_items WITH (SNAPSHOT = false);
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.orders; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.events)) TO STDOUT;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.region, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.products;
-- ;;
SELECT product_id, lag(product_id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.analytics_dbt_deploy.customers WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.qty, rn FROM ranked, analytics_dbt_deploy.payments WHERE rn <= 3;
-- ;;
SELECT a.customer_id, min(b.customer_id) AS total
FROM materialize.marts_dbt_deploy.line_items AS a
JOIN "marts_dbt_deploy"."orders" b ON a.id = b.created_at
WHERE a.status = 'public.products' AND b.customer_id > 688
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 53;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.created_at, max(b.product_id) AS total
FROM marts_dbt_deploy.events AS a
JOIN marts_dbt_deploy.customers b ON a.id = b.region
WHERE a.status = 'raw.payments' AND b.product_id > 76
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 494;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."customers" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.customers WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.product_id, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.line_items (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.orders SET status = 'x' WHERE id IN (SELECT id FROM "public"."events");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.products.amount, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "materialize"."marts_dbt_deploy"."products")) TO STDOUT;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.status, avg(b.created_at) AS total
FROM "materialize"."analytics_dbt_deploy"."events" AS a
JOIN "Staging ""Q""".payments b ON a.id = b.amount
WHERE a.status = 'public.payments' AND b.created_at > 156
GROUP BY a.status
ORDER BY total DESC
LIMIT 330;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "public";
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."public"."events" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.region, min(b.customer_id) AS total
FROM "materialize"."analytics_dbt_deploy"."customers" AS a
JOIN "Staging ""Q""".orders b ON a.id = b.region
WHERE a.status = 'analytics.events' AND b.customer_id > 527
GROUP BY a.region
ORDER BY total DESC
LIMIT 321;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.events)) TO STDOUT;
-- ;;
CREATE CLUSTER quickstart_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
SELECT a.created_at, avg(b.customer_id) AS total
FROM raw.events AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.product_id
WHERE a.status = 'staging.customers' AND b.customer_id > 30
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 495;
-- ;;
SUBSCRIBE TO raw.customers WITH (SNAPSHOT = false);
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.payments);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
SET SESSION search_path = 'analytics_dbt_deploy', "public";
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SET cluster TO 'quickstart';
-- ;;
INSERT INTO analytics_dbt_deploy.payments (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE public.products SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.events);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.product_id, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.customers.id, rn FROM ranked, marts_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM public.orders;
-- ;;
WITH recent AS (
  SELECT * FROM "analytics_dbt_deploy"."orders" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.customer_id, rn FROM ranked, analytics_dbt_deploy.line_items WHERE rn <= 3;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".orders WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.product_id, max(b.region) AS total
FROM "raw"."products" AS a
JOIN analytics_dbt_deploy.orders b ON a.id = b.amount
WHERE a.status = 'raw.sessions' AND b.region > 637
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 391;
-- ;;
SET cluster TO 'compute_dbt_deploy';
-- ;;
SELECT a.status, count(b.id) AS total
FROM analytics_dbt_deploy.customers AS a
JOIN materialize.raw.customers b ON a.id = b.product_id
WHERE a.status = 'staging.line_items' AND b.id > 981
GROUP BY a.status
ORDER BY total DESC
LIMIT 181;
-- ;;
SUBSCRIBE TO analytics_dbt_deploy.products WITH (SNAPSHOT = false);
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q""".products WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.products WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.amount, rn FROM ranked, analytics_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM raw.orders AS analytics WHERE analytics.qty > 2;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.orders.product_id, rn FROM ranked, analytics_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SELECT a.created_at, count(b.qty) AS total
FROM materialize.marts_dbt_deploy.line_items AS a
JOIN materialize.analytics_dbt_deploy.sessions b ON a.id = b.qty
WHERE a.status = 'marts.orders' AND b.qty > 443
GROUP BY a.created_at
ORDER BY total DESC
LIMIT 286;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.products; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE marts_dbt_deploy.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SUBSCRIBE TO RAW.line_items WITH (SNAPSHOT = false);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM materialize.raw.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET search_path TO marts_dbt_deploy, "Staging ""Q""", raw;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.amount, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
SELECT a.product_id, avg(b.region) AS total
FROM marts_dbt_deploy.products AS a
JOIN "materialize"."public"."payments" b ON a.id = b.created_at
WHERE a.status = 'analytics.sessions' AND b.region > 616
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 357;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.payments.amount, rn FROM ranked, analytics_dbt_deploy.orders WHERE rn <= 3;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
CREATE CLUSTER compute_x (SIZE = '100cc', REPLICATION FACTOR = 1);
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".line_items SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."Staging ""Q"""."customers");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SET cluster TO 'quickstart';
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "Staging ""Q"""."customers";
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM analytics_dbt_deploy.orders;
-- ;;
SET schema 'analytics_dbt_deploy';
-- ;;
SET SESSION search_path = 'Staging "Q"', "analytics_dbt_deploy";
-- ;;
ALTER SCHEMA "marts_dbt_deploy" SWAP WITH "marts_dbt_deploy";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics_dbt_deploy.customers; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "Staging ""Q"""."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
INSERT INTO marts_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize.analytics_dbt_deploy.events SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
SELECT marts.id, marts.amount FROM raw.orders AS marts WHERE marts.qty > 2;
-- ;;
SELECT a.status, count(b.product_id) AS total
FROM "materialize"."analytics_dbt_deploy"."line_items" AS a
JOIN materialize.analytics_dbt_deploy.orders b ON a.id = b.status
WHERE a.status = 'analytics.sessions' AND b.product_id > 470
GROUP BY a.status
ORDER BY total DESC
LIMIT 361;
-- ;;
SET cluster = quickstart;
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."orders" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM "materialize"."raw"."orders";
-- ;;
SELECT qty, lag(qty) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."raw"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
WITH recent AS (
  SELECT * FROM materialize.marts_dbt_deploy.line_items WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.created_at, rn FROM ranked, marts_dbt_deploy.events WHERE rn <= 3;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."analytics_dbt_deploy"."sessions";
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."marts_dbt_deploy"."payments" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.product_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
SELECT a.product_id, max(b.id) AS total
FROM materialize.marts_dbt_deploy.customers AS a
JOIN analytics_dbt_deploy.line_items b ON a.id = b.created_at
WHERE a.status = 'staging.line_items' AND b.id > 562
GROUP BY a.product_id
ORDER BY total DESC
LIMIT 305;
-- ;;
SET cluster TO 'serving';
-- ;;
CREATE MATERIALIZED VIEW marts_dbt_deploy.mv_71 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM "analytics_dbt_deploy"."customers" GROUP BY customer_id;
-- ;;
SELECT analytics.id, analytics.amount FROM "Staging ""Q""".orders AS analytics WHERE analytics.qty > 2;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "Staging ""Q""".events)) TO STDOUT;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM "materialize"."raw"."customers";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."public"."events"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM raw.line_items)) TO STDOUT;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM marts_dbt_deploy.sessions WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "analytics_dbt_deploy"."products"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SELECT marts.id, marts.amount FROM public.orders AS marts WHERE marts.qty > 2;
-- ;;
CREATE INDEX idx_57 IN CLUSTER "quickstart" ON raw.products (id);
-- ;;
SELECT marts.id, marts.amount FROM "Staging ""Q""".orders AS marts WHERE marts.qty > 2;
-- ;;
SET SESSION search_path = 'marts_dbt_deploy', "analytics_dbt_deploy";
-- ;;
SUBSCRIBE TO "materialize"."raw"."customers" WITH (SNAPSHOT = false);
-- ;;
INSERT INTO analytics_dbt_deploy.products (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."Staging ""Q"""."events" SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.products);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv_33 IN CLUSTER quickstart AS
SELECT customer_id, count(*) FROM marts_dbt_deploy.events GROUP BY customer_id;
-- ;;
COPY (SUBSCRIBE (SELECT * FROM marts_dbt_deploy.customers)) TO STDOUT;
-- ;;
SELECT status, lag(status) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "materialize"."marts_dbt_deploy"."payments" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = compute_dbt_deploy;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE public.events; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
SET cluster = serving;
-- ;;
WITH recent AS (
  SELECT * FROM "materialize"."analytics_dbt_deploy"."sessions" WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.customers.amount, rn FROM ranked, analytics_dbt_deploy.products WHERE rn <= 3;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.sessions SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."analytics_dbt_deploy"."payments");
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "materialize"."analytics_dbt_deploy"."sessions" SET status = 'x' WHERE id IN (SELECT id FROM "Staging ""Q"""."payments");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.events.product_id, rn FROM ranked, marts_dbt_deploy.products WHERE rn <= 3;
-- ;;
WITH recent AS (
  SELECT * FROM materialize.analytics_dbt_deploy.payments WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.sessions.product_id, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SELECT created_at, lag(created_at) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM "public"."products" WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM "analytics_dbt_deploy"."events")) TO STDOUT;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM public.products;
-- ;;
INSERT INTO marts_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "marts_dbt_deploy"."customers" SET status = 'x' WHERE id IN (SELECT id FROM analytics_dbt_deploy.orders);
SELECT marts2.t.x, t.marts, marts_x.y::marts_dbt_deploy.my_type FROM marts2.t;
-- ;;
ALTER SCHEMA "Staging ""Q""" SWAP WITH "staging_dbt_deploy";
-- ;;
SELECT a.customer_id, count(b.qty) AS total
FROM materialize.analytics_dbt_deploy.line_items AS a
JOIN "materialize"."public"."sessions" b ON a.id = b.id
WHERE a.status = 'analytics.line_items' AND b.qty > 364
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 461;
-- ;;
SELECT amount, lag(amount) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM analytics_dbt_deploy.events WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SET cluster = serving;
-- ;;
SET cluster = serving;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.sessions WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.payments.id, rn FROM ranked, marts_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE "analytics_dbt_deploy"."line_items" SET status = 'x' WHERE id IN (SELECT id FROM materialize.analytics_dbt_deploy.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT a.customer_id, count(b.created_at) AS total
FROM public.sessions AS a
JOIN "marts_dbt_deploy"."orders" b ON a.id = b.id
WHERE a.status = 'staging.orders' AND b.created_at > 455
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 9;
-- ;;
SET search_path TO analytics_dbt_deploy, "Staging ""Q""", marts_dbt_deploy;
-- ;;
SUBSCRIBE TO PUBLIC.line_items WITH (SNAPSHOT = false);
-- ;;
SELECT id, lag(id) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM public.line_items WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
SELECT a.amount, max(b.region) AS total
FROM "Staging ""Q""".line_items AS a
JOIN "materialize"."Staging ""Q"""."line_items" b ON a.id = b.amount
WHERE a.status = 'marts.customers' AND b.region > 175
GROUP BY a.amount
ORDER BY total DESC
LIMIT 466;
-- ;;
SET search_path TO analytics_dbt_deploy, raw, public;
-- ;;
SELECT a.id, min(b.amount) AS total
FROM materialize."Staging ""Q""".orders AS a
JOIN analytics_dbt_deploy.payments b ON a.id = b.qty
WHERE a.status = 'raw.sessions' AND b.amount > 145
GROUP BY a.id
ORDER BY total DESC
LIMIT 199;
-- ;;
SELECT a.customer_id, avg(b.customer_id) AS total
FROM analytics_dbt_deploy.events AS a
JOIN materialize."Staging ""Q""".customers b ON a.id = b.status
WHERE a.status = 'marts.orders' AND b.customer_id > 970
GROUP BY a.customer_id
ORDER BY total DESC
LIMIT 377;
-- ;;
SET cluster TO 'quickstart';
-- ;;
DROP SCHEMA IF EXISTS "marts_old", marts_dbt_deploy CASCADE;
-- ;;
SELECT region, lag(region) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
FROM raw.payments WINDOW w AS (PARTITION BY customer_id ORDER BY created_at);
-- ;;
COPY (SUBSCRIBE (SELECT * FROM analytics_dbt_deploy.sessions)) TO STDOUT;
-- ;;
BEGIN; DECLARE c CURSOR FOR SUBSCRIBE "materialize"."public"."line_items"; FETCH ALL c WITH (timeout='1s'); COMMIT;
-- ;;
INSERT INTO analytics_dbt_deploy.events (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE marts_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.customers);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from analytics.orders' AS q, E'it\'s analytics.x\n', $$analytics.orders$$, $tag_analytics$ analytics.v $tag_analytics$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- analytics.orders in a comment
  /* nested /* analytics.t */ still comment */ FROM materialize.raw.orders;
-- ;;
WITH recent AS (
  SELECT * FROM analytics_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, analytics_dbt_deploy.events.amount, rn FROM ranked, analytics_dbt_deploy.customers WHERE rn <= 3;
-- ;;
INSERT INTO analytics_dbt_deploy.sessions (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE analytics_dbt_deploy.orders SET status = 'x' WHERE id IN (SELECT id FROM "materialize"."raw"."sessions");
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SELECT analytics.id, analytics.amount FROM analytics_dbt_deploy.orders AS analytics WHERE analytics.qty > 2;
-- ;;
SHOW MATERIALIZED VIEWS FROM analytics_dbt_deploy;
-- ;;
WITH recent AS (
  SELECT * FROM marts_dbt_deploy.events WHERE created_at > now() - INTERVAL '7 days'
),
ranked AS (
  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent
)
SELECT region, marts_dbt_deploy.orders.product_id, rn FROM ranked, marts_dbt_deploy.sessions WHERE rn <= 3;
-- ;;
SET cluster = quickstart;
-- ;;
SHOW MATERIALIZED VIEWS FROM "Staging ""Q""";
-- ;;
COPY (SUBSCRIBE (SELECT * FROM materialize.marts_dbt_deploy.payments)) TO STDOUT;
-- ;;
INSERT INTO analytics_dbt_deploy.orders (id, status) VALUES ($1, 'new'), ($2, 'old');
UPDATE materialize."Staging ""Q""".orders SET status = 'x' WHERE id IN (SELECT id FROM marts_dbt_deploy.orders);
SELECT analytics2.t.x, t.analytics, analytics_x.y::analytics_dbt_deploy.my_type FROM analytics2.t;
-- ;;
SELECT 'select * from marts.orders' AS q, E'it\'s marts.x\n', $$marts.orders$$, $tag_marts$ marts.v $tag_marts$,
  U&'\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- marts.orders in a comment
  /* nested /* marts.t */ still comment */ FROM raw.line_items;
-- ;;
SELECT a.qty, max(b.customer_id) AS total
FROM "materialize"."Staging ""Q"""."payments" AS a
JOIN "materialize"."analytics_dbt_deploy"."customers" b ON a.id = b.status
WHERE a.status = 'public.customers' AND b.customer_id > 168
GROUP BY a.qty
ORDER BY total DESC
LIMIT 141;
-- ;;
SELECT marts.id, marts.amount FROM marts_dbt_deploy.orders AS marts WHERE marts.qty > 2;
-- ;;
