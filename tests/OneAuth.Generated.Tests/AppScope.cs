[assembly: OneAuth.AppScope("billing", Issuer = "https://auth.example.com", Audience = "billing-api", TokenType = "at+jwt")]
