using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using MotCua.Core.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Dossiers;

/// <summary>Checks the common applicant block; errors are keyed "applicant.&lt;field&gt;".</summary>
public static partial class ApplicantValidation
{
    [GeneratedRegex(@"^(\+84|0)(3|5|7|8|9|2)\d{8}$")]
    private static partial Regex VietnamPhone();

    /// <summary>A Vietnamese phone number (spaces and dots allowed), as the applicant block accepts it.</summary>
    public static bool IsPhone(string? phone) =>
        !string.IsNullOrEmpty(phone) && VietnamPhone().IsMatch(NormalizePhone(phone));

    public static string NormalizePhone(string phone) => phone.Replace(" ", "").Replace(".", "").Trim();

    public static Applicant? Validate(ApplicantDto? dto, ValidationErrors errors, IStringLocalizer t, DateOnly today)
    {
        if (dto is null)
        {
            errors.Add("applicant", t["Validation.Required"]);
            return null;
        }
        var before = errors.ToDictionary().Count;
        var name = dto.FullName?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add("applicant.fullName", t["Validation.Required"]);
        else if (name.Length > 200) errors.Add("applicant.fullName", t["Validation.MaxLength", 200]);

        var id = dto.IdNumber?.Trim();
        switch (CitizenIdNumber.Check(id, dto.DateOfBirth))
        {
            case CitizenIdNumber.Problem.Format:
                errors.Add("applicant.idNumber", string.IsNullOrEmpty(id) ? t["Validation.Required"] : t["Applicant.IdNumberFormat"]);
                break;
            case CitizenIdNumber.Problem.ProvinceCode:
                errors.Add("applicant.idNumber", t["Applicant.IdNumberProvince"]);
                break;
            case CitizenIdNumber.Problem.BirthYearMismatch:
                errors.Add("applicant.idNumber", t["Applicant.IdNumberBirthYear"]);
                break;
        }

        if (dto.DateOfBirth is { } dob && (dob > today || dob.Year < 1900))
            errors.Add("applicant.dateOfBirth", t["Applicant.DateOfBirthInvalid"]);

        var phone = dto.Phone?.Replace(" ", "").Replace(".", "").Trim();
        if (!string.IsNullOrEmpty(phone) && !VietnamPhone().IsMatch(phone))
            errors.Add("applicant.phone", t["Applicant.PhoneInvalid"]);

        var email = dto.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            errors.Add("applicant.email", t["Applicant.EmailInvalid"]);

        var address = dto.Address?.Trim();
        if (address is { Length: > 500 }) errors.Add("applicant.address", t["Validation.MaxLength", 500]);

        if (errors.ToDictionary().Count != before) return null;
        return new Applicant
        {
            FullName = name!,
            IdNumber = id!,
            DateOfBirth = dto.DateOfBirth,
            Phone = string.IsNullOrEmpty(phone) ? null : phone,
            Email = string.IsNullOrEmpty(email) ? null : email,
            Address = string.IsNullOrEmpty(address) ? null : address,
        };
    }
}
