using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Data.Protection;
using MotCua.Web.Accounts;
using MotCua.Web.Infrastructure;
using MotCua.Web.Integrations;

namespace MotCua.Web.Dossiers;

/// <summary>
/// The consent of the person a volunteer submits for, recorded before the submission: a signature image (PNG or JPEG,
/// recognised by content, at most <see cref="MaxSignatureBytes"/>) or a one-time code sent to the person's phone by the
/// SMS partner (only its keyed hash is kept; it expires after <see cref="CodeLifetime"/> and allows
/// <see cref="MaxCodeTries"/> wrong tries). The submission names the consent; it is used once, for that person's ID number.
/// </summary>
public sealed class AssistedConsents(MotCuaDbContext db, TimeProvider time, ProblemResults problems, IServiceProvider services,
    ILogger<AssistedConsents> log)
{
    public const long MaxSignatureBytes = 1024 * 1024;
    public const int MaxCodeTries = 5;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    /// <summary>How long a given consent may wait for its submission.</summary>
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(24);

    public sealed record CodeRequest(string? PersonName, string? IdNumber, string? Phone);
    public sealed record VerifyRequest(string? Code);
    public sealed record ConsentDto(Guid Id, string Method, string PersonName, DateTimeOffset? GivenAt, DateTimeOffset? CodeExpiresAt, int TriesLeft);

    public static ConsentDto ToDto(AssistedConsent c) => new(c.Id, MethodName(c.Method), c.PersonName, c.GivenAt?.ToVietnam(),
        c.CodeExpiresAt?.ToVietnam(), c.Method == AssistedConsentMethod.PhoneCode ? Math.Max(0, MaxCodeTries - c.FailedAttempts) : 0);

    public static string MethodName(AssistedConsentMethod method) => method == AssistedConsentMethod.Signature ? "signature" : "phoneCode";

    /// <summary>Sends a one-time code to the person's phone and records the pending consent.</summary>
    public async Task<Outcome<AssistedConsent>> SendCodeAsync(CurrentUser volunteer, CodeRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (name, id) = Person(request.PersonName, request.IdNumber, errors);
        if (string.IsNullOrWhiteSpace(request.Phone)) errors.Add("phone", problems.Text["Validation.Required"]);
        else if (!ApplicantValidation.IsPhone(request.Phone)) errors.Add("phone", problems.Text["Applicant.PhoneInvalid"]);
        if (errors.Any) return Outcome<AssistedConsent>.Invalid(errors);
        if (services.GetService<ISmsSender>() is not { } sms)
            return problems.Fail<AssistedConsent>(StatusCodes.Status409Conflict, "Consent.SmsUnavailable");

        var now = time.GetUtcNow();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var consent = new AssistedConsent
        {
            Id = Guid.NewGuid(), VolunteerUserName = volunteer.UserName, PersonName = name!, PersonIdNumber = id!,
            Method = AssistedConsentMethod.PhoneCode, CreatedAt = now, Phone = ApplicantValidation.NormalizePhone(request.Phone!),
            CodeExpiresAt = now + CodeLifetime,
        };
        consent.CodeHash = CodeHash(consent.Id, code);
        // In the volunteer's language (Vietnamese unless they chose another). Sent before anything is saved: when the
        // gateway does not take it, nothing is recorded and the volunteer is told at once (try again, or a signature).
        var text = problems.Text["Consent.SmsText", volunteer.UserName, code, (int)CodeLifetime.TotalMinutes];
        try
        {
            await sms.SendAsync(consent.Phone, text, consent.Id.ToString("N"), ct);
        }
        catch (SmsNotSentException)
        {
            return problems.Fail<AssistedConsent>(StatusCodes.Status503ServiceUnavailable, "Consent.SmsFailed");
        }
        db.AssistedConsents.Add(consent);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Consent code sent for volunteer {Volunteer} (consent {Id})", volunteer.UserName, consent.Id);
        return Outcome<AssistedConsent>.Ok(consent, StatusCodes.Status201Created);
    }

    /// <summary>Checks the code the person read back; gives the consent when right.</summary>
    public async Task<Outcome<AssistedConsent>> VerifyCodeAsync(CurrentUser volunteer, Guid id, VerifyRequest request, CancellationToken ct)
    {
        var consent = await db.AssistedConsents.SingleOrDefaultAsync(c => c.Id == id && c.VolunteerUserName == volunteer.UserName, ct);
        if (consent is null || consent.Method != AssistedConsentMethod.PhoneCode)
            return problems.Fail<AssistedConsent>(StatusCodes.Status404NotFound, "Consent.NotFound");
        if (consent.GivenAt is not null) return Outcome<AssistedConsent>.Ok(consent);
        var now = time.GetUtcNow();
        if (consent.FailedAttempts >= MaxCodeTries)
            return problems.Fail<AssistedConsent>(StatusCodes.Status409Conflict, "Consent.TooManyTries");
        if (consent.CodeExpiresAt is not { } expires || now > expires)
            return problems.Fail<AssistedConsent>(StatusCodes.Status409Conflict, "Consent.CodeExpired");
        var code = request.Code?.Trim();
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(code)) errors.Add("code", problems.Text["Validation.Required"]);
        else if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(CodeHash(consent.Id, code)),
                     System.Text.Encoding.ASCII.GetBytes(consent.CodeHash ?? "")))
        {
            consent.FailedAttempts++;
            await db.SaveChangesAsync(ct);
            var left = MaxCodeTries - consent.FailedAttempts;
            if (left <= 0) return problems.Fail<AssistedConsent>(StatusCodes.Status409Conflict, "Consent.TooManyTries");
            errors.Add("code", problems.Text["Consent.CodeWrong", left]);
        }
        if (errors.Any) return Outcome<AssistedConsent>.Invalid(errors);
        consent.GivenAt = now;
        consent.CodeHash = null;
        await db.SaveChangesAsync(ct);
        return Outcome<AssistedConsent>.Ok(consent);
    }

    /// <summary>Records a consent given by signature: the image of the person's signature on the consent form.</summary>
    public async Task<Outcome<AssistedConsent>> SignAsync(CurrentUser volunteer, string? personName, string? idNumber, IFormFile? image,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (name, id) = Person(personName, idNumber, errors);
        byte[]? content = null;
        string? type = null;
        if (image is null || image.Length == 0) errors.Add("signature", problems.Text["Validation.Required"]);
        else if (image.Length > MaxSignatureBytes) errors.Add("signature", problems.Text["Consent.SignatureTooLarge", MaxSignatureBytes / 1024]);
        else
        {
            using var buffer = new MemoryStream();
            await image.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
            type = FileSignature.Detect(content);
            if (type is not ("image/png" or "image/jpeg")) errors.Add("signature", problems.Text["Consent.SignatureType"]);
        }
        if (errors.Any) return Outcome<AssistedConsent>.Invalid(errors);
        var now = time.GetUtcNow();
        var consent = new AssistedConsent
        {
            Id = Guid.NewGuid(), VolunteerUserName = volunteer.UserName, PersonName = name!, PersonIdNumber = id!,
            Method = AssistedConsentMethod.Signature, CreatedAt = now, GivenAt = now, SignatureImage = content, SignatureContentType = type,
        };
        db.AssistedConsents.Add(consent);
        await db.SaveChangesAsync(ct);
        return Outcome<AssistedConsent>.Ok(consent, StatusCodes.Status201Created);
    }

    /// <summary>The person's name of a consent of this volunteer (the code form shows it again after a wrong code).</summary>
    public Task<string?> PersonNameAsync(CurrentUser volunteer, Guid id, CancellationToken ct) =>
        db.AssistedConsents.Where(c => c.Id == id && c.VolunteerUserName == volunteer.UserName).Select(c => c.PersonName).SingleOrDefaultAsync(ct);

    /// <summary>A consent of this volunteer that a submission may still use (given, unused, recent); null otherwise.</summary>
    public async Task<AssistedConsent?> UsableAsync(CurrentUser volunteer, Guid id, CancellationToken ct)
    {
        var consent = await db.AssistedConsents.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && c.VolunteerUserName == volunteer.UserName && c.DossierCode == null, ct);
        return consent?.GivenAt is { } given && time.GetUtcNow() - given <= ValidFor ? consent : null;
    }

    /// <summary>
    /// The intake's check: a volunteer's online submission needs a consent of theirs, given, unused, recent, of the applicant.
    /// Adds the error to <paramref name="errors"/> and returns null when it fails.
    /// </summary>
    public async Task<AssistedConsent?> CheckForIntakeAsync(CurrentUser volunteer, Guid? consentId, string? applicantIdNumber,
        ValidationErrors errors, CancellationToken ct)
    {
        var consent = consentId is { } id
            ? await db.AssistedConsents.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.VolunteerUserName == volunteer.UserName, ct)
            : null;
        string? problem = consent switch
        {
            null or { GivenAt: null } => "Consent.Required",
            { DossierCode: not null } => "Consent.AlreadyUsed",
            _ when time.GetUtcNow() - consent.GivenAt > ValidFor => "Consent.Expired",
            _ when applicantIdNumber is not null && consent.PersonIdNumber != applicantIdNumber.Trim() => "Consent.OtherPerson",
            _ => null,
        };
        if (problem is null) return consent;
        errors.Add("consentId", problems.Text[problem]);
        return null;
    }

    /// <summary>Marks the consent used by the dossier, inside the intake's transaction; false if another dossier took it first.</summary>
    public static async Task<bool> UseAsync(MotCuaDbContext db, Guid consentId, string dossierCode, CancellationToken ct) =>
        await db.AssistedConsents.Where(c => c.Id == consentId && c.DossierCode == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DossierCode, dossierCode), ct) == 1;

    private (string? Name, string? Id) Person(string? personName, string? idNumber, ValidationErrors errors)
    {
        var name = personName?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add("personName", problems.Text["Validation.Required"]);
        else if (name.Length > 200) errors.Add("personName", problems.Text["Validation.MaxLength", 200]);
        var id = idNumber?.Trim();
        switch (CitizenIdNumber.Check(id, null))
        {
            case CitizenIdNumber.Problem.Format:
                errors.Add("idNumber", string.IsNullOrEmpty(id) ? problems.Text["Validation.Required"] : problems.Text["Applicant.IdNumberFormat"]);
                break;
            case CitizenIdNumber.Problem.ProvinceCode:
                errors.Add("idNumber", problems.Text["Applicant.IdNumberProvince"]);
                break;
        }
        return (name, id);
    }

    private static string CodeHash(Guid id, string code) => PersonalDataCipher.Current!.LookupHash($"consent-code:{id:N}:{code}");
}

