namespace MotCua.Web.Portal;

/// <summary>Marker for the citizen portal's texts in Resources/Portal/PortalText*.resx (vi default, en, fr).</summary>
public sealed class PortalText;
