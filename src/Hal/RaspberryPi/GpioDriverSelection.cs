using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// What goes with each configured <see cref="GpioDriverKind"/>: how its chips are listed, which
/// chip it opens when the configuration leaves it to be found, and which Debian package it needs.
/// </summary>
/// <remarks>
/// The two libgpiod drivers sit on different native libraries — <see cref="LibGpiodDriver"/> on
/// libgpiod v1 (libgpiod.so.2, Debian package libgpiod2, Bookworm), <see cref="LibGpiodV2Driver"/>
/// on the v2 API (libgpiod.so.3, package libgpiod3, trixie) — and an image usually carries only one
/// of them. Chip discovery must go through the configured driver's own library: listing chips with
/// the other one fails on exactly the images the configured driver was chosen for.
/// </remarks>
internal static class GpioDriverSelection
{
    /// <summary>The chip enumeration of <paramref name="driver"/>'s own library.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The driver does not address a chip (RaspberryPi3, SysFs).</exception>
    public static Func<IList<GpioChipInfo>> ChipListerFor(GpioDriverKind driver) => driver switch
    {
        GpioDriverKind.LibGpiodV2 => LibGpiodV2Driver.GetAvailableChips,
        GpioDriverKind.LibGpiod => LibGpiodDriver.GetAvailableChips,
        _ => throw new ArgumentOutOfRangeException(nameof(driver), driver, "Only the libgpiod drivers are opened on a chip."),
    };

    /// <summary>
    /// The configured chip, or — for -1 — the chip that carries the 40-pin header: the one with the
    /// most lines (gpiochip0 on a Pi 4; on a Pi 5 the RP1's, whose number depends on the kernel).
    /// </summary>
    /// <param name="listChips">The driver's chip enumeration (<see cref="ChipListerFor"/>); not called when a chip is configured.</param>
    public static int ResolveChip(GpioDriverKind driver, int configuredChip, Func<IList<GpioChipInfo>> listChips)
    {
        ArgumentNullException.ThrowIfNull(listChips);
        if (configuredChip >= 0)
        {
            return configuredChip;
        }

        var chips = listChips();
        if (chips.Count == 0)
        {
            throw new DeviceUnavailableException(
                $"The {driver} GPIO driver found no GPIO chip (is /dev/gpiochip* accessible to the service user, in the gpio group?).");
        }

        return chips.MaxBy(c => c.NumLines)!.Id;
    }

    /// <summary>What to install, or configure instead, when <paramref name="driver"/>'s native library is missing; empty if it needs none.</summary>
    public static string MissingLibraryHint(GpioDriverKind driver) => driver switch
    {
        GpioDriverKind.LibGpiodV2 =>
            " (LibGpiodV2 needs libgpiod v2, libgpiod.so.3: sudo apt install libgpiod3 on Raspberry Pi OS / Debian 13 trixie;"
            + " Bookworm has only libgpiod v1 — set Device:RaspberryPi:GpioDriver to LibGpiod there)",
        GpioDriverKind.LibGpiod =>
            " (LibGpiod needs libgpiod v1, libgpiod.so.2: sudo apt install libgpiod2 on Raspberry Pi OS / Debian 12 Bookworm;"
            + " trixie ships libgpiod v2 — set Device:RaspberryPi:GpioDriver to LibGpiodV2 there)",
        _ => "",
    };

    /// <summary>Whether opening a driver failed because its native library is not installed.</summary>
    public static bool IsMissingLibrary(Exception ex)
    {
        // LibGpiodDriver turns the DllNotFoundException into a PlatformNotSupportedException; the v2
        // driver lets it through, possibly wrapped in a type initializer's exception.
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException or PlatformNotSupportedException)
            {
                return true;
            }
        }

        return false;
    }
}
