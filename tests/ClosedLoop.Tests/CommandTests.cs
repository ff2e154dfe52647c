using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.ClosedLoop.Tests;

public class CommandTests
{
    [Fact]
    public void Acne_on_compressor_gas_is_refused_with_a_reason_and_nothing_changes()
    {
        var device = new Device(Device.Starting("cleanse", GasSource.Compressor)).PowerOn().Run(1.0);
        var before = device.Last;
        var acne = device.Core.ProgramIndex("acne");
        var command = ControlCommand.SelectProgram(acne);

        var verdict = device.Core.Check(command);
        device.Command(command).Tick();

        Assert.Equal(CommandOutcome.ProgramRequiresOxygen, verdict);
        var message = CommandRefusals.Describe(ResourceText.English, verdict, command, device.Last.State, before.ProgramIndex, device.Core.Programs).ToString();
        Assert.Contains("requires oxygen", message, StringComparison.Ordinal);
        Assert.Contains("acne", message, StringComparison.Ordinal);
        Assert.Equal(before.ProgramIndex, device.Last.ProgramIndex);
        Assert.Equal(before.SetpointMpa, device.Last.SetpointMpa);
        Assert.Equal(GasSource.Compressor, device.Last.GasSource);
        Assert.Contains(device.DrainEvents(), e => e.Kind == ControlEventKind.CommandRejected && e.Outcome == CommandOutcome.ProgramRequiresOxygen);
    }

    [Fact]
    public void Switching_acne_to_compressor_gas_is_refused_too()
    {
        var device = new Device(Device.Starting("acne")).PowerOn().Run(1.0);

        device.Command(ControlCommand.SelectSource(GasSource.Compressor)).Run(0.5);

        Assert.Equal(GasSource.Oxygen, device.Last.GasSource);
        Assert.True(device.Last.SourceOpen);
        Assert.Contains(device.DrainEvents(), e => e.Kind == ControlEventKind.CommandRejected && e.Outcome == CommandOutcome.ProgramRequiresOxygen);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(0.29)]
    [InlineData(double.NaN)]
    public void A_setpoint_outside_the_range_is_refused_and_nothing_changes(double mpa)
    {
        var device = new Device(Device.Starting("acne")).PowerOnAndCharge();
        var before = device.Last;

        device.Command(ControlCommand.SetSetpoint(mpa)).Run(1.0);

        Assert.Equal(before.SetpointMpa, device.Last.SetpointMpa);
        Assert.InRange(device.Last.POutTrueMpa, 0.44, 0.46);
        var rejection = Assert.Single(device.DrainEvents(), e => e.Kind == ControlEventKind.CommandRejected);
        var message = CommandRefusals.Describe(ResourceText.English, rejection.Outcome, rejection.Command, rejection.From, before.ProgramIndex, device.Core.Programs).ToString();
        Assert.StartsWith("mpa:", message, StringComparison.Ordinal);
        if (double.IsFinite(mpa))
        {
            Assert.Contains("0.30–0.60 MPa", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_eye_program_refuses_a_setpoint_above_its_ceiling()
    {
        var device = new Device(Device.Starting("eye")).PowerOnAndCharge();

        device.Command(ControlCommand.SetSetpoint(0.40)).Run(1.0);
        Assert.Equal(0.30, device.Last.SetpointMpa, 6);
        var rejection = Assert.Single(device.DrainEvents(), e => e.Kind == ControlEventKind.CommandRejected);
        Assert.Equal(CommandOutcome.SetpointAboveProgramCeiling, rejection.Outcome);

        device.Command(ControlCommand.SetSetpoint(0.35)).Run(1.0);
        Assert.Equal(0.35, device.Last.SetpointMpa, 6);
        Assert.True(device.Trace.All(s => s.POutTrueMpa <= 0.35 + 0.01), "eye never above its ceiling");
    }
}
