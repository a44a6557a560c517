using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SecretsAtRest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "secret",
                table: "webhook_endpoints",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256);

            // Custom SQL (secrets at rest): the license-data keys become text holding a "kbs1:" envelope. Existing keys
            // are carried over as base64 (no envelope): KeyBox encrypts them under the master key when it starts
            // (StoredSecretsEncryptor), as it does the clear JWT signing key and webhook secrets.
            migrationBuilder.Sql("ALTER TABLE license_data_keys ALTER COLUMN material TYPE text USING encode(material, 'base64');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "secret",
                table: "webhook_endpoints",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            // Only keys still in clear (base64) can go back; encrypted ones need the master key, which SQL does not have.
            migrationBuilder.Sql("ALTER TABLE license_data_keys ALTER COLUMN material TYPE bytea USING decode(material, 'base64');");
        }
    }
}
