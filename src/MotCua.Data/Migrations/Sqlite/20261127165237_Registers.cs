using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Registers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "register_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    ResultCount = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    BookUnitCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BookNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Page = table.Column<int>(type: "INTEGER", nullable: true),
                    EntryNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    NameFolded = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    NameSpelling = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BirthYear = table.Column<int>(type: "INTEGER", nullable: true),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PlaceOfBirth = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    FatherName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    MotherName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    SpouseName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    RelativesFolded = table.Column<string>(type: "TEXT", maxLength: 452, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ScanReference = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PageId = table.Column<long>(type: "INTEGER", nullable: true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_entry_dossiers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_entry_dossiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_imports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_pages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    BookUnitCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProvinceCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BookNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    PageNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Image = table.Column<byte[]>(type: "BLOB", nullable: false),
                    OcrText = table.Column<string>(type: "TEXT", nullable: true),
                    OcrTextFolded = table.Column<string>(type: "TEXT", nullable: false),
                    OcrError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_pages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_register_audit_At",
                table: "register_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_register_audit_EntryId",
                table: "register_audit",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_BookUnitCode_Kind_BookNumber_Year_EntryNumber",
                table: "register_entries",
                columns: new[] { "BookUnitCode", "Kind", "BookNumber", "Year", "EntryNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_BookUnitCode_NameFolded_NameSpelling_Id_BirthYear_Kind",
                table: "register_entries",
                columns: new[] { "BookUnitCode", "NameFolded", "NameSpelling", "Id", "BirthYear", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_DateOfBirth",
                table: "register_entries",
                column: "DateOfBirth");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_PageId",
                table: "register_entries",
                column: "PageId");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_ProvinceCode_NameFolded_NameSpelling_Id_BirthYear_Kind",
                table: "register_entries",
                columns: new[] { "ProvinceCode", "NameFolded", "NameSpelling", "Id", "BirthYear", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entry_dossiers_DossierCode",
                table: "register_entry_dossiers",
                column: "DossierCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_register_entry_dossiers_EntryId",
                table: "register_entry_dossiers",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_register_pages_BookUnitCode_Kind_BookNumber_Year_PageNumber",
                table: "register_pages",
                columns: new[] { "BookUnitCode", "Kind", "BookNumber", "Year", "PageNumber" });

            foreach (var sql in RegisterSql.SqliteUp)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in RegisterSql.SqliteDown)
                migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "register_audit");

            migrationBuilder.DropTable(
                name: "register_entries");

            migrationBuilder.DropTable(
                name: "register_entry_dossiers");

            migrationBuilder.DropTable(
                name: "register_imports");

            migrationBuilder.DropTable(
                name: "register_pages");
        }
    }
}
