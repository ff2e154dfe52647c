using System.Collections.Frozen;

namespace HydroOxygen.Hal;

/// <summary>One channel of the board: what it is and what it does when nothing drives it.</summary>
/// <param name="SafeWhenDeEnergized">
/// For outputs: the physical effect of a de-energized channel, which is the device's safe state.
/// </param>
public sealed record ChannelDescription(
    BoardChannel Channel,
    ChannelKind Kind,
    bool Optional,
    string Purpose,
    string SafeWhenDeEnergized = "");

/// <summary>
/// The device's channels, in one table, so that configuration validation, wiring documentation and
/// tests speak about the same list.
/// </summary>
public static class BoardDescription
{
    public static IReadOnlyList<ChannelDescription> Channels { get; } =
    [
        new(BoardChannel.OxygenSourceValve, ChannelKind.SolenoidValve, false, "SV_O2 oxygen cylinder → source line (NC)", "closed: oxygen shut off"),
        new(BoardChannel.CompressorSourceValve, ChannelKind.SolenoidValve, false, "SV_AIR compressor tank → source line (NC)", "closed: compressed air shut off"),
        new(BoardChannel.InletValve, ChannelKind.PwmValve, false, "PV proportional inlet, source line → manifold", "closed: no gas into the manifold"),
        new(BoardChannel.VentValve, ChannelKind.SolenoidValve, false, "VV manifold vent → atmosphere (NO)", "open: manifold vents"),
        new(BoardChannel.ChargeValve, ChannelKind.SolenoidValve, false, "CV manifold → nutrient bottle (NC)", "closed: bottle isolated"),
        new(BoardChannel.SprayValve, ChannelKind.SolenoidValve, false, "SPV manifold → handpiece (NC)", "closed: no spray"),
        new(BoardChannel.Compressor, ChannelKind.DigitalOutput, false, "compressor motor contactor", "off: compressor stopped"),
        new(BoardChannel.OutletPressure, ChannelKind.PressureSensor, false, "P_out manifold pressure, 0–1 MPa / 0.5–4.5 V"),
        new(BoardChannel.BottlePressure, ChannelKind.PressureSensor, false, "P_bottle bottle headspace pressure, 0–1 MPa / 0.5–4.5 V"),
        new(BoardChannel.SourcePressure, ChannelKind.PressureSensor, false, "P_src source-line pressure, 0–1 MPa / 0.5–4.5 V"),
        new(BoardChannel.FootSwitch, ChannelKind.DigitalInput, false, "foot switch (pressed = active)"),
        new(BoardChannel.PowerSwitch, ChannelKind.DigitalInput, false, "rocker power switch (on = active)"),
        new(BoardChannel.LiquidLevel, ChannelKind.DigitalInput, false, "bottle liquid-level switch (liquid present = active)"),
        new(BoardChannel.PressureKnob, ChannelKind.AnalogInput, true, "front-panel pressure knob (potentiometer, 0–supply)"),
        new(BoardChannel.Indicator, ChannelKind.Indicator, false, "alarm lamp and buzzer", "off"),
    ];

    private static readonly FrozenDictionary<BoardChannel, ChannelDescription> ByChannel =
        Channels.ToFrozenDictionary(c => c.Channel);

    public static ChannelDescription Describe(BoardChannel channel) => ByChannel[channel];

    /// <summary>The valve channels with their normal position, which fixes the hardware safe state.</summary>
    public static ValveNormalPosition NormalPositionOf(BoardChannel valve) => valve switch
    {
        BoardChannel.VentValve => ValveNormalPosition.NormallyOpen,
        BoardChannel.OxygenSourceValve or BoardChannel.CompressorSourceValve or BoardChannel.ChargeValve or BoardChannel.SprayValve
            => ValveNormalPosition.NormallyClosed,
        _ => throw new ArgumentOutOfRangeException(nameof(valve), valve, "Not an on/off valve channel."),
    };
}
