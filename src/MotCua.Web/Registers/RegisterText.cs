namespace MotCua.Web.Registers;

/// <summary>Marker for the texts of the register feature (API messages and pages) in Resources/Registers/RegisterText*.resx.</summary>
public sealed class RegisterText;
