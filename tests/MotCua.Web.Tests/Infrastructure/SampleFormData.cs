using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MotCua.Web.Tests.Infrastructure;

/// <summary>
/// Form data that satisfies the required fields of a procedure, read from the catalog API. Used by the HTTP tests and linked
/// into the bench/ programs (which do not reference the test project).
/// </summary>
public static class SampleFormData
{
    public static async Task<JsonObject> ForAsync(HttpClient client, string procedureCode)
    {
        var procedure = await client.GetFromJsonAsync<JsonObject>($"/api/v1/procedures/{procedureCode}");
        var data = new JsonObject();
        foreach (var field in procedure!["formFields"]!.AsArray())
        {
            if (field!["required"]!.GetValue<bool>() is false) continue;
            data[field["key"]!.GetValue<string>()] = field["kind"]!.GetValue<string>() switch
            {
                "date" => "2026-01-15",
                "number" => 2,
                "choice" => field["options"]![0]!.GetValue<string>(),
                "idNumber" => "091095001234",
                "phone" => "0987654321",
                _ => "Nội dung mẫu",
            };
        }
        return data;
    }
}
