using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Revocable accounts: <c>users.is_active</c> (existing accounts stay active), <c>deactivated_at</c> and
    /// <c>security_stamp</c> (written into every bearer token; existing accounts get a random one, so tokens issued
    /// before this migration, which carry none, are refused). Custom SQL: the <c>users</c> update trigger of
    /// <c>WebhookSubscriberInvalidation</c> now also announces (<c>users:id</c> on <c>keybox_invalidate</c>) changes of
    /// <c>is_active</c> and <c>security_stamp</c>, for the in-process account states of authentication.
    /// </summary>
    public partial class AccountRevocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deactivated_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_active",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                table: "users",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Custom SQL (carry over when squashing): a random stamp for every existing account, and the users
            // update trigger extended to the columns that authentication caches.
            migrationBuilder.Sql("""
                UPDATE users SET security_stamp = replace(gen_random_uuid()::text, '-', '');

                DROP TRIGGER IF EXISTS users_invalidate_update ON users;
                CREATE TRIGGER users_invalidate_update AFTER UPDATE ON users
                    FOR EACH ROW WHEN ((OLD.id, OLD.role, OLD.is_active, OLD.security_stamp)
                        IS DISTINCT FROM (NEW.id, NEW.role, NEW.is_active, NEW.security_stamp))
                    EXECUTE FUNCTION keybox_notify_invalidate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS users_invalidate_update ON users;
                CREATE TRIGGER users_invalidate_update AFTER UPDATE ON users
                    FOR EACH ROW WHEN ((OLD.id, OLD.role) IS DISTINCT FROM (NEW.id, NEW.role))
                    EXECUTE FUNCTION keybox_notify_invalidate();
                """);

            migrationBuilder.DropColumn(
                name: "deactivated_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "is_active",
                table: "users");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "users");
        }
    }
}
