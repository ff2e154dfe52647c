namespace HydroOxygen.Controller.Loop;

/// <summary>
/// Which part of the process's life a tick belongs to, so that the loop's timing can be told apart:
/// the start (the rest of the host still starting, JIT and start-up allocations on the other
/// threads), the steady state the timing targets are about, and the stop (the shutdown sequence
/// while the host tears down). Every tick belongs to exactly one.
/// </summary>
public enum LoopPhase
{
    StartUp = 0,
    Steady = 1,
    Stopping = 2,
}
