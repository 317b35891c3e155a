using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Billing.Data.Migrations
{
    /// <inheritdoc />
    public partial class AidExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_aid_applications_access_ends_at",
                schema: "billing",
                table: "aid_applications",
                column: "access_ends_at",
                filter: "state = 'Approved'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_aid_applications_access_ends_at",
                schema: "billing",
                table: "aid_applications");
        }
    }
}
