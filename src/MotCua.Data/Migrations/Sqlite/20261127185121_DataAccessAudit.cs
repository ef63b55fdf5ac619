using Microsoft.EntityFrameworkCore.Migrations;
using MotCua.Data;

#nullable disable

namespace MotCua.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DataAccessAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_access_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClientIp = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_access_audit", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_data_access_audit_DossierCode_At",
                table: "data_access_audit",
                columns: new[] { "DossierCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_data_access_audit_ProvinceCode_At",
                table: "data_access_audit",
                columns: new[] { "ProvinceCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_data_access_audit_UserName_At",
                table: "data_access_audit",
                columns: new[] { "UserName", "At" });

            foreach (var sql in AppendOnlySql.SqliteUp("data_access_audit"))
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlySql.SqliteDown("data_access_audit"))
                migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "data_access_audit");
        }
    }
}
