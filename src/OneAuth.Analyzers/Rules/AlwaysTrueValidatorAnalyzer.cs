using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Analysis;

namespace OneAuth.Analyzers.Rules
{
    /// <summary>
    /// OA0006: a validator delegate of <c>TokenValidationParameters</c> that accepts every token: each return
    /// path returns <c>true</c> (or, for issuer and type validators, the value it was given, a constant or a string
    /// property of one of its arguments such as <c>token.Issuer</c>), and
    /// the body neither throws nor calls anything but a logger. A validator that calls anything else may be
    /// checking and is left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AlwaysTrueValidatorAnalyzer : DiagnosticAnalyzer
    {
        internal const string Always = "always succeeds";
        internal const string InSomeEnvironments = "always succeeds in some environments";

        private static readonly ImmutableHashSet<string> Validators = ImmutableHashSet.Create(
            "AudienceValidator",
            "IssuerValidator",
            "IssuerValidatorUsingConfiguration",
            "LifetimeValidator",
            "IssuerSigningKeyValidator",
            "IssuerSigningKeyValidatorUsingConfiguration",
            "TypeValidator",
            "AlgorithmValidator");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AlwaysTrueValidator);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (IdentityModelTypes.TryResolve(start.Compilation) is not { } types || TestCodeGate.IsSuppressedTestProject(start.Compilation, start.Options))
                    return;

                start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, IdentityModelTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { } property }
                || !types.IsTokenValidationParameters(property.ContainingType))
                return;

            CancellationToken ct = context.CancellationToken;
            Verdict verdict = Judge(property, assignment.Value, ct);
            if (verdict == Verdict.No)
                return;

            bool environmentDependent = verdict == Verdict.InSomeEnvironments || EnvironmentChecks.IsEnvironmentOnlySite(assignment, ct);
            context.ReportDiagnostic(Findings.Create(
                Descriptors.AlwaysTrueValidator,
                assignment.Syntax.GetLocation(),
                environmentDependent,
                properties: null,
                property.Name,
                environmentDependent ? InSomeEnvironments : Always));
        }

        /// <summary>
        /// Whether the value set on validator <paramref name="property"/> accepts everything (<see cref="Verdict.No"/>
        /// for other properties or when that cannot be proven). Also used by the switch rules, which leave a switch
        /// to the delegate that replaces it only when the delegate is not one that accepts everything.
        /// </summary>
        internal static Verdict Judge(IPropertySymbol property, IOperation value, CancellationToken ct)
        {
            if (!Validators.Contains(property.Name) || property.Type is not INamedTypeSymbol { DelegateInvokeMethod: { } invoke })
                return Verdict.No;

            bool returnsBool = invoke.ReturnType.SpecialType == SpecialType.System_Boolean;
            bool returnsString = invoke.ReturnType.SpecialType == SpecialType.System_String;
            if (!returnsBool && !returnsString)
                return Verdict.No;

            return FunctionBodies.Judge(value, body => AlwaysAccepts(body, returnsBool, ct), ct);
        }

        private static bool AlwaysAccepts(FunctionBody function, bool returnsBool, CancellationToken ct)
            => returnsBool
                ? FunctionBodies.AlwaysReturnsTrue(function, ct)
                : FunctionBodies.AlwaysReturns(function, ret => ReturnsInputUnchanged(ret, function), ct);

        /// <summary>Issuer and type validators accept by returning the value they were given (or any fixed string).</summary>
        private static bool ReturnsInputUnchanged(IReturnOperation ret, FunctionBody function)
            => IsAcceptedValue(ret.ReturnedValue, function, 0);

        /// <summary>
        /// The issuer or type as given, a constant, a string property of an argument, or a choice among those
        /// (<c>type ?? "JWT"</c>, <c>issuer == null ? "x" : issuer</c>).
        /// </summary>
        private static bool IsAcceptedValue(IOperation? value, FunctionBody function, int depth)
        {
            if (depth > 4)
                return false;

            while (value is IConversionOperation or IParenthesizedOperation)
                value = value is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)value).Operand;

            if (value is null)
                return false;

            if (value.ConstantValue is { HasValue: true, Value: string })
                return true;

            if (value is ICoalesceOperation coalesce)
                return IsAcceptedValue(coalesce.Value, function, depth + 1) && IsAcceptedValue(coalesce.WhenNull, function, depth + 1);

            if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional)
                return IsAcceptedValue(conditional.WhenTrue, function, depth + 1) && IsAcceptedValue(whenFalse, function, depth + 1);

            // parameters.ValidIssuer or token.Issuer: a value read, never compared.
            if (value is IPropertyReferenceOperation { Property: { IsIndexer: false, Type.SpecialType: SpecialType.System_String }, Instance: IParameterReferenceOperation { Parameter: { } owner } }
                && function.Parameters.Contains(owner, SymbolEqualityComparer.Default))
                return true;

            return value is IParameterReferenceOperation { Parameter: { } parameter }
                && function.Parameters.Length > 0
                && SymbolEqualityComparer.Default.Equals(parameter, function.Parameters[0])
                && FunctionBodies.IsNeverWritten(function.Body, parameter);
        }
    }
}
