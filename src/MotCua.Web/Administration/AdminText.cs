namespace MotCua.Web.Administration;

/// <summary>
/// Marker for the province administrator's page texts in Resources/Administration/AdminText*.resx (Vietnamese neutral,
/// English, French). Rules shared with the API keep their messages in <see cref="Messages"/>.
/// </summary>
public sealed class AdminText;
