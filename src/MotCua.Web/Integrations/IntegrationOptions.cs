namespace MotCua.Web.Integrations;

/// <summary>The <c>Integrations</c> section: the outbox worker, the partners' addresses and the simulators.</summary>
public sealed class IntegrationOptions
{
    public const string Section = "Integrations";

    /// <summary>Runs the outbox worker on this node. Messages are recorded in the outbox whether or not it runs.</summary>
    public bool Enabled { get; set; }
    /// <summary>This node's name in claims (default: machine name and process id).</summary>
    public string? NodeId { get; set; }
    public int PollIntervalMs { get; set; } = 1000;
    public int BatchSize { get; set; } = 50;
    /// <summary>How many messages of one partner are sent at the same time.</summary>
    public int Concurrency { get; set; } = 8;
    /// <summary>How long a claim holds; a node that died releases its messages when it runs out.</summary>
    public int LeaseSeconds { get; set; } = 120;
    public int RequestTimeoutSeconds { get; set; } = 30;
    /// <summary>The first retry delay, doubled on each failure up to <see cref="BackoffMaxSeconds"/>, with jitter. Retries never end.</summary>
    public double BackoffFirstSeconds { get; set; } = 5;
    public double BackoffMaxSeconds { get; set; } = 600;
    /// <summary>Delivered messages are deleted this many days after delivery (0: kept forever). Undelivered ones never are.</summary>
    public int RetainDeliveredDays { get; set; } = 90;
    /// <summary>How often a node runs the purge of delivered messages.</summary>
    public int PurgeIntervalMinutes { get; set; } = 60;
    public BreakerOptions Breaker { get; set; } = new();
    public Dictionary<string, PartnerOptions> Partners { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public SimulatorOptions Simulators { get; set; } = new();

    public string NodeName => string.IsNullOrWhiteSpace(NodeId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : NodeId;

    public string? BaseUrlOf(string partner) =>
        Partners.TryGetValue(partner, out var p) && !string.IsNullOrWhiteSpace(p.BaseUrl) ? p.BaseUrl : null;
}

public sealed class PartnerOptions
{
    /// <summary>The partner's address, ending with '/'. Empty: nothing is sent to it (messages wait).</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>The circuit breaker per partner (Polly): stops calling a partner that fails, tries again after the break.</summary>
public sealed class BreakerOptions
{
    public double FailureRatio { get; set; } = 0.5;
    public int MinimumThroughput { get; set; } = 10;
    public int SamplingSeconds { get; set; } = 30;
    public int BreakSeconds { get; set; } = 30;
}

public sealed class SimulatorOptions
{
    /// <summary>Maps /simulators/{partner}/... in this host (Development and tests; refused in Production).</summary>
    public bool Enabled { get; set; }
}
