using MotCua.Web.Dossiers;

namespace MotCua.Web.Statistics;

public static class StatisticsEndpoints
{
    public static IServiceCollection AddMotCuaStatistics(this IServiceCollection services)
    {
        services.AddScoped<IDossierChangeObserver, StatisticsRecorder>();
        services.AddScoped<StatisticsScopes>();
        services.AddScoped<GetFigures>();
        services.AddScoped<UnitRanking>();
        services.AddScoped<PublicTransparency>();
        services.AddScoped<RebuildStatistics>();
        services.AddScoped<RateDossier>();
        services.AddSingleton<StripeFolding>();
        services.AddHostedService(sp => sp.GetRequiredService<StripeFolding>());
        return services;
    }

    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/statistics").WithTags("Statistics").RequireAuthorization();
        group.MapGet("/figures", GetFigures.HandleAsync)
            .WithSummary("Figures of a unit (`unit`, with the units merged into it) or a province (`province`) for `from`..`to` (yyyy-MM-dd, Vietnam dates; default this month): totals, per procedure, field, unit and officer, trend (`grain` day|week|month), service index.");
        group.MapGet("/ranking", UnitRanking.HandleAsync).WithSummary("The province's units ranked by service index over a period (province administrators).");
        group.MapGet("/export.xlsx", StatisticsExport.ExcelAsync).WithSummary("The figures in the layout of the periodic report on administrative procedure settlement (Excel).");
        group.MapGet("/export.csv", StatisticsExport.CsvAsync).WithSummary("The figures per procedure as CSV (UTF-8).");
        api.MapPost("/dossiers/{code}/rating", RateDossier.HandleAsync).WithTags("Dossiers").RequireAuthorization()
            .WithSummary("Rate a settled dossier 1..5 (the owning citizen, or an officer of the unit for the applicant at the counter); once.");
        api.MapGet("/public/statistics/{unit}", PublicTransparency.HandleAsync).AllowAnonymous().WithTags("Public")
            .RequireRateLimiting(Infrastructure.RateLimits.PublicTracking)
            .WithSummary("A unit's public figures and its overdue dossiers (code, procedure, appointment, apology date); no personal data.");
    }
}
