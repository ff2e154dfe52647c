namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>The JSON-preserving changes of <see cref="JsonMutation"/>.</summary>
internal enum JsonMutationKind
{
    Replace,
    Remove,
    Misspell,
    AddKey,
    WrapInList,
}
