namespace HydroOxygen.Controller.Cli;

// Placeholder so the solution builds while the scenario runner is written (owned by the scenario work).
public static class SimulateCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("simulate: not available in this build yet");
        return 2;
    }
}
