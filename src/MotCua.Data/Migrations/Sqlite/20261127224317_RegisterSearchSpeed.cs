using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterSearchSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_register_entries_DateOfBirth",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_FatherFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_MotherFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_PageId",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_SpouseFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_BookUnitCode_BirthYear_NameFolded_Id",
                table: "register_entries",
                columns: new[] { "BookUnitCode", "BirthYear", "NameFolded", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_DateOfBirth",
                table: "register_entries",
                column: "DateOfBirth",
                filter: "\"DateOfBirth\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_FatherFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries",
                columns: new[] { "FatherFolded", "ProvinceCode", "NameFolded", "BookUnitCode" },
                filter: "\"FatherFolded\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_MotherFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries",
                columns: new[] { "MotherFolded", "ProvinceCode", "NameFolded", "BookUnitCode" },
                filter: "\"MotherFolded\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_PageId",
                table: "register_entries",
                column: "PageId",
                filter: "\"PageId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_relatives_backfill",
                table: "register_entries",
                column: "Id",
                filter: "\"RelativesFolded\" <> '' AND \"FatherFolded\" IS NULL AND \"MotherFolded\" IS NULL AND \"SpouseFolded\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_SpouseFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries",
                columns: new[] { "SpouseFolded", "ProvinceCode", "NameFolded", "BookUnitCode" },
                filter: "\"SpouseFolded\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_register_entries_BookUnitCode_BirthYear_NameFolded_Id",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_DateOfBirth",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_FatherFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_MotherFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_PageId",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_relatives_backfill",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "IX_register_entries_SpouseFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_DateOfBirth",
                table: "register_entries",
                column: "DateOfBirth");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_FatherFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries",
                columns: new[] { "FatherFolded", "ProvinceCode", "NameFolded", "BookUnitCode" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_MotherFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries",
                columns: new[] { "MotherFolded", "ProvinceCode", "NameFolded", "BookUnitCode" });

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_PageId",
                table: "register_entries",
                column: "PageId");

            migrationBuilder.CreateIndex(
                name: "IX_register_entries_SpouseFolded_ProvinceCode_NameFolded_BookUnitCode",
                table: "register_entries",
                columns: new[] { "SpouseFolded", "ProvinceCode", "NameFolded", "BookUnitCode" });
        }
    }
}
