using System.Net;
using System.Text.RegularExpressions;

namespace MotCua.Web.Tests.Infrastructure;

/// <summary>
/// Reading a server-rendered form as a browser would, for tests that post pages without Chromium. Linked into the bench/
/// programs too (they do not reference the test project).
/// </summary>
public static partial class PageForms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*? value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The hidden anti-forgery value of the first form of a page, HTML-decoded.</summary>
    public static string Antiforgery(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html) is { Success: true } m
        ? m.Groups[1].Value : throw new InvalidOperationException("The page has no anti-forgery field."));
}
