using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests;

public class BoardDescriptionTests
{
    [Fact]
    public void Every_channel_is_described_exactly_once()
    {
        var described = BoardDescription.Channels.Select(c => c.Channel).ToList();

        Assert.Equal(Enum.GetValues<BoardChannel>().Order(), described.Order());
        Assert.Equal(described.Count, described.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AllChannels))]
    public void Describe_returns_the_row_for_the_channel(BoardChannel channel)
    {
        var row = BoardDescription.Describe(channel);

        Assert.Equal(channel, row.Channel);
        Assert.False(string.IsNullOrWhiteSpace(row.Purpose));
    }

    [Fact]
    public void The_vent_is_the_only_normally_open_valve()
    {
        Assert.Equal(ValveNormalPosition.NormallyOpen, BoardDescription.NormalPositionOf(BoardChannel.VentValve));
        foreach (var valve in new[] { BoardChannel.OxygenSourceValve, BoardChannel.CompressorSourceValve, BoardChannel.ChargeValve, BoardChannel.SprayValve })
        {
            Assert.Equal(ValveNormalPosition.NormallyClosed, BoardDescription.NormalPositionOf(valve));
        }
    }

    [Theory]
    [MemberData(nameof(AllChannels))]
    public void Exactly_the_solenoid_valve_channels_have_a_normal_position(BoardChannel channel)
    {
        if (BoardDescription.Describe(channel).Kind == ChannelKind.SolenoidValve)
        {
            _ = BoardDescription.NormalPositionOf(channel);
        }
        else
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BoardDescription.NormalPositionOf(channel));
            Assert.Equal("valve", ex.ParamName);
        }
    }

    [Theory]
    [MemberData(nameof(AllChannels))]
    public void Every_output_says_what_it_does_when_de_energized(BoardChannel channel)
    {
        var row = BoardDescription.Describe(channel);
        var isOutput = row.Kind is ChannelKind.SolenoidValve or ChannelKind.PwmValve or ChannelKind.DigitalOutput or ChannelKind.Indicator;

        Assert.Equal(isOutput, !string.IsNullOrEmpty(row.SafeWhenDeEnergized));
    }

    [Fact]
    public void The_safe_state_text_matches_the_normal_position()
    {
        // De-energized: the source is closed and the manifold vents (DESIGN §1.2).
        Assert.StartsWith("open", BoardDescription.Describe(BoardChannel.VentValve).SafeWhenDeEnergized, StringComparison.Ordinal);
        foreach (var row in BoardDescription.Channels.Where(c => c.Kind == ChannelKind.SolenoidValve && c.Channel != BoardChannel.VentValve))
        {
            Assert.StartsWith("closed", row.SafeWhenDeEnergized, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Only_the_pressure_knob_is_optional()
    {
        Assert.Equal([BoardChannel.PressureKnob], BoardDescription.Channels.Where(c => c.Optional).Select(c => c.Channel));
    }

    [Fact]
    public void The_three_pressure_sensors_are_described_as_pressure_sensors()
    {
        Assert.Equal(
            [BoardChannel.OutletPressure, BoardChannel.BottlePressure, BoardChannel.SourcePressure],
            BoardDescription.Channels.Where(c => c.Kind == ChannelKind.PressureSensor).Select(c => c.Channel));
    }

    public static TheoryData<BoardChannel> AllChannels()
    {
        var data = new TheoryData<BoardChannel>();
        foreach (var channel in Enum.GetValues<BoardChannel>())
        {
            data.Add(channel);
        }

        return data;
    }
}
