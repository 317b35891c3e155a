using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class Revenue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subscription_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    partner_share_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    partner_share_amount = table.Column<long>(type: "bigint", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "partner_shares",
                schema: "billing",
                columns: table => new
                {
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_shares", x => x.partner_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_partner_id_occurred_at",
                schema: "billing",
                table: "ledger",
                columns: new[] { "partner_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_reference",
                schema: "billing",
                table: "ledger",
                column: "reference",
                unique: true);

            // Orders paid before the ledger existed, shared at the default 50 %, so their months and later refunds add up.
            migrationBuilder.Sql("""
                INSERT INTO billing.ledger (id, reference, kind, partner_id, learner_id, order_id, amount, currency, partner_share_percent, partner_share_amount, occurred_at)
                SELECT gen_random_uuid(), 'order:' || id, 'Payment', partner_id, learner_id, id, (price->>'amount')::bigint, price->>'currency', 50,
                       round((price->>'amount')::bigint * 0.5), paid_at
                FROM billing.orders WHERE state IN ('Paid', 'Refunded') AND paid_at IS NOT NULL;
                INSERT INTO billing.ledger (id, reference, kind, partner_id, learner_id, order_id, amount, currency, partner_share_percent, partner_share_amount, occurred_at)
                SELECT gen_random_uuid(), 'refund:order:' || id, 'Refund', partner_id, learner_id, id, -(price->>'amount')::bigint, price->>'currency', 50,
                       -round((price->>'amount')::bigint * 0.5), refunded_at
                FROM billing.orders WHERE state = 'Refunded' AND paid_at IS NOT NULL AND refunded_at IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "partner_shares",
                schema: "billing");
        }
    }
}
