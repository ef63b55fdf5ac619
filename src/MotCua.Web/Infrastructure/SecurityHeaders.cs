namespace MotCua.Web.Infrastructure;

/// <summary>
/// Response headers that every answer carries: a Content-Security-Policy that allows no script at all but the site's
/// own files (the pages are server-rendered and use none; no inline script, no CDN), no framing, no MIME sniffing, no
/// referrer sent to other sites, and no access to camera, microphone or location. HSTS is added by
/// <c>UseHsts</c> outside Development (it only acts on HTTPS answers).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // The e-ID button posts to this site, which redirects the browser to the e-ID provider: form-action covers the
        // redirect, so the provider's origin (and only it) is added when citizen sign-in is configured.
        var eid = app.ApplicationServices.GetService<MotCua.Web.Accounts.EidSignInOptions>();
        var policy = eid is { Enabled: true }
            ? ContentSecurityPolicy.Replace("form-action 'self'", $"form-action 'self' {new Uri(eid.Authority!).GetLeftPart(UriPartial.Authority)}")
            : ContentSecurityPolicy;
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
