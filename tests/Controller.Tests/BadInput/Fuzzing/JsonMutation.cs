using System.Text.Json.Nodes;

namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>
/// One change to a JSON document that keeps it JSON, so that the configuration checks behind the
/// JSON reader are reached: a value replaced, a key removed, misspelt or added, a value wrapped in a list.
/// </summary>
internal sealed record JsonMutation(JsonMutationKind Kind, double Where, int Value)
{
    /// <summary>JSON values that configuration binding and validation must survive.</summary>
    public static readonly string[] Values =
    [
        "1e400", "-1e400", "1e-400", "1.7976931348623157e308", "99999999999999999999", "-99999999999999999999", "0", "-0", "-1", "0.5",
        "2001", "49", "500", "0.65", "0.72", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"", "\"0x1F\"", "true", "false", "null", "\"\"",
        "\"RaspberryPi\"", "\"Simulator\"", "\"SimulatedHardware\"", "\"Arduino\"", "\"Compressor\"", "\"Oxygen\"", "\"acne\"", "\"eye\"",
        "[]", "{}", "[1, 2]", "{\"a\": 1}", "[[[[[[[[[[1]]]]]]]]]]", "\"ünïcödé 酸素 🫧\"", "\"\\u0000\"", "\"" + new string('x', 5000) + "\"",
    ];

    public JsonNode? ApplyTo(JsonNode? root)
    {
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        if (nodes.Count == 0)
        {
            return root;
        }

        var node = nodes[Math.Min((int)(Where * nodes.Count), nodes.Count - 1)];
        var value = JsonNode.Parse(Values[Value % Values.Length]);
        switch (Kind)
        {
            case JsonMutationKind.Replace when node.Parent is JsonObject parent:
                parent[node.GetPropertyName()] = value;
                break;
            case JsonMutationKind.Replace when node.Parent is JsonArray list:
                list[node.GetElementIndex()] = value;
                break;
            case JsonMutationKind.Remove when node.Parent is JsonObject parent:
                parent.Remove(node.GetPropertyName());
                break;
            case JsonMutationKind.Misspell when node.Parent is JsonObject parent && node.GetPropertyName().Length > 1:
                var name = node.GetPropertyName();
                var cut = Value % name.Length;
                parent.Remove(name);
                parent[name.Remove(cut, 1)] = node;
                break;
            case JsonMutationKind.AddKey when node is JsonObject target:
                target["Extra" + (Value % 7)] = value;
                break;
            case JsonMutationKind.WrapInList when node.Parent is JsonObject parent:
                var key = node.GetPropertyName();
                parent.Remove(key);
                parent[key] = new JsonArray(node);
                break;
        }

        return root;
    }

    public override string ToString() => $"{Kind} at {Where:P1} ({(Values[Value % Values.Length] is var v && v.Length > 30 ? v[..20] + "…" : v)})";

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    Collect(child, into);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Collect(child, into);
                }

                break;
        }
    }
}
