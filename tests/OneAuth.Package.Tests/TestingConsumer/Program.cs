using OneAuth;
using OneAuth.Keys;
using OneAuth.Testing;

using var issuer = new TestIssuer("https://auth.example.com");
JwksServer server = issuer.StartJwksServer();
MisuseTokens catalogue = MisuseTokens.For(issuer, "billing", "billing-api");
SigningKeyLookup lookup = await issuer.KeySource.GetKeyAsync(issuer.CurrentKeyId);
using var http = new HttpClient();
string served = await http.GetStringAsync(server.JwksUri);

Console.WriteLine($"Misuse={catalogue.Count}");
Console.WriteLine($"OtherApp={catalogue["app-id-other-app"].ExpectedFailure}");
Console.WriteLine($"WrongAppIsRuntimeEnum={catalogue["app-id-other-app"].ExpectedFailure == AppTokenFailure.WrongApp}");
Console.WriteLine($"KeyStatus={lookup.Status}");
Console.WriteLine($"JwksServed={served == issuer.Jwks}");
Console.WriteLine($"TokenSegments={issuer.MintToken("billing").Split('.').Length}");
