namespace AccessBot.Adapters.Slack.Blocks;

/// <summary>The only action ids the bot puts on buttons, and so the only ones it accepts back.</summary>
public static class ActionIds
{
    public const string Approve = "approve";
    public const string Deny = "deny";
    public const string Cancel = "cancel";
    public const string Release = "release";
    public const string Extend = "extend";

    public static bool IsKnown(string actionId) => actionId is Approve or Deny or Cancel or Release or Extend;
}

/// <summary>Modal callback ids and their input block ids.</summary>
public static class ViewIds
{
    public const string RequestForm = "access_request";
    public const string DenyForm = "deny_comment";
    public const string ResourceBlock = "resource";
    public const string DurationBlock = "duration";
    public const string ReasonBlock = "reason";
    public const string CommentBlock = "comment";
    public const string InputAction = "input";
}
