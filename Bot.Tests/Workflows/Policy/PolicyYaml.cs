using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Workflows.Policy;

/// <summary>A small valid policy that the validation tests break one line at a time, and helpers to locate lines in it.</summary>
internal static class PolicyYaml
{
    public const string FileName = "test.yaml";

    public const string Valid = """
        defaults: { remind_before: 15m, pending_timeout: 24h, max_pending_per_requester: 5 }
        business_hours:
          timezone: Europe/Berlin
          days: [mon, tue, wed, thu, fri]
          start: "08:00"
          end: "18:00"
        digest:
          cron: "0 9 * * MON"
          timezone: UTC
          channel: security
        admin_group: security-admins
        channels:
          approvals:    { slack: C0APPROVALS, teams: "19:abc@thread.tacv2" }
          security:     { slack: C0SECURITY }
          db-approvals: { slack: C0DBAPPROVALS }
        groups:
          db-owners: [ alice@example.com, "slack:U0BOB", "teams:6b0c1f2e-4d3a-4f5b-9c8d-7e6f5a4b3c2d" ]
          security-team: [ dora@example.com ]
          security-admins: [ dora@example.com ]
          sre-oncall: [ carol@example.com ]
          sre-leads: [ grace@example.com ]
        resources:
          prod-db:
            description: Production orders database (read/write)
            default_duration: 1h
            max_duration: 4h
            reason_required: true
            sensitivity: high
            approval_channel: db-approvals
            pending_timeout: 8h
            steps:
              - { group: db-owners, approvals: 1, escalate_after: 30m, escalate_to: sre-leads }
              - { group: security-team }
            auto_approve: { requester_in: [sre-oncall], max_duration: 1h }
            break_glass:  { allowed_for: [sre-oncall], max_duration: 1h }
            provisioner:  { kind: postgres, target: prod-db, role: prod_rw }
        """;

    /// <summary><see cref="Valid"/> with one exact piece of text replaced; fails loudly if the piece is not there once.</summary>
    public static string With(string original, string replacement) => Replace(Valid, original, replacement);

    public static string Replace(string yaml, string original, string replacement)
    {
        var first = yaml.IndexOf(original, StringComparison.Ordinal);
        Assert.True(first >= 0, $"test setup: '{original}' is not in the policy");
        Assert.True(yaml.IndexOf(original, first + 1, StringComparison.Ordinal) < 0, $"test setup: '{original}' is in the policy twice");
        return string.Concat(yaml.AsSpan(0, first), replacement, yaml.AsSpan(first + original.Length));
    }

    /// <summary>1-based line of the only line containing <paramref name="text"/>.</summary>
    public static int LineOf(string yaml, string text)
    {
        var lines = yaml.Split('\n');
        var matches = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"test setup: '{text}' is on {matches.Count} lines");
        return matches[0] + 1;
    }

    /// <summary>1-based column where <paramref name="text"/> starts on its line.</summary>
    public static int ColumnOf(string yaml, string text)
    {
        var line = yaml.Split('\n')[LineOf(yaml, text) - 1];
        return line.IndexOf(text, StringComparison.Ordinal) + 1;
    }

    public static IReadOnlyList<PolicyError> Errors(string yaml) =>
        Assert.Throws<PolicyValidationException>(() => PolicyLoader.Parse(yaml, FileName)).Errors;

    /// <summary>Asserts the policy fails with exactly one error, at <paramref name="path"/> on the line holding <paramref name="lineText"/>.</summary>
    public static PolicyError SingleError(string yaml, string path, string lineText)
    {
        var errors = Errors(yaml);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(LineOf(yaml, lineText), error.Line);
        Assert.Equal(FileName, error.File);
        return error;
    }
}
