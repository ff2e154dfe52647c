using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Service;

namespace HydroOxygen.Controller.Cli;

/// <summary>
/// <c>hash-credential</c>: asks for the engineer credential (twice, without echo on a terminal; one
/// line from standard input otherwise) and prints the hash to put in <c>Service:EngineerCredentialHash</c>.
/// The credential itself is never stored.
/// </summary>
public static class HashCredentialCommand
{
    public const int MinimumLength = 10;

    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count > 0)
        {
            stderr.WriteLine("hash-credential: takes no arguments (the credential is asked for, never given on the command line)");
            return ExitCodes.Usage;
        }

        // Prompts go to standard error, so that H=$(… hash-credential) captures the hash alone.
        var console = new EngineerConsole(stdin, interactive ? stderr : TextWriter.Null, interactive);
        try
        {
            var credential = console.AskSecret("New engineer credential: ");
            if (credential.Length < MinimumLength)
            {
                stderr.WriteLine($"hash-credential: the credential must have at least {MinimumLength} characters");
                return ExitCodes.Usage;
            }

            if (interactive && console.AskSecret("Again: ") != credential)
            {
                stderr.WriteLine("hash-credential: the two entries differ; nothing was made");
                return ExitCodes.Usage;
            }

            stdout.WriteLine(EngineerCredential.Hash(credential));
            return ExitCodes.Ok;
        }
        catch (InputEndedException)
        {
            stderr.WriteLine("hash-credential: no credential given on standard input");
            return ExitCodes.Usage;
        }
    }
}
