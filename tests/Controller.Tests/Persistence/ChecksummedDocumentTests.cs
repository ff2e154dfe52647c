using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HydroOxygen.Controller.Persistence;
using HydroOxygen.Controller.Tests.Scenarios;

namespace HydroOxygen.Controller.Tests.Persistence;

/// <summary>A small document, as the stores keep theirs.</summary>
internal sealed record SampleDocument
{
    public const string Kind = "sample-document";
    public const int Version = 3;

    public int Revision { get; init; }
    public string Engineer { get; init; } = "";
    public double Gain { get; init; }
    public double OffsetMpa { get; init; }
    public IReadOnlyList<double> Points { get; init; } = [];
}

[Collection(nameof(CrashHook))]
public sealed class ChecksummedDocumentTests : IDisposable
{
    private static readonly SampleDocument First = new() { Revision = 1, Engineer = "A. Fitter", Gain = 1.0125, OffsetMpa = -0.0031, Points = [0.0, 0.25, 0.5] };
    private static readonly SampleDocument Second = new() { Revision = 2, Engineer = "B. Tuner", Gain = 0.9875, OffsetMpa = 0.0042, Points = [0.0, 0.3, 0.6] };

    private readonly TemporaryDirectory _directory = new();

    private string Target => _directory.File("sample.json");

    public void Dispose()
    {
        DurableFile.CrashAt = null;
        _directory.Dispose();
    }

