using System.Text;
using System.Text.RegularExpressions;
using AccessBot.Workflows.Provisioning.Postgres;

namespace AccessBot.Tests.Integration.Provisioning;

public sealed partial class PostgresLoginNameTests
{
    [Fact]
    public void Plain_email_maps_to_a_readable_name_and_back()
    {
        var name = PostgresLoginName.For("Alice@Example.COM");

        Assert.Equal("ab_alice__example_com", name);
        Assert.True(PostgresLoginName.TryGetEmail(name, out var email));
        Assert.Equal("alice@example.com", email);
    }

    [Theory]
    [InlineData("alice.smith@example.com", "ab_alice_smith__example_com___")]
    [InlineData("bob@my-company.example", "ab_bob__my_company_example___")]
    [InlineData("o'brien\"; drop table t; --@example.com", "ab_o_brien___drop_table_t_____")]
    [InlineData("jürgen@exämple.com", "ab_j_rgen__ex_mple_com___")]
    public void Replaced_characters_add_a_hash_suffix_and_leave_only_safe_characters(string email, string expectedStart)
    {
        var name = PostgresLoginName.For(email);

        Assert.StartsWith(expectedStart, name, StringComparison.Ordinal);
        Assert.Matches(SafeName(), name);
        Assert.False(PostgresLoginName.TryGetEmail(name, out _));
        Assert.True(PostgresLoginName.Matches(name, email));
    }

    [Fact]
    public void Emails_that_differ_only_in_replaced_characters_get_different_names()
    {
        var dotted = PostgresLoginName.For("a.b@example.com");
        var underscored = PostgresLoginName.For("a_b@example.com");

        Assert.NotEqual(dotted, underscored);
    }

    [Fact]
    public void Long_emails_are_cut_to_63_bytes_and_stay_distinct()
    {
        var prefix = new string('x', 80);

        var first = PostgresLoginName.For(prefix + "1@example.com");
        var second = PostgresLoginName.For(prefix + "2@example.com");

        Assert.Equal(PostgresLoginName.MaxBytes, Encoding.UTF8.GetByteCount(first));
        Assert.Equal(PostgresLoginName.MaxBytes, Encoding.UTF8.GetByteCount(second));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Composed_and_decomposed_unicode_spellings_are_the_same_person()
    {
        Assert.Equal(PostgresLoginName.For("ren\u00e9@example.com"), PostgresLoginName.For("rene\u0301@example.com"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    public void Text_that_is_not_an_email_is_refused(string text)
    {
        Assert.False(PostgresLoginName.IsValidEmail(text));
        Assert.Throws<ArgumentException>(() => PostgresLoginName.For(text));
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("ab_alice__example_com___deadbeef")]
    [InlineData("ab_Alice__example_com")]
    [InlineData("ab_alice__example__com")]
    [InlineData("ab___example_com")]
    public void Names_outside_the_plain_rule_map_to_no_email(string name)
    {
        Assert.False(PostgresLoginName.TryGetEmail(name, out _));
    }

    [GeneratedRegex("^ab_[a-z0-9_]{1,60}$")]
    private static partial Regex SafeName();
}
