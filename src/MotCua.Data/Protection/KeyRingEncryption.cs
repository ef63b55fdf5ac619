using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace MotCua.Data.Protection;

/// <summary>
/// Encrypts the data-protection key ring's XML with the personal-data key (<see cref="PersonalDataCipher"/>, AES-GCM) before
/// it is stored in the database, so that a copy of the database alone cannot forge sign-in cookies. The decryptor is
/// created by the framework from its type name, so both read the process's <see cref="PersonalDataCipher.Current"/>.
/// </summary>
public sealed class KeyRingXmlEncryptor : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("encryptedKey", PersonalDataCipher.Required.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting))),
            typeof(KeyRingXmlDecryptor));
}

/// <inheritdoc cref="KeyRingXmlEncryptor"/>
public sealed class KeyRingXmlDecryptor : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) => XElement.Parse(PersonalDataCipher.Required.Unprotect(encryptedElement.Value));
}
