namespace HydroOxygen.Controller.Api;

/// <summary>
/// One point of the live chart: 50 ms of the loop. P_out keeps its minimum and maximum over the
/// interval as well as its last value, so that a dip shorter than the interval (the spray-start
/// transient, ~80 ms) still shows on the chart.
/// </summary>
/// <param name="T">Loop time at the end of the interval, s.</param>
public readonly record struct LiveSample(
    double T,
    string State,
    double OutMpa,
    double OutMinMpa,
    double OutMaxMpa,
    double BottleMpa,
    double SrcMpa,
    double SetpointMpa);
