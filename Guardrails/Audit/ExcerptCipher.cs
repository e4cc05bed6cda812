using System.Security.Cryptography;
using System.Text;

namespace Guardrails.Audit;

/// <summary>AES-256-GCM for excerpts (under a user's key) and for user keys (under the wrapping key). The
/// stored form is nonce ‖ ciphertext ‖ tag; the associated data binds a ciphertext to its owner.</summary>
internal static class ExcerptCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Encrypt(byte[] key, ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(associatedData));
        return output;
    }

    public static bool TryDecrypt(byte[] key, byte[] sealedData, string associatedData, out byte[] plaintext)
    {
        plaintext = [];
        if (sealedData.Length < NonceSize + TagSize)
        {
            return false;
        }

        var length = sealedData.Length - NonceSize - TagSize;
        var output = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedData.AsSpan(0, NonceSize), sealedData.AsSpan(NonceSize, length), sealedData.AsSpan(NonceSize + length), output, Encoding.UTF8.GetBytes(associatedData));
            plaintext = output;
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
