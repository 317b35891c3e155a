using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class DelayedPaymentsAndDisputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "disputed_at",
                schema: "billing",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "failure_reason",
                schema: "billing",
                table: "orders",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_payment_intent_id",
                schema: "billing",
                table: "orders",
                column: "payment_intent_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_payment_intent_id",
                schema: "billing",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "disputed_at",
                schema: "billing",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "failure_reason",
                schema: "billing",
                table: "orders");
        }
    }
}
