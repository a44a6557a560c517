using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ListSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_licenses_email_pattern",
                table: "licenses");

            migrationBuilder.DropIndex(
                name: "ix_licenses_license_code_pattern",
                table: "licenses");

            migrationBuilder.CreateIndex(
                name: "ix_licenses_email_ordinal_id",
                table: "licenses",
                columns: new[] { "email", "id" })
                .Annotation("Relational:Collation", new[] { "C", null });

            migrationBuilder.CreateIndex(
                name: "ix_licenses_license_code_ordinal",
                table: "licenses",
                column: "license_code")
                .Annotation("Relational:Collation", new[] { "C" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_licenses_email_ordinal_id",
                table: "licenses");

            migrationBuilder.DropIndex(
                name: "ix_licenses_license_code_ordinal",
                table: "licenses");

            migrationBuilder.CreateIndex(
                name: "ix_licenses_email_pattern",
                table: "licenses",
                column: "email")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_licenses_license_code_pattern",
                table: "licenses",
                column: "license_code")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });
        }
    }
}
