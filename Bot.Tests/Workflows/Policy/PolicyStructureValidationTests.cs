using AccessBot.Workflows.Policy;
using static AccessBot.Tests.Workflows.Policy.PolicyYaml;

namespace AccessBot.Tests.Workflows.Policy;

/// <summary>Shape errors: keys, required fields, values that are not what the schema wants, and YAML itself.</summary>
public sealed class PolicyStructureValidationTests
{
    [Fact]
    public void The_test_policy_is_valid()
    {
        var policy = PolicyLoader.Parse(Valid, FileName);

        Assert.Equal(["prod-db"], policy.Resources.Keys);
    }

    [Fact]
    public void A_misspelt_key_is_reported_with_a_suggestion()
    {
        var yaml = With("reason_required: true", "reason_requried: true");

        var error = SingleError(yaml, "resources.prod-db.reason_requried", "reason_requried");

        Assert.Equal(ColumnOf(yaml, "reason_requried"), error.Column);
        Assert.Contains("did you mean reason_required?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_in_a_step_is_reported()
    {
        var yaml = With("- { group: security-team }", "- { group: security-team, quorum: 2 }");

        SingleError(yaml, "resources.prod-db.steps[1].quorum", "quorum: 2");
    }

    [Fact]
    public void An_unknown_top_level_key_is_reported()
    {
        var yaml = With("admin_group: security-admins", "admin_group: security-admins\nadmins: security-admins");

        SingleError(yaml, "admins", "admins: security-admins");
    }

    [Fact]
    public void A_missing_required_field_is_reported_at_its_mapping()
    {
        var yaml = With("    description: Production orders database (read/write)\n", "");

        var error = SingleError(yaml, "resources.prod-db.description", "default_duration: 1h");

        Assert.Equal("is required", error.Message);
    }

    [Fact]
    public void A_missing_top_level_section_is_reported()
    {
        var yaml = With("digest:\n  cron: \"0 9 * * MON\"\n  timezone: UTC\n  channel: security\n", "");

        var error = SingleError(yaml, "digest", "defaults:");

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void A_duration_that_does_not_parse_is_reported_at_its_value()
    {
        var yaml = With("max_duration: 4h", "max_duration: 4x");

        var error = SingleError(yaml, "resources.prod-db.max_duration", "max_duration: 4x");

        Assert.Equal(ColumnOf(yaml, "4x"), error.Column);
        Assert.Equal("\"4x\" is not a duration (use 30m, 4h, 1d or 1h30m)", error.Message);
        Assert.Equal($"test.yaml:{error.Line}:{error.Column}: resources.prod-db.max_duration: \"4x\" is not a duration (use 30m, 4h, 1d or 1h30m)", error.ToString());
    }

    [Fact]
    public void A_zero_duration_is_refused()
    {
        var yaml = With("pending_timeout: 8h", "pending_timeout: 0m");

        var error = SingleError(yaml, "resources.prod-db.pending_timeout", "pending_timeout: 0m");

        Assert.Contains("greater than zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_duration_is_refused()
    {
        var yaml = With("remind_before: 15m", "remind_before: -15m");

        var error = SingleError(yaml, "defaults.remind_before", "remind_before: -15m");

        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_max_duration_below_the_default_is_refused()
    {
        var yaml = With("default_duration: 1h", "default_duration: 6h");

        var error = SingleError(yaml, "resources.prod-db.max_duration", "max_duration: 4h");

        Assert.Equal("4h is shorter than default_duration 6h", error.Message);
    }

    [Fact]
    public void An_unknown_sensitivity_is_refused()
    {
        var yaml = With("sensitivity: high", "sensitivity: extreme");

        var error = SingleError(yaml, "resources.prod-db.sensitivity", "sensitivity: extreme");

        Assert.Contains("low, medium, high or critical", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provisioner_without_kind_is_refused()
    {
        var yaml = With("{ kind: postgres, target: prod-db, role: prod_rw }", "{ target: prod-db, role: prod_rw }");

        SingleError(yaml, "resources.prod-db.provisioner.kind", "target: prod-db, role: prod_rw");
    }

    [Fact]
    public void A_provisioner_kind_that_is_not_installed_is_refused_when_the_kinds_are_known()
    {
        var yaml = With("kind: postgres", "kind: postgress");

        var errors = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Parse(yaml, FileName, ["manual", "postgres", "webhook"])).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("resources.prod-db.provisioner.kind", error.Path);
        Assert.Equal(LineOf(yaml, "kind: postgress"), error.Line);
        Assert.Equal(ColumnOf(yaml, "postgress"), error.Column);
        Assert.Contains("installed: manual, postgres, webhook", error.Message, StringComparison.Ordinal);
        Assert.Equal("postgress", PolicyLoader.Parse(yaml, FileName).Resources["prod-db"].Provisioner.Kind);
    }

    [Fact]
    public void A_secret_in_provisioner_settings_is_refused_without_echoing_it()
    {
        var yaml = With("role: prod_rw }", "role: prod_rw, password: hunter2-very-secret }");

        var error = SingleError(yaml, "resources.prod-db.provisioner.password", "password: hunter2");

        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_name_that_chat_could_misread_is_refused()
    {
        var yaml = With("  prod-db:", "  \"*prod db*\":");

        SingleError(yaml, "resources.*prod db*", "*prod db*");
    }

    [Fact]
    public void A_list_where_a_value_is_expected_is_reported()
    {
        var yaml = With("description: Production orders database (read/write)", "description: [a, b]");

        var error = SingleError(yaml, "resources.prod-db.description", "description: [a, b]");

        Assert.Contains("expected a single value, found a list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_without_a_value_is_reported()
    {
        var yaml = With("pending_timeout: 8h", "pending_timeout:");

        var error = SingleError(yaml, "resources.prod-db.pending_timeout", "    pending_timeout:");

        Assert.Equal("has no value", error.Message);
    }

    [Fact]
    public void Approvals_below_one_are_refused()
    {
        var yaml = With("approvals: 1,", "approvals: 0,");

        var error = SingleError(yaml, "resources.prod-db.steps[0].approvals", "approvals: 0");

        Assert.Equal("must be at least 1 (found 0)", error.Message);
    }

    [Fact]
    public void A_YAML_syntax_error_is_reported_with_its_line()
    {
        var yaml = With("start: \"08:00\"", "start: \"08:00");

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(LineOf(yaml, "start: \"08:00"), error.Line);
        Assert.StartsWith("YAML syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_bracket_is_a_syntax_error_where_the_scanner_stopped()
    {
        var yaml = With("days: [mon, tue, wed, thu, fri]", "days: [mon, tue, wed, thu, fri");

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(LineOf(yaml, "days: [mon") + 1, error.Line);
        Assert.StartsWith("YAML syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_is_a_syntax_error_at_the_second_key()
    {
        var yaml = With("    sensitivity: high\n", "    sensitivity: high\n    sensitivity: low\n");

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(LineOf(yaml, "sensitivity: low"), error.Line);
        Assert.Contains("Duplicate key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused_as_a_whole()
    {
        var error = Assert.Single(Errors("# nothing here\n"));

        Assert.Equal(0, error.Line);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_reported_in_file_order_not_only_the_first()
    {
        var yaml = Replace(Replace(With("max_duration: 4h", "max_duration: 4x"), "sensitivity: high", "sensitivity: loud"), "end: \"18:00\"", "end: \"07:00\"");

        var exception = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Parse(yaml, FileName));

        Assert.Equal(
            ["business_hours.end", "resources.prod-db.max_duration", "resources.prod-db.sensitivity"],
            exception.Errors.Select(e => e.Path));
        Assert.Equal(exception.Errors.OrderBy(e => e.Line).Select(e => e.Line), exception.Errors.Select(e => e.Line));
        Assert.All(exception.Errors, e => Assert.Contains(e.ToString(), exception.Message, StringComparison.Ordinal));
    }
}
