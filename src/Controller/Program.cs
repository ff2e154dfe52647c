using HydroOxygen.Controller.Cli;

namespace HydroOxygen.Controller;

/// <summary>
/// One executable (DESIGN §3.3): with no command it runs the controller service (configuration
/// overrides <c>--Section:Key=value</c> and <c>--urls</c> go to the host); the commands and their
/// options are declared in <see cref="CommandLine"/>.
/// </summary>
public static class Program
{
    public static int Main(string[] args) =>
        CommandLine.Run(CommandLine.Root(Console.In, Console.Out, Console.Error, !Console.IsInputRedirected), args, Console.Out, Console.Error);
}
