using MotCua.Core.Catalog;
using MotCua.Core.Dossiers;
using static MotCua.Core.Dossiers.DossierAction;
using static MotCua.Core.Dossiers.DossierStatus;

namespace MotCua.Core.Tests.Dossiers;

/// <summary>Every status × every action, driven by real actions, against a table written here by hand.</summary>
public class DossierStateMachineTests
{
    /// <summary>Sentinel target: the action keeps the status it was taken from (Apologize).</summary>
    private const DossierStatus Same = (DossierStatus)(-1);

    /// <summary>The dossier's life (PRODUCT.md, "Shape of a dossier's life"): (action, from) → to.</summary>
    private static readonly Dictionary<(DossierAction Action, DossierStatus From), DossierStatus> Expected = new()
    {
        [(Assign, Received)] = Assigned,
        [(Assign, Assigned)] = Assigned,                  // re-assignment

        [(StartProcessing, Assigned)] = Processing,

        [(RequestSupplement, Received)] = SupplementRequested,
        [(RequestSupplement, Assigned)] = SupplementRequested,
        [(RequestSupplement, Processing)] = SupplementRequested,

        [(Resubmit, SupplementRequested)] = Received,     // back to where it was: Received on the driven path

        [(SubmitForApproval, Processing)] = AwaitingApproval,

        [(Approve, AwaitingApproval)] = Approved,

        [(Reject, Received)] = Rejected,
        [(Reject, Assigned)] = Rejected,
        [(Reject, Processing)] = Rejected,
        [(Reject, AwaitingApproval)] = Rejected,

        [(MarkResultReady, Approved)] = ResultReady,
        [(MarkResultReady, Rejected)] = ResultReady,
        [(MarkResultReady, Transferred)] = ResultReady,

        [(ReturnResult, ResultReady)] = Returned,

        [(Withdraw, Received)] = Withdrawn,
        [(Withdraw, Assigned)] = Withdrawn,
        [(Withdraw, Processing)] = Withdrawn,
        [(Withdraw, SupplementRequested)] = Withdrawn,
        [(Withdraw, AwaitingApproval)] = Withdrawn,

        [(Transfer, Received)] = Transferred,
        [(Transfer, Assigned)] = Transferred,
        [(Transfer, Processing)] = Transferred,

        [(Apologize, Received)] = Same,
        [(Apologize, Assigned)] = Same,
        [(Apologize, Processing)] = Same,
        [(Apologize, AwaitingApproval)] = Same,
        [(Apologize, Approved)] = Same,
        [(Apologize, Rejected)] = Same,
        [(Apologize, Transferred)] = Same,
    };

    public static TheoryData<DossierStatus, DossierAction> EveryStatusAndAction()
    {
        var data = new TheoryData<DossierStatus, DossierAction>();
        foreach (DossierStatus status in Enum.GetValues<DossierStatus>())
        {
            foreach (DossierAction action in Enum.GetValues<DossierAction>())
            {
                data.Add(status, action);
            }
        }
        return data;
    }

    public static TheoryData<DossierStatus> EveryStatus() => new(Enum.GetValues<DossierStatus>());

    [Fact]
    public void The_rule_table_allows_exactly_the_transitions_of_the_expected_table()
    {
        var allowed = new HashSet<(DossierAction, DossierStatus)>();
        foreach (DossierStatus status in Enum.GetValues<DossierStatus>())
        {
            foreach (DossierAction action in Enum.GetValues<DossierAction>())
            {
                if (DossierTransitionRules.Allows(status, action))
                {
                    allowed.Add((action, status));
                }
            }
        }

        Assert.Equal(Expected.Keys.OrderBy(k => k.ToString()), allowed.OrderBy(k => k.ToString()));
    }

