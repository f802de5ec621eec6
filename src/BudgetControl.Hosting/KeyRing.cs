using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace BudgetControl.Hosting;

/// <summary>
/// The keys that sign and encrypt tokens. Read from configuration (<c>Auth:SigningKeyPem</c>,
/// <c>Auth:EncryptionKey</c>, <c>Auth:SessionKey</c>, base64) when set, so that several processes
/// share them; otherwise created once and kept under <c>{data}/keys</c>, so restarts keep sessions valid.
/// </summary>
public sealed class KeyRing
{
    public KeyRing(IConfiguration configuration, AppPaths paths)
    {
        Directory.CreateDirectory(paths.KeysDirectory);
        var pemFile = configuration["Auth:SigningKeyFile"];
        var pem = configuration["Auth:SigningKeyPem"]
            ?? (string.IsNullOrWhiteSpace(pemFile) ? null : File.ReadAllText(pemFile))
            ?? ReadOrCreate(Path.Combine(paths.KeysDirectory, "signing.pem"), () =>
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKeyPem();
        });
        var rsaKey = RSA.Create();
        rsaKey.ImportFromPem(pem);
        SigningKey = new RsaSecurityKey(rsaKey) { KeyId = KeyId(rsaKey) };
        EncryptionKey = new SymmetricSecurityKey(Secret(configuration["Auth:EncryptionKey"], Path.Combine(paths.KeysDirectory, "encryption.key"), 32));
        SessionKey = new SymmetricSecurityKey(Secret(configuration["Auth:SessionKey"], Path.Combine(paths.KeysDirectory, "session.key"), 64));
    }

    /// <summary>RSA key that signs access and identity tokens (published as JWKS).</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>AES key OpenIddict uses for refresh tokens and other server-only tokens.</summary>
    public SymmetricSecurityKey EncryptionKey { get; }

    /// <summary>HMAC key of the workspace-session token (<c>X-BC-Token</c>).</summary>
    public SymmetricSecurityKey SessionKey { get; }

    private static byte[] Secret(string? configured, string file, int length)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Convert.FromBase64String(configured);
        }
        return Convert.FromBase64String(ReadOrCreate(file, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(length))));
    }

    private static string ReadOrCreate(string file, Func<string> create)
    {
        if (File.Exists(file))
        {
            return File.ReadAllText(file);
        }
        var value = create();
        var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            // Another process may have created it first: theirs wins, so everybody uses one key.
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }
        return File.ReadAllText(file);
    }

    private static string KeyId(RSA rsa)
    {
        var hash = SHA256.HashData(rsa.ExportSubjectPublicKeyInfo());
        return Base64UrlEncoder.Encode(hash[..12]);
    }
}
