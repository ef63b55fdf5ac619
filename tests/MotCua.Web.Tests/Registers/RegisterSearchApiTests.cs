using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MotCua.Data;
using MotCua.Web.Tests.Infrastructure;

namespace MotCua.Web.Tests.Registers;

/// <summary>Search of the old books: accents and case ignored, exact names first, lineage of merged units, scope, audit.</summary>
public abstract class RegisterSearchApiTests(MotCuaApp app) : RegisterTestBase(app)
{
    [Fact]
    public async Task Names_match_without_accents_in_any_case_and_rank_exact_matches_first()
    {
        await ImportOkAsync(
            Row(1961, "1", "Nguyễn Văn Anh"),
            Row(1961, "2", "An Văn Nguyễn"),
            Row(1961, "3", "Nguyễn Văn Ân"),
            Row(1961, "4", "Nguyễn Văn An"),
            Row(1961, "5", "Đặng Thị Đào"),
            Row(1961, "6", "Nguyễn Văn Bình"));

        var plain = Names(await SearchAsync("q=nguyen+van+an&year=1961"));
        // Exact without accents (both spellings), then names that start with the query, then the words in any order.
        Assert.Equal(["Nguyễn Văn An", "Nguyễn Văn Ân", "Nguyễn Văn Anh", "An Văn Nguyễn"], plain);

        // With accents, the same spelling comes first; case does not matter.
        var accented = await SearchAsync($"q={Q("NGUYỄN VĂN ÂN")}&year=1961");
        Assert.Equal(["Nguyễn Văn Ân", "Nguyễn Văn An", "Nguyễn Văn Anh", "An Văn Nguyễn"], Names(accented));
        Assert.Equal(["exact", "exactFolded", "prefix", "words"], accented.Select(i => i!["match"]!.GetValue<string>()).ToList());

        // "d" finds "đ".
        Assert.Equal(["Đặng Thị Đào"], Names(await SearchAsync("q=dang+dao&year=1961")));
        Assert.Equal(["Đặng Thị Đào"], Names(await SearchAsync($"q={Q("đặng")}&year=1961")));
    }

    [Fact]
    public async Task A_search_in_todays_unit_covers_the_books_of_the_units_merged_into_it_and_an_old_unit_only_its_own()
    {
        await ImportOkAsync(
            Row(1962, "1", "Trần Thị Lụa", unit: NhonHung, dob: "1962-02-03", father: "Trần Văn Cẩn", mother: "Võ Thị Mười"),
            Row(1962, "2", "Trần Thị Lụa", unit: OldThoiSon, dob: "1962"),
            Row(1962, "3", "Trần Thị Lụa", kind: "khai tử"));

        Assert.Equal(3, (await SearchAsync("q=tran+thi+lua&year=1962")).Count);
        Assert.Equal(3, (await SearchAsync($"q=tran+thi+lua&year=1962&unit={ThoiSon}")).Count);
        var old = await SearchAsync($"q=tran+thi+lua&year=1962&unit={NhonHung}");
        Assert.Equal(NhonHung, Assert.Single(old)!["bookUnitCode"]!.GetValue<string>());
        Assert.Equal(ThoiSon, old[0]!["unitCode"]!.GetValue<string>());

        Assert.Single(await SearchAsync("q=lua&year=1962&dateOfBirth=1962-02-03"));
        Assert.Equal(2, (await SearchAsync("q=lua&year=1962&birthYear=1962")).Count);
        Assert.Single(await SearchAsync("parent=vo+thi+muoi&year=1962"));
        Assert.Single(await SearchAsync($"q=lua&year=1962&kind={Q("khai tử")}"));
        Assert.Single(await SearchAsync("q=lua&year=1962&kind=death"));
    }

    [Fact]
    public async Task A_parents_exact_name_ranks_before_entries_that_only_hold_its_words()
    {
        await ImportOkAsync(
            Row(1965, "1", "An Thị Mai", father: "Lê Văn Hòa", mother: "Trần Thị Lan"),
            Row(1965, "2", "Võ Văn Tám", mother: "Lê Thị Hoa"),
            Row(1965, "3", "Cao Thị Ba", mother: "LÊ THỊ HOA"),
            Row(1965, "4", "Võ Văn Bốn", mother: "Lê Thị Hoài"),
            Row(1965, "5", "Lý Văn Năm", mother: "Nguyễn Thị Hồng"));

        // Exact mother's name (any accents and case) first, by name; then the words among the relatives' names, by name
        // (the last word may be the start of one: "hoa" → "Hoài").
        Assert.Equal(["Cao Thị Ba", "Võ Văn Tám", "An Thị Mai", "Võ Văn Bốn"], Names(await SearchAsync("parent=le+thi+hoa&year=1965")));
        Assert.Equal(["Cao Thị Ba", "Võ Văn Tám"], Names(await SearchAsync($"parent={Q("Lê Thị Hoa")}&year=1965&pageSize=2")));
        // With a name, an exact parent's name with the name or its start comes first, then the name ranking among the words.
        Assert.Equal(["Võ Văn Tám", "Võ Văn Bốn"], Names(await SearchAsync("q=vo+van&parent=le+thi+hoa&year=1965")));
        Assert.Equal(["Võ Văn Bốn", "Võ Văn Tám"], Names(await SearchAsync("q=van+vo&parent=le+thi+hoa&year=1965")));
        // The second page continues after the exact matches without repeating them.
        Assert.Equal(["An Thị Mai", "Võ Văn Bốn"], Names(await SearchAsync("parent=le+thi+hoa&year=1965&pageSize=2&page=2")));
    }

