using MotCua.Core.Units;

namespace MotCua.Core.Tests.Units;

public class UnitLineageTests
{
    private static readonly DateOnly Reform = new(2025, 7, 1);
    private static readonly DateOnly Earlier = new(2020, 1, 1);

    private static SuccessionRecord Merge(string from, string into, DateOnly on, bool partial = false) => new(from, into, on, partial);

    [Fact]
    public void An_old_code_resolves_to_its_new_unit()
    {
        var lineage = new UnitLineage([Merge("A", "N", Reform), Merge("B", "N", Reform)]);

        Assert.Equal(["N"], lineage.SuccessorsOf("A"));
        Assert.Equal(["N"], lineage.SuccessorsOf("N"));
        Assert.Equal(["Q"], lineage.SuccessorsOf("Q"));
    }

    [Fact]
    public void A_new_unit_lists_its_old_units()
    {
        var lineage = new UnitLineage([Merge("A", "N", Reform), Merge("B", "N", Reform), Merge("C", "M", Reform)]);

        Assert.Equal(["A", "B"], lineage.PredecessorsOf("N"));
        Assert.Equal(["N", "A", "B"], lineage.SelfAndPredecessors("N"));
        Assert.Empty(lineage.PredecessorsOf("A"));
    }

    [Fact]
    public void A_two_step_chain_resolves_transitively()
    {
        var lineage = new UnitLineage([Merge("A", "B", Earlier), Merge("C", "B", Earlier), Merge("B", "N", Reform), Merge("D", "N", Reform)]);

        Assert.Equal(["N"], lineage.SuccessorsOf("A"));
        Assert.Equal(["A", "B", "C", "D"], lineage.PredecessorsOf("N"));
        Assert.Equal(["A", "C"], lineage.PredecessorsOf("B"));
    }

    [Fact]
    public void A_unit_that_keeps_its_code_is_its_own_successor()
    {
        var lineage = new UnitLineage([Merge("A", "A", Reform), Merge("B", "A", Reform)]);

        Assert.Equal(["A"], lineage.SuccessorsOf("A"));
        Assert.Equal(["A"], lineage.SuccessorsOf("B"));
        Assert.Equal(["B"], lineage.PredecessorsOf("A"));
        Assert.Equal(["A", "B"], lineage.SelfAndPredecessors("A"));
    }

    [Fact]
    public void A_split_unit_has_every_part_as_successor()
    {
        var lineage = new UnitLineage([Merge("S", "N", Reform, partial: true), Merge("S", "M", Reform, partial: true)]);

        Assert.Equal(["M", "N"], lineage.SuccessorsOf("S"));
        Assert.Equal(["S"], lineage.PredecessorsOf("M"));
    }

    [Fact]
    public void A_code_passed_to_an_unrelated_unit_is_read_by_date()
    {
        // Old R went into N on the reform date; from then on R is the code of another unit, formed from P.
        var lineage = new UnitLineage([Merge("R", "N", Reform), Merge("P", "R", Reform)]);

        Assert.Equal(["N"], lineage.SuccessorsOf("R"));
        Assert.Equal(["P"], lineage.PredecessorsOf("R"));
        Assert.Equal(["R"], lineage.PredecessorsOf("N"));
    }

    [Fact]
    public void Codes_swapped_on_one_date_do_not_loop()
    {
        // Each step moves strictly forward (or backward) in time, so even a swap of codes ends.
        var lineage = new UnitLineage([Merge("A", "B", Reform), Merge("B", "A", Reform)]);

        Assert.Equal(["B"], lineage.SuccessorsOf("A"));
        Assert.Equal(["A"], lineage.PredecessorsOf("B"));
    }
}
