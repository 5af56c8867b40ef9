using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Rekindle.Channels.Email;
using Rekindle.Engine.Clock;
using Rekindle.Engine.Tracking;

namespace Rekindle.Engine.Outbox;

public static class EmailChannelExtensions
{
    /// <summary>
    /// The email channel: its composer (templates, coupons, recommendations, consent, tracking) and transport (the SMTP
    /// relay of section "Smtp", checked now; the dev mailbox while no host is set) under the name "email".
    /// </summary>
    public static IHostApplicationBuilder AddEmailChannel(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<EmailTracking>();
        services.AddSingleton<EmailEngagement>();
        services.AddSingleton<EmailComposer>();

        var smtp = builder.Configuration.GetSection(SmtpOptions.SectionName).Get<SmtpOptions>() ?? new SmtpOptions();
        services.AddSingleton(smtp);
        if (smtp.IsConfigured)
        {
            var problems = smtp.Validate();
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("SMTP configuration is not valid: " + string.Join("; ", problems));
            }

            services.AddSingleton<IEmailTransport>(sp => new SmtpEmailTransport(smtp, sp.GetRequiredKeyedService<TimeProvider>(RekindleClock.Key)));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageComposer, EmailMessageComposer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageTransport, EmailTransport>(sp => new EmailTransport(
            sp.GetService<IEmailTransport>(), sp.GetRequiredService<SmtpOptions>(), sp.GetRequiredService<EngineOptions>())));
        return builder;
    }
}
