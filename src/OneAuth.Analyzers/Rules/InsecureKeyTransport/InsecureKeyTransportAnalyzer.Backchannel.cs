using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Engine;

namespace OneAuth.Analyzers.Rules;

// OA0010, certificate callbacks that accept any certificate on a handler that fetches keys or metadata.
public sealed partial class InsecureKeyTransportAnalyzer
{
    private static Verdict AcceptsAnyCertificate(IOperation value, CancellationToken ct)
    {
        IOperation? unwrapped = ValueEvaluator.Unwrap(value, ct);
        if (unwrapped is IPropertyReferenceOperation { Property: { Name: "DangerousAcceptAnyServerCertificateValidator", IsStatic: true } })
            return Verdict.Always;

        if (unwrapped is IConditionalOperation { WhenFalse: not null } conditional)
        {
            Verdict whenTrue = AcceptsAnyCertificate(conditional.WhenTrue, ct);
            Verdict whenFalse = AcceptsAnyCertificate(conditional.WhenFalse, ct);
            if (whenTrue == Verdict.Always && whenFalse == Verdict.Always)
                return Verdict.Always;
            return (whenTrue != Verdict.NotProven || whenFalse != Verdict.NotProven) && EnvironmentChecks.IsEnvironmentDependent(conditional.Condition, ct)
                ? Verdict.InSomeEnvironments
                : Verdict.NotProven;
        }

        return FunctionBodies.Judge(value, body => FunctionBodies.AlwaysReturnsTrue(body, ct), ct);
    }

    /// <summary>
    /// The handler whose callback is set is used to fetch metadata or keys in the same member: assigned to a
    /// <c>BackchannelHttpHandler</c>, or wrapped in an <c>HttpClient</c> that becomes a <c>Backchannel</c> or is
    /// given to an <c>HttpDocumentRetriever</c>.
    /// </summary>
    private static bool HandlerIsBackchannel(ISimpleAssignmentOperation callback, CancellationToken ct)
    {
        IOperation? owner = OwnerOf(callback);
        IOperation? handler = callback.Target is IPropertyReferenceOperation { Property.Name: "RemoteCertificateValidationCallback" }
            ? HandlerOfSslOptions(owner)
            : owner;
        return handler is not null && FlowsIntoBackchannel(handler, 0, ct);
    }

