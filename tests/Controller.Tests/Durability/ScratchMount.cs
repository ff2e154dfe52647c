using System.Diagnostics;

namespace HydroOxygen.Controller.Tests.Durability;

/// <summary>
/// A real file-system fault for a data directory: a tiny tmpfs that can be filled to the last
/// byte, or a directory bind-mounted read-only onto itself. The tests run as root, for whom chmod
/// does not make anything read-only; a mount does. Mounting needs CAP_SYS_ADMIN: where it is not
/// permitted (an unprivileged container) <see cref="TryTmpfs"/> answers null and the reason.
/// </summary>
internal sealed class ScratchMount : IDisposable
{
    private readonly bool _ownsDirectory;

    private ScratchMount(string path, bool ownsDirectory)
    {
        Path = path;
        _ownsDirectory = ownsDirectory;
    }

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="sizeKb"/> KiB on a new directory.</summary>
    public static ScratchMount? TryTmpfs(int sizeKb, out string reason)
    {
        var directory = Directory.CreateTempSubdirectory("hydroxy-tmpfs-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeKb}k,mode=0755", "tmpfs", directory);
        if (code != 0)
        {
            Directory.Delete(directory);
            reason = $"mount -t tmpfs is not permitted here ({output.Trim()})";
            return null;
        }

        reason = "";
        return new ScratchMount(directory, ownsDirectory: true);
    }

    /// <summary>Makes <paramref name="directory"/> read-only in place (a read-only bind mount of itself), as a file system remounted read-only after errors.</summary>
    public static ScratchMount? TryReadOnly(string directory, out string reason)
    {
        var (code, output) = Run("mount", "--bind", directory, directory);
        if (code == 0)
        {
            (code, output) = Run("mount", "-o", "remount,bind,ro", directory);
            if (code != 0)
            {
                Run("umount", directory);
            }
        }

        if (code != 0)
        {
            reason = $"a read-only bind mount is not permitted here ({output.Trim()})";
            return null;
        }

        reason = "";
        return new ScratchMount(directory, ownsDirectory: false);
    }

    /// <summary>Writes a filler file until the file system refuses more; returns the filler's path.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var block = new byte[4096];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }

        return filler;
    }

    public void Dispose()
    {
        // Lazily, in case a process of the test still holds a file open there.
        if (Run("umount", Path).Code != 0)
        {
            Run("umount", "-l", Path);
        }

        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // An empty directory left behind in /tmp is harmless.
            }
        }
    }

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
