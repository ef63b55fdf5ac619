using MotCua.Web.Dossiers;

namespace MotCua.Web.Registers;

public static class RegisterSetup
{
    public static IServiceCollection AddMotCuaRegisters(this IServiceCollection services)
    {
        services.AddSingleton<UnitLineageCache>();
        services.AddSingleton<IPageOcr, TesseractPageOcr>();
        services.AddScoped<SearchRegister>();
        services.AddScoped<GetRegisterEntry>();
        services.AddScoped<ImportRegister>();
        services.AddScoped<RegisterPages>();
        services.AddScoped<StartExtractDossier>();
        services.AddScoped<RegisterEntryLinker>();
        services.AddScoped<IDossierChangeObserver>(sp => sp.GetRequiredService<RegisterEntryLinker>());
        return services;
    }
}
