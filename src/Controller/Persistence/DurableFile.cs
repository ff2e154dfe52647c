using System.Runtime.InteropServices;

namespace HydroOxygen.Controller.Persistence;

/// <summary>
/// Replaces a file so that a crash, a kill or a power cut at any instant leaves either the old
/// content or the new one, never a mixture: the new content goes to a temporary file in the same
/// directory, is flushed to the disk, renamed over the old name (atomic on POSIX file systems), and
/// the directory entry is flushed too.
/// </summary>
public static partial class DurableFile
{
    /// <summary>Points at which a test may make the write fail, to prove the guarantee.</summary>
    public enum Step
    {
        TemporaryCreated,
        ContentWritten,
        ContentFlushed,
        Renamed,
    }

    /// <summary>Called after each step; throwing from it interrupts the write there (tests only).</summary>
    public static Action<Step>? CrashAt { get; set; }

    public static void Replace(string path, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                CrashAt?.Invoke(Step.TemporaryCreated);
                stream.Write(content);
                CrashAt?.Invoke(Step.ContentWritten);
                stream.Flush(flushToDisk: true);
                CrashAt?.Invoke(Step.ContentFlushed);
            }

            File.Move(temporary, full, overwrite: true);
            CrashAt?.Invoke(Step.Renamed);
            FlushDirectory(directory);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                TryDelete(temporary);
            }
        }
    }

    /// <summary>Appends a line and flushes it to the disk before returning (audit trails).</summary>
    public static void AppendLine(string path, string line)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
        var isNew = !File.Exists(full);
        using (var stream = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(line + "\n");
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        if (isNew)
        {
            FlushDirectory(Path.GetDirectoryName(full) ?? ".");
        }
    }

    /// <summary>
    /// Removes temporary files a crashed write left behind. A temporary file carries its writer's
    /// process id: one whose writer is still running (this process, or another tool writing right
    /// now) is a write in progress, not a leftover, and is left alone.
    /// </summary>
    public static void RemoveLeftovers(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        var prefix = $".{Path.GetFileName(full)}.";
        foreach (var leftover in Directory.EnumerateFiles(directory, prefix + "*.tmp"))
        {
            var name = Path.GetFileName(leftover);
            var writer = name[prefix.Length..].Split('.')[0];
            if (int.TryParse(writer, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && WriterAlive(pid))
            {
                continue;
            }

            TryDelete(leftover);
        }
    }

    private static bool WriterAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        // /proc is the cheap, exact answer on Linux (the device); elsewhere ask the process table.
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless; it is removed at the next start.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>fsync on the directory, so that the rename itself survives a power cut.</summary>
    private static void FlushDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
