namespace MotCua.Core.Dossiers;

/// <summary>What comes with an action: a note, an assignee, a new appointment, a target agency.</summary>
public sealed record DossierActionInput(
    string? Note = null,
    string? Assignee = null,
    DateTimeOffset? NewDueAt = null,
    string? TargetAgency = null);
