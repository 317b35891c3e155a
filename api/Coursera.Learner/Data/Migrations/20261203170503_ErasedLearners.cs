using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Learner.Data.Migrations
{
    /// <inheritdoc />
    public partial class ErasedLearners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "erased_learners",
                schema: "learner",
                columns: table => new
                {
                    learner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    erased_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_erased_learners", x => x.learner_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "erased_learners",
                schema: "learner");
        }
    }
}
