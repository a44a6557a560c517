using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RateLimitSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "server_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requests_per_minute = table.Column<int>(type: "integer", nullable: false),
                    rate_limit_method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_settings", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "server_settings");
        }
    }
}
