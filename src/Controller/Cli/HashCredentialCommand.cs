using System.CommandLine;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Service;

namespace HydroOxygen.Controller.Cli;

/// <summary>
/// <c>hash-credential</c>: asks for the engineer credential twice (without echo on a terminal; two
/// lines of standard input otherwise) and prints the hash to put in <c>Service:EngineerCredentialHash</c>.
/// The credential itself is never stored, and never taken from the command line.
/// </summary>
public static class HashCredentialCommand
{
    public const int MinimumLength = 10;

    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive) =>
        CommandLine.RunAlone(Create(stdin, stdout, stderr, interactive), args, stdout, stderr);

    internal static Command Create(TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var text = CliLanguage.Text();
        var command = new Command("hash-credential", text["Cli.Hash.Description", MinimumLength]);
        command.SetAction(_ => Hash(stdin, stdout, stderr, interactive, text));
        return command;
    }

    private static int Hash(TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive, ResourceText text)
    {
        // Prompts go to standard error, so that H=$(… hash-credential) captures the hash alone.
        var console = new EngineerConsole(stdin, interactive ? stderr : TextWriter.Null, interactive);
        string credential;
        try
        {
            credential = console.AskSecret(text["Cli.Hash.Ask"]);
        }
        catch (InputEndedException)
        {
            stderr.WriteLine("hash-credential: " + text["Cli.Hash.NoInput"]);
            return ExitCodes.Usage;
        }

        if (credential.Length < MinimumLength)
        {
            stderr.WriteLine("hash-credential: " + text["Cli.Hash.TooShort", MinimumLength]);
            return ExitCodes.Usage;
        }

        // Asked twice whether typed or piped: a credential nobody can repeat is one nobody can use.
        string again;
        try
        {
            again = console.AskSecret(text["Cli.Hash.Again"]);
        }
        catch (InputEndedException)
        {
            stderr.WriteLine("hash-credential: " + text["Cli.Hash.NoSecondEntry"]);
            return ExitCodes.Usage;
        }

        if (again != credential)
        {
            stderr.WriteLine("hash-credential: " + text["Cli.Hash.Differ"]);
            return ExitCodes.Usage;
        }

        stdout.WriteLine(EngineerCredential.Hash(credential));
        return ExitCodes.Ok;
    }
}
