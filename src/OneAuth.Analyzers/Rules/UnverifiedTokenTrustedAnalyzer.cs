using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OneAuth.Analyzers.Analysis;

namespace OneAuth.Analyzers.Rules
{
    /// <summary>
    /// OA0013: data from the payload of a token decoded without verification decides something within the method: a
    /// condition (<c>if</c>, <c>while</c>, <c>for</c>, <c>?:</c>, <c>switch</c>), a returned <c>bool</c>, <c>ClaimsPrincipal</c>
    /// or <c>ClaimsIdentity</c>, a principal or authentication ticket built from it, or the current user
    /// (<c>HttpContext.User = ...</c>, <c>context.Principal = ...</c>, <c>SignInAsync</c>). A method that also validates a
    /// token is left alone: the decoded token may only choose how to validate (issuer routing), which cannot be told apart.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnverifiedTokenTrustedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.UnverifiedTokenTrusted);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                if (IdentityModelTypes.TryResolve(start.Compilation) is null || TestCodeGate.IsSuppressedTestProject(start.Compilation, start.Options))
                    return;

                var text = new SourceTextFilter("ReadJwtToken", "ReadJsonWebToken", "ReadToken", "JwtSecurityToken", "JsonWebToken");
                start.RegisterOperationBlockStartAction(block =>
                {
                    // Flows are tracked within a member: without a decoding call in it there is nothing to follow, and a
                    // decoding call names the method or the token type in the member's own file.
                    if (block.OperationBlocks.IsEmpty
                        || !text.Mentions(block.OperationBlocks[0].Syntax.SyntaxTree, block.CancellationToken)
                        || !OperationBlocks.Any(block.OperationBlocks, UnverifiedTokens.IsDecoding))
                        return;

                    block.RegisterOperationAction(AnalyzeCondition, OperationKind.Conditional, OperationKind.Loop, OperationKind.Switch, OperationKind.SwitchExpression);
                    block.RegisterOperationAction(AnalyzeReturn, OperationKind.Return);
                    block.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
                    block.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
                    block.RegisterOperationAction(AnalyzeSignIn, OperationKind.Invocation);
                });
            });
        }

        private static void AnalyzeCondition(OperationAnalysisContext context)
        {
            IOperation? condition = context.Operation switch
            {
                IConditionalOperation conditional => conditional.Condition,
                IWhileLoopOperation loop => loop.Condition,
                IForLoopOperation loop => loop.Condition,
                ISwitchOperation statement => statement.Value,
                ISwitchExpressionOperation expression => expression.Value,
                _ => null,
            };
            if (condition is null)
                return;

            if (UnverifiedTokens.Decision(condition, context.CancellationToken) is { } source)
                Report(context, condition, source, "this condition");
        }

        private static void AnalyzeReturn(OperationAnalysisContext context)
        {
            var @return = (IReturnOperation)context.Operation;
            if (@return.ReturnedValue is not { } value || @return.IsImplicit && IsInsideLambdaArgument(@return))
                return;

            ITypeSymbol? type = AppIdClaims.Strip(value)?.Type ?? value.Type;
            bool decides = type?.SpecialType == SpecialType.System_Boolean || UnverifiedTokens.IsPrincipalType(type);
            if (!decides || IsPrincipalCreation(value))
                return; // a principal built here is reported where it is built

            string? source = type?.SpecialType == SpecialType.System_Boolean
                ? UnverifiedTokens.Decision(value, context.CancellationToken)
                : UnverifiedTokens.Data(value, context.CancellationToken);
            if (source is not null)
                Report(context, value, source, "the returned value");
        }

        private static void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!UnverifiedTokens.IsPrincipalType(creation.Type))
                return;

            foreach (IArgumentOperation argument in creation.Arguments)
            {
                if (IsPrincipalCreation(argument.Value))
                    continue; // the inner principal or identity is reported itself
                if (UnverifiedTokens.Data(argument.Value, context.CancellationToken) is { } source)
                {
                    Report(context, creation, source, "the " + creation.Type!.Name + " built here");
                    return;
                }
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "User" or "Principal" or "CurrentPrincipal" } property }
                || !UnverifiedTokens.IsPrincipalType(property.Type)
                || IsPrincipalCreation(assignment.Value))
                return;

            if (UnverifiedTokens.Data(assignment.Value, context.CancellationToken) is { } source)
                Report(context, assignment, source, "the authenticated user");
        }

        private static void AnalyzeSignIn(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name is not ("SignInAsync" or "SignIn" or "Success"))
                return;

            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (!UnverifiedTokens.IsPrincipalType(argument.Value.Type) || IsPrincipalCreation(argument.Value))
                    continue;
                if (UnverifiedTokens.Data(argument.Value, context.CancellationToken) is { } source)
                {
                    Report(context, invocation, source, "the authenticated user");
                    return;
                }
            }
        }

        /// <summary>A principal, identity or ticket created here or held in a local assigned once from a creation.</summary>
        private static bool IsPrincipalCreation(IOperation value)
        {
            IOperation? current = value;
            for (int depth = 0; depth < 4; depth++)
            {
                current = AppIdClaims.Strip(current);
                switch (current)
                {
                    case IObjectCreationOperation { Type: var type }:
                        return UnverifiedTokens.IsPrincipalType(type);
                    case ILocalReferenceOperation local when SingleAssignment.TryGetOnlyValue(local.Local, local, default, out IOperation? assigned):
                        current = assigned;
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The implicit return of a lambda passed to a call, such as a LINQ predicate: its result is judged where it lands.</summary>
        private static bool IsInsideLambdaArgument(IReturnOperation @return)
        {
            for (IOperation? current = @return.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation)
                    return current.Parent is IDelegateCreationOperation { Parent: IArgumentOperation };
            }

            return false;
        }

        private static void Report(OperationAnalysisContext context, IOperation site, string source, string what)
        {
            if (ValidatesAToken(context.Operation, context.CancellationToken))
                return;

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnverifiedTokenTrusted, site.Syntax.GetLocation(), source, what));
        }

        /// <summary>True when the enclosing method body (or top-level code) also validates a token.</summary>
        private static bool ValidatesAToken(IOperation operation, CancellationToken ct)
        {
            IOperation root = operation;
            while (root.Parent is not null)
                root = root.Parent;

            foreach (IOperation descendant in root.DescendantsAndSelf())
            {
                ct.ThrowIfCancellationRequested();
                if (descendant is IInvocationOperation { TargetMethod.Name: "ValidateToken" or "ValidateTokenAsync" or "ValidateAsync" })
                    return true;
            }

            return false;
        }
    }
}
