using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Triggers that announce, on channel <c>keybox_invalidate</c>, every write that can change what the verify
    /// path or API key authentication caches: <c>table:id</c> per row (<c>api_keys:key_hash</c> for keys), <c>*</c>
    /// for a TRUNCATE. Being triggers, they also catch writes made by other tools. Writes that only record use
    /// (activations.last_verified_at/ip/url, api_keys.last_used_at) are not announced.
    /// </summary>
    public partial class VerifyCacheInvalidation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
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

                CREATE TRIGGER licenses_invalidate AFTER UPDATE OR DELETE ON licenses
                    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER products_invalidate AFTER UPDATE OR DELETE ON products
                    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER activations_invalidate_update AFTER UPDATE ON activations
                    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
                        OR OLD.license_id IS DISTINCT FROM NEW.license_id
                        OR OLD.domain IS DISTINCT FROM NEW.domain
                        OR OLD.machine_id IS DISTINCT FROM NEW.machine_id
                        OR OLD.deactivated_at IS DISTINCT FROM NEW.deactivated_at)
                    EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER activations_invalidate_delete AFTER DELETE ON activations
                    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER api_keys_invalidate_update AFTER UPDATE ON api_keys
                    FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
                        OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
                        OR OLD.key_hash IS DISTINCT FROM NEW.key_hash
                        OR OLD.owner_id IS DISTINCT FROM NEW.owner_id
                        OR OLD.type IS DISTINCT FROM NEW.type)
                    EXECUTE FUNCTION keybox_notify_api_key_invalidate();
                CREATE TRIGGER api_keys_invalidate_delete AFTER DELETE ON api_keys
                    FOR EACH ROW EXECUTE FUNCTION keybox_notify_api_key_invalidate();

                CREATE TRIGGER licenses_invalidate_truncate AFTER TRUNCATE ON licenses
                    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER products_invalidate_truncate AFTER TRUNCATE ON products
                    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER activations_invalidate_truncate AFTER TRUNCATE ON activations
                    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER api_keys_invalidate_truncate AFTER TRUNCATE ON api_keys
                    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS licenses_invalidate ON licenses;
                DROP TRIGGER IF EXISTS products_invalidate ON products;
                DROP TRIGGER IF EXISTS activations_invalidate_update ON activations;
                DROP TRIGGER IF EXISTS activations_invalidate_delete ON activations;
                DROP TRIGGER IF EXISTS api_keys_invalidate_update ON api_keys;
                DROP TRIGGER IF EXISTS api_keys_invalidate_delete ON api_keys;
                DROP TRIGGER IF EXISTS licenses_invalidate_truncate ON licenses;
                DROP TRIGGER IF EXISTS products_invalidate_truncate ON products;
                DROP TRIGGER IF EXISTS activations_invalidate_truncate ON activations;
                DROP TRIGGER IF EXISTS api_keys_invalidate_truncate ON api_keys;
                DROP FUNCTION IF EXISTS keybox_notify_api_key_invalidate();
                DROP FUNCTION IF EXISTS keybox_notify_invalidate();
                """);
        }
    }
}