    [Theory]
    [InlineData("officer", 1966)] // a unit's books: the words step reads the names from the unit's btree
    [InlineData("admin", 1968)] // the province: the words step reads the full-text indexes
    public async Task A_name_with_a_parents_name_ranks_the_exact_parent_then_the_relatives_words_by_name(string user, int year)
    {
        await ImportOkAsync(
            Row(year, "1", "Trần Thị Mai", father: "Trần Văn Bình", mother: "Nguyễn Thị Lan"),
            Row(year, "2", "Trần Thị Ba", father: "Nguyễn Văn Bình"),
            Row(year, "3", "Lê Trần Thị", father: "NGUYỄN VĂN BÌNH"),
            Row(year, "4", "Trần Thị Dung", father: "Nguyễn Văn Hai", mother: "Lê Thị Hoa"),
            Row(year, "5", "Trần Văn Thìn", mother: "Bình Thị Văn", father: "Nguyễn Hữu Tâm"),
            Row(year, "6", "Trần Thị Cúc", mother: "Nguyễn Thị Vân"));

        // First the exact father's name with the name's start; then the entries holding the words among their relatives'
        // names (across father and mother, in any order, the last word as the start of one): those whose name starts with
        // the name typed, then those holding its words ("thi" starts "thìn"). "Trần Thị Dung" and "Trần Thị Cúc" have no
        // "binh" among their relatives.
        var found = await SearchAsync($"q=tran+thi&parent=nguyen+van+binh&year={year}", user);
        Assert.Equal(["Trần Thị Ba", "Trần Thị Mai", "Lê Trần Thị", "Trần Văn Thìn"], Names(found));
        Assert.Equal(["prefix", "prefix", "words", "words"], found.Select(i => i!["match"]!.GetValue<string>()).ToList());
        Assert.Equal(["Lê Trần Thị", "Trần Văn Thìn"], Names(await SearchAsync($"q=tran+thi&parent=nguyen+van+binh&year={year}&pageSize=2&page=2", user)));
    }

    [Fact]
    public async Task A_name_and_a_year_of_birth_in_a_units_books_find_the_names_holding_the_words_of_that_year_only()
    {
        await ImportOkAsync(
            Row(1967, "1", "Trần Thị Hoa", dob: "1980-05-01"),
            Row(1967, "2", "Lê Trần Thị", dob: "1980"),
            Row(1967, "3", "Võ Thị Trần", dob: "1981-01-01", unit: NhonHung),
            Row(1967, "4", "Đỗ Trần Thìn", dob: "1980-02-02", unit: OldThoiSon),
            Row(1967, "5", "Trần Thị Lan"));

        var found = await SearchAsync("q=tran+thi&birthYear=1980&year=1967");
        Assert.Equal(["Trần Thị Hoa", "Đỗ Trần Thìn", "Lê Trần Thị"], Names(found));
        Assert.Equal(["prefix", "words", "words"], found.Select(i => i!["match"]!.GetValue<string>()).ToList());
        Assert.Equal(["Võ Thị Trần"], Names(await SearchAsync("q=tran+thi&birthYear=1981&year=1967", user: "admin")));
    }

    [Fact]
    public async Task The_word_being_typed_matches_the_start_of_a_word_through_the_list_of_known_words()
    {
        await ImportOkAsync(
            Row(1970, "1", "Lạc Thị Yến"),
            Row(1970, "2", "Yên Thị Lạc"),
            Row(1970, "3", "Lạc Thị Lan", mother: "Yên Thị Hà"));

        // Words in any order, the last one ("ye") the start of a word: "yen" from "Yến" and "Yên".
        Assert.Equal(["Lạc Thị Yến", "Yên Thị Lạc"], Names(await SearchAsync("q=thi+lac+ye&year=1970", user: "admin")));
        Assert.Equal(["Lạc Thị Lan"], Names(await SearchAsync("parent=thi+ye&year=1970", user: "admin")));
        if (App.Provider != "Postgres") return; // SQLite: FTS5's own prefix index

        // PostgreSQL reads the expansion from register_words: the import added the words of names and relatives' names.
        var words = App.WithDb(db => db.Database.SqlQueryRaw<string>(
            "SELECT \"Word\" AS \"Value\" FROM register_words WHERE \"Word\" IN ('lac', 'thi', 'yen', 'lan', 'ha')").ToList());
        Assert.Equal(["ha", "lac", "lan", "thi", "yen"], words.Order(StringComparer.Ordinal));
        Assert.Contains("yen", App.WithDb(db => RegisterWords.StartingWithAsync(db, "ye", default).GetAwaiter().GetResult())!);
        // The migration fills the list from the entries already there.
        App.WithDb(db => db.Database.ExecuteSqlRaw("DELETE FROM register_words WHERE \"Word\" IN ('yen', 'ha')"));
        App.WithDb(db => db.Database.ExecuteSqlRaw(RegisterSql.PostgresWordsUp[1]));
        Assert.Equal(2, App.WithDb(db => db.Database.SqlQueryRaw<int>(
            "SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM register_words WHERE \"Word\" IN ('yen', 'ha')").Single()));
    }

