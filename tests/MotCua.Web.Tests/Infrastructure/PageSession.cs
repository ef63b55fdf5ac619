using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MotCua.Web.Tests.Infrastructure;

/// <summary>
/// A browser-less session of the pages: signs in through the real sign-in form (anti-forgery token and Identity cookie)
/// and then gets pages as that account, so page tests run on both providers without Chromium.
/// </summary>
public static class PageSession
{
    /// <summary>The hidden anti-forgery value of the first form of a page (<see cref="PageForms.Antiforgery"/>).</summary>
    public static string Antiforgery(string html) => PageForms.Antiforgery(html);

    /// <summary>A client that keeps cookies and does not follow redirects, not signed in.</summary>
    public static HttpClient Anonymous(MotCuaApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form; returns the answer (a redirect when it worked, the page with a message when not).</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/dang-nhap");
        return await client.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = Antiforgery(page),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>A client signed in to the pages as the user (Identity cookie).</summary>
    public static async Task<HttpClient> SignedInAsync(MotCuaApp app, string userName, string password = MotCuaApp.Password)
    {
        var client = Anonymous(app);
        var response = await PostSignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {userName} answered {(int)response.StatusCode}.");
        return client;
    }
}
