using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class Subscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_aid_applications_learner_id_course_id",
                schema: "billing",
                table: "aid_applications");

            migrationBuilder.AlterColumn<Guid>(
                name: "course_id",
                schema: "billing",
                table: "offers",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "specialization_id",
                schema: "billing",
                table: "offers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "trial_days",
                schema: "billing",
                table: "offers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "specialization_courses",
                schema: "billing",
                columns: table => new
                {
                    specialization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_specialization_courses", x => new { x.specialization_id, x.course_id });
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                schema: "billing",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    offer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    specialization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    price = table.Column<string>(type: "jsonb", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    trial_days = table.Column<int>(type: "integer", nullable: false),
                    checkout_session_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    checkout_url = table.Column<string>(type: "text", nullable: true),
                    stripe_subscription_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    trial_ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    current_period_ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_at_period_end = table.Column<bool>(type: "boolean", nullable: false),
                    ended_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    entitled_course_ids = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriptions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_offers_specialization_id",
                schema: "billing",
                table: "offers",
                column: "specialization_id");

            migrationBuilder.CreateIndex(
                name: "ix_aid_applications_learner_id_course_id",
                schema: "billing",
                table: "aid_applications",
                columns: new[] { "learner_id", "course_id" },
                unique: true,
                filter: "state IN ('Pending', 'Approved')");

            migrationBuilder.CreateIndex(
                name: "ix_specialization_courses_course_id",
                schema: "billing",
                table: "specialization_courses",
                column: "course_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_checkout_session_id",
                schema: "billing",
                table: "subscriptions",
                column: "checkout_session_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_learner_id_specialization_id",
                schema: "billing",
                table: "subscriptions",
                columns: new[] { "learner_id", "specialization_id" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_stripe_subscription_id",
                schema: "billing",
                table: "subscriptions",
                column: "stripe_subscription_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "specialization_courses",
                schema: "billing");

            migrationBuilder.DropTable(
                name: "subscriptions",
                schema: "billing");

            migrationBuilder.DropIndex(
                name: "ix_offers_specialization_id",
                schema: "billing",
                table: "offers");

            migrationBuilder.DropIndex(
                name: "ix_aid_applications_learner_id_course_id",
                schema: "billing",
                table: "aid_applications");

            migrationBuilder.DropColumn(
                name: "specialization_id",
                schema: "billing",
                table: "offers");

            migrationBuilder.DropColumn(
                name: "trial_days",
                schema: "billing",
                table: "offers");

            migrationBuilder.AlterColumn<Guid>(
                name: "course_id",
                schema: "billing",
                table: "offers",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_aid_applications_learner_id_course_id",
                schema: "billing",
                table: "aid_applications",
                columns: new[] { "learner_id", "course_id" },
                unique: true,
                filter: "state <> 'Denied'");
        }
    }
}
