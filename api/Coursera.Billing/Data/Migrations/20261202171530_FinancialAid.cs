using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class FinancialAid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aid_applications",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reasons = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    goals = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    access_ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    entitlement_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aid_applications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_aid_applications_learner_id_course_id",
                schema: "billing",
                table: "aid_applications",
                columns: new[] { "learner_id", "course_id" },
                unique: true,
                filter: "state <> 'Denied'");

            migrationBuilder.CreateIndex(
                name: "ix_aid_applications_state_submitted_at",
                schema: "billing",
                table: "aid_applications",
                columns: new[] { "state", "submitted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aid_applications",
                schema: "billing");
        }
    }
}
