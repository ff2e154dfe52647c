using HydroOxygen.Controller.Telemetry;

namespace HydroOxygen.Telemetry.Tests.Units;

public sealed class DeviceIdentityTests
{
    [Fact]
    public void The_machine_id_is_hashed_stably_and_never_shown_raw()
    {
        using var scratch = new TemporaryDirectory();
        var file = scratch.Write("machine-id", "0123456789abcdef0123456789abcdef\n");
        var id = DeviceIdentity.FromMachine([scratch.File("missing"), file]);
        Assert.Equal(id, DeviceIdentity.FromMachine([file]));
        Assert.Matches("^hx-[0-9a-f]{16}$", id!);
        Assert.DoesNotContain("0123456789abcdef", id, StringComparison.Ordinal);
        Assert.NotEqual(id, DeviceIdentity.Hash("0123456789abcdef0123456789abcdee"));
    }

    [Fact]
    public void A_configured_id_wins_and_a_machine_without_an_id_keeps_one_in_the_data_directory()
    {
        using var scratch = new TemporaryDirectory();
        Assert.Equal("salon-7-a", DeviceIdentity.Resolve("salon-7-a", scratch.Path));
        Assert.Null(DeviceIdentity.FromMachine([scratch.File("none")]));
    }
}
