using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EidSignInAndAssistedConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdNumber",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "assisted_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VolunteerUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PersonIdNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    CodeExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    SignatureImage = table.Column<byte[]>(type: "BLOB", nullable: true),
                    SignatureContentType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assisted_consents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assisted_consents_DossierCode",
                table: "assisted_consents",
                column: "DossierCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assisted_consents_VolunteerUserName",
                table: "assisted_consents",
                column: "VolunteerUserName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assisted_consents");

            migrationBuilder.DropColumn(
                name: "IdNumber",
                table: "AspNetUsers");
        }
    }
}
