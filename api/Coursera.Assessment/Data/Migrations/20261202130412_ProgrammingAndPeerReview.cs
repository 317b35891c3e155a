using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammingAndPeerReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "grader",
                schema: "assessment",
                table: "versions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "peer_review",
                schema: "assessment",
                table: "versions",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "feedback",
                schema: "assessment",
                table: "attempts",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                schema: "assessment",
                table: "assessments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Quiz"); // every assessment before this migration was a quiz

            migrationBuilder.CreateTable(
                name: "grading_jobs",
                schema: "assessment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    attempt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    tries = table.Column<int>(type: "integer", nullable: false),
                    available_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    lease_token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    leased_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grading_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "peer_reviews",
                schema: "assessment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attempt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reviewer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    staff_reviewer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    assigned_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    scores = table.Column<string>(type: "jsonb", nullable: false),
                    comment = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_peer_reviews", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_grading_jobs_attempt_id",
                schema: "assessment",
                table: "grading_jobs",
                column: "attempt_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_grading_jobs_available_at",
                schema: "assessment",
                table: "grading_jobs",
                column: "available_at",
                filter: "state IN ('Queued', 'Leased')");

            migrationBuilder.CreateIndex(
                name: "ix_peer_reviews_assessment_id_reviewer_id",
                schema: "assessment",
                table: "peer_reviews",
                columns: new[] { "assessment_id", "reviewer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_peer_reviews_attempt_id_reviewer_id",
                schema: "assessment",
                table: "peer_reviews",
                columns: new[] { "attempt_id", "reviewer_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "grading_jobs",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "peer_reviews",
                schema: "assessment");

            migrationBuilder.DropColumn(
                name: "grader",
                schema: "assessment",
                table: "versions");

            migrationBuilder.DropColumn(
                name: "peer_review",
                schema: "assessment",
                table: "versions");

            migrationBuilder.DropColumn(
                name: "feedback",
                schema: "assessment",
                table: "attempts");

            migrationBuilder.DropColumn(
                name: "kind",
                schema: "assessment",
                table: "assessments");
        }
    }
}
