using System.Collections.Concurrent;

namespace MotCua.Data;

/// <summary>
/// Caches SQL texts derived from other texts (a batch of queued statements, its parameters renamed), so a hot path does not
/// rebuild them on every save. Bounded: once full, texts are built and not kept (a caller whose texts vary does not grow it).
/// </summary>
internal static class SqlTexts
{
    public const int MaxEntries = 256;

    public static string Get<TKey>(ConcurrentDictionary<TKey, string> cache, TKey key, Func<TKey, string> make) where TKey : notnull
    {
        if (cache.TryGetValue(key, out var text)) return text;
        text = make(key);
        if (cache.Count < MaxEntries) cache.TryAdd(key, text);
        return text;
    }
}
