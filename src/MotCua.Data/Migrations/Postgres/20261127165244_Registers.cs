using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MotCua.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Query = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    EntryId = table.Column<long>(type: "bigint", nullable: true),
                    ResultCount = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    BookUnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BookNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Page = table.Column<int>(type: "integer", nullable: true),
                    EntryNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FullName = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    NameFolded = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    NameSpelling = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    Sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PlaceOfBirth = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    FatherName = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    MotherName = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    SpouseName = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    RelativesFolded = table.Column<string>(type: "character varying(452)", maxLength: 452, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ScanReference = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PageId = table.Column<long>(type: "bigint", nullable: true),
                    ImportId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_entry_dossiers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    DossierCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_entry_dossiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_imports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_register_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "register_pages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    BookUnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ProvinceCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BookNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    PageNumber = table.Column<int>(type: "integer", nullable: true),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Image = table.Column<byte[]>(type: "bytea", nullable: false),
                    OcrText = table.Column<string>(type: "text", nullable: true),
                    OcrTextFolded = table.Column<string>(type: "text", nullable: false),
                    OcrError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                name: "IX_register_entries_BookUnitCode_Kind_BookNumber_Year_EntryNum~",
                table: "register_entries",
                columns: new[] { "BookUnitCode", "Kind", "BookNumber", "Year", "EntryNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_BookUnitCode_NameFolded_NameSpelling_Id_Bi~",
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
                name: "IX_register_entries_ProvinceCode_NameFolded_NameSpelling_Id_Bi~",
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

            foreach (var sql in RegisterSql.PostgresUp)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in RegisterSql.PostgresDown)
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
