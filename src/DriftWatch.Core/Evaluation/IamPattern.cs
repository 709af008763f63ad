namespace DriftWatch.Core.Evaluation;

/// <summary>
/// IAM's wildcards as policies apply them to ARNs and actions: '*' matches any run of characters ('/' included),
/// '?' exactly one. Besides whole matches, policies are judged against every log object under a prefix, so a
/// pattern can be asked whether it matches all strings starting with that prefix, or at least one.
/// </summary>
public static class IamPattern
{
    /// <summary>True when the pattern matches the whole text.</summary>
    public static bool Matches(string pattern, string text, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        return After(pattern, text, ignoreCase).Contains(pattern.Length);
    }

    /// <summary>True when the pattern matches every string that starts with the prefix (an Allow must reach all log objects).</summary>
    public static bool CoversPrefix(string pattern, string prefix, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return After(pattern, prefix, ignoreCase).Any(i => i < pattern.Length && pattern.AsSpan(i).Trim('*').IsEmpty);
    }

    /// <summary>True when the pattern matches at least one string that starts with the prefix (a Deny need only reach some log objects).</summary>
    public static bool OverlapsPrefix(string pattern, string prefix, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return After(pattern, prefix, ignoreCase).Count > 0;
    }

    // The positions in the pattern reachable after reading the text: a small NFA, so no pattern can make it backtrack.
    private static HashSet<int> After(string pattern, string text, bool ignoreCase)
    {
        var states = Closure(pattern, [0]);
        foreach (var c in text)
        {
            var next = new HashSet<int>();
            foreach (var i in states.Where(i => i < pattern.Length))
            {
                var p = pattern[i];
                if (p == '*')
                {
                    next.Add(i);
                }
                else if (p == '?' || Same(p, c, ignoreCase))
                {
                    next.Add(i + 1);
                }
            }

            states = Closure(pattern, next);
            if (states.Count == 0)
            {
                break;
            }
        }

        return states;
    }

    private static HashSet<int> Closure(string pattern, HashSet<int> states)
    {
        var pending = new Stack<int>(states);
        while (pending.TryPop(out var i))
        {
            if (i < pattern.Length && pattern[i] == '*' && states.Add(i + 1))
            {
                pending.Push(i + 1);
            }
        }

        return states;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
