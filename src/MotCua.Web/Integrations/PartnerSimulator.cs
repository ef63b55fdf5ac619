using System.Text.Json.Nodes;

namespace MotCua.Web.Integrations;

/// <summary>How a simulated partner behaves.</summary>
public enum SimulatorMode
{
    Normal,
    /// <summary>The connection is dropped (the partner is unreachable).</summary>
    Down,
    /// <summary>Answers after <see cref="PartnerSimulator.DelayMs"/> (longer than the client's timeout: the sender times out, the partner still records).</summary>
    Slow,
    /// <summary>500 Internal Server Error.</summary>
    Error500,
    /// <summary>422 with a validation problem naming <see cref="PartnerSimulator.RejectedField"/> (a permanent refusal).</summary>
    RejectField,
}

/// <summary>What one simulated partner received, in memory: one record per idempotency key, in arrival order.</summary>
public sealed class PartnerSimulator(string partner)
{
    private readonly Lock _lock = new();
    private readonly List<Received> _received = [];
    private readonly Dictionary<string, Received> _byKey = new(StringComparer.Ordinal);
    private int _hits;
    private int _duplicates;
    private readonly List<string> _duplicateKeys = [];

    public sealed record Received(int Number, string IdempotencyKey, string Path, JsonNode? Body, DateTimeOffset At, string Reference);

    public string Partner => partner;
    public SimulatorMode Mode { get; set; }
    public string RejectedField { get; set; } = "formData.childEthnicity";
    public int DelayMs { get; set; } = 10_000;

    /// <summary>Requests that reached the partner (including duplicates, not those refused by the mode).</summary>
    public int Hits { get { lock (_lock) return _hits; } }
    /// <summary>Requests whose idempotency key had been seen: answered as the first time, not recorded again.</summary>
    public int Duplicates { get { lock (_lock) return _duplicates; } }

    public IReadOnlyList<Received> Snapshot() { lock (_lock) return _received.ToList(); }

    /// <summary>The keys received more than once, once per extra arrival.</summary>
    public IReadOnlyList<string> DuplicateKeys() { lock (_lock) return _duplicateKeys.ToList(); }

    /// <summary>Records a message, or finds the first record of its key; returns it and whether it was a duplicate.</summary>
    public (Received Record, bool Duplicate) Record(string key, string path, JsonNode? body, DateTimeOffset at)
    {
        lock (_lock)
        {
            _hits++;
            if (_byKey.TryGetValue(key, out var existing))
            {
                _duplicates++;
                _duplicateKeys.Add(key);
                return (existing, true);
            }
            var number = _received.Count + 1;
            var record = new Received(number, key, path, body, at, $"{ReferencePrefix(partner)}-{number:000000}");
            _received.Add(record);
            _byKey[key] = record;
            return (record, false);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _received.Clear();
            _byKey.Clear();
            _hits = 0;
            _duplicates = 0;
            _duplicateKeys.Clear();
        }
    }

    private static string ReferencePrefix(string partner) => partner switch
    {
        Partners.Portal => "DVCQG",
        Partners.CivilStatus => "HT",
        Partners.Residence => "CT",
        Partners.HealthInsurance => "BHYT",
        _ => "SIM",
    };
}

/// <summary>The simulated partners of this process.</summary>
public sealed class PartnerSimulators
{
    private readonly Dictionary<string, PartnerSimulator> _partners =
        Partners.All.ToDictionary(p => p, p => new PartnerSimulator(p), StringComparer.OrdinalIgnoreCase);

    public PartnerSimulator? Find(string partner) => _partners.GetValueOrDefault(partner);

    public IEnumerable<PartnerSimulator> All => _partners.Values;
}
