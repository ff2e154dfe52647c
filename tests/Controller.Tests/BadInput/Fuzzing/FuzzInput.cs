using System.Text;

namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>A real file and the mutations made to it; printed so that a failure can be rebuilt by hand.</summary>
internal sealed record FuzzInput(string SeedFile, byte[] Seed, Mutation[] Mutations)
{
    public byte[] Bytes() => Mutations.Aggregate(Seed, (bytes, mutation) => mutation.ApplyTo(bytes));

    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Bytes());
        return $"{SeedFile} with {Mutations.Length} mutation(s): {string.Join("; ", Mutations.Select(m => m.ToString()))}"
            + Environment.NewLine + "--- input ---" + Environment.NewLine
            + (text.Length > 3000 ? text[..3000] + $"… ({text.Length} chars)" : text);
    }
}