/// <summary>The volunteer's consent endpoints (<c>/api/v1/consents</c>).</summary>
public static class ConsentEndpoints
{
    public static void MapConsentEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/consents").WithTags("Assisted submission").RequireAuthorization(p => p.RequireRole(Roles.Volunteer));
        group.MapPost("/code", async (AssistedConsents.CodeRequest request, HttpContext http, AssistedConsents consents, ProblemResults problems) =>
                (await consents.SendCodeAsync(CurrentUser.From(http.User), request, http.RequestAborted))
                .ToResult(problems, c => Results.Created($"/api/v1/consents/{c.Id}", AssistedConsents.ToDto(c))))
            .WithSummary("Sends a one-time code to the person's phone; the consent is given when the code is read back.");
        group.MapPost("/{id:guid}/code", async (Guid id, AssistedConsents.VerifyRequest request, HttpContext http, AssistedConsents consents,
                ProblemResults problems) =>
                (await consents.VerifyCodeAsync(CurrentUser.From(http.User), id, request, http.RequestAborted))
                .ToResult(problems, c => Results.Ok(AssistedConsents.ToDto(c))))
            .WithSummary("Checks the code the person read back (limited tries, expires).");
        group.MapPost("/signature", async (HttpRequest request, HttpContext http, AssistedConsents consents, ProblemResults problems) =>
            {
                var form = await request.ReadFormAsync(http.RequestAborted);
                return (await consents.SignAsync(CurrentUser.From(http.User), form["personName"], form["idNumber"], form.Files.GetFile("signature"),
                        http.RequestAborted))
                    .ToResult(problems, c => Results.Created($"/api/v1/consents/{c.Id}", AssistedConsents.ToDto(c)));
            }).Accepts<IFormFile>("multipart/form-data").DisableAntiforgery()
            .WithSummary("Records a consent given by signature: personName, idNumber and the signature image (PNG or JPEG).");
    }
}
