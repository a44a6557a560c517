-- The write floor (bench/run.sh, scenario floor_write), run by pgbench: the least SQL any licensing server needs for
-- one activate + deactivate pair with a seat limit, on tables of its own (schema bench_floor), with no application
-- in between. One pgbench "transaction" is one pair; its rate is the most pairs/s this machine's PostgreSQL can do
-- with the load generator beside it.
\set lid random(1, 20000)
-- activate: lock the license, count its active seats, add the activation, note the first activation
BEGIN;
SELECT parallel_uses FROM bench_floor.licenses WHERE id = :lid FOR UPDATE;
SELECT count(*) FROM bench_floor.activations WHERE license_id = :lid AND is_active;
INSERT INTO bench_floor.activations (license_id, is_active, activated_at, domain) VALUES (:lid, true, now(), 'example.com') RETURNING id AS aid \gset
UPDATE bench_floor.licenses SET first_activated_at = COALESCE(first_activated_at, now()) WHERE id = :lid;
COMMIT;
-- deactivate: find the activation, lock its license, switch the activation off
BEGIN;
SELECT license_id FROM bench_floor.activations WHERE id = :aid;
SELECT parallel_uses FROM bench_floor.licenses WHERE id = :lid FOR UPDATE;
UPDATE bench_floor.activations SET is_active = false, deactivated_at = now() WHERE id = :aid;
COMMIT;
