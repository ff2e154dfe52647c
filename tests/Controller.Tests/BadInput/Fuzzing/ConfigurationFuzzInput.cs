using System.Text;
using System.Text.Json.Nodes;

namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>A shipped configuration file, changed as JSON first and then, sometimes, damaged as bytes.</summary>
internal sealed record ConfigurationFuzzInput(string SeedFile, string Seed, JsonMutation[] JsonMutations, Mutation[] ByteMutations)
{
    public byte[] Bytes()
    {
        var document = JsonMutations.Aggregate(JsonNode.Parse(Seed), (node, mutation) => mutation.ApplyTo(node));
        var json = Encoding.UTF8.GetBytes(document?.ToJsonString() ?? "null");
        return ByteMutations.Aggregate(json, (bytes, mutation) => mutation.ApplyTo(bytes));
    }

    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Bytes());
        return $"{SeedFile}: {string.Join("; ", JsonMutations.Select(m => m.ToString()).Concat(ByteMutations.Select(m => m.ToString())))}"
            + Environment.NewLine + "--- input ---" + Environment.NewLine
            + (text.Length > 3000 ? text[..3000] + $"… ({text.Length} chars)" : text);
    }
}
