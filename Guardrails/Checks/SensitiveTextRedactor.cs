using Guardrails.Abstractions;
using Guardrails.Policies;

namespace Guardrails.Checks;

/// <summary>Redacts every kind of personal data and credential regardless of policy: what the audit log applies
/// to excerpts and reviewer notes, so that no event holds raw PII or secrets even when a policy only flags them.</summary>
internal static class SensitiveTextRedactor
{
    private static readonly IGuardrailCheck[] Checks =
    [
        new SecretCheck(), new EmailCheck(), new PaymentCardCheck(), new IbanCheck(), new SsnCheck(), new NhsNumberCheck(), new NationalIdCheck(), new DateOfBirthCheck(), new PhoneCheck(), new IpAddressCheck(),
    ];

    private static readonly CheckContext Context = new(
        GuardrailStage.Output,
        new GuardrailRequestContext { RequestId = "audit", Tenant = "audit" },
        GuardrailPolicy.AllowAll);

    /// <summary>Every sensitive span of <paramref name="text"/>.</summary>
    public static List<Detection> Find(string text)
    {
        var view = LookalikeView.Of(text);
        return view is null
            ? Checks.SelectMany(c => c.Detect(text, Context)).ToList()
            : Checks.SelectMany(c => c.Detect(view.Text, Context)).Select(view.ToOriginal).ToList();
    }

    public static string Redact(string text) => text.Length == 0 ? text : Redaction.Apply(text, Find(text));
}
