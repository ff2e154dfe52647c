using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;

namespace HydroOxygen.Hal.Tests;

/// <summary>
/// The configured GPIO driver decides how chips are found and what to install: no libgpiod is
/// needed to check that the mapping is right, only to run it.
/// </summary>
public class GpioDriverSelectionTests
{
    // A Pi 4: the SoC's 58 lines (the header among them) and the firmware's 8-line expander.
    private static readonly GpioChipInfo[] Pi4Chips =
    [
        new(0, "gpiochip0", "pinctrl-bcm2711", 58),
        new(1, "gpiochip1", "raspberrypi-exp-gpio", 8),
    ];

    [Theory]
    [InlineData(GpioDriverKind.LibGpiodV2, typeof(LibGpiodV2Driver))]
    [InlineData(GpioDriverKind.LibGpiod, typeof(LibGpiodDriver))]
    public void Chips_are_listed_through_the_configured_drivers_own_library(GpioDriverKind driver, Type expectedDriver)
    {
        var lister = GpioDriverSelection.ChipListerFor(driver);

        Assert.Equal(expectedDriver, lister.Method.DeclaringType);
        Assert.Equal(nameof(LibGpiodV2Driver.GetAvailableChips), lister.Method.Name);
    }

    [Theory]
    [InlineData(GpioDriverKind.RaspberryPi3)]
    [InlineData(GpioDriverKind.SysFs)]
    public void Drivers_that_do_not_open_a_chip_have_no_chip_lister(GpioDriverKind driver) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GpioDriverSelection.ChipListerFor(driver));

    [Fact]
    public void Chip_minus_one_opens_the_chip_with_the_most_lines()
    {
        Assert.Equal(0, GpioDriverSelection.ResolveChip(GpioDriverKind.LibGpiodV2, -1, () => Pi4Chips));

        // A Pi 5 on a kernel that numbers the RP1's 54 lines gpiochip4.
        GpioChipInfo[] pi5 = [new(0, "gpiochip0", "gpio-brcmstb@107d508500", 32), new(4, "gpiochip4", "pinctrl-rp1", 54)];
        Assert.Equal(4, GpioDriverSelection.ResolveChip(GpioDriverKind.LibGpiodV2, -1, () => pi5));
    }

    [Fact]
    public void A_configured_chip_is_opened_as_is_without_listing_chips()
    {
        var chip = GpioDriverSelection.ResolveChip(
            GpioDriverKind.LibGpiod, 1, () => throw new InvalidOperationException("must not list chips"));

        Assert.Equal(1, chip);
    }

    [Fact]
    public void No_chip_found_names_the_driver_and_the_device_permissions()
    {
        var ex = Assert.Throws<DeviceUnavailableException>(
            () => GpioDriverSelection.ResolveChip(GpioDriverKind.LibGpiodV2, -1, () => []));

        Assert.Contains("LibGpiodV2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/dev/gpiochip", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GpioDriverKind.LibGpiodV2, "apt install libgpiod3", "GpioDriver to LibGpiod there")]
    [InlineData(GpioDriverKind.LibGpiod, "apt install libgpiod2", "GpioDriver to LibGpiodV2 there")]
    public void A_missing_library_hint_names_the_package_of_the_configured_driver_and_the_alternative(
        GpioDriverKind driver, string install, string alternative)
    {
        var hint = GpioDriverSelection.MissingLibraryHint(driver);

        Assert.Contains(install, hint, StringComparison.Ordinal);
        Assert.Contains(alternative, hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_native_library_is_recognized_however_the_driver_wraps_it()
    {
        Assert.True(GpioDriverSelection.IsMissingLibrary(new DllNotFoundException("libgpiod.so.3")));
        Assert.True(GpioDriverSelection.IsMissingLibrary(new PlatformNotSupportedException("Libgpiod driver not installed.")));
        Assert.True(GpioDriverSelection.IsMissingLibrary(
            new TypeInitializationException("LibgpiodV2", new DllNotFoundException("libgpiod.so.3"))));
        Assert.False(GpioDriverSelection.IsMissingLibrary(new IOException("Permission denied")));
    }
}
