using System.Text;

namespace HydroOxygen.Controller.Simulation.Runs;

/// <summary>
/// An output file that appears complete or not at all: written under a temporary name beside it and
/// renamed over the final name on <see cref="Commit"/>; disposed without a commit (a cancelled or
/// failed run), the temporary file is deleted and whatever was at the final name is left as it was.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private static long _counter;
    private readonly FileStream _stream;
    private StreamWriter? _writer;
    private bool _done;

    private AtomicFile(string path, string temporary, FileStream stream)
    {
        Path = path;
        TemporaryPath = temporary;
        _stream = stream;
    }

    /// <summary>The final name.</summary>
    public string Path { get; }

    /// <summary>Where it is written until committed.</summary>
    public string TemporaryPath { get; }

    public Stream Stream => _stream;

    /// <summary>The file as UTF-8 text (no byte-order mark: traces and logs are read by programs).</summary>
    public TextWriter Writer => _writer ??= new StreamWriter(_stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);

    /// <summary>Creates the temporary file (and, if asked, the folders above it); throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot.</summary>
    public static AtomicFile Create(string path, bool createFolders = false)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full)!;
        if (createFolders)
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = System.IO.Path.Combine(
            directory,
            $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}.tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        return new AtomicFile(full, temporary, stream);
    }

    /// <summary>Flushes, closes and puts the file in place.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _writer?.Flush();
        _stream.Flush(flushToDisk: true);
        _writer?.Dispose();
        _stream.Dispose();
        File.Move(TemporaryPath, Path, overwrite: true);
        _done = true;
    }

    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        try
        {
            _writer?.Dispose();
        }
        catch (IOException)
        {
            // The disk refused the last bytes; the file is abandoned anyway.
        }

        _stream.Dispose();
        File.Delete(TemporaryPath);
    }
}