    /// <summary>
    /// The object whose property an assignment sets: the creation whose initializer holds it, the member a nested
    /// initializer fills (<c>SslOptions = { ... }</c>), or the instance it is written through.
    /// </summary>
    private static IOperation? OwnerOf(ISimpleAssignmentOperation assignment)
    {
        if (assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
            return InitializedBy(initializer);

        return Resolve((assignment.Target as IPropertyReferenceOperation)?.Instance);
    }

    private static IOperation? InitializedBy(IObjectOrCollectionInitializerOperation initializer) => initializer.Parent switch
    {
        IObjectCreationOperation creation => creation,
        IMemberInitializerOperation member => Resolve(member.InitializedMember),
        _ => null,
    };

    /// <summary>An implicit receiver inside an object initializer stands for the object being created.</summary>
    private static IOperation? Resolve(IOperation? instance)
    {
        if (instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
            return instance;

        for (IOperation? parent = instance.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IObjectOrCollectionInitializerOperation initializer)
                return InitializedBy(initializer);
        }

        return null;
    }

    /// <summary>
    /// The handler that owns <c>SslClientAuthenticationOptions</c>: <c>handler.SslOptions</c>, a nested
    /// <c>SslOptions = { ... }</c>, or <c>SslOptions = new SslClientAuthenticationOptions { ... }</c>.
    /// </summary>
    private static IOperation? HandlerOfSslOptions(IOperation? options)
    {
        if (options is IPropertyReferenceOperation { Property.Name: "SslOptions" } property)
            return Resolve(property.Instance);

        if (options is IObjectCreationOperation creation
            && creation.Outermost().Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SslOptions" } target })
            return Resolve(target.Instance);

        return null;
    }

    /// <summary>The value (a creation, or a local holding it) reaches a back-channel use in the same member.</summary>
    private static bool FlowsIntoBackchannel(IOperation value, int depth, CancellationToken ct)
    {
        if (depth > 2)
            return false;

        ILocalSymbol? local = (value as ILocalReferenceOperation)?.Local;
        if (local is null)
        {
            if (IsBackchannelUse(value, depth, ct))
                return true;

            IOperation stored = value.Outermost();
            switch (stored.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } declared } }:
                    local = declared;
                    break;
                case ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Field: var field } } assignment when assignment.Value == stored:
                    return FieldIsBackchannel(field, stored, depth, ct);
                case IFieldInitializerOperation { InitializedFields: { Length: 1 } fields }:
                    return FieldIsBackchannel(fields[0], stored, depth, ct);
                default:
                    return false;
            }
        }

        IOperation root = value.Root();

        foreach (IOperation operation in root.Descendants())
        {
            ct.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation use
                && SymbolEqualityComparer.Default.Equals(use.Local, local)
                && IsBackchannelUse(use, depth, ct))
                return true;
        }

        return false;
    }

    /// <summary>
    /// A client or handler kept in a field (<c>_http = factory.CreateClient("jwks")</c> in a constructor): some use
    /// of the field in the same file is a back-channel use.
    /// </summary>
    private static bool FieldIsBackchannel(IFieldSymbol field, IOperation stored, int depth, CancellationToken ct)
    {
        if (stored.SemanticModel is not { } model || field.DeclaringSyntaxReferences.IsEmpty)
            return false;

        foreach (SyntaxNode node in model.SyntaxTree.GetRoot(ct).DescendantNodes())
        {
            ct.ThrowIfCancellationRequested();
            if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != field.Name)
                continue;

            SyntaxNode expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier
                ? access
                : identifier;
            if (model.GetOperation(expression, ct) is IFieldReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Field, field)
                && IsBackchannelUse(reference, depth + 1, ct))
                return true;
        }

        return false;
    }

    private static bool IsBackchannelUse(IOperation value, int depth, CancellationToken ct)
    {
        IOperation current = value.Outermost();
        switch (current.Parent)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "HttpClient" } client } } assignment
                when assignment.Value == current
                     && WellKnownTypes.For(assignment).IsAny(client.ContainingType, WellKnownType.AppTokenValidatorOptions, WellKnownType.JwksKeySourceOptions):
                return true;

            case IInvocationOperation download when download.Instance == current && download.Type is not null:
                return IsKeyDownload(download, depth, ct);

            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } download } argument
                when download.Arguments[0] == argument:
                return IsKeyDownload(download, depth, ct);

            case IReturnOperation { Kind: OperationKind.Return } ret:
                return IsReturnedToBackchannel(ret, depth, ct);

            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BackchannelHttpHandler" or "Backchannel" } } assignment
                when assignment.Value == current:
                return true;

            case IArgumentOperation { Parent: IObjectCreationOperation { Type: { } type } creation }:
                WellKnownTypes known = WellKnownTypes.For(creation);
                return known.Is(type, WellKnownType.HttpDocumentRetriever)
                    || known.Is(type, WellKnownType.ConfigurationManager)
                    || (known.Is(type, WellKnownType.HttpClient) && FlowsIntoBackchannel(creation, depth + 1, ct));

            default:
                return false;
        }
    }

    /// <summary>
    /// <c>client.GetStringAsync(url)</c> (or GetStreamAsync, GetAsync, ...) whose result becomes a key document:
    /// <c>new JsonWebKeySet(json)</c>, <c>JsonWebKeySet.Create(json)</c>, <c>OpenIdConnectConfiguration.Create(json)</c>,
    /// <c>JsonSerializer.Deserialize&lt;JsonWebKeySet&gt;</c>, <c>ReadFromJsonAsync&lt;JsonWebKeySet&gt;</c>; or
    /// <c>GetFromJsonAsync&lt;JsonWebKeySet&gt;</c> directly.
    /// </summary>
    private static bool IsKeyDownload(IInvocationOperation download, int depth, CancellationToken ct)
    {
        IMethodSymbol method = download.TargetMethod;
        if (!WellKnownTypes.For(download).IsAny(method.ContainingType, WellKnownType.HttpClient, WellKnownType.HttpClientJsonExtensions))
            return false;

        return method.Name switch
        {
            "GetFromJsonAsync" => method.TypeArguments.Length == 1 && IsKeyDocument(method.TypeArguments[0]),
            "GetStringAsync" or "GetStreamAsync" or "GetByteArrayAsync" or "GetAsync" or "SendAsync" => BecomesKeyDocument(download, depth, ct),
            _ => false,
        };
    }

    /// <summary>The downloaded value (awaited, read as a string or stream, kept in locals) is parsed as a key document.</summary>
    private static bool BecomesKeyDocument(IOperation value, int depth, CancellationToken ct)
    {
        IOperation current = value;
        for (int step = 0; step < 12; step++)
        {
            ct.ThrowIfCancellationRequested();
            current = current.Outermost();
            switch (current.Parent)
            {
                case IAwaitOperation awaited:
                    current = awaited;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" or "EnsureSuccessStatusCode" or "ReadAsStringAsync" or "ReadAsStreamAsync" or "ReadAsByteArrayAsync" } next
                    when next.Instance == current:
                    current = next;
                    continue;
                case IPropertyReferenceOperation { Property.Name: "Result" or "Content" } next when next.Instance == current:
                    current = next;
                    continue;
                case IArgumentOperation { Parent: IObjectCreationOperation { Type: var created } }:
                    return IsKeyDocument(created);
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var parse } }:
                    return (parse is { Name: "Create", IsStatic: true } && IsKeyDocument(parse.ContainingType))
                        || (parse.Name is "Deserialize" or "DeserializeAsync" or "ReadFromJsonAsync" && parse.TypeArguments.Length == 1 && IsKeyDocument(parse.TypeArguments[0]));
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } } when depth < 3:
                    return LocalBecomesKeyDocument(local, current, depth + 1, ct);
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool LocalBecomesKeyDocument(ILocalSymbol local, IOperation anywhere, int depth, CancellationToken ct)
    {
        IOperation root = anywhere.Root();

        foreach (IOperation operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation use
                && SymbolEqualityComparer.Default.Equals(use.Local, local)
                && BecomesKeyDocument(use, depth, ct))
                return true;
        }

        return false;
    }

    /// <summary>
    /// A handler made by a factory method or local function in the same file
    /// (<c>o.BackchannelHttpHandler = CreateHandler();</c>): some call of that function is a back-channel use.
    /// </summary>
    private static bool IsReturnedToBackchannel(IReturnOperation ret, int depth, CancellationToken ct)
    {
        if (ret.SemanticModel is not { } model)
            return false;

        IMethodSymbol? function = null;
        for (IOperation? parent = ret.Parent; parent is not null && function is null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation:
                    return false;
                case ILocalFunctionOperation local:
                    function = local.Symbol;
                    break;
                case IMethodBodyOperation or IBlockOperation { Parent: null }:
                    function = model.GetDeclaredSymbol(parent.Syntax, ct) as IMethodSymbol;
                    break;
            }
        }

        if (function is null)
            return false;

        foreach (SyntaxNode node in model.SyntaxTree.GetRoot(ct).DescendantNodes())
        {
            ct.ThrowIfCancellationRequested();
            if (node is not InvocationExpressionSyntax call || !Names(call.Expression, function.Name))
                continue;

            if (model.GetOperation(call, ct) is IInvocationOperation invocation
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, function.OriginalDefinition)
                && FlowsIntoBackchannel(invocation, depth + 1, ct))
                return true;
        }

        return false;
    }

    private static bool Names(ExpressionSyntax expression, string name) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name,
        GenericNameSyntax generic => generic.Identifier.ValueText == name,
        _ => false,
    };
}
