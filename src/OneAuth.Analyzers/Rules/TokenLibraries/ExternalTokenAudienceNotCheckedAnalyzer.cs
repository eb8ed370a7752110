using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

/// <summary>
/// OA0019: a token from an external identity provider accepted without comparing its audience with this app's client id.
/// Google.Apis.Auth: <c>GoogleJsonWebSignature.ValidateAsync(token)</c> (no settings) or with a
/// <c>ValidationSettings</c> written in sight that leaves <c>Audience</c> unset or null, when the method does not read
/// the payload's <c>Audience</c>/<c>AudienceAsList</c> afterwards. Token-info endpoints called over HTTP (Google
/// <c>tokeninfo</c>, Facebook <c>debug_token</c>): the address written in a type that compares no audience value
/// (<c>aud</c>, <c>azp</c>, <c>audience</c>, <c>issued_to</c>, <c>app_id</c>) and does not hand the response to its
/// caller. Libraries that check the audience themselves (Firebase Admin's <c>VerifyIdTokenAsync</c>) are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExternalTokenAudienceNotCheckedAnalyzer : DiagnosticAnalyzer
{
    private const string Validate = "'GoogleJsonWebSignature.ValidateAsync'";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ExternalTokenAudienceNotChecked);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (TestCodeGate.IsSuppressedTestProject(start.Compilation, start.Options))
                return;

            var types = TokenLibraryTypes.Resolve(start.Compilation);
            if (types.HasGoogle)
                start.RegisterOperationAction(c => AnalyzeGoogleValidation(c, types), OperationKind.Invocation);

            // Token-info endpoints need no library: any project may call them, and the address is the tell.
            start.RegisterOperationAction(AnalyzeAddress, OperationKind.Literal);
        });
    }

    private static void AnalyzeGoogleValidation(OperationAnalysisContext context, TokenLibraryTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod is not { Name: "ValidateAsync", IsStatic: true } method
            || !TokenLibraryTypes.Is(method.ContainingType, types.GoogleJsonWebSignature))
            return;

        CancellationToken ct = context.CancellationToken;
        string? problem = null;
        IArgumentOperation? settings = null;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.Name == "ValidationSettings")
                settings = argument;
        }

        if (settings is null)
            problem = Validate + " is called without ValidationSettings.Audience";
        else if (SettingsLeaveAudienceUnset(settings.Value, invocation, ct))
            problem = Validate + " gets ValidationSettings that leave Audience unset";

        if (problem is null || ReadsPayloadAudience(invocation, ct))
            return;

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.ExternalTokenAudienceNotChecked, invocation.Syntax.GetLocation(), problem));
    }

    /// <summary>
    /// True only when the settings are created in sight (directly, or in a local assigned once) and nothing sets
    /// <c>Audience</c> to anything but null: in the initializer or, for a local, by an assignment in the method.
    /// </summary>
    private static bool SettingsLeaveAudienceUnset(IOperation value, IOperation call, CancellationToken ct)
    {
        IOperation? source = value.SkipConversions();
        ILocalSymbol? local = null;
        if (source is ILocalReferenceOperation { Local: { IsRef: false } symbol } reference)
        {
            local = symbol;
            if (!SingleAssignment.TryGetOnlyValue(symbol, reference, ct, out source))
                return false;
            source = source.SkipConversions();
        }

        if (source is not IObjectCreationOperation { Type.Name: "ValidationSettings" } creation)
            return false;

        if (creation.Initializer is { } initializer)
        {
            foreach (IOperation member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Audience" } } assignment
                    && !IsNull(assignment.Value, ct))
                    return false;
            }
        }

        if (local is null)
            return true;

        IOperation root = call.Root();
        foreach (IOperation operation in root.Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Audience", Instance: ILocalReferenceOperation target } } assignment
                && SymbolEqualityComparer.Default.Equals(target.Local, local)
                && !IsNull(assignment.Value, ct))
                return false;
        }

        return true;
    }

    private static bool IsNull(IOperation value, CancellationToken ct)
        => ValueEvaluator.Unwrap(value, ct)?.ConstantValue is { HasValue: true, Value: null };

    /// <summary>The method reads <c>Audience</c> or <c>AudienceAsList</c> of a Google payload: it checks the audience itself.</summary>
    private static bool ReadsPayloadAudience(IOperation call, CancellationToken ct)
    {
        IOperation root = call.Root();
        foreach (IOperation operation in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (operation is IPropertyReferenceOperation { Property: { Name: "Audience" or "AudienceAsList" or "TargetAudience", ContainingType.Name: "Payload" } property }
                && property.ContainingType.ContainingNamespace?.ToDisplayString() == "Google.Apis.Auth")
                return true;
        }

        return false;
    }

    private static void AnalyzeAddress(OperationAnalysisContext context)
    {
        var literal = (ILiteralOperation)context.Operation;
        if (literal.ConstantValue is not { HasValue: true, Value: string text } || text.Length < 20)
            return;

        string? provider = Endpoint(text);
        if (provider is null)
            return;

        CancellationToken ct = context.CancellationToken;
        SyntaxNode? type = literal.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (type is null || ComparesAudience(type, ct) || HandsResponseToCaller(literal, ct) || OnlyDeclared(literal, type))
            return;

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.ExternalTokenAudienceNotChecked,
            literal.Syntax.GetLocation(),
            provider == "facebook"
                ? "The Facebook debug_token response is trusted without comparing its app_id with this app's id"
                : "The Google tokeninfo response is trusted without comparing its aud or azp with this app's client id"));
    }

    /// <summary>
    /// An address kept in a field or property that its own type never uses (a constants class): whoever calls the
    /// endpoint is elsewhere, and is judged there only if the address is written there.
    /// </summary>
    private static bool OnlyDeclared(IOperation literal, SyntaxNode type)
    {
        if (literal.Syntax.FirstAncestorOrSelf<SyntaxNode>(static n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
                or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or VariableDeclaratorSyntax or PropertyDeclarationSyntax) is not { } holder)
            return false;

        string? name = holder switch
        {
            VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator => declarator.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            _ => null,
        };
        if (name is null)
            return false; // inside a method, accessor, lambda or local variable

        foreach (SyntaxToken token in type.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && token.Parent is IdentifierNameSyntax)
                return false;
        }

        return true;
    }

    /// <summary>"google" for Google's tokeninfo addresses, "facebook" for the Graph API's debug_token, else null.</summary>
    internal static string? Endpoint(string text)
    {
        if (text.IndexOf("tokeninfo", StringComparison.OrdinalIgnoreCase) >= 0
            && (text.IndexOf("googleapis.com", StringComparison.OrdinalIgnoreCase) >= 0
                || text.IndexOf("accounts.google.com", StringComparison.OrdinalIgnoreCase) >= 0))
            return "google";
        if (text.IndexOf("debug_token", StringComparison.OrdinalIgnoreCase) >= 0
            && text.IndexOf("graph.facebook.com", StringComparison.OrdinalIgnoreCase) >= 0)
            return "facebook";
        return null;
    }

    /// <summary>
    /// A comparison anywhere in the type (<c>==</c>, <c>!=</c>, <c>is</c>, a <c>switch</c>, or a call such as
    /// <c>Equals</c>, <c>Contains</c>, <c>Any</c>) that names an audience value: a member, local or JSON key called
    /// aud, azp, audience, issued_to, app_id, client_id or the like.
    /// </summary>
    private static bool ComparesAudience(SyntaxNode type, CancellationToken ct)
    {
        foreach (SyntaxNode node in type.DescendantNodes())
        {
            ct.ThrowIfCancellationRequested();
            SyntaxNode? compared = node switch
            {
                BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression) => binary,
                IsPatternExpressionSyntax pattern => pattern,
                SwitchStatementSyntax statement => statement.Expression,
                SwitchExpressionSyntax expression => expression.GoverningExpression,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } } invocation
                    when name is "Equals" or "Contains" or "Any" or "All" or "SequenceEqual" or "Compare" or "CompareOrdinal" or "IsMatch" => invocation,
                InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Equals" } } invocation => invocation,
                _ => null,
            };
            if (compared is not null && NamesAudience(compared))
                return true;
        }

        return false;
    }

    private static bool NamesAudience(SyntaxNode node)
    {
        foreach (SyntaxToken token in node.DescendantTokens())
        {
            string? text = token.Kind() switch
            {
                SyntaxKind.IdentifierToken => token.ValueText,
                SyntaxKind.StringLiteralToken => token.ValueText,
                _ => null,
            };
            if (text is not null && IsAudienceName(text))
                return true;
        }

        return false;
    }

    internal static bool IsAudienceName(string name)
    {
        string normalized = name.TrimStart('_').Replace("_", string.Empty).ToLowerInvariant();
        return normalized is "aud" or "azp" or "audience" or "audiences" or "appid" or "applicationid" or "issuedto"
            or "clientid" or "clientids" or "authorizedparty" or "allowedclientids" or "expectedaudience" or "expectedappid";
    }

    /// <summary>
    /// The method holding the address returns the response (a string, JSON, a dictionary, or a type that carries an
    /// audience member) for its caller to check; an address in a field initializer is judged by its type only.
    /// </summary>
    private static bool HandsResponseToCaller(IOperation literal, CancellationToken ct)
    {
        IMethodSymbol? method = null;
        for (IOperation? current = literal.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation local)
            {
                method = local.Symbol;
                break;
            }
        }

        if (method is null && literal.SemanticModel is { } model
            && literal.Syntax.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is { } declaration)
            method = model.GetDeclaredSymbol(declaration, ct) as IMethodSymbol;
        if (method is null)
            return false;

        ITypeSymbol returned = method.ReturnType;
        if (returned is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task)
            returned = task.TypeArguments[0];
        if (returned.SpecialType == SpecialType.System_String
            || returned.Name is "JsonElement" or "JsonDocument" or "JsonNode" or "JsonObject" or "JObject" or "JToken" or "HttpResponseMessage"
            || returned.Name.IndexOf("Dictionary", StringComparison.Ordinal) >= 0
            || returned.TypeKind == TypeKind.Dynamic)
            return true;

        for (ITypeSymbol? t = returned; t is not null && t.SpecialType == SpecialType.None; t = t.BaseType)
        {
            foreach (ISymbol member in t.GetMembers())
            {
                if (member is IPropertySymbol or IFieldSymbol && IsAudienceName(member.Name))
                    return true;
                if (member is IPropertySymbol { Type: INamedTypeSymbol nested } && nested.SpecialType == SpecialType.None && HasAudienceMember(nested))
                    return true;
            }
        }

        return false;
    }

    private static bool HasAudienceMember(INamedTypeSymbol type)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IPropertySymbol or IFieldSymbol && IsAudienceName(member.Name))
                return true;
        }

        return false;
    }
}
