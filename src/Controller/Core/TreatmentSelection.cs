namespace HydroOxygen.Controller.Core;

/// <summary>The technician's choices the step works to: the program, the setpoint and the gas source.</summary>
public sealed class TreatmentSelection(IReadOnlyList<ProgramDefinition> programs)
{
    public IReadOnlyList<ProgramDefinition> Programs => programs;

    /// <summary>Index into <see cref="Programs"/>.</summary>
    public int Program { get; private set; }

    public double SetpointMpa { get; private set; }

    public GasSource Source { get; private set; }

    /// <summary>The program's ceiling; the highest setpoint where there is no program.</summary>
    public double CeilingMpa => HasProgram ? programs[Program].CeilingMpa : PressureLimits.MaxSetpointMpa;

    public bool HasProgram => (uint)Program < (uint)programs.Count;

    /// <summary>Finds a program's index by name (case-insensitive); -1 if there is none.</summary>
    public int ProgramIndex(string name)
    {
        for (var i = 0; i < programs.Count; i++)
        {
            if (string.Equals(programs[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The configured start: a power-on begins from it.</summary>
    public void SelectStartup(ControllerSettings settings)
    {
        Program = Math.Max(0, ProgramIndex(settings.StartupProgram));
        SetpointMpa = programs[Program].SetpointMpa;
        Source = settings.StartupGasSource;
    }

    /// <summary>Selects a program and its setpoint; returns whether the setpoint went up.</summary>
    public bool SelectProgram(int index)
    {
        Program = index;
        return ChangeSetpoint(programs[index].SetpointMpa);
    }

    /// <summary>Returns whether the setpoint went up (the bottle was charged for less).</summary>
    public bool ChangeSetpoint(double setpointMpa)
    {
        var raised = setpointMpa > SetpointMpa;
        SetpointMpa = setpointMpa;
        return raised;
    }

    /// <summary>Returns whether the source changed.</summary>
    public bool SelectSource(GasSource source)
    {
        if (source == Source)
        {
            return false;
        }

        Source = source;
        return true;
    }
}
