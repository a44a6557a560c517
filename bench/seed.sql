-- Seeds the benchmark database (after KeyBox has migrated it and created its bootstrap admin).
-- psql -v licenses=1000000 -v products=100 -v activations=1000000 -f bench/seed.sql
-- Set-based inserts (generate_series): about a minute for a million licenses and activations on a small machine.
-- Ids are time-ordered like the application's (UUIDv7 layout, in the past), so listing order is realistic.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
BEGIN;
-- No cache-invalidation triggers while seeding (no KeyBox runs during the seed): they would queue one notification
-- per row. Re-enabled before the commit; the ALTERs are transactional.
ALTER TABLE activations DISABLE TRIGGER USER;
ALTER TABLE licenses DISABLE TRIGGER USER;
ALTER TABLE product_versions DISABLE TRIGGER USER;
ALTER TABLE products DISABLE TRIGGER USER;

DELETE FROM activations WHERE license_id IN (SELECT id FROM licenses WHERE license_code LIKE 'BENCH-%' OR license_code LIKE 'SEAT-%');
DELETE FROM licenses WHERE license_code LIKE 'BENCH-%' OR license_code LIKE 'SEAT-%';
DELETE FROM product_versions WHERE product_id IN (SELECT id FROM products WHERE reference_id LIKE 'BENCH-P%');
DELETE FROM products WHERE reference_id LIKE 'BENCH-P%';

CREATE TEMP TABLE bench_owner AS SELECT id FROM users ORDER BY (role = 'Admin') DESC, created_at LIMIT 1;

INSERT INTO products (id, owner_id, reference_id, name, description, is_active, license_update, serve_latest_updates, created_at, updated_at)
SELECT ('01800000-0000-7000-8000-' || lpad(to_hex(p), 12, '0'))::uuid,
       (SELECT id FROM bench_owner),
       'BENCH-P' || lpad(p::text, 3, '0'),
       'Bench product ' || p,
       'Seeded by bench/seed.sql',
       true, false, false, now(), now()
FROM generate_series(1, :products) AS p;

INSERT INTO licenses (id, owner_id, product_id, license_code, type, email, parallel_uses, domains, ips, services,
                      is_valid, is_blocked, is_envato, first_activated_at, created_at, updated_at)
SELECT ('01900000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       (SELECT id FROM bench_owner),
       ('01800000-0000-7000-8000-' || lpad(to_hex(i % :products + 1), 12, '0'))::uuid,
       'BENCH-' || lpad(i::text, 7, '0'),
       'Perpetual',
       'customer' || i || '@bench.test',
       3, '{}', '{}', '{}',
       true, false, false,
       CASE WHEN i <= :activations THEN now() - interval '30 days' END,
       now() - interval '60 days', now() - interval '60 days'
FROM generate_series(1, :licenses) AS i;

-- Activation j holds a seat of license ((j - 1) % licenses) + 1, on its own site and machine.
INSERT INTO activations (id, license_id, domain, url, ip, machine_id, instance_id, client_name, activated_at, last_verified_at, is_active)
SELECT ('01a00000-0000-7000-8000-' || lpad(to_hex(j), 12, '0'))::uuid,
       ('01900000-0000-7000-8000-' || lpad(to_hex((j - 1) % :licenses + 1), 12, '0'))::uuid,
       'site-' || j || '.bench.test',
       'https://site-' || j || '.bench.test/',
       '203.0.113.' || (j % 250 + 1),
       'machine-' || j,
       'inst-' || j,
       'bench',
       now() - interval '30 days', now() - interval '1 day', true
FROM generate_series(1, :activations) AS j;

ALTER TABLE activations ENABLE TRIGGER USER;
ALTER TABLE licenses ENABLE TRIGGER USER;
ALTER TABLE product_versions ENABLE TRIGGER USER;
ALTER TABLE products ENABLE TRIGGER USER;
COMMIT;
ANALYZE products;
ANALYZE licenses;
ANALYZE activations;
