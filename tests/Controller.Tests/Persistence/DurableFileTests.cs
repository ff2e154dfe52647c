using System.Text;
using HydroOxygen.Controller.Persistence;
using HydroOxygen.Controller.Tests.Scenarios;

namespace HydroOxygen.Controller.Tests.Persistence;

[Collection(nameof(CrashHook))]
public sealed class DurableFileTests : IDisposable
{
    /// <summary>A process id that no process has now: a fixed one (4242 was) can belong to a live process.</summary>
    private static readonly int DeadPid = Enumerable.Range(3_000_000, 1000).First(pid => !Directory.Exists($"/proc/{pid}"));

    private static readonly byte[] Old = Encoding.UTF8.GetBytes("{\"revision\": 1, \"gain\": 1.0100}\n");
    private static readonly byte[] New = Encoding.UTF8.GetBytes("{\"revision\": 2, \"gain\": 1.0200, \"offsetMpa\": 0.003}\n");

    private readonly TemporaryDirectory _directory = new();

    private string Target => _directory.File("data.json");

    public void Dispose()
    {
        DurableFile.CrashAt = null;
        _directory.Dispose();
    }

    [Fact]
    public void Replace_writes_exactly_the_bytes_creating_the_directory_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_directory.Path, "nested", "deeper", "data.json");

        DurableFile.Replace(path, New);

        Assert.Equal(New, File.ReadAllBytes(path));
        Assert.Equal(["data.json"], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Replace_overwrites_the_previous_content_entirely()
    {
        DurableFile.Replace(Target, New);
        DurableFile.Replace(Target, Old);

        // The shorter content must not keep the tail of the longer one.
        Assert.Equal(Old, File.ReadAllBytes(Target));
        Assert.Single(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void Replace_accepts_empty_content()
    {
        DurableFile.Replace(Target, Old);

        DurableFile.Replace(Target, ReadOnlySpan<byte>.Empty);

        Assert.Empty(File.ReadAllBytes(Target));
    }

    [Fact]
    public void Every_crash_point_is_covered()
    {
        Assert.Equal(Enum.GetValues<DurableFile.Step>().Order(), CrashHook.LeavesNewContent.Keys.Order());
    }

    [Fact]
    public void Every_step_is_passed_in_order_on_a_successful_write()
    {
        var seen = new List<DurableFile.Step>();
        using (CrashHook.During(seen.Add))
        {
            DurableFile.Replace(Target, New);
        }

        Assert.Equal(Enum.GetValues<DurableFile.Step>(), seen);
        Assert.Equal(New, File.ReadAllBytes(Target));
    }

    [Theory]
    [MemberData(nameof(CrashHook.Steps), MemberType = typeof(CrashHook))]
    public void A_crash_at_any_step_leaves_the_old_or_the_new_content_whole(DurableFile.Step step)
    {
        DurableFile.Replace(Target, Old);

        using (CrashHook.At(step))
        {
            var crash = Assert.Throws<IOException>(() => DurableFile.Replace(Target, New));
            Assert.Equal(CrashHook.Message + step, crash.Message);
        }

        var expected = CrashHook.LeavesNewContent[step] ? New : Old;
        Assert.Equal(expected, File.ReadAllBytes(Target));
        Assert.Equal(["data.json"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(CrashHook.Steps), MemberType = typeof(CrashHook))]
    public void A_crash_at_any_step_of_the_first_write_leaves_nothing_or_the_new_content(DurableFile.Step step)
    {
        using (CrashHook.At(step))
        {
            Assert.Throws<IOException>(() => DurableFile.Replace(Target, New));
        }

        if (CrashHook.LeavesNewContent[step])
        {
            Assert.Equal(New, File.ReadAllBytes(Target));
        }
        else
        {
            Assert.Empty(Directory.GetFiles(_directory.Path));
        }
    }

    [Fact]
    public void After_a_crash_the_next_write_succeeds()
    {
        DurableFile.Replace(Target, Old);
        using (CrashHook.At(DurableFile.Step.ContentFlushed))
        {
            Assert.Throws<IOException>(() => DurableFile.Replace(Target, New));
        }

        DurableFile.Replace(Target, New);

        Assert.Equal(New, File.ReadAllBytes(Target));
    }

    [Fact]
    public void The_temporary_file_is_in_the_same_directory_and_named_for_the_target()
    {
        // Same directory: a rename across file systems would not be atomic. The name is what
        // RemoveLeftovers looks for.
        var names = new List<string>();
        using (CrashHook.During(step =>
        {
            if (step == DurableFile.Step.ContentFlushed)
            {
                names.AddRange(Directory.GetFiles(_directory.Path).Select(Path.GetFileName)!);
            }
        }))
        {
            DurableFile.Replace(Target, New);
        }

        var temporary = Assert.Single(names);
        Assert.Matches(@"^\.data\.json\.\d+\.[0-9a-f]{32}\.tmp$", temporary);
        Assert.Contains($".{Environment.ProcessId}.", temporary, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveLeftovers_removes_the_temporary_files_of_a_killed_writer_and_nothing_else()
    {
        DurableFile.Replace(Target, Old);
        var leftovers = new[]
        {
            _directory.Write($".data.json.{DeadPid}.{Guid.NewGuid():N}.tmp", "{\"revision\": 2, \"ga"),
            _directory.Write($".data.json.4243.{Guid.NewGuid():N}.tmp", ""),
        };
        var others = new[]
        {
            _directory.Write($".other.json.{DeadPid}.{Guid.NewGuid():N}.tmp", "another document's write"),
            _directory.Write("data.json.bak", "kept"),
            _directory.Write("data.json-audit.jsonl", "kept"),
        };

        DurableFile.RemoveLeftovers(Target);

        Assert.All(leftovers, l => Assert.False(File.Exists(l), l));
        Assert.All(others, o => Assert.True(File.Exists(o), o));
        Assert.Equal(Old, File.ReadAllBytes(Target));
    }

    [Fact]
    public void RemoveLeftovers_without_the_directory_does_nothing()
    {
        DurableFile.RemoveLeftovers(Path.Combine(_directory.Path, "absent", "data.json"));

        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "absent")));
    }

    [Fact]
    public void AppendLine_creates_the_file_and_appends_whole_lines_in_order()
    {
        var path = Path.Combine(_directory.Path, "trail", "audit.jsonl");

        DurableFile.AppendLine(path, "{\"revision\":1}");
        DurableFile.AppendLine(path, "{\"revision\":2}");
        DurableFile.AppendLine(path, "{\"revision\":3,\"engineer\":\"Zoë\"}");

        Assert.Equal("{\"revision\":1}\n{\"revision\":2}\n{\"revision\":3,\"engineer\":\"Zoë\"}\n", File.ReadAllText(path, Encoding.UTF8));
    }

    [Fact]
    public void AppendLine_keeps_what_was_there()
    {
        var path = _directory.Write("audit.jsonl", "first\n");

        DurableFile.AppendLine(path, "second");

        Assert.Equal(["first", "second"], File.ReadAllLines(path));
    }
}
