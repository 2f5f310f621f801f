using System.Security.Cryptography;
using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Workflows.Policy;

public sealed class PolicyLoaderTests
{
    internal static string ExamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "accessbot.yaml");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "AccessBot.sln"))) return candidate;
        }

        throw new InvalidOperationException("accessbot.yaml not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_example_policy_in_the_repository_is_valid()
    {
        var policy = PolicyLoader.Load(ExamplePath());

        Assert.Equal(["billing-console", "k8s-prod-admin", "prod-db", "staging-db"], policy.Resources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, policy.Resources["prod-db"].Steps.Count);
        Assert.NotNull(policy.Resources["staging-db"].AutoApprove);
        Assert.NotNull(policy.Resources["prod-db"].BreakGlass);
        Assert.Equal(
            ["manual", "postgres", "webhook"],
            policy.Resources.Values.Select(r => r.Provisioner.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("security-admins", policy.AdminGroup);
    }

    [Fact]
    public void Version_is_the_sha256_of_the_file_bytes()
    {
        var path = ExamplePath();

        var policy = PolicyLoader.Load(path);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), policy.Version);
        Assert.Equal(path, policy.SourcePath);
    }

    [Fact]
    public void Version_changes_when_the_text_changes_and_only_then()
    {
        var first = PolicyLoader.Parse(PolicyYaml.Valid, PolicyYaml.FileName);
        var same = PolicyLoader.Parse(PolicyYaml.Valid, PolicyYaml.FileName);
        var edited = PolicyLoader.Parse(PolicyYaml.With("max_duration: 4h", "max_duration: 3h"), PolicyYaml.FileName);

        Assert.Equal(first.Version, same.Version);
        Assert.NotEqual(first.Version, edited.Version);
        Assert.Matches("^[0-9a-f]{64}$", first.Version);
    }

    [Fact]
    public void Every_field_of_a_resource_is_read()
    {
        var resource = PolicyLoader.Parse(PolicyYaml.Valid, PolicyYaml.FileName).Resources["prod-db"];

        Assert.Equal("Production orders database (read/write)", resource.Description);
        Assert.Equal(TimeSpan.FromHours(1), resource.DefaultDuration);
        Assert.Equal(TimeSpan.FromHours(4), resource.MaxDuration);
        Assert.True(resource.ReasonRequired);
        Assert.Equal(Sensitivity.High, resource.Sensitivity);
        Assert.Equal("db-approvals", resource.ApprovalChannel);
        Assert.Equal(TimeSpan.FromHours(8), resource.PendingTimeout);
        Assert.Equal(
            [new ApprovalStep("db-owners", 1, TimeSpan.FromMinutes(30), "sre-leads"), new ApprovalStep("security-team", 1, null, null)],
            resource.Steps);
        Assert.Equal(["sre-oncall"], resource.AutoApprove!.RequesterGroups);
        Assert.Equal(TimeSpan.FromHours(1), resource.AutoApprove.MaxDuration);
        Assert.Equal(["sre-oncall"], resource.BreakGlass!.RequesterGroups);
        Assert.Equal(TimeSpan.FromHours(1), resource.BreakGlass.MaxDuration);
        Assert.Equal("postgres", resource.Provisioner.Kind);
        Assert.Equal(new Dictionary<string, string> { ["target"] = "prod-db", ["role"] = "prod_rw" }, resource.Provisioner.Settings);
    }

    [Fact]
    public void Groups_channels_and_schedules_are_read()
    {
        var policy = PolicyLoader.Parse(PolicyYaml.Valid, PolicyYaml.FileName);

        Assert.Equal(
            [
                new MemberRef(MemberKind.Email, "alice@example.com"),
                new MemberRef(MemberKind.SlackUser, "U0BOB"),
                new MemberRef(MemberKind.TeamsUser, "6b0c1f2e-4d3a-4f5b-9c8d-7e6f5a4b3c2d"),
            ],
            policy.Groups["db-owners"].Members);
        Assert.Equal("19:abc@thread.tacv2", policy.Channels["approvals"].AddressByPlatform["teams"]);
        Assert.Equal("C0APPROVALS", policy.Channels["approvals"].AddressByPlatform["slack"]);
        Assert.Equal(new PolicyDefaults(TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), 5), policy.Defaults);
        Assert.Equal(new DigestSchedule("0 9 * * MON", "UTC", "security"), policy.Digest);
        Assert.Equal("Europe/Berlin", policy.BusinessHours.TimeZone);
        Assert.Equal(new TimeOnly(8, 0), policy.BusinessHours.Start);
        Assert.Equal(new TimeOnly(18, 0), policy.BusinessHours.End);
        Assert.True(policy.BusinessHours.Days.SetEquals([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]));
    }

    [Fact]
    public void Optional_fields_take_their_documented_defaults()
    {
        var yaml = PolicyYaml.Replace(
            PolicyYaml.With("defaults: { remind_before: 15m, pending_timeout: 24h, max_pending_per_requester: 5 }\n", ""),
            "    reason_required: true\n    sensitivity: high\n", "");

        var policy = PolicyLoader.Parse(yaml, PolicyYaml.FileName);

        Assert.Equal(new PolicyDefaults(TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), 5), policy.Defaults);
        Assert.True(policy.Resources["prod-db"].ReasonRequired);
        Assert.Equal(Sensitivity.Medium, policy.Resources["prod-db"].Sensitivity);
    }

    [Fact]
    public void A_missing_file_is_an_io_error_not_a_validation_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"accessbot-missing-{Guid.NewGuid():N}.yaml");

        Assert.Throws<FileNotFoundException>(() => PolicyLoader.Load(path));
    }
}
