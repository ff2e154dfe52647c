using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>
/// Reads one column's value out of a sample as a number: the measurement itself, 0/1 for a flag,
/// the index of a choice, or the bit mask of a set. One representation keeps conditions, the CSV
/// writer and the plot free of per-column code.
/// </summary>
public delegate double TraceField(in TraceSample sample);
