using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccessBot.Adapters.Teams.Protocol;

/// <summary>The Bot Framework wire format: camelCase, nulls left out (a null the service validates causes 400s).</summary>
public static class TeamsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
