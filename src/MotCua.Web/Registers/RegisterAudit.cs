using System.Text.Json;
using MotCua.Data;
using MotCua.Data.Entities;
using MotCua.Web.Accounts;

namespace MotCua.Web.Registers;

/// <summary>Adds a line to the append-only register audit (saved with the caller's next SaveChanges).</summary>
public static class RegisterAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Add(MotCuaDbContext db, CurrentUser user, RegisterAuditAction action, DateTimeOffset at, object? query = null,
        long? entryId = null, int? resultCount = null)
    {
        var text = query switch { null => null, string s => s, _ => JsonSerializer.Serialize(query, query.GetType(), Json) };
        db.RegisterAudit.Add(new RegisterAuditEntry
        {
            At = at, UserName = user.UserName, UnitCode = user.UnitCode ?? user.ProvinceCode, Action = action,
            Query = text is { Length: > 4000 } ? text[..4000] : text, EntryId = entryId, ResultCount = resultCount,
        });
    }
}
