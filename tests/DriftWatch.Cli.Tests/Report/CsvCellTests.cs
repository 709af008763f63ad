using DriftWatch.Cli.Report;

namespace DriftWatch.Cli.Tests.Report;

/// <summary>CSV fields: RFC 4180 quoting, and no formula, row or tab smuggled in by a caller's chosen text.</summary>
public sealed class CsvCellTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("StopLogging", "StopLogging")]
    [InlineData("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    [InlineData("7200.5", "7200.5")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("  =1+2", "'  =1+2")]
    [InlineData("\uFF1D1+2", "'\uFF1D1+2")]
    [InlineData("\t=1+2", "\\u0009=1+2")]
    [InlineData("\r=1+2", "\\u000d=1+2")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"ok\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"ok\"\")\"")]
    [InlineData("two\nrows", "two\\u000arows")]
    [InlineData(" padded ", "\" padded \"")]
    public void WritesTheFieldInertAndQuoted(string? value, string expected) => Assert.Equal(expected, CsvCell.Of(value));
}
