using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OneAuth.Testing;

/// <summary>Writes JSON text by hand, so misuse tokens can hold exactly the bytes they need (duplicates, escapes, odd numbers).</summary>
internal static class JsonText
{
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static string StringArray(params string[] values) => StringArray((IEnumerable<string>)values);

    public static string StringArray(IEnumerable<string> values)
    {
        var builder = new StringBuilder("[");
        bool first = true;
        foreach (string value in values)
        {
            if (!first)
                builder.Append(',');
            builder.Append(String(value));
            first = false;
        }

        return builder.Append(']').ToString();
    }
}
