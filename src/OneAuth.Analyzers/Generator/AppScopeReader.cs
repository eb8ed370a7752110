using Microsoft.CodeAnalysis;
using OneAuth.Analyzers.Generator.Models;

namespace OneAuth.Analyzers.Generator;

/// <summary>Reads the arguments of an <c>AppScopeAttribute</c> application. Shared by generator and analyzers.</summary>
internal static class AppScopeReader
{
    public const string AttributeMetadataName = "OneAuth.AppScopeAttribute";

    public static ScopeArguments Read(AttributeData attribute)
    {
        bool complete = attribute.AttributeConstructor is not null;
        string? appId = null;

        if (attribute.ConstructorArguments.Length == 1)
        {
            TypedConstant argument = attribute.ConstructorArguments[0];
            if (argument.Kind == TypedConstantKind.Error)
                complete = false;
            else
                appId = argument.Value as string;
        }
        else
        {
            complete = false;
        }

        string? issuer = null, audience = null, jwksUri = null, tokenType = null, @namespace = null;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Error)
            {
                complete = false;
                continue;
            }

            string? value = named.Value.Value as string;
            switch (named.Key)
            {
                case "Issuer": issuer = value; break;
                case "Audience": audience = value; break;
                case "JwksUri": jwksUri = value; break;
                case "TokenType": tokenType = value; break;
                case "Namespace": @namespace = value; break;
            }
        }

        return new ScopeArguments(complete, appId, issuer, audience, jwksUri, tokenType, @namespace);
    }
}
