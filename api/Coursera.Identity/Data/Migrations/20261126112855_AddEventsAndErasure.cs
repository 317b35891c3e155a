using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Coursera.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddEventsAndErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbox",
                schema: "identity",
                columns: table => new
                {
                    consumer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    handled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox", x => new { x.consumer, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                schema: "identity",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    envelope = table.Column<string>(type: "jsonb", nullable: false),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_unpublished",
                schema: "identity",
                table: "outbox",
                column: "position",
                filter: "published_at IS NULL");

            // Erasure may blank the personal columns (detail, ip_address) of a person's audit entries, and nothing else;
            // only a transaction that declares it (SET LOCAL identity.erasure = 'on') may. Every other change still fails.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION identity.refuse_audit_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND current_setting('identity.erasure', true) = 'on'
                        AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at AND NEW.type = OLD.type
                        AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
                        AND NEW.actor_client_id IS NOT DISTINCT FROM OLD.actor_client_id
                        AND NEW.subject_user_id IS NOT DISTINCT FROM OLD.subject_user_id
                        AND NEW.tenant_id IS NOT DISTINCT FROM OLD.tenant_id
                        AND NEW.detail IS NULL AND NEW.ip_address IS NULL THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'identity.audit_log is append-only';
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION identity.refuse_audit_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'identity.audit_log is append-only';
                END $$;
                """);

            migrationBuilder.DropTable(
                name: "inbox",
                schema: "identity");

            migrationBuilder.DropTable(
                name: "outbox",
                schema: "identity");
        }
    }
}
