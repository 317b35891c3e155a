using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class Deadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "late_penalty",
                schema: "assessment",
                table: "attempts",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "deadline",
                schema: "assessment",
                table: "attempt_grants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "extra_minutes",
                schema: "assessment",
                table: "attempt_grants",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "late_penalty",
                schema: "assessment",
                table: "attempts");

            migrationBuilder.DropColumn(
                name: "deadline",
                schema: "assessment",
                table: "attempt_grants");

            migrationBuilder.DropColumn(
                name: "extra_minutes",
                schema: "assessment",
                table: "attempt_grants");
        }
    }
}
