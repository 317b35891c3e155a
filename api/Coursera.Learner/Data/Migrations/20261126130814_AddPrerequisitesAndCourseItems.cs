using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Learner.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddPrerequisitesAndCourseItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "prerequisite_ids",
                schema: "learner",
                table: "course_outlines",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.CreateTable(
                name: "course_items",
                schema: "learner",
                columns: table => new
                {
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_course_items", x => x.item_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_course_items_course_id",
                schema: "learner",
                table: "course_items",
                column: "course_id");

            // Outlines kept before this migration: index their items too.
            migrationBuilder.Sql("""
                INSERT INTO learner.course_items (item_id, course_id)
                SELECT (item ->> 'id')::uuid, o.course_id FROM learner.course_outlines o, jsonb_array_elements(o.items) AS item
                ON CONFLICT DO NOTHING
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "course_items",
                schema: "learner");

            migrationBuilder.DropColumn(
                name: "prerequisite_ids",
                schema: "learner",
                table: "course_outlines");
        }
    }
}
