-- KeyBox: everything in the database that the EF Core model does not describe, in one place.
-- Applied by the Initial migration (Persistence/Migrations) after the tables; Programmability.Down.sql reverses it.
--
-- 1. Cache invalidation. Writes that can change what a process keeps in memory (the read cache of the verify,
--    /validate and update-check paths, API key authentication, webhook subscribers, account states) are announced on
--    the channel keybox_invalidate as '<table>:<id>' ('api_keys:<key_hash>' for keys, 'licenses:<license_id>' for an
--    activation's license, 'product_versions:<product_id>' for a version's product, '*' for a TRUNCATE).
--    Infrastructure/Caching/CacheInvalidationListener LISTENs and drops the entries on every process. Being triggers,
--    they also catch writes made by other tools (psql, a restore). Writes that only record use
--    (activations.last_verified_at/ip/url, api_keys.last_used_at) are not announced.
-- 2. The login throttle's atomic steps (Infrastructure/Identity/LoginThrottleStore).

-- 1a. Notification functions -----------------------------------------------------------------------------------

CREATE FUNCTION keybox_notify_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('keybox_invalidate', '*');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('keybox_invalidate', TG_TABLE_NAME || ':' || OLD.id::text);
    ELSE
        PERFORM pg_notify('keybox_invalidate', TG_TABLE_NAME || ':' || NEW.id::text);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION keybox_notify_api_key_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('keybox_invalidate', 'api_keys:' || OLD.key_hash);
    RETURN NULL;
END $$;

CREATE FUNCTION keybox_notify_activation_license() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('keybox_invalidate', 'licenses:' || OLD.license_id::text);
    ELSE
        PERFORM pg_notify('keybox_invalidate', 'licenses:' || NEW.license_id::text);
        IF TG_OP = 'UPDATE' AND OLD.license_id IS DISTINCT FROM NEW.license_id THEN
            PERFORM pg_notify('keybox_invalidate', 'licenses:' || OLD.license_id::text);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION keybox_notify_version_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('keybox_invalidate', 'product_versions:' || OLD.product_id::text);
    ELSE
        PERFORM pg_notify('keybox_invalidate', 'product_versions:' || NEW.product_id::text);
        IF TG_OP = 'UPDATE' AND OLD.product_id IS DISTINCT FROM NEW.product_id THEN
            PERFORM pg_notify('keybox_invalidate', 'product_versions:' || OLD.product_id::text);
        END IF;
    END IF;
    RETURN NULL;
END $$;

-- 1b. Triggers, per table --------------------------------------------------------------------------------------

-- licenses
CREATE TRIGGER licenses_invalidate AFTER UPDATE OR DELETE ON licenses
    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
CREATE TRIGGER licenses_invalidate_truncate AFTER TRUNCATE ON licenses
    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();

-- products
CREATE TRIGGER products_invalidate AFTER UPDATE OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
CREATE TRIGGER products_invalidate_truncate AFTER TRUNCATE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();

-- activations
CREATE TRIGGER activations_invalidate_update AFTER UPDATE ON activations
    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
        OR OLD.license_id IS DISTINCT FROM NEW.license_id
        OR OLD.domain IS DISTINCT FROM NEW.domain
        OR OLD.machine_id IS DISTINCT FROM NEW.machine_id
        OR OLD.deactivated_at IS DISTINCT FROM NEW.deactivated_at)
    EXECUTE FUNCTION keybox_notify_invalidate();
CREATE TRIGGER activations_invalidate_delete AFTER DELETE ON activations
    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
CREATE TRIGGER activations_invalidate_truncate AFTER TRUNCATE ON activations
    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();
CREATE TRIGGER activations_invalidate_license_insert AFTER INSERT ON activations
    FOR EACH ROW EXECUTE FUNCTION keybox_notify_activation_license();
CREATE TRIGGER activations_invalidate_license_update AFTER UPDATE ON activations
    FOR EACH ROW WHEN ((OLD.is_active, OLD.license_id, OLD.domain, OLD.machine_id, OLD.instance_id,
                        OLD.activated_at, OLD.deactivated_at, OLD.client_name, OLD.language)
        IS DISTINCT FROM (NEW.is_active, NEW.license_id, NEW.domain, NEW.machine_id, NEW.instance_id,
                          NEW.activated_at, NEW.deactivated_at, NEW.client_name, NEW.language))
    EXECUTE FUNCTION keybox_notify_activation_license();
CREATE TRIGGER activations_invalidate_license_delete AFTER DELETE ON activations
    FOR EACH ROW EXECUTE FUNCTION keybox_notify_activation_license();

-- api_keys
CREATE TRIGGER api_keys_invalidate_update AFTER UPDATE ON api_keys
    FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
        OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.key_hash IS DISTINCT FROM NEW.key_hash
        OR OLD.owner_id IS DISTINCT FROM NEW.owner_id
        OR OLD.type IS DISTINCT FROM NEW.type)
    EXECUTE FUNCTION keybox_notify_api_key_invalidate();
CREATE TRIGGER api_keys_invalidate_delete AFTER DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION keybox_notify_api_key_invalidate();
CREATE TRIGGER api_keys_invalidate_truncate AFTER TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();

