using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProvinceRollupStripes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_statistics_province_monthly",
                table: "statistics_province_monthly");

            migrationBuilder.AddColumn<short>(
                name: "Stripe",
                table: "statistics_province_monthly",
                type: "INTEGER",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_statistics_province_monthly",
                table: "statistics_province_monthly",
                columns: new[] { "ProvinceCode", "Day", "UnitCode", "ProcedureCode", "Channel", "Stripe" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_statistics_province_monthly",
                table: "statistics_province_monthly");

            migrationBuilder.DropColumn(
                name: "Stripe",
                table: "statistics_province_monthly");

            migrationBuilder.AddPrimaryKey(
                name: "PK_statistics_province_monthly",
                table: "statistics_province_monthly",
                columns: new[] { "ProvinceCode", "Day", "UnitCode", "ProcedureCode", "Channel" });
        }
    }
}
