using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Cli;

/// <summary>The input ran out (or there is no one to ask) where an answer was needed.</summary>
public sealed class InputEndedException(string message) : Exception(message);

/// <summary>
/// Prompts for the engineer: answers read from the input, secrets without echo on a terminal.
/// Without a terminal (a script), a question that has no answer in the input ends the command
/// with a message instead of waiting forever.
/// </summary>
public sealed class EngineerConsole(TextReader input, TextWriter output, bool interactive)
{
    public TextWriter Out => output;

    public bool Interactive => interactive;

    /// <summary>Whether a question is waiting for its answer now.</summary>
    public bool Waiting => Volatile.Read(ref _waiting);

    private bool _waiting;

    public string Ask(string prompt)
    {
        output.Write(prompt);
        output.Flush();
        Volatile.Write(ref _waiting, true);
        string? line;
        try
        {
            line = input.ReadLine();
        }
        finally
        {
            Volatile.Write(ref _waiting, false);
        }

        if (line is null)
        {
            output.WriteLine();
            throw new InputEndedException(CliLanguage.Text()["Cli.Engineer.NoAnswer", prompt.TrimEnd(' ', ':', '：')]);
        }

        return line.Trim();
    }

    public string AskSecret(string prompt)
    {
        if (!interactive)
        {
            return Ask(prompt);
        }

        output.Write(prompt);
        output.Flush();
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                output.WriteLine();
                return secret.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }

    /// <summary>A reading in MPa, asked again until it is a number.</summary>
    public double AskMpa(string prompt)
    {
        while (true)
        {
            var answer = Ask(prompt);
            if (double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }

            // Asked again, from a script too (its next line): the input running out ends the command.
            output.WriteLine("  " + CliLanguage.Text()["Cli.Engineer.NotMpa", answer]);
        }
    }

    /// <summary>Yes only for an explicit yes; the default is no.</summary>
    public bool Confirm(string question)
    {
        var answer = Ask($"{question} {CliLanguage.Text()["Cli.Engineer.YesNo"]} ");
        return answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase) || answer == "是";
    }
}
