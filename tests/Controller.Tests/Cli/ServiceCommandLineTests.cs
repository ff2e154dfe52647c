namespace HydroOxygen.Controller.Tests.Cli;

/// <summary>The command line of the service itself (no command): what scripts and tests start it with.</summary>
public sealed class ServiceCommandLineTests
{
    [Fact]
    public void Urls_may_be_given_more_than_once_and_the_last_counts_as_for_the_host()
    {
        var root = Program.Root(TextReader.Null, TextWriter.Null, TextWriter.Null, interactive: false);

        var parsed = root.Parse(["--urls=http://127.0.0.1:0", "--Device:Backend=Simulator", "--urls=http://127.0.0.1:5999"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("http://127.0.0.1:5999", parsed.Tokens.Last(t => t.Value.StartsWith("http", StringComparison.Ordinal)).Value);
    }
}
