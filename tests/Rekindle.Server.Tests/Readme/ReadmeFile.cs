using Rekindle.Testing;

namespace Rekindle.Server.Tests.Readme;

/// <summary>One fenced code block of the README, with the level-2 heading it stands under and its first line number.</summary>
public sealed record ReadmeBlock(string Section, string Language, string Code, int Line);

/// <summary>The repository's README.md split into its fenced code blocks, as a reader copies them.</summary>
public static class ReadmeFile
{
    public static IReadOnlyList<ReadmeBlock> Blocks() => Parse(File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md")));

    /// <summary>
    /// Fences may be indented (inside a numbered list); the fence's indentation is taken off every line of the
    /// block, as a reader's copy from the rendered page has none.
    /// </summary>
    public static IReadOnlyList<ReadmeBlock> Parse(IReadOnlyList<string> lines)
    {
        var blocks = new List<ReadmeBlock>();
        var section = "";
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                section = lines[i][3..].Trim();
                continue;
            }

            if (!trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var indent = lines[i].Length - trimmed.Length;
            var language = trimmed[3..].Trim();
            var start = i + 1;
            var code = new List<string>();
            for (i++; i < lines.Count && lines[i].Trim() != "```"; i++)
            {
                code.Add(lines[i].Length >= indent && string.IsNullOrWhiteSpace(lines[i][..indent]) ? lines[i][indent..] : lines[i].TrimStart());
            }

            if (i == lines.Count)
            {
                throw new FormatException($"README.md line {start}: the code block is never closed");
            }

            blocks.Add(new ReadmeBlock(section, language, string.Join('\n', code), start));
        }

        return blocks;
    }
}
