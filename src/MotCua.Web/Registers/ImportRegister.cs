using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using MotCua.Core.Catalog;
using MotCua.Core.Registers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Registers;

/// <summary>
/// Imports a CSV or Excel file of register entries for one of today's units: streamed row by row into one transaction
/// (binary COPY on PostgreSQL). Every row is checked; if any row is refused nothing is kept, and the report lists the
/// refused rows and why (the first <see cref="ListedProblems"/>, with the total count). A file whose entries are already in
/// the database is refused as a whole.
/// </summary>
public sealed class ImportRegister(MotCuaDbContext db, UnitLineageCache lineage, TimeProvider time, IStringLocalizer<RegisterText> text,
    ILogger<ImportRegister> log)
{
    public const int ListedProblems = 1000;
    public const long MaxUploadBytes = 200L * 1024 * 1024;
    /// <summary>Rows read and checked ahead of the database write.</summary>
    private const int QueuedRows = 8192;
    /// <summary>
    /// Rows sorted together by folded name before they are written: consecutive inserts into the name btrees then land on the
    /// same leaf pages (see docs/registers.md, "Where an import's time goes").
    /// </summary>
    public const int SortedRows = 50_000;

    public sealed record Report(bool Imported, long Rows, long Refused, IReadOnlyList<ProblemDto> Problems, long? ImportId, double Seconds)
    {
        public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : 0;
    }

    public sealed record ProblemDto(long Row, string Column, RegisterProblemCode Code, string? Value, string Message);

    public static async Task<IResult> HandleAsync(IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? unitCode, HttpContext http,
        ImportRegister import, ProblemResults problems, IStringLocalizer<RegisterText> text, CancellationToken ct)
    {
        // Who may import comes before what was sent.
        var user = CurrentUser.From(http.User);
        if (!(user.Is(Roles.Officer) || user.Is(Roles.Leader) || user.Is(Roles.ProvinceAdmin)))
            return Outcome<Report>.Fail(StatusCodes.Status403Forbidden, text["Registers.ImportNotAllowed"]).ToResult(problems, Results.Ok);
        if (file is null || file.Length == 0)
        {
            var errors = new ValidationErrors();
            errors.Add("file", text["Registers.FileRequired"]);
            return problems.Validation(errors);
        }
        await using var stream = file.OpenReadStream();
        var outcome = await import.ImportAsync(stream, file.FileName, unitCode, CurrentUser.From(http.User), ct);
        return outcome.ToResult(problems, r => r.Imported ? Results.Ok(r) : Results.UnprocessableEntity(r));
    }

    /// <summary>The upload: officers and leaders for their unit, ProvinceAdmin for any unit of the province.</summary>
    public async Task<Outcome<Report>> ImportAsync(Stream file, string fileName, string? unitCode, CurrentUser user, CancellationToken ct)
    {
        unitCode = string.IsNullOrWhiteSpace(unitCode) ? user.UnitCode : unitCode.Trim();
        var snapshot = await lineage.GetAsync(ct);
        if (unitCode is null || !snapshot.ProvinceOfCurrent.TryGetValue(unitCode, out var province))
        {
            var errors = new ValidationErrors();
            errors.Add("unitCode", text["Registers.UnitUnknown", unitCode ?? ""]);
            return Outcome<Report>.Invalid(errors);
        }
        var allowed = user.Is(Roles.ProvinceAdmin) ? user.ProvinceCode == province
            : (user.Is(Roles.Officer) || user.Is(Roles.Leader)) && user.UnitCode == unitCode;
        if (!allowed) return Outcome<Report>.Fail(StatusCodes.Status403Forbidden, text["Registers.ImportNotAllowed"]);
        var report = await RunAsync(file, fileName, unitCode, user.UserName, ct);
        RegisterAudit.Add(db, user, RegisterAuditAction.Import, time.GetUtcNow(),
            new { fileName, unitCode, report.Rows, report.Refused, report.Imported }, resultCount: (int)Math.Min(int.MaxValue, report.Rows));
        await db.SaveChangesAsync(ct);
        return Outcome<Report>.Ok(report);
    }

    /// <summary>The import itself, without authorization (the command line runs it as the operator).</summary>
    public async Task<Report> RunAsync(Stream file, string fileName, string unitCode, string by, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var snapshot = await lineage.GetAsync(ct);
        var province = snapshot.ProvinceOfCurrent[unitCode];
        var codes = snapshot.Lineage.SelfAndPredecessors(unitCode).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var parser = new RegisterRowParser(unitCode, codes, now.LocalDate());
        var problems = new List<RegisterRowProblem>();
        long rows = 0, refused = 0;
        // The words of the folded names, for the search's list of words (PostgreSQL).
        var words = new HashSet<string>(StringComparer.Ordinal);

        var (header, source) = RegisterFileReader.Open(file, fileName);
        foreach (var column in RegisterColumns.Required.Where(c => !header.Contains(c)))
            problems.Add(new RegisterRowProblem(1, column, RegisterProblemCode.MissingColumn));
        if (problems.Count > 0) return Done(false, null);

        // The rows are read once: a retry after a lost connection would import only the rest, so it is refused instead.
        var attempts = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            if (++attempts > 1) throw new InvalidOperationException("The database connection was lost during the import; nothing was imported. Run it again.");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var import = new RegisterImport { UnitCode = unitCode, FileName = Path.GetFileName(fileName), ImportedAt = now, ImportedBy = by };
            db.RegisterImports.Add(import);
            await db.SaveChangesAsync(ct);
            var writer = await RegisterBulkWriter.OpenAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(),
                new RegisterBulkWriter.Context(unitCode, province, import.Id, now, by), ct);
            var ok = true;
            // Reading, checking and folding run on their own thread and hand the rows to the database write (binary COPY)
            // through a bounded queue, so parsing the next rows overlaps with sending the previous ones.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var queue = Channel.CreateBounded<RegisterRow>(new BoundedChannelOptions(QueuedRows) { SingleReader = true, SingleWriter = true });
            var reading = Task.Run(() => Read(queue.Writer, stop.Token), CancellationToken.None);
            try
            {
                await foreach (var row in queue.Reader.ReadAllAsync(stop.Token))
                    await writer.WriteAsync(row, stop.Token);
                await reading;
                if (refused == 0) await writer.CompleteAsync(ct);
            }
            catch (Exception ex) when (IsUniqueViolation(ex))
            {
                ok = false;
                problems.Add(new RegisterRowProblem(0, RegisterColumns.EntryNumber, RegisterProblemCode.AlreadyImported));
            }
            finally
            {
                // A failed write stops the reading thread (it may be waiting on a full queue) before the writer goes away.
                await stop.CancelAsync();
                try { await reading; } catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
                await writer.DisposeAsync();
            }
            if (refused > 0 || !ok)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return Done(false, null);
            }
            await RegisterWords.AddAsync(db, words, ct);
            import.Rows = (int)Math.Min(int.MaxValue, rows);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            log.LogInformation("Register import {Id}: {Rows} entries for unit {Unit} from {File} by {User} in {Seconds:F1} s",
                import.Id, rows, unitCode, fileName, by, clock.Elapsed.TotalSeconds);
            return Done(true, import.Id);
        });

        // Every row is checked, even after the first refused one, for the report; rows are queued for the write only while
        // none has been refused. Counters and problems are written here only, and read after this task ended.
        // Accepted rows are handed on in chunks of SortedRows sorted by folded name (the line numbers of refused rows are
        // taken before, so the report is unchanged).
        async Task Read(ChannelWriter<RegisterRow> queue, CancellationToken token)
        {
            var keys = new HashSet<ulong>();
            var chunk = new List<RegisterRow>(SortedRows);
            try
            {
                foreach (var line in source)
                {
                    token.ThrowIfCancellationRequested();
                    rows++;
                    var rowProblems = new List<RegisterRowProblem>();
                    var row = parser.Parse(line.Number, line.Value, rowProblems);
                    if (row is not null && !keys.Add(KeyOf(row)))
                        rowProblems.Add(new RegisterRowProblem(line.Number, RegisterColumns.EntryNumber, RegisterProblemCode.DuplicateInFile, row.EntryNumber));
                    if (rowProblems.Count > 0)
                    {
                        refused++;
                        foreach (var p in rowProblems)
                            if (problems.Count < ListedProblems) problems.Add(p);
                        continue;
                    }
                    if (refused > 0) continue;
                    RegisterWords.Collect(words, row!.NameFolded);
                    RegisterWords.Collect(words, row.RelativesFolded);
                    chunk.Add(row);
                    if (chunk.Count == SortedRows) await Send();
                }
                if (refused == 0) await Send();
            }
            finally
            {
                queue.TryComplete();
            }

            async Task Send()
            {
                chunk.Sort(ByName);
                foreach (var row in chunk) await queue.WriteAsync(row, token);
                chunk.Clear();
            }
        }

        Report Done(bool imported, long? id) => new(imported, rows, refused,
            problems.Select(p => new ProblemDto(p.Row, p.Column, p.Code, p.Value, Message(p))).ToList(), id, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The order of the rows written: folded name, then spelling (ordinal, as the name btrees compare them).</summary>
    private static readonly Comparer<RegisterRow> ByName = Comparer<RegisterRow>.Create((a, b) =>
    {
        var byName = string.CompareOrdinal(a.NameFolded, b.NameFolded);
        return byName != 0 ? byName : string.CompareOrdinal(a.NameSpelling, b.NameSpelling);
    });

    public string Message(RegisterRowProblem p) => text["Registers.Problem." + p.Code, p.Column, p.Value ?? ""];

    private static bool IsUniqueViolation(Exception ex) => ex switch
    {
        Npgsql.PostgresException pg => pg.SqlState == "23505",
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        _ => ex.InnerException is not null && IsUniqueViolation(ex.InnerException),
    };

    /// <summary>A 64-bit FNV-1a hash of the entry's identity (unit, kind, book, year, entry number): the in-file duplicate check.</summary>
    private static ulong KeyOf(RegisterRow r)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in new[] { r.BookUnitCode, r.Kind.ToString(), r.BookNumber, r.Year.ToString(), r.EntryNumber })
        {
            foreach (var c in part) hash = (hash ^ c) * 1099511628211UL;
            hash = (hash ^ 0x1F) * 1099511628211UL;
        }
        return hash;
    }
}
