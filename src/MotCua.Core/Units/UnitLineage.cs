namespace MotCua.Core.Units;

/// <summary>
/// Answers, over successions, "which current unit(s) does an old code belong to" and "which old units make up this
/// current unit", through any number of steps.
/// <para>
/// Codes are reused (a new unit usually keeps the code of one unit it absorbed, and a code can even pass to an
/// unrelated unit), so a code names a different unit before and after each succession date. The walk is dated:
/// forwards, a code means its earliest unit and each step follows the code's next succession date after the one it
/// arrived on; backwards, a code means its latest unit and each step follows the latest date before. A succession
/// from a code to itself means the unit went on under its code.
/// </para>
/// Results are distinct codes in ordinal order.
/// </summary>
public sealed class UnitLineage
{
    private readonly Dictionary<string, List<SuccessionRecord>> _from = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SuccessionRecord>> _into = new(StringComparer.Ordinal);

    public UnitLineage(IEnumerable<SuccessionRecord> successions)
    {
        ArgumentNullException.ThrowIfNull(successions);
        foreach (var succession in successions)
        {
            Add(_from, succession.PredecessorCode, succession);
            Add(_into, succession.SuccessorCode, succession);
        }
    }

    /// <summary>The last successors of the (earliest) unit with this code; the code itself when it has none.</summary>
    public IReadOnlyList<string> SuccessorsOf(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<(string, DateOnly?)>();
        var pending = new Stack<(string Code, DateOnly? After)>([(code, null)]);
        while (pending.TryPop(out var step))
        {
            if (!seen.Add(step))
                continue;
            var next = _from.GetValueOrDefault(step.Code, [])
                .Where(s => step.After is null || s.EffectiveOn > step.After)
                .GroupBy(s => s.EffectiveOn).MinBy(g => g.Key);
            if (next is null)
                result.Add(step.Code);
            else
                foreach (var succession in next)
                    pending.Push((succession.SuccessorCode, succession.EffectiveOn));
        }
        return [.. result];
    }

    /// <summary>Every earlier unit that went, wholly or partly, into the (latest) unit with this code; not the code itself.</summary>
    public IReadOnlyList<string> PredecessorsOf(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<(string, DateOnly?)>();
        var pending = new Stack<(string Code, DateOnly? Before)>([(code, null)]);
        while (pending.TryPop(out var step))
        {
            if (!seen.Add(step))
                continue;
            var previous = _into.GetValueOrDefault(step.Code, [])
                .Where(s => step.Before is null || s.EffectiveOn < step.Before)
                .GroupBy(s => s.EffectiveOn).MaxBy(g => g.Key);
            foreach (var succession in previous ?? Enumerable.Empty<SuccessionRecord>())
            {
                if (succession.PredecessorCode != code)
                    result.Add(succession.PredecessorCode);
                pending.Push((succession.PredecessorCode, succession.EffectiveOn));
            }
        }
        return [.. result];
    }

    /// <summary>The code followed by <see cref="PredecessorsOf"/>: every code whose area went, wholly or partly, into this unit.</summary>
    public IReadOnlyList<string> SelfAndPredecessors(string code) => [code, .. PredecessorsOf(code)];

    private static void Add(Dictionary<string, List<SuccessionRecord>> index, string code, SuccessionRecord succession)
    {
        if (!index.TryGetValue(code, out var list))
            index.Add(code, list = []);
        list.Add(succession);
    }
}