    [Fact]
    public void Every_action_has_a_rule_and_no_status_is_governed_by_two_rules_of_one_action()
    {
        Assert.Equal(Enum.GetValues<DossierAction>().Order(), DossierTransitionRules.All.Select(r => r.Action).Distinct().Order());
        foreach (var group in DossierTransitionRules.All.GroupBy(r => r.Action))
        {
            var froms = group.SelectMany(r => r.From).ToList();
            Assert.Equal(froms.Count, froms.Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void The_driver_reaches_every_status_by_real_actions(DossierStatus status)
    {
        DossierDriver driver = DossierDriver.At(status);

        Assert.Equal(status, driver.Dossier.Status);
        Assert.Equal(DossierKit.PathTo(status).Count + 1, driver.Dossier.History.Count);
        Assert.Equal(status, driver.Dossier.History[^1].ToStatus);
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndAction))]
    public void An_action_succeeds_exactly_when_the_status_allows_it(DossierStatus status, DossierAction action)
    {
        DossierDriver driver = DossierDriver.At(status);
        Dossier dossier = driver.Dossier;
        object before = DossierKit.Snapshot(dossier);
        int version = dossier.Version;
        int historyCount = dossier.History.Count;

        if (DossierTransitionRules.Allows(status, action))
        {
            driver.Do(action);

            DossierStatus expected = Expected[(action, status)];
            Assert.Equal(expected == Same ? status : expected, dossier.Status);
            Assert.Equal(version + 1, dossier.Version);
            Assert.Equal(historyCount + 1, dossier.History.Count);
            Assert.Equal(status, dossier.History[^1].FromStatus);
            Assert.Equal(dossier.Status, dossier.History[^1].ToStatus);
        }
        else
        {
            Assert.False(Expected.ContainsKey((action, status)));
            Assert.Equal("TransitionNotAllowed", driver.Refused(action));
            Assert.Equal(before, DossierKit.Snapshot(dossier));
        }
    }

    [Theory]
    [InlineData(Received)]
    [InlineData(Assigned)]
    [InlineData(Processing)]
    public void Resubmit_returns_to_the_status_the_supplement_was_requested_from(DossierStatus before)
    {
        DossierDriver driver = DossierDriver.At(before).Do(RequestSupplement);
        Assert.Equal(SupplementRequested, driver.Dossier.Status);
        Assert.Equal(before, driver.Dossier.StatusBeforeSupplement);

        driver.Do(Resubmit);

        Assert.Equal(before, driver.Dossier.Status);
        Assert.Null(driver.Dossier.StatusBeforeSupplement);
        Assert.Equal(SupplementRequested, driver.Dossier.History[^1].FromStatus);
        Assert.Equal(before, driver.Dossier.History[^1].ToStatus);
    }

    [Fact]
    public void Outcome_follows_the_decision_and_survives_result_ready_and_return()
    {
        Dossier approved = DossierDriver.At(Returned).Dossier;
        Dossier rejected = DossierDriver.At(Rejected).Do(MarkResultReady).Do(ReturnResult).Dossier;
        Dossier transferred = DossierDriver.At(Transferred).Do(MarkResultReady).Dossier;
        Dossier open = DossierDriver.At(Processing).Dossier;

        Assert.Equal(DossierOutcome.Approved, approved.Outcome);
        Assert.Equal(DossierOutcome.Rejected, rejected.Outcome);
        Assert.Equal(DossierOutcome.SettledElsewhere, transferred.Outcome);
        Assert.Equal(DossierOutcome.None, open.Outcome);
    }

    [Fact]
    public void Result_ready_sets_CompletedAt_and_return_sets_ReturnedAt()
    {
        DossierDriver driver = DossierDriver.At(Approved).Do(MarkResultReady);
        DateTimeOffset readyAt = driver.Now;
        driver.Do(ReturnResult);

        Assert.Equal(readyAt, driver.Dossier.CompletedAt);
        Assert.Equal(driver.Now, driver.Dossier.ReturnedAt);
    }

    [Fact]
    public void Assign_records_the_assignee_and_transfer_the_target_agency()
    {
        Dossier assigned = DossierDriver.At(Received).Do(Assign, input: new DossierActionInput(Assignee: "  binh  ")).Dossier;
        Dossier transferred = DossierDriver.At(Received).Do(Transfer, input: new DossierActionInput(TargetAgency: " 000.00.00.H79 ")).Dossier;

        Assert.Equal("binh", assigned.Assignee);
        Assert.Equal("binh", assigned.History[^1].Assignee);
        Assert.Equal("000.00.00.H79", transferred.TransferredTo);
    }

    [Theory]
    [InlineData(Returned, true)]
    [InlineData(Withdrawn, true)]
    [InlineData(Received, false)]
    [InlineData(Assigned, false)]
    [InlineData(Processing, false)]
    [InlineData(SupplementRequested, false)]
    [InlineData(AwaitingApproval, false)]
    [InlineData(Approved, false)]
    [InlineData(Rejected, false)]
    [InlineData(Transferred, false)]
    [InlineData(ResultReady, false)]
    public void Only_returned_and_withdrawn_are_final(DossierStatus status, bool final)
    {
        Assert.Equal(final, DossierTransitionRules.IsFinal(status));
        if (final)
        {
            Assert.Empty(DossierTransitionRules.Available(status, DossierKit.AllRoles));
        }
        else
        {
            Assert.NotEmpty(DossierTransitionRules.Available(status, DossierKit.AllRoles));
        }
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Available_to_an_all_roles_actor_is_every_action_the_status_allows(DossierStatus status)
    {
        IEnumerable<DossierAction> expected = Expected.Keys.Where(k => k.From == status).Select(k => k.Action);

        Assert.Equal(expected.Order(), DossierTransitionRules.Available(status, DossierKit.AllRoles).Order());
    }

    [Fact]
    public void Available_filters_by_role()
    {
        Actor citizen = DossierKit.Person("lan", Roles.Citizen);
        Actor officer = DossierKit.Person("hoa", Roles.Officer);

        Assert.Equal(new[] { Resubmit, Withdraw }, DossierTransitionRules.Available(SupplementRequested, citizen).Order());
        Assert.Equal(new[] { Withdraw }, DossierTransitionRules.Available(Processing, citizen));
        Assert.Equal(new[] { ReturnResult }, DossierTransitionRules.Available(ResultReady, officer));
        Assert.Empty(DossierTransitionRules.Available(Processing, DossierKit.Person("admin", Roles.ProvinceAdmin)));
    }
}
