using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class TenantInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "accepted_at",
                schema: "identity",
                table: "memberships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "accepted_at_first_sign_in",
                schema: "identity",
                table: "memberships",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "state",
                schema: "identity",
                table: "memberships",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                // Memberships from before invitations had to be answered were all in force.
                defaultValue: "Active");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "accepted_at",
                schema: "identity",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "accepted_at_first_sign_in",
                schema: "identity",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "state",
                schema: "identity",
                table: "memberships");
        }
    }
}
