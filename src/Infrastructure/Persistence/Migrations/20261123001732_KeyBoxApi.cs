using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyBox.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KeyBoxApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Products may refer to customers that no longer exist (no foreign key until now): detach them first.
            migrationBuilder.Sql("UPDATE products SET customer_id = NULL WHERE customer_id IS NOT NULL AND customer_id NOT IN (SELECT id FROM customers);");

            migrationBuilder.CreateIndex(
                name: "IX_products_customer_id",
                table: "products",
                column: "customer_id");

            migrationBuilder.AddForeignKey(
                name: "FK_products_customers_customer_id",
                table: "products",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_products_customers_customer_id",
                table: "products");

            migrationBuilder.DropIndex(
                name: "IX_products_customer_id",
                table: "products");
        }
    }
}
