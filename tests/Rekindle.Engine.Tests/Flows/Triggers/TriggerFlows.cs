using Rekindle.Storage.Flows;
using Rekindle.Storage.Messages;
using Rekindle.Engine.Tests.Infrastructure;

namespace Rekindle.Engine.Tests.Flows.Triggers;

/// <summary>Flows with each kind of trigger, and probes of what they did.</summary>
public static class TriggerFlows
{
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public const string WinBack = """
        {"id":"win-back","name":"Win back","trigger":{"type":"inactivity","events":["Page Viewed"],"for":"90d"},
         "steps":[{"id":"mail","type":"sendEmail","subject":"We miss you, {{ contact.first_name }}","html":"<p>Come back</p>"}]}
        """;

    public const string Birthday = """
        {"id":"birthday","name":"Birthday","trigger":{"type":"dateTrait","trait":"birthday","at":"09:00","repeat":"yearly"},"reentry":"always",
         "steps":[{"id":"mail","type":"sendEmail","subject":"Happy birthday, {{ contact.first_name }}","html":"<p>Cake</p>"}]}
        """;

    public const string Gold = """
        {"id":"gold","name":"Welcome to gold","trigger":{"type":"traitChanged","trait":"tier","from":"silver","to":"gold"},"reentry":"always",
         "steps":[{"id":"mail","type":"sendEmail","subject":"Gold!","html":"<p>Gold</p>"}]}
        """;

    public const string OptedIn = """
        {"id":"opted-in","name":"Thanks for subscribing","trigger":{"type":"consentChanged","channel":"email","to":"subscribed"},"reentry":"always",
         "steps":[{"id":"mail","type":"sendEmail","subject":"You're in","html":"<p>Welcome</p>"}]}
        """;

    public const string Thanks = """
        {"id":"thanks","name":"Thanks, at most monthly","trigger":{"events":["Order Completed"]},"reentry":{"oncePer":"30d"},
         "steps":[{"id":"mail","type":"sendEmail","subject":"Thank you","html":"<p>Thanks</p>"}]}
        """;

    public const string Review = """
        {"id":"review","name":"Review each order","trigger":{"events":["Order Completed"]},"reentry":{"perKey":"order_id"},
         "steps":[{"id":"wait","type":"wait","duration":"7d","next":"mail"},
                  {"id":"mail","type":"sendEmail","subject":"How was order {{ contact.first_name }}?","html":"<p>Review</p>"}]}
        """;

    public static async Task<IReadOnlyList<DueTimer>> TriggerTimersAsync(this EngineHost engine, string flowId) =>
        [.. (await engine.Flows.DueTimersAsync(DateTimeOffset.MaxValue.AddYears(-1), 1000, CancellationToken.None)).Where(t => t.FlowId == flowId)];

    public static async Task<IReadOnlyList<OutboxMessage>> MailsAsync(this EngineHost engine, string contactId, string flowId) =>
        [.. (await engine.Messages.ForContactAsync(contactId, CancellationToken.None)).Where(m => m.FlowId == flowId).OrderBy(m => m.CreatedAt)];

    public static async Task<string> ContactAsync(this EngineHost engine, string email) =>
        (await engine.Contacts.LookupAsync("email", email, CancellationToken.None))!;
}