-- product_versions
CREATE TRIGGER product_versions_invalidate AFTER INSERT OR UPDATE OR DELETE ON product_versions
    FOR EACH ROW EXECUTE FUNCTION keybox_notify_version_product();
CREATE TRIGGER product_versions_invalidate_truncate AFTER TRUNCATE ON product_versions
    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();

-- webhook_endpoints
CREATE TRIGGER webhook_endpoints_invalidate_insert_delete AFTER INSERT OR DELETE ON webhook_endpoints
    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
CREATE TRIGGER webhook_endpoints_invalidate_update AFTER UPDATE ON webhook_endpoints
    FOR EACH ROW WHEN ((OLD.id, OLD.owner_id, OLD.events, OLD.is_active)
        IS DISTINCT FROM (NEW.id, NEW.owner_id, NEW.events, NEW.is_active))
    EXECUTE FUNCTION keybox_notify_invalidate();
CREATE TRIGGER webhook_endpoints_invalidate_truncate AFTER TRUNCATE ON webhook_endpoints
    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();

-- users
CREATE TRIGGER users_invalidate_delete AFTER DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
CREATE TRIGGER users_invalidate_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();
CREATE TRIGGER users_invalidate_update AFTER UPDATE ON users
    FOR EACH ROW WHEN ((OLD.id, OLD.role, OLD.is_active, OLD.security_stamp)
        IS DISTINCT FROM (NEW.id, NEW.role, NEW.is_active, NEW.security_stamp))
    EXECUTE FUNCTION keybox_notify_invalidate();

-- 2. Login throttle ---------------------------------------------------------------------------------------------

-- keybox_login_throttle_acquire: takes one login attempt's place under its keys (pair:email|ip, ip:address,
-- account:email; a NULL key is not throttled), or under none, and says how long to wait when refused (NULL = allowed:
-- check the password now). The counters' rows are created or locked in key order, so attempts sharing keys (in any
-- process) are serialised and never deadlock; a window ends p_window after the first attempt it counted, and an ended
-- window starts again at 0. Pair and IP refuse at their limit until their window ends; an account at its ceiling
-- allows one attempt per p_account_delay (next_check_at). A refused attempt counts nowhere, and the rows it created
-- are removed again.
CREATE FUNCTION keybox_login_throttle_acquire(
    p_pair text, p_pair_limit integer,
    p_ip text, p_ip_limit integer,
    p_account text, p_account_limit integer, p_account_delay interval,
    p_window interval, p_now timestamptz)
RETURNS interval
LANGUAGE plpgsql AS $$
DECLARE
    k text;
    r login_throttle;
    pair_row login_throttle;
    ip_row login_throttle;
    account_row login_throttle;
    wait interval;
BEGIN
    FOR k IN SELECT x FROM unnest(ARRAY[p_pair, p_ip, p_account]) AS x WHERE x IS NOT NULL ORDER BY x COLLATE "C" LOOP
        INSERT INTO login_throttle AS t (key, window_start, attempts) VALUES (k, p_now, 0)
        ON CONFLICT (key) DO UPDATE SET
            window_start = CASE WHEN t.window_start <= p_now - p_window THEN p_now ELSE t.window_start END,
            attempts = CASE WHEN t.window_start <= p_now - p_window THEN 0 ELSE t.attempts END
        RETURNING t.* INTO r;
        IF k = p_pair THEN
            pair_row := r;
        ELSIF k = p_ip THEN
            ip_row := r;
        ELSE
            account_row := r;
        END IF;
    END LOOP;

    IF pair_row.key IS NOT NULL AND pair_row.attempts >= p_pair_limit THEN
        wait := pair_row.window_start + p_window - p_now;
    END IF;
    IF ip_row.key IS NOT NULL AND ip_row.attempts >= p_ip_limit THEN
        wait := GREATEST(wait, ip_row.window_start + p_window - p_now);
    END IF;
    IF wait IS NULL AND account_row.key IS NOT NULL AND account_row.attempts >= p_account_limit
            AND account_row.next_check_at > p_now THEN
        wait := account_row.next_check_at - p_now;
    END IF;

    IF wait IS NOT NULL THEN
        DELETE FROM login_throttle WHERE key IN (p_pair, p_ip, p_account) AND attempts = 0;
        RETURN wait;
    END IF;

    UPDATE login_throttle SET
        attempts = attempts + 1,
        next_check_at = CASE WHEN key = p_account AND attempts >= p_account_limit
            THEN p_now + p_account_delay ELSE next_check_at END
    WHERE key IN (p_pair, p_ip, p_account);
    RETURN NULL;
END
$$;

-- keybox_login_throttle_release: after a successful login, forgets the pair and gives back the attempt's place under
-- the IP and the account (a counter that falls to 0 is removed). Locks in acquire's order.
CREATE FUNCTION keybox_login_throttle_release(p_pair text, p_ip text, p_account text)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM login_throttle WHERE key IN (p_pair, p_ip, p_account) ORDER BY key COLLATE "C" FOR UPDATE;
    DELETE FROM login_throttle WHERE key = p_pair OR (key IN (p_ip, p_account) AND attempts <= 1);
    UPDATE login_throttle SET attempts = attempts - 1 WHERE key IN (p_ip, p_account) AND attempts > 1;
END
$$;
