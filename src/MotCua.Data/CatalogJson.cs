using System.Text.Json;
using System.Text.Json.Serialization;
using MotCua.Core.Catalog;

namespace MotCua.Data;

/// <summary>How a procedure definition is stored in <c>procedure_versions.DefinitionJson</c>.</summary>
public static class CatalogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ProcedureDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static ProcedureDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<ProcedureDefinition>(json, Options) ?? throw new InvalidOperationException("Empty procedure definition.");
}
