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

/// <summary>The parser's own words follow the terminal's language in the process as shipped (globalization-invariant).</summary>
public sealed class ParserLanguageTests
{
    [Fact]
    public async Task A_usage_error_from_the_parser_itself_is_in_Chinese_on_a_Chinese_terminal()
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HydroOxygen.Controller.dll"));
        info.ArgumentList.Add("sessions");
        info.Environment["LANG"] = "zh_CN.UTF-8";
        info.Environment.Remove("LC_ALL");
        info.Environment.Remove("LC_MESSAGES");
        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("未提供必需的命令", await stderr, StringComparison.Ordinal);
    }
}
