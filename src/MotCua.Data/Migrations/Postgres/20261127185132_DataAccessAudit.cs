using System;
using Microsoft.EntityFrameworkCore.Migrations;
using MotCua.Data;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MotCua.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DossierCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProvinceCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ClientIp = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true)
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

            foreach (var sql in AppendOnlySql.PostgresUp("data_access_audit"))
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in AppendOnlySql.PostgresDown("data_access_audit"))
                migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "data_access_audit");
        }
    }
}
