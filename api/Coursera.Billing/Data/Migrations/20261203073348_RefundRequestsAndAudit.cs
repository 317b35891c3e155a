using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class RefundRequestsAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "refund_decision_note",
                schema: "billing",
                table: "orders",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "refund_declined_at",
                schema: "billing",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "refund_requested_at",
                schema: "billing",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_trail",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    action = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    subject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_trail", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_orders_refund_requested_at",
                schema: "billing",
                table: "orders",
                column: "refund_requested_at",
                filter: "refund_requested_at IS NOT NULL AND refund_declined_at IS NULL AND state = 'Paid'");

            migrationBuilder.CreateIndex(
                name: "ix_audit_trail_occurred_at",
                schema: "billing",
                table: "audit_trail",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_trail_subject_occurred_at",
                schema: "billing",
                table: "audit_trail",
                columns: new[] { "subject", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_trail",
                schema: "billing");

            migrationBuilder.DropIndex(
                name: "ix_orders_refund_requested_at",
                schema: "billing",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "refund_decision_note",
                schema: "billing",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "refund_declined_at",
                schema: "billing",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "refund_requested_at",
                schema: "billing",
                table: "orders");
        }
    }
}
