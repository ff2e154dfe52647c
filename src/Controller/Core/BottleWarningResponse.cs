namespace HydroOxygen.Controller.Core;

/// <summary>The bottle holds pressure (or cannot be read) while the device is not working it: do not open it.</summary>
/// <param name="Mpa">The bottle reading, MPa gauge (its last good one when <paramref name="SensorFaulty"/>).</param>
/// <param name="SensorFaulty">The bottle sensor has been judged faulty since it last read a vented bottle: the bottle may hold more than the reading.</param>
/// <param name="Message">The warning in words, in the request's language.</param>
/// <remarks>Here beside <see cref="BottleWarning"/>: both the device status (Api) and the engineer's service status (Service) carry it.</remarks>
public sealed record BottleWarningResponse(double Mpa, bool SensorFaulty, string Message);
