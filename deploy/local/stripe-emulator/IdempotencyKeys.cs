namespace Coursera.StripeEmulator;

/// <summary>
/// Stripe's <c>Idempotency-Key</c>: a POST repeated with the same key gets the first response again, and changes
/// nothing (Stripe.net sends a key with every POST and reuses it on its own retries).
/// </summary>
public sealed class IdempotencyKeys(StripeState state) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0)
        {
            await next(context);
            return;
        }

        var scoped = $"{context.Request.Path}|{key}";
        if (state.TryReplay(scoped, out var earlier))
        {
            context.Response.StatusCode = earlier.Status;
            context.Response.ContentType = "application/json";
            context.Response.Headers["Idempotent-Replayed"] = "true";
            await context.Response.WriteAsync(earlier.Body);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        if (context.Response.StatusCode < 500)
        {
            state.Remember(scoped, context.Response.StatusCode, body);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }
}
