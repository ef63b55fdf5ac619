using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MotCua.Web.Infrastructure;

/// <summary>Per-client limits on sign-in and on public tracking, so passwords and codes cannot be guessed at speed.</summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string PublicTracking = "public-tracking";

    public static IServiceCollection AddMotCuaRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var loginPerMinute = config.GetValue("RateLimits:LoginPerMinute", 20);
        var trackingPerMinute = config.GetValue("RateLimits:PublicTrackingPerMinute", 30);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Login, http => Partition(http, loginPerMinute));
            o.AddPolicy(PublicTracking, http => Partition(http, trackingPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