    [Fact]
    public async Task Staff_search_only_their_units_books_a_province_admin_the_province_and_citizens_never()
    {
        await ImportOkAsync(Row(1963, "1", "Phan Văn Khỏe"));
        Assert.Empty(await SearchAsync("q=phan+van+khoe&year=1963", user: "officer2"));
        Assert.Single(await SearchAsync("q=phan+van+khoe&year=1963", user: "admin"));
        Assert.Single(await SearchAsync("q=phan+van+khoe&year=1963", user: "specialist"));
        using var citizen = await App.ClientAsync("citizen");
        await ProblemAsync(await citizen.GetAsync("/api/v1/registers/entries?q=phan"), HttpStatusCode.Forbidden);
        using var anonymous = await App.ClientAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/registers/entries?q=phan")).StatusCode);

        var id = (await SearchAsync("q=phan+van+khoe&year=1963"))[0]!["id"]!.GetValue<long>();
        using var other = await App.ClientAsync("officer2");
        await ProblemAsync(await other.GetAsync($"/api/v1/registers/entries/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await citizen.GetAsync($"/api/v1/registers/entries/{id}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Every_search_and_every_opened_entry_is_recorded_in_an_append_only_audit()
    {
        await ImportOkAsync(Row(1964, "1", "Bùi Thị Nhàn"));
        var before = App.WithDb(db => db.RegisterAudit.Count());
        var id = (await SearchAsync("q=bui+thi+nhan&year=1964", user: "specialist"))[0]!["id"]!.GetValue<long>();
        using var client = await App.ClientAsync("specialist");
        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/v1/registers/entries/{id}");
        Assert.Equal("Bùi Thị Nhàn", detail!["entry"]!["fullName"]!.GetValue<string>());

        var lines = App.WithDb(db => db.RegisterAudit.Where(a => a.UserName == "specialist").OrderBy(a => a.Id).ToList()).TakeLast(2).ToList();
        Assert.Equal(before + 2, App.WithDb(db => db.RegisterAudit.Count()));
        Assert.Equal("Search", lines[0].Action.ToString());
        Assert.Contains("bui thi nhan", lines[0].Query);
        Assert.Equal(1, lines[0].ResultCount);
        Assert.Equal(ThoiSon, lines[0].UnitCode);
        Assert.Equal("OpenEntry", lines[1].Action.ToString());
        Assert.Equal(id, lines[1].EntryId);

        var auditId = lines[0].Id;
        Assert.ThrowsAny<Exception>(() => App.WithDb(db => db.Database.ExecuteSqlRaw($"UPDATE register_audit SET \"Query\" = 'x' WHERE \"Id\" = {auditId}")));
        Assert.ThrowsAny<Exception>(() => App.WithDb(db => db.Database.ExecuteSqlRaw($"DELETE FROM register_audit WHERE \"Id\" = {auditId}")));
        Assert.Contains("bui thi nhan", App.WithDb(db => db.RegisterAudit.Single(a => a.Id == auditId).Query));
    }

    [Fact]
    public async Task The_name_search_uses_the_full_text_index()
    {
        var plan = App.WithDb(db =>
        {
            var connection = db.Database.GetDbConnection();
            connection.Open();
            using var tx = connection.BeginTransaction();
            string sql;
            if (db.IsPostgres)
            {
                // The planner prefers a scan on a tiny table; with scans priced out it shows that the index answers the query.
                using (var off = connection.CreateCommand()) { off.Transaction = tx; off.CommandText = "SET LOCAL enable_seqscan = off"; off.ExecuteNonQuery(); }
                sql = "EXPLAIN " + db.RegisterEntries.Where(e => EF.Functions.ToTsVector("simple", e.NameFolded)
                    .Matches(EF.Functions.ToTsQuery("simple", "nguyen:* & van:*"))).ToQueryString();
            }
            else
                sql = "EXPLAIN QUERY PLAN SELECT * FROM register_entries WHERE \"Id\" IN (SELECT rowid FROM register_entries_fts WHERE register_entries_fts MATCH 'NameFolded : \"nguyen\"*')";
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read()) lines.Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
            return string.Join("\n", lines);
        });
        Assert.Contains(App.Provider == "Postgres" ? "ix_register_entries_name_fts" : "VIRTUAL TABLE INDEX", plan);
    }
}

[Collection(SqliteCollection.Name)] public sealed class RegisterSearchApiTests_Sqlite(SqliteApp app) : RegisterSearchApiTests(app);
[Collection(PostgresCollection.Name)] public sealed class RegisterSearchApiTests_Postgres(PostgresApp app) : RegisterSearchApiTests(app);
