namespace MotCua.Core.Units;

/// <summary>
/// <paramref name="PredecessorCode"/> merged into <paramref name="SuccessorCode"/> on <paramref name="EffectiveOn"/>:
/// wholly, or partly when <paramref name="Partial"/> is true (the predecessor was split between several successors).
/// Predecessor and successor may carry the same code: the new unit kept the code of one of the units it absorbed.
/// </summary>
public sealed record SuccessionRecord(string PredecessorCode, string SuccessorCode, DateOnly EffectiveOn, bool Partial);
