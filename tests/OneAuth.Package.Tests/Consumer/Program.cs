using Microsoft.IdentityModel.Tokens;

[assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com", Audience = "billing-api")]

Console.WriteLine($"AppId={Billing.Api.AppTokenValidator.AppId}");
Console.WriteLine($"Issuer={Billing.Api.AppTokenValidator.Issuer}");
Console.WriteLine($"Audience={Billing.Api.AppTokenValidator.Audience}");
Console.WriteLine($"JwksUri={Billing.Api.AppTokenValidator.JwksUri}");
Console.WriteLine($"Namespace={typeof(Billing.Api.AppTokenValidator).Namespace}");
Console.WriteLine($"Lax={new LegacyValidation().Parameters().ValidateAudience}");

internal sealed class LegacyValidation
{
    public TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "https://auth.example.com",
        ValidateAudience = false,
    };
}
