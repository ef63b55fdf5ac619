using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProvinceRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "statistics_province_monthly",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
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
                    table.PrimaryKey("PK_statistics_province_monthly", x => new { x.ProvinceCode, x.Day, x.UnitCode, x.ProcedureCode, x.Channel });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "statistics_province_monthly");
        }
    }
}
