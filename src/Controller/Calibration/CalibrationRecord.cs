using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Calibration;

/// <summary>One reference point of a calibration: what the engineer's gauge said and what the transducer read.</summary>
public sealed record CalibrationPoint(double ReferenceMpa, double RawMpa);

/// <summary>The stored calibration of one pressure channel.</summary>
public sealed record ChannelRecord
{
    public double Gain { get; init; } = 1.0;
    public double OffsetMpa { get; init; }
    public DateTimeOffset CalibratedAt { get; init; }
    public string Engineer { get; init; } = "";
    public IReadOnlyList<CalibrationPoint> Points { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public PressureCalibration Calibration => new(Gain, OffsetMpa);
}

/// <summary>The stored calibration of the device (version 1 of the file format).</summary>
public sealed record CalibrationRecord
{
    public const string Kind = "hydro-oxygen-calibration";
    public const int Version = 1;

    /// <summary>Counts the calibrations written to this device.</summary>
    public int Revision { get; init; }

    public ChannelRecord POut { get; init; } = new();
    public ChannelRecord PBottle { get; init; } = new();
    public ChannelRecord PSrc { get; init; } = new();

    public ChannelRecord this[PressureChannel channel] => channel switch
    {
        PressureChannel.POut => POut,
        PressureChannel.PBottle => PBottle,
        _ => PSrc,
    };

    public CalibrationSet ToSet() => new(POut.Calibration, PBottle.Calibration, PSrc.Calibration, Valid: true);

    public CalibrationRecord With(PressureChannel channel, ChannelRecord record) => channel switch
    {
        PressureChannel.POut => this with { POut = record },
        PressureChannel.PBottle => this with { PBottle = record },
        _ => this with { PSrc = record },
    };
}

/// <summary>The device's pressure channels, as calibration and the engineer's tools name them.</summary>
public enum PressureChannel
{
    POut,
    PBottle,
    PSrc,
}
