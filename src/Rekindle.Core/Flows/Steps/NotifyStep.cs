using System.Text.Json;
using Rekindle.Core.Messaging;

namespace Rekindle.Core.Flows;

/// <summary>
/// Emails the shop's team about the contact ("a VIP just came back", "call this customer"): transactional, to
/// <paramref name="To"/>, with Liquid templates that see the contact like any email.
/// </summary>
public sealed record NotifyStep(string Id, string? Next, string To, string Subject, string Html, string? Text = null) : FlowStep(Id)
{
    public static StepType Type { get; } = new("notify", pauses: false, Read, "subject", "html", "text");

    public override StepType Kind => Type;

    public override IEnumerable<FlowStepLink> Links() => [new("next", Next)];

    public override IEnumerable<StepTemplate> Templates() =>
        [new("subject", Subject), new("html", Html), .. Text is null ? (StepTemplate[])[] : [new("text", Text)]];

    public override StepOutcome Execute(StepContext context)
    {
        context.Emit(new SendMessage(Id, new EmailContent(Subject, Html, Text, To: To) { Transactional = true }));
        return StepOutcome.Next(Next);
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("to", To);
        w.WriteString("subject", Subject);
        w.WriteString("html", Html);
        StepWriter.Optional(w, "text", Text);
        StepWriter.Optional(w, "next", Next);
    }

    private static NotifyStep? Read(StepReader r)
    {
        string? next = r.Link("next");
        string? to = r.RequiredString("to");
        if (to is not null && !System.Net.Mail.MailAddress.TryCreate(to, out _))
        {
            r.Error("to", "must be an email address (the team's)");
        }

        string? subject = r.RequiredString("subject");
        string? html = r.RequiredString("html");
        string? text = r.OptionalString("text");
        return r.Valid ? new NotifyStep(r.Id!, next, to!, subject!, html!, text) : null;
    }
}
