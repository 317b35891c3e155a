using Coursera.Events.Signals;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Learner.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddInsertNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The outbox relay sleeps until a row is inserted (Coursera.Events.Signals).
            migrationBuilder.AddInsertNotification("learner", "outbox");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropInsertNotification("learner", "outbox");
        }
    }
}
