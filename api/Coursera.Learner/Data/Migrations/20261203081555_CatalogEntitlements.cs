using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Learner.Data.Migrations
{
    /// <inheritdoc />
    public partial class CatalogEntitlements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "course_id",
                schema: "learner",
                table: "entitlements",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "catalog_entitlement_id",
                schema: "learner",
                table: "enrollments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_enrollments_catalog_entitlement_id",
                schema: "learner",
                table: "enrollments",
                column: "catalog_entitlement_id",
                filter: "catalog_entitlement_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_enrollments_catalog_entitlement_id",
                schema: "learner",
                table: "enrollments");

            migrationBuilder.DropColumn(
                name: "catalog_entitlement_id",
                schema: "learner",
                table: "enrollments");

            migrationBuilder.AlterColumn<Guid>(
                name: "course_id",
                schema: "learner",
                table: "entitlements",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
