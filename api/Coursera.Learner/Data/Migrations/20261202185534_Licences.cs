using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Learner.Data.Migrations
{
    /// <inheritdoc />
    public partial class Licences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "licences",
                schema: "learner",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seats = table.Column<int>(type: "integer", nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    program_ids = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licences", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "seats",
                schema: "learner",
                columns: table => new
                {
                    licence_id = table.Column<Guid>(type: "uuid", nullable: false),
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    taken_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    released_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seats", x => new { x.licence_id, x.learner_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_licences_organization_id",
                schema: "learner",
                table: "licences",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_seats_learner_id",
                schema: "learner",
                table: "seats",
                column: "learner_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "licences",
                schema: "learner");

            migrationBuilder.DropTable(
                name: "seats",
                schema: "learner");
        }
    }
}
