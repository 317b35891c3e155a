using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class CourseraPlus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "specialization_id",
                schema: "billing",
                table: "subscriptions",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "interval",
                schema: "billing",
                table: "offers",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Month"); // every offer sold before was monthly or one-time
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "interval",
                schema: "billing",
                table: "offers");

            migrationBuilder.AlterColumn<Guid>(
                name: "specialization_id",
                schema: "billing",
                table: "subscriptions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
