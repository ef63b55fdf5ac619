using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MotCua.Data.Protection;

/// <summary>Stores a string property encrypted with <see cref="PersonalDataCipher.Current"/>.</summary>
public sealed class PersonalDataConverter() : ValueConverter<string, string>(
    plain => PersonalDataCipher.Required.Protect(plain),
    stored => PersonalDataCipher.Required.Unprotect(stored));
