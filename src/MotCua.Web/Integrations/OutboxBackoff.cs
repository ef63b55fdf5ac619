namespace MotCua.Web.Integrations;

/// <summary>
/// The delay before the next attempt after a transient failure: the first delay doubled per attempt, capped, with
/// "equal jitter" (between half and all of it) so that nodes and messages do not retry in lockstep. There is no last
/// attempt: an outage of days only means days of capped retries.
/// </summary>
public static class OutboxBackoff
{
    public static TimeSpan Delay(int attempts, double firstSeconds, double maxSeconds, Random? random = null)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min(maxSeconds, firstSeconds * Math.Pow(2, exponent));
        var jitter = (random ?? Random.Shared).NextDouble();
        return TimeSpan.FromSeconds(seconds / 2 + seconds / 2 * jitter);
    }
}
