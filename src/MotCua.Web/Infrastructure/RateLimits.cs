using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

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
            o.OnRejected = (context, ct) => RejectAsync(context.HttpContext, context.Lease);
            o.AddPolicy(Login, http => Partition(http, loginPerMinute));
            o.AddPolicy(PublicTracking, http => Partition(http, trackingPerMinute));
        });
        return services;
    }

    /// <summary>
    /// The refusal in the caller's language, with Retry-After: problem details on the API, a short text on the pages
    /// (the tracking page shares the API's limit, so a form cannot be used to get round it).
    /// </summary>
    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<Messages>>();
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: text["Problem.TooManyRequests"],
                detail: text["RateLimit.TooMany"]).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text["RateLimit.TooMany"], http.RequestAborted);
    }

    private static RateLimitPartition<string> Partition(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
