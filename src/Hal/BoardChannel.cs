namespace HydroOxygen.Hal;

/// <summary>Every electrical channel of the device (DESIGN §1.2).</summary>
public enum BoardChannel : byte
{
    /// <summary>SV_O2: oxygen cylinder to the source line, normally closed.</summary>
    OxygenSourceValve,

    /// <summary>SV_AIR: compressor tank to the source line, normally closed.</summary>
    CompressorSourceValve,

    /// <summary>PV: proportional inlet valve from the source line into the manifold, PWM-driven.</summary>
    InletValve,

    /// <summary>VV: manifold vent to atmosphere, normally open.</summary>
    VentValve,

    /// <summary>CV: manifold to the nutrient bottle, normally closed.</summary>
    ChargeValve,

    /// <summary>SPV: manifold to the handpiece hose, normally closed.</summary>
    SprayValve,

    /// <summary>Compressor motor contactor.</summary>
    Compressor,

    /// <summary>P_out: manifold (output) pressure, on its own ADC in continuous mode.</summary>
    OutletPressure,

    /// <summary>P_bottle: nutrient-bottle headspace pressure.</summary>
    BottlePressure,

    /// <summary>P_src: source-line pressure (cylinder regulator output or compressor tank).</summary>
    SourcePressure,

    /// <summary>Foot switch (pedal).</summary>
    FootSwitch,

    /// <summary>Front-panel rocker power switch (a soft switch: off starts the shutdown sequence).</summary>
    PowerSwitch,

    /// <summary>Liquid-level switch in the nutrient bottle: active while liquid is above the low mark.</summary>
    LiquidLevel,

    /// <summary>Optional front-panel pressure knob (potentiometer).</summary>
    PressureKnob,

    /// <summary>Alarm lamp and buzzer.</summary>
    Indicator,
}
