using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The regulator settings in use, and the engineer's tuning handed over to the tick: proposed from
/// another thread, switched on the tick by a command, so that the change falls between two ticks.
/// </summary>
public sealed class RegulatorSettingsHandOff(RegulatorSettings configured)
{
    private RegulatorSettings _inUse = configured;

    /// <summary>What the regulator returns to when the device leaves Service (configured, or confirmed by the engineer).</summary>
    private RegulatorSettings _kept = configured;
    private RegulatorSettings? _proposed;

    /// <summary>The settings in use, as the tick reads them (the tick is their only writer).</summary>
    public RegulatorSettings InUse => _inUse;

    /// <summary>The settings in use, for other threads.</summary>
    public RegulatorSettings Published => Volatile.Read(ref _inUse);

    public bool HasProposal => Volatile.Read(ref _proposed) is not null;

    /// <summary>Offers new settings; they take effect at <see cref="Apply"/>. Not for the tick.</summary>
    public void Propose(RegulatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Problems("Regulator");
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid regulator settings: " + string.Join("; ", problems), nameof(settings));
        }

        Volatile.Write(ref _proposed, settings);
    }

    /// <summary>Puts the proposal in use; <paramref name="keep"/> makes it outlive the service visit.</summary>
    public void Apply(bool keep)
    {
        var proposed = Volatile.Read(ref _proposed)!;
        Volatile.Write(ref _inUse, proposed);
        Volatile.Write(ref _proposed, null);
        if (keep)
        {
            _kept = proposed;
        }
    }

    /// <summary>A visit starts clean: settings proposed before it are not the engineer's to apply.</summary>
    public void DropProposal() => Volatile.Write(ref _proposed, null);

    /// <summary>
    /// Settings on trial and settings proposed but not applied end with the visit, however it ends
    /// (exit, fault, power-off): only confirmed ones outlive it.
    /// </summary>
    public void EndVisit()
    {
        Volatile.Write(ref _inUse, _kept);
        Volatile.Write(ref _proposed, null);
    }
}
