namespace WebhookReceiver;

/// <summary>The web host's entry point; <see cref="ReceiverApp.Build"/> is what tests start too.</summary>
public static class Program
{
    public static async Task Main(string[] args) => await ReceiverApp.Build(args).RunAsync();
}
