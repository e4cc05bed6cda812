using Guardrails.Checks;
using Guardrails.Tests.Support;

namespace Guardrails.Tests.Checks;

public sealed class PiiCheckTests
{
    [Theory]
    [InlineData("Write to jane.doe@acme.com today", "jane.doe@acme.com")]
    [InlineData("mailto:ops+alerts@mail.example.co.uk", "ops+alerts@mail.example.co.uk")]
    [InlineData("<a href=\"mailto:bob@corp.io\">", "bob@corp.io")]
    [InlineData("Email: J_Smith-99@sub.domain.travel.", "J_Smith-99@sub.domain.travel")]
    [InlineData("Send it to jürgen@müller.de please", "jürgen@müller.de")]
    [InlineData("Send it to José.Pérez@correo.es please", "José.Pérez@correo.es")]
    [InlineData("Send it to firstname.o'brien@example.ie please", "firstname.o'brien@example.ie")]
    [InlineData("Send it to user%test@example.org please", "user%test@example.org")]
    [InlineData("quoted 'jane@acme.com' here", "jane@acme.com")]
    [InlineData("请发邮件到support@example.com谢谢", "support@example.com")]
    [InlineData("メールはsupport@example.comまでお願いします", "support@example.com")]
    [InlineData("我们的客服团队全天候为您服务如果您在使用产品的过程中遇到任何问题或者有任何建议都可以随时联系我们我们会尽快回复您的邮件并帮助您解决问题官方客服邮箱地址support@example.com", "support@example.com")]
    [InlineData("Пишите на иван.петров@почта.рф сегодня", "иван.петров@почта.рф")]
    [InlineData("send it to jane.doe@example.com.pdf", "jane.doe@example.com")]
    [InlineData("or jane.doe@example.com.txt", "jane.doe@example.com")]
    [InlineData("Jane.Doe@Example.COM.PDF attached", "Jane.Doe@Example.COM")]
    [InlineData("saved as jane.doe@example.com.pdf.zip", "jane.doe@example.com")]
    [InlineData("attached: jane.doe@example.com.docx", "jane.doe@example.com")]
    [InlineData("email:jane.doe@example.com", "jane.doe@example.com")]
    [InlineData("Reply-To:jane.doe@example.com", "jane.doe@example.com")]
    [InlineData("https://example.com/u/jane.doe@example.com/profile", "jane.doe@example.com")]
    [InlineData("jane.doe@example.com:hunter2", "jane.doe@example.com")]
    [InlineData("export_jane.doe@example.com_2024.csv", "export_jane.doe@example.com")]
    [InlineData("write to jane.doe@[192.0.2.10]", "jane.doe@[192.0.2.10]")]
    [InlineData("budi.santoso@perusahaan.co.id", "budi.santoso@perusahaan.co.id")]
    [InlineData("jane@example.com(home)", "jane@example.com")]
    [InlineData("bundle@app.min.js", null)]
    [InlineData("jquery@3.7.1.min.js", null)]
    [InlineData("data@v2.config.json", null)]
    [InlineData("attn = q@k.transpose(-2, -1)", null)]
    [InlineData("row@user.id", null)]
    [InlineData("x@y.attr_name", null)]
    [InlineData("https://jane@example.com/", null)]
    [InlineData("deploy@prod.example.com:~/app", null)]
    [InlineData("jane@example.com:22", null)]
    [InlineData("git@github.com:org/repo.git", null)]
    [InlineData("background: url(icon@2x.png)", null)]
    [InlineData("npm i lodash@4.17.21", null)]
    [InlineData("https://user:pa55@db.internal.net/x", null)]
    [InlineData("@Override public void run()", null)]
    [InlineData("root@localhost:~$ ls", null)]
    [InlineData("weights = inputs@layer.shape", null)]
    [InlineData("mongodb+srv://admin:p@ss!x@cluster0.mongodb.net/test", null)]
    [InlineData("{\"website\":\"https://acme.com\",\"email\":\"jane@acme.com\"}", "jane@acme.com")]
    [InlineData("Acme Ltd,https://acme.com,jane@acme.com", "jane@acme.com")]
    [InlineData("'https://acme.com';'jane@acme.com'", "jane@acme.com")]
    [InlineData("<https://acme.com>jane@acme.com", "jane@acme.com")]
    [InlineData("(https://acme.com)jane@acme.com", "jane@acme.com")]
    [InlineData("https://acme.com:8443,jane@acme.com", "jane@acme.com")]
    [InlineData("https://host:8080#team@example.com", "team@example.com")]
    [InlineData("postgres://app:ab,cd@db.example.com/app", null)]
    [InlineData("mysql://root:p;ss(x)@db.example.com/app", null)]
    public void Email_by_table(string text, string? expected) => AssertSingle(new EmailCheck(), text, expected);

