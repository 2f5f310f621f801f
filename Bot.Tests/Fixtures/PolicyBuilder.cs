using AccessBot.Workflows.Policy;

namespace AccessBot.Tests.Fixtures;

/// <summary>Builds <see cref="AccessPolicy"/> records for tests without a policy file.</summary>
public sealed class PolicyBuilder
{
    private readonly Dictionary<string, ResourcePolicy> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupPolicy> _groups = new(StringComparer.Ordinal);
    private string _version = "test-policy-v1";
    private string? _adminGroup;
    private PolicyDefaults _defaults = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(24), 3);

    public PolicyBuilder Version(string version)
    {
        _version = version;
        return this;
    }

    /// <summary>A group of people listed by email (<c>U…</c> and <c>aad:…</c> values list platform ids instead).</summary>
    public PolicyBuilder Group(string name, params string[] members)
    {
        _groups[name] = new GroupPolicy(name, [.. members.Select(ToMember)]);
        return this;
    }

    public PolicyBuilder Admins(string group)
    {
        _adminGroup = group;
        return this;
    }

    public PolicyBuilder Defaults(TimeSpan? remindBefore = null, TimeSpan? pendingTimeout = null, int? maxPending = null)
    {
        _defaults = new PolicyDefaults(
            remindBefore ?? _defaults.RemindBefore, pendingTimeout ?? _defaults.PendingTimeout, maxPending ?? _defaults.MaxPendingPerRequester);
        return this;
    }

    public PolicyBuilder Resource(string name, Action<ResourceBuilder>? configure = null)
    {
        var builder = new ResourceBuilder(name);
        configure?.Invoke(builder);
        _resources[name] = builder.Build();
        return this;
    }

    public AccessPolicy Build() => new(
        _version,
        "test-policy.yaml",
        new Dictionary<string, ResourcePolicy>(_resources, StringComparer.Ordinal),
        new Dictionary<string, GroupPolicy>(_groups, StringComparer.Ordinal),
        new Dictionary<string, ChannelPolicy>(StringComparer.Ordinal)
        {
            [ChannelPolicy.Approvals] = new(ChannelPolicy.Approvals, new Dictionary<string, string> { ["test"] = "C-APPROVALS" }),
            [ChannelPolicy.Security] = new(ChannelPolicy.Security, new Dictionary<string, string> { ["test"] = "C-SECURITY" }),
        },
        _defaults,
        new DigestSchedule("0 9 * * 1", "UTC", ChannelPolicy.Security),
        new BusinessHours("UTC", new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
            new TimeOnly(9, 0), new TimeOnly(17, 0)),
        _adminGroup);

    private static MemberRef ToMember(string value) =>
        value.StartsWith("aad:", StringComparison.Ordinal) ? new MemberRef(MemberKind.TeamsUser, value[4..])
        : value.Contains('@', StringComparison.Ordinal) ? new MemberRef(MemberKind.Email, value)
        : new MemberRef(MemberKind.SlackUser, value);

    public sealed class ResourceBuilder(string name)
    {
        private readonly List<ApprovalStep> _steps = [];
        private TimeSpan _default = TimeSpan.FromHours(1);
        private TimeSpan _max = TimeSpan.FromHours(8);
        private bool _reasonRequired;
        private AutoApproveRule? _auto;
        private BreakGlassRule? _breakGlass;
        private string _provisioner = "fake";
        private string? _channel;
        private TimeSpan? _pendingTimeout;
        private AccessBot.Workflows.Policy.Sensitivity _sensitivity = AccessBot.Workflows.Policy.Sensitivity.High;

        public ResourceBuilder Step(string group, int approvals = 1, TimeSpan? escalateAfter = null, string? escalateTo = null)
        {
            _steps.Add(new ApprovalStep(group, approvals, escalateAfter, escalateTo));
            return this;
        }

        public ResourceBuilder Durations(TimeSpan defaultDuration, TimeSpan max)
        {
            _default = defaultDuration;
            _max = max;
            return this;
        }

        public ResourceBuilder ReasonRequired(bool required = true)
        {
            _reasonRequired = required;
            return this;
        }

        public ResourceBuilder AutoApprove(TimeSpan? max, params string[] groups)
        {
            _auto = new AutoApproveRule(groups, max);
            return this;
        }

        public ResourceBuilder BreakGlass(TimeSpan max, params string[] groups)
        {
            _breakGlass = new BreakGlassRule(groups, max);
            return this;
        }

        public ResourceBuilder Provisioner(string kind)
        {
            _provisioner = kind;
            return this;
        }

        public ResourceBuilder Channel(string channel)
        {
            _channel = channel;
            return this;
        }

        public ResourceBuilder PendingTimeout(TimeSpan timeout)
        {
            _pendingTimeout = timeout;
            return this;
        }

        public ResourceBuilder Sensitivity(AccessBot.Workflows.Policy.Sensitivity sensitivity)
        {
            _sensitivity = sensitivity;
            return this;
        }

        internal ResourcePolicy Build() => new(
            name, $"{name} (test)", _default, _max, _reasonRequired, [.. _steps], _auto, _breakGlass, _sensitivity,
            new ProvisionerSpec(_provisioner, new Dictionary<string, string>()), _channel, _pendingTimeout);
    }
}
