using Microsoft.Extensions.Options;
using MotCua.Web.Dossiers;

namespace MotCua.Web.Integrations;

/// <summary>Registers the outbox recorder, the partner adapters, the worker and the simulators.</summary>
public static class IntegrationSetup
{
    public static IServiceCollection AddMotCuaIntegrations(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.Configure<IntegrationOptions>(config.GetSection(IntegrationOptions.Section));
        var options = config.GetSection(IntegrationOptions.Section).Get<IntegrationOptions>() ?? new IntegrationOptions();
        if (options.Simulators.Enabled && env.IsProduction())
            throw new InvalidOperationException("Integrations:Simulators:Enabled must not be on in Production.");

        // Every dossier change records its messages, whether or not this node sends them.
        services.AddScoped<IDossierChangeObserver, OutboxRecorder>();
        services.AddSingleton<PartnerSimulators>();
        services.AddSingleton<PartnerCircuitBreakers>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<OutboxAdmin>();

        AddPartner<NationalPortalClient>(services, Partners.Portal);
        AddPartner<CivilStatusClient>(services, Partners.CivilStatus);
        AddPartner<ResidenceClient>(services, Partners.Residence);
        AddPartner<HealthInsuranceClient>(services, Partners.HealthInsurance);

        if (options.Enabled) services.AddHostedService<OutboxWorker>();
        return services;
    }

    private static void AddPartner<TClient>(IServiceCollection services, string partner) where TClient : class, IPartnerClient
    {
        services.AddHttpClient<TClient>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<IntegrationOptions>>().Value;
            var baseUrl = o.BaseUrlOf(partner);
            if (baseUrl is not null) http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.Timeout = TimeSpan.FromSeconds(Math.Max(1, o.RequestTimeoutSeconds));
        });
        services.AddTransient<IPartnerClient>(sp => sp.GetRequiredService<TClient>());
    }
}
