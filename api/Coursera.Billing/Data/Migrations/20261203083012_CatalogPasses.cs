using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogPasses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "access_ends_at",
                schema: "billing",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pass_months",
                schema: "billing",
                table: "orders",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pass_months",
                schema: "billing",
                table: "offers",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_access_ends_at",
                schema: "billing",
                table: "orders",
                column: "access_ends_at",
                filter: "access_ends_at IS NOT NULL AND state = 'Paid'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_access_ends_at",
                schema: "billing",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "access_ends_at",
                schema: "billing",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "pass_months",
                schema: "billing",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "pass_months",
                schema: "billing",
                table: "offers");
        }
    }
}
