using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossier_ratings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DossierId = table.Column<long>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    RatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_ratings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dossier_ratings_dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "statistics_daily",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Apologies = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket0 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket1 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket2 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket3 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket4 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket5 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket6 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket7 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket8 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket9 = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessingMinutes = table.Column<long>(type: "INTEGER", nullable: false),
                    Rated = table.Column<long>(type: "INTEGER", nullable: false),
                    RatingSum = table.Column<long>(type: "INTEGER", nullable: false),
                    Received = table.Column<long>(type: "INTEGER", nullable: false),
                    Rejections = table.Column<long>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedLate = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedOnTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Score1 = table.Column<long>(type: "INTEGER", nullable: false),
                    Score2 = table.Column<long>(type: "INTEGER", nullable: false),
                    Score3 = table.Column<long>(type: "INTEGER", nullable: false),
                    Score4 = table.Column<long>(type: "INTEGER", nullable: false),
                    Score5 = table.Column<long>(type: "INTEGER", nullable: false),
                    SupplementRequests = table.Column<long>(type: "INTEGER", nullable: false),
                    Withdrawals = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statistics_daily", x => new { x.UnitCode, x.Day, x.ProcedureCode, x.Channel });
                });

            migrationBuilder.CreateTable(
                name: "statistics_monthly",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Apologies = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket0 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket1 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket2 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket3 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket4 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket5 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket6 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket7 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket8 = table.Column<long>(type: "INTEGER", nullable: false),
                    Bucket9 = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessingMinutes = table.Column<long>(type: "INTEGER", nullable: false),
                    Rated = table.Column<long>(type: "INTEGER", nullable: false),
                    RatingSum = table.Column<long>(type: "INTEGER", nullable: false),
                    Received = table.Column<long>(type: "INTEGER", nullable: false),
                    Rejections = table.Column<long>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedLate = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedOnTime = table.Column<long>(type: "INTEGER", nullable: false),
                    Score1 = table.Column<long>(type: "INTEGER", nullable: false),
                    Score2 = table.Column<long>(type: "INTEGER", nullable: false),
                    Score3 = table.Column<long>(type: "INTEGER", nullable: false),
                    Score4 = table.Column<long>(type: "INTEGER", nullable: false),
                    Score5 = table.Column<long>(type: "INTEGER", nullable: false),
                    SupplementRequests = table.Column<long>(type: "INTEGER", nullable: false),
                    Withdrawals = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statistics_monthly", x => new { x.UnitCode, x.Day, x.ProcedureCode, x.Channel });
                });

            migrationBuilder.CreateTable(
                name: "statistics_officer_daily",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Handled = table.Column<long>(type: "INTEGER", nullable: false),
                    HandledOnTime = table.Column<long>(type: "INTEGER", nullable: false),
                    HandledWithSupplement = table.Column<long>(type: "INTEGER", nullable: false),
                    Rated = table.Column<long>(type: "INTEGER", nullable: false),
                    RatingSum = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statistics_officer_daily", x => new { x.UnitCode, x.Day, x.UserName });
                });

            migrationBuilder.CreateIndex(
                name: "IX_dossiers_open",
                table: "dossiers",
                columns: new[] { "UnitCode", "ProcedureCode", "DueAt", "ClockStoppedAt" },
                filter: "\"CompletedAt\" IS NULL AND \"Status\" <> 10");

            migrationBuilder.CreateIndex(
                name: "IX_dossier_ratings_DossierId",
                table: "dossier_ratings",
                column: "DossierId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_ratings");

            migrationBuilder.DropTable(
                name: "statistics_daily");

            migrationBuilder.DropTable(
                name: "statistics_monthly");

            migrationBuilder.DropTable(
                name: "statistics_officer_daily");

            migrationBuilder.DropIndex(
                name: "IX_dossiers_open",
                table: "dossiers");
        }
    }
}