    [Theory]
    [InlineData("Write to jane.doe(at)example.com today", "jane.doe(at)example.com")]
    [InlineData("Mail jane.doe [at] example [dot] com please", "jane.doe [at] example [dot] com")]
    [InlineData("contact: jane.doe{at}example.co.uk", "jane.doe{at}example.co.uk")]
    [InlineData("jane.doe[at]example.com", "jane.doe[at]example.com")]
    [InlineData("jane.doe (AT) example (DOT) com", "jane.doe (AT) example (DOT) com")]
    [InlineData("write to jane[@]example.com", "jane[@]example.com")]
    [InlineData("write to jane@example[dot]com", "jane@example[dot]com")]
    [InlineData("write to jane@example dot com", "jane@example dot com")]
    [InlineData("saved as jane.doe(at)example.com.pdf", "jane.doe(at)example.com")]
    [InlineData("Reach me at jane dot doe at example dot com.", "jane dot doe at example dot com")]
    [InlineData("look at jane dot doe at example dot com", "jane dot doe at example dot com")]
    [InlineData("jane_doe at example dot org", "jane_doe at example dot org")]
    [InlineData("My email is jane at example dot co dot uk.", "jane at example dot co dot uk")]
    [InlineData("Email: support at acme dot io", "support at acme dot io")]
    [InlineData("send it to bob at gmail dot com", "bob at gmail dot com")]
    [InlineData("write to jane{@}example.com", "jane{@}example.com")]
    [InlineData("write to jane{ @ }example.com", "jane{ @ }example.com")]
    [InlineData("Email marketing at scale dot com style campaigns", null)]
    [InlineData("look at this dot com bubble", null)]
    [InlineData("I worked at amazon dot com for years", null)]
    [InlineData("she laughed at my dot com startup", null)]
    [InlineData("Look at this dot in the sky", null)]
    [InlineData("email me at noon dot com style", null)]
    [InlineData("meet me at example.com", null)]
    [InlineData("jane.doe at example.com", null)]
    [InlineData("var n = arr[at].length;", null)]
    [InlineData("moves[at].to = square;", null)]
    [InlineData("Hi <at>jane.doe</at>", null)]
    [InlineData("print(at) and more dots", null)]
    public void Disguised_email_by_table(string text, string? expected) => AssertSingle(new EmailCheck(), text, expected);

    [Theory]
    [InlineData("Call me at +1 (415) 555-0132 tomorrow", "+1 (415) 555-0132")]
    [InlineData("UK office: +44 20 7946 0958.", "+44 20 7946 0958")]
    [InlineData("Tel. +44 (0)20 7946 0958", "+44 (0)20 7946 0958")]
    [InlineData("Mobile 06 12 34 56 78", "06 12 34 56 78")]
    [InlineData("ring 020 7946 0958 after 5", "020 7946 0958")]
    [InlineData("(212) 555-0147 is the front desk", "(212) 555-0147")]
    [InlineData("+49 30 12345678", "+49 30 12345678")]
    [InlineData("0049 30 1234567", "0049 30 1234567")]
    [InlineData("call 5551234567 now", "5551234567")]
    [InlineData("tel:+1-415-555-0132", "+1-415-555-0132")]
    [InlineData("mobile:07700 900123", "07700 900123")]
    [InlineData("fax:(212) 555-0147", "(212) 555-0147")]
    [InlineData("{\"phone\":4155550132}", "4155550132")]
    [InlineData("at 12:30:45 the server", null)]
    [InlineData("the time 10:4155550132", null)]
    [InlineData("score:+15 points", null)]
    [InlineData("Order #5551234567 shipped", null)]
    [InlineData("Your order number is 4111-2222-3333", null)]
    [InlineData("the tracking number was 5551234567", null)]
    [InlineData("my number is 555 123 4567", "555 123 4567")]
    [InlineData("Released 2024-01-15 as 10.2.3", null)]
    [InlineData("Invoice no. 0201234567", null)]
    [InlineData("The total is $1,234,567.89", null)]
    [InlineData("Card 4111 1111 1111 1111", null)]
    [InlineData("server 192.168.10.20", null)]
    [InlineData("population grew by +100 200 300", null)]
    [InlineData("SSN 123-45-6780 on file", null)]
    public void Phone_by_table(string text, string? expected) => AssertSingle(new PhoneCheck(), text, expected);

