using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// More announcements on channel <c>keybox_invalidate</c>, for the in-process cache of webhook subscribers: every
    /// insert, delete or relevant update of an endpoint (<c>webhook_endpoints:id</c>) and every change of a user's role
    /// or deletion of a user (<c>users:id</c>: an administrator's endpoints hear about every owner); <c>*</c> for a
    /// TRUNCATE. Writes that change nothing a subscriber lookup reads (url, secret, timestamps, a login) stay silent.
    /// </summary>
    public partial class WebhookSubscriberInvalidation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER webhook_endpoints_invalidate_insert_delete AFTER INSERT OR DELETE ON webhook_endpoints
                    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER webhook_endpoints_invalidate_update AFTER UPDATE ON webhook_endpoints
                    FOR EACH ROW WHEN ((OLD.id, OLD.owner_id, OLD.events, OLD.is_active)
                        IS DISTINCT FROM (NEW.id, NEW.owner_id, NEW.events, NEW.is_active))
                    EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER webhook_endpoints_invalidate_truncate AFTER TRUNCATE ON webhook_endpoints
                    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();

                CREATE TRIGGER users_invalidate_update AFTER UPDATE ON users
                    FOR EACH ROW WHEN ((OLD.id, OLD.role) IS DISTINCT FROM (NEW.id, NEW.role))
                    EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER users_invalidate_delete AFTER DELETE ON users
                    FOR EACH ROW EXECUTE FUNCTION keybox_notify_invalidate();
                CREATE TRIGGER users_invalidate_truncate AFTER TRUNCATE ON users
                    FOR EACH STATEMENT EXECUTE FUNCTION keybox_notify_invalidate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS webhook_endpoints_invalidate_insert_delete ON webhook_endpoints;
                DROP TRIGGER IF EXISTS webhook_endpoints_invalidate_update ON webhook_endpoints;
                DROP TRIGGER IF EXISTS webhook_endpoints_invalidate_truncate ON webhook_endpoints;
                DROP TRIGGER IF EXISTS users_invalidate_update ON users;
                DROP TRIGGER IF EXISTS users_invalidate_delete ON users;
                DROP TRIGGER IF EXISTS users_invalidate_truncate ON users;
                """);
        }
    }
}
