using Microsoft.CodeAnalysis.Testing;
using OneAuth.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OneAuth.Analyzers.Tests.Infrastructure.TokenLibraryVerify<OneAuth.Analyzers.Rules.ExternalTokenAudienceNotCheckedAnalyzer>;

namespace OneAuth.Analyzers.Tests.Rules;

public class ExternalTokenAudienceNotCheckedTests
{
    private const string NoSettings = "'GoogleJsonWebSignature.ValidateAsync' is called without ValidationSettings.Audience";
    private const string Unset = "'GoogleJsonWebSignature.ValidateAsync' gets ValidationSettings that leave Audience unset";
    private const string GoogleInfo = "The Google tokeninfo response is trusted without comparing its aud or azp with this app's client id";
    private const string FacebookInfo = "The Facebook debug_token response is trusted without comparing its app_id with this app's id";

    private static DiagnosticResult At(int location, string message) => V.Diagnostic().WithLocation(location).WithArguments(message);

    // ---- Google.Apis.Auth ----

    [Fact]
    public Task Reports_ValidateAsync_without_settings() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Google.Apis.Auth;
        class C
        {
            async Task<string> SignIn(string idToken)
            {
                var payload = await {|#0:GoogleJsonWebSignature.ValidateAsync(idToken)|};
                return payload.Email;
            }

            Task<GoogleJsonWebSignature.Payload> Forced(string idToken) => {|#1:GoogleJsonWebSignature.ValidateAsync(idToken, null, true)|};
        }
        """,
        TokenLibraryRefs.Google,
        At(0, NoSettings),
        At(1, NoSettings));

    [Fact]
    public Task Reports_settings_that_leave_Audience_unset() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        using Google.Apis.Auth;
        class C
        {
            Task<GoogleJsonWebSignature.Payload> A(string t) => {|#0:GoogleJsonWebSignature.ValidateAsync(t, new GoogleJsonWebSignature.ValidationSettings())|};

            Task<GoogleJsonWebSignature.Payload> B(string t)
                => {|#1:GoogleJsonWebSignature.ValidateAsync(t, new GoogleJsonWebSignature.ValidationSettings { HostedDomain = "contoso.com" })|};

            async Task<string> D(string t)
            {
                var settings = new GoogleJsonWebSignature.ValidationSettings { Audience = null };
                settings.ForceGoogleCertRefresh = true;
                var payload = await {|#2:GoogleJsonWebSignature.ValidateAsync(t, settings)|};
                return payload.Subject;
            }
        }
        """,
        TokenLibraryRefs.Google,
        At(0, Unset),
        At(1, Unset),
        At(2, Unset));

    [Fact]
    public Task Quiet_when_the_audience_is_set_or_compared() => V.AnalyzerAsync(
        """
        using System.Linq;
        using System.Threading.Tasks;
        using Google.Apis.Auth;
        class C
        {
            private const string ClientId = "1234.apps.googleusercontent.com";
            private readonly string[] _clientIds = { ClientId };
            private readonly GoogleJsonWebSignature.ValidationSettings _settings = new() { Audience = new[] { ClientId } };

            Task<GoogleJsonWebSignature.Payload> A(string t)
                => GoogleJsonWebSignature.ValidateAsync(t, new GoogleJsonWebSignature.ValidationSettings { Audience = new[] { ClientId } });

            Task<GoogleJsonWebSignature.Payload> B(string t)
            {
                var settings = new GoogleJsonWebSignature.ValidationSettings();
                settings.Audience = _clientIds;
                return GoogleJsonWebSignature.ValidateAsync(t, settings);
            }

            Task<GoogleJsonWebSignature.Payload> D(string t) => GoogleJsonWebSignature.ValidateAsync(t, _settings);

            Task<GoogleJsonWebSignature.Payload> E(string t, GoogleJsonWebSignature.ValidationSettings settings) => GoogleJsonWebSignature.ValidateAsync(t, settings);

            async Task<bool> F(string t)
            {
                var payload = await GoogleJsonWebSignature.ValidateAsync(t);
                return payload.AudienceAsList.Contains(ClientId);
            }

            async Task<bool> G(string t)
            {
                var payload = await GoogleJsonWebSignature.ValidateAsync(t);
                return (string)payload.Audience == ClientId;
            }
        }
        """,
        TokenLibraryRefs.Google);

    // ---- token-info endpoints ----

