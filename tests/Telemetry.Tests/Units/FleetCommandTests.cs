using HydroOxygen.Controller.Fleet;

namespace HydroOxygen.Telemetry.Tests.Units;

/// <summary>The fleet commands' usage errors: exit code 2 and a line that names the problem.</summary>
public sealed class FleetCommandTests
{
    [Theory]
    [InlineData(new[] { "watch" }, "--broker")]
    [InlineData(new[] { "watch", "--broker", "http://x" }, "--broker: must be mqtt://host:port or mqtts://host:port")]
    [InlineData(new[] { "collect", "--broker", "mqtt://x", "--ca", "/etc/ca.pem" }, "--ca/--cert/--key: need a TLS broker")]
    [InlineData(new[] { "watch", "--broker", "mqtt://x", "--interval", "0" }, "--interval/--once")]
    [InlineData(new[] { "spy", "--broker", "mqtt://x" }, "spy")]
    [InlineData(new[] { "watch", "--broker", "mqtt://x", "--password-file", "/p" }, "--username: a password needs a user name")]
    public void Bad_arguments_exit_with_2_and_say_why(string[] args, string expected)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(2, FleetCommand.Run(args, stdout, stderr));
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
    }
}
