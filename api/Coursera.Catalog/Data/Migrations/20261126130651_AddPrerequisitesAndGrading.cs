using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddPrerequisitesAndGrading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "graded",
                schema: "catalog",
                table: "items",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "prerequisite_ids",
                schema: "catalog",
                table: "courses",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "graded",
                schema: "catalog",
                table: "items");

            migrationBuilder.DropColumn(
                name: "prerequisite_ids",
                schema: "catalog",
                table: "courses");
        }
    }
}
