namespace MotCua.Core.Dossiers;

/// <summary>Where a dossier stands in its life (PRODUCT.md, "Shape of a dossier's life").</summary>
public enum DossierStatus
{
    Received = 0,
    Assigned = 1,
    Processing = 2,
    SupplementRequested = 3,
    AwaitingApproval = 4,
    Approved = 5,
    Rejected = 6,
    /// <summary>Sent to another agency or level that settles it (e.g. the land registration office).</summary>
    Transferred = 7,
    ResultReady = 8,
    Returned = 9,
    Withdrawn = 10,
}

/// <summary>What an actor does to a dossier; every change of state is one of these.</summary>
public enum DossierAction
{
    Assign,
    StartProcessing,
    RequestSupplement,
    Resubmit,
    SubmitForApproval,
    Approve,
    Reject,
    MarkResultReady,
    ReturnResult,
    Withdraw,
    Transfer,
    Apologize,
}

/// <summary>How a dossier reached the center.</summary>
public enum IntakeChannel
{
    Online = 0,
    Counter = 1,
    Post = 2,
    /// <summary>A paper dossier received while systems were down, entered later with its real receipt time.</summary>
    BackEntry = 3,
}

/// <summary>The decision on a dossier, kept once the status moves on to result ready and returned.</summary>
public enum DossierOutcome
{
    None = 0,
    Approved = 1,
    Rejected = 2,
    SettledElsewhere = 3,
}
