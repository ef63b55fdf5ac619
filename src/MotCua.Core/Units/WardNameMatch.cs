namespace MotCua.Core.Units;

/// <summary>
/// The outcome of looking a unit up by name within a province: the one code found (<see cref="Code"/>), or the several
/// that fit (<see cref="Candidates"/>, ambiguous), or none. <see cref="IgnoringDiacritics"/> tells that only the
/// accent-insensitive key matched.
/// </summary>
internal readonly record struct WardNameMatch(string? Code, IReadOnlyList<string> Candidates, bool IgnoringDiacritics)
{
    public static readonly WardNameMatch None = new(null, [], false);

    public bool IsAmbiguous => Candidates.Count > 1;
}
