using Coursera.Events.Signals;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coursera.Webhooks.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddInsertNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The outbox relay sleeps until a row is inserted and the dispatcher until a message is queued (Coursera.Events.Signals).
            migrationBuilder.AddInsertNotification("webhooks", "outbox");
            migrationBuilder.AddInsertNotification("webhooks", "messages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropInsertNotification("webhooks", "outbox");
            migrationBuilder.DropInsertNotification("webhooks", "messages");
        }
    }
}
