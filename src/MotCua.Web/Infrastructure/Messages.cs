using System.Resources;

[assembly: NeutralResourcesLanguage("vi")]

namespace MotCua.Web;

/// <summary>Marker for the UI and API messages in Resources/Messages*.resx (vi default, en, fr).</summary>
public sealed class Messages;
