using AccessBot.Adapters.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AccessBot.Tests.Adapters.Rendering;

public sealed class TemplateRendererTests : IDisposable
{
    private readonly DirectoryInfo _builtIn = Directory.CreateTempSubdirectory("templates-builtin-");
    private readonly DirectoryInfo _operator = Directory.CreateTempSubdirectory("templates-operator-");

    public void Dispose()
    {
        _builtIn.Delete(recursive: true);
        _operator.Delete(recursive: true);
    }

    private sealed class Brackets : ITextEscaper
    {
        public string Escape(string text) => $"[{text}]";
    }

    private TemplateRenderer Renderer() =>
        new(Options.Create(new TemplateOptions { BuiltInPath = _builtIn.FullName, TemplatesPath = _operator.FullName }));

    private void Write(DirectoryInfo root, string name, string text)
    {
        var path = Path.Combine(root.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Every_string_of_the_model_reaches_the_template_escaped_and_safe_text_does_not()
    {
        Write(_builtIn, "chat/greeting.sbn", "{{ name }} asked {{ mention }} for {{ items[0] }}");

        var text = Renderer().Render("chat/greeting.sbn",
            new { Name = "<!channel>", Mention = new SafeText("<@U1>"), Items = new[] { "prod-db" } }, new Brackets());

        Assert.Equal("[<!channel>] asked <@U1> for [prod-db]", text);
    }

    [Fact]
    public void An_operator_file_overrides_the_built_in_one_and_missing_files_fall_back()
    {
        Write(_builtIn, "a.sbn", "built-in a");
        Write(_builtIn, "b.sbn", "built-in b");
        Write(_operator, "a.sbn", "operator a");

        var renderer = Renderer();

        Assert.Equal("operator a", renderer.Render("a.sbn", new { }, new Brackets()));
        Assert.Equal("built-in b", renderer.Render("b.sbn", new { }, new Brackets()));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_refused_with_its_file_line_and_column()
    {
        Write(_builtIn, "ok.sbn", "fine");
        Write(_operator, "broken.sbn", "line one\n{{ if }}");

        var error = Assert.Throws<TemplateException>(Renderer);

        Assert.Contains("broken.sbn", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"\(2,\d+\)", error.Message);
    }

    [Fact]
    public async Task A_broken_template_stops_the_host_from_starting()
    {
        Write(_builtIn, "broken.sbn", "{{ end }}");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddTemplates();
        builder.Services.Configure<TemplateOptions>(o => o.BuiltInPath = _builtIn.FullName);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<TemplateException>(() => host.StartAsync());

        Assert.Contains("broken.sbn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_refusal_or_notice_template_in_the_operator_folder_stops_the_host_with_its_file()
    {
        Write(_builtIn, "slack/refusals/self_approval.sbn", "fine");
        Write(_operator, "slack/refusals/self_approval.sbn", "You {{ if }} cannot");
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddTemplates();
        builder.Services.Configure<TemplateOptions>(o => (o.BuiltInPath, o.TemplatesPath) = (_builtIn.FullName, _operator.FullName));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<TemplateException>(() => host.StartAsync());

        Assert.Contains(Path.Combine("slack", "refusals", "self_approval.sbn"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_up_check_parses_every_built_in_template_including_refusals_notices_and_labels()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddTemplates();
        using var host = builder.Build();

        await host.StartAsync();
        var names = host.Services.GetRequiredService<TemplateRenderer>().Names;
        await host.StopAsync();

        foreach (var platform in new[] { "slack", "teams", "cli" })
            foreach (var reason in Enum.GetValues<AccessBot.Workflows.AccessRequests.Refusal>())
                Assert.Contains(RefusalTexts.TemplateName(platform, reason), names);
        foreach (var platform in new[] { "slack", "teams" })
        {
            Assert.Contains($"{platform}/labels.sbn", names);
            foreach (var notice in HostileText.Notices()) Assert.Contains($"{platform}/notices/{notice.Name}.sbn", names);
        }
    }
}
