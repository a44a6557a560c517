using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// More announcements on channel <c>keybox_invalidate</c>, for the read caches of <c>/validate</c> and update
    /// checks: every activation insert, relevant update or delete also announces its license
    /// (<c>licenses:license_id</c>: the license's set of activations changed), and every write to a version announces
    /// its product (<c>product_versions:product_id</c>). Writes that only record use (last_verified_at, ip, url) stay
    /// silent.
    /// </summary>
    public partial class ReadCacheInvalidation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
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

                CREATE TRIGGER product_versions_invalidate AFTER INSERT OR UPDATE OR DELETE ON product_versions
                    FOR EACH ROW EXECUTE FUNCTION keybox_notify_version_product();
                CREATE TRIGGER product_versions_invalidate_truncate AFTER TRUNCATE ON product_versions
                    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS activations_invalidate_license_insert ON activations;
                DROP TRIGGER IF EXISTS activations_invalidate_license_update ON activations;
                DROP TRIGGER IF EXISTS activations_invalidate_license_delete ON activations;
                DROP TRIGGER IF EXISTS product_versions_invalidate ON product_versions;
                DROP TRIGGER IF EXISTS product_versions_invalidate_truncate ON product_versions;
                DROP FUNCTION IF EXISTS keybox_notify_activation_license();
                DROP FUNCTION IF EXISTS keybox_notify_version_product();
                """);
        }
    }
}
