using CsCheck;

namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>Generators of damaged copies of real files: a seed file and one to six mutations.</summary>
internal static class FuzzGenerators
{
    public static readonly Gen<Mutation> Mutation = Gen.Select(
        Gen.Frequency(
            (3, Gen.Const(MutationKind.FlipByte)),
            (1, Gen.Const(MutationKind.Truncate)),
            (2, Gen.Const(MutationKind.DuplicateLine)),
            (2, Gen.Const(MutationKind.DeleteLine)),
            (1, Gen.Const(MutationKind.SwapLines)),
            (6, Gen.Const(MutationKind.ReplaceValue)),
            (1, Gen.Const(MutationKind.DeepNesting)),
            (3, Gen.Const(MutationKind.Insert))),
        Gen.Double[0.0, 1.0],
        Gen.Double[0.0, 1.0],
        Gen.Int[0, 10_000],
        Gen.Byte,
        (kind, where, other, value, bits) => new Mutation(kind, where, other, value, bits));

    public static Gen<FuzzInput> Input(IReadOnlyList<(string Name, byte[] Bytes)> seeds) => Gen.Select(
        Gen.Int[0, seeds.Count - 1],
        Mutation.Array[1, 6],
        (i, mutations) => new FuzzInput(seeds[i].Name, seeds[i].Bytes, mutations));

    public static readonly Gen<JsonMutation> JsonMutation = Gen.Select(
        Gen.Enum<JsonMutationKind>(), Gen.Double[0.0, 1.0], Gen.Int[0, 10_000], (kind, where, value) => new JsonMutation(kind, where, value));

    /// <summary>One to four JSON changes; a quarter of the time a byte-level damage on top.</summary>
    public static Gen<ConfigurationFuzzInput> ConfigurationInput(IReadOnlyList<(string Name, string Text)> seeds) => Gen.Select(
        Gen.Int[0, seeds.Count - 1],
        JsonMutation.Array[1, 4],
        Gen.Frequency((3, Gen.Const(Array.Empty<Mutation>())), (1, Mutation.Array[1, 2])),
        (i, json, bytes) => new ConfigurationFuzzInput(seeds[i].Name, seeds[i].Text, json, bytes));
}
