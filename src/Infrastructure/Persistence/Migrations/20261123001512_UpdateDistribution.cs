using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class UpdateDistribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "downloads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    update_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    file_kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    downloaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ip_address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    license_id = table.Column<Guid>(type: "uuid", nullable: true),
                    activation_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_downloads", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_downloads_downloaded_at",
                table: "downloads",
                column: "downloaded_at");

            migrationBuilder.CreateIndex(
                name: "IX_downloads_license_id",
                table: "downloads",
                column: "license_id",
                filter: "license_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_downloads_product_id_downloaded_at",
                table: "downloads",
                columns: new[] { "product_id", "downloaded_at" });

            migrationBuilder.CreateIndex(
                name: "IX_downloads_version_id_downloaded_at",
                table: "downloads",
                columns: new[] { "version_id", "downloaded_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "downloads");
        }
    }
}