    [Fact]
    public void A_saved_document_loads_back_with_every_value()
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);

        var loaded = Load();

        Assert.Equal(DocumentStatus.Ok, loaded.Status);
        Assert.True(loaded.IsOk);
        Assert.Equal("", loaded.Problem);
        AssertSame(First, loaded.Value);
    }

    [Fact]
    public void The_file_carries_kind_version_content_and_a_sha256_of_the_content()
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);

        var document = ReadDocument();

        Assert.Equal(["kind", "version", "content", "sha256"], document.Select(p => p.Key));
        Assert.Equal(SampleDocument.Kind, (string?)document["kind"]);
        Assert.Equal(SampleDocument.Version, (int?)document["version"]);
        Assert.Equal(1.0125, (double?)document["content"]!["gain"]);
        Assert.Equal(Hash(document["content"]!), (string?)document["sha256"]);
        Assert.Matches("^[0-9a-f]{64}$", (string?)document["sha256"]);
    }

    [Fact]
    public void A_missing_file_is_Missing_and_named()
    {
        var loaded = Load();

        Assert.Equal(DocumentStatus.Missing, loaded.Status);
        Assert.Null(loaded.Value);
        Assert.Contains(Target, loaded.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CrashHook.Steps), MemberType = typeof(CrashHook))]
    public void A_save_interrupted_at_any_step_leaves_the_previous_document_or_the_new_one(DurableFile.Step step)
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);

        using (CrashHook.At(step))
        {
            Assert.Throws<IOException>(() => ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, Second));
        }

        var loaded = Load();
        Assert.True(loaded.IsOk, $"{loaded.Status}: {loaded.Problem}");
        AssertSame(CrashHook.LeavesNewContent[step] ? Second : First, loaded.Value);
    }

    [Theory]
    [MemberData(nameof(CrashHook.Steps), MemberType = typeof(CrashHook))]
    public void A_first_save_interrupted_at_any_step_leaves_no_document_or_the_new_one(DurableFile.Step step)
    {
        using (CrashHook.At(step))
        {
            Assert.Throws<IOException>(() => ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First));
        }

        var loaded = Load();
        if (CrashHook.LeavesNewContent[step])
        {
            Assert.Equal(DocumentStatus.Ok, loaded.Status);
            AssertSame(First, loaded.Value);
        }
        else
        {
            Assert.Equal(DocumentStatus.Missing, loaded.Status);
        }
    }

    [Fact]
    public void Loading_removes_the_temporary_files_a_killed_save_left_behind()
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var half = File.ReadAllText(Target)[..40];
        var leftover = _directory.Write($".sample.json.31337.{Guid.NewGuid():N}.tmp", half);
        var empty = _directory.Write($".sample.json.31338.{Guid.NewGuid():N}.tmp", "");

        var loaded = Load();

        AssertSame(First, loaded.Value);
        Assert.False(File.Exists(leftover));
        Assert.False(File.Exists(empty));
        Assert.Equal(["sample.json"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Loading_removes_leftovers_even_when_the_first_save_never_completed()
    {
        var leftover = _directory.Write($".sample.json.31337.{Guid.NewGuid():N}.tmp", "{\"kind\": \"sample-doc");

        var loaded = Load();

        Assert.Equal(DocumentStatus.Missing, loaded.Status);
        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public void A_file_truncated_anywhere_is_Corrupt_and_named()
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var whole = File.ReadAllBytes(Target);

        // Only the final newline may go: without it the document is still whole.
        var closingBrace = Array.LastIndexOf(whole, (byte)'}');
        Assert.True(closingBrace > 100, "the document is not what this test expects");
        for (var length = 0; length <= closingBrace; length++)
        {
            File.WriteAllBytes(Target, whole[..length]);

            var loaded = Load();

            Assert.True(loaded.Status == DocumentStatus.Corrupt, $"truncated to {length} of {whole.Length} bytes: {loaded.Status}");
            Assert.Null(loaded.Value);
            Assert.Contains(Target, loaded.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_without_its_final_newline_still_loads()
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var whole = File.ReadAllBytes(Target);
        Assert.Equal((byte)'\n', whole[^1]);
        File.WriteAllBytes(Target, whole[..^1]);

        AssertSame(First, Load().Value);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x04)]
    [InlineData(0x80)]
    public void A_bit_flipped_anywhere_makes_the_file_Corrupt(int mask)
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var whole = File.ReadAllBytes(Target);

        // The final newline is outside the document: what a flip there does is not at stake.
        for (var position = 0; position < whole.Length - 1; position++)
        {
            var damaged = (byte[])whole.Clone();
            damaged[position] ^= (byte)mask;
            File.WriteAllBytes(Target, damaged);

            var loaded = Load();

            Assert.True(
                loaded.Status == DocumentStatus.Corrupt,
                $"byte {position} ('{(char)whole[position]}' → 0x{damaged[position]:x2}) flipped: {loaded.Status}");
            Assert.Contains(Target, loaded.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_value_edited_without_recomputing_the_checksum_is_Corrupt()
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var document = ReadDocument();
        document["content"]!["gain"] = 1.5;
        WriteDocument(document);

        var loaded = Load();

        Assert.Equal(DocumentStatus.Corrupt, loaded.Status);
        Assert.Null(loaded.Value);
        Assert.Equal($"{Target} fails its checksum (edited, truncated or damaged)", loaded.Problem);
    }

    [Fact]
    public void Reformatting_the_file_by_hand_is_Corrupt_unless_the_content_is_unchanged()
    {
        // The checksum covers the content, not its layout: re-indenting is harmless, reordering is not.
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var document = ReadDocument();
        File.WriteAllText(Target, document.ToJsonString());
        AssertSame(First, Load().Value);

        var content = document["content"]!.AsObject();
        var reordered = new JsonObject(content.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        document["content"] = reordered;
        WriteDocument(document);
        Assert.Equal(DocumentStatus.Corrupt, Load().Status);
    }

    [Fact]
    public void A_value_edited_with_a_recomputed_checksum_is_believed()
    {
        // What the checksum guards against is damage, not a deliberate edit: the stores' users
        // check plausibility too (see StoredSetupTests).
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var document = ReadDocument();
        document["content"]!["gain"] = 1.5;
        document["sha256"] = Hash(document["content"]!);
        WriteDocument(document);

        var loaded = Load();

        Assert.Equal(DocumentStatus.Ok, loaded.Status);
        Assert.Equal(1.5, loaded.Value!.Gain);
        Assert.Equal(First.OffsetMpa, loaded.Value.OffsetMpa);
    }

    [Fact]
    public void A_document_of_another_kind_is_Corrupt()
    {
        ChecksummedDocument.Save(Target, "hydro-oxygen-regulator-tuning", SampleDocument.Version, First);

        var loaded = Load();

        Assert.Equal(DocumentStatus.Corrupt, loaded.Status);
        Assert.Equal($"{Target} is not a {SampleDocument.Kind} document", loaded.Problem);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(0)]
    public void A_document_of_another_version_is_Corrupt(int version)
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, version, First);

        var loaded = Load();

        Assert.Equal(DocumentStatus.Corrupt, loaded.Status);
        Assert.Equal($"{Target} has version {version}, this controller reads version {SampleDocument.Version}", loaded.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("not json at all")]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"sample-document\"")]
    [InlineData("{}")]
    [InlineData("{\"kind\": \"sample-document\"}")]
    [InlineData("{\"kind\": \"sample-document\", \"version\": 3}")]
    [InlineData("{\"kind\": \"sample-document\", \"version\": 3, \"content\": {\"revision\": 1}}")]
    [InlineData("{\"kind\": \"sample-document\", \"version\": 3, \"content\": null, \"sha256\": \"\"}")]
    [InlineData("{\"kind\": 7, \"version\": 3}")]
    [InlineData("{\"kind\": \"sample-document\", \"version\": \"3\"}")]
    [InlineData("{\"kind\": \"sample-document\", \"version\": 3.5}")]
    [InlineData("{\"kind\": \"sample-document\", \"version\": 30000000000}")]
    [InlineData("{\"kind\": \"sample-document\", \"version\": 3, \"content\": {\"revision\": 1}, \"sha256\": 12}")]
    [InlineData("\u0000\u0000\u0000\u0000")]
    public void A_file_that_is_not_a_whole_document_is_Corrupt_and_named(string text)
    {
        File.WriteAllText(Target, text);

        var loaded = Load();

        Assert.Equal(DocumentStatus.Corrupt, loaded.Status);
        Assert.Null(loaded.Value);
        Assert.StartsWith(Target + " ", loaded.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_Corrupt_not_Missing()
    {
        // What a crash between creating and writing the file would leave, were the file written in place.
        File.WriteAllBytes(Target, []);

        var loaded = Load();

        Assert.Equal(DocumentStatus.Corrupt, loaded.Status);
        Assert.StartsWith($"{Target} cannot be read: ", loaded.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_in_the_content_is_Corrupt_even_with_a_matching_checksum()
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var document = ReadDocument();
        document["content"]!["gian"] = 1.02;
        document["sha256"] = Hash(document["content"]!);
        WriteDocument(document);

        var loaded = Load();

        Assert.Equal(DocumentStatus.Corrupt, loaded.Status);
        Assert.StartsWith($"{Target} cannot be read: ", loaded.Problem, StringComparison.Ordinal);
        Assert.Contains("gian", loaded.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"gain\"", "\"a string\"")]
    [InlineData("\"points\"", "{\"not\": \"a list\"}")]
    [InlineData("\"revision\"", "1.5")]
    public void Content_of_the_wrong_shape_is_Corrupt_even_with_a_matching_checksum(string field, string json)
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var document = ReadDocument();
        document["content"]![field.Trim('"')] = JsonNode.Parse(json);
        document["sha256"] = Hash(document["content"]!);
        WriteDocument(document);

        var loaded = Load();

        Assert.Equal(DocumentStatus.Corrupt, loaded.Status);
        Assert.StartsWith($"{Target} cannot be read: ", loaded.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_that_is_not_an_object_is_Corrupt_even_with_a_matching_checksum()
    {
        var content = JsonNode.Parse("[1, 2]")!;
        WriteDocument(new JsonObject
        {
            ["kind"] = SampleDocument.Kind,
            ["version"] = SampleDocument.Version,
            ["content"] = content,
            ["sha256"] = Hash(content),
        });

        Assert.Equal(DocumentStatus.Corrupt, Load().Status);
    }

    [Fact]
    public void A_duplicated_field_is_Corrupt_not_an_exception()
    {
        ChecksummedDocument.Save(Target, SampleDocument.Kind, SampleDocument.Version, First);
        var text = File.ReadAllText(Target);
        File.WriteAllText(Target, text.Replace("\"kind\":", "\"kind\": \"other\",\n  \"kind\":", StringComparison.Ordinal));

        var loaded = Load();

        Assert.Equal(DocumentStatus.Corrupt, loaded.Status);
        Assert.Contains(Target, loaded.Problem, StringComparison.Ordinal);
    }

    private DocumentLoad<SampleDocument> Load() => ChecksummedDocument.Load<SampleDocument>(Target, SampleDocument.Kind, SampleDocument.Version);

    private JsonObject ReadDocument() => JsonNode.Parse(File.ReadAllText(Target))!.AsObject();

    private void WriteDocument(JsonObject document) => File.WriteAllText(Target, document.ToJsonString(new() { WriteIndented = true }) + "\n");

    /// <summary>The checksum as the format defines it: SHA-256 of the content's compact JSON, lower-case hex.</summary>
    private static string Hash(JsonNode content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToJsonString())));

    private static void AssertSame(SampleDocument expected, SampleDocument? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Revision, actual.Revision);
        Assert.Equal(expected.Engineer, actual.Engineer);
        Assert.Equal(expected.Gain, actual.Gain);
        Assert.Equal(expected.OffsetMpa, actual.OffsetMpa);
        Assert.Equal(expected.Points, actual.Points);
    }
}