    [Theory]
    [InlineData("Card: 4111 1111 1111 1111 exp 12/27", "4111 1111 1111 1111")]
    [InlineData("pay with 5500-0000-0000-0004", "5500-0000-0000-0004")]
    [InlineData("amex 3782 822463 10005", "3782 822463 10005")]
    [InlineData("number 4242424242424242.", "4242424242424242")]
    [InlineData("card #4111 1111 1111 1111", "4111 1111 1111 1111")]
    [InlineData("card 4111  1111  1111  1111", "4111  1111  1111  1111")]
    [InlineData("table 4111  1111  1111  1111  1", null)]
    [InlineData("issue #4111111111111111", null)]
    [InlineData("Order #4111111111111111 shipped", null)]
    [InlineData("card 4111 1111 1111 1112", null)]
    [InlineData("id 1234567812345670 in db", null)]
    [InlineData("4111-1111 1111-1111", null)]
    [InlineData("sha 4111111111111111abcdef", null)]
    [InlineData("order #4111 1111 1111 1111 was paid by card 4111 1111 1111 1111", "4111 1111 1111 1111")]
    [InlineData("card 4111.1111.1111.1111 exp 12/27", "4111.1111.1111.1111")]
    [InlineData("pay with 5500/0000/0000/0004", "5500/0000/0000/0004")]
    [InlineData("const card = \"4111_1111_1111_1111\";", "4111_1111_1111_1111")]
    [InlineData("card 4111 - 1111 - 1111 - 1111 ok", "4111 - 1111 - 1111 - 1111")]
    [InlineData("amex 3782.822463.10005", "3782.822463.10005")]
    [InlineData("card 4111.1111.1111.1112", null)]
    [InlineData("build 4111.1111.1111.1111", null)]
    [InlineData("card 4111.1111 1111.1111", null)]
    [InlineData("card 4111.1111.1111.1111.1", null)]
    [InlineData("host 192.168.100.200", null)]
    [InlineData("total 1.234.567.890.123", null)]
    [InlineData("Windows 10.0.19041.1111", null)]
    [InlineData("order #4111.1111.1111.1111", null)]
    public void Card_by_table(string text, string? expected)
    {
        var matches = TestPolicies.Matches(new PaymentCardCheck(), text);
        if (expected is null)
        {
            Assert.Empty(matches);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(matches));
        }
    }

    [Theory]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX", "DE89 3704 0044 0532 0130 00")]
    [InlineData("GB29NWBK60161331926819", "GB29NWBK60161331926819")]
    [InlineData("to FR14 2004 1010 0505 0001 3M02 606.", "FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("DE89 3704 0044 0532 0130 01", null)]
    [InlineData("SKU GB12ABCD123456789012", null)]
    [InlineData("DE89370400440532013000123", null)]
    public void Iban_by_table(string text, string? expected) => AssertSingle(new IbanCheck(), text, expected);

    [Theory]
    [InlineData("SSN: 536-22-8471", "536-22-8471")]
    [InlineData("social security number 536 22 8471", "536 22 8471")]
    [InlineData("ssn 536228471", "536228471")]
    [InlineData("My social is 536 22 8471.", "536 22 8471")]
    [InlineData("her social number 536228471", "536228471")]
    [InlineData("my social media 536 22 8471 followers", null)]
    [InlineData("536-22-8471 was on the form", "536-22-8471")]
    [InlineData("000-12-3456", null)]
    [InlineData("666-12-3456", null)]
    [InlineData("912-12-3456", null)]
    [InlineData("536-00-8471", null)]
    [InlineData("536-22-0000", null)]
    [InlineData("078-05-1120", null)]
    [InlineData("SSN 123-45-6789", "123-45-6789")]
    [InlineData("My social security number is 123-45-6789.", "123-45-6789")]
    [InlineData("email a@b.com, SSN: 078-05-1120", "078-05-1120")]
    [InlineData("part 536-22-8471", null)]
    [InlineData("call 536228471", null)]
    public void Ssn_by_table(string text, string? expected) => AssertSingle(new SsnCheck(), text, expected);

    [Theory]
    [InlineData("login from 203.0.113.45 failed", "203.0.113.45")]
    [InlineData("GET http://10.20.30.40:8080/health", "10.20.30.40")]
    [InlineData("peer 2001:db8:85a3::8a2e:370:7334 connected", "2001:db8:85a3::8a2e:370:7334")]
    [InlineData("fe80::1ff:fe23:4567:890a%eth0", "fe80::1ff:fe23:4567:890a%eth0")]
    [InlineData("dns 8.8.8.8", "8.8.8.8")]
    [InlineData("ssh admin@192.168.1.20", "192.168.1.20")]
    [InlineData("npm i pkg@1.2.3.4", null)]
    [InlineData("Upgrade to version 10.0.0.1 today", null)]
    [InlineData("Chrome/120.0.6099.109", null)]
    [InlineData("Chrome/120.0.1.2 Safari", null)]
    [InlineData("See section 1.2.3.4", null)]
    [InlineData("OID 1.3.6.1.4.1.311", null)]
    [InlineData("listening on 127.0.0.1:5000", null)]
    [InlineData("std::vector<int> a::b", null)]
    [InlineData("at 12:30:45 sharp", null)]
    [InlineData("MAC 00:1A:2B:3C:4D:5E", null)]
    [InlineData("bind to ::1", null)]
    [InlineData("use 1.2.3.4 of the spec", null)]
    public void Ip_by_table(string text, string? expected) => AssertSingle(new IpAddressCheck(), text, expected);

    private static void AssertSingle(IGuardrailCheck check, string text, string? expected)
    {
        var matches = TestPolicies.Matches(check, text);
        if (expected is null)
        {
            Assert.Empty(matches);
        }
        else
        {
            Assert.Equal([expected], matches);
        }
    }
}
