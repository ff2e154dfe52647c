namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// When and how often the <see cref="Ads1115"/> driver tries to bring back a converter that stopped
/// answering (NACKs) or stopped finishing conversions (busy bit stuck).
/// </summary>
/// <remarks>
/// A single NACK is usually a glitch and the next transfer works, so recovery starts only after
/// <see cref="FailuresBeforeRecovery"/> failures in a row. From then on the driver leaves the bus
/// alone between attempts, doubling the pause from <see cref="InitialBackOff"/> up to
/// <see cref="MaxBackOff"/>, so that a dead chip does not cost a bus transaction on every 2 ms tick.
/// </remarks>
public sealed record Ads1115RecoveryPolicy : ISettingsSection
{
    public static Ads1115RecoveryPolicy Default { get; } = new();

    /// <summary>Consecutive failed operations (bus errors or timeouts) before the driver starts recovering.</summary>
    public int FailuresBeforeRecovery { get; init; } = 3;

    /// <summary>The pause before the first recovery attempt.</summary>
    public TimeSpan InitialBackOff { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest pause between attempts.</summary>
    public TimeSpan MaxBackOff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Adds every setting that makes no sense under <paramref name="errors"/>'s keys.</summary>
    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (FailuresBeforeRecovery < 1)
        {
            errors.Add(nameof(FailuresBeforeRecovery), "AtLeastOne", "must be at least 1, was {0}", FailuresBeforeRecovery);
        }

        if (InitialBackOff <= TimeSpan.Zero)
        {
            errors.Add(nameof(InitialBackOff), "PositiveTime", "must be positive, was {0}", InitialBackOff);
        }
        else if (MaxBackOff < InitialBackOff)
        {
            errors.Add(nameof(MaxBackOff), "NotShorterThan", "must not be shorter than {1} ({2}), was {0}", MaxBackOff, nameof(InitialBackOff), InitialBackOff);
        }
    }
}
