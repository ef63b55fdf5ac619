using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorkQueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_dossiers_received_for_others",
                table: "dossiers",
                columns: new[] { "ReceivingUnitCode", "ReceivedAt", "Id" },
                filter: "\"ReceivingUnitCode\" <> \"UnitCode\"");

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_unit_newest",
                table: "dossiers",
                columns: new[] { "UnitCode", "ReceivedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dossiers_received_for_others",
                table: "dossiers");

            migrationBuilder.DropIndex(
                name: "IX_dossiers_unit_newest",
                table: "dossiers");
        }
    }
}
