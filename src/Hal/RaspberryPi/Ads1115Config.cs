namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// The ADS1115 config register, field by field, with the one encoding to and from its 16 bits.
/// </summary>
/// <remarks>
/// Bit 15 OS, 14:12 MUX, 11:9 PGA, 8 MODE, 7:5 DR, 4 COMP_MODE, 3 COMP_POL, 2 COMP_LAT,
/// 1:0 COMP_QUE. OS means two things: written 1 it starts a single-shot conversion, read back it
/// says whether the device is idle (1) or converting (0). A default instance is all-zero bits; start
/// from <see cref="PowerOnReset"/> and change fields with <c>with</c>.
/// </remarks>
public readonly record struct Ads1115Config
{
    /// <summary>What the config register holds after power-on: idle, AIN0−AIN1, ±2.048 V, single-shot, 128 SPS, comparator off.</summary>
    public const ushort ResetValue = 0x8583;

    private const int OsBit = 15;
    private const int MuxShift = 12;
    private const int PgaShift = 9;
    private const int ModeBit = 8;
    private const int DrShift = 5;
    private const int CompModeBit = 4;
    private const int CompPolBit = 3;
    private const int CompLatBit = 2;
    private const int CompQueShift = 0;

    public static Ads1115Config PowerOnReset { get; } = Decode(ResetValue);

    /// <summary>OS, bit 15: write true to start a single-shot conversion; reads true when no conversion is in progress.</summary>
    public bool OperationalStatus { get; init; }

    public Ads1115InputMultiplexer Input { get; init; }
    public Ads1115Gain Gain { get; init; }
    public Ads1115Mode Mode { get; init; }
    public Ads1115DataRate DataRate { get; init; }
    public Ads1115ComparatorMode ComparatorMode { get; init; }
    public Ads1115ComparatorPolarity ComparatorPolarity { get; init; }

    /// <summary>COMP_LAT, bit 2: ALERT stays asserted until read (true) or follows the comparator (false, the default).</summary>
    public bool ComparatorLatching { get; init; }

    public Ads1115ComparatorQueue ComparatorQueue { get; init; }

    /// <summary>The register's bits. A field outside its enum is masked to its width, never spilled into its neighbours.</summary>
    public ushort Encode() => (ushort)(
        Bit(OperationalStatus, OsBit)
        | Field((int)Input, MuxShift, 0b111)
        | Field((int)Gain, PgaShift, 0b111)
        | Field((int)Mode, ModeBit, 0b1)
        | Field((int)DataRate, DrShift, 0b111)
        | Field((int)ComparatorMode, CompModeBit, 0b1)
        | Field((int)ComparatorPolarity, CompPolBit, 0b1)
        | Bit(ComparatorLatching, CompLatBit)
        | Field((int)ComparatorQueue, CompQueShift, 0b11));

    /// <summary>Reads every field out of the register's bits (PGA 110 and 111 read as ±0.256 V, which they are).</summary>
    public static Ads1115Config Decode(ushort bits) => new()
    {
        OperationalStatus = Extract(bits, OsBit, 0b1) != 0,
        Input = (Ads1115InputMultiplexer)Extract(bits, MuxShift, 0b111),
        Gain = (Ads1115Gain)Math.Min(Extract(bits, PgaShift, 0b111), (int)Ads1115Gain.FullScale256mV),
        Mode = (Ads1115Mode)Extract(bits, ModeBit, 0b1),
        DataRate = (Ads1115DataRate)Extract(bits, DrShift, 0b111),
        ComparatorMode = (Ads1115ComparatorMode)Extract(bits, CompModeBit, 0b1),
        ComparatorPolarity = (Ads1115ComparatorPolarity)Extract(bits, CompPolBit, 0b1),
        ComparatorLatching = Extract(bits, CompLatBit, 0b1) != 0,
        ComparatorQueue = (Ads1115ComparatorQueue)Extract(bits, CompQueShift, 0b11),
    };

    private static int Bit(bool set, int position) => set ? 1 << position : 0;

    private static int Field(int value, int shift, int mask) => (value & mask) << shift;

    private static int Extract(ushort bits, int shift, int mask) => (bits >> shift) & mask;
}