    [Fact]
    public Task Reports_google_tokeninfo_trusted_without_aud() => V.AnalyzerAsync(
        """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Threading.Tasks;
        record GoogleUser(string Email, string Sub);
        class GoogleAuth
        {
            private readonly HttpClient _http = new();

            async Task<GoogleUser?> Verify(string idToken)
            {
                var response = await _http.GetAsync({|#0:"https://oauth2.googleapis.com/tokeninfo?id_token="|} + idToken);
                if (!response.IsSuccessStatusCode)
                    return null;
                return await response.Content.ReadFromJsonAsync<GoogleUser>();
            }

            async Task<bool> IsValid(string accessToken)
            {
                var response = await _http.GetAsync($"{|#1:https://www.googleapis.com/oauth2/v3/tokeninfo?access_token=|}{accessToken}");
                return response.IsSuccessStatusCode;
            }

            async Task<bool> Legacy(string idToken)
                => (await _http.GetAsync({|#2:"https://accounts.google.com/o/oauth2/tokeninfo?id_token="|} + idToken)).IsSuccessStatusCode;
        }
        """,
        TokenLibraryRefs.Google,
        At(0, GoogleInfo),
        At(1, GoogleInfo),
        At(2, GoogleInfo));

    [Fact]
    public Task Reports_facebook_debug_token_that_only_passes_the_app_token() => V.AnalyzerAsync(
        """
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading.Tasks;
        class FacebookAuth
        {
            private readonly HttpClient _http = new();
            private readonly string _appId = "1234";
            private readonly string _appSecret = "from-config";

            async Task<bool> IsValid(string token)
            {
                var json = await _http.GetStringAsync($"{|#0:https://graph.facebook.com/debug_token?input_token=|}{token}&access_token={_appId}|{_appSecret}");
                using var document = JsonDocument.Parse(json);
                return document.RootElement.GetProperty("data").GetProperty("is_valid").GetBoolean();
            }
        }
        """,
        TokenLibraryRefs.Google,
        At(0, FacebookInfo));

    [Fact]
    public Task Quiet_when_aud_or_app_id_is_compared_or_the_response_goes_back_to_the_caller() => V.AnalyzerAsync(
        """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json;
        using System.Threading.Tasks;
        record TokenInfo(string Aud, string Azp, string Email);
        class GoogleAuth
        {
            private const string ClientId = "1234.apps.googleusercontent.com";
            private readonly HttpClient _http = new();

            async Task<string?> Verify(string idToken)
            {
                var info = await _http.GetFromJsonAsync<TokenInfo>("https://oauth2.googleapis.com/tokeninfo?id_token=" + idToken);
                if (info is null || info.Aud != ClientId)
                    return null;
                return info.Email;
            }
        }
        class FacebookAuth
        {
            private readonly HttpClient _http = new();
            private readonly string _appId = "1234";

            async Task<bool> IsValid(string token, string appToken)
            {
                var json = await _http.GetStringAsync($"https://graph.facebook.com/v19.0/debug_token?input_token={token}&access_token={appToken}");
                var data = JsonDocument.Parse(json).RootElement.GetProperty("data");
                return data.GetProperty("is_valid").GetBoolean() && data.GetProperty("app_id").GetString() == _appId;
            }
        }
        class RawClient
        {
            private readonly HttpClient _http = new();

            Task<string> Info(string token) => _http.GetStringAsync("https://oauth2.googleapis.com/tokeninfo?id_token=" + token);

            Task<TokenInfo?> Typed(string token) => _http.GetFromJsonAsync<TokenInfo>("https://oauth2.googleapis.com/tokeninfo?id_token=" + token);
        }
        class Docs
        {
            const string Note = "see https://developers.google.com/identity for sign-in";
        }
        """,
        TokenLibraryRefs.Google);

    [Fact]
    public Task Addresses_in_fields_count_where_their_type_uses_them() => V.AnalyzerAsync(
        """
        using System.Net.Http;
        using System.Threading.Tasks;
        static class Endpoints
        {
            public const string GoogleTokenInfo = "https://oauth2.googleapis.com/tokeninfo?id_token=";
            public static string FacebookDebug => "https://graph.facebook.com/debug_token";
        }
        class GoogleAuth
        {
            private const string TokenInfo = {|#0:"https://oauth2.googleapis.com/tokeninfo?id_token="|};
            private readonly HttpClient _http = new();

            async Task<bool> IsValid(string idToken) => (await _http.GetAsync(TokenInfo + idToken)).IsSuccessStatusCode;
        }
        """,
        TokenLibraryRefs.Google,
        At(0, GoogleInfo));

    [Fact]
    public Task Quiet_for_libraries_that_check_the_audience_themselves() => V.AnalyzerAsync(
        """
        using System.Threading.Tasks;
        namespace FirebaseAdmin.Auth
        {
            public sealed class FirebaseToken { public string Uid { get; } = ""; }
            public sealed class FirebaseAuth
            {
                public static FirebaseAuth DefaultInstance { get; } = new();
                public Task<FirebaseToken> VerifyIdTokenAsync(string idToken) => Task.FromResult(new FirebaseToken());
            }
        }
        class C
        {
            async Task<string> M(string idToken) => (await FirebaseAdmin.Auth.FirebaseAuth.DefaultInstance.VerifyIdTokenAsync(idToken)).Uid;
        }
        """,
        TokenLibraryRefs.Google);
}
