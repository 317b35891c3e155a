using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonalSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "late_loss",
                schema: "assessment",
                table: "grades",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<DateTime>(
                name: "enrolled_at",
                schema: "assessment",
                table: "enrollments",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "schedule_reset_at",
                schema: "assessment",
                table: "enrollments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "schedule_resets",
                schema: "assessment",
                table: "enrollments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "schedule_starts_at",
                schema: "assessment",
                table: "enrollments",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<double>(
                name: "raw_score",
                schema: "assessment",
                table: "attempts",
                type: "double precision",
                nullable: true);

            // Rows from before: the schedule starts at the newest enrollment event known; graded work earned its score
            // less its late penalty (work that lost all of it is taken as having earned nothing more).
            migrationBuilder.Sql("UPDATE assessment.enrollments SET enrolled_at = version, schedule_starts_at = version;");
            migrationBuilder.Sql("""
                UPDATE assessment.attempts
                SET raw_score = CASE WHEN coalesce(late_penalty, 0) = 0 OR late_penalty >= 1 THEN score ELSE score / (1 - late_penalty) END
                WHERE score IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "late_loss",
                schema: "assessment",
                table: "grades");

            migrationBuilder.DropColumn(
                name: "enrolled_at",
                schema: "assessment",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "schedule_reset_at",
                schema: "assessment",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "schedule_resets",
                schema: "assessment",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "schedule_starts_at",
                schema: "assessment",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "raw_score",
                schema: "assessment",
                table: "attempts");
        }
    }
}
