using System;
using System.Collections.Generic;
using System.Text;

namespace OneAuth.Testing;

/// <summary>An ordered JSON object held as member names and raw JSON values.</summary>
internal sealed class JsonObjectText
{
    private readonly List<KeyValuePair<string, string>> _members = new List<KeyValuePair<string, string>>();

    /// <summary>Replaces the member in place, or appends it.</summary>
    public JsonObjectText Set(string name, string rawValue)
    {
        for (int i = 0; i < _members.Count; i++)
        {
            if (string.Equals(_members[i].Key, name, StringComparison.Ordinal))
            {
                _members[i] = new KeyValuePair<string, string>(name, rawValue);
                return this;
            }
        }

        _members.Add(new KeyValuePair<string, string>(name, rawValue));
        return this;
    }

    public JsonObjectText Remove(string name)
    {
        _members.RemoveAll(m => string.Equals(m.Key, name, StringComparison.Ordinal));
        return this;
    }

    public bool Contains(string name) => _members.Exists(m => string.Equals(m.Key, name, StringComparison.Ordinal));

    public JsonObjectText Clone()
    {
        var copy = new JsonObjectText();
        copy._members.AddRange(_members);
        return copy;
    }

    public override string ToString()
    {
        var builder = new StringBuilder("{");
        for (int i = 0; i < _members.Count; i++)
        {
            if (i > 0)
                builder.Append(',');
            builder.Append(JsonText.String(_members[i].Key)).Append(':').Append(_members[i].Value);
        }

        return builder.Append('}').ToString();
    }
}
