using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxClaimIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_messages_Partner_State_NextAttemptAt",
                table: "outbox_messages");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_claim",
                table: "outbox_messages",
                columns: new[] { "Partner", "Id" },
                filter: "\"State\" IN ('Pending', 'Failing', 'InFlight')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_messages_claim",
                table: "outbox_messages");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_Partner_State_NextAttemptAt",
                table: "outbox_messages",
                columns: new[] { "Partner", "State", "NextAttemptAt" });
        }
    }
}
